"""Reading, storing and totalling workforce frames: every problem found at once, nothing stored
from a bad file, a lossless round trip, and totals that follow the hierarchy on the frame's date."""

import datetime as dt
import doctest
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from digiready.accounts.professions import PROFESSIONS, STAFF_GROUPS
from digiready.organisations import workforce, workforce_store
from digiready.organisations.changes import merge
from digiready.organisations.demographics import AGE_BANDS, BAND_GROUPS, SEXES
from digiready.organisations.models import (
    Organisation,
    OrganisationLink,
    WorkforceCell,
    WorkforceSnapshot,
)
from digiready.organisations.workforce import (
    COLUMNS,
    CellRecord,
    WorkforceFormatError,
    read_frame,
    write_frame,
)
from digiready.organisations.workforce_store import (
    export_frame,
    frame_totals,
    import_frame,
    latest_snapshot,
)

KNOWN = {"R0A", "RBS", "RX4", "RJ1"}
HEADER = "organisation_code,staff_group,profession,headcount,fte"
GOOD = [
    "R0A,doctors,,4215,3987.4",
    "R0A,nurses,nurse,7712,6954.2",
    "R0A,nurses,health_visitor,186,162.8",
    "RBS,st_t_ahp,physiotherapist,96,84.6",
    "RX4,nurses,nurse,2150,1978.4",
]
AS_OF = dt.date(2026, 3, 31)


def csv_bytes(*rows: str, header: str = HEADER) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode()


def read(*rows: str, header: str = HEADER) -> list[CellRecord]:
    return read_frame(csv_bytes(*rows, header=header), KNOWN, source="workforce.csv")


def problems(*rows: str, header: str = HEADER) -> list[str]:
    return problems_in(csv_bytes(*rows, header=header))


def problems_in(data: bytes, **options: int) -> list[str]:
    with pytest.raises(WorkforceFormatError) as caught:
        read_frame(data, KNOWN, source="workforce.csv", **options)
    return caught.value.problems


def test_the_examples_in_the_modules_hold() -> None:
    assert doctest.testmod(workforce).failed == 0
    assert doctest.testmod(workforce_store).failed == 0


# Reading good files ----------------------------------------------------------------------------


def test_a_frame_reads_into_typed_cells_in_file_order() -> None:
    cells = read(*GOOD)
    assert [cell.key for cell in cells][:2] == [
        ("R0A", "doctors", "", "", "", ""),
        ("R0A", "nurses", "nurse", "", "", ""),
    ]
    assert [(cell.row, cell.headcount, cell.fte) for cell in cells][1] == (3, 7712, 6954.2)
    assert sum(cell.headcount for cell in cells) == 4215 + 7712 + 186 + 96 + 2150


def test_nws_column_spellings_are_read_whatever_their_case() -> None:
    header = "Org code,Staff Group,Occupation,Age band,Gender,HC,Full-time equivalent,Org name"
    [cell] = read("r0a,Nurses,Nurses,25-34,F,12,10.5,Manchester University", header=header)
    assert cell.key == ("R0A", "nurses", "nurse", "", "25_34", "female")
    assert (cell.headcount, cell.fte) == (12, 10.5)
    header = "ORGANISATION CODE,staff group,Headcount,FTE"
    [cell] = read("RBS,central functions,820,768", header=header)
    assert (cell.organisation_code, cell.staff_group, cell.headcount) == ("RBS", "central", 820)


@pytest.mark.parametrize(
    ("given", "code"),
    [
        ("HCHS doctors", "doctors"),
        ("Nurses & health visitors", "nurses"),
        ("NURSES AND HEALTH VISITORS", "nurses"),
        ("Midwives", "midwives"),
        ("Ambulance staff", "ambulance"),
        ("Allied health professionals", "st_t_ahp"),
        ("Healthcare scientists", "st_t_hcs"),
        ("Other ST&T staff", "st_t_other"),
        ("Support to doctors, nurses & midwives", "support_clinical"),
        ("Support to ambulance staff", "support_ambulance"),
        ("Support to ST&T staff", "support_st_t"),
        ("Central functions", "central"),
        ("Hotel, property & estates", "estates"),
        ("Senior managers", "senior_managers"),
        ("Managers", "managers"),
        ("Other staff or those with unknown classification", "other"),
        ("st_t_ahp", "st_t_ahp"),
        ("Scientific, therapeutic and technical staff: allied health professionals", "st_t_ahp"),
    ],
)
def test_staff_groups_are_read_by_nws_name_our_name_or_code(given: str, code: str) -> None:
    [cell] = read(f'R0A,"{given}",,10,')
    assert cell.staff_group == code


