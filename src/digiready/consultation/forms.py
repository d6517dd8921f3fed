"""The contribution form asks for the idea and, optionally, four things about the person."""

from __future__ import annotations

from typing import Any

from django import forms

from digiready.accounts.professions import PROFESSION_CHOICES, STAFF_GROUP_CHOICES
from digiready.consultation.models import Confidence, Theme, ThemeEdit
from digiready.core.forms import NHSForm
from digiready.organisations.models import Organisation

TEXT_LIMIT = 2000
NOT_SAYING = [("", "Prefer not to say")]


class ContributionForm(NHSForm):
    text = forms.CharField(
        label="Your idea or experience",
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Please do not include names or anything else that could identify you, a "
        "colleague or a patient. Personal details are removed before anyone else reads it.",
        error_messages={
            "required": "Enter your idea or experience",
            "max_length": f"Your idea must be {TEXT_LIMIT:,} characters or fewer",
        },
    )
    staff_group = forms.ChoiceField(
        label="Staff group (optional)", choices=NOT_SAYING + STAFF_GROUP_CHOICES, required=False
    )
    profession = forms.ChoiceField(
        label="Profession or role (optional)",
        choices=NOT_SAYING + PROFESSION_CHOICES,
        required=False,
    )
    region = forms.ChoiceField(label="NHS England region (optional)", choices=[], required=False)
    confidence = forms.TypedChoiceField(
        label="How confident are you with digital tools? (optional)",
        choices=NOT_SAYING + [(str(c.value), c.label) for c in Confidence],
        coerce=int,
        empty_value=None,
        required=False,
    )
    # Left empty by people; filled in by form-filling robots, whose posts are then dropped.
    website = forms.CharField(label="Leave this field empty", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        regions = Organisation.objects.regions().current().order_by("name")
        region_field = self.fields["region"]
        assert isinstance(region_field, forms.ChoiceField)
        region_field.choices = NOT_SAYING + [(r.ods_code, r.name) for r in regions]

    def is_robot(self) -> bool:
        return bool(self.cleaned_data.get("website"))

    def declared(self) -> dict[str, Any]:
        return {
            name: self.cleaned_data.get(name)
            for name in ("staff_group", "profession", "region", "confidence")
        }


class CommentForm(NHSForm):
    text = forms.CharField(
        label="Add a comment",
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Comments are checked before they are published. Do not include names.",
        error_messages={"required": "Enter your comment"},
    )
    website = forms.CharField(label="Leave this field empty", required=False)


class ModerationForm(NHSForm):
    decision = forms.ChoiceField(
        label="Decision",
        choices=[("approve", "Publish"), ("reject", "Reject")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether to publish or reject it"},
    )
    text = forms.CharField(
        label="Text to publish",
        help_text="Correct the redaction if anything identifying is left. It is checked again.",
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
    )
    reason = forms.CharField(label="Reason for rejecting", max_length=300, required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("decision") == "reject" and not cleaned.get("reason", "").strip():
            self.add_error("reason", "Enter why it is rejected")
        if cleaned.get("decision") == "approve" and not cleaned.get("text", "").strip():
            self.add_error("text", "Enter the text to publish")
        return cleaned


class RunForm(NHSForm):
    n_themes = forms.IntegerField(
        label="Number of themes (optional)",
        help_text="Leave empty to let the analysis choose.",
        min_value=2,
        max_value=30,
        required=False,
    )


def _theme_name(theme: Theme) -> str:
    return theme.display_name


class ThemeEditForm(NHSForm):
    kind = forms.ChoiceField(choices=ThemeEdit.Kind.choices, widget=forms.HiddenInput)
    themes: forms.ModelMultipleChoiceField[Any] = forms.ModelMultipleChoiceField(
        queryset=Theme.objects.none(), label="Themes", widget=forms.CheckboxSelectMultiple
    )
    name = forms.CharField(label="New name", max_length=200, required=False)

    def __init__(self, *args: Any, run: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["themes"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = run.themes.all()
        field.label_from_instance = _theme_name  # type: ignore[method-assign,assignment]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        kind, chosen = cleaned.get("kind"), list(cleaned.get("themes") or [])
        if kind == ThemeEdit.Kind.MERGE and len(chosen) < 2:
            self.add_error("themes", "Choose at least two themes to merge")
        if kind in (ThemeEdit.Kind.RENAME, ThemeEdit.Kind.SPLIT) and len(chosen) != 1:
            self.add_error("themes", "Choose one theme")
        if kind in (ThemeEdit.Kind.RENAME, ThemeEdit.Kind.MERGE) and not cleaned.get("name"):
            self.add_error("name", "Enter a name for the theme")
        return cleaned
