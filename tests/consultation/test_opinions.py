"""Opinion groups on synthetic electorates with planted groups, edge cases and random matrices."""

import doctest
import re

import numpy as np
import numpy.typing as npt
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from sklearn.metrics import adjusted_rand_score

from digiready.consultation import opinions
from digiready.consultation.opinions import (
    OpinionResult,
    _merge_small,
    opinion_groups,
    vote_matrix,
)

Matrix = npt.NDArray[np.float64]


def electorate(
    seed: int, sizes: list[int], positions: Matrix, seen: float = 1.0
) -> tuple[Matrix, npt.NDArray[np.intp]]:
    """Votes from planted groups: each member takes the group's position on a statement 85% of
    the time, passes 10% and votes against it 5%, and sees each statement with chance ``seen``."""
    rng = np.random.default_rng(seed)
    truth = np.repeat(np.arange(len(sizes)), sizes)
    stance = positions[truth]
    draw = rng.random(stance.shape)
    votes = np.where(draw < 0.85, stance, np.where(draw < 0.95, 0.0, -stance))
    votes[rng.random(stance.shape) >= seen] = np.nan
    return votes, truth


def two_sides(n_statements: int) -> Matrix:
    """Both groups agree with the first half; the second half the first group agrees with and
    the second rejects."""
    positions = np.ones((2, n_statements))
    positions[1, n_statements // 2 :] = -1
    return positions


def three_sides(n_statements: int) -> Matrix:
    """All agree with the first half; the second half is in three blocks, each agreed with by
    one group and rejected by the other two."""
    half = n_statements // 2
    block = (n_statements - half) // 3
    positions = np.ones((3, n_statements))
    positions[:, half:] = -1
    for group in range(3):
        positions[group, half + group * block : half + (group + 1) * block] = 1
    return positions


def planted_group_of(result: OpinionResult, truth: npt.NDArray[np.intp]) -> dict[int, int]:
    """Each found group's planted group, by majority."""
    groups = np.array(result.groups)
    return {
        summary.id: int(np.bincount(truth[groups == summary.id]).argmax())
        for summary in result.summaries
    }


def recovery(result: OpinionResult, truth: npt.NDArray[np.intp]) -> float:
    groups = np.array(result.groups)
    placed = groups >= 0
    return float(adjusted_rand_score(truth[placed], groups[placed]))


def check_consistent(result: OpinionResult, matrix: Matrix, min_group_size: int) -> None:
    n_people, n_statements = matrix.shape
    groups = np.array(result.groups, dtype=int)
    assert groups.shape == (n_people,)
    assert result.coordinates.shape == (n_people, 2)
    assert [summary.id for summary in result.summaries] == list(range(len(result.summaries)))
    assert set(groups.tolist()) <= {-1, *(summary.id for summary in result.summaries)}
    placed = groups >= 0
    assert np.isnan(result.coordinates[~placed]).all()
    assert np.isfinite(result.coordinates[placed]).all()
    for summary in result.summaries:
        assert summary.size == (groups == summary.id).sum() >= min_group_size
        assert len(summary.representative) <= 5
    scores = [s for summary in result.summaries for s in summary.representative]
    for score in [*scores, *result.consensus]:
        assert 0 <= score.statement < n_statements
        assert 0 < score.agree < 1 and 0 < score.disagree < 1
        assert 0 <= score.votes <= n_people
    assert len(result.consensus) <= 10
    assert len(result.divisive) <= 10
    assert all(0 <= s < n_statements for s in result.divisive)
    assert len(set(result.divisive)) == len(result.divisive)


def test_the_examples_in_the_module_hold() -> None:
    assert doctest.testmod(opinions).failed == 0


# Vote matrix


def test_vote_matrix_orders_participants_by_first_vote_and_keeps_the_latest_vote() -> None:
    matrix, keys = vote_matrix([("b", 2, 1), ("a", 0, -1), ("b", 2, -1), ("b", 0, 0)])
    assert keys == ["b", "a"]
    np.testing.assert_array_equal(matrix, [[0, np.nan, -1], [-1, np.nan, np.nan]])


def test_vote_matrix_follows_the_participants_and_width_given() -> None:
    matrix, keys = vote_matrix([("a", 1, 1)], participants=["z", "a"], n_statements=4)
    assert keys == ["z", "a"]
    assert matrix.shape == (2, 4)
    assert np.isnan(matrix[0]).all()
    assert matrix[1, 1] == 1


def test_vote_matrix_of_nothing_is_empty() -> None:
    matrix, keys = vote_matrix([])
    assert matrix.shape == (0, 0)
    assert keys == []


@pytest.mark.parametrize(
    ("votes", "participants", "n_statements"),
    [
        ([("a", 0, 2)], None, None),
        ([("a", -1, 1)], None, None),
        ([("a", 3, 1)], None, 3),
        ([("b", 0, 1)], ["a"], None),
        ([], ["a", "a"], None),
    ],
)
def test_vote_matrix_refuses_bad_votes(
    votes: list[tuple[str, int, int]], participants: list[str] | None, n_statements: int | None
) -> None:
    with pytest.raises(ValueError):
        vote_matrix(votes, participants, n_statements)


# Planted groups


def test_two_planted_groups_are_recovered_with_their_statements() -> None:
    matrix, truth = electorate(1, [30, 25], two_sides(16))
    result = opinion_groups(matrix)
    check_consistent(result, matrix, 5)

    assert len(result.summaries) == 2
    assert recovery(result, truth) > 0.9
    shared, split = set(range(8)), set(range(8, 16))
    assert {score.statement for score in result.consensus} == shared
    assert set(result.divisive[:8]) == split
    planted = planted_group_of(result, truth)
    for summary in result.summaries:
        assert summary.representative
        for score in summary.representative:
            assert score.statement in split
            # The first planted group agrees with the split statements, the second rejects them.
            assert (score.agree > score.disagree) == (planted[summary.id] == 0)


def test_three_planted_groups_are_recovered_with_their_statements() -> None:
    positions = three_sides(24)
    matrix, truth = electorate(2, [30, 25, 20], positions)
    result = opinion_groups(matrix)
    check_consistent(result, matrix, 5)

    assert len(result.summaries) == 3
    assert recovery(result, truth) > 0.9
    shared, split = set(range(12)), set(range(12, 24))
    # Twelve statements are shared and at most ten are reported.
    assert len(result.consensus) == 10
    assert {score.statement for score in result.consensus} <= shared
    assert set(result.divisive) <= split
    planted = planted_group_of(result, truth)
    assert sorted(planted.values()) == [0, 1, 2]
    for summary in result.summaries:
        # What sets a group apart most is the block of statements only it agrees with.
        own = {int(s) for s in np.flatnonzero(positions[planted[summary.id]] == 1)} & split
        top = summary.representative[: len(own)]
        assert {score.statement for score in top} == own
        assert all(score.agree > score.disagree for score in top)


@pytest.mark.parametrize("seed", [3, 4])
def test_sparse_votes_still_recover_the_groups(seed: int) -> None:
    matrix, truth = electorate(seed, [40, 35], two_sides(40), seen=0.4)
    result = opinion_groups(matrix)
    check_consistent(result, matrix, 5)

    placed = np.array(result.groups) >= 0
    assert placed.mean() > 0.9
    assert len(result.summaries) == 2
    assert recovery(result, truth) > 0.9
    assert set(result.divisive) <= set(range(20, 40))


def test_sparse_voters_are_not_pulled_to_the_centre() -> None:
    matrix, _ = electorate(5, [40, 35], two_sides(30))
    light = np.arange(len(matrix)) % 2 == 1
    hidden = np.random.default_rng(105).random(matrix.shape) < 0.6
    matrix[hidden & light[:, np.newaxis]] = np.nan
    result = opinion_groups(matrix)
    placed = np.array(result.groups) >= 0
    distance = np.linalg.norm(result.coordinates, axis=1)
    ratio = distance[placed & light].mean() / distance[placed & ~light].mean()
    # Filled-in means leave a 40% viewer about 40% as far out; scaling restores ~sqrt(40%).
    assert 0.55 < ratio < 0.8


def test_the_same_seed_gives_the_same_result() -> None:
    matrix, _ = electorate(6, [20, 20, 15], three_sides(18), seen=0.7)
    first, second = opinion_groups(matrix, seed=7), opinion_groups(matrix, seed=7)
    assert first.groups == second.groups
    np.testing.assert_array_equal(first.coordinates, second.coordinates)
    assert first.summaries == second.summaries
    assert first.consensus == second.consensus
    assert first.divisive == second.divisive
    assert first.notes == second.notes


# Disclosure


def test_a_small_group_is_merged_into_its_neighbour_and_the_notes_say_so() -> None:
    matrix, truth = electorate(7, [30, 8], two_sides(16))
    apart = opinion_groups(matrix, min_group_size=5)
    assert len(apart.summaries) == 2
    assert recovery(apart, truth) > 0.9

    merged = opinion_groups(matrix, min_group_size=10)
    check_consistent(merged, matrix, 10)
    assert len(merged.summaries) == 1
    assert merged.summaries[0].size == 38
    assert "1 small group was merged into the nearest group to protect anonymity." in merged.notes
    assert merged.divisive == []
    assert merged.summaries[0].representative == []


def test_small_groups_are_merged_until_each_is_big_enough() -> None:
    # Four camps at the corners of a square: two big and two small.
    positions = np.ones((4, 16))
    positions[1, 8:] = -1
    positions[2, :8] = -1
    positions[3] = -1
    matrix, _ = electorate(8, [30, 25, 6, 6], positions)
    assert [s.size for s in opinion_groups(matrix, min_group_size=1).summaries] == [30, 25, 6, 6]

    result = opinion_groups(matrix, min_group_size=7)
    check_consistent(result, matrix, 7)
    assert len(result.summaries) < 4
    assert any(
        re.fullmatch(r"\d small groups? (was|were) merged into the nearest group.*", note)
        for note in result.notes
    )


def test_each_small_group_joins_the_group_with_the_nearest_centre() -> None:
    points = np.array([[0.0, 0]] * 10 + [[10.0, 0]] * 12 + [[1.0, 0]] * 2 + [[9.0, 0]] * 3)
    labels = np.repeat(np.arange(4), [10, 12, 2, 3])
    merged, count = _merge_small(points, labels, 5)
    assert count == 2
    # Renumbered largest first: the twelve and their three neighbours, then the ten and two.
    np.testing.assert_array_equal(merged, np.repeat([1, 0, 1, 0], [10, 12, 2, 3]))


def test_too_few_participants_for_a_group_are_not_reported() -> None:
    matrix, _ = electorate(9, [2, 2], two_sides(8))
    result = opinion_groups(matrix)
    assert result.groups == [-1] * 4
    assert np.isnan(result.coordinates).all()
    assert result.summaries == []
    assert any("no group is reported" in note for note in result.notes)


# Edge cases


def test_no_votes_places_nobody() -> None:
    for matrix in [np.empty((0, 0)), np.empty((0, 5)), np.empty((3, 0)), np.full((4, 6), np.nan)]:
        result = opinion_groups(matrix)
        check_consistent(result, matrix, 5)
        assert result.groups == [-1] * len(matrix)
        assert result.summaries == result.consensus == result.divisive == []


def test_one_participant_is_one_group_when_groups_of_one_may_be_shown() -> None:
    matrix = np.array([[1.0, -1, 0, 1, 1, -1, 1, 1]])
    result = opinion_groups(matrix, min_group_size=1)
    check_consistent(result, matrix, 1)
    assert result.groups == [0]
    assert result.summaries[0].size == 1
    np.testing.assert_array_equal(result.coordinates, [[0, 0]])
    # One person agreeing is, smoothed, 2 in 3.
    assert [s.statement for s in result.consensus] == [0, 3, 4, 6, 7]
    assert result.consensus[0].agree == pytest.approx(2 / 3)


def test_everyone_passing_is_one_group_with_no_consensus() -> None:
    matrix = np.zeros((12, 9))
    result = opinion_groups(matrix)
    check_consistent(result, matrix, 5)
    assert result.groups == [0] * 12
    assert result.consensus == []
    assert result.divisive == []


def test_one_statement_is_one_group() -> None:
    matrix = np.array([[1.0], [-1], [0], [1], [-1], [1], [np.nan]] * 3)
    result = opinion_groups(matrix)
    check_consistent(result, matrix, 5)
    assert sorted(set(result.groups)) == [-1, 0]
    assert result.groups.count(-1) == 3
    assert any("fewer than two statements" in note for note in result.notes)


def test_everyone_alike_is_one_group() -> None:
    matrix = np.tile([1.0, -1, 1, 0, 1, 1, -1, 1], (15, 1))
    result = opinion_groups(matrix)
    check_consistent(result, matrix, 5)
    assert result.groups == [0] * 15
    assert [s.statement for s in result.consensus] == [0, 2, 4, 5, 7]
    assert any("voted alike" in note for note in result.notes)


def test_too_few_participants_to_look_for_groups_are_one_group() -> None:
    matrix, _ = electorate(10, [4, 4], two_sides(10))
    result = opinion_groups(matrix)
    check_consistent(result, matrix, 5)
    assert result.groups == [0] * 8
    assert any("needed to look for more than one group" in note for note in result.notes)


def test_nobody_with_enough_votes_is_left_ungrouped() -> None:
    matrix, _ = electorate(11, [20, 20], two_sides(20), seen=0.2)
    matrix[:, 7:] = np.nan
    matrix[:, :7][np.arange(40), np.arange(40) % 7] = np.nan  # everyone has missed one of seven
    result = opinion_groups(matrix)
    assert result.groups == [-1] * 40
    assert np.isnan(result.coordinates).all()
    assert result.summaries == []
    assert result.notes[0].startswith("40 participants voted on fewer than 7 statements")


def test_min_votes_is_capped_at_the_number_of_statements() -> None:
    matrix, _ = electorate(12, [10, 10], two_sides(5))
    matrix[0, 0] = np.nan
    result = opinion_groups(matrix)
    assert result.groups[0] == -1
    assert all(group >= 0 for group in result.groups[1:])
    assert (
        result.notes[0]
        == "1 participant voted on fewer than 5 statements and was not placed in a group."
    )


@pytest.mark.parametrize(
    "matrix", [np.zeros(4), np.full((3, 3), 2.0), np.full((3, 3), np.inf), np.zeros((2, 2, 2))]
)
def test_matrices_that_are_not_votes_are_refused(matrix: Matrix) -> None:
    with pytest.raises(ValueError):
        opinion_groups(matrix)


@pytest.mark.parametrize(
    "option", ["min_votes", "max_groups", "min_participants", "min_group_size"]
)
def test_options_below_one_are_refused(option: str) -> None:
    with pytest.raises(ValueError, match=option):
        opinion_groups(np.zeros((3, 3)), **{option: 0})


# Any matrix


vote_matrices = hnp.arrays(
    np.float64,
    hnp.array_shapes(min_dims=2, max_dims=2, min_side=0, max_side=30),
    elements=st.sampled_from([-1.0, 0.0, 1.0, np.nan]),
)


@settings(max_examples=150, deadline=None)
@given(
    matrix=vote_matrices,
    min_votes=st.integers(1, 8),
    max_groups=st.integers(1, 5),
    min_participants=st.integers(1, 12),
    min_group_size=st.integers(1, 6),
    seed=st.integers(0, 2**31 - 1),
)
def test_any_vote_matrix_gives_a_consistent_result(
    matrix: Matrix,
    min_votes: int,
    max_groups: int,
    min_participants: int,
    min_group_size: int,
    seed: int,
) -> None:
    result = opinion_groups(
        matrix,
        min_votes=min_votes,
        max_groups=max_groups,
        min_participants=min_participants,
        min_group_size=min_group_size,
        seed=seed,
    )
    check_consistent(result, matrix, min_group_size)
    assert len(result.summaries) <= max_groups
    cast = (~np.isnan(matrix)).sum(axis=1)
    needed = max(1, min(min_votes, matrix.shape[1]))
    assert all(group == -1 for group, n in zip(result.groups, cast, strict=True) if n < needed)
