"""Who may see and answer an assessment.

A self-assessment belongs to its person alone: not their organisation lead, not an analyst, not
an administrator — they see only aggregates. An organisation's assessment is answered and read
by the organisation's leads (including leads of an ICB above it) and administrators.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404

from digiready.assessments.models import Assessment, AssessmentQuerySet
from digiready.organisations.models import Organisation
from digiready.organisations.scope import Scope


def can_open(scope: Scope, assessment: Assessment) -> bool:
    user: Any = scope.user
    if not user.is_authenticated:
        return False
    if assessment.is_person:
        return assessment.user_id is not None and assessment.user_id == user.pk
    return assessment.organisation is not None and scope.can_manage_people(assessment.organisation)


def answerable_organisations(scope: Scope) -> list[Any]:
    """The organisations whose maturity assessment this person may answer."""
    return list(scope.led_organisations)


def own_assessments(scope: Scope) -> AssessmentQuerySet:
    """The person's own self-assessments."""
    user: Any = scope.user
    if not user.is_authenticated:
        return Assessment.objects.none()
    return Assessment.objects.of_person(user)


def organisation_assessments(scope: Scope, organisation: Any) -> AssessmentQuerySet:
    """An organisation's maturity assessments, for those allowed to answer them."""
    if not scope.user.is_authenticated or not scope.can_manage_people(organisation):
        return Assessment.objects.none()
    return Assessment.objects.of_organisation(organisation)


def get_assessment(scope: Scope, public_id: Any) -> Assessment:
    """One assessment the person may open; "not found" for anyone else, so that a guessed
    address says nothing about whether it exists."""
    try:
        assessment = Assessment.objects.select_related(
            "framework_version__framework", "organisation", "user"
        ).get(public_id=public_id)
    except (Assessment.DoesNotExist, ValueError, ValidationError):
        raise Http404("No such assessment") from None
    if not can_open(scope, assessment):
        raise Http404("No such assessment")
    return assessment


def answerable_organisation(scope: Scope, ods_code: str) -> Organisation:
    """An organisation whose maturity assessment this person may answer: its leads, leads of an
    ICB above it, and administrators. "Not found" for anyone else."""
    code = ods_code.strip().upper()
    # ODS codes are short and alphanumeric; anything else (a NUL byte, say) names nothing.
    if not (code.isascii() and code.isalnum() and len(code) <= 12):
        raise Http404("No such organisation")
    organisation = Organisation.objects.filter(ods_code=code).first()
    if organisation is None or not scope.user.is_authenticated:
        raise Http404("No such organisation")
    if not scope.can_manage_people(organisation):
        raise Http404("No such organisation")
    return organisation
