"""The learning catalogue as CSV: read it into typed records, and write it back out.

No Django here: the caller passes what it knows of each framework (``FrameworkIndex``) and stores
the records. A file either reads whole or raises ``CatalogueFormatError`` listing every problem
as "FILE, row N, column: why", with row numbers as a spreadsheet shows them (the header is 1).

One row is one resource and what it covers in one framework, at one range of levels. A resource
that covers capabilities at different levels, or in two frameworks, takes one row for each, with
the same title and web address and the same details on every row.

>>> import uuid
>>> dl1 = CapabilityRef("DL.1", uuid.UUID(int=1), uuid.UUID(int=10))
>>> index = {"digital-ready": FrameworkIndex("digital-ready", 4, {"DL.1": dl1})}
>>> [resource] = read_catalogue(
...     b"title,provider,url,description,format,duration_minutes,cost_pounds,framework,"
...     b"capabilities,levels\\n"
...     b"Digital champions,NHS Learning Hub,https://learninghub.nhs.uk/,,e-learning,45,0,"
...     b"digital-ready,DL.1,1-2\\n",
...     index,
... )
>>> resource.title, resource.duration_minutes, resource.is_free
('Digital champions', 45, True)
>>> [(c.code, c.level_from, c.level_to) for c in resource.coverage]
[('DL.1', 1, 2)]
>>> write_catalogue([resource]).splitlines()[1]
'Digital champions,NHS Learning Hub,https://learninghub.nhs.uk/,,e-learning,45,0,digital-ready,DL.1,1-2'
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar
from uuid import UUID

from pydantic import BaseModel, ConfigDict, HttpUrl, ValidationError, field_validator

from digiready.core import csvtext
from digiready.core.csvtext import SAVE_AS_UTF8, Problems
from digiready.frameworks.spreadsheet import formula_guarded, formula_unguarded

COLUMNS: tuple[str, ...] = (
    "title",
    "provider",
    "url",
    "description",
    "format",
    "duration_minutes",
    "cost_pounds",
    "framework",
    "capabilities",
    "levels",
)
# Left blank together, these give a resource that covers nothing yet.
COVERAGE_COLUMNS: tuple[str, ...] = ("framework", "capabilities", "levels")

FORMATS: dict[str, str] = {
    "e-learning": "E-learning",
    "video": "Video",
    "course": "Course",
    "workshop": "Workshop",
    "webinar": "Webinar",
    "reading": "Reading",
    "podcast": "Podcast",
    "guide": "Guide or toolkit",
    "community": "Community or network",
}

CODE_SEPARATOR = ";"
MAX_TITLE = 300
MAX_PROVIDER = 200
MAX_URL = 500
MAX_DESCRIPTION = 2000
MAX_DURATION = 60 * 24 * 365  # a year of minutes: anything longer is a typing slip
MAX_COST = Decimal("999999.99")

# "2", "1-3"; a spreadsheet may have turned the hyphen into a dash, or someone written "to".
LEVEL_RANGE = re.compile(r"([0-9]{1,2})(?:\s*(?:-|–|—|to)\s*([0-9]{1,2}))?")
WHOLE_NUMBER = re.compile(r"[0-9]{1,9}")
POUNDS = re.compile(r"[0-9]{1,9}(\.[0-9]{1,2})?")


class CatalogueFormatError(ValueError):
    """A catalogue that cannot be imported; ``problems`` says where and why, one line each."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems[:5]) + (" …" if len(problems) > 5 else ""))


# What the caller knows of the frameworks -----------------------------------------------------


@dataclass(frozen=True)
class CapabilityRef:
    code: str
    lineage: UUID
    domain: UUID  # the lineage of the capability's domain


@dataclass(frozen=True)
class FrameworkIndex:
    """The version of a framework that catalogue codes are read against (its current one)."""

    slug: str
    level_count: int
    capabilities: Mapping[str, CapabilityRef]  # by code


