import doctest

from hypothesis import given
from hypothesis import strategies as st

from digiready.organisations import names
from digiready.organisations.names import title_case


def test_the_examples_in_the_module_hold() -> None:
    assert doctest.testmod(names).failed == 0


@given(st.text(alphabet=st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZ '-,"), max_size=60))
def test_title_case_keeps_every_letter_and_space(name: str) -> None:
    assert title_case(name).upper() == name.upper()
    assert title_case(title_case(name)) == title_case(name)


@given(st.text(min_size=1).filter(lambda s: s != s.upper()))
def test_names_already_in_mixed_case_are_left_alone(name: str) -> None:
    assert title_case(name) == name
