"""CASE 1.0 exchange: valid packages out, nothing lost on the way back in, clear errors."""

from __future__ import annotations

import copy
import json
import uuid
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft7Validator

from digiready.frameworks import case
from digiready.frameworks.content import (
    CapabilityData,
    DomainData,
    FrameworkData,
    FrameworkFormatError,
    LevelData,
    derived_uuid,
)
from tests.frameworks import case_samples as samples

BASE = samples.BASE_URI
SCHEMA_FILE = Path(case.__file__).parent / "schemas" / "case-v1p0-cfpackage-schema.json"
# Built here from the file, not through case.py, so export is checked independently.
SCHEMA = Draft7Validator(
    json.loads(SCHEMA_FILE.read_text()), format_checker=Draft7Validator.FORMAT_CHECKER
)
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def schema_errors(package: dict[str, Any]) -> list[str]:
    return [f"{e.json_path}: {e.message[:200]}" for e in SCHEMA.iter_errors(package)]


def canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def canonical_set(values: list[Any]) -> set[str]:
    return {canonical(value) for value in values}


def definition_entries(package: dict[str, Any]) -> set[str]:
    definitions = package.get("CFDefinitions")
    if not isinstance(definitions, dict):
        return set()
    return {canonical([key, entry]) for key, entries in definitions.items() for entry in entries}


def small_framework() -> FrameworkData:
    """A hand-written framework: two domains, levels, a licence and names for the levels."""
    ids = iter(str(uuid.UUID(int=n)) for n in range(1, 100))
    fw = FrameworkData(
        identifier=next(ids),
        lineage=next(ids),
        title="Digital capability — Māori and naïve users 🩺",
        version="1.0",
        publisher="Digital Ready",
        description="**Markdown** description",
        licence="CC BY 4.0",
        licence_uri="https://creativecommons.org/licenses/by/4.0/",
        level_names=["Aware", "Able", "Expert"],
        last_changed="2026-11-25T12:00:00+00:00",
        status="published",
    )
    for d in range(1, 3):
        identifier = next(ids)
        domain = DomainData(identifier=identifier, lineage=identifier, code=f"D{d}", title=f"D{d}")
        for c in range(1, 3):
            cap_id = next(ids)
            cap = CapabilityData(
                identifier=cap_id,
                lineage=next(ids),
                code=f"D{d}.{c}",
                title=f"Capability {d}.{c}",
                description=f"Longer _description_ of {d}.{c}",
            )
            cap.levels = [
                LevelData(number=n, statement=f"I can {d}.{c} at {n}", identifier=next(ids))
                for n in range(1, 4)
            ]
            domain.capabilities.append(cap)
        fw.domains.append(domain)
    return fw


# --------------------------------------------------------------------------------------------
# Export


@SETTINGS
@given(samples.frameworks())
def test_export_validates_against_the_schema(fw: FrameworkData) -> None:
    package = case.export_package(fw, base_uri=BASE)
    assert schema_errors(package) == []
    assert case.validate_package(package) == []


@SETTINGS
@given(samples.frameworks())
def test_export_is_deterministic(fw: FrameworkData) -> None:
    first = case.export_package(fw, base_uri=BASE)
    second = case.export_package(copy.deepcopy(fw), base_uri=BASE)
    assert case.dumps(first) == case.dumps(second)