# The records ------------------------------------------------------------------------------


@dataclass(frozen=True)
class CoverageRecord:
    framework: str  # the framework's slug
    code: str
    capability: UUID  # lineage
    domain: UUID  # lineage
    level_from: int
    level_to: int


@dataclass
class ResourceRecord:
    title: str
    provider: str
    url: str
    description: str
    format: str
    duration_minutes: int
    cost_pounds: Decimal
    coverage: list[CoverageRecord] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)  # where it was read from, if it was

    @property
    def key(self) -> tuple[str, str]:
        """What identifies a resource in a catalogue: its title and web address."""
        return (self.title, self.url)

    @property
    def is_free(self) -> bool:
        return self.cost_pounds == 0


class ResourceCells(BaseModel):
    """The cells of a row that describe the resource, checked and converted."""

    model_config = ConfigDict(frozen=True)

    title: str
    provider: str
    url: str
    description: str
    format: str
    duration_minutes: int
    cost_pounds: Decimal

    @field_validator("title", "provider", mode="before")
    @classmethod
    def _required_text(cls, value: str, info: Any) -> str:
        limit = MAX_TITLE if info.field_name == "title" else MAX_PROVIDER
        if not value:
            raise ValueError(f"enter the {info.field_name}")
        if len(value) > limit:
            raise ValueError(f"{len(value):,} characters; the most allowed is {limit:,}")
        return value

    @field_validator("description", mode="before")
    @classmethod
    def _description(cls, value: str) -> str:
        if len(value) > MAX_DESCRIPTION:
            raise ValueError(f"{len(value):,} characters; the most allowed is {MAX_DESCRIPTION:,}")
        return value

    @field_validator("url", mode="before")
    @classmethod
    def _url(cls, value: str) -> str:
        if not value:
            raise ValueError("enter the web address, starting https://")
        if len(value) > MAX_URL:
            raise ValueError(f"{len(value):,} characters; the most allowed is {MAX_URL:,}")
        shown = _shown(value)
        if not value.lower().startswith(("https://", "http://")):
            raise ValueError(f'"{shown}" is not a web address; it must start https://')
        if any(c.isspace() for c in value):
            raise ValueError(f'"{shown}" contains a space; web addresses cannot')
        try:
            host = HttpUrl(value).host or ""
        except ValidationError:
            raise ValueError(f'"{shown}" is not a web address') from None
        # A real site's name has a dot in it, as the database's URL check also insists.
        if "." not in host.strip(".") and host != "localhost":
            raise ValueError(f'"{shown}" has no site name, like www.e-lfh.org.uk')
        return value

    @field_validator("format", mode="before")
    @classmethod
    def _format(cls, value: str) -> str:
        found = value.lower()
        by_label = {label.lower(): code for code, label in FORMATS.items()}
        found = by_label.get(found, found)
        if found not in FORMATS:
            if not value:
                raise ValueError("enter the format, one of " + ", ".join(FORMATS))
            raise ValueError(f'"{_shown(value)}" is not a format; use one of ' + ", ".join(FORMATS))
        return found

    @field_validator("duration_minutes", mode="before")
    @classmethod
    def _duration(cls, value: str) -> int:
        if not value:
            raise ValueError("enter about how many minutes it takes, like 45")
        if value.startswith("-") and WHOLE_NUMBER.fullmatch(value[1:]):
            raise ValueError(f"{value} is negative; enter how many minutes it takes, like 45")
        if not WHOLE_NUMBER.fullmatch(value):
            raise ValueError(
                f'"{_shown(value)}" is not a whole number of minutes; write 2 hours as 120'
            )
        minutes = int(value)
        if minutes < 1:
            raise ValueError("must be at least 1 minute")
        if minutes > MAX_DURATION:
            raise ValueError(f"{minutes:,} minutes is more than a year; check the number")
        return minutes

    @field_validator("cost_pounds", mode="before")
    @classmethod
    def _cost(cls, value: str) -> Decimal:
        if value.lower() == "free":
            return Decimal(0)
        amount = value.removeprefix("£").replace(",", "")
        if not amount:
            raise ValueError("enter the cost in pounds, or 0 if it is free")
        if amount.startswith("-"):
            raise ValueError(f"{value} is negative; enter the cost in pounds, or 0 if it is free")
        if not POUNDS.fullmatch(amount):
            raise ValueError(f'"{_shown(value)}" is not an amount in pounds, like 120 or 49.50')
        try:
            cost = Decimal(amount)
        except InvalidOperation:  # pragma: no cover - the pattern already rules this out
            raise ValueError(f'"{_shown(value)}" is not an amount in pounds') from None
        if cost > MAX_COST:
            raise ValueError(f"£{cost:,} is more than £{MAX_COST:,}; check the amount")
        return cost


