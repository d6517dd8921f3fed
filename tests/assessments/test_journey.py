"""A person takes their self-assessment over two sittings, submits it and reads their report."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from digiready.accounts.models import User
from digiready.assessments.models import Answer, Assessment, DomainScore
from digiready.assessments.services import questionnaire_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def physio(make_person: Callable[..., User]) -> User:
    return make_person(profession="physiotherapist", staff_group="st_t_ahp")


def _start(client: Client) -> Assessment:
    response = client.post(reverse("assessments:start"), {"archetype": "user"})
    assert response.status_code == 302
    return Assessment.objects.get()


def _answer_section(client: Client, assessment: Assessment, slug: str, token: str) -> Any:
    section = questionnaire_of(assessment).section(slug)
    assert section is not None
    data = {f"item_{n}": token for n in range(1, len(section.items) + 1)}
    return client.post(
        reverse("assessments:section", args=[assessment.public_id, slug]),
        {**data, "action": "continue"},
    )


def test_start_asks_which_archetype_describes_the_role(
    signed_in: Callable[[User], Client], physio: User
) -> None:
    client = signed_in(physio)
    response = client.post(reverse("assessments:start"), {})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Select which best describes your role" in page
    assert 'href="#id_archetype"' in page and 'id="id_archetype"' in page
    assert not Assessment.objects.exists()


def test_a_person_without_a_profession_is_asked_to_add_one(
    signed_in: Callable[[User], Client], make_person: Callable[..., User]
) -> None:
    person = make_person(profession="", staff_group="")
    page = signed_in(person).get(reverse("assessments:index")).content.decode()
    assert "Add them to your details" in page


def test_the_questionnaire_follows_the_role_profile(
    signed_in: Callable[[User], Client], make_person: Callable[..., User]
) -> None:
    porter = make_person(profession="porter", staff_group="estates")
    client = signed_in(porter)
    assessment = _start(client)
    questionnaire = questionnaire_of(assessment)
    codes = [s.code for s in questionnaire.sections]
    # Porters neither consult patients remotely nor keep clinical records.
    assert "RC" not in codes and "ER" not in codes
    assert 30 <= len(questionnaire.items) <= 60
    page = client.get(reverse("assessments:tasks", args=[assessment.public_id])).content.decode()
    assert "Remote consultation" not in page


def test_answers_are_saved_and_the_person_can_resume_later(
    signed_in: Callable[[User], Client], physio: User
) -> None:
    client = signed_in(physio)
    assessment = _start(client)
    first = questionnaire_of(assessment).sections[0]
    url = reverse("assessments:section", args=[assessment.public_id, first.slug])
    # Half a page, then "come back later": kept without complaint.
    response = client.post(url, {"item_1": "3", "item_2": "na", "action": "later"})
    assert response.status_code == 302
    assert response["Location"] == reverse("assessments:tasks", args=[assessment.public_id])
    assert Answer.objects.filter(assessment=assessment).count() == 2
    # Another day: the answers are still there, checked in the form.
    client.logout()
    client = signed_in(physio)
    page = client.get(url).content.decode()
    assert 'value="3" checked' in page
    assert 'value="na" checked' in page
    tasks = client.get(reverse("assessments:tasks", args=[assessment.public_id])).content
    assert b"In progress" in tasks


def test_continuing_with_questions_unanswered_shows_the_error_summary_and_keeps_answers(
    signed_in: Callable[[User], Client], physio: User
) -> None:
    client = signed_in(physio)
    assessment = _start(client)
    first = questionnaire_of(assessment).sections[0]
    url = reverse("assessments:section", args=[assessment.public_id, first.slug])
    response = client.post(url, {"item_1": "2", "action": "continue"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert "<title>Error: " in page
    assert 'href="#item_2"' in page
    assert 'id="item_2"' in page  # the link lands on the first radio of the group
    assert Answer.objects.get(assessment=assessment).value == 2


def test_a_tampered_answer_is_refused(signed_in: Callable[[User], Client], physio: User) -> None:
    client = signed_in(physio)
    assessment = _start(client)
    first = questionnaire_of(assessment).sections[0]
    url = reverse("assessments:section", args=[assessment.public_id, first.slug])
    response = client.post(url, {"item_1": "9", "item_2": "dk", "action": "later"})
    assert response.status_code == 200
    assert not Answer.objects.filter(assessment=assessment).exists()


def test_the_whole_journey_ends_in_a_report_with_a_chart_a_plan_and_a_pdf(
    signed_in: Callable[[User], Client], physio: User
) -> None:
    client = signed_in(physio)
    assessment = _start(client)
    questionnaire = questionnaire_of(assessment)
    for section in questionnaire.sections:
        # Foundation everywhere: below most expectations, so there are gaps to plan for.
        assert _answer_section(client, assessment, section.slug, "2").status_code == 302
    check = client.get(reverse("assessments:check", args=[assessment.public_id])).content
    assert b"Now submit your answers" in check
    response = client.post(reverse("assessments:submit", args=[assessment.public_id]))
    assert response["Location"] == reverse("assessments:submitted", args=[assessment.public_id])
    assessment.refresh_from_db()
    assert assessment.is_submitted
    scores = DomainScore.objects.filter(assessment=assessment)
    assert scores.count() == len(questionnaire.sections)
    assert {s.score for s in scores} == {0.25}
    assert {s.attained_level for s in scores} == {1}

    report = client.get(reverse("assessments:report", args=[assessment.public_id]))
    page = report.content.decode()
    assert "<svg" in page and 'role="img"' in page
    assert "Scores in each domain" in page
    assert "Your learning plan" in page
    assert "Below what your role expects" in page

    pdf = client.get(reverse("assessments:report-pdf", args=[assessment.public_id]))
    assert pdf["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(__import__("io").BytesIO(pdf.content)).pages)
    assert "Digital capability report" in text
    assert "Learning plan" in text


def test_a_submitted_assessment_cannot_be_changed(
    signed_in: Callable[[User], Client], physio: User
) -> None:
    client = signed_in(physio)
    assessment = _start(client)
    for section in questionnaire_of(assessment).sections:
        _answer_section(client, assessment, section.slug, "3")
    client.post(reverse("assessments:submit", args=[assessment.public_id]))
    slug = questionnaire_of(assessment).sections[0].slug
    url = reverse("assessments:section", args=[assessment.public_id, slug])
    assert client.post(url, {"item_1": "5", "action": "later"}).status_code == 404
    assert (
        client.post(reverse("assessments:submit", args=[assessment.public_id])).status_code == 404
    )


def test_submitting_with_questions_unanswered_goes_back_to_check_answers(
    signed_in: Callable[[User], Client], physio: User
) -> None:
    client = signed_in(physio)
    assessment = _start(client)
    response = client.post(reverse("assessments:submit", args=[assessment.public_id]))
    assert response["Location"] == reverse("assessments:check", args=[assessment.public_id])
    assessment.refresh_from_db()
    assert not assessment.is_submitted


def test_a_retake_shows_the_change_per_domain(
    signed_in: Callable[[User], Client], physio: User
) -> None:
    client = signed_in(physio)
    for token in ("2", "4"):
        client.post(reverse("assessments:start"), {"archetype": "user"})
        assessment = Assessment.objects.in_progress().get()
        for section in questionnaire_of(assessment).sections:
            _answer_section(client, assessment, section.slug, token)
        client.post(reverse("assessments:submit", args=[assessment.public_id]))
    latest = Assessment.objects.order_by("-submitted_at").first()
    assert latest is not None
    page = client.get(reverse("assessments:report", args=[latest.public_id])).content.decode()
    assert "+50 points" in page
    history = client.get(reverse("assessments:history")).content.decode()
    assert "75% (+50)" in history


def test_the_questionnaire_and_the_answers_are_at_their_fhir_addresses(
    signed_in: Callable[[User], Client], physio: User, client: Client
) -> None:
    questionnaire = client.get("/fhir/Questionnaire/digital-ready/physiotherapist-user")
    assert questionnaire.status_code == 200
    assert questionnaire["Content-Type"].startswith("application/fhir+json")
    canonical = questionnaire.json()["url"]
    assert canonical.endswith("/fhir/Questionnaire/digital-ready-1.0-physiotherapist-user")
    path = canonical[canonical.index("/fhir/") :]
    assert client.get(path).json()["url"] == canonical

    signed = signed_in(physio)
    assessment = _start(signed)
    for section in questionnaire_of(assessment).sections:
        _answer_section(signed, assessment, section.slug, "3")
    signed.post(reverse("assessments:submit", args=[assessment.public_id]))
    report = signed.get(reverse("assessments:report", args=[assessment.public_id])).content
    address = reverse("fhir:response", args=[assessment.public_id])
    assert address.encode() in report
    response = signed.get(address).json()
    assert response["resourceType"] == "QuestionnaireResponse"
    assert response["status"] == "completed"


@pytest.mark.parametrize("path", ["digital-ready%00", "a%00b/physiotherapist-user", "x" * 80])
def test_a_malformed_questionnaire_address_is_not_found(client: Client, path: str) -> None:
    assert client.get(f"/fhir/Questionnaire/{path}").status_code == 404
