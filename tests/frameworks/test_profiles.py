"""Role profiles: every role has sensible expectations in every domain, and a broken profiles
file is rejected with the place named."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from digiready.accounts.professions import PROFESSIONS, STAFF_GROUPS, staff_group_for
from digiready.frameworks.bundled import PERSON_FRAMEWORK, load_framework_file
from digiready.frameworks.content import FrameworkFormatError
from digiready.frameworks.profiles import (
    ARCHETYPE_BY_CODE,
    ARCHETYPE_CHOICES,
    ARCHETYPES,
    ROLE_PROFILES_FILE,
    RoleProfileData,
    expected_levels,
    load_role_profiles,
)

DOMAINS = [domain.code for domain in load_framework_file(PERSON_FRAMEWORK).domains]
PROFILES = load_role_profiles()
ARCHETYPE_CODES = [archetype.code for archetype in ARCHETYPES]
REGISTERED_CLINICIANS = ("doctor", "nurse", "midwife", "paramedic", "physiotherapist", "pharmacist")


def levels(profession: str, archetype: str = "user") -> dict[str, int]:
    return expected_levels(PROFILES, profession, staff_group_for(profession), archetype)


def raw() -> dict[str, Any]:
    data = yaml.safe_load(ROLE_PROFILES_FILE.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def problems_of(data: dict[str, Any], tmp_path: Path) -> list[str]:
    path = tmp_path / "role-profiles.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    with pytest.raises(FrameworkFormatError) as caught:
        load_role_profiles(path)
    return caught.value.problems


# --- archetypes ------------------------------------------------------------------------------


def test_archetypes_are_the_five_in_order() -> None:
    assert ARCHETYPE_CODES == ["user", "embedder", "driver", "creator", "shaper"]
    assert [(a.code, a.name) for a in ARCHETYPES] == ARCHETYPE_CHOICES
    assert ARCHETYPE_BY_CODE["shaper"].name == "Shaper"
    for archetype in ARCHETYPES:
        assert archetype.description.endswith(".")
        assert archetype.description.count(".") == 1


# --- the bundled profiles --------------------------------------------------------------------


def test_every_profession_and_staff_group_has_one_profile_per_archetype() -> None:
    keys = [(p.profession, p.staff_group, p.archetype) for p in PROFILES]
    assert len(keys) == len(set(keys))
    expected = {(p.code, None, a) for p in PROFESSIONS for a in ARCHETYPE_CODES} | {
        (None, g.code, a) for g in STAFF_GROUPS for a in ARCHETYPE_CODES
    }
    assert set(keys) == expected


def test_every_profile_covers_every_domain_within_the_scale() -> None:
    for profile in PROFILES:
        assert list(profile.expected) == DOMAINS, profile
        assert all(0 <= level <= 4 for level in profile.expected.values()), profile
        # Every role is expected to meet at least Foundation in most of the framework.
        assert sum(level > 0 for level in profile.expected.values()) >= 7, profile


def test_a_shaper_is_never_expected_less_than_a_user() -> None:
    by_role: dict[tuple[str | None, str | None], dict[str, dict[str, int]]] = {}
    for profile in PROFILES:
        by_role.setdefault((profile.profession, profile.staff_group), {})[profile.archetype] = (
            profile.expected
        )
    for role, archetypes in by_role.items():
        for code in DOMAINS:
            assert archetypes["shaper"][code] >= archetypes["user"][code], (role, code)
            for archetype in ARCHETYPE_CODES:
                assert archetypes[archetype][code] >= archetypes["user"][code], (role, code)


def test_a_shaper_is_expected_more_than_a_user_somewhere() -> None:
    for profession in PROFESSIONS:
        user, shaper = levels(profession.code), levels(profession.code, "shaper")
        assert sum(shaper.values()) > sum(user.values()), profession.code


def test_registered_clinicians_carry_more_clinical_safety_than_other_staff() -> None:
    for profession in REGISTERED_CLINICIANS:
        for archetype in ARCHETYPE_CODES:
            clinician = levels(profession, archetype)
            assert clinician["CS"] > levels("administrator", archetype)["CS"], profession
            assert clinician["CS"] >= levels("healthcare_support_worker", archetype)["CS"]
        assert levels(profession)["ER"] >= 2, profession


def test_data_roles_are_expected_more_data_and_analytics() -> None:
    for profession in ("data_analyst", "clinical_informatician"):
        for archetype in ARCHETYPE_CODES:
            assert levels(profession, archetype)["DA"] >= levels("nurse", archetype)["DA"]
            assert levels(profession, archetype)["DA"] >= levels("ddat", archetype)["DA"]
        assert levels(profession)["DA"] == 3


def test_digital_roles_are_expected_more_across_the_board() -> None:
    for profession in ("ddat", "clinical_informatician"):
        for archetype in ARCHETYPE_CODES:
            role = levels(profession, archetype)
            group = expected_levels(PROFILES, None, "central", archetype)
            assert all(role[code] >= group[code] for code in DOMAINS), profession
            assert sum(role.values()) > sum(group.values()), profession


def test_porters_and_estates_staff_are_not_asked_about_remote_consultation() -> None:
    for profession in ("porter", "estates"):
        for archetype in ARCHETYPE_CODES:
            assert levels(profession, archetype)["RC"] == 0
    assert expected_levels(PROFILES, None, "estates", "user")["RC"] == 0


def test_support_workers_are_expected_no_more_than_registered_staff() -> None:
    for archetype in ARCHETYPE_CODES:
        support = levels("healthcare_support_worker", archetype)
        nurse = levels("nurse", archetype)
        assert all(support[code] <= nurse[code] for code in DOMAINS)
        assert sum(support.values()) < sum(nurse.values())


def test_everyone_meets_foundation_in_information_governance() -> None:
    assert all(profile.expected["IG"] >= 1 for profile in PROFILES)


# --- choosing a profile ----------------------------------------------------------------------


def test_the_profession_profile_wins() -> None:
    analyst = levels("data_analyst", "driver")
    assert analyst != expected_levels(PROFILES, None, "central", "driver")
    assert expected_levels(PROFILES, "data_analyst", "estates", "driver") == analyst


def test_an_unknown_profession_falls_back_to_its_staff_group() -> None:
    group = expected_levels(PROFILES, None, "estates", "embedder")
    assert expected_levels(PROFILES, "window_cleaner", "estates", "embedder") == group
    assert group["RC"] == 0


def test_without_profession_or_known_staff_group_the_other_group_applies() -> None:
    other = next(
        p.expected for p in PROFILES if p.staff_group == "other" and p.archetype == "creator"
    )
    assert expected_levels(PROFILES, None, None, "creator") == other
    assert expected_levels(PROFILES, "unknown", "unknown", "creator") == other


def test_the_levels_returned_are_a_copy() -> None:
    found = levels("nurse")
    found["DL"] = 4
    assert levels("nurse")["DL"] == 1


def test_no_profile_at_all_is_a_lookup_error() -> None:
    with pytest.raises(LookupError, match="archetype 'wizard'"):
        expected_levels(PROFILES, "nurse", "nurses", "wizard")
    only_nurses = [RoleProfileData(None, "nurses", "user", dict.fromkeys(DOMAINS, 1))]
    with pytest.raises(LookupError, match="'other' staff group"):
        expected_levels(only_nurses, "porter", "estates", "user")


@settings(max_examples=60, deadline=None)
@given(
    profession=st.sampled_from([p.code for p in PROFESSIONS]) | st.none() | st.text(max_size=8),
    staff_group=st.sampled_from([g.code for g in STAFF_GROUPS]) | st.none() | st.text(max_size=8),
    archetype=st.sampled_from(ARCHETYPE_CODES),
)
def test_any_role_gets_a_level_for_every_domain(
    profession: str | None, staff_group: str | None, archetype: str
) -> None:
    found = expected_levels(PROFILES, profession, staff_group, archetype)
    assert list(found) == DOMAINS
    assert all(0 <= level <= 4 for level in found.values())


# --- a broken profiles file ------------------------------------------------------------------

Mutation = Callable[[dict[str, Any]], None]


def _level_too_high(data: dict[str, Any]) -> None:
    data["base"]["creator"]["AI"] = 5


def _level_negative(data: dict[str, Any]) -> None:
    data["base"]["user"]["DL"] = -1


def _level_as_text(data: dict[str, Any]) -> None:
    data["base"]["driver"]["RI"] = "3"


def _unknown_archetype(data: dict[str, Any]) -> None:
    data["base"]["wizard"] = dict(data["base"]["user"])


def _missing_archetype(data: dict[str, Any]) -> None:
    del data["base"]["embedder"]


def _unknown_domain(data: dict[str, Any]) -> None:
    data["base"]["shaper"]["XX"] = 2


def _missing_domain(data: dict[str, Any]) -> None:
    del data["base"]["user"]["HF"]


def _shaper_below_user(data: dict[str, Any]) -> None:
    data["base"]["shaper"]["RC"] = 0


def _unknown_profession(data: dict[str, Any]) -> None:
    data["professions"]["nurze"] = {"adjust": {"CS": 1}}


def _unknown_staff_group(data: dict[str, Any]) -> None:
    data["staff_groups"]["wizards"] = {"adjust": {"CS": 1}}


def _unknown_adjusted_domain(data: dict[str, Any]) -> None:
    data["professions"]["nurse"] = {"adjust": {"QQ": 1}}


def _unknown_excluded_domain(data: dict[str, Any]) -> None:
    data["staff_groups"]["estates"]["not_expected"] = ["RC", "ZZ"]


def _adjusted_and_excluded(data: dict[str, Any]) -> None:
    data["professions"]["porter"] = {"adjust": {"ER": 1}}
    data["professions"]["porter"]["not_expected"] = ["ER"]


def _unknown_key(data: dict[str, Any]) -> None:
    data["professions"]["doctor"]["adjsut"] = {"RI": 1}


def _step_too_large(data: dict[str, Any]) -> None:
    data["professions"]["doctor"]["adjust"]["RI"] = 9


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (_level_too_high, "base.creator.AI: should be at most 4, found 5"),
        (_level_negative, "base.user.DL: should be at least 0, found -1"),
        (_level_as_text, "base.driver.RI: should be a whole number, found text"),
        (_unknown_archetype, "base.wizard: unknown archetype; expected one of user, embedder, "
                             "driver, creator, shaper"),
        (_missing_archetype, "base.embedder: required but missing"),
        (_unknown_domain, "base.shaper.XX: unknown domain code; expected one of DL, AI, DA"),
        (_missing_domain, "base.user.HF: required but missing"),
        (_shaper_below_user, "base.shaper.RC: 0 is lower than the user's 1"),
        (_unknown_profession, "professions.nurze: unknown profession"),
        (_unknown_staff_group, "staff_groups.wizards: unknown staff group"),
        (_unknown_adjusted_domain, "professions.nurse.adjust.QQ: unknown domain code"),
        (_unknown_excluded_domain, "staff_groups.estates.not_expected[1]: unknown domain code ZZ"),
        (_adjusted_and_excluded, "professions.porter.not_expected[0]: ER is also adjusted"),
        (_unknown_key, "professions.doctor.adjsut: unknown key"),
        (_step_too_large, "professions.doctor.adjust.RI: should be at most 4, found 9"),
    ],
    ids=lambda value: getattr(value, "__name__", "")[1:] or None,
)  # fmt: skip
def test_a_broken_profiles_file_is_rejected_with_the_place_named(
    tmp_path: Path, mutate: Mutation, expected: str
) -> None:
    data = raw()
    mutate(data)
    problems = problems_of(data, tmp_path)
    assert any(problem.startswith(f"role-profiles.yaml: {expected}") for problem in problems), (
        problems
    )


def test_every_problem_in_a_profiles_file_is_listed(tmp_path: Path) -> None:
    data = raw()
    _unknown_profession(data)
    _unknown_staff_group(data)
    _unknown_domain(data)
    assert problems_of(data, tmp_path) == [
        "role-profiles.yaml: base.shaper.XX: unknown domain code; expected one of "
        + ", ".join(DOMAINS),
        "role-profiles.yaml: staff_groups.wizards: unknown staff group",
        "role-profiles.yaml: professions.nurze: unknown profession",
    ]


def test_profiles_can_refer_to_another_frameworks_domains(tmp_path: Path) -> None:
    path = tmp_path / "profiles.yaml"
    base = {code: {"A": 1, "B": 1 if code == "user" else 2} for code in ARCHETYPE_CODES}
    path.write_text(
        yaml.safe_dump({"base": base, "staff_groups": {"estates": {"not_expected": ["B"]}}}),
        encoding="utf-8",
    )
    profiles = load_role_profiles(path, domains=["A", "B"])
    assert expected_levels(profiles, "porter", "estates", "driver") == {"A": 1, "B": 0}
    assert expected_levels(profiles, "nurse", "nurses", "driver") == {"A": 1, "B": 2}
    with pytest.raises(FrameworkFormatError, match=r"profiles\.yaml: base\.user\.A: unknown"):
        load_role_profiles(path, domains=["B", "C"])
