"""Self-assessment and organisational maturity assessment pages.

The journey is the NHS.UK pattern for a long form done over several sittings: a task list, one
page per domain, answers saved on every page, check your answers, a confirmation, a report.
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from digiready.accounts.audit import record_export
from digiready.assessments import access, services
from digiready.assessments.charts import report_chart
from digiready.assessments.forms import SectionForm, StartForm, field_name
from digiready.assessments.models import Assessment
from digiready.assessments.questionnaire import MISSING_LABELS, Questionnaire, Section
from digiready.assessments.report import build_report, history
from digiready.core.downloads import pdf_attachment
from digiready.core.render import page
from digiready.frameworks.profiles import ARCHETYPE_BY_CODE, ARCHETYPES
from digiready.organisations.models import Organisation

SECTION = "Self-assessment"
ORG_SECTION = "Organisational maturity"


def _section_name(assessment: Assessment) -> str:
    return SECTION if assessment.is_person else ORG_SECTION


def _home(assessment: Assessment) -> str:
    if assessment.is_person:
        return reverse("assessments:index")
    assert assessment.organisation is not None
    return reverse("assessments:organisation", args=[assessment.organisation.ods_code])


def _open(request: HttpRequest, public_id: Any, *, submitted: bool | None = None) -> Assessment:
    assessment = access.get_assessment(request.scope, public_id)  # type: ignore[attr-defined]
    if submitted is not None and assessment.is_submitted != submitted:
        raise Http404("Not available for this assessment")
    return assessment


@login_required
def index(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    mine = access.own_assessments(request.scope)  # type: ignore[attr-defined]
    version = services.current_version(services.PERSON_FRAMEWORK)
    return page(
        request,
        "assessments/index.jinja",
        "Your digital capability self-assessment",
        section=SECTION,
        open_assessment=mine.in_progress().select_related("framework_version").first(),
        submitted=list(
            mine.submitted().select_related("framework_version").order_by("-submitted_at")
        ),
        version=version,
        has_role=bool(user.profession or user.staff_group),
        organisations=access.answerable_organisations(request.scope),  # type: ignore[attr-defined]
    )


@login_required
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    mine = access.own_assessments(request.scope)  # type: ignore[attr-defined]
    if (existing := mine.in_progress().first()) is not None:
        return redirect("assessments:tasks", existing.public_id)
    form = StartForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            assessment = services.start_self_assessment(
                user, archetype=form.cleaned_data["archetype"]
            )
        except services.AssessmentError as error:
            form.add_error(None, str(error))
        else:
            return redirect("assessments:tasks", assessment.public_id)
    return page(
        request,
        "assessments/start.jinja",
        "Which best describes what you do with digital tools in your role?",
        section=SECTION,
        form=form,
        archetypes=ARCHETYPES,
        back_href=reverse("assessments:index"),
        has_role=bool(user.profession or user.staff_group),
    )


def _questionnaire_context(assessment: Assessment) -> dict[str, Any]:
    questionnaire = services.questionnaire_of(assessment)
    tokens = services.answer_tokens(assessment)
    return {
        "assessment": assessment,
        "questionnaire": questionnaire,
        "tokens": tokens,
        "progress": services.progress(questionnaire, tokens),
        "archetype": ARCHETYPE_BY_CODE.get(assessment.archetype),
    }


@login_required
def tasks(request: HttpRequest, public_id: Any) -> HttpResponse:
    assessment = _open(request, public_id)
    if assessment.is_submitted:
        return redirect("assessments:report", assessment.public_id)
    context = _questionnaire_context(assessment)
    done = all(p.status == "Completed" for p in context["progress"])
    title = "Your self-assessment" if assessment.is_person else "Organisational maturity"
    return page(
        request,
        "assessments/tasks.jinja",
        title,
        section=_section_name(assessment),
        complete=done,
        answered=sum(p.answered for p in context["progress"]),
        total=sum(p.total for p in context["progress"]),
        back_href=_home(assessment),
        **context,
    )


def _next_href(questionnaire: Questionnaire, section: Section, assessment: Assessment) -> str:
    slugs = [s.slug for s in questionnaire.sections]
    position = slugs.index(section.slug)
    if position + 1 < len(slugs):
        return reverse("assessments:section", args=[assessment.public_id, slugs[position + 1]])
    return reverse("assessments:check", args=[assessment.public_id])


@login_required
@require_http_methods(["GET", "POST"])
def section(request: HttpRequest, public_id: Any, slug: str) -> HttpResponse:
    assessment = _open(request, public_id, submitted=False)
    questionnaire = services.questionnaire_of(assessment)
    current = questionnaire.section(slug)
    if current is None:
        raise Http404("No such section")
    tokens = services.answer_tokens(assessment)
    if request.method == "POST":
        later = request.POST.get("action") == "later"
        form = SectionForm(
            current, request.POST, require_all=not later, person=assessment.is_person
        )
        valid = form.is_valid()
        # Whatever was answered is kept, even when the page is not finished.
        if chosen := form.answers():
            try:
                services.save_answers(assessment, chosen)
            except services.AssessmentSubmittedError:  # submitted in another tab meanwhile
                return redirect("assessments:report", assessment.public_id)
        if valid:
            if later:
                return redirect("assessments:tasks", assessment.public_id)
            return redirect(_next_href(questionnaire, current, assessment))
    else:
        initial = {
            field_name(n): tokens[item.link_id]
            for n, item in enumerate(current.items, start=1)
            if item.link_id in tokens
        }
        form = SectionForm(current, initial=initial, person=assessment.is_person)
    position = [s.slug for s in questionnaire.sections].index(current.slug) + 1
    return page(
        request,
        "assessments/section.jinja",
        current.title,
        section=_section_name(assessment),
        form=form,
        assessment=assessment,
        questionnaire=questionnaire,
        current=current,
        position=position,
        fields=[(field_name(n), item) for n, item in enumerate(current.items, start=1)],
        missing_labels=MISSING_LABELS,
        back_href=reverse("assessments:tasks", args=[assessment.public_id]),
    )


@login_required
def check(request: HttpRequest, public_id: Any) -> HttpResponse:
    assessment = _open(request, public_id, submitted=False)
    context = _questionnaire_context(assessment)
    return page(
        request,
        "assessments/check.jinja",
        "Check your answers before you submit",
        section=_section_name(assessment),
        missing=services.unanswered(context["questionnaire"], context["tokens"]),
        missing_labels=MISSING_LABELS,
        back_href=reverse("assessments:tasks", args=[assessment.public_id]),
        **context,
    )


@login_required
@require_POST
def submit(request: HttpRequest, public_id: Any) -> HttpResponse:
    assessment = _open(request, public_id, submitted=False)
    try:
        services.submit(assessment)
    except services.AssessmentError:
        return redirect("assessments:check", assessment.public_id)
    return redirect("assessments:submitted", assessment.public_id)


@login_required
def submitted(request: HttpRequest, public_id: Any) -> HttpResponse:
    assessment = _open(request, public_id, submitted=True)
    return page(
        request,
        "assessments/submitted.jinja",
        "Assessment submitted",
        section=_section_name(assessment),
        assessment=assessment,
    )


def _report_context(assessment: Assessment) -> dict[str, Any]:
    report = build_report(assessment)
    return {
        "report": report,
        "assessment": assessment,
        "questionnaire": report.questionnaire,
        "chart": report_chart(report),
        "archetype": ARCHETYPE_BY_CODE.get(assessment.archetype),
    }


@login_required
def report(request: HttpRequest, public_id: Any) -> HttpResponse:
    assessment = _open(request, public_id, submitted=True)
    title = "Your digital capability report" if assessment.is_person else "Maturity report"
    return page(
        request,
        "assessments/report.jinja",
        title,
        section=_section_name(assessment),
        column_width="full",
        back_href=_home(assessment),
        **_report_context(assessment),
    )


@login_required
def report_pdf(request: HttpRequest, public_id: Any) -> HttpResponse:
    """The report to keep, for an appraisal or a CPD portfolio: the same figures as the page."""
    assessment = _open(request, public_id, submitted=True)
    day = assessment.submitted_at.date().isoformat() if assessment.submitted_at else "report"
    response = pdf_attachment(
        request,
        "assessments/report_pdf.jinja",
        {"page_title": "Digital capability report", **_report_context(assessment)},
        f"digital-ready-report-{day}.pdf",
    )
    if response.status_code == HTTPStatus.OK:
        record_export(
            "assessment report",
            actor=request.user,  # type: ignore[arg-type]
            request=request,
            format="pdf",
            subject=assessment.subject,
        )
    return response


@login_required
def history_page(request: HttpRequest) -> HttpResponse:
    mine = list(
        access.own_assessments(request.scope)  # type: ignore[attr-defined]
        .submitted()
        .select_related("framework_version")
        .prefetch_related("domain_scores")
    )
    return _history(request, mine, "Your progress over time", SECTION, reverse("assessments:index"))


def _history(
    request: HttpRequest, submissions: list[Assessment], title: str, section: str, back: str
) -> HttpResponse:
    rows = history(submissions)
    domains: list[tuple[str, str]] = []
    if submissions:
        latest = max(submissions, key=lambda a: (a.submitted_at, a.pk))
        domains = [(s.lineage, s.title) for s in services.questionnaire_of(latest).sections]
    return page(
        request,
        "assessments/history.jinja",
        title,
        section=section,
        rows=list(reversed(rows)),
        domains=domains,
        column_width="full",
        back_href=back,
    )


def _organisation(request: HttpRequest, ods_code: str) -> Organisation:
    return access.answerable_organisation(request.scope, ods_code)  # type: ignore[attr-defined]


@login_required
def organisation(request: HttpRequest, ods_code: str) -> HttpResponse:
    org = _organisation(request, ods_code)
    assessments = access.organisation_assessments(request.scope, org)  # type: ignore[attr-defined]
    submissions = list(
        assessments.submitted()
        .select_related("framework_version")
        .prefetch_related("domain_scores")
        .order_by("-submitted_at")
    )
    rows = list(reversed(history(submissions)))
    domains: list[tuple[str, str]] = []
    if submissions:
        domains = [(s.lineage, s.title) for s in services.questionnaire_of(submissions[0]).sections]
    return page(
        request,
        "assessments/organisation.jinja",
        f"Digital maturity of {org.name}",
        section=ORG_SECTION,
        organisation=org,
        open_assessment=assessments.in_progress().first(),
        submitted=submissions,
        rows=rows,
        domains=domains,
        version=services.current_version(services.ORGANISATION_FRAMEWORK),
        column_width="full",
    )


@login_required
@require_POST
def organisation_start(request: HttpRequest, ods_code: str) -> HttpResponse:
    org = _organisation(request, ods_code)
    try:
        assessment = services.start_organisation_assessment(org, by=request.user)  # type: ignore[arg-type]
    except services.AssessmentError:
        return redirect("assessments:organisation", org.ods_code)
    return redirect("assessments:tasks", assessment.public_id)
