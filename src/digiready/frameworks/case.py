"""1EdTech CASE 1.0 exchange: a framework version as a CFPackage, and any CFPackage as one.

Export writes domains, capabilities and level statements as CFItems joined by isChildOf
associations, with one CFRubric per version. Import maps any CASE hierarchy (OpenSALT and
others) onto that shape and keeps everything it cannot represent in ``extras`` and ``residual``,
so exporting an imported package gives back every item, association and field it had.

Conventions that make the round trip exact:

- A node's ``extras`` are merged over the fields export generates for it. ``None`` for a
  generated field removes it: the imported node did not have it, and CASE never uses null for
  those fields. Any other field is written as it is, null included.
- The ``uri`` and ``lastChangeDateTime`` of an imported node always live in its ``extras``.
- A residual association replaces the generated one with the same type and ends; residual
  rubrics and definitions replace generated ones with the same identifier.

How import reads a hierarchy: children of the document are domains, except those shaped like
a capability (a leaf, or only level items below), which share one synthetic domain unless
their CFItemType is "Domain". Below a domain, capability-shaped items are capabilities and
the items between stay residual. Level items are leaves whose CFItemType contains "level".

Pure Python: no Django, so the same functions serve the API, the admin and command-line tools.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator, Mapping
from functools import cache
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

from jsonschema import Draft7Validator
from jsonschema.exceptions import ValidationError

from digiready.frameworks.content import (
    CapabilityData,
    DomainData,
    FrameworkData,
    FrameworkFormatError,
    LevelData,
    Status,
    Subject,
    derived_uuid,
)

__all__ = ["dumps", "export_package", "import_package", "validate_package"]

SCHEMA_NAME = "case-v1p0-cfpackage-schema.json"
EXTENSION = "digiready"  # our key inside a CASE object's "extensions"

DOMAIN_TYPE = "Domain"
CAPABILITY_TYPE = "Capability"
LEVEL_TYPE = "Level statement"
# CFItemType title → (hierarchyCode, typeCode, description) of its CFDefinitions entry.
ITEM_TYPES: dict[str, tuple[str, str, str]] = {
    DOMAIN_TYPE: ("1", "domain", "A group of related capabilities."),
    CAPABILITY_TYPE: ("2", "capability", "Something a person or organisation can do."),
    LEVEL_TYPE: ("3", "level", "What a capability looks like at one level of the scale."),
}

ADOPTION: dict[str, str] = {"draft": "Draft", "published": "Adopted", "retired": "Deprecated"}
# A CASE date-time is required; a version never saved has none, so it gets a fixed one.
EPOCH = "1970-01-01T00:00:00+00:00"
DEFINITION_KEYS = (
    "CFConcepts",
    "CFSubjects",
    "CFLicenses",
    "CFItemTypes",
    "CFAssociationGroupings",
)

# Fields of an item or document that the model represents; everything else goes to extras.
ITEM_MAPPED = frozenset(
    {
        "fullStatement",
        "abbreviatedStatement",
        "humanCodingScheme",
        "CFItemType",
        "CFItemTypeURI",
        "extensions",
    }
)
DOCUMENT_MAPPED = frozenset(
    {
        "creator",
        "title",
        "lastChangeDateTime",
        "publisher",
        "description",
        "language",
        "version",
        "adoptionStatus",
        "licenseURI",
        "extensions",
    }
)

UUID_RE = re.compile(r"[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}")
DIGITS_RE = re.compile(r"([0-9]+)")
SURROGATE_ESCAPE_RE = re.compile(r"\\u[dD][89abcdefABCDEF]")
MAX_SCHEMA_PROBLEMS = 20
MAX_PROBLEMS = 50
MAX_MESSAGE = 200
MAX_DEPTH = 100


# --------------------------------------------------------------------------------------------
# Export


def export_package(
    fw: FrameworkData, *, base_uri: str, previous: FrameworkData | None = None
) -> dict[str, Any]:
    """The CFPackage of ``fw``; with ``previous``, replacedBy links from its nodes to ours."""
    return _Exporter(fw, base_uri).package(previous)


def dumps(package: Mapping[str, Any]) -> str:
    """JSON text of a package: UTF-8 as it is, keys in the order export gave them."""
    return json.dumps(package, ensure_ascii=False, indent=2)


class _Exporter:
    """Generates the CASE objects of one framework version under one base URI."""

    def __init__(self, fw: FrameworkData, base_uri: str) -> None:
        self.fw = fw
        self.base = base_uri.rstrip("/")
        self.changed = fw.last_changed or EPOCH
        self.doc_uri = _own_uri(fw.extras) or self.uri("CFDocuments", fw.identifier)
        self.residual_items = {
            ident: item for item in fw.residual.items if (ident := _ident(item)) is not None
        }

    def uri(self, collection: str, identifier: str) -> str:
        return f"{self.base}/{collection}/{identifier}"

    def licence_id(self) -> str:
        return derived_uuid(self.fw.licence_uri or self.fw.licence, "licence")

    # Generated fields of each kind of object, before extras are merged over them.

    def document_fields(self) -> dict[str, Any]:
        fw = self.fw
        doc: dict[str, Any] = {
            "identifier": fw.identifier,
            "uri": self.uri("CFDocuments", fw.identifier),
            "creator": fw.creator or fw.publisher,
            "title": fw.title,
            "lastChangeDateTime": self.changed,
        }
        for key, value in (
            ("publisher", fw.publisher),
            ("description", fw.description),
            ("language", fw.language),
            ("version", fw.version),
        ):
            if value:
                doc[key] = value
        doc["adoptionStatus"] = ADOPTION.get(fw.status, "Draft")
        if fw.licence or fw.licence_uri:
            licence = self.licence_id()
            doc["licenseURI"] = _link(
                fw.licence or fw.licence_uri, licence, self.uri("CFLicenses", licence)
            )
        ours: dict[str, Any] = {}
        if fw.subject != "person":
            ours["subject"] = fw.subject
        if fw.level_names:
            ours["level_names"] = list(fw.level_names)
        if fw.lineage and fw.lineage != fw.identifier:
            ours["lineage"] = fw.lineage
        if fw.previous:
            ours["previous"] = fw.previous
        if ours:
            doc["extensions"] = {EXTENSION: ours}
        return doc

    def statement_fields(self, node: DomainData | CapabilityData, item_type: str) -> dict[str, Any]:
        item: dict[str, Any] = {
            "identifier": node.identifier,
            "uri": self.uri("CFItems", node.identifier),
            "fullStatement": node.description or node.title,
        }
        if node.description:
            item["abbreviatedStatement"] = node.title
        if node.code:
            item["humanCodingScheme"] = node.code
        item["CFItemType"] = item_type
        item["CFItemTypeURI"] = self.type_link(item_type)
        item["lastChangeDateTime"] = self.changed
        if node.lineage and node.lineage != node.identifier:
            item["extensions"] = {EXTENSION: {"lineage": node.lineage}}
        return item

    def level_fields(self, cap: CapabilityData, level: LevelData) -> dict[str, Any]:
        return {
            "identifier": level.identifier,
            "uri": self.uri("CFItems", level.identifier),
            "fullStatement": level.statement,
            "humanCodingScheme": f"{cap.code}.L{level.number}" if cap.code else f"L{level.number}",
            "CFItemType": LEVEL_TYPE,
            "CFItemTypeURI": self.type_link(LEVEL_TYPE),
            "lastChangeDateTime": self.changed,
        }

    def type_link(self, item_type: str) -> dict[str, str]:
        identifier = _type_id(item_type)
        return _link(item_type, identifier, self.uri("CFItemTypes", identifier))

    def item_type(self, item_type: str) -> dict[str, Any]:
        hierarchy, code, description = ITEM_TYPES[item_type]
        identifier = _type_id(item_type)
        return {
            "identifier": identifier,
            "uri": self.uri("CFItemTypes", identifier),
            "title": item_type,
            "description": description,
            "hierarchyCode": hierarchy,
            "typeCode": code,
            "lastChangeDateTime": self.changed,
        }

    def licence(self) -> dict[str, Any]:
        fw = self.fw
        identifier = self.licence_id()
        entry: dict[str, Any] = {
            "identifier": identifier,
            "uri": self.uri("CFLicenses", identifier),
            "title": fw.licence or fw.licence_uri,
        }
        if fw.licence_uri:
            entry["description"] = fw.licence_uri
        entry["licenseText"] = fw.licence_uri or fw.licence
        entry["lastChangeDateTime"] = self.changed
        return entry

    # Links (LinkGenURI) to the nodes associations join.

    def document_node(self) -> dict[str, str]:
        return _link(self.fw.title, self.fw.identifier, self.doc_uri)

    def node(self, node: DomainData | CapabilityData, item_type: str) -> dict[str, str]:
        return _item_link(self.statement_fields(node, item_type), node.extras)

    def residual_node(self, identifier: str) -> dict[str, str]:
        item = self.residual_items[identifier]
        return _item_link(item, {}, self.uri("CFItems", identifier))

    def association(
        self,
        kind: str,
        origin: dict[str, str],
        destination: dict[str, str],
        sequence: int | None = None,
    ) -> dict[str, Any]:
        identifier = derived_uuid(kind, origin["identifier"], destination["identifier"])
        association: dict[str, Any] = {
            "identifier": identifier,
            "associationType": kind,
            "uri": self.uri("CFAssociations", identifier),
        }
        if sequence is not None:
            association["sequenceNumber"] = sequence
        association["originNodeURI"] = dict(origin)  # each association owns its links
        association["destinationNodeURI"] = dict(destination)
        association["lastChangeDateTime"] = self.changed
        return association

    def lineage_nodes(self) -> Iterator[tuple[str, str, dict[str, str]]]:
        """(kind, lineage, link) of every node that keeps its lineage across versions."""
        fw = self.fw
        yield "document", fw.lineage or fw.identifier, self.document_node()
        for domain in fw.domains:
            if not domain.synthetic:
                yield "domain", domain.lineage, self.node(domain, DOMAIN_TYPE)
            for cap in domain.capabilities:
                yield "capability", cap.lineage, self.node(cap, CAPABILITY_TYPE)

    # The package.

    def package(self, previous: FrameworkData | None) -> dict[str, Any]:
        fw = self.fw
        residual = fw.residual
        taken_keys = {_association_key(a) for a in residual.associations}
        taken_ids = {_ident(a) for a in residual.associations}
        items: list[dict[str, Any]] = []
        associations: list[dict[str, Any]] = []

        def associate(
            kind: str, origin: dict[str, str], dest: dict[str, str], seq: int | None = None
        ) -> None:
            association = self.association(kind, origin, dest, seq)
            key = (kind, origin["identifier"], dest["identifier"])
            if key not in taken_keys and association["identifier"] not in taken_ids:
                associations.append(association)

        document = self.document_node()
        top = 0  # position among the document's children
        for domain in fw.domains:
            domain_node = document
            if not domain.synthetic:
                top += 1
                items.append(_merge(self.statement_fields(domain, DOMAIN_TYPE), domain.extras))
                domain_node = _item_link(items[-1])
                associate("isChildOf", domain_node, document, top)
            positions: dict[str, int] = {}
            for cap in domain.capabilities:
                items.append(_merge(self.statement_fields(cap, CAPABILITY_TYPE), cap.extras))
                cap_node = _item_link(items[-1])
                if cap.parent and cap.parent in self.residual_items:
                    parent_node = self.residual_node(cap.parent)
                elif domain.synthetic:
                    parent_node = document
                else:
                    parent_node = domain_node
                if parent_node is document:
                    top += 1
                    sequence = top
                else:
                    sequence = positions.get(parent_node["identifier"], 0) + 1
                    positions[parent_node["identifier"]] = sequence
                associate("isChildOf", cap_node, parent_node, sequence)
                for position, level in enumerate(cap.levels, start=1):
                    items.append(_merge(self.level_fields(cap, level), level.extras))
                    associate(
                        "isChildOf",
                        _item_link(items[-1]),
                        cap_node,
                        position,
                    )
        if previous is not None:
            targets = {(kind, lineage): link for kind, lineage, link in self.lineage_nodes()}
            for kind, lineage, link in _Exporter(previous, self.base).lineage_nodes():
                target = targets.get((kind, lineage))
                if target is not None and target["identifier"] != link["identifier"]:
                    associate("replacedBy", link, target)
        items.extend(_clone(item) for item in residual.items)
        associations.extend(_clone(association) for association in residual.associations)

        rubric = self.rubric()
        rubric_ids = {_ident(r) for r in residual.rubrics}
        rubrics = [] if rubric["identifier"] in rubric_ids else [rubric]
        rubrics.extend(_clone(r) for r in residual.rubrics)

        doc = _merge(self.document_fields(), fw.extras)
        return {
            "CFDocument": doc,
            "CFItems": items,
            "CFAssociations": associations,
            "CFDefinitions": self.definitions(doc, items),
            "CFRubrics": rubrics,
        }

    def rubric(self) -> dict[str, Any]:
        fw = self.fw
        identifier = derived_uuid(fw.identifier, "rubric")
        criteria: list[dict[str, Any]] = []
        for cap in fw.capabilities():
            if not cap.levels:
                continue
            criterion_id = derived_uuid(cap.identifier, "criterion")
            levels: list[dict[str, Any]] = []
            for position, level in enumerate(cap.levels, start=1):
                level_id = derived_uuid(level.identifier, "criterion level")
                entry: dict[str, Any] = {
                    "identifier": level_id,
                    "uri": self.uri("CFRubricCriterionLevels", level_id),
                    "description": level.statement,
                }
                if 0 < level.number <= len(fw.level_names):
                    entry["quality"] = fw.level_names[level.number - 1]
                entry["score"] = level.number
                entry["position"] = position
                entry["rubricCriterionId"] = criterion_id
                entry["lastChangeDateTime"] = self.changed
                levels.append(entry)
            criteria.append(
                {
                    "identifier": criterion_id,
                    "uri": self.uri("CFRubricCriteria", criterion_id),
                    "description": cap.title,
                    "CFItemURI": self.node(cap, CAPABILITY_TYPE),
                    "position": len(criteria) + 1,
                    "rubricId": identifier,
                    "lastChangeDateTime": self.changed,
                    "CFRubricCriterionLevels": levels,
                }
            )
        return {
            "identifier": identifier,
            "uri": self.uri("CFRubrics", identifier),
            "title": fw.title,
            "lastChangeDateTime": self.changed,
            "CFRubricCriteria": criteria,
        }

    def definitions(self, doc: Mapping[str, Any], items: list[dict[str, Any]]) -> dict[str, Any]:
        """Our item types and licence where something refers to them, then residual entries."""
        used = {_ident(item.get("CFItemTypeURI")) for item in items}
        generated: dict[str, list[dict[str, Any]]] = {}
        types = [self.item_type(title) for title in ITEM_TYPES if _type_id(title) in used]
        if types:
            generated["CFItemTypes"] = types
        fw = self.fw
        if (fw.licence or fw.licence_uri) and _ident(doc.get("licenseURI")) == self.licence_id():
            generated["CFLicenses"] = [self.licence()]
        residual = self.fw.residual.definitions
        out: dict[str, Any] = {}
        for key in (*DEFINITION_KEYS, *(k for k in residual if k not in DEFINITION_KEYS)):
            if key not in generated and key not in residual:
                continue
            extra = residual.get(key, [])
            if not isinstance(extra, list):
                out[key] = _clone(extra)
                continue
            taken = {_ident(entry) for entry in extra}
            out[key] = [g for g in generated.get(key, []) if g["identifier"] not in taken]
            out[key].extend(_clone(entry) for entry in extra)
        return out


def _link(title: str, identifier: str, uri: str) -> dict[str, str]:
    return {"title": title, "identifier": identifier, "uri": uri}


def _item_link(
    item: Mapping[str, Any], extras: Mapping[str, Any] | None = None, uri: str = ""
) -> dict[str, str]:
    """The link to an item as exported: titled by its statements, so it survives a round trip."""

    def value(key: str) -> Any:
        return extras[key] if extras and key in extras else item.get(key)

    title = value("abbreviatedStatement") or value("fullStatement")
    own_uri = value("uri")
    return _link(
        title if isinstance(title, str) else "",
        str(item.get("identifier")),
        own_uri if isinstance(own_uri, str) else uri,
    )


def _type_id(item_type: str) -> str:
    return derived_uuid("CFItemType", item_type)


def _ident(value: Any) -> str | None:
    """The identifier of a CASE object or link, or None when it has none."""
    if isinstance(value, dict):
        identifier = value.get("identifier")
        if isinstance(identifier, str):
            return identifier
    return None


def _own_uri(extras: Mapping[str, Any]) -> str | None:
    uri = extras.get("uri")
    return uri if isinstance(uri, str) else None


def _association_key(association: Any) -> tuple[Any, str | None, str | None]:
    if not isinstance(association, dict):
        return (None, None, None)
    return (
        association.get("associationType"),
        _ident(association.get("originNodeURI")),
        _ident(association.get("destinationNodeURI")),
    )


def _clone(value: Any) -> Any:
    """A copy of a JSON value, so a package never shares mutable parts with its framework."""
    return copy.deepcopy(value) if isinstance(value, dict | list) else value


def _merge(generated: dict[str, Any], extras: Mapping[str, Any]) -> dict[str, Any]:
    for key, value in extras.items():
        if key == "identifier":
            continue
        if value is None and key in generated:
            del generated[key]
        elif (
            key == "extensions" and isinstance(value, dict) and isinstance(generated.get(key), dict)
        ):
            generated[key] = {**generated[key], **_clone(value)}
        else:
            generated[key] = _clone(value)
    return generated


# --------------------------------------------------------------------------------------------
# Validation


def validate_package(data: Any) -> list[str]:
    """Every problem that stops ``data`` (JSON text, bytes or parsed) importing; [] when none."""
    parsed, problems = _parse(data)
    return problems or _check(parsed)


@cache
def _validator() -> Draft7Validator:
    """The schema compiled once: validating a large package is the slowest part of import."""
    text = resources.files("digiready.frameworks").joinpath("schemas", SCHEMA_NAME).read_text()
    schema = json.loads(text)
    schema = _inline_refs(schema, schema.get("definitions", {}))
    return Draft7Validator(schema, format_checker=Draft7Validator.FORMAT_CHECKER)


def _inline_refs(node: Any, definitions: Mapping[str, Any]) -> Any:
    """The schema with each local $ref replaced by its target: resolving refs is slow.

    The CFPackage schema is not recursive, so this terminates.
    """
    if isinstance(node, list):
        return [_inline_refs(entry, definitions) for entry in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/definitions/") and len(node) == 1:
        return _inline_refs(definitions[ref.removeprefix("#/definitions/")], definitions)
    return {key: _inline_refs(value, definitions) for key, value in node.items()}


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON value")


def _parse(raw: Any) -> tuple[Any, list[str]]:
    """JSON data from bytes, text or already-parsed data, or the reason there is none."""
    if isinstance(raw, bytes | bytearray | memoryview):
        try:
            raw = bytes(raw).decode("utf-8")
        except UnicodeDecodeError as exc:
            return None, [
                f"not UTF-8 text: byte {exc.object[exc.start]:#04x} at offset {exc.start}"
            ]
    if isinstance(raw, str):
        text = raw.removeprefix("\ufeff")
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as exc:
            return None, [f"not Unicode text: a lone surrogate at character {exc.start}"]
        try:
            data = json.loads(text, parse_constant=_reject_constant)
        except json.JSONDecodeError as exc:
            return None, [f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"]
        except (ValueError, RecursionError) as exc:
            return None, [f"not valid JSON: {_short(str(exc)) or 'nested too deeply'}"]
    else:
        # Parsed data is copied through JSON: the import then owns it and it is plain JSON.
        try:
            text = json.dumps(raw, allow_nan=False)
            data = json.loads(text)
        except (TypeError, ValueError, RecursionError) as exc:
            return None, [f"not JSON data: {_short(str(exc)) or 'nested too deeply'}"]
    if _too_deep(data):
        return None, [f"nested more than {MAX_DEPTH} levels deep"]
    if SURROGATE_ESCAPE_RE.search(text):
        try:
            json.dumps(data, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            return None, ["not Unicode text: a string holds a lone surrogate (\\ud800-\\udfff)"]
    return data, []


def _too_deep(data: Any) -> bool:
    """Whether arrays and objects nest beyond MAX_DEPTH, found without recursion.

    CASE packages nest about eight levels; far deeper data would only make copying and
    comparing it overflow the stack later.
    """
    stack: list[tuple[Any, int]] = [(data, 1)] if isinstance(data, dict | list) else []
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            return True
        children = value.values() if isinstance(value, dict) else value
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False


def _short(text: str) -> str:
    return text if len(text) <= MAX_MESSAGE else text[: MAX_MESSAGE - 1] + "…"


def _check(data: Any) -> list[str]:
    problems = _schema_problems(data) + _structure_problems(data)
    if len(problems) > MAX_PROBLEMS:
        problems = [*problems[:MAX_PROBLEMS], f"… and {len(problems) - MAX_PROBLEMS} more problems"]
    return problems


def _schema_problems(data: Any) -> list[str]:
    problems: list[str] = []
    for error in _validator().iter_errors(data):
        problems.extend(_describe(error))
        if len(problems) > MAX_SCHEMA_PROBLEMS:
            return [*problems[:MAX_SCHEMA_PROBLEMS], "… and more schema problems"]
    return problems


def _describe(error: ValidationError) -> list[str]:
    """Where and why; for oneOf, the errors inside the value, else why no form fits."""
    if error.context:
        depth = len(error.absolute_path)
        deeper = [e for e in error.context if len(e.absolute_path) > depth]
        if deeper:
            return [problem for inner in deeper for problem in _describe(inner)]
        reasons = "; ".join(dict.fromkeys(_message(inner) for inner in error.context))
        return [f"{error.json_path}: {_short('no allowed form fits: ' + reasons)}"]
    return [f"{error.json_path}: {_short(_message(error))}"]


def _message(error: ValidationError) -> str:
    """The message with a long offending value cut short, so the reason stays readable."""
    shown = repr(error.instance)
    if len(shown) > 60 and shown in error.message:
        return error.message.replace(shown, shown[:57] + "…")
    return error.message


def _dicts(value: Any) -> list[tuple[int, dict[str, Any]]]:
    if not isinstance(value, list):
        return []
    return [(index, entry) for index, entry in enumerate(value) if isinstance(entry, dict)]


def _absolute(uri: Any) -> bool:
    if not isinstance(uri, str):
        return False
    try:
        return bool(urlsplit(uri).scheme)
    except ValueError:
        return False


def _structure_problems(data: Any) -> list[str]:
    """What the schema cannot say: unique identifiers, a sound hierarchy, links that resolve."""
    if not isinstance(data, dict):
        return []
    problems: list[str] = []
    doc = data.get("CFDocument")
    doc_id = _ident(doc)
    items = _dicts(data.get("CFItems"))
    associations = _dicts(data.get("CFAssociations"))

    def identifiers(entries: list[tuple[str, dict[str, Any]]]) -> set[str]:
        seen: dict[str, str] = {}
        found: set[str] = set()
        for place, entry in entries:
            ident = _ident(entry)
            if ident is None:
                continue
            if UUID_RE.search(ident) and not UUID_RE.fullmatch(ident):
                problems.append(f"{place}.identifier: {ident!r} is not a UUID")
            key = ident.casefold()  # UUIDs differing only in case are the same UUID
            if key in seen:
                problems.append(f"{place}: duplicate identifier {ident} (also {seen[key]})")
            else:
                seen[key] = place
                found.add(ident)
        return found

    document_entry = [("$.CFDocument", doc)] if isinstance(doc, dict) else []
    nodes = identifiers(document_entry + [(f"$.CFItems[{i}]", item) for i, item in items])
    item_ids = {ident for _, item in items if (ident := _ident(item)) is not None}
    identifiers([(f"$.CFAssociations[{i}]", a) for i, a in associations])

    parents: dict[str, list[str]] = {}
    for index, association in associations:
        place = f"$.CFAssociations[{index}]"
        kind = association.get("associationType")
        origin_link = association.get("originNodeURI")
        destination_link = association.get("destinationNodeURI")
        origin, destination = _ident(origin_link), _ident(destination_link)
        if not isinstance(kind, str) or origin is None or destination is None:
            continue  # the schema has said why
        if kind == "isChildOf":
            if origin not in item_ids:
                problems.append(f"{place}: isChildOf origin {origin} is not an item in the package")
            if destination not in item_ids and destination != doc_id:
                problems.append(
                    f"{place}: isChildOf destination {destination} is neither the document "
                    "nor an item in the package"
                )
            if origin in item_ids and destination in item_ids:
                parents.setdefault(origin, []).append(destination)
            continue
        inside_origin, inside_destination = origin in nodes, destination in nodes
        if not inside_origin and not inside_destination:
            problems.append(
                f"{place}: dangling {kind}: neither {origin} nor {destination} is in the package"
            )
        elif not inside_origin and not _absolute(_field(origin_link, "uri")):
            problems.append(f"{place}: external origin {origin} has no absolute uri")
        elif not inside_destination and not _absolute(_field(destination_link, "uri")):
            problems.append(f"{place}: external destination {destination} has no absolute uri")
    problems.extend(
        "isChildOf cycle: " + " → ".join([*cycle, cycle[0]]) for cycle in _cycles(parents)
    )

    rubric_entries: list[tuple[str, dict[str, Any]]] = []
    for r, rubric in _dicts(data.get("CFRubrics")):
        rubric_entries.append((f"$.CFRubrics[{r}]", rubric))
        for c, criterion in _dicts(rubric.get("CFRubricCriteria")):
            place = f"$.CFRubrics[{r}].CFRubricCriteria[{c}]"
            rubric_entries.append((place, criterion))
            target = _ident(criterion.get("CFItemURI"))
            if target is not None and target not in item_ids:
                problems.append(
                    f"{place}: criterion points at {target}, not an item in the package"
                )
            rubric_entries.extend(
                (f"{place}.CFRubricCriterionLevels[{v}]", level)
                for v, level in _dicts(criterion.get("CFRubricCriterionLevels"))
            )
    identifiers(rubric_entries)

    definitions = data.get("CFDefinitions")
    if isinstance(definitions, dict):
        for key, entries in definitions.items():
            identifiers([(f"$.CFDefinitions.{key}[{i}]", e) for i, e in _dicts(entries)])

    if isinstance(doc, dict):
        problems.extend(_extension_problems("$.CFDocument", doc, document=True))
    claimed: dict[str, str] = {}
    for index, item in items:
        place = f"$.CFItems[{index}]"
        problems.extend(_extension_problems(place, item, document=False))
        lineage = _ours(item).get("lineage")
        if isinstance(lineage, str) and lineage in claimed:
            problems.append(f"{place}: lineage {lineage} is also claimed by {claimed[lineage]}")
        elif isinstance(lineage, str):
            claimed[lineage] = place
    return problems


def _field(value: Any, key: str) -> Any:
    return value.get(key) if isinstance(value, dict) else None


def _extension_problems(place: str, node: dict[str, Any], *, document: bool) -> list[str]:
    """Our own extension must hold what export writes there, or lineage would be wrong."""
    extensions = node.get("extensions")
    if not isinstance(extensions, dict) or EXTENSION not in extensions:
        return []
    ours = extensions[EXTENSION]
    where = f"{place}.extensions.{EXTENSION}"
    if not isinstance(ours, dict):
        return [f"{where}: must be an object"]
    problems: list[str] = []
    uuids = ("lineage", "previous") if document else ("lineage",)
    for key in uuids:
        if key in ours and not (isinstance(ours[key], str) and UUID_RE.fullmatch(ours[key])):
            problems.append(f"{where}.{key}: must be a UUID")
    if document:
        if "subject" in ours and ours["subject"] not in ("person", "organisation"):
            problems.append(f"{where}.subject: must be 'person' or 'organisation'")
        names = ours.get("level_names", [])
        if not (isinstance(names, list) and all(isinstance(name, str) for name in names)):
            problems.append(f"{where}.level_names: must be a list of strings")
    return problems


def _cycles(parents: Mapping[str, list[str]]) -> list[list[str]]:
    """Each cycle in the child → parent graph, found by one iterative depth-first search."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = finished
    cycles: list[list[str]] = []
    for start in parents:
        if start in state:
            continue
        path = [start]
        position = {start: 0}
        state[start] = 1
        stack: list[Iterator[str]] = [iter(parents.get(start, ()))]
        while stack:
            following = next(stack[-1], None)
            if following is None:
                stack.pop()
                done = path.pop()
                del position[done]
                state[done] = 2
            elif following not in state:
                state[following] = 1
                position[following] = len(path)
                path.append(following)
                stack.append(iter(parents.get(following, ())))
            elif state[following] == 1:
                cycles.append(path[position[following] :])
    return cycles