def test_every_staff_group_and_profession_reads_by_its_own_name() -> None:
    rows = [f'R0A,"{group.name}",,10,' for group in STAFF_GROUPS]
    rows += [f'RBS,{p.staff_group},"{p.name}",10,' for p in PROFESSIONS]
    cells = read(*rows)
    assert [cell.staff_group for cell in cells[: len(STAFF_GROUPS)]] == [
        group.code for group in STAFF_GROUPS
    ]
    assert [cell.profession for cell in cells[len(STAFF_GROUPS) :]] == [p.code for p in PROFESSIONS]


def test_band_groups_age_bands_and_sexes_read_by_code_name_or_common_spelling() -> None:
    header = "organisation_code,staff_group,band_group,age_band,sex,headcount"
    cells = read(
        "R0A,nurses,Bands 5 and 6,55+,Female,10",
        "R0A,nurses,band_5_6,<25,male,10",
        "R0A,nurses,Band 8a+,45-54,M,10",
        "R0A,doctors,Medical and other pay scales,35 to 44,f,10",
        header=header,
    )
    assert [cell.key[3:] for cell in cells] == [
        ("band_5_6", "55_plus", "female"),
        ("band_5_6", "under_25", "male"),
        ("band_8_plus", "45_54", "male"),
        ("medical_other", "35_44", "female"),
    ]


def test_a_byte_order_mark_crlf_and_thousands_separators_are_read() -> None:
    data = b"\xef\xbb\xbf" + csv_bytes('R0A,nurses,nurse,"7,712","6,954.25"').replace(
        b"\n", b"\r\n"
    )
    [cell] = read_frame(data, KNOWN)
    assert (cell.organisation_code, cell.headcount, cell.fte) == ("R0A", 7712, 6954.25)


def test_blank_rows_trailing_empty_columns_and_nws_information_columns_are_ignored() -> None:
    header = "Period,Org code,Org name,NHSE region name,Staff group,HC,,"
    cells = read(
        "2026-03,R0A,Manchester University NHS FT,North West,HCHS doctors,4215,,",
        ",,,,,,,",
        "2026-03,RBS,Alder Hey,North West,Nurses,1630",
        header=header,
    )
    assert [(cell.organisation_code, cell.headcount) for cell in cells] == [
        ("R0A", 4215),
        ("RBS", 1630),
    ]


def test_a_frame_may_split_some_staff_groups_by_profession_and_not_others() -> None:
    cells = read("R0A,nurses,nurse,10,", "R0A,nurses,health_visitor,3,", "R0A,managers,,4,")
    assert len(cells) == 3


# Reading bad files -------------------------------------------------------------------------------


