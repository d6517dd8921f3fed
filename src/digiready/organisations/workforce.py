"""The workforce frame as CSV: read an NHS Workforce Statistics extract into typed cells, and
write cells back out in the same format.

No Django here: the caller passes the ODS codes the frame may use and stores the records. A
file either reads whole or raises ``WorkforceFormatError`` listing every problem as
"FILE, row N, column: why", with row numbers as a spreadsheet shows them (the header is 1).

One row is one cell of the frame: the headcount (and, if known, the full-time equivalent) of
one organisation's staff in one staff group, optionally narrowed to one profession, band group,
age band and sex. A blank profession, band group, age band or sex means "all of them", so the
cells partition the workforce and each person is counted once.

>>> [cell] = read_frame(
...     b"\\xef\\xbb\\xbfOrg code,Staff Group,HC,FTE\\r\\n"
...     b'R0A,Nurses & health visitors,"7,712",6954.2\\r\\n',
...     {"R0A"},
...     source="workforce.csv",
... )
>>> cell.organisation_code, cell.staff_group, cell.headcount, cell.fte
('R0A', 'nurses', 7712, 6954.2)
>>> write_frame([cell]).splitlines()
['organisation_code,staff_group,profession,headcount,fte', 'R0A,nurses,,7712,6954.2']
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError, ValidationInfo, field_validator

from digiready.accounts.professions import (
    PROFESSION_BY_CODE,
    PROFESSIONS,
    STAFF_GROUP_BY_CODE,
    STAFF_GROUPS,
)
from digiready.core import csvtext
from digiready.core.csvtext import Problems
from digiready.organisations.demographics import AGE_BANDS, BAND_GROUPS, SEXES

COLUMNS: tuple[str, ...] = (
    "organisation_code",
    "staff_group",
    "profession",
    "band_group",
    "age_band",
    "sex",
    "headcount",
    "fte",
)
REQUIRED: tuple[str, ...] = ("organisation_code", "staff_group", "headcount")
# Filled on every row or on none: a frame is split by each of these everywhere or nowhere.
BREAKDOWNS: tuple[str, ...] = ("band_group", "age_band", "sex")
# The columns that say which cell a row is; two rows with the same of these are one cell.
CELL_COLUMNS: tuple[str, ...] = COLUMNS[:6]

MAX_BYTES = 50_000_000  # a national frame of 200,000 cells is about 10 MB
# More than the whole NHS in England employs: a typing slip, and more than the database holds.
MAX_HEADCOUNT = 2_000_000

SAVE_AS_UTF8 = csvtext.SAVE_AS_UTF8

# Whole numbers, with or without thousands separators; ASCII digits only, as int() would also
# take other scripts' digits, which no spreadsheet writes.
WHOLE_NUMBER = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+|[0-9]{1,10}")
DECIMAL_NUMBER = re.compile(r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]{1,10})(?:\.[0-9]+)?|\.[0-9]+")


class WorkforceFormatError(ValueError):
    """A frame that cannot be imported; ``problems`` says where and why, one line each."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems[:5]) + (" …" if len(problems) > 5 else ""))


NOT_A_LETTER_OR_DIGIT = re.compile(r"[^0-9a-z]+")


# Cached: a national frame repeats the same few dozen names hundreds of thousands of times.
@lru_cache(maxsize=4096)
def folded(text: str) -> str:
    """A name reduced to lower-case words, so that spellings of one name compare equal.

    >>> folded("Nurses & Health Visitors"), folded("st_t_ahp"), folded("55+"), folded("<25")
    ('nurses and health visitors', 'st t ahp', '55 plus', 'under 25')
    """
    spelled = text.replace("&", " and ").replace("+", " plus ").replace("<", " under ")
    return " ".join(NOT_A_LETTER_OR_DIGIT.sub(" ", spelled.casefold()).split())


# What each column may be called ---------------------------------------------------------------

COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "organisation_code": (
        "org code",
        "organisation code",
        "organization code",
        "org ods code",
        "organisation ods code",
        "ods code",
        "trust code",
        "provider code",
    ),
    "staff_group": ("staff group", "staff group name", "main staff group"),
    "profession": ("occupation", "occupation name", "profession name"),
    "band_group": ("band group", "afc band group", "pay band group"),
    "age_band": ("age band", "age group"),
    "sex": ("gender",),
    "headcount": ("hc", "head count", "headcount total", "total headcount"),
    "fte": ("full time equivalent", "fte total", "total fte"),
}
# Columns NHS Workforce Statistics extracts carry that a frame does not need; the hierarchy
# comes from the organisation records, not from the file.
IGNORED_COLUMNS: frozenset[str] = frozenset(
    {
        "org name",
        "organisation name",
        "organization name",
        "org type",
        "organisation type",
        "period",
        "date",
        "region",
        "region code",
        "region name",
        "nhse region code",
        "nhse region name",
        "icb code",
        "icb name",
        "ics code",
        "ics name",
        "cluster group",
        "benchmark group",
    }
)
COLUMN_BY_NAME: dict[str, str] = {
    **{folded(column): column for column in COLUMNS},
    **{alias: column for column, aliases in COLUMN_ALIASES.items() for alias in aliases},
}


# What each value may be called ----------------------------------------------------------------


