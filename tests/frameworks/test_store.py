"""Versions, immutability and lineage, in the database."""

import pytest
from django.db import IntegrityError

from digiready.frameworks import store
from digiready.frameworks.compare import compare
from digiready.frameworks.factories import framework_data
from digiready.frameworks.models import (
    Capability,
    Domain,
    FrameworkLockedError,
    FrameworkVersion,
    Level,
)

pytestmark = pytest.mark.django_db


def test_a_stored_framework_reads_back_exactly() -> None:
    fw = framework_data()
    version = store.save_framework(fw)
    assert store.load_framework(version) == fw


def test_a_published_version_cannot_be_changed() -> None:
    version = store.save_framework(framework_data())
    capability = version.capabilities.first()
    assert capability is not None
    capability.title = "Something else"
    with pytest.raises(FrameworkLockedError):
        capability.save()
    with pytest.raises(FrameworkLockedError):
        capability.levels.first().delete()  # type: ignore[union-attr]
    with pytest.raises(FrameworkLockedError):
        Level(
            capability=capability, number=9, statement="I can.", identifier=store.new_identifier()
        ).save()
    version.title = "Renamed"
    with pytest.raises(FrameworkLockedError):
        version.save()
    with pytest.raises(FrameworkLockedError):
        version.delete()
    version.refresh_from_db()
    assert version.title == "Example framework"


def test_editing_a_published_version_makes_a_new_draft_with_the_same_lineage() -> None:
    published = store.save_framework(framework_data())
    draft = store.new_draft(published)
    assert draft.is_draft
    assert draft.version == "1.1"
    assert draft.previous == published
    assert draft.identifier != published.identifier
    old = {c.lineage: c.identifier for c in published.capabilities.all()}
    new = {c.lineage: c.identifier for c in draft.capabilities.all()}
    assert old.keys() == new.keys()
    assert not set(old.values()) & set(new.values())
    # The draft can change; the published version is untouched.
    capability = draft.capabilities.first()
    assert capability is not None
    capability.title = "Reworded"
    capability.save()
    assert published.capabilities.get(lineage=capability.lineage).title != "Reworded"


def test_only_one_draft_at_a_time_and_asking_again_returns_it() -> None:
    published = store.save_framework(framework_data())
    first = store.new_draft(published)
    assert store.new_draft(published) == first
    with pytest.raises(IntegrityError):
        FrameworkVersion.objects.create(
            framework=published.framework,
            identifier=store.new_identifier(),
            version="9",
            title="Another draft",
            last_changed=published.last_changed,
        )


def test_results_compare_where_a_capability_is_unchanged() -> None:
    published = store.save_framework(framework_data())
    draft = store.new_draft(published)
    changed = draft.capabilities.order_by("position").first()
    assert changed is not None
    level = changed.levels.get(number=2)
    level.statement = "I can do something quite different."
    level.save()
    removed = draft.capabilities.order_by("-position").first()
    assert removed is not None
    removed.levels.all().delete()
    removed.delete()
    comparison = compare(store.load_framework(published), store.load_framework(draft))
    counts = comparison.counts()
    assert counts == {"added": 0, "removed": 1, "changed": 1, "moved": 0, "unchanged": 4}
    comparable = comparison.comparable_lineages()
    assert str(changed.lineage) not in comparable
    assert str(removed.lineage) not in comparable
    assert len(comparable) == 4


def test_publishing_checks_every_capability_has_every_level() -> None:
    published = store.save_framework(framework_data())
    draft = store.new_draft(published)
    capability = draft.capabilities.first()
    assert capability is not None
    capability.levels.get(number=3).delete()
    problems = store.publish(draft)
    assert problems == [f"Capability {capability} needs a statement for each of 4 levels."]
    draft.refresh_from_db()
    assert draft.is_draft
    Level(
        capability=capability, number=3, statement="I can again.", identifier=store.new_identifier()
    ).save()
    assert store.publish(draft) == []
    draft.refresh_from_db()
    assert draft.status == "published"
    assert draft.framework.current_version() == draft


def test_a_published_version_can_be_retired_but_nothing_else() -> None:
    version = store.save_framework(framework_data())
    store.retire(version)
    version.refresh_from_db()
    assert version.status == "retired"
    with pytest.raises(FrameworkLockedError):
        Domain.objects.filter(framework_version=version).first().save()  # type: ignore[union-attr]


def test_importing_the_same_version_twice_is_refused_and_changes_nothing() -> None:
    fw = framework_data()
    store.save_framework(fw)
    before = Capability.objects.count()
    with pytest.raises(store.FrameworkConflictError) as error:
        store.save_framework(fw, source="again.json")
    assert "again.json: a framework version with identifier" in error.value.problems[0]
    assert Capability.objects.count() == before


def test_version_numbers_move_on() -> None:
    assert store.next_version_number("1.0", set()) == "1.1"
    assert store.next_version_number("2", {"3"}) == "4"
    assert store.next_version_number("2024a", set()) == "2024a.1"
