"""Scoring follows ANALYTICS.md section 1 exactly."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from digiready.assessments.scoring import (
    attained_step,
    domain_score,
    gap,
    item_score,
    maturity_level,
    score_domain,
    strict_step,
    threshold,
)

scales = st.integers(min_value=2, max_value=7)


@st.composite
def answers(draw: st.DrawFn) -> tuple[int, list[int | None]]:
    size = draw(scales)
    values = draw(st.lists(st.one_of(st.none(), st.integers(1, size)), min_size=1, max_size=12))
    return size, values


def test_item_scores_run_from_0_for_the_lowest_answer_to_1_for_the_highest() -> None:
    assert item_score(1, 5) == 0
    assert item_score(5, 5) == 1
    assert item_score(3, 5) == 0.5


@pytest.mark.parametrize("answer", [0, 6, -1])
def test_an_answer_off_the_scale_is_refused(answer: int) -> None:
    with pytest.raises(ValueError, match="outside"):
        item_score(answer, 5)


@given(answers())
def test_a_domain_score_is_between_0_and_1_or_missing(case: tuple[int, list[int | None]]) -> None:
    size, values = case
    score = domain_score(values, size)
    answered = [v for v in values if v is not None]
    if len(answered) < math.ceil(len(values) / 2):
        assert score is None
    else:
        assert score is not None
        assert 0 <= score <= 1
        assert score == pytest.approx(sum((v - 1) / (size - 1) for v in answered) / len(answered))


@given(answers())
def test_missing_answers_are_left_out_not_counted_as_zero(
    case: tuple[int, list[int | None]],
) -> None:
    size, values = case
    answered = [v for v in values if v is not None]
    if answered and len(answered) >= math.ceil(len(values) / 2):
        # The same answers with no missing ones give the same score.
        assert domain_score(values, size) == pytest.approx(domain_score(answered, size))


def test_a_domain_needs_at_least_half_its_items_answered() -> None:
    assert domain_score([5, None, None, None], 5) is None
    assert domain_score([5, 5, None, None], 5) == 1
    assert domain_score([5, 3, None], 5) == 0.75
    assert domain_score([5, None, None], 5) is None


@given(answers())
def test_the_attained_step_is_the_highest_threshold_the_score_reaches(
    case: tuple[int, list[int | None]],
) -> None:
    size, values = case
    score = domain_score(values, size)
    if score is None:
        return
    step = attained_step(score, size)
    assert 1 <= step <= size
    assert score >= threshold(step, size) - 1e-9
    if step < size:
        assert score < threshold(step + 1, size)


def test_a_score_exactly_on_a_threshold_attains_it_despite_rounding() -> None:
    # 1/3 + 1/3 + 1/3 of the way up is exactly the top, however floats add up.
    assert attained_step(domain_score([4, 4, 4], 4) or 0, 4) == 4
    assert attained_step(0.1 + 0.2 + 0.45 - 0.0, 5) == 4  # 0.75 with float error


def test_strict_level_is_the_lowest_answer() -> None:
    assert strict_step([4, 3, None, 5]) == 3
    assert strict_step([None, None]) is None


@given(st.integers(0, 4), st.one_of(st.none(), st.integers(0, 4)))
def test_the_gap_is_never_negative(expected: int, attained: int | None) -> None:
    result = gap(expected, attained)
    if attained is None:
        assert result is None
    else:
        assert result == max(0, expected - attained)
        assert result >= 0


def test_a_person_two_thirds_of_the_way_up_a_five_answer_scale_is_at_intermediate() -> None:
    # "Not yet", Foundation, Intermediate, Advanced, Expert: answers 3, 3, 4, 2 average 0.5.
    result = score_domain("d", [3, 3, 4, 2], 5, expected_level=3, level_offset=1)
    assert result.score == 0.5
    assert result.attained_step == 3
    assert result.attained_level == 2
    assert result.gap == 1
    assert result.strict_step == 2
    assert result.percent == 50


def test_the_dma_composite_is_one_plus_four_times_maturity() -> None:
    assert maturity_level(0) == 1
    assert maturity_level(100) == 5
    assert maturity_level(28) == 2.1
