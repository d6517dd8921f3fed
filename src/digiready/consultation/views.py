"""The conversation: public pages for contributing, reading and voting; moderation and analysis
pages for consultation analysts."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from functools import wraps
from http import HTTPStatus
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST
from openpyxl import Workbook

from digiready.accounts.audit import record_export
from digiready.consultation import analysis, services
from digiready.consultation.forms import (
    CommentForm,
    ContributionForm,
    ModerationForm,
    RunForm,
    ThemeEditForm,
)
from digiready.consultation.models import (
    Campaign,
    Comment,
    Contribution,
    Question,
    Status,
    ThemeRun,
    Vote,
)
from digiready.consultation.redaction import in_words
from digiready.core.downloads import attachment, pdf_attachment
from digiready.core.exports import spreadsheet_safe
from digiready.core.render import page

SECTION = "Online conversation"
View = Callable[..., HttpResponse]


def _is_analyst(request: HttpRequest) -> bool:
    return bool(
        request.user.is_authenticated and request.scope.is_consultation_analyst  # type: ignore[attr-defined]
    )


def analyst_required(view: View) -> View:
    @wraps(view)
    @login_required
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not _is_analyst(request):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def _campaign(slug: str, request: HttpRequest | None = None) -> Campaign:
    campaign = get_object_or_404(Campaign, slug=slug)
    if not campaign.published and not (request and _is_analyst(request)):
        raise Http404
    return campaign


# Public pages -------------------------------------------------------------------------------


def index(request: HttpRequest) -> HttpResponse:
    campaigns = Campaign.objects.filter(published=True).prefetch_related("phases")
    return page(
        request,
        "consultation/index.jinja",
        "Online conversations",
        section=SECTION,
        campaigns=campaigns,
        is_analyst=_is_analyst(request),
    )


def campaign_detail(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = _campaign(slug, request)
    phases = campaign.phases.prefetch_related("questions")
    recent = (
        Contribution.objects.published()
        .in_campaign(campaign)
        .select_related("question")
        .order_by("-created_on", "-id")[:20]
    )
    return page(
        request,
        "consultation/campaign.jinja",
        campaign.title,
        section=SECTION,
        campaign=campaign,
        phases=phases,
        recent=recent,
        is_analyst=_is_analyst(request),
        my_votes=_my_votes(request, recent),
    )


def _my_votes(request: HttpRequest, contributions: Any) -> dict[int, int]:
    key = request.session.get(services.PARTICIPANT_KEY)
    if not key:
        return {}
    return dict(
        Vote.objects.filter(participant=key, contribution__in=list(contributions)).values_list(
            "contribution_id", "value"
        )
    )


def _open_question(campaign: Campaign, question_id: int) -> Question:
    question = get_object_or_404(
        Question.objects.select_related("phase"), pk=question_id, phase__campaign=campaign
    )
    if not question.phase.is_open():
        raise Http404("This question is not open for contributions.")
    return question


@require_http_methods(["GET", "POST"])
def contribute(request: HttpRequest, slug: str, question_id: int) -> HttpResponse:
    campaign = _campaign(slug, request)
    question = _open_question(campaign, question_id)
    form = ContributionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if services.over_rate_limit(request):
            return _too_many(request, campaign)
        if not form.is_robot():
            services.submit(question, form.cleaned_data["text"], **form.declared())
        return redirect("consultation:thanks", campaign.slug, question.pk)
    return page(
        request,
        "consultation/contribute.jinja",
        question.text,
        section=SECTION,
        campaign=campaign,
        question=question,
        form=form,
        back_href=reverse("consultation:campaign", args=[campaign.slug]),
    )


def _too_many(request: HttpRequest, campaign: Campaign) -> HttpResponse:
    return page(
        request,
        "consultation/too_many.jinja",
        "You have sent a lot of contributions",
        section=SECTION,
        campaign=campaign,
        status=429,
    )


def thanks(request: HttpRequest, slug: str, question_id: int) -> HttpResponse:
    campaign = _campaign(slug, request)
    question = get_object_or_404(Question, pk=question_id, phase__campaign=campaign)
    return page(
        request,
        "consultation/thanks.jinja",
        "Thank you for your contribution",
        section=SECTION,
        campaign=campaign,
        question=question,
    )


@require_http_methods(["GET", "POST"])
def contribution_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    campaign = _campaign(slug, request)
    contribution = get_object_or_404(
        Contribution.objects.published().in_campaign(campaign).select_related("question"), pk=pk
    )
    form = CommentForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if services.over_rate_limit(request):
            return _too_many(request, campaign)
        if not form.cleaned_data.get("website"):
            services.comment(contribution, form.cleaned_data["text"])
        messages.success(request, "Thank you. Your comment will appear once it has been checked.")
        return redirect("consultation:contribution", campaign.slug, contribution.pk)
    return page(
        request,
        "consultation/contribution.jinja",
        "A contribution",
        section=SECTION,
        campaign=campaign,
        contribution=contribution,
        comments=contribution.comments.filter(status=Status.APPROVED),
        form=form,
        my_votes=_my_votes(request, [contribution]),
        back_href=reverse("consultation:campaign", args=[campaign.slug]),
    )


@require_POST
def vote(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    campaign = _campaign(slug, request)
    contribution = get_object_or_404(Contribution.objects.published().in_campaign(campaign), pk=pk)
    try:
        value = int(request.POST.get("value", ""))
    except ValueError:
        value = 99
    if value not in Vote.Value.values:
        raise Http404("Choose agree, disagree or pass.")
    services.vote(contribution, services.participant(request), value)
    target = request.POST.get("next", "")
    if not target.startswith("/conversations/"):
        target = reverse("consultation:campaign", args=[campaign.slug])
    return redirect(f"{target}#contribution-{contribution.pk}")


# Moderation ---------------------------------------------------------------------------------


@analyst_required
def moderation_queue(request: HttpRequest) -> HttpResponse:
    return page(
        request,
        "consultation/queue.jinja",
        "Moderation queue",
        section=SECTION,
        contributions=Contribution.objects.pending().select_related("question__phase__campaign"),
        comments=Comment.objects.filter(status=Status.PENDING).select_related(
            "contribution__question__phase__campaign"
        ),
        column_width="full",
    )


@analyst_required
@require_http_methods(["GET", "POST"])
def moderate(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    model: type[Contribution] | type[Comment] = Contribution if kind == "contribution" else Comment
    item = get_object_or_404(model, pk=pk, status=Status.PENDING)
    form = ModerationForm(
        request.POST if request.method == "POST" else None, initial={"text": item.text}
    )
    if request.method == "POST" and form.is_valid():
        services.moderate(
            item,
            approve=form.cleaned_data["decision"] == "approve",
            text=form.cleaned_data["text"],
            reason=form.cleaned_data["reason"],
            by=request.user,
        )
        left = Contribution.objects.pending().count()
        messages.success(request, f"Saved. {left:,} contributions are still waiting.")
        return redirect("consultation:queue")
    return page(
        request,
        "consultation/moderate.jinja",
        f"Check this {kind}",
        section=SECTION,
        item=item,
        kind=kind,
        removed=in_words(item.redactions),
        form=form,
        back_href=reverse("consultation:queue"),
    )


# Analysis -----------------------------------------------------------------------------------


@analyst_required
@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = _campaign(slug, request)
    form = RunForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        started = analysis.start_run(campaign, form.cleaned_data.get("n_themes"))
        return redirect("consultation:run", campaign.slug, started.pk)
    run = analysis.latest_run(campaign)
    return page(
        request,
        "consultation/report.jinja",
        f"Report: {campaign.title}",
        section=SECTION,
        campaign=campaign,
        form=form,
        run=run,
        themes=analysis.theme_reports(run) if run else [],
        participation=analysis.participation(campaign),
        opinions=analysis.opinion_report(campaign),
        column_width="full",
    )


@analyst_required
def run_status(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    campaign = _campaign(slug, request)
    run = get_object_or_404(ThemeRun, pk=pk, campaign=campaign)
    if run.state == ThemeRun.State.DONE:
        messages.success(request, run.message)
        return redirect("consultation:report", campaign.slug)
    return page(
        request,
        "consultation/run.jinja",
        "Finding themes",
        section=SECTION,
        campaign=campaign,
        run=run,
        refresh=run.state in (ThemeRun.State.QUEUED, ThemeRun.State.RUNNING),
    )


@analyst_required
@require_POST
def edit_themes(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = _campaign(slug, request)
    run = analysis.latest_run(campaign)
    if run is None:
        raise Http404
    form = ThemeEditForm(request.POST, run=run)
    if form.is_valid():
        analysis.edit(
            run,
            form.cleaned_data["kind"],
            list(form.cleaned_data["themes"]),
            name=form.cleaned_data.get("name", ""),
            by=request.user,
        )
        messages.success(request, "The themes have been changed.")
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    return redirect(reverse("consultation:report", args=[campaign.slug]) + "#themes")


def _export_rows(campaign: Campaign, kind: str) -> list[list[object]]:
    run = analysis.latest_run(campaign)
    if kind == "contributions":
        theme_of: dict[int, str] = {}
        if run:
            for theme in run.themes.prefetch_related("contributions"):
                for contribution in theme.contributions.all():
                    theme_of[contribution.pk] = theme.display_name
        rows: list[list[object]] = [["id", "question", "text", "theme", "date"]]
        for c in Contribution.objects.published().in_campaign(campaign).select_related("question"):
            rows.append(
                [c.pk, c.question.text, c.text, theme_of.get(c.pk, ""), c.created_on.isoformat()]
            )
        return rows
    if kind == "themes" and run:
        rows = [["theme", "label", "contributions", "phrases"]]
        for report in analysis.theme_reports(run):
            theme = report.theme
            rows.append([theme.display_name, theme.label, report.size, "; ".join(theme.phrases)])
        return rows
    raise Http404


@analyst_required
def export(request: HttpRequest, slug: str, kind: str, fmt: str) -> HttpResponse:
    """Published (redacted) contributions or themes, as CSV or Excel; every export is logged."""
    campaign = _campaign(slug, request)
    rows = [[spreadsheet_safe(str(cell)) for cell in row] for row in _export_rows(campaign, kind)]
    if fmt == "xlsx":
        book = Workbook(write_only=True)
        sheet = book.create_sheet(kind.capitalize())
        for row in rows:
            sheet.append(row)
        out = io.BytesIO()
        book.save(out)
        content: bytes | str = out.getvalue()
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        text = io.StringIO()
        csv.writer(text).writerows(rows)
        content, content_type = text.getvalue(), "text/csv; charset=utf-8"
    record_export(f"{campaign} {kind}", actor=request.user, request=request, format=fmt)  # type: ignore[arg-type]
    return attachment(content, content_type, f"{campaign.slug}-{kind}.{fmt}")


@analyst_required
def report_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    """The report as a PDF: the same figures, with the same suppression, as the page."""
    campaign = _campaign(slug, request)
    run = analysis.latest_run(campaign)
    response = pdf_attachment(
        request,
        "consultation/report_pdf.jinja",
        {
            "campaign": campaign,
            "run": run,
            "themes": analysis.theme_reports(run) if run else [],
            "participation": analysis.participation(campaign),
            "opinions": analysis.opinion_report(campaign),
            "today": dt.date.today(),
        },
        f"{campaign.slug}-report.pdf",
    )
    if response.status_code == HTTPStatus.OK:
        record_export(f"{campaign} report", actor=request.user, request=request, format="pdf")  # type: ignore[arg-type]
    return response
