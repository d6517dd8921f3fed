"""What the catalogue pages read: resources by filter, and what each covers, in words.

Coverage is stored by capability lineage; these read each capability's code and title from
its framework's current published version.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet

from digiready.frameworks.models import Capability, Domain, FrameworkVersion, Subject
from digiready.learning.models import (
    LearningResource,
    LearningResourceQuerySet,
    ResourceCoverage,
)
from digiready.learning.presenters import format_levels

COST_CHOICES = [("", "Free or paid"), ("free", "Free only"), ("paid", "Paid only")]


def current_versions() -> dict[int, FrameworkVersion]:
    """Each framework's newest published version, by framework id, in one query."""
    versions = FrameworkVersion.objects.published().select_related("framework")
    current: dict[int, FrameworkVersion] = {}
    # Ascending, so the newest (as Framework.current_version orders them) is written last.
    for version in versions.order_by("published_at", "id"):
        current[version.framework_id] = version
    return dict(sorted(current.items(), key=lambda item: item[1].framework.slug))


def person_versions() -> list[FrameworkVersion]:
    return [v for v in current_versions().values() if v.framework.subject == Subject.PERSON]


def domain_choices() -> list[tuple[str, str]]:
    """Every domain of every current framework, person frameworks first."""
    versions = sorted(
        current_versions().values(), key=lambda v: (v.framework.subject != Subject.PERSON,)
    )
    choices = [("", "Any domain")]
    for version in versions:
        suffix = "" if version.framework.subject == Subject.PERSON else " (organisations)"
        for domain in version.domains.order_by("position", "id"):
            label = f"{domain.code}: {domain.title}" if domain.code else domain.title
            choices.append((str(domain.lineage), label + suffix))
    return choices


def active_resources() -> LearningResourceQuerySet:
    return LearningResource.objects.active()


def catalogue(*, domain: str = "", format: str = "", cost: str = "") -> QuerySet[LearningResource]:
    """Active resources, by title, narrowed to a domain (by lineage), format and cost."""
    resources = active_resources()
    if domain:
        found = (
            Domain.objects.filter(
                framework_version__in=list(current_versions().values()), lineage=domain
            )
            .select_related("framework_version")
            .first()
        )
        if found is None:
            return resources.none()
        lineages = list(found.capabilities.values_list("lineage", flat=True))
        resources = resources.filter(
            coverage__framework_id=found.framework_version.framework_id,
            coverage__capability_lineage__in=lineages,
        ).distinct()
    if format:
        resources = resources.filter(format=format)
    if cost == "free":
        resources = resources.free()
    elif cost == "paid":
        resources = resources.paid()
    return resources.order_by("title", "id")


@dataclass(frozen=True)
class CoverLine:
    """One capability a resource covers, as a page shows it."""

    version: FrameworkVersion
    capability: Capability
    levels: str  # e.g. "Foundation to Intermediate"
    level_from: int
    level_to: int

    @property
    def text(self) -> str:
        return f"{self.capability.code} {self.capability.title}: {self.levels}".strip()


def coverage_lines(resources: Iterable[LearningResource]) -> dict[int, list[CoverLine]]:
    """What each resource covers in the current framework versions, by resource id."""
    ids = [resource.pk for resource in resources]
    if not ids:
        return {}
    versions = current_versions()
    capabilities = {
        (cap.framework_version.framework_id, cap.lineage): cap
        for cap in Capability.objects.filter(framework_version__in=list(versions.values()))
        .select_related("framework_version", "domain")
        .order_by("domain__position", "position", "id")
    }
    order = {key: n for n, key in enumerate(capabilities)}
    lines: dict[int, list[tuple[int, CoverLine]]] = defaultdict(list)
    for row in ResourceCoverage.objects.filter(resource_id__in=ids):
        key = (row.framework_id, row.capability_lineage)
        capability = capabilities.get(key)
        if capability is None:
            continue  # no longer in the framework's current version
        version = versions[row.framework_id]
        levels = format_levels(row.level_from, row.level_to, version.level_names)
        line = CoverLine(version, capability, levels, row.level_from, row.level_to)
        lines[row.resource_id].append((order[key], line))
    return {
        pk: [line for _, line in sorted(found, key=lambda x: x[0])] for pk, found in lines.items()
    }
