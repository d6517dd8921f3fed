"""Formatting for people: numbers with commas, percentages, dates, and the words for no data.

>>> format_number(1234567)
'1,234,567'
>>> format_number(None)
'No data'
>>> format_percentage(27.96)
'28%'
>>> format_percentage(27.96, places=1)
'28.0%'
>>> format_percentage(None)
'No data'
"""

import datetime as dt

NO_DATA = "No data"
SUPPRESSED = "*"


def format_number(value: int | float | None) -> str:
    if value is None:
        return NO_DATA
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.1f}"
    return f"{int(value):,}"


def format_percentage(value: float | None, places: int = 0) -> str:
    if value is None:
        return NO_DATA
    return f"{value:.{places}f}%"


def format_date(value: dt.date | dt.datetime | None) -> str:
    """A date as the NHS style guide writes it.

    >>> format_date(dt.date(2026, 4, 1))
    '1 April 2026'
    >>> format_date(None)
    'No date'
    """
    if value is None:
        return "No date"
    return f"{value.day} {value:%B %Y}"


def format_key_values(values: dict[str, object] | None) -> str:
    """A small mapping as words, skipping empty values.

    >>> format_key_values({"role": "analyst", "organisation": None})
    'role: analyst'
    """
    return ", ".join(f"{key}: {value}" for key, value in sorted((values or {}).items()) if value)
