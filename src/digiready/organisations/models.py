"""NHS England regions, integrated care boards and providers, with effective dates.

Organisations are never deleted when they change: a closed ICB keeps its history with an
`effective_to` date, its successor starts the next day, and the links from providers to their
ICB carry their own dates, so the hierarchy can be read as it stood on any date.
"""

import datetime as dt

from django.db import models
from django.db.models import Q

from digiready.core.presenters import format_date


class Kind(models.TextChoices):
    REGION = "region", "NHS England region"
    ICB = "icb", "Integrated care board"
    PROVIDER = "provider", "Provider"


class ProviderType(models.TextChoices):
    NHS_TRUST = "nhs_trust", "NHS trust"
    AMBULANCE_TRUST = "ambulance_trust", "Ambulance trust"
    GENERAL_PRACTICE = "general_practice", "General practice"
    SOCIAL_CARE = "social_care", "Social care provider"
    INDEPENDENT_SECTOR = "independent_sector", "Independent sector provider"
    OTHER = "other", "Other provider"


def in_force_on(day: dt.date, prefix: str = "") -> Q:
    """A filter for rows whose effective dates include `day`."""
    return Q(**{f"{prefix}effective_from__lte": day}) & (
        Q(**{f"{prefix}effective_to__isnull": True}) | Q(**{f"{prefix}effective_to__gte": day})
    )


class OrganisationQuerySet(models.QuerySet["Organisation"]):
    def on(self, day: dt.date) -> "OrganisationQuerySet":
        return self.filter(in_force_on(day))

    def current(self) -> "OrganisationQuerySet":
        return self.on(dt.date.today())

    def regions(self) -> "OrganisationQuerySet":
        return self.filter(kind=Kind.REGION)

    def icbs(self) -> "OrganisationQuerySet":
        return self.filter(kind=Kind.ICB)

    def providers(self) -> "OrganisationQuerySet":
        return self.filter(kind=Kind.PROVIDER)


EARLIEST = dt.date(2000, 1, 1)


class Organisation(models.Model):
    ods_code = models.CharField("ODS code", max_length=12, unique=True)
    ons_code = models.CharField("ONS code", max_length=12, blank=True)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=10, choices=Kind.choices, db_index=True)
    provider_type = models.CharField(max_length=30, choices=ProviderType.choices, blank=True)
    effective_from = models.DateField(default=EARLIEST)
    effective_to = models.DateField(null=True, blank=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True)
                | Q(effective_to__gte=models.F("effective_from")),
                name="organisation_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.ods_code})"

    @property
    def kind_label(self) -> str:
        if self.kind == Kind.PROVIDER and self.provider_type:
            return self.get_provider_type_display()
        return self.get_kind_display()

    def is_open_on(self, day: dt.date) -> bool:
        return self.effective_from <= day and (
            self.effective_to is None or self.effective_to >= day
        )

    def parents_on(self, day: dt.date) -> "OrganisationQuerySet":
        return Organisation.objects.filter(
            in_force_on(day, "child_links__"), child_links__child=self
        ).distinct()

    def children_on(self, day: dt.date) -> "OrganisationQuerySet":
        return (
            Organisation.objects.on(day)
            .filter(in_force_on(day, "parent_links__"), parent_links__parent=self)
            .distinct()
        )

    def ancestors_on(self, day: dt.date) -> list["Organisation"]:
        """Every organisation above this one on `day`, nearest first."""
        found: list[Organisation] = []
        frontier = [self]
        while frontier:
            parents = [p for org in frontier for p in org.parents_on(day) if p not in found]
            found.extend(parents)
            frontier = parents
        return found


class OrganisationLink(models.Model):
    """`child` sits within `parent` from `effective_from` until `effective_to` (inclusive)."""

    child = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="parent_links")
    parent = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="child_links")
    is_primary = models.BooleanField(
        default=True, help_text="For a provider serving several ICBs, the one it reports through."
    )
    effective_from = models.DateField(default=EARLIEST)
    effective_to = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["parent__name", "child__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["child", "parent", "effective_from"], name="unique_link_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.child.ods_code} within {self.parent.ods_code}"


class Succession(models.Model):
    """`predecessor` closed and its work passed to `successor` on `effective_on` (a merger)."""

    predecessor = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="successions"
    )
    successor = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="predecessions"
    )
    effective_on = models.DateField()

    class Meta:
        ordering = ["effective_on"]
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="unique_succession"),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor.ods_code} → {self.successor.ods_code} on {self.effective_on}"


class WorkforceSnapshot(models.Model):
    """A workforce frame: headcounts by organisation and staff group (and, where known,
    profession, band group, age band and sex) on one date, in the shape of NHS Workforce
    Statistics. It is the denominator for response rates and the target for weighting."""

    name = models.CharField(max_length=200)
    as_of = models.DateField(db_index=True, help_text="The date the headcounts describe.")
    source = models.CharField(max_length=300, blank=True)
    imported_at = models.DateTimeField(auto_now_add=True)
    imported_by = models.CharField(max_length=254, blank=True)

    class Meta:
        ordering = ["-as_of", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({format_date(self.as_of)})"


class WorkforceCell(models.Model):
    """Headcount in one cell of a snapshot. An empty profession, band group, age band or sex
    means the cell covers all of them."""

    snapshot = models.ForeignKey(WorkforceSnapshot, on_delete=models.CASCADE, related_name="cells")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="workforce_cells"
    )
    staff_group = models.CharField(max_length=40)
    profession = models.CharField(max_length=40, blank=True)
    band_group = models.CharField(max_length=20, blank=True)
    age_band = models.CharField(max_length=20, blank=True)
    sex = models.CharField(max_length=10, blank=True)
    headcount = models.PositiveIntegerField()
    fte = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["snapshot", "organisation", "staff_group", "profession"]
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "snapshot",
                    "organisation",
                    "staff_group",
                    "profession",
                    "band_group",
                    "age_band",
                    "sex",
                ],
                name="one_workforce_cell",
            ),
            models.CheckConstraint(
                condition=Q(fte__isnull=True) | Q(fte__gte=0), name="workforce_fte_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.staff_group} {self.profession}: {self.headcount}"