def test_a_negative_headcount_is_reported_with_file_row_and_column() -> None:
    rows = [f"R0A,st_t_ahp,{p.code},10," for p in PROFESSIONS if p.staff_group == "st_t_ahp"]
    rows += ["R0A,managers,,4,", "RBS,nurses,nurse,-3,", "RBS,managers,,2,"]
    assert rows.index("RBS,nurses,nurse,-3,") == 15  # the header is row 1, so this is row 17
    assert problems(*rows) == [
        'workforce.csv, row 17, headcount: "-3" is not a whole number of people'
    ]


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ("R0A,nurses,,twelve,", 'headcount: "twelve" is not a whole number of people'),
        ("R0A,nurses,,12.5,", 'headcount: "12.5" is not a whole number of people'),
        ('R0A,nurses,,"1,23",', 'headcount: "1,23" is not a whole number of people'),
        ("R0A,nurses,,,", "headcount: enter the headcount, a whole number of people"),
        ("R0A,nurses,,3000000,", "headcount: 3,000,000 is more people than the whole NHS"),
        ("R0A,nurses,,10,12", "fte: 12 is more than the headcount, 10; each person works"),
        ("R0A,nurses,,10,-1.5", 'fte: "-1.5" is negative; a full-time equivalent is 0 or more'),
        ("R0A,nurses,,10,lots", 'fte: "lots" is not a number of full-time equivalents'),
        ("R0A,nurses,,10,nan", 'fte: "nan" is not a number of full-time equivalents'),
        ("RZZ,nurses,,10,", 'organisation_code: no organisation has the ODS code "RZZ"'),
        (
            "Manchester University,nurses,,10,",
            'organisation_code: no organisation has the ODS code "Manchester University"; '
            "give the ODS code, not the name",
        ),
        (",nurses,,10,", "organisation_code: enter the organisation's ODS code, like R0A"),
        ("R0A,nursez,,10,", 'staff_group: "nursez" is not a staff group; use one of doctors,'),
        ("R0A,,,10,", "staff_group: enter the staff group"),
        ("R0A,Total,,10,", 'staff_group: "Total" is a total; remove total rows'),
        (
            "R0A,Professionally qualified clinical staff,,10,",
            'staff_group: "Professionally qualified clinical staff" is a heading over several',
        ),
        (
            'R0A,"Scientific, therapeutic & technical staff",,10,',
            'staff_group: "Scientific, therapeutic & technical staff" covers three staff '
            "groups; give st_t_ahp",
        ),
        ("R0A,nurses,astronaut,10,", 'profession: "astronaut" is not a profession'),
        (
            "R0A,nurses,physiotherapist,10,",
            "profession: physiotherapist is in the staff group st_t_ahp, not nurses",
        ),
    ],
)
def test_a_bad_cell_is_reported_with_its_row_column_and_reason(row: str, expected: str) -> None:
    [problem] = problems(row)
    assert problem.startswith(f"workforce.csv, row 2, {expected}")


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        ("band_group", "Band 5", '"Band 5" is one band; add the bands in each band group together'),
        ("band_group", "Bands 1 to 9", '"Bands 1 to 9" is not a band group; use one of band_2_4'),
        ("age_band", "25-29", '"25-29" is not an age band; add narrower bands together'),
        ("sex", "unknown", '"unknown" is not a sex; use female or male'),
    ],
)
def test_unknown_breakdowns_are_reported(column: str, value: str, expected: str) -> None:
    [problem] = problems(
        f"R0A,nurses,{value},10", header=f"organisation_code,staff_group,{column},headcount"
    )
    assert problem.startswith(f"workforce.csv, row 2, {column}: {expected}")


def test_the_problem_names_the_column_as_the_file_does() -> None:
    [problem] = problems("R0A,nurses,-3", header="Org code,Staff group,HC")
    assert problem == 'workforce.csv, row 2, HC: "-3" is not a whole number of people'


def test_a_duplicate_cell_is_reported_even_when_spelled_differently() -> None:
    assert problems("R0A,nurses,nurse,10,", "r0a,Nurses & health visitors,Nurses,4,") == [
        "workforce.csv, row 3: the same cell as row 2 (R0A, nurses, nurse); each cell appears "
        "once, so add the headcounts together"
    ]


def test_a_staff_group_cannot_be_both_whole_and_split_by_profession() -> None:
    found = problems(
        "R0A,nurses,,100,", "R0A,nurses,nurse,90,", "RBS,nurses,nurse,5,", "RBS,nurses,,6,"
    )
    assert found == [
        "workforce.csv, row 3, profession: row 2 is the whole of nurses at R0A, this profession "
        "included; give the staff group as one row or split it by profession, not both",
        "workforce.csv, row 5, profession: blank means all of nurses at RBS, but row 4 gives one "
        "of its professions; give the staff group as one row or split it by profession, not both",
    ]


def test_a_breakdown_must_be_given_on_every_row_or_on_none() -> None:
    header = "organisation_code,staff_group,band_group,sex,headcount"
    found = problems(
        "R0A,nurses,band_5_6,female,10",
        "R0A,nurses,,male,10",
        "R0A,doctors,,female,10",
        "R0A,doctors,medical_other,male,10",
        header=header,
    )
    assert found == [
        "workforce.csv, row 3, band_group: blank here and on 1 more row (4), but 2 rows give "
        "one; give band_group on every row or on none"
    ]


