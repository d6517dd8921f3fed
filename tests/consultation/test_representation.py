"""Groups that give far fewer contributions than their share of the workforce are flagged."""

from hypothesis import given
from hypothesis import strategies as st

from digiready.consultation.representation import representation


def test_a_group_giving_under_half_its_share_is_under_represented() -> None:
    rows = {
        r.code: r
        for r in representation(
            {"nurses": 60, "estates": 2, "doctors": 38},
            {"nurses": 5000, "estates": 2000, "doctors": 3000},
        )
    }
    # Estates are 20% of staff, so 20 of the 100 contributions were expected; 2 came.
    assert rows["estates"].expected == 20
    assert rows["estates"].under_represented
    assert not rows["nurses"].under_represented
    assert not rows["doctors"].under_represented


def test_a_group_with_no_contributions_at_all_is_listed_first() -> None:
    rows = representation({"nurses": 100}, {"nurses": 5000, "porters": 1000})
    assert rows[0].code == "porters"
    assert rows[0].contributions == 0
    assert rows[0].under_represented


def test_too_few_expected_contributions_are_not_flagged() -> None:
    rows = {r.code: r for r in representation({"nurses": 20}, {"nurses": 990, "orthoptists": 10})}
    assert rows["orthoptists"].expected < 5
    assert not rows["orthoptists"].under_represented


def test_contributions_without_a_group_are_left_out_of_the_shares() -> None:
    rows = {r.code: r for r in representation({"": 50, "nurses": 10}, {"nurses": 100})}
    assert rows["nurses"].contribution_share == 1


@given(
    st.dictionaries(st.sampled_from("abcdef"), st.integers(0, 500)),
    st.dictionaries(st.sampled_from("abcdef"), st.integers(1, 10_000), min_size=1),
)
def test_shares_add_up_and_every_workforce_group_appears(
    contributions: dict[str, int], headcount: dict[str, int]
) -> None:
    rows = representation(contributions, headcount)
    assert {r.code for r in rows} == set(headcount)
    assert abs(sum(r.workforce_share for r in rows) - 1) < 1e-9
    named = sum(n for c, n in contributions.items() if c in headcount)
    if named:
        assert abs(sum(r.contribution_share or 0 for r in rows) - 1) < 1e-9
    for r in rows:
        if r.under_represented:
            assert r.contributions < r.expected
