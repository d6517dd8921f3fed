"""Sign-in, sign-up, profile and password forms, rendered as NHS.UK components."""

import datetime as dt
from typing import Any

from django import forms
from django.apps import apps
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.db.models import QuerySet

from digiready.accounts.models import AuditEvent, User
from digiready.accounts.professions import PROFESSION_CHOICES, staff_group_for
from digiready.core.forms import NHSForm, NHSFormMixin, NHSModelForm


def provider_choices() -> QuerySet[Any]:
    # Looked up through the app registry: organisations builds on accounts, not the reverse.
    organisation = apps.get_model("organisations", "Organisation")
    return organisation.objects.providers().on(dt.date.today()).order_by("name")


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.ods_code})"


class SignInForm(NHSFormMixin, AuthenticationForm):
    username = forms.EmailField(
        label="Email address", widget=forms.EmailInput(attrs={"autocomplete": "username"})
    )
    password = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        "invalid_login": "Enter a correct email address and password. Both are case-sensitive "
        "for the password only.",
        "inactive": "This account has been closed.",
    }

    def clean_username(self) -> str:
        return str(self.cleaned_data["username"]).lower()


class ProfileFields(NHSModelForm):
    organisation = OrganisationChoiceField(
        queryset=None,
        label="Which organisation do you work for?",
        empty_label="Choose your organisation",
        error_messages={"required": "Choose the organisation you work for"},
    )
    profession = forms.ChoiceField(
        label="What is your profession or role?",
        choices=[("", "Choose your profession or role"), *PROFESSION_CHOICES],
        help_text="We use this to choose the questions for your role. Your staff group follows "
        "from it.",
        error_messages={"required": "Choose your profession or role"},
    )

    class Meta:
        model = User
        fields = ["full_name", "organisation", "profession"]
        labels = {"full_name": "Full name"}
        error_messages = {"full_name": {"required": "Enter your full name"}}
        widgets = {"full_name": forms.TextInput(attrs={"autocomplete": "name"})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = provider_choices()

    def save(self, commit: bool = True) -> User:
        user: User = super().save(commit=False)
        user.staff_group = staff_group_for(user.profession)
        if commit:
            user.save()
        return user


class SignUpForm(ProfileFields):
    email = forms.EmailField(
        label="Work email address",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": "Enter your work email address",
            "invalid": "Enter an email address in the correct format, like name@nhs.net",
        },
    )
    password1 = forms.CharField(
        label="Create a password",
        strip=False,
        help_text="Use at least 10 characters. Avoid common words and passwords you use elsewhere.",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Create a password"},
    )
    password2 = forms.CharField(
        label="Confirm your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Confirm your password"},
    )

    class Meta(ProfileFields.Meta):
        fields = ["full_name", "email", "organisation", "profession"]

    field_order = ["full_name", "email", "organisation", "profession", "password1", "password2"]

    def clean_email(self) -> str:
        email = str(self.cleaned_data["email"]).lower()
        if User.objects.filter(email=email).exists():
            raise forms.ValidationError(
                "An account already exists for this email address. Sign in or reset your password."
            )
        return email

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", "The passwords do not match")
        elif first:
            candidate = User(email=cleaned.get("email", ""), full_name=cleaned.get("full_name", ""))
            try:
                password_validation.validate_password(first, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned

    def save(self, commit: bool = True) -> User:
        user = super().save(commit=False)
        user.set_password(self.cleaned_data["password1"])
        if commit:
            user.save()
        return user


class ProfileForm(ProfileFields):
    pass


class ResetRequestForm(NHSFormMixin, PasswordResetForm):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"required": "Enter your email address"},
    )


class NewPasswordForm(NHSFormMixin, SetPasswordForm):
    pass


class AuditFilterForm(NHSForm):
    action = forms.ChoiceField(
        label="Show", choices=[("", "All events"), *AuditEvent.Action.choices], required=False
    )