class CoverageCells(BaseModel):
    """The cells of a row that say what it covers; the codes are looked up afterwards."""

    model_config = ConfigDict(frozen=True)

    framework: str
    capabilities: tuple[str, ...]
    levels: tuple[int, int] | None

    @field_validator("capabilities", mode="before")
    @classmethod
    def _codes(cls, value: str) -> tuple[str, ...]:
        codes = [code.strip() for code in value.split(CODE_SEPARATOR)]
        codes = [code for code in codes if code]
        repeated = sorted({code for code in codes if codes.count(code) > 1})
        if repeated:
            raise ValueError(f"{', '.join(repeated)} listed more than once")
        return tuple(codes)

    @field_validator("levels", mode="before")
    @classmethod
    def _levels(cls, value: str) -> tuple[int, int] | None:
        if not value:
            return None
        match = LEVEL_RANGE.fullmatch(value)
        if not match:
            raise ValueError(f'"{_shown(value)}" is not a level or range of levels, like 2 or 1-3')
        low = int(match.group(1))
        high = int(match.group(2) or low)
        if low < 1:
            raise ValueError("levels start at 1")
        if high < low:
            raise ValueError(
                f"{value} runs backwards; write the lower level first, like {high}-{low}"
            )
        return (low, high)


# Reading ----------------------------------------------------------------------------------

Cells = TypeVar("Cells", ResourceCells, CoverageCells)


def read_catalogue(
    data: bytes | str, frameworks: Mapping[str, FrameworkIndex], *, source: str = "file"
) -> list[ResourceRecord]:
    """Every resource in a catalogue CSV, in file order, or ``CatalogueFormatError``.

    ``frameworks`` maps each framework slug to the version its capability codes are read
    against; ``source`` names the file in the problems.
    """
    problems = Problems(source, COLUMNS)
    text = _decode(data, problems)
    records = _records(text, problems) if text is not None else None
    header = _header(records[0], problems) if records else None
    if records is None or header is None:
        raise CatalogueFormatError(problems.in_order())
    resources: dict[tuple[str, str], ResourceRecord] = {}
    seen_rows: dict[tuple[str, ...], int] = {}
    rows = 0
    for number, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue  # blank rows are spacing, not data
        rows += 1
        cells = _cells(header, record, number, problems)
        if cells is None:
            continue
        signature = tuple(cells[column] for column in COLUMNS)
        if signature in seen_rows:
            problems.add(f"repeats row {seen_rows[signature]} exactly; remove one of them", number)
            continue
        seen_rows[signature] = number
        # Both halves are checked whatever the other holds, so every problem is reported.
        details = _typed(ResourceCells, cells, number, problems)
        covers = _typed(CoverageCells, cells, number, problems)
        coverage = _coverage(covers, number, frameworks, problems) if covers else None
        if details is not None and coverage is not None:
            _gather(resources, details, coverage, number, problems)
    if not rows and not problems:
        problems.add("there are no rows under the header; a catalogue needs at least one", 2)
    if problems:
        raise CatalogueFormatError(problems.in_order())
    return list(resources.values())


