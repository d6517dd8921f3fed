"""An organisation lead assesses their organisation's maturity, pillar by pillar, each year."""

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from digiready.accounts.models import Role, User
from digiready.assessments import services
from digiready.assessments.models import Assessment, DomainScore

pytestmark = pytest.mark.django_db


def _answer_everything(client: Client, assessment: Assessment, token: str) -> None:
    for section in services.questionnaire_of(assessment).sections:
        data = {f"item_{n}": token for n in range(1, len(section.items) + 1)}
        response = client.post(
            reverse("assessments:section", args=[assessment.public_id, section.slug]),
            {**data, "action": "continue"},
        )
        assert response.status_code == 302


def test_a_lead_answers_for_the_organisation_and_compares_with_last_year(
    signed_in: Callable[[User], Client], make_person: Callable[..., User]
) -> None:
    lead = make_person(at="RBS", role=Role.ORGANISATION_LEAD, scope="RBS")
    client = signed_in(lead)
    home = reverse("assessments:organisation", args=["RBS"])
    assert b"Start an assessment" in client.get(home).content

    client.post(reverse("assessments:organisation-start", args=["RBS"]))
    last_year = Assessment.objects.get(subject="organisation")
    questionnaire = services.questionnaire_of(last_year)
    assert len(questionnaire.sections) == 7
    assert questionnaire.scale_size == 5
    assert all(item.missing == ("dk",) for item in questionnaire.items)
    _answer_everything(client, last_year, "2")
    client.post(reverse("assessments:submit", args=[last_year.public_id]))
    last_year.refresh_from_db()
    Assessment.objects.filter(pk=last_year.pk).update(
        submitted_at=last_year.submitted_at - dt.timedelta(days=365)
    )

    client.post(reverse("assessments:organisation-start", args=["RBS"]))
    this_year = Assessment.objects.in_progress().get(subject="organisation")
    _answer_everything(client, this_year, "4")
    client.post(reverse("assessments:submit", args=[this_year.public_id]))

    scores = DomainScore.objects.filter(assessment=this_year)
    assert {s.score for s in scores} == {0.75}
    assert {s.attained_level for s in scores} == {4}
    assert {s.expected_level for s in scores} == {None}

    page = client.get(reverse("assessments:report", args=[this_year.public_id])).content.decode()
    assert "Scores in each pillar" in page
    assert "4.0" in page  # 1 + 4 x 75%
    assert "+50 points" in page
    assert "Your learning plan" not in page
    assert b"Earlier assessments" in client.get(home).content


def test_i_do_not_know_is_a_missing_answer_not_a_zero(
    make_person: Callable[..., User], org: Callable[[str], object]
) -> None:
    lead = make_person(at="RX4", role=Role.ORGANISATION_LEAD, scope="RX4")
    assessment = services.start_organisation_assessment(org("RX4"), by=lead)  # type: ignore[arg-type]
    questionnaire = services.questionnaire_of(assessment)
    tokens = {}
    for section in questionnaire.sections:
        for n, item in enumerate(section.items):
            tokens[item.link_id] = "dk" if n == 0 else "5"
    services.save_answers(assessment, tokens)
    services.submit(assessment)
    assert {s.score for s in DomainScore.objects.filter(assessment=assessment)} == {1.0}
