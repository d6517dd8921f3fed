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
    if national:
        return f"{n:,}"
    shown = shown_count(n)
    return SUPPRESSED if shown is None else f"{shown:,}"


def shown_count(n: int) -> int | None:
    """The number a sub-national count is shown as, or None where it is suppressed.

    >>> [shown_count(n) for n in (0, 1, 7, 8, 12, 13)]
    [0, None, None, 10, 10, 15]
    """
    if n == 0:
        return 0
    if n <= 7:
        return None
    return 5 * round(n / 5)


def safe_share(part: int, base: int) -> str:
    """A percentage, or the suppression mark when the base is under 10 (section 2.1, 2.4).

    >>> safe_share(3, 9), safe_share(3, 10), safe_share(1, 3000), safe_share(1, 4000)
    ('*', '30%', '0%', '0.0%')
    """
    if base < MIN_BASE:
        return SUPPRESSED
    share = 100 * part / base
    return f"{share:.1f}%" if base >= 4000 else f"{share:.0f}%"


def safe_count_share(part: int, whole: int) -> str:
    """One group's share of a whole when the counts are shown with ``safe_count``.

    It is hidden wherever the group's count is, and worked out from the counts as shown, so it
    cannot give back what suppression and rounding hide. A share of unrounded counts would:
    3% of 185 contributions gives away a group of 5 or 6 shown as "*" (sections 2.2 and 2.4).

    >>> safe_count_share(7, 185), safe_count_share(8, 185), safe_count_share(12, 185)
    ('*', '5%', '5%')
    >>> safe_count_share(0, 185), safe_count_share(9, 9), safe_count_share(185, 185)
    ('0%', '*', '100%')
    """
    if whole < MIN_BASE:
        return SUPPRESSED
    part_shown, whole_shown = shown_count(part), shown_count(whole)
    if part_shown is None or whole_shown is None:
        return SUPPRESSED
    return safe_share(part_shown, whole_shown)
