"""The catalogue in and out of the database: CSV import and export, and the demo catalogue.

Pages and the command line both call these, so every route applies the same checks. An import
adds the resources that are new and updates those already held, found by title and web
address; resources not in the file are left alone (retire one by making it inactive in the
admin).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from uuid import UUID

from django.db import transaction
from django.http import HttpRequest

from digiready.accounts.audit import record
from digiready.accounts.models import AuditEvent, User
from digiready.frameworks.bundled import load_bundled
from digiready.frameworks.models import Capability, Framework, FrameworkVersion, Status
from digiready.learning.catalogue import (
    CapabilityRef,
    CatalogueFormatError,
    CoverageRecord,
    FrameworkIndex,
    ResourceRecord,
    read_catalogue,
    write_catalogue,
)
from digiready.learning.models import LearningResource, ResourceCoverage

DEMO_CATALOGUE = Path(__file__).resolve().parent / "data" / "catalogue.csv"
MAX_UPLOAD_BYTES = 5_000_000


@dataclass(frozen=True)
class ImportResult:
    added: int
    updated: int
    unchanged: int
    coverage: int  # capability tags in the file

    @property
    def resources(self) -> int:
        return self.added + self.updated + self.unchanged

    def summary(self) -> str:
        """
        >>> ImportResult(3, 1, 0, 12).summary()
        '4 resources: 3 added, 1 updated, 0 unchanged; 12 capability tags'
        """
        return (
            f"{self.resources:,} resources: {self.added:,} added, {self.updated:,} updated, "
            f"{self.unchanged:,} unchanged; {self.coverage:,} capability tags"
        )


def framework_indexes(
    versions: Iterable[FrameworkVersion] = (),
) -> dict[str, FrameworkIndex]:
    """Each framework with a published version, by slug, as catalogue codes are read against:
    its current version, or the one of ``versions`` that belongs to it."""
    chosen = {version.framework_id: version for version in versions}
    indexes = {}
    for framework in Framework.objects.order_by("slug"):
        version = chosen.get(framework.pk) or framework.current_version()
        if version is None:
            continue
        rows = Capability.objects.filter(framework_version=version).exclude(code="")
        refs = {
            code: CapabilityRef(code, lineage, domain)
            for code, lineage, domain in rows.values_list("code", "lineage", "domain__lineage")
        }
        indexes[framework.slug] = FrameworkIndex(framework.slug, len(version.level_names), refs)
    return indexes


def parse_catalogue(data: bytes, name: str) -> list[ResourceRecord]:
    """Read and check a catalogue file without storing anything."""
    source = Path(name).name or "file"
    if len(data) > MAX_UPLOAD_BYTES:
        raise CatalogueFormatError(
            [
                f"{source}: the file is {len(data):,} bytes; the largest accepted is "
                f"{MAX_UPLOAD_BYTES:,}"
            ]
        )
    return read_catalogue(data, framework_indexes(), source=source)


def import_catalogue(
    data: bytes, name: str, *, by: User | None, request: HttpRequest | None = None
) -> ImportResult:
    """Check a catalogue CSV and store it whole, or raise CatalogueFormatError and store none.

    The import is written to the audit log, by ``by`` (or the command line if None).
    """
    result = save_catalogue(parse_catalogue(data, name))
    record(
        AuditEvent.Action.CATALOGUE_IMPORTED,
        actor=by,
        actor_label="" if by else "command line",
        target=Path(name).name,
        request=request,
        added=result.added,
        updated=result.updated,
        unchanged=result.unchanged,
    )
    return result


def _fields(record: ResourceRecord) -> dict[str, object]:
    return {
        "provider": record.provider,
        "description": record.description,
        "format": record.format,
        "duration_minutes": record.duration_minutes,
        "cost_pounds": record.cost_pounds,
    }


@transaction.atomic
def save_catalogue(records: list[ResourceRecord]) -> ImportResult:
    frameworks = {f.slug: f for f in Framework.objects.all()}
    held = {
        (r.title, r.url): r
        for r in LearningResource.objects.filter(
            title__in=[record.title for record in records]
        ).prefetch_related("coverage")
    }
    added = updated = unchanged = 0
    new_coverage = []
    for item in records:
        wanted = {
            (frameworks[c.framework].pk, c.capability, c.level_from, c.level_to)
            for c in item.coverage
        }
        resource = held.get(item.key)
        if resource is None:
            resource = LearningResource.objects.create(
                title=item.title, url=item.url, **_fields(item)
            )
            added += 1
        else:
            has = {
                (c.framework_id, c.capability_lineage, c.level_from, c.level_to)
                for c in resource.coverage.all()
            }
            same = all(getattr(resource, k) == v for k, v in _fields(item).items())
            if same and has == wanted and resource.active:
                unchanged += 1
                continue
            for key, value in _fields(item).items():
                setattr(resource, key, value)
            # Importing a resource again offers it again.
            resource.active = True
            resource.save()
            resource.coverage.all().delete()
            updated += 1
        new_coverage += [
            ResourceCoverage(
                resource=resource,
                framework_id=framework,
                capability_lineage=lineage,
                level_from=low,
                level_to=high,
            )
            for framework, lineage, low, high in sorted(wanted, key=str)
        ]
    ResourceCoverage.objects.bulk_create(new_coverage)
    return ImportResult(added, updated, unchanged, sum(len(r.coverage) for r in records))


def load_demo_catalogue() -> ImportResult:
    """Load the catalogue that ships with the service; running it again changes nothing.

    Its codes are read against the framework versions that ship with it, so a later version
    an author has published (which may drop or renumber capabilities) does not stop it
    loading: coverage is kept by lineage, and so carries over to the versions that keep it."""
    shipped = FrameworkVersion.objects.filter(
        identifier__in=[framework.identifier for framework in load_bundled()]
    ).exclude(status=Status.DRAFT)
    records = read_catalogue(
        DEMO_CATALOGUE.read_bytes(), framework_indexes(shipped), source=DEMO_CATALOGUE.name
    )
    return save_catalogue(records)


# Export -----------------------------------------------------------------------------------


def _codes() -> dict[tuple[int, UUID], str]:
    """Each capability's code by (framework, lineage): from the newest version that has it,
    so a resource tagged with a capability since removed still exports under its last code."""
    versions = (
        FrameworkVersion.objects.exclude(status=Status.DRAFT)
        .order_by("published_at", "id")
        .values_list("pk", flat=True)
    )
    order = {pk: n for n, pk in enumerate(versions)}
    codes: dict[tuple[int, UUID], tuple[int, str]] = {}
    rows = Capability.objects.filter(framework_version__in=list(order)).exclude(code="")
    for framework, lineage, code, version in rows.values_list(
        "framework_version__framework_id", "lineage", "code", "framework_version_id"
    ):
        key = (framework, lineage)
        if key not in codes or order[version] > codes[key][0]:
            codes[key] = (order[version], code)
    return {key: code for key, (_, code) in codes.items()}


def catalogue_records() -> list[ResourceRecord]:
    """Every active resource as catalogue records, by title."""
    codes = _codes()
    slugs = dict(Framework.objects.values_list("pk", "slug"))
    records = []
    resources = LearningResource.objects.active().prefetch_related("coverage").order_by("title")
    for resource in resources:
        coverage = sorted(
            (
                CoverageRecord(
                    slugs[c.framework_id],
                    codes[(c.framework_id, c.capability_lineage)],
                    c.capability_lineage,
                    c.capability_lineage,  # the domain is not needed to write a catalogue
                    c.level_from,
                    c.level_to,
                )
                for c in resource.coverage.all()
                if (c.framework_id, c.capability_lineage) in codes
            ),
            key=lambda c: (c.framework, c.level_from, c.level_to, _code_order(c.code)),
        )
        records.append(
            ResourceRecord(
                title=resource.title,
                url=resource.url,
                coverage=coverage,
                provider=resource.provider,
                description=resource.description,
                format=resource.format,
                duration_minutes=resource.duration_minutes,
                cost_pounds=resource.cost_pounds,
            )
        )
    return records


def _code_order(code: str) -> tuple[object, ...]:
    """DL.2 before DL.10."""
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in code.split("."))


def export_catalogue() -> str:
    """The active catalogue as CSV in the import format."""
    return write_catalogue(catalogue_records())