def test_export_maps_our_model() -> None:
    fw = small_framework()
    package = case.export_package(fw, base_uri=BASE + "/")
    doc = package["CFDocument"]
    assert doc["uri"] == f"{BASE}/CFDocuments/{fw.identifier}"
    assert doc["creator"] == "Digital Ready"  # no creator: the publisher
    assert doc["adoptionStatus"] == "Adopted"
    assert doc["extensions"] == {
        "digiready": {"level_names": ["Aware", "Able", "Expert"], "lineage": fw.lineage}
    }
    licence_id = derived_uuid(fw.licence_uri, "licence")
    assert doc["licenseURI"]["identifier"] == licence_id
    assert package["CFDefinitions"]["CFLicenses"][0]["identifier"] == licence_id
    assert [t["title"] for t in package["CFDefinitions"]["CFItemTypes"]] == [
        "Domain",
        "Capability",
        "Level statement",
    ]

    items = {item["identifier"]: item for item in package["CFItems"]}
    cap = fw.domains[0].capabilities[1]
    item = items[cap.identifier]
    assert item["fullStatement"] == cap.description
    assert item["abbreviatedStatement"] == cap.title
    assert item["humanCodingScheme"] == "D1.2"
    assert item["extensions"] == {"digiready": {"lineage": cap.lineage}}
    assert item["lastChangeDateTime"] == fw.last_changed
    assert items[cap.levels[2].identifier]["humanCodingScheme"] == "D1.2.L3"
    assert "extensions" not in items[fw.domains[0].identifier]  # lineage is the identifier

    child_of = {
        a["originNodeURI"]["identifier"]: a
        for a in package["CFAssociations"]
        if a["associationType"] == "isChildOf"
    }
    association = child_of[cap.identifier]
    assert association["identifier"] == derived_uuid(
        "isChildOf", cap.identifier, fw.domains[0].identifier
    )
    assert association["sequenceNumber"] == 2
    assert child_of[fw.domains[1].identifier]["destinationNodeURI"]["identifier"] == fw.identifier
    assert child_of[cap.levels[0].identifier]["sequenceNumber"] == 1

    (rubric,) = package["CFRubrics"]
    assert rubric["identifier"] == derived_uuid(fw.identifier, "rubric")
    assert len(rubric["CFRubricCriteria"]) == 4
    criterion = rubric["CFRubricCriteria"][1]
    assert criterion["CFItemURI"]["identifier"] == cap.identifier
    assert [(lv["quality"], lv["score"]) for lv in criterion["CFRubricCriterionLevels"]] == [
        ("Aware", 1),
        ("Able", 2),
        ("Expert", 3),
    ]
    assert schema_errors(package) == []


def test_imported_uri_wins_and_extras_come_back_verbatim() -> None:
    fw = small_framework()
    cap = fw.domains[0].capabilities[0]
    cap.extras = {"uri": "https://elsewhere.example/item/1", "notes": "kept", "x": [1, {"a": 2}]}
    package = case.export_package(fw, base_uri=BASE)
    item = next(i for i in package["CFItems"] if i["identifier"] == cap.identifier)
    assert item["uri"] == "https://elsewhere.example/item/1"
    assert item["notes"] == "kept"
    assert item["x"] == [1, {"a": 2}]
    linked = [
        a["originNodeURI"]["uri"]
        for a in package["CFAssociations"]
        if a["originNodeURI"]["identifier"] == cap.identifier
    ]
    assert linked == ["https://elsewhere.example/item/1"]
    item["x"][1]["a"] = 3  # the package does not share its parts with the framework
    assert cap.extras["x"] == [1, {"a": 2}]


def test_a_residual_association_replaces_the_generated_one() -> None:
    fw = small_framework()
    cap = fw.domains[0].capabilities[0]
    domain = fw.domains[0]
    generated = next(
        a
        for a in case.export_package(fw, base_uri=BASE)["CFAssociations"]
        if a["originNodeURI"]["identifier"] == cap.identifier
    )
    foreign = {**generated, "identifier": str(uuid.uuid4()), "sequenceNumber": 7}
    fw.residual.associations.append(foreign)
    package = case.export_package(fw, base_uri=BASE)
    matching = [
        a
        for a in package["CFAssociations"]
        if a["associationType"] == "isChildOf"
        and a["originNodeURI"]["identifier"] == cap.identifier
        and a["destinationNodeURI"]["identifier"] == domain.identifier
    ]
    assert matching == [foreign]


def test_export_without_a_date_still_validates() -> None:
    fw = FrameworkData(identifier=str(uuid.uuid4()), lineage="", title="Empty", version="")
    package = case.export_package(fw, base_uri=BASE)
    assert package["CFDocument"]["lastChangeDateTime"] == case.EPOCH
    assert schema_errors(package) == []


