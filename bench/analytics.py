"""Benchmark: the national dashboard, weighted, with intervals and disclosure control.

On the `national` synthetic preset (1.5 million staff, about 650,000 respondents, generated in
memory from the reference regions, ICBs and trusts), this times:

- raking the respondents to the workforce frame (organisation x staff group cells, pooled into
  ICB x staff group where sparse; profession, band group, age band and sex margins; trimming);
- the full national dashboard: every domain for England and by region, ICB, staff group and
  profession, weighted, with 95% intervals, through disclosure control — our NumPy engine
  (`analytics.figures`) against the peer baseline, an idiomatic vectorised pandas version of
  the same figures (one groupby-sum per breakdown, no row-wise apply, no Python loop over rows)
  that goes through the same disclosure control; both start from the per-person scores already
  in memory (a DataFrame for pandas), and their unrounded figures are checked to be equal.

Run with `.venv/bin/python bench/analytics.py`; results go to bench/results/analytics.json.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from scipy.special import ndtri, stdtrit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from digiready.accounts.professions import PROFESSION_BY_CODE  # noqa: E402
from digiready.analytics import synthetic  # noqa: E402
from digiready.analytics.disclosure import protect  # noqa: E402
from digiready.analytics.figures import (  # noqa: E402
    ENGLAND,
    Breakdown,
    cell_sums,
    cell_table,
    figures_from_cells,
    group_statistics,
)
from digiready.analytics.metrics import GroupStats  # noqa: E402
from digiready.analytics.weighting import Margin, compute_weights  # noqa: E402
from digiready.assessments.scoring import TOLERANCE, threshold  # noqa: E402
from digiready.frameworks.bundled import PERSON_FRAMEWORK, load_framework_file  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "analytics.json"
REFERENCE = ROOT / "src" / "digiready" / "organisations" / "reference"
PRESET = os.environ.get("BENCH_PRESET", "national")
SEED = 1
REPEATS = 5
DASHBOARD_TARGET = 1.0
RAKING_TARGET = 2.0
SPEEDUP_TARGET = 5.0


def median_time(run: Callable[[], Any], repeats: int = REPEATS) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeats):
        started = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# -- The population ---------------------------------------------------------------------------


def population() -> tuple[synthetic.Synthetic, float]:
    framework = load_framework_file(PERSON_FRAMEWORK)
    specs = [synthetic.DomainSpec(d.code, len(d.capabilities)) for d in framework.domains]
    geography = synthetic.read_geography(REFERENCE)
    started = time.perf_counter()
    made = synthetic.synthesise(PRESET, geography, specs, waves=1, seed=SEED)
    return made, time.perf_counter() - started


class Respondents:
    """The respondents of the baseline wave as arrays, and the frame's headcounts."""

    def __init__(self, made: synthetic.Synthetic) -> None:
        wave = made.waves[0]
        responses = wave.responses()
        # Kept sorted by organisation and profession, so that each organisation x profession
        # cell is a run of rows and summing into cells reads memory in order.
        order = np.lexsort((wave.profession[responses.index], wave.organisation[responses.index]))
        rows = responses.index[order]
        orgs = made.organisations
        self.domains = [d.code for d in made.domains]
        self.scores = responses.scores[order]
        self.n = rows.size
        org = wave.organisation[rows].astype(np.intp)
        self.dimensions: dict[str, tuple[np.ndarray, tuple[str, ...], np.ndarray]] = {}
        frame_org = wave.organisation.astype(np.intp)
        for name, people, frame, codes in (
            ("region", orgs.region[org], orgs.region[frame_org], [r.code for r in made.regions]),
            (
                "icb",
                wave.organisation_icb[org],
                wave.organisation_icb[frame_org],
                [i.code for i in made.icbs],
            ),
            ("organisation", org, frame_org, list(orgs.codes)),
            (
                "staff_group",
                wave.staff_group[rows],
                wave.staff_group,
                list(synthetic.STAFF_GROUP_CODES),
            ),
            (
                "profession",
                wave.profession[rows],
                wave.profession,
                list(synthetic.PROFESSION_CODES),
            ),
            ("band_group", wave.band_group[rows], wave.band_group, list(synthetic.BAND_CODES)),
            ("age_band", wave.age_band[rows], wave.age_band, list(synthetic.AGE_CODES)),
            ("sex", wave.sex[rows], wave.sex, list(synthetic.SEX_CODES)),
        ):
            index = np.asarray(people, dtype=np.intp)
            headcount = np.bincount(np.asarray(frame, dtype=np.intp), minlength=len(codes))
            self.dimensions[name] = (index, tuple(codes), headcount.astype(np.float64))
        self.organisation_icb = wave.organisation_icb
        self.region_of_org = np.asarray(orgs.region, dtype=np.intp)
        staff_groups = list(synthetic.STAFF_GROUP_CODES)
        self.staff_group_of_profession = np.array(
            [
                staff_groups.index(PROFESSION_BY_CODE[code].staff_group)
                for code in synthetic.PROFESSION_CODES
            ],
            dtype=np.intp,
        )
        self.region_of_icb = {i.code: i.region for i in made.icbs}
        self.frame_cells = np.bincount(
            frame_org * len(synthetic.STAFF_GROUP_CODES) + wave.staff_group.astype(np.intp),
            minlength=len(orgs.codes) * len(synthetic.STAFF_GROUP_CODES),
        ).astype(np.float64)

    def margins(self) -> tuple[list[Margin], Margin]:
        groups = len(synthetic.STAFF_GROUP_CODES)
        org, _, _ = self.dimensions["organisation"]
        group, _, _ = self.dimensions["staff_group"]
        n_orgs = len(self.dimensions["organisation"][1])
        parents = (np.asarray(self.organisation_icb)[:, None] * groups + np.arange(groups)).ravel()
        cell = Margin("organisation x staff group", org * groups + group, self.frame_cells, parents)
        profession, codes, headcount = self.dimensions["profession"]
        staff_groups = list(synthetic.STAFF_GROUP_CODES)
        profession_parents = np.array(
            [staff_groups.index(PROFESSION_BY_CODE[code].staff_group) for code in codes]
        )
        margins = [Margin("profession", profession, headcount, profession_parents)]
        for name in ("band_group", "age_band", "sex"):
            index, _, totals = self.dimensions[name]
            margins.append(Margin(name, index, totals))
        assert cell.totals.size == n_orgs * groups
        return margins, cell

    def breakdown(self, by: str) -> Breakdown:
        if by == "national":
            total = float(self.dimensions["region"][2].sum())
            return Breakdown(
                "national",
                (ENGLAND,),
                ("England",),
                np.zeros(self.n, dtype=np.int32),
                (None,),
                np.array([total]),
            )
        index, codes, headcount = self.dimensions[by]
        parents: list[str | None]
        if by == "icb":
            parents = [f"region:{self.region_of_icb.get(code)}" for code in codes]
        elif by == "profession":
            # Namespaced: a profession and a staff group may share a code ("estates").
            parents = [f"staff_group:{PROFESSION_BY_CODE[code].staff_group}" for code in codes]
        else:
            parents = [ENGLAND] * len(codes)
        return Breakdown(by, codes, codes, index.astype(np.int32), parents, headcount)


