"""Learning resources and the capabilities (and levels) each one helps a person reach.

Coverage is keyed by capability *lineage*, which a capability keeps from one framework version
to the next, so a resource keeps its tags when a framework is revised.
"""

from __future__ import annotations

import uuid

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from digiready.frameworks.models import Framework


class Format(models.TextChoices):
    # The same values and labels as catalogue.FORMATS, which the CSV import checks against.
    E_LEARNING = "e-learning", "E-learning"
    VIDEO = "video", "Video"
    COURSE = "course", "Course"
    WORKSHOP = "workshop", "Workshop"
    WEBINAR = "webinar", "Webinar"
    READING = "reading", "Reading"
    PODCAST = "podcast", "Podcast"
    GUIDE = "guide", "Guide or toolkit"
    COMMUNITY = "community", "Community or network"


class LearningResourceQuerySet(models.QuerySet["LearningResource"]):
    def active(self) -> LearningResourceQuerySet:
        return self.filter(active=True)

    def free(self) -> LearningResourceQuerySet:
        return self.filter(cost_pounds=0)

    def paid(self) -> LearningResourceQuerySet:
        return self.filter(cost_pounds__gt=0)


class LearningResource(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(max_length=300)
    provider = models.CharField(max_length=200)
    url = models.URLField("web address", max_length=500)
    description = models.TextField(blank=True)
    format = models.CharField(max_length=20, choices=Format.choices)
    duration_minutes = models.PositiveIntegerField(
        validators=[MinValueValidator(1)], help_text="About how long it takes, in minutes."
    )
    cost_pounds = models.DecimalField(
        max_digits=8,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
        help_text="0 for free.",
    )
    active = models.BooleanField(
        default=True, help_text="Inactive resources are kept but not offered to anyone."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = LearningResourceQuerySet.as_manager()

    class Meta:
        ordering = ["title", "id"]
        constraints = [
            # The CSV import finds a resource again by its title and address.
            models.UniqueConstraint(fields=["title", "url"], name="unique_resource_title_url"),
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=1), name="resource_duration_positive"
            ),
            models.CheckConstraint(
                condition=Q(cost_pounds__gte=0), name="resource_cost_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.provider})"

    @property
    def is_free(self) -> bool:
        return self.cost_pounds == 0


class ResourceCoverage(models.Model):
    """One capability a resource helps with, from one level to another (inclusive)."""

    resource = models.ForeignKey(
        LearningResource, on_delete=models.CASCADE, related_name="coverage"
    )
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="+")
    capability_lineage = models.UUIDField()
    level_from = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    level_to = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])

    class Meta:
        ordering = ["resource", "framework", "level_from", "id"]
        verbose_name_plural = "coverage"
        indexes = [models.Index(fields=["framework", "capability_lineage"])]
        constraints = [
            models.UniqueConstraint(
                fields=["resource", "framework", "capability_lineage"],
                name="unique_resource_capability",
            ),
            models.CheckConstraint(condition=Q(level_from__gte=1), name="coverage_level_from_1"),
            models.CheckConstraint(
                condition=Q(level_to__gte=models.F("level_from")), name="coverage_levels_in_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.resource.title}: {self.capability_lineage} {self.level_from}–{self.level_to}"
