"""Forms consultation analysts use to set up a campaign, its phases and its questions."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.utils.text import slugify

from digiready.consultation.models import Campaign, Phase, Question
from digiready.consultation.wording import STANDARD_WORDING
from digiready.core.forms import NHSModelForm

# The address parts that are pages of their own under /conversations/, so never a campaign.
RESERVED_SLUGS = frozenset({"manage", "moderation", "new"})
SLUG_LIMIT = 80
SLUG_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

# The service's standard wording, as on the demo campaign; a new campaign starts from it.

DATE_PARTS = ("day", "month", "year")
YES_NO = [("True", "Yes, anyone can see it"), ("False", "No, only consultation analysts can")]


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


class DayMonthYear(forms.Widget):
    """The NHS.UK date input: three boxes named like `opens_on[day]`."""

    def value_from_datadict(self, data: Any, files: Any, name: str) -> dict[str, str]:
        return {part: str(data.get(f"{name}[{part}]", "")).strip() for part in DATE_PARTS}

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return all(f"{name}[{part}]" not in data for part in DATE_PARTS)

    def parts(self, value: Any) -> dict[str, str]:
        """What to show in each box: the date saved, or what was typed."""
        if isinstance(value, dt.date):
            return {"day": str(value.day), "month": str(value.month), "year": str(value.year)}
        if isinstance(value, dict):
            return {part: value.get(part, "") for part in DATE_PARTS}
        return dict.fromkeys(DATE_PARTS, "")


def _date_error(message: str, parts: list[str]) -> forms.ValidationError:
    # The parts go with the error so the page can mark just the boxes that are wrong.
    return forms.ValidationError(message, code="date", params={"parts": parts})


def parse_date(typed: dict[str, str], subject: str) -> dt.date | None:
    """A date from its day, month and year boxes, or an error naming the boxes to fix."""
    missing = [part for part in DATE_PARTS if not typed.get(part)]
    if len(missing) == len(DATE_PARTS):
        return None
    if missing:
        raise _date_error(f"{_sentence(subject)} must include a {' and '.join(missing)}", missing)
    not_numbers = [part for part in DATE_PARTS if not typed[part].isdigit()]
    if not_numbers:
        raise _date_error(f"{_sentence(subject)} must be a real date", not_numbers)
    if len(typed["year"]) != 4:
        raise _date_error(f"The year in {subject} must include 4 numbers", ["year"])
    day, month, year = (int(typed[part]) for part in DATE_PARTS)
    if not 1 <= month <= 12:
        raise _date_error(f"{_sentence(subject)} must be a real date", ["month"])
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise _date_error(f"{_sentence(subject)} must be a real date", ["day"]) from None


class DayMonthYearField(forms.Field):
    widget = DayMonthYear

    def __init__(self, *, subject: str, **kwargs: Any) -> None:
        self.subject = subject
        kwargs.setdefault("error_messages", {"required": f"Enter {subject}"})
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> dt.date | None:
        if value is None or isinstance(value, dt.date):
            return value
        return parse_date(value, self.subject)


class DateFormMixin:
    """Marks the right boxes of a date input, and links the error summary to the first one."""

    errors: Any
    fields: dict[str, forms.Field]

    def parts_in_error(self, name: str) -> list[str]:
        if name not in self.errors:
            return []
        parts: list[str] = []
        for error in self.errors.as_data()[name]:
            named = (error.params or {}).get("parts")
            parts += named or list(DATE_PARTS)
        return [part for part in DATE_PARTS if part in parts]

    @property
    def error_list(self) -> list[dict[str, str]]:
        items: list[dict[str, str]] = super().error_list  # type: ignore[misc]
        for name, field in self.fields.items():
            if isinstance(field, DayMonthYearField) and name in self.errors:
                anchor = f"#{self[name].auto_id}"  # type: ignore[index]
                first = f"{anchor}-{self.parts_in_error(name)[0]}"
                items = [{**i, "href": first} if i["href"] == anchor else i for i in items]
        return items


def _position_field(what: str) -> forms.IntegerField:
    return forms.IntegerField(
        label="Position",
        help_text=f"The order of the {what} on the page: 1 comes first.",
        min_value=1,
        max_value=999,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": "Enter the position, like 1",
            "invalid": "Position must be a whole number, like 1",
            "min_value": "Position must be 1 or more",
            "max_value": "Position must be 999 or less",
        },
    )


class CampaignForm(NHSModelForm):
    title = forms.CharField(
        label="Title",
        max_length=200,
        help_text="The heading of the public page, usually a question people can answer.",
        error_messages={
            "required": "Enter a title",
            "max_length": "Title must be 200 characters or fewer",
        },
    )
    slug = forms.CharField(
        label="Web address (optional)",
        required=False,
        max_length=SLUG_LIMIT,
        help_text="The end of the page's address, like digital-skills-2026: lower case letters, "
        "numbers and hyphens. Leave it empty to make one from the title.",
        error_messages={"max_length": f"Web address must be {SLUG_LIMIT} characters or fewer"},
    )
    published = forms.TypedChoiceField(
        label="Show it on the conversations page?",
        choices=YES_NO,
        coerce=lambda value: value == "True",
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether to show the campaign"},
    )

    class Meta:
        model = Campaign
        fields = ["title", "slug", "purpose", "how_used", "what_stored", "published"]
        labels = {
            "purpose": "What the conversation is for",
            "how_used": "How the answers will be used",
            "what_stored": "What is stored",
        }
        help_texts = {
            "purpose": "Shown on the public page, in plain words.",
            "how_used": "Who reads the contributions and what happens to them.",
            "what_stored": "What is kept about each contribution.",
        }
        error_messages = {
            "purpose": {"required": "Enter what the conversation is for"},
            "how_used": {"required": "Enter how the answers will be used"},
            "what_stored": {"required": "Enter what is stored"},
        }
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in STANDARD_WORDING}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            # A new campaign stays hidden until its phases and questions are ready.
            self.initial.update({**STANDARD_WORDING, "published": False})
        else:
            self.fields["slug"].help_text += " Changing it breaks links already shared."

    def clean_slug(self) -> str:
        typed = self.cleaned_data.get("slug", "").strip().lower()
        title = self.cleaned_data.get("title", "")
        slug = typed or slugify(title)[:SLUG_LIMIT].strip("-")
        if not slug:
            if not title:
                return ""  # the title's own error says what to do
            raise forms.ValidationError("Enter a web address, like digital-skills-2026")
        if not SLUG_PATTERN.fullmatch(slug):
            raise forms.ValidationError(
                "Web address must contain only lower case letters, numbers and hyphens, "
                "like digital-skills-2026"
            )
        if slug in RESERVED_SLUGS:
            raise forms.ValidationError(f"“{slug}” is used by the service; choose another")
        if Campaign.objects.filter(slug=slug).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(
                f"Another campaign already uses the web address {slug}; choose another"
            )
        return slug


class PhaseForm(DateFormMixin, NHSModelForm):
    opens_on = DayMonthYearField(
        label="Date it opens",
        subject="the date the phase opens",
        help_text="Contributions are taken from the start of this day. For example, 1 4 2026",
    )
    closes_on = DayMonthYearField(
        label="Date it closes",
        subject="the date the phase closes",
        help_text="Contributions are taken until the end of this day. For example, 30 6 2026",
    )
    position = _position_field("phases")

    class Meta:
        model = Phase
        fields = ["title", "audience", "opens_on", "closes_on", "position"]
        labels = {"title": "Phase title", "audience": "Who this phase is for"}
        help_texts = {
            "title": "For example, Phase 2: clinical staff",
            "audience": "Shown on the public page, so people know whether it is for them.",
        }
        error_messages = {
            "title": {
                "required": "Enter a title for the phase",
                "max_length": "Phase title must be 200 characters or fewer",
            },
            "audience": {"required": "Enter who this phase is for"},
        }
        widgets = {"audience": forms.Textarea(attrs={"rows": 3})}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        opens, closes = cleaned.get("opens_on"), cleaned.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error(
                "closes_on",
                "The date the phase closes must be the same as or after the date it opens",
            )
        return cleaned


class QuestionForm(NHSModelForm):
    text = forms.CharField(
        label="Question",
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Enter the question",
            "max_length": "Question must be 300 characters or fewer",
        },
    )
    position = _position_field("questions in the phase")

    class Meta:
        model = Question
        fields = ["text", "hint", "position"]
        labels = {"hint": "Hint (optional)"}
        help_texts = {
            "hint": "Shown under the question, for example the kind of answer that helps."
        }
        widgets = {"hint": forms.Textarea(attrs={"rows": 2})}
