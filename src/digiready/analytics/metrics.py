"""Group metrics for dashboards and exports, as ANALYTICS.md section 1 defines them.

Every function works on arrays, for every group at once:

- ``scores``: respondent domain scores D in [0, 1] (section 1.2), NaN when missing; shape (n,)
  for one domain or (n, d) for d domains;
- ``weights``: each respondent's survey weight w (section 3), shape (n,);
- ``groups``: each respondent's group as an integer code 0..G-1, with ``n_groups`` = G;
- ``population``: the frame headcount N_g of each group, shape (G,), NaN where unknown.

Results have shape (G,) or (G, d). Percentages are on the 0-100 scale. Sums per group are
``np.bincount`` calls over a flattened group-by-domain index, so the cost is a few passes over
the rows whatever the number of groups. No Django here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, TypeAlias, TypeVar, cast

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import sparse
from scipy.special import ndtri, stdtrit

from digiready.assessments.scoring import TOLERANCE, threshold

FloatArray: TypeAlias = NDArray[np.float64]
IntArray: TypeAlias = NDArray[np.intp]
BoolArray: TypeAlias = NDArray[np.bool_]
ArrayT = TypeVar("ArrayT", bound=NDArray[Any])

PRECISION_LIMIT = 10.0  # section 1.8: flag a CI whose half-width exceeds 10 percentage points


# ---------------------------------------------------------------------------------------------
# Inputs


def _score_matrix(scores: ArrayLike) -> tuple[FloatArray, bool]:
    """Scores as an (n, d) float matrix, and whether the caller gave a single domain."""
    matrix = np.asarray(scores, dtype=np.float64)
    if matrix.ndim == 1:
        return matrix[:, None], True
    if matrix.ndim != 2:
        raise ValueError("scores must have shape (n,) or (n, d)")
    return matrix, False


def _weight_vector(weights: ArrayLike, n: int) -> FloatArray:
    vector = np.asarray(weights, dtype=np.float64)
    if vector.shape != (n,):
        raise ValueError(f"weights must have shape ({n},), not {vector.shape}")
    if n and (not np.isfinite(vector).all() or vector.min() < 0):
        raise ValueError("weights must be finite and not negative")
    return vector


def group_codes(groups: ArrayLike, n_groups: int, n: int | None = None) -> IntArray:
    """Integer group codes checked to lie in 0..n_groups-1 (and to number n when given)."""
    codes = np.asarray(groups)
    if codes.size and codes.dtype.kind not in "iu":
        raise TypeError("group codes must be integers")
    codes = codes.astype(np.intp, copy=False)
    if codes.ndim != 1 or (n is not None and codes.shape[0] != n):
        raise ValueError("groups must have one code per respondent")
    if codes.size and (codes.min() < 0 or codes.max() >= n_groups):
        raise ValueError(f"group codes must lie in 0..{n_groups - 1}")
    return codes


def weighted_bincount(codes: IntArray, values: NDArray[np.generic], size: int) -> FloatArray:
    """Σ values per code 0..size-1: the one group-by every sum here is built on."""
    return np.asarray(np.bincount(codes, weights=values, minlength=size), dtype=np.float64)


def _population_column(population: ArrayLike | None, n_groups: int) -> FloatArray:
    """N_g as a (G, 1) column so it broadcasts over domains; NaN where unknown."""
    if population is None:
        return np.full((n_groups, 1), np.nan)
    column = np.asarray(population, dtype=np.float64)
    if column.shape != (n_groups,):
        raise ValueError(f"population must have shape ({n_groups},)")
    return column[:, None]


def _shaped(values: ArrayT, single: bool) -> ArrayT:
    """The first column of a (G, 1) result when the caller gave a single domain."""
    return cast(ArrayT, values[:, 0]) if single else values


def _ratio(numerator: FloatArray, denominator: FloatArray) -> FloatArray:
    """numerator / denominator, NaN where the denominator is 0 (an empty group has no value)."""
    out = np.full(np.broadcast(numerator, denominator).shape, np.nan)
    np.divide(numerator, denominator, out=out, where=denominator > 0)
    return out


# ---------------------------------------------------------------------------------------------
# Sums per group


@dataclass(frozen=True)
class GroupSums:
    """The per-group sums every section-1 statistic is built from; (G, d) unless noted.

    Only respondents with a score in a domain enter that domain's sums (section 1.1: missing is
    not 0).
    """

    respondents: IntArray  # (G,): every respondent in the group, scored or not
    n: IntArray  # respondents with a score: the unweighted base of the statistic
    sum_w: FloatArray
    sum_w2: FloatArray
    sum_wd: FloatArray
    sum_wd2: FloatArray
    sum_w_attained: FloatArray  # weight of respondents with D >= tau_k


def group_sums(
    scores: ArrayLike,
    weights: ArrayLike,
    groups: ArrayLike,
    n_groups: int,
    *,
    k: int = 4,
    scale_size: int = 5,
) -> GroupSums:
    """Sums of 1, w, w², w·D, w·D² and w·1[D >= tau_k] per group and domain (sections 1.3-1.8)."""
    matrix, _ = _score_matrix(scores)
    n_rows, n_domains = matrix.shape
    w = _weight_vector(weights, n_rows)
    codes = group_codes(groups, n_groups, n_rows)
    tau = _threshold(k, scale_size)

    answered = ~np.isnan(matrix)
    d = np.where(answered, matrix, 0.0)  # 0 where missing: it then adds nothing to a sum
    column = w[:, None]
    total = _group_totals(codes, n_groups, n_domains)
    # Few full-size temporaries, reused in place: at national scale each is ~60 MB.
    w_answered = answered * column
    sum_w = total(w_answered)
    n = np.rint(total(answered)).astype(np.intp)
    sum_w_attained = total(np.multiply(w_answered, d + TOLERANCE >= tau))
    w_answered *= column
    sum_w2 = total(w_answered)
    w_d = np.multiply(d, column, out=w_answered)
    sum_wd = total(w_d)
    w_d *= d
    return GroupSums(
        respondents=np.bincount(codes, minlength=n_groups).astype(np.intp),
        n=n,
        sum_w=sum_w,
        sum_w2=sum_w2,
        sum_wd=sum_wd,
        sum_wd2=total(w_d),
        sum_w_attained=sum_w_attained,
    )


def _group_totals(
    codes: IntArray, n_groups: int, n_domains: int
) -> Callable[[NDArray[np.generic]], FloatArray]:
    """A function summing an (n, d) array per group: the product of the (groups x n) one-hot
    membership matrix, held sparse, with the array. SciPy's sparse product adds each row into
    its group in one pass, several times faster than a bincount over a flat (group, domain)
    index, and faster still when respondents come sorted by group."""
    n = codes.size
    membership = sparse.csr_array(
        (np.ones(n), codes, np.arange(n + 1)), shape=(n, n_groups)
    ).T  # compressed by column: one column a respondent

    def total(values: NDArray[np.generic]) -> FloatArray:
        summed = membership @ np.asarray(values, dtype=np.float64).reshape(n, n_domains)
        return np.asarray(summed, dtype=np.float64).reshape(n_groups, n_domains)

    return total


def _threshold(k: int, scale_size: int) -> float:
    if not 1 <= k <= scale_size:
        raise ValueError(f"k must lie in 1..{scale_size}")
    return threshold(k, scale_size)


# ---------------------------------------------------------------------------------------------
# Point estimates


def domain_maturity(
    scores: ArrayLike, weights: ArrayLike, groups: ArrayLike, n_groups: int
) -> FloatArray:
    """ANALYTICS.md 1.3: M_g = 100 · Σ w·D / Σ w over respondents whose D is not missing."""
    sums = group_sums(scores, weights, groups, n_groups)
    return _shaped(_maturity(sums), _is_single(scores))


def attainment(
    scores: ArrayLike,
    weights: ArrayLike,
    groups: ArrayLike,
    n_groups: int,
    k: int = 4,
    scale_size: int = 5,
) -> FloatArray:
    """ANALYTICS.md 1.4: A_g(k) = 100 · Σ w·1[D >= tau_k] / Σ w, tau_k = (k-1)/(L-1)."""
    sums = group_sums(scores, weights, groups, n_groups, k=k, scale_size=scale_size)
    return _shaped(_attainment(sums), _is_single(scores))


def _is_single(scores: ArrayLike) -> bool:
    return bool(np.ndim(scores) == 1)


def _maturity(sums: GroupSums) -> FloatArray:
    return 100 * _ratio(sums.sum_wd, sums.sum_w)


def _attainment(sums: GroupSums) -> FloatArray:
    return 100 * _ratio(sums.sum_w_attained, sums.sum_w)


def gap_to_target(maturity: ArrayLike, target: ArrayLike) -> FloatArray:
    """ANALYTICS.md 1.5: G = max(0, T - M); ``target`` may be one T_d per domain column."""
    m = np.asarray(maturity, dtype=np.float64)
    return np.maximum(0.0, np.asarray(target, dtype=np.float64) - m)  # NaN M stays NaN


def need_in_staff_equivalents(population: ArrayLike, gap: ArrayLike) -> FloatArray:
    """ANALYTICS.md 1.5: Need_g = N_g · G_g / 100, in staff (headcount) equivalents."""
    headcount = np.asarray(population, dtype=np.float64)
    g = np.asarray(gap, dtype=np.float64)
    if g.ndim == 2 and headcount.ndim == 1:
        headcount = headcount[:, None]
    return headcount * g / 100


def maturity_level(maturity: ArrayLike) -> FloatArray:
    """ANALYTICS.md 1.9: the DMA-compatible 1-5 level, 1 + 4·M/100, to 1 decimal place."""
    return np.round(1 + 4 * np.asarray(maturity, dtype=np.float64) / 100, 1)


# ---------------------------------------------------------------------------------------------
# Coverage and effective sample size


def respondents_per_group(groups: ArrayLike, n_groups: int) -> IntArray:
    """n_g, the unweighted respondents in each group (ANALYTICS.md 1.7)."""
    return np.bincount(group_codes(groups, n_groups), minlength=n_groups).astype(np.intp)


def response_rate(respondents: ArrayLike, population: ArrayLike) -> FloatArray:
    """ANALYTICS.md 1.7: r_g = n_g / N_g, as a percentage; NaN where N_g is unknown or 0."""
    n = np.asarray(respondents, dtype=np.float64)
    headcount = np.asarray(population, dtype=np.float64)
    return 100 * _ratio(n, np.nan_to_num(headcount, nan=0.0))


def effective_sample_size(weights: ArrayLike, groups: ArrayLike, n_groups: int) -> FloatArray:
    """ANALYTICS.md 1.7: n_eff,g = (Σ w)² / Σ w² (Kish); 0 for an empty group.

    A row with weight 0 adds nothing, so zero the weight of respondents to leave out.
    """
    w = np.asarray(weights, dtype=np.float64)
    codes = group_codes(groups, n_groups, w.shape[0])
    return _n_eff(weighted_bincount(codes, w, n_groups), weighted_bincount(codes, w * w, n_groups))


def design_effect(weights: ArrayLike, groups: ArrayLike, n_groups: int) -> FloatArray:
    """ANALYTICS.md 1.7: deff_g = n_g / n_eff,g = 1 + CV²(w) (rows with w > 0); NaN if empty."""
    w = np.asarray(weights, dtype=np.float64)
    codes = group_codes(groups, n_groups, w.shape[0])
    n = weighted_bincount(codes, (w > 0).astype(np.float64), n_groups)
    return _ratio(n, effective_sample_size(w, codes, n_groups))


def _n_eff(sum_w: FloatArray, sum_w2: FloatArray) -> FloatArray:
    out = np.zeros(np.shape(sum_w))
    np.divide(sum_w * sum_w, sum_w2, out=out, where=sum_w2 > 0)
    return out


# ---------------------------------------------------------------------------------------------
# Uncertainty (section 1.8)


@dataclass(frozen=True)
class Interval:
    """An estimate with its standard error and confidence interval, all in percentage points."""

    estimate: FloatArray
    se: FloatArray
    low: FloatArray
    high: FloatArray

    @property
    def half_width(self) -> FloatArray:
        return (self.high - self.low) / 2


def finite_population_factor(respondents: ArrayLike, population: ArrayLike | None) -> FloatArray:
    """The variance factor 1 - n/N of ANALYTICS.md 1.8, clipped to [0, 1]; 1 where N unknown."""
    n = np.asarray(respondents, dtype=np.float64)
    if population is None:
        return np.ones_like(n)
    headcount = np.asarray(population, dtype=np.float64)
    known = np.isfinite(headcount) & (headcount > 0)
    fraction = np.zeros(np.broadcast(n, headcount).shape)
    np.divide(n, headcount, out=fraction, where=known)
    return np.clip(1 - fraction, 0.0, 1.0)


def mean_interval(
    scores: ArrayLike,
    weights: ArrayLike,
    groups: ArrayLike,
    n_groups: int,
    population: ArrayLike | None = None,
    *,
    confidence: float = 0.95,
    distribution: Literal["t", "normal"] = "t",
) -> Interval:
    """ANALYTICS.md 1.8 for M: SE = s_w / √n_eff · √(1 - n/N), interval M ± q·SE in [0, 100].

    s_w² = Σ w (D - D̄_w)² / Σ w · n_eff / (n_eff - 1), the weighted variance with the
    reliability-weight (Bessel) correction, so equal weights give the usual sample variance.
    q is Student's t with n_eff - 1 degrees of freedom (the default: wider than the normal for
    the small groups just above the 10-respondent base) or the standard normal. n is the
    number of respondents with a score and N the group's headcount; without N there is no FPC.
    """
    sums = group_sums(scores, weights, groups, n_groups)
    interval = _mean_interval(
        sums, _population_column(population, n_groups), confidence, distribution, clip=True
    )
    return _shaped_interval(interval, _is_single(scores))


def _shaped_interval(interval: Interval, single: bool) -> Interval:
    if not single:
        return interval
    return Interval(
        estimate=interval.estimate[:, 0],
        se=interval.se[:, 0],
        low=interval.low[:, 0],
        high=interval.high[:, 0],
    )


def _mean_interval(
    sums: GroupSums,
    population: FloatArray,
    confidence: float,
    distribution: Literal["t", "normal"],
    *,
    clip: bool,
) -> Interval:
    estimate = 100 * _ratio(sums.sum_wd, sums.sum_w)
    se = 100 * _mean_se(sums, population)
    n_eff = _n_eff(sums.sum_w, sums.sum_w2)
    q = _quantile(confidence, n_eff - 1 if distribution == "t" else None)
    low, high = estimate - q * se, estimate + q * se
    if clip:
        low, high = np.clip(low, 0.0, 100.0), np.clip(high, 0.0, 100.0)
    return Interval(estimate=estimate, se=se, low=low, high=high)


def _mean_se(sums: GroupSums, population: FloatArray) -> FloatArray:
    """SE of the weighted mean on the 0-1 scale; NaN when n_eff <= 1 (no spread to measure)."""
    n_eff = _n_eff(sums.sum_w, sums.sum_w2)
    mean = _ratio(sums.sum_wd, sums.sum_w)
    spread = np.maximum(_ratio(sums.sum_wd2, sums.sum_w) - mean * mean, 0.0)
    # s_w²/n_eff with s_w² = spread · n_eff/(n_eff - 1) is spread/(n_eff - 1).
    variance = _ratio(spread, n_eff - 1) * finite_population_factor(sums.n, population)
    variance[n_eff <= 1] = np.nan
    return np.sqrt(variance)


def _quantile(confidence: float, degrees_of_freedom: FloatArray | None) -> FloatArray:
    if not 0 < confidence < 1:
        raise ValueError("confidence must lie between 0 and 1")
    p = 0.5 + confidence / 2
    if degrees_of_freedom is None:
        return np.asarray(ndtri(p), dtype=np.float64)
    df = np.where(degrees_of_freedom > 0, degrees_of_freedom, np.nan)
    return np.asarray(stdtrit(df, p), dtype=np.float64)


def wilson_interval(
    share: ArrayLike,
    n_eff: ArrayLike,
    *,
    respondents: ArrayLike | None = None,
    population: ArrayLike | None = None,
    confidence: float = 0.95,
) -> tuple[FloatArray, FloatArray]:
    """ANALYTICS.md 1.8 for shares (A): the Wilson score interval on n_eff with FPC, in %.

    The FPC enters through the sample size: Wilson is computed on n* = n_eff / (1 - n/N), the
    size of a simple random sample with the same variance p(1-p)/n_eff · (1 - n/N). With
    q = z²/n* = z²·(1 - n/N)/n_eff the bounds are
    (p + q/2 ± √(q·p(1-p) + q²/4)) / (1 + q), so they stay inside [0, 100], narrow as n/N
    grows, and meet at p for a census (n = N). Without N (or ``respondents``) there is no FPC.
    NaN where n_eff is 0 or the share is missing.
    """
    p = np.asarray(share, dtype=np.float64) / 100
    size = np.asarray(n_eff, dtype=np.float64)
    factor = (
        finite_population_factor(respondents, population)
        if respondents is not None and population is not None
        else np.ones_like(size)
    )
    z = _quantile(confidence, None)
    q = _ratio(z * z * factor, size)
    centre = (p + q / 2) / (1 + q)
    spread = np.sqrt(np.maximum(q * p * (1 - p) + q * q / 4, 0.0)) / (1 + q)
    return 100 * np.clip(centre - spread, 0.0, 1.0), 100 * np.clip(centre + spread, 0.0, 1.0)


def share_se(
    share: ArrayLike,
    n_eff: ArrayLike,
    *,
    respondents: ArrayLike | None = None,
    population: ArrayLike | None = None,
) -> FloatArray:
    """Standard error of a share in percentage points, √(p(1-p)·(1 - n/N)/n_eff) (1.6, 1.8)."""
    p = np.asarray(share, dtype=np.float64) / 100
    factor = (
        finite_population_factor(respondents, population)
        if respondents is not None and population is not None
        else np.ones_like(p)
    )
    return 100 * np.sqrt(_ratio(p * (1 - p) * factor, np.asarray(n_eff, dtype=np.float64)))


def low_precision(low: ArrayLike, high: ArrayLike, limit: float = PRECISION_LIMIT) -> BoolArray:
    """ANALYTICS.md 1.8: True where the CI half-width exceeds ``limit`` percentage points.

    An interval that cannot be computed (NaN) is flagged too: its precision is unknown.
    """
    half = (np.asarray(high, dtype=np.float64) - np.asarray(low, dtype=np.float64)) / 2
    return np.asarray(~(half <= limit), dtype=np.bool_)


# ---------------------------------------------------------------------------------------------
# Change between waves (section 1.6)


@dataclass(frozen=True)
class Change:
    """Δ = M_t - M_0 in percentage points, its SE and CI, and whether the CI excludes 0."""

    delta: FloatArray
    se: FloatArray
    low: FloatArray
    high: FloatArray
    significant: BoolArray


def change_between_waves(
    estimate: ArrayLike,
    se: ArrayLike,
    baseline: ArrayLike,
    baseline_se: ArrayLike,
    *,
    confidence: float = 0.95,
) -> Change:
    """ANALYTICS.md 1.6, independent samples: Δ = M_t - M_0, SE = √(SE_t² + SE_0²), normal CI.

    ``significant`` is statistical only: the CI excludes 0. Publishing also needs both waves
    to pass disclosure control (section 2.7), which ``disclosure.protect`` applies; the
    organisation hierarchy must be re-mapped to the current footprint before differencing.
    """
    delta = np.asarray(estimate, dtype=np.float64) - np.asarray(baseline, dtype=np.float64)
    combined = np.hypot(np.asarray(se, dtype=np.float64), np.asarray(baseline_se, np.float64))
    return _change(delta, combined, _quantile(confidence, None))


def _change(delta: FloatArray, se: FloatArray, q: FloatArray) -> Change:
    low, high = delta - q * se, delta + q * se
    significant = np.asarray((low > 0) | (high < 0), dtype=np.bool_)  # False when NaN
    return Change(delta=delta, se=se, low=low, high=high, significant=significant)


def paired_change(
    scores: ArrayLike,
    baseline_scores: ArrayLike,
    weights: ArrayLike,
    groups: ArrayLike,
    n_groups: int,
    population: ArrayLike | None = None,
    *,
    confidence: float = 0.95,
) -> Change:
    """ANALYTICS.md 1.6, paired: the weighted mean of each person's D_t - D_0 (people scored in
    both waves), with the SE and t interval of ``mean_interval`` applied to the differences."""
    now, single = _score_matrix(scores)
    before, _ = _score_matrix(baseline_scores)
    if now.shape != before.shape:
        raise ValueError("both waves need the same respondents and domains")
    sums = group_sums(now - before, weights, groups, n_groups)  # NaN if missing in either
    population_column = _population_column(population, n_groups)
    interval = _mean_interval(sums, population_column, confidence, "t", clip=False)
    n_eff = _n_eff(sums.sum_w, sums.sum_w2)
    change = _change(interval.estimate, interval.se, _quantile(confidence, n_eff - 1))
    if not single:
        return change
    return Change(
        delta=change.delta[:, 0],
        se=change.se[:, 0],
        low=change.low[:, 0],
        high=change.high[:, 0],
        significant=change.significant[:, 0],
    )


# ---------------------------------------------------------------------------------------------
# Everything a dashboard shows for one breakdown


@dataclass(frozen=True)
class GroupStats:
    """Section 1 statistics per group: shape (G,) for one domain, (G, d) for several, except
    ``respondents`` and ``response_rate``, which are per group (G,)."""

    respondents: IntArray  # everyone in the group, scored or not
    n: IntArray  # unweighted base: respondents with a score in the domain
    n_eff: FloatArray
    deff: FloatArray
    sum_w: FloatArray
    maturity: FloatArray
    maturity_se: FloatArray
    maturity_ci_low: FloatArray
    maturity_ci_high: FloatArray
    attainment: FloatArray
    attainment_se: FloatArray
    attainment_ci_low: FloatArray
    attainment_ci_high: FloatArray
    response_rate: FloatArray  # percentage of the headcount; NaN without a population
    low_precision: BoolArray  # either interval's half-width is over 10 pp (or unknown)


def summarise(
    scores: ArrayLike,
    weights: ArrayLike,
    groups: ArrayLike,
    n_groups: int,
    population: ArrayLike | None = None,
    k: int = 4,
    scale_size: int = 5,
    *,
    confidence: float = 0.95,
    precision_limit: float = PRECISION_LIMIT,
) -> GroupStats:
    """Sections 1.3, 1.4, 1.7 and 1.8 for every group and domain from one pass of sums.

    Maturity intervals are t intervals (``mean_interval``); attainment intervals are Wilson
    intervals on n_eff with FPC (``wilson_interval``).
    """
    sums = group_sums(scores, weights, groups, n_groups, k=k, scale_size=scale_size)
    return summarise_sums(
        sums,
        population,
        single=_is_single(scores),
        confidence=confidence,
        precision_limit=precision_limit,
    )


def regroup(sums: GroupSums, mapping: ArrayLike, n_groups: int) -> GroupSums:
    """Sums of fine groups added up into coarser ones: ``mapping`` gives each fine group's
    coarse group (-1: left out). Every sum is additive, so summing people into organisation x
    profession cells once and then cells into regions, ICBs or staff groups gives the same
    figures as summing people into each directly, without reading every person again."""
    codes = np.asarray(mapping, dtype=np.intp)
    keep = codes >= 0
    codes = codes[keep]

    def add(values: NDArray[Any]) -> NDArray[Any]:
        # One bincount over the flattened (group, column) index: much faster than np.add.at.
        kept = values[keep]
        columns = int(np.prod(kept.shape[1:], dtype=np.intp))
        index = (codes[:, None] * columns + np.arange(columns)).ravel()
        total = np.bincount(index, weights=kept.reshape(-1), minlength=n_groups * columns)
        total = total.reshape((n_groups, *values.shape[1:]))
        if np.issubdtype(values.dtype, np.integer):
            return np.rint(total).astype(values.dtype)
        return total

    return GroupSums(
        respondents=add(sums.respondents),
        n=add(sums.n),
        sum_w=add(sums.sum_w),
        sum_w2=add(sums.sum_w2),
        sum_wd=add(sums.sum_wd),
        sum_wd2=add(sums.sum_wd2),
        sum_w_attained=add(sums.sum_w_attained),
    )


def summarise_sums(
    sums: GroupSums,
    population: ArrayLike | None = None,
    *,
    single: bool = False,
    confidence: float = 0.95,
    precision_limit: float = PRECISION_LIMIT,
) -> GroupStats:
    """``summarise`` from sums already made (``group_sums``, ``regroup``)."""
    n_groups = int(sums.respondents.size)
    population_column = _population_column(population, n_groups)
    n_eff = _n_eff(sums.sum_w, sums.sum_w2)
    maturity = _mean_interval(sums, population_column, confidence, "t", clip=True)
    share = _attainment(sums)
    fpc = {"respondents": sums.n, "population": population_column}
    share_low, share_high = wilson_interval(share, n_eff, confidence=confidence, **fpc)
    imprecise = low_precision(maturity.low, maturity.high, precision_limit) | low_precision(
        share_low, share_high, precision_limit
    )
    rate = response_rate(sums.respondents, population_column[:, 0])

    def shaped(values: ArrayT) -> ArrayT:
        return _shaped(values, single)

    return GroupStats(
        respondents=sums.respondents,
        n=shaped(sums.n),
        n_eff=shaped(n_eff),
        deff=shaped(_ratio(sums.n.astype(np.float64), n_eff)),
        sum_w=shaped(sums.sum_w),
        maturity=shaped(maturity.estimate),
        maturity_se=shaped(maturity.se),
        maturity_ci_low=shaped(maturity.low),
        maturity_ci_high=shaped(maturity.high),
        attainment=shaped(share),
        attainment_se=shaped(share_se(share, n_eff, **fpc)),
        attainment_ci_low=shaped(share_low),
        attainment_ci_high=shaped(share_high),
        response_rate=rate,
        low_precision=shaped(imprecise),
    )
