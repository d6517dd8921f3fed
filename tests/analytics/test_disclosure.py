"""Disclosure control of ANALYTICS.md section 2: nothing published reveals a group of 1 to 9."""

from collections import defaultdict
from collections.abc import Iterable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from digiready.analytics.disclosure import (
    NO_DATA,
    PERMITTED_VIEWS,
    SUPPRESSED,
    Cell,
    CellTable,
    Hierarchy,
    Kind,
    Level,
    Policy,
    ProtectedTable,
    Reason,
    Statistic,
    View,
    complementary_suppression,
    count_shown,
    differencing_pairs,
    expand_filters,
    explain,
    guard_views,
    is_permitted_view,
    modelled_estimate_allowed,
    protect,
    refuse_filtered_view,
)


def maturity(
    base: int,
    value: float | None = 52.34,
    *,
    contributors: int | None = None,
    change: float | None = None,
    change_significant: bool = False,
) -> Statistic:
    """A maturity mean on a base of respondents; no value when nobody answered."""
    return Statistic(
        "maturity",
        Kind.MEAN_PERCENTAGE,
        None if base == 0 else value,
        base,
        contributors=contributors,
        change=change,
        change_significant=change_significant,
    )


def flat(*cells: Cell) -> CellTable:
    return CellTable(tuple(cells))


# --- counts (2.2, 2.10) ------------------------------------------------------------------------


def test_subnational_counts_are_0_hidden_from_1_to_7_and_otherwise_rounded_to_5() -> None:
    shown = [count_shown(n, Level.SUBNATIONAL).text for n in (0, 1, 7, 8, 12, 13, 1234)]
    assert shown == ["0", "*", "*", "10", "10", "15", "1,235"]
    assert count_shown(3, "subnational").suppression == explain(Reason.SMALL_COUNT)
    assert count_shown(3, Level.NATIONAL).text == "3"


@given(n=st.integers(0, 5000))
def test_a_count_of_1_to_7_is_never_shown_below_national_level(n: int) -> None:
    table = protect(flat(Cell("org", n)), level=Level.SUBNATIONAL)
    count = table["org"].count
    if 1 <= n <= 7:
        assert count.text == SUPPRESSED and count.value is None
    else:
        assert count.value is not None and count.value % 5 == 0
        assert abs(count.value - n) <= 2


# --- the base rule (2.1, 2.3, 2.10) ------------------------------------------------------------


def test_a_statistic_needs_10_respondents_at_every_level_and_the_page_says_why() -> None:
    for level in Level:
        table = protect(
            flat(Cell("a", 9, (maturity(9),)), Cell("b", 10, (maturity(10),))), level=level
        )
        hidden = table["a"].statistics["maturity"]
        assert hidden.estimate.text == SUPPRESSED
        assert hidden.estimate.suppression is not None
        assert hidden.estimate.suppression.sentence == "Fewer than 10 respondents"
        assert table["b"].statistics["maturity"].estimate.text == "52%"


def test_the_base_can_be_raised_to_11_beside_staff_survey_outputs() -> None:
    table = protect(flat(Cell("a", 10, (maturity(10),))), level="national", policy=Policy(11))
    assert table["a"].statistics["maturity"].hidden
    assert table.notes[0].sentence == "Fewer than 11 respondents"
    with pytest.raises(ValueError):
        Policy(min_base=5)


def test_the_base_is_applied_per_item_since_bases_vary_with_missing_answers() -> None:
    share = Statistic("attainment", Kind.PERCENTAGE, 40.0, 9)
    table = protect(flat(Cell("a", 30, (maturity(30), share))), level=Level.NATIONAL)
    assert not table["a"].statistics["maturity"].hidden
    assert table["a"].statistics["attainment"].hidden


def test_a_mean_needs_8_contributors_as_well_as_the_base() -> None:
    stat = maturity(12, contributors=7)
    table = protect(flat(Cell("a", 12, (stat,))), level=Level.NATIONAL)
    suppression = table["a"].statistics["maturity"].estimate.suppression
    assert suppression is not None and suppression.reason is Reason.FEW_CONTRIBUTORS