BREAKDOWNS = ("national", "region", "icb", "staff_group", "profession")


# -- Ours -----------------------------------------------------------------------------------


def dashboard(people: Respondents, weights: np.ndarray) -> dict[str, Any]:
    """One pass over the people into organisation x profession cells, then each breakdown
    added up from the cells."""
    org = people.dimensions["organisation"][0]
    profession = people.dimensions["profession"][0]
    n_professions = len(people.dimensions["profession"][1])
    n_cells = len(people.dimensions["organisation"][1]) * n_professions
    sums = cell_sums(people.scores, weights, org * n_professions + profession, n_cells)
    cell_org, cell_profession = np.divmod(np.arange(n_cells), n_professions)
    mappings = {
        "national": np.zeros(n_cells, dtype=np.intp),
        "region": people.region_of_org[cell_org],
        "icb": np.asarray(people.organisation_icb, dtype=np.intp)[cell_org],
        "staff_group": people.staff_group_of_profession[cell_profession],
        "profession": cell_profession,
    }
    return {
        by: figures_from_cells(
            sums,
            mappings[by],
            people.breakdown(by),
            people.domains,
            level="national" if by == "national" else "subnational",
        )
        for by in BREAKDOWNS
    }


# -- The pandas baseline ------------------------------------------------------------------------


