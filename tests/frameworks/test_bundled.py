"""The bundled frameworks load, cover what the product promises, read well, and the loader
rejects a broken file whole, naming every place that is wrong."""

from __future__ import annotations

import copy
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from digiready.frameworks.bundled import (
    BUNDLED_FRAMEWORKS,
    DATA_DIR,
    ORGANISATION_FRAMEWORK,
    PERSON_FRAMEWORK,
    framework_from_data,
    load_bundled,
    load_framework_file,
)
from digiready.frameworks.content import FrameworkData, FrameworkFormatError, derived_uuid

# Each topic the product promises, and words that identify its domain by title.
REQUIRED_TOPICS = {
    "digital leadership": ("digital leadership",),
    "AI and decision support": ("ai", "decision support"),
    "data and analytics": ("data", "analytics"),
    "clinical safety and risk": ("clinical safety", "risk"),
    "information governance and cyber security": ("information governance", "cyber security"),
    "remote consultation and monitoring": ("remote consultation", "monitoring"),
    "digital inclusion and patient-facing digital health": ("inclusion", "patient-facing"),
    "electronic records, e-prescribing and digital documentation": (
        "electronic records",
        "e-prescribing",
        "documentation",
    ),
    "research, innovation and improvement": ("research", "innovation", "improvement"),
    "ethics, law and regulation": ("ethics", "law", "regulation"),
    "human factors": ("human factors",),
}

WHAT_GOOD_LOOKS_LIKE = (
    "Well led",
    "Smart foundations",
    "Safe practice",
    "Support people",
    "Empower citizens",
    "Improve care",
    "Healthy populations",
)

# American spellings (and nouns spelt as verbs) that UK English writes differently.
AMERICAN = (
    r"\borganiz",
    r"\banalyz",
    r"\bbehavior",
    r"\bcolor",
    r"\bprograms?\b",
    r"\blicense\b",
    r"\bcent(er|ers|ered)\b",
    r"\bcatalogs?\b",
    r"\bmodeling\b",
    r"\bprioritiz",
    r"\bfavor",
    r"\bhonor",
    r"\blabor\b",
    r"\bneighbor",
    r"\bdefense\b",
    r"\bjudgment",
    r"\blabel(ed|ing)\b",
    r"\bfulfill\b",
    r"\benroll(s|ment)?\b",
    r"\bpediatric",
    r"\borthopedic",
    r"\bgray\b",
    r"\baging\b",
    r"\bdialog\b",
    r"\btraveled\b",
    r"\bmeters?\b",
    r"\bcounselor",
    # Any other -ize or -ization word, such as recognize, summarize or optimization.
    r"\b(?!(?:size|seize|prize|capsize)[sd]?\b)\w+[iy]z(e|es|ed|ing|ation|ations)\b",
)

# Filler that tells a reader nothing they could assess themselves against.
FILLER = re.compile(r"\b(understand the importance|be aware of|appreciate|know about|etc)\b")


@pytest.fixture(scope="module")
def person() -> FrameworkData:
    return load_framework_file(PERSON_FRAMEWORK)


@pytest.fixture(scope="module")
def organisation() -> FrameworkData:
    return load_framework_file(ORGANISATION_FRAMEWORK)


def texts(fw: FrameworkData) -> Iterator[str]:
    """Every piece of prose in a framework."""
    yield fw.title
    yield fw.description
    yield from fw.level_names
    for domain in fw.domains:
        yield domain.title
        yield domain.description
        for cap in domain.capabilities:
            yield cap.title
            yield cap.description
            yield from (level.statement for level in cap.levels)


def statements(fw: FrameworkData) -> list[str]:
    return [level.statement for _, level in fw.levels()]


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9+']+", text.casefold())


