import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from digiready.accounts.audit import record
from digiready.accounts.models import AuditEvent
from digiready.frameworks.models import Framework, Subject
from digiready.learning import store
from digiready.learning.catalogue import CatalogueFormatError
from digiready.learning.plan import uncovered_capabilities


def _read(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise CommandError(f"Cannot read {path}: {error.strerror}") from error


class Command(BaseCommand):
    help = "Import, export and check the learning catalogue (CSV)."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        importing = actions.add_parser(
            "import",
            help="Add or update learning resources from a catalogue CSV.",
            description="The whole file is checked first; if anything is wrong nothing is "
            "changed and every problem is printed with where it is. Resources already held "
            "with the same title and web address are updated to match the file.",
        )
        importing.add_argument("file")
        exporting = actions.add_parser("export", help="Write the catalogue as CSV.")
        exporting.add_argument("--output", "-o", help="File to write (default: standard output).")
        actions.add_parser(
            "demo",
            help="Load the demo catalogue that ships with the service (safe to run again; "
            "refused with production settings).",
        )
        covering = actions.add_parser(
            "coverage", help="List the capabilities and levels no learning resource covers."
        )
        covering.add_argument(
            "--framework",
            help="Framework slug (default: every framework for people).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            getattr(self, f"_{options['action']}")(options)
        except CatalogueFormatError as error:
            for problem in error.problems:
                self.stderr.write(problem)
            raise CommandError(
                f"Nothing was imported: {len(error.problems)} problems found."
            ) from error

    def _import(self, options: dict[str, Any]) -> None:
        result = store.import_catalogue(_read(options["file"]), options["file"], by=None)
        self.stdout.write(f"Imported {options['file']}: {result.summary()}.")

    def _export(self, options: dict[str, Any]) -> None:
        content = store.export_catalogue()
        if options["output"]:
            Path(options["output"]).write_text(content, encoding="utf-8")
            self.stderr.write(
                f"Wrote {options['output']} ({len(content.splitlines()) - 1:,} rows)."
            )
        else:
            sys.stdout.write(content)
            sys.stdout.flush()
        record(AuditEvent.Action.EXPORT, actor_label="command line", target="learning catalogue")

    def _demo(self, options: dict[str, Any]) -> None:
        if settings.DIGIREADY_PRODUCTION:
            raise CommandError("The demo catalogue is never loaded with production settings.")
        if not store.framework_indexes():
            raise CommandError("Load the frameworks first: `digiready load_frameworks`.")
        result = store.load_demo_catalogue()
        if result.added or result.updated:
            record(
                AuditEvent.Action.CATALOGUE_IMPORTED,
                actor_label="command line",
                target=f"{store.DEMO_CATALOGUE.name} (demo)",
                added=result.added,
                updated=result.updated,
                unchanged=result.unchanged,
            )
        self.stdout.write(f"Demo catalogue: {result.summary()}.")

    def _coverage(self, options: dict[str, Any]) -> None:
        frameworks = Framework.objects.order_by("slug")
        if options["framework"]:
            frameworks = frameworks.filter(slug=options["framework"])
            if not frameworks.exists():
                raise CommandError(f"No framework {options['framework']!r}.")
        else:
            frameworks = frameworks.filter(subject=Subject.PERSON)
        for framework in frameworks:
            version = framework.current_version()
            if version is None:
                self.stderr.write(f"{framework.slug} has no published version.")
                continue
            missing = uncovered_capabilities(version)
            self.stdout.write(
                f"{version} ({framework.slug}): {len(missing)} capabilities with levels no "
                "resource covers"
            )
            names = version.level_names
            for capability, levels in missing:
                words = ", ".join(names[n - 1] if n <= len(names) else f"level {n}" for n in levels)
                self.stdout.write(f"  {capability.code:<8} {capability.title}: {words}")
