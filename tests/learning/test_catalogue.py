"""Reading and writing the catalogue CSV: every problem found at once, and a lossless round trip."""

import doctest
import uuid
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from digiready.learning import catalogue, presenters
from digiready.learning.catalogue import (
    COLUMNS,
    FORMATS,
    CapabilityRef,
    CatalogueFormatError,
    CoverageRecord,
    FrameworkIndex,
    ResourceRecord,
    read_catalogue,
    write_catalogue,
)
from digiready.learning.models import Format

HEADER = ",".join(COLUMNS)
GOOD = (
    "Becoming a digital champion,NHS Learning Hub,https://learninghub.nhs.uk/,"
    '"What a champion does, and how.",e-learning,45,0,digital-ready,DL.1;DL.2,1-2'
)


def _ref(code: str, domain: str) -> CapabilityRef:
    return CapabilityRef(
        code, uuid.uuid5(uuid.NAMESPACE_URL, code), uuid.uuid5(uuid.NAMESPACE_URL, domain)
    )


INDEX = {
    "digital-ready": FrameworkIndex(
        "digital-ready",
        4,
        {code: _ref(code, code.split(".")[0]) for code in ("DL.1", "DL.2", "AI.1", "AI.2")},
    ),
    "organisational-maturity": FrameworkIndex(
        "organisational-maturity", 5, {"WL.1": _ref("WL.1", "WL")}
    ),
}


def read(*rows: str, header: str = HEADER) -> list[ResourceRecord]:
    return read_catalogue("\n".join([header, *rows]) + "\n", INDEX, source="catalogue.csv")


def problems(*rows: str, header: str = HEADER) -> list[str]:
    with pytest.raises(CatalogueFormatError) as caught:
        read(*rows, header=header)
    return caught.value.problems


def row(**changes: str) -> str:
    """GOOD with some cells changed."""
    cells = {
        "title": "Becoming a digital champion",
        "provider": "NHS Learning Hub",
        "url": "https://learninghub.nhs.uk/",
        "description": "What a champion does.",
        "format": "e-learning",
        "duration_minutes": "45",
        "cost_pounds": "0",
        "framework": "digital-ready",
        "capabilities": "DL.1;DL.2",
        "levels": "1-2",
    } | changes
    return ",".join(f'"{cells[column]}"' for column in COLUMNS)


def test_a_good_row_reads_into_a_typed_record_with_coverage_by_lineage() -> None:
    [resource] = read(GOOD)
    assert resource.title == "Becoming a digital champion"
    assert resource.description == "What a champion does, and how."
    assert resource.duration_minutes == 45
    assert resource.cost_pounds == Decimal(0)
    assert resource.is_free
    assert [(c.code, c.level_from, c.level_to) for c in resource.coverage] == [
        ("DL.1", 1, 2),
        ("DL.2", 1, 2),
    ]
    dl1 = INDEX["digital-ready"].capabilities["DL.1"]
    assert resource.coverage[0].capability == dl1.lineage
    assert resource.coverage[0].domain == dl1.domain
    assert resource.rows == [2]


def test_a_resource_on_several_rows_gathers_what_it_covers() -> None:
    [resource] = read(
        row(capabilities="DL.1", levels="1"),
        row(capabilities="DL.2", levels="3-4"),
        row(framework="organisational-maturity", capabilities="WL.1", levels="5"),
    )
    assert [(c.framework, c.code, c.level_from, c.level_to) for c in resource.coverage] == [
        ("digital-ready", "DL.1", 1, 1),
        ("digital-ready", "DL.2", 3, 4),
        ("organisational-maturity", "WL.1", 5, 5),
    ]
    assert resource.rows == [2, 3, 4]


def test_blank_coverage_columns_give_a_resource_that_covers_nothing_yet() -> None:
    [resource] = read(row(framework="", capabilities="", levels=""))
    assert resource.coverage == []


