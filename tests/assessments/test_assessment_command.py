"""The `digiready assessment` command: questionnaires, and FHIR responses out and in."""

import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from fhir.resources.R4B.questionnaire import Questionnaire as R4Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse as R4Response

from digiready.accounts.models import AuditEvent, User
from digiready.accounts.models import Role as AccountRole
from digiready.assessments import services
from digiready.assessments.models import Assessment
from digiready.organisations.models import Organisation

from .test_fhir import submitted_organisation_assessment, submitted_self_assessment

pytestmark = pytest.mark.django_db


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("assessment", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_questionnaire_reads_as_text_with_sections_items_and_totals() -> None:
    out, _ = run("questionnaire", "--role", "physiotherapist", "--format", "text")
    q = services.questionnaire_for_role(profession="physiotherapist", archetype="user")
    assert out.startswith("Digital Ready health and care digital capability framework, version 1.0")
    assert "Self-assessment for: Physiotherapist, User" in out
    assert (
        'Answers: 1: Not yet; 2: Foundation; 3: Intermediate; 4: Advanced; 5: Expert; "na": Not '
        "applicable to my role"
    ) in out
    section = q.sections[0]
    assert f"{section.code}  {section.title}: {len(section.items)} items, expected level" in out
    assert f"    {q.items[0].code:<8}{q.items[0].title}" in out
    assert out.rstrip().endswith(f"Total: {len(q.sections)} sections, {len(q.items)} items.")


def test_the_questionnaire_as_plain_json_is_the_questionnaire_itself() -> None:
    out, _ = run("questionnaire", "--role", "nurse", "--archetype", "embedder", "--format", "json")
    data = json.loads(out)
    q = services.questionnaire_for_role(profession="nurse", archetype="embedder")
    assert data["role"] == {"profession": "nurse", "staff_group": "nurses", "archetype": "embedder"}
    assert [s["link_id"] for s in data["sections"]] == [s.link_id for s in q.sections]
    assert data["sections"][0]["items"][0]["choices"][0]["label"] == "Not yet"


def test_the_questionnaire_as_fhir_is_valid_r4() -> None:
    out, _ = run("questionnaire", "--staff-group", "nurses", "--format", "fhir")
    resource = json.loads(out)
    R4Questionnaire.model_validate(resource)
    assert resource["id"] == "digital-ready-1.0-nurses-user"


def test_the_organisational_questionnaire_is_shown() -> None:
    out, _ = run("questionnaire", "--organisation", "--format", "text")
    assert out.startswith("Digital Ready organisational digital maturity framework")
    assert "Answers: 1 – Initial; 2 – Developing; 3 – Defined; 4 – Managed; 5 – Optimised" in out
    assert '"dk": I do not know' in out
    resource = json.loads(run("questionnaire", "--organisation", "--format", "fhir")[0])
    assert resource["subjectType"] == ["Organization"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--role", "astronaut"], "Unknown profession 'astronaut'"),
        (["--role", "nurse", "--archetype", "boss"], "Unknown archetype 'boss'; choose from user"),
        (["--staff-group", "pilots"], "Unknown staff group 'pilots'"),
        ([], "Give a profession (--role) or a staff group (--staff-group)."),
        (["--role", "nurse", "--format", "xml"], "Unknown format 'xml'"),
    ],
)
def test_an_unknown_role_fails_cleanly(args: list[str], message: str) -> None:
    with pytest.raises(CommandError) as error:
        run("questionnaire", *args)
    assert str(error.value).startswith(message)


def test_a_response_exports_to_a_file_and_imports_back(
    tmp_path: Path, make_person: Callable[..., User]
) -> None:
    person = make_person(profession="paramedic", staff_group="ambulance")
    original = submitted_self_assessment(person)
    tokens = services.answer_tokens(original)
    target = tmp_path / "response.json"
    _, err = run("export-response", str(original.public_id), "--output", str(target))
    assert "Wrote" in err
    R4Response.model_validate(json.loads(target.read_text()))
    assert AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).exists()
    original.delete()
    out, _ = run("import-fhir", str(target))
    assert out.startswith("Imported 1 response as submitted assessments")
    imported = Assessment.objects.get(public_id=original.public_id)
    assert services.answer_tokens(imported) == tokens
    assert imported.source == "fhir"


def test_an_export_to_standard_output(
    capsys: pytest.CaptureFixture[str], make_person: Callable[..., User]
) -> None:
    original = submitted_self_assessment(make_person(profession="nurse", staff_group="nurses"))
    run("export-response", str(original.public_id))
    resource = json.loads(capsys.readouterr().out)
    assert resource["resourceType"] == "QuestionnaireResponse"
    with pytest.raises(CommandError, match="No assessment has the identifier 'nope'"):
        run("export-response", "nope")


def test_an_organisations_response_imports_for_the_organisation_named(
    tmp_path: Path, org: Callable[[str], Organisation], make_person: Callable[..., User]
) -> None:
    lead = make_person(role=AccountRole.ORGANISATION_LEAD, scope="R0A")
    original = submitted_organisation_assessment(org("R0A"), lead)
    target = tmp_path / "organisation.json"
    run("export-response", str(original.public_id), "-o", str(target))
    original.delete()
    with pytest.raises(CommandError, match="No organisation has the ODS code 'NOPE'"):
        run("import-fhir", str(target), "--organisation", "NOPE")
    run("import-fhir", str(target), "--organisation", "r0a")
    assert Assessment.objects.get(public_id=original.public_id).organisation == org("R0A")


def test_a_broken_file_prints_every_problem_and_imports_nothing(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text(
        json.dumps(
            {
                "resourceType": "Bundle",
                "type": "collection",
                "entry": [
                    {"resource": {"resourceType": "QuestionnaireResponse", "status": "stopped"}},
                    {"resource": {"resourceType": "Patient"}},
                ],
            }
        )
    )
    before = Assessment.objects.count()
    err = io.StringIO()
    with pytest.raises(CommandError, match="Nothing was imported: 3 problems found"):
        call_command("assessment", "import-fhir", str(broken), stdout=io.StringIO(), stderr=err)
    assert err.getvalue().splitlines() == [
        'broken.json: entry[0].resource.status: "stopped"; only completed (or amended) '
        "responses can be imported",
        "broken.json: entry[0].resource.questionnaire: missing; say which questionnaire was "
        "answered (its canonical URL)",
        'broken.json: entry[1].resource.resourceType: "Patient"; only QuestionnaireResponse '
        "resources can be imported",
    ]
    assert Assessment.objects.count() == before
    with pytest.raises(CommandError, match="Cannot read"):
        run("import-fhir", str(tmp_path / "missing.json"))
