"""Imports and exports through the database: round trips, and bad files that change nothing."""

import doctest
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from digiready.frameworks import compare, content, exchange, mapping, store
from digiready.frameworks.content import FrameworkFormatError
from digiready.frameworks.factories import framework_data
from digiready.frameworks.models import Capability, Domain, Framework, FrameworkVersion, Level

pytestmark = pytest.mark.django_db


def _forget(version: FrameworkVersion) -> None:
    """Remove a version as if it had never been imported (queryset deletes skip the lock)."""
    Level.objects.filter(capability__framework_version=version).delete()
    Capability.objects.filter(framework_version=version).delete()
    Domain.objects.filter(framework_version=version).delete()
    framework = version.framework
    FrameworkVersion.objects.filter(pk=version.pk).delete()
    if not framework.versions.exists():
        Framework.objects.filter(pk=framework.pk).delete()


def _counts() -> tuple[int, ...]:
    return tuple(
        m.objects.count() for m in (Framework, FrameworkVersion, Domain, Capability, Level)
    )


@pytest.mark.parametrize("kind", ["case", "csv"])
def test_the_bundled_framework_round_trips_exactly(kind: str) -> None:
    version = FrameworkVersion.objects.get(framework__slug="digital-ready", version="1.0")
    first = exchange.export(version, kind)
    _forget(version)
    suffix = ".json" if kind == "case" else ".csv"
    again = exchange.import_file(f"digital-ready{suffix}", first.content)
    second = exchange.export(again, kind)
    if kind == "case":
        assert json.loads(second.content) == json.loads(first.content)
    else:
        assert second.content == first.content


def test_a_new_version_exports_replaced_by_links_to_the_one_before() -> None:
    published = store.save_framework(framework_data())
    draft = store.new_draft(published)
    package = exchange.case_package(draft)
    replaced = [a for a in package["CFAssociations"] if a["associationType"] == "replacedBy"]
    old_ids = {str(c.identifier) for c in published.capabilities.all()}
    new_ids = {str(c.identifier) for c in draft.capabilities.all()}
    assert {a["originNodeURI"]["identifier"] for a in replaced} >= old_ids
    assert {a["destinationNodeURI"]["identifier"] for a in replaced} >= new_ids


def test_a_later_version_imported_elsewhere_keeps_its_lineage() -> None:
    published = store.save_framework(framework_data())
    draft = store.new_draft(published)
    store.publish(draft)
    lineages = {str(c.identifier): str(c.lineage) for c in draft.capabilities.all()}
    package = exchange.export(draft, "case").content
    _forget(draft)
    again = exchange.import_file("v1.1.json", package)
    assert {str(c.identifier): str(c.lineage) for c in again.capabilities.all()} == lineages
    assert again.previous == published


def test_a_csv_with_the_framework_lineage_adds_a_new_version() -> None:
    published = store.save_framework(framework_data())
    text = exchange.export(published, "csv").content.decode()
    text = text.replace(",1.0,", ",2.0,")
    fw = exchange.parse("v2.csv", text.encode())
    assert fw.lineage == str(published.framework.lineage)


BROKEN_CASE = [
    b"",
    b"not json",
    b"\xff\xfe\x00",
    b"[]",
    b'{"CFDocument": {}}',
    b'{"CFDocument": {"identifier": "x", "uri": "u", "creator": "c", "title": "t"}}',
]


@pytest.mark.parametrize("data", BROKEN_CASE)
def test_a_broken_case_file_is_refused_and_changes_nothing(data: bytes) -> None:
    before = _counts()
    with pytest.raises(FrameworkFormatError) as error:
        exchange.import_file("broken.json", data)
    assert error.value.problems
    assert all(problem.startswith("broken.json") for problem in error.value.problems)
    assert _counts() == before


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=st.one_of(
        st.binary(max_size=300),
        st.text(max_size=300).map(str.encode),
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.text(max_size=10),
            lambda children: (
                st.lists(children, max_size=4)
                | st.dictionaries(st.text(max_size=12), children, max_size=4)
            ),
            max_leaves=20,
        ).map(lambda value: json.dumps(value).encode()),
    ),
    name=st.sampled_from(["upload.json", "upload.csv", "upload"]),
)
def test_any_broken_file_gives_a_clear_error_and_changes_nothing(data: bytes, name: str) -> None:
    before = _counts()
    try:
        exchange.import_file(name, data)
    except FrameworkFormatError as error:
        assert error.problems
        assert all(problem.strip() for problem in error.problems)
    else:  # pragma: no cover - random bytes are never a framework
        pytest.fail("a random file was imported")
    assert _counts() == before


def test_an_oversized_file_is_refused_before_it_is_read(settings: object) -> None:
    settings.FRAMEWORK_UPLOAD_MAX_BYTES = 100  # type: ignore[attr-defined]
    with pytest.raises(FrameworkFormatError, match="the largest accepted is 100"):
        exchange.import_file("big.json", b"{" + b" " * 200 + b"}")


def test_the_pure_modules_examples_hold() -> None:
    for module in (content, compare, mapping, store):
        assert doctest.testmod(module).failed == 0


def test_a_nul_character_is_refused_on_every_database() -> None:
    fw = framework_data()
    fw.domains[0].title = "Nul\x00here"
    before = _counts()
    with pytest.raises(FrameworkFormatError, match="NUL character"):
        store.save_framework(fw)
    assert _counts() == before