def pandas_frame(people: Respondents, weights: np.ndarray) -> pd.DataFrame:
    frame = pd.DataFrame(people.scores, columns=people.domains)
    frame["w"] = weights
    for by in BREAKDOWNS[1:]:
        frame[by] = people.dimensions[by][0]
    frame["national"] = 0
    return frame


def pandas_statistics(frame: pd.DataFrame, breakdown: Breakdown, domains: list[str]) -> GroupStats:
    """The same section-1 statistics as `metrics.summarise`, written as an analyst would in
    pandas: weighted sums by groupby, then the formulas column-wise."""
    scores = frame[domains]
    w = frame["w"]
    valid = scores.notna()
    filled = scores.fillna(0.0)
    weighted = valid.mul(w, axis=0)
    tau = threshold(4, 5)
    parts = pd.concat(
        {
            "n": valid.astype(float),
            "sw": weighted,
            "sw2": weighted.mul(w, axis=0),
            "swd": filled.mul(w, axis=0),
            "swd2": (filled * filled).mul(w, axis=0),
            "swa": ((filled + TOLERANCE >= tau) & valid).mul(w, axis=0),
        },
        axis=1,
    )
    key = frame[breakdown.name]
    sums = parts.groupby(key).sum().reindex(range(len(breakdown.codes)), fill_value=0.0)
    respondents = key.value_counts().reindex(range(len(breakdown.codes)), fill_value=0)
    n, sw, sw2 = sums["n"].to_numpy(), sums["sw"].to_numpy(), sums["sw2"].to_numpy()
    swd, swd2, swa = sums["swd"].to_numpy(), sums["swd2"].to_numpy(), sums["swa"].to_numpy()
    population = breakdown.population[:, None] if breakdown.population is not None else None
    with np.errstate(divide="ignore", invalid="ignore"):
        n_eff = np.where(sw2 > 0, sw * sw / sw2, 0.0)
        mean = np.where(sw > 0, swd / sw, np.nan)
        spread = np.maximum(np.where(sw > 0, swd2 / sw, np.nan) - mean * mean, 0.0)
        fpc = np.clip(1 - np.where(population > 0, n / population, 0.0), 0.0, 1.0)
        variance = np.where(n_eff - 1 > 0, spread / (n_eff - 1), np.nan) * fpc
        variance[n_eff <= 1] = np.nan
        se = 100 * np.sqrt(variance)
        q = stdtrit(np.where(n_eff - 1 > 0, n_eff - 1, np.nan), 0.975)
        maturity = 100 * mean
        share = np.where(sw > 0, swa / sw, np.nan)
        z = ndtri(0.975)
        qq = np.where(n_eff > 0, z * z * fpc / n_eff, np.nan)
        centre = (share + qq / 2) / (1 + qq)
        half = np.sqrt(np.maximum(qq * share * (1 - share) + qq * qq / 4, 0.0)) / (1 + qq)
    low, high = np.clip(maturity - q * se, 0, 100), np.clip(maturity + q * se, 0, 100)
    share_low = 100 * np.clip(centre - half, 0, 1)
    share_high = 100 * np.clip(centre + half, 0, 1)
    imprecise = ~((high - low) / 2 <= 10) | ~((share_high - share_low) / 2 <= 10)
    return GroupStats(
        respondents=respondents.to_numpy(),
        n=np.rint(n).astype(np.intp),
        n_eff=n_eff,
        deff=np.where(n_eff > 0, n / np.where(n_eff > 0, n_eff, 1), np.nan),
        sum_w=sw,
        maturity=maturity,
        maturity_se=se,
        maturity_ci_low=low,
        maturity_ci_high=high,
        attainment=100 * share,
        attainment_se=np.full_like(share, np.nan),
        attainment_ci_low=share_low,
        attainment_ci_high=share_high,
        response_rate=np.full(len(breakdown.codes), np.nan),
        low_precision=imprecise,
    )


