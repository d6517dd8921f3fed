"""Who is heard: each group's share of contributions against its share of the workforce.

A group is flagged as under-represented (one of the "lost tribes") when it gives less than half
the contributions its share of the workforce would suggest, and enough contributions were
expected for the shortfall to mean something (at least 5), so that a tiny profession with no
contribution yet is not flagged on noise alone. Contributions that do not say which group they
come from are left out of the shares. No Django here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

UNDER_REPRESENTED_RATIO = 0.5
MIN_EXPECTED = 5.0


@dataclass(frozen=True)
class Representation:
    code: str
    contributions: int
    headcount: int
    contribution_share: float | None  # 0 to 1, of contributions that named a group
    workforce_share: float  # 0 to 1
    expected: float  # contributions the group would give in proportion to its headcount

    @property
    def ratio(self) -> float | None:
        """Contribution share over workforce share: 1 is heard in proportion."""
        if self.contribution_share is None or self.workforce_share == 0:
            return None
        return self.contribution_share / self.workforce_share

    @property
    def under_represented(self) -> bool:
        return (
            self.expected >= MIN_EXPECTED
            and self.contributions < UNDER_REPRESENTED_RATIO * self.expected
        )


def representation(
    contributions: Mapping[str, int], headcount: Mapping[str, int]
) -> list[Representation]:
    """Every group in the workforce, the least heard (lowest ratio) first."""
    staff = sum(headcount.values())
    named = sum(n for code, n in contributions.items() if code and code in headcount)
    rows = []
    for code, people in headcount.items():
        if people <= 0 or staff == 0:
            continue
        given = contributions.get(code, 0)
        share = people / staff
        rows.append(
            Representation(
                code=code,
                contributions=given,
                headcount=people,
                contribution_share=given / named if named else None,
                workforce_share=share,
                expected=share * named,
            )
        )
    return sorted(rows, key=lambda r: (r.ratio if r.ratio is not None else 0.0, -r.headcount))
