"""Learning plans for a personal report, and the capabilities no resource covers."""

import uuid
from typing import Any

import pytest

from digiready.frameworks.models import Capability, Domain, FrameworkVersion
from digiready.learning import store
from digiready.learning.models import LearningResource
from digiready.learning.plan import (
    Gap,
    PlanEntry,
    coverage_report,
    learning_plan,
    uncovered_capabilities,
)

from .conftest import SMALL

pytestmark = pytest.mark.django_db


def domain(version: FrameworkVersion, code: str) -> Domain:
    return version.domains.get(code=code)


def gap(version: FrameworkVersion, code: str, expected: int, levels: dict[str, int]) -> Gap:
    found = domain(version, code)
    lineages = dict(found.capabilities.values_list("code", "lineage"))
    return Gap(
        domain_lineage=found.lineage,
        domain_title=found.title,
        expected_level=expected,
        attained_level=min(levels.values(), default=0),
        capabilities=[(lineages[c], level) for c, level in levels.items()],
    )


def test_each_gap_gets_two_to_five_resources_described_for_the_report(
    digital_ready: FrameworkVersion, django_assert_max_num_queries: Any
) -> None:
    store.load_demo_catalogue()
    gaps = [
        gap(digital_ready, "DL", 3, {"DL.1": 1, "DL.2": 2, "DL.3": 3, "DL.4": 0, "DL.5": 2}),
        gap(digital_ready, "AI", 2, {"AI.1": 0, "AI.2": 1, "AI.3": 1, "AI.4": 1, "AI.5": 0}),
    ]
    with django_assert_max_num_queries(2):
        plan = learning_plan(digital_ready, gaps)
    assert [entry.gap for entry in plan] == gaps
    assert all(isinstance(entry, PlanEntry) for entry in plan)
    for entry in plan:
        assert 2 <= len(entry.resources) <= 5
        assert not any(r.fallback for r in entry.resources)
    first = plan[1].resources[0]
    assert first.url.startswith("https://")
    assert first.cost == "Free"
    assert first.format in {"E-learning", "Video", "Course", "Podcast", "Webinar"}
    assert first.duration.endswith(("minutes", "hours", "hour"))
    assert first.covers and all(c.code.startswith("AI.") for c in first.covers)
    assert first.covers[0].levels in {"Foundation", "Foundation to Intermediate", "Intermediate"}


def test_the_plan_texts_read_as_people_write_them(digital_ready: FrameworkVersion) -> None:
    store.import_catalogue(SMALL, "small.csv", by=None)
    [entry] = learning_plan(digital_ready, [gap(digital_ready, "DL", 4, {"DL.1": 2})])
    course, fallback = entry.resources
    assert fallback.fallback
    assert (course.title, course.provider) == ("Leading digital change", "FutureLearn")
    assert (course.format, course.duration, course.cost) == ("Course", "18 hours", "£120")
    # Only what it covers in this framework, in the framework's order.
    assert [(c.code, c.levels) for c in course.covers] == [
        ("DL.1", "Advanced to Expert"),
        ("DL.3", "Advanced to Expert"),
    ]
    assert course.match == "exact"


def test_fallbacks_are_marked_and_come_after_exact_matches(
    digital_ready: FrameworkVersion,
) -> None:
    store.import_catalogue(SMALL, "small.csv", by=None)
    # DL.1 at Intermediate: the champion course is exact; the course at 3-4 is one level up.
    [entry] = learning_plan(digital_ready, [gap(digital_ready, "DL", 2, {"DL.1": 1})])
    assert [(r.title, r.match, r.fallback) for r in entry.resources] == [
        ("Becoming a digital champion", "exact", False),
        ("Leading digital change", "neighbouring level", True),
    ]


def test_a_gap_with_no_capability_levels_looks_across_the_whole_domain(
    digital_ready: FrameworkVersion,
) -> None:
    store.import_catalogue(SMALL, "small.csv", by=None)
    found = domain(digital_ready, "DA")
    empty = Gap(found.lineage, found.title, expected_level=2, attained_level=0, capabilities=[])
    [entry] = learning_plan(digital_ready, [empty])
    assert [r.title for r in entry.resources] == ["Spreadsheets for everyone"]


def test_inactive_resources_and_other_frameworks_are_never_planned(
    digital_ready: FrameworkVersion,
) -> None:
    store.import_catalogue(SMALL, "small.csv", by=None)
    LearningResource.objects.filter(title="Becoming a digital champion").update(active=False)
    [entry] = learning_plan(digital_ready, [gap(digital_ready, "DL", 2, {"DL.1": 1})])
    assert [r.title for r in entry.resources] == ["Leading digital change"]
    [entry] = learning_plan(digital_ready, [gap(digital_ready, "IG", 2, {"IG.1": 1})])
    assert entry.resources == []


def test_no_gaps_means_no_plan_and_no_queries(
    digital_ready: FrameworkVersion, django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(0):
        assert learning_plan(digital_ready, []) == []


def test_a_capability_unknown_to_the_version_is_ignored(digital_ready: FrameworkVersion) -> None:
    store.import_catalogue(SMALL, "small.csv", by=None)
    found = domain(digital_ready, "DL")
    stray = Gap(found.lineage, found.title, 2, 1, capabilities=[(uuid.uuid4(), 1)])
    [entry] = learning_plan(digital_ready, [stray])
    assert all(r.match == "same domain" for r in entry.resources)


def test_uncovered_capabilities_lists_each_with_the_levels_nobody_covers(
    digital_ready: FrameworkVersion,
) -> None:
    store.import_catalogue(SMALL, "small.csv", by=None)
    missing = {cap.code: levels for cap, levels in uncovered_capabilities(digital_ready)}
    assert "DL.1" not in missing  # 1-2 and 3-4
    assert missing["DL.3"] == [1, 2]
    assert missing["DA.3"] == [3, 4]
    assert missing["HF.1"] == [1, 2, 3, 4]
    assert len(missing) == 47 - 1
    assert all(isinstance(cap, Capability) for cap, _ in uncovered_capabilities(digital_ready))


def test_the_coverage_report_counts_resources_per_domain_and_level(
    digital_ready: FrameworkVersion, django_assert_max_num_queries: Any
) -> None:
    store.import_catalogue(SMALL, "small.csv", by=None)
    with django_assert_max_num_queries(2):
        report = coverage_report(digital_ready)
    by_code = {entry.domain.code: entry for entry in report.domains}
    assert len(by_code) == 11
    assert by_code["DL"].counts == [1, 1, 1, 1]
    assert by_code["DA"].counts == [1, 1, 0, 0]
    assert by_code["HF"].counts == [0, 0, 0, 0]
    assert report.resources == 3
    assert report.capability_count == 47
    assert report.uncovered_count == 46
