"""Survey weights, as ANALYTICS.md section 3 defines them.

Respondents are calibrated to the workforce frame (ESR-based NHS Workforce Statistics
headcount for the wave month, section 3.1):

1. Base weight 1, or 1 / invitation probability when invitations are sampled (3.2).
2. Sparse categories are pooled into their parents (3.3): a category with fewer than 10
   respondents joins the other sparse categories of the same parent (profession → staff group,
   organisation → ICB, organisation × staff group → ICB × staff group); a pool still under 10
   joins its smallest well-filled sibling. The maps are inputs: ``Margin.parents``.
3. Raking, iterative proportional fitting, on the margins (3.1, 3.3) until the largest relative
   margin error is at most 0.0005, for at most 1,000 sweeps. The joint organisation × staff
   group cell margin, when given, is applied last in every sweep, so a cell with at least 10
   respondents ends post-stratified: its weights add up exactly to its headcount (3.3), while
   age, sex, band and profession are still balanced within the tolerance.
4. Trimming at 5 × the median weight (or a percentile), then re-raking, for up to 3 cycles
   (3.4); n_eff and deff_w are reported per category of every margin, with an alert above 3.

Margins must be frame variables (where people work, what they do, who they are), never an
outcome or anything the questionnaire measures (3.6): weighting on capability would make the
estimates agree with whatever margin was assumed. ``weight_version`` records what produced a
set of weights, to print beside every published figure. No Django here.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from enum import IntEnum

import numpy as np
from numpy.typing import ArrayLike, NDArray

from digiready.analytics.metrics import (
    BoolArray,
    FloatArray,
    IntArray,
    design_effect,
    effective_sample_size,
    group_codes,
    weighted_bincount,
)

# Raking is a bincount and a multiply per margin in NumPy: balance and samplics bring pandas at
# run time, and balance's rake fills a dense table over every combination of the margins.

TOLERANCE = 0.0005  # section 3.3: largest relative margin error (balance's default)
MAX_ITERATIONS = 1000
MIN_RESPONDENTS = 10  # section 3.3: post-stratify a cell, or keep a category, from 10 up
DEFF_ALERT = 3.0  # section 3.4: weights doing too much


class Method(IntEnum):
    """How a respondent's weight was calibrated (section 3.3)."""

    POST_STRATIFIED = 0  # own organisation × staff group cell (n >= 10): cell total met exactly
    POOLED_CELL = 1  # sparse cell pooled into its parent (ICB × staff group), then raked
    RAKED = 2  # no cell margin: raked on the margins alone


METHOD_LABELS = {
    Method.POST_STRATIFIED: "Post-stratified on organisation and staff group",
    Method.POOLED_CELL: "Raked, with a small organisation pooled into its ICB",
    Method.RAKED: "Raked on the workforce margins",
}


@dataclass(frozen=True, eq=False)
class Margin:
    """One calibration margin of section 3.1: each respondent's category, the frame headcount of
    every category, and optionally each category's parent for pooling sparse ones (3.3).

    ``codes`` has one entry per respondent in 0..K-1; ``totals`` and ``parents`` have K.
    A frame variable only, never an outcome (3.6).
    """

    name: str
    codes: IntArray
    totals: FloatArray
    parents: IntArray | None = None

    def __post_init__(self) -> None:
        totals = np.asarray(self.totals, dtype=np.float64)
        if totals.ndim != 1 or not np.isfinite(totals).all() or (totals < 0).any():
            raise ValueError(f"{self.name}: totals must be finite headcounts, not negative")
        object.__setattr__(self, "totals", totals)
        object.__setattr__(self, "codes", group_codes(self.codes, totals.size))
        if self.parents is not None:
            parents = np.asarray(self.parents).astype(np.intp, copy=False)
            if parents.shape != totals.shape or (parents.size and parents.min() < 0):
                raise ValueError(f"{self.name}: one parent code (0 or more) per category")
            object.__setattr__(self, "parents", parents)

    @property
    def size(self) -> int:
        return int(self.totals.size)


