"""Organisations as JSON: the hierarchy as it stood on a date."""

import datetime as dt

from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema

from digiready.organisations.models import Kind, Organisation, OrganisationLink, in_force_on

router = Router(tags=["organisations"])


class OrganisationOut(Schema):
    ods_code: str
    name: str
    kind: Kind
    provider_type: str
    ons_code: str
    effective_from: dt.date
    effective_to: dt.date | None
    parents: list[str]


class OrganisationDetail(OrganisationOut):
    children: list[str]
    predecessors: list[str]
    successors: list[str]


class ListFilters(Schema):
    kind: Kind | None = None
    on: dt.date | None = None
    within: str | None = None


def _out(org: Organisation, day: dt.date, parents: list[str] | None = None) -> dict[str, object]:
    return {
        "ods_code": org.ods_code,
        "name": org.name,
        "kind": org.kind,
        "provider_type": org.provider_type,
        "ons_code": org.ons_code,
        "effective_from": org.effective_from,
        "effective_to": org.effective_to,
        "parents": sorted(p.ods_code for p in org.parents_on(day)) if parents is None else parents,
    }


@router.get("/", response=list[OrganisationOut], summary="Organisations open on a date")
def list_organisations(
    request: HttpRequest, filters: Query[ListFilters]
) -> list[dict[str, object]]:
    """Regions, ICBs and providers open on `on` (default today), optionally one kind, optionally
    only those directly within the organisation `within`."""
    day = filters.on or dt.date.today()
    organisations = Organisation.objects.on(day).order_by("name")
    if filters.kind:
        organisations = organisations.filter(kind=filters.kind)
    if filters.within:
        parent = Organisation.objects.filter(ods_code=filters.within).first()
        if parent is None:
            raise Http404(f"No organisation has the ODS code {filters.within}.")
        organisations = organisations.filter(pk__in=parent.children_on(day))
    # One query for every organisation's parents on the day, not one per organisation.
    parents: dict[int, list[str]] = {}
    links = OrganisationLink.objects.filter(in_force_on(day), child__in=organisations)
    for child_id, code in links.order_by("parent__ods_code").values_list(
        "child_id", "parent__ods_code"
    ):
        parents.setdefault(child_id, []).append(code)
    return [_out(org, day, parents.get(org.pk, [])) for org in organisations]


@router.get("/{ods_code}", response=OrganisationDetail, summary="One organisation")
def get_organisation(
    request: HttpRequest, ods_code: str, on: dt.date | None = None
) -> dict[str, object]:
    """One organisation with its parents and children on `on` (default today), and what it was
    formed from or became."""
    org = Organisation.objects.filter(ods_code=ods_code.upper()).first()
    if org is None:
        raise Http404(f"No organisation has the ODS code {ods_code}.")
    day = on or dt.date.today()
    return {
        **_out(org, day),
        "children": sorted(c.ods_code for c in org.children_on(day)),
        "predecessors": [
            s.predecessor.ods_code for s in org.predecessions.select_related("predecessor")
        ],
        "successors": [s.successor.ods_code for s in org.successions.select_related("successor")],
    }
