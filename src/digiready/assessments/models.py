"""Assessments: a person's self-assessment, or an organisation's maturity assessment.

An assessment is answered against one published framework version, which never changes, and
the role profile as it stood when the assessment started (kept in ``expected``), so the same
questionnaire can always be rebuilt. On submission the domain scores are stored once, in
``DomainScore``; analytics read those, never the raw answers.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q


class Subject(models.TextChoices):
    PERSON = "person", "Self-assessment"
    ORGANISATION = "organisation", "Organisational maturity assessment"


class Status(models.TextChoices):
    IN_PROGRESS = "in_progress", "In progress"
    SUBMITTED = "submitted", "Submitted"


class Source(models.TextChoices):
    WEB = "web", "Web form"
    API = "api", "API"
    FHIR = "fhir", "FHIR QuestionnaireResponse"
    SYNTHETIC = "synthetic", "Synthetic population"


class Wave(models.Model):
    """A round of assessment: the baseline (number 0) and each follow-up. An assessment
    belongs to the wave whose fieldwork dates its submission falls within."""

    number = models.PositiveSmallIntegerField(unique=True)
    label = models.CharField(max_length=100)
    opens = models.DateField()
    closes = models.DateField()

    class Meta:
        ordering = ["number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes__gte=models.F("opens")), name="wave_closes_after_it_opens"
            ),
        ]

    def __str__(self) -> str:
        return self.label


class AssessmentQuerySet(models.QuerySet["Assessment"]):
    def submitted(self) -> AssessmentQuerySet:
        return self.filter(status=Status.SUBMITTED)

    def in_progress(self) -> AssessmentQuerySet:
        return self.filter(status=Status.IN_PROGRESS)

    def in_wave(self, wave: Wave) -> AssessmentQuerySet:
        return self.filter(wave=wave)

    def of_person(self, user: Any) -> AssessmentQuerySet:
        return self.filter(subject=Subject.PERSON, user=user)

    def of_organisation(self, organisation: Any) -> AssessmentQuerySet:
        return self.filter(subject=Subject.ORGANISATION, organisation=organisation)


class Assessment(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    subject = models.CharField(max_length=20, choices=Subject.choices, default=Subject.PERSON)
    # The person assessed; empty for an organisation's assessment and for synthetic people.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="assessments",
    )
    # A person's employer when they started, or the organisation assessed.
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assessments",
    )
    # Who answers for an organisation; kept as text too, so the record reads after erasure.
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_by_label = models.CharField(max_length=254, blank=True)
    framework_version = models.ForeignKey(
        "frameworks.FrameworkVersion", on_delete=models.PROTECT, related_name="assessments"
    )
    profession = models.CharField(max_length=40, blank=True)
    staff_group = models.CharField(max_length=40, blank=True)
    archetype = models.CharField(max_length=20, blank=True)
    # For weighting (ANALYTICS.md section 3): the respondent's band group, age band and sex
    # where known (codes in organisations/demographics.py); empty when not given.
    band_group = models.CharField(max_length=20, blank=True)
    age_band = models.CharField(max_length=20, blank=True)
    sex = models.CharField(max_length=10, blank=True)
    wave = models.ForeignKey(
        Wave, null=True, blank=True, on_delete=models.PROTECT, related_name="assessments"
    )
    # Domain lineage -> expected level, as the role profile stood at the start; empty: none.
    expected = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.IN_PROGRESS)
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.WEB)
    started_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True, db_index=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at", "-id"]
        constraints = [
            # One unfinished self-assessment per person per framework: "continue", not "start".
            models.UniqueConstraint(
                fields=["user", "framework_version"],
                condition=Q(status="in_progress", subject="person"),
                name="one_open_self_assessment",
            ),
            models.UniqueConstraint(
                fields=["organisation", "framework_version"],
                condition=Q(status="in_progress", subject="organisation"),
                name="one_open_organisation_assessment",
            ),
            models.CheckConstraint(
                condition=Q(subject="person") | Q(organisation__isnull=False),
                name="organisation_assessment_has_organisation",
            ),
            models.CheckConstraint(
                condition=Q(status="in_progress") | Q(submitted_at__isnull=False),
                name="submitted_assessment_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_subject_display()} {self.public_id}"

    @property
    def is_submitted(self) -> bool:
        return self.status == Status.SUBMITTED

    @property
    def is_person(self) -> bool:
        return self.subject == Subject.PERSON


class Answer(models.Model):
    """One item's answer: a position on the scale, or a reason it is missing."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    capability = models.ForeignKey(
        "frameworks.Capability", on_delete=models.PROTECT, related_name="+"
    )
    value = models.PositiveSmallIntegerField(null=True, blank=True)
    # "na" (not applicable) or "dk" (I do not know) when value is empty.
    missing = models.CharField(max_length=2, blank=True)
    answered_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["assessment", "capability__domain__position", "capability__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "capability"], name="one_answer_per_item"
            ),
            models.CheckConstraint(
                condition=(Q(value__isnull=False) & Q(missing=""))
                | (Q(value__isnull=True) & Q(missing__in=["na", "dk"])),
                name="answer_is_value_or_missing",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.capability_id}: {self.value or self.missing}"

    @property
    def token(self) -> str:
        """The answer as the form sends it: the value, or "na" / "dk"."""
        return str(self.value) if self.value is not None else self.missing


class DomainScore(models.Model):
    """A submitted assessment's score in one domain, stored once (ANALYTICS.md 1.2)."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="domain_scores"
    )
    domain = models.ForeignKey("frameworks.Domain", on_delete=models.PROTECT, related_name="+")
    # The domain across framework versions: what change between retakes is measured through.
    domain_lineage = models.UUIDField(db_index=True)
    items_asked = models.PositiveSmallIntegerField()
    items_answered = models.PositiveSmallIntegerField()
    score = models.FloatField(null=True, blank=True, help_text="D, from 0 to 1.")
    attained_level = models.PositiveSmallIntegerField(null=True, blank=True)
    strict_level = models.PositiveSmallIntegerField(null=True, blank=True)
    expected_level = models.PositiveSmallIntegerField(null=True, blank=True)
    gap = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["assessment", "domain__position"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "domain"], name="one_score_per_domain"),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | (Q(score__gte=0) & Q(score__lte=1)),
                name="domain_score_between_0_and_1",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.domain_id}: {self.score}"