def test_dumps_keeps_unicode_and_order() -> None:
    package = case.export_package(small_framework(), base_uri=BASE)
    text = case.dumps(package)
    assert "Māori" in text and "🩺" in text
    assert text.startswith('{\n  "CFDocument": {\n    "identifier"')
    assert json.loads(text) == package


# --------------------------------------------------------------------------------------------
# Round trip of our own frameworks


@SETTINGS
@given(samples.frameworks())
def test_round_trip_of_our_own_frameworks(fw: FrameworkData) -> None:
    package = case.export_package(fw, base_uri=BASE)
    imported = case.import_package(case.dumps(package).encode())
    assert case.export_package(imported, base_uri=BASE) == package
    assert [d.identifier for d in imported.domains if not d.synthetic] == [
        d.identifier for d in fw.domains if not d.synthetic
    ]
    assert [(c.identifier, c.lineage) for c in imported.capabilities()] == [
        (c.identifier, c.lineage) for c in fw.capabilities()
    ]
    assert imported.residual.associations == fw.residual.associations


@SETTINGS
@given(samples.framework_versions())
def test_round_trip_with_a_previous_version(versions: tuple[FrameworkData, FrameworkData]) -> None:
    previous, fw = versions
    package = case.export_package(fw, base_uri=BASE, previous=previous)
    assert schema_errors(package) == []
    replaced = {
        (a["originNodeURI"]["identifier"], a["destinationNodeURI"]["identifier"])
        for a in package["CFAssociations"]
        if a["associationType"] == "replacedBy"
    }
    old = {c.lineage: c.identifier for c in previous.capabilities()}
    for cap in fw.capabilities():
        if cap.lineage in old:
            assert (old[cap.lineage], cap.identifier) in replaced
    assert (previous.identifier, fw.identifier) in replaced

    assert case.export_package(case.import_package(package), base_uri=BASE) == package
    known = {c.identifier: c.lineage for c in previous.capabilities()}
    known[previous.identifier] = previous.lineage
    imported = case.import_package(package, known_lineage=known)
    assert imported.lineage == fw.lineage
    assert [c.lineage for c in imported.capabilities()] == [c.lineage for c in fw.capabilities()]
    assert case.export_package(imported, base_uri=BASE, previous=previous) == package


def test_import_reads_our_own_fields_back() -> None:
    fw = small_framework()
    fw.subject = "organisation"
    fw.previous = str(uuid.uuid4())
    imported = case.import_package(case.export_package(fw, base_uri=BASE))
    assert (imported.subject, imported.status, imported.previous) == (
        "organisation",
        "published",
        fw.previous,
    )
    assert (imported.licence, imported.licence_uri) == (fw.licence, fw.licence_uri)
    assert imported.level_names == fw.level_names
    assert imported.lineage == fw.lineage
    cap = imported.domains[1].capabilities[0]
    assert (cap.code, cap.title, cap.description) == (
        "D2.1",
        "Capability 2.1",
        fw.domains[1].capabilities[0].description,
    )
    assert [level.number for level in cap.levels] == [1, 2, 3]
    assert set(cap.extras) == {"uri", "lastChangeDateTime"}
    assert imported.residual.is_empty()


def test_json_types_survive_where_python_would_equate_them() -> None:
    package = case.export_package(small_framework(), base_uri=BASE)
    package["CFAssociations"][0]["sequenceNumber"] = 1.0
    package["CFRubrics"][0]["CFRubricCriteria"][0]["CFRubricCriterionLevels"][0]["score"] = 1.0
    out = case.export_package(case.import_package(package), base_uri=BASE)
    for key in ("CFAssociations", "CFRubrics"):
        assert canonical_set(out[key]) == canonical_set(package[key])  # "1.0" is not "1"


# --------------------------------------------------------------------------------------------
# Foreign packages