def raw(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def problems_of(data: object, name: str = "digital-ready.yaml") -> list[str]:
    with pytest.raises(FrameworkFormatError) as caught:
        framework_from_data(data, name)
    return caught.value.problems


# --- the files load ---------------------------------------------------------------------------


def test_the_bundled_frameworks_are_the_two_data_files() -> None:
    assert BUNDLED_FRAMEWORKS == (PERSON_FRAMEWORK, ORGANISATION_FRAMEWORK)
    assert all(path.parent == DATA_DIR and path.is_file() for path in BUNDLED_FRAMEWORKS)
    assert [fw.subject for fw in load_bundled()] == ["person", "organisation"]


@pytest.mark.parametrize("path", BUNDLED_FRAMEWORKS, ids=lambda path: path.name)
def test_each_file_loads_as_a_published_version_with_derived_identifiers(path: Path) -> None:
    fw = load_framework_file(path)
    slug = raw(path)["framework"]
    assert fw.status == "published"
    assert fw.version == "1.0"
    assert fw.publisher == "Digital Ready"
    assert fw.language == "en-GB"
    assert fw.licence == "Open Government Licence v3.0"
    assert fw.licence_uri == (
        "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
    )
    assert fw.last_changed == "2026-11-25T00:00:00+00:00"
    assert fw.identifier == fw.lineage == derived_uuid(slug, "1.0")
    for domain in fw.domains:
        assert domain.identifier == domain.lineage == derived_uuid(slug, domain.code)
        for cap in domain.capabilities:
            assert cap.identifier == cap.lineage == derived_uuid(slug, cap.code)
            assert [level.number for level in cap.levels] == list(range(1, len(fw.level_names) + 1))
            for level in cap.levels:
                assert level.identifier == derived_uuid(slug, cap.code, str(level.number))


def test_identifiers_are_unique_and_the_same_on_every_load() -> None:
    first, again = load_bundled(), load_bundled()
    assert first == again
    ids = [
        node
        for fw in first
        for node in [fw.identifier]
        + [d.identifier for d in fw.domains]
        + [c.identifier for c in fw.capabilities()]
        + [level.identifier for _, level in fw.levels()]
    ]
    assert len(ids) == len(set(ids))


def test_a_later_version_keeps_the_lineage_and_takes_new_identifiers(
    person: FrameworkData,
) -> None:
    data = raw(PERSON_FRAMEWORK)
    data.update(version="1.1", first_version="1.0", previous="1.0")
    later = framework_from_data(data, "digital-ready.yaml")
    assert later.lineage == person.lineage == person.identifier
    assert later.previous == person.identifier != later.identifier
    assert [d.lineage for d in later.domains] == [d.lineage for d in person.domains]
    assert [c.lineage for c in later.capabilities()] == [c.lineage for c in person.capabilities()]
    before = {person.identifier} | {node.identifier for node in person.capabilities()}
    before |= {d.identifier for d in person.domains} | {lv.identifier for _, lv in person.levels()}
    after = {later.identifier} | {node.identifier for node in later.capabilities()}
    after |= {d.identifier for d in later.domains} | {lv.identifier for _, lv in later.levels()}
    assert len(after) == len(before) and not before & after


def test_a_version_cannot_replace_itself() -> None:
    data = raw(PERSON_FRAMEWORK)
    data["previous"] = "1.0"
    assert problems_of(data) == [
        "digital-ready.yaml: previous: 1.0 is this version; name the one it replaces"
    ]


def test_a_file_with_a_different_name_is_named_in_its_messages(tmp_path: Path) -> None:
    broken = raw(PERSON_FRAMEWORK)
    del broken["title"]
    path = tmp_path / "uploaded framework.yml"
    path.write_text(yaml.safe_dump(broken, allow_unicode=True), encoding="utf-8")
    with pytest.raises(FrameworkFormatError) as caught:
        load_framework_file(path)
    assert caught.value.problems == ["uploaded framework.yml: title: required but missing"]


# --- the person framework ---------------------------------------------------------------------


def test_person_framework_metadata(person: FrameworkData) -> None:
    assert person.title == "Digital Ready health and care digital capability framework"
    assert person.subject == "person"
    assert person.level_names == ["Foundation", "Intermediate", "Advanced", "Expert"]


def test_eleven_domains_cover_every_required_topic(person: FrameworkData) -> None:
    assert len(person.domains) == 11
    titles = [domain.title.casefold() for domain in person.domains]
    for topic, keys in REQUIRED_TOPICS.items():
        matches = [title for title in titles if all(re.search(rf"\b{k}\b", title) for k in keys)]
        assert len(matches) == 1, f"{topic}: {matches}"


def test_domains_name_the_standards_they_are_about(person: FrameworkData) -> None:
    by_code = {domain.code: domain for domain in person.domains}
    assert "DCB0129" in by_code["CS"].description
    assert "DCB0160" in by_code["CS"].description
    assert "fit notes" in by_code["ER"].description
    prose = " ".join(texts(person))
    for term in ("NHS App", "SNOMED CT", "UK GDPR", "Caldicott", "Yellow Card", "e-Referral"):
        assert term in prose, term


def test_codes_are_short_capitals_and_capabilities_carry_their_domain(
    person: FrameworkData,
) -> None:
    for domain in person.domains:
        assert re.fullmatch(r"[A-Z]{2}", domain.code)
        for n, cap in enumerate(domain.capabilities, start=1):
            assert cap.code == f"{domain.code}.{n}"


def test_every_domain_has_at_least_four_capabilities(person: FrameworkData) -> None:
    counts = {domain.code: len(domain.capabilities) for domain in person.domains}
    assert all(4 <= count <= 5 for count in counts.values()), counts
    assert sum(counts.values()) >= 44


def test_every_capability_has_four_levels_and_complete_wording(person: FrameworkData) -> None:
    for cap in person.capabilities():
        assert len(cap.levels) == 4, cap.code
        assert cap.title and cap.description.endswith("."), cap.code
        assert len(words(cap.title)) <= 8, cap.code
    for domain in person.domains:
        assert 1 <= domain.description.count(".") <= 2, domain.code


def test_person_statements_are_things_a_person_can_do(person: FrameworkData) -> None:
    for text in statements(person):
        assert text.startswith("I can "), text
        assert text.endswith(".") and not text.endswith(".."), text
        assert 12 <= len(words(text)) <= 30, text
        assert not FILLER.search(text.casefold()), text


# --- both frameworks ------------------------------------------------------------------------


@pytest.mark.parametrize("path", BUNDLED_FRAMEWORKS, ids=lambda path: path.name)
def test_statements_are_unique_even_in_their_opening_words(path: Path) -> None:
    found = statements(load_framework_file(path))
    assert len({" ".join(words(text)) for text in found}) == len(found)
    openings = Counter(" ".join(words(text)[:8]) for text in found)
    assert [opening for opening, count in openings.items() if count > 1] == []


@pytest.mark.parametrize("path", BUNDLED_FRAMEWORKS, ids=lambda path: path.name)
def test_prose_is_tidy(path: Path) -> None:
    for text in texts(load_framework_file(path)):
        assert text == " ".join(text.split()), repr(text)
        assert "  " not in text and " ," not in text and " ." not in text, text


@pytest.mark.parametrize("path", BUNDLED_FRAMEWORKS, ids=lambda path: path.name)
def test_spelling_is_british(path: Path) -> None:
    prose = " ".join(texts(load_framework_file(path)))
    for pattern in AMERICAN:
        found = re.findall(rf"\w*{pattern}\w*", prose, flags=re.IGNORECASE)
        assert not found, f"{pattern}: {found}"


@pytest.mark.parametrize(
    "text",
    ["We organize training.", "I can analyze data.", "A color chart.", "A training program.",
     "A software license.", "A data center.", "Statistical modeling.", "Recognized roles.",
     "I can prioritize work.", "Optimization of flow.", "Summarized notes.",
     "Paralyzed.", "Standardizing records."],
)  # fmt: skip
def test_the_spelling_check_catches_american_spellings(text: str) -> None:
    assert any(re.search(pattern, text, flags=re.IGNORECASE) for pattern in AMERICAN)


@pytest.mark.parametrize(
    "text",
    ["We organise training.", "A programme of work.", "A software licence.", "Citizens.",
     "Sample size.", "A catalogue.", "Modelling.", "Recognised roles.", "Licensed software.",
     "Sizes of samples.", "Seized devices.", "Analysed data."],
)  # fmt: skip
def test_the_spelling_check_passes_british_spellings(text: str) -> None:
    assert not any(re.search(pattern, text, flags=re.IGNORECASE) for pattern in AMERICAN)


# --- the organisational framework -----------------------------------------------------------


def test_organisational_framework_follows_what_good_looks_like(
    organisation: FrameworkData,
) -> None:
    assert organisation.title == "Digital Ready organisational digital maturity framework"
    assert organisation.subject == "organisation"
    assert [name.split(" – ")[0] for name in organisation.level_names] == list("12345")
    assert [domain.title for domain in organisation.domains] == list(WHAT_GOOD_LOOKS_LIKE)
    codes = [domain.code for domain in organisation.domains]
    assert len(set(codes)) == 7
    for domain in organisation.domains:
        assert 3 <= len(domain.capabilities) <= 5, domain.code
        for cap in domain.capabilities:
            assert len(cap.levels) == 5, cap.code


def test_organisation_statements_say_what_the_organisation_does(
    organisation: FrameworkData,
) -> None:
    for text in statements(organisation):
        assert text.startswith("We "), text
        assert text.endswith("."), text
        assert 8 <= len(words(text)) <= 30, text


# --- the loader rejects broken files ---------------------------------------------------------

Mutation = Callable[[dict[str, Any]], None]


def _drop_statement(data: dict[str, Any]) -> None:
    data["domains"][2]["capabilities"][1]["levels"].pop()


def _extra_statement(data: dict[str, Any]) -> None:
    data["domains"][0]["capabilities"][0]["levels"].append("I can do one thing more.")


def _duplicate_domain_code(data: dict[str, Any]) -> None:
    data["domains"][1]["code"] = data["domains"][0]["code"]


def _duplicate_capability_code(data: dict[str, Any]) -> None:
    caps = data["domains"][0]["capabilities"]
    caps[1]["code"] = caps[0]["code"]


def _unknown_key(data: dict[str, Any]) -> None:
    data["domains"][3]["capabilities"][0]["colour"] = "blue"


def _missing_title(data: dict[str, Any]) -> None:
    del data["title"]


def _missing_capability_title(data: dict[str, Any]) -> None:
    del data["domains"][4]["capabilities"][2]["title"]


def _wrong_opening(data: dict[str, Any]) -> None:
    data["domains"][0]["capabilities"][0]["levels"][1] = "Understands digital tools."


def _repeated_statement(data: dict[str, Any]) -> None:
    levels = data["domains"][0]["capabilities"][0]["levels"]
    data["domains"][5]["capabilities"][3]["levels"][2] = levels[0]


def _foreign_capability_code(data: dict[str, Any]) -> None:
    data["domains"][1]["capabilities"][0]["code"] = "DL.9"


def _padded_text(data: dict[str, Any]) -> None:
    data["domains"][6]["title"] = " Digital inclusion"


def _unquoted_version(data: dict[str, Any]) -> None:
    data["version"] = 1.0


def _unknown_subject(data: dict[str, Any]) -> None:
    data["subject"] = "team"


def _no_time_zone(data: dict[str, Any]) -> None:
    data["published"] = "2026-11-25T00:00:00"


def _statement_not_text(data: dict[str, Any]) -> None:
    data["domains"][0]["capabilities"][0]["levels"][3] = {"I can lead": "a network"}


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (_drop_statement, "domains[2].capabilities[1].levels: expected 4 statements, found 3"),
        (_extra_statement, "domains[0].capabilities[0].levels: expected 4 statements, found 5"),
        (_duplicate_domain_code, "domains[1].code: DL is already used at domains[0].code"),
        (
            _duplicate_capability_code,
            "domains[0].capabilities[1].code: DL.1 is already used at "
            "domains[0].capabilities[0].code",
        ),
        (_unknown_key, "domains[3].capabilities[0].colour: unknown key"),
        (_missing_title, "title: required but missing"),
        (_missing_capability_title, "domains[4].capabilities[2].title: required but missing"),
        (_wrong_opening, 'domains[0].capabilities[0].levels[1]: should begin "I can"'),
        (
            _repeated_statement,
            "domains[5].capabilities[3].levels[2]: the same statement is at "
            "domains[0].capabilities[0].levels[0]",
        ),
        (
            _foreign_capability_code,
            "domains[1].capabilities[0].code: DL.9 must start with its domain code AI.",
        ),
        (_padded_text, "domains[6].title: has spaces or line breaks at the start or end"),
        (_unquoted_version, 'version: should be a version such as "1.0", in quotes'),
        (_unknown_subject, "subject: should be 'person' or 'organisation'"),
        (_no_time_zone, "published: should be a date-time with a time zone"),
        (_statement_not_text, "domains[0].capabilities[0].levels[3]: should be text, found a"),
    ],
    ids=lambda value: getattr(value, "__name__", "")[1:] or None,
)  # fmt: skip
def test_a_broken_copy_is_rejected_with_the_place_named(
    tmp_path: Path, mutate: Mutation, expected: str
) -> None:
    data = raw(PERSON_FRAMEWORK)
    mutate(data)
    path = tmp_path / "digital-ready.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(FrameworkFormatError) as caught:
        load_framework_file(path)
    problems = caught.value.problems
    assert any(problem.startswith(f"digital-ready.yaml: {expected}") for problem in problems), (
        problems
    )


