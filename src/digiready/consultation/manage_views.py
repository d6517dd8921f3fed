"""Pages where consultation analysts set up campaigns, their phases and their questions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.db import transaction
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from digiready.accounts.audit import record
from digiready.accounts.models import AuditEvent
from digiready.consultation.manage_forms import CampaignForm, PhaseForm, QuestionForm
from digiready.consultation.models import Campaign, Contribution, Phase, Question
from digiready.consultation.views import SECTION, analyst_required
from digiready.core.presenters import format_date
from digiready.core.render import page


def _campaign(slug: str) -> Campaign:
    return get_object_or_404(Campaign, slug=slug)


def _phase(campaign: Campaign, phase_id: int) -> Phase:
    return get_object_or_404(campaign.phases, pk=phase_id)


def _question(campaign: Campaign, question_id: int) -> Question:
    return get_object_or_404(
        Question.objects.select_related("phase"), pk=question_id, phase__campaign=campaign
    )


def _manage_url(campaign: Campaign, anchor: str = "") -> str:
    return reverse("consultation:manage-campaign", args=[campaign.slug]) + anchor


def _audit(request: HttpRequest, campaign: Campaign, change: str, **detail: Any) -> None:
    record(
        AuditEvent.Action.CAMPAIGN_CHANGED,
        actor=request.user,  # type: ignore[arg-type]
        target=campaign.title,
        request=request,
        slug=campaign.slug,
        change=change,
        **detail,
    )


def _contributions(count: int) -> str:
    return f"{count:,} contribution" + ("" if count == 1 else "s")


def phase_status(phase: Phase, today: dt.date) -> str:
    """Whether a phase takes contributions, in words, so it never rests on colour."""
    state = phase.state(today)
    if state == "upcoming":
        return f"Upcoming: opens on {format_date(phase.opens_on)}"
    if state == "closed":
        return f"Closed on {format_date(phase.closes_on)}"
    return f"Open: taking contributions until {format_date(phase.closes_on)}"


def _form_data(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


# Campaigns ----------------------------------------------------------------------------------


@analyst_required
def campaigns(request: HttpRequest) -> HttpResponse:
    found = Campaign.objects.annotate(
        phase_count=Count("phases", distinct=True),
        contribution_count=Count("phases__questions__contributions", distinct=True),
    ).order_by("title")
    return page(
        request,
        "consultation/manage_list.jinja",
        "Manage campaigns",
        section=SECTION,
        campaigns=found,
        back_href=reverse("consultation:index"),
        column_width="full",
    )


@analyst_required
@require_http_methods(["GET", "POST"])
def edit_campaign(request: HttpRequest, slug: str = "") -> HttpResponse:
    campaign = _campaign(slug) if slug else None
    # Taken before validation, which writes what was typed into the campaign, saved or not.
    caption = campaign.title if campaign else "Manage campaigns"
    back_href = _manage_url(campaign) if campaign else reverse("consultation:manage-campaigns")
    form = CampaignForm(_form_data(request), instance=campaign)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            saved: Campaign = form.save()
            _audit(
                request,
                saved,
                "details changed" if campaign else "created",
                fields=form.changed_data,
            )
        messages.success(request, f"Saved {saved.title}.")
        return redirect(_manage_url(saved))
    return page(
        request,
        "consultation/manage_form.jinja",
        "Change the campaign's details" if campaign else "Create a campaign",
        section=SECTION,
        form=form,
        caption=caption,
        back_href=back_href,
    )


def _phase_summaries(campaign: Campaign, today: dt.date) -> list[dict[str, Any]]:
    counts = dict(
        Contribution.objects.in_campaign(campaign)
        .values("question")
        .annotate(n=Count("id"))
        .values_list("question", "n")
    )
    return [
        {
            "phase": phase,
            "status": phase_status(phase, today),
            "questions": [(q, counts.get(q.pk, 0)) for q in phase.questions.all()],
        }
        for phase in campaign.phases.prefetch_related("questions")
    ]


@analyst_required
def manage_campaign(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = _campaign(slug)
    return page(
        request,
        "consultation/manage_campaign.jinja",
        campaign.title,
        section=SECTION,
        campaign=campaign,
        phases=_phase_summaries(campaign, dt.date.today()),
        contributions=_contributions,
        back_href=reverse("consultation:manage-campaigns"),
    )


# Phases -------------------------------------------------------------------------------------


@analyst_required
@require_http_methods(["GET", "POST"])
def edit_phase(request: HttpRequest, slug: str, phase_id: int | None = None) -> HttpResponse:
    campaign = _campaign(slug)
    phase = _phase(campaign, phase_id) if phase_id else None
    initial = {} if phase else {"position": campaign.phases.count() + 1}
    title = f"Change {phase.title}" if phase else "Add a phase"  # before validation changes it
    form = PhaseForm(_form_data(request), instance=phase, initial=initial)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            saved: Phase = form.save(commit=False)
            saved.campaign = campaign
            saved.save()
            change = "phase changed" if phase else "phase added"
            _audit(request, campaign, change, phase=saved.title, fields=form.changed_data)
        messages.success(request, f"Saved {saved.title}.")
        return redirect(_manage_url(campaign, f"#phase-{saved.pk}"))
    return page(
        request,
        "consultation/manage_form.jinja",
        title,
        section=SECTION,
        form=form,
        caption=campaign.title,
        back_href=_manage_url(campaign),
    )


@analyst_required
@require_http_methods(["GET", "POST"])
def delete_phase(request: HttpRequest, slug: str, phase_id: int) -> HttpResponse:
    campaign = _campaign(slug)
    phase = _phase(campaign, phase_id)
    held = Contribution.objects.filter(question__phase=phase).count()
    if held:
        return _refuse(
            request,
            campaign,
            f"Delete {phase.title}?",
            f"This phase cannot be deleted because its questions have {_contributions(held)}.",
        )
    if request.method == "POST":
        with transaction.atomic():
            phase.delete()
            _audit(request, campaign, "phase deleted", phase=phase.title)
        messages.success(request, f"Deleted {phase.title}.")
        return redirect(_manage_url(campaign))
    questions = phase.questions.count()
    return _confirm(
        request,
        campaign,
        f"Delete {phase.title}?",
        f"This deletes the phase and its {questions:,} "
        + ("question" if questions == 1 else "questions")
        + ". Nobody has contributed to them yet.",
        "Delete this phase",
    )


# Questions ----------------------------------------------------------------------------------


@analyst_required
@require_http_methods(["GET", "POST"])
def add_question(request: HttpRequest, slug: str, phase_id: int) -> HttpResponse:
    campaign = _campaign(slug)
    phase = _phase(campaign, phase_id)
    return _question_page(request, campaign, phase, None)


@analyst_required
@require_http_methods(["GET", "POST"])
def edit_question(request: HttpRequest, slug: str, question_id: int) -> HttpResponse:
    campaign = _campaign(slug)
    question = _question(campaign, question_id)
    return _question_page(request, campaign, question.phase, question)


def _question_page(
    request: HttpRequest, campaign: Campaign, phase: Phase, question: Question | None
) -> HttpResponse:
    initial = {} if question else {"position": phase.questions.count() + 1}
    form = QuestionForm(_form_data(request), instance=question, initial=initial)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            saved: Question = form.save(commit=False)
            saved.phase = phase
            saved.save()
            change = "question changed" if question else "question added"
            _audit(request, campaign, change, phase=phase.title, question=saved.text)
        messages.success(request, "Saved the question.")
        return redirect(_manage_url(campaign, f"#phase-{phase.pk}"))
    return page(
        request,
        "consultation/manage_form.jinja",
        "Change a question" if question else "Add a question",
        section=SECTION,
        form=form,
        caption=phase.title,
        back_href=_manage_url(campaign),
    )


@analyst_required
@require_http_methods(["GET", "POST"])
def delete_question(request: HttpRequest, slug: str, question_id: int) -> HttpResponse:
    campaign = _campaign(slug)
    question = _question(campaign, question_id)
    held = question.contributions.count()
    if held:
        return _refuse(
            request,
            campaign,
            "Delete this question?",
            f"This question cannot be deleted because it has {_contributions(held)}.",
        )
    if request.method == "POST":
        with transaction.atomic():
            question.delete()
            _audit(request, campaign, "question deleted", question=question.text)
        messages.success(request, "Deleted the question.")
        return redirect(_manage_url(campaign, f"#phase-{question.phase.pk}"))
    return _confirm(
        request,
        campaign,
        "Delete this question?",
        f"This deletes the question “{question.text}”. Nobody has contributed to it yet.",
        "Delete this question",
    )


# Confirming and refusing --------------------------------------------------------------------


def _confirm(
    request: HttpRequest, campaign: Campaign, title: str, explanation: str, action: str
) -> HttpResponse:
    return page(
        request,
        "consultation/manage_confirm.jinja",
        title,
        section=SECTION,
        caption=campaign.title,
        explanation=explanation,
        action_label=action,
        back_href=_manage_url(campaign),
    )


def _refuse(request: HttpRequest, campaign: Campaign, title: str, reason: str) -> HttpResponse:
    # Contributions may be published or in a report already, so they are never deleted here.
    return page(
        request,
        "consultation/manage_confirm.jinja",
        title,
        section=SECTION,
        caption=campaign.title,
        refused=reason,
        back_href=_manage_url(campaign),
        status=409 if request.method == "POST" else 200,
    )
