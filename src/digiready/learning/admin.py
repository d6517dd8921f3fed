"""Learning resources are edited one by one here; the catalogue CSV import does them in bulk."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin

from digiready.frameworks.models import Capability
from digiready.learning.browse import current_versions
from digiready.learning.models import LearningResource, ResourceCoverage


def capability_choices() -> list[tuple[str, str]]:
    """Every capability of every current framework version, as "framework id:lineage"."""
    versions = current_versions()
    capabilities = (
        Capability.objects.filter(framework_version__in=list(versions.values()))
        .select_related("framework_version__framework")
        .order_by("framework_version__framework__slug", "domain__position", "position")
    )
    return [("", "---------")] + [
        (
            f"{cap.framework_version.framework_id}:{cap.lineage}",
            f"{cap.framework_version.framework.slug} {cap.code} {cap.title}",
        )
        for cap in capabilities
    ]


class CoverageForm(forms.ModelForm):
    """Chooses a capability by name, and stores its framework and lineage."""

    capability = forms.ChoiceField(choices=capability_choices)

    class Meta:
        model = ResourceCoverage
        fields = ["capability", "level_from", "level_to"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["capability"] = (
                f"{self.instance.framework_id}:{self.instance.capability_lineage}"
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        chosen = cleaned.get("capability")
        if chosen:
            framework, lineage = chosen.split(":", 1)
            self.instance.framework_id = int(framework)
            self.instance.capability_lineage = lineage
            version = current_versions().get(int(framework))
            top = len(version.level_names) if version else 0
            low, high = cleaned.get("level_from"), cleaned.get("level_to")
            if low and high and low > high:
                self.add_error("level_to", "The last level must not be below the first.")
            if high and top and high > top:
                self.add_error("level_to", f"This framework has levels 1 to {top}.")
        return cleaned


class CoverageFormSet(forms.BaseInlineFormSet):
    def clean(self) -> None:
        # The form leaves framework and lineage out of its fields, so Django would not check
        # the one-row-per-capability constraint before the database refuses it.
        super().clean()
        seen = set()
        for form in self.forms:
            if not form.cleaned_data or form.cleaned_data.get("DELETE"):
                continue
            chosen = form.cleaned_data.get("capability")
            if chosen in seen:
                form.add_error("capability", "This capability is already listed; give it once.")
            seen.add(chosen)


class CoverageInline(admin.TabularInline):
    model = ResourceCoverage
    form = CoverageForm
    formset = CoverageFormSet
    extra = 1


class LearningResourceForm(forms.ModelForm):
    url = forms.URLField(label="Web address", max_length=500, assume_scheme="https")

    class Meta:
        model = LearningResource
        fields = [
            "title",
            "provider",
            "url",
            "description",
            "format",
            "duration_minutes",
            "cost_pounds",
            "active",
        ]


@admin.register(LearningResource)
class LearningResourceAdmin(admin.ModelAdmin):
    form = LearningResourceForm
    list_display = ["title", "provider", "format", "duration_minutes", "cost_pounds", "active"]
    list_filter = ["active", "format", "provider"]
    search_fields = ["title", "provider", "description"]
    readonly_fields = ["public_id", "created_at", "updated_at"]
    inlines = [CoverageInline]