def test_every_problem_is_listed_not_just_the_first() -> None:
    data = raw(PERSON_FRAMEWORK)
    _drop_statement(data)
    _duplicate_domain_code(data)
    _wrong_opening(data)
    assert problems_of(data) == [
        "digital-ready.yaml: domains[0].capabilities[0].levels[1]: "
        'should begin "I can", as every statement about a person does',
        "digital-ready.yaml: domains[1].code: DL is already used at domains[0].code",
        "digital-ready.yaml: domains[1].capabilities[0].code: AI.1 must start with its domain "
        "code DL.",
        "digital-ready.yaml: domains[1].capabilities[1].code: AI.2 must start with its domain "
        "code DL.",
        "digital-ready.yaml: domains[1].capabilities[2].code: AI.3 must start with its domain "
        "code DL.",
        "digital-ready.yaml: domains[1].capabilities[3].code: AI.4 must start with its domain "
        "code DL.",
        "digital-ready.yaml: domains[1].capabilities[4].code: AI.5 must start with its domain "
        "code DL.",
        "digital-ready.yaml: domains[2].capabilities[1].levels: expected 4 statements, found 3",
    ]


def test_structural_problems_are_all_listed_too() -> None:
    data = raw(PERSON_FRAMEWORK)
    del data["title"]
    data["colour"] = "blue"
    data["domains"][0]["capabilities"][0]["title"] = 7
    assert sorted(problems_of(data)) == [
        "digital-ready.yaml: colour: unknown key",
        "digital-ready.yaml: domains[0].capabilities[0].title: should be text, found the number 7",
        "digital-ready.yaml: title: required but missing",
    ]


