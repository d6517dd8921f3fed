"""Figures for a breakdown are the metrics' numbers, passed through disclosure control."""

import numpy as np

from digiready.analytics.figures import Breakdown, figures, group_statistics, national


def _people(n: int, groups: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    scores = rng.random((n, 2))
    weights = rng.random(n) + 0.5
    index = rng.integers(0, groups, n).astype(np.int32)
    return scores, weights, index


def test_england_as_a_whole_is_shown_with_its_count_unrounded() -> None:
    scores, weights, _ = _people(1234, 1)
    table = figures(scores, weights, national(1234, 50_000.0), ["DL", "AI"], level="national")
    cell = table.cells[0]
    assert cell.count.text == "1,234"
    expected = 100 * np.sum(weights * scores[:, 0]) / np.sum(weights)
    assert abs(cell.statistics["DL:maturity"].estimate.value - round(expected)) <= 0.5
    assert cell.statistics["DL:maturity"].interval_text


def test_a_group_of_fewer_than_ten_is_hidden_with_its_reason_and_a_sibling_too() -> None:
    scores, weights, index = _people(500, 3)
    index[:7] = 3  # seven people in a fourth group
    index[7:] = np.where(index[7:] == 3, 0, index[7:])
    breakdown = Breakdown(
        "profession",
        ("a", "b", "c", "d"),
        ("A", "B", "C", "D"),
        index,
        ("staff_group:x",) * 4,
        np.array([1000.0, 1000.0, 1000.0, 50.0]),
    )
    table = figures(scores, weights, breakdown, ["DL", "AI"], level="subnational")
    small = table["d"]
    assert small.count.text == "*"
    assert small.statistics["DL:maturity"].hidden
    assert small.statistics["DL:maturity"].estimate.suppression is not None
    # The parent total is published elsewhere, so one more group is hidden beside it.
    hidden = [c.key for c in table.cells if c.statistics["DL:maturity"].hidden]
    assert len(hidden) >= 2


def test_people_of_unknown_group_are_left_out() -> None:
    scores, weights, index = _people(300, 2)
    index[:50] = -1
    breakdown = Breakdown("staff_group", ("a", "b"), ("A", "B"), index)
    stats = group_statistics(scores, weights, breakdown)
    assert int(stats.respondents.sum()) == 250
