"""Questionnaires and answers as HL7 FHIR R4 ``Questionnaire`` and ``QuestionnaireResponse``.

A questionnaire is identified by a canonical URL naming the framework, its version and the role
it was built for (``{base}/fhir/Questionnaire/digital-ready-1.0-physiotherapist-user``). Every
answer is a ``Coding`` in one code system per framework version: "1" to "L" for the positions
on the scale, "na" and "dk" for the missing answers. Reading responses checks the whole file
and reports every problem with its JSON path, so an import succeeds whole or not at all.

Only R4 elements are written (no ``answerConstraint``, which R5 added). No Django here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from digiready.accounts.professions import PROFESSION_BY_CODE, STAFF_GROUP_BY_CODE, staff_group_for
from digiready.assessments.questionnaire import (
    MISSING_LABELS,
    Item,
    Questionnaire,
    Role,
    Section,
)
from digiready.frameworks.profiles import ARCHETYPE_BY_CODE

FHIR_JSON = "application/fhir+json"
URI_SYSTEM = "urn:ietf:rfc:3986"
ODS_SYSTEM = "https://fhir.nhs.uk/Id/ods-organization-code"
ITEM_CONTROL = "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl"
ITEM_CONTROL_SYSTEM = "http://hl7.org/fhir/questionnaire-item-control"
SUBJECT_TYPES = {"person": "Practitioner", "organisation": "Organization"}

# The role key of an organisation's questionnaire, and of a person's with no role profile.
ORGANISATION_KEY = "organisation"
EVERYONE_KEY = "everyone"
# Written before a staff group whose code is also a profession's ("other", "estates").
STAFF_GROUP_PREFIX = "staff-group-"

IMPORTED_STATUSES = ("completed", "amended")
BUNDLE_TYPES = ("collection", "transaction", "batch", "searchset")
MAX_DEPTH = 100  # FHIR responses nest a few levels; far deeper JSON is not a response
MAX_SHOWN = 60  # characters of a bad value quoted in a message
MAX_LISTED = 10  # unanswered questions named in one message
FUTURE_TOLERANCE = timedelta(days=1)  # clocks differ; a response from tomorrow is a mistake

_ID_UNSAFE = re.compile(r"[^A-Za-z0-9.\-]")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$")


class FhirFormatError(ValueError):
    """FHIR content that cannot be imported; ``problems`` says where and why, one line each."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems[:5]) + (" …" if len(problems) > 5 else ""))


# --------------------------------------------------------------------------------------------
# Names and addresses


def role_key(q: Questionnaire) -> str:
    """What names the role in a questionnaire's id: ``physiotherapist-user``, ``organisation``."""
    if q.subject == "organisation":
        return ORGANISATION_KEY
    role = q.role
    if role.profession:
        who = role.profession
    elif role.staff_group:
        prefix = STAFF_GROUP_PREFIX if role.staff_group in PROFESSION_BY_CODE else ""
        who = prefix + role.staff_group
    else:
        return EVERYONE_KEY
    # FHIR ids allow no underscores; profession and staff group codes have no hyphens.
    return f"{who}-{role.archetype or 'user'}".replace("_", "-")


def parse_role_key(key: str) -> tuple[str, Role] | None:
    """(subject, role) from a role key, or None for a key that names no role."""
    if key == ORGANISATION_KEY:
        return "organisation", Role()
    if key == EVERYONE_KEY:
        return "person", Role()
    who, _, archetype = key.rpartition("-")
    if archetype not in ARCHETYPE_BY_CODE or not who:
        return None
    if who.startswith(STAFF_GROUP_PREFIX):
        group = who.removeprefix(STAFF_GROUP_PREFIX).replace("-", "_")
        return ("person", Role("", group, archetype)) if group in STAFF_GROUP_BY_CODE else None
    code = who.replace("-", "_")
    if code in PROFESSION_BY_CODE:
        return "person", Role(code, staff_group_for(code), archetype)
    if code in STAFF_GROUP_BY_CODE:
        return "person", Role("", code, archetype)
    return None


def version_stem(slug: str, version: str) -> str:
    """The start of every id for one framework version: ``digital-ready-1.0``."""
    return _ID_UNSAFE.sub("-", f"{slug}-{version}")


