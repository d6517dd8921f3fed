"""The catalogue filter and the catalogue upload."""

from __future__ import annotations

from typing import Any

from django import forms

from digiready.core.forms import NHSForm
from digiready.learning.browse import COST_CHOICES
from digiready.learning.models import Format
from digiready.learning.store import MAX_UPLOAD_BYTES


class FilterForm(NHSForm):
    domain = forms.ChoiceField(label="Domain", required=False)
    format = forms.ChoiceField(
        label="Format", required=False, choices=[("", "Any format"), *Format.choices]
    )
    cost = forms.ChoiceField(label="Cost", required=False, choices=COST_CHOICES)

    def __init__(self, *args: Any, domains: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        domain = self.fields["domain"]
        assert isinstance(domain, forms.ChoiceField)
        domain.choices = domains

    def chosen(self, query: Any) -> dict[str, str]:
        """The filters in ``query`` that this form offers; others (an old link) are ignored
        rather than shown as errors, since nobody typed them."""
        found = {}
        for name, field in self.fields.items():
            value = query.get(name, "")
            if value and value in {str(choice) for choice, _ in field.choices}:  # type: ignore[attr-defined]
                found[name] = value
        return found


class ImportForm(NHSForm):
    """The upload; a file that cannot be imported puts each of its problems in the summary."""

    SHOWN = 200  # problems listed; a file with more is almost always the wrong file

    problems: list[str]

    file = forms.FileField(
        label="Upload a catalogue file",
        help_text="A spreadsheet saved as CSV (.csv), with the columns listed above.",
        error_messages={"required": "Choose a catalogue file to upload"},
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                f"The file must be smaller than {MAX_UPLOAD_BYTES // 1_000_000} MB"
            )
        return upload

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.problems = []

    def refuse(self, problems: list[str]) -> None:
        self.problems = problems
        count = len(problems)
        self.add_error(
            "file",
            f"The file cannot be imported: {count:,} {'problem' if count == 1 else 'problems'} "
            "found. Nothing was changed.",
        )

    @property
    def error_list(self) -> list[dict[str, str]]:
        # Every problem is about the file, so each links to the upload to try again.
        anchor = f"#{self['file'].auto_id}"
        items = super().error_list
        items += [{"text": problem, "href": anchor} for problem in self.problems[: self.SHOWN]]
        if len(self.problems) > self.SHOWN:
            more = len(self.problems) - self.SHOWN
            items.append({"text": f"And {more:,} more problems", "href": anchor})
        return items
