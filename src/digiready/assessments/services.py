"""Starting, answering and submitting assessments. Pages, the API, FHIR imports and the command
line all go through these, so every route applies the same rules."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from django.db import IntegrityError, transaction
from django.utils import timezone

from digiready.accounts.models import User
from digiready.accounts.professions import PROFESSION_BY_CODE, staff_group_for
from digiready.assessments.models import (
    Answer,
    Assessment,
    DomainScore,
    Source,
    Status,
    Subject,
    Wave,
)
from digiready.assessments.questionnaire import (
    Questionnaire,
    Role,
    build_questionnaire,
)
from digiready.assessments.scoring import DomainResult, score_domain
from digiready.frameworks.models import (
    Capability,
    Domain,
    Framework,
    FrameworkVersion,
    RoleProfile,
)
from digiready.frameworks.store import load_framework
from digiready.organisations.models import Organisation

PERSON_FRAMEWORK = "digital-ready"
ORGANISATION_FRAMEWORK = "organisational-maturity"


class AssessmentError(ValueError):
    """Something an assessment cannot do; ``problems`` says what, one line each."""

    def __init__(self, problems: list[str] | str) -> None:
        self.problems = [problems] if isinstance(problems, str) else problems
        super().__init__("; ".join(self.problems))


class AssessmentSubmittedError(AssessmentError):
    """The assessment has been submitted, so its answers can no longer change."""


def current_version(slug: str) -> FrameworkVersion | None:
    framework = Framework.objects.filter(slug=slug).first()
    return framework.current_version() if framework else None


def role_profile(
    framework: Framework, *, profession: str, staff_group: str, archetype: str
) -> RoleProfile | None:
    """The profession's own profile if there is one, else its staff group's."""
    profiles = RoleProfile.objects.filter(framework=framework, archetype=archetype)
    if profession and (own := profiles.filter(profession=profession).first()) is not None:
        return own
    return profiles.filter(staff_group=staff_group).first() if staff_group else None


@lru_cache(maxsize=256)
def _questionnaire(
    identifier: uuid.UUID, expected: tuple[tuple[str, int], ...] | None, role: Role
) -> Questionnaire:
    # Keyed by the version's CASE identifier, which no other version ever has.
    version = FrameworkVersion.objects.select_related("framework").get(identifier=identifier)
    return build_questionnaire(
        load_framework(version),
        slug=version.framework.slug,
        expected=dict(expected) if expected is not None else None,
        role=role,
    )


def questionnaire_for(
    version: FrameworkVersion, expected: Mapping[str, int] | None, role: Role | None = None
) -> Questionnaire:
    """The questionnaire for a role; cached for published versions, which never change."""
    key = tuple(sorted(expected.items())) if expected else None
    if version.is_draft:
        return build_questionnaire(
            load_framework(version), slug=version.framework.slug, expected=expected, role=role
        )
    return _questionnaire(version.identifier, key, role or Role())


def questionnaire_of(assessment: Assessment) -> Questionnaire:
    role = Role(assessment.profession, assessment.staff_group, assessment.archetype)
    expected = assessment.expected if assessment.expected else None
    return questionnaire_for(assessment.framework_version, expected, role)


def questionnaire_for_role(
    *,
    profession: str = "",
    staff_group: str = "",
    archetype: str = "user",
    slug: str = PERSON_FRAMEWORK,
) -> Questionnaire:
    """What a person in this role would be asked, from the current published version."""
    version = current_version(slug)
    if version is None:
        raise AssessmentError(f"No published version of the framework {slug!r}.")
    if profession and profession not in PROFESSION_BY_CODE:
        raise AssessmentError(f"Unknown profession {profession!r}.")
    staff_group = staff_group or (staff_group_for(profession) if profession else "")
    profile = role_profile(
        version.framework, profession=profession, staff_group=staff_group, archetype=archetype
    )
    if profile is None:
        raise AssessmentError(
            f"No role profile for {profession or staff_group or 'that role'} as {archetype!r}."
        )
    return questionnaire_for(version, profile.expected, Role(profession, staff_group, archetype))


def start_self_assessment(
    user: User,
    *,
    archetype: str,
    version: FrameworkVersion | None = None,
    source: str = Source.WEB,
) -> Assessment:
    """The person's unfinished self-assessment, or a new one for their role."""
    version = version or current_version(PERSON_FRAMEWORK)
    if version is None or version.is_draft or version.subject != Subject.PERSON:
        raise AssessmentError("There is no published self-assessment framework to answer.")
    existing = Assessment.objects.of_person(user).in_progress().filter(framework_version=version)
    if (found := existing.first()) is not None:
        return found
    if not (user.profession or user.staff_group):
        raise AssessmentError("Add your profession or staff group to your details first.")
    staff_group = user.staff_group or staff_group_for(user.profession)
    profile = role_profile(
        version.framework,
        profession=user.profession,
        staff_group=staff_group,
        archetype=archetype,
    )
    if profile is None:
        raise AssessmentError("There is no role profile for your role in this framework yet.")
    try:
        with transaction.atomic():
            return Assessment.objects.create(
                subject=Subject.PERSON,
                user=user,
                organisation=user.organisation,
                framework_version=version,
                profession=user.profession,
                staff_group=staff_group,
                archetype=archetype,
                expected=dict(profile.expected),
                source=source,
            )
    except IntegrityError:  # started at the same moment in another tab
        return existing.get()