def test_organisation_statements_must_begin_we() -> None:
    data = raw(ORGANISATION_FRAMEWORK)
    data["domains"][0]["capabilities"][0]["levels"][0] = "I can write a digital strategy."
    assert problems_of(data, "organisational-maturity.yaml") == [
        "organisational-maturity.yaml: domains[0].capabilities[0].levels[0]: "
        'should begin "We", as every statement about an organisation does'
    ]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("title: [unclosed\n", "bad.yaml: not valid YAML at line 2, column 1"),
        ("", "bad.yaml: (top level): should be a mapping of keys to values, found nothing"),
        ("- a list\n", "bad.yaml: (top level): should be a mapping of keys to values, found a l"),
        ("a: &x [1]\nb: *x\n", "bad.yaml: YAML anchors and aliases are not accepted"),
        ("title: \xff\n", "bad.yaml: cannot be read"),
    ],
)  # fmt: skip
def test_unreadable_files_are_rejected_with_a_reason(
    tmp_path: Path, content: str, expected: str
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="latin-1" if "\xff" in content else "utf-8")
    with pytest.raises(FrameworkFormatError) as caught:
        load_framework_file(path)
    assert caught.value.problems[0].startswith(expected), caught.value.problems


def test_a_missing_file_is_reported_by_name(tmp_path: Path) -> None:
    with pytest.raises(FrameworkFormatError, match=r"^absent\.yaml: cannot be read"):
        load_framework_file(tmp_path / "absent.yaml")