def questionnaire_id(q: Questionnaire) -> str:
    return f"{version_stem(q.framework_slug, q.version)}-{role_key(q)}"


def questionnaire_url(q: Questionnaire, *, base_url: str) -> str:
    """The canonical URL: where this service publishes the questionnaire, and its name."""
    return f"{base_url}/fhir/Questionnaire/{questionnaire_id(q)}"


def scale_system(q: Questionnaire, *, base_url: str) -> str:
    """The code system of the answers: "1" to "L", "na" and "dk"."""
    return f"{base_url}/fhir/CodeSystem/{version_stem(q.framework_slug, q.version)}-scale"


def framework_system(q: Questionnaire, *, base_url: str) -> str:
    """The code system of the domain and capability codes ("DL", "DL.2") of one version."""
    return f"{base_url}/fhir/CodeSystem/{version_stem(q.framework_slug, q.version)}"


def lineage_extension(base_url: str) -> str:
    return f"{base_url}/fhir/StructureDefinition/lineage"


def expected_level_extension(base_url: str) -> str:
    return f"{base_url}/fhir/StructureDefinition/expected-level"


def split_canonical(reference: str) -> tuple[str, str | None]:
    """A canonical reference as (url, version): ``url|1.0`` names a version, ``url`` any."""
    url, bar, version = reference.partition("|")
    return url, (version if bar else None)


# --------------------------------------------------------------------------------------------
# Export


def questionnaire_resource(
    q: Questionnaire,
    *,
    base_url: str,
    publisher: str = "",
    status: str = "active",
    date: str = "",
) -> dict[str, Any]:
    """A FHIR R4 Questionnaire: one group per section, one choice question per capability."""
    qid = questionnaire_id(q)
    resource: dict[str, Any] = {"resourceType": "Questionnaire"}
    if len(qid) <= 64:  # a FHIR id is at most 64 characters; the url still names it
        resource["id"] = qid
    resource |= {
        "url": questionnaire_url(q, base_url=base_url),
        "version": q.version,
        "name": computable_name(q),
        "title": questionnaire_title(q),
        "status": status,
        "subjectType": [SUBJECT_TYPES.get(q.subject, "Practitioner")],
        "language": "en-GB",
    }
    if date:
        resource["date"] = date
    if publisher:
        resource["publisher"] = publisher
    resource["code"] = [
        {
            "system": URI_SYSTEM,
            "code": f"urn:uuid:{q.version_identifier}",
            "display": f"{q.title}, version {q.version}",
        }
    ]
    resource["item"] = [_group(q, section, base_url) for section in q.sections]
    return resource


def computable_name(q: Questionnaire) -> str:
    """A name a program can use: ``DigitalReady_1_0_PhysiotherapistUser``."""
    parts = [
        _camel(q.framework_slug),
        "_".join(re.findall(r"[A-Za-z0-9]+", q.version)),
        _camel(role_key(q)),
    ]
    name = "_".join(part for part in parts if part)
    return name if name[:1].isalpha() else f"Q{name}"


def questionnaire_title(q: Questionnaire) -> str:
    if q.subject == "organisation" or not (q.role.profession or q.role.staff_group):
        return q.title
    role = q.role
    who = (
        PROFESSION_BY_CODE[role.profession].name
        if role.profession in PROFESSION_BY_CODE
        else STAFF_GROUP_BY_CODE[role.staff_group].name
        if role.staff_group in STAFF_GROUP_BY_CODE
        else role.profession or role.staff_group
    )
    archetype = ARCHETYPE_BY_CODE.get(role.archetype)
    return f"{q.title}: {who}, {archetype.name if archetype else role.archetype}"


def _camel(text: str) -> str:
    return "".join(word[:1].upper() + word[1:] for word in re.findall(r"[A-Za-z0-9]+", text))


