"""Importing FHIR QuestionnaireResponses: a round trip gives the same answers and scores, and any
bad file is refused whole with every problem named by its JSON path."""

import copy
import json
import re
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from digiready.accounts.models import AuditEvent, User
from digiready.accounts.models import Role as AccountRole
from digiready.assessments import fhir, fhir_exchange, services
from digiready.assessments.fhir import FhirFormatError, ParsedResponse
from digiready.assessments.models import Answer, Assessment, DomainScore
from digiready.assessments.questionnaire import Questionnaire
from digiready.organisations.models import Organisation

from .test_fhir import (
    small_questionnaire,
    submitted_organisation_assessment,
    submitted_self_assessment,
)

BASE = "https://example.org"
Q = small_questionnaire()
URL = fhir.questionnaire_url(Q, base_url=BASE)
SCALE = fhir.scale_system(Q, base_url=BASE)
SURVEY_TOOL = "https://survey.example/responses"

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=10),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=20,
)


def resolve(reference: str) -> Questionnaire | None:
    url, version = fhir.split_canonical(reference)
    return Q if url == URL and version in (None, Q.version) else None


def completed(q: Questionnaire = Q, base: str = BASE, answer: str = "2", **changes: Any) -> dict:
    """A valid completed response answering every question with the same token."""
    resource = fhir.response_resource(
        q,
        base_url=base,
        response_id=str(uuid.uuid4()),
        tokens={item.link_id: answer for item in q.items},
        status="completed",
        authored="2026-03-01T10:15:00Z",
    )
    return resource | changes


def bundle(*resources: dict, kind: str = "collection") -> dict:
    return {
        "resourceType": "Bundle",
        "type": kind,
        "entry": [{"fullUrl": f"urn:uuid:{uuid.uuid4()}", "resource": r} for r in resources],
    }


def parse(document: Any) -> list[ParsedResponse]:
    data = document if isinstance(document, bytes) else json.dumps(document).encode()
    return fhir.parse_response_bundle(data, resolve=resolve, max_bytes=1_000_000)


def problems(document: Any) -> list[str]:
    with pytest.raises(FhirFormatError) as error:
        parse(document)
    return error.value.problems


def first_answer(resource: dict) -> dict:
    return resource["item"][0]["item"][0]["answer"][0]


# --------------------------------------------------------------------------------------------
# Reading responses (no database)


def test_a_completed_response_reads_as_tokens() -> None:
    resource = completed()
    (parsed,) = parse(resource)
    assert parsed.questionnaire is Q
    assert parsed.tokens == {item.link_id: "2" for item in Q.items}
    assert parsed.status == "completed"
    assert parsed.identifier == resource["identifier"]["value"]
    assert (
        parsed.authored is not None and parsed.authored.isoformat() == "2026-03-01T10:15:00+00:00"
    )
    assert parsed.canonical == URL


def test_a_bundle_of_each_kind_reads_every_response() -> None:
    for kind in fhir.BUNDLE_TYPES:
        parsed = parse(bundle(completed(), completed(answer="na"), kind=kind))
        assert [p.source_index for p in parsed] == [0, 1]
        assert set(parsed[1].tokens.values()) == {"na"}


def test_another_tools_flat_response_with_integers_is_read() -> None:
    resource = {
        "resourceType": "QuestionnaireResponse",
        "identifier": {"system": SURVEY_TOOL, "value": "42"},
        "questionnaire": URL,
        "status": "amended",
        "item": [{"linkId": item.link_id, "answer": [{"valueInteger": 4}]} for item in Q.items],
    }
    (parsed,) = parse(resource)
    assert set(parsed.tokens.values()) == {"4"}
    assert parsed.identifier == f"{SURVEY_TOOL}|42"
    assert parsed.authored is None


def test_a_searchsets_included_resources_are_skipped() -> None:
    document = bundle(completed(), kind="searchset")
    document["entry"].append(
        {"resource": {"resourceType": "Questionnaire"}, "search": {"mode": "include"}}
    )
    assert len(parse(document)) == 1


def test_a_byte_order_mark_is_allowed() -> None:
    assert len(parse(b"\xef\xbb\xbf" + json.dumps(completed()).encode())) == 1