_PERSON = raw(PERSON_FRAMEWORK)
_PLACES = [
    (d, c)
    for d, domain in enumerate(_PERSON["domains"])
    for c in range(len(domain["capabilities"]))
]


@settings(max_examples=40, deadline=None)
@given(place=st.sampled_from(_PLACES), keep=st.integers(min_value=0, max_value=3))
def test_any_short_capability_is_named(place: tuple[int, int], keep: int) -> None:
    d, c = place
    data = copy.deepcopy(_PERSON)
    levels = data["domains"][d]["capabilities"][c]["levels"]
    del levels[keep:]
    where = f"domains[{d}].capabilities[{c}].levels"
    if keep == 0:
        expected = f"digital-ready.yaml: {where}: should have at least 1 items, found 0"
    else:
        expected = f"digital-ready.yaml: {where}: expected 4 statements, found {keep}"
    assert problems_of(data) == [expected]


@settings(max_examples=40, deadline=None)
@given(
    place=st.sampled_from(_PLACES),
    n=st.integers(min_value=0, max_value=3),
    text=st.text(min_size=1, max_size=40).filter(
        lambda s: s == s.strip() and not s.startswith("I can ")
    ),
)
def test_any_statement_not_beginning_i_can_is_named(
    place: tuple[int, int], n: int, text: str
) -> None:
    d, c = place
    data = copy.deepcopy(_PERSON)
    data["domains"][d]["capabilities"][c]["levels"][n] = text
    assert problems_of(data) == [
        f"digital-ready.yaml: domains[{d}].capabilities[{c}].levels[{n}]: "
        'should begin "I can", as every statement about a person does'
    ]


def test_the_loader_does_not_import_django() -> None:
    code = (
        "import sys; import digiready.frameworks.bundled, digiready.frameworks.profiles; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    )
    result = subprocess.run(  # noqa: S603 - runs this interpreter on a fixed snippet
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