def start_organisation_assessment(
    organisation: Organisation,
    *,
    by: User | None,
    version: FrameworkVersion | None = None,
    source: str = Source.WEB,
) -> Assessment:
    version = version or current_version(ORGANISATION_FRAMEWORK)
    if version is None or version.is_draft or version.subject != Subject.ORGANISATION:
        raise AssessmentError("There is no published organisational framework to answer.")
    existing = (
        Assessment.objects.of_organisation(organisation)
        .in_progress()
        .filter(framework_version=version)
    )
    if (found := existing.first()) is not None:
        return found
    try:
        with transaction.atomic():
            return Assessment.objects.create(
                subject=Subject.ORGANISATION,
                organisation=organisation,
                answered_by=by,
                answered_by_label=by.email if by else "",
                framework_version=version,
                source=source,
            )
    except IntegrityError:
        return existing.get()


def parse_token(
    token: str, scale_size: int, allowed_missing: tuple[str, ...]
) -> tuple[int | None, str]:
    """An answer as sent ("1" to "L", "na" or "dk") as (value, missing)."""
    token = str(token).strip().lower()
    if token in allowed_missing:
        return None, token
    if token.isdigit() and 1 <= int(token) <= scale_size:
        return int(token), ""
    raise ValueError(token)


def save_answers(assessment: Assessment, answers: Mapping[str, str]) -> int:
    """Store answers, keyed by item link id (the capability identifier). All or nothing."""
    if assessment.is_submitted:
        raise AssessmentSubmittedError("This assessment has been submitted and cannot be changed.")
    questionnaire = questionnaire_of(assessment)
    items = {item.link_id: item for item in questionnaire.items}
    parsed: dict[str, tuple[int | None, str]] = {}
    problems = []
    for link_id, token in answers.items():
        item = items.get(str(link_id))
        if item is None:
            problems.append(f"{link_id}: not an item of this questionnaire")
            continue
        try:
            parsed[item.link_id] = parse_token(token, questionnaire.scale_size, item.missing)
        except ValueError:
            allowed = ", ".join(
                [f"1 to {questionnaire.scale_size}", *(f'"{m}"' for m in item.missing)]
            )
            problems.append(f"{item.code or link_id}: {token!r} is not an answer ({allowed})")
    if problems:
        raise AssessmentError(problems)
    capabilities = dict(
        Capability.objects.filter(
            framework_version=assessment.framework_version, identifier__in=list(parsed)
        ).values_list("identifier", "pk")
    )
    with transaction.atomic():
        # Read the status again, locked: another request may have submitted it meanwhile.
        locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
        if locked.is_submitted:
            raise AssessmentSubmittedError(
                "This assessment has been submitted and cannot be changed."
            )
        stored = {
            answer.capability_id: answer
            for answer in assessment.answers.filter(capability_id__in=capabilities.values())
        }
        now = timezone.now()
        changed, added = [], []
        for identifier, pk in capabilities.items():
            value, missing = parsed[str(identifier)]
            if pk in stored:
                answer = stored[pk]
                if (answer.value, answer.missing) != (value, missing):
                    answer.value, answer.missing, answer.answered_at = value, missing, now
                    changed.append(answer)
            else:
                added.append(
                    Answer(assessment=assessment, capability_id=pk, value=value, missing=missing)
                )
        Answer.objects.bulk_create(added)
        Answer.objects.bulk_update(changed, ["value", "missing", "answered_at"])
        Assessment.objects.filter(pk=assessment.pk).update(updated_at=now)
    return len(parsed)