statistics_strategy = st.builds(
    Statistic,
    name=st.sampled_from(["maturity", "attainment", "level"]),
    kind=st.sampled_from(list(Kind)),
    value=st.floats(0, 100),
    base=st.integers(0, 60),
    contributors=st.none() | st.integers(0, 60),
)


@given(
    cells=st.lists(
        st.tuples(
            st.integers(0, 60),
            st.lists(statistics_strategy, max_size=3, unique_by=lambda s: s.name),
        ),
        min_size=1,
        max_size=8,
    ),
    level=st.sampled_from(list(Level)),
    min_base=st.sampled_from([10, 11]),
)
def test_no_shown_statistic_has_a_base_under_the_minimum(
    cells: list[tuple[int, list[Statistic]]], level: Level, min_base: int
) -> None:
    table = CellTable(
        tuple(Cell(f"c{i}", n, tuple(stats), parent="top") for i, (n, stats) in enumerate(cells))
    )
    protected = protect(table, level=level, policy=Policy(min_base=min_base))
    for cell in table.cells:
        for stat in cell.statistics:
            shown = protected[cell.key].statistics[stat.name]
            if shown.estimate.value is not None:
                assert stat.base >= min_base
                if stat.kind.is_mean:
                    assert (stat.contributors if stat.contributors is not None else stat.base) >= 8


# --- display (2.4) -----------------------------------------------------------------------------


def test_percentages_are_whole_numbers_with_one_decimal_place_only_from_a_base_of_4000() -> None:
    share = Statistic("attainment", Kind.PERCENTAGE, 27.96, 3999, low=25.04, high=30.9)
    big = Statistic("attainment", Kind.PERCENTAGE, 27.96, 4000)
    level = Statistic("level", Kind.MEAN, 2.118, 50)
    table = protect(
        flat(Cell("a", 3999, (share, level)), Cell("b", 4000, (big,))), level="national"
    )
    assert table["a"].statistics["attainment"].estimate.text == "28%"
    assert table["a"].statistics["attainment"].interval_text == "25% to 31%"
    assert table["b"].statistics["attainment"].estimate.text == "28.0%"
    assert table["a"].statistics["level"].estimate.text == "2.1"


def test_a_response_rate_uses_the_rounded_count_and_is_hidden_with_it() -> None:
    table = protect(
        flat(Cell("a", 12, population=50), Cell("b", 5, population=50), Cell("c", 0)),
        level=Level.SUBNATIONAL,
    )
    assert table["a"].count.text == "10"
    assert table["a"].response_rate.text == "20%"  # 10/50, not 12/50
    assert table["a"].population.text == "50"
    assert table["b"].response_rate.text == SUPPRESSED
    assert table["c"].response_rate.text == NO_DATA


def test_a_group_without_respondents_shows_no_data_rather_than_a_suppression_mark() -> None:
    table = protect(flat(Cell("a", 0, (maturity(0),))), level=Level.SUBNATIONAL)
    assert table["a"].count.text == "0"
    assert table["a"].statistics["maturity"].estimate.text == NO_DATA
    assert table.notes == []


# --- complementary suppression (2.5) -----------------------------------------------------------


def test_when_one_child_is_hidden_the_next_smallest_sibling_is_hidden_too() -> None:
    icb = Cell("icb", 100, (maturity(100),), parent="region")
    orgs = [
        Cell(key, n, (maturity(n),), parent="icb")
        for key, n in (("a", 60), ("b", 25), ("c", 10), ("d", 5))
    ]
    table = protect(CellTable((icb, *orgs)), level=Level.SUBNATIONAL)
    assert table["d"].count.text == SUPPRESSED
    assert table["c"].count.text == SUPPRESSED
    assert table["c"].count.suppression == explain(Reason.COMPLEMENTARY)
    assert table["b"].count.text == "25"
    assert table["d"].statistics["maturity"].hidden
    assert table["c"].statistics["maturity"].hidden
    reasons = [note.reason for note in table.notes]
    assert reasons == [Reason.FEW_RESPONDENTS, Reason.SMALL_COUNT, Reason.COMPLEMENTARY]


def test_a_hidden_total_with_every_part_shown_has_a_part_hidden_too() -> None:
    cells = [
        Cell("parent", 30, parent="top"),
        Cell("x", 20, parent="parent"),
        Cell("y", 10, parent="parent"),
    ]
    added = complementary_suppression(cells, {"parent"}, lambda cell: cell.n)
    assert list(added) == ["y"]


