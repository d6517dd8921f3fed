"""Framework versions to and from the database, and the version life cycle.

Every import goes through `save_framework`: the records are checked first, then written in one
transaction with bulk inserts, so an import either lands whole or changes nothing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import uuid
from collections.abc import Iterable
from typing import Any

from django.db import DataError, IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from digiready.frameworks.content import (
    CapabilityData,
    DomainData,
    FrameworkData,
    FrameworkFormatError,
    LevelData,
    Residual,
    derived_uuid,
)
from digiready.frameworks.models import (
    Capability,
    Domain,
    Framework,
    FrameworkVersion,
    Level,
    Status,
)


class FrameworkConflictError(FrameworkFormatError):
    """The file is well formed but clashes with what is already held."""


def _iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds")


def _parse_moment(text: str) -> dt.datetime:
    if not text:
        return timezone.now().replace(microsecond=0)
    moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment


def new_identifier() -> str:
    return str(uuid.uuid4())


def known_lineage() -> dict[str, str]:
    """CASE identifier -> lineage for every domain and capability held, for replacedBy links."""
    lineage: dict[str, str] = {}
    for model in (Domain, Capability):
        for identifier, line in model.objects.values_list("identifier", "lineage"):
            lineage[str(identifier)] = str(line)
    return lineage


def _unique_slug(title: str) -> str:
    base = slugify(title)[:70] or "framework"
    slug, number = base, 2
    while Framework.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def _has_nul(value: Any) -> bool:
    """Whether any text anywhere in `value` holds a NUL; walks records without copying them."""
    if isinstance(value, str):
        return "\x00" in value
    if dataclasses.is_dataclass(value):
        return any(_has_nul(item) for item in vars(value).values())
    if isinstance(value, dict):
        return any(_has_nul(key) or _has_nul(item) for key, item in value.items())
    if isinstance(value, list | tuple):
        return any(_has_nul(item) for item in value)
    return False


def _check_conflicts(fw: FrameworkData, framework: Framework | None) -> list[str]:
    problems = []
    if FrameworkVersion.objects.filter(identifier=fw.identifier).exists():
        problems.append(f"a framework version with identifier {fw.identifier} is already held")
    if framework is not None:
        if framework.versions.filter(version=fw.version).exists():
            problems.append(f"{framework} already has a version {fw.version!r}")
        if fw.status == Status.DRAFT and framework.versions.drafts().exists():
            problems.append(f"{framework} already has a draft; publish or delete it first")
        if framework.subject != fw.subject:
            problems.append(
                f"this version's subject is {fw.subject!r} but the framework's is "
                f"{framework.subject!r}"
            )
    if not fw.title.strip():
        problems.append("the framework has no title")
    if _has_nul(fw):
        # PostgreSQL cannot store a NUL character in text or JSON.
        problems.append("the file contains a NUL character (\\u0000), which cannot be stored")
    for field_name in ("identifier", "lineage"):
        try:
            uuid.UUID(getattr(fw, field_name))
        except ValueError:
            problems.append(f"the framework {field_name} is not a UUID")
    return problems


def save_framework(
    fw: FrameworkData,
    *,
    slug: str | None = None,
    created_by: Any = None,
    source: str = "framework",
) -> FrameworkVersion:
    """Write a whole framework version (new framework or a new version of one held)."""
    if not fw.version.strip():
        # CASE makes the version optional; a version needs a name here, so use its date.
        fw = dataclasses.replace(fw, version=fw.last_changed[:10] or "1")
    framework = Framework.objects.filter(lineage=fw.lineage).first()
    problems = _check_conflicts(fw, framework)
    if problems:
        raise FrameworkConflictError([f"{source}: {problem}" for problem in problems])
    previous = None
    if fw.previous:
        previous = FrameworkVersion.objects.filter(identifier=fw.previous).first()
    elif framework is not None:
        # A new version of a framework held follows on from its newest version.
        previous = framework.versions.order_by("-created_at", "-id").first()
    try:
        with transaction.atomic():
            if framework is None:
                framework = Framework.objects.create(
                    lineage=fw.lineage,
                    slug=slug or _unique_slug(fw.title),
                    subject=fw.subject,
                )
            version = FrameworkVersion.objects.create(
                framework=framework,
                identifier=fw.identifier,
                version=fw.version,
                title=fw.title,
                publisher=fw.publisher,
                creator=fw.creator,
                description=fw.description,
                language=fw.language,
                licence=fw.licence,
                licence_uri=fw.licence_uri,
                status=fw.status,
                level_names=list(fw.level_names),
                previous=previous,
                extras=fw.extras,
                residual=dataclasses.asdict(fw.residual),
                last_changed=_parse_moment(fw.last_changed),
                published_at=timezone.now() if fw.status != Status.DRAFT else None,
                created_by=created_by,
            )
            _write_nodes(version, fw.domains)
    except (IntegrityError, DataError) as error:
        raise FrameworkConflictError([f"{source}: cannot be stored ({error})"]) from error
    return version


def _write_nodes(version: FrameworkVersion, domains: Iterable[DomainData]) -> None:
    domains = list(domains)
    domain_rows = Domain.objects.bulk_create(
        Domain(
            framework_version=version,
            identifier=domain.identifier,
            lineage=domain.lineage,
            code=domain.code,
            title=domain.title,
            description=domain.description,
            position=position,
            synthetic=domain.synthetic,
            extras=domain.extras,
        )
        for position, domain in enumerate(domains, start=1)
    )
    capabilities: list[tuple[CapabilityData, Capability]] = []
    for domain, domain_row in zip(domains, domain_rows, strict=True):
        capabilities += [
            (
                cap,
                Capability(
                    domain=domain_row,
                    framework_version=version,
                    identifier=cap.identifier,
                    lineage=cap.lineage,
                    code=cap.code,
                    title=cap.title,
                    description=cap.description,
                    position=position,
                    parent=cap.parent,
                    extras=cap.extras,
                ),
            )
            for position, cap in enumerate(domain.capabilities, start=1)
        ]
    cap_rows = Capability.objects.bulk_create([row for _cap, row in capabilities], batch_size=2000)
    Level.objects.bulk_create(
        (
            Level(
                capability=cap_row,
                number=level.number,
                statement=level.statement,
                identifier=level.identifier,
                extras=level.extras,
            )
            for (cap, _row), cap_row in zip(capabilities, cap_rows, strict=True)
            for level in cap.levels
        ),
        batch_size=2000,
    )


def load_framework(version: FrameworkVersion) -> FrameworkData:
    """The whole version as plain records, in three queries."""
    levels: dict[int, list[LevelData]] = {}
    for level in Level.objects.filter(capability__framework_version=version).order_by(
        "capability_id", "number"
    ):
        levels.setdefault(level.capability_id, []).append(
            LevelData(level.number, level.statement, str(level.identifier), level.extras)
        )
    capabilities: dict[int, list[CapabilityData]] = {}
    for cap in version.capabilities.order_by("position", "id"):
        capabilities.setdefault(cap.domain_id, []).append(
            CapabilityData(
                identifier=str(cap.identifier),
                lineage=str(cap.lineage),
                code=cap.code,
                title=cap.title,
                description=cap.description,
                levels=levels.get(cap.pk, []),
                extras=cap.extras,
                parent=cap.parent,
            )
        )
    domains = [
        DomainData(
            identifier=str(domain.identifier),
            lineage=str(domain.lineage),
            code=domain.code,
            title=domain.title,
            description=domain.description,
            capabilities=capabilities.get(domain.pk, []),
            extras=domain.extras,
            synthetic=domain.synthetic,
        )
        for domain in version.domains.order_by("position", "id")
    ]
    residual = Residual(**version.residual) if version.residual else Residual()
    return FrameworkData(
        identifier=str(version.identifier),
        lineage=str(version.framework.lineage),
        title=version.title,
        version=version.version,
        subject=version.framework.subject,  # type: ignore[arg-type]
        status=version.status,  # type: ignore[arg-type]
        publisher=version.publisher,
        creator=version.creator,
        description=version.description,
        language=version.language,
        licence=version.licence,
        licence_uri=version.licence_uri,
        level_names=list(version.level_names),
        last_changed=_iso(version.last_changed),
        previous=str(version.previous.identifier) if version.previous else "",
        domains=domains,
        extras=version.extras,
        residual=residual,
    )


def next_version_number(version: str, taken: set[str]) -> str:
    """The next free version number: "1.0" -> "1.1", "2" -> "3", "2024a" -> "2024a.1".

    >>> next_version_number("1.9", set())
    '1.10'
    >>> next_version_number("1.0", {"1.1"})
    '1.2'
    """
    match = re.fullmatch(r"(.*?)(\d+)", version)
    stem, number = (match.group(1), int(match.group(2))) if match else (f"{version}.", 0)
    candidate = f"{stem}{number + 1}"
    while candidate in taken:
        number += 1
        candidate = f"{stem}{number + 1}"
    return candidate


def _renumber(fw: FrameworkData) -> dict[str, str]:
    """Give every node of a copy a new identifier; returns old -> new."""
    mapping: dict[str, str] = {}

    def fresh(old: str) -> str:
        mapping[old] = str(uuid.uuid4())
        return mapping[old]

    fw.previous = fw.identifier
    fw.identifier = fresh(fw.identifier)
    for domain in fw.domains:
        domain.identifier = fresh(domain.identifier)
        for cap in domain.capabilities:
            cap.identifier = fresh(cap.identifier)
            for level in cap.levels:
                level.identifier = fresh(level.identifier)
    return mapping


# Fields an imported node carries that describe that one version's copy, not the content.
_PER_VERSION_FIELDS = ("uri", "lastChangeDateTime", "CFDocumentURI", "statusStartDate")


def _strip_per_version(extras: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in extras.items() if key not in _PER_VERSION_FIELDS}


def _remap_association(
    association: dict[str, Any], mapping: dict[str, str], document: str
) -> dict[str, Any]:
    """A kept association, pointed at the new copies of the nodes it links."""
    copy = dict(association)
    moved = False
    for end in ("originNodeURI", "destinationNodeURI"):
        node = dict(copy.get(end) or {})
        old = node.get("identifier")
        if old in mapping:
            node["identifier"] = mapping[old]
            node["uri"] = str(node.get("uri", "")).replace(old, mapping[old])
            moved = True
        copy[end] = node
    if moved and "identifier" in copy:
        old = str(copy["identifier"])
        copy["identifier"] = derived_uuid(old, document)
        copy["uri"] = str(copy.get("uri", "")).replace(old, copy["identifier"])
    return copy


@transaction.atomic
def new_draft(version: FrameworkVersion, *, created_by: Any = None) -> FrameworkVersion:
    """A new draft version copied from `version`: new identifiers, the same lineage."""
    framework = version.framework
    existing = framework.versions.drafts().first()
    if existing is not None:
        return existing
    fw = load_framework(version)
    mapping = _renumber(fw)
    fw.status = "draft"
    fw.version = next_version_number(
        fw.version, set(framework.versions.values_list("version", flat=True))
    )
    fw.last_changed = ""
    fw.extras = _strip_per_version(fw.extras)
    for domain in fw.domains:
        domain.extras = _strip_per_version(domain.extras)
        for cap in domain.capabilities:
            cap.extras = _strip_per_version(cap.extras)
            cap.parent = mapping.get(cap.parent, cap.parent)
            for level in cap.levels:
                level.extras = _strip_per_version(level.extras)
    mapped = set(mapping)
    # Hierarchy links between mapped nodes are regenerated on export; keep everything else.
    fw.residual.associations = [
        _remap_association(association, mapping, fw.identifier)
        for association in fw.residual.associations
        if not (
            association.get("associationType") in ("isChildOf", "replacedBy")
            and (association.get("originNodeURI") or {}).get("identifier") in mapped
            and (association.get("destinationNodeURI") or {}).get("identifier") in mapped
        )
    ]
    fw.residual.rubrics = []
    return save_framework(fw, created_by=created_by, source=str(version))


def touch(version: FrameworkVersion) -> None:
    """Record that a draft changed now."""
    version.check_editable()
    version.last_changed = timezone.now().replace(microsecond=0)
    version.save(update_fields=["last_changed"])


def publish(version: FrameworkVersion) -> list[str]:
    """Publish a draft; returns the reasons it cannot be published (nothing done then)."""
    problems = publication_problems(version)
    if problems:
        return problems
    now = timezone.now()
    FrameworkVersion.objects.filter(pk=version.pk, status=Status.DRAFT).update(
        status=Status.PUBLISHED, published_at=now, last_changed=now.replace(microsecond=0)
    )
    version.refresh_from_db()
    return []


def publication_problems(version: FrameworkVersion) -> list[str]:
    """What stops a draft being published: empty domains, capabilities missing levels."""
    if not version.is_draft:
        return [f"{version} is not a draft."]
    problems = []
    scale = len(version.level_names)
    domains = version.domains.prefetch_related("capabilities__levels")
    if not domains:
        problems.append("The framework has no domains.")
    for domain in domains:
        capabilities = list(domain.capabilities.all())
        if not capabilities:
            problems.append(f"Domain {domain} has no capabilities.")
        for cap in capabilities:
            numbers = [level.number for level in cap.levels.all()]
            if scale and numbers != list(range(1, scale + 1)):
                problems.append(f"Capability {cap} needs a statement for each of {scale} levels.")
    return problems


def retire(version: FrameworkVersion) -> None:
    if version.status != Status.PUBLISHED:
        raise ValueError("Only a published version can be retired.")
    version.status = Status.RETIRED
    version.save(update_fields=["status"])


@transaction.atomic
def delete_node(node: Domain | Capability) -> None:
    """Delete a domain (with its capabilities) or a capability from a draft."""
    version = node.owning_version()
    version.check_editable()
    capabilities = list(node.capabilities.all()) if isinstance(node, Domain) else [node]
    levels = Level.objects.filter(capability__in=[cap.pk for cap in capabilities])
    gone = {str(node.identifier)} | {str(cap.identifier) for cap in capabilities}
    gone |= {str(identifier) for identifier in levels.values_list("identifier", flat=True)}
    _forget_links(version, gone)
    levels.delete()
    if isinstance(node, Domain):
        node.capabilities.all().delete()
    node.delete()


def _forget_links(version: FrameworkVersion, gone: set[str]) -> None:
    """Drop kept associations that would point at nodes no longer in the version."""
    residual = dict(version.residual or {})
    associations = residual.get("associations") or []
    kept = [
        association
        for association in associations
        if (association.get("originNodeURI") or {}).get("identifier") not in gone
        and (association.get("destinationNodeURI") or {}).get("identifier") not in gone
    ]
    if len(kept) != len(associations):
        residual["associations"] = kept
        version.residual = residual
        version.save(update_fields=["residual"])


@transaction.atomic
def delete_draft(draft: FrameworkVersion) -> None:
    """Delete a draft version and, if it was the framework's only version, the framework."""
    draft.check_editable()
    framework = draft.framework
    Level.objects.filter(capability__framework_version=draft).delete()
    draft.capabilities.all().delete()
    draft.domains.all().delete()
    draft.delete()
    if not framework.versions.exists():
        framework.delete()