def answer_tokens(assessment: Assessment) -> dict[str, str]:
    """Link id -> answer token ("3", "na"…), for the items answered so far."""
    return {
        str(identifier): (str(value) if value is not None else missing)
        for identifier, value, missing in assessment.answers.values_list(
            "capability__identifier", "value", "missing"
        )
    }


@dataclass(frozen=True)
class SectionProgress:
    slug: str
    title: str
    answered: int
    total: int

    @property
    def status(self) -> str:
        if self.answered == 0:
            return "Not started"
        return "Completed" if self.answered == self.total else "In progress"


def progress(questionnaire: Questionnaire, tokens: Mapping[str, str]) -> list[SectionProgress]:
    return [
        SectionProgress(
            section.slug,
            section.title,
            sum(1 for item in section.items if item.link_id in tokens),
            len(section.items),
        )
        for section in questionnaire.sections
    ]


def unanswered(questionnaire: Questionnaire, tokens: Mapping[str, str]) -> list[str]:
    """The codes (or titles) of items with no answer yet."""
    return [item.code or item.title for item in questionnaire.items if item.link_id not in tokens]


def score(questionnaire: Questionnaire, tokens: Mapping[str, str]) -> list[DomainResult]:
    """Each section's result from the answers so far (ANALYTICS.md 1.1-1.5)."""
    results = []
    offset = 1 if questionnaire.has_not_yet else 0
    for section in questionnaire.sections:
        values = []
        for item in section.items:
            token = tokens.get(item.link_id, "")
            values.append(int(token) if token.isdigit() else None)
        results.append(
            score_domain(
                section.lineage,
                values,
                questionnaire.scale_size,
                expected_level=section.expected_level,
                level_offset=offset,
            )
        )
    return results


def wave_on(day: dt.date) -> Wave | None:
    """The wave whose fieldwork includes ``day``, if one is open."""
    return Wave.objects.filter(opens__lte=day, closes__gte=day).order_by("number").first()


def submit(assessment: Assessment) -> Assessment:
    """Score every domain and store the scores once; then the assessment cannot change."""
    if assessment.is_submitted:
        raise AssessmentError("This assessment has already been submitted.")
    questionnaire = questionnaire_of(assessment)
    tokens = answer_tokens(assessment)
    if missing := unanswered(questionnaire, tokens):
        shown = ", ".join(missing[:5]) + (
            f" and {len(missing) - 5} more" if len(missing) > 5 else ""
        )
        raise AssessmentError(f"Answer every question before you submit: {shown}.")
    domains = dict(
        Domain.objects.filter(framework_version=assessment.framework_version).values_list(
            "lineage", "pk"
        )
    )
    offset = 1 if questionnaire.has_not_yet else 0
    rows = []
    for result in score(questionnaire, tokens):
        rows.append(
            DomainScore(
                assessment=assessment,
                domain_id=domains[uuid.UUID(result.lineage)],
                domain_lineage=result.lineage,
                items_asked=result.items_asked,
                items_answered=result.items_answered,
                score=result.score,
                attained_level=result.attained_level,
                strict_level=None if result.strict_step is None else result.strict_step - offset,
                expected_level=result.expected_level,
                gap=result.gap,
            )
        )
    with transaction.atomic():
        locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
        if locked.is_submitted:
            raise AssessmentError("This assessment has already been submitted.")
        DomainScore.objects.bulk_create(rows)
        locked.status = Status.SUBMITTED
        locked.submitted_at = timezone.now()
        locked.wave = wave_on(timezone.localdate(locked.submitted_at))
        locked.save(update_fields=["status", "submitted_at", "wave", "updated_at"])
    assessment.status, assessment.submitted_at = locked.status, locked.submitted_at
    assessment.wave = locked.wave
    return locked
