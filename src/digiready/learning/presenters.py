"""A learning resource's time, cost and levels in words."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}" + ("" if count == 1 else "s")


def format_duration(minutes: int) -> str:
    """
    >>> format_duration(45), format_duration(60), format_duration(150), format_duration(2160)
    ('45 minutes', '1 hour', '2 hours 30 minutes', '36 hours')
    >>> format_duration(1)
    '1 minute'
    """
    hours, rest = divmod(minutes, 60)
    if not hours:
        return _plural(rest, "minute")
    return _plural(hours, "hour") + (f" {_plural(rest, 'minute')}" if rest else "")


def format_cost(pounds: Decimal) -> str:
    """
    >>> format_cost(Decimal("0.00")), format_cost(Decimal("120")), format_cost(Decimal("1249.5"))
    ('Free', '£120', '£1,249.50')
    """
    if pounds == 0:
        return "Free"
    if pounds == pounds.to_integral_value():
        return f"£{pounds:,.0f}"
    return f"£{pounds:,.2f}"


def level_name(number: int, names: Sequence[str]) -> str:
    """
    >>> level_name(2, ["Foundation", "Intermediate"]), level_name(3, ["Foundation"])
    ('Intermediate', 'level 3')
    """
    return names[number - 1] if 1 <= number <= len(names) else f"level {number}"


def format_levels(low: int, high: int, names: Sequence[str]) -> str:
    """
    >>> names = ["Foundation", "Intermediate", "Advanced", "Expert"]
    >>> format_levels(2, 2, names), format_levels(1, 3, names)
    ('Intermediate', 'Foundation to Advanced')
    """
    if low == high:
        return level_name(low, names)
    return f"{level_name(low, names)} to {level_name(high, names)}"
