"""Crosswalks: which capability of one framework matches which of another."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from digiready.frameworks.content import FrameworkFormatError, derived_uuid
from digiready.frameworks.models import (
    Capability,
    Crosswalk,
    CrosswalkLink,
    FrameworkVersion,
    Relation,
)

CSV_COLUMNS = ("source_code", "target_code", "relation")


def add_link(
    crosswalk: Crosswalk, source: Capability, target: Capability, relation: str
) -> CrosswalkLink:
    link, _created = CrosswalkLink.objects.update_or_create(
        crosswalk=crosswalk,
        source=source,
        target=target,
        defaults={
            "relation": relation,
            "identifier": derived_uuid(relation, str(source.identifier), str(target.identifier)),
        },
    )
    return link


@dataclass
class CrosswalkRow:
    capability: Capability
    links: list[CrosswalkLink] = field(default_factory=list)


@dataclass
class CrosswalkReport:
    rows: list[CrosswalkRow]
    unmatched_targets: list[Capability]

    @property
    def unmatched_sources(self) -> list[Capability]:
        return [row.capability for row in self.rows if not row.links]

    @property
    def matched_count(self) -> int:
        return sum(1 for row in self.rows if row.links)


def crosswalk_report(crosswalk: Crosswalk) -> CrosswalkReport:
    """Every source capability with its counterparts, and the targets nobody maps to."""
    links = list(crosswalk.links.select_related("source", "target__domain"))
    by_source: dict[int, list[CrosswalkLink]] = {}
    for link in links:
        by_source.setdefault(link.source_id, []).append(link)
    sources = crosswalk.source.capabilities.select_related("domain").order_by(
        "domain__position", "position"
    )
    rows = [CrosswalkRow(cap, by_source.get(cap.pk, [])) for cap in sources]
    targeted = {link.target_id for link in links}
    unmatched = [
        cap
        for cap in crosswalk.target.capabilities.select_related("domain").order_by(
            "domain__position", "position"
        )
        if cap.pk not in targeted
    ]
    return CrosswalkReport(rows, unmatched)


def score_links(crosswalk: Crosswalk) -> list[tuple[str, str, str]]:
    """(source lineage, target lineage, relation) for `mapping.map_scores`."""
    return [
        (str(source), str(target), relation)
        for source, target, relation in crosswalk.links.values_list(
            "source__lineage", "target__lineage", "relation"
        )
    ]


def case_associations(crosswalk: Crosswalk, base_uri: str) -> list[dict[str, Any]]:
    """The crosswalk as CASE CFAssociations (exactMatchOf / isRelatedTo)."""

    def node(cap: Capability) -> dict[str, str]:
        uri = cap.extras.get("uri") or f"{base_uri}/CFItems/{cap.identifier}"
        return {"title": cap.title, "identifier": str(cap.identifier), "uri": uri}

    moment = crosswalk.created_at.isoformat(timespec="seconds")
    return [
        {
            "identifier": str(link.identifier),
            "associationType": link.relation,
            "uri": f"{base_uri}/CFAssociations/{link.identifier}",
            "originNodeURI": node(link.source),
            "destinationNodeURI": node(link.target),
            "lastChangeDateTime": moment,
        }
        for link in crosswalk.links.select_related("source", "target")
    ]


def import_csv(
    source: FrameworkVersion, target: FrameworkVersion, data: bytes, *, name: str = "file"
) -> Crosswalk:
    """Links from a CSV of source_code, target_code, relation; all of them or none."""
    problems: list[str] = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FrameworkFormatError([f"{name}: the file is not UTF-8 text"]) from None
    reader = csv.DictReader(io.StringIO(text))
    if tuple(reader.fieldnames or ()) != CSV_COLUMNS:
        raise FrameworkFormatError([f"{name}: row 1: the columns must be {', '.join(CSV_COLUMNS)}"])
    sources = {cap.code: cap for cap in source.capabilities.all()}
    targets = {cap.code: cap for cap in target.capabilities.all()}
    wanted: list[tuple[Capability, Capability, str]] = []
    for number, row in enumerate(reader, start=2):
        found_source = sources.get((row.get("source_code") or "").strip())
        found_target = targets.get((row.get("target_code") or "").strip())
        relation = (row.get("relation") or "").strip()
        if found_source is None:
            problems.append(f"{name}: row {number}, source_code: no such capability in {source}")
        if found_target is None:
            problems.append(f"{name}: row {number}, target_code: no such capability in {target}")
        if relation not in Relation.values:
            problems.append(
                f"{name}: row {number}, relation: must be one of {', '.join(Relation.values)}"
            )
        if found_source and found_target and relation in Relation.values:
            wanted.append((found_source, found_target, relation))
    if problems:
        raise FrameworkFormatError(problems)
    with transaction.atomic():
        crosswalk, _ = Crosswalk.objects.get_or_create(
            source=source, target=target, defaults={"title": f"{source} to {target}"}
        )
        for found_source, found_target, relation in wanted:
            add_link(crosswalk, found_source, found_target, relation)
    return crosswalk


def links_from_associations(version: FrameworkVersion) -> list[Crosswalk]:
    """Crosswalks from an imported package's exactMatchOf/isRelatedTo links to held frameworks."""
    associations = [
        association
        for association in (version.residual or {}).get("associations", [])
        if association.get("associationType") in Relation.values
    ]
    if not associations:
        return []
    own = {str(cap.identifier): cap for cap in version.capabilities.all()}
    others = {
        str(cap.identifier): cap
        for cap in Capability.objects.exclude(framework_version=version).filter(
            identifier__in=[
                (a.get("destinationNodeURI") or {}).get("identifier", "") for a in associations
            ]
        )
    }
    made: dict[int, Crosswalk] = {}
    for association in associations:
        origin = own.get((association.get("originNodeURI") or {}).get("identifier", ""))
        target = others.get((association.get("destinationNodeURI") or {}).get("identifier", ""))
        if origin is None or target is None:
            continue
        crosswalk, _ = Crosswalk.objects.get_or_create(
            source=version,
            target=target.framework_version,
            defaults={"title": f"{version} to {target.framework_version}"},
        )
        add_link(crosswalk, origin, target, association["associationType"])
        made[crosswalk.pk] = crosswalk
    return list(made.values())
