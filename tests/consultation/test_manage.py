"""Consultation analysts set up campaigns, phases and questions without the admin pages."""

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client

from digiready.accounts.models import AuditEvent, Role, User
from digiready.consultation import services
from digiready.consultation.manage_forms import STANDARD_WORDING
from digiready.consultation.models import Campaign, Phase, Question

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()
MANAGE = "/conversations/manage/"


def date_fields(name: str, date: dt.date | None = None, **typed: str) -> dict[str, str]:
    parts = {"day": str(date.day), "month": str(date.month), "year": str(date.year)} if date else {}
    return {f"{name}[{part}]": value for part, value in {**parts, **typed}.items()}


def phase_data(opens: dt.date, closes: dt.date, **extra: str) -> dict[str, str]:
    return {
        "title": "Phase 1: everyone",
        "audience": "Everyone who uses data and technology at work.",
        **date_fields("opens_on", opens),
        **date_fields("closes_on", closes),
        "position": "1",
        **extra,
    }


def campaign_data(**extra: str) -> dict[str, str]:
    return {
        "title": "Records at the bedside: what would help?",
        "slug": "",
        **STANDARD_WORDING,
        "published": "True",
        **extra,
    }


@pytest.fixture
def analyst(make_person: Callable[..., User], signed_in: Callable[[User], Client]) -> Client:
    return signed_in(make_person(role=Role.CONSULTATION_ANALYST))


@pytest.fixture
def campaign() -> Campaign:
    return Campaign.objects.create(
        slug="existing",
        title="An existing campaign",
        purpose="To test.",
        how_used="For tests.",
        what_stored="Your words.",
    )


@pytest.fixture
def question(campaign: Campaign) -> Question:
    phase = Phase.objects.create(
        campaign=campaign,
        title="Phase 1",
        audience="Everyone",
        opens_on=TODAY - dt.timedelta(days=1),
        closes_on=TODAY + dt.timedelta(days=1),
    )
    return Question.objects.create(phase=phase, text="What would help you?")


def manage_urls(question: Question) -> list[str]:
    slug, phase_id = question.phase.campaign.slug, question.phase.pk
    return [
        MANAGE,
        f"{MANAGE}new/",
        f"{MANAGE}{slug}/",
        f"{MANAGE}{slug}/edit/",
        f"{MANAGE}{slug}/phases/new/",
        f"{MANAGE}{slug}/phases/{phase_id}/",
        f"{MANAGE}{slug}/phases/{phase_id}/delete/",
        f"{MANAGE}{slug}/phases/{phase_id}/questions/new/",
        f"{MANAGE}{slug}/questions/{question.pk}/",
        f"{MANAGE}{slug}/questions/{question.pk}/delete/",
    ]


# Who may ------------------------------------------------------------------------------------


def test_anonymous_people_are_sent_to_sign_in(client: Client, question: Question) -> None:
    for url in manage_urls(question):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/accounts/sign-in/" in response["Location"]


def test_staff_even_django_staff_are_refused(
    question: Question, make_person: Callable[..., User], signed_in: Callable[[User], Client]
) -> None:
    staff = signed_in(make_person())
    for url in manage_urls(question):
        assert staff.get(url).status_code == 403, url
        assert staff.post(url, {}).status_code == 403, url
    django_staff = signed_in(make_person(is_staff=True))
    assert django_staff.get(MANAGE).status_code == 403
    assert Question.objects.filter(pk=question.pk).exists()


@pytest.mark.parametrize("role", [Role.CONSULTATION_ANALYST, Role.ADMINISTRATOR])
def test_consultation_analysts_and_administrators_may(
    question: Question,
    make_person: Callable[..., User],
    signed_in: Callable[[User], Client],
    role: str,
) -> None:
    person = signed_in(make_person(role=role))
    for url in manage_urls(question):
        assert person.get(url).status_code == 200, url


