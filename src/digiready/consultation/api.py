"""The conversation as JSON: open campaigns, published contributions, and anonymous
contributions and votes, with the same redaction, moderation and rate limit as the pages."""

from __future__ import annotations

import datetime as dt

from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from digiready.accounts.professions import PROFESSION_BY_CODE, STAFF_GROUP_BY_CODE
from digiready.consultation import services
from digiready.consultation.forms import TEXT_LIMIT
from digiready.consultation.models import Campaign, Confidence, Contribution, Question, Vote
from digiready.organisations.models import Organisation

router = Router(tags=["conversation"])


class QuestionOut(Schema):
    id: int
    text: str
    hint: str
    open: bool


class PhaseOut(Schema):
    title: str
    audience: str
    opens_on: dt.date
    closes_on: dt.date
    questions: list[QuestionOut]


class CampaignOut(Schema):
    slug: str
    title: str
    purpose: str
    how_used: str
    what_stored: str
    phases: list[PhaseOut]


class ContributionOut(Schema):
    id: int
    question: int
    text: str
    created_on: dt.date


class ContributionIn(Schema):
    text: str = Field(min_length=1, max_length=TEXT_LIMIT)
    staff_group: str = ""
    profession: str = ""
    region: str = ""
    confidence: int | None = Field(default=None, ge=1, le=5)


class Received(Schema):
    status: str
    detail: str


class VoteIn(Schema):
    value: int = Field(ge=-1, le=1, description="1 agree, -1 disagree, 0 pass")


def _campaign(slug: str) -> Campaign:
    campaign = Campaign.objects.filter(slug=slug, published=True).first()
    if campaign is None:
        raise Http404(f"No open conversation is called {slug}.")
    return campaign


@router.get("/", response=list[CampaignOut], summary="Conversations and their questions")
def list_campaigns(request: HttpRequest) -> list[dict[str, object]]:
    return [_campaign_out(c) for c in Campaign.objects.filter(published=True)]


def _campaign_out(campaign: Campaign) -> dict[str, object]:
    return {
        "slug": campaign.slug,
        "title": campaign.title,
        "purpose": campaign.purpose,
        "how_used": campaign.how_used,
        "what_stored": campaign.what_stored,
        "phases": [
            {
                "title": phase.title,
                "audience": phase.audience,
                "opens_on": phase.opens_on,
                "closes_on": phase.closes_on,
                "questions": [
                    {"id": q.id, "text": q.text, "hint": q.hint, "open": phase.is_open()}
                    for q in phase.questions.all()
                ],
            }
            for phase in campaign.phases.prefetch_related("questions")
        ],
    }


@router.get("/{slug}", response=CampaignOut, summary="One conversation")
def get_campaign(request: HttpRequest, slug: str) -> dict[str, object]:
    return _campaign_out(_campaign(slug))


@router.get(
    "/{slug}/contributions", response=list[ContributionOut], summary="Published contributions"
)
def list_contributions(
    request: HttpRequest, slug: str, offset: int = 0, limit: int = 100
) -> list[dict[str, object]]:
    """Published (moderated, redacted) contributions, newest first, `limit` at most 500."""
    if offset < 0 or not 1 <= limit <= 500:
        raise HttpError(422, "offset must be 0 or more and limit between 1 and 500")
    rows = Contribution.objects.published().in_campaign(_campaign(slug))
    return [
        {"id": c.pk, "question": c.question_id, "text": c.text, "created_on": c.created_on}
        for c in rows.order_by("-created_on", "-id")[offset : offset + limit]
    ]


@router.post(
    "/{slug}/questions/{question_id}/contributions",
    response={202: Received},
    summary="Contribute, anonymously",
)
def contribute(
    request: HttpRequest, slug: str, question_id: int, payload: ContributionIn
) -> Status[dict[str, str]]:
    """Send an idea: it is redacted at once and published only once a moderator approves it.
    Nothing about the sender is stored beyond the optional fields given."""
    campaign = _campaign(slug)
    question = Question.objects.filter(pk=question_id, phase__campaign=campaign).first()
    if question is None or not question.phase.is_open():
        raise Http404("This question is not open for contributions.")
    problems = []
    if payload.staff_group and payload.staff_group not in STAFF_GROUP_BY_CODE:
        problems.append("staff_group: not a known staff group")
    if payload.profession and payload.profession not in PROFESSION_BY_CODE:
        problems.append("profession: not a known profession")
    if (
        payload.region
        and not Organisation.objects.regions().filter(ods_code=payload.region).exists()
    ):
        problems.append("region: not the ODS code of an NHS England region")
    if not payload.text.strip():
        problems.append("text: enter your idea or experience")
    if problems:
        raise HttpError(422, "; ".join(problems))
    if services.over_rate_limit(request):
        raise HttpError(429, "Too many contributions from here; try again later.")
    services.submit(
        question,
        payload.text,
        staff_group=payload.staff_group,
        profession=payload.profession,
        region=payload.region,
        confidence=Confidence(payload.confidence) if payload.confidence else None,
    )
    thanks = "Thank you. It will be checked before it is published."
    return Status(202, {"status": "received", "detail": thanks})


@router.post(
    "/{slug}/contributions/{contribution_id}/votes",
    response={200: Received},
    summary="Agree, disagree or pass",
)
def vote(
    request: HttpRequest, slug: str, contribution_id: int, payload: VoteIn
) -> Status[dict[str, str]]:
    """One vote per contribution per session (the session cookie); voting again changes it."""
    contribution = (
        Contribution.objects.published()
        .in_campaign(_campaign(slug))
        .filter(pk=contribution_id)
        .first()
    )
    if contribution is None:
        raise Http404("No published contribution has that number.")
    services.vote(contribution, services.participant(request), payload.value)
    label = Vote.Value(payload.value).label.lower()
    return Status(200, {"status": "recorded", "detail": f"Your vote ({label}) is recorded."})
