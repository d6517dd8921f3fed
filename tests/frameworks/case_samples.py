"""CASE packages as other tools write them, and generators of frameworks for tests and benchmarks.

The sample packages follow what OpenSALT and similar editors export: deep grouping, sequence
numbers, items with several parents, links into other frameworks, fields we do not model,
markdown and text in many scripts. ``big_package`` makes packages of any size for the import
benchmark; ``frameworks`` is a hypothesis strategy for our own framework versions.
"""

from __future__ import annotations

import copy
import random
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from hypothesis import strategies as st

from digiready.frameworks.content import (
    CapabilityData,
    DomainData,
    FrameworkData,
    LevelData,
    Residual,
)

BASE_URI = "https://digiready.example/api/v1/frameworks/case"
OPENSALT = "https://opensalt.example/uri"
SAMPLES = uuid.UUID("0b5c8f7e-2d7a-4c1e-9a51-7f0e6d3b2c10")
CHANGED = "2025-03-14T09:26:53+00:00"

Package = dict[str, Any]


def sample_id(*parts: str) -> str:
    """A stable UUID for a named sample node."""
    return str(uuid.uuid5(SAMPLES, "|".join(parts)))


def link(title: str, identifier: str, uri: str) -> dict[str, str]:
    return {"title": title, "identifier": identifier, "uri": uri}


class PackageBuilder:
    """Writes a package the way an OpenSALT-like editor does, one node at a time."""

    def __init__(
        self,
        name: str,
        document: dict[str, Any],
        *,
        base: str = OPENSALT,
        ids: Callable[[str], str] | None = None,
    ) -> None:
        self.name = name
        self.new_id = ids or (lambda key: sample_id(name, key))
        self.base = base
        doc_id = document.get("identifier") or sample_id(name, "document")
        self.document = {"identifier": doc_id, "uri": f"{base}/{doc_id}", **document}
        self.items: list[dict[str, Any]] = []
        self.associations: list[dict[str, Any]] = []
        self.types: dict[str, dict[str, Any]] = {}
        self.definitions: dict[str, Any] = {}
        self.rubrics: list[dict[str, Any]] = []
        self.by_key: dict[str, dict[str, Any]] = {}

    def id(self, key: str) -> str:
        return self.new_id(key)

    def document_link(self) -> dict[str, str]:
        doc = self.document
        return link(doc["title"], doc["identifier"], doc["uri"])

    def item_type(self, title: str, code: str) -> None:
        identifier = self.id(f"type {title}")
        self.types[title] = {
            "identifier": identifier,
            "uri": f"{self.base}/{identifier}",
            "title": title,
            "description": f"{title} items of this framework",
            "hierarchyCode": code,
            "typeCode": title.lower().replace(" ", "-"),
            "lastChangeDateTime": CHANGED,
        }
        self.definitions.setdefault("CFItemTypes", []).append(self.types[title])

    def item(
        self,
        key: str,
        full: str,
        item_type: str | None = None,
        *,
        type_uri: bool = True,
        **fields: Any,
    ) -> str:
        identifier = self.id(key)
        item: dict[str, Any] = {
            "identifier": identifier,
            "uri": f"{self.base}/{identifier}",
            "fullStatement": full,
            **fields,
        }
        if item_type is not None:
            item["CFItemType"] = item_type
            if type_uri and item_type in self.types:
                kind = self.types[item_type]
                item["CFItemTypeURI"] = link(kind["title"], kind["identifier"], kind["uri"])
        item.setdefault("lastChangeDateTime", CHANGED)
        item["CFDocumentURI"] = self.document_link()
        self.items.append(item)
        self.by_key[key] = item
        return identifier

    def node(self, key: str | None) -> dict[str, str]:
        if key is None:
            return self.document_link()
        item = self.by_key[key]
        title = item.get("humanCodingScheme") or item["fullStatement"][:60]
        return link(title, item["identifier"], item["uri"])

    def associate(
        self,
        kind: str,
        origin: str | dict[str, str],
        destination: str | dict[str, str] | None,
        **fields: Any,
    ) -> str:
        origin_link = origin if isinstance(origin, dict) else self.node(origin)
        to = destination
        destination_link = to if isinstance(to, dict) else self.node(to)
        identifier = self.id(
            f"{kind} {origin_link['identifier']} {destination_link['identifier']} "
            f"{len(self.associations)}"
        )
        association: dict[str, Any] = {
            "identifier": identifier,
            "associationType": kind,
            "uri": f"{self.base}/{identifier}",
            "originNodeURI": origin_link,
            "destinationNodeURI": destination_link,
            "lastChangeDateTime": CHANGED,
            "CFDocumentURI": self.document_link(),
            **fields,
        }
        self.associations.append(association)
        return identifier

    def child(
        self, key: str, parent: str | None, sequence: int | None = None, **fields: Any
    ) -> None:
        if sequence is not None:
            fields["sequenceNumber"] = sequence
        self.associate("isChildOf", key, parent, **fields)

    def package(self) -> Package:
        package: Package = {"CFDocument": self.document, "CFItems": self.items}
        package["CFAssociations"] = self.associations
        package["CFDefinitions"] = self.definitions
        if self.rubrics:
            package["CFRubrics"] = self.rubrics
        return copy.deepcopy(package)