def test_every_problem_in_the_file_is_reported_at_once_in_sheet_order() -> None:
    found = problems(
        "RZZ,nurses,physiotherapist,10,11",
        "R0A,nurses,nurse,-3,",
        "R0A,doctors,,5,",
        "R0A,doctors,,5,",
    )
    assert found == [
        'workforce.csv, row 2, organisation_code: no organisation has the ODS code "RZZ"',
        "workforce.csv, row 2, profession: physiotherapist is in the staff group st_t_ahp, not "
        "nurses",
        "workforce.csv, row 2, fte: 11 is more than the headcount, 10; each person works at most "
        "one full-time equivalent",
        'workforce.csv, row 3, headcount: "-3" is not a whole number of people',
        "workforce.csv, row 5: the same cell as row 4 (R0A, doctors, every profession); each cell "
        "appears once, so add the headcounts together",
    ]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "workforce.csv: the file is empty; its first row must be the header"),
        (b" \r\n\r\n", "workforce.csv: the file is empty"),
        (csv_bytes(), "workforce.csv, row 2: there are no rows under the header"),
        (csv_bytes(",,,,"), "workforce.csv, row 2: there are no rows under the header"),
        (b"R0A,nurses,10\n", "workforce.csv, row 1: the first row must be the header"),
        ("R0A,nurses,\u00e9\n".encode("latin-1"), "workforce.csv: not UTF-8 text (byte 12"),
        (HEADER.encode("utf-16"), "workforce.csv: this is UTF-16 text, not UTF-8"),
        (
            b"organisation_code;staff_group;headcount\nR0A;nurses;10\n",
            "workforce.csv, row 1: the columns are separated by semicolons or tabs",
        ),
        (csv_bytes('R0A,"nurses,,10,'), "workforce.csv, row 2: cannot be read as CSV"),
        (
            csv_bytes("R0A,nurses,,10"),
            "workforce.csv, row 2: has 4 cells, but the header has 5; check for a missing",
        ),
    ],
)
def test_a_file_that_cannot_be_read_says_why(data: bytes, expected: str) -> None:
    [problem] = problems_in(data)
    assert problem.startswith(expected)


def test_a_file_larger_than_the_limit_is_refused_before_reading() -> None:
    data = csv_bytes(*GOOD)
    assert problems_in(data, max_bytes=100) == [
        f"workforce.csv: the file is {len(data):,} bytes; the largest accepted is 100"
    ]


def test_header_problems_are_all_reported() -> None:
    found = problems("R0A,nurses,10,10,x", header="org code,staff_grup,HC,Headcount,Colour")
    assert found == [
        'workforce.csv, row 1: unknown column "staff_grup" (did you mean "staff_group"?); remove '
        "it or rename it",
        'workforce.csv, row 1: "Headcount" and "HC" are both headcount; keep one',
        'workforce.csv, row 1: unknown column "Colour"; remove it or rename it',
        'workforce.csv, row 1: missing column "staff_group" (also read as staff group, staff '
        "group name, main staff group)",
    ]


# Writing -------------------------------------------------------------------------------------


def test_writing_leaves_out_breakdowns_and_fte_no_cell_has() -> None:
    text = write_frame(read("R0A,nurses,nurse,10,", "R0A,doctors,,4,"))
    assert text.splitlines() == [
        "organisation_code,staff_group,profession,headcount",
        "R0A,nurses,nurse,10",
        "R0A,doctors,,4",
    ]


CODES = sorted(KNOWN)
GROUP_OF = {p.code: p.staff_group for p in PROFESSIONS}


