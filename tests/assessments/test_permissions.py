"""No one but the person can read a person's answers; organisation assessments are for leads."""

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from digiready.accounts.models import Role, User
from digiready.assessments import services
from digiready.assessments.models import Assessment

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(make_person: Callable[..., User]) -> Assessment:
    person = make_person(at="R0A", profession="nurse", staff_group="nurses")
    assessment = services.start_self_assessment(person, archetype="user")
    services.save_answers(
        assessment, {item.link_id: "3" for item in services.questionnaire_of(assessment).items}
    )
    return services.submit(assessment)


def _pages(assessment: Assessment) -> list[str]:
    slug = services.questionnaire_of(assessment).sections[0].slug
    key = assessment.public_id
    return [
        reverse("assessments:tasks", args=[key]),
        reverse("assessments:section", args=[key, slug]),
        reverse("assessments:check", args=[key]),
        reverse("assessments:submitted", args=[key]),
        reverse("assessments:report", args=[key]),
        reverse("assessments:report-pdf", args=[key]),
    ]


@pytest.mark.parametrize(
    ("role", "scope"),
    [
        (None, None),
        (Role.ORGANISATION_LEAD, "R0A"),
        (Role.ANALYST, None),
        (Role.ADMINISTRATOR, None),
        (Role.EDUCATOR, None),
    ],
)
def test_no_one_else_can_read_a_persons_answers_not_even_their_organisation_lead(
    signed_in: Callable[[User], Client],
    make_person: Callable[..., User],
    submitted: Assessment,
    role: str | None,
    scope: str | None,
) -> None:
    other = make_person(at="R0A", role=role, scope=scope, profession="doctor")
    client = signed_in(other)
    for url in _pages(submitted):
        assert client.get(url).status_code == 404, url


def test_signed_out_visitors_are_sent_to_sign_in(client: Client, submitted: Assessment) -> None:
    for url in [reverse("assessments:index"), *_pages(submitted)]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:sign-in"))


def test_another_persons_assessment_cannot_be_answered_or_submitted(
    signed_in: Callable[[User], Client],
    make_person: Callable[..., User],
) -> None:
    owner = make_person(profession="paramedic", staff_group="ambulance")
    assessment = services.start_self_assessment(owner, archetype="user")
    slug = services.questionnaire_of(assessment).sections[0].slug
    client = signed_in(make_person(profession="paramedic"))
    url = reverse("assessments:section", args=[assessment.public_id, slug])
    assert client.post(url, {"item_1": "5", "action": "later"}).status_code == 404
    assert (
        client.post(reverse("assessments:submit", args=[assessment.public_id])).status_code == 404
    )
    assert not assessment.answers.exists()


def test_only_leads_of_the_organisation_open_its_maturity_assessment(
    signed_in: Callable[[User], Client], make_person: Callable[..., User]
) -> None:
    lead = make_person(at="R0A", role=Role.ORGANISATION_LEAD, scope="R0A")
    other_lead = make_person(at="RBS", role=Role.ORGANISATION_LEAD, scope="RBS")
    staff = make_person(at="R0A")
    url = reverse("assessments:organisation", args=["R0A"])
    assert signed_in(lead).get(url).status_code == 200
    assert signed_in(other_lead).get(url).status_code == 404
    assert signed_in(staff).get(url).status_code == 404
    assert (
        signed_in(staff).post(reverse("assessments:organisation-start", args=["R0A"])).status_code
        == 404
    )
    assert not Assessment.objects.filter(subject="organisation").exists()


@pytest.mark.parametrize("code", ["\x00", "R0A\x00", "x" * 40, "R0A;--", "ʀ0ᴀ"])
def test_a_malformed_organisation_code_is_not_found(
    signed_in: Callable[[User], Client], make_person: Callable[..., User], code: str
) -> None:
    from urllib.parse import quote

    client = signed_in(make_person(at="R0A", role=Role.ORGANISATION_LEAD, scope="R0A"))
    assert client.get(f"/assessment/organisation/{quote(code)}/").status_code == 404
