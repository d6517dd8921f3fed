"""Choosing learning resources for the gaps in a person's report. No Django here.

A *gap* is one domain where a person is below the level their role expects; its *needs* are the
capabilities in it they have yet to reach, each from the level they are at to the level
expected. ``match_resources`` ranks resources for one gap:

1. exact: resources covering a needed capability at a needed level;
2. then, only while there are fewer than ``minimum``, resources covering a needed capability
   one level below or above what is needed ("neighbouring level");
3. then resources covering another capability of the same domain, at or next to the needed
   levels ("same domain").

Within each group: more of the needed capabilities covered first, then free before paid,
shorter before longer, then by title, so the same input always gives the same plan.

>>> from decimal import Decimal
>>> from uuid import UUID
>>> cap, other, domain = UUID(int=1), UUID(int=2), UUID(int=9)
>>> resources = [
...     Resource("a", "Paid course", 600, Decimal(90), (Covers(cap, domain, 2, 3),)),
...     Resource("b", "Free video", 20, Decimal(0), (Covers(cap, domain, 2, 2),)),
...     Resource("c", "Expert masterclass", 60, Decimal(0), (Covers(cap, domain, 4, 4),)),
... ]
>>> [(m.resource.title, m.kind) for m in match_resources([Need(cap, 1, 2, domain)], resources)]
[('Free video', 'exact'), ('Paid course', 'exact')]
>>> [(m.resource.title, m.kind) for m in match_resources([Need(cap, 2, 3, domain)], resources)]
[('Paid course', 'exact'), ('Free video', 'neighbouring level')]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal, NamedTuple
from uuid import UUID

MatchKind = Literal["exact", "neighbouring level", "same domain"]
EXACT: MatchKind = "exact"
NEIGHBOURING_LEVEL: MatchKind = "neighbouring level"
SAME_DOMAIN: MatchKind = "same domain"
KINDS: tuple[MatchKind, ...] = (EXACT, NEIGHBOURING_LEVEL, SAME_DOMAIN)


class Need(NamedTuple):
    """One capability of a gap: from the level reached (0: not yet) to the level to reach."""

    capability: UUID
    from_level: int
    to_level: int
    domain: UUID | None = None

    @property
    def levels(self) -> tuple[int, int]:
        """The levels still to reach, lowest first; at least the next level up."""
        low = max(self.from_level, 0) + 1
        return (low, max(self.to_level, low))


@dataclass(frozen=True)
class Covers:
    capability: UUID  # lineage
    domain: UUID  # lineage of the capability's domain
    level_from: int
    level_to: int


@dataclass(frozen=True)
class Resource:
    key: str  # unique in the catalogue
    title: str
    duration_minutes: int
    cost_pounds: Decimal
    coverage: tuple[Covers, ...] = ()

    @property
    def is_free(self) -> bool:
        return self.cost_pounds == 0


@dataclass(frozen=True)
class Match:
    resource: Resource
    kind: MatchKind
    capabilities: tuple[UUID, ...]  # the needed capabilities (or domain's) it was chosen for

    @property
    def fallback(self) -> bool:
        return self.kind != EXACT


def _distance(covers: Covers, low: int, high: int) -> int:
    """How many levels lie between a resource's levels and the levels needed; 0 if they meet."""
    return max(covers.level_from - high, low - covers.level_to, 0)


def _hits(resource: Resource, needs: Sequence[Need], kind: MatchKind) -> tuple[UUID, ...]:
    """The capabilities for which ``resource`` is a match of this kind, in the needs' order."""
    found: dict[UUID, None] = {}
    if kind == SAME_DOMAIN:
        domains = {need.domain for need in needs if need.domain is not None}
        if not domains:
            return ()
        low = min(need.levels[0] for need in needs)
        high = max(need.levels[1] for need in needs)
        for covers in resource.coverage:
            if covers.domain in domains and _distance(covers, low, high) <= 1:
                found[covers.capability] = None
        return tuple(found)
    wanted = 0 if kind == EXACT else 1
    for need in needs:
        low, high = need.levels
        for covers in resource.coverage:
            if covers.capability == need.capability and _distance(covers, low, high) == wanted:
                found[need.capability] = None
    return tuple(found)


def _ranked(resources: Iterable[Resource], needs: Sequence[Need], kind: MatchKind) -> list[Match]:
    matches = []
    for resource in resources:
        hits = _hits(resource, needs, kind)
        if hits:
            matches.append(Match(resource, kind, hits))
    return sorted(
        matches,
        key=lambda m: (
            -len(m.capabilities),
            not m.resource.is_free,
            m.resource.duration_minutes,
            m.resource.title.casefold(),
            m.resource.title,
            m.resource.key,
        ),
    )


def match_resources(
    needs: Sequence[Need] | Iterable[tuple[UUID, int, int]],
    resources: Iterable[Resource],
    *,
    minimum: int = 2,
    maximum: int = 5,
) -> list[Match]:
    """Up to ``maximum`` resources for one gap, best first; fallbacks only to reach ``minimum``.

    Each resource appears once, and every exact match comes before every fallback.
    """
    if not 0 <= minimum <= maximum:
        raise ValueError(f"need 0 <= minimum <= maximum, not {minimum} and {maximum}")
    wanted = [need if isinstance(need, Need) else Need(*need) for need in needs]
    unique: dict[str, Resource] = {}
    for resource in resources:
        unique.setdefault(resource.key, resource)
    chosen = _ranked(unique.values(), wanted, EXACT)[:maximum]
    for kind in (NEIGHBOURING_LEVEL, SAME_DOMAIN):
        if len(chosen) >= minimum:
            break
        taken = {match.resource.key for match in chosen}
        more = [m for m in _ranked(unique.values(), wanted, kind) if m.resource.key not in taken]
        chosen += more[: minimum - len(chosen)]
    return chosen


# What a personal report asks for, and what it gets back ------------------------------------


@dataclass
class Gap:
    """One domain of a person's report where they are below their role's expected level."""

    domain_lineage: UUID
    domain_title: str
    expected_level: int
    attained_level: int
    # Each capability of the domain by lineage, with the person's level in it (0: not yet).
    capabilities: list[tuple[UUID, int]] = field(default_factory=list)

    def needs(self) -> list[Need]:
        """The capabilities below the expected level; all of them if none is, since the domain
        as a whole still falls short."""
        below = [
            Need(lineage, level, self.expected_level, self.domain_lineage)
            for lineage, level in self.capabilities
            if level < self.expected_level
        ]
        return below or [
            Need(lineage, self.expected_level - 1, self.expected_level, self.domain_lineage)
            for lineage, _ in self.capabilities
        ]


@dataclass(frozen=True)
class CoveredCapability:
    code: str
    title: str
    level_from: int
    level_to: int
    levels: str  # in words, e.g. "Foundation to Intermediate"


@dataclass(frozen=True)
class PlannedResource:
    public_id: UUID
    title: str
    provider: str
    url: str
    description: str
    format: str  # its label, e.g. "E-learning"
    duration: str  # e.g. "2 hours 30 minutes"
    cost: str  # "Free" or e.g. "£120"
    covers: tuple[CoveredCapability, ...]  # in this framework version
    match: MatchKind
    # Fallbacks are offered only when too few resources match exactly; say so to the reader.
    fallback: bool


@dataclass(frozen=True)
class PlanEntry:
    gap: Gap
    resources: list[PlannedResource]
