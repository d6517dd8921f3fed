"""Published figures: every domain's maturity and attainment for each group of a breakdown,
weighted, with intervals, through disclosure control. Pages, exports, the API and the command
line all call ``figures``, so nothing reaches a reader without ``disclosure.protect``.
No Django here.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import NDArray

from digiready.analytics.disclosure import (
    DEFAULT_POLICY,
    Cell,
    CellTable,
    Kind,
    Level,
    Policy,
    ProtectedTable,
    Statistic,
    protect,
)
from digiready.analytics.metrics import (
    GroupStats,
    GroupSums,
    change_between_waves,
    group_sums,
    regroup,
    summarise,
    summarise_sums,
)

ENGLAND = "E92000001"
MATURITY = "maturity"
ATTAINMENT = "attainment"


@dataclass(frozen=True)
class Breakdown:
    """A way of splitting respondents into groups, with what disclosure control needs to know
    about each group: its parent in the published hierarchy and its headcount."""

    name: str
    codes: Sequence[str]
    labels: Sequence[str]
    index: NDArray[np.int32]  # each respondent's group, -1 where unknown
    parents: Sequence[str | None] | None = None
    population: NDArray[np.float64] | None = None  # headcount per group, NaN where unknown

    @property
    def size(self) -> int:
        return len(self.codes)


def national(n: int, population: float | None = None) -> Breakdown:
    """Everyone as one group: England."""
    headcount = None if population is None else np.array([population], dtype=np.float64)
    return Breakdown(
        "national", (ENGLAND,), ("England",), np.zeros(n, dtype=np.int32), (None,), headcount
    )


def statistic_name(domain: str, measure: str) -> str:
    return f"{domain}:{measure}"


def group_statistics(
    scores: NDArray[np.float64],
    weights: NDArray[np.float64],
    breakdown: Breakdown,
    *,
    k: int = 4,
    scale_size: int = 5,
) -> GroupStats:
    """ANALYTICS.md sections 1.3, 1.4, 1.7, 1.8 for every group and domain, unrounded."""
    known = breakdown.index >= 0
    population = None
    if breakdown.population is not None:
        population = np.where(np.isnan(breakdown.population), 0, breakdown.population)
    return summarise(
        scores[known],
        weights[known],
        breakdown.index[known],
        breakdown.size,
        population,
        k=k,
        scale_size=scale_size,
    )


def _value(x: float) -> float | None:
    return x if math.isfinite(x) else None


def _values(array: NDArray[np.generic]) -> list[list[float | None]]:
    """A (G, d) array as nested lists with NaN and infinities as None: one conversion, then
    plain Python floats, which is much faster than reading NumPy scalars one by one."""
    return [[_value(x) for x in row] for row in np.asarray(array, dtype=np.float64).tolist()]


def cell_table(stats: GroupStats, breakdown: Breakdown, domains: Sequence[str]) -> CellTable:
    n = stats.n.tolist()
    imprecise = stats.low_precision.tolist()
    maturity = [
        _values(a)
        for a in (stats.maturity, stats.maturity_ci_low, stats.maturity_ci_high, stats.maturity_se)
    ]
    attainment = [
        _values(a)
        for a in (
            stats.attainment,
            stats.attainment_ci_low,
            stats.attainment_ci_high,
            stats.attainment_se,
        )
    ]
    names = [(statistic_name(d, MATURITY), statistic_name(d, ATTAINMENT)) for d in domains]
    respondents = stats.respondents.tolist()
    population = breakdown.population.tolist() if breakdown.population is not None else None
    cells = []
    for g in range(breakdown.size):
        statistics = []
        for j, (maturity_name, attainment_name) in enumerate(names):
            base = int(n[g][j])
            for name, kind, (value, low, high, se) in (
                (maturity_name, Kind.MEAN_PERCENTAGE, maturity),
                (attainment_name, Kind.PERCENTAGE, attainment),
            ):
                statistics.append(
                    Statistic(
                        name,
                        kind,
                        value[g][j],
                        base,
                        low[g][j],
                        high[g][j],
                        bool(imprecise[g][j]),
                        se=se[g][j],
                    )
                )
        headcount = None
        if population is not None and math.isfinite(population[g]):
            headcount = int(population[g])
        cells.append(
            Cell(
                key=breakdown.codes[g],
                n=int(respondents[g]),
                statistics=tuple(statistics),
                parent=breakdown.parents[g] if breakdown.parents is not None else None,
                label=breakdown.labels[g],
                population=headcount,
            )
        )
    return CellTable(tuple(cells))


@dataclass(frozen=True)
class Baseline:
    """The earlier wave a change is measured from (ANALYTICS.md 1.6): its respondents' scores
    and weights, grouped on the current footprint (a merged ICB's predecessors' organisations
    under the successor), so the same key means the same group in both waves."""

    scores: NDArray[np.float64]
    weights: NDArray[np.float64]
    breakdown: Breakdown


def figures(
    scores: NDArray[np.float64],
    weights: NDArray[np.float64],
    breakdown: Breakdown,
    domains: Sequence[str],
    *,
    level: Level | str,
    policy: Policy = DEFAULT_POLICY,
    k: int = 4,
    scale_size: int = 5,
    baseline: Baseline | None = None,
) -> ProtectedTable:
    """Every domain for every group of ``breakdown``, as it may be published; with the change
    since ``baseline`` where one is given."""
    stats = group_statistics(scores, weights, breakdown, k=k, scale_size=scale_size)
    table = cell_table(stats, breakdown, domains)
    earlier = None
    if baseline is not None:
        before = group_statistics(
            baseline.scores, baseline.weights, baseline.breakdown, k=k, scale_size=scale_size
        )
        earlier = cell_table(before, baseline.breakdown, domains)
        table = with_change(table, earlier)
    return protect(table, level=level, policy=policy, baseline=earlier)


def with_change(table: CellTable, earlier: CellTable) -> CellTable:
    """Each statistic with its change since the same group's statistic in ``earlier``:
    ANALYTICS.md 1.6 for independent samples, Δ = now - then with SE = √(SE_now² + SE_then²),
    significant when the 95% interval of Δ excludes 0. Whether a change may be shown at all
    (both waves must pass disclosure control, 2.7) is for ``protect`` to decide."""
    before = {
        (cell.key, statistic.name): statistic
        for cell in earlier.cells
        for statistic in cell.statistics
    }
    cells = []
    for cell in table.cells:
        statistics = []
        for statistic in cell.statistics:
            then = before.get((cell.key, statistic.name))
            if (
                then is None
                or statistic.value is None
                or statistic.se is None
                or then.value is None
                or then.se is None
            ):
                statistics.append(replace(statistic, change=None, change_significant=False))
                continue
            change = change_between_waves(statistic.value, statistic.se, then.value, then.se)
            statistics.append(
                replace(
                    statistic,
                    change=float(change.delta),
                    change_significant=bool(change.significant),
                )
            )
        cells.append(replace(cell, statistics=tuple(statistics)))
    return CellTable(tuple(cells))


def cell_sums(
    scores: NDArray[np.float64],
    weights: NDArray[np.float64],
    cells: NDArray[np.intp],
    n_cells: int,
    *,
    k: int = 4,
    scale_size: int = 5,
) -> GroupSums:
    """One pass over every person: the sums of each fine cell (such as organisation x
    profession), from which every coarser breakdown is added up (``figures_from_cells``)."""
    return group_sums(scores, weights, cells, n_cells, k=k, scale_size=scale_size)


def figures_from_cells(
    sums: GroupSums,
    mapping: NDArray[np.intp],
    breakdown: Breakdown,
    domains: Sequence[str],
    *,
    level: Level | str,
    policy: Policy = DEFAULT_POLICY,
) -> ProtectedTable:
    """The same figures as ``figures``, from fine cells' sums: ``mapping`` gives each cell's
    group in ``breakdown`` (-1: in none)."""
    population = None
    if breakdown.population is not None:
        population = np.where(np.isnan(breakdown.population), 0, breakdown.population)
    stats = summarise_sums(regroup(sums, mapping, breakdown.size), population)
    return protect(cell_table(stats, breakdown, domains), level=level, policy=policy)