def external(title: str, seed: str, base: str = "https://case.example.eu/uri") -> dict[str, str]:
    """A link to a node in a framework that is not in the package."""
    identifier = sample_id("external", seed)
    return link(title, identifier, f"{base}/{identifier}")


LEVELS = ("Foundation", "Intermediate", "Proficient", "Expert")
# Fields no CASE version defines, as editors add them.
UNKNOWN_FIELDS: dict[str, Any] = {"x-opensalt-sort": 3, "x-review": {"by": "Zoë", "ok": True}}


def regional_framework(version: str = "2.1", *, replaces: Package | None = None) -> Package:
    """An OpenSALT export: areas, themes and sub-themes over competencies with four levels.

    With ``replaces`` it is the next version: every node gets a new identifier and a replacedBy
    link from its counterpart in the given package, as OpenSALT writes when copying a framework.
    """
    name = f"regional {version}"
    b = PackageBuilder(
        name,
        {
            "creator": "Northern Health Education Partnership",
            "title": "Digital Capability Framework — Ngā Pūkenga Matihiko",
            "lastChangeDateTime": "2025-02-28T17:04:11+00:00",
            "officialSourceURL": "https://nhep.example.org/digital/framework",
            "publisher": "NHEP Digital Learning",
            "description": (
                "# Digital capability\n\nFor **everyone** working in health and care, "
                "from _porters_ to consultants. Te reo Māori: *kia ora* 👋"
            ),
            "subject": ["Digital literacy", "Health informatics"],
            "subjectURI": [
                link("Digital literacy", sample_id(name, "subject 1"), f"{OPENSALT}/s1"),
                link("Health informatics", sample_id(name, "subject 2"), f"{OPENSALT}/s2"),
            ],
            "language": "en-GB",
            "version": version,
            "adoptionStatus": "Implemented",
            "statusStartDate": "2024-04-01",
            "statusEndDate": None,
            "licenseURI": link(
                "CC BY-SA 4.0", sample_id(name, "licence"), f"{OPENSALT}/licence/by-sa"
            ),
            "notes": "Reviewed by the naïve-user panel, März 2025.",
            "CFPackageURI": link("Package", sample_id(name, "document"), f"{OPENSALT}/pkg"),
            "frameworkType": "Competency",
        },
    )
    b.definitions["CFLicenses"] = [
        {
            "identifier": sample_id(name, "licence"),
            "uri": f"{OPENSALT}/licence/by-sa",
            "title": "CC BY-SA 4.0",
            "description": "Creative Commons Attribution-ShareAlike 4.0 International",
            "licenseText": "https://creativecommons.org/licenses/by-sa/4.0/legalcode",
            "lastChangeDateTime": CHANGED,
        }
    ]
    b.definitions["CFSubjects"] = [
        {
            "identifier": sample_id(name, "subject 1"),
            "uri": f"{OPENSALT}/s1",
            "title": "Digital literacy",
            "hierarchyCode": "1",
            "lastChangeDateTime": CHANGED,
        },
        {
            "identifier": sample_id(name, "subject 2"),
            "uri": f"{OPENSALT}/s2",
            "title": "Health informatics",
            "hierarchyCode": "2",
            "description": "Informatics in *health* and care",
            "lastChangeDateTime": CHANGED,
        },
    ]
    b.definitions["CFConcepts"] = [
        {
            "identifier": sample_id(name, "concept"),
            "uri": f"{OPENSALT}/concept/privacy",
            "title": "Privacy",
            "keywords": "privacy, confidentiality, GDPR",
            "hierarchyCode": "P",
            "lastChangeDateTime": CHANGED,
        }
    ]
    grouping_id = sample_id(name, "grouping")
    b.definitions["CFAssociationGroupings"] = [
        {
            "identifier": grouping_id,
            "uri": f"{OPENSALT}/grouping/digcomp",
            "title": "Crosswalk to DigComp 2.2",
            "lastChangeDateTime": CHANGED,
        }
    ]
    for code, title in enumerate(("Area", "Theme", "Sub-theme", "Competency"), start=1):
        b.item_type(title, str(code))
    b.item_type("Proficiency Level", "5")

    def levels(key: str, code: str, statements: list[str]) -> None:
        for number, statement in enumerate(statements, start=1):
            level = f"{key} L{number}"
            b.item(level, statement, "Proficiency Level", humanCodingScheme=f"{code}.{number}")
            # Listed in reverse: the sequence numbers, not package order, decide.
        for number in range(len(statements), 0, -1):
            b.child(f"{key} L{number}", key, number)

    # Area 2 is listed first on purpose: sequence numbers put it second.
    b.item(
        "A2",
        "Communication and collaboration",
        "Area",
        humanCodingScheme="2",
        abbreviatedStatement="Communication",
        alternativeLabel="Cyfathrebu a chydweithio",
    )
    b.item(
        "A1",
        "Information, data and content",
        "Area",
        humanCodingScheme="1",
        conceptKeywords=["information", "data"],
        conceptKeywordsURI=link("Privacy", sample_id(name, "concept"), f"{OPENSALT}/concept/p"),
    )
    b.item("T1.1", "Finding and evaluating information", "Theme", humanCodingScheme="1.1")
    b.item("S1.1.1", "Searching", "Sub-theme", humanCodingScheme="1.1.1", listEnumeration="a")
    b.item(
        "C1.1.1.1",
        "Search clinical knowledge bases such as **NICE CKS** and local formularies",
        "Competency",
        humanCodingScheme="1.1.1.1",
        abbreviatedStatement="Search knowledge bases",
        educationLevel=["Band 2", "Band 3", "Band 4"],
        notes="Links to *DigComp 1.1*.",
        **UNKNOWN_FIELDS,
    )
    levels(
        "C1.1.1.1",
        "1.1.1.1",
        [
            "I can search the intranet with help",
            "I can search CKS for a condition",
            "I can combine search terms — e.g. `asthma AND child`",
            "I teach others to search well 🎓",
        ],
    )
    b.item(
        "C1.1.1.2",
        "Tell a trustworthy source from a naïve one",
        "Competency",
        humanCodingScheme="1.1.1.10",
        language="en",
    )
    levels(
        "C1.1.1.2",
        "1.1.1.10",
        ["I check who wrote it", "I compare sources", "I explain bias to colleagues"],
    )
    b.item("S1.1.2", "Managing data", "Sub-theme", humanCodingScheme="1.1.2", listEnumeration="b")
    b.item(
        "C1.1.2.1",
        "Keep files in shared drives tidy:\n\n1. name them well\n2. delete duplicates",
        "Competency",
        humanCodingScheme="1.1.2.1",
        statusStartDate="2024-04-01",
    )
    b.item("T1.2", "Data protection", "Theme", humanCodingScheme="1.2")
    b.item(
        "C1.2.1",
        "Protect personal data 🔐 under UK GDPR",
        "Competency",
        humanCodingScheme="1.2.1",
        licenseURI=link("CC BY-SA 4.0", sample_id(name, "licence"), f"{OPENSALT}/licence/by-sa"),
    )
    levels(
        "C1.2.1",
        "1.2.1",
        [
            "I lock my screen",
            "I spot phishing",
            "I report a breach within 72 hours",
            "I lead a data-protection audit",
        ],
    )
    b.item(
        "C2.1",
        "Write clear messages to patients and whānau",
        "Competency",
        humanCodingScheme="2.1",
    )
    levels("C2.1", "2.1", ["Plain words", "Right channel", "Accessible formats (WCAG 2.2)"])
    b.item("T2.2", "Working across cultures", "Theme", humanCodingScheme="2.2")
    b.item("S2.2.1", "Te ao Māori", "Sub-theme", humanCodingScheme="2.2.1")
    b.item("X2.2.1.1", "Greetings and tikanga", "Sub-theme", humanCodingScheme="2.2.1.1")
    b.item(
        "C2.2.1.1.1",
        "Use te reo Māori greetings in digital messages (e.g. *Kia ora*, *Ngā mihi*)",
        "Competency",
        humanCodingScheme="2.2.1.1.1",
    )
    levels("C2.2.1.1.1", "2.2.1.1.1", ["Kia ora", "Tēnā koe", "Ngā mihi nui", "Mihimihi"])

    b.child("A1", None, 1)
    b.child("A2", None, 2)
    b.child("T1.1", "A1", 1)
    b.child("T1.2", "A1", 2)
    b.child("S1.1.2", "T1.1", 2)
    b.child("S1.1.1", "T1.1", 1)
    b.child("C1.1.1.2", "S1.1.1", 2)
    b.child("C1.1.1.1", "S1.1.1", 1)
    b.child("C1.1.2.1", "S1.1.2", 1)
    b.child("C1.2.1", "T1.2", 1)
    b.child("C2.1", "A2", 1)
    b.child("T2.2", "A2", 2)
    b.child("S2.2.1", "T2.2", 1)
    b.child("X2.2.1.1", "S2.2.1", 1)
    b.child("C2.2.1.1.1", "X2.2.1.1", 1)
    # A second parent: data protection also belongs to working across cultures.
    b.child("C1.2.1", "T2.2", 5)
    b.associate(
        "exactMatchOf",
        "C1.1.1.1",
        external("DigComp 2.2 — 1.1 Browsing, searching and filtering data", "digcomp 1.1"),
        CFAssociationGroupingURI=link(
            "Crosswalk to DigComp 2.2", grouping_id, f"{OPENSALT}/grouping/digcomp"
        ),
    )
    b.associate("isRelatedTo", "C1.2.1", "C2.1")
    b.associate("precedes", "C1.1.1.1 L1", "C1.1.1.1 L2", sequenceNumber=1)
    if replaces is not None:
        old = {item["humanCodingScheme"]: item for item in replaces["CFItems"]}
        for key, item in b.by_key.items():
            before = old[item["humanCodingScheme"]]
            if " L" not in key:
                b.associate(
                    "replacedBy", link(key, before["identifier"], before["uri"]), b.node(key)
                )
        doc = replaces["CFDocument"]
        b.associate(
            "replacedBy", link(doc["title"], doc["identifier"], doc["uri"]), b.document_link()
        )

    criterion = sample_id(name, "criterion")
    b.rubrics.append(
        {
            "identifier": sample_id(name, "rubric"),
            "uri": f"{OPENSALT}/rubric/1",
            "title": "Searching — marking guide",
            "description": "For *assessors*",
            "lastChangeDateTime": CHANGED,
            "CFRubricCriteria": [
                {
                    "identifier": criterion,
                    "uri": f"{OPENSALT}/criterion/1",
                    "category": "Searching",
                    "description": "Searches well",
                    "CFItemURI": {
                        "title": "1.1.1.1",
                        "identifier": b.id("C1.1.1.1"),
                        "uri": f"{OPENSALT}/{b.id('C1.1.1.1')}",
                    },
                    "weight": 0.5,
                    "position": 1,
                    "rubricId": sample_id(name, "rubric"),
                    "lastChangeDateTime": CHANGED,
                    "CFRubricCriterionLevels": [
                        {
                            "identifier": sample_id(name, "criterion level", str(number)),
                            "uri": f"{OPENSALT}/criterion-level/{number}",
                            "description": f"Level {number} evidence",
                            "quality": quality,
                            "score": number * 2.5,
                            "feedback": "Gut gemacht!" if number > 2 else "Keep practising",
                            "position": number,
                            "rubricCriterionId": criterion,
                            "lastChangeDateTime": CHANGED,
                        }
                        for number, quality in enumerate(LEVELS, start=1)
                    ],
                }
            ],
        }
    )
    return b.package()


