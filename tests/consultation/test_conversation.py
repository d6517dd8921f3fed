"""Contributing without an account, anonymity, spam defences, votes, comments and moderation."""

import datetime as dt
import logging
from collections.abc import Callable, Iterator

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from digiready.accounts.models import AuditEvent, Role, User
from digiready.consultation import services
from digiready.consultation.models import (
    Campaign,
    Comment,
    Contribution,
    Phase,
    Question,
    Status,
    Vote,
)

pytestmark = pytest.mark.django_db

IP = "203.0.113.77"
AGENT = "Mozilla/5.0 (X11; Linux x86_64) DigitalReadyTest/1.0"
SECRET_WORDS = "my manager Priya Sharma on 07700 900123, NHS number 943 476 5919"


@pytest.fixture
def question() -> Question:
    today = dt.date.today()
    campaign = Campaign.objects.create(
        slug="test-conversation",
        title="Test conversation",
        purpose="To test.",
        how_used="For tests.",
        what_stored="Your words.",
    )
    phase = Phase.objects.create(
        campaign=campaign,
        title="Phase 1",
        audience="Everyone",
        opens_on=today - dt.timedelta(days=1),
        closes_on=today + dt.timedelta(days=1),
    )
    return Question.objects.create(phase=phase, text="What would help you?")


def contribute_url(question: Question) -> str:
    return f"/conversations/{question.phase.campaign.slug}/questions/{question.pk}/"


def send(client: Client, question: Question, text: str, **extra: str) -> object:
    return client.post(
        contribute_url(question),
        {"text": text, **extra},
        REMOTE_ADDR=IP,
        HTTP_USER_AGENT=AGENT,
    )


