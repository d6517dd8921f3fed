"""What a signed-in person may see, object by object.

Views reach organisation-owned data through `request.scope`, never a bare query, so a
forgotten filter cannot show one trust another trust's people.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from digiready.accounts.models import AuditEvent, Role, User
from digiready.organisations.models import Organisation


@dataclass
class Scope:
    user: User | AnonymousUser
    day: dt.date = field(default_factory=dt.date.today)

    _by_role: dict[str, list[Organisation | None]] | None = field(default=None, init=False)

    def _assignments(self, role: str) -> list[Organisation | None]:
        """The organisations the person holds `role` for (None: unscoped), read once a request."""
        if not self.user.is_authenticated:
            return []
        if self._by_role is None:
            self._by_role = {}
            for assignment in self.user.roles.select_related("organisation"):
                self._by_role.setdefault(assignment.role, []).append(assignment.organisation)
        return list(self._by_role.get(role, []))

    @property
    def is_administrator(self) -> bool:
        return self.user.is_authenticated and (
            self.user.is_superuser or bool(self._assignments(Role.ADMINISTRATOR))
        )

    @property
    def is_educator(self) -> bool:
        return bool(self._assignments(Role.EDUCATOR))

    @property
    def is_framework_author(self) -> bool:
        """Framework authors edit frameworks and role profiles; administrators may too."""
        return self.is_administrator or bool(self._assignments(Role.FRAMEWORK_AUTHOR))

    @property
    def is_consultation_analyst(self) -> bool:
        """Consultation analysts moderate contributions and analyse themes; administrators may."""
        return self.is_administrator or bool(self._assignments(Role.CONSULTATION_ANALYST))

    @property
    def is_national_analyst(self) -> bool:
        return None in self._assignments(Role.ANALYST)

    @property
    def led_organisations(self) -> list[Organisation]:
        return [org for org in self._assignments(Role.ORGANISATION_LEAD) if org is not None]

    @property
    def analysed_organisations(self) -> list[Organisation]:
        return [org for org in self._assignments(Role.ANALYST) if org is not None]

    def _covers(self, scopes: list[Organisation], org: Organisation) -> bool:
        if not scopes:
            return False
        if org in scopes:
            return True
        return any(ancestor in scopes for ancestor in org.ancestors_on(self.day))

    def can_manage_people(self, org: Organisation) -> bool:
        """Leads of the organisation (or of an ICB above it) and administrators."""
        return self.is_administrator or self._covers(self.led_organisations, org)

    def can_see_aggregates(self, org: Organisation) -> bool:
        """Aggregate figures: leads and analysts whose scope covers the organisation."""
        if self.is_administrator or self.is_national_analyst:
            return True
        return self._covers(self.led_organisations + self.analysed_organisations, org)

    def people(self, org: Organisation) -> QuerySet[User]:
        """Accounts registered at `org`, for someone allowed to manage them; nobody otherwise."""
        if not self.can_manage_people(org):
            return User.objects.none()
        return User.objects.filter(organisation=org, is_active=True).prefetch_related(
            "roles__organisation"
        )

    def audit_events(self) -> QuerySet[AuditEvent]:
        """The audit log, for administrators only."""
        if not self.is_administrator:
            return AuditEvent.objects.none()
        return AuditEvent.objects.all()


def scope_for(user: User | AnonymousUser) -> Scope:
    return Scope(user)