def test_analysts_find_the_pages_from_the_queue_and_the_conversations_page(
    client: Client, analyst: Client
) -> None:
    assert 'href="/conversations/manage/"' in analyst.get("/conversations/moderation/").text
    assert 'href="/conversations/manage/"' in analyst.get("/conversations/").text
    client.logout()
    assert "Manage campaigns" not in client.get("/conversations/").text


# A campaign from start to finish ------------------------------------------------------------


def test_an_analyst_sets_up_a_campaign_from_start_to_finish(analyst: Client) -> None:
    # A new campaign starts with the service's standard wording, hidden until it is ready.
    form = analyst.get(f"{MANAGE}new/")
    assert form.text.count("<title>Create a campaign – Online conversation – ") == 1
    assert STANDARD_WORDING["what_stored"] in form.text
    assert 'value="False" checked' in form.text

    response = analyst.post(f"{MANAGE}new/", campaign_data(published="False"))
    campaign = Campaign.objects.get()
    assert campaign.slug == "records-at-the-bedside-what-would-help"
    assert not campaign.published
    assert response["Location"] == f"{MANAGE}{campaign.slug}/"
    slug = campaign.slug

    # Edit it: publish it and give it a shorter address.
    analyst.post(f"{MANAGE}{slug}/edit/", campaign_data(slug="bedside", published="True"))
    campaign.refresh_from_db()
    assert (campaign.slug, campaign.published) == ("bedside", True)

    # A phase that closes before it opens is refused, with the error on the close date.
    bad = analyst.post(
        f"{MANAGE}bedside/phases/new/", phase_data(TODAY, TODAY - dt.timedelta(days=1))
    )
    assert bad.status_code == 200
    assert "<title>Error: Add a phase" in bad.text
    message = "The date the phase closes must be the same as or after the date it opens"
    assert message in bad.text
    assert 'href="#id_closes_on-day"' in bad.text  # the error summary links to the date
    assert not campaign.phases.exists()
    analyst.post(f"{MANAGE}bedside/phases/new/", phase_data(TODAY, TODAY + dt.timedelta(days=30)))
    phase = campaign.phases.get()
    assert (phase.opens_on, phase.closes_on) == (TODAY, TODAY + dt.timedelta(days=30))

    # Add a question to it.
    analyst.post(
        f"{MANAGE}bedside/phases/{phase.pk}/questions/new/",
        {"text": "What slows you down at the bedside?", "hint": "", "position": "1"},
    )
    question = phase.questions.get()

    # The management page lists it all, with the phase's state in words.
    manage = analyst.get(f"{MANAGE}bedside/").text
    assert "Phase 1: everyone" in manage and question.text in manage
    assert "Open: taking contributions until" in manage
    assert "0 contributions" in manage

    # The public page shows the new phase and question, open for contributions.
    public = Client().get("/conversations/bedside/")
    assert "Phase 1: everyone" in public.text
    assert f'href="/conversations/bedside/questions/{question.pk}/"' in public.text

    # Every change is in the audit log.
    changes = AuditEvent.objects.filter(action=AuditEvent.Action.CAMPAIGN_CHANGED)
    assert sorted(changes.values_list("detail__change", flat=True)) == [
        "created",
        "details changed",
        "phase added",
        "question added",
    ]


