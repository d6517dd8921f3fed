"""FHIR R4 export: every Questionnaire and QuestionnaireResponse is valid R4, and says what the
questionnaire asks and what was answered."""

import dataclasses
import json
import random
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings
from django.http import Http404
from django.test import RequestFactory
from fhir.resources.R4B.questionnaire import Questionnaire as R4Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse as R4Response

from digiready.accounts.models import Role as AccountRole
from digiready.accounts.models import User
from digiready.accounts.professions import PROFESSIONS, STAFF_GROUPS
from digiready.assessments import fhir, fhir_exchange, fhir_views, services
from digiready.assessments.models import Assessment
from digiready.assessments.questionnaire import Questionnaire, Role, build_questionnaire
from digiready.frameworks.factories import framework_data
from digiready.frameworks.profiles import ARCHETYPES
from digiready.organisations.models import Organisation
from digiready.organisations.scope import scope_for

FHIR_ID = re.compile(r"^[A-Za-z0-9\-.]{1,64}$")
ROLES = [
    ("physiotherapist", "", "user"),
    ("occupational_therapist", "", "driver"),
    ("nurse", "", "embedder"),
    ("porter", "", "user"),
    ("doctor", "", "shaper"),
    ("", "nurses", "embedder"),
    ("", "other", "creator"),
]


def answer_all(assessment: Assessment, seed: int = 1) -> dict[str, str]:
    """Answer every question at random, missing answers included; returns the tokens."""
    rng = random.Random(seed)
    q = services.questionnaire_of(assessment)
    scale = [str(n) for n in range(1, q.scale_size + 1)]
    tokens = {item.link_id: rng.choice(scale * 3 + list(item.missing)) for item in q.items}
    services.save_answers(assessment, tokens)
    return tokens


def submitted_self_assessment(
    person: User, *, archetype: str = "user", seed: int = 1
) -> Assessment:
    assessment = services.start_self_assessment(person, archetype=archetype)
    answer_all(assessment, seed)
    return services.submit(assessment)


def submitted_organisation_assessment(organisation: Organisation, by: User | None) -> Assessment:
    assessment = services.start_organisation_assessment(organisation, by=by)
    answer_all(assessment, seed=2)
    return services.submit(assessment)


def small_questionnaire(subject: str = "person", **role: str) -> Questionnaire:
    """A two-domain, three-capability questionnaire built without the database."""
    data = framework_data("Example framework", subject=subject)
    return build_questionnaire(data, slug="example", role=Role(**role) if role else None)


def choice_items(resource: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        item for group in resource["item"] for item in group["item"] if item["type"] == "choice"
    ]


# --------------------------------------------------------------------------------------------
# Questionnaires


@pytest.mark.django_db
@pytest.mark.parametrize(("profession", "staff_group", "archetype"), ROLES)
def test_every_role_questionnaire_is_valid_r4(
    profession: str, staff_group: str, archetype: str
) -> None:
    q = services.questionnaire_for_role(
        profession=profession, staff_group=staff_group, archetype=archetype
    )
    resource = fhir_exchange.questionnaire_json(q)
    R4Questionnaire.model_validate(resource)
    who = (profession or staff_group).replace("_", "-")
    key = (
        f"{who}-{archetype}"
        if profession or staff_group != "other"
        else f"staff-group-other-{archetype}"
    )
    assert resource["id"] == f"digital-ready-1.0-{key}"
    assert resource["url"] == f"{settings.SITE_URL}/fhir/Questionnaire/digital-ready-1.0-{key}"
    assert resource["version"] == "1.0"
    assert resource["status"] == "active"
    assert resource["subjectType"] == ["Practitioner"]
    assert resource["publisher"] == "Digital Ready"
    assert resource["code"][0]["code"] == f"urn:uuid:{q.version_identifier}"
    assert [group["linkId"] for group in resource["item"]] == [s.link_id for s in q.sections]
    assert [item["linkId"] for item in choice_items(resource)] == [i.link_id for i in q.items]


@pytest.mark.django_db
def test_a_person_item_offers_not_yet_the_four_levels_and_not_applicable() -> None:
    q = services.questionnaire_for_role(profession="physiotherapist", archetype="user")
    item = choice_items(fhir_exchange.questionnaire_json(q))[0]
    codings = [option["valueCoding"] for option in item["answerOption"]]
    system = f"{settings.SITE_URL}/fhir/CodeSystem/digital-ready-1.0-scale"
    assert {coding["system"] for coding in codings} == {system}
    assert [coding["code"] for coding in codings] == ["1", "2", "3", "4", "5", "na"]
    assert codings[0]["display"] == "Not yet"
    assert codings[1]["display"].startswith("Foundation: I can ")
    assert codings[-1]["display"] == "Not applicable to my role"
    assert item["required"] is True
    assert item["text"] == q.items[0].title
    assert item["code"][0]["code"] == q.items[0].code


