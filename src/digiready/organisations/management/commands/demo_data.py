import random
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from digiready.accounts.factories import DEMO_PASSWORD, UserFactory
from digiready.accounts.models import Role, User
from digiready.accounts.professions import PROFESSIONS, staff_group_for
from digiready.accounts.roles import grant_role
from digiready.organisations.models import Organisation
from digiready.organisations.reference import load_reference

# (email, name, organisation, profession, role, scope) – scope None means unscoped or national.
DEMO_ACCOUNTS: list[tuple[str, str, str, str, str | None, str | None]] = [
    ("staff@demo.example", "Sam Staff", "R0A", "nurse", None, None),
    ("lead@demo.example", "Lee Lead", "R0A", "doctor", Role.ORGANISATION_LEAD, "R0A"),
    ("educator@demo.example", "Eden Educator", "R0A", "physiotherapist", Role.EDUCATOR, None),
    ("analyst@demo.example", "Ash Analyst", "R0A", "data_analyst", Role.ANALYST, "QOP"),
    ("national@demo.example", "Nat National", "RBS", "data_analyst", Role.ANALYST, None),
    ("admin@demo.example", "Ada Admin", "R0A", "ddat", Role.ADMINISTRATOR, None),
    (
        "author@demo.example",
        "Fran Author",
        "RBS",
        "clinical_informatician",
        Role.FRAMEWORK_AUTHOR,
        None,
    ),
    (
        "moderator@demo.example",
        "Mo Moderator",
        "RX4",
        "administrator",
        Role.CONSULTATION_ANALYST,
        None,
    ),
]
DEMO_TRUSTS = ["R0A", "RBS", "RX4", "RYR", "RJ1"]


class Command(BaseCommand):
    help = (
        "Load demo accounts (one for each role) and synthetic staff, after the reference "
        "organisations. Every person is made up. Refuses to run with production settings."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--people", type=int, default=60, help="Synthetic staff to add.")
        parser.add_argument("--seed", type=int, default=2026, help="Random seed.")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.DIGIREADY_PRODUCTION:
            raise CommandError("Demo data is never loaded with production settings.")
        if not Organisation.objects.exists():
            load_reference()
        # Only what is missing is added, so a database made by an older release gains the
        # accounts added since, and running again changes nothing.
        held = set(
            User.objects.filter(email__in=[account[0] for account in DEMO_ACCOUNTS]).values_list(
                "email", flat=True
            )
        )
        rng = random.Random(options["seed"])
        people = []
        for number in range(options["people"]):
            profession = rng.choice(PROFESSIONS).code
            people.append((f"demo.person{number + 1}@staff.example", profession, rng.random()))
        held_people = set(
            User.objects.filter(email__in=[email for email, _, _ in people]).values_list(
                "email", flat=True
            )
        )
        with transaction.atomic():
            accounts = [account for account in DEMO_ACCOUNTS if account[0] not in held]
            for email, name, org_code, profession, role, scope in accounts:
                user: User = UserFactory(  # type: ignore[assignment]
                    email=email,
                    full_name=name,
                    organisation=Organisation.objects.get(ods_code=org_code),
                    profession=profession,
                    staff_group=staff_group_for(profession),
                )
                if role == Role.ADMINISTRATOR:
                    user.is_staff = user.is_superuser = True
                    user.save(update_fields=["is_staff", "is_superuser"])
                if role:
                    organisation = Organisation.objects.get(ods_code=scope) if scope else None
                    grant_role(user, role, organisation, by_label="demo data")
            trusts = list(Organisation.objects.filter(ods_code__in=DEMO_TRUSTS).order_by("pk"))
            added_people = 0
            for email, profession, draw in people:
                if email in held_people:
                    continue
                UserFactory(
                    email=email,
                    organisation=trusts[int(draw * len(trusts))],
                    profession=profession,
                    staff_group=staff_group_for(profession),
                )
                added_people += 1
        if accounts or added_people:
            self.stdout.write(
                f"Loaded {len(accounts)} demo account{'' if len(accounts) == 1 else 's'} and "
                f"{added_people} synthetic staff."
            )
        else:
            self.stdout.write("Demo data is already loaded.")
        self.print_accounts()

    def print_accounts(self) -> None:
        self.stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
        for email, _name, _org, _profession, role, scope in DEMO_ACCOUNTS:
            what = Role(role).label if role else "Staff"
            if role == Role.ANALYST:
                what += f" ({scope or 'national'})"
            elif scope:
                what += f" ({scope})"
            self.stdout.write(f"  {email:<24} {what}")