@st.composite
def frames(draw: st.DrawFn) -> list[CellRecord]:
    """A valid frame: cells with distinct keys, every breakdown on all cells or on none."""
    uses = {column: draw(st.booleans()) for column in ("band_group", "age_band", "sex")}
    choices = {
        "band_group": [code for code, _ in BAND_GROUPS],
        "age_band": [code for code, _ in AGE_BANDS],
        "sex": [code for code, _ in SEXES],
    }
    cells: dict[tuple[str, ...], CellRecord] = {}
    for _ in range(draw(st.integers(1, 12))):
        profession = draw(st.sampled_from(PROFESSIONS)).code
        headcount = draw(st.integers(0, workforce.MAX_HEADCOUNT))
        fte = draw(
            st.none()
            | st.floats(0, headcount, allow_nan=False, allow_infinity=False)
            | st.decimals(0, min(headcount, 10**6), places=2).map(float)
        )
        cell = CellRecord(
            organisation_code=draw(st.sampled_from(CODES)),
            staff_group=GROUP_OF[profession],
            # Whole staff groups only where no profession of the group is given, below.
            profession=profession,
            headcount=headcount,
            fte=fte,
            **{c: draw(st.sampled_from(choices[c])) if uses[c] else "" for c in choices},
        )
        cells.setdefault(cell.key, cell)
    return list(cells.values())


@settings(max_examples=80, deadline=None)
@given(frames())
def test_writing_then_reading_gives_back_the_same_cells(cells: list[CellRecord]) -> None:
    back = read_frame(write_frame(cells), KNOWN)
    assert [cell.model_dump(exclude={"row"}) for cell in back] == [
        cell.model_dump(exclude={"row"}) for cell in cells
    ]


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_either_read_or_raise_the_format_error(data: bytes) -> None:
    try:
        read_frame(data, KNOWN, max_bytes=300)
    except WorkforceFormatError as error:
        assert error.problems
        assert all(problem.startswith("file") for problem in error.problems)


CELL_TEXT = st.one_of(
    st.sampled_from(
        ["R0A", "rbs", "RZZ", "nurses", "Nurses & health visitors", "nurse", "paramedic",
         "Total", "band_5_6", "Band 5", "55+", "F", "-3", "1,234", "12.5", "1e3", "nan", "",
         " ", '"', "=1+1", "\u00e9", "\x00", "\r", "\n"]
    ),
    st.text(max_size=8),
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from([*COLUMNS, "Org code", "HC", "Occupation", "x", ""]), max_size=9),
    st.lists(st.lists(CELL_TEXT, max_size=10), max_size=6),
)
def test_arbitrary_csv_either_reads_or_raises_the_format_error(
    header: list[str], rows: list[list[str]]
) -> None:
    text = "\n".join(",".join(cells) for cells in [header, *rows])
    for data in (text, text.encode("utf-8", "surrogatepass")):
        try:
            cells = read_frame(data, KNOWN)
        except WorkforceFormatError as error:
            assert error.problems
        else:
            assert all(cell.organisation_code in KNOWN and cell.headcount >= 0 for cell in cells)
            assert len({cell.key for cell in cells}) == len(cells)


# Storing -------------------------------------------------------------------------------------


def held() -> tuple[int, int]:
    return WorkforceSnapshot.objects.count(), WorkforceCell.objects.count()


@pytest.mark.django_db
def test_an_import_stores_the_snapshot_and_every_cell() -> None:
    snapshot = import_frame(
        csv_bytes(*GOOD), "uploads/march.csv", as_of=AS_OF, label="March 2026", by="sam@nhs.net"
    )
    assert (snapshot.name, snapshot.as_of, snapshot.source, snapshot.imported_by) == (
        "March 2026",
        AS_OF,
        "march.csv",
        "sam@nhs.net",
    )
    cell = snapshot.cells.get(organisation__ods_code="R0A", profession="nurse")
    assert (cell.staff_group, cell.headcount, cell.fte) == ("nurses", 7712, 6954.2)
    assert snapshot.cells.count() == len(GOOD)
    assert str(import_frame(csv_bytes(*GOOD), "nws.csv", as_of=AS_OF)) == (
        "Workforce frame from nws.csv (31 March 2026)"
    )


