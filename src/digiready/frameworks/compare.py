"""Compare two versions of a framework, node by node, through their lineage. No Django here."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from digiready.frameworks.content import CapabilityData, DomainData, FrameworkData

Change = Literal["added", "removed", "changed", "moved", "unchanged"]


@dataclass
class LevelChange:
    number: int
    before: str  # empty when the level is new
    after: str  # empty when the level was removed


@dataclass
class CapabilityChange:
    change: Change
    before: CapabilityData | None
    after: CapabilityData | None
    fields: list[str] = field(default_factory=list)  # which of code, title, description changed
    levels: list[LevelChange] = field(default_factory=list)

    @property
    def lineage(self) -> str:
        node = self.after or self.before
        assert node is not None
        return node.lineage

    @property
    def comparable(self) -> bool:
        """Results against the two versions measure the same thing."""
        return self.change in ("unchanged", "moved")


@dataclass
class DomainChange:
    change: Change
    before: DomainData | None
    after: DomainData | None
    fields: list[str] = field(default_factory=list)
    capabilities: list[CapabilityChange] = field(default_factory=list)


@dataclass
class Comparison:
    domains: list[DomainChange]

    def capability_changes(self) -> list[CapabilityChange]:
        return [cap for domain in self.domains for cap in domain.capabilities]

    def comparable_lineages(self) -> set[str]:
        """Capabilities whose results can be compared across the two versions."""
        return {cap.lineage for cap in self.capability_changes() if cap.comparable}

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(("added", "removed", "changed", "moved", "unchanged"), 0)
        for cap in self.capability_changes():
            counts[cap.change] += 1
        return counts


def _changed_fields(before: object, after: object, names: tuple[str, ...]) -> list[str]:
    return [name for name in names if getattr(before, name) != getattr(after, name)]


def _level_changes(before: CapabilityData, after: CapabilityData) -> list[LevelChange]:
    old = {level.number: level.statement for level in before.levels}
    new = {level.number: level.statement for level in after.levels}
    return [
        LevelChange(number, old.get(number, ""), new.get(number, ""))
        for number in sorted(old.keys() | new.keys())
        if old.get(number) != new.get(number)
    ]


def compare(before: FrameworkData, after: FrameworkData) -> Comparison:
    """Every domain and capability of either version, matched by lineage, in `after`'s order.

    A capability is "changed" when its wording or levels differ (results are then not directly
    comparable), and "moved" when only its domain or code changed.
    """
    old_domains = {domain.lineage: domain for domain in before.domains}
    old_caps = {
        cap.lineage: (domain, cap) for domain in before.domains for cap in domain.capabilities
    }
    new_cap_lineages = {cap.lineage for cap in after.capabilities()}
    domains: list[DomainChange] = []

    for domain in after.domains:
        old_domain = old_domains.get(domain.lineage)
        caps: list[CapabilityChange] = []
        for cap in domain.capabilities:
            if cap.lineage not in old_caps:
                caps.append(CapabilityChange("added", None, cap))
                continue
            old_domain_of_cap, old_cap = old_caps[cap.lineage]
            fields = _changed_fields(old_cap, cap, ("title", "description"))
            levels = _level_changes(old_cap, cap)
            if fields or levels:
                change: Change = "changed"
            elif old_domain_of_cap.lineage != domain.lineage or old_cap.code != cap.code:
                change = "moved"
            else:
                change = "unchanged"
            if old_cap.code != cap.code:
                fields.insert(0, "code")
            caps.append(CapabilityChange(change, old_cap, cap, fields, levels))
        if old_domain is not None:
            caps += [
                CapabilityChange("removed", old_cap, None)
                for old_cap in old_domain.capabilities
                if old_cap.lineage not in new_cap_lineages
            ]
        if old_domain is None:
            domain_change: Change = "added"
            fields = []
        else:
            fields = _changed_fields(old_domain, domain, ("code", "title", "description"))
            touched = fields or any(cap.change != "unchanged" for cap in caps)
            domain_change = "changed" if touched else "unchanged"
        domains.append(DomainChange(domain_change, old_domain, domain, fields, caps))

    new_domain_lineages = {domain.lineage for domain in after.domains}
    for old_domain in before.domains:
        if old_domain.lineage in new_domain_lineages:
            continue
        removed = [
            CapabilityChange("removed", cap, None)
            for cap in old_domain.capabilities
            if cap.lineage not in new_cap_lineages
        ]
        domains.append(DomainChange("removed", old_domain, None, [], removed))
    return Comparison(domains)
