"""The flat CSV format: a framework version as one row per capability level.

It is for authors who write and review frameworks in Excel or LibreOffice; docs/frameworks-csv.md
describes it for them. ``export_csv`` and ``import_csv`` convert to and from the records in
``content``, and an import either gives a whole framework or raises ``FrameworkFormatError``
listing every problem in the file, each with the row number a spreadsheet shows.

>>> fw = import_csv(
...     "framework_title,framework_version,framework_subject,framework_publisher,"
...     "framework_licence,framework_licence_uri,framework_description,level_names,domain_code,"
...     "domain_title,domain_description,capability_code,capability_title,"
...     "capability_description,level,statement\\r\\n"
...     "Digital skills,1.0,person,,,,,Basic | Advanced,DL,Data,,DL.1,Spreadsheets,,1,"
...     "I can sort a table\\r\\n"
...     "Digital skills,1.0,person,,,,,Basic | Advanced,DL,Data,,DL.1,Spreadsheets,,2,"
...     "=I can write a formula\\r\\n"
... )
>>> [(level.number, level.statement) for _, level in fw.levels()]
[(1, 'I can sort a table'), (2, '=I can write a formula')]
>>> "'=I can write a formula" in export_csv(fw)
True
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from dataclasses import dataclass, field

from digiready.core.exports import FORMULA_STARTS
from digiready.frameworks.content import (
    CapabilityData,
    DomainData,
    FrameworkData,
    FrameworkFormatError,
    LevelData,
    Subject,
    derived_uuid,
)

CSV_COLUMNS: tuple[str, ...] = (
    "framework_title",
    "framework_version",
    "framework_subject",
    "framework_publisher",
    "framework_licence",
    "framework_licence_uri",
    "framework_description",
    "level_names",
    "domain_code",
    "domain_title",
    "domain_description",
    "capability_code",
    "capability_title",
    "capability_description",
    "level",
    "statement",
    "framework_id",
    "domain_id",
    "capability_id",
    "level_id",
    "framework_lineage",
    "domain_lineage",
    "capability_lineage",
)

# Repeated on every row; every row must say the same.
FRAMEWORK_COLUMNS: tuple[str, ...] = (*CSV_COLUMNS[:8], "framework_id", "framework_lineage")
# Everything that belongs to a capability or its level: all blank marks a domain with none.
CAPABILITY_COLUMNS: tuple[str, ...] = (
    "capability_code",
    "capability_title",
    "capability_description",
    "capability_id",
    "capability_lineage",
    "level",
    "statement",
    "level_id",
)
DOMAIN_AGREEING = ("domain_title", "domain_description", "domain_id", "domain_lineage")
CAPABILITY_AGREEING = (
    "capability_title",
    "capability_description",
    "capability_id",
    "capability_lineage",
)
REQUIRED_AGREEING = frozenset({"domain_title", "capability_title"})
ID_COLUMNS = ("framework_id", "domain_id", "capability_id", "level_id")
LINEAGE_COLUMNS = ("framework_lineage", "domain_lineage", "capability_lineage")
# An author starting a framework from scratch need not add these; blank means "make one".
OPTIONAL_COLUMNS = frozenset((*ID_COLUMNS, *LINEAGE_COLUMNS))
SUBJECTS: tuple[Subject, ...] = ("person", "organisation")
LEVEL_SEPARATOR = " | "
MAX_STATEMENT = 1000

UUID_PATTERN = re.compile(
    r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
)
# ASCII digits only: int() would also take other scripts' digits, which no spreadsheet writes.
WHOLE_NUMBER = re.compile(r"[0-9]{1,6}")
SAVE_AS_UTF8 = (
    'save it from Excel as "CSV UTF-8 (Comma delimited)", or from LibreOffice as '
    '"Text CSV" with the character set "Unicode (UTF-8)"'
)


def formula_guarded(text: str) -> str:
    """``text`` as a cell no spreadsheet runs as a formula; ``formula_unguarded`` undoes it.

    Unlike ``core.exports.spreadsheet_safe``, text that already starts with quotes before a
    formula character gets one more, so that reading the file back is exact.

    >>> formula_guarded("=SUM(A1:A3)"), formula_guarded("'=x"), formula_guarded("it's")
    ("'=SUM(A1:A3)", "''=x", "it's")
    """
    return f"'{text}" if text.lstrip("'").startswith(FORMULA_STARTS) else text


def formula_unguarded(cell: str) -> str:
    """The text ``formula_guarded`` was given.

    >>> formula_unguarded("'=SUM(A1:A3)"), formula_unguarded("''=x"), formula_unguarded("'tis")
    ('=SUM(A1:A3)', "'=x", "'tis")
    """
    guarded = cell.startswith("'") and cell.lstrip("'").startswith(FORMULA_STARTS)
    return cell[1:] if guarded else cell


# Export


def export_csv(fw: FrameworkData) -> str:
    """The framework as CSV text: a header row, then one row per level in framework order.

    A capability with no levels is one row with ``level`` and ``statement`` blank, and a domain
    with no capabilities one row with every capability column blank.
    """
    unwritable = [
        f"level_names: level {number}'s name "
        + ("is blank" if not name.strip() else f'"{name}" contains "|", which separates names')
        for number, name in enumerate(fw.level_names, start=1)
        if not name.strip() or "|" in name
    ]
    if unwritable:
        raise FrameworkFormatError(unwritable)

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    framework = {
        "framework_title": fw.title,
        "framework_version": fw.version,
        "framework_subject": fw.subject,
        "framework_publisher": fw.publisher,
        "framework_licence": fw.licence,
        "framework_licence_uri": fw.licence_uri,
        "framework_description": fw.description,
        "level_names": LEVEL_SEPARATOR.join(fw.level_names),
        "framework_id": fw.identifier,
        "framework_lineage": fw.lineage,
    }
    for domain in fw.domains:
        in_domain = framework | {
            "domain_code": domain.code,
            "domain_title": domain.title,
            "domain_description": domain.description,
            "domain_id": domain.identifier,
            "domain_lineage": domain.lineage,
        }
        if not domain.capabilities:
            writer.writerow(_cells(in_domain))
        for cap in domain.capabilities:
            in_capability = in_domain | {
                "capability_code": cap.code,
                "capability_title": cap.title,
                "capability_description": cap.description,
                "capability_id": cap.identifier,
                "capability_lineage": cap.lineage,
            }
            if not cap.levels:
                writer.writerow(_cells(in_capability))
            for level in cap.levels:
                level_cells = {
                    "level": str(level.number),
                    "statement": level.statement,
                    "level_id": level.identifier,
                }
                writer.writerow(_cells(in_capability | level_cells))
    return out.getvalue()


def _cells(values: dict[str, str]) -> list[str]:
    return [formula_guarded(values.get(column, "")) for column in CSV_COLUMNS]


# Import


def import_csv(data: bytes | str, *, source: str = "file") -> FrameworkData:
    """The framework in a CSV file, as a draft; raises ``FrameworkFormatError`` for a bad file.

    ``source`` names the file in the problems, e.g. "frameworks.csv: row 7, level: …".
    """
    problems = _Problems(source)
    text = _decode(data, problems)
    records = _records(text, problems) if text is not None else None
    header = _header(records[0], problems) if records else None
    if records is None or header is None or problems:
        raise problems.error()
    rows = _rows(header, records[1:], problems)
    if not rows:
        if not problems:
            problems.add("no rows under the header; a framework needs at least one domain", 0)
        raise problems.error()
    framework = _FrameworkReader(rows, problems, every_row=not problems)
    fw = framework.read()
    if problems or fw is None:
        raise problems.error()
    return fw


@dataclass
class _Problems:
    source: str
    found: dict[str, tuple[int, int]] = field(default_factory=dict)  # message: where, to sort

    def add(self, reason: str, row: int, column: str = "") -> None:
        where = f"row {row}, {column}: " if column else f"row {row}: " if row else ""
        order = CSV_COLUMNS.index(column) if column in CSV_COLUMNS else -1
        self.found.setdefault(f"{self.source}: {where}{reason}", (row, order))

    def __bool__(self) -> bool:
        return bool(self.found)

    def error(self) -> FrameworkFormatError:
        # Sorted by row then column, so the list reads down the sheet as the author will fix it.
        return FrameworkFormatError(sorted(self.found, key=self.found.__getitem__))


def _decode(data: bytes | str, problems: _Problems) -> str | None:
    if isinstance(data, str):
        text = data.removeprefix("\ufeff")
    else:
        raw = bytes(data)
        if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            problems.add(f"this is UTF-16 text, not UTF-8; {SAVE_AS_UTF8}", 0)
            return None
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            problems.add(
                f"not UTF-8 text (byte {exc.start + 1:,} cannot be read); {SAVE_AS_UTF8}", 0
            )
            return None
    if not text.strip():
        problems.add(
            "the file is empty; its first row must be the header naming the columns "
            + ", ".join(CSV_COLUMNS),
            0,
        )
        return None
    return text


def _records(text: str, problems: _Problems) -> list[list[str]] | None:
    records: list[list[str]] = []
    # Strict, so that a stray quote mark is reported where it is instead of swallowing the
    # rest of the file into one cell.
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        records.extend(reader)
    except csv.Error as exc:
        # The csv module's limit on one cell; far beyond any real cell, so most likely a quote
        # mark left open.
        too_long = "field limit" in str(exc)
        reason = "a cell is too long to read" if too_long else f"cannot be read as CSV ({exc})"
        problems.add(
            f"{reason}; look for a quote mark that is not closed, or text straight after a "
            "closing quote",
            len(records) + 1,
        )
        return None
    return records


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def _header(cells: list[str], problems: _Problems) -> list[str] | None:
    header = [cell.strip() for cell in cells]
    # Spreadsheets sometimes save empty columns to the right of the table.
    while header and not header[-1]:
        header.pop()
    known = set(CSV_COLUMNS)
    if len(header) == 1 and any(sep in header[0] for sep in ";\t"):
        problems.add(
            f"the columns are separated by semicolons or tabs, not commas; {SAVE_AS_UTF8}", 1
        )
        return None
    if not known.intersection(header):
        problems.add(
            "the first row must be the header naming the columns " + ", ".join(CSV_COLUMNS), 1
        )
        return None
    seen: dict[str, int] = {}
    for index, name in enumerate(header):
        where = f"column {_column_letter(index)}"
        if not name:
            problems.add("blank column name; remove the column or name it", 1, where)
        elif name not in known:
            close = [c for c in CSV_COLUMNS if c.lower() == name.lower()]
            close = close or difflib.get_close_matches(name, CSV_COLUMNS, n=1)
            hint = f' (did you mean "{close[0]}"?)' if close else ""
            problems.add(f'unknown column "{_shown(name)}"{hint}', 1, where)
        elif name in seen:
            first = _column_letter(seen[name])
            problems.add(f'"{name}" is also column {first}; each column appears once', 1, where)
        else:
            seen[name] = index
    for name in CSV_COLUMNS:
        if name not in seen and name not in OPTIONAL_COLUMNS:
            problems.add(f'missing column "{name}"', 1)
    return None if problems else header


@dataclass
class _Row:
    number: int  # as a spreadsheet shows it: the header is row 1
    cells: dict[str, str]
    level: int | None = None  # set once the level cell has been read and is valid

    def __getitem__(self, column: str) -> str:
        return self.cells.get(column, "")


def _rows(header: list[str], records: list[list[str]], problems: _Problems) -> list[_Row]:
    rows = []
    for number, record in enumerate(records, start=2):
        if not any(cell.strip() for cell in record):
            continue  # blank rows are spacing, not data
        if len(record) < len(header) or any(cell.strip() for cell in record[len(header) :]):
            width = len(record)
            while width > len(header) and not record[width - 1].strip():
                width -= 1
            problems.add(
                f"has {width} cells, but the header has {len(header)}; check for a missing or "
                "extra comma",
                number,
            )
            continue
        cells = {
            name: formula_unguarded(cell.strip())
            for name, cell in zip(header, record, strict=False)
        }
        rows.append(_Row(number, cells))
    return rows


def _shown(value: str, limit: int = 40) -> str:
    """A cell's value short enough to quote in a problem, on one line."""
    flat = " ".join(value.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


@dataclass
class _Domain:
    code: str
    first: _Row
    last: _Row
    capabilities: list[_Capability] = field(default_factory=list)
    empty_rows: list[_Row] = field(default_factory=list)  # rows with every capability cell blank
    split: bool = False  # its rows are not together, already reported


@dataclass
class _Capability:
    code: str
    domain: str
    first: _Row
    last: _Row
    rows: list[_Row] = field(default_factory=list)
    split: bool = False
    elsewhere: set[str] = field(default_factory=set)  # other domains it was found under


class _FrameworkReader:
    """Checks the rows against each other and, when nothing is wrong, builds the framework."""

    def __init__(self, rows: list[_Row], problems: _Problems, *, every_row: bool) -> None:
        self.rows = rows
        # False when some rows could not be read; a level may then only seem to be missing.
        self.every_row = every_row
        self.problems = problems
        self.first = rows[0]
        self.level_count = 0
        self.domains: dict[str, _Domain] = {}
        self.capabilities: dict[str, _Capability] = {}
        self.bad_levels: set[str] = set()  # capabilities with an unreadable level cell

    def add(self, row: _Row, column: str, reason: str) -> None:
        self.problems.add(reason, row.number, column)

    def read(self) -> FrameworkData | None:
        self.check_framework()
        placed = [row for row in self.rows if self.check_row(row)]
        self.every_row = self.every_row and len(placed) == len(self.rows)
        self.group(placed)
        for capability in self.capabilities.values():
            if capability.code not in self.bad_levels:
                self.check_levels(capability)
        for domain in self.domains.values():
            if domain.capabilities:
                for row in domain.empty_rows:
                    self.add(
                        row,
                        "capability_code",
                        f'blank, but domain "{_shown(domain.code)}" has capabilities in other '
                        "rows; a row with no capability is only for a domain that has none",
                    )
        fw = self.build()
        self.check_identifiers(fw)
        return None if self.problems else fw

    # Framework columns

    def check_framework(self) -> None:
        first = self.first
        for column in ("framework_title", "framework_version"):
            if not first[column]:
                self.add(first, column, "required")
        subject = first["framework_subject"]
        if subject not in SUBJECTS:
            shown = f'not "{_shown(subject)}"' if subject else "not blank"
            self.add(first, "framework_subject", f'must be "person" or "organisation", {shown}')
        names = self.level_names()
        self.level_count = len(names)
        for number, name in enumerate(names, start=1):
            if not name:
                self.add(
                    first,
                    "level_names",
                    f'level {number}\'s name is blank; separate the names with " | "',
                )
            elif names.index(name) + 1 < number:
                self.add(first, "level_names", f'"{_shown(name)}" is named twice')
        self.check_uuid(first, "framework_id")
        self.check_uuid(first, "framework_lineage")
        for row in self.rows[1:]:
            for column in FRAMEWORK_COLUMNS:
                if row[column] != first[column]:
                    said = f'"{_shown(row[column])}"' if row[column] else "blank"
                    was = f'"{_shown(first[column])}"' if first[column] else "blank"
                    self.add(
                        row,
                        column,
                        f"{said}, but row {first.number} has {was}; the framework columns "
                        "are the same on every row",
                    )

    def level_names(self) -> list[str]:
        joined = self.first["level_names"]
        return [name.strip() for name in joined.split("|")] if joined else []

    # One row on its own

    def check_row(self, row: _Row) -> bool:
        """Report what is wrong with ``row`` alone; False when it cannot be placed at all."""
        for column in (*ID_COLUMNS[1:], *LINEAGE_COLUMNS):
            self.check_uuid(row, column)
        for column in ("domain_code", "domain_title"):
            if not row[column]:
                self.add(row, column, "required")
        if not any(row[column] for column in CAPABILITY_COLUMNS):
            return bool(row["domain_code"])  # a domain with no capabilities
        for column in ("capability_code", "capability_title"):
            if not row[column]:
                self.add(row, column, "required")
        self.check_level(row)
        return bool(row["domain_code"] and row["capability_code"])

    def check_uuid(self, row: _Row, column: str) -> None:
        value = row[column]
        if value and not UUID_PATTERN.fullmatch(value):
            self.add(
                row,
                column,
                f'"{_shown(value)}" is not a UUID (like 123e4567-e89b-42d3-a456-426614174000); '
                "leave it blank for a new identifier",
            )

    def check_level(self, row: _Row) -> None:
        level, statement = row["level"], row["statement"]
        count = self.level_count
        if not level:
            if statement:
                self.add(row, "level", "blank, but the row has a statement; say which level it is")
            if row["level_id"]:
                self.add(row, "level_id", "given, but level is blank")
            return
        if not statement:
            self.add(row, "statement", "required when level is given")
        elif len(statement) > MAX_STATEMENT:
            self.add(
                row,
                "statement",
                f"{len(statement):,} characters; a statement has at most {MAX_STATEMENT:,}",
            )
        number = int(level) if WHOLE_NUMBER.fullmatch(level) else 0
        if 1 <= number <= count:
            row.level = number
            return
        self.bad_levels.add(row["capability_code"])
        if count:
            scale = f"{count} level" + ("s" if count != 1 else "")
            self.add(
                row, "level", f"must be a whole number from 1 to {count} (the scale has {scale})"
            )
        else:
            self.add(
                row, "level", "must be blank: level_names is blank, so the scale has no levels"
            )

    # Rows against each other

    def group(self, rows: list[_Row]) -> None:
        previous_domain = previous_capability = ""
        for row in rows:
            code = row["domain_code"]
            domain = self.domains.get(code)
            if domain is None:
                domain = self.domains[code] = _Domain(code, row, row)
            else:
                if previous_domain != code and not domain.split:
                    domain.split = True
                    self.add(
                        row,
                        "domain_code",
                        f'domain "{_shown(code)}" is also in row {domain.last.number}, with other '
                        "domains' rows between; keep each domain's rows together",
                    )
                self.agree(row, domain.first, DOMAIN_AGREEING, f'domain "{_shown(code)}"')
            domain.last = row
            previous_domain = code
            if not row["capability_code"]:
                domain.empty_rows.append(row)
                previous_capability = ""
                continue
            self.place(row, domain, previous_capability)
            previous_capability = row["capability_code"]

    def place(self, row: _Row, domain: _Domain, previous: str) -> None:
        code = row["capability_code"]
        shown = f'capability "{_shown(code)}"'
        capability = self.capabilities.get(code)
        if capability is None:
            capability = self.capabilities[code] = _Capability(code, domain.code, row, row)
            domain.capabilities.append(capability)
        elif capability.domain != domain.code:
            if domain.code not in capability.elsewhere:
                capability.elsewhere.add(domain.code)
                self.add(
                    row,
                    "capability_code",
                    f'{shown} is under domain "{_shown(capability.domain)}" in row '
                    f"{capability.first.number}; a capability belongs to one domain",
                )
            return
        else:
            if previous != code and not capability.split:
                capability.split = True
                self.add(
                    row,
                    "capability_code",
                    f"{shown} is also in row {capability.last.number}, with other rows between; "
                    "keep each capability's rows together",
                )
            self.agree(row, capability.first, CAPABILITY_AGREEING, shown)
        capability.rows.append(row)
        capability.last = row

    def agree(self, row: _Row, first: _Row, columns: tuple[str, ...], what: str) -> None:
        for column in columns:
            value, expected = row[column], first[column]
            if value == expected or (column in REQUIRED_AGREEING and not (value and expected)):
                continue
            if column in OPTIONAL_COLUMNS and not all(map(_uuid_or_blank, (value, expected))):
                continue  # not a UUID is reported already, once for the cell that is wrong
            said = f'"{_shown(value)}"' if value else "blank"
            was = f'"{_shown(expected)}"' if expected else "blank"
            self.add(
                row,
                column,
                f"{said}, but row {first.number} has {was} for {what}; every row of it must "
                "say the same",
            )

    def check_levels(self, capability: _Capability) -> None:
        rows = capability.rows
        shown = f'capability "{_shown(capability.code)}"'
        count = self.level_count
        if len(rows) == 1 and rows[0].level is None:
            return  # a capability with no levels
        whole = f"one row for each level from 1 to {count}" if count else "no levels"
        for row in rows:
            if row.level is None:
                self.add(
                    row,
                    "level",
                    f"blank, but {shown} has other rows; a capability has either one row with "
                    f"level blank, or {whole}",
                )
        numbered = _numbered(rows)
        seen: dict[int, int] = {}
        for row, number in numbered:
            if number in seen:
                self.add(row, "level", f"{shown} already has level {number} in row {seen[number]}")
            else:
                seen[number] = row.number
        missing = [number for number in range(1, count + 1) if number not in seen]
        if not self.every_row or capability.elsewhere:
            return  # some of its rows were not read, so levels may only seem to be missing
        if numbered and missing:
            listed = ", ".join(str(number) for number in missing)
            self.add(
                capability.first,
                "level",
                f"{shown} has no row for level{'s' if len(missing) > 1 else ''} {listed}; a "
                f"capability with levels needs {whole}",
            )
        elif len(seen) == len(numbered) and not capability.split:
            for expected, (row, number) in enumerate(numbered, start=1):
                if number != expected:
                    self.add(
                        row,
                        "level",
                        f"level {number} comes where level {expected} should; put {shown}'s "
                        f"levels in order from 1 to {count}",
                    )
                    break

    # The framework

    def build(self) -> FrameworkData:
        """The framework the rows describe, built even when there are problems so that the
        identifiers can still be checked; rows that could not be placed are left out."""
        first = self.first
        title, version = first["framework_title"], first["framework_version"]

        def identifier(row: _Row, column: str, *parts: str) -> str:
            return row[column].lower() or derived_uuid(title, version, *parts)

        fw_id = identifier(first, "framework_id")
        subject: Subject = (
            "organisation" if first["framework_subject"] == "organisation" else "person"
        )
        fw = FrameworkData(
            identifier=fw_id,
            lineage=first["framework_lineage"].lower() or fw_id,
            title=title,
            version=version,
            subject=subject,
            status="draft",
            publisher=first["framework_publisher"],
            description=first["framework_description"],
            licence=first["framework_licence"],
            licence_uri=first["framework_licence_uri"],
            level_names=self.level_names(),
        )
        for domain in self.domains.values():
            row = domain.first
            domain_id = identifier(row, "domain_id", domain.code)
            data = DomainData(
                identifier=domain_id,
                lineage=row["domain_lineage"].lower() or domain_id,
                code=domain.code,
                title=row["domain_title"],
                description=row["domain_description"],
            )
            for capability in domain.capabilities:
                row = capability.first
                cap_id = identifier(row, "capability_id", capability.code)
                levels = [
                    LevelData(
                        number=number,
                        statement=level_row["statement"],
                        identifier=identifier(level_row, "level_id", capability.code, str(number)),
                    )
                    for level_row, number in _numbered(capability.rows)
                ]
                data.capabilities.append(
                    CapabilityData(
                        identifier=cap_id,
                        lineage=row["capability_lineage"].lower() or cap_id,
                        code=capability.code,
                        title=row["capability_title"],
                        description=row["capability_description"],
                        levels=levels,
                    )
                )
            fw.domains.append(data)
        return fw

    def check_identifiers(self, fw: FrameworkData) -> None:
        """Every node has its own identifier, and no two domains or capabilities one lineage."""
        owners: dict[str, tuple[_Row, str, tuple[str, ...]]] = {}

        def claim(value: str, row: _Row, column: str, *node: str) -> bool:
            """False when another node already has ``value``, which is then reported."""
            if row[column] and not UUID_PATTERN.fullmatch(row[column]):
                return True  # already reported as not a UUID
            owner_row, owner_column, owner_node = owners.setdefault(value, (row, column, node))
            if owner_node == node:
                return True  # the same node, or a level given twice, which is reported already
            made = (
                ""
                if row[column]
                else " (made from framework_title, framework_version and the code, because the "
                "cell is blank; fill it in or change a code)"
            )
            self.add(
                row,
                column,
                f"the same identifier as {owner_column} in row {owner_row.number}{made}; every "
                "domain, capability and level has its own",
            )
            return False

        claim(fw.identifier, self.first, "framework_id", "framework")
        lineages: dict[tuple[str, str], _Row] = {}
        for domain, data in zip(self.domains.values(), fw.domains, strict=True):
            if claim(data.identifier, domain.first, "domain_id", "domain", domain.code):
                self.claim_lineage(lineages, data.lineage, domain.first, "domain")
            for capability, cap in zip(domain.capabilities, data.capabilities, strict=True):
                code = capability.code
                if claim(cap.identifier, capability.first, "capability_id", "capability", code):
                    self.claim_lineage(lineages, cap.lineage, capability.first, "capability")
                level_rows = [row for row, _ in _numbered(capability.rows)]
                for row, level in zip(level_rows, cap.levels, strict=True):
                    claim(level.identifier, row, "level_id", "level", code, str(level.number))

    def claim_lineage(
        self, lineages: dict[tuple[str, str], _Row], value: str, row: _Row, kind: str
    ) -> None:
        if not UUID_PATTERN.fullmatch(value):
            return  # already reported as not a UUID
        owner = lineages.setdefault((kind, value), row)
        if owner is not row:
            self.add(
                row,
                f"{kind}_lineage",
                f"the same lineage as the {kind} in row {owner.number}; two "
                f"{'capabilities' if kind == 'capability' else 'domains'} of one version cannot "
                "continue the same one",
            )


def _uuid_or_blank(value: str) -> bool:
    return not value or bool(UUID_PATTERN.fullmatch(value))


def _numbered(rows: list[_Row]) -> list[tuple[_Row, int]]:
    return [(row, row.level) for row in rows if row.level is not None]