BAD_FILES: list[tuple[bytes, str]] = [
    (b"", "the file is empty"),
    (b"{not json", "the file is not JSON: Expecting property name enclosed in double quotes"),
    (b'{"a": NaN}', "the file is not JSON: NaN is not a JSON value"),
    (b"\xff\xfe{}", "the file is not UTF-8 text: byte 0xff at offset 0"),
    (b"[1, 2]", "the file holds a list, not a QuestionnaireResponse or a Bundle of them"),
    (b"[" * 200 + b"]" * 200, "the file nests more than 100 levels deep"),
    (b'{"s": "\\ud800"}', "the file holds a lone surrogate"),
    (
        b'{"resourceType": "Patient"}',
        'resourceType: "Patient" is not a QuestionnaireResponse or a Bundle of them',
    ),
]


@pytest.mark.parametrize(("data", "message"), BAD_FILES)
def test_a_file_that_is_not_a_response_is_refused(data: bytes, message: str) -> None:
    assert problems(data)[0].startswith(message)


def test_an_oversize_file_is_refused_before_it_is_read() -> None:
    data = json.dumps(completed()).encode()
    with pytest.raises(FhirFormatError) as error:
        fhir.parse_response_bundle(data, resolve=resolve, max_bytes=100)
    assert error.value.problems == [f"the file is {len(data):,} bytes; the largest accepted is 100"]


def test_an_empty_bundle_is_refused() -> None:
    assert problems({"resourceType": "Bundle", "type": "collection", "entry": []}) == [
        "entry: the bundle is empty"
    ]
    assert problems({"resourceType": "Bundle", "type": "collection"}) == [
        "entry: the bundle is empty"
    ]


def test_a_bundle_of_another_type_is_refused() -> None:
    assert problems(bundle(completed(), kind="document")) == [
        'type: a Bundle of type "document" cannot be imported '
        "(collection, transaction, batch, searchset)"
    ]


def test_a_bundle_entry_that_is_not_a_response_is_refused() -> None:
    assert problems(bundle(completed(), {"resourceType": "Patient", "id": "1"})) == [
        'entry[1].resource.resourceType: "Patient"; only QuestionnaireResponse resources can '
        "be imported"
    ]


def test_an_unknown_questionnaire_is_refused() -> None:
    assert problems(completed(questionnaire="https://elsewhere.example/Questionnaire/1")) == [
        'questionnaire: "https://elsewhere.example/Questionnaire/1" is not a questionnaire '
        "this service publishes"
    ]
    assert problems(completed(questionnaire=f"{URL}|2.0"))[0].endswith(
        "is not a questionnaire this service publishes"
    )
    del_questionnaire = completed()
    del del_questionnaire["questionnaire"]
    assert problems(del_questionnaire) == [
        "questionnaire: missing; say which questionnaire was answered (its canonical URL)"
    ]


def test_an_unknown_link_id_is_refused() -> None:
    resource = completed()
    resource["item"][0]["item"][0]["linkId"] = "no-such-question"
    assert problems(resource) == [
        'item[0].item[0].linkId: "no-such-question" is not a question of Example framework, '
        "version 1.0",
        "item: a completed response answers every question; 1 not answered: D1.1",
    ]


def test_an_answer_to_a_group_is_refused() -> None:
    resource = completed()
    resource["item"][0]["answer"] = [{"valueCoding": {"system": SCALE, "code": "2"}}]
    assert problems(resource) == ["item[0].answer: D1 is a group, which takes no answer"]


def test_more_than_one_answer_to_a_question_is_refused() -> None:
    resource = completed()
    resource["item"][0]["item"][0]["answer"].append({"valueCoding": {"code": "3"}})
    assert problems(resource)[0] == "item[0].item[0].answer: D1.1 takes one answer, not 2"


def test_a_question_answered_twice_is_refused() -> None:
    resource = completed()
    resource["item"][0]["item"].append(copy.deepcopy(resource["item"][0]["item"][0]))
    assert problems(resource) == [
        "item[0].item[3].linkId: D1.1 is answered twice (also at item[0].item[0])"
    ]


def test_a_question_in_the_wrong_section_is_refused() -> None:
    resource = completed()
    moved = resource["item"][1]["item"].pop(0)
    resource["item"][0]["item"].append(moved)
    assert problems(resource) == [
        "item[0].item[3].linkId: D2.1 belongs in Domain D2, not in Domain D1"
    ]


