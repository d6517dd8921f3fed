from typing import Any

from django.core.management.base import BaseCommand

from digiready.frameworks.bundle import load_bundled


class Command(BaseCommand):
    help = (
        "Load the frameworks that ship with the service (the Digital Ready capability framework "
        "and the organisational digital maturity framework) and the default role profiles. "
        "Versions already held are left alone."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        done = load_bundled()
        for line in done:
            self.stdout.write(line)
        if not done:
            self.stdout.write("The bundled frameworks are already loaded.")