@dataclass(frozen=True)
class WeightingSettings:
    """The parameters of section 3.3-3.4; part of every ``weight_version``."""

    min_respondents: int = MIN_RESPONDENTS
    tolerance: float = TOLERANCE
    max_iterations: int = MAX_ITERATIONS
    trim_ratio: float | None = 5.0  # cap at this many times the median weight
    trim_percentile: float | None = None  # or at this percentile of the weights (e.g. 99)
    trim_cycles: int = 3  # trim, then re-rake; stops early once nothing exceeds the cap
    deff_alert: float = DEFF_ALERT


# ---------------------------------------------------------------------------------------------
# Base weights and pooling


def base_weights(n: int, invitation_probability: ArrayLike | None = None) -> FloatArray:
    """ANALYTICS.md 3.2: 1 for everyone, or 1 / the probability of being invited."""
    if invitation_probability is None:
        return np.ones(n)
    p = np.asarray(invitation_probability, dtype=np.float64)
    if p.shape != (n,) or not ((p > 0) & (p <= 1)).all():
        raise ValueError("invitation probabilities must lie in (0, 1], one per respondent")
    return 1 / p


@dataclass(frozen=True, eq=False)
class Collapsed:
    """A margin after pooling its sparse categories (ANALYTICS.md 3.3)."""

    codes: IntArray  # each respondent's calibration category
    totals: FloatArray  # headcount of each calibration category
    mapping: IntArray  # original category → calibration category; -1 when no one can stand for it
    own: BoolArray  # original category calibrated on its own (not pooled)
    pooled: int  # categories with respondents or headcount that were pooled or left out
    uncovered: float  # headcount of categories left without any respondent


def collapse_sparse(margin: Margin, min_respondents: int = MIN_RESPONDENTS) -> Collapsed:
    """ANALYTICS.md 3.3: pool categories with fewer than ``min_respondents`` into their parent.

    The sparse children of one parent form one pool; a pool still under the minimum joins the
    parent's smallest well-filled child. A category with respondents but no headcount in the
    frame counts as sparse. Without parents, a sparse category with respondents stays as it
    is (if the frame gives it no headcount, raking gives its respondents weight 0).
    Categories nobody can stand for (no respondent in them or their pool) are left out, and
    their headcount reported as ``uncovered``.
    """
    k = margin.size
    n = np.bincount(margin.codes, minlength=k)
    own = (n >= min_respondents) & (margin.totals > 0)
    label = np.arange(k)
    if margin.parents is not None:
        label = np.where(own, label, k + margin.parents)  # pools are labelled k + parent
        pool_n = np.bincount(label, weights=n, minlength=k + int(margin.parents.max()) + 1)
        smallest = _smallest_child(n, own, margin.parents)
        merge = (label >= k) & (pool_n[label] < min_respondents)
        merge &= smallest[np.maximum(label - k, 0)] >= 0
        label[merge] = smallest[margin.parents[merge]]
    else:
        own = n > 0
    has_respondents = np.bincount(label, weights=n, minlength=int(label.max()) + 1) > 0
    kept_labels = np.flatnonzero(has_respondents)
    renumber = np.full(has_respondents.size, -1, dtype=np.intp)
    renumber[kept_labels] = np.arange(kept_labels.size)
    mapping = renumber[label]
    covered = mapping >= 0
    totals = weighted_bincount(mapping[covered], margin.totals[covered], kept_labels.size)
    own &= covered & (label == np.arange(k))
    exists = (n > 0) | (margin.totals > 0)
    return Collapsed(
        codes=mapping[margin.codes],
        totals=totals,
        mapping=mapping,
        own=own,
        pooled=int((exists & ~own).sum()),
        uncovered=float(margin.totals[~covered].sum()),
    )


def _smallest_child(n: NDArray[np.intp], own: BoolArray, parents: IntArray) -> IntArray:
    """For each parent, its well-filled child with the fewest respondents; -1 if it has none."""
    children = np.flatnonzero(own)
    result = np.full(int(parents.max()) + 1, -1, dtype=np.intp)
    if children.size:
        order = np.lexsort((children, n[children], parents[children]))
        ranked = children[order]
        first = np.unique(parents[ranked], return_index=True)[1]
        result[parents[ranked[first]]] = ranked[first]
    return result


