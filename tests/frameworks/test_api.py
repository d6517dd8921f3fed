"""The frameworks API: JSON for people, and CASE 1.0 for other tools."""

import json
from pathlib import Path

import jsonschema
import pytest
from django.test import Client

from digiready.frameworks import store
from digiready.frameworks.factories import framework_data
from digiready.frameworks.models import FrameworkVersion

pytestmark = pytest.mark.django_db
SCHEMA = json.loads(
    (
        Path(__file__).parents[2]
        / "src/digiready/frameworks/schemas/case-v1p0-cfpackage-schema.json"
    ).read_text()
)


def bundled() -> FrameworkVersion:
    return FrameworkVersion.objects.get(framework__slug="digital-ready", version="1.0")


def test_the_list_shows_published_versions_only(client: Client) -> None:
    draft = store.new_draft(bundled())
    listed = client.get("/api/v1/frameworks/").json()
    identifiers = {row["identifier"] for row in listed}
    assert str(bundled().identifier) in identifiers
    assert str(draft.identifier) not in identifiers
    row = next(row for row in listed if row["framework"] == "digital-ready")
    assert row["level_names"] == ["Foundation", "Intermediate", "Advanced", "Expert"]
    assert row["case_package"].endswith(f"/api/v1/frameworks/case/CFPackages/{row['identifier']}")


def test_a_version_comes_with_domains_capabilities_and_levels(client: Client) -> None:
    body = client.get(f"/api/v1/frameworks/{bundled().identifier}").json()
    assert len(body["domains"]) == 11
    capability = body["domains"][0]["capabilities"][0]
    assert [level["name"] for level in capability["levels"]] == [
        "Foundation",
        "Intermediate",
        "Advanced",
        "Expert",
    ]
    assert capability["levels"][0]["statement"].startswith("I can ")


def test_a_draft_or_unknown_version_is_a_problem_404(client: Client) -> None:
    draft = store.new_draft(bundled())
    for identifier in (draft.identifier, "6f1c1f0e-3c55-4f43-9d38-000000000000"):
        response = client.get(f"/api/v1/frameworks/{identifier}")
        assert response.status_code == 404
        assert response["Content-Type"] == "application/problem+json"
    assert client.get("/api/v1/frameworks/not-a-uuid").status_code == 404


def test_the_case_package_validates_and_its_items_resolve(client: Client) -> None:
    version = bundled()
    package = client.get(f"/api/v1/frameworks/case/CFPackages/{version.identifier}").json()
    jsonschema.Draft7Validator(SCHEMA, format_checker=jsonschema.FormatChecker()).validate(package)
    assert package["CFDocument"]["title"] == version.title
    types = {item["CFItemType"] for item in package["CFItems"]}
    assert {"Domain", "Capability", "Level statement"} <= types
    assert len(package["CFRubrics"][0]["CFRubricCriteria"]) == version.capabilities.count()
    item = package["CFItems"][0]
    path = item["uri"].split("127.0.0.1:8000", 1)[1]
    assert client.get(path).json() == item
    documents = client.get("/api/v1/frameworks/case/").json()["CFDocuments"]
    assert package["CFDocument"] in documents


def test_the_openapi_description_lists_the_framework_endpoints(client: Client) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/frameworks/" in paths
    assert "/api/v1/frameworks/case/CFPackages/{identifier}" in paths


def test_a_retired_version_is_still_served(client: Client) -> None:
    version = store.save_framework(framework_data("Old framework"))
    store.retire(version)
    response = client.get(f"/api/v1/frameworks/{version.identifier}")
    assert response.json()["status"] == "retired"