def test_deleting_is_refused_while_contributions_exist_and_allowed_when_none(
    analyst: Client, question: Question
) -> None:
    slug, phase = question.phase.campaign.slug, question.phase
    for _ in range(3):
        services.submit(question, "More time to learn")
    delete_question = f"{MANAGE}{slug}/questions/{question.pk}/delete/"
    delete_phase = f"{MANAGE}{slug}/phases/{phase.pk}/delete/"

    refused = analyst.get(delete_question)
    assert "it has 3 contributions" in refused.text
    assert "Delete this question" not in refused.text.split("</h1>")[1]  # no button
    assert analyst.post(delete_question).status_code == 409
    assert "its questions have 3 contributions" in analyst.get(delete_phase).text
    assert analyst.post(delete_phase).status_code == 409
    assert Question.objects.filter(pk=question.pk).exists()

    empty = Question.objects.create(phase=phase, text="Anything else?", position=2)
    url = f"{MANAGE}{slug}/questions/{empty.pk}/delete/"
    assert "Nobody has contributed to it yet" in analyst.get(url).text
    assert analyst.post(url).status_code == 302
    assert not Question.objects.filter(pk=empty.pk).exists()

    question.contributions.all().delete()
    assert analyst.post(delete_phase).status_code == 302
    assert not Phase.objects.filter(pk=phase.pk).exists()
    deleted = AuditEvent.objects.filter(action=AuditEvent.Action.CAMPAIGN_CHANGED)
    assert sorted(deleted.values_list("detail__change", flat=True)) == [
        "phase deleted",
        "question deleted",
    ]


def test_a_phase_or_question_of_another_campaign_is_not_found(
    analyst: Client, question: Question
) -> None:
    other = Campaign.objects.create(slug="other", title="Other", purpose="p", how_used="h")
    assert analyst.get(f"{MANAGE}other/phases/{question.phase.pk}/").status_code == 404
    assert analyst.get(f"{MANAGE}other/questions/{question.pk}/delete/").status_code == 404
    assert analyst.post(f"{MANAGE}{other.slug}/questions/{question.pk}/delete/").status_code == 404


def test_the_list_shows_unpublished_campaigns_too(analyst: Client, campaign: Campaign) -> None:
    Campaign.objects.create(slug="hidden", title="A hidden one", purpose="p", published=False)
    page = analyst.get(MANAGE).text
    assert 'href="/conversations/manage/existing/"' in page
    assert 'href="/conversations/manage/hidden/"' in page
    assert 'href="/conversations/manage/new/"' in page


# Slugs --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("slug", "message"),
    [
        ("manage", "“manage” is used by the service"),
        ("moderation", "“moderation” is used by the service"),
        ("existing", "Another campaign already uses the web address existing"),
        ("two words", "only lower case letters, numbers and hyphens"),
        ("-dash-", "only lower case letters, numbers and hyphens"),
    ],
)
def test_slug_rules(analyst: Client, campaign: Campaign, slug: str, message: str) -> None:
    response = analyst.post(f"{MANAGE}new/", campaign_data(slug=slug))
    assert message in response.text
    assert Campaign.objects.count() == 1


def test_a_slug_is_made_from_the_title_and_must_still_be_free(
    analyst: Client, campaign: Campaign
) -> None:
    made = analyst.post(f"{MANAGE}new/", campaign_data(title="An existing campaign", slug=""))
    assert made["Location"] == f"{MANAGE}an-existing-campaign/"
    again = analyst.post(f"{MANAGE}new/", campaign_data(title="An existing campaign!", slug=""))
    assert "Another campaign already uses the web address an-existing-campaign" in again.text
    manage = analyst.post(f"{MANAGE}new/", campaign_data(title="Manage", slug=""))
    assert "“manage” is used by the service" in manage.text
    symbols = analyst.post(f"{MANAGE}new/", campaign_data(title="???", slug=""))
    assert "Enter a web address" in symbols.text
    # A campaign keeps its own address when saved again.
    analyst.post(f"{MANAGE}existing/edit/", campaign_data(slug="existing", title="Renamed"))
    assert Campaign.objects.get(slug="existing").title == "Renamed"


def test_a_form_with_errors_leads_back_to_the_campaign_as_saved(
    analyst: Client, campaign: Campaign
) -> None:
    typed = campaign_data(slug="renamed", title="A new title", purpose="")
    response = analyst.post(f"{MANAGE}existing/edit/", typed)
    assert "Enter what the conversation is for" in response.text
    assert '<span class="nhsuk-caption-l">An existing campaign</span>' in response.text
    assert 'href="/conversations/manage/existing/"' in response.text
    assert Campaign.objects.get().slug == "existing"
