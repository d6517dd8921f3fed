import datetime as dt
import sys
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Count, Sum

from digiready.accounts.audit import record
from digiready.accounts.models import AuditEvent
from digiready.accounts.professions import PROFESSIONS, STAFF_GROUP_BY_CODE, STAFF_GROUPS
from digiready.organisations import workforce_store
from digiready.organisations.demographics import AGE_BANDS, BAND_GROUPS, SEXES
from digiready.organisations.models import Organisation, WorkforceSnapshot
from digiready.organisations.workforce import WorkforceFormatError

# What a total under "" stands for, by what is totalled.
UNSPLIT = {
    "organisation": "(no organisation)",
    "icb": "(outside any ICB)",
    "region": "(outside any region)",
    "staff_group": "(no staff group)",
    "profession": "(not split by profession)",
}


def iso_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"{value!r} is not a date like 2026-03-31") from error


def _read(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise CommandError(f"Cannot read {path}: {error.strerror}") from error


def _snapshot(reference: str) -> WorkforceSnapshot:
    """A snapshot by its number, or the latest."""
    if reference == "latest":
        found = workforce_store.latest_snapshot()
    else:
        found = (
            WorkforceSnapshot.objects.filter(pk=int(reference)).first()
            if reference.isdigit()
            else None
        )
    if found is None:
        raise CommandError(
            f"No workforce frame {reference!r}. Give its number or latest; "
            "`digiready workforce list` shows them."
        )
    return found


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


class Command(BaseCommand):
    help = "Import, list, export and total workforce frames (NHS Workforce Statistics CSV)."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        importing = actions.add_parser(
            "import",
            help="Import a workforce frame from a CSV as a new snapshot.",
            description="The whole file is checked first; if anything is wrong nothing is "
            "imported and every problem is printed with where it is.",
        )
        importing.add_argument("file")
        importing.add_argument(
            "--as-of", required=True, type=iso_date, help="The date the headcounts describe."
        )
        importing.add_argument("--name", default="", help="A name for the frame.")
        validating = actions.add_parser("validate", help="Check a frame CSV without importing it.")
        validating.add_argument("file")
        validating.add_argument(
            "--as-of", required=True, type=iso_date, help="The date the headcounts describe."
        )
        actions.add_parser("list", help="Every frame held, newest first, with its number.")
        exporting = actions.add_parser("export", help="Write a frame as CSV in the import format.")
        exporting.add_argument("id", help="The frame's number, or latest.")
        exporting.add_argument("--output", "-o", help="File to write (default: standard output).")
        totalling = actions.add_parser("totals", help="Headcount totals of a frame.")
        totalling.add_argument("id", help="The frame's number, or latest.")
        totalling.add_argument(
            "--by", choices=workforce_store.TOTALS_BY, default="organisation", help="What to total."
        )
        actions.add_parser(
            "codes", help="The staff group, profession, band group, age band and sex codes."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        try:
            getattr(self, f"_{action}")(options)
        except WorkforceFormatError as error:
            for problem in error.problems:
                self.stderr.write(problem)
            found = _plural(len(error.problems), "problem")
            raise CommandError(
                f"Nothing was imported: {found} found."
                if action == "import"
                else f"The file is not valid: {found} found."
            ) from error

    def _import(self, options: dict[str, Any]) -> None:
        start = time.perf_counter()
        snapshot = workforce_store.import_frame(
            _read(options["file"]),
            options["file"],
            as_of=options["as_of"],
            label=options["name"],
            by="command line",
        )
        cells = snapshot.cells.aggregate(count=Count("id"), people=Sum("headcount"))
        self.stdout.write(
            f"Imported frame {snapshot.pk}: {snapshot}, {_plural(cells['count'], 'cell')}, "
            f"headcount {cells['people']:,}, in {time.perf_counter() - start:.1f} s."
        )

    def _validate(self, options: dict[str, Any]) -> None:
        cells = workforce_store.parse_frame(
            _read(options["file"]), options["file"], as_of=options["as_of"]
        )
        people = sum(cell.headcount for cell in cells)
        self.stdout.write(
            f"{options['file']} is valid: {_plural(len(cells), 'cell')}, headcount {people:,}."
        )

    def _list(self, options: dict[str, Any]) -> None:
        snapshots = WorkforceSnapshot.objects.annotate(
            count=Count("cells"), people=Sum("cells__headcount")
        ).order_by("-as_of", "-id")
        for snapshot in snapshots:
            source = f"  from {snapshot.source}" if snapshot.source else ""
            cells = _plural(snapshot.count, "cell")
            self.stdout.write(
                f"{snapshot.pk:>4}  {snapshot.as_of:%Y-%m-%d}  {cells:>14}  "
                f"headcount {snapshot.people or 0:>10,}  {snapshot.name}{source}"
            )

    def _export(self, options: dict[str, Any]) -> None:
        snapshot = _snapshot(options["id"])
        content = workforce_store.export_frame(snapshot)
        if options["output"]:
            Path(options["output"]).write_text(content, encoding="utf-8")
            self.stderr.write(
                f"Wrote {options['output']} ({_plural(content.count(chr(10)) - 1, 'cell')})."
            )
        else:
            sys.stdout.write(content)
            sys.stdout.flush()
        record(
            AuditEvent.Action.EXPORT,
            actor_label="command line",
            target=f"workforce frame {snapshot.pk}: {snapshot}",
            format="csv",
        )

    def _totals(self, options: dict[str, Any]) -> None:
        snapshot = _snapshot(options["id"])
        by = options["by"]
        totals = workforce_store.frame_totals(snapshot, by=by)
        names = self._names(by, totals)
        for code, total in totals.items():
            self.stdout.write(f"{code or '-'}\t{names.get(code) or UNSPLIT[by]}\t{total}")
        self.stdout.write(f"total\t{snapshot}\t{sum(totals.values())}")

    def _names(self, by: str, totals: dict[str, int]) -> dict[str, str]:
        if by == "staff_group":
            return {code: group.name for code, group in STAFF_GROUP_BY_CODE.items()}
        if by == "profession":
            return {profession.code: profession.name for profession in PROFESSIONS}
        return dict(
            Organisation.objects.filter(ods_code__in=list(totals)).values_list("ods_code", "name")
        )

    def _codes(self, options: dict[str, Any]) -> None:
        self.stdout.write("staff_group")
        for group in STAFF_GROUPS:
            self.stdout.write(f"  {group.code:<20}{group.name}")
        self.stdout.write("profession (and the staff group it is in)")
        for profession in PROFESSIONS:
            self.stdout.write(
                f"  {profession.code:<26}{profession.name} ({profession.staff_group})"
            )
        for column, pairs in (
            ("band_group", BAND_GROUPS),
            ("age_band", AGE_BANDS),
            ("sex", SEXES),
        ):
            self.stdout.write(column)
            for code, name in pairs:
                self.stdout.write(f"  {code:<20}{name}")
