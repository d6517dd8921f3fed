import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from digiready.organisations.changes import ChangeError, merge
from digiready.organisations.models import Kind, Organisation


def iso_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"{value!r} is not a date like 2026-04-01") from error


class Command(BaseCommand):
    help = "List the organisation hierarchy as it stood on a date, or record a merger."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        listing = actions.add_parser(
            "list",
            help="Print regions, ICBs and providers, one per line with its ODS code.",
            description="Print the hierarchy region → ICB → provider as it stood on a date, "
            "one organisation per line: ODS code, name, and (for a flat list) its parents.",
        )
        listing.add_argument(
            "--kind", choices=[k.value for k in Kind], help="Only this kind, as a flat list."
        )
        listing.add_argument("--on", type=iso_date, help="The date, YYYY-MM-DD (default: today).")
        merging = actions.add_parser(
            "merge",
            help="Merge organisations into a new one from a date, keeping their history.",
            description="Close the named organisations the day before DATE and open a new one "
            "on DATE that takes over their parents and children.",
        )
        merging.add_argument("predecessors", nargs="+", metavar="ODS_CODE")
        merging.add_argument("--into", required=True, metavar="ODS_CODE", help="The new ODS code.")
        merging.add_argument("--name", required=True, help="The new organisation's name.")
        merging.add_argument(
            "--on", required=True, type=iso_date, help="The first day, YYYY-MM-DD."
        )
        merging.add_argument("--ons-code", default="", help="The new ONS code, if it has one.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "merge":
            self._merge(options)
        else:
            self._list(options["kind"], options["on"] or dt.date.today())

    def _merge(self, options: dict[str, Any]) -> None:
        try:
            result = merge(
                options["predecessors"],
                options["into"],
                options["name"],
                options["on"],
                options["ons_code"],
            )
        except ChangeError as error:
            raise CommandError(str(error)) from error
        successor = result.successor
        self.stdout.write(
            f"{successor.ods_code} {successor.name} opens on {options['on']:%Y-%m-%d}; "
            f"{result.moved_children} organisations moved to it."
        )

    def _list(self, kind: str | None, day: dt.date) -> None:
        open_orgs = Organisation.objects.on(day)
        if kind:
            for org in open_orgs.filter(kind=kind).order_by("name"):
                parents = " ".join(p.ods_code for p in org.parents_on(day).order_by("ods_code"))
                suffix = f"  (within {parents})" if parents else ""
                self.stdout.write(f"{org.ods_code}\t{org.name}{suffix}")
            return
        listed: set[int] = set()
        for region in open_orgs.regions().order_by("name"):
            self._tree(region, day, 0, listed)
        orphans = open_orgs.exclude(pk__in=listed).order_by("kind", "name")
        if orphans:
            self.stdout.write("Not within any region:")
            for org in orphans:
                self.stdout.write(f"  {org.ods_code}\t{org.name}")

    def _tree(self, org: Organisation, day: dt.date, depth: int, listed: set[int]) -> None:
        listed.add(org.pk)
        self.stdout.write(f"{'  ' * depth}{org.ods_code}\t{org.name}")
        for child in org.children_on(day).order_by("name"):
            self._tree(child, day, depth + 1, listed)
