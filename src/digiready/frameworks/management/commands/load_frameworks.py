from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from digiready.frameworks.bundle import load_bundled


class Command(BaseCommand):
    help = (
        "Load the frameworks that ship with the service (the Digital Ready capability framework "
        "and the organisational digital maturity framework) and the default role profiles. "
        "Versions already held are left alone."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--examples",
            action="store_true",
            help="Also load an illustrative framework from another tool, with a crosswalk to "
            "ours (demo data; refused with production settings).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["examples"] and settings.DIGIREADY_PRODUCTION:
            raise CommandError("Example frameworks are never loaded with production settings.")
        done = load_bundled(examples=options["examples"])
        for line in done:
            self.stdout.write(line)
        if not done:
            self.stdout.write("The bundled frameworks are already loaded.")
