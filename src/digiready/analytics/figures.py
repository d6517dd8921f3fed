"""Published figures: every domain's maturity and attainment for each group of a breakdown,
weighted, with intervals, through disclosure control. Pages, exports, the API and the command
line all call ``figures``, so nothing reaches a reader without ``disclosure.protect``.
No Django here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

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
    return None if not np.isfinite(x) else float(x)


def cell_table(stats: GroupStats, breakdown: Breakdown, domains: Sequence[str]) -> CellTable:
    cells = []
    for g in range(breakdown.size):
        statistics = []
        for j, domain in enumerate(domains):
            base = int(stats.n[g, j])
            statistics.append(
                Statistic(
                    statistic_name(domain, MATURITY),
                    Kind.MEAN_PERCENTAGE,
                    _value(stats.maturity[g, j]),
                    base,
                    _value(stats.maturity_ci_low[g, j]),
                    _value(stats.maturity_ci_high[g, j]),
                    bool(stats.low_precision[g, j]),
                )
            )
            statistics.append(
                Statistic(
                    statistic_name(domain, ATTAINMENT),
                    Kind.PERCENTAGE,
                    _value(stats.attainment[g, j]),
                    base,
                    _value(stats.attainment_ci_low[g, j]),
                    _value(stats.attainment_ci_high[g, j]),
                    bool(stats.low_precision[g, j]),
                )
            )
        headcount = None
        if breakdown.population is not None and np.isfinite(breakdown.population[g]):
            headcount = int(breakdown.population[g])
        cells.append(
            Cell(
                key=breakdown.codes[g],
                n=int(stats.respondents[g]),
                statistics=tuple(statistics),
                parent=breakdown.parents[g] if breakdown.parents is not None else None,
                label=breakdown.labels[g],
                population=headcount,
            )
        )
    return CellTable(tuple(cells))


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
) -> ProtectedTable:
    """Every domain for every group of ``breakdown``, as it may be published."""
    stats = group_statistics(scores, weights, breakdown, k=k, scale_size=scale_size)
    return protect(cell_table(stats, breakdown, domains), level=level, policy=policy)


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
