import dataclasses
import json
import sys
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from digiready.accounts.audit import record
from digiready.accounts.models import AuditEvent
from digiready.accounts.professions import PROFESSION_BY_CODE, STAFF_GROUP_BY_CODE
from digiready.assessments import fhir_exchange, services
from digiready.assessments.demo import load_demo
from digiready.assessments.fhir import ORGANISATION_KEY, FhirFormatError
from digiready.assessments.models import Assessment
from digiready.assessments.questionnaire import MISSING_LABELS, Questionnaire
from digiready.frameworks.profiles import ARCHETYPE_BY_CODE
from digiready.organisations.models import Organisation

FORMATS = ("text", "json", "fhir")
MAX_PROBLEMS_SHOWN = 200
# Below this many responses an import is quick enough to need no progress bar.
PROGRESS_FROM = 50


def _read(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise CommandError(f"Cannot read {path}: {error.strerror}") from error


def _dump(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _organisation(ods_code: str) -> Organisation:
    found = Organisation.objects.filter(ods_code__iexact=ods_code.strip()).first()
    if found is None:
        raise CommandError(f"No organisation has the ODS code {ods_code!r}.")
    return found


def _assessment(public_id: str) -> Assessment:
    try:
        found = (
            Assessment.objects.select_related("framework_version__framework", "organisation")
            .filter(public_id=public_id)
            .first()
        )
    except ValidationError:  # not a UUID
        found = None
    if found is None:
        raise CommandError(f"No assessment has the identifier {public_id!r}.")
    return found


def questionnaire_text(q: Questionnaire) -> str:
    """A readable outline: each section with its items, then the totals."""
    lines = [f"{q.title}, version {q.version}", _role_line(q), _scale_line(q), ""]
    for section in q.sections:
        expected = (
            f", expected level {section.expected_level} ({q.level_name(section.expected_level)})"
            if section.expected_level
            else ""
        )
        count = len(section.items)
        lines.append(
            f"{section.code}  {section.title}: {count} item{'s' if count != 1 else ''}{expected}"
        )
        lines.extend(f"    {item.code:<8}{item.title}" for item in section.items)
    lines += ["", f"Total: {len(q.sections)} sections, {len(q.items)} items."]
    return "\n".join(lines) + "\n"


def _role_line(q: Questionnaire) -> str:
    if q.subject == "organisation":
        return "Organisational maturity assessment, answered by the organisation's lead"
    role = q.role
    profession = PROFESSION_BY_CODE.get(role.profession)
    group = STAFF_GROUP_BY_CODE.get(role.staff_group)
    who = profession.name if profession else group.name if group else "Anyone"
    archetype = ARCHETYPE_BY_CODE.get(role.archetype)
    return f"Self-assessment for: {who}, {archetype.name if archetype else 'any archetype'}"


def _scale_line(q: Questionnaire) -> str:
    first = q.items[0] if q.items else None
    # An organisation's level names start with their number already ("1 – Initial").
    choices = [
        c.label if c.label.startswith(str(c.value)) else f"{c.value}: {c.label}"
        for c in (first.choices if first else ())
    ]
    missing = [f'"{code}": {MISSING_LABELS[code]}' for code in (first.missing if first else ())]
    return "Answers: " + "; ".join(choices + missing)


class Command(BaseCommand):
    help = "Questionnaires and responses: show a role's questionnaire, export and import FHIR."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        showing = actions.add_parser(
            "questionnaire",
            help="Show the questionnaire a role is asked, from the current framework version.",
        )
        showing.add_argument("--role", default="", metavar="PROFESSION", help="Profession code.")
        showing.add_argument("--staff-group", default="", help="Staff group code.")
        showing.add_argument("--archetype", default="user", help="user, embedder, driver…")
        showing.add_argument(
            "--organisation",
            action="store_true",
            help="The organisational maturity questionnaire instead.",
        )
        showing.add_argument("--format", default="text", help="text, json or fhir.")
        exporting = actions.add_parser(
            "export-response", help="Write an assessment as a FHIR QuestionnaireResponse."
        )
        exporting.add_argument("public_id", metavar="PUBLIC_ID")
        exporting.add_argument("--output", "-o", help="File to write (default: standard output).")
        importing = actions.add_parser(
            "import-fhir",
            help="Import FHIR QuestionnaireResponses (one, or a Bundle) as submitted assessments.",
            description="The whole file is checked first; if anything is wrong nothing is "
            "imported and every problem is printed with where it is.",
        )
        importing.add_argument("file", metavar="FILE.json")
        importing.add_argument(
            "--organisation",
            metavar="ODS",
            help="The organisation assessed, or the respondents' employer.",
        )
        actions.add_parser(
            "demo",
            help="Add the demo assessments: a year-old self-assessment for the demo member of "
            "staff and a maturity assessment for the demo lead's trust (safe to run again; "
            "refuses with production settings).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        getattr(self, "_" + options["action"].replace("-", "_"))(options)

    def _questionnaire(self, options: dict[str, Any]) -> None:
        if options["format"] not in FORMATS:
            raise CommandError(
                f"Unknown format {options['format']!r}; choose from {', '.join(FORMATS)}."
            )
        q = self._find_questionnaire(options)
        if options["format"] == "text":
            self.stdout.write(questionnaire_text(q), ending="")
        elif options["format"] == "json":
            self.stdout.write(_dump(dataclasses.asdict(q)), ending="")
        else:
            self.stdout.write(_dump(fhir_exchange.questionnaire_json(q)), ending="")

    def _find_questionnaire(self, options: dict[str, Any]) -> Questionnaire:
        if options["organisation"]:
            found = fhir_exchange.find_questionnaire(
                services.ORGANISATION_FRAMEWORK, ORGANISATION_KEY
            )
            if found is None:
                raise CommandError("There is no published organisational framework.")
            return found
        profession, group, archetype = options["role"], options["staff_group"], options["archetype"]
        if not (profession or group):
            raise CommandError("Give a profession (--role) or a staff group (--staff-group).")
        if profession and profession not in PROFESSION_BY_CODE:
            raise CommandError(
                f"Unknown profession {profession!r}; for example: "
                f"{', '.join(sorted(PROFESSION_BY_CODE)[:6])}…"
            )
        if group and group not in STAFF_GROUP_BY_CODE:
            raise CommandError(
                f"Unknown staff group {group!r}; choose from {', '.join(STAFF_GROUP_BY_CODE)}."
            )
        if archetype not in ARCHETYPE_BY_CODE:
            raise CommandError(
                f"Unknown archetype {archetype!r}; choose from {', '.join(ARCHETYPE_BY_CODE)}."
            )
        try:
            return services.questionnaire_for_role(
                profession=profession, staff_group=group, archetype=archetype
            )
        except services.AssessmentError as error:
            raise CommandError(" ".join(error.problems)) from error

    def _export_response(self, options: dict[str, Any]) -> None:
        assessment = _assessment(options["public_id"])
        content = _dump(fhir_exchange.assessment_response_json(assessment))
        if options["output"]:
            Path(options["output"]).write_text(content, encoding="utf-8")
            self.stderr.write(f"Wrote {options['output']} ({len(content.encode()):,} bytes).")
        else:
            sys.stdout.write(content)
            sys.stdout.flush()
        record(
            AuditEvent.Action.EXPORT,
            actor_label="command line",
            target=str(assessment),
            format="fhir",
        )

    def _import_fhir(self, options: dict[str, Any]) -> None:
        organisation = _organisation(options["organisation"]) if options["organisation"] else None
        data = _read(options["file"])
        start = time.perf_counter()
        try:
            with self._progress() as progress:
                bar = progress.add_task("Importing responses", total=None)

                def advance(done: int, total: int) -> None:
                    if total >= PROGRESS_FROM:
                        progress.update(bar, completed=done, total=total)

                made = fhir_exchange.import_responses(
                    data,
                    organisation=organisation,
                    actor_label="command line",
                    progress=advance,
                )
        except FhirFormatError as error:
            name = Path(options["file"]).name
            for problem in error.problems[:MAX_PROBLEMS_SHOWN]:
                self.stderr.write(f"{name}: {problem}")
            if len(error.problems) > MAX_PROBLEMS_SHOWN:
                self.stderr.write(f"… and {len(error.problems) - MAX_PROBLEMS_SHOWN} more.")
            raise CommandError(
                f"Nothing was imported: {len(error.problems)} "
                f"problem{'s' if len(error.problems) != 1 else ''} found."
            ) from error
        count = len(made)
        self.stdout.write(
            f"Imported {count} response{'s' if count != 1 else ''} as submitted assessments "
            f"in {time.perf_counter() - start:.1f} s."
        )

    def _demo(self, options: dict[str, Any]) -> None:
        if settings.DIGIREADY_PRODUCTION:
            raise CommandError("Demo assessments are never loaded with production settings.")
        made = load_demo()
        self.stdout.write(f"Demo assessments: {made} added.")

    def _progress(self) -> Progress:
        return Progress(
            TextColumn("{task.description:<30}"),
            BarColumn(),
            TextColumn("{task.completed:>6,.0f}"),
            TimeElapsedColumn(),
            transient=True,
        )