def test_a_code_not_on_the_scale_is_refused_with_its_path_in_the_bundle() -> None:
    resource = completed()
    resource["item"][0]["item"][1]["answer"][0]["valueCoding"]["code"] = "7"
    assert problems(bundle(completed(), completed(), completed(), resource)) == [
        'entry[3].resource.item[0].item[1].answer[0].valueCoding.code: "7" is not an answer '
        'to D1.2 (1 to 5, "na")'
    ]


def test_a_missing_answer_this_questionnaire_does_not_offer_is_refused() -> None:
    resource = completed()
    first_answer(resource)["valueCoding"]["code"] = "dk"
    assert problems(resource) == [
        'item[0].item[0].answer[0].valueCoding.code: "dk" is not an answer to D1.1 (1 to 5, "na")'
    ]


def test_a_code_from_another_system_is_refused() -> None:
    resource = completed()
    first_answer(resource)["valueCoding"]["system"] = "http://loinc.org"
    assert problems(resource) == [
        'item[0].item[0].answer[0].valueCoding.system: "http://loinc.org" is not the answer '
        f"scale {SCALE}"
    ]


def test_an_integer_answer_is_accepted_within_the_scale_only() -> None:
    resource = completed()
    resource["item"][0]["item"][0]["answer"] = [{"valueInteger": 5}]
    assert parse(resource)[0].tokens[Q.items[0].link_id] == "5"
    for bad, shown in [(9, "9"), (0, "0"), (True, "true"), (2.0, "2.0")]:
        resource["item"][0]["item"][0]["answer"] = [{"valueInteger": bad}]
        assert problems(resource) == [
            f"item[0].item[0].answer[0].valueInteger: {shown} is not an answer to D1.1 (1 to 5)"
        ]


@pytest.mark.parametrize(
    ("value", "key"),
    [({"valueString": "3"}, "valueString"), ({"valueBoolean": True}, "valueBoolean")],
)
def test_an_answer_that_is_not_a_coding_or_an_integer_is_refused(value: dict, key: str) -> None:
    resource = completed()
    resource["item"][0]["item"][0]["answer"] = [value]
    assert problems(resource) == [
        f"item[0].item[0].answer[0].{key}: answer D1.1 with valueCoding "
        '(codes 1 to 5, "na") or valueInteger (1 to 5)'
    ]


def test_only_completed_responses_are_imported() -> None:
    for status in ["in-progress", "stopped", "entered-in-error"]:
        assert problems(completed(status=status)) == [
            f'status: "{status}"; only completed (or amended) responses can be imported'
        ]


def test_a_completed_response_must_answer_every_question() -> None:
    resource = completed()
    resource["item"][1]["item"].pop()
    resource["item"][0]["item"][0]["answer"] = []
    assert problems(resource) == [
        "item: a completed response answers every question; 2 not answered: D1.1, D2.3"
    ]


def test_duplicate_identifiers_are_refused() -> None:
    first = completed()
    second = completed(identifier=first["identifier"])
    assert problems(bundle(first, second)) == [
        f'entry[1].resource.identifier: "{first["identifier"]["value"]}" is also the '
        "identifier of the response at entry[0].resource"
    ]


def test_a_date_that_is_not_a_date_is_refused() -> None:
    assert problems(completed(authored="yesterday")) == [
        'authored: "yesterday" is not a date and time like 2026-03-01T10:15:00Z'
    ]
    assert problems(completed(authored="2999-01-01T00:00:00Z")) == [
        'authored: "2999-01-01T00:00:00Z" is in the future'
    ]
    assert parse(completed(authored="2026-03-01"))[0].authored is not None


def test_every_problem_in_a_file_is_listed_at_once() -> None:
    one = completed(status="in-progress")
    two = completed()
    two["item"][0]["item"][0]["answer"] = [{"valueString": "often"}]
    found = problems(bundle(one, two, {"resourceType": "Observation"}))
    assert [problem.split(":")[0] for problem in found] == [
        "entry[0].resource.status",
        "entry[1].resource.item[0].item[0].answer[0].valueString",
        "entry[2].resource.resourceType",
    ]


