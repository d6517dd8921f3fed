"""Self-assessments and organisational maturity assessments as JSON, for programs acting for a
person with one of their API tokens.

Every assessment is reached through `access`, so the API shows exactly what the pages show: a
person's own self-assessments (to nobody else, not even their lead or an administrator) and the
maturity assessments of the organisations they lead.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import decimal
import uuid
from typing import Annotated, Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError, ValidationError
from pydantic import BeforeValidator, StrictStr, field_validator

from digiready.accounts.tokens import BearerToken
from digiready.assessments import access, services
from digiready.assessments.models import Assessment, Source
from digiready.assessments.models import Status as Progression
from digiready.assessments.questionnaire import MISSING_LABELS, Item, Questionnaire, Section
from digiready.assessments.report import DomainLine, build_report
from digiready.core.problems import PROBLEM_TYPE, TITLES
from digiready.frameworks.profiles import ARCHETYPE_CHOICES
from digiready.organisations.models import Organisation
from digiready.organisations.scope import Scope, scope_for

router = Router(tags=["assessments"], auth=BearerToken())

ARCHETYPES = [code for code, _ in ARCHETYPE_CHOICES]
ARCHETYPE_ENUM: dict[str, Any] = {"enum": ARCHETYPES}
# More answers than any questionnaire has items is a mistake, not a save.
MOST_ANSWERS = 500
ALREADY_SUBMITTED = "This assessment has already been submitted."


# Schemas -------------------------------------------------------------------------------------


class FieldError(Schema):
    field: str
    message: str


class Problem(Schema):
    """An RFC 9457 problem, as every error of this API is answered."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    instance: str


class InvalidProblem(Problem):
    errors: list[FieldError] = Field(description="Each value that is wrong, and why.")


class UnansweredProblem(Problem):
    unanswered: list[str] = Field(
        description="The items (by code) not answered yet; empty when already submitted."
    )


def _responses(ok: Any, *errors: int, created: bool = False) -> dict[int, Any]:
    """The success schema and the problems an endpoint can answer, for OpenAPI."""
    codes = {200: ok, **({201: ok} if created else {})}
    problems = {code: InvalidProblem if code == 422 else Problem for code in (401, *errors)}
    return {**codes, **problems}


class Progress(Schema):
    answered: int = Field(description="Items answered so far, including 'na' and 'dk'.")
    total: int = Field(description="Items in the questionnaire.")


class AssessmentSummary(Schema):
    id: uuid.UUID = Field(description="The assessment's public id, used in every address.")
    subject: str = Field(description="'person' (self-assessment) or 'organisation'.")
    status: str = Field(description="'in_progress' or 'submitted'.")
    framework: str = Field(description="The framework's slug.")
    version: str = Field(description="The framework version answered.")
    organisation: str | None = Field(
        description="ODS code: the organisation assessed, or the person's employer."
    )
    started: dt.datetime
    submitted: dt.datetime | None
    progress: Progress


class SectionProgress(Schema):
    slug: str
    title: str
    answered: int
    total: int
    status: str = Field(description="'Not started', 'In progress' or 'Completed'.")


class AssessmentDetail(AssessmentSummary):
    profession: str
    staff_group: str
    archetype: str
    sections: list[SectionProgress]
    answers: dict[str, str] = Field(
        description="Item link id -> answer: '1' to the scale size, or 'na' / 'dk'."
    )


class StartIn(Schema):
    archetype: str = Field(
        description="How you work with digital tools; it sets what your role expects.",
        json_schema_extra=ARCHETYPE_ENUM,
    )

    @field_validator("archetype")
    @classmethod
    def known_archetype(cls, value: str) -> str:
        if value not in ARCHETYPES:
            raise ValueError(f"must be one of {', '.join(ARCHETYPES)}")
        return value


class ChoiceOut(Schema):
    value: str = Field(description="What to send as the answer.")
    label: str
    statement: str


class MissingOut(Schema):
    value: str = Field(description="'na' (not applicable) or 'dk' (I do not know).")
    label: str


class ItemOut(Schema):
    link_id: str = Field(description="The key to answer this item with.")
    code: str
    title: str
    description: str
    choices: list[ChoiceOut]
    missing: list[MissingOut] = Field(description="The answers allowed other than a level.")


