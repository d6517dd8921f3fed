"""Frameworks, their versions, domains, capabilities and levels; role profiles; crosswalks.

A published version never changes: editing a framework means making a new draft version. Each
domain and capability carries a `lineage` UUID that it keeps from version to version, so
results from two versions can be compared where a capability is unchanged.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from digiready.frameworks.profiles import ARCHETYPE_CHOICES


class Subject(models.TextChoices):
    PERSON = "person", "A person"
    ORGANISATION = "organisation", "An organisation"


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    RETIRED = "retired", "Retired"


# A version number that can stand in a page address as it is; others use the identifier.
URL_SAFE_VERSION = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,39}")
RESERVED_VERSIONS = frozenset({"compare", "role-profiles"})


class FrameworkLockedError(ValidationError):
    """Raised on any attempt to change a published or retired version."""

    def __init__(self, version: FrameworkVersion) -> None:
        super().__init__(
            f"{version} is {version.get_status_display().lower()} and cannot be changed; "
            "make a new draft version instead."
        )


class Framework(models.Model):
    """A framework across all its versions."""

    lineage = models.UUIDField(unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    subject = models.CharField(max_length=20, choices=Subject.choices, default=Subject.PERSON)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["slug"]

    def __str__(self) -> str:
        latest = self.versions.order_by("-created_at").first()
        return latest.title if latest else self.slug

    def current_version(self) -> FrameworkVersion | None:
        """The newest published version: the one assessments use."""
        return self.versions.published().order_by("-published_at", "-id").first()


class FrameworkVersionQuerySet(models.QuerySet["FrameworkVersion"]):
    def by_url_key(self, key: str) -> FrameworkVersionQuerySet:
        try:
            return self.filter(Q(version=key) | Q(identifier=uuid.UUID(key)))
        except ValueError:
            return self.filter(version=key)

    def published(self) -> FrameworkVersionQuerySet:
        return self.filter(status=Status.PUBLISHED)

    def drafts(self) -> FrameworkVersionQuerySet:
        return self.filter(status=Status.DRAFT)

    def visible(self) -> FrameworkVersionQuerySet:
        """What anyone may browse: published and retired versions."""
        return self.exclude(status=Status.DRAFT)


class FrameworkVersion(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="versions")
    identifier = models.UUIDField(unique=True, help_text="The CASE CFDocument identifier.")
    version = models.CharField(max_length=40)
    title = models.CharField(max_length=300)
    publisher = models.CharField(max_length=200, blank=True)
    creator = models.CharField(max_length=200, blank=True)
    description = models.TextField(blank=True)
    language = models.CharField(max_length=20, default="en-GB")
    licence = models.CharField(max_length=200, blank=True)
    licence_uri = models.URLField(max_length=500, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    level_names = models.JSONField(default=list)
    previous = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="successors"
    )
    extras = models.JSONField(default=dict, blank=True)
    residual = models.JSONField(default=dict, blank=True)
    last_changed = models.DateTimeField()
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = FrameworkVersionQuerySet.as_manager()

    class Meta:
        ordering = ["framework__slug", "-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "version"], name="unique_version_number"),
            models.UniqueConstraint(
                fields=["framework"],
                condition=Q(status="draft"),
                name="one_draft_per_framework",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title}, version {self.version}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk:
            stored = FrameworkVersion.objects.filter(pk=self.pk).values("status").first()
            if stored and stored["status"] != Status.DRAFT:
                # Only the status of a published version may move on (to retired).
                allowed = {"status"}
                update_fields = kwargs.get("update_fields")
                if update_fields is None or not set(update_fields) <= allowed:
                    raise FrameworkLockedError(self)
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        self.check_editable()
        return super().delete(*args, **kwargs)

    @property
    def url_key(self) -> str:
        """What names this version in page addresses: its number, or its identifier if the
        number cannot stand in an address (such as "2023/24")."""
        if URL_SAFE_VERSION.fullmatch(self.version) and self.version not in RESERVED_VERSIONS:
            return self.version
        return str(self.identifier)

    @property
    def is_draft(self) -> bool:
        return self.status == Status.DRAFT

    @property
    def subject(self) -> str:
        return self.framework.subject

    def check_editable(self) -> None:
        if not self.is_draft:
            raise FrameworkLockedError(self)


class LockedWithVersion(models.Model):
    """Rows that belong to a version and share its immutability."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.owning_version().check_editable()
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        self.owning_version().check_editable()
        return super().delete(*args, **kwargs)

    def owning_version(self) -> FrameworkVersion:
        raise NotImplementedError


