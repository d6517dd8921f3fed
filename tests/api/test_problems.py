"""The API answers every error with RFC 9457 problem details, whoever produced it."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_a_wrong_method_is_answered_with_a_problem_naming_the_allowed_ones(client: Client) -> None:
    response = client.put("/api/v1/organisations/")
    assert response.status_code == 405
    assert response["Content-Type"] == "application/problem+json"
    assert response["Allow"] == "GET"
    assert response.json()["detail"] == "This address accepts only GET."


def test_an_unauthenticated_request_is_told_to_send_a_bearer_token(client: Client) -> None:
    response = client.get("/api/v1/assessments/")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response["WWW-Authenticate"].startswith("Bearer")
