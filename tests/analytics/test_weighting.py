"""Survey weights of ANALYTICS.md section 3: pooling, raking, post-stratification, trimming."""

from dataclasses import dataclass

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from digiready.analytics.metrics import domain_maturity
from digiready.analytics.weighting import (
    Margin,
    Method,
    WeightingSettings,
    base_weights,
    collapse_sparse,
    compute_weights,
    margin_error,
    rake,
    trim,
    weight_diagnostics,
    weight_version,
)

N_ORGS, N_ICBS, N_GROUPS = 20, 5, 5
ORG_ICB = np.arange(N_ORGS) % N_ICBS
CELL_PARENTS = (ORG_ICB[:, None] * N_GROUPS + np.arange(N_GROUPS)).ravel()
GROUP_CAPABILITY = np.array([1.0, 0.2, -0.8, 0.5, -0.3])
AGE_CAPABILITY = np.linspace(0.4, -0.4, 5)


@dataclass
class Survey:
    """A workforce frame and the people who answered, with their true capability."""

    org: np.ndarray
    staff_group: np.ndarray
    age: np.ndarray
    sex: np.ndarray
    score: np.ndarray  # D in [0, 1] for everyone in the frame
    responded: np.ndarray  # indices of respondents

    def margin(self, name: str, codes: np.ndarray, size: int, parents=None) -> Margin:
        totals = np.bincount(codes, minlength=size).astype(float)
        return Margin(name, codes[self.responded], totals, parents)

    def cell(self) -> Margin:
        codes = self.org * N_GROUPS + self.staff_group
        return self.margin("organisation x staff group", codes, N_ORGS * N_GROUPS, CELL_PARENTS)

    def margins(self) -> list[Margin]:
        return [
            self.margin("staff group", self.staff_group, N_GROUPS),
            self.margin("age", self.age, 5),
            self.margin("sex", self.sex, 2),
        ]


def simulate(seed: int, people: int = 20_000, capability_drives_response: float = 0.4) -> Survey:
    """ANALYTICS.md 4: response rises with capability and with the same things capability does
    (staff group, age, organisation)."""
    rng = np.random.default_rng(seed)
    org = rng.integers(0, N_ORGS, people)
    staff_group = rng.choice(N_GROUPS, people, p=[0.1, 0.3, 0.25, 0.2, 0.15])
    age = rng.integers(0, 5, people)
    sex = (rng.random(people) < 0.75).astype(int)
    theta = (
        GROUP_CAPABILITY[staff_group]
        + AGE_CAPABILITY[age]
        + rng.normal(0, 0.25, N_ORGS)[org]
        + rng.normal(0, 0.6, people)
    )
    logit = (
        -0.3
        + 1.2 * GROUP_CAPABILITY[staff_group]
        + AGE_CAPABILITY[age]
        + rng.normal(0, 0.5, N_ORGS)[org]
        + capability_drives_response * (theta - theta.mean())
    )
    responded = np.flatnonzero(rng.random(people) < 1 / (1 + np.exp(-logit)))
    return Survey(org, staff_group, age, sex, 1 / (1 + np.exp(-theta)), responded)


def test_raked_weights_reproduce_every_margin_within_0_05_percent() -> None:
    survey = simulate(1)
    result = compute_weights(survey.margins(), cell=survey.cell())
    assert result.converged
    assert result.max_margin_error <= 0.0005
    for margin in [*survey.margins(), survey.cell()]:
        collapsed = collapse_sparse(margin)
        pooled = Margin(margin.name, collapsed.codes, collapsed.totals)
        assert margin_error(result.weights, pooled) <= 0.0005
    assert result.weights.sum() == pytest.approx(survey.org.size)


def test_cells_with_10_or_more_respondents_hit_their_headcount_exactly() -> None:
    survey = simulate(2)
    cell = survey.cell()
    result = compute_weights(survey.margins(), cell=cell)
    sums = np.bincount(cell.codes, weights=result.weights, minlength=cell.size)
    respondents = np.bincount(cell.codes, minlength=cell.size)
    full = respondents >= 10
    assert full.sum() > 50
    assert sums[full] == pytest.approx(cell.totals[full], rel=1e-9)
    own_cell = full[cell.codes]
    assert (result.method[own_cell] == Method.POST_STRATIFIED).all()


