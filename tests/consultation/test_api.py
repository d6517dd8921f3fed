"""The conversation API: anonymous contributions and votes, and bad requests answered 4xx."""

import datetime as dt
import json

import pytest
from django.core.cache import cache
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from digiready.consultation import services
from digiready.consultation.models import Campaign, Contribution, Phase, Question, Status, Vote

pytestmark = pytest.mark.django_db
BASE = "/api/v1/conversations"


@pytest.fixture
def question() -> Question:
    today = dt.date.today()
    campaign = Campaign.objects.create(
        slug="api-test", title="API test", purpose="p", how_used="h", what_stored="w"
    )
    phase = Phase.objects.create(
        campaign=campaign,
        title="Phase",
        audience="All",
        opens_on=today - dt.timedelta(days=1),
        closes_on=today + dt.timedelta(days=1),
    )
    return Question.objects.create(phase=phase, text="What would help?")


def post(client: Client, url: str, body: object) -> object:
    return client.post(url, json.dumps(body), content_type="application/json")


def test_a_contribution_sent_by_api_is_redacted_and_waits_for_moderation(
    client: Client, question: Question
) -> None:
    url = f"{BASE}/api-test/questions/{question.pk}/contributions"
    response = post(client, url, {"text": "Email me at sam@nhs.net", "staff_group": "nurses"})
    assert response.status_code == 202  # type: ignore[attr-defined]
    stored = Contribution.objects.get()
    assert stored.status == Status.PENDING
    assert "sam@nhs.net" not in stored.text
    assert client.get(f"{BASE}/api-test/contributions").json() == []


def test_listing_shows_only_published_text_and_votes_once_per_session(
    client: Client, question: Question
) -> None:
    contribution = services.submit(question, "More laptops")
    services.moderate(contribution, approve=True, text=contribution.text)
    listed = client.get(f"{BASE}/api-test/contributions").json()
    assert [row["text"] for row in listed] == ["More laptops"]
    url = f"{BASE}/api-test/contributions/{contribution.pk}/votes"
    assert post(client, url, {"value": 1}).status_code == 200  # type: ignore[attr-defined]
    assert post(client, url, {"value": -1}).status_code == 200  # type: ignore[attr-defined]
    assert list(Vote.objects.values_list("value", flat=True)) == [-1]
    campaigns = client.get(f"{BASE}/").json()
    assert campaigns[0]["phases"][0]["questions"][0]["open"] is True


def test_bad_requests_get_problem_details(client: Client, question: Question) -> None:
    url = f"{BASE}/api-test/questions/{question.pk}/contributions"
    for body in ({}, {"text": ""}, {"text": "x" * 2001}, {"text": "ok", "confidence": 9}):
        response = post(client, url, body)
        assert response.status_code == 422  # type: ignore[attr-defined]
        assert response["Content-Type"] == "application/problem+json"  # type: ignore[index]
    unknown = post(client, url, {"text": "ok", "profession": "wizard", "region": "Y99"})
    assert "region: not the ODS code" in unknown.json()["detail"]  # type: ignore[attr-defined]
    assert "profession: not a known profession" in unknown.json()["detail"]  # type: ignore[attr-defined]
    assert post(client, f"{BASE}/nope/questions/1/contributions", {"text": "x"}).status_code == 404  # type: ignore[attr-defined]
    assert client.get(f"{BASE}/api-test/contributions?limit=0").status_code == 422


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    body=st.recursive(
        st.none()
        | st.booleans()
        | st.integers()
        | st.floats(allow_nan=False)
        | st.text()
        | st.just({"text": "<script>alert(1)</script> more laptops"}),
        lambda children: (
            st.lists(children, max_size=3)
            | st.dictionaries(
                st.sampled_from(["text", "staff_group", "profession", "region", "confidence", "x"]),
                children,
                max_size=5,
            )
        ),
        max_leaves=10,
    ),
    raw=st.binary(max_size=100),
)
def test_any_body_is_answered_without_a_server_error_or_stored_script(
    client: Client, question: Question, body: object, raw: bytes
) -> None:
    cache.clear()  # each example starts inside the rate limit
    before = set(Contribution.objects.values_list("pk", flat=True))
    url = f"{BASE}/api-test/questions/{question.pk}/contributions"
    for response in (
        post(client, url, body),
        client.post(url, raw, content_type="application/json"),
        post(client, f"{BASE}/api-test/contributions/1/votes", body),
    ):
        assert response.status_code < 500  # type: ignore[attr-defined]
    for stored in Contribution.objects.exclude(pk__in=before):
        assert stored.status == Status.PENDING
    listed = client.get(f"{BASE}/api-test/contributions")
    assert "<script" not in listed.content.decode()
    # Once published, nothing sent through the API runs as a script on the pages.
    for pending in Contribution.objects.pending():
        services.moderate(pending, approve=True, text=pending.text)
    assert "<script>alert" not in client.get("/conversations/api-test/").text
