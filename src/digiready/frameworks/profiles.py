"""Role archetypes and role profiles: what each role is expected to reach in each domain.

The archetypes are Health Education England's AI confidence archetypes, applied here to digital
capability as a whole. A role profile maps a profession (or, as the fallback, a staff group) and
an archetype to an expected level per domain of the person framework: 0 means the domain is not
expected of the role, 1 to 4 are the framework's levels.

The bundled profiles (data/role-profiles.yaml) are written compactly as a base level per
archetype and domain, with adjustments by staff group and by profession; ``load_role_profiles``
checks the file and expands it to one profile per profession and per staff group. No Django here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from digiready.accounts.professions import (
    PROFESSION_BY_CODE,
    PROFESSIONS,
    STAFF_GROUP_BY_CODE,
    STAFF_GROUPS,
)
from digiready.frameworks.bundled import (
    DATA_DIR,
    PERSON_FRAMEWORK,
    describe_errors,
    load_framework_file,
    read_yaml,
)
from digiready.frameworks.content import FrameworkFormatError


@dataclass(frozen=True)
class Archetype:
    code: str
    name: str
    description: str


ARCHETYPES: tuple[Archetype, ...] = (
    Archetype(
        "user",
        "User",
        "Uses digital and AI tools safely and confidently in their own work with patients, "
        "service users or colleagues.",
    ),
    Archetype(
        "embedder",
        "Embedder",
        "Puts digital and AI tools into everyday use in a team or service, checks they work "
        "as intended and helps colleagues with them.",
    ),
    Archetype(
        "driver",
        "Driver",
        "Champions and leads the adoption of digital and AI tools in a service or "
        "organisation, making the case for change and bringing colleagues along.",
    ),
    Archetype(
        "creator",
        "Creator",
        "Designs, builds or tests digital and AI tools, working with data, software, "
        "developers and suppliers.",
    ),
    Archetype(
        "shaper",
        "Shaper",
        "Sets direction, policy and standards for digital and AI across an organisation, "
        "a health and care system or the country.",
    ),
)
ARCHETYPE_BY_CODE = {archetype.code: archetype for archetype in ARCHETYPES}
ARCHETYPE_CHOICES = [(archetype.code, archetype.name) for archetype in ARCHETYPES]

ROLE_PROFILES_FILE = DATA_DIR / "role-profiles.yaml"
NOT_EXPECTED = 0
LOWEST_LEVEL = 1
HIGHEST_LEVEL = 4
# The staff group whose profile applies when neither profession nor staff group has one.
FALLBACK_STAFF_GROUP = "other"


@dataclass(frozen=True)
class RoleProfileData:
    """Expected level per domain code for a profession, or for a staff group as the fallback."""

    profession: str | None
    staff_group: str | None
    archetype: str
    expected: dict[str, int]


class _Model(BaseModel):
    # Strict, so that "2" or true where a level belongs is reported rather than coerced.
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


Level = Annotated[int, Field(ge=NOT_EXPECTED, le=HIGHEST_LEVEL)]
Step = Annotated[int, Field(ge=-HIGHEST_LEVEL, le=HIGHEST_LEVEL)]


class _Adjustment(_Model):
    adjust: dict[str, Step] = Field(default_factory=dict)
    not_expected: list[str] = Field(default_factory=list)


class _RoleProfiles(_Model):
    base: dict[str, dict[str, Level]]
    staff_groups: dict[str, _Adjustment] = Field(default_factory=dict)
    professions: dict[str, _Adjustment] = Field(default_factory=dict)


def _check_adjustment(where: str, adjustment: _Adjustment, domains: Sequence[str]) -> list[str]:
    problems = []
    known = ", ".join(domains)
    for code in adjustment.adjust:
        if code not in domains:
            problems.append(f"{where}.adjust.{code}: unknown domain code; expected one of {known}")
    for n, code in enumerate(adjustment.not_expected):
        if code not in domains:
            problems.append(
                f"{where}.not_expected[{n}]: unknown domain code {code}; expected one of {known}"
            )
        elif code in adjustment.adjust:
            problems.append(f"{where}.not_expected[{n}]: {code} is also adjusted; choose one")
        elif code in adjustment.not_expected[:n]:
            problems.append(f"{where}.not_expected[{n}]: {code} is listed twice")
    return problems


def _check(model: _RoleProfiles, domains: Sequence[str]) -> list[str]:
    """Every code known, every archetype and domain present; returns one line per problem."""
    problems = []
    known = ", ".join(domains)
    for code in model.base:
        if code not in ARCHETYPE_BY_CODE:
            problems.append(
                f"base.{code}: unknown archetype; expected one of {', '.join(ARCHETYPE_BY_CODE)}"
            )
    for archetype in ARCHETYPES:
        row = model.base.get(archetype.code)
        if row is None:
            problems.append(f"base.{archetype.code}: required but missing")
            continue
        for code in row:
            if code not in domains:
                problems.append(
                    f"base.{archetype.code}.{code}: unknown domain code; expected one of {known}"
                )
        for code in domains:
            if code not in row:
                problems.append(f"base.{archetype.code}.{code}: required but missing")
    # A user is the baseline every other archetype builds on, so none may expect less.
    user = model.base.get("user", {})
    for archetype in ARCHETYPES[1:]:
        row = model.base.get(archetype.code, {})
        for code, level in row.items():
            if code in user and level < user[code]:
                problems.append(
                    f"base.{archetype.code}.{code}: {level} is lower than the user's "
                    f"{user[code]}; no archetype may expect less than a user"
                )
    for code, adjustment in model.staff_groups.items():
        if code not in STAFF_GROUP_BY_CODE:
            problems.append(f"staff_groups.{code}: unknown staff group")
        problems += _check_adjustment(f"staff_groups.{code}", adjustment, domains)
    for code, adjustment in model.professions.items():
        if code not in PROFESSION_BY_CODE:
            problems.append(f"professions.{code}: unknown profession")
        problems += _check_adjustment(f"professions.{code}", adjustment, domains)
    return problems


def _expected(
    base: dict[str, int], adjustments: Iterable[_Adjustment], domains: Sequence[str]
) -> dict[str, int]:
    steps = dict.fromkeys(domains, 0)
    excluded: set[str] = set()
    for adjustment in adjustments:
        for code, step in adjustment.adjust.items():
            steps[code] += step
        excluded.update(adjustment.not_expected)
    expected = {}
    for code in domains:
        if code in excluded or base[code] == NOT_EXPECTED:
            expected[code] = NOT_EXPECTED
        else:
            # An adjustment moves a level within the scale; only not_expected removes a domain.
            expected[code] = min(HIGHEST_LEVEL, max(LOWEST_LEVEL, base[code] + steps[code]))
    return expected


def _domain_codes() -> list[str]:
    return [domain.code for domain in load_framework_file(PERSON_FRAMEWORK).domains]


def load_role_profiles(
    path: Path | str | None = None, domains: Sequence[str] | None = None
) -> list[RoleProfileData]:
    """Check a role profiles file and expand it: each profession, then each staff group.

    ``domains`` are the domain codes of the person framework the levels refer to; by default the
    bundled Digital Ready framework's. Any problem raises FrameworkFormatError listing them all.
    """
    path = Path(path) if path is not None else ROLE_PROFILES_FILE
    source = path.name
    codes = list(domains) if domains is not None else _domain_codes()
    try:
        model = _RoleProfiles.model_validate(read_yaml(path))
    except ValidationError as exc:
        raise FrameworkFormatError(describe_errors(exc, source)) from None
    problems = _check(model, codes)
    if problems:
        raise FrameworkFormatError([f"{source}: {problem}" for problem in problems])
    none = _Adjustment()
    profiles = []
    for profession in PROFESSIONS:
        group = model.staff_groups.get(profession.staff_group, none)
        own = model.professions.get(profession.code, none)
        profiles += [
            RoleProfileData(
                profession=profession.code,
                staff_group=None,
                archetype=archetype.code,
                expected=_expected(model.base[archetype.code], (group, own), codes),
            )
            for archetype in ARCHETYPES
        ]
    for staff_group in STAFF_GROUPS:
        group = model.staff_groups.get(staff_group.code, none)
        profiles += [
            RoleProfileData(
                profession=None,
                staff_group=staff_group.code,
                archetype=archetype.code,
                expected=_expected(model.base[archetype.code], (group,), codes),
            )
            for archetype in ARCHETYPES
        ]
    return profiles


def expected_levels(
    profiles: Iterable[RoleProfileData],
    profession: str | None,
    staff_group: str | None,
    archetype: str,
) -> dict[str, int]:
    """The levels expected of a role: its profession's profile, else its staff group's, else
    the "other" staff group's. LookupError if none of these has a profile for the archetype."""
    by_profession: dict[str, RoleProfileData] = {}
    by_staff_group: dict[str, RoleProfileData] = {}
    for profile in profiles:
        if profile.archetype != archetype:
            continue
        if profile.profession:
            by_profession.setdefault(profile.profession, profile)
        elif profile.staff_group:
            by_staff_group.setdefault(profile.staff_group, profile)
    found = (
        (by_profession.get(profession) if profession else None)
        or (by_staff_group.get(staff_group) if staff_group else None)
        or by_staff_group.get(FALLBACK_STAFF_GROUP)
    )
    if found is None:
        raise LookupError(
            f"no role profile for archetype {archetype!r}, profession {profession!r} or "
            f"staff group {staff_group!r}, and none for the {FALLBACK_STAFF_GROUP!r} staff group"
        )
    return dict(found.expected)