def care_home_toolkit() -> Package:
    """A flat toolkit from a simpler tool: no sequence numbers, few types, loose items."""
    b = PackageBuilder(
        "toolkit",
        {
            "creator": "Care Homes Digital Network",
            "title": "Digital skills toolkit for care homes",
            "lastChangeDateTime": "2024-11-05T08:00:00Z",
            "adoptionStatus": "Private Draft",
        },
        base="https://toolkit.example.net/case/v1p0/CFItems",
    )
    # Top-level items with no children: they go into one made-up domain.
    for code in ("T.10", "T.2", "T.1"):
        b.item(
            code,
            f"Toolkit item {code}: use the tablet for *video calls* 📱",
            humanCodingScheme=code,
        )
    b.item("OS", "Online safety", humanCodingScheme="OS")
    for code in ("OS.10", "OS.9", "OS.1a", "OS.1"):
        b.item(code, f"Safety step {code} — don’t share passwords", humanCodingScheme=code)
    b.item("WR", "Working with residents", "Topic")
    for enumeration, text in (("b", "Help residents video-call family"), ("a", "Résumé notes")):
        b.item(f"WR {enumeration}", text, listEnumeration=enumeration)
    b.item("WR c", "Support a resident’s own device", "Skill", listEnumeration="c")
    for number, text in enumerate(("With support", "Alone", "Coaches others"), start=1):
        b.item(f"WR c {number}", text, "Skill level")
    b.item("orphan", "Retired: use the fax machine 📠", "Skill", notes="kept for history")
    for code in ("T.10", "T.2", "T.1", "OS", "WR"):
        b.child(code, None)
    for code in ("OS.10", "OS.9", "OS.1a", "OS.1"):
        b.child(code, "OS")
    for enumeration in ("c", "b", "a"):
        b.child(f"WR {enumeration}", "WR")
    for number in (2, 3, 1):
        b.child(f"WR c {number}", "WR c", number)
    package = b.package()
    package["CFDefinitions"] = []
    return package


