"""The questionnaire a respondent answers, built from a framework version and a role profile.

One item per capability. The answer to an item is the level statement that best describes the
respondent (or, for an organisation, the organisation):

- for a person, the scale is "Not yet" followed by the framework's levels, so a four-level
  framework gives five answers (L = 5 in ANALYTICS.md section 1) and a level is the answer
  less one;
- for an organisation, the scale is the framework's levels themselves (DMA-style, 1 to 5).

Items are chosen per role: a domain the role profile does not expect (expected level 0) is not
asked, so a porter is not asked about electronic prescribing. "Not applicable to my role" is
offered on every person item, because within an expected domain some capabilities still do not
apply to some jobs; "I do not know" is offered on organisational items, where a lead may not
know. Both are missing answers, not zeros. No Django here.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from digiready.frameworks.content import FrameworkData

NOT_APPLICABLE = "na"
DONT_KNOW = "dk"
MISSING_LABELS = {
    NOT_APPLICABLE: "Not applicable to my role",
    DONT_KNOW: "I do not know",
}
NOT_YET = "Not yet"


@dataclass(frozen=True)
class Choice:
    value: int  # the position on the answer scale, 1 to L
    label: str  # "Not yet", or the level's name
    statement: str  # what the respondent can do at this level


@dataclass(frozen=True)
class Item:
    link_id: str  # the capability's CASE identifier in this version
    lineage: str  # the capability's identity across versions
    code: str
    title: str
    description: str
    choices: tuple[Choice, ...]
    missing: tuple[str, ...]  # the missing answers offered: NOT_APPLICABLE and/or DONT_KNOW


@dataclass(frozen=True)
class Section:
    """The items of one domain, asked on one page."""

    link_id: str  # the domain's CASE identifier in this version
    lineage: str
    code: str
    title: str
    description: str
    expected_level: int | None  # what the role expects (None: no role profile applies)
    items: tuple[Item, ...]
    slug: str = ""

    @property
    def minimum_answers(self) -> int:
        """ANALYTICS.md 1.2: a domain score needs at least half its items answered."""
        return math.ceil(0.5 * len(self.items))


@dataclass(frozen=True)
class Role:
    profession: str = ""
    staff_group: str = ""
    archetype: str = ""


@dataclass(frozen=True)
class Questionnaire:
    framework_slug: str
    framework_lineage: str
    version_identifier: str
    version: str
    title: str
    subject: str  # "person" or "organisation"
    level_names: tuple[str, ...]
    sections: tuple[Section, ...]
    role: Role = field(default_factory=Role)

    @property
    def has_not_yet(self) -> bool:
        """A person may not yet reach the lowest level; an organisation's lowest level is 1."""
        return self.subject == "person"

    @property
    def scale_size(self) -> int:
        """L in ANALYTICS.md section 1: how many answers an item has."""
        return len(self.level_names) + (1 if self.has_not_yet else 0)

    def level_of(self, value: int) -> int:
        """The framework level an answer (or an attained step) stands for; 0 is "not yet"."""
        return value - 1 if self.has_not_yet else value

    def level_name(self, level: int) -> str:
        if level <= 0:
            return NOT_YET
        return self.level_names[level - 1] if level <= len(self.level_names) else str(level)

    @property
    def items(self) -> list[Item]:
        return [item for section in self.sections for item in section.items]

    def item(self, link_id: str) -> Item | None:
        return next((item for item in self.items if item.link_id == link_id), None)

    def section(self, slug: str) -> Section | None:
        return next((section for section in self.sections if section.slug == slug), None)


def section_slug(code: str, position: int) -> str:
    """What names a section in a page address: its code, lower case, or its position."""
    cleaned = "".join(ch for ch in code.lower() if ch.isalnum() or ch in "-_.")
    return cleaned or f"section-{position}"


def build_questionnaire(
    framework: FrameworkData,
    *,
    slug: str,
    expected: Mapping[str, int] | None = None,
    role: Role | None = None,
) -> Questionnaire:
    """The questionnaire for a role: every capability of every domain the role expects.

    ``expected`` maps domain lineage to the role's expected level; a domain missing from it, or
    with 0, is not asked. With no ``expected`` (an organisation, or a person with no profile),
    every domain is asked.
    """
    person = framework.subject == "person"
    names = tuple(framework.level_names) or tuple(
        str(n) for n in range(1, _most_levels(framework) + 1)
    )
    sections = []
    seen: set[str] = set()
    for position, domain in enumerate(framework.domains, start=1):
        level = None if expected is None else int(expected.get(domain.lineage, 0))
        if level == 0 or not domain.capabilities:
            continue
        items = tuple(
            Item(
                link_id=cap.identifier,
                lineage=cap.lineage,
                code=cap.code,
                title=cap.title,
                description=cap.description,
                choices=_choices(cap.levels, names, person),
                missing=(NOT_APPLICABLE,) if person else (DONT_KNOW,),
            )
            for cap in domain.capabilities
        )
        slug_ = section_slug(domain.code, position)
        if slug_ in seen:
            slug_ = f"{slug_}-{position}"
        seen.add(slug_)
        sections.append(
            Section(
                link_id=domain.identifier,
                lineage=domain.lineage,
                code=domain.code,
                title=domain.title,
                description=domain.description,
                expected_level=level,
                items=items,
                slug=slug_,
            )
        )
    return Questionnaire(
        framework_slug=slug,
        framework_lineage=framework.lineage,
        version_identifier=framework.identifier,
        version=framework.version,
        title=framework.title,
        subject=framework.subject,
        level_names=names,
        sections=tuple(sections),
        role=role or Role(),
    )


def _most_levels(framework: FrameworkData) -> int:
    return max((len(cap.levels) for cap in framework.capabilities()), default=0)


def _choices(levels: list, names: tuple[str, ...], person: bool) -> tuple[Choice, ...]:
    statements = {level.number: level.statement for level in levels}
    choices = [Choice(1, NOT_YET, "")] if person else []
    offset = 1 if person else 0
    for number, name in enumerate(names, start=1):
        choices.append(Choice(number + offset, name, statements.get(number, "")))
    return tuple(choices)
