"""The questionnaire's forms: the role question, and one page of items per domain."""

from __future__ import annotations

from typing import Any

from django import forms

from digiready.assessments.questionnaire import MISSING_LABELS, Item, Section
from digiready.core.forms import NHSForm
from digiready.frameworks.profiles import ARCHETYPES


class StartForm(NHSForm):
    archetype = forms.ChoiceField(
        label="Which best describes what you do with digital tools in your role?",
        choices=[(a.code, a.name) for a in ARCHETYPES],
        widget=forms.RadioSelect,
        error_messages={"required": "Select which best describes your role"},
    )


def field_name(position: int) -> str:
    return f"item_{position}"


class SectionForm(NHSForm):
    """One radio group per item. Saving part of a page is allowed ("come back later"); carrying
    on to the next page asks for every item on this one."""

    def __init__(
        self,
        section: Section,
        *args: Any,
        require_all: bool = False,
        person: bool = True,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.section = section
        self.require_all = require_all
        self.person = person
        for position, item in enumerate(section.items, start=1):
            choices = [(str(c.value), c.label) for c in item.choices]
            choices += [(m, MISSING_LABELS[m]) for m in item.missing]
            self.fields[field_name(position)] = forms.ChoiceField(
                label=item.title, choices=choices, required=False, widget=forms.RadioSelect
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.require_all:
            for position, item in enumerate(self.section.items, start=1):
                if not cleaned.get(field_name(position)):
                    self.add_error(field_name(position), _required_message(item, self.person))
        return cleaned

    def answers(self) -> dict[str, str]:
        """Link id -> token for the items answered on this page."""
        cleaned = getattr(self, "cleaned_data", {})
        return {
            item.link_id: cleaned[field_name(position)]
            for position, item in enumerate(self.section.items, start=1)
            if cleaned.get(field_name(position))
        }

    @property
    def error_list(self) -> list[dict[str, str]]:
        # The first radio of an nhsuk radios group has the group's id itself.
        return [
            {"text": str(message), "href": f"#{name}"}
            for name, messages in self.errors.items()
            for message in messages
        ]


def _required_message(item: Item, person: bool) -> str:
    other = " or ".join(f"'{MISSING_LABELS[m]}'" for m in item.missing)
    who = "you" if person else "your organisation"
    return f"Select the statement that best describes {who} for {item.title}, or {other}"