def nursing_informatics() -> Package:
    """Five levels of grouping, other vendors' extensions and every kind of association."""
    b = PackageBuilder(
        "nursing",
        {
            "creator": "Σύνδεσμος Νοσηλευτικής Πληροφορικής",
            "title": "Nursing informatics competencies (护理信息学)",
            "lastChangeDateTime": "2023-07-19T10:15:30.250+02:00",
            "subject": "Nursing",
            "language": "el",
            "version": "1.0-rc.2",
            "adoptionStatus": "Deprecated",
            "licenseURI": None,
            "statusStartDate": None,
            "extensions": {"acme": {"importedFrom": "spreadsheet v3"}},
        },
    )
    for code, title in enumerate(
        ("Domain", "Cluster", "Group", "Subgroup", "Competency", "Proficiency level"), start=1
    ):
        b.item_type(title, str(code))
    b.item("D1", "Κλινική πληροφορική — clinical informatics", "Domain", humanCodingScheme="D1")
    b.item("K1", "Records", "Cluster", humanCodingScheme="D1.K1")
    b.item("G1", "Electronic records", "Group", humanCodingScheme="D1.K1.G1")
    b.item("SG1", "Documentation", "Subgroup", humanCodingScheme="D1.K1.G1.S1")
    b.item("SG2", "Coding", "Subgroup", humanCodingScheme="D1.K1.G1.S2", type_uri=False)
    b.item(
        "N1",
        "Document care in the EPR using structured templates",
        "Competency",
        humanCodingScheme="D1.K1.G1.S1.1",
        conceptKeywords=None,
        extensions={"acme": {"reviewed": True, "score": 0.75}},
    )
    for number, text in enumerate(("Novice", "Competent", "Proficient", "Expert"), start=1):
        b.item(f"N1 {number}", f"{text}: documents care ✓", "Proficiency level")
    b.item(
        "N2",
        "Code diagnoses with SNOMED CT",
        "Competency",
        humanCodingScheme="D1.K1.G1.S2.1",
        abbreviatedStatement="",
    )
    b.item("N3", "Explain the record to a patient", "Competency", humanCodingScheme="D1.K1.2")
    b.item("N4", "Use e-prescribing safely", humanCodingScheme="D1.3", abbreviatedStatement="eRx")
    b.item("D2", "Ηθική — ethics", "Domain", humanCodingScheme="D2", type_uri=False)
    b.item("N5", "Respect consent online", "Competency", humanCodingScheme="D2.1")
    b.child("D2", None, 2)
    b.child("D1", None, 1)
    b.child("K1", "D1", 1)
    b.child("N4", "D1", 2)
    b.child("G1", "K1", 1)
    b.child("N3", "K1", 2)
    b.child("SG1", "G1", 1)
    b.child("SG2", "G1", 2)
    b.child("N1", "SG1", 1)
    b.child("N2", "SG2", 1)
    for number in range(1, 5):
        b.child(f"N1 {number}", "N1", number)
    b.child("N5", "D2", 1)
    b.associate("isPeerOf", "N3", "N5")
    b.associate("isPartOf", "N2", external("SNOMED CT skills", "snomed", "https://snomed.example"))
    b.associate("exemplar", "N1", external("Worked example", "example", "urn:example:n1"))
    b.associate("hasSkillLevel", "N1", "N1 2", sequenceNumber=2)
    b.associate("replacedBy", external("Old N5", "old n5", "https://old.example/n5"), "N5")
    return b.package()