@pytest.mark.parametrize("name", sorted(samples.all_samples()))
def test_foreign_packages_lose_nothing(name: str) -> None:
    package = samples.all_samples()[name]
    assert schema_errors(package) == []
    fw = case.import_package(case.dumps(package))
    out = case.export_package(fw, base_uri=BASE)
    assert schema_errors(out) == []

    assert out["CFDocument"] == package["CFDocument"]
    assert canonical_set(out["CFItems"]) == canonical_set(package["CFItems"])
    assert len(out["CFItems"]) == len(package["CFItems"])
    assert canonical_set(out["CFAssociations"]) == canonical_set(package["CFAssociations"])
    assert len(out["CFAssociations"]) == len(package["CFAssociations"])
    assert canonical_set(package.get("CFRubrics", [])) <= canonical_set(out["CFRubrics"])
    added = canonical_set(out["CFRubrics"]) - canonical_set(package.get("CFRubrics", []))
    assert {json.loads(r)["identifier"] for r in added} <= {derived_uuid(fw.identifier, "rubric")}
    assert definition_entries(package) <= definition_entries(out)

    # Importing our export of it changes nothing more.
    again = case.export_package(case.import_package(out), base_uri=BASE)
    assert again == out


def test_foreign_hierarchy_mapping() -> None:
    package = samples.regional_framework()
    ids = {item["humanCodingScheme"]: item["identifier"] for item in package["CFItems"]}
    fw = case.import_package(package)
    assert fw.status == "published"
    assert fw.subject == "person"
    assert fw.last_changed == "2025-02-28T17:04:11+00:00"
    assert fw.language == "en-GB"
    assert (fw.licence, fw.licence_uri) == ("CC BY-SA 4.0", "")
    assert fw.extras["subject"] == ["Digital literacy", "Health informatics"]
    assert fw.extras["statusEndDate"] is None
    # Sequence numbers order the areas, not the order of the items in the package.
    assert [d.code for d in fw.domains] == ["1", "2"]
    assert not any(d.synthetic for d in fw.domains)
    first, second = fw.domains
    assert [c.code for c in first.capabilities] == ["1.1.1.1", "1.1.1.10", "1.1.2.1", "1.2.1"]
    assert [c.parent for c in first.capabilities] == [
        ids["1.1.1"],
        ids["1.1.1"],
        ids["1.1.2"],
        ids["1.2"],
    ]
    assert [(c.code, c.parent) for c in second.capabilities] == [
        ("2.1", ""),
        ("2.2.1.1.1", ids["2.2.1.1"]),
    ]
    search = first.capabilities[0]
    assert search.title == "Search knowledge bases"
    assert search.description.startswith("Search clinical knowledge bases such as **NICE CKS**")
    assert [level.statement for level in search.levels][-1] == "I teach others to search well 🎓"
    assert [level.number for level in search.levels] == [1, 2, 3, 4]
    assert search.extras["x-review"] == {"by": "Zoë", "ok": True}
    assert search.extras["CFItemType"] == "Competency"
    assert search.lineage == search.identifier
    assert search.levels[0].extras["humanCodingScheme"] == "1.1.1.1.1"
    # Grouping items are kept as they were.
    grouping = {item["identifier"] for item in fw.residual.items}
    assert grouping == {
        ids[code] for code in ("1.1", "1.1.1", "1.1.2", "1.2", "2.2", "2.2.1", "2.2.1.1")
    }
    # The second parent of 1.2.1 stays as an association.
    second_parent = [
        a
        for a in fw.residual.associations
        if a["originNodeURI"]["identifier"] == ids["1.2.1"]
        and a["destinationNodeURI"]["identifier"] == ids["2.2"]
    ]
    assert len(second_parent) == 1


def test_flat_package_gets_a_synthetic_domain_and_natural_order() -> None:
    fw = case.import_package(samples.care_home_toolkit())
    assert fw.status == "draft"
    assert fw.language == ""
    assert [(d.title, d.synthetic) for d in fw.domains] == [
        ("Online safety", False),
        ("Digital skills toolkit for care homes", True),
        ("Working with residents", False),
    ]
    synthetic = fw.domains[1]
    assert synthetic.identifier == derived_uuid(fw.identifier, "synthetic domain")
    assert [c.code for c in synthetic.capabilities] == ["T.1", "T.2", "T.10"]
    assert [c.code for c in fw.domains[0].capabilities] == ["OS.1", "OS.1a", "OS.9", "OS.10"]
    residents = fw.domains[2].capabilities
    assert [c.title for c in residents] == [
        "Résumé notes",
        "Help residents video-call family",
        "Support a resident’s own device",
    ]
    assert [level.statement for level in residents[2].levels] == [
        "With support",
        "Alone",
        "Coaches others",
    ]
    assert [item["fullStatement"] for item in fw.residual.items] == [
        "Retired: use the fax machine 📠"
    ]


