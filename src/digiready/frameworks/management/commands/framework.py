import sys
import time
import uuid
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from digiready.accounts.audit import record
from digiready.accounts.models import AuditEvent
from digiready.frameworks import crosswalks, exchange
from digiready.frameworks.content import FrameworkFormatError
from digiready.frameworks.models import FrameworkVersion


def _find_version(reference: str) -> FrameworkVersion:
    """A version by CASE identifier, or by SLUG or SLUG@VERSION (latest published if no @)."""
    versions = FrameworkVersion.objects.select_related("framework")
    if "@" in reference:
        slug, number = reference.split("@", 1)
        found = versions.filter(framework__slug=slug, version=number).first()
    else:
        try:
            found = versions.filter(identifier=uuid.UUID(reference)).first()
        except ValueError:  # not a UUID, so a slug
            found = None
        if found is None:
            found = (
                versions.filter(framework__slug=reference)
                .exclude(status="draft")
                .order_by("-published_at", "-id")
                .first()
            )
    if found is None:
        raise CommandError(
            f"No framework version {reference!r}. Give its identifier, its slug, or "
            "SLUG@VERSION; `digiready framework list` shows them."
        )
    return found


def _read(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise CommandError(f"Cannot read {path}: {error.strerror}") from error


class Command(BaseCommand):
    help = "Import, export, check and list capability frameworks (CASE 1.0 JSON or CSV)."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        actions.add_parser("list", help="Every framework version held, with its identifier.")
        importing = actions.add_parser(
            "import",
            help="Import a framework version from a CASE package (.json) or CSV (.csv).",
            description="The whole file is checked first; if anything is wrong nothing is "
            "imported and every problem is printed with where it is.",
        )
        importing.add_argument("file")
        validating = actions.add_parser(
            "validate", help="Check a framework file without importing it."
        )
        validating.add_argument("file")
        exporting = actions.add_parser(
            "export", help="Write a framework version as a CASE package or CSV."
        )
        exporting.add_argument("id", help="Identifier, slug, or SLUG@VERSION.")
        exporting.add_argument("--format", choices=exchange.FORMATS, default="case")
        exporting.add_argument("--output", "-o", help="File to write (default: standard output).")
        walking = actions.add_parser(
            "crosswalk",
            help="Add links between two framework versions from a CSV "
            "(source_code,target_code,relation).",
        )
        walking.add_argument("source", help="Identifier, slug, or SLUG@VERSION.")
        walking.add_argument("target", help="Identifier, slug, or SLUG@VERSION.")
        walking.add_argument("file")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        try:
            getattr(self, f"_{action}")(options)
        except FrameworkFormatError as error:
            for problem in error.problems:
                self.stderr.write(problem)
            raise CommandError(
                f"Nothing was imported: {len(error.problems)} problems found."
                if action != "validate"
                else f"The file is not valid: {len(error.problems)} problems found."
            ) from error

    def _list(self, options: dict[str, Any]) -> None:
        versions = FrameworkVersion.objects.select_related("framework").order_by(
            "framework__slug", "created_at"
        )
        for version in versions:
            self.stdout.write(
                f"{version.identifier}  {version.framework.slug}@{version.version}  "
                f"{version.get_status_display():<9}  {version.title}"
            )

    def _validate(self, options: dict[str, Any]) -> None:
        fw = exchange.parse(options["file"], _read(options["file"]))
        self.stdout.write(
            f"{options['file']} is valid: {fw.title}, version {fw.version}, "
            f"{len(fw.domains)} domains, {len(fw.capabilities())} capabilities, "
            f"{len(fw.levels())} level statements."
        )

    def _import(self, options: dict[str, Any]) -> None:
        start = time.perf_counter()
        version = exchange.import_file(options["file"], _read(options["file"]))
        made = crosswalks.links_from_associations(version)
        record(
            AuditEvent.Action.FRAMEWORK_IMPORTED,
            actor_label="command line",
            target=str(version),
            file=Path(options["file"]).name,
        )
        self.stdout.write(
            f"Imported {version} ({version.get_status_display().lower()}) as "
            f"{version.framework.slug}@{version.version}, identifier {version.identifier}, "
            f"in {time.perf_counter() - start:.1f} s."
        )
        for crosswalk in made:
            self.stdout.write(f"Linked: {crosswalk}")

    def _export(self, options: dict[str, Any]) -> None:
        version = _find_version(options["id"])
        file = exchange.export(version, options["format"])
        if options["output"]:
            Path(options["output"]).write_bytes(file.content)
            self.stderr.write(f"Wrote {options['output']} ({len(file.content):,} bytes).")
        else:
            sys.stdout.write(file.content.decode("utf-8"))
            sys.stdout.flush()
        record(
            AuditEvent.Action.EXPORT,
            actor_label="command line",
            target=str(version),
            format=options["format"],
        )

    def _crosswalk(self, options: dict[str, Any]) -> None:
        source, target = _find_version(options["source"]), _find_version(options["target"])
        crosswalk = crosswalks.import_csv(
            source, target, _read(options["file"]), name=Path(options["file"]).name
        )
        self.stdout.write(f"{crosswalk}: {crosswalk.links.count()} links.")