@settings(max_examples=300, deadline=None)
@given(
    data=st.one_of(
        st.binary(max_size=300),
        JSON_VALUES.map(lambda value: json.dumps(value).encode()),
        JSON_VALUES.map(
            lambda value: json.dumps({"resourceType": "Bundle", "entry": value}).encode()
        ),
    )
)
def test_any_bytes_give_a_format_error_and_nothing_else(data: bytes) -> None:
    try:
        parse(data)
    except FhirFormatError as error:
        assert error.problems
        assert all(isinstance(problem, str) and problem for problem in error.problems)


def _nodes(node: Any, path: tuple = ()) -> Iterator[tuple]:
    yield path
    children = (
        node.items()
        if isinstance(node, dict)
        else enumerate(node)
        if isinstance(node, list)
        else []
    )
    for key, child in children:
        yield from _nodes(child, (*path, key))


def mutate(document: Any, data: st.DataObject, times: int) -> Any:
    """The document with a few nodes removed, replaced by any JSON, or doubled."""
    document = copy.deepcopy(document)
    for _ in range(times):
        paths = [path for path in _nodes(document) if path]
        if not paths:
            break
        path = data.draw(st.sampled_from(paths))
        parent = document
        for key in path[:-1]:
            parent = parent[key]
        key = path[-1]
        change = data.draw(st.sampled_from(["remove", "replace", "double"]))
        if change == "remove":
            del parent[key]
        elif change == "replace":
            parent[key] = data.draw(JSON_VALUES)
        elif isinstance(parent, list):
            parent.append(copy.deepcopy(parent[key]))
        else:
            parent[key] = [parent[key], copy.deepcopy(parent[key])]
    return document


@settings(max_examples=300, deadline=None)
@given(data=st.data(), times=st.integers(1, 3))
def test_a_mutated_response_gives_a_format_error_or_reads(data: st.DataObject, times: int) -> None:
    document = mutate(bundle(completed(), completed(answer="na")), data, times)
    try:
        parsed = parse(document)
    except FhirFormatError as error:
        assert error.problems
    else:
        for response in parsed:
            assert set(response.tokens) == {item.link_id for item in Q.items}


# --------------------------------------------------------------------------------------------
# Importing into the database


def counts() -> tuple[int, ...]:
    return (
        Assessment.objects.count(),
        Answer.objects.count(),
        DomainScore.objects.count(),
        AuditEvent.objects.filter(action=AuditEvent.Action.RESPONSES_IMPORTED).count(),
    )


def scores(assessment: Assessment) -> list[tuple]:
    return list(
        assessment.domain_scores.order_by("domain_lineage").values_list(
            "domain_lineage",
            "items_asked",
            "items_answered",
            "score",
            "attained_level",
            "strict_level",
            "expected_level",
            "gap",
        )
    )


def exported(*assessments: Assessment) -> bytes:
    resources = [fhir_exchange.assessment_response_json(a) for a in assessments]
    return json.dumps(resources[0] if len(resources) == 1 else bundle(*resources)).encode()


def site_questionnaire(profession: str = "porter", archetype: str = "user") -> Questionnaire:
    return services.questionnaire_for_role(profession=profession, archetype=archetype)


@pytest.mark.django_db
def test_a_self_assessment_round_trips_with_the_same_answers_and_scores(
    make_person: Callable[..., User],
) -> None:
    person = make_person(profession="physiotherapist", staff_group="st_t_ahp")
    original = submitted_self_assessment(person, archetype="driver")
    data = exported(original)
    tokens, before = services.answer_tokens(original), scores(original)
    kept = (original.public_id, original.submitted_at, original.expected, original.archetype)
    original.delete()
    (imported,) = fhir_exchange.import_responses(data)
    imported.refresh_from_db()
    assert services.answer_tokens(imported) == tokens
    assert scores(imported) == before
    assert imported.public_id == kept[0]
    assert imported.submitted_at == kept[1].replace(microsecond=0)
    assert (imported.expected, imported.archetype) == kept[2:]
    assert (imported.profession, imported.staff_group) == ("physiotherapist", "st_t_ahp")
    assert imported.status == "submitted"
    assert imported.source == "fhir"
    assert imported.user is None  # imported answers belong to no account
    assert json.loads(exported(imported)) == json.loads(data)