# ---------------------------------------------------------------------------------------------
# Raking


@dataclass(frozen=True, eq=False)
class RakeResult:
    weights: FloatArray
    iterations: int
    converged: bool
    max_error: float  # largest relative margin error over every category with headcount


def rake(
    weights: ArrayLike,
    margins: Sequence[Margin],
    *,
    tolerance: float = TOLERANCE,
    max_iterations: int = MAX_ITERATIONS,
) -> RakeResult:
    """ANALYTICS.md 3.3: iterative proportional fitting of ``weights`` to each margin in turn.

    One sweep scales the weights of every category of every margin, in the order given, to
    the category's total; the last margin therefore holds exactly after each sweep. Stops when
    the largest relative margin error is at most ``tolerance``. A margin that cannot be met
    (contradictory totals, or a category with headcount but no respondents) is reported as
    not converged, never raised. Margins are used as given: pool sparse categories first.
    """
    w = np.array(weights, dtype=np.float64)
    targets = [(m.codes, m.totals) for m in margins]
    for iteration in range(1, max_iterations + 1):
        largest_step = 0.0
        for codes, totals in targets:
            sums = weighted_bincount(codes, w, totals.size)
            ratio = np.ones_like(totals)
            np.divide(totals, sums, out=ratio, where=sums > 0)
            largest_step = max(largest_step, float(np.abs(ratio - 1).max(initial=0.0)))
            w *= ratio[codes]
        # Margins can only be within tolerance once a whole sweep barely moved the weights.
        if largest_step <= tolerance:
            error = _max_error(w, targets)
            if error <= tolerance:
                return RakeResult(w, iteration, True, error)
    return RakeResult(w, max_iterations, False, _max_error(w, targets))


def _max_error(w: FloatArray, targets: Sequence[tuple[IntArray, FloatArray]]) -> float:
    return max((_margin_error(w, codes, totals) for codes, totals in targets), default=0.0)


def _margin_error(w: FloatArray, codes: IntArray, totals: FloatArray) -> float:
    sums = weighted_bincount(codes, w, totals.size)
    error = np.zeros_like(totals)
    np.divide(np.abs(sums - totals), totals, out=error, where=totals > 0)
    return float(error.max(initial=0.0))


def margin_error(weights: ArrayLike, margin: Margin) -> float:
    """The largest relative error |Σw - N| / N over the margin's categories (ANALYTICS.md 3.3)."""
    w = np.asarray(weights, dtype=np.float64)
    return _margin_error(w, margin.codes, margin.totals)


def trim(
    weights: ArrayLike, *, ratio: float | None = 5.0, percentile: float | None = None
) -> tuple[FloatArray, float, BoolArray]:
    """ANALYTICS.md 3.4: cap weights at ``ratio`` × the median weight, or at ``percentile``.

    Returns the capped weights, the cap and which rows were capped; re-rake afterwards.
    """
    w = np.asarray(weights, dtype=np.float64)
    positive = w[w > 0]
    if not positive.size:
        return w.copy(), float("inf"), np.zeros(w.shape, dtype=np.bool_)
    if percentile is not None:
        cap = float(np.percentile(positive, percentile))
    elif ratio is not None:
        cap = ratio * float(np.median(positive))
    else:
        raise ValueError("give a trimming ratio or percentile")
    capped = w > cap
    return np.minimum(w, cap), cap, capped


# ---------------------------------------------------------------------------------------------
# Diagnostics


@dataclass(frozen=True, eq=False)
class WeightDiagnostics:
    """ANALYTICS.md 3.4 per group: respondents, n_eff = (Σw)²/Σw², deff_w = n / n_eff."""

    respondents: IntArray
    n_eff: FloatArray
    deff: FloatArray
    alert: BoolArray  # deff_w above the alert level: low coverage, weights doing too much


