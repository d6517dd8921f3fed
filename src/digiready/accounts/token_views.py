"""The pages where a person creates, sees and revokes their own API tokens."""

import datetime as dt

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_http_methods

from digiready.accounts.models import ApiToken
from digiready.accounts.tokens import MAX_DAYS, issue_token, revoke, tokens_of
from digiready.accounts.views import SECTION
from digiready.core.forms import NHSForm
from digiready.core.presenters import format_date
from digiready.core.render import page


class TokenForm(NHSForm):
    name = forms.CharField(
        label="What is the token for?",
        max_length=100,
        help_text="For example, the name of the program or script that will use it.",
        error_messages={
            "required": "Enter what the token is for",
            "max_length": "What the token is for must be 100 characters or fewer",
        },
    )
    days = forms.IntegerField(
        label="How many days should the token last? (optional)",
        required=False,
        min_value=1,
        max_value=MAX_DAYS,
        help_text=f"From 1 to {MAX_DAYS}. Leave it empty for a token that lasts until you "
        "revoke it.",
        error_messages={
            "invalid": "Enter the number of days as a whole number, like 90",
            "min_value": "The token must last at least 1 day",
            "max_value": f"The token can last {MAX_DAYS} days at most",
        },
        # A text box, as the design system advises for numbers; the template asks for digits.
        widget=forms.TextInput(),
    )

    def clean_name(self) -> str:
        name = str(self.cleaned_data["name"]).strip()
        if not name:
            raise forms.ValidationError("Enter what the token is for")
        return name


def _own_tokens(request: HttpRequest) -> QuerySet[ApiToken]:
    # Revoked tokens no longer do anything, so they are not listed.
    return tokens_of(request.user)  # type: ignore[arg-type]


def _when(moment: dt.datetime | None, empty: str) -> str:
    return format_date(timezone.localtime(moment)) if moment else empty


def _expires(token: ApiToken) -> str:
    if token.expires_at is None:
        return "Never"
    expired = token.expires_at <= timezone.now()
    return ("Expired on " if expired else "") + _when(token.expires_at, "Never")


def token_row(token: ApiToken) -> dict[str, object]:
    """A token as its table row and summary show it, in local time."""
    return {
        "pk": token.pk,
        "name": token.name,
        "prefix": token.prefix,
        "created": _when(token.created_at, "Not known"),
        "last_used": _when(token.last_used_at, "Never used"),
        "expires": _expires(token),
    }


@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    return page(
        request,
        "accounts/tokens.jinja",
        "Your API tokens",
        section=SECTION,
        rows=[token_row(token) for token in _own_tokens(request)],
        column_width="full",
    )


@login_required
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        token, secret = issue_token(
            request.user,  # type: ignore[arg-type]
            form.cleaned_data["name"],
            days=form.cleaned_data["days"],
            request=request,
        )
        return _created(request, token, secret)
    return page(
        request,
        "accounts/tokens_create.jinja",
        "Create an API token",
        section=SECTION,
        form=form,
        back_href=reverse("accounts:tokens"),
    )


def _created(request: HttpRequest, token: ApiToken, secret: str) -> HttpResponse:
    """The one page that shows the secret: rendered in answer to the POST, never stored."""
    response = page(
        request,
        "accounts/tokens_created.jinja",
        "Your API token has been created",
        section=SECTION,
        token=token,
        secret=secret,
        expires=_expires(token),
    )
    add_never_cache_headers(response)
    return response


@login_required
@require_http_methods(["GET", "POST"])
def revoke_token(request: HttpRequest, pk: int) -> HttpResponse:
    # Looked up among the person's own tokens, so anyone else's is "not found".
    token = get_object_or_404(_own_tokens(request), pk=pk)
    if request.method == "POST":
        revoke(token, by=request.user, request=request)  # type: ignore[arg-type]
        messages.info(request, f"The token {token.name} has been revoked.")
        return redirect("accounts:tokens")
    return page(
        request,
        "accounts/tokens_revoke.jinja",
        f"Revoke the token {token.name}?",
        section=SECTION,
        row=token_row(token),
        back_href=reverse("accounts:tokens"),
    )
