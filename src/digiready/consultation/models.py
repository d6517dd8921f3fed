"""The online conversation: campaigns, phases, questions, and what people say about them.

Nothing here identifies a contributor: no account, no IP address, no e-mail, no time of day
(only the date), no browser fingerprint. A vote carries a random participant key made for one
browser session, so that the same session cannot vote twice and opinion groups can be found.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Literal

from django.conf import settings
from django.db import models
from django.db.models import Q

from digiready.accounts.professions import PROFESSION_CHOICES, STAFF_GROUP_CHOICES


class Confidence(models.IntegerChoices):
    VERY_LOW = 1, "Not at all confident"
    LOW = 2, "Not very confident"
    MEDIUM = 3, "Fairly confident"
    HIGH = 4, "Confident"
    VERY_HIGH = 5, "Very confident"


class Status(models.TextChoices):
    PENDING = "pending", "Waiting for moderation"
    APPROVED = "approved", "Published"
    REJECTED = "rejected", "Rejected"


class Campaign(models.Model):
    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=200)
    purpose = models.TextField(help_text="What the conversation is for.")
    how_used = models.TextField(help_text="How the answers will be used.")
    what_stored = models.TextField(help_text="What is stored about each contribution.")
    published = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    def open_phases(self, day: dt.date | None = None) -> models.QuerySet[Phase]:
        day = day or dt.date.today()
        return self.phases.filter(opens_on__lte=day, closes_on__gte=day)


class Phase(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="phases")
    title = models.CharField(max_length=200)
    audience = models.TextField(help_text="Who this phase is for.")
    opens_on = models.DateField()
    closes_on = models.DateField()
    position = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ["campaign", "position"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")), name="phase_closes_after_it_opens"
            )
        ]

    def __str__(self) -> str:
        return f"{self.campaign}: {self.title}"

    def is_open(self, day: dt.date | None = None) -> bool:
        return self.state(day) == "open"

    def state(self, day: dt.date | None = None) -> Literal["upcoming", "open", "closed"]:
        """Whether the phase has yet to open, takes contributions, or has closed."""
        day = day or dt.date.today()
        if day < self.opens_on:
            return "upcoming"
        return "open" if day <= self.closes_on else "closed"


class Question(models.Model):
    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(max_length=300)
    hint = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ["phase", "position"]

    def __str__(self) -> str:
        return self.text


class ContributionQuerySet(models.QuerySet["Contribution"]):
    def published(self) -> ContributionQuerySet:
        return self.filter(status=Status.APPROVED)

    def pending(self) -> ContributionQuerySet:
        return self.filter(status=Status.PENDING)

    def in_campaign(self, campaign: Campaign) -> ContributionQuerySet:
        return self.filter(question__phase__campaign=campaign)


class Moderated(models.Model):
    """Text that is redacted on arrival and seen by others only once a moderator approves it."""

    # The text as written: seen by moderators only; emptied once approved, and deleted from
    # rejected contributions after the retention period.
    original_text = models.TextField(blank=True)
    text = models.TextField(help_text="The redacted text, as others see it once approved.")
    redactions = models.JSONField(default=dict, blank=True)  # kind -> how many were redacted
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    reject_reason = models.CharField(max_length=300, blank=True)
    moderated_on = models.DateField(null=True, blank=True)
    created_on = models.DateField(default=dt.date.today)

    class Meta:
        abstract = True


class Contribution(Moderated):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="contributions")
    # Self-declared, all optional, and nothing else about the person.
    staff_group = models.CharField(max_length=40, blank=True, choices=STAFF_GROUP_CHOICES)
    profession = models.CharField(max_length=40, blank=True, choices=PROFESSION_CHOICES)
    region = models.CharField(max_length=10, blank=True, help_text="ODS code of a region.")
    confidence = models.PositiveSmallIntegerField(null=True, blank=True, choices=Confidence.choices)
    # Responses gathered by another tool and imported keep their own grouping label.
    imported_group = models.CharField(max_length=200, blank=True)

    objects = ContributionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_on", "-id"]

    def __str__(self) -> str:
        return self.text[:60]


class Comment(Moderated):
    contribution = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, related_name="comments"
    )

    class Meta:
        ordering = ["created_on", "id"]

    def __str__(self) -> str:
        return self.text[:60]


class Vote(models.Model):
    class Value(models.IntegerChoices):
        AGREE = 1, "Agree"
        DISAGREE = -1, "Disagree"
        PASS = 0, "Pass"

    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="votes")
    # A random key made for one browser session; it is not derived from the browser or person.
    participant = models.UUIDField()
    value = models.SmallIntegerField(choices=Value.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["contribution", "participant"], name="one_vote_per_session"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_value_display()} on {self.contribution_id}"


class ThemeRun(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Running"
        DONE = "done", "Finished"
        FAILED = "failed", "Failed"

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="theme_runs")
    state = models.CharField(max_length=20, choices=State.choices, default=State.QUEUED)
    progress = models.FloatField(default=0)
    message = models.CharField(max_length=300, blank=True)
    requested_themes = models.PositiveSmallIntegerField(null=True, blank=True)
    chosen_themes = models.PositiveSmallIntegerField(null=True, blank=True)
    contributions = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Themes for {self.campaign} ({self.get_state_display()})"


def signature(contribution_ids: list[int]) -> str:
    """Names a set of contributions, so an analyst's edit can find its theme again."""
    joined = ",".join(str(i) for i in sorted(contribution_ids))
    return hashlib.sha256(joined.encode()).hexdigest()


class Theme(models.Model):
    run = models.ForeignKey(ThemeRun, on_delete=models.CASCADE, related_name="themes")
    number = models.PositiveSmallIntegerField()
    label = models.CharField(max_length=300)
    name = models.CharField(max_length=200, blank=True, help_text="The analyst's name for it.")
    phrases = models.JSONField(default=list)
    quotes = models.JSONField(default=list)  # contribution ids, closest to the centre first
    size = models.PositiveIntegerField(default=0)
    signature = models.CharField(max_length=64)
    contributions = models.ManyToManyField(Contribution, related_name="themes")

    class Meta:
        ordering = ["run", "-size", "number"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.name or self.label


class ThemeEdit(models.Model):
    """An analyst's rename, merge or split, replayed on later runs that find the same themes."""

    class Kind(models.TextChoices):
        RENAME = "rename", "Rename"
        MERGE = "merge", "Merge"
        SPLIT = "split", "Split"

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="theme_edits")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    signatures = models.JSONField(default=list)  # the themes the edit applies to
    name = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.name}".strip()
