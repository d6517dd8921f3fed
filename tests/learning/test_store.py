"""Importing and exporting the catalogue: all or nothing, audited, and a lossless round trip."""

import doctest
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest

from digiready.accounts.factories import UserFactory
from digiready.accounts.models import AuditEvent, User
from digiready.frameworks import store as framework_store
from digiready.frameworks.models import Capability, FrameworkVersion
from digiready.learning import store
from digiready.learning.catalogue import CatalogueFormatError
from digiready.learning.models import LearningResource, ResourceCoverage

from .conftest import HEADER, SMALL

pytestmark = pytest.mark.django_db


def snapshot() -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    return (
        list(LearningResource.objects.order_by("pk").values_list()),
        list(ResourceCoverage.objects.order_by("pk").values_list()),
    )


def test_an_import_stores_each_resource_with_its_coverage_by_lineage(
    digital_ready: FrameworkVersion,
) -> None:
    result = store.import_catalogue(SMALL, "small.csv", by=None)
    assert (result.added, result.updated, result.unchanged, result.coverage) == (3, 0, 0, 5)
    course = LearningResource.objects.get(title="Leading digital change")
    assert course.cost_pounds == Decimal(120)
    assert course.format == "course"
    dl3 = Capability.objects.get(framework_version=digital_ready, code="DL.3")
    tags = {(c.framework.slug, c.level_from, c.level_to) for c in course.coverage.all()}
    assert tags == {("digital-ready", 3, 4), ("organisational-maturity", 2, 3)}
    assert course.coverage.filter(capability_lineage=dl3.lineage).exists()


def test_an_import_is_audited_with_its_counts() -> None:
    educator: User = UserFactory()  # type: ignore[assignment]
    store.import_catalogue(SMALL, "small.csv", by=educator)
    event = AuditEvent.objects.get(action=AuditEvent.Action.CATALOGUE_IMPORTED)
    assert event.actor == educator
    assert event.target == "small.csv"
    assert event.detail == {"added": 3, "updated": 0, "unchanged": 0}


BAD_FILES = {
    "missing column": HEADER.replace(",levels", "").encode() + b"\nA,B\n",
    "unknown framework": SMALL.replace(b"organisational-maturity", b"organisational"),
    "unknown capability code": SMALL.replace(b"DA.3", b"DA.9"),
    "bad level range": SMALL.replace(b"DL.1,1-2", b"DL.1,2-5"),
    "bad url": SMALL.replace(b"https://www.open.edu/openlearn/", b"www.open.edu"),
    "negative duration": SMALL.replace(b"e-learning,45", b"e-learning,-45"),
    "empty file": b"",
    "not UTF-8": SMALL.replace(b"Sorting", "Tri\u00e9".encode("latin-1")),
    "duplicate rows": SMALL + b"\n" + SMALL.splitlines()[1],
}


@pytest.mark.parametrize("data", BAD_FILES.values(), ids=BAD_FILES.keys())
def test_a_bad_file_changes_nothing_at_all(data: bytes) -> None:
    store.import_catalogue(
        SMALL.splitlines()[0] + b"\n" + SMALL.splitlines()[1], "one.csv", by=None
    )
    before = snapshot()
    audits = AuditEvent.objects.count()
    with pytest.raises(CatalogueFormatError) as caught:
        store.import_catalogue(data, "bad.csv", by=None)
    assert caught.value.problems
    assert all(problem.startswith("bad.csv") for problem in caught.value.problems)
    assert snapshot() == before
    assert AuditEvent.objects.count() == audits