class Domain(LockedWithVersion):
    framework_version = models.ForeignKey(
        FrameworkVersion, on_delete=models.CASCADE, related_name="domains"
    )
    identifier = models.UUIDField()
    lineage = models.UUIDField()
    code = models.CharField(max_length=60, blank=True)
    title = models.CharField(max_length=500)
    description = models.TextField(blank=True)
    position = models.PositiveIntegerField(default=0)
    synthetic = models.BooleanField(default=False)
    extras = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["framework_version", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework_version", "identifier"], name="unique_domain_identifier"
            ),
            models.UniqueConstraint(
                fields=["framework_version", "lineage"], name="unique_domain_lineage"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}".strip()

    def owning_version(self) -> FrameworkVersion:
        return self.framework_version


class Capability(LockedWithVersion):
    domain = models.ForeignKey(Domain, on_delete=models.CASCADE, related_name="capabilities")
    # Denormalised from the domain so that one version's capabilities are one indexed query.
    framework_version = models.ForeignKey(
        FrameworkVersion, on_delete=models.CASCADE, related_name="capabilities"
    )
    identifier = models.UUIDField()
    lineage = models.UUIDField()
    code = models.CharField(max_length=60, blank=True)
    title = models.CharField(max_length=1000)
    description = models.TextField(blank=True)
    position = models.PositiveIntegerField(default=0)
    parent = models.CharField(max_length=36, blank=True)
    extras = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["domain__position", "position", "id"]
        verbose_name_plural = "capabilities"
        constraints = [
            models.UniqueConstraint(
                fields=["framework_version", "identifier"], name="unique_capability_identifier"
            ),
            models.UniqueConstraint(
                fields=["framework_version", "lineage"], name="unique_capability_lineage"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}".strip()

    def owning_version(self) -> FrameworkVersion:
        return self.framework_version


class Level(LockedWithVersion):
    capability = models.ForeignKey(Capability, on_delete=models.CASCADE, related_name="levels")
    number = models.PositiveSmallIntegerField()
    statement = models.TextField()
    identifier = models.UUIDField()
    extras = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["capability", "number"]
        constraints = [
            models.UniqueConstraint(fields=["capability", "number"], name="unique_level_number"),
        ]

    def __str__(self) -> str:
        return f"Level {self.number}: {self.statement}"

    def owning_version(self) -> FrameworkVersion:
        return self.capability.framework_version


class RoleProfile(models.Model):
    """What a role is expected to reach in each domain of a framework.

    Keyed by domain lineage, so a profile carries over to new versions of the framework. A
    profile names either a profession or (as the fallback for its professions) a staff group.
    """

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="role_profiles")
    profession = models.CharField(max_length=40, blank=True)
    staff_group = models.CharField(max_length=40, blank=True)
    archetype = models.CharField(max_length=20, choices=ARCHETYPE_CHOICES)
    # Domain lineage (a UUID string) -> expected level; 0 means the domain is not expected.
    expected = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["framework", "profession", "staff_group", "archetype"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "profession", "staff_group", "archetype"],
                name="unique_role_profile",
            ),
            models.CheckConstraint(
                condition=(Q(profession="") & ~Q(staff_group=""))
                | (~Q(profession="") & Q(staff_group="")),
                name="role_profile_names_profession_or_staff_group",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.profession or self.staff_group} ({self.archetype})"


class Relation(models.TextChoices):
    EXACT_MATCH = "exactMatchOf", "Exact match"
    RELATED = "isRelatedTo", "Related"


class Crosswalk(models.Model):
    """A map from the capabilities of one framework version to those of another."""

    source = models.ForeignKey(
        FrameworkVersion, on_delete=models.CASCADE, related_name="crosswalks_from"
    )
    target = models.ForeignKey(
        FrameworkVersion, on_delete=models.CASCADE, related_name="crosswalks_to"
    )
    title = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(fields=["source", "target"], name="unique_crosswalk"),
        ]

    def __str__(self) -> str:
        return self.title


class CrosswalkLink(models.Model):
    crosswalk = models.ForeignKey(Crosswalk, on_delete=models.CASCADE, related_name="links")
    source = models.ForeignKey(Capability, on_delete=models.CASCADE, related_name="+")
    target = models.ForeignKey(Capability, on_delete=models.CASCADE, related_name="+")
    relation = models.CharField(max_length=20, choices=Relation.choices)
    identifier = models.UUIDField(help_text="The CASE CFAssociation identifier.")

    class Meta:
        ordering = ["crosswalk", "source__domain__position", "source__position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["crosswalk", "source", "target"], name="unique_crosswalk_link"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.relation} {self.target}"
