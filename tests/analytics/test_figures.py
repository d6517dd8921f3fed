"""Figures for a breakdown are the metrics' numbers, passed through disclosure control."""

import numpy as np

from digiready.analytics.disclosure import Reason
from digiready.analytics.figures import Baseline, Breakdown, figures, group_statistics, national


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


def _groups(index: np.ndarray, codes: tuple[str, ...]) -> Breakdown:
    return Breakdown("icb", codes, codes, index, ("region:y",) * len(codes))


def test_change_since_an_earlier_wave_is_worked_out_group_by_group() -> None:
    rng = np.random.default_rng(4)
    before = rng.uniform(0.2, 0.5, (800, 1))
    after = rng.uniform(0.3, 0.6, (800, 1))  # a tenth higher on average: plainly significant
    index = (np.arange(800) % 2).astype(np.int32)
    codes = ("QAA", "QBB")
    earlier = Baseline(before, np.ones(800), _groups(index, codes))
    table = figures(
        after, np.ones(800), _groups(index, codes), ["DL"], level="subnational", baseline=earlier
    )
    for cell in table.cells:
        shown = cell.statistics["DL:maturity"]
        assert shown.change is not None and not shown.change.hidden
        assert 7 <= shown.change.value <= 13
        assert shown.change.text.startswith("+")
        assert shown.change_significant


def test_no_change_is_claimed_from_noise() -> None:
    rng = np.random.default_rng(5)
    index = (np.arange(400) % 2).astype(np.int32)
    codes = ("QAA", "QBB")
    earlier = Baseline(rng.random((400, 1)), np.ones(400), _groups(index, codes))
    table = figures(
        rng.random((400, 1)),
        np.ones(400),
        _groups(index, codes),
        ["DL"],
        level="subnational",
        baseline=earlier,
    )
    assert not any(c.statistics["DL:maturity"].change_significant for c in table.cells)


def test_a_change_from_a_hidden_figure_is_not_shown() -> None:
    rng = np.random.default_rng(6)
    now_index = (np.arange(300) % 3).astype(np.int32)
    then_index = now_index.copy()
    then_index[then_index == 2] = -1
    then_index[:6] = 2  # only six people in the third group last time
    codes = ("QAA", "QBB", "QCC")
    earlier = Baseline(rng.random((300, 1)), np.ones(300), _groups(then_index, codes))
    table = figures(
        rng.random((300, 1)),
        np.ones(300),
        _groups(now_index, codes),
        ["DL"],
        level="subnational",
        baseline=earlier,
    )
    third = table["QCC"].statistics["DL:maturity"]
    assert not third.hidden  # shown now ...
    assert third.change is not None and third.change.hidden  # ... but not its change
    assert third.change.suppression is not None
    assert third.change.suppression.reason is Reason.TREND
    assert not third.change_significant


def test_a_group_new_since_the_earlier_wave_has_no_change() -> None:
    rng = np.random.default_rng(7)
    index = (np.arange(200) % 2).astype(np.int32)
    earlier = Baseline(rng.random((200, 1)), np.ones(200), _groups(index, ("QAA", "QBB")))
    table = figures(
        rng.random((200, 1)),
        np.ones(200),
        _groups(index, ("QAA", "QNS")),
        ["DL"],
        level="subnational",
        baseline=earlier,
    )
    assert table["QAA"].statistics["DL:maturity"].change is not None
    assert table["QNS"].statistics["DL:maturity"].change is None
