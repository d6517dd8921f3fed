"""Weights and the truth behind synthetic populations.

Figures themselves are not stored: they are computed from the per-person domain scores
(``assessments.DomainScore``) and the current weights when asked for, and pass through
disclosure control on the way out.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q


class WeightRun(models.Model):
    """One weighting of a wave's respondents to a workforce frame (ANALYTICS.md section 3).

    The weights are kept as two aligned arrays (int64 assessment ids, float64 weights, little
    endian): a national wave has hundreds of thousands of respondents, read all at once.
    ``version`` is recorded beside every figure computed with them.
    """

    version = models.CharField(max_length=40, unique=True)
    wave = models.ForeignKey(
        "assessments.Wave", on_delete=models.PROTECT, related_name="weight_runs"
    )
    snapshot = models.ForeignKey(
        "organisations.WorkforceSnapshot", on_delete=models.PROTECT, related_name="weight_runs"
    )
    method = models.CharField(max_length=100)
    parameters = models.JSONField(default=dict, blank=True)
    diagnostics = models.JSONField(default=dict, blank=True)
    respondents = models.PositiveIntegerField()
    assessment_ids = models.BinaryField()
    weights = models.BinaryField()
    is_current = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["wave"], condition=Q(is_current=True), name="one_current_weight_run"
            ),
        ]

    def __str__(self) -> str:
        return f"Weights {self.version} for {self.wave}"


class SyntheticRun(models.Model):
    """A synthetic population loaded for tests, demonstrations and benchmarks (ANALYTICS.md
    section 4). Every person in it is made up."""

    preset = models.CharField(max_length=20)
    seed = models.BigIntegerField()
    waves = models.PositiveSmallIntegerField()
    parameters = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Synthetic {self.preset} population, seed {self.seed}"


class SyntheticTruth(models.Model):
    """The true population value of a figure in a synthetic population, kept beside the sample
    so tests can measure bias and interval coverage."""

    run = models.ForeignKey(SyntheticRun, on_delete=models.CASCADE, related_name="truths")
    wave = models.ForeignKey("assessments.Wave", on_delete=models.CASCADE, related_name="+")
    # "national", "region", "icb", "organisation", "staff_group" or "profession".
    breakdown = models.CharField(max_length=20)
    group_code = models.CharField(max_length=40, blank=True)
    domain_lineage = models.UUIDField()
    population = models.PositiveIntegerField()
    maturity = models.FloatField(help_text="M, 0 to 100.")
    attainment = models.FloatField(help_text="A(4), 0 to 100.")

    class Meta:
        ordering = ["run", "wave", "breakdown", "group_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "wave", "breakdown", "group_code", "domain_lineage"],
                name="one_truth_per_figure",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.breakdown} {self.group_code} {self.domain_lineage}: {self.maturity:.1f}"


class DataRevision(models.Model):
    """A counter that moves whenever what a set of figures is computed from changes: a wave's
    submissions or weights ("wave:<id>"), or the workforce frames ("frame").

    Cached dashboard figures are filed under the revisions they were computed from, so a new
    submission or a new weighting makes the next page compute fresh figures. ``token`` is new
    with every change, so a database restored from a backup, or emptied and filled again, never
    meets files of figures computed since from other data.
    """

    key = models.CharField(max_length=40, unique=True)
    number = models.PositiveBigIntegerField(default=0)
    token = models.UUIDField(default=uuid.uuid4, editable=False)
    changed_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.key} revision {self.number}"

    @property
    def stamp(self) -> str:
        return f"{self.token.hex[:12]}.{self.number}"