def test_a_sparse_cell_is_pooled_into_its_icb_and_the_pool_hits_its_headcount() -> None:
    survey = simulate(3)
    cell = survey.cell()
    # Organisation 0 loses all but three of its respondents in staff group 2.
    in_cell = np.flatnonzero(cell.codes == 0 * N_GROUPS + 2)
    keep = np.setdiff1d(np.arange(cell.codes.size), in_cell[3:])
    sparse = Survey(
        survey.org,
        survey.staff_group,
        survey.age,
        survey.sex,
        survey.score,
        survey.responded[keep],
    )
    result = compute_weights(sparse.margins(), cell=sparse.cell())
    pooled_rows = sparse.cell().codes == 2
    assert (result.method[pooled_rows] == Method.POOLED_CELL).all()
    assert result.pooled["organisation x staff group"] >= 1
    # The pool is ICB 0 x staff group 2 less its well-filled cells, and its total is met.
    icb_cells = np.flatnonzero(CELL_PARENTS == 0 * N_GROUPS + 2)
    frame = sparse.cell()
    icb_total = frame.totals[icb_cells].sum()
    in_icb = np.isin(frame.codes, icb_cells)
    assert result.weights[in_icb].sum() == pytest.approx(icb_total, rel=1e-9)
    assert result.converged


def test_pooling_joins_sparse_children_then_the_smallest_sibling() -> None:
    # Professions 0-3 in staff group 0, 4-5 in staff group 1.
    parents = np.array([0, 0, 0, 0, 1, 1])
    counts = [40, 12, 4, 3, 2, 0]
    codes = np.repeat(np.arange(6), counts)
    margin = Margin("profession", codes, np.array([100.0, 30, 10, 8, 6, 5]), parents)
    collapsed = collapse_sparse(margin)
    mapping = collapsed.mapping.tolist()
    # 2 and 3 pool (7 respondents, still sparse) and join 1, the smallest well-filled sibling.
    assert mapping[2] == mapping[3] == mapping[1] != mapping[0]
    # Staff group 1 has no well-filled profession: its pool stands alone with 2 respondents.
    assert mapping[4] == mapping[5] not in (mapping[0], mapping[1])
    assert collapsed.totals.tolist() == [100.0, 48.0, 11.0]
    assert collapsed.own.tolist() == [True, True, False, False, False, False]
    assert collapsed.pooled == 4


def test_a_category_nobody_answered_in_is_reported_as_uncovered() -> None:
    margin = Margin("band", np.array([0] * 12 + [1] * 12), np.array([50.0, 40.0, 10.0]))
    collapsed = collapse_sparse(margin)
    assert collapsed.uncovered == 10.0
    assert collapsed.mapping.tolist() == [0, 1, -1]


def test_trimming_caps_weights_at_5_times_the_median_then_rerakes() -> None:
    survey = simulate(4)
    # Without the cell margin, nothing pins a small cell's weights, so trimming takes effect.
    untrimmed = compute_weights(survey.margins(), settings=WeightingSettings(trim_ratio=None))
    trimmed = compute_weights(survey.margins(), settings=WeightingSettings(trim_ratio=2.0))
    assert untrimmed.trimmed == 0 and untrimmed.max_weight_ratio > 2.0
    assert trimmed.trimmed > 0
    assert trimmed.max_weight_ratio < untrimmed.max_weight_ratio
    assert trimmed.converged and trimmed.max_margin_error <= 0.0005

    weights = np.array([1.0, 1.0, 1.0, 2.0, 30.0])
    capped, cap, which = trim(weights)
    assert cap == 5.0
    assert capped.tolist() == [1.0, 1.0, 1.0, 2.0, 5.0]
    assert which.tolist() == [False, False, False, False, True]
    assert trim(np.arange(1.0, 101.0), percentile=99)[1] == pytest.approx(99.01)


