"""Reading an uploaded CSV file's text and rows, with the problems people actually meet
(UTF-16 or Windows-1252 exports from Excel, an empty file, an unclosed quote) described in
words they can act on. Import parsers pass a function that records a problem where it is
(``report(reason, row)``). No Django here."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

SAVE_AS_UTF8 = (
    'save it from Excel as "CSV UTF-8 (Comma delimited)", or from LibreOffice as '
    '"Text CSV" with the character set "Unicode (UTF-8)"'
)
Report = Callable[..., None]


def decode(data: bytes | str, report: Report, *, columns: Sequence[str]) -> str | None:
    """The file's text without a byte-order mark, or None (reported) if it cannot be read."""
    if isinstance(data, str):
        text = data.removeprefix("\ufeff")
    else:
        raw = bytes(data)
        if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            report(f"this is UTF-16 text, not UTF-8; {SAVE_AS_UTF8}")
            return None
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            report(f"not UTF-8 text (byte {exc.start + 1:,} cannot be read); {SAVE_AS_UTF8}")
            return None
    if not text.strip():
        report(
            "the file is empty; its first row must be the header naming the columns "
            + ", ".join(columns)
        )
        return None
    return text


def records(text: str, report: Report) -> list[list[str]] | None:
    """The file's rows, or None (reported with the row it stopped at) if it is not CSV."""
    rows: list[list[str]] = []
    # Strict, so that a stray quote mark is reported where it is instead of swallowing the
    # rest of the file into one cell.
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        rows.extend(reader)
    except csv.Error as exc:
        report(
            f"cannot be read as CSV ({exc}); look for a quote mark that is not closed",
            len(rows) + 1,
        )
        return None
    return rows


@dataclass
class Problems:
    """Every problem of one file, each once, as "file, row N, column: why"."""

    source: str
    columns: Sequence[str] = ()  # the format's columns, in the order problems are listed
    names: dict[str, str] = field(default_factory=dict)  # column: as the file's header has it
    found: dict[str, tuple[int, int]] = field(default_factory=dict)  # message: where, to sort

    def add(self, reason: str, row: int = 0, column: str = "") -> None:
        where = f", row {row}" if row else ""
        where += f", {self.names.get(column, column)}" if column else ""
        order = list(self.columns).index(column) if column in self.columns else -1
        self.found.setdefault(f"{self.source}{where}: {reason}", (row, order))

    def __bool__(self) -> bool:
        return bool(self.found)

    def in_order(self) -> list[str]:
        """Sorted by row then column, so the list reads down the sheet as it will be fixed."""
        return sorted(self.found, key=self.found.__getitem__)