# --------------------------------------------------------------------------------------------
# Import


def import_package(
    raw: bytes | str | dict[str, Any],
    *,
    known_lineage: Mapping[str, str] | None = None,
    source: str = "package",
) -> FrameworkData:
    """A framework version from a CFPackage; FrameworkFormatError lists every problem found."""
    data, problems = _parse(raw)
    if not problems:
        problems = _check(data)
    if problems:
        raise FrameworkFormatError([f"{source}: {problem}" for problem in problems])
    try:
        return _Importer(data, known_lineage or {}).framework()
    except RecursionError as exc:
        raise FrameworkFormatError([f"{source}: nested too deeply to import"]) from exc


def _natural(text: Any) -> tuple[Any, ...]:
    """Sort key where "A.2" comes before "A.10"; missing values sort last."""
    if not isinstance(text, str) or not text:
        return (1,)
    parts = DIGITS_RE.split(text)
    return (
        0,
        tuple(
            (0, int(part), "") if index % 2 else (1, 0, part.casefold())
            for index, part in enumerate(parts)
            if part
        ),
    )


def _status(adoption: Any) -> Status:
    value = adoption.casefold() if isinstance(adoption, str) else ""
    if value in ("adopted", "implemented"):
        return "published"
    if value == "deprecated":
        return "retired"
    return "draft"