@pytest.mark.parametrize(
    ("cell", "read_as"),
    [
        ({"levels": "2"}, (2, 2)),
        ({"levels": "1–3"}, (1, 3)),
        ({"levels": "2 to 4"}, (2, 4)),
        ({"cost_pounds": "£1,200"}, Decimal(1200)),
        ({"cost_pounds": "Free"}, Decimal(0)),
        ({"cost_pounds": "49.50"}, Decimal("49.50")),
        ({"format": "Guide or toolkit"}, "guide"),
        ({"format": "VIDEO"}, "video"),
        ({"capabilities": "dl.1; DL.2;"}, ("DL.1", "DL.2")),
    ],
)
def test_cells_are_read_the_way_people_write_them(cell: dict[str, str], read_as: object) -> None:
    [resource] = read(row(**cell))
    column = next(iter(cell))
    if column == "levels":
        found: object = (resource.coverage[0].level_from, resource.coverage[0].level_to)
    elif column == "capabilities":
        found = tuple(c.code for c in resource.coverage)
    else:
        found = getattr(resource, column)
    assert found == read_as


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        pytest.param(
            [row(levels="1-5")],
            "catalogue.csv, row 2, levels: digital-ready has levels 1 to 4, so level 5 does not "
            "exist",
            id="level beyond the scale",
        ),
        pytest.param(
            [row(levels="3-1")], "row 2, levels: 3-1 runs backwards", id="backwards range"
        ),
        pytest.param([row(levels="0")], "row 2, levels: levels start at 1", id="level zero"),
        pytest.param(
            [row(levels="two")], 'row 2, levels: "two" is not a level', id="level in words"
        ),
        pytest.param(
            [row(framework="digital-capability")],
            'row 2, framework: no framework "digital-capability" (did you mean "digital-ready"?)',
            id="unknown framework",
        ),
        pytest.param(
            [row(capabilities="DL.1;DL.9;XX.1")],
            "row 2, capabilities: digital-ready has no capability DL.9 or XX.1",
            id="unknown capability code",
        ),
        pytest.param(
            [row(capabilities="DL.1;DL.1")],
            "row 2, capabilities: DL.1 listed more than once",
            id="code twice in a row",
        ),
        pytest.param(
            [row(url="learninghub.nhs.uk")],
            'row 2, url: "learninghub.nhs.uk" is not a web address; it must start https://',
            id="address without a scheme",
        ),
        pytest.param([row(url="https://learning hub/")], "row 2, url:", id="address with a space"),
        pytest.param([row(url="https://intranet/")], "has no site name", id="address no dot"),
        pytest.param([row(url="")], "row 2, url: enter the web address", id="no address"),
        pytest.param(
            [row(duration_minutes="-30")],
            "row 2, duration_minutes: -30 is negative",
            id="negative duration",
        ),
        pytest.param(
            [row(duration_minutes="0")],
            "row 2, duration_minutes: must be at least 1 minute",
            id="zero duration",
        ),
        pytest.param(
            [row(duration_minutes="1.5 hours")],
            'row 2, duration_minutes: "1.5 hours" is not a whole number of minutes',
            id="duration in words",
        ),
        pytest.param(
            [row(cost_pounds="-5")], "row 2, cost_pounds: -5 is negative", id="negative cost"
        ),
        pytest.param([row(cost_pounds="")], "row 2, cost_pounds: enter the cost", id="no cost"),
        pytest.param(
            [row(format="lecture")],
            'row 2, format: "lecture" is not a format; use one of e-learning, video',
            id="unknown format",
        ),
        pytest.param([row(title="")], "row 2, title: enter the title", id="no title"),
        pytest.param([row(title="x" * 301)], "row 2, title: 301 characters", id="title too long"),
        pytest.param(
            [row(levels="")],
            "row 2, levels: enter the levels too, or leave framework, capabilities and levels "
            "all blank",
            id="coverage without levels",
        ),
        pytest.param(
            [GOOD, GOOD], "row 3: repeats row 2 exactly; remove one of them", id="duplicate row"
        ),
        pytest.param(
            [row(levels="1"), row(capabilities="DL.2", levels="2")],
            "row 3, capabilities: DL.2 already covered for this resource",
            id="capability twice for one resource",
        ),
        pytest.param(
            [row(), row(capabilities="AI.1", cost_pounds="20")],
            "row 3, cost_pounds: differs from row 2, which has the same title and url",
            id="details differ between rows",
        ),
        pytest.param(
            [GOOD + ",extra"], "row 2: has 11 cells, but the header has 10", id="extra cell"
        ),
    ],
)
def test_a_bad_row_is_refused_with_file_row_column_and_why(rows: list[str], expected: str) -> None:
    found = problems(*rows)
    assert any(expected in problem for problem in found), found


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(b"", "catalogue.csv: the file is empty", id="empty"),
        pytest.param(b"  \r\n ", "catalogue.csv: the file is empty", id="only spaces"),
        pytest.param(
            (HEADER + "\nCaf\xe9,x\n").encode("latin-1"),
            "catalogue.csv: not UTF-8 text (byte",
            id="not UTF-8",
        ),
        pytest.param(
            (HEADER + "\n").encode("utf-16"), "this is UTF-16 text, not UTF-8", id="UTF-16"
        ),
        pytest.param(
            (HEADER + "\n").encode(),
            "catalogue.csv, row 2: there are no rows under the header",
            id="header only",
        ),
        pytest.param(
            HEADER.replace(",", ";").encode() + b"\n",
            "catalogue.csv, row 1: the columns are separated by semicolons",
            id="semicolons",
        ),
        pytest.param(
            b"name,link\nA,B\n",
            "catalogue.csv, row 1: the first row must be the header",
            id="no known columns",
        ),
        pytest.param(
            HEADER.replace(",levels", "").encode() + b"\n",
            'catalogue.csv, row 1: missing column "levels"',
            id="missing column",
        ),
        pytest.param(
            HEADER.replace("provider", "provder").encode() + b"\n",
            'unknown column "provder" (did you mean "provider"?)',
            id="misspelt column",
        ),
        pytest.param(
            (HEADER + ',"unterminated\n').encode(),
            "look for a quote mark that is not closed",
            id="open quote",
        ),
    ],
)
def test_a_bad_file_is_refused_with_why(data: bytes, expected: str) -> None:
    with pytest.raises(CatalogueFormatError) as caught:
        read_catalogue(data, INDEX, source="catalogue.csv")
    assert any(expected in problem for problem in caught.value.problems), caught.value.problems


