"""Your data: a person downloads everything held about them, and erases their account."""

import doctest
import io
import json
from collections.abc import Callable
from typing import Any

import pytest
from django.core import serializers
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from digiready.accounts.audit import record
from digiready.accounts.models import ApiToken, AuditEvent, Role, RoleAssignment, User
from digiready.accounts.roles import grant_role
from digiready.assessments import personal_data, personal_data_views
from digiready.assessments.models import Answer, Assessment, DomainScore
from digiready.assessments.services import (
    questionnaire_of,
    save_answers,
    start_organisation_assessment,
    start_self_assessment,
    submit,
)
from digiready.core import downloads
from digiready.core.pdf import PdfUnavailableError

pytestmark = pytest.mark.django_db

DIGEST = "d1e5" * 16
ERASE = reverse("your_data:erase")


def submitted_self_assessment(person: User, *, first: str = "3") -> Assessment:
    """A submitted self-assessment: the first item answered `first`, the rest "3"."""
    assessment = start_self_assessment(person, archetype="user")
    items = questionnaire_of(assessment).items
    answers = {item.link_id: "3" for item in items}
    answers[items[0].link_id] = first
    save_answers(assessment, answers)
    return submit(assessment)


@pytest.fixture
def person(make_person: Callable[..., User]) -> User:
    return make_person(profession="physiotherapist", full_name="Robin Example")


@pytest.fixture
def colleague(make_person: Callable[..., User]) -> User:
    return make_person(profession="physiotherapist", full_name="Casey Colleague")