@st.composite
def hierarchies(draw: st.DrawFn) -> CellTable:
    """A random published hierarchy (England → regions → ICBs → organisations, say), whose
    totals add up, and where England itself may or may not be a row of the table."""
    depth = draw(st.integers(1, 3))
    cells: list[Cell] = []

    def build(key: str, parent: str | None, level: int) -> tuple[int, int]:
        if level == depth:
            n = draw(st.integers(0, 9) | st.integers(0, 40))
            base = draw(st.integers(0, n))
            statistics = (maturity(base),) if draw(st.integers(0, 9)) else ()
        else:
            parts = [build(f"{key}.{i}", key, level + 1) for i in range(draw(st.integers(1, 4)))]
            n, base = sum(p[0] for p in parts), sum(p[1] for p in parts)
            statistics = (maturity(base),)
        cells.append(Cell(key, n, statistics, parent=parent))
        return n, base

    if draw(st.booleans()):
        build("england", None, 0)
    else:
        for i in range(draw(st.integers(1, 4))):
            build(f"region{i}", "england", 1 if depth > 1 else depth)
    return CellTable(tuple(cells))


def recoverable(
    table: CellTable, known: set[str], hidden: set[str], total: tuple[int, bool]
) -> set[str]:
    """Hidden figures an attacker can solve for from parent = sum of children, by elimination.

    ``known`` are the published figures (an empty group's "No data" included), ``hidden`` the
    suppressed ones; anything else is simply not in the table. The parent of the top rows,
    when it is not a row itself, is published if ``total`` says so (the same rules applied to
    it where it is published)."""
    known = set(known)
    children: dict[str, list[str]] = defaultdict(list)
    for cell in table.cells:
        if cell.parent is not None:
            children[cell.parent].append(cell.key)
    keys = {cell.key for cell in table.cells}
    solved = True
    while solved:
        solved = False
        for parent, members in children.items():
            if parent not in keys and not total[1]:
                continue
            equation = [*members, *([parent] if parent in keys else [])]
            unknown = [member for member in equation if member not in known]
            if len(unknown) == 1:
                known.add(unknown[0])
                solved = True
    return hidden & known


def figures(table: CellTable, protected: ProtectedTable) -> tuple[set[str], set[str]]:
    """The maturity figures published and hidden."""
    shown, hidden = set(), set()
    for cell in table.cells:
        if cell.statistics:
            estimate = protected[cell.key].statistics["maturity"].estimate
            (hidden if estimate.hidden else shown).add(cell.key)
    return shown, hidden


def top_totals(table: CellTable) -> tuple[int, int]:
    tops = [cell for cell in table.cells if cell.parent == "england"]
    return sum(c.n for c in tops), sum(s.base for c in tops for s in c.statistics)


@settings(max_examples=300, deadline=None)
@given(table=hierarchies())
def test_no_hidden_figure_can_be_worked_out_from_a_total_and_the_figures_shown(
    table: CellTable,
) -> None:
    protected = protect(table, level=Level.SUBNATIONAL)
    top, top_base = top_totals(table)
    counts_hidden = {cell.key for cell in table.cells if protected[cell.key].count.hidden}
    counts_shown = {cell.key for cell in table.cells} - counts_hidden
    assert not recoverable(table, counts_shown, counts_hidden, (top, top == 0 or top > 7))
    assert all(cell.key in counts_hidden for cell in table.cells if 1 <= cell.n <= 7)
    shown, hidden = figures(table, protected)
    assert not recoverable(table, shown, hidden, (top_base, top_base >= 10))


@settings(max_examples=100, deadline=None)
@given(table=hierarchies())
def test_nationally_counts_stand_but_statistics_are_still_protected(table: CellTable) -> None:
    protected = protect(table, level=Level.NATIONAL)
    assert all(protected[cell.key].count.text == f"{cell.n:,}" for cell in table.cells)
    _, top_base = top_totals(table)
    shown, hidden = figures(table, protected)
    assert not recoverable(table, shown, hidden, (top_base, top_base >= 10))


def test_a_cycle_of_parents_is_refused() -> None:
    with pytest.raises(ValueError, match="cycle"):
        CellTable((Cell("a", 10, parent="b"), Cell("b", 10, parent="a")))


