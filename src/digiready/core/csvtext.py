"""Reading an uploaded CSV file's text and rows, with the problems people actually meet
(UTF-16 or Windows-1252 exports from Excel, an empty file, an unclosed quote) described in
words they can act on. Import parsers pass a function that records a problem where it is
(``report(reason, row)``). No Django here."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence

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