def _statements(item: Mapping[str, Any]) -> tuple[str, str]:
    """(title, description) from an item's abbreviated and full statements."""
    full = item.get("fullStatement", "")
    abbreviated = item.get("abbreviatedStatement")
    if isinstance(abbreviated, str) and abbreviated:
        return abbreviated, full
    return full, ""


def _ours(node: Mapping[str, Any]) -> dict[str, Any]:
    extensions = node.get("extensions")
    ours = extensions.get(EXTENSION) if isinstance(extensions, dict) else None
    return ours if isinstance(ours, dict) else {}


def _extras(
    raw: Mapping[str, Any], generated: Mapping[str, Any], mapped: frozenset[str]
) -> dict[str, Any]:
    """The fields of ``raw`` that export would not write back exactly from the model."""
    extras: dict[str, Any] = {}
    for key, value in raw.items():
        if key == "identifier" or (key in mapped and key in generated and generated[key] == value):
            continue
        extras[key] = value
    for key in generated:
        if key in mapped and key not in raw and key != "extensions":
            extras[key] = None
    return extras


class _Importer:
    """Maps one validated package onto a FrameworkData in a few linear passes."""

    def __init__(self, data: dict[str, Any], known: Mapping[str, str]) -> None:
        self.doc: dict[str, Any] = data["CFDocument"]
        self.doc_id: str = self.doc["identifier"]
        self.items: list[dict[str, Any]] = data.get("CFItems", [])
        self.associations: list[dict[str, Any]] = data.get("CFAssociations", [])
        self.rubrics: list[dict[str, Any]] = data.get("CFRubrics", [])
        definitions = data.get("CFDefinitions")
        self.definitions: dict[str, Any] = definitions if isinstance(definitions, dict) else {}
        self.known = known
        self.by_id = {item["identifier"]: item for item in self.items}
        self.order = {item["identifier"]: index for index, item in enumerate(self.items)}
        # The first isChildOf of an item places it; later ones stay residual.
        self.placing: dict[str, dict[str, Any]] = {}
        self.children: dict[str, list[str]] = {}
        self.replaced: dict[str, list[str]] = {}  # destination → origins of replacedBy
        for association in self.associations:
            kind = association["associationType"]
            origin = association["originNodeURI"]["identifier"]
            destination = association["destinationNodeURI"]["identifier"]
            if kind == "isChildOf" and origin not in self.placing:
                self.placing[origin] = association
                self.children.setdefault(destination, []).append(origin)
            elif kind == "replacedBy":
                self.replaced.setdefault(destination, []).append(origin)
        self.extension_lineage = {
            item["identifier"]: lineage
            for item in self.items
            if isinstance(lineage := _ours(item).get("lineage"), str)
        }
        doc_lineage = _ours(self.doc).get("lineage")
        self.lineages = set(self.extension_lineage.values())
        self.taken = set(self.lineages)  # lineages of this version's domains and capabilities
        if isinstance(doc_lineage, str):
            self.lineages.add(doc_lineage)

    def sorted_children(self, parent: str) -> list[str]:
        def key(child: str) -> tuple[Any, ...]:
            sequence = self.placing[child].get("sequenceNumber")
            item = self.by_id[child]
            return (
                (0, sequence) if isinstance(sequence, int | float) else (1, 0),
                _natural(item.get("listEnumeration")),
                _natural(item.get("humanCodingScheme")),
                self.order[child],
            )

        return sorted(self.children.get(parent, ()), key=key)

    def item_type(self, identifier: str) -> str:
        value = self.by_id[identifier].get("CFItemType")
        return value.casefold() if isinstance(value, str) else ""

    def is_level(self, identifier: str) -> bool:
        return "level" in self.item_type(identifier) and not self.children.get(identifier)

    def capability_shaped(self, identifier: str) -> bool:
        return all(self.is_level(child) for child in self.children.get(identifier, ()))

    def lineage(self, identifier: str, own: Any = None, *, unique: bool = True) -> str:
        """Our extension's lineage, else one inherited through replacedBy, else the identifier.

        With ``unique``, a lineage another node of this version already has is passed over,
        since a version holds each lineage once (a split node keeps it in its first part).
        """
        if isinstance(own, str):
            return own
        candidates = [self.known_as(identifier)]
        for origin in self.replaced.get(identifier, ()):
            candidates.append(self.known_as(origin))
            candidates.append(self.extension_lineage.get(origin))
            candidates.append(origin if origin in self.lineages else None)
        candidates.append(identifier)
        for candidate in candidates:
            if candidate is not None and not (unique and candidate in self.taken):
                if unique:
                    self.taken.add(candidate)
                return candidate
        fallback = derived_uuid(identifier, "lineage")
        self.taken.add(fallback)
        return fallback

    def known_as(self, identifier: str) -> str | None:
        """The lineage of a node already held; the store writes identifiers in lower case."""
        lineage = self.known.get(identifier) or self.known.get(identifier.lower())
        return str(lineage) if lineage else None

    def licence(self) -> tuple[str, str]:
        """(name, uri) of the document's licence, read back the way export writes it."""
        identifier = _ident(self.doc.get("licenseURI"))
        if identifier is None:
            return "", ""
        for entry in self.definitions.get("CFLicenses", []):
            if _ident(entry) == identifier:
                title = entry.get("title", "")
                description = entry.get("description", "")
                uri = description if _absolute(description) and " " not in description else ""
                return ("" if title == uri else title), uri
        return self.doc["licenseURI"].get("title", ""), ""

    def framework(self) -> FrameworkData:
        doc = self.doc
        ours = _ours(doc)
        subject: Subject = "organisation" if ours.get("subject") == "organisation" else "person"
        licence, licence_uri = self.licence()
        previous = ours.get("previous")
        fw = FrameworkData(
            identifier=self.doc_id,
            lineage=self.lineage(self.doc_id, ours.get("lineage"), unique=False),
            title=doc["title"],
            version=doc.get("version", ""),
            subject=subject,
            status=_status(doc.get("adoptionStatus")),
            publisher=doc.get("publisher", ""),
            creator=doc["creator"],
            description=doc.get("description", ""),
            language=doc.get("language", ""),
            licence=licence,
            licence_uri=licence_uri,
            level_names=list(ours.get("level_names", [])),
            last_changed=doc["lastChangeDateTime"],
            previous=previous if isinstance(previous, str) else "",
        )
        suffix = f"/CFDocuments/{self.doc_id}"
        doc_uri = doc.get("uri", "")
        base = doc_uri[: -len(suffix)] if doc_uri.endswith(suffix) else ""
        fw.extras = _extras(doc, _Exporter(fw, base).document_fields(), DOCUMENT_MAPPED)
        exporter = _Exporter(fw, base)

        mapped: set[str] = set()
        synthetic: DomainData | None = None
        for top in self.sorted_children(self.doc_id):
            if self.item_type(top) == "domain" or not self.capability_shaped(top):
                domain = self.domain(top, exporter, mapped)
                fw.domains.append(domain)
                continue
            if synthetic is None:
                synthetic = DomainData(
                    identifier=derived_uuid(self.doc_id, "synthetic domain"),
                    lineage=derived_uuid(fw.lineage, "synthetic domain"),
                    code="",
                    title=fw.title,
                    synthetic=True,
                )
                fw.domains.append(synthetic)
            synthetic.capabilities.append(self.capability(top, "", exporter, mapped))
        fw.residual.items = [item for item in self.items if item["identifier"] not in mapped]

        projection = _Exporter(fw, base).package(None)
        self.keep_residual(fw, projection)
        return fw

    def domain(self, identifier: str, exporter: _Exporter, mapped: set[str]) -> DomainData:
        item = self.by_id[identifier]
        title, description = _statements(item)
        domain = DomainData(
            identifier=identifier,
            lineage=self.lineage(identifier, _ours(item).get("lineage")),
            code=item.get("humanCodingScheme", ""),
            title=title,
            description=description,
        )
        domain.extras = _extras(item, exporter.statement_fields(domain, DOMAIN_TYPE), ITEM_MAPPED)
        mapped.add(identifier)
        # Depth first through grouping items, which stay residual, down to capabilities.
        parents = [identifier]
        stack = [iter(self.sorted_children(identifier))]
        while stack:
            child = next(stack[-1], None)
            if child is None:
                stack.pop()
                parents.pop()
            elif self.capability_shaped(child):
                parent = parents[-1] if parents[-1] != identifier else ""
                domain.capabilities.append(self.capability(child, parent, exporter, mapped))
            else:
                parents.append(child)
                stack.append(iter(self.sorted_children(child)))
        return domain

    def capability(
        self, identifier: str, parent: str, exporter: _Exporter, mapped: set[str]
    ) -> CapabilityData:
        item = self.by_id[identifier]
        title, description = _statements(item)
        cap = CapabilityData(
            identifier=identifier,
            lineage=self.lineage(identifier, _ours(item).get("lineage")),
            code=item.get("humanCodingScheme", ""),
            title=title,
            description=description,
            parent=parent,
        )
        cap.extras = _extras(item, exporter.statement_fields(cap, CAPABILITY_TYPE), ITEM_MAPPED)
        mapped.add(identifier)
        for number, child in enumerate(self.sorted_children(identifier), start=1):
            level_item = self.by_id[child]
            level = LevelData(
                number=number, statement=level_item["fullStatement"], identifier=child
            )
            level.extras = _extras(level_item, exporter.level_fields(cap, level), ITEM_MAPPED)
            cap.levels.append(level)
            mapped.add(child)
        return cap

    def keep_residual(self, fw: FrameworkData, projection: dict[str, Any]) -> None:
        """Keep every association, rubric and definition export would not write back exactly."""
        generated = {a["identifier"]: a for a in projection["CFAssociations"]}
        changed = [a for a in self.associations if not _same(generated.get(a["identifier"]), a)]
        keys = {_association_key(a) for a in changed}
        # One of two associations with the same ends must stay residual with the other one,
        # since export writes a residual association instead of the generated one.
        fw.residual.associations = [
            a
            for a in self.associations
            if _association_key(a) in keys or not _same(generated.get(a["identifier"]), a)
        ]

        rubrics = {r["identifier"]: r for r in projection["CFRubrics"]}
        fw.residual.rubrics = [
            r for r in self.rubrics if not _same(rubrics.get(r["identifier"]), r)
        ]

        produced = projection["CFDefinitions"]
        for key, entries in self.definitions.items():
            by_id = {entry["identifier"]: entry for entry in produced.get(key, [])}
            kept = [e for e in entries if not _same(by_id.get(e["identifier"]), e)]
            if kept or key not in produced:
                fw.residual.definitions[key] = kept


def _same(generated: Any, given: Any) -> bool:
    """Equal as JSON: Python alone takes 1.0 for 1 and true for 1, and the text would change."""
    if generated is None or generated != given:
        return False
    return json.dumps(generated, sort_keys=True) == json.dumps(given, sort_keys=True)
