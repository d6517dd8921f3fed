"""Demo assessments: a year-old self-assessment for the demo member of staff and a year-old
maturity assessment for the demo lead's trust, so that retakes show their progress."""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction

from digiready.accounts.models import User
from digiready.assessments import services
from digiready.assessments.models import Assessment
from digiready.organisations.models import Organisation

DEMO_STAFF = "staff@demo.example"
DEMO_LEAD = "lead@demo.example"
A_YEAR = dt.timedelta(days=365)


def _answers(assessment: Assessment, seed: int, low: int, high: int) -> dict[str, str]:
    rng = random.Random(seed)  # noqa: S311 - made-up answers, not security
    return {
        item.link_id: str(rng.randint(low, high))
        for item in services.questionnaire_of(assessment).items
    }


def _backdate(assessment: Assessment) -> None:
    earlier = (assessment.submitted_at or dt.datetime.now(dt.UTC)) - A_YEAR
    Assessment.objects.filter(pk=assessment.pk).update(started_at=earlier, submitted_at=earlier)


@transaction.atomic
def load_demo() -> int:
    """Add the demo assessments that are missing; returns how many were made."""
    made = 0
    staff = User.objects.filter(email=DEMO_STAFF).first()
    if staff is not None and not Assessment.objects.of_person(staff).exists():
        assessment = services.start_self_assessment(staff, archetype="user")
        services.save_answers(assessment, _answers(assessment, 1, 1, 3))
        _backdate(services.submit(assessment))
        made += 1
    lead = User.objects.filter(email=DEMO_LEAD).first()
    trust = Organisation.objects.filter(ods_code="R0A").first()
    if (
        lead is not None
        and trust is not None
        and not Assessment.objects.of_organisation(trust).exists()
    ):
        assessment = services.start_organisation_assessment(trust, by=lead)
        services.save_answers(assessment, _answers(assessment, 2, 1, 4))
        _backdate(services.submit(assessment))
        made += 1
    return made