def _group(q: Questionnaire, section: Section, base_url: str) -> dict[str, Any]:
    extensions: list[dict[str, Any]] = [
        {"url": lineage_extension(base_url), "valueUri": f"urn:uuid:{section.lineage}"}
    ]
    if section.expected_level is not None:
        extensions.append(
            {"url": expected_level_extension(base_url), "valueInteger": section.expected_level}
        )
    group: dict[str, Any] = {"linkId": section.link_id, "extension": extensions}
    if section.code:
        group["prefix"] = section.code
        group["code"] = [
            {
                "system": framework_system(q, base_url=base_url),
                "code": section.code,
                "display": section.title,
            }
        ]
    group |= {"text": section.title, "type": "group", "required": True, "repeats": False}
    help_items = [_help(section.link_id, section.description)] if section.description else []
    group["item"] = help_items + [_question(q, item, base_url) for item in section.items]
    return group


def _question(q: Questionnaire, item: Item, base_url: str) -> dict[str, Any]:
    question: dict[str, Any] = {
        "linkId": item.link_id,
        "extension": [{"url": lineage_extension(base_url), "valueUri": f"urn:uuid:{item.lineage}"}],
    }
    if item.code:
        question["prefix"] = item.code
        question["code"] = [
            {
                "system": framework_system(q, base_url=base_url),
                "code": item.code,
                "display": item.title,
            }
        ]
    system = scale_system(q, base_url=base_url)
    question |= {
        "text": item.title,
        "type": "choice",
        "required": True,
        "repeats": False,
        "answerOption": [
            {"valueCoding": {"system": system, "code": str(choice.value), "display": display}}
            for choice, display in zip(item.choices, _choice_displays(item), strict=True)
        ]
        + [
            {"valueCoding": {"system": system, "code": code, "display": MISSING_LABELS[code]}}
            for code in item.missing
        ],
    }
    if item.description:
        question["item"] = [_help(item.link_id, item.description)]
    return question


def _choice_displays(item: Item) -> list[str]:
    return [
        f"{choice.label}: {choice.statement}" if choice.statement else choice.label
        for choice in item.choices
    ]


def _help(link_id: str, text: str) -> dict[str, Any]:
    """Help text shown with a question or section (the standard R4 itemControl "help")."""
    return {
        "linkId": f"{link_id}-help",
        "extension": [
            {
                "url": ITEM_CONTROL,
                "valueCodeableConcept": {
                    "coding": [{"system": ITEM_CONTROL_SYSTEM, "code": "help", "display": "Help"}]
                },
            }
        ],
        "text": text,
        "type": "display",
    }


def response_resource(
    q: Questionnaire,
    *,
    base_url: str,
    response_id: str,
    tokens: Mapping[str, str],
    status: str,
    authored: str,
    subject_reference: str | None = None,
    subject_ods: str | None = None,
    subject_display: str | None = None,
) -> dict[str, Any]:
    """A FHIR R4 QuestionnaireResponse holding the answers given so far, grouped by section."""
    resource: dict[str, Any] = {
        "resourceType": "QuestionnaireResponse",
        "id": response_id,
        "identifier": {"system": URI_SYSTEM, "value": f"urn:uuid:{response_id}"},
        "questionnaire": f"{questionnaire_url(q, base_url=base_url)}|{q.version}",
        "status": status,
    }
    subject = _subject(subject_reference, subject_ods, subject_display)
    if subject:
        resource["subject"] = subject
    if authored:
        resource["authored"] = authored
    system = scale_system(q, base_url=base_url)
    groups = []
    for section in q.sections:
        answered = [
            _answered(item, tokens[item.link_id], system)
            for item in section.items
            if item.link_id in tokens
        ]
        if answered:  # R4 forbids a group with neither answers nor items
            groups.append({"linkId": section.link_id, "text": section.title, "item": answered})
    if groups:
        resource["item"] = groups
    return resource


def _subject(reference: str | None, ods: str | None, display: str | None) -> dict[str, Any]:
    subject: dict[str, Any] = {}
    if reference:
        subject["reference"] = reference
    if ods:
        subject["identifier"] = {"system": ODS_SYSTEM, "value": ods}
    if display and subject:
        subject["display"] = display
    return subject


def _answered(item: Item, token: str, system: str) -> dict[str, Any]:
    displays = dict(zip((str(c.value) for c in item.choices), _choice_displays(item), strict=True))
    coding = {"system": system, "code": token}
    if display := displays.get(token) or MISSING_LABELS.get(token):
        coding["display"] = display
    return {"linkId": item.link_id, "text": item.title, "answer": [{"valueCoding": coding}]}


