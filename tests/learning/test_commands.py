"""The `digiready learning` command, and editing resources one by one in the admin."""

import io
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from pytest_django import Settings

from digiready.accounts.models import AuditEvent, Role, User
from digiready.frameworks.models import FrameworkVersion
from digiready.learning.models import LearningResource, ResourceCoverage

from .conftest import SMALL

pytestmark = pytest.mark.django_db


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("learning", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_from_the_command_line_is_audited(tmp_path: Path) -> None:
    path = tmp_path / "courses.csv"
    path.write_bytes(SMALL)
    out, _ = run("import", str(path))
    assert "3 resources: 3 added, 0 updated, 0 unchanged; 5 capability tags" in out
    event = AuditEvent.objects.get(action=AuditEvent.Action.CATALOGUE_IMPORTED)
    assert (event.actor_label, event.target) == ("command line", "courses.csv")


def test_a_bad_file_prints_every_problem_to_stderr_and_fails(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(SMALL.replace(b"DA.3", b"DA.9").replace(b",45,", b",-45,"))
    err = io.StringIO()
    with pytest.raises(CommandError, match="Nothing was imported: 2 problems found"):
        call_command("learning", "import", str(path), stdout=io.StringIO(), stderr=err)
    assert "bad.csv, row 2, duration_minutes: -45 is negative" in err.getvalue()
    assert "bad.csv, row 5, capabilities: digital-ready has no capability DA.9" in err.getvalue()
    assert not LearningResource.objects.exists()


def test_a_missing_file_is_a_clear_error() -> None:
    with pytest.raises(CommandError, match=r"Cannot read nowhere\.csv"):
        run("import", "nowhere.csv")


def test_demo_loads_once_and_export_writes_what_import_reads(tmp_path: Path) -> None:
    out, _ = run("demo")
    assert "added" in out
    count = LearningResource.objects.count()
    out, _ = run("demo")
    assert f"0 added, 0 updated, {count} unchanged" in out
    target = tmp_path / "catalogue.csv"
    _, err = run("export", "--output", str(target))
    assert "Wrote" in err
    LearningResource.objects.all().delete()
    run("import", str(target))
    assert LearningResource.objects.count() == count


def test_demo_is_refused_with_production_settings(settings: Settings) -> None:
    settings.DIGIREADY_PRODUCTION = True
    with pytest.raises(CommandError, match="never loaded with production settings"):
        run("demo")


def test_coverage_lists_the_capabilities_no_resource_covers() -> None:
    run("demo")
    out, _ = run("coverage")
    assert re.search(r"\(digital-ready\): \d+ capabilities with levels no resource covers", out)
    assert "AI.5     Helping to build AI: Foundation, Intermediate, Advanced, Expert" in out
    out, _ = run("coverage", "--framework", "organisational-maturity")
    assert "(organisational-maturity)" in out
    with pytest.raises(CommandError, match="No framework 'nope'"):
        run("coverage", "--framework", "nope")


def test_an_administrator_adds_a_resource_with_coverage_in_the_admin(
    make_person: Callable[..., User],
    signed_in: Callable[[User], Client],
    digital_ready: FrameworkVersion,
) -> None:
    client = signed_in(make_person(role=Role.ADMINISTRATOR, is_superuser=True))
    assert client.get("/admin/learning/learningresource/").status_code == 200
    form = client.get("/admin/learning/learningresource/add/")
    assert "digital-ready DL.1 Championing digital ways of working" in form.text
    dl1 = digital_ready.capabilities.get(code="DL.1")
    chosen = f"{digital_ready.framework_id}:{dl1.lineage}"
    data = {
        "title": "Champions' huddle",
        "provider": "NHS Learning Hub",
        "url": "https://learninghub.nhs.uk/",
        "description": "",
        "format": "video",
        "duration_minutes": "10",
        "cost_pounds": "0",
        "active": "on",
        "coverage-TOTAL_FORMS": "2",
        "coverage-INITIAL_FORMS": "0",
        "coverage-MIN_NUM_FORMS": "0",
        "coverage-MAX_NUM_FORMS": "1000",
        "coverage-0-capability": chosen,
        "coverage-0-level_from": "1",
        "coverage-0-level_to": "2",
        "coverage-1-capability": chosen,
        "coverage-1-level_from": "3",
        "coverage-1-level_to": "3",
    }
    refused = client.post("/admin/learning/learningresource/add/", data)
    assert refused.status_code == 200
    assert "This capability is already listed" in refused.text
    data |= {"coverage-TOTAL_FORMS": "1", "coverage-0-level_to": "5"}
    refused = client.post("/admin/learning/learningresource/add/", data)
    assert "This framework has levels 1 to 4." in refused.text
    data |= {"coverage-0-level_to": "2"}
    saved = client.post("/admin/learning/learningresource/add/", data)
    assert saved.status_code == 302
    coverage = ResourceCoverage.objects.get(resource__title="Champions' huddle")
    assert (coverage.framework_id, coverage.capability_lineage) == (
        digital_ready.framework_id,
        dl1.lineage,
    )