def all_samples() -> dict[str, Package]:
    """Every sample package, fresh each call."""
    v2 = regional_framework("2.1")
    return {
        "regional": v2,
        "toolkit": care_home_toolkit(),
        "nursing": nursing_informatics(),
        "regional-next": regional_framework("3.0", replaces=v2),
    }


# --------------------------------------------------------------------------------------------
# Large packages for the import benchmark


def big_package(n_items: int, seed: int) -> Package:
    """A valid foreign-style package of about ``n_items`` items.

    Areas hold themes, which may hold sub-themes, which hold competencies with three to five
    level items; it stops at the competency that reaches ``n_items``. One competency in twenty
    links to an outside framework, some have a second parent and some are related to others.
    """
    rng = random.Random(seed)

    def new_id() -> str:
        return str(uuid.UUID(int=rng.getrandbits(128), version=4))

    words = [
        *("record", "safe", "data", "patient", "team", "share", "secure", "message"),
        *("device", "online", "learn", "care", "whānau", "Māori", "naïve", "café"),
        *("🩺", "**clear**", "_kind_"),
    ]

    def text(count: int) -> str:
        return " ".join(rng.choice(words) for _ in range(count)).capitalize()

    doc_id = new_id()
    base = "https://salt.example.org/uri"
    b = PackageBuilder(
        f"big {seed}",
        {
            "identifier": doc_id,
            "creator": "Benchmark Authority",
            "title": f"Generated framework {seed}",
            "lastChangeDateTime": CHANGED,
            "adoptionStatus": "Adopted",
            "language": "en",
        },
        base=base,
        ids=lambda key: new_id(),
    )
    for code, title in enumerate(("Area", "Theme", "Sub-theme", "Competency", "Level"), start=1):
        b.item_type(title, str(code))
    competencies: list[str] = []
    area = 0
    while len(b.items) < n_items:
        area += 1
        area_key = f"A{area}"
        b.item(area_key, text(4), "Area", humanCodingScheme=str(area))
        b.child(area_key, None, area)
        for theme in range(1, rng.randint(2, 4) + 1):
            theme_key = f"{area_key}.{theme}"
            b.item(theme_key, text(5), "Theme", humanCodingScheme=theme_key[1:])
            b.child(theme_key, area_key, theme)
            parents = [theme_key]
            if rng.random() < 0.5:
                for sub in range(1, rng.randint(2, 3) + 1):
                    sub_key = f"{theme_key}.{sub}"
                    b.item(sub_key, text(5), "Sub-theme", humanCodingScheme=sub_key[1:])
                    b.child(sub_key, theme_key, sub)
                    parents.append(sub_key)
            for parent in parents[1:] or parents:
                for comp in range(1, rng.randint(2, 5) + 1):
                    if len(b.items) >= n_items:
                        break
                    comp_key = f"{parent}.{comp}"
                    b.item(
                        comp_key,
                        text(12),
                        "Competency",
                        humanCodingScheme=comp_key[1:],
                        abbreviatedStatement=text(4),
                        notes=text(6),
                    )
                    b.child(comp_key, parent, comp)
                    competencies.append(comp_key)
                    for level in range(1, rng.randint(3, 5) + 1):
                        level_key = f"{comp_key}.L{level}"
                        b.item(level_key, text(10), "Level")
                        b.child(level_key, comp_key, level)
    for key in competencies:
        draw = rng.random()
        if draw < 0.05:
            b.associate("exactMatchOf", key, external(text(3), f"{seed} {key}"))
        elif draw < 0.08:
            b.associate("isRelatedTo", key, rng.choice(competencies))
        elif draw < 0.10:
            other_parent = rng.choice(competencies).rsplit(".", 1)[0]
            if other_parent != key.rsplit(".", 1)[0]:
                b.child(key, other_parent, 99)
    return b.package()


