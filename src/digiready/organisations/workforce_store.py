"""Workforce frames in and out of the database: import, export, totals, and the latest frame.

Pages, the API and the command line call these, so every route applies the same checks. An
import stores a new snapshot whole or stores nothing; snapshots are never changed afterwards,
because weights and response rates record the snapshot they were computed against.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Literal, get_args

from django.db import transaction
from django.db.models import Sum

from digiready.accounts.audit import record
from digiready.accounts.models import AuditEvent
from digiready.accounts.professions import PROFESSIONS, STAFF_GROUPS
from digiready.organisations.models import (
    Kind,
    Organisation,
    OrganisationLink,
    WorkforceCell,
    WorkforceSnapshot,
    in_force_on,
)
from digiready.organisations.workforce import (
    MAX_BYTES,
    CellRecord,
    KnownOrganisations,
    WorkforceFormatError,
    read_frame,
    write_frame,
)

MAX_FILE_BYTES = MAX_BYTES
BATCH_SIZE = 5_000
MAX_NAME = WorkforceSnapshot._meta.get_field("name").max_length or 200

TotalsBy = Literal["organisation", "staff_group", "profession", "icb", "region"]
TOTALS_BY: tuple[str, ...] = get_args(TotalsBy)
# Staff groups and professions in the order the workforce statistics list them.
_ORDER = {
    "staff_group": {group.code: n for n, group in enumerate(STAFF_GROUPS)},
    "profession": {profession.code: n for n, profession in enumerate(PROFESSIONS)},
}


def _day(day: dt.date) -> str:
    """
    >>> _day(dt.date(2026, 4, 1))
    '1 April 2026'
    """
    return f"{day.day} {day:%B %Y}"


def known_organisations(on: dt.date) -> KnownOrganisations:
    """The ODS codes a frame dated ``on`` may use: organisations open that day."""
    codes = set()
    not_open = {}
    rows = Organisation.objects.values_list("ods_code", "effective_from", "effective_to")
    for code, opened, closed in rows:
        if opened > on:
            not_open[code] = f"opens on {_day(opened)}, after the frame's date, {_day(on)}"
        elif closed is not None and closed < on:
            not_open[code] = (
                f"closed on {_day(closed)}, before the frame's date, {_day(on)}; "
                "give its staff under the organisation that took over its work"
            )
        else:
            codes.add(code)
    return KnownOrganisations(frozenset(codes), not_open)


def parse_frame(data: bytes, name: str, *, as_of: dt.date) -> list[CellRecord]:
    """Read and check a frame file against the organisations held, without storing anything."""
    source = Path(name).name or "file"
    return read_frame(data, known_organisations(as_of), source=source, max_bytes=MAX_FILE_BYTES)


def default_name(source: str) -> str:
    """
    >>> default_name("nws-march-2026.csv")
    'Workforce frame from nws-march-2026.csv'
    """
    return f"Workforce frame from {source}"


def import_frame(
    data: bytes, name: str, *, as_of: dt.date, label: str = "", by: str = ""
) -> WorkforceSnapshot:
    """Check a frame CSV and store it as a new snapshot, or raise WorkforceFormatError and
    store nothing.

    ``name`` is the file's name, kept as the snapshot's source; ``label`` names the snapshot
    (by default from the file's name); ``by`` says who imported it.
    """
    source = Path(name).name or "file"
    label = label.strip() or default_name(source)
    if len(label) > MAX_NAME:
        raise WorkforceFormatError(
            [f"the frame's name is {len(label):,} characters; the most allowed is {MAX_NAME}"]
        )
    cells = parse_frame(data, name, as_of=as_of)
    codes = {cell.organisation_code for cell in cells}
    ids = dict(Organisation.objects.filter(ods_code__in=codes).values_list("ods_code", "pk"))
    with transaction.atomic():
        snapshot = WorkforceSnapshot.objects.create(
            name=label,
            as_of=as_of,
            source=source[:300],
            imported_by=by[:254],
        )
        for start in range(0, len(cells), BATCH_SIZE):
            # Built a batch at a time: 200,000 unsaved model instances at once would need
            # several hundred megabytes.
            WorkforceCell.objects.bulk_create(
                [_model(snapshot, ids, cell) for cell in cells[start : start + BATCH_SIZE]]
            )
        record(
            AuditEvent.Action.WORKFORCE_IMPORTED,
            actor_label=by or "command line",
            target=str(snapshot),
            cells=len(cells),
            headcount=sum(cell.headcount for cell in cells),
        )
    return snapshot


def _model(snapshot: WorkforceSnapshot, ids: dict[str, int], cell: CellRecord) -> WorkforceCell:
    return WorkforceCell(
        snapshot=snapshot,
        organisation_id=ids[cell.organisation_code],
        staff_group=cell.staff_group,
        profession=cell.profession,
        band_group=cell.band_group,
        age_band=cell.age_band,
        sex=cell.sex,
        headcount=cell.headcount,
        fte=cell.fte,
    )


def latest_snapshot(on: dt.date | None = None) -> WorkforceSnapshot | None:
    """The most recent frame dated on or before ``on`` (any date if None); the one imported
    last if two share a date."""
    snapshots = WorkforceSnapshot.objects.all()
    if on is not None:
        snapshots = snapshots.filter(as_of__lte=on)
    return snapshots.order_by("-as_of", "-id").first()


# Totals -----------------------------------------------------------------------------------------


def frame_totals(snapshot: WorkforceSnapshot, *, by: TotalsBy) -> dict[str, int]:
    """Headcount by organisation, ICB or region (ODS codes), staff group or profession (codes).

    ICBs and regions are those the organisations sat within on the snapshot's date. A cell with
    no profession, or an organisation outside any ICB or region, counts under "".
    """
    if by not in TOTALS_BY:
        raise ValueError(f"cannot total by {by!r}; choose from {', '.join(TOTALS_BY)}")
    cells = WorkforceCell.objects.filter(snapshot=snapshot)
    if by in _ORDER:
        rows = cells.values_list(by).annotate(total=Sum("headcount")).order_by()
        order = _ORDER[by]
        return {
            key: total
            for key, total in sorted(rows, key=lambda row: (row[0] == "", order.get(row[0], -1)))
        }
    per_org = dict(cells.values_list("organisation_id").annotate(total=Sum("headcount")).order_by())
    if by == "organisation":
        area = _codes(per_org)
    else:
        area = _areas(per_org, snapshot.as_of, Kind.ICB if by == "icb" else Kind.REGION)
    totals: dict[str, int] = {}
    for org, total in per_org.items():
        totals[area[org]] = totals.get(area[org], 0) + total
    return dict(sorted(totals.items(), key=lambda item: (item[0] == "", item[0])))


def _codes(org_ids: Iterable[int]) -> dict[int, str]:
    return dict(Organisation.objects.filter(pk__in=list(org_ids)).values_list("pk", "ods_code"))


def _areas(org_ids: Iterable[int], day: dt.date, kind: str) -> dict[int, str]:
    """The ODS code of the ICB or region each organisation sat within on ``day``.

    The same links as ``Organisation.ancestors_on``, read in one query rather than several per
    organisation. A provider linked to two ICBs counts in its primary one, the ICB it reports
    through, so that no one is counted twice.
    """
    parents: dict[int, list[int]] = {}
    links = OrganisationLink.objects.filter(in_force_on(day)).values_list(
        "child_id", "parent_id", "is_primary"
    )
    for child, parent, _primary in sorted(links, key=lambda link: (not link[2], link[1])):
        parents.setdefault(child, []).append(parent)
    kinds = dict(Organisation.objects.values_list("pk", "kind"))
    codes = dict(Organisation.objects.filter(kind=kind).values_list("pk", "ods_code"))
    return {org: _nearest(org, kind, parents, kinds, codes) for org in org_ids}


def _nearest(
    org: int, kind: str, parents: dict[int, list[int]], kinds: dict[int, str], codes: dict[int, str]
) -> str:
    """The nearest organisation of ``kind`` at or above ``org``, primary links first."""
    seen = {org}
    frontier = [org]
    while frontier:
        for candidate in frontier:
            if kinds.get(candidate) == kind:
                return codes[candidate]
        frontier = [p for o in frontier for p in parents.get(o, []) if p not in seen]
        seen.update(frontier)
    return ""


# Export -----------------------------------------------------------------------------------------


def frame_cells(snapshot: WorkforceSnapshot) -> Iterator[CellRecord]:
    """The snapshot's cells as records, by organisation then in the statistics' order."""
    rows = (
        WorkforceCell.objects.filter(snapshot=snapshot)
        .order_by()
        .values_list(
            "organisation__ods_code",
            "staff_group",
            "profession",
            "band_group",
            "age_band",
            "sex",
            "headcount",
            "fte",
        )
    )
    groups, professions = _ORDER["staff_group"], _ORDER["profession"]
    for row in sorted(
        rows.iterator(chunk_size=BATCH_SIZE),
        key=lambda r: (r[0], groups.get(r[1], 99), r[2] != "", professions.get(r[2], 99), r[3:6]),
    ):
        yield CellRecord.model_construct(
            organisation_code=row[0],
            staff_group=row[1],
            profession=row[2],
            band_group=row[3],
            age_band=row[4],
            sex=row[5],
            headcount=row[6],
            fte=row[7],
        )


def export_frame(snapshot: WorkforceSnapshot) -> str:
    """The snapshot as CSV in the import format; importing it gives the same cells."""
    return write_frame(frame_cells(snapshot))