def test_deep_package_with_other_vendors_extensions() -> None:
    fw = case.import_package(samples.nursing_informatics())
    assert fw.status == "retired"
    assert fw.extras["licenseURI"] is None
    assert fw.extras["extensions"] == {"acme": {"importedFrom": "spreadsheet v3"}}
    caps = {c.code: c for c in fw.capabilities()}
    assert set(caps) == {"D1.K1.G1.S1.1", "D1.K1.G1.S2.1", "D1.K1.2", "D1.3", "D2.1"}
    documented = caps["D1.K1.G1.S1.1"]
    assert documented.extras["extensions"] == {"acme": {"reviewed": True, "score": 0.75}}
    assert documented.extras["conceptKeywords"] is None
    assert len(documented.levels) == 4
    assert documented.levels[0].extras["humanCodingScheme"] is None  # it had none
    coded = caps["D1.K1.G1.S2.1"]
    assert (coded.title, coded.description) == ("Code diagnoses with SNOMED CT", "")
    assert coded.extras["abbreviatedStatement"] == ""
    assert caps["D1.3"].title == "eRx"
    assert caps["D1.3"].extras["CFItemType"] is None


def test_lineage_follows_replaced_by_from_known_nodes() -> None:
    first = samples.regional_framework("2.1")
    following = samples.regional_framework("3.0", replaces=first)
    held = case.import_package(first)
    known = {c.identifier: c.lineage for c in held.capabilities()}
    known |= {d.identifier: d.lineage for d in held.domains}
    known[held.identifier] = held.lineage
    fw = case.import_package(following, known_lineage=known)
    assert fw.lineage == held.lineage
    assert [c.lineage for c in fw.capabilities()] == [c.lineage for c in held.capabilities()]
    assert [d.lineage for d in fw.domains] == [d.lineage for d in held.domains]
    assert all(c.lineage != c.identifier for c in fw.capabilities())
    # Without what is held, each node starts its own lineage.
    alone = case.import_package(following)
    assert all(c.lineage == c.identifier for c in alone.capabilities())
    # Exported, the lineage travels in our extension and needs nothing held to read back.
    out = case.export_package(fw, base_uri=BASE)
    assert [c.lineage for c in case.import_package(out).capabilities()] == [
        c.lineage for c in held.capabilities()
    ]


def test_a_lineage_is_inherited_once_per_version() -> None:
    package = case.export_package(small_framework(), base_uri=BASE)
    first, second = [item for item in package["CFItems"] if item["CFItemType"] == "Capability"][:2]
    old = str(uuid.uuid4()).upper()  # the store holds identifiers in lower case
    for item in (first, second):
        del item["extensions"]
        identifier = derived_uuid("replacedBy", old, item["identifier"])
        package["CFAssociations"].append(
            {
                "identifier": identifier,
                "associationType": "replacedBy",
                "uri": f"https://old.example/CFAssociations/{identifier}",
                "originNodeURI": {"title": "Old", "identifier": old, "uri": "https://old.example"},
                "destinationNodeURI": {
                    "title": item["fullStatement"],
                    "identifier": item["identifier"],
                    "uri": item["uri"],
                },
                "lastChangeDateTime": "2026-01-01T00:00:00Z",
            }
        )
    lineage = str(uuid.uuid4())
    caps = case.import_package(package, known_lineage={old.lower(): lineage}).capabilities()
    assert (caps[0].lineage, caps[1].lineage) == (lineage, caps[1].identifier)

    items = package["CFItems"]
    one, other = [i for i, item in enumerate(items) if item["CFItemType"] == "Capability"][2:]
    items[other]["extensions"] = items[one]["extensions"]
    assert any(f"is also claimed by $.CFItems[{one}]" in p for p in problems_of(package))