@pytest.mark.django_db
def test_an_organisations_assessment_round_trips_to_the_organisation_it_names(
    org: Callable[[str], Organisation], make_person: Callable[..., User]
) -> None:
    lead = make_person(role=AccountRole.ORGANISATION_LEAD, scope="R0A")
    original = submitted_organisation_assessment(org("R0A"), lead)
    data = exported(original)
    tokens, before = services.answer_tokens(original), scores(original)
    original.delete()
    (imported,) = fhir_exchange.import_responses(data, by=lead)
    assert imported.organisation == org("R0A")
    assert imported.subject == "organisation"
    assert imported.answered_by == lead
    assert services.answer_tokens(imported) == tokens
    assert scores(imported) == before


@pytest.mark.django_db
def test_a_bundle_from_another_survey_tool_is_imported_and_audited(
    org: Callable[[str], Organisation],
) -> None:
    q = site_questionnaire()
    url = fhir.questionnaire_url(q, base_url=django_settings.SITE_URL)
    responses = [
        {
            "resourceType": "QuestionnaireResponse",
            "identifier": {"system": SURVEY_TOOL, "value": str(number)},
            "questionnaire": url,
            "status": "completed",
            "authored": f"2026-02-0{number}T09:00:00Z",
            "item": [
                {"linkId": item.link_id, "answer": [{"valueInteger": number}]} for item in q.items
            ],
        }
        for number in (1, 2, 3)
    ]
    data = json.dumps(bundle(*responses, kind="transaction")).encode()
    before = counts()
    made = fhir_exchange.import_responses(data, organisation=org("R0A"))
    assert len(made) == 3
    assert counts() == (
        before[0] + 3,
        before[1] + 3 * len(q.items),
        before[2] + 3 * len(q.sections),
        before[3] + 1,
    )
    assert {a.organisation for a in made} == {org("R0A")}
    assert [a.submitted_at.day for a in made] == [1, 2, 3]  # type: ignore[union-attr]
    first = DomainScore.objects.filter(assessment=made[0])
    assert {score.score for score in first} == {0.0}  # "not yet" everywhere
    event = AuditEvent.objects.filter(action=AuditEvent.Action.RESPONSES_IMPORTED).first()
    assert event is not None and event.detail["count"] == 3

    with pytest.raises(FhirFormatError) as error:
        fhir_exchange.import_responses(data, organisation=org("R0A"))
    assert error.value.problems[0] == (
        f"entry[0].resource.identifier: {SURVEY_TOOL}|1 has already been imported"
    )
    assert counts()[:3] == (
        before[0] + 3,
        before[1] + 3 * len(q.items),
        before[2] + 3 * len(q.sections),
    )


@pytest.mark.django_db
def test_responses_imported_for_a_person_are_theirs(make_person: Callable[..., User]) -> None:
    person = make_person(at="R0A", profession="porter", staff_group="estates")
    data = json.dumps(completed(site_questionnaire(), django_settings.SITE_URL)).encode()
    (imported,) = fhir_exchange.import_responses(data, user=person)
    assert imported.user == person
    assert imported.organisation == person.organisation


@pytest.mark.django_db
def test_an_organisations_response_without_its_organisation_is_refused() -> None:
    q = fhir_exchange.find_questionnaire("organisational-maturity", "organisation")
    assert q is not None
    data = json.dumps(completed(q, django_settings.SITE_URL)).encode()
    before = counts()
    with pytest.raises(FhirFormatError) as error:
        fhir_exchange.import_responses(data)
    assert error.value.problems == [
        "subject: an organisation's response needs its organisation: give its ODS code in "
        "subject.identifier, or name the organisation to import for"
    ]
    named = completed(
        q,
        django_settings.SITE_URL,
        subject={"identifier": {"system": fhir.ODS_SYSTEM, "value": "NOPE1"}},
    )
    with pytest.raises(FhirFormatError) as error:
        fhir_exchange.import_responses(json.dumps(named).encode())
    assert error.value.problems == [
        "subject.identifier.value: no organisation has the ODS code 'NOPE1'"
    ]
    assert counts() == before