def test_weighting_removes_most_of_the_bias_when_capability_drives_response() -> None:
    survey = simulate(5)
    result = compute_weights(survey.margins(), cell=survey.cell())
    scores = survey.score[survey.responded]
    everyone = np.zeros(scores.size, dtype=int)
    truth = 100 * survey.score.mean()
    unweighted = domain_maturity(scores, np.ones(scores.size), everyone, 1)[0]
    weighted = domain_maturity(scores, result.weights, everyone, 1)[0]
    assert abs(unweighted - truth) > 4
    assert abs(weighted - truth) < 0.35 * abs(unweighted - truth)


def test_contradictory_margins_are_reported_as_not_converged_rather_than_raised() -> None:
    # Everyone in category 0 of one margin is in category 0 of the other: 50/50 and 80/20
    # cannot both hold.
    codes = np.array([0] * 20 + [1] * 20)
    first = Margin("first", codes, np.array([50.0, 50.0]))
    second = Margin("second", codes, np.array([80.0, 20.0]))
    result = compute_weights([first, second], settings=WeightingSettings(max_iterations=50))
    assert not result.converged
    assert result.max_margin_error > 0.0005
    outcome = rake(np.ones(40), [first, second], max_iterations=10)
    assert not outcome.converged and outcome.iterations == 10


def test_heavy_weights_raise_a_design_effect_alert() -> None:
    weights = np.array([1.0] * 20 + [1.0] * 19 + [60.0])
    groups = np.array([0] * 20 + [1] * 20)
    found = weight_diagnostics(weights, groups, 2)
    assert found.deff[0] == pytest.approx(1.0)
    assert found.deff[1] > 3
    assert found.alert.tolist() == [False, True]


def test_a_well_covered_survey_raises_no_alert_and_reports_diagnostics_per_category() -> None:
    survey = simulate(6)
    result = compute_weights(survey.margins(), cell=survey.cell())
    assert set(result.diagnostics) == {
        "staff group",
        "age",
        "sex",
        "organisation x staff group",
        "all",
    }
    assert result.diagnostics["age"].n_eff.shape == (5,)
    assert 1 < result.diagnostics["all"].deff[0] < 3
    assert not result.diagnostics["staff group"].alert.any()


def test_base_weights_are_one_or_the_inverse_invitation_probability() -> None:
    assert base_weights(3).tolist() == [1.0, 1.0, 1.0]
    assert base_weights(2, np.array([0.5, 0.25])).tolist() == [2.0, 4.0]
    with pytest.raises(ValueError, match="invitation"):
        base_weights(1, np.array([0.0]))


def test_the_weight_version_is_stable_and_changes_with_data_or_parameters() -> None:
    survey = simulate(7, people=3000)
    margins = survey.margins()
    version = weight_version(margins, cell=survey.cell())
    assert version == weight_version(survey.margins(), cell=survey.cell())
    assert version.startswith("w-") and len(version) == 18
    assert version != weight_version(margins)
    assert version != weight_version(
        margins, cell=survey.cell(), settings=WeightingSettings(trim_ratio=4.0)
    )
    fewer = Survey(
        survey.org, survey.staff_group, survey.age, survey.sex, survey.score, survey.responded[1:]
    )
    assert version != weight_version(fewer.margins(), cell=fewer.cell())
    assert compute_weights(margins, cell=survey.cell()).version == version


@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1), categories=st.lists(st.integers(2, 6), min_size=1, max_size=4)
)
def test_raking_meets_any_consistent_set_of_margins(seed: int, categories: list[int]) -> None:
    rng = np.random.default_rng(seed)
    people = 400
    codes = [rng.integers(0, size, people) for size in categories]
    # Totals from a frame of 2,000 people whose mix differs from the respondents'.
    frame = [rng.choice(size, 2000, p=rng.dirichlet(np.ones(size) * 3)) for size in categories]
    margins = [
        Margin(f"m{i}", c, np.bincount(f, minlength=size).astype(float))
        for i, (c, f, size) in enumerate(zip(codes, frame, categories, strict=True))
    ]
    outcome = rake(np.ones(people), margins)
    assert outcome.converged
    for margin in margins:
        assert margin_error(outcome.weights, margin) <= 0.0005
