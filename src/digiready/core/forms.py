"""Forms that render as NHS.UK design-system components, with the error summary."""

from typing import Any

from django import forms


class NHSFormMixin:
    """Adds what the layout's error summary needs: each error with a link to its field."""

    errors: Any
    fields: dict[str, forms.Field]

    @property
    def error_list(self) -> list[dict[str, str]]:
        items = []
        for name, messages in self.errors.items():
            if name == "__all__":
                items += [
                    {"text": str(message), "href": "#main-content-errors"} for message in messages
                ]
                continue
            # The nhsuk macros give a radio or checkbox group's first option the group's own id.
            anchor = self[name].auto_id  # type: ignore[index]
            items += [{"text": str(message), "href": f"#{anchor}"} for message in messages]
        return items

    @property
    def non_field_error_messages(self) -> list[str]:
        return [str(message) for message in self.errors.get("__all__", [])]


class NHSForm(NHSFormMixin, forms.Form):
    pass


class NHSModelForm(NHSFormMixin, forms.ModelForm):
    pass
