"""Learning plans for a personal report, and which capabilities the catalogue leaves uncovered.

Each function reads the catalogue for one framework version in two queries (its capabilities,
and the active resources' coverage in that framework), then works in memory.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from uuid import UUID

from digiready.frameworks.models import Capability, Domain, FrameworkVersion
from digiready.learning.matching import (
    CoveredCapability,
    Covers,
    Gap,
    MatchKind,
    Need,
    PlanEntry,
    PlannedResource,
    Resource,
    match_resources,
)
from digiready.learning.models import Format, LearningResource, ResourceCoverage
from digiready.learning.presenters import format_cost, format_duration, format_levels

__all__ = [
    "CoverageReport",
    "DomainCoverage",
    "Gap",
    "PlanEntry",
    "PlannedResource",
    "coverage_report",
    "learning_plan",
    "uncovered_capabilities",
]


def _capabilities(version: FrameworkVersion) -> list[Capability]:
    """The version's capabilities in framework order, each with its domain (one query)."""
    return list(
        Capability.objects.filter(framework_version=version)
        .select_related("domain")
        .order_by("domain__position", "domain_id", "position", "id")
    )


def _coverage(version: FrameworkVersion) -> list[ResourceCoverage]:
    """Active resources' coverage in the version's framework, with the resources (one query)."""
    return list(
        ResourceCoverage.objects.filter(framework_id=version.framework_id, resource__active=True)
        .select_related("resource")
        .order_by("resource__title", "resource_id", "id")
    )


def learning_plan(framework_version: FrameworkVersion, gaps: list[Gap]) -> list[PlanEntry]:
    """For each gap, in the order given, two to five resources that help close it.

    Resources matching a needed capability at a needed level come first; others (marked as
    fallbacks) are added only when fewer than two match exactly.
    """
    if not gaps:
        return []
    capabilities = {cap.lineage: cap for cap in _capabilities(framework_version)}
    rows_by_resource: dict[int, list[ResourceCoverage]] = defaultdict(list)
    resources: dict[int, LearningResource] = {}
    for row in _coverage(framework_version):
        if row.capability_lineage in capabilities:
            rows_by_resource[row.resource_id].append(row)
            resources[row.resource_id] = row.resource
    candidates = [
        Resource(
            key=str(pk),
            title=resource.title,
            duration_minutes=resource.duration_minutes,
            cost_pounds=resource.cost_pounds,
            coverage=tuple(
                Covers(
                    row.capability_lineage,
                    capabilities[row.capability_lineage].domain.lineage,
                    row.level_from,
                    row.level_to,
                )
                for row in rows_by_resource[pk]
            ),
        )
        for pk, resource in resources.items()
    ]
    names = list(framework_version.level_names)
    position = {lineage: n for n, lineage in enumerate(capabilities)}
    plan = []
    by_domain: dict[UUID, list[UUID]] = defaultdict(list)
    for lineage, capability in capabilities.items():
        by_domain[capability.domain.lineage].append(lineage)
    for gap in gaps:
        # A report may give no capability levels (every question not applicable): then the
        # whole domain is needed from the level attained.
        needs = gap.needs() or [
            Need(lineage, gap.attained_level, gap.expected_level, gap.domain_lineage)
            for lineage in by_domain[gap.domain_lineage]
        ]
        planned = []
        for match in match_resources(needs, candidates):
            pk = int(match.resource.key)
            rows = sorted(rows_by_resource[pk], key=lambda r: position[r.capability_lineage])
            planned.append(
                _planned(resources[pk], rows, capabilities, names, match.kind, match.fallback)
            )
        plan.append(PlanEntry(gap=gap, resources=planned))
    return plan


def _planned(
    resource: LearningResource,
    rows: list[ResourceCoverage],
    capabilities: dict[UUID, Capability],
    names: list[str],
    kind: MatchKind,
    fallback: bool,
) -> PlannedResource:
    return PlannedResource(
        public_id=resource.public_id,
        title=resource.title,
        provider=resource.provider,
        url=resource.url,
        description=resource.description,
        format=Format(resource.format).label,
        duration=format_duration(resource.duration_minutes),
        cost=format_cost(resource.cost_pounds),
        covers=tuple(
            CoveredCapability(
                code=capabilities[row.capability_lineage].code,
                title=capabilities[row.capability_lineage].title,
                level_from=row.level_from,
                level_to=row.level_to,
                levels=format_levels(row.level_from, row.level_to, names),
            )
            for row in rows
        ),
        match=kind,
        fallback=fallback,
    )


def _levels_of(version: FrameworkVersion) -> list[int]:
    return list(range(1, len(version.level_names) + 1))


def _covered(rows: list[ResourceCoverage]) -> dict[UUID, dict[int, set[int]]]:
    """For each capability lineage, the resources (by id) covering each level."""
    covered: dict[UUID, dict[int, set[int]]] = defaultdict(lambda: defaultdict(set))
    for row in rows:
        for level in range(row.level_from, row.level_to + 1):
            covered[row.capability_lineage][level].add(row.resource_id)
    return covered


def uncovered_capabilities(
    framework_version: FrameworkVersion,
) -> list[tuple[Capability, list[int]]]:
    """Each capability with a level no active resource covers, and those levels, in order."""
    covered = _covered(_coverage(framework_version))
    levels = _levels_of(framework_version)
    found = []
    for capability in _capabilities(framework_version):
        missing = [n for n in levels if not covered[capability.lineage][n]]
        if missing:
            found.append((capability, missing))
    return found


@dataclass
class DomainCoverage:
    domain: Domain
    # Resources covering at least one of the domain's capabilities at each level, level 1 first.
    counts: list[int]
    capabilities: int = 0
    uncovered: list[tuple[Capability, list[int]]] = field(default_factory=list)


@dataclass
class CoverageReport:
    version: FrameworkVersion
    domains: list[DomainCoverage]
    resources: int  # active resources covering anything in this framework

    @property
    def uncovered_count(self) -> int:
        return sum(len(d.uncovered) for d in self.domains)

    @property
    def capability_count(self) -> int:
        return sum(d.capabilities for d in self.domains)


def coverage_report(framework_version: FrameworkVersion) -> CoverageReport:
    """Resources per domain and level, and the capabilities (and levels) nobody covers."""
    rows = _coverage(framework_version)
    covered = _covered(rows)
    levels = _levels_of(framework_version)
    by_domain: dict[int, DomainCoverage] = {}
    per_level: dict[int, dict[int, set[int]]] = defaultdict(lambda: defaultdict(set))
    in_framework: set[int] = set()
    for capability in _capabilities(framework_version):
        entry = by_domain.setdefault(
            capability.domain_id, DomainCoverage(capability.domain, [0] * len(levels))
        )
        entry.capabilities += 1
        missing = []
        for level in levels:
            resources = covered[capability.lineage][level]
            per_level[capability.domain_id][level] |= resources
            in_framework |= resources
            if not resources:
                missing.append(level)
        if missing:
            entry.uncovered.append((capability, missing))
    for domain_id, entry in by_domain.items():
        entry.counts = [len(per_level[domain_id][level]) for level in levels]
    return CoverageReport(framework_version, list(by_domain.values()), len(in_framework))
