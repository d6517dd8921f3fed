from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from digiready.accounts.models import Role, RoleAssignment, User
from digiready.accounts.roles import grant_role, revoke_role
from digiready.organisations.models import Organisation

BY = "command line"


class Command(BaseCommand):
    help = (
        "List, grant and revoke roles: organisation lead, educator, analyst, administrator. "
        "Every change is written to the audit log."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        listing = actions.add_parser(
            "list",
            help="Print who holds which role.",
            description="Print one line per role held: email, role and the organisation it covers.",
        )
        listing.add_argument("--email", help="Only this person.")
        for name, verb in (("grant", "Give"), ("revoke", "Take away")):
            action = actions.add_parser(
                name,
                help=f"{verb} a person a role.",
                description=f"{verb} a person a role. Organisation leads need an organisation; "
                "analysts cover an ICB, a region, or, with no organisation, the nation.",
            )
            action.add_argument("email")
            action.add_argument("role", choices=Role.values)
            action.add_argument("--organisation", metavar="ODS_CODE", help="The scope's ODS code.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "list":
            self._list(options.get("email"))
            return
        person = User.objects.filter(email=options["email"].lower()).first()
        if person is None:
            raise CommandError(f"No account has the email address {options['email']}.")
        organisation = None
        if options["organisation"]:
            organisation = Organisation.objects.filter(ods_code=options["organisation"]).first()
            if organisation is None:
                raise CommandError(f"No organisation has the ODS code {options['organisation']}.")
        if options["action"] == "grant":
            try:
                assignment = grant_role(person, options["role"], organisation, by_label=BY)
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from error
            self.stdout.write(f"{person.email} is now {assignment}.")
            return
        found = RoleAssignment.objects.filter(
            user=person, role=options["role"], organisation=organisation
        ).first()
        if found is None:
            raise CommandError(f"{person.email} does not hold that role.")
        revoke_role(found, by_label=BY)
        self.stdout.write(f"{person.email} is no longer {found}.")

    def _list(self, email: str | None) -> None:
        assignments = RoleAssignment.objects.select_related("user", "organisation").order_by(
            "user__email", "role"
        )
        if email:
            assignments = assignments.filter(user__email=email.lower())
        for assignment in assignments:
            where = assignment.organisation.ods_code if assignment.organisation else "-"
            self.stdout.write(f"{assignment.user.email}\t{assignment.role}\t{where}")
