"""Disclosure control: what a published table may show, and why anything in it is hidden.

ANALYTICS.md section 2, applied on the server when a page, API response, export or PDF is
built. ``protect`` is the one entry point: it takes a table of cells (each with its unweighted
respondents, its statistics and its parent in the published hierarchy) and returns what each
cell shows, what it hides and why, as a reason code and a sentence for the page. The parts are
public too: the count rule, the base rule, complementary suppression, the differencing guard
for filtered views, the trend rule and the gate for modelled estimates. No Django here.

A table is ``national`` when every figure in it is for England as a whole (a breakdown by
profession, staff group or band included); any table with an organisation, ICB or region in it
is ``subnational``. ``digiready.core.disclosure`` keeps its own small ``safe_count`` and
``safe_share`` for the consultation report; both follow the same rules.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

SUPPRESSED = "*"
NO_DATA = "No data"


class Level(StrEnum):
    NATIONAL = "national"
    SUBNATIONAL = "subnational"


class Kind(StrEnum):
    """What a statistic is, which decides its rules and its display (sections 2.3, 2.4)."""

    PERCENTAGE = "percentage"  # a share of people, such as attainment A
    MEAN_PERCENTAGE = "mean percentage"  # a mean on the 0-100 scale, such as maturity M
    MEAN = "mean"  # another mean, such as the 1-5 maturity level, shown to 1 decimal place

    @property
    def is_mean(self) -> bool:
        return self is not Kind.PERCENTAGE

    @property
    def is_percentage(self) -> bool:
        return self is not Kind.MEAN


class Reason(StrEnum):
    """Why a figure is not shown; each has a sentence for the page (``explain``)."""

    FEW_RESPONDENTS = "few-respondents"  # 2.1
    SMALL_COUNT = "small-count"  # 2.2
    FEW_CONTRIBUTORS = "few-contributors"  # 2.3
    COMPLEMENTARY = "complementary"  # 2.5
    DIFFERENCING = "differencing"  # 2.6
    NOT_PERMITTED = "not-permitted"  # 2.6
    TREND = "trend"  # 2.7


# Section 2.6: the dimension combinations a page may filter or break down by.
PERMITTED_VIEWS: frozenset[frozenset[str]] = frozenset(
    frozenset(dimensions)
    for dimensions in (
        (),
        ("region",),
        ("icb",),
        ("organisation",),
        ("staff_group",),
        ("profession",),
        ("band",),
        ("region", "staff_group"),
        ("icb", "staff_group"),
        ("organisation", "staff_group"),
        ("region", "profession"),
        ("icb", "profession"),
        ("organisation", "profession"),
        ("staff_group", "band"),
    )
)


@dataclass(frozen=True)
class Policy:
    """The thresholds of section 2. ``min_base`` is 10 (GPPS), or 11 beside NHS Staff Survey
    outputs; the others follow the NHS Digital HES rules."""

    min_base: int = 10  # 2.1
    min_contributors: int = 8  # 2.3
    largest_hidden_count: int = 7  # 2.2: 1 to 7 is shown as "*"
    count_rounding: int = 5  # 2.2
    one_decimal_base: int = 4000  # 2.4
    min_difference: int = 10  # 2.6: a difference of 1 to 9 people is refused
    modelled_min_respondents: int = 3  # 2.9
    modelled_max_shrinkage: float = 0.5  # 2.9
    permitted_views: frozenset[frozenset[str]] = PERMITTED_VIEWS

    def __post_init__(self) -> None:
        if self.min_base < 10:
            raise ValueError("the minimum base is at least 10 respondents (ANALYTICS.md 2.1)")
        if self.min_contributors < 8 or self.largest_hidden_count < 7:
            raise ValueError("the HES rules are the least protection allowed (2.2, 2.3)")


DEFAULT_POLICY = Policy()


@dataclass(frozen=True)
class Suppression:
    reason: Reason
    sentence: str


def explain(reason: Reason, policy: Policy = DEFAULT_POLICY) -> Suppression:
    """The reason code with the sentence a page shows beside "*" (section 2)."""
    sentences = {
        Reason.FEW_RESPONDENTS: f"Fewer than {policy.min_base} respondents",
        Reason.SMALL_COUNT: f"Between 1 and {policy.largest_hidden_count} respondents",
        Reason.FEW_CONTRIBUTORS: f"Fewer than {policy.min_contributors} people answered",
        Reason.COMPLEMENTARY: (
            "Hidden so that a figure hidden for a small group cannot be worked out from the total"
        ),
        Reason.DIFFERENCING: (
            f"Differs from a wider group by fewer than {policy.min_difference} people, "
            "so the two together could identify them"
        ),
        Reason.NOT_PERMITTED: "This combination of breakdowns is not published",
        Reason.TREND: "No change shown, because one of the two years has too few respondents",
    }
    return Suppression(reason, sentences[reason])


# ---------------------------------------------------------------------------------------------
# The table going in


@dataclass(frozen=True)
class Statistic:
    """One statistic of a cell, as computed: unrounded and weighted (section 2.4)."""

    name: str
    kind: Kind
    value: float | None
    base: int  # unweighted respondents it is computed from: per item, since bases vary (2.1)
    low: float | None = None  # confidence interval, same units as value
    high: float | None = None
    low_precision: bool = False
    contributors: int | None = None  # for a mean, if not the base (2.3)
    change: float | None = None  # against the baseline wave, in points (1.6)
    change_significant: bool = False
    se: float | None = None  # standard error of value, same units, for working out change


@dataclass(frozen=True)
class Cell:
    """One group in a table: its key, unweighted respondents, statistics and parent (2.5).

    ``parent`` is the key of the group it belongs to in the published hierarchy (a profession's
    staff group, an organisation's ICB, an ICB's region, a region's "England"). The parent's
    total counts as published even when it is not a cell of this table.
    """

    key: str
    n: int
    statistics: tuple[Statistic, ...] = ()
    parent: str | None = None
    label: str = ""
    population: int | None = None  # headcount as published from ESR (2.2: shown as published)


@dataclass(frozen=True)
class CellTable:
    cells: tuple[Cell, ...]

    def __post_init__(self) -> None:
        keys = [cell.key for cell in self.cells]
        if len(set(keys)) != len(keys):
            raise ValueError("cell keys must be unique")
        _depths(self.cells)  # refuses a cycle of parents

    @property
    def statistic_names(self) -> list[str]:
        return list(dict.fromkeys(s.name for cell in self.cells for s in cell.statistics))


# ---------------------------------------------------------------------------------------------
# The table coming out


@dataclass(frozen=True)
class Shown:
    """A figure as it may be published: its text, the number shown, or why it is hidden."""

    text: str
    value: float | None  # as shown (rounded), for charts; None when hidden or no data
    suppression: Suppression | None = None

    @property
    def hidden(self) -> bool:
        return self.suppression is not None


@dataclass(frozen=True)
class ShownStatistic:
    name: str
    kind: Kind
    estimate: Shown
    low: float | None  # interval bounds as shown; None when hidden or not given
    high: float | None
    interval_text: str  # "40% to 52%", or "" when hidden or not given
    places: int  # decimal places shown (2.4)
    low_precision: bool
    change: Shown | None  # None when no change was computed
    change_significant: bool  # the change is shown and its 95% CI excludes 0 (1.6)

    @property
    def hidden(self) -> bool:
        return self.estimate.hidden


@dataclass(frozen=True)
class ProtectedCell:
    key: str
    label: str
    parent: str | None
    count: Shown  # respondents
    population: Shown  # headcount, as published
    response_rate: Shown  # from the count as shown, so it cannot undo the rounding
    statistics: dict[str, ShownStatistic]

    @property
    def suppressions(self) -> list[Suppression]:
        found = [self.count.suppression, self.response_rate.suppression]
        for statistic in self.statistics.values():
            found.append(statistic.estimate.suppression)
            found.append(statistic.change.suppression if statistic.change else None)
        return [s for s in found if s is not None]


@dataclass(frozen=True)
class ProtectedTable:
    level: Level
    policy: Policy
    cells: tuple[ProtectedCell, ...]
    _index: dict[str, ProtectedCell] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", {cell.key: cell for cell in self.cells})

    def __getitem__(self, key: str) -> ProtectedCell:
        return self._index[key]

    def get(self, key: str) -> ProtectedCell | None:
        return self._index.get(key)

    @property
    def notes(self) -> list[Suppression]:
        """Each reason used in the table once, in the order of ``Reason``: the page's key."""
        used = {s.reason: s for cell in self.cells for s in cell.suppressions}
        return [used[reason] for reason in Reason if reason in used]


# ---------------------------------------------------------------------------------------------
# Primary rules


def count_shown(n: int, level: Level | str, policy: Policy = DEFAULT_POLICY) -> Shown:
    """ANALYTICS.md 2.2, 2.10: national counts as they are; below national level 0 stays 0,
    1 to 7 is "*", anything else is rounded to the nearest 5."""
    if Level(level) is Level.NATIONAL or n == 0:
        return Shown(f"{n:,}", float(n))
    if n <= policy.largest_hidden_count:
        return Shown(SUPPRESSED, None, explain(Reason.SMALL_COUNT, policy))
    rounded = policy.count_rounding * round(n / policy.count_rounding)
    return Shown(f"{rounded:,}", float(rounded))


def primary_suppression(statistic: Statistic, policy: Policy = DEFAULT_POLICY) -> Reason | None:
    """ANALYTICS.md 2.1, 2.3, 2.10: a statistic needs a base of 10 (or 11) respondents at every
    level; a mean also needs 8 contributors. None when it may be shown."""
    if statistic.base < policy.min_base:
        return Reason.FEW_RESPONDENTS
    contributors = statistic.base if statistic.contributors is None else statistic.contributors
    if statistic.kind.is_mean and contributors < policy.min_contributors:
        return Reason.FEW_CONTRIBUTORS
    return None


def decimal_places(kind: Kind, base: int, policy: Policy = DEFAULT_POLICY) -> int:
    """ANALYTICS.md 2.4: percentages as whole numbers, with 1 decimal place only from a base of
    4,000; other means to 1 decimal place."""
    if kind.is_percentage:
        return 1 if base >= policy.one_decimal_base else 0
    return 1


def format_value(value: float, kind: Kind, places: int) -> str:
    text = f"{value:.{places}f}"
    return f"{text}%" if kind.is_percentage else text


def _format_change(value: float, places: int) -> str:
    rounded = round(value, places)
    return f"{rounded:+.{places}f}" if rounded != 0 else f"{0:.{places}f}"


# ---------------------------------------------------------------------------------------------
# Complementary suppression (section 2.5)


def complementary_suppression(
    cells: Sequence[Cell],
    hidden: Iterable[str],
    size: Callable[[Cell], int],
    *,
    unpublished: Iterable[str] = (),
) -> dict[str, None]:
    """ANALYTICS.md 2.5: the cells to hide as well, so no hidden figure can be worked out.

    Each parent with children in the table gives one equation, parent = sum of children; a
    parent outside the table counts as published. An attacker solves any equation with one
    unknown, then the next; for a hierarchy (a tree) that is everything that can be solved.
    So, until no ``hidden`` figure can be solved for: find the equation that gives one away
    and hide a shown figure in it, the next-smallest sibling (by ``size``, the figure's
    unweighted base: GPPS), or the parent when no sibling can be hidden; when every other
    figure in it was itself worked out, do the same in the equations that gave those.
    ``unpublished`` figures (a statistic a cell does not have) are unknowns but need no
    protection. Cells of size 0 are known to be empty. Returns the added keys in order.
    """
    by_key = {cell.key: cell for cell in cells}
    equations = _equations(cells)
    secret = {key for key in hidden if key in by_key}
    absent = {key for key in unpublished if key in by_key}
    added: dict[str, None] = {}

    def can_hide(key: str) -> bool:
        return key in by_key and key not in secret and key not in absent and size(by_key[key]) > 0

    while True:
        solved_by = _solve(equations, secret | absent)
        leaked = next((key for key in solved_by if key in secret), None)
        if leaked is None:
            return added
        pick = _cell_to_hide(leaked, solved_by, equations, can_hide, lambda k: size(by_key[k]))
        if pick is None:  # given away only by totals published outside this table
            return added
        secret.add(pick)
        added[pick] = None


Equation = tuple[str, list[str], bool]  # parent, children, whether the parent is a cell


def _equations(cells: Sequence[Cell]) -> list[Equation]:
    """parent = sum of children for each parent, deepest first (the order an attacker would
    work up a hierarchy)."""
    keys = {cell.key for cell in cells}
    children: dict[str, list[str]] = defaultdict(list)
    for cell in cells:
        if cell.parent is not None:
            children[cell.parent].append(cell.key)
    depth = _depths(cells)
    order = sorted(children, key=lambda parent: (-depth.get(parent, -1), parent))
    return [(parent, children[parent], parent in keys) for parent in order]


def _solve(equations: Sequence[Equation], unknown: set[str]) -> dict[str, int]:
    """Elimination: each figure that can be worked out, and the equation that gives it."""
    unknown = set(unknown)
    solved_by: dict[str, int] = {}
    progress = True
    while progress:
        progress = False
        for index, (parent, children, parent_is_cell) in enumerate(equations):
            members = [*children, parent] if parent_is_cell else children
            missing = [member for member in members if member in unknown]
            if len(missing) == 1:
                unknown.discard(missing[0])
                solved_by[missing[0]] = index
                progress = True
    return solved_by


def _cell_to_hide(
    leaked: str,
    solved_by: Mapping[str, int],
    equations: Sequence[Equation],
    can_hide: Callable[[str], bool],
    size: Callable[[str], int],
) -> str | None:
    """The smallest shown figure in the equations that give ``leaked`` away, nearest first."""
    frontier, seen = [(solved_by[leaked], leaked)], set()
    while frontier:
        candidates, following = [], []
        for index, target in frontier:
            seen.add(index)
            parent, children, parent_is_cell = equations[index]
            siblings = [key for key in children if can_hide(key)]
            candidates += siblings or ([parent] if parent_is_cell and can_hide(parent) else [])
            members = [*children, parent] if parent_is_cell else children
            following += [
                (solved_by[member], member)
                for member in members
                if member != target and member in solved_by and solved_by[member] not in seen
            ]
        if candidates:
            return min(candidates, key=lambda key: (size(key), key))
        frontier = following
    return None


def _depths(cells: Sequence[Cell]) -> dict[str, int]:
    """Each cell's depth below the top of the table's hierarchy; refuses a cycle of parents."""
    parent_of = {cell.key: cell.parent for cell in cells}
    depth: dict[str, int] = {}
    for key in parent_of:
        chain: list[str] = []
        current: str | None = key
        while current in parent_of and current not in depth:
            if current in chain:
                raise ValueError(f"the parents of {key!r} form a cycle")
            chain.append(current)
            current = parent_of[current]
        base = depth.get(current, -1) if current is not None else -1
        for offset, member in enumerate(reversed(chain), start=1):
            depth[member] = base + offset
    return depth


# ---------------------------------------------------------------------------------------------
# The one entry point


def protect(
    table: CellTable,
    *,
    level: Level | str,
    policy: Policy = DEFAULT_POLICY,
    baseline: CellTable | None = None,
) -> ProtectedTable:
    """ANALYTICS.md section 2 for one table: everything a page, export or PDF may show.

    - counts (2.2, 2.10): national as they are; sub-national 0, "*" for 1 to 7, else to the 5;
    - statistics (2.1, 2.3, 2.10): hidden below a base of 10 (11) respondents, means below 8
      contributors, at every level;
    - complementary suppression (2.5) along the parents of the cells, separately for the
      counts (sub-national) and for each statistic, since bases vary by item;
    - display (2.4): from the unrounded estimates, whole percentages, 1 decimal place from a
      base of 4,000; response rates from the count as shown;
    - change (2.7): shown only when the statistic is shown in this table and in ``baseline``
      (the earlier wave's table, protected the same way, re-mapped to the current footprint).
    """
    level = Level(level)
    hidden_counts = _hidden_counts(table, level, policy)
    hidden_statistics = {
        name: _hidden_statistic(table, name, policy) for name in table.statistic_names
    }
    earlier = protect(baseline, level=level, policy=policy) if baseline is not None else None
    cells = tuple(
        _protect_cell(cell, level, policy, hidden_counts, hidden_statistics, earlier)
        for cell in table.cells
    )
    return ProtectedTable(level=level, policy=policy, cells=cells)


def _hidden_counts(table: CellTable, level: Level, policy: Policy) -> dict[str, Reason]:
    if level is Level.NATIONAL:
        return {}  # 2.10: no count SDC for national outputs
    hidden = {
        cell.key: Reason.SMALL_COUNT
        for cell in table.cells
        if 0 < cell.n <= policy.largest_hidden_count
    }
    extra = complementary_suppression(table.cells, hidden, lambda cell: cell.n)
    return hidden | dict.fromkeys(extra, Reason.COMPLEMENTARY)


def _hidden_statistic(table: CellTable, name: str, policy: Policy) -> dict[str, Reason]:
    """Primary and complementary suppression of one statistic across the table's cells."""
    found = {cell.key: _statistic(cell, name) for cell in table.cells}
    hidden: dict[str, Reason] = {}
    for key, statistic in found.items():
        reason = primary_suppression(statistic, policy) if statistic is not None else None
        if reason is not None and statistic is not None and statistic.base > 0:
            hidden[key] = reason
    # A statistic a cell does not have is not published either: an unknown, though not secret.
    missing = {key for key, s in found.items() if s is None or (s.value is None and s.base > 0)}

    def size(cell: Cell) -> int:
        """The statistic's base; 0 (known to be empty, nothing to hide) when it has none."""
        statistic = found[cell.key]
        return 0 if statistic is None or statistic.base == 0 else statistic.base

    extra = complementary_suppression(
        table.cells, hidden, size, unpublished=missing - hidden.keys()
    )
    return hidden | dict.fromkeys(extra, Reason.COMPLEMENTARY)


def _statistic(cell: Cell, name: str) -> Statistic | None:
    return next((s for s in cell.statistics if s.name == name), None)


def _protect_cell(
    cell: Cell,
    level: Level,
    policy: Policy,
    hidden_counts: Mapping[str, Reason],
    hidden_statistics: Mapping[str, Mapping[str, Reason]],
    earlier: ProtectedTable | None,
) -> ProtectedCell:
    if cell.key in hidden_counts:
        count = Shown(SUPPRESSED, None, explain(hidden_counts[cell.key], policy))
    else:
        count = count_shown(cell.n, level, policy)
    previous = earlier.get(cell.key) if earlier is not None else None
    statistics = {
        s.name: _protect_statistic(s, hidden_statistics[s.name].get(cell.key), policy, previous)
        for s in cell.statistics
    }
    return ProtectedCell(
        key=cell.key,
        label=cell.label,
        parent=cell.parent,
        count=count,
        population=_population_shown(cell.population),
        response_rate=_response_rate_shown(count, cell.population),
        statistics=statistics,
    )


def _population_shown(population: int | None) -> Shown:
    if population is None:
        return Shown(NO_DATA, None)
    return Shown(f"{population:,}", float(population))


def _response_rate_shown(count: Shown, population: int | None) -> Shown:
    """Section 2.2 carried into 1.7: a rate is a count over a published headcount, so it is
    worked out from the count as shown and hidden with it."""
    if count.hidden:
        return Shown(SUPPRESSED, None, count.suppression)
    if count.value is None or not population:
        return Shown(NO_DATA, None)
    rate = round(100 * count.value / population)
    return Shown(f"{rate}%", float(rate))


def _protect_statistic(
    statistic: Statistic,
    reason: Reason | None,
    policy: Policy,
    previous: ProtectedCell | None,
) -> ShownStatistic:
    change_asked = statistic.change is not None
    if reason is not None:
        trend = Shown(SUPPRESSED, None, explain(Reason.TREND, policy))
        return _not_shown(statistic, Shown(SUPPRESSED, None, explain(reason, policy)), trend)
    if statistic.value is None or statistic.base == 0:
        return _not_shown(statistic, Shown(NO_DATA, None), Shown(NO_DATA, None))
    places = decimal_places(statistic.kind, statistic.base, policy)
    low = None if statistic.low is None else round(statistic.low, places)
    high = None if statistic.high is None else round(statistic.high, places)
    interval = ""
    if low is not None and high is not None:
        kind = statistic.kind
        interval = f"{format_value(low, kind, places)} to {format_value(high, kind, places)}"
    change = None
    if change_asked:
        before = previous.statistics.get(statistic.name) if previous is not None else None
        change = _change_shown(statistic, before, policy)
    return ShownStatistic(
        name=statistic.name,
        kind=statistic.kind,
        estimate=Shown(
            format_value(statistic.value, statistic.kind, places), round(statistic.value, places)
        ),
        low=low,
        high=high,
        interval_text=interval,
        places=places,
        low_precision=statistic.low_precision,
        change=change,
        change_significant=change is not None
        and not change.hidden
        and statistic.change_significant,
    )


def _not_shown(statistic: Statistic, estimate: Shown, change: Shown) -> ShownStatistic:
    return ShownStatistic(
        name=statistic.name,
        kind=statistic.kind,
        estimate=estimate,
        low=None,
        high=None,
        interval_text="",
        places=0,
        low_precision=False,
        change=change if statistic.change is not None else None,
        change_significant=False,
    )


def _change_shown(statistic: Statistic, before: ShownStatistic | None, policy: Policy) -> Shown:
    refusal = trend_refusal(before, policy)
    if refusal is not None or statistic.change is None or before is None:
        return Shown(SUPPRESSED, None, refusal or explain(Reason.TREND, policy))
    places = min(decimal_places(statistic.kind, statistic.base, policy), before.places)
    return Shown(_format_change(statistic.change, places), round(statistic.change, places))


# ---------------------------------------------------------------------------------------------
# Time series (section 2.7)


def trend_refusal(
    baseline: ShownStatistic | None, policy: Policy = DEFAULT_POLICY
) -> Suppression | None:
    """ANALYTICS.md 2.7: a change is shown only if the statistic is shown in both waves.

    Call it with the baseline wave's protected statistic, for a statistic that is itself shown
    now; None means the change may be shown.
    """
    if baseline is None or baseline.hidden or baseline.estimate.value is None:
        return explain(Reason.TREND, policy)
    return None


# ---------------------------------------------------------------------------------------------
# Differencing guard for filtered views (section 2.6)


@dataclass(frozen=True)
class Hierarchy:
    """One published hierarchy (2.5): each value of a child dimension and its parent's value,
    such as organisation within ICB. Used to see that a view of one organisation lies inside
    the view of its ICB."""

    child: str
    parent: str
    parents: Mapping[str, str]


@dataclass(frozen=True)
class View:
    """A filtered view a page may show: dimension → value filters and its respondents."""

    key: str
    filters: Mapping[str, str]
    n: int


def is_permitted_view(dimensions: Iterable[str], policy: Policy = DEFAULT_POLICY) -> bool:
    """ANALYTICS.md 2.6: only the pre-defined combinations of dimensions may be shown."""
    return frozenset(dimensions) in policy.permitted_views


def refuse_filtered_view(
    n_parent: int, n_filtered: int, policy: Policy = DEFAULT_POLICY
) -> Suppression | None:
    """ANALYTICS.md 2.6, the practical rule: refuse a filtered view when it leaves out 1 to 9
    of its parent view's respondents, who would be the difference of the two."""
    if 0 < n_parent - n_filtered < policy.min_difference:
        return explain(Reason.DIFFERENCING, policy)
    return None


def expand_filters(
    filters: Mapping[str, str], hierarchies: Sequence[Hierarchy] = ()
) -> frozenset[tuple[str, str]]:
    """The filters with every ancestor they imply: organisation X adds its ICB and region, so
    views nest exactly when one's filters contain the other's."""
    expanded = dict(filters)
    changed = True
    while changed:
        changed = False
        for hierarchy in hierarchies:
            value = expanded.get(hierarchy.child)
            parent = hierarchy.parents.get(value) if value is not None else None
            if parent is not None and hierarchy.parent not in expanded:
                expanded[hierarchy.parent] = parent
                changed = True
    return frozenset(expanded.items())


@dataclass(frozen=True)
class DifferencingPair:
    wider: str
    narrower: str
    difference: int


Nesting = Callable[[View, View], bool]  # (wider, narrower): is everyone in narrower in wider?


class _WiderViews:
    """Finds, among the views added so far, those that contain a given view.

    By default a view contains another when its expanded filters are a subset of the other's,
    found by looking up each subset of the filters (cost per view: 2^filters, not the number
    of views). A ``nested`` test, such as one on the respondents themselves, replaces it and
    is asked of every pair.
    """

    def __init__(self, hierarchies: Sequence[Hierarchy], nested: Nesting | None) -> None:
        self.hierarchies = hierarchies
        self.nested = nested
        self.by_filters: dict[frozenset[tuple[str, str]], list[View]] = defaultdict(list)
        self.views: list[View] = []

    def add(self, view: View) -> None:
        self.views.append(view)
        self.by_filters[expand_filters(view.filters, self.hierarchies)].append(view)

    def containing(self, view: View) -> Iterable[View]:
        if self.nested is not None:
            nested = self.nested
            yield from (wider for wider in self.views if nested(wider, view))
            return
        items = sorted(expand_filters(view.filters, self.hierarchies))
        for size in range(len(items) + 1):
            for subset in itertools.combinations(items, size):
                yield from self.by_filters.get(frozenset(subset), ())


def differencing_pairs(
    views: Sequence[View],
    hierarchies: Sequence[Hierarchy] = (),
    policy: Policy = DEFAULT_POLICY,
    *,
    nested: Nesting | None = None,
) -> list[DifferencingPair]:
    """ANALYTICS.md 2.6: every pair of views, one inside the other, whose respondents differ by
    1 to 9: subtracting one from the other would describe that handful of people.

    Views nest when one's filters, with the ancestors they imply, contain the other's; pass
    ``nested`` to decide from the respondents instead (it also catches a view that lies inside
    another only because of who answered), or ``lambda wider, narrower: True`` to check every
    pair of counts when nothing is known about nesting.
    """
    index = _WiderViews(hierarchies, nested)
    for view in views:
        index.add(view)
    return [
        DifferencingPair(wider.key, view.key, wider.n - view.n)
        for view in views
        for wider in index.containing(view)
        if wider.key != view.key and 0 < wider.n - view.n < policy.min_difference
    ]


def guard_views(
    views: Sequence[View],
    hierarchies: Sequence[Hierarchy] = (),
    policy: Policy = DEFAULT_POLICY,
    *,
    nested: Nesting | None = None,
) -> dict[str, Suppression | None]:
    """ANALYTICS.md 2.6 for a set of views: which may be shown (None) and which are refused.

    A view on a combination of dimensions that is not permitted is refused. The others are
    taken from the widest down (most respondents first): a view is refused when an allowed
    view containing it has 1 to 9 more respondents (``refuse_filtered_view``), so no two
    allowed views, one inside the other, differ by a group of 1 to 9 people. Nesting is
    decided as in ``differencing_pairs``.
    """
    decisions: dict[str, Suppression | None] = {}
    allowed = _WiderViews(hierarchies, nested)
    for view in sorted(views, key=lambda v: (-v.n, len(v.filters), v.key)):
        if not is_permitted_view(view.filters, policy):
            decisions[view.key] = explain(Reason.NOT_PERMITTED, policy)
            continue
        refusals = (
            refuse_filtered_view(wider.n, view.n, policy) for wider in allowed.containing(view)
        )
        decisions[view.key] = next((r for r in refusals if r is not None), None)
        if decisions[view.key] is None:
            allowed.add(view)
    return decisions


# ---------------------------------------------------------------------------------------------
# Modelled estimates (section 2.9)


def modelled_estimate_allowed(
    respondents: int, shrinkage: float, policy: Policy = DEFAULT_POLICY
) -> bool:
    """ANALYTICS.md 2.9: a small-area estimate may fill a hidden cell, clearly labelled, only
    with at least 3 respondents and shrinkage γ < 0.5 (so it is not a direct estimate in
    disguise); otherwise show the parent's value."""
    return (
        respondents >= policy.modelled_min_respondents and shrinkage < policy.modelled_max_shrinkage
    )
