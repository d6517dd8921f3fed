"""Weighting checked against a synthetic population's known truth (ANALYTICS.md 3.7, section 4).

For each seed a synthetic wave is weighted to its own frame exactly as a real wave is
(organisation x staff group cells, raked on profession, band group, age band and sex), and
every breakdown's weighted maturity and 95% interval is set beside the population truth. Over
seeds this gives the two numbers the method is judged by:

- bias: the mean of estimate - truth, before and after weighting. Respondents are keener than
  the staff they stand for, so unweighted figures run high;
- coverage: the share of intervals that contain the truth, which should be about 95%.

No Django here: ``digiready analytics validate`` prints the result.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from digiready.accounts.professions import PROFESSIONS
from digiready.analytics.metrics import summarise
from digiready.analytics.synthetic import (
    AGE_CODES,
    BAND_CODES,
    PROFESSION_CODES,
    SEX_CODES,
    STAFF_GROUP_CODES,
    Synthetic,
    WaveData,
)
from digiready.analytics.weighting import Margin, WeightingResult, compute_weights

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]

BREAKDOWNS = ("national", "region", "icb", "organisation", "staff_group", "profession")
MIN_BASE = 10  # figures on fewer respondents are not published (ANALYTICS.md 2.1)
_SG_OF_PROFESSION = np.array([STAFF_GROUP_CODES.index(p.staff_group) for p in PROFESSIONS])


def frame_margins(wave: WaveData) -> tuple[list[Margin], Margin]:
    """The raking margins and the organisation x staff group cell margin for a wave's
    respondents, with the wave's whole workforce as the frame (ANALYTICS.md 3.1-3.3)."""
    r = wave.responded
    groups = len(STAFF_GROUP_CODES)

    def margin(name: str, codes: NDArray[np.integer], size: int, parents: IntArray | None = None):
        everyone = codes.astype(np.int64)
        totals = np.bincount(everyone, minlength=size).astype(np.float64)
        return Margin(name, everyone[r], totals, parents)

    orgs = int(wave.organisation_icb.size)
    cell = wave.organisation.astype(np.int64) * groups + wave.staff_group
    parents = (wave.organisation_icb[:, None] * groups + np.arange(groups)).ravel()
    margins = [
        margin("profession", wave.profession, len(PROFESSION_CODES), _SG_OF_PROFESSION),
        margin("band_group", wave.band_group, len(BAND_CODES)),
        margin("age_band", wave.age_band, len(AGE_CODES)),
        margin("sex", wave.sex, len(SEX_CODES)),
    ]
    return margins, margin("organisation x staff group", cell, orgs * groups, parents)


def weigh(wave: WaveData) -> WeightingResult:
    """The wave's respondents weighted to its frame, as ``digiready analytics weight`` does."""
    margins, cell = frame_margins(wave)
    return compute_weights(margins, cell=cell)


def group_index(population: Synthetic, wave: WaveData, breakdown: str) -> tuple[IntArray, int]:
    """Each person's group in a breakdown, in the order of ``synthetic.BREAKDOWNS`` codes."""
    org = wave.organisation.astype(np.int64)
    icb_region = np.array(
        [[r.code for r in population.regions].index(icb.region) for icb in population.icbs]
    )
    index = {
        "national": (np.zeros(wave.size, dtype=np.int64), 1),
        "region": (icb_region[wave.organisation_icb[org]], len(population.regions)),
        "icb": (wave.organisation_icb[org].astype(np.int64), len(population.icbs)),
        "organisation": (org, len(population.organisations.codes)),
        "staff_group": (wave.staff_group.astype(np.int64), len(STAFF_GROUP_CODES)),
        "profession": (wave.profession.astype(np.int64), len(PROFESSION_CODES)),
    }
    return index[breakdown]


def _all_codes(population: Synthetic, breakdown: str) -> tuple[str, ...]:
    return {
        "national": ("",),
        "region": tuple(r.code for r in population.regions),
        "icb": tuple(i.code for i in population.icbs),
        "organisation": population.organisations.codes,
        "staff_group": STAFF_GROUP_CODES,
        "profession": PROFESSION_CODES,
    }[breakdown]


@dataclass(frozen=True)
class Comparison:
    """One breakdown of one wave: (groups, domains) arrays, NaN where a group has no truth."""

    breakdown: str
    truth: FloatArray
    unweighted: FloatArray
    weighted: FloatArray
    low: FloatArray
    high: FloatArray
    n: IntArray

    @property
    def published(self) -> NDArray[np.bool_]:
        return (self.n >= MIN_BASE) & np.isfinite(self.truth) & np.isfinite(self.weighted)


def compare(
    population: Synthetic, wave_number: int = 0, breakdowns: Sequence[str] = BREAKDOWNS
) -> list[Comparison]:
    """Weight one wave and set every breakdown's figures beside the truth."""
    wave = population.waves[wave_number]
    weights = weigh(wave).weights
    rows = np.flatnonzero(wave.responded)
    scores = wave.scores[rows]
    out = []
    for name in breakdowns:
        groups, size = group_index(population, wave, name)
        headcount = np.bincount(groups, minlength=size)
        weighted = summarise(scores, weights, groups[rows], size, population=headcount)
        unweighted = summarise(scores, np.ones(rows.size), groups[rows], size)
        table = wave.truth[name]
        truth = np.full(weighted.maturity.shape, np.nan)
        position = {code: i for i, code in enumerate(_all_codes(population, name))}
        for g, code in enumerate(table.codes):
            truth[position[code]] = table.maturity[g]
        out.append(
            Comparison(
                breakdown=name,
                truth=truth,
                unweighted=unweighted.maturity,
                weighted=weighted.maturity,
                low=weighted.maturity_ci_low,
                high=weighted.maturity_ci_high,
                n=weighted.n.astype(np.int64),
            )
        )
    return out


@dataclass(frozen=True)
class Summary:
    """One breakdown over every seed: mean bias before and after weighting, in points, and the
    share of published 95% intervals that contain the truth."""

    breakdown: str
    seeds: int
    figures: int
    bias_unweighted: float
    bias_weighted: float
    coverage: float

    @property
    def bias_removed(self) -> float:
        """The share of the unweighted bias that weighting took away."""
        if self.bias_unweighted == 0:
            return float("nan")
        return 1 - self.bias_weighted / self.bias_unweighted


def summarise_seeds(runs: Iterable[list[Comparison]]) -> list[Summary]:
    """Bias and coverage per breakdown over many seeds' comparisons.

    Bias is the mean of estimate - truth over every published figure of every seed: signed,
    so sampling noise averages out and what is left is the systematic error.
    """
    collected: dict[str, list[Comparison]] = {}
    for comparisons in runs:
        for c in comparisons:
            collected.setdefault(c.breakdown, []).append(c)
    return [_summary(name, items) for name, items in collected.items()]


def _summary(name: str, items: list[Comparison]) -> Summary:
    published = np.stack([c.published for c in items])
    truth = np.stack([c.truth for c in items])[published]
    figures = int(published.sum())

    def mean_error(values: FloatArray) -> float:
        return float(np.mean(values[published] - truth)) if figures else float("nan")

    low = np.stack([c.low for c in items])[published]
    high = np.stack([c.high for c in items])[published]
    return Summary(
        breakdown=name,
        seeds=len(items),
        figures=figures,
        bias_unweighted=mean_error(np.stack([c.unweighted for c in items])),
        bias_weighted=mean_error(np.stack([c.weighted for c in items])),
        coverage=float(np.mean((low <= truth) & (truth <= high))) if figures else float("nan"),
    )