def download(client: Client) -> dict[str, Any]:
    response = client.get(reverse("your_data:json"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    data: dict[str, Any] = json.loads(response.content)
    return data


def erase_form(password: str, *, understood: bool = True) -> dict[str, Any]:
    return {"password": password, **({"understood": ["yes"]} if understood else {})}


def test_the_copy_holds_every_answer_and_score_of_the_person_and_nothing_of_a_colleague(
    person: User, colleague: User, signed_in: Callable[[User], Client]
) -> None:
    own = submitted_self_assessment(person, first="na")
    theirs = submitted_self_assessment(colleague)

    data = download(signed_in(person))

    assert data["account"]["email"] == person.email
    assert data["account"]["profession"] == {"code": "physiotherapist", "name": "Physiotherapist"}
    assert data["account"]["organisation"]["ods_code"] == "R0A"
    [copy] = data["self_assessments"]
    assert copy["id"] == str(own.public_id)
    stored = Answer.objects.filter(assessment=own).select_related("capability")
    assert sorted(a["capability_title"] for a in copy["answers"]) == sorted(
        answer.capability.title for answer in stored
    )
    assert copy["answers"][0]["label"] == "Not applicable to my role"
    assert all(a["label"] and a["statement"] for a in copy["answers"][1:])
    scores = DomainScore.objects.filter(assessment=own).select_related("domain")
    assert {(s["domain"], s["score"]) for s in copy["domain_scores"]} == {
        (row.domain.title, row.score) for row in scores
    }
    text = json.dumps(data)
    for trace in (colleague.email, colleague.full_name, str(theirs.public_id)):
        assert trace not in text


def test_the_copy_names_tokens_but_never_holds_their_digest(
    person: User, signed_in: Callable[[User], Client]
) -> None:
    ApiToken.objects.create(user=person, name="Weekly report", prefix="dr_ab12", digest=DIGEST)

    data = download(signed_in(person))

    [token] = data["api_tokens"]
    assert (token["name"], token["prefix"]) == ("Weekly report", "dr_ab12")
    assert DIGEST not in json.dumps(data)


def test_the_copy_withholds_other_peoples_addresses_from_the_audit_entries(
    person: User, colleague: User, signed_in: Callable[[User], Client]
) -> None:
    grant_role(colleague, Role.EDUCATOR, None, by=person)

    data = download(signed_in(person))

    granted = [e for e in data["audit_events"] if e["action"]["code"] == "role_granted"]
    assert [e["target"] for e in granted] == ["another person"]
    assert colleague.email not in json.dumps(data)


def test_each_download_is_recorded_in_the_audit_log(
    person: User, signed_in: Callable[[User], Client]
) -> None:
    download(signed_in(person))

    export = AuditEvent.objects.get(action=AuditEvent.Action.EXPORT)
    assert (export.actor, export.target) == (person, "personal data (JSON)")


def test_the_pdf_copy_has_the_persons_name_and_their_answers(
    person: User, signed_in: Callable[[User], Client]
) -> None:
    assessment = submitted_self_assessment(person)
    title = min((item.title for item in questionnaire_of(assessment).items), key=len)

    response = signed_in(person).get(reverse("your_data:pdf"))

    assert response["Content-Type"] == "application/pdf"
    pages = PdfReader(io.BytesIO(response.content)).pages
    text = " ".join(" ".join(page.extract_text() for page in pages).split())
    assert person.full_name in text
    assert title in text
    assert AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT, detail__format="pdf").exists()


def test_without_pango_the_pdf_copy_is_unavailable_says_why_and_is_not_recorded(
    person: User, signed_in: Callable[[User], Client], monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_pango(html: str) -> bytes:
        raise PdfUnavailableError("PDFs need the Pango library.")

    monkeypatch.setattr(downloads, "render_pdf", no_pango)

    response = signed_in(person).get(reverse("your_data:pdf"))

    assert response.status_code == 503
    assert response.content == b"PDFs need the Pango library."
    assert "Content-Disposition" not in response
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).exists()


def test_the_page_says_what_is_held_and_offers_both_copies(
    person: User, signed_in: Callable[[User], Client]
) -> None:
    submitted_self_assessment(person)

    page = signed_in(person).get(reverse("your_data:index")).content.decode()

    assert "1 (1 submitted)" in page
    for name in ("your_data:json", "your_data:pdf", "your_data:erase"):
        assert reverse(name) in page


def test_erasing_removes_the_account_and_everything_it_owns(
    person: User, signed_in: Callable[[User], Client], password: str
) -> None:
    assessment = submitted_self_assessment(person)
    grant_role(person, Role.EDUCATOR, None, by_label="test")
    ApiToken.objects.create(user=person, name="Weekly report", prefix="dr_ab12", digest=DIGEST)
    client = signed_in(person)

    response = client.post(ERASE, erase_form(password))

    assert response.status_code == 302
    assert response["Location"] == reverse("your_data:erased")
    assert not User.objects.filter(pk=person.pk).exists()
    assert not Assessment.objects.filter(pk=assessment.pk).exists()
    assert not Answer.objects.filter(assessment_id=assessment.pk).exists()
    assert not DomainScore.objects.filter(assessment_id=assessment.pk).exists()
    assert not RoleAssignment.objects.filter(user_id=person.pk).exists()
    assert not ApiToken.objects.filter(user_id=person.pk).exists()
    assert client.get(reverse("your_data:index"))["Location"].startswith("/accounts/sign-in/")


def test_erasing_scrubs_the_person_from_the_audit_log(
    person: User, signed_in: Callable[[User], Client], password: str
) -> None:
    grant_role(person, Role.EDUCATOR, None, by_label="test")
    record(AuditEvent.Action.SIGN_IN_FAILED, actor_label=person.email)
    client = signed_in(person)
    client.get(reverse("your_data:json"), REMOTE_ADDR="192.0.2.7")
    own = list(AuditEvent.objects.filter(actor=person).values_list("pk", flat=True))

    client.post(ERASE, erase_form(password))

    for event in AuditEvent.objects.filter(pk__in=own):
        assert (event.actor_label, event.ip_address) == ("erased account", None)
    log = serializers.serialize("json", AuditEvent.objects.all())
    assert person.email not in log
    assert person.full_name not in log
    assert "192.0.2.7" not in log
    erased = AuditEvent.objects.get(action=AuditEvent.Action.ACCOUNT_ERASED)
    assert erased.target == f"account {person.pk}"
    assert erased.actor is None


def test_the_organisation_assessment_they_answered_stays_without_their_name(
    make_person: Callable[..., User], org: Callable, signed_in: Callable[[User], Client]
) -> None:
    lead = make_person(role=Role.ORGANISATION_LEAD, scope="R0A", profession="physiotherapist")
    answered = start_organisation_assessment(org("R0A"), by=lead)
    assert answered.answered_by_label == lead.email
    copy = download(signed_in(lead))
    assert [a["organisation"]["ods_code"] for a in copy["organisation_assessments_answered"]] == [
        "R0A"
    ]

    personal_data.erase_account(lead)

    answered.refresh_from_db()
    assert (answered.answered_by, answered.answered_by_label) == (None, "")
    assert answered.organisation == org("R0A")


@pytest.mark.parametrize(
    ("sent", "understood", "error"),
    [
        ("not-the-password", True, "The password is not correct"),
        ("", True, "Enter your password"),
        (None, False, "Confirm that you understand"),
    ],
    ids=["wrong password", "no password", "not confirmed"],
)
def test_the_erase_page_shows_what_is_wrong_and_erases_nothing(
    person: User,
    signed_in: Callable[[User], Client],
    password: str,
    sent: str | None,
    understood: bool,
    error: str,
) -> None:
    assessment = submitted_self_assessment(person)
    form = erase_form(password if sent is None else sent, understood=understood)

    response = signed_in(person).post(ERASE, form)

    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Erase your account – Your data – Digital Ready – NHS</title>" in page
    assert "There is a problem" in page
    assert error in page
    assert User.objects.filter(pk=person.pk).exists()
    assert Answer.objects.filter(assessment=assessment).exists()


def test_each_error_in_the_summary_links_to_its_field(
    person: User, signed_in: Callable[[User], Client]
) -> None:
    page = signed_in(person).post(ERASE, {}).content.decode()

    for field in ("id_password", "id_understood"):
        assert f'href="#{field}"' in page
        assert f'id="{field}"' in page


def test_opening_the_erase_page_erases_nothing(
    person: User, signed_in: Callable[[User], Client]
) -> None:
    response = signed_in(person).get(ERASE)

    assert response.status_code == 200
    assert "This cannot be undone" in response.content.decode()
    assert User.objects.filter(pk=person.pk).exists()
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.ACCOUNT_ERASED).exists()


@pytest.mark.parametrize("name", ["index", "json", "pdf", "erase"])
def test_people_who_have_not_signed_in_are_sent_to_sign_in(client: Client, name: str) -> None:
    address = reverse(f"your_data:{name}")

    response = client.get(address)

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/sign-in/?next={address}"


def test_the_confirmation_needs_no_sign_in(client: Client) -> None:
    response = client.get(reverse("your_data:erased"))

    assert response.status_code == 200
    assert "Your account has been erased" in response.content.decode()


def test_the_examples_in_the_docstrings_hold() -> None:
    assert doctest.testmod(personal_data).failed == 0
    assert doctest.testmod(personal_data_views).failed == 0