def weight_diagnostics(
    weights: ArrayLike, groups: ArrayLike, n_groups: int, *, alert_above: float = DEFF_ALERT
) -> WeightDiagnostics:
    """ANALYTICS.md 3.4: n_eff and deff_w for each group, and an alert where deff_w > 3."""
    w = np.asarray(weights, dtype=np.float64)
    codes = group_codes(groups, n_groups, w.shape[0])
    deff = design_effect(w, codes, n_groups)
    return WeightDiagnostics(
        respondents=np.bincount(codes, minlength=n_groups).astype(np.intp),
        n_eff=effective_sample_size(w, codes, n_groups),
        deff=deff,
        alert=np.asarray(deff > alert_above, dtype=np.bool_),
    )


# ---------------------------------------------------------------------------------------------
# The whole method


@dataclass(frozen=True, eq=False)
class WeightingResult:
    """Weights aligned with the input rows, and how they were reached (ANALYTICS.md 3)."""

    weights: FloatArray
    method: NDArray[np.int8]  # a ``Method`` per respondent
    iterations: int  # raking sweeps in all: the first rake and every re-rake
    converged: bool  # the last rake met the tolerance
    max_margin_error: float  # after the last rake, over every calibrated category
    margin_errors: dict[str, float]
    trimmed: int  # respondents capped in at least one trimming cycle
    trim_cap: float | None  # the last cap applied
    max_weight_ratio: float  # largest weight / median weight, after the last rake
    diagnostics: dict[str, WeightDiagnostics]  # per original category of each margin; "all"
    pooled: dict[str, int]  # categories pooled into their parent, per margin
    uncovered: dict[str, float]  # headcount no respondent could stand for, per margin
    rescaled: dict[str, float]  # factor bringing each margin to the common total
    version: str
    settings: WeightingSettings = field(default_factory=WeightingSettings)

    @property
    def alerts(self) -> list[tuple[str, int]]:
        """(margin, category) pairs whose deff_w is over the alert level."""
        return [
            (name, int(category))
            for name, found in self.diagnostics.items()
            for category in np.flatnonzero(found.alert)
        ]


def compute_weights(
    margins: Sequence[Margin],
    *,
    cell: Margin | None = None,
    base: ArrayLike | None = None,
    settings: WeightingSettings | None = None,
) -> WeightingResult:
    """ANALYTICS.md 3.2-3.4: pool, rake (cell margin last), trim and re-rake, diagnose.

    ``margins`` are the raking margins (staff group, profession, band, age, sex...); ``cell``
    the joint organisation × staff group margin with each cell's parent (ICB × staff group).
    Margin totals are rescaled to the cell margin's covered headcount (or the last margin's)
    so that all margins agree; the factors are reported in ``rescaled``. Convergence failure
    is reported in the result (``converged``, ``max_margin_error``), not raised.
    """
    settings = settings or WeightingSettings()
    every = [*margins, *([cell] if cell is not None else [])]
    if not every:
        raise ValueError("weighting needs at least one margin")
    n = every[0].codes.size
    if any(m.codes.size != n for m in every):
        raise ValueError("every margin needs one code per respondent")
    if len({m.name for m in every}) != len(every):
        raise ValueError("margin names must differ")
    start = base_weights(n) if base is None else _checked_base(base, n)

    collapsed = {m.name: collapse_sparse(m, settings.min_respondents) for m in every}
    targets, rescaled = _common_targets(every, collapsed)
    outcome = rake(
        start, targets, tolerance=settings.tolerance, max_iterations=settings.max_iterations
    )
    iterations, capped_ever, cap = outcome.iterations, np.zeros(n, dtype=np.bool_), None
    for _ in range(settings.trim_cycles if _trims(settings) else 0):
        capped_weights, cap, capped = trim(
            outcome.weights, ratio=settings.trim_ratio, percentile=settings.trim_percentile
        )
        if not capped.any():
            break
        capped_ever |= capped
        outcome = rake(
            capped_weights,
            targets,
            tolerance=settings.tolerance,
            max_iterations=settings.max_iterations,
        )
        iterations += outcome.iterations

    w = outcome.weights
    positive = w[w > 0]
    return WeightingResult(
        weights=w,
        method=_methods(n, cell, collapsed),
        iterations=iterations,
        converged=outcome.converged,
        max_margin_error=outcome.max_error,
        margin_errors={t.name: margin_error(w, t) for t in targets},
        trimmed=int(capped_ever.sum()),
        trim_cap=cap,
        max_weight_ratio=float(w.max() / np.median(positive)) if positive.size else float("nan"),
        diagnostics=_diagnostics(w, every, settings.deff_alert),
        pooled={name: c.pooled for name, c in collapsed.items()},
        uncovered={name: c.uncovered for name, c in collapsed.items()},
        rescaled=rescaled,
        version=weight_version(margins, cell=cell, base=base, settings=settings),
        settings=settings,
    )