def test_every_problem_in_the_file_is_listed_at_once_in_sheet_order() -> None:
    found = problems(
        row(title="Fine", levels="2"),
        row(title="Second", duration_minutes="-1", levels="9"),
        row(title="Third", framework="nope"),
        row(title="Fourth", url="ftp://example.org/"),
    )
    assert len(found) == 4
    assert [problem.split(",")[1].strip() for problem in found] == [
        "row 3",
        "row 3",
        "row 4",
        "row 5",
    ]
    assert "duration_minutes" in found[0]
    assert "levels" in found[1]


def test_a_byte_order_mark_and_blank_rows_are_ignored() -> None:
    data = ("\ufeff" + HEADER + "\n\n" + GOOD + "\n,,,,,,,,,\n").encode()
    assert len(read_catalogue(data, INDEX)) == 1


def test_formula_looking_cells_survive_a_round_trip_without_becoming_formulas() -> None:
    [resource] = read(row(title="=HYPERLINK(1)", description="+44 helpline"))
    text = write_catalogue([resource])
    assert "'=HYPERLINK(1)" in text
    assert read_catalogue(text, INDEX)[0].title == "=HYPERLINK(1)"


def test_the_csv_formats_are_the_models_formats() -> None:
    assert dict(Format.choices) == FORMATS


def test_the_doctests_hold() -> None:
    assert doctest.testmod(catalogue).failed == 0
    assert doctest.testmod(presenters).failed == 0


# Round trip ---------------------------------------------------------------------------------

text = (
    st.text(
        alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")),
        min_size=1,
        max_size=40,
    )
    .map(str.strip)
    .filter(bool)
)


@st.composite
def resources(draw: st.DrawFn) -> ResourceRecord:
    framework = draw(st.sampled_from(sorted(INDEX)))
    index = INDEX[framework]
    codes = draw(st.lists(st.sampled_from(sorted(index.capabilities)), unique=True, max_size=3))
    low = draw(st.integers(1, index.level_count))
    high = draw(st.integers(low, index.level_count))
    return ResourceRecord(
        title=draw(text),
        provider=draw(text),
        url="https://" + draw(st.sampled_from(["www.e-lfh.org.uk/", "learninghub.nhs.uk/x?a=1"])),
        description=draw(st.one_of(st.just(""), text)),
        format=draw(st.sampled_from(sorted(FORMATS))),
        duration_minutes=draw(st.integers(1, 100_000)),
        cost_pounds=Decimal(draw(st.integers(0, 99_999_99))) / 100,
        coverage=[
            CoverageRecord(
                framework,
                code,
                index.capabilities[code].lineage,
                index.capabilities[code].domain,
                low,
                high,
            )
            for code in codes
        ],
    )


@settings(max_examples=60, deadline=None)
@given(st.lists(resources(), max_size=6, unique_by=lambda r: (r.title, r.url)))
def test_writing_then_reading_gives_back_the_same_resources(
    records: list[ResourceRecord],
) -> None:
    if not records:
        return
    back = read_catalogue(write_catalogue(records), INDEX)
    assert [(r.key, r.provider, r.description, r.format) for r in back] == [
        (r.key, r.provider, r.description, r.format) for r in records
    ]
    assert [(r.duration_minutes, r.cost_pounds) for r in back] == [
        (r.duration_minutes, r.cost_pounds) for r in records
    ]
    assert [set(r.coverage) for r in back] == [set(r.coverage) for r in records]