def test_big_package_is_valid_and_imports() -> None:
    package = samples.big_package(400, seed=7)
    assert 400 <= len(package["CFItems"]) <= 410
    assert schema_errors(package) == []
    fw = case.import_package(package)
    assert fw.capabilities() and fw.levels()
    assert any(a["associationType"] == "exactMatchOf" for a in fw.residual.associations)
    out = case.export_package(fw, base_uri=BASE)
    assert canonical_set(out["CFItems"]) == canonical_set(package["CFItems"])
    assert canonical_set(out["CFAssociations"]) == canonical_set(package["CFAssociations"])
    assert samples.big_package(400, seed=7) == package


# --------------------------------------------------------------------------------------------
# Broken input


def problems_of(raw: Any, **kwargs: Any) -> list[str]:
    with pytest.raises(FrameworkFormatError) as caught:
        case.import_package(raw, **kwargs)
    problems = caught.value.problems
    assert problems
    assert all(isinstance(p, str) and p.strip() for p in problems)
    return problems


def test_not_utf8_and_not_json() -> None:
    assert problems_of(b'{"CFDocument": "\xff"}', source="upload.json") == [
        "upload.json: not UTF-8 text: byte 0xff at offset 16"
    ]
    (problem,) = problems_of('{"CFDocument": ')
    assert problem.startswith("package: not valid JSON: Expecting value (line 1")
    assert problems_of('{"a": NaN}')[0].startswith("package: not valid JSON: NaN")
    assert problems_of("[" * 100_000)[0].startswith("package: not valid JSON")
    assert problems_of('"\\ud800"')[0].startswith("package: not Unicode text")
    assert problems_of({"CFDocument": {1, 2}})[0].startswith("package: not JSON data")
    deep: Any = "bottom"
    for _ in range(case.MAX_DEPTH + 1):
        deep = [deep]
    package = case.export_package(small_framework(), base_uri=BASE)
    package["CFItems"][0]["x-deep"] = deep
    assert problems_of(package) == [f"package: nested more than {case.MAX_DEPTH} levels deep"]


def test_schema_problems_name_the_place_and_are_capped() -> None:
    package = case.export_package(small_framework(), base_uri=BASE)
    package["CFItems"][2]["uri"] = "not a uri"
    del package["CFAssociations"][0]["lastChangeDateTime"]
    problems = problems_of(package)
    assert "package: $.CFItems[2].uri: 'not a uri' is not a 'uri'" in problems
    assert "package: $.CFAssociations[0]: 'lastChangeDateTime' is a required property" in problems
    package = case.export_package(small_framework(), base_uri=BASE)
    package["CFDocument"]["statusStartDate"] = "yesterday"
    package["CFDefinitions"]["CFLicenses"][0]["licenseText"] = 3
    assert problems_of(package) == [
        "package: $.CFDocument.statusStartDate: no allowed form fits: 'yesterday' is not a "
        "'date'; 'yesterday' is not a 'date-time'; 'yesterday' is not of type 'null'",
        "package: $.CFDefinitions.CFLicenses[0].licenseText: 3 is not of type 'string'",
    ]
    for item in package["CFItems"]:
        item["fullStatement"] = item["uri"] = 1
    problems = problems_of(package)
    assert len(problems) == case.MAX_SCHEMA_PROBLEMS + 1
    assert problems[-1] == "package: … and more schema problems"