def _checked_base(base: ArrayLike, n: int) -> FloatArray:
    w = np.asarray(base, dtype=np.float64)
    if w.shape != (n,) or not np.isfinite(w).all() or (w <= 0).any():
        raise ValueError("base weights must be positive and finite, one per respondent")
    return w


def _trims(settings: WeightingSettings) -> bool:
    return settings.trim_ratio is not None or settings.trim_percentile is not None


def _common_targets(
    every: Sequence[Margin], collapsed: dict[str, Collapsed]
) -> tuple[list[Margin], dict[str, float]]:
    """Pooled margins, all rescaled to one total (the cell margin is last, so it sets it)."""
    reference = collapsed[every[-1].name].totals.sum()
    targets, rescaled = [], {}
    for margin in every:
        pooled = collapsed[margin.name]
        total = pooled.totals.sum()
        factor = float(reference / total) if total > 0 else 1.0
        rescaled[margin.name] = factor
        targets.append(Margin(margin.name, pooled.codes, pooled.totals * factor))
    return targets, rescaled


def _methods(n: int, cell: Margin | None, collapsed: dict[str, Collapsed]) -> NDArray[np.int8]:
    if cell is None:
        return np.full(n, Method.RAKED, dtype=np.int8)
    own = collapsed[cell.name].own[cell.codes]
    return np.where(own, Method.POST_STRATIFIED, Method.POOLED_CELL).astype(np.int8)


def _diagnostics(
    w: FloatArray, every: Sequence[Margin], alert_above: float
) -> dict[str, WeightDiagnostics]:
    found = {m.name: weight_diagnostics(w, m.codes, m.size, alert_above=alert_above) for m in every}
    found["all"] = weight_diagnostics(
        w, np.zeros(w.size, dtype=np.intp), 1, alert_above=alert_above
    )
    return found


# ---------------------------------------------------------------------------------------------
# Reproducibility (section 3.6)


def weight_version(
    margins: Sequence[Margin],
    *,
    cell: Margin | None = None,
    base: ArrayLike | None = None,
    settings: WeightingSettings | None = None,
    method: str = "rake-v1",
) -> str:
    """ANALYTICS.md 3.6: a short stable version of a set of weights, to publish beside figures.

    A hash of the method, the settings, every margin (name, respondents' codes, headcounts,
    parents) and the base weights: the same frame, data and parameters give the same string
    on any machine; any change gives another.
    """
    digest = hashlib.blake2b(digest_size=8)
    digest.update(method.encode())
    digest.update(repr(sorted(asdict(settings or WeightingSettings()).items())).encode())
    for margin in [*margins, *([cell] if cell is not None else [])]:
        digest.update(b"cell" if margin is cell else b"margin")
        digest.update(margin.name.encode())
        digest.update(np.ascontiguousarray(margin.codes, dtype="<i8").tobytes())
        digest.update(np.ascontiguousarray(margin.totals, dtype="<f8").tobytes())
        if margin.parents is not None:
            digest.update(np.ascontiguousarray(margin.parents, dtype="<i8").tobytes())
    if base is not None:
        digest.update(np.ascontiguousarray(base, dtype="<f8").tobytes())
    return f"w-{digest.hexdigest()}"