# --------------------------------------------------------------------------------------------
# Hypothesis strategies for our own frameworks

MARKDOWN = st.sampled_from(
    [
        "**bold**",
        "_emphasis_",
        "- one\n- two",
        "1. first\n2. second",
        "`code`",
        "[NHS](https://www.nhs.uk)",
        "> quoted",
        "# Heading\n\nText",
        "Māori",
        "naïve café",
        "🩺🔐✨",
        "中文",
        "Ελληνικά",
        "\u200b",
        'quote " and \\ backslash',
    ]
)
PLAIN = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=20)
TEXT = st.lists(st.one_of(PLAIN, MARKDOWN), max_size=3).map(" ".join)
TITLE = st.lists(st.one_of(PLAIN, MARKDOWN), min_size=1, max_size=3).map(" ".join)
UUIDS = st.uuids().map(str)
CODES = st.one_of(st.just(""), st.from_regex(r"[A-Z]{1,3}(\.[0-9]{1,2}){0,2}", fullmatch=True))
MOMENTS = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2099, 12, 31)).map(
    lambda moment: moment.replace(tzinfo=UTC).isoformat()
)
EXTRAS: st.SearchStrategy[dict[str, Any]] = st.one_of(
    st.just({}),
    st.fixed_dictionaries(
        {},
        optional={
            "notes": TEXT,
            "educationLevel": st.lists(PLAIN, max_size=2),
            "conceptKeywords": st.lists(PLAIN, max_size=2),
            "x-local": st.dictionaries(PLAIN, st.integers(), max_size=2),
        },
    ),
)