class SectionOut(Schema):
    slug: str
    code: str
    title: str
    description: str
    expected_level: int | None = Field(
        description="What the role expects; null for an organisation."
    )
    expected_name: str
    items: list[ItemOut]


class QuestionnaireOut(Schema):
    framework: str
    title: str
    version: str
    subject: str
    scale_size: int = Field(description="Answers run from '1' to this number.")
    level_names: list[str]
    sections: list[SectionOut]


def _number_as_token(value: Any) -> Any:
    # A program may send 3 for "3"; true is not 1 here, whatever Python thinks.
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


AnswerToken = Annotated[StrictStr, BeforeValidator(_number_as_token)]


class AnswersIn(Schema):
    answers: dict[StrictStr, AnswerToken] = Field(
        min_length=1,
        max_length=MOST_ANSWERS,
        description="Item link id -> answer ('1' to the scale size, 'na' or 'dk').",
    )


class DomainOut(Schema):
    slug: str
    code: str
    title: str
    lineage: str
    percent: float | None = Field(
        description="The domain score, 0 to 100; null if too few items were answered."
    )
    attained_level: int | None
    attained_name: str
    expected_level: int | None
    expected_name: str
    gap: int | None = Field(description="Levels below what the role expects.")
    previous_percent: float | None
    change: float | None = Field(description="Percentage points since the previous submission.")
    maturity_level: float | None = Field(description="1 to 5, for organisational reports.")
    status: str
    items_asked: int
    items_answered: int


class PreviousOut(Schema):
    id: uuid.UUID
    submitted: dt.datetime | None


class ReportOut(Schema):
    id: uuid.UUID
    subject: str
    framework: str
    version: str
    submitted: dt.datetime | None
    overall_percent: float | None
    domains: list[DomainOut]
    strengths: list[DomainOut] = Field(description="At or above expectation, best first.")
    gaps: list[DomainOut] = Field(description="Below expectation, widest gap first.")
    plan: list[dict[str, Any]] = Field(
        description="For each gap, learning resources that help close it (self-assessments)."
    )
    previous: PreviousOut | None


# Response bodies -----------------------------------------------------------------------------


def _scope(request: HttpRequest) -> Scope:
    # request.scope follows the browser's sign-in; the API acts for the token's owner instead.
    return scope_for(request.auth)  # type: ignore[attr-defined]


def _problem(
    request: HttpRequest, response: HttpResponse, status: int, detail: str, **extra: Any
) -> Status[dict]:
    """A problem with more than a detail (the registered handlers carry the detail only)."""
    response["Content-Type"] = PROBLEM_TYPE
    body = {"title": TITLES[status], "status": status, "detail": detail, "instance": request.path}
    return Status(status, {"type": "about:blank", **body, **extra})


def _summary(assessment: Assessment, questionnaire: Questionnaire, tokens: dict[str, str]) -> dict:
    version = assessment.framework_version
    organisation = assessment.organisation
    return {
        "id": assessment.public_id,
        "subject": assessment.subject,
        "status": assessment.status,
        "framework": version.framework.slug,
        "version": version.version,
        "organisation": organisation.ods_code if organisation else None,
        "started": assessment.started_at,
        "submitted": assessment.submitted_at,
        "progress": {
            "answered": sum(1 for item in questionnaire.items if item.link_id in tokens),
            "total": len(questionnaire.items),
        },
    }


def _listed(assessment: Assessment) -> dict:
    return _summary(
        assessment, services.questionnaire_of(assessment), services.answer_tokens(assessment)
    )


def _detail(assessment: Assessment) -> dict:
    questionnaire = services.questionnaire_of(assessment)
    tokens = services.answer_tokens(assessment)
    return {
        **_summary(assessment, questionnaire, tokens),
        "profession": assessment.profession,
        "staff_group": assessment.staff_group,
        "archetype": assessment.archetype,
        "sections": [
            {**dataclasses.asdict(row), "status": row.status}
            for row in services.progress(questionnaire, tokens)
        ],
        "answers": tokens,
    }


def _questionnaire(questionnaire: Questionnaire) -> dict:
    return {
        "framework": questionnaire.framework_slug,
        "title": questionnaire.title,
        "version": questionnaire.version,
        "subject": questionnaire.subject,
        "scale_size": questionnaire.scale_size,
        "level_names": list(questionnaire.level_names),
        "sections": [_section(questionnaire, section) for section in questionnaire.sections],
    }


