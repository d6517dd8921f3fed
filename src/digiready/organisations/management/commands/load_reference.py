from typing import Any

from django.core.management.base import BaseCommand, CommandError

from digiready.organisations.reference import ReferenceError, load_reference


class Command(BaseCommand):
    help = (
        "Load the NHS England regions, the 42 integrated care boards and the NHS trusts from the "
        "service's copy of the ODS reference files. Safe to run again: it adds what is missing, "
        "updates changed names and keeps recorded history."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = load_reference()
        except ReferenceError as error:
            raise CommandError(str(error)) from error
        created = report.created
        self.stdout.write(
            f"Created {created['region']} regions, {created['icb']} ICBs and "
            f"{created['provider']} providers; updated {report.updated}; "
            f"added {report.links_created} links."
        )
