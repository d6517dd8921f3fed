"""Disclosure control for counts and shares of people (ANALYTICS.md section 2).

Pure Python: every page, export and report that shows a count of people by group formats it
through these functions, so a small group is never shown.
"""

from __future__ import annotations

SUPPRESSED = "*"
MIN_BASE = 10  # section 2.1: no percentage for fewer than 10 respondents


def safe_count(n: int, *, national: bool = False) -> str:
    """A count of people as it may be shown (section 2.2).

    Nationally a count is shown as it is; below national level 0 stays 0, 1 to 7 is
    suppressed, and anything else is rounded to the nearest 5.

    >>> [safe_count(n) for n in (0, 1, 7, 8, 12, 13, 1234)]
    ['0', '*', '*', '10', '10', '15', '1,235']
    >>> safe_count(3, national=True)
    '3'
    """
    if national or n == 0:
        return f"{n:,}"
    if n <= 7:
        return SUPPRESSED
    return f"{5 * round(n / 5):,}"


def safe_share(part: int, base: int) -> str:
    """A percentage, or the suppression mark when the base is under 10 (section 2.1, 2.4).

    >>> safe_share(3, 9), safe_share(3, 10), safe_share(1, 3000), safe_share(1, 4000)
    ('*', '30%', '0%', '0.0%')
    """
    if base < MIN_BASE:
        return SUPPRESSED
    share = 100 * part / base
    return f"{share:.1f}%" if base >= 4000 else f"{share:.0f}%"