def _decode(data: bytes | str, problems: Problems) -> str | None:
    return csvtext.decode(data, problems.add, columns=COLUMNS)


def _records(text: str, problems: Problems) -> list[list[str]] | None:
    return csvtext.records(text, problems.add)


def _header(cells: list[str], problems: Problems) -> list[str] | None:
    header = [cell.strip().lower() for cell in cells]
    # Spreadsheets sometimes save empty columns to the right of the table.
    while header and not header[-1]:
        header.pop()
    if len(header) == 1 and any(sep in header[0] for sep in ";\t"):
        problems.add(
            f"the columns are separated by semicolons or tabs, not commas; {SAVE_AS_UTF8}", 1
        )
        return None
    if not set(COLUMNS).intersection(header):
        problems.add("the first row must be the header naming the columns " + ", ".join(COLUMNS), 1)
        return None
    seen: set[str] = set()
    for name in header:
        if not name:
            problems.add("a column has no name; remove the column or name it", 1)
        elif name not in COLUMNS:
            close = difflib.get_close_matches(name, COLUMNS, n=1)
            hint = f' (did you mean "{close[0]}"?)' if close else ""
            problems.add(f'unknown column "{_shown(name)}"{hint}', 1)
        elif name in seen:
            problems.add(f'the column "{name}" appears twice', 1)
        seen.add(name)
    for name in COLUMNS:
        if name not in seen:
            problems.add(f'missing column "{name}"', 1)
    return None if problems else header


def _cells(
    header: list[str], record: list[str], number: int, problems: Problems
) -> dict[str, str] | None:
    width = len(record)
    while width > len(header) and not record[width - 1].strip():
        width -= 1
    if width != len(header):
        problems.add(
            f"has {width} cells, but the header has {len(header)}; check for a missing or extra "
            "comma",
            number,
        )
        return None
    return {
        name: formula_unguarded(cell.strip()) for name, cell in zip(header, record, strict=False)
    }


def _typed(
    model: type[Cells], cells: dict[str, str], number: int, problems: Problems
) -> Cells | None:
    try:
        return model.model_validate(cells)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            column = str(error["loc"][0]) if error["loc"] else ""
            problems.add(_reason(error), number, column)
        return None


def _reason(error: Any) -> str:
    """The message a validator raised, without pydantic's "Value error, " in front."""
    if error["type"] == "value_error":
        return str(error["ctx"]["error"])
    return str(error["msg"]).lower()


def _coverage(
    row: CoverageCells,
    number: int,
    frameworks: Mapping[str, FrameworkIndex],
    problems: Problems,
) -> list[CoverageRecord] | None:
    given = {
        "framework": bool(row.framework),
        "capabilities": bool(row.capabilities),
        "levels": row.levels is not None,
    }
    if not any(given.values()):
        return []
    missing = [column for column, present in given.items() if not present]
    for column in missing:
        problems.add(
            f"enter the {_what(column)} too, or leave framework, capabilities and levels all blank",
            number,
            column,
        )
    if missing:
        return None
    index = frameworks.get(row.framework) or frameworks.get(row.framework.lower())
    if index is None:
        close = difflib.get_close_matches(row.framework, list(frameworks), n=1)
        hint = f' (did you mean "{close[0]}"?)' if close else ""
        known = ", ".join(sorted(frameworks)) or "none are loaded"
        problems.add(
            f'no framework "{_shown(row.framework)}"{hint}; known: {known}', number, "framework"
        )
        return None
    ok = True
    assert row.levels is not None
    low, high = row.levels
    if high > index.level_count:
        problems.add(
            f"{index.slug} has levels 1 to {index.level_count}, so level {high} does not exist",
            number,
            "levels",
        )
        ok = False
    by_folded = {code.casefold(): ref for code, ref in index.capabilities.items()}
    refs = []
    unknown = []
    for code in row.capabilities:
        ref = index.capabilities.get(code) or by_folded.get(code.casefold())
        if ref is None:
            unknown.append(code)
        else:
            refs.append(ref)
    if unknown:
        problems.add(
            f"{index.slug} has no capability {_listing(unknown)}; codes look like "
            + ", ".join(sorted(index.capabilities)[:3]),
            number,
            "capabilities",
        )
        ok = False
    if not ok:
        return None
    return [
        CoverageRecord(index.slug, ref.code, ref.lineage, ref.domain, low, high) for ref in refs
    ]