def _section(questionnaire: Questionnaire, section: Section) -> dict:
    expected = section.expected_level
    return {
        "slug": section.slug,
        "code": section.code,
        "title": section.title,
        "description": section.description,
        "expected_level": expected,
        "expected_name": questionnaire.level_name(expected) if expected else "",
        "items": [_item(item) for item in section.items],
    }


def _item(item: Item) -> dict:
    return {
        "link_id": item.link_id,
        "code": item.code,
        "title": item.title,
        "description": item.description,
        "choices": [
            {"value": str(choice.value), "label": choice.label, "statement": choice.statement}
            for choice in item.choices
        ],
        "missing": [{"value": code, "label": MISSING_LABELS[code]} for code in item.missing],
    }


def _domain(line: DomainLine) -> dict:
    return {
        **dataclasses.asdict(line),
        "change": line.change,
        "maturity_level": line.maturity_level,
        "status": line.status,
    }


def _plain(value: Any) -> Any:
    """A learning plan's dataclasses as JSON values, whatever fields they grow."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, uuid.UUID | decimal.Decimal):
        return str(value)
    return value


def _report(assessment: Assessment) -> dict:
    report = build_report(assessment)
    version = assessment.framework_version
    previous = report.previous
    return {
        "id": assessment.public_id,
        "subject": assessment.subject,
        "framework": version.framework.slug,
        "version": version.version,
        "submitted": assessment.submitted_at,
        "overall_percent": report.overall_percent,
        "domains": [_domain(line) for line in report.domains],
        "strengths": [_domain(line) for line in report.strengths],
        "gaps": [_domain(line) for line in report.gaps],
        "plan": [_plain(entry) for entry in report.plan],
        "previous": (
            {"id": previous.public_id, "submitted": previous.submitted_at} if previous else None
        ),
    }


def _answerable(scope: Scope, ods_code: str) -> Organisation:
    """The same rule as the pages: the organisation's leads, ICB leads above it, and
    administrators; 404 for anyone else."""
    try:
        return access.answerable_organisation(scope, ods_code)
    except Http404:
        raise Http404("You do not lead an organisation with that ODS code.") from None


def _open_ids(assessments: QuerySet[Assessment]) -> set[int]:
    return set(assessments.filter(status=Progression.IN_PROGRESS).values_list("pk", flat=True))


def _started(assessment: Assessment, open_before: set[int]) -> Status[dict]:
    # 200 for an assessment already open (carry on with it), 201 for a new one.
    return Status(200 if assessment.pk in open_before else 201, _detail(assessment))


# Endpoints -----------------------------------------------------------------------------------


@router.get(
    "/",
    response=_responses(list[AssessmentSummary]),
    summary="Your assessments",
    description="Your own self-assessments, newest first, then the maturity assessments of the "
    "organisations you lead.",
)
def list_assessments(request: HttpRequest) -> list[dict]:
    scope = _scope(request)
    mine = list(access.own_assessments(scope).select_related("framework_version__framework"))
    for organisation in access.answerable_organisations(scope):
        mine += access.organisation_assessments(scope, organisation).select_related(
            "framework_version__framework", "organisation"
        )
    return [_listed(assessment) for assessment in mine]


@router.post(
    "/",
    response=_responses(AssessmentDetail, 409, 422, created=True),
    summary="Start a self-assessment",
    description="Starts a self-assessment for your profession and the archetype given (201), or "
    "returns the one you already have open (200). 409 if it cannot start, e.g. when your "
    "details have no profession yet.",
)
def start_self_assessment(request: HttpRequest, payload: StartIn) -> Status[dict]:
    scope = _scope(request)
    open_before = _open_ids(access.own_assessments(scope))
    try:
        assessment = services.start_self_assessment(
            request.auth,  # type: ignore[attr-defined]
            archetype=payload.archetype,
            source=Source.API,
        )
    except services.AssessmentError as error:
        raise HttpError(409, str(error)) from None
    return _started(assessment, open_before)


@router.post(
    "/organisations/{ods_code}",
    response=_responses(AssessmentDetail, 404, 409, created=True),
    summary="Start an organisation's maturity assessment",
    description="For the organisation's leads: starts its maturity assessment (201) or returns "
    "the open one (200). Anyone else gets 404.",
)
def start_organisation_assessment(request: HttpRequest, ods_code: str) -> Status[dict]:
    scope = _scope(request)
    organisation = _answerable(scope, ods_code)
    open_before = _open_ids(access.organisation_assessments(scope, organisation))
    try:
        assessment = services.start_organisation_assessment(
            organisation,
            by=request.auth,  # type: ignore[attr-defined]
            source=Source.API,
        )
    except services.AssessmentError as error:
        raise HttpError(409, str(error)) from None
    return _started(assessment, open_before)


@router.get(
    "/{public_id}",
    response=_responses(AssessmentDetail, 404),
    summary="One assessment, with progress and answers",
    description="Progress per section and every answer so far, keyed by item link id.",
)
def get_assessment(request: HttpRequest, public_id: str) -> dict:
    return _detail(access.get_assessment(_scope(request), public_id))


@router.get(
    "/{public_id}/questionnaire",
    response=_responses(QuestionnaireOut, 404),
    summary="The questionnaire to answer",
    description="Sections (one per domain the role expects) and their items, each with the "
    "answers allowed: a choice value, or a missing answer ('na' for a person, 'dk' for an "
    "organisation).",
)
def get_questionnaire(request: HttpRequest, public_id: str) -> dict:
    assessment = access.get_assessment(_scope(request), public_id)
    return _questionnaire(services.questionnaire_of(assessment))


@router.patch(
    "/{public_id}/answers",
    response=_responses(AssessmentDetail, 404, 409, 422),
    summary="Save answers",
    description="Saves the answers given and leaves the others as they were. All or nothing: "
    "if any answer is wrong, none is saved and the 422 problem lists every one in `errors`. "
    "A submitted assessment cannot change (409).",
)
def save_answers(request: HttpRequest, public_id: str, payload: AnswersIn) -> dict:
    assessment = access.get_assessment(_scope(request), public_id)
    if assessment.is_submitted:
        raise HttpError(409, "This assessment has been submitted and cannot be changed.")
    try:
        services.save_answers(assessment, payload.answers)
    except services.AssessmentSubmittedError as error:  # submitted by another request meanwhile
        raise HttpError(409, str(error)) from None
    except services.AssessmentError as error:
        raise ValidationError(_answer_errors(assessment, error)) from None
    return _detail(assessment)


def _answer_errors(assessment: Assessment, error: services.AssessmentError) -> list[dict]:
    """Each problem located at the answer it is about (`answers.<link id>`), as the 422
    problem handler reports a value that is wrong."""
    questionnaire = services.questionnaire_of(assessment)
    link_ids = {item.code or item.link_id: item.link_id for item in questionnaire.items}
    errors = []
    for message in error.problems:
        label = message.split(": ", 1)[0]
        errors.append({"loc": ("body", "answers", link_ids.get(label, label)), "msg": message})
    return errors


@router.post(
    "/{public_id}/submit",
    response={**_responses(ReportOut, 404), 409: UnansweredProblem},
    summary="Submit, and get the report",
    description="Scores every domain once and returns the report. 409 if any item is "
    "unanswered (listed in `unanswered`) or the assessment is already submitted.",
)
def submit(request: HttpRequest, response: HttpResponse, public_id: str) -> Any:
    assessment = access.get_assessment(_scope(request), public_id)
    if assessment.is_submitted:
        return _problem(request, response, 409, ALREADY_SUBMITTED, unanswered=[])
    questionnaire = services.questionnaire_of(assessment)
    missing = services.unanswered(questionnaire, services.answer_tokens(assessment))
    if missing:
        detail = f"Answer every question before you submit: {len(missing)} not answered yet."
        return _problem(request, response, 409, detail, unanswered=missing)
    try:
        submitted = services.submit(assessment)
    except services.AssessmentError:  # submitted from elsewhere a moment ago
        return _problem(request, response, 409, ALREADY_SUBMITTED, unanswered=[])
    return _report(submitted)


@router.get(
    "/{public_id}/report",
    response=_responses(ReportOut, 404, 409),
    summary="The report of a submitted assessment",
    description="Each domain against what the role expects, strengths, gaps, the change since "
    "the previous submission and a learning plan. 409 before submission.",
)
def get_report(request: HttpRequest, public_id: str) -> dict:
    assessment = access.get_assessment(_scope(request), public_id)
    if not assessment.is_submitted:
        raise HttpError(409, "This assessment has not been submitted yet, so has no report.")
    return _report(assessment)