@pytest.fixture
def logs(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    caplog.set_level(logging.DEBUG)
    yield caplog


def test_anyone_contributes_without_an_account_as_often_as_they_like(
    client: Client, question: Question
) -> None:
    for n in range(3):
        response = send(client, question, f"We need protected time for training, idea {n}.")
        assert response.status_code == 302
    assert Contribution.objects.filter(question=question).count() == 3
    thanks = client.get(response["Location"])  # type: ignore[index]
    assert "Thank you for your contribution" in thanks.text


def test_nothing_identifying_is_stored_or_logged(
    client: Client, question: Question, logs: pytest.LogCaptureFixture
) -> None:
    with CaptureQueriesContext(connection) as queries:
        send(
            client,
            question,
            SECRET_WORDS,
            staff_group="nurses",
            profession="nurse",
            confidence="3",
        )
    stored = Contribution.objects.get()
    row = {f.name: getattr(stored, f.name) for f in Contribution._meta.concrete_fields}
    flat = " ".join(str(value) for value in row.values())
    # No address, browser, account or e-mail anywhere in the row, and only a date, no time.
    assert IP not in flat and AGENT not in flat
    assert set(row) == {
        "id",
        "original_text",
        "text",
        "redactions",
        "status",
        "reject_reason",
        "moderated_on",
        "created_on",
        "question",
        "staff_group",
        "profession",
        "region",
        "confidence",
        "imported_group",
    }
    assert isinstance(stored.created_on, dt.date) and not isinstance(stored.created_on, dt.datetime)
    # Nothing written to the database during the request carries the address or browser.
    for query in queries.captured_queries:
        assert IP not in query["sql"] and AGENT not in query["sql"]
    assert IP not in logs.text and AGENT not in logs.text and "Priya" not in logs.text
    # The published text has the personal data removed; the original is for moderators only.
    assert "Priya" not in stored.text and "07700" not in stored.text
    assert not AuditEvent.objects.filter(ip_address=IP).exists()


def test_the_rate_limit_key_rotates_daily_and_is_never_stored(question: Question) -> None:
    from django.test import RequestFactory

    request = RequestFactory().post("/", REMOTE_ADDR=IP, HTTP_USER_AGENT=AGENT)
    today = services.visitor_hash(request, dt.date(2026, 11, 25))
    assert today == services.visitor_hash(request, dt.date(2026, 11, 25))
    assert today != services.visitor_hash(request, dt.date(2026, 11, 26))
    assert IP not in today


def test_flooding_is_held_off_by_the_rate_limit(
    client: Client, question: Question, settings: object
) -> None:
    settings.CONSULTATION_RATE_LIMIT = 3  # type: ignore[attr-defined]
    codes = [send(client, question, f"Idea number {n}").status_code for n in range(5)]  # type: ignore[attr-defined]
    assert codes == [302, 302, 302, 429, 429]
    assert Contribution.objects.count() == 3
    # Another address is not affected.
    other = client.post(contribute_url(question), {"text": "Hello"}, REMOTE_ADDR="198.51.100.9")
    assert other.status_code == 302


def test_a_robot_filling_the_honeypot_is_thanked_but_nothing_is_stored(
    client: Client, question: Question
) -> None:
    response = send(client, question, "Buy cheap pills", website="http://spam.example")
    assert response.status_code == 302
    assert Contribution.objects.count() == 0


def test_the_form_says_what_is_wrong(client: Client, question: Question) -> None:
    response = send(client, question, "   ")
    assert response.status_code == 200
    assert "<title>Error: " in response.text
    assert "Enter your idea or experience" in response.text
    too_long = send(client, question, "x" * 2001)
    assert "2,000 characters or fewer" in too_long.text  # type: ignore[attr-defined]


def test_a_closed_phase_takes_no_contributions(client: Client, question: Question) -> None:
    question.phase.closes_on = dt.date.today() - dt.timedelta(days=1)
    question.phase.save()
    assert send(client, question, "Too late").status_code == 404  # type: ignore[attr-defined]


def test_nothing_is_shown_until_a_moderator_approves_it(
    client: Client,
    question: Question,
    make_person: Callable[..., User],
    signed_in: Callable[[User], Client],
) -> None:
    send(client, question, "Wi-Fi on ward 7 drops all the time. " + SECRET_WORDS)
    contribution = Contribution.objects.get()
    page = client.get("/conversations/test-conversation/")
    assert "Wi-Fi on ward 7" not in page.text
    staff = make_person()
    assert signed_in(staff).get("/conversations/moderation/").status_code == 403
    analyst = make_person(role=Role.CONSULTATION_ANALYST)
    moderator = signed_in(analyst)
    queue = moderator.get("/conversations/moderation/")
    assert "Wi-Fi on ward 7" in queue.text
    form = moderator.get(f"/conversations/moderation/contribution/{contribution.pk}/")
    assert "Priya Sharma" in form.text  # the moderator sees what was written
    assert "1 name, 1 phone number, 1 NHS number" in form.text  # and what was removed
    response = moderator.post(
        f"/conversations/moderation/contribution/{contribution.pk}/",
        {"decision": "approve", "text": contribution.text + " Ask Dr Okafor."},
    )
    assert response.status_code == 302
    contribution.refresh_from_db()
    assert contribution.status == Status.APPROVED
    assert contribution.original_text == ""  # only the published text is kept
    assert "Okafor" not in contribution.text  # an edit is redacted again
    client.logout()
    public = client.get("/conversations/test-conversation/")
    assert "Wi-Fi on ward 7" in public.text
    assert "Priya" not in public.text


def test_a_rejection_needs_a_reason_and_rejected_text_is_purged_later(
    question: Question, make_person: Callable[..., User], signed_in: Callable[[User], Client]
) -> None:
    contribution = services.submit(question, "Something unkind")
    moderator = signed_in(make_person(role=Role.CONSULTATION_ANALYST))
    url = f"/conversations/moderation/contribution/{contribution.pk}/"
    response = moderator.post(url, {"decision": "reject"})
    assert "Enter why it is rejected" in response.text
    moderator.post(url, {"decision": "reject", "reason": "Abusive"})
    contribution.refresh_from_db()
    assert contribution.status == Status.REJECTED
    assert services.purge_rejected(dt.date.today()) == 0
    later = dt.date.today() + dt.timedelta(days=91)
    assert services.purge_rejected(later) == 1
    assert not Contribution.objects.filter(pk=contribution.pk).exists()


def test_one_vote_per_contribution_per_browser_session(client: Client, question: Question) -> None:
    contribution = services.submit(question, "More laptops on wards")
    services.moderate(contribution, approve=True, text=contribution.text)
    url = f"/conversations/test-conversation/contributions/{contribution.pk}/vote/"
    client.post(url, {"value": "1"})
    client.post(url, {"value": "-1"})
    assert list(Vote.objects.values_list("value", flat=True)) == [-1]
    other = Client()
    other.post(url, {"value": "1"})
    assert Vote.objects.count() == 2
    assert client.post(url, {"value": "7"}).status_code == 404


def test_comments_are_redacted_and_moderated(client: Client, question: Question) -> None:
    contribution = services.submit(question, "Logins take ages")
    services.moderate(contribution, approve=True, text=contribution.text)
    url = f"/conversations/test-conversation/contributions/{contribution.pk}/"
    client.post(url, {"text": "Agreed, ring me on 07700 900456"})
    stored = Comment.objects.get()
    assert "07700" not in stored.text
    assert stored.status == Status.PENDING
    assert "ring me" not in client.get(url).text


PAYLOAD = "<script>alert(1)</script>"
# Random text, and random text carrying a script, so the check below can catch a stored script.
TEXTS = st.text(max_size=400) | st.builds(
    lambda before, after: before + PAYLOAD + after, st.text(max_size=50), st.text(max_size=50)
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=TEXTS, staff_group=st.text(max_size=20), confidence=st.text(max_size=4))
def test_any_input_is_answered_without_a_crash_and_stores_no_script(
    client: Client, question: Question, text: str, staff_group: str, confidence: str
) -> None:
    response = client.post(
        contribute_url(question),
        {"text": text, "staff_group": staff_group, "confidence": confidence},
        REMOTE_ADDR=f"192.0.2.{len(text) % 250}",
    )
    assert response.status_code in (200, 302, 429)
    # Publish whatever arrived, so the page really shows it.
    for pending in Contribution.objects.pending():
        services.moderate(pending, approve=True, text=pending.text)
    page = client.get("/conversations/test-conversation/")
    assert "<script>alert" not in page.text
    for stored in Contribution.objects.all():
        assert stored.text == stored.text.strip()


def test_a_script_in_a_contribution_is_shown_as_text(client: Client, question: Question) -> None:
    contribution = services.submit(question, "<script>alert('x')</script> more training please")
    services.moderate(contribution, approve=True, text=contribution.text)
    page = client.get("/conversations/test-conversation/")
    assert "<script>alert" not in page.text
    assert "&lt;script&gt;" in page.text


def test_behind_a_proxy_the_limit_follows_the_forwarded_address(
    client: Client, question: Question, settings: object
) -> None:
    settings.CONSULTATION_RATE_LIMIT = 1  # type: ignore[attr-defined]
    settings.CLIENT_ADDRESS_HEADER = "HTTP_X_FORWARDED_FOR"  # type: ignore[attr-defined]
    url = contribute_url(question)
    first = client.post(url, {"text": "One"}, HTTP_X_FORWARDED_FOR="198.51.100.1, 10.0.0.1")
    second = client.post(url, {"text": "Two"}, HTTP_X_FORWARDED_FOR="198.51.100.2, 10.0.0.1")
    again = client.post(url, {"text": "Three"}, HTTP_X_FORWARDED_FOR="198.51.100.1, 10.0.0.1")
    assert [first.status_code, second.status_code, again.status_code] == [302, 302, 429]


def test_the_campaign_page_says_which_phases_are_open_not_yet_open_or_closed(
    client: Client, question: Question
) -> None:
    today = dt.date.today()
    campaign = question.phase.campaign
    for title, start, end in [
        ("Phase 0", today - dt.timedelta(days=60), today - dt.timedelta(days=30)),
        ("Phase 2", today + dt.timedelta(days=30), today + dt.timedelta(days=60)),
    ]:
        phase = Phase.objects.create(
            campaign=campaign, title=title, audience="Everyone", opens_on=start, closes_on=end
        )
        Question.objects.create(phase=phase, text=f"A question of {title}?")

    page = client.get(f"/conversations/{campaign.slug}/").text
    text = " ".join(page.split())

    assert "Phase 1 <strong class=" in text
    for title, state in [("Phase 0", "Closed"), ("Phase 1", "Open"), ("Phase 2", "Not open yet")]:
        heading = text[text.index(f"{title} <strong") :]
        assert heading[: heading.index("</strong>")].strip().endswith(f"> {state}")
    assert "Its questions appear here when it opens." in text
    # Only the open phase's questions can be answered.
    assert "What would help you?" in text
    assert "A question of Phase 0?" not in text and "A question of Phase 2?" not in text
