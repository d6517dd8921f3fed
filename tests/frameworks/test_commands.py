"""The `digiready framework` and `digiready load-frameworks` commands."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from digiready.accounts.models import AuditEvent
from digiready.accounts.professions import PROFESSIONS
from digiready.frameworks import exchange, store
from digiready.frameworks.bundle import EXAMPLES
from digiready.frameworks.crosswalks import crosswalk_report
from digiready.frameworks.factories import framework_data
from digiready.frameworks.models import Framework, FrameworkVersion, RoleProfile
from digiready.frameworks.profiles import ARCHETYPES

from .test_exchange import _forget

pytestmark = pytest.mark.django_db


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_loading_the_bundled_frameworks_again_changes_nothing() -> None:
    before = (FrameworkVersion.objects.count(), RoleProfile.objects.count())
    out, _ = run("load_frameworks")
    assert "already loaded" in out
    assert (FrameworkVersion.objects.count(), RoleProfile.objects.count()) == before


def test_every_profession_has_a_default_profile_for_every_archetype() -> None:
    framework = Framework.objects.get(slug="digital-ready")
    held = set(framework.role_profiles.values_list("profession", "archetype"))
    for profession in PROFESSIONS:
        for archetype in ARCHETYPES:
            assert (profession.code, archetype.code) in held
    domains = {str(d.lineage) for d in framework.current_version().domains.all()}  # type: ignore[union-attr]
    for profile in framework.role_profiles.all():
        assert set(profile.expected) == domains
        assert all(0 <= level <= 4 for level in profile.expected.values())


def test_export_validate_and_import_from_the_command_line(tmp_path: Path) -> None:
    target = tmp_path / "framework.json"
    _, err = run("framework", "export", "digital-ready", "--format", "case", "-o", str(target))
    assert "Wrote" in err
    out, _ = run("framework", "validate", str(target))
    assert "is valid" in out
    assert "47 capabilities" in out
    with pytest.raises(CommandError, match="Nothing was imported"):
        run("framework", "import", str(target))  # already held
    other = store.save_framework(framework_data("Framework from elsewhere"))
    exported = tmp_path / "elsewhere.csv"
    run("framework", "export", str(other.identifier), "--format", "csv", "-o", str(exported))
    _forget(other)
    out, _ = run("framework", "import", str(exported))
    assert "Imported Framework from elsewhere, version 1.0 (draft)" in out
    assert AuditEvent.objects.filter(action=AuditEvent.Action.FRAMEWORK_IMPORTED).exists()
    listing, _ = run("framework", "list")
    assert str(other.identifier) in listing


def test_a_broken_file_prints_every_problem_and_fails(tmp_path: Path) -> None:
    broken = tmp_path / "broken.csv"
    broken.write_text("framework_title\nOnly a title\n")
    err = io.StringIO()
    with pytest.raises(CommandError, match="not valid"):
        call_command("framework", "validate", str(broken), stdout=io.StringIO(), stderr=err)
    assert "broken.csv: row 1" in err.getvalue()
    with pytest.raises(CommandError, match="Cannot read"):
        run("framework", "validate", str(tmp_path / "missing.json"))
    with pytest.raises(CommandError, match="No framework version"):
        run("framework", "export", "no-such-framework")


def test_a_crosswalk_from_a_csv(tmp_path: Path) -> None:
    person = FrameworkVersion.objects.get(framework__slug="digital-ready")
    organisation = FrameworkVersion.objects.get(framework__slug="organisational-maturity")
    source = person.capabilities.order_by("domain__position", "position").first()
    target = organisation.capabilities.order_by("domain__position", "position").first()
    assert source is not None and target is not None
    links = tmp_path / "links.csv"
    links.write_text(f"source_code,target_code,relation\n{source.code},{target.code},isRelatedTo\n")
    out, _ = run(
        "framework", "crosswalk", "digital-ready", "organisational-maturity@1.0", str(links)
    )
    assert ": 1 links." in out
    links.write_text("source_code,target_code,relation\nXX.9,YY.9,sameAs\n")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "framework",
            "crosswalk",
            "digital-ready",
            "organisational-maturity",
            str(links),
            stdout=io.StringIO(),
            stderr=err,
        )
    assert "links.csv: row 2, source_code: no such capability" in err.getvalue()
    assert "row 2, relation: must be one of exactMatchOf, isRelatedTo" in err.getvalue()


def test_the_example_framework_loads_with_its_crosswalk_to_ours() -> None:
    out, _ = run("load_frameworks", "--examples")
    assert "Loaded the example Example national digital capability framework" in out
    example = FrameworkVersion.objects.get(framework__slug__startswith="example-national")
    crosswalk = example.crosswalks_from.get()
    assert crosswalk.target.framework.slug == "digital-ready"
    assert crosswalk.links.filter(relation="exactMatchOf").count() == 12
    report = crosswalk_report(crosswalk)
    assert [cap.code for cap in report.unmatched_sources] == ["5.4"]
    # Groupings between domain and capability are kept, so the package re-exports whole.
    exported = exchange.case_package(example)
    original = json.loads((EXAMPLES[0]).read_text())
    exported_items = {item["identifier"]: item for item in exported["CFItems"]}
    for item in original["CFItems"]:
        assert exported_items[item["identifier"]] == item
    exported_links = {a["identifier"]: a for a in exported["CFAssociations"]}
    for association in original["CFAssociations"]:
        assert exported_links[association["identifier"]] == association


def test_examples_are_refused_with_production_settings(settings: object) -> None:
    settings.DIGIREADY_PRODUCTION = True  # type: ignore[attr-defined]
    with pytest.raises(CommandError, match="never loaded with production settings"):
        run("load_frameworks", "--examples")