# --- differencing (2.6) ------------------------------------------------------------------------


def test_a_filtered_view_leaving_out_1_to_9_people_is_refused() -> None:
    assert refuse_filtered_view(120, 115) == explain(Reason.DIFFERENCING)
    assert refuse_filtered_view(120, 111) is not None
    assert refuse_filtered_view(120, 110) is None
    assert refuse_filtered_view(120, 120) is None


def test_only_predefined_combinations_of_dimensions_may_be_viewed() -> None:
    assert is_permitted_view(["organisation", "staff_group"])
    assert not is_permitted_view(["organisation", "band", "profession"])
    decisions = guard_views([View("x", {"organisation": "A", "band": "5", "profession": "P"}, 50)])
    assert decisions["x"] == explain(Reason.NOT_PERMITTED)


HIERARCHIES = (
    Hierarchy("organisation", "icb", {"o0": "i0", "o1": "i0", "o2": "i1", "o3": "i1", "o4": "i2"}),
    Hierarchy("icb", "region", {"i0": "r0", "i1": "r0", "i2": "r1"}),
    Hierarchy("profession", "staff_group", {"p0": "s0", "p1": "s0", "p2": "s1", "p3": "s1"}),
)
DIMENSIONS = ("region", "icb", "organisation", "staff_group", "profession")


@st.composite
def workforces(draw: st.DrawFn) -> list[dict[str, str]]:
    """Respondents spread over organisations and professions, often thinly."""
    people = []
    for org, icb in HIERARCHIES[0].parents.items():
        for profession, group in HIERARCHIES[2].parents.items():
            region = HIERARCHIES[1].parents[icb]
            record = {"region": region, "icb": icb, "organisation": org}
            record |= {"staff_group": group, "profession": profession}
            people += [record] * draw(st.integers(0, 6) | st.integers(0, 25))
    return people


def all_views(people: list[dict[str, str]]) -> tuple[list[View], dict[str, frozenset[int]]]:
    """Every view a page could ask for: each permitted combination with each value present."""
    views, members = [], {}
    for dimensions in PERMITTED_VIEWS:
        if not set(dimensions) <= set(DIMENSIONS):
            continue
        groups: dict[tuple[tuple[str, str], ...], set[int]] = defaultdict(set)
        for i, person in enumerate(people):
            groups[tuple(sorted((d, person[d]) for d in dimensions))].add(i)
        for filters, who in groups.items():
            key = repr(filters)
            views.append(View(key, dict(filters), len(who)))
            members[key] = frozenset(who)
    return views, members


def nested_pairs(views: Iterable[View], members: dict[str, frozenset[int]]) -> set[tuple[str, str]]:
    chosen = list(views)
    return {
        (wider.key, narrower.key)
        for wider in chosen
        for narrower in chosen
        if wider.key != narrower.key and members[narrower.key] < members[wider.key]
    }


def members_nested(members: dict[str, frozenset[int]]):
    def nested(wider: View, narrower: View) -> bool:
        return members[narrower.key] <= members[wider.key]

    return nested


@settings(max_examples=60, deadline=None)
@given(people=workforces())
def test_no_two_permitted_views_reveal_a_group_of_1_to_9_people(
    people: list[dict[str, str]],
) -> None:
    views, members = all_views(people)
    decisions = guard_views(views, nested=members_nested(members))
    allowed = {view.key: view for view in views if decisions[view.key] is None}
    for wider, narrower in nested_pairs(allowed.values(), members):
        assert not 1 <= allowed[wider].n - allowed[narrower].n <= 9
    assert all(
        decision is None or decision.reason is Reason.DIFFERENCING
        for decision in decisions.values()
    )
    assert allowed or not people  # the widest view (everyone) is always allowed


@settings(max_examples=60, deadline=None)
@given(people=workforces())
def test_views_inside_one_another_by_their_filters_are_guarded_without_the_respondents(
    people: list[dict[str, str]],
) -> None:
    views, members = all_views(people)
    decisions = guard_views(views, HIERARCHIES)
    allowed = {view.key: view for view in views if decisions[view.key] is None}
    implied = {key: expand_filters(view.filters, HIERARCHIES) for key, view in allowed.items()}
    for wider, narrower in nested_pairs(allowed.values(), members):
        if implied[wider] <= implied[narrower]:
            assert not 1 <= allowed[wider].n - allowed[narrower].n <= 9