def test_hierarchy_problems() -> None:
    package = case.export_package(small_framework(), base_uri=BASE)
    items = package["CFItems"]
    domain, cap = items[0], items[1]
    stranger = str(uuid.uuid4())

    def association(kind: str, origin: str, destination: str, uri: str = BASE) -> dict[str, Any]:
        identifier = str(uuid.uuid4())
        return {
            "identifier": identifier,
            "associationType": kind,
            "uri": f"{BASE}/CFAssociations/{identifier}",
            "originNodeURI": {"title": "", "identifier": origin, "uri": uri},
            "destinationNodeURI": {"title": "", "identifier": destination, "uri": uri},
            "lastChangeDateTime": "2026-01-01T00:00:00Z",
        }

    broken = copy.deepcopy(package)
    broken["CFAssociations"] += [
        association("isChildOf", domain["identifier"], cap["identifier"]),
        association("isChildOf", stranger, domain["identifier"]),
        association("isChildOf", cap["identifier"], stranger),
        association("exactMatchOf", stranger, str(uuid.uuid4())),
    ]
    broken["CFItems"][3]["identifier"] = cap["identifier"]
    broken["CFRubrics"][0]["CFRubricCriteria"][0]["CFItemURI"]["identifier"] = stranger
    text = "\n".join(problems_of(broken))
    (cycle,) = [line for line in text.splitlines() if "isChildOf cycle: " in line]
    assert cycle.count(cap["identifier"]) + cycle.count(domain["identifier"]) == 3
    assert f"isChildOf origin {stranger} is not an item in the package" in text
    assert f"isChildOf destination {stranger} is neither the document" in text
    assert "dangling exactMatchOf" in text
    assert f"$.CFItems[3]: duplicate identifier {cap['identifier']} (also $.CFItems[1])" in text
    assert f"criterion points at {stranger}, not an item in the package" in text

    relative = copy.deepcopy(package)
    relative["CFAssociations"].append(
        association("exactMatchOf", cap["identifier"], stranger, uri="items/1")
    )
    assert any("external destination" in p for p in problems_of(relative))


def test_our_extension_must_make_sense() -> None:
    package = case.export_package(small_framework(), base_uri=BASE)
    package["CFDocument"]["extensions"]["digiready"]["subject"] = "robot"
    package["CFItems"][1]["extensions"]["digiready"]["lineage"] = 5
    text = "\n".join(problems_of(package))
    assert "$.CFDocument.extensions.digiready.subject: must be 'person' or 'organisation'" in text
    assert "$.CFItems[1].extensions.digiready.lineage: must be a UUID" in text


@st.composite
def json_values(draw: st.DrawFn) -> Any:
    leaves = st.one_of(
        st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=8)
    )
    return draw(
        st.recursive(
            leaves,
            lambda inner: st.one_of(
                st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)
            ),
            max_leaves=8,
        )
    )


BASES = {
    "own": case.export_package(small_framework(), base_uri=BASE),
    "regional": samples.regional_framework(),
}
REQUIRED = {
    "CFDocument": ["identifier", "uri", "creator", "title", "lastChangeDateTime"],
    "CFItems": ["identifier", "fullStatement", "uri", "lastChangeDateTime"],
    "CFAssociations": [
        "identifier",
        "associationType",
        "uri",
        "originNodeURI",
        "destinationNodeURI",
        "lastChangeDateTime",
    ],
}
BAD_UUIDS = ["", "1234", "not-a-uuid", "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz"]
WRONG = st.one_of(
    st.integers(),
    st.booleans(),
    st.none(),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)


