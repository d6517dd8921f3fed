"""A new draft of a framework imported from another tool still exports a valid package."""

import pytest
from django.core.management import call_command

from digiready.frameworks import case, exchange, store
from digiready.frameworks.models import FrameworkVersion

pytestmark = pytest.mark.django_db


def test_a_draft_of_an_imported_framework_keeps_its_links_and_exports_valid_case() -> None:
    call_command("load_frameworks", "--examples", stdout=None)
    example = FrameworkVersion.objects.get(framework__slug__startswith="example-national")
    draft = store.new_draft(example)
    package = exchange.case_package(draft)
    assert case.validate_package(package) == []
    items = {item["identifier"] for item in package["CFItems"]}
    matches = [a for a in package["CFAssociations"] if a["associationType"] == "exactMatchOf"]
    assert len(matches) == 12
    # Each kept link now starts from the draft's own copy of the capability.
    assert all(a["originNodeURI"]["identifier"] in items for a in matches)
    old = {a["identifier"] for a in exchange.case_package(example)["CFAssociations"]}
    assert not {a["identifier"] for a in matches} & old
    store.publish(draft)
    assert case.validate_package(exchange.case_package(draft)) == []


def test_deleting_from_such_a_draft_drops_the_links_that_pointed_at_what_went() -> None:
    call_command("load_frameworks", "--examples", stdout=None)
    example = FrameworkVersion.objects.get(framework__slug__startswith="example-national")
    draft = store.new_draft(example)
    for domain in list(draft.domains.all())[:2]:
        store.delete_node(domain)
    package = exchange.case_package(draft)
    assert case.validate_package(package) == []
    remaining = {str(c.identifier) for c in draft.capabilities.all()}
    matches = [a for a in package["CFAssociations"] if a["associationType"] == "exactMatchOf"]
    assert matches
    assert all(a["originNodeURI"]["identifier"] in remaining for a in matches)