BREAKDOWN_HEADER = "org code,staff group,band group,age band,sex,hc,fte"
BAD_FILES = {
    "empty": (b"", "workforce.csv: the file is empty"),
    "no rows": (csv_bytes(), "workforce.csv, row 2: there are no rows under the header"),
    "not UTF-8": (
        csv_bytes("R0A,nurses,\xe9,10,").decode().encode("latin-1"),
        "workforce.csv: not UTF-8 text (byte 67 cannot be read)",
    ),
    "unknown organisation": (
        csv_bytes(*GOOD, "RZZ,nurses,,10,"),
        'workforce.csv, row 7, organisation_code: no organisation has the ODS code "RZZ"',
    ),
    "unknown staff group": (
        csv_bytes(*GOOD, "RJ1,nursez,,10,"),
        'workforce.csv, row 7, staff_group: "nursez" is not a staff group',
    ),
    "unknown profession": (
        csv_bytes(*GOOD, "RJ1,nurses,astronaut,10,"),
        'workforce.csv, row 7, profession: "astronaut" is not a profession',
    ),
    "profession outside its group": (
        csv_bytes(*GOOD, "RJ1,nurses,paramedic,10,"),
        "workforce.csv, row 7, profession: paramedic is in the staff group ambulance, not nurses",
    ),
    "unknown band group": (
        csv_bytes("R0A,nurses,Band 9,25_34,female,10,", header=BREAKDOWN_HEADER),
        'workforce.csv, row 2, band group: "Band 9" is one band',
    ),
    "unknown age band": (
        csv_bytes("R0A,nurses,band_7,60-64,female,10,", header=BREAKDOWN_HEADER),
        'workforce.csv, row 2, age band: "60-64" is not an age band',
    ),
    "unknown sex": (
        csv_bytes("R0A,nurses,band_7,25_34,X,10,", header=BREAKDOWN_HEADER),
        'workforce.csv, row 2, sex: "X" is not a sex',
    ),
    "negative headcount": (
        csv_bytes(*GOOD, "RJ1,nurses,,-3,"),
        'workforce.csv, row 7, headcount: "-3" is not a whole number of people',
    ),
    "headcount not a number": (
        csv_bytes(*GOOD, "RJ1,nurses,,n/a,"),
        'workforce.csv, row 7, headcount: "n/a" is not a whole number of people',
    ),
    "fte over headcount": (
        csv_bytes(*GOOD, "RJ1,nurses,,3,4"),
        "workforce.csv, row 7, fte: 4 is more than the headcount, 3",
    ),
    "negative fte": (
        csv_bytes(*GOOD, "RJ1,nurses,,3,-0.5"),
        'workforce.csv, row 7, fte: "-0.5" is negative',
    ),
    "duplicate": (
        csv_bytes(*GOOD, GOOD[-1]),
        "workforce.csv, row 7: the same cell as row 6 (RX4, nurses, nurse)",
    ),
    "mixed granularity": (
        csv_bytes("R0A,nurses,,,female,10,", "R0A,doctors,,,,10,", header=BREAKDOWN_HEADER),
        "workforce.csv, row 3, sex: blank here, but 1 row gives one",
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize(("data", "expected"), BAD_FILES.values(), ids=BAD_FILES.keys())
def test_a_bad_file_stores_nothing_and_says_why(data: bytes, expected: str) -> None:
    import_frame(csv_bytes(*GOOD), "earlier.csv", as_of=AS_OF)
    before = held()
    with pytest.raises(WorkforceFormatError) as caught:
        import_frame(data, "uploads/workforce.csv", as_of=AS_OF)
    [problem] = caught.value.problems
    assert problem.startswith(expected)
    assert held() == before == (1, len(GOOD))


@pytest.mark.django_db
def test_a_file_over_the_size_limit_stores_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workforce_store, "MAX_FILE_BYTES", 50)
    with pytest.raises(WorkforceFormatError, match="the largest accepted is 50"):
        import_frame(csv_bytes(*GOOD), "workforce.csv", as_of=AS_OF)
    assert held() == (0, 0)


@pytest.mark.django_db
def test_a_name_too_long_stores_nothing() -> None:
    with pytest.raises(WorkforceFormatError, match="the most allowed is 200"):
        import_frame(csv_bytes(*GOOD), "workforce.csv", as_of=AS_OF, label="x" * 201)
    assert held() == (0, 0)


@pytest.mark.django_db
def test_an_organisation_closed_before_the_frames_date_is_refused() -> None:
    merge(["QH8", "QJG"], "QZ1", "NHS Essex Integrated Care Board", dt.date(2026, 4, 1))
    data = csv_bytes("QH8,managers,,40,", "QZ1,managers,,30,")
    [problem] = problems_after_import(data, dt.date(2026, 4, 30))
    assert problem == (
        "workforce.csv, row 2, organisation_code: QH8 closed on 31 March 2026, before the "
        "frame's date, 30 April 2026; give its staff under the organisation that took over its "
        "work"
    )
    [problem] = problems_after_import(data, dt.date(2026, 3, 31))
    assert problem.startswith(
        "workforce.csv, row 3, organisation_code: QZ1 opens on 1 April 2026, after the frame's"
    )
    assert held() == (0, 0)


def problems_after_import(data: bytes, as_of: dt.date) -> list[str]:
    with pytest.raises(WorkforceFormatError) as caught:
        import_frame(data, "workforce.csv", as_of=as_of)
    return caught.value.problems


@pytest.mark.django_db
def test_a_national_sized_frame_is_stored_in_batches() -> None:
    codes = list(Organisation.objects.providers().on(AS_OF).values_list("ods_code", flat=True))
    header = "organisation_code,staff_group,profession,band_group,age_band,sex,headcount"
    rows = [
        f"{code},{p.staff_group},{p.code},{band},{age},{sex},3"
        for code in codes[:30]
        for p in PROFESSIONS[:15]
        for band, _ in BAND_GROUPS
        for age, _ in AGE_BANDS[:3]
        for sex, _ in SEXES
    ]
    assert len(rows) > 2 * workforce_store.BATCH_SIZE
    snapshot = import_frame(csv_bytes(*rows, header=header), "national.csv", as_of=AS_OF)
    assert snapshot.cells.count() == len(rows)
    assert sum(frame_totals(snapshot, by="organisation").values()) == 3 * len(rows)


@pytest.mark.django_db
def test_exporting_then_importing_gives_the_same_cells() -> None:
    header = "Org code,Staff group,Occupation,Age band,HC,FTE"
    first = import_frame(
        csv_bytes(
            'R0A,HCHS doctors,,55+,"1,215",1187.25',
            "R0A,Nurses & health visitors,Nurses,<25,712,0.00001",
            "RBS,AHPs,Physiotherapists,25-34,96,",
            "RX4,Support to ST&T staff,,45-54,0,0",
            header=header,
        ),
        "first.csv",
        as_of=AS_OF,
    )
    text = export_frame(first)
    assert text.splitlines()[0] == "organisation_code,staff_group,profession,age_band,headcount,fte"
    second = import_frame(text.encode(), "second.csv", as_of=AS_OF)

    def cells(snapshot: WorkforceSnapshot) -> set[tuple[object, ...]]:
        return set(
            snapshot.cells.values_list(
                "organisation__ods_code", "staff_group", "profession", "band_group",
                "age_band", "sex", "headcount", "fte",
            )
        )  # fmt: skip

    assert cells(second) == cells(first)
    assert len(cells(first)) == 4
    assert export_frame(second) == text


@pytest.mark.django_db
def test_the_example_in_the_docs_imports() -> None:
    example = Path(__file__).parents[2] / "docs" / "examples" / "workforce-example.csv"
    snapshot = import_frame(example.read_bytes(), example.name, as_of=AS_OF)
    assert set(frame_totals(snapshot, by="organisation")) == {"R0A", "RBS", "RX4"}


@pytest.mark.django_db
def test_the_latest_snapshot_is_the_newest_on_or_before_a_date() -> None:
    assert latest_snapshot() is None
    march = import_frame(csv_bytes(*GOOD), "march.csv", as_of=AS_OF)
    june = import_frame(csv_bytes(*GOOD), "june.csv", as_of=dt.date(2026, 6, 30))
    june_again = import_frame(csv_bytes(*GOOD), "june-revised.csv", as_of=dt.date(2026, 6, 30))
    assert latest_snapshot() == june_again
    assert latest_snapshot(dt.date(2026, 6, 29)) == march
    assert latest_snapshot(dt.date(2026, 3, 30)) is None
    assert june != june_again


# Totals --------------------------------------------------------------------------------------

TOTALS_ROWS = [
    "R0A,nurses,nurse,100,",  # Greater Manchester ICB, North West
    "R0A,nurses,health_visitor,10,",
    "R0A,managers,,5,",
    "RBS,nurses,nurse,50,",  # Cheshire and Merseyside ICB, North West
    "RX4,st_t_ahp,physiotherapist,20,",  # North East and North Cumbria ICB, North East and Yorks
    "RJ1,managers,,7,",  # South East London ICB, London
]


@pytest.fixture
def snapshot() -> WorkforceSnapshot:
    return import_frame(csv_bytes(*TOTALS_ROWS), "totals.csv", as_of=AS_OF)


@pytest.mark.django_db
def test_totals_by_organisation_staff_group_and_profession(snapshot: WorkforceSnapshot) -> None:
    assert frame_totals(snapshot, by="organisation") == {"R0A": 115, "RBS": 50, "RJ1": 7, "RX4": 20}
    assert frame_totals(snapshot, by="staff_group") == {
        "nurses": 160,
        "st_t_ahp": 20,
        "managers": 12,
    }
    assert frame_totals(snapshot, by="profession") == {
        "physiotherapist": 20,
        "nurse": 150,
        "health_visitor": 10,
        "": 12,
    }


@pytest.mark.django_db
def test_totals_by_icb_and_region_follow_the_hierarchy(
    snapshot: WorkforceSnapshot, org: Callable[[str], Organisation]
) -> None:
    assert frame_totals(snapshot, by="icb") == {"QHM": 20, "QKK": 7, "QOP": 115, "QYG": 50}
    assert frame_totals(snapshot, by="region") == {"Y56": 7, "Y62": 165, "Y63": 20}
    # The same answer as walking each organisation's ancestors one by one.
    for code in ("R0A", "RX4", "RJ1"):
        ancestors = {a.kind: a.ods_code for a in org(code).ancestors_on(AS_OF)}
        assert ancestors["icb"] in frame_totals(snapshot, by="icb")
        assert ancestors["region"] in frame_totals(snapshot, by="region")


@pytest.mark.django_db
def test_totals_use_the_hierarchy_on_the_frames_own_date() -> None:
    merge(["QH8", "QJG"], "QZ1", "NHS Essex Integrated Care Board", dt.date(2026, 4, 1))
    data = csv_bytes("RAJ,managers,,40,")  # Mid and South Essex NHS FT
    before = import_frame(data, "march.csv", as_of=AS_OF)
    after = import_frame(data, "april.csv", as_of=dt.date(2026, 4, 1))
    assert frame_totals(before, by="icb") == {"QH8": 40}
    assert frame_totals(after, by="icb") == {"QZ1": 40}
    assert frame_totals(after, by="region") == {"Y61": 40}


@pytest.mark.django_db
def test_a_provider_in_two_icbs_counts_once_in_its_primary_one(
    snapshot: WorkforceSnapshot, org: Callable[[str], Organisation]
) -> None:
    OrganisationLink.objects.create(child=org("R0A"), parent=org("QKK"), is_primary=False)
    assert frame_totals(snapshot, by="icb") == {"QHM": 20, "QKK": 7, "QOP": 115, "QYG": 50}
    assert frame_totals(snapshot, by="region")["Y62"] == 165


@pytest.mark.django_db
def test_an_organisation_outside_any_icb_totals_under_a_blank_code() -> None:
    snapshot = import_frame(csv_bytes("7A7,nurses,,30,", "R0A,nurses,,5,"), "w.csv", as_of=AS_OF)
    assert frame_totals(snapshot, by="icb") == {"QOP": 5, "": 30}
    assert frame_totals(snapshot, by="region") == {"Y62": 5, "": 30}


@pytest.mark.django_db
def test_totals_by_anything_else_are_refused(snapshot: WorkforceSnapshot) -> None:
    with pytest.raises(ValueError, match="cannot total by 'band'"):
        frame_totals(snapshot, by="band")  # type: ignore[arg-type]


@pytest.mark.django_db
def test_an_import_is_written_to_the_audit_log() -> None:
    from digiready.accounts.models import AuditEvent

    snapshot = import_frame(csv_bytes(*GOOD), "nws.csv", as_of=AS_OF, by="analyst@nhs.example")
    event = AuditEvent.objects.get(action=AuditEvent.Action.WORKFORCE_IMPORTED)
    assert event.actor_label == "analyst@nhs.example"
    assert event.target == str(snapshot)
    assert event.detail["cells"] == snapshot.cells.count()