def _gather(
    resources: dict[tuple[str, str], ResourceRecord],
    row: ResourceCells,
    coverage: list[CoverageRecord],
    number: int,
    problems: Problems,
) -> None:
    """Add the row to its resource, checking it agrees with the resource's earlier rows."""
    found = resources.get((row.title, row.url))
    if found is None:
        resources[(row.title, row.url)] = ResourceRecord(
            title=row.title,
            provider=row.provider,
            url=row.url,
            description=row.description,
            format=row.format,
            duration_minutes=row.duration_minutes,
            cost_pounds=row.cost_pounds,
            coverage=coverage,
            rows=[number],
        )
        return
    first = found.rows[0]
    for column in ("provider", "description", "format", "duration_minutes", "cost_pounds"):
        if getattr(found, column) != getattr(row, column):
            problems.add(
                f"differs from row {first}, which has the same title and url; a resource's "
                "details must be the same on each of its rows",
                number,
                column,
            )
    held = {(c.framework, c.capability): c for c in found.coverage}
    again = [c.code for c in coverage if (c.framework, c.capability) in held]
    if again:
        problems.add(
            f"{_listing(again)} already covered for this resource (same title and url) in an "
            "earlier row; give each capability once, with its range of levels",
            number,
            "capabilities",
        )
    found.coverage.extend(c for c in coverage if (c.framework, c.capability) not in held)
    found.rows.append(number)


def _what(column: str) -> str:
    return {"framework": "framework", "capabilities": "capability codes", "levels": "levels"}[
        column
    ]


def _listing(codes: list[str]) -> str:
    return ", ".join(codes) if len(codes) < 2 else ", ".join(codes[:-1]) + " or " + codes[-1]


def _shown(value: str, limit: int = 40) -> str:
    """A cell's value short enough to quote in a problem, on one line."""
    flat = " ".join(value.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


# Writing ----------------------------------------------------------------------------------


def format_levels(low: int, high: int) -> str:
    """
    >>> format_levels(2, 2), format_levels(1, 3)
    ('2', '1-3')
    """
    return str(low) if low == high else f"{low}-{high}"


def format_pounds(cost: Decimal) -> str:
    """
    >>> format_pounds(Decimal("0.00")), format_pounds(Decimal("120.00"))
    ('0', '120')
    >>> format_pounds(Decimal("49.5"))
    '49.50'
    """
    return f"{cost:.0f}" if cost == cost.to_integral_value() else f"{cost:.2f}"


def write_catalogue(resources: Iterable[ResourceRecord]) -> str:
    """The catalogue as CSV text that ``read_catalogue`` reads back to the same records.

    Each resource takes one row for each framework and range of levels it covers (one row with
    the coverage columns blank if it covers nothing).
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for resource in resources:
        details = [
            resource.title,
            resource.provider,
            resource.url,
            resource.description,
            resource.format,
            str(resource.duration_minutes),
            format_pounds(resource.cost_pounds),
        ]
        groups: dict[tuple[str, int, int], list[str]] = {}
        for c in resource.coverage:
            groups.setdefault((c.framework, c.level_from, c.level_to), []).append(c.code)
        if not groups:
            writer.writerow([formula_guarded(cell) for cell in [*details, "", "", ""]])
        for (framework, low, high), codes in groups.items():
            coverage = [framework, CODE_SEPARATOR.join(codes), format_levels(low, high)]
            writer.writerow([formula_guarded(cell) for cell in [*details, *coverage]])
    return out.getvalue()
