"""People, their roles and the audit log."""

from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from digiready.accounts.professions import PROFESSION_CHOICES, STAFF_GROUP_CHOICES


class PersonManager(BaseUserManager["User"]):
    """People sign in with their e-mail address, kept lower-case so it matches however typed."""

    def create_user(self, email: str, password: str | None = None, **extra_fields: Any) -> "User":
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(
        self, email: str, password: str | None = None, **extra_fields: Any
    ) -> "User":
        extra_fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person with an account. Staff belong to one provider and have one profession."""

    username = None  # type: ignore[assignment]
    first_name = None  # type: ignore[assignment]
    last_name = None  # type: ignore[assignment]
    full_name = models.CharField(max_length=200)
    email = models.EmailField("email address", unique=True)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
        help_text="The provider the person works for.",
    )
    profession = models.CharField(max_length=40, choices=PROFESSION_CHOICES, blank=True)
    staff_group = models.CharField(max_length=40, choices=STAFF_GROUP_CHOICES, blank=True)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = ["full_name"]

    objects: ClassVar[PersonManager] = PersonManager()  # type: ignore[assignment]

    class Meta:
        ordering = ["full_name", "email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def role_names(self) -> list[str]:
        """The person's roles, staff first, for display."""
        names = ["Staff"] if self.organisation_id else []
        names += [str(assignment) for assignment in self.roles.select_related("organisation")]
        return names


class Role(models.TextChoices):
    ORGANISATION_LEAD = "organisation_lead", "Organisation lead"
    EDUCATOR = "educator", "Educator"
    ANALYST = "analyst", "Analyst"
    ADMINISTRATOR = "administrator", "Administrator"
    FRAMEWORK_AUTHOR = "framework_author", "Framework author"
    CONSULTATION_ANALYST = "consultation_analyst", "Consultation analyst"


SCOPED_ROLES = {Role.ORGANISATION_LEAD, Role.ANALYST}
UNSCOPED_ROLES = {
    Role.EDUCATOR,
    Role.ADMINISTRATOR,
    Role.FRAMEWORK_AUTHOR,
    Role.CONSULTATION_ANALYST,
}


class RoleAssignmentQuerySet(models.QuerySet["RoleAssignment"]):
    def of_role(self, role: str) -> "RoleAssignmentQuerySet":
        return self.filter(role=role)


class RoleAssignment(models.Model):
    """A role a person holds. Everyone with an account is staff; these add to that.

    An organisation lead is scoped to an organisation; an analyst to an ICB, a region, or the
    whole nation (no organisation). Educators, administrators and framework authors are not
    scoped.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="roles"
    )
    role = models.CharField(max_length=30, choices=Role.choices)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="role_assignments",
        help_text="The organisation the role covers; empty for national analysts.",
    )
    granted_at = models.DateTimeField(auto_now_add=True)

    objects = RoleAssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["role", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "organisation"], name="unique_role_per_organisation"
            ),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=Q(organisation__isnull=True),
                name="unique_unscoped_role",
            ),
            models.CheckConstraint(
                condition=~Q(role="organisation_lead") | Q(organisation__isnull=False),
                name="organisation_lead_has_organisation",
            ),
        ]

    def __str__(self) -> str:
        where = self.organisation.name if self.organisation else "national"
        if self.role in UNSCOPED_ROLES:
            return self.get_role_display()
        return f"{self.get_role_display()} ({where})"

    def clean(self) -> None:
        org = self.organisation
        if self.role == Role.ORGANISATION_LEAD and org is None:
            raise ValidationError({"organisation": "An organisation lead needs an organisation."})
        if self.role == Role.ANALYST and org is not None and org.kind not in ("icb", "region"):
            raise ValidationError(
                {"organisation": "An analyst covers an ICB, a region, or (left empty) the nation."}
            )
        if self.role in UNSCOPED_ROLES and org is not None:
            raise ValidationError(
                {"organisation": f"The {self.get_role_display()} role is not scoped."}
            )


class AuditEvent(models.Model):
    """Something that must be accountable: a sign-in, a role change, a data export."""

    class Action(models.TextChoices):
        SIGN_IN = "sign_in", "Signed in"
        SIGN_IN_FAILED = "sign_in_failed", "Failed sign-in"
        SIGN_OUT = "sign_out", "Signed out"
        LOCKED_OUT = "locked_out", "Locked out after failed sign-ins"
        ROLE_GRANTED = "role_granted", "Role granted"
        ROLE_REVOKED = "role_revoked", "Role revoked"
        EXPORT = "export", "Data exported"
        ACCOUNT_CREATED = "account_created", "Account created"
        PASSWORD_RESET = "password_reset", "Password reset requested"
        FRAMEWORK_IMPORTED = "framework_imported", "Framework imported"
        FRAMEWORK_CHANGED = "framework_changed", "Framework draft changed"
        FRAMEWORK_PUBLISHED = "framework_published", "Framework published"
        FRAMEWORK_RETIRED = "framework_retired", "Framework retired"
        ROLE_PROFILE_CHANGED = "role_profile_changed", "Role profile changed"
        CONTRIBUTION_MODERATED = "contribution_moderated", "Contribution moderated"
        THEMES_CHANGED = "themes_changed", "Themes changed"
        CATALOGUE_IMPORTED = "catalogue_imported", "Learning catalogue imported"
        RESPONSES_IMPORTED = "responses_imported", "Assessment responses imported"
        API_TOKEN_CREATED = "api_token_created", "API token created"
        API_TOKEN_REVOKED = "api_token_revoked", "API token revoked"
        ACCOUNT_ERASED = "account_erased", "Account erased"
        CAMPAIGN_CHANGED = "campaign_changed", "Conversation campaign changed"
        WORKFORCE_IMPORTED = "workforce_imported", "Workforce frame imported"
        WEIGHTS_COMPUTED = "weights_computed", "Weights computed"

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Kept as text so the log still reads after an account is erased.
    actor_label = models.CharField(max_length=254, blank=True)
    action = models.CharField(max_length=30, choices=Action.choices, db_index=True)
    target = models.CharField(max_length=300, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return (
            f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.get_action_display()} {self.target}"
        )


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def usable(self) -> "ApiTokenQuerySet":
        from django.utils import timezone

        return self.filter(revoked_at__isnull=True).filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=timezone.now())
        )


class ApiToken(models.Model):
    """A secret that lets a program use the API as a person. Only its SHA-256 hash is kept;
    the token itself is shown once, when it is made."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100, help_text="What the token is for.")
    prefix = models.CharField(max_length=12, help_text="The first characters, to recognise it.")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