def test_a_file_larger_than_the_limit_is_refused_before_reading(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(store, "MAX_UPLOAD_BYTES", 100)
    with pytest.raises(CatalogueFormatError, match="the largest accepted is 100"):
        store.import_catalogue(SMALL, "big.csv", by=None)


def test_importing_again_updates_resources_found_by_title_and_address() -> None:
    store.import_catalogue(SMALL, "small.csv", by=None)
    champion = LearningResource.objects.get(title="Becoming a digital champion")
    champion.active = False
    champion.save()
    changed = SMALL.replace(
        b"e-learning,45,0,digital-ready,DL.1,1-2", b"video,30,0,digital-ready,DL.2,1"
    )
    result = store.import_catalogue(changed, "small.csv", by=None)
    assert (result.added, result.updated, result.unchanged) == (0, 1, 2)
    champion.refresh_from_db()
    assert (champion.format, champion.duration_minutes, champion.active) == ("video", 30, True)
    assert [(c.level_from, c.level_to) for c in champion.coverage.all()] == [(1, 1)]
    assert LearningResource.objects.count() == 3


def test_export_then_import_into_an_empty_catalogue_gives_the_same_catalogue() -> None:
    store.load_demo_catalogue()
    exported = store.export_catalogue()
    LearningResource.objects.all().delete()
    result = store.import_catalogue(exported.encode(), "exported.csv", by=None)
    assert result.added == LearningResource.objects.count() >= 70
    assert store.export_catalogue() == exported


def test_the_export_leaves_out_inactive_resources() -> None:
    store.import_catalogue(SMALL, "small.csv", by=None)
    LearningResource.objects.filter(title="Spreadsheets for everyone").update(active=False)
    exported = store.export_catalogue()
    assert "Spreadsheets for everyone" not in exported
    assert exported.count("Leading digital change") == 2  # one row for each framework


def test_a_resource_keeps_its_tags_in_a_new_version_of_the_framework(
    digital_ready: FrameworkVersion,
) -> None:
    store.import_catalogue(SMALL, "small.csv", by=None)
    draft = framework_store.new_draft(digital_ready)
    dl1 = draft.capabilities.get(code="DL.1")
    dl1.code = "DL.01"  # recoded in the new version, same lineage
    dl1.save()
    framework_store.publish(draft)
    assert FrameworkVersion.objects.get(pk=draft.pk).framework.current_version() == draft
    exported = store.export_catalogue()
    assert "digital-ready,DL.01,1-2" in exported


# The demo catalogue -------------------------------------------------------------------------


def test_the_demo_catalogue_loads_once_however_often_it_is_run() -> None:
    first = store.load_demo_catalogue()
    assert first.added >= 70
    again = store.load_demo_catalogue()
    assert (again.added, again.updated, again.unchanged) == (0, 0, first.added)


def test_the_demo_catalogue_loads_after_an_author_publishes_a_version_without_some_of_its_codes(
    digital_ready: FrameworkVersion,
) -> None:
    draft = framework_store.new_draft(digital_ready)
    gone = draft.capabilities.get(code="DL.5")
    kept_lineage = draft.capabilities.get(code="DL.1").lineage
    framework_store.delete_node(gone)
    framework_store.publish(draft)
    assert digital_ready.framework.current_version() == draft

    result = store.load_demo_catalogue()

    assert result.added >= 70
    tagged = set(ResourceCoverage.objects.values_list("capability_lineage", flat=True))
    assert kept_lineage in tagged
    assert gone.lineage in tagged  # kept by lineage, as any resource tagged before the change


def test_the_demo_catalogue_covers_every_domain_at_every_level_twice_over(
    digital_ready: FrameworkVersion,
) -> None:
    store.load_demo_catalogue()
    domain_of = dict(
        Capability.objects.filter(framework_version=digital_ready).values_list(
            "lineage", "domain__code"
        )
    )
    resources: dict[tuple[str, int], set[int]] = defaultdict(set)
    for row in ResourceCoverage.objects.filter(framework=digital_ready.framework):
        for level in range(row.level_from, row.level_to + 1):
            resources[(domain_of[row.capability_lineage], level)].add(row.resource_id)
    domains = set(domain_of.values())
    assert len(domains) == 11
    for domain in domains:
        for level in range(1, 5):
            assert len(resources[(domain, level)]) >= 2, (domain, level)


def test_the_demo_catalogue_leaves_a_few_capabilities_uncovered_on_purpose(
    digital_ready: FrameworkVersion,
) -> None:
    store.load_demo_catalogue()
    covered = set(
        ResourceCoverage.objects.filter(framework=digital_ready.framework).values_list(
            "capability_lineage", flat=True
        )
    )
    codes = dict(
        Capability.objects.filter(framework_version=digital_ready).values_list("lineage", "code")
    )
    uncovered = sorted(code for lineage, code in codes.items() if lineage not in covered)
    assert uncovered == ["AI.5", "DA.5", "HF.3"]  # as docs/learning.md says
    assert ResourceCoverage.objects.filter(framework__slug="organisational-maturity").exists()


def test_the_demo_catalogue_is_varied_and_mostly_free() -> None:
    store.load_demo_catalogue()
    resources = LearningResource.objects.all()
    assert resources.values("format").distinct().count() == 9
    assert resources.filter(cost_pounds=0).count() > resources.count() * 2 / 3
    assert resources.filter(duration_minutes__lte=15).exists()
    assert resources.filter(duration_minutes__gte=60 * 20).exists()
    assert resources.values("provider").distinct().count() >= 10


def test_the_doctests_hold() -> None:
    assert doctest.testmod(store).failed == 0


def test_the_example_in_the_guide_imports() -> None:
    guide = Path(__file__).resolve().parents[2] / "docs" / "learning.md"
    example = guide.read_text(encoding="utf-8").split("```csv\n", 1)[1].split("```", 1)[0]
    result = store.import_catalogue(example.encode(), "example.csv", by=None)
    assert (result.added, result.coverage) == (2, 4)