@pytest.mark.django_db
def test_the_organisational_questionnaire_is_valid_r4_with_five_levels_and_dont_know() -> None:
    q = fhir_exchange.find_questionnaire("organisational-maturity", "organisation")
    assert q is not None
    resource = fhir_exchange.questionnaire_json(q)
    R4Questionnaire.model_validate(resource)
    assert resource["id"] == "organisational-maturity-1.0-organisation"
    assert resource["subjectType"] == ["Organization"]
    codings = [option["valueCoding"] for option in choice_items(resource)[0]["answerOption"]]
    assert [coding["code"] for coding in codings] == ["1", "2", "3", "4", "5", "dk"]
    assert codings[0]["display"].startswith("1 – Initial: We ")
    assert codings[-1]["display"] == "I do not know"
    assert len(choice_items(resource)) == len(q.items) == 27  # seven pillars


@pytest.mark.django_db
def test_a_section_carries_its_lineage_and_the_roles_expected_level() -> None:
    q = services.questionnaire_for_role(profession="nurse", archetype="driver")
    group = fhir_exchange.questionnaire_json(q)["item"][0]
    section = q.sections[0]
    extensions = {ext["url"].rsplit("/", 1)[1]: ext for ext in group["extension"]}
    assert extensions["lineage"]["valueUri"] == f"urn:uuid:{section.lineage}"
    assert extensions["expected-level"]["valueInteger"] == section.expected_level
    assert group["type"] == "group"
    assert group["text"] == section.title
    assert group["code"][0]["code"] == section.code


@pytest.mark.django_db
def test_a_porter_is_not_asked_what_the_role_does_not_expect() -> None:
    porter = services.questionnaire_for_role(profession="porter", archetype="user")
    doctor = services.questionnaire_for_role(profession="doctor", archetype="user")
    assert len(choice_items(fhir_exchange.questionnaire_json(porter))) == len(porter.items)
    assert len(porter.items) < len(doctor.items)


def test_the_export_keeps_to_r4_elements() -> None:
    text = json.dumps(fhir.questionnaire_resource(small_questionnaire(), base_url="https://x.test"))
    # answerConstraint and the R5 "coding" and "question" item types are not R4.
    assert "answerConstraint" not in text
    assert '"type": "coding"' not in text
    assert '"type": "question"' not in text


def test_every_role_has_a_valid_fhir_id_that_reads_back_as_the_same_role() -> None:
    q = small_questionnaire()
    roles = [Role(p.code, p.staff_group, a.code) for p in PROFESSIONS for a in ARCHETYPES] + [
        Role("", g.code, a.code) for g in STAFF_GROUPS for a in ARCHETYPES
    ]
    for role in roles:
        key = fhir.role_key(dataclasses.replace(q, role=role))
        assert FHIR_ID.match(f"digital-ready-1.0-{key}"), key
        assert fhir.parse_role_key(key) == ("person", role), key
    assert fhir.parse_role_key("organisation") == ("organisation", Role())
    assert fhir.parse_role_key("astronaut-user") is None
    assert fhir.parse_role_key("nurse-boss") is None


def test_a_questionnaire_and_a_response_built_without_the_database_are_valid_r4() -> None:
    q = small_questionnaire(profession="nurse", staff_group="nurses", archetype="user")
    resource = fhir.questionnaire_resource(q, base_url="https://example.org", publisher="Us")
    parsed = R4Questionnaire.model_validate(resource)
    assert parsed.name == "Example_1_0_NurseUser"
    assert resource["title"] == "Example framework: Nurse, User"
    tokens = {item.link_id: "2" for item in q.items}
    response = fhir.response_resource(
        q,
        base_url="https://example.org",
        response_id="6f1c1f3e-8d8a-4d40-9a55-0d3f3b0a6f7e",
        tokens=tokens,
        status="completed",
        authored="2026-03-01T10:15:00+00:00",
        subject_reference="Practitioner/123",
    )
    R4Response.model_validate(response)
    assert response["questionnaire"] == f"{resource['url']}|1.0"
    assert response["subject"] == {"reference": "Practitioner/123"}


# --------------------------------------------------------------------------------------------
# Responses


