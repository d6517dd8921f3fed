import datetime as dt
import json

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from digiready.organisations.changes import merge

pytestmark = pytest.mark.django_db


def test_the_api_lists_regions_with_their_codes(client: Client) -> None:
    response = client.get("/api/v1/organisations/", {"kind": "region"})
    assert response.status_code == 200
    regions = response.json()
    assert len(regions) == 7
    assert {"ods_code": "Y62", "name": "North West"}.items() <= regions[4].items()


def test_the_api_lists_the_providers_within_an_icb(client: Client) -> None:
    response = client.get("/api/v1/organisations/", {"within": "QOP"})
    codes = {org["ods_code"] for org in response.json()}
    assert "R0A" in codes
    assert all("QOP" in org["parents"] for org in response.json())


def test_the_api_reads_the_hierarchy_on_a_date(client: Client) -> None:
    merge(["QH8", "QJG"], "QZ1", "NHS Essex Integrated Care Board", dt.date(2026, 4, 1))
    before = client.get("/api/v1/organisations/RAJ", {"on": "2026-03-31"}).json()
    after = client.get("/api/v1/organisations/RAJ", {"on": "2026-04-01"}).json()
    assert (before["parents"], after["parents"]) == (["QH8"], ["QZ1"])
    essex = client.get("/api/v1/organisations/QZ1").json()
    assert essex["predecessors"] == ["QH8", "QJG"] or sorted(essex["predecessors"]) == [
        "QH8",
        "QJG",
    ]
    assert essex["effective_from"] == "2026-04-01"


def test_an_unknown_organisation_is_a_404_problem(client: Client) -> None:
    response = client.get("/api/v1/organisations/ZZZ")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 404
    assert body["detail"] == "No organisation has the ODS code ZZZ."


@pytest.mark.parametrize(
    ("query", "field"), [({"on": "31/03/2026"}, "on"), ({"kind": "planet"}, "kind")]
)
def test_a_bad_filter_is_a_422_problem_naming_the_field(
    client: Client, query: dict[str, str], field: str
) -> None:
    response = client.get("/api/v1/organisations/", query)
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert [error["field"] for error in response.json()["errors"]] == [field]


def test_the_api_is_described_in_openapi(client: Client) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    assert "/api/v1/organisations/{ods_code}" in spec["paths"]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    code=st.text(min_size=1, max_size=20).filter(lambda s: "/" not in s and "\x00" not in s),
    on=st.one_of(st.none(), st.text(max_size=12)),
)
def test_no_request_makes_the_api_fail_with_a_500(
    client: Client, code: str, on: str | None
) -> None:
    query = {} if on is None else {"on": on}
    response = client.get(f"/api/v1/organisations/{code}", query)
    assert response.status_code in (200, 404, 422)
    json.loads(response.content)