@settings(max_examples=60, deadline=None)
@given(people=workforces())
def test_differencing_pairs_finds_every_pair_one_inside_the_other_differing_by_1_to_9(
    people: list[dict[str, str]],
) -> None:
    views, members = all_views(people)
    by_key = {view.key: view for view in views}
    expected = {
        (wider, narrower)
        for wider, narrower in nested_pairs(views, members)
        if 1 <= by_key[wider].n - by_key[narrower].n <= 9
    }
    found = differencing_pairs(views, nested=members_nested(members))
    assert {(pair.wider, pair.narrower) for pair in found} == expected
    structural = differencing_pairs(views, HIERARCHIES)
    assert {(pair.wider, pair.narrower) for pair in structural} <= expected


def test_an_organisation_view_is_seen_to_lie_inside_its_icb_and_region() -> None:
    views = [
        View("region", {"region": "r0"}, 120),
        View("icb", {"icb": "i0"}, 60),
        View("org", {"organisation": "o0"}, 55),
        View("other", {"organisation": "o4"}, 115),
    ]
    pairs = differencing_pairs(views, HIERARCHIES)
    assert [(p.wider, p.narrower, p.difference) for p in pairs] == [("icb", "org", 5)]
    decisions = guard_views(views, HIERARCHIES)
    assert decisions["org"] == explain(Reason.DIFFERENCING)
    assert decisions["other"] is None  # 115 is close to 120, but o4 is not in region r0


# --- trends (2.7) ------------------------------------------------------------------------------


@given(now=st.integers(0, 30), before=st.integers(0, 30), level=st.sampled_from(list(Level)))
def test_a_change_is_shown_only_when_both_waves_pass(now: int, before: int, level: Level) -> None:
    current = flat(Cell("a", now, (maturity(now, change=3.2, change_significant=True),)))
    baseline = flat(Cell("a", before, (maturity(before),)))
    shown = protect(current, level=level, baseline=baseline)["a"].statistics["maturity"]
    assert shown.change is not None
    if now >= 10 and before >= 10:
        assert shown.change.text == "+3" and shown.change.value == 3
    else:
        assert shown.change.value is None
        assert shown.change.hidden or now == 0  # nobody answered now: "No data"
        if now >= 10:
            assert shown.change.suppression == explain(Reason.TREND)


def test_a_change_against_a_cell_hidden_to_protect_a_neighbour_is_not_shown() -> None:
    def wave(b_base: int, change: float | None = None) -> CellTable:
        return CellTable(
            (
                Cell("icb", 100, (maturity(100),), parent="region"),
                Cell("a", 80, (maturity(80, change=change),), parent="icb"),
                Cell("b", 15, (maturity(b_base, change=change),), parent="icb"),
                Cell("c", 5, (maturity(5),), parent="icb"),
            )
        )

    table = protect(wave(15, change=-1.04), level="subnational", baseline=wave(15))
    assert table["b"].statistics["maturity"].change is not None
    assert table["b"].statistics["maturity"].change.hidden  # b hidden beside c in both waves
    assert table["a"].statistics["maturity"].change is not None
    assert table["a"].statistics["maturity"].change.text == "-1"


def test_a_change_without_a_baseline_table_is_not_shown() -> None:
    table = protect(flat(Cell("a", 50, (maturity(50, change=2.0),))), level="national")
    change = table["a"].statistics["maturity"].change
    assert change is not None and change.suppression == explain(Reason.TREND)


# --- modelled estimates (2.9) ------------------------------------------------------------------


def test_a_modelled_estimate_needs_3_respondents_and_shrinkage_under_a_half() -> None:
    assert modelled_estimate_allowed(3, 0.4)
    assert not modelled_estimate_allowed(2, 0.4)
    assert not modelled_estimate_allowed(5, 0.5)


def test_every_reason_has_a_sentence_for_the_page() -> None:
    for reason in Reason:
        assert explain(reason).sentence
    assert isinstance(protect(flat(Cell("a", 1)), level="subnational"), ProtectedTable)