@st.composite
def levels(draw: st.DrawFn) -> list[LevelData]:
    count = draw(st.integers(0, 5))
    return [
        LevelData(number=number, statement=draw(TEXT), identifier=draw(UUIDS), extras=draw(EXTRAS))
        for number in range(1, count + 1)
    ]


def _lineage(draw: st.DrawFn, identifier: str) -> str:
    return draw(st.one_of(st.just(identifier), UUIDS))


@st.composite
def capabilities(draw: st.DrawFn) -> CapabilityData:
    identifier = draw(UUIDS)
    return CapabilityData(
        identifier=identifier,
        lineage=_lineage(draw, identifier),
        code=draw(CODES),
        title=draw(TITLE),
        description=draw(TEXT),
        levels=draw(levels()),
        extras=draw(EXTRAS),
    )


@st.composite
def domains(draw: st.DrawFn, synthetic: bool = False) -> DomainData:
    identifier = draw(UUIDS)
    return DomainData(
        identifier=identifier,
        lineage=_lineage(draw, identifier),
        code="" if synthetic else draw(CODES),
        title=draw(TITLE),
        description="" if synthetic else draw(TEXT),
        capabilities=draw(st.lists(capabilities(), min_size=int(synthetic), max_size=4)),
        extras={} if synthetic else draw(EXTRAS),
        synthetic=synthetic,
    )