# --------------------------------------------------------------------------------------------
# Import


@dataclass(frozen=True)
class ParsedResponse:
    """One checked QuestionnaireResponse: its answers as tokens ("3", "na"), ready to save."""

    questionnaire: Questionnaire
    tokens: dict[str, str]  # item link id -> "1" to "L", "na" or "dk"
    status: str
    authored: datetime | None  # timezone-aware
    identifier: str | None  # "urn:uuid:…", or "system|value" for another tool's identifier
    subject_reference: str | None
    source_index: int  # the Bundle entry (0 for a lone response)
    canonical: str = ""  # the questionnaire's canonical URL, without a version
    subject_ods: str | None = None  # subject.identifier when it is an ODS code
    path: str = ""  # where the response is in the file: "entry[3].resource", or ""


Resolve = Callable[[str], Questionnaire | None]


def parse_response_bundle(
    data: bytes, *, resolve: Resolve, max_bytes: int | None = None
) -> list[ParsedResponse]:
    """Every response in a QuestionnaireResponse or a Bundle of them, or FhirFormatError listing
    every problem found, each with its JSON path."""
    document = _load(data, max_bytes)
    problems: list[str] = []
    parsed: list[ParsedResponse] = []
    for index, path, resource in _resources(document, problems):
        response = _Reader(resolve, problems).read(resource, path, index)
        if response is not None:
            parsed.append(response)
    _check_identifiers(parsed, problems)
    if problems:
        raise FhirFormatError(problems)
    return parsed


def _load(data: bytes, max_bytes: int | None) -> Any:
    if max_bytes is not None and len(data) > max_bytes:
        raise FhirFormatError(
            [f"the file is {len(data):,} bytes; the largest accepted is {max_bytes:,}"]
        )
    try:
        text = bytes(data).decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise FhirFormatError(
            [f"the file is not UTF-8 text: byte {exc.object[exc.start]:#04x} at offset {exc.start}"]
        ) from None
    if not text.strip():
        raise FhirFormatError(["the file is empty"])
    try:
        document = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise FhirFormatError(
            [f"the file is not JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"]
        ) from None
    except (ValueError, RecursionError) as exc:
        reason = str(exc)[:MAX_SHOWN] or "nested too deeply"
        raise FhirFormatError([f"the file is not JSON: {reason}"]) from None
    if _too_deep(document):
        raise FhirFormatError([f"the file nests more than {MAX_DEPTH} levels deep"])
    if "\\u" in text and _has_lone_surrogate(document):
        raise FhirFormatError(["the file holds a lone surrogate (\\ud800-\\udfff) in a string"])
    return document


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON value")


def _too_deep(document: Any) -> bool:
    """Found without recursion, so that deep input cannot overflow the stack here either."""
    stack = [(document, 1)] if isinstance(document, dict | list) else []
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            return True
        children = value.values() if isinstance(value, dict) else value
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False