def _lookup(*tables: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Codes by folded spelling, from (spelling, code) pairs; codes and names always included."""
    found: dict[str, str] = {}
    for table in tables:
        for spelling, code in table:
            found.setdefault(folded(spelling), code)
    return found


STAFF_GROUP_LOOKUP = _lookup(
    ((group.code, group.code) for group in STAFF_GROUPS),
    ((group.name, group.code) for group in STAFF_GROUPS),
    # The names NHS Workforce Statistics uses, and their common short forms.
    (
        ("HCHS doctors", "doctors"),
        ("Doctors", "doctors"),
        ("Medical and dental", "doctors"),
        ("Nurses & health visitors", "nurses"),
        ("Nurses", "nurses"),
        ("Nursing", "nurses"),
        ("Midwifery", "midwives"),
        ("Ambulance", "ambulance"),
        ("Allied health professionals", "st_t_ahp"),
        ("AHPs", "st_t_ahp"),
        ("AHP", "st_t_ahp"),
        ("Healthcare scientists", "st_t_hcs"),
        ("Health care scientists", "st_t_hcs"),
        ("Other scientific, therapeutic & technical staff", "st_t_other"),
        ("Other ST&T staff", "st_t_other"),
        ("Support to doctors, nurses & midwives", "support_clinical"),
        ("Support to doctors & nurses", "support_clinical"),
        ("Support to ST&T staff", "support_st_t"),
        ("Support to scientific, therapeutic & technical staff", "support_st_t"),
        ("Hotel, property & estates", "estates"),
        ("Other staff or those with unknown classification", "other"),
        ("Other staff", "other"),
        ("Unknown", "other"),
        ("Unknown classification", "other"),
    ),
)
# Headings that sum several staff groups: in a frame they would count people twice.
STAFF_GROUP_TOTALS: dict[str, str] = {
    folded(name): reason
    for names, reason in (
        (
            ("Total", "Totals", "All", "All staff", "All staff groups", "Total staff"),
            "is a total; remove total rows, or their people are counted twice",
        ),
        (
            (
                "Professionally qualified clinical staff",
                "Support to clinical staff",
                "NHS infrastructure support",
            ),
            "is a heading over several staff groups; give each of its staff groups on a row of "
            "its own",
        ),
        (
            ("Scientific, therapeutic & technical staff", "ST&T staff", "ST&T"),
            "covers three staff groups; give st_t_ahp (allied health professionals), st_t_hcs "
            "(healthcare scientists) and st_t_other on rows of their own",
        ),
    )
    for name in names
}

PROFESSION_LOOKUP = _lookup(
    ((p.code, p.code) for p in PROFESSIONS),
    ((p.name, p.code) for p in PROFESSIONS),
    (
        ("Podiatrist", "podiatrist"),
        ("Chiropodist", "podiatrist"),
        ("Dietician", "dietitian"),
        ("Prosthetists and orthotists", "prosthetist_orthotist"),
        ("Prosthetist", "prosthetist_orthotist"),
        ("Orthotist", "prosthetist_orthotist"),
        ("Radiographer (diagnostic)", "diagnostic_radiographer"),
        ("Radiographer (therapeutic)", "therapeutic_radiographer"),
        ("Speech & language therapist", "slt"),
        ("Midwives", "midwife"),
        ("Healthcare assistant", "healthcare_support_worker"),
        ("Health care assistant", "healthcare_support_worker"),
        ("HCA", "healthcare_support_worker"),
        ("HCSW", "healthcare_support_worker"),
    ),
)
BAND_GROUP_LOOKUP = _lookup(
    ((code, code) for code, _ in BAND_GROUPS),
    ((name, code) for code, name in BAND_GROUPS),
    (
        ("Bands 2-4", "band_2_4"),
        ("Band 2-4", "band_2_4"),
        ("Bands 5-6", "band_5_6"),
        ("Band 5-6", "band_5_6"),
        ("Bands 5 to 6", "band_5_6"),
        ("Band 8a+", "band_8_plus"),
        ("Band 8+", "band_8_plus"),
        ("Band 8 and above", "band_8_plus"),
        ("Bands 8a-9", "band_8_plus"),
        ("Medical and other", "medical_other"),
        ("Medical", "medical_other"),
        ("Other pay scales", "medical_other"),
        ("Non-AfC", "medical_other"),
    ),
)
# One Agenda for Change band, which a band group sums with its neighbours.
SINGLE_BAND = re.compile(r"(?:afc )?band ([1-9]|8 ?[a-d])")
AGE_BAND_LOOKUP = _lookup(
    ((code, code) for code, _ in AGE_BANDS),
    ((name, code) for code, name in AGE_BANDS),
    (
        ("Under 25s", "under_25"),
        ("Up to 24", "under_25"),
        ("16-24", "under_25"),
        ("55+", "55_plus"),
        ("55 and above", "55_plus"),
        ("Over 55", "55_plus"),
    ),
)
SEX_LOOKUP = _lookup(
    ((code, code) for code, _ in SEXES),
    ((name, code) for code, name in SEXES),
    (("F", "female"), ("M", "male")),
)


# The records -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class KnownOrganisations:
    """The ODS codes a frame may use, and why some others that exist may not."""

    codes: Collection[str]
    not_open: Mapping[str, str] = field(default_factory=dict)  # code: e.g. "closed on …"


class CellRecord(BaseModel):
    """One row of a frame, checked and converted to codes.

    Each validator sees the fields above it that were valid (``info.data``), so a row's
    profession is checked against its staff group, and its FTE against its headcount, without
    one problem hiding another.
    """

    model_config = ConfigDict(frozen=True)

    row: int = 0  # where it was read from, if it was
    organisation_code: str
    staff_group: str
    profession: str = ""
    band_group: str = ""
    age_band: str = ""
    sex: str = ""
    headcount: int
    fte: float | None = None

    @property
    def key(self) -> tuple[str, str, str, str, str, str]:
        """What identifies the cell within its frame."""
        return (
            self.organisation_code,
            self.staff_group,
            self.profession,
            self.band_group,
            self.age_band,
            self.sex,
        )

    @field_validator("organisation_code", mode="before")
    @classmethod
    def _organisation(cls, value: str, info: ValidationInfo) -> str:
        code = value.upper()
        if not code:
            raise ValueError("enter the organisation's ODS code, like R0A")
        known: KnownOrganisations | None = info.context
        if known is None or code in known.codes:
            return code
        if code in known.not_open:
            raise ValueError(f"{code} {known.not_open[code]}")
        hint = "; give the ODS code, not the name" if " " in value else ""
        raise ValueError(f'no organisation has the ODS code "{_shown(value)}"{hint}')

    @field_validator("staff_group", mode="before")
    @classmethod
    def _staff_group(cls, value: str) -> str:
        if not value:
            raise ValueError("enter the staff group, like nurses or Nurses & health visitors")
        name = folded(value)
        if name in STAFF_GROUP_LOOKUP:
            return STAFF_GROUP_LOOKUP[name]
        if name in STAFF_GROUP_TOTALS:
            raise ValueError(f'"{_shown(value)}" {STAFF_GROUP_TOTALS[name]}')
        raise ValueError(
            f'"{_shown(value)}" is not a staff group; use one of ' + ", ".join(STAFF_GROUP_BY_CODE)
        )

    @field_validator("profession", mode="before")
    @classmethod
    def _profession(cls, value: str, info: ValidationInfo) -> str:
        if not value:
            return ""
        name = folded(value)
        # NWS names are often plural: "Physiotherapists".
        code = PROFESSION_LOOKUP.get(name) or PROFESSION_LOOKUP.get(name.removesuffix("s"))
        if code is None:
            raise ValueError(
                f'"{_shown(value)}" is not a profession; leave it blank for the whole staff '
                "group, or use a profession code such as nurse, physiotherapist or paramedic "
                "(`digiready workforce codes` lists them)"
            )
        group = info.data.get("staff_group")
        home = PROFESSION_BY_CODE[code].staff_group
        if group is not None and home != group:
            raise ValueError(f"{code} is in the staff group {home}, not {group}")
        return code

    @field_validator("band_group", mode="before")
    @classmethod
    def _band_group(cls, value: str) -> str:
        if not value:
            return ""
        name = folded(value)
        if name in BAND_GROUP_LOOKUP:
            return BAND_GROUP_LOOKUP[name]
        groups = ", ".join(BAND_GROUP_LOOKUP[folded(code)] for code, _ in BAND_GROUPS)
        if SINGLE_BAND.fullmatch(name):
            raise ValueError(
                f'"{_shown(value)}" is one band; add the bands in each band group together '
                f"and use the groups: {groups}"
            )
        raise ValueError(f'"{_shown(value)}" is not a band group; use one of {groups}')

    @field_validator("age_band", mode="before")
    @classmethod
    def _age_band(cls, value: str) -> str:
        if not value:
            return ""
        code = AGE_BAND_LOOKUP.get(folded(value))
        if code is None:
            bands = ", ".join(f"{code} ({name})" for code, name in AGE_BANDS)
            raise ValueError(
                f'"{_shown(value)}" is not an age band; add narrower bands together and use '
                f"one of {bands}"
            )
        return code

    @field_validator("sex", mode="before")
    @classmethod
    def _sex(cls, value: str) -> str:
        if not value:
            return ""
        code = SEX_LOOKUP.get(folded(value))
        if code is None:
            raise ValueError(
                f'"{_shown(value)}" is not a sex; use ' + " or ".join(code for code, _ in SEXES)
            )
        return code

    @field_validator("headcount", mode="before")
    @classmethod
    def _headcount(cls, value: Any) -> int:
        if isinstance(value, int):  # written by code rather than read from a file
            value = str(value)
        if not value:
            raise ValueError("enter the headcount, a whole number of people")
        if not WHOLE_NUMBER.fullmatch(value):
            raise ValueError(f'"{_shown(value)}" is not a whole number of people')
        people = int(value.replace(",", ""))
        if people > MAX_HEADCOUNT:
            raise ValueError(
                f"{people:,} is more people than the whole NHS in England employs; check the number"
            )
        return people

    @field_validator("fte", mode="before")
    @classmethod
    def _fte(cls, value: Any, info: ValidationInfo) -> float | None:
        if value is None or value == "":
            return None
        if isinstance(value, str):
            if value.startswith("-") and DECIMAL_NUMBER.fullmatch(value[1:]):
                raise ValueError(f'"{value}" is negative; a full-time equivalent is 0 or more')
            if not DECIMAL_NUMBER.fullmatch(value):
                raise ValueError(f'"{_shown(value)}" is not a number of full-time equivalents')
            value = value.replace(",", "")
        fte = float(value)
        if not fte >= 0:  # also false for NaN
            raise ValueError(f"{fte} is not a full-time equivalent, which is 0 or more")
        headcount = info.data.get("headcount")
        if headcount is not None and fte > headcount:
            raise ValueError(
                f"{_number(fte)} is more than the headcount, {headcount:,}; each person works "
                "at most one full-time equivalent"
            )
        return fte


# Reading ---------------------------------------------------------------------------------------


def read_frame(
    data: bytes | str,
    known: Collection[str] | KnownOrganisations,
    *,
    source: str = "file",
    max_bytes: int = MAX_BYTES,
) -> list[CellRecord]:
    """Every cell in a frame CSV, in file order, or ``WorkforceFormatError``.

    ``known`` holds the ODS codes a cell may name; ``source`` names the file in the problems.
    """
    if not isinstance(known, KnownOrganisations):
        known = KnownOrganisations(frozenset(known))
    problems = Problems(source, COLUMNS)
    text = _decode(data, max_bytes, problems)
    records = _records(text, problems) if text is not None else None
    header = _header(records[0], problems) if records else None
    if records is None or header is None:
        raise WorkforceFormatError(problems.in_order())
    rows = _rows(header, records[1:], problems)
    if not rows and not problems:
        problems.add("there are no rows under the header; a frame needs at least one cell", 2)
    _check_breakdowns(rows, problems)
    cells = [cell for number, cells in rows if (cell := _cell(number, cells, known, problems))]
    _check_cells(cells, problems)
    if problems:
        raise WorkforceFormatError(problems.in_order())
    return cells


def _decode(data: bytes | str, max_bytes: int, problems: Problems) -> str | None:
    size = len(data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data)
    if size > max_bytes:
        problems.add(f"the file is {size:,} bytes; the largest accepted is {max_bytes:,}")
        return None
    return csvtext.decode(data, problems.add, columns=REQUIRED)


def _records(text: str, problems: Problems) -> list[list[str]] | None:
    return csvtext.records(text, problems.add)


def _header(cells: list[str], problems: Problems) -> list[str] | None:
    """The canonical column for each cell of the header ("" for a column to ignore)."""
    given = [cell.strip() for cell in cells]
    # Spreadsheets sometimes save empty columns to the right of the table.
    while given and not given[-1]:
        given.pop()
    if len(given) == 1 and any(sep in given[0] for sep in ";\t"):
        problems.add(
            f"the columns are separated by semicolons or tabs, not commas; {SAVE_AS_UTF8}", 1
        )
        return None
    header = [COLUMN_BY_NAME.get(folded(name), "") for name in given]
    if not any(header):
        problems.add(
            "the first row must be the header naming the columns " + ", ".join(REQUIRED), 1
        )
        return None
    for name, column in zip(given, header, strict=True):
        if column in problems.names:
            first = problems.names[column]
            problems.add(f'"{_shown(name)}" and "{first}" are both {column}; keep one', 1)
        elif column:
            problems.names[column] = _shown(name)
        elif not name:
            problems.add("a column has no name; remove the column or name it", 1)
        elif folded(name) not in IGNORED_COLUMNS:
            close = difflib.get_close_matches(folded(name), list(COLUMN_BY_NAME), n=1)
            hint = f' (did you mean "{COLUMN_BY_NAME[close[0]]}"?)' if close else ""
            problems.add(f'unknown column "{_shown(name)}"{hint}; remove it or rename it', 1)
    for column in REQUIRED:
        if column not in problems.names:
            also = ", ".join(COLUMN_ALIASES[column][:3])
            problems.add(f'missing column "{column}" (also read as {also})', 1)
    return None if problems else header


def _rows(
    header: list[str], records: list[list[str]], problems: Problems
) -> list[tuple[int, dict[str, str]]]:
    """Each data row's cells by canonical column, with its row number."""
    rows = []
    for number, record in enumerate(records, start=2):
        if not any(cell.strip() for cell in record):
            continue  # blank rows are spacing, not data
        width = len(record)
        while width > len(header) and not record[width - 1].strip():
            width -= 1
        if width != len(header):
            problems.add(
                f"has {width} cells, but the header has {len(header)}; check for a missing or "
                "extra comma",
                number,
            )
            continue
        cells = {
            column: cell.strip() for column, cell in zip(header, record, strict=False) if column
        }
        rows.append((number, cells))
    return rows


def _cell(
    number: int, cells: dict[str, str], known: KnownOrganisations, problems: Problems
) -> CellRecord | None:
    try:
        return CellRecord.model_validate({"row": number, **cells}, context=known)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            column = str(error["loc"][0]) if error["loc"] else ""
            problems.add(_reason(error), number, column)
        return None


def _reason(error: Any) -> str:
    """The message a validator raised, without pydantic's "Value error, " in front."""
    if error["type"] == "value_error":
        return str(error["ctx"]["error"])
    return str(error["msg"]).lower()  # pragma: no cover - every field has its own validator


def _check_breakdowns(rows: list[tuple[int, dict[str, str]]], problems: Problems) -> None:
    """A band group, age band or sex must be given on every row or on none: a frame split
    by age in one place and not another cannot be weighted to either."""
    for column in BREAKDOWNS:
        blank = [number for number, cells in rows if not cells.get(column)]
        if not blank or len(blank) == len(rows):
            continue
        rest, filled = blank[1:], len(rows) - len(blank)
        also = f" and on {_plural(len(rest), 'more row')} ({_row_list(rest)})" if rest else ""
        gives = "row gives" if filled == 1 else "rows give"
        problems.add(
            f"blank here{also}, but {filled:,} {gives} one; give {column} on every row or on none",
            blank[0],
            column,
        )


def _check_cells(cells: list[CellRecord], problems: Problems) -> None:
    """Each cell appears once, and a cell for a whole staff group is not also split by
    profession: either would count the same people twice."""
    first: dict[tuple[str, ...], int] = {}
    professions: dict[tuple[str, ...], dict[str, int]] = {}  # cells by all but profession
    for cell in cells:
        if cell.key in first:
            problems.add(
                f"the same cell as row {first[cell.key]} ({_described(cell)}); each cell "
                "appears once, so add the headcounts together",
                cell.row,
            )
            continue
        first[cell.key] = cell.row
        wider = (*cell.key[:2], *cell.key[3:])
        split = professions.setdefault(wider, {})
        whole, parts = split.get(""), [row for code, row in split.items() if code]
        if cell.profession and whole is not None:
            problems.add(
                f"row {whole} is the whole of {cell.staff_group} at {cell.organisation_code}, "
                "this profession included; give the staff group as one row or split it by "
                "profession, not both",
                cell.row,
                "profession",
            )
        elif not cell.profession and parts:
            problems.add(
                f"blank means all of {cell.staff_group} at {cell.organisation_code}, but row "
                f"{parts[0]} gives one of its professions; give the staff group as one row or "
                "split it by profession, not both",
                cell.row,
                "profession",
            )
        split.setdefault(cell.profession, cell.row)


def _described(cell: CellRecord) -> str:
    parts = [cell.organisation_code, cell.staff_group, cell.profession or "every profession"]
    return ", ".join(parts + [value for value in cell.key[3:] if value])


def _row_list(numbers: list[int], limit: int = 5) -> str:
    shown = ", ".join(str(n) for n in numbers[:limit])
    return shown + (", …" if len(numbers) > limit else "")


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def _shown(value: str, limit: int = 60) -> str:
    """A cell's value short enough to quote in a problem, on one line."""
    flat = " ".join(value.split())
    # Control characters would garble the terminal or the page showing the problem.
    flat = "".join(c if c.isprintable() else "\ufffd" for c in flat)
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _number(value: float) -> str:
    """A float as plain decimal digits, the shortest that reads back the same.

    >>> _number(6954.2), _number(1e-05), _number(12.0)
    ('6954.2', '0.00001', '12')
    """
    text = format(Decimal(repr(value)), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


# Writing ---------------------------------------------------------------------------------------


def write_frame(cells: Iterable[CellRecord]) -> str:
    """The frame as CSV text that ``read_frame`` reads back to the same cells.

    Band group, age band, sex and FTE are written only if some cell has them.
    """
    cells = list(cells)
    columns = [
        column
        for column in COLUMNS
        if column not in (*BREAKDOWNS, "fte")
        or any(getattr(cell, column) not in ("", None) for cell in cells)
    ]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for cell in cells:
        writer.writerow([_written(getattr(cell, column)) for column in columns])
    return out.getvalue()


def _written(value: str | int | float | None) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return _number(value)
    return str(value)