def _external_association(origin: CapabilityData, target: str, changed: str) -> dict[str, Any]:
    identifier = str(uuid.uuid5(SAMPLES, f"{origin.identifier} {target}"))
    return {
        "identifier": identifier,
        "associationType": "exactMatchOf",
        "uri": f"https://elsewhere.example/CFAssociations/{identifier}",
        "originNodeURI": link(origin.title, origin.identifier, f"{BASE_URI}/CFItems/x"),
        "destinationNodeURI": link("Elsewhere", target, f"https://elsewhere.example/{target}"),
        "lastChangeDateTime": changed,
    }


@st.composite
def frameworks(draw: st.DrawFn) -> FrameworkData:
    """Our own framework versions, with the odd imported leftover, in UTF-8 and markdown."""
    identifier = draw(UUIDS)
    changed = draw(MOMENTS)
    fw_domains = draw(st.lists(domains(), max_size=4))
    if draw(st.booleans()):
        position = draw(st.integers(0, len(fw_domains)))
        fw_domains.insert(position, draw(domains(synthetic=True)))
    licence = draw(st.sampled_from(["", "CC BY 4.0", "Open Government Licence v3.0"]))
    licence_uri = draw(st.sampled_from(["", "https://creativecommons.org/licenses/by/4.0/"]))
    level_count = max((len(c.levels) for d in fw_domains for c in d.capabilities), default=0)
    fw = FrameworkData(
        identifier=identifier,
        lineage=_lineage(draw, identifier),
        title=draw(TITLE),
        version=draw(st.one_of(st.just(""), st.from_regex(r"[0-9]\.[0-9]", fullmatch=True))),
        subject=draw(st.sampled_from(["person", "organisation"])),
        status=draw(st.sampled_from(["draft", "published", "retired"])),
        publisher=draw(st.one_of(st.just(""), TITLE)),
        creator=draw(st.one_of(st.just(""), TITLE)),
        description=draw(TEXT),
        language=draw(st.sampled_from(["en-GB", "", "cy", "mi"])),
        licence=licence,
        licence_uri=licence_uri,
        level_names=draw(st.lists(TITLE, min_size=level_count, max_size=level_count)),
        last_changed=changed,
        previous=draw(st.one_of(st.just(""), UUIDS)),
        domains=fw_domains,
        extras=draw(
            st.fixed_dictionaries(
                {}, optional={"notes": TEXT, "officialSourceURL": st.just("https://x.example/")}
            )
        ),
    )
    caps = fw.capabilities()
    residual = Residual()
    with_link = draw(st.booleans())
    if caps and with_link:
        origin = draw(st.sampled_from(caps))
        residual.associations.append(_external_association(origin, draw(UUIDS), changed))
    for _ in range(draw(st.integers(0, 2))):
        orphan = draw(UUIDS)
        residual.items.append(
            {
                "identifier": orphan,
                "uri": f"https://elsewhere.example/CFItems/{orphan}",
                "fullStatement": draw(TEXT),
                "CFItemType": "Note",
                "lastChangeDateTime": changed,
            }
        )
    if draw(st.booleans()):
        subject = draw(UUIDS)
        residual.definitions["CFSubjects"] = [
            {
                "identifier": subject,
                "uri": f"https://elsewhere.example/CFSubjects/{subject}",
                "title": draw(TITLE),
                "hierarchyCode": "1",
                "lastChangeDateTime": changed,
            }
        ]
    fw.residual = residual
    return fw


@st.composite
def framework_versions(draw: st.DrawFn) -> tuple[FrameworkData, FrameworkData]:
    """(previous, current): the current version keeps some lineages and adds new nodes."""
    current = draw(frameworks())
    previous = copy.deepcopy(current)
    previous.identifier = draw(UUIDS)
    previous.last_changed = "1999-12-31T23:59:59+00:00"
    previous.residual = Residual()
    current.lineage = previous.lineage
    for domain in previous.domains:
        domain.identifier = draw(UUIDS)
        domain.extras = {}
        domain.capabilities = [cap for cap in domain.capabilities if draw(st.booleans())]
        for cap in domain.capabilities:
            cap.identifier = draw(UUIDS)
            cap.extras = {}
            for level in cap.levels:
                level.identifier = draw(UUIDS)
    return previous, current
