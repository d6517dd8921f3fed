"""A framework version held in memory: the common shape of every import and export.

Database rows, CASE packages, the flat CSV and the bundled YAML files all convert to and from
these plain records, so each exchange format is a pair of pure functions. No Django here.

Identifiers:
- ``identifier`` is the CASE identifier of the node *in this version* (a UUID string). A new
  version gives every node a new identifier.
- ``lineage`` is the stable UUID that a domain or capability keeps across versions; results
  assessed against different versions are compared through it. For a node first seen in this
  version it equals ``identifier``.
- ``extras`` keeps every field of an imported CASE item (or document) that the model does not
  use, so that exporting again loses nothing.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any, Literal

Subject = Literal["person", "organisation"]
Status = Literal["draft", "published", "retired"]

# Identifiers that are derived rather than stored (rubrics, generated associations, bundled
# content) are UUID version 5 in this namespace, so the same input always gives the same UUID.
NAMESPACE = uuid.UUID("6f1c1f0e-3c55-4f43-9d38-2f4c1a7e5b21")


def derived_uuid(*parts: str) -> str:
    """A UUID that depends only on ``parts``.

    >>> derived_uuid("a", "b") == derived_uuid("a", "b") != derived_uuid("a", "c")
    True
    """
    return str(uuid.uuid5(NAMESPACE, "|".join(parts)))


@dataclass
class LevelData:
    number: int  # 1 = the lowest level of the framework's scale
    statement: str  # written as something a person (or organisation) can do
    identifier: str
    extras: dict[str, Any] = field(default_factory=dict)


@dataclass
class CapabilityData:
    identifier: str
    lineage: str
    code: str  # CASE humanCodingScheme, e.g. "DL.2"
    title: str  # CASE abbreviatedStatement (or fullStatement when there is no description)
    description: str = ""  # CASE fullStatement when a title is also given
    levels: list[LevelData] = field(default_factory=list)
    extras: dict[str, Any] = field(default_factory=dict)
    # Where an imported hierarchy had grouping items between the domain and this capability,
    # the CASE identifier of its immediate parent (a residual item); empty for "the domain".
    parent: str = ""


@dataclass
class DomainData:
    identifier: str
    lineage: str
    code: str
    title: str
    description: str = ""
    capabilities: list[CapabilityData] = field(default_factory=list)
    extras: dict[str, Any] = field(default_factory=dict)
    # True when an import had capabilities directly under the document and the domain was made
    # up to hold them; such a domain is not exported as a CASE item.
    synthetic: bool = False


@dataclass
class Residual:
    """The parts of an imported CASE package that the model does not represent, kept verbatim."""

    items: list[dict[str, Any]] = field(default_factory=list)
    associations: list[dict[str, Any]] = field(default_factory=list)
    rubrics: list[dict[str, Any]] = field(default_factory=list)
    definitions: dict[str, Any] = field(default_factory=dict)

    def is_empty(self) -> bool:
        return not (self.items or self.associations or self.rubrics or self.definitions)


@dataclass
class FrameworkData:
    identifier: str  # CASE CFDocument identifier of this version
    lineage: str  # the framework across its versions
    title: str
    version: str
    subject: Subject = "person"
    status: Status = "draft"
    publisher: str = ""
    creator: str = ""
    description: str = ""
    language: str = "en-GB"
    licence: str = ""  # the licence's name
    licence_uri: str = ""  # where its text lives
    level_names: list[str] = field(default_factory=list)  # level 1 first
    last_changed: str = ""  # ISO 8601 date-time, UTC, e.g. "2026-11-25T12:00:00+00:00"
    previous: str = ""  # CFDocument identifier of the version this one replaces, if known
    domains: list[DomainData] = field(default_factory=list)
    extras: dict[str, Any] = field(default_factory=dict)
    residual: Residual = field(default_factory=Residual)

    def capabilities(self) -> list[CapabilityData]:
        return [cap for domain in self.domains for cap in domain.capabilities]

    def levels(self) -> list[tuple[CapabilityData, LevelData]]:
        return [(cap, level) for cap in self.capabilities() for level in cap.levels]

    def item_count(self) -> int:
        """Every CASE item this version exports: domains, capabilities and level statements."""
        return (
            sum(1 for domain in self.domains if not domain.synthetic)
            + len(self.capabilities())
            + len(self.levels())
            + len(self.residual.items)
        )


class FrameworkFormatError(ValueError):
    """A file that cannot be imported; ``problems`` says where and why, one line each."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems[:5]) + (" …" if len(problems) > 5 else ""))
