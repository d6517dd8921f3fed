"""Recording changes to the hierarchy without losing history: mergers of ICBs (or providers)."""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction

from digiready.organisations.models import Organisation, OrganisationLink, Succession, in_force_on


class ChangeError(ValueError):
    pass


@dataclass
class MergeResult:
    successor: Organisation
    moved_children: int


def merge(
    predecessor_codes: list[str],
    successor_code: str,
    successor_name: str,
    on: dt.date,
    ons_code: str = "",
) -> MergeResult:
    """Close the predecessors the day before `on` and open the successor on `on`.

    The successor takes the predecessors' parents and children from `on`; links before then
    are closed, not changed, so the hierarchy still reads correctly for earlier dates.
    """
    if len(predecessor_codes) < 1:
        raise ChangeError("Name at least one organisation to merge.")
    day_before = on - dt.timedelta(days=1)
    with transaction.atomic():
        predecessors = list(Organisation.objects.filter(ods_code__in=predecessor_codes))
        found = {org.ods_code for org in predecessors}
        missing = [code for code in predecessor_codes if code not in found]
        if missing:
            raise ChangeError(f"No organisation has the ODS code {', '.join(missing)}.")
        kinds = {org.kind for org in predecessors}
        if len(kinds) != 1:
            raise ChangeError("Only organisations of the same kind can merge.")
        for org in predecessors:
            if not org.is_open_on(day_before):
                raise ChangeError(f"{org.ods_code} is not open on {day_before:%Y-%m-%d}.")
        if (
            Organisation.objects.filter(ods_code=successor_code)
            .exclude(ods_code__in=found)
            .exists()
        ):
            raise ChangeError(f"The ODS code {successor_code} is already in use.")

        successor = Organisation.objects.create(
            ods_code=successor_code,
            name=successor_name,
            ons_code=ons_code,
            kind=kinds.pop(),
            provider_type=predecessors[0].provider_type,
            effective_from=on,
        )
        parents: set[int] = set()
        # A child of several predecessors gets one link to the successor, primary if any was.
        children: dict[int, bool] = {}
        for org in predecessors:
            for link in org.parent_links.filter(in_force_on(day_before)):
                parents.add(link.parent_id)
                _close(link, day_before)
            for link in org.child_links.filter(in_force_on(day_before)):
                _close(link, day_before)
                children[link.child_id] = children.get(link.child_id, False) or link.is_primary
            org.effective_to = day_before
            org.save(update_fields=["effective_to"])
            Succession.objects.create(predecessor=org, successor=successor, effective_on=on)
        for child_id, primary in children.items():
            OrganisationLink.objects.create(
                child_id=child_id, parent=successor, is_primary=primary, effective_from=on
            )
        for parent_id in parents:
            OrganisationLink.objects.create(child=successor, parent_id=parent_id, effective_from=on)
    return MergeResult(successor=successor, moved_children=len(children))


def _close(link: OrganisationLink, last_day: dt.date) -> None:
    link.effective_to = last_day
    link.save(update_fields=["effective_to"])