def target(draw: st.DrawFn, package: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    kind = draw(st.sampled_from(sorted(REQUIRED)))
    if kind == "CFDocument":
        return kind, package["CFDocument"]
    return kind, draw(st.sampled_from(package[kind]))


@st.composite
def broken_packages(draw: st.DrawFn) -> Any:
    """A valid package with one thing wrong, as bytes, text or data."""
    package = copy.deepcopy(BASES[draw(st.sampled_from(sorted(BASES)))])
    corruption = draw(
        st.sampled_from(
            [
                "drop",
                "type",
                "uuid",
                "uuid-suffix",
                "dangling",
                "cycle",
                "duplicate",
                "criterion",
                "truncate",
                "bytes",
                "random",
                "random-document",
            ]
        )
    )
    items, associations = package["CFItems"], package["CFAssociations"]
    if corruption == "drop":
        kind, entry = target(draw, package)
        del entry[draw(st.sampled_from(REQUIRED[kind]))]
    elif corruption == "type":
        kind, entry = target(draw, package)
        entry[draw(st.sampled_from(REQUIRED[kind]))] = draw(WRONG)
    elif corruption == "uuid":
        _, entry = target(draw, package)
        entry["identifier"] = draw(st.sampled_from(BAD_UUIDS))
    elif corruption == "uuid-suffix":
        _, entry = target(draw, package)
        entry["identifier"] += draw(st.sampled_from(["x", "-1", "0"]))
    elif corruption == "dangling":
        association = copy.deepcopy(draw(st.sampled_from(associations)))
        association["identifier"] = str(draw(st.uuids()))
        association["associationType"] = draw(st.sampled_from(["isRelatedTo", "isChildOf"]))
        for end in ("originNodeURI", "destinationNodeURI"):
            association[end]["identifier"] = str(draw(st.uuids()))
        associations.append(association)
    elif corruption == "cycle":
        child_of = [
            a
            for a in associations
            if a["associationType"] == "isChildOf"
            and a["destinationNodeURI"]["identifier"] != package["CFDocument"]["identifier"]
        ]
        association = copy.deepcopy(draw(st.sampled_from(child_of)))
        association["identifier"] = str(draw(st.uuids()))
        if draw(st.booleans()):
            association["destinationNodeURI"] = association["originNodeURI"]
        else:
            ends = association["originNodeURI"], association["destinationNodeURI"]
            association["destinationNodeURI"], association["originNodeURI"] = ends
        associations.append(association)
    elif corruption == "duplicate":
        first = draw(st.integers(0, len(items) - 1))
        second = draw(st.integers(0, len(items) - 1).filter(lambda n: n != first))
        source = draw(st.sampled_from([items[first], package["CFDocument"]]))
        items[second]["identifier"] = source["identifier"]
    elif corruption == "criterion":
        criteria = package["CFRubrics"][0]["CFRubricCriteria"]
        draw(st.sampled_from(criteria))["CFItemURI"]["identifier"] = str(draw(st.uuids()))
    elif corruption == "truncate":
        text = case.dumps(package)
        return text[: draw(st.integers(0, len(text) - 1))].encode()
    elif corruption == "bytes":
        data = case.dumps(package).encode()
        at = draw(st.integers(0, len(data)))
        return (
            data[:at] + draw(st.sampled_from([b"\xff", b"\xc3\x28", b"\xed\xa0\x80"])) + data[at:]
        )
    elif corruption == "random":
        return draw(json_values())
    else:
        return {"CFDocument": draw(json_values()), "CFItems": draw(json_values())}
    form = draw(st.sampled_from(["bytes", "text", "data"]))
    if form == "bytes":
        return case.dumps(package).encode()
    return case.dumps(package) if form == "text" else package


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(broken_packages())
def test_broken_packages_raise_format_errors_only(raw: Any) -> None:
    problems = problems_of(raw, source="fuzz")
    assert all(p.startswith("fuzz: ") and len(p) > len("fuzz: ") for p in problems)
    assert case.validate_package(raw)


def paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, inner in value.items():
            found += paths(inner, (*prefix, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            found += paths(inner, (*prefix, index))
    return found


PATHS = {name: paths(package)[1:] for name, package in BASES.items()}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(BASES)), st.data())
def test_any_change_imports_cleanly_or_fails_cleanly(name: str, data: st.DataObject) -> None:
    """Whatever one value is changed to, import either works, losing nothing, or explains."""
    package = copy.deepcopy(BASES[name])
    path = data.draw(st.sampled_from(PATHS[name]))
    holder = package
    for step in path[:-1]:
        holder = holder[step]
    if data.draw(st.booleans()) and isinstance(holder, dict):
        del holder[path[-1]]
    else:
        holder[path[-1]] = data.draw(json_values())
    try:
        fw = case.import_package(package)
    except FrameworkFormatError as error:
        assert error.problems and all(p.strip() for p in error.problems)
        return
    out = case.export_package(fw, base_uri=BASE)
    assert schema_errors(out) == []
    assert canonical_set(out["CFItems"]) == canonical_set(package.get("CFItems", []))
    assert canonical_set(package.get("CFAssociations", [])) <= canonical_set(out["CFAssociations"])
