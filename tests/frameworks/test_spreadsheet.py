"""The flat CSV format: exact round trips, every validation rule, and files broken at random."""

import csv
import doctest
import io
import re
import uuid
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from digiready.frameworks import spreadsheet
from digiready.frameworks.content import (
    CapabilityData,
    DomainData,
    FrameworkData,
    FrameworkFormatError,
    LevelData,
    derived_uuid,
)
from digiready.frameworks.spreadsheet import (
    CSV_COLUMNS,
    export_csv,
    formula_guarded,
    formula_unguarded,
    import_csv,
)

SOURCE = "frameworks.csv"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def test_the_examples_in_the_module_hold() -> None:
    assert doctest.testmod(spreadsheet).failed == 0


DOCS = Path(__file__).parents[2] / "docs" / "frameworks-csv.md"


def test_the_example_in_the_documentation_imports() -> None:
    [example_csv] = re.findall(r"```csv\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.S)
    fw = import_csv(example_csv, source="skills.csv")
    assert [(d.code, [c.code for c in d.capabilities]) for d in fw.domains] == [
        ("DL", ["DL.1", "DL.2"]),
        ("IG", []),
    ]
    assert len(fw.levels()) == 4


def test_the_documentation_describes_every_column() -> None:
    described = re.findall(r"^\| `(\w+)` \|", DOCS.read_text(encoding="utf-8"), re.M)
    assert tuple(described) == CSV_COLUMNS


def carried(fw: FrameworkData) -> tuple[Any, ...]:
    """Every field of the framework that the CSV format holds."""
    return (
        fw.identifier,
        fw.title,
        fw.version,
        fw.subject,
        fw.publisher,
        fw.licence,
        fw.licence_uri,
        fw.description,
        fw.level_names,
        [
            (
                domain.identifier,
                domain.lineage,
                domain.code,
                domain.title,
                domain.description,
                [
                    (
                        cap.identifier,
                        cap.lineage,
                        cap.code,
                        cap.title,
                        cap.description,
                        [(level.number, level.statement, level.identifier) for level in cap.levels],
                    )
                    for cap in domain.capabilities
                ],
            )
            for domain in fw.domains
        ],
    )


def table(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


# A realistic framework

SCALE = ["Foundation", "Intermediate", "Advanced", "Expert"]


def uid(*parts: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "/".join(("example", *parts))))


def levels(code: str, *statements: str) -> list[LevelData]:
    return [
        LevelData(number, statement, uid(code, str(number)))
        for number, statement in enumerate(statements, start=1)
    ]


def example() -> FrameworkData:
    return FrameworkData(
        identifier=uid("framework"),
        lineage=uid("framework"),
        title="Digital capability framework for health and care",
        version="2.1",
        subject="person",
        publisher="NHS England",
        description='What the health and care workforce can do with "digital", at four levels.',
        licence="Open Government Licence v3.0",
        licence_uri="https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
        level_names=list(SCALE),
        domains=[
            DomainData(
                identifier=uid("DL"),
                lineage=uid("DL", "lineage"),
                code="DL",
                title="Digital literacy",
                description="Using devices, systems and information safely.",
                capabilities=[
                    CapabilityData(
                        identifier=uid("DL.1"),
                        lineage=uid("DL.1", "lineage"),
                        code="DL.1",
                        title="Devices and systems",
                        levels=levels(
                            "DL.1",
                            "I can sign in to the systems I use at work, and lock my screen",
                            "I can set up a device, e.g. a tablet, for a clinic",
                            "I can show colleagues how to use a new system",
                            "I can choose systems for my team, and say why",
                        ),
                    ),
                    CapabilityData(
                        identifier=uid("DL.2"),
                        lineage=uid("DL.2"),
                        code="DL.2",
                        title="Working with data",
                        description="Spreadsheets, dashboards and reports.",
                        levels=levels(
                            "DL.2",
                            "I can read a dashboard",
                            "I can sort and filter a spreadsheet",
                            "I can write a formula such as =AVERAGE(B2:B9)",
                            "-I can design a report for the board; a dash starts this one",
                        ),
                    ),
                ],
            ),
            DomainData(
                identifier=uid("IG"),
                lineage=uid("IG"),
                code="IG",
                title="Information governance",
                capabilities=[
                    CapabilityData(
                        identifier=uid("IG.1"),
                        lineage=uid("IG.1"),
                        code="IG.1",
                        title="Data protection",
                        levels=levels(
                            "IG.1",
                            "I can say what “personal data” means",
                            'I can spot a "phishing" e-mail,\nand report it',
                            "I can carry out a data protection impact assessment",
                            "I can lead my organisation's response to a breach",
                        ),
                    ),
                    CapabilityData(
                        identifier=uid("IG.2"),
                        lineage=uid("IG.2"),
                        code="IG.2",
                        title="Emerging practice (levels to follow)",
                    ),
                ],
            ),
            DomainData(
                identifier=uid("RI"),
                lineage=uid("RI"),
                code="RI",
                title="Research and innovation",
                description="Capabilities to be agreed.",
            ),
        ],
    )


def test_the_example_round_trips_exactly() -> None:
    fw = example()
    text = export_csv(fw)
    back = import_csv(text, source=SOURCE)
    assert carried(back) == carried(fw)
    assert export_csv(back) == text


def test_export_writes_a_header_and_one_row_per_level_in_framework_order() -> None:
    text = export_csv(example())
    assert not text.startswith("\ufeff")
    assert text.endswith("\r\n")
    rows = table(text)
    assert tuple(rows[0]) == CSV_COLUMNS
    # DL.1 and DL.2 with four levels, IG.1 with four, IG.2 with none, RI with no capabilities.
    assert len(rows) == 1 + 4 + 4 + 4 + 1 + 1
    cells = [dict(zip(CSV_COLUMNS, row, strict=True)) for row in rows[1:]]
    assert [(c["capability_code"], c["level"]) for c in cells] == [
        *[("DL.1", str(n)) for n in range(1, 5)],
        *[("DL.2", str(n)) for n in range(1, 5)],
        *[("IG.1", str(n)) for n in range(1, 5)],
        ("IG.2", ""),
        ("", ""),
    ]
    first = cells[0]
    assert first["level_names"] == "Foundation | Intermediate | Advanced | Expert"
    assert first["framework_id"] == uid("framework")
    assert first["level_id"] == uid("DL.1", "1")
    assert first["domain_lineage"] == uid("DL", "lineage")
    assert cells[7]["statement"] == "'-I can design a report for the board; a dash starts this one"
    assert cells[9]["statement"] == 'I can spot a "phishing" e-mail,\nand report it'
    assert cells[12]["statement"] == cells[12]["level_id"] == ""
    assert cells[13]["domain_code"] == "RI"
    assert cells[13]["capability_id"] == ""


def test_no_exported_cell_starts_like_a_formula() -> None:
    for row in table(export_csv(example())):
        assert not any(cell.startswith(FORMULA_STARTS) for cell in row)


def test_an_import_is_a_draft_with_nothing_beyond_the_file() -> None:
    back = import_csv(export_csv(example()).encode("utf-8"))
    assert back.status == "draft"
    assert back.lineage == back.identifier
    assert back.extras == {}
    assert back.residual.is_empty()
    assert back.last_changed == back.previous == back.creator == ""


def test_a_byte_order_mark_is_accepted() -> None:
    text = export_csv(example())
    assert carried(import_csv(b"\xef\xbb\xbf" + text.encode("utf-8"))) == carried(example())
    assert carried(import_csv("\ufeff" + text)) == carried(example())


def test_level_names_that_cannot_be_written_are_refused() -> None:
    fw = example()
    fw.level_names = ["Foundation", "Advanced | Expert", " "]
    with pytest.raises(FrameworkFormatError) as caught:
        export_csv(fw)
    assert caught.value.problems == [
        'level_names: level 2\'s name "Advanced | Expert" contains "|", which separates names',
        "level_names: level 3's name is blank",
    ]


# Generated frameworks

TRICKY = [
    "=SUM(A1:A3)",
    "-1",
    "+44 20 7946 0000",
    "@mention",
    "'=already quoted",
    "'",
    "''-",
    "a, b, and c",
    'say "hello"',
    "two\nlines",
    "windows\r\nline",
    "carriage\rreturn",
    "tab\tinside",
    "Ça va? 日本語 🙂",
    "  padded inside  ".strip(),
]

texts = st.one_of(st.sampled_from(TRICKY), st.text(max_size=12)).map(str.strip)
required = texts.filter(bool)


@st.composite
def frameworks(draw: st.DrawFn) -> FrameworkData:
    salt = draw(st.integers(min_value=0, max_value=2**32))

    def ident(*path: str) -> str:
        return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{salt}/{'/'.join(path)}"))

    def lineage(*path: str) -> str:
        carried_over = draw(st.booleans())  # from an earlier version, so not the identifier
        return ident(*path, "lineage") if carried_over else ident(*path)

    scale = draw(st.lists(required.filter(lambda name: "|" not in name), max_size=4, unique=True))
    domain_codes = draw(st.lists(required, min_size=1, max_size=3, unique=True))
    capability_codes = iter(draw(st.lists(required, min_size=6, max_size=6, unique=True)))
    statements = st.one_of(required, st.just("I can " + "x" * 994))
    fw = FrameworkData(
        identifier=ident("framework"),
        lineage=ident("framework"),
        title=draw(required),
        version=draw(required),
        subject=draw(st.sampled_from(["person", "organisation"])),
        publisher=draw(texts),
        description=draw(texts),
        licence=draw(texts),
        licence_uri=draw(texts),
        level_names=scale,
    )
    for domain_code in domain_codes:
        domain = DomainData(
            identifier=ident("domain", domain_code),
            lineage=lineage("domain", domain_code),
            code=domain_code,
            title=draw(required),
            description=draw(texts),
        )
        for _ in range(draw(st.integers(min_value=0, max_value=2))):
            code = next(capability_codes)
            cap = CapabilityData(
                identifier=ident("cap", code),
                lineage=lineage("cap", code),
                code=code,
                title=draw(required),
                description=draw(texts),
            )
            with_levels = draw(st.booleans())
            if scale and with_levels:
                cap.levels = [
                    LevelData(number, draw(statements), ident("cap", code, str(number)))
                    for number in range(1, len(scale) + 1)
                ]
            domain.capabilities.append(cap)
        fw.domains.append(domain)
    return fw


@given(frameworks())
def test_generated_frameworks_round_trip_exactly(fw: FrameworkData) -> None:
    text = export_csv(fw)
    back = import_csv(text, source=SOURCE)
    assert carried(back) == carried(fw)
    assert export_csv(back) == text
    assert carried(import_csv(text.encode("utf-8"))) == carried(fw)


@given(st.text())
def test_the_formula_guard_is_undone_exactly(text: str) -> None:
    guarded = formula_guarded(text)
    assert not guarded.startswith(FORMULA_STARTS)
    assert formula_unguarded(guarded) == text


# Identifiers

NO_IDS = (
    "framework_title,framework_version,framework_subject,framework_publisher,framework_licence,"
    "framework_licence_uri,framework_description,level_names,domain_code,domain_title,"
    "domain_description,capability_code,capability_title,capability_description,level,statement,"
    "framework_id,domain_id,capability_id,level_id,domain_lineage,capability_lineage\n"
    "Digital skills,1.0,person,,,,,Basic | Advanced,DL,Data,,DL.1,Spreadsheets,,1,"
    "I can sort a table,,,,,,\n"
    "Digital skills,1.0,person,,,,,Basic | Advanced,DL,Data,,DL.1,Spreadsheets,,2,"
    "I can write a formula,,,,,,\n"
)


def identifiers(fw: FrameworkData) -> list[str]:
    return [
        fw.identifier,
        *(node for d in fw.domains for node in (d.identifier, d.lineage)),
        *(node for c in fw.capabilities() for node in (c.identifier, c.lineage)),
        *(level.identifier for _, level in fw.levels()),
    ]


def test_blank_identifiers_are_derived_the_same_way_every_time() -> None:
    first, second = import_csv(NO_IDS), import_csv(NO_IDS.encode("utf-8"))
    assert identifiers(first) == identifiers(second)
    assert first.identifier == derived_uuid("Digital skills", "1.0")
    domain, cap = first.domains[0], first.capabilities()[0]
    assert domain.identifier == domain.lineage == derived_uuid("Digital skills", "1.0", "DL")
    assert cap.identifier == cap.lineage == derived_uuid("Digital skills", "1.0", "DL.1")
    assert [level.identifier for level in cap.levels] == [
        derived_uuid("Digital skills", "1.0", "DL.1", "1"),
        derived_uuid("Digital skills", "1.0", "DL.1", "2"),
    ]
    # Another version of the same file is another set of nodes.
    other = import_csv(NO_IDS.replace(",1.0,", ",2.0,"))
    assert not set(identifiers(other)) & set(identifiers(first))


def test_the_id_and_lineage_columns_may_be_left_out() -> None:
    header, *rows = table(NO_IDS)
    kept = [row[:16] for row in (header, *rows)]
    out = io.StringIO()
    csv.writer(out).writerows(kept)
    assert identifiers(import_csv(out.getvalue())) == identifiers(import_csv(NO_IDS))


def test_given_identifiers_are_kept_in_lower_case_and_lineage_defaults_to_them() -> None:
    text = export_csv(example())
    upper = text.replace(uid("DL.1"), uid("DL.1").upper())
    fw = import_csv(upper)
    assert fw.capabilities()[0].identifier == uid("DL.1")
    assert fw.capabilities()[2].lineage == uid("IG.1")


# Validation, one rule at a time

FRAMEWORK = {
    "framework_title": "Digital skills",
    "framework_version": "1.0",
    "framework_subject": "person",
    "level_names": "Foundation | Advanced",
}
TITLES = {
    "DL": "Digital literacy",
    "IG": "Information governance",
    "DL.1": "Devices",
    "DL.2": "Data",
    "IG.1": "Data protection",
}


def row(capability: str, level: str, **cells: str) -> dict[str, str]:
    domain = capability.split(".")[0]
    return {
        **FRAMEWORK,
        "domain_code": domain,
        "domain_title": TITLES[domain],
        "capability_code": capability,
        "capability_title": TITLES[capability],
        "level": level,
        "statement": f"I can do {capability} at level {level}",
        **cells,
    }


def base() -> list[dict[str, str]]:
    """Sheet rows 2 to 7: DL.1, DL.2 and IG.1, each at levels 1 and 2."""
    return [row(code, level) for code in ("DL.1", "DL.2", "IG.1") for level in ("1", "2")]


def edited(number: int, **cells: str) -> list[dict[str, str]]:
    """The base rows with sheet row ``number`` changed."""
    rows = base()
    rows[number - 2].update(cells)
    return rows


def sheet(rows: list[dict[str, str]], columns: tuple[str, ...] = CSV_COLUMNS) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    writer.writerows([[r.get(column, "") for column in columns] for r in rows])
    return out.getvalue()


def problems(data: str | bytes) -> list[str]:
    with pytest.raises(FrameworkFormatError) as caught:
        import_csv(data, source=SOURCE)
    assert caught.value.problems
    return caught.value.problems


def test_the_base_sheet_imports() -> None:
    fw = import_csv(sheet(base()), source=SOURCE)
    assert [c.code for c in fw.capabilities()] == ["DL.1", "DL.2", "IG.1"]
    assert [d.code for d in fw.domains] == ["DL", "IG"]


def test_a_file_that_is_not_utf8() -> None:
    data = sheet(edited(3, statement="I can use the café wifi")).encode("cp1252")
    [problem] = problems(data)
    assert problem.startswith(f"{SOURCE}: not UTF-8 text (byte ")
    assert '"CSV UTF-8 (Comma delimited)"' in problem


def test_a_file_saved_as_utf16() -> None:
    [problem] = problems(sheet(base()).encode("utf-16"))
    assert problem.startswith(f"{SOURCE}: this is UTF-16 text, not UTF-8;")


@pytest.mark.parametrize("data", [b"", "", b"\xef\xbb\xbf", " \r\n\r\n"])
def test_an_empty_file(data: str | bytes) -> None:
    [problem] = problems(data)
    assert problem.startswith(f"{SOURCE}: the file is empty; its first row must be the header")


def test_a_header_with_no_rows() -> None:
    assert problems(sheet([])) == [
        f"{SOURCE}: no rows under the header; a framework needs at least one domain"
    ]


def test_a_first_row_that_is_not_a_header() -> None:
    [problem] = problems(sheet(base()).split("\r\n", 1)[1])
    assert problem.startswith(f"{SOURCE}: row 1: the first row must be the header naming")


def test_semicolons_instead_of_commas() -> None:
    text = ";".join(CSV_COLUMNS) + "\r\n"
    [problem] = problems(text)
    assert problem.startswith(f"{SOURCE}: row 1: the columns are separated by semicolons or tabs")


def test_a_missing_column() -> None:
    columns = tuple(c for c in CSV_COLUMNS if c != "statement")
    assert problems(sheet(base(), columns)) == [f'{SOURCE}: row 1: missing column "statement"']


def test_an_unknown_column() -> None:
    columns = tuple("Level" if c == "level" else c for c in CSV_COLUMNS)
    assert problems(sheet(base(), columns)) == [
        f'{SOURCE}: row 1, column O: unknown column "Level" (did you mean "level"?)',
        f'{SOURCE}: row 1: missing column "level"',
    ]


def test_a_duplicated_column() -> None:
    assert problems(sheet(base(), (*CSV_COLUMNS, "statement"))) == [
        f'{SOURCE}: row 1, column X: "statement" is also column P; each column appears once'
    ]


def test_columns_may_come_in_any_order_and_empty_ones_follow() -> None:
    columns = tuple(reversed(CSV_COLUMNS))
    text = sheet(base(), columns).replace("\r\n", ",,\r\n")
    assert carried(import_csv(text)) == carried(import_csv(sheet(base())))


def test_framework_columns_that_disagree_with_row_2() -> None:
    assert problems(sheet(edited(4, framework_version="1.1", level_names=""))) == [
        f'{SOURCE}: row 4, framework_version: "1.1", but row 2 has "1.0"; the framework '
        "columns are the same on every row",
        f'{SOURCE}: row 4, level_names: blank, but row 2 has "Foundation | Advanced"; the '
        "framework columns are the same on every row",
    ]


def test_an_unknown_subject() -> None:
    rows = [r | {"framework_subject": "team"} for r in base()]
    assert problems(sheet(rows)) == [
        f'{SOURCE}: row 2, framework_subject: must be "person" or "organisation", not "team"'
    ]


def test_blank_required_cells() -> None:
    rows = [r | {"framework_title": ""} for r in base()]
    rows[1]["domain_title"] = ""
    rows[3]["capability_code"] = ""
    rows[4]["statement"] = ""
    assert problems(sheet(rows)) == [
        f"{SOURCE}: row 2, framework_title: required",
        f"{SOURCE}: row 3, domain_title: required",
        f"{SOURCE}: row 5, capability_code: required",
        f"{SOURCE}: row 6, statement: required when level is given",
    ]


@pytest.mark.parametrize("level", ["two", "3", "0", "1.5", "-1", "１"])
def test_a_level_that_is_not_on_the_scale(level: str) -> None:
    assert problems(sheet(edited(3, level=level))) == [
        f"{SOURCE}: row 3, level: must be a whole number from 1 to 2 (the scale has 2 levels)"
    ]


def test_levels_with_no_scale() -> None:
    rows = [r | {"level_names": ""} for r in base()]
    assert problems(sheet(rows))[0] == (
        f"{SOURCE}: row 2, level: must be blank: level_names is blank, so the scale has no levels"
    )


def test_a_blank_level_name() -> None:
    rows = [r | {"level_names": "Foundation || Advanced"} for r in base()]
    assert problems(sheet(rows))[0] == (
        f'{SOURCE}: row 2, level_names: level 2\'s name is blank; separate the names with " | "'
    )


def test_a_level_given_twice() -> None:
    assert problems(sheet(edited(3, level="1"))) == [
        f'{SOURCE}: row 2, level: capability "DL.1" has no row for level 2; a capability with '
        "levels needs one row for each level from 1 to 2",
        f'{SOURCE}: row 3, level: capability "DL.1" already has level 1 in row 2',
    ]


def test_a_missing_level() -> None:
    rows = base()
    del rows[1]
    assert problems(sheet(rows)) == [
        f'{SOURCE}: row 2, level: capability "DL.1" has no row for level 2; a capability with '
        "levels needs one row for each level from 1 to 2"
    ]


def test_levels_out_of_order() -> None:
    rows = base()
    rows[0], rows[1] = rows[1], rows[0]
    assert problems(sheet(rows)) == [
        f'{SOURCE}: row 2, level: level 2 comes where level 1 should; put capability "DL.1"\'s '
        "levels in order from 1 to 2"
    ]


def test_a_blank_level_beside_other_levels() -> None:
    assert problems(sheet(edited(3, level="", statement=""))) == [
        f'{SOURCE}: row 2, level: capability "DL.1" has no row for level 2; a capability with '
        "levels needs one row for each level from 1 to 2",
        f'{SOURCE}: row 3, level: blank, but capability "DL.1" has other rows; a capability '
        "has either one row with level blank, or one row for each level from 1 to 2",
    ]


def test_a_statement_or_level_id_without_a_level() -> None:
    rows = [*base(), row("IG.1", "", capability_code="IG.2", level_id=uid("x"))]
    rows[-1]["capability_title"] = "Records"
    assert problems(sheet(rows)) == [
        f"{SOURCE}: row 8, level: blank, but the row has a statement; say which level it is",
        f"{SOURCE}: row 8, level_id: given, but level is blank",
    ]


def test_a_code_with_two_titles() -> None:
    rows = edited(3, capability_title="Devices and systems")
    rows[2]["domain_title"] = "Digital"
    assert problems(sheet(rows)) == [
        f'{SOURCE}: row 3, capability_title: "Devices and systems", but row 2 has "Devices" for '
        'capability "DL.1"; every row of it must say the same',
        f'{SOURCE}: row 4, domain_title: "Digital", but row 2 has "Digital literacy" for domain '
        '"DL"; every row of it must say the same',
    ]


def test_a_domain_with_two_identifiers() -> None:
    rows = base()
    rows[0]["domain_id"] = uid("DL")
    rows[1]["domain_id"] = uid("DL", "again")
    assert problems(sheet(rows))[0] == (
        f'{SOURCE}: row 3, domain_id: "{uid("DL", "again")}", but row 2 has '
        f'"{uid("DL")}" for domain "DL"; every row of it must say the same'
    )


def test_a_capability_under_two_domains() -> None:
    rows = base()
    for moved in rows[4:]:
        moved["capability_code"] = "DL.1"
    assert problems(sheet(rows)) == [
        f'{SOURCE}: row 6, capability_code: capability "DL.1" is under domain "DL" in row 2; a '
        "capability belongs to one domain"
    ]


def test_capability_rows_apart() -> None:
    rows = base()
    rows[1], rows[2] = rows[2], rows[1]
    assert problems(sheet(rows)) == [
        f'{SOURCE}: row 4, capability_code: capability "DL.1" is also in row 2, with other rows '
        "between; keep each capability's rows together",
        f'{SOURCE}: row 5, capability_code: capability "DL.2" is also in row 3, with other rows '
        "between; keep each capability's rows together",
    ]


def test_domain_rows_apart() -> None:
    rows = base()
    rows[2:] = rows[4:] + rows[2:4]
    assert problems(sheet(rows)) == [
        f'{SOURCE}: row 6, domain_code: domain "DL" is also in row 3, with other domains\' rows '
        "between; keep each domain's rows together"
    ]


def test_a_domain_with_no_capabilities_has_one_row() -> None:
    empty = {**FRAMEWORK, "domain_code": "RI", "domain_title": "Research"}
    fw = import_csv(sheet([*base(), empty]))
    assert [(d.code, len(d.capabilities)) for d in fw.domains] == [("DL", 2), ("IG", 1), ("RI", 0)]
    assert problems(sheet([*base(), empty | {"domain_code": "IG", "domain_title": TITLES["IG"]}]))
    assert problems(sheet([*base(), empty | {"domain_code": "IG"}]))[-1] == (
        f'{SOURCE}: row 8, capability_code: blank, but domain "IG" has capabilities in other '
        "rows; a row with no capability is only for a domain that has none"
    )


def test_identifiers_that_are_not_uuids() -> None:
    assert problems(sheet(edited(3, level_id="1234", capability_lineage="DL.1"))) == [
        f'{SOURCE}: row 3, level_id: "1234" is not a UUID (like '
        "123e4567-e89b-42d3-a456-426614174000); leave it blank for a new identifier",
        f'{SOURCE}: row 3, capability_lineage: "DL.1" is not a UUID (like '
        "123e4567-e89b-42d3-a456-426614174000); leave it blank for a new identifier",
    ]


def test_an_identifier_used_twice() -> None:
    rows = base()
    for r in rows[4:]:
        r["capability_id"] = uid("shared")
    for r in rows[:2]:
        r["capability_id"] = uid("shared")
    rows[3]["level_id"] = rows[1]["level_id"] = uid("level")
    assert problems(sheet(rows)) == [
        f"{SOURCE}: row 5, level_id: the same identifier as level_id in row 3; every domain, "
        "capability and level has its own",
        f"{SOURCE}: row 6, capability_id: the same identifier as capability_id in row 2; every "
        "domain, capability and level has its own",
    ]


def test_a_derived_identifier_that_repeats_another() -> None:
    rows = base()
    for r in rows[4:]:
        r["capability_code"] = "IG"
    problem = problems(sheet(rows))[0]
    assert problem.startswith(
        f"{SOURCE}: row 6, capability_id: the same identifier as domain_id in row 6 (made from "
        "framework_title, framework_version and the code"
    )


def test_a_lineage_used_twice() -> None:
    rows = base()
    for r in rows[2:4]:
        r["capability_lineage"] = uid("old")
    for r in rows[4:]:
        r["capability_lineage"] = uid("old")
    assert problems(sheet(rows)) == [
        f"{SOURCE}: row 6, capability_lineage: the same lineage as the capability in row 4; two "
        "capabilities of one version cannot continue the same one"
    ]


def test_a_statement_that_is_too_long() -> None:
    assert problems(sheet(edited(3, statement="I can " + "x" * 995))) == [
        f"{SOURCE}: row 3, statement: 1,001 characters; a statement has at most 1,000"
    ]
    import_csv(sheet(edited(3, statement="I can " + "x" * 994)))


def test_rows_with_the_wrong_number_of_cells() -> None:
    lines = sheet(base()).split("\r\n")
    lines[2] = lines[2].rsplit(",", 1)[0]
    lines[3] += ",extra"
    lines[4] += ",,,"  # empty cells past the table are how some spreadsheets save
    assert problems("\r\n".join(lines)) == [
        f"{SOURCE}: row 3: has 22 cells, but the header has 23; check for a missing or extra comma",
        f"{SOURCE}: row 4: has 24 cells, but the header has 23; check for a missing or extra comma",
    ]


def test_a_quote_mark_that_is_never_closed() -> None:
    text = sheet(base()).replace("I can do DL.2 at level 1", '"I can do DL.2 at level 1')
    assert problems(text) == [
        f"{SOURCE}: row 4: cannot be read as CSV (unexpected end of data); look for a quote mark "
        "that is not closed, or text straight after a closing quote"
    ]


def test_blank_rows_are_ignored_and_do_not_shift_row_numbers() -> None:
    rows = base()
    text = sheet(rows[:2]) + ",,,\r\n\r\n" + sheet(rows[2:]).split("\r\n", 1)[1]
    import_csv(text)
    broken = sheet(rows[:2]) + ",,,\r\n\r\n" + sheet(edited(4, level="x")[2:]).split("\r\n", 1)[1]
    assert problems(broken) == [
        f"{SOURCE}: row 6, level: must be a whole number from 1 to 2 (the scale has 2 levels)"
    ]


def test_every_problem_is_reported_in_sheet_order() -> None:
    rows = base()
    rows[4]["level"] = "9"
    rows[0]["framework_subject"] = "people"
    rows[2]["capability_id"] = "x"
    found = problems(sheet(rows))
    assert [p.split(":")[1] for p in found] == [
        " row 2, framework_subject",
        " row 3, framework_subject",
        " row 4, framework_subject",
        " row 4, capability_id",
        " row 5, framework_subject",
        " row 6, framework_subject",
        " row 6, level",
        " row 7, framework_subject",
    ]
    with pytest.raises(FrameworkFormatError) as caught:
        import_csv(sheet(rows), source=SOURCE)
    assert str(caught.value).endswith(" …")


# Files broken at random

VALUES = [
    "",
    " ",
    "0",
    "1",
    "2",
    "9",
    "-1",
    "x",
    "DL",
    "DL.1",
    "IG.1",
    "person",
    "organisation",
    "A | B",
    "'=1",
    "=1",
    '"',
    "\n",
    uid("DL.1"),
    uid("IG"),
    "I can " + "x" * 1000,
]
values = st.one_of(st.sampled_from(VALUES), st.text(max_size=8))
EXAMPLE_ROWS = table(export_csv(example()))


def attempt(data: str | bytes) -> None:
    """Import ``data``; a bad file may only raise FrameworkFormatError, with real messages."""
    try:
        import_csv(data, source=SOURCE)
    except FrameworkFormatError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.startswith(f"{SOURCE}: ")
            assert problem.removeprefix(f"{SOURCE}: ").strip()


def written(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue()


@given(st.binary(max_size=400))
def test_random_bytes(data: bytes) -> None:
    attempt(data)
    attempt(export_csv(example()).encode("utf-8")[: len(data)] + data)


@given(st.text(alphabet=st.sampled_from(",\"\r\n'=abc1|-\t\ufeff"), max_size=200))
def test_random_text_made_of_csv_punctuation(text: str) -> None:
    attempt(text)
    attempt(written(EXAMPLE_ROWS[:1]) + text)


@given(
    st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=len(EXAMPLE_ROWS) - 1),
            st.integers(min_value=0, max_value=len(CSV_COLUMNS) - 1),
            values,
        ),
        min_size=1,
        max_size=6,
    )
)
def test_random_cell_edits(edits: list[tuple[int, int, str]]) -> None:
    rows = [list(r) for r in EXAMPLE_ROWS]
    for row_index, column, value in edits:
        rows[row_index][column] = value
    attempt(written(rows))


@given(st.permutations(EXAMPLE_ROWS[1:]))
def test_shuffled_rows(rows: list[list[str]]) -> None:
    attempt(written([EXAMPLE_ROWS[0], *rows]))


@given(st.sets(st.integers(min_value=0, max_value=len(CSV_COLUMNS) - 1), min_size=1))
def test_dropped_columns(dropped: set[int]) -> None:
    kept = [[cell for i, cell in enumerate(r) if i not in dropped] for r in EXAMPLE_ROWS]
    attempt(written(kept))


@given(
    st.lists(st.integers(min_value=0, max_value=len(EXAMPLE_ROWS) - 1), max_size=20),
    st.lists(st.integers(min_value=0, max_value=30), max_size=4),
)
def test_rows_dropped_repeated_or_cut_short(picks: list[int], cuts: list[int]) -> None:
    rows = [list(EXAMPLE_ROWS[i]) for i in picks]
    for index, cut in enumerate(cuts):
        if index < len(rows):
            rows[index] = rows[index][:cut]
    attempt(written(rows))
    attempt(written([EXAMPLE_ROWS[0], *rows]))