@pytest.mark.django_db
def test_a_response_about_another_organisation_than_the_one_named_is_refused(
    org: Callable[[str], Organisation],
) -> None:
    q = fhir_exchange.find_questionnaire("organisational-maturity", "organisation")
    assert q is not None
    named = completed(
        q,
        django_settings.SITE_URL,
        subject={"identifier": {"system": fhir.ODS_SYSTEM, "value": "R0A"}},
    )
    with pytest.raises(FhirFormatError) as error:
        fhir_exchange.import_responses(json.dumps(named).encode(), organisation=org("RBS"))
    assert error.value.problems == [
        f"subject.identifier.value: the response is about {org('R0A')}, not {org('RBS')}"
    ]


@pytest.mark.django_db
def test_an_import_that_would_clash_with_an_unfinished_assessment_is_refused(
    org: Callable[[str], Organisation], make_person: Callable[..., User]
) -> None:
    lead = make_person(role=AccountRole.ORGANISATION_LEAD, scope="R0A")
    services.start_organisation_assessment(org("R0A"), by=lead)
    q = fhir_exchange.find_questionnaire("organisational-maturity", "organisation")
    assert q is not None
    data = json.dumps(completed(q, django_settings.SITE_URL)).encode()
    with pytest.raises(FhirFormatError) as error:
        fhir_exchange.import_responses(data, organisation=org("R0A"))
    assert error.value.problems[0].startswith("questionnaire: ") and error.value.problems[
        0
    ].endswith("submit or discard it before importing")


@pytest.mark.django_db
def test_a_failure_part_way_leaves_the_database_as_it_was(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    q = site_questionnaire()
    data = json.dumps(bundle(*(completed(q, django_settings.SITE_URL) for _ in range(3)))).encode()
    real_submit = services.submit
    calls = []

    def failing_submit(assessment: Assessment) -> Assessment:
        calls.append(assessment)
        if len(calls) == 3:
            raise services.AssessmentError("the database went away")
        return real_submit(assessment)

    monkeypatch.setattr(services, "submit", failing_submit)
    before = counts()
    with pytest.raises(FhirFormatError) as error:
        fhir_exchange.import_responses(data)
    assert error.value.problems == ["entry[2].resource.item: the database went away"]
    assert counts() == before


@pytest.mark.django_db
def test_a_file_over_the_upload_limit_is_refused(settings: Any) -> None:
    settings.FRAMEWORK_UPLOAD_MAX_BYTES = 10
    with pytest.raises(FhirFormatError, match="the largest accepted is 10"):
        fhir_exchange.import_responses(b'{"resourceType": "Bundle"}')


@pytest.mark.django_db
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data(), times=st.integers(1, 3))
def test_a_mutated_import_changes_nothing_unless_it_imports_whole(
    data: st.DataObject, times: int
) -> None:
    person = completed(site_questionnaire(), django_settings.SITE_URL)
    organisation_q = fhir_exchange.find_questionnaire("organisational-maturity", "organisation")
    assert organisation_q is not None
    named = completed(
        organisation_q,
        django_settings.SITE_URL,
        subject={"identifier": {"system": fhir.ODS_SYSTEM, "value": "R0A"}},
    )
    document = mutate(bundle(person, named), data, times)
    before = counts()
    try:
        made = fhir_exchange.import_responses(json.dumps(document).encode())
    except FhirFormatError as error:
        assert error.problems
        assert counts() == before
    else:
        assert counts()[0] == before[0] + len(made)
        assert all(a.status == "submitted" and a.source == "fhir" for a in made)


@pytest.mark.django_db
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(value=JSON_VALUES)
def test_any_json_import_changes_nothing(value: Any) -> None:
    before = counts()
    with pytest.raises(FhirFormatError):
        fhir_exchange.import_responses(json.dumps(value).encode())
    assert counts() == before


@pytest.mark.django_db
def test_the_example_in_the_guide_is_right_but_for_the_questions_it_leaves_out() -> None:
    guide = (Path(__file__).parents[2] / "docs" / "fhir.md").read_text()
    example = re.search(r"```json\n(.*?)```", guide, re.DOTALL)
    assert example is not None
    text = example.group(1).replace("https://digiready.example.nhs.uk", django_settings.SITE_URL)
    with pytest.raises(FhirFormatError) as error:
        fhir_exchange.import_responses(text.encode())
    assert error.value.problems == [
        "entry[0].resource.item: a completed response answers every question; 23 not "
        "answered: SF.1, SF.2, SF.3, SF.4, SA.1, SA.2, SA.3, SA.4, PE.1, PE.2 and 13 more"
    ]