@pytest.mark.django_db
def test_a_submitted_self_assessment_exports_as_a_valid_response(
    make_person: Callable[..., User],
) -> None:
    person = make_person(profession="physiotherapist", staff_group="st_t_ahp")
    assessment = submitted_self_assessment(person)
    resource = fhir_exchange.assessment_response_json(assessment)
    R4Response.model_validate(resource)
    q = services.questionnaire_of(assessment)
    assert resource["status"] == "completed"
    assert resource["identifier"] == {
        "system": "urn:ietf:rfc:3986",
        "value": f"urn:uuid:{assessment.public_id}",
    }
    assert resource["questionnaire"] == (
        f"{settings.SITE_URL}/fhir/Questionnaire/digital-ready-1.0-physiotherapist-user|1.0"
    )
    assert "subject" not in resource  # a person's answers do not name them
    answers = {
        item["linkId"]: item["answer"][0]["valueCoding"]["code"]
        for group in resource["item"]
        for item in group["item"]
    }
    assert answers == services.answer_tokens(assessment)
    assert len(answers) == len(q.items)


@pytest.mark.django_db
def test_an_unfinished_assessment_exports_only_what_was_answered(
    make_person: Callable[..., User],
) -> None:
    person = make_person(profession="nurse", staff_group="nurses")
    assessment = services.start_self_assessment(person, archetype="user")
    q = services.questionnaire_of(assessment)
    services.save_answers(assessment, {q.items[0].link_id: "3"})
    resource = fhir_exchange.assessment_response_json(assessment)
    R4Response.model_validate(resource)
    assert resource["status"] == "in-progress"
    assert len(resource["item"]) == 1
    assert resource["item"][0]["item"][0]["answer"][0]["valueCoding"]["code"] == "3"


@pytest.mark.django_db
def test_an_organisations_response_names_it_by_ods_code(
    org: Callable[[str], Organisation], make_person: Callable[..., User]
) -> None:
    lead = make_person(role=AccountRole.ORGANISATION_LEAD, scope="R0A")
    assessment = submitted_organisation_assessment(org("R0A"), lead)
    resource = fhir_exchange.assessment_response_json(assessment)
    R4Response.model_validate(resource)
    assert resource["subject"]["identifier"] == {
        "system": "https://fhir.nhs.uk/Id/ods-organization-code",
        "value": "R0A",
    }
    assert resource["questionnaire"].endswith("/organisational-maturity-1.0-organisation|1.0")


# --------------------------------------------------------------------------------------------
# Views


@pytest.mark.django_db
def test_anyone_may_read_a_questionnaire(rf: RequestFactory) -> None:
    for slug, role in [
        ("digital-ready-1.0-physiotherapist-user", ""),
        ("digital-ready", "nurses-embedder"),
        ("organisational-maturity", "organisation"),
    ]:
        request = rf.get("/")
        response = fhir_views.questionnaire_fhir(request, slug, role)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/fhir+json; charset=utf-8"
        R4Questionnaire.model_validate(json.loads(response.content))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("slug", "role"),
    [
        ("digital-ready", "astronaut-user"),
        ("digital-ready-9.9-nurse-user", ""),
        ("digital-ready", "organisation"),
        ("no-such-framework", "nurse-user"),
    ],
)
def test_an_unknown_questionnaire_is_not_found(rf: RequestFactory, slug: str, role: str) -> None:
    with pytest.raises(Http404):
        fhir_views.questionnaire_fhir(rf.get("/"), slug, role)


def _request(rf: RequestFactory, user: User) -> Any:
    request = rf.get("/")
    request.user = user
    request.scope = scope_for(user)
    return request


@pytest.mark.django_db
def test_only_the_person_may_download_their_response(
    rf: RequestFactory, make_person: Callable[..., User]
) -> None:
    person = make_person(profession="dietitian", staff_group="st_t_ahp")
    assessment = submitted_self_assessment(person)
    response = fhir_views.response_fhir(_request(rf, person), assessment.public_id)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/fhir+json; charset=utf-8"
    R4Response.model_validate(json.loads(response.content))
    lead = make_person(role=AccountRole.ORGANISATION_LEAD, scope="R0A")
    for other in (make_person(), lead):
        with pytest.raises(Http404):
            fhir_views.response_fhir(_request(rf, other), assessment.public_id)


@pytest.mark.django_db
def test_an_unfinished_assessment_has_no_response_to_download(
    rf: RequestFactory, make_person: Callable[..., User]
) -> None:
    person = make_person(profession="nurse", staff_group="nurses")
    assessment = services.start_self_assessment(person, archetype="user")
    with pytest.raises(Http404):
        fhir_views.response_fhir(_request(rf, person), assessment.public_id)
