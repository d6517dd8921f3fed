"""Your data: what is held about you, a copy to download (JSON or PDF), and erasing your account."""

import datetime as dt
import json
from http import HTTPStatus
from typing import Any, cast

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from digiready.accounts.audit import record_export
from digiready.accounts.models import User
from digiready.assessments.personal_data import erase_account, holdings, personal_data
from digiready.core.downloads import attachment, pdf_attachment
from digiready.core.forms import NHSForm
from digiready.core.presenters import format_date
from digiready.core.render import page

SECTION = "Your data"
FILE_NAME = "digital-ready-your-data"


def _person(request: HttpRequest) -> User:
    # Every view that calls this requires sign-in, so the user is a person with an account.
    return cast(User, request.user)


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    # The section's own landing page: its title is not repeated as the section.
    return page(
        request, "assessments/your_data.jinja", "Your data", held=holdings(_person(request))
    )


@login_required
@require_GET
def download_json(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    content = json.dumps(personal_data(person), indent=2, ensure_ascii=False)
    record_export("personal data (JSON)", actor=person, request=request, format="json")
    return attachment(content.encode(), "application/json; charset=utf-8", f"{FILE_NAME}.json")


@login_required
@require_GET
def download_pdf(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    response = pdf_attachment(
        request,
        "assessments/your_data_print.jinja",
        {"data": personal_data(person), "when": readable_time},
        f"{FILE_NAME}.pdf",
    )
    if response.status_code == HTTPStatus.OK:
        record_export("personal data (PDF)", actor=person, request=request, format="pdf")
    return response


def readable_time(value: str | None) -> str:
    """An ISO 8601 time from the copy as people read it.

    >>> readable_time("2026-04-01T14:05:09+00:00")
    '1 April 2026 at 14:05'
    >>> readable_time(None)
    'Never'
    """
    if not value:
        return "Never"
    moment = dt.datetime.fromisoformat(value)
    return f"{format_date(moment)} at {moment:%H:%M}"


class EraseForm(NHSForm):
    password = forms.CharField(
        label="Your password",
        strip=False,
        help_text="We ask for this to check that it is you.",
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Enter your password"},
    )
    understood = forms.MultipleChoiceField(
        label="Confirm that you want to erase your account",
        choices=[("yes", "I understand this cannot be undone")],
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Confirm that you understand erasing your account cannot be undone"
        },
    )

    def __init__(self, person: User, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.person = person

    def clean_password(self) -> str:
        password = str(self.cleaned_data["password"])
        if not self.person.check_password(password):
            raise forms.ValidationError("The password is not correct. Enter your password")
        return password


@login_required
@require_http_methods(["GET", "POST"])
def erase(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    form = EraseForm(person, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        erase_account(person, request=request)
        return redirect("your_data:erased")
    return page(
        request,
        "assessments/your_data_erase.jinja",
        "Erase your account",
        section=SECTION,
        form=form,
        back_href=reverse("your_data:index"),
    )


@require_GET
def erased(request: HttpRequest) -> HttpResponse:
    # Reached after the account and its session have gone, so it needs no sign-in.
    return page(
        request,
        "assessments/your_data_erased.jinja",
        "Your account has been erased",
        section=SECTION,
    )
