"""Signing up, in and out, resetting a password, your details, and the audit log."""

import csv
from typing import Any

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordResetForm
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.views.decorators.http import require_http_methods

from digiready.accounts.audit import record, record_export
from digiready.accounts.forms import (
    AuditFilterForm,
    NewPasswordForm,
    ProfileForm,
    ResetRequestForm,
    SignInForm,
    SignUpForm,
)
from digiready.accounts.models import AuditEvent
from digiready.core.downloads import attachment
from digiready.core.exports import spreadsheet_safe
from digiready.core.render import page

SECTION = "Your account"


class PageTitleMixin:
    page_title = ""

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)  # type: ignore[misc]
        context.setdefault("page_title", self.page_title)
        context.setdefault("section", SECTION)
        return context


class SignInView(PageTitleMixin, auth_views.LoginView):
    form_class = SignInForm
    template_name = "accounts/sign_in.jinja"
    page_title = "Sign in"
    redirect_authenticated_user = True


@require_http_methods(["GET", "POST"])
def sign_out(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        logout(request)
        messages.info(request, "You have signed out.")
        return redirect("core:start")
    if not request.user.is_authenticated:
        return redirect("core:start")
    return page(
        request, "accounts/sign_out.jinja", "Are you sure you want to sign out?", section=SECTION
    )


@require_http_methods(["GET", "POST"])
def sign_up(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("core:home")
    form = SignUpForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        record(AuditEvent.Action.ACCOUNT_CREATED, actor=user, request=request)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.info(request, "Your account has been created.")
        return redirect("core:home")
    return page(request, "accounts/sign_up.jinja", "Create an account", section=SECTION, form=form)


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    form = ProfileForm(request.POST if request.method == "POST" else None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.info(request, "Your details have been saved.")
        return redirect("core:home")
    return page(request, "accounts/profile.jinja", "Your details", section=SECTION, form=form)


class ResetRequestView(PageTitleMixin, auth_views.PasswordResetView):
    form_class = ResetRequestForm
    template_name = "accounts/password_reset.jinja"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password-reset-sent")
    page_title = "Reset your password"

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        record(
            AuditEvent.Action.PASSWORD_RESET,
            actor_label=form.cleaned_data["email"],
            request=self.request,
        )
        return super().form_valid(form)


class ResetSentView(PageTitleMixin, auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_sent.jinja"
    page_title = "Check your email"


class ResetConfirmView(PageTitleMixin, auth_views.PasswordResetConfirmView):
    form_class = NewPasswordForm
    template_name = "accounts/password_reset_confirm.jinja"
    success_url = reverse_lazy("accounts:password-reset-complete")
    page_title = "Choose a new password"


class ResetCompleteView(PageTitleMixin, auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.jinja"
    page_title = "Your password has been changed"


def locked_out(
    request: HttpRequest, credentials: dict[str, Any] | None = None, *args: Any, **kwargs: Any
) -> HttpResponse:
    """What a person sees after too many failed sign-ins (called by django-axes)."""
    return page(
        request,
        "accounts/locked_out.jinja",
        "Your account is locked for 15 minutes",
        section=SECTION,
        status=429,
    )


def _require_administrator(request: HttpRequest) -> None:
    if not request.scope.is_administrator:  # type: ignore[attr-defined]
        raise PermissionDenied


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    _require_administrator(request)
    form = AuditFilterForm(request.GET or None)
    events = request.scope.audit_events()  # type: ignore[attr-defined]
    if form.is_valid() and form.cleaned_data["action"]:
        events = events.filter(action=form.cleaned_data["action"])
    if request.GET.get("format") == "csv":
        return _audit_csv(request, events)
    page_obj = Paginator(events, 50).get_page(request.GET.get("page"))
    return page(
        request,
        "accounts/audit_log.jinja",
        "Audit log",
        form=form,
        page_obj=page_obj,
        column_width="full",
        query=request.GET.get("action", ""),
    )


def _audit_csv(request: HttpRequest, events: Any) -> HttpResponse:
    response = attachment("", "text/csv; charset=utf-8", "digiready-audit-log.csv")
    writer = csv.writer(response)
    writer.writerow(["when", "who", "action", "target", "ip_address", "detail"])
    count = 0
    for event in events.iterator():
        cells = [event.at.isoformat(), event.actor_label, event.action, event.target]
        writer.writerow(
            [spreadsheet_safe(cell) for cell in [*cells, event.ip_address, event.detail]]
        )
        count += 1
    record_export("audit log (CSV)", actor=request.user, request=request, rows=count)  # type: ignore[arg-type]
    return response