def _has_lone_surrogate(document: Any) -> bool:
    try:
        json.dumps(document, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _resources(document: Any, problems: list[str]) -> Iterator[tuple[int, str, Any]]:
    """(entry index, JSON path, resource) for each response the document holds."""
    if not isinstance(document, dict):
        problems.append(
            f"the file holds {_kind(document)}, not a QuestionnaireResponse or a Bundle of them"
        )
        return
    kind = document.get("resourceType")
    if kind == "QuestionnaireResponse":
        yield 0, "", document
        return
    if kind != "Bundle":
        problems.append(
            f"resourceType: {_show(kind)} is not a QuestionnaireResponse or a Bundle of them"
        )
        return
    bundle_type = document.get("type")
    if bundle_type not in BUNDLE_TYPES:
        problems.append(
            f"type: a Bundle of type {_show(bundle_type)} cannot be imported "
            f"({', '.join(BUNDLE_TYPES)})"
        )
    entries = document.get("entry")
    if entries is None or entries == []:
        problems.append("entry: the bundle is empty")
        return
    if not isinstance(entries, list):
        problems.append(f"entry: {_kind(entries)}, not a list of entries")
        return
    found = 0
    for index, entry in enumerate(entries):
        path = f"entry[{index}]"
        if not isinstance(entry, dict):
            problems.append(f"{path}: {_kind(entry)}, not an entry")
            continue
        search = entry.get("search")
        if isinstance(search, dict) and search.get("mode") in ("include", "outcome"):
            continue  # a searchset's included resources and messages are not results
        if "resource" not in entry:
            problems.append(f"{path}.resource: missing; every entry needs a QuestionnaireResponse")
            continue
        found += 1
        yield index, f"{path}.resource", entry["resource"]
    if not found and not problems:
        problems.append("entry: the bundle holds no QuestionnaireResponse")


def _check_identifiers(parsed: list[ParsedResponse], problems: list[str]) -> None:
    first: dict[str, str] = {}
    for response in parsed:
        if response.identifier is None:
            continue
        where = _at(response.path, "identifier")
        if response.identifier in first:
            problems.append(
                f"{where}: {_show(response.identifier)} is also the identifier of the response "
                f"at {first[response.identifier] or 'the top level'}"
            )
        else:
            first[response.identifier] = response.path


class _Reader:
    """Checks one QuestionnaireResponse against the questionnaire it names."""

    def __init__(self, resolve: Resolve, problems: list[str]) -> None:
        self.resolve = resolve
        self.problems = problems

    def problem(self, path: str, message: str) -> None:
        self.problems.append(f"{path}: {message}" if path else message)

    def read(self, resource: Any, path: str, index: int) -> ParsedResponse | None:
        before = len(self.problems)
        if not isinstance(resource, dict):
            self.problem(path, f"{_kind(resource)}, not a QuestionnaireResponse")
            return None
        kind = resource.get("resourceType")
        if kind != "QuestionnaireResponse":
            self.problem(
                _at(path, "resourceType"),
                f"{_show(kind)}; only QuestionnaireResponse resources can be imported",
            )
            return None
        status = self.status(resource.get("status"), path)
        q, canonical = self.questionnaire(resource.get("questionnaire"), path)
        identifier = self.identifier(resource.get("identifier"), path)
        authored = self.authored(resource.get("authored"), path)
        reference, ods = self.subject(resource.get("subject"), path)
        if q is None:
            return None
        answers = self.items(q, resource.get("item"), path, canonical)
        if status is not None:
            self.unanswered(q, answers.attempted, path)
        if len(self.problems) > before or status is None:
            return None
        return ParsedResponse(
            questionnaire=q,
            tokens=answers.tokens,
            status=status,
            authored=authored,
            identifier=identifier,
            subject_reference=reference,
            source_index=index,
            canonical=canonical,
            subject_ods=ods,
            path=path,
        )

    def status(self, status: Any, path: str) -> str | None:
        if status in IMPORTED_STATUSES:
            return str(status)
        self.problem(
            _at(path, "status"),
            f"{_show(status)}; only completed (or amended) responses can be imported",
        )
        return None

    def questionnaire(self, reference: Any, path: str) -> tuple[Questionnaire | None, str]:
        where = _at(path, "questionnaire")
        if not isinstance(reference, str) or not reference.strip():
            self.problem(where, "missing; say which questionnaire was answered (its canonical URL)")
            return None, ""
        q = self.resolve(reference.strip())
        if q is None:
            self.problem(where, f"{_show(reference)} is not a questionnaire this service publishes")
            return None, ""
        return q, split_canonical(reference.strip())[0]

    def identifier(self, identifier: Any, path: str) -> str | None:
        where = _at(path, "identifier")
        if identifier is None:
            return None
        if not isinstance(identifier, dict):
            self.problem(where, f"{_kind(identifier)}; R4 has one Identifier object here")
            return None
        value, system = identifier.get("value"), identifier.get("system")
        if not isinstance(value, str) or not value.strip():
            self.problem(_at(where, "value"), "missing; an identifier needs a value")
            return None
        if system is not None and not isinstance(system, str):
            self.problem(_at(where, "system"), f"{_kind(system)}, not a URI")
            return None
        if system in (None, URI_SYSTEM):
            return value.strip()
        return f"{system}|{value.strip()}"

    def authored(self, authored: Any, path: str) -> datetime | None:
        if authored is None:
            return None
        when = _date_time(authored)
        if when is None:
            self.problem(
                _at(path, "authored"),
                f"{_show(authored)} is not a date and time like 2026-03-01T10:15:00Z",
            )
        elif when > datetime.now(UTC) + FUTURE_TOLERANCE:
            self.problem(_at(path, "authored"), f"{_show(authored)} is in the future")
            return None
        return when

    def subject(self, subject: Any, path: str) -> tuple[str | None, str | None]:
        if subject is None:
            return None, None
        where = _at(path, "subject")
        if not isinstance(subject, dict):
            self.problem(where, f"{_kind(subject)}, not a Reference")
            return None, None
        reference = subject.get("reference")
        if reference is not None and not isinstance(reference, str):
            self.problem(_at(where, "reference"), f"{_kind(reference)}, not a reference")
            reference = None
        identifier = subject.get("identifier")
        ods = None
        if isinstance(identifier, dict) and identifier.get("system") == ODS_SYSTEM:
            value = identifier.get("value")
            if isinstance(value, str) and value.strip():
                ods = value.strip()
            else:
                self.problem(_at(where, "identifier.value"), "missing; give the ODS code")
        return reference, ods

    def items(self, q: Questionnaire, items: Any, path: str, canonical: str) -> _Answers:
        answers = _Answers(q, canonical, self)
        where = _at(path, "item")
        if items is None:
            return answers
        if not isinstance(items, list):
            self.problem(where, f"{_kind(items)}, not a list of items")
            return answers
        sections = {section.link_id: section for section in q.sections}
        for position, entry in enumerate(items):
            at = f"{where}[{position}]"
            if not isinstance(entry, dict):
                self.problem(at, f"{_kind(entry)}, not an item")
                continue
            link_id = entry.get("linkId")
            if isinstance(link_id, str) and link_id in sections:
                answers.group(entry, at, sections[link_id])
            else:
                answers.question(entry, at, None)
        return answers

    def unanswered(self, q: Questionnaire, attempted: set[str], path: str) -> None:
        # A question with a wrong answer has its own message; this one is for the silent.
        missing = [item.code or item.title for item in q.items if item.link_id not in attempted]
        if not missing:
            return
        shown = ", ".join(missing[:MAX_LISTED])
        more = f" and {len(missing) - MAX_LISTED} more" if len(missing) > MAX_LISTED else ""
        self.problem(
            _at(path, "item"),
            f"a completed response answers every question; {len(missing)} not answered: "
            f"{shown}{more}",
        )


class _Answers:
    """The answers found in one response's items, as tokens."""

    def __init__(self, q: Questionnaire, canonical: str, reader: _Reader) -> None:
        self.q = q
        self.reader = reader
        self.tokens: dict[str, str] = {}
        self.seen: dict[str, str] = {}
        self.attempted: set[str] = set()  # questions with an answer, right or wrong
        self.items = {item.link_id: item for item in q.items}
        self.section_of = {item.link_id: s for s in q.sections for item in s.items}
        base = canonical.rpartition("/fhir/Questionnaire/")[0]
        self.system = scale_system(q, base_url=base)
        self.codes = [str(choice) for choice in range(1, q.scale_size + 1)]

    def group(self, entry: dict[str, Any], at: str, section: Section) -> None:
        label = section.code or section.title
        if "answer" in entry:
            self.reader.problem(f"{at}.answer", f"{label} is a group, which takes no answer")
        children = entry.get("item", [])
        if not isinstance(children, list):
            self.reader.problem(f"{at}.item", f"{_kind(children)}, not a list of items")
            return
        for position, child in enumerate(children):
            child_at = f"{at}.item[{position}]"
            if not isinstance(child, dict):
                self.reader.problem(child_at, f"{_kind(child)}, not an item")
                continue
            self.question(child, child_at, section)

    def question(self, entry: dict[str, Any], at: str, section: Section | None) -> None:
        link_id = entry.get("linkId")
        item = self.items.get(link_id) if isinstance(link_id, str) else None
        if item is None:
            self.reader.problem(
                f"{at}.linkId",
                f"{_show(link_id)} is not a question of {self.q.title}, version {self.q.version}",
            )
            return
        label = item.code or item.title
        home = self.section_of[item.link_id]
        if section is not None and home is not section:
            self.reader.problem(
                f"{at}.linkId", f"{label} belongs in {home.title}, not in {section.title}"
            )
        if link_id in self.seen:
            self.reader.problem(
                f"{at}.linkId", f"{label} is answered twice (also at {self.seen[link_id]})"
            )
            return
        self.seen[item.link_id] = at
        if "item" in entry:
            self.reader.problem(f"{at}.item", f"{label} has no nested questions")
        answers = entry.get("answer")
        if answers is None or answers == []:
            return  # left unanswered; a completed response is checked for that as a whole
        self.attempted.add(item.link_id)
        if not isinstance(answers, list):
            self.reader.problem(f"{at}.answer", f"{_kind(answers)}, not a list of answers")
            return
        if len(answers) > 1:
            self.reader.problem(f"{at}.answer", f"{label} takes one answer, not {len(answers)}")
            return
        token = self.token(answers[0], f"{at}.answer[0]", item)
        if token is not None:
            self.tokens[item.link_id] = token

    def allowed(self, item: Item) -> str:
        return ", ".join([f"1 to {self.q.scale_size}", *(f'"{code}"' for code in item.missing)])

    def token(self, answer: Any, at: str, item: Item) -> str | None:
        label = item.code or item.title
        if not isinstance(answer, dict):
            self.reader.problem(at, f"{_kind(answer)}, not an answer")
            return None
        if "item" in answer:
            self.reader.problem(f"{at}.item", f"{label} has no follow-up questions")
        values = [key for key in answer if key.startswith("value")]
        if not values:
            self.reader.problem(at, f"no value; answer {label} with valueCoding")
            return None
        if len(values) > 1:
            self.reader.problem(at, f"one value per answer, not {', '.join(values)}")
            return None
        key = values[0]
        if key == "valueCoding":
            return self.coding(answer[key], f"{at}.valueCoding", item)
        if key == "valueInteger":
            return self.integer(answer[key], f"{at}.valueInteger", item)
        self.reader.problem(
            f"{at}.{key}",
            f"answer {label} with valueCoding (codes {self.allowed(item)}) or valueInteger "
            f"(1 to {self.q.scale_size})",
        )
        return None

    def coding(self, coding: Any, at: str, item: Item) -> str | None:
        label = item.code or item.title
        if not isinstance(coding, dict):
            self.reader.problem(at, f"{_kind(coding)}, not a Coding")
            return None
        system = coding.get("system")
        if system is not None and system != self.system:
            self.reader.problem(
                f"{at}.system", f"{_show(system)} is not the answer scale {self.system}"
            )
            return None
        code = coding.get("code")
        if code in self.codes or code in item.missing:
            return str(code)
        self.reader.problem(
            f"{at}.code", f"{_show(code)} is not an answer to {label} ({self.allowed(item)})"
        )
        return None

    def integer(self, value: Any, at: str, item: Item) -> str | None:
        if (
            isinstance(value, int)
            and not isinstance(value, bool)
            and 1 <= value <= self.q.scale_size
        ):
            return str(value)
        label = item.code or item.title
        self.reader.problem(
            at, f"{_show(value)} is not an answer to {label} (1 to {self.q.scale_size})"
        )
        return None


def _date_time(value: Any) -> datetime | None:
    """A FHIR date or dateTime precise to the day or better, as an aware datetime."""
    if not isinstance(value, str):
        return None
    try:
        if _DATE.match(value):
            return datetime.fromisoformat(value).replace(tzinfo=UTC)
        if _DATE_TIME.match(value):
            # Python reads at most six decimal places; FHIR allows nine.
            trimmed = re.sub(r"(\.\d{6})\d+", r"\1", value)
            return datetime.fromisoformat(trimmed).astimezone(UTC)
    except (ValueError, OverflowError):
        return None
    return None


def _at(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _kind(value: Any) -> str:
    """What a JSON value is, for a message."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {_show(value)}"
    return "a list" if isinstance(value, list) else "an object"


def _show(value: Any) -> str:
    """A value as it appears in the file, cut short if long."""
    if isinstance(value, dict | list):
        return _kind(value)
    shown = json.dumps(value, ensure_ascii=False)
    if len(shown) > MAX_SHOWN:
        shown = shown[: MAX_SHOWN - 1] + "…"
    return "".join(ch if ch.isprintable() else "?" for ch in shown)
