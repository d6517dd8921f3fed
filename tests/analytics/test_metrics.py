"""Group metrics of ANALYTICS.md section 1, for every group at once."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from digiready.analytics.metrics import (
    attainment,
    change_between_waves,
    design_effect,
    domain_maturity,
    effective_sample_size,
    gap_to_target,
    low_precision,
    maturity_level,
    mean_interval,
    need_in_staff_equivalents,
    paired_change,
    response_rate,
    summarise,
    wilson_interval,
)

NAN = float("nan")


def test_equal_weights_reproduce_the_simple_mean_of_each_group() -> None:
    scores = np.array([0.0, 0.5, 1.0, 0.25, 0.75])
    groups = np.array([0, 0, 0, 1, 1])
    maturity = domain_maturity(scores, np.ones(5), groups, 2)
    assert maturity == pytest.approx([50.0, 50.0])
    assert domain_maturity(scores, np.full(5, 3.7), groups, 2) == pytest.approx([50.0, 50.0])


def test_a_respondent_averaging_2_12_out_of_5_scores_28_percent() -> None:
    answers = np.array([2, 2, 2, 3, 2, 2, 2, 2, 2, 2, 3, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 2, 2])
    assert answers.mean() == pytest.approx(2.12)
    score = np.array([((answers - 1) / 4).mean()])
    assert domain_maturity(score, np.ones(1), np.zeros(1, dtype=int), 1) == pytest.approx([28.0])
    assert maturity_level([28.0]) == pytest.approx([2.1])


def test_a_missing_score_is_left_out_not_counted_as_zero() -> None:
    scores = np.array([[0.5, NAN], [1.0, 0.2], [NAN, NAN]])
    groups = np.zeros(3, dtype=int)
    maturity = domain_maturity(scores, np.ones(3), groups, 1)
    assert maturity[0] == pytest.approx([75.0, 20.0])
    found = summarise(scores, np.ones(3), groups, 1)
    assert found.n.tolist() == [[2, 1]]
    assert found.respondents.tolist() == [3]


def test_a_group_nobody_answered_has_no_value_rather_than_zero() -> None:
    maturity = domain_maturity(np.array([0.5]), np.ones(1), np.array([1]), 3)
    assert np.isnan(maturity[0]) and np.isnan(maturity[2])
    assert maturity[1] == pytest.approx(50.0)


def test_attainment_counts_scores_at_or_above_the_level_threshold() -> None:
    scores = np.array([0.75, 2 / 3 + 1 / 12, 0.7499, 1.0, 0.5])
    groups = np.zeros(5, dtype=int)
    # k = 4 of 5: tau = 0.75; 2/3 + 1/12 is 0.75 up to rounding and counts.
    assert attainment(scores, np.ones(5), groups, 1) == pytest.approx([60.0])
    assert attainment(scores, np.ones(5), groups, 1, k=5) == pytest.approx([20.0])
    assert attainment(scores, np.ones(5), groups, 1, k=3) == pytest.approx([100.0])
    assert attainment(scores, np.ones(5), groups, 1, k=2, scale_size=3) == pytest.approx([100.0])
    with pytest.raises(ValueError, match="k must lie"):
        attainment(scores, np.ones(5), groups, 1, k=6)


def test_gap_to_target_and_need_in_staff_equivalents() -> None:
    gap = gap_to_target(np.array([60.0, 80.0, NAN]), 75.0)
    assert gap[:2] == pytest.approx([15.0, 0.0])
    assert np.isnan(gap[2])
    assert need_in_staff_equivalents(np.array([2000, 500]), gap[:2]) == pytest.approx([300, 0])
    two_domains = gap_to_target(np.array([[60.0, 70.0]]), np.array([75.0, 60.0]))
    assert need_in_staff_equivalents(np.array([1000]), two_domains) == pytest.approx(
        np.array([[150.0, 0.0]])
    )


def test_response_rate_is_respondents_over_headcount() -> None:
    rate = response_rate(np.array([45, 3, 1]), np.array([100, 0, NAN]))
    assert rate[0] == pytest.approx(45.0)
    assert np.isnan(rate[1:]).all()


def test_equal_weights_give_n_eff_equal_to_n_and_design_effect_1() -> None:
    groups = np.array([0, 0, 0, 1, 1])
    assert effective_sample_size(np.ones(5), groups, 2) == pytest.approx([3, 2])
    assert design_effect(np.full(5, 2.5), groups, 2) == pytest.approx([1, 1])


@given(seed=st.integers(0, 2**32 - 1), n=st.integers(2, 40))
def test_design_effect_is_one_plus_the_squared_coefficient_of_variation(seed: int, n: int) -> None:
    w = np.random.default_rng(seed).uniform(0.1, 10, n)
    groups = np.zeros(n, dtype=int)
    n_eff = effective_sample_size(w, groups, 1)[0]
    assert n_eff == pytest.approx(w.sum() ** 2 / (w**2).sum())
    assert 1 <= n_eff <= n + 1e-9
    assert design_effect(w, groups, 1)[0] == pytest.approx(1 + w.var() / w.mean() ** 2)


def test_mean_interval_with_equal_weights_is_the_textbook_t_interval() -> None:
    rng = np.random.default_rng(3)
    scores = rng.uniform(0, 1, 25)
    interval = mean_interval(scores, np.ones(25), np.zeros(25, dtype=int), 1)
    low, high = stats.t.interval(0.95, 24, loc=scores.mean(), scale=stats.sem(scores))
    assert interval.low[0] == pytest.approx(100 * low)
    assert interval.high[0] == pytest.approx(100 * high)
    normal = mean_interval(scores, np.ones(25), np.zeros(25, dtype=int), 1, distribution="normal")
    assert normal.half_width[0] < interval.half_width[0]


def test_a_census_has_no_sampling_error() -> None:
    scores = np.array([0.2, 0.4, 0.9, 0.5])
    groups = np.zeros(4, dtype=int)
    interval = mean_interval(scores, np.ones(4), groups, 1, population=np.array([4]))
    assert interval.se[0] == pytest.approx(0.0)
    assert interval.low[0] == pytest.approx(interval.high[0])
    half = mean_interval(scores, np.ones(4), groups, 1, population=np.array([8])).se[0]
    assert half == pytest.approx(mean_interval(scores, np.ones(4), groups, 1).se[0] * 0.5**0.5)


@given(
    share=st.floats(0, 100),
    n_eff=st.floats(0.5, 5000),
    sampled=st.floats(0, 1),
)
def test_wilson_bounds_stay_within_0_and_100_and_narrow_with_the_fpc(
    share: float, n_eff: float, sampled: float
) -> None:
    n = max(1.0, n_eff)
    low, high = wilson_interval(np.array([share]), np.array([n_eff]))
    assert 0 <= low[0] <= share + 1e-9 and share - 1e-9 <= high[0] <= 100
    fpc_low, fpc_high = wilson_interval(
        np.array([share]),
        np.array([n_eff]),
        respondents=np.array([n]),
        population=np.array([n / max(sampled, 1e-3)]),
    )
    assert fpc_low[0] >= 0 and fpc_high[0] <= 100
    assert fpc_high[0] - fpc_low[0] <= high[0] - low[0] + 1e-9
    assert fpc_low[0] <= share + 1e-9 <= fpc_high[0] + 2e-9


def test_wilson_on_a_census_is_the_share_itself() -> None:
    low, high = wilson_interval(
        np.array([30.0]), np.array([50.0]), respondents=np.array([50]), population=np.array([50])
    )
    assert low[0] == pytest.approx(30.0) and high[0] == pytest.approx(30.0)


def test_intervals_cover_the_truth_95_times_in_100_without_replacement() -> None:
    rng = np.random.default_rng(11)
    replicates, population, sample = 4000, 80, 40
    values = rng.beta(2, 3, size=(replicates, population))
    picked = np.argsort(rng.random((replicates, population)), axis=1)[:, :sample]
    scores = np.take_along_axis(values, picked, axis=1).ravel()
    groups = np.repeat(np.arange(replicates), sample)
    found = summarise(scores, np.ones(scores.size), groups, replicates, np.full(replicates, 80))
    truth_m = 100 * values.mean(axis=1)
    truth_a = 100 * (values >= 0.75).mean(axis=1)
    covered_m = (found.maturity_ci_low <= truth_m) & (truth_m <= found.maturity_ci_high)
    covered_a = (found.attainment_ci_low <= truth_a) & (truth_a <= found.attainment_ci_high)
    assert 0.93 <= covered_m.mean() <= 0.97
    assert 0.92 <= covered_a.mean() <= 0.98


def test_low_precision_is_flagged_when_the_half_width_exceeds_10_points() -> None:
    flags = low_precision(np.array([40.0, 40.0, NAN]), np.array([60.0, 60.1, NAN]))
    assert flags.tolist() == [False, True, True]


def test_a_change_is_significant_only_when_its_interval_excludes_zero() -> None:
    change = change_between_waves(
        np.array([50.0, 50.0, 40.0]), np.array([1.0, 3.0, 1.0]), np.array([45.0] * 3), np.ones(3)
    )
    assert change.delta == pytest.approx([5.0, 5.0, -5.0])
    assert change.se[1] == pytest.approx(math.sqrt(10))
    assert change.significant.tolist() == [True, False, True]
    assert change.low[0] == pytest.approx(5 - 1.959964 * math.sqrt(2), abs=1e-5)


def test_a_paired_change_follows_the_same_people() -> None:
    before = np.array([0.2, 0.4, 0.6, 0.8, 0.5, NAN])
    now = before + 0.1
    change = paired_change(now, before, np.ones(6), np.zeros(6, dtype=int), 1)
    assert change.delta == pytest.approx([10.0])
    assert change.se == pytest.approx([0.0], abs=1e-9)


def test_summarise_gives_one_row_per_group_and_flags_small_groups_as_imprecise() -> None:
    rng = np.random.default_rng(5)
    scores = rng.uniform(0, 1, (1000, 3))
    groups = (rng.random(1000) < 0.01).astype(int)
    found = summarise(scores, np.ones(1000), groups, 2, population=np.array([2000, 30]))
    assert found.maturity.shape == (2, 3)
    assert found.response_rate.shape == (2,)
    assert not found.low_precision[0].any()
    assert found.low_precision[1].all()
    assert found.deff == pytest.approx(np.ones((2, 3)))


def _reference(
    scores: np.ndarray, weights: np.ndarray, groups: np.ndarray, n_groups: int, population: list
) -> dict[str, list]:
    """One group and domain at a time, in plain Python."""
    found: dict[str, list] = {"m": [], "a": [], "n_eff": [], "se": [], "n": []}
    for group in range(n_groups):
        for domain in range(scores.shape[1]):
            rows = [
                i
                for i in range(len(groups))
                if groups[i] == group and not math.isnan(scores[i, domain])
            ]
            w = [float(weights[i]) for i in rows]
            x = [float(scores[i, domain]) for i in rows]
            total = sum(w)
            found["n"].append(len(rows))
            if total == 0:
                for key in ("m", "a", "se"):
                    found[key].append(NAN)
                found["n_eff"].append(0.0)
                continue
            mean = sum(a * b for a, b in zip(w, x, strict=True)) / total
            n_eff = total**2 / sum(a * a for a in w)
            spread = sum(a * (b - mean) ** 2 for a, b in zip(w, x, strict=True)) / total
            fpc = max(0.0, 1 - len(rows) / population[group])
            se = math.sqrt(spread / (n_eff - 1) * fpc) if n_eff > 1 else NAN
            found["m"].append(100 * mean)
            attained = sum(a for a, b in zip(w, x, strict=True) if b >= 0.75 - 1e-9)
            found["a"].append(100 * attained / total)
            found["n_eff"].append(n_eff)
            found["se"].append(100 * se)
    return found


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    n=st.integers(0, 60),
    n_groups=st.integers(1, 6),
    n_domains=st.integers(1, 3),
)
def test_vectorised_results_equal_a_slow_per_group_reference(
    seed: int, n: int, n_groups: int, n_domains: int
) -> None:
    rng = np.random.default_rng(seed)
    scores = rng.choice([0.0, 0.25, 0.5, 0.75, 1.0, 0.6, NAN], size=(n, n_domains))
    weights = rng.uniform(0.2, 5, n) * (rng.random(n) > 0.1)
    groups = rng.integers(0, n_groups, n)
    population = [int(rng.integers(60, 120)) for _ in range(n_groups)]
    found = summarise(scores, weights, groups, n_groups, np.array(population))
    expected = _reference(scores, weights, groups, n_groups, population)
    assert found.n.ravel().tolist() == expected["n"]
    assert found.maturity.ravel() == pytest.approx(expected["m"], nan_ok=True)
    assert found.attainment.ravel() == pytest.approx(expected["a"], nan_ok=True)
    assert found.n_eff.ravel() == pytest.approx(expected["n_eff"])
    # One pass of sums leaves rounding of about 1e-8 in a standard deviation near 0.
    assert found.maturity_se.ravel() == pytest.approx(expected["se"], nan_ok=True, abs=1e-5)


def test_group_codes_outside_the_range_are_refused() -> None:
    with pytest.raises(ValueError, match="group codes"):
        domain_maturity(np.array([0.5]), np.ones(1), np.array([2]), 2)
    with pytest.raises(TypeError):
        domain_maturity(np.array([0.5]), np.ones(1), np.array([0.0]), 1)
    with pytest.raises(ValueError, match="weights"):
        domain_maturity(np.array([0.5]), np.array([-1.0]), np.array([0]), 1)
