"""Disclosure control for counts and shares of people: what may be shown reveals nothing that
suppression and rounding hide."""

import doctest

from hypothesis import given
from hypothesis import strategies as st

from digiready.core import disclosure
from digiready.core.disclosure import (
    SUPPRESSED,
    safe_count,
    safe_count_share,
    safe_share,
    shown_count,
)

counts = st.integers(min_value=0, max_value=100_000)


def test_the_examples_hold() -> None:
    assert doctest.testmod(disclosure).failed == 0


@given(counts)
def test_small_counts_are_suppressed_and_others_rounded_to_five(n: int) -> None:
    shown = safe_count(n)
    if 1 <= n <= 7:
        assert shown == SUPPRESSED
    else:
        value = int(shown.replace(",", ""))
        assert value % 5 == 0 and abs(value - n) <= 2
    assert safe_count(n, national=True) == f"{n:,}"


@given(counts, counts)
def test_a_share_needs_a_base_of_ten(part: int, base: int) -> None:
    assert (safe_share(part, base) == SUPPRESSED) == (base < 10)


@given(counts, counts, counts, counts)
def test_a_groups_share_says_no_more_than_the_counts_as_shown(
    part: int, other_part: int, whole: int, other_whole: int
) -> None:
    # Two groups whose counts look the same, in wholes that look the same, get the same share:
    # the share cannot tell apart what the rounded or suppressed counts do not.
    whole, other_whole = whole + part, other_whole + other_part
    same_counts = shown_count(part) == shown_count(other_part)
    same_wholes = shown_count(whole) == shown_count(other_whole) and (whole < 10) == (
        other_whole < 10
    )
    if same_counts and same_wholes:
        assert safe_count_share(part, whole) == safe_count_share(other_part, other_whole)
    if safe_count(part) == SUPPRESSED or whole < 10:
        assert safe_count_share(part, whole) == SUPPRESSED


def test_a_suppressed_group_no_longer_shows_its_share() -> None:
    # 5 of 185 contributions: before, "3%" gave the group away as 5 or 6.
    assert safe_count(5) == SUPPRESSED
    assert safe_count_share(5, 185) == SUPPRESSED
    # 9 and 11 of 185 are both shown as 10, and so have the same share.
    assert safe_count_share(9, 185) == safe_count_share(11, 185) == "5%"