def pandas_dashboard(frame: pd.DataFrame, people: Respondents) -> dict[str, Any]:
    out = {}
    for by in BREAKDOWNS:
        breakdown = people.breakdown(by)
        stats = pandas_statistics(frame, breakdown, people.domains)
        out[by] = (
            stats,
            protect(
                cell_table(stats, breakdown, people.domains),
                level="national" if by == "national" else "subnational",
            ),
        )
    return out


def same(ours: GroupStats, theirs: GroupStats) -> bool:
    fields = (
        "n",
        "maturity",
        "maturity_ci_low",
        "maturity_ci_high",
        "attainment",
        "attainment_ci_low",
        "attainment_ci_high",
    )
    return all(
        np.allclose(getattr(ours, f), getattr(theirs, f), rtol=1e-9, atol=1e-9, equal_nan=True)
        for f in fields
    )


def main() -> None:
    made, generate_seconds = population()
    people = Respondents(made)
    margins, cell = people.margins()
    raking_seconds, result = median_time(lambda: compute_weights(margins, cell=cell), 3)
    weights = result.weights
    dashboard_seconds, ours = median_time(lambda: dashboard(people, weights))
    frame = pandas_frame(people, weights)
    pandas_seconds, theirs = median_time(lambda: pandas_dashboard(frame, people))
    equal = all(
        same(group_statistics(people.scores, weights, people.breakdown(by)), theirs[by][0])
        and [c.statistics for c in ours[by].cells] == [c.statistics for c in theirs[by][1].cells]
        for by in BREAKDOWNS
    )
    cells = sum(len(ours[by].cells) * len(people.domains) for by in BREAKDOWNS)
    results = {
        "preset": PRESET,
        "staff": int(made.waves[0].size),
        "respondents": int(people.n),
        "domains": len(people.domains),
        "figures": cells,
        "generate_seconds": round(generate_seconds, 2),
        "raking_seconds": round(raking_seconds, 3),
        "raking_converged": bool(result.converged),
        "raking_max_margin_error": float(result.max_margin_error),
        "dashboard_seconds": round(dashboard_seconds, 3),
        "pandas_seconds": round(pandas_seconds, 3),
        "speedup": round(pandas_seconds / dashboard_seconds, 1),
        "results_equal": bool(equal),
        "peak_rss_mib": round(peak_rss_mib(), 0),
        "targets": {
            "dashboard_seconds": DASHBOARD_TARGET,
            "raking_seconds": RAKING_TARGET,
            "speedup": SPEEDUP_TARGET,
            "peak_rss_mib": 2048,
        },
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "pandas": pd.__version__,
        "numpy": np.__version__,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print(f"Analytics on the {PRESET} synthetic population (median of {REPEATS} runs)")
    print(f"{'':34}{'seconds':>10}")
    print(f"{'generate the population':34}{generate_seconds:>10.2f}")
    print(f"{'rake ' + format(people.n, ',') + ' respondents':34}{raking_seconds:>10.3f}")
    print(f"{'dashboard, NumPy engine (ours)':34}{dashboard_seconds:>10.3f}")
    print(f"{'dashboard, pandas baseline':34}{pandas_seconds:>10.3f}")
    print(
        f"speedup {results['speedup']}x; {cells:,} figures; results equal: {equal}; "
        f"peak memory {results['peak_rss_mib']:,.0f} MiB"
    )


if __name__ == "__main__":
    main()
