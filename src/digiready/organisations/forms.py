from typing import Any

from django import forms
from django.db.models import QuerySet

from digiready.core.forms import NHSForm


class OnDateForm(NHSForm):
    on = forms.DateField(
        label="Show organisations as they stood on",
        help_text="For example, 2026-04-01. Leave empty for today.",
        required=False,
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        error_messages={"invalid": "Enter a real date, like 2026-04-01"},
    )


class GrantLeadForm(NHSForm):
    person: "forms.ModelChoiceField[Any]" = forms.ModelChoiceField(queryset=None)
    action = forms.ChoiceField(choices=[("grant", "Make lead"), ("revoke", "Remove lead role")])

    def __init__(self, *args: Any, members: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["person"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = members
