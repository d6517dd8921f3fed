import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from digiready.organisations.changes import ChangeError, merge
from digiready.organisations.models import Organisation

pytestmark = pytest.mark.django_db

MERGE_DAY = dt.date(2026, 4, 1)


def listing(*args: str) -> str:
    out = StringIO()
    call_command("organisations", "list", *args, stdout=out)
    return out.getvalue()


def merge_essex() -> Organisation:
    # Mid and South Essex with Suffolk and North East Essex, as in the 2026–27 mergers.
    return merge(["QH8", "QJG"], "QZ1", "NHS Essex Integrated Care Board", MERGE_DAY).successor


def test_a_merger_keeps_the_hierarchy_as_it_stood_before() -> None:
    merge_essex()
    before = listing("--on", "2026-03-31")
    after = listing("--on", "2026-04-01")
    assert "QH8\tNHS Mid and South Essex Integrated Care Board" in before
    assert "QZ1" not in before
    assert "QZ1\tNHS Essex Integrated Care Board" in after
    assert "QH8" not in after


def test_after_a_merger_the_providers_sit_in_the_new_icb() -> None:
    successor = merge_essex()
    basildon = Organisation.objects.get(ods_code="RAJ")  # Mid and South Essex NHS FT
    assert [p.ods_code for p in basildon.parents_on(MERGE_DAY)] == ["QZ1"]
    assert [p.ods_code for p in basildon.parents_on(MERGE_DAY - dt.timedelta(days=1))] == ["QH8"]
    assert [p.ods_code for p in successor.parents_on(MERGE_DAY)] == ["Y61"]
    assert successor.predecessions.count() == 2


def test_merging_an_organisation_that_does_not_exist_changes_nothing() -> None:
    before = Organisation.objects.count()
    with pytest.raises(ChangeError, match="QQQ"):
        merge(["QH8", "QQQ"], "QZ1", "NHS Essex Integrated Care Board", MERGE_DAY)
    assert Organisation.objects.count() == before
    assert Organisation.objects.get(ods_code="QH8").effective_to is None


def test_the_merge_command_records_a_merger() -> None:
    out = StringIO()
    call_command(
        "organisations", "merge", "QH8", "QJG", "--into", "QZ1",
        "--name", "NHS Essex Integrated Care Board", "--on", "2026-04-01", stdout=out,
    )  # fmt: skip
    assert "QZ1 NHS Essex Integrated Care Board opens on 2026-04-01" in out.getvalue()
    assert Organisation.objects.get(ods_code="QH8").effective_to == dt.date(2026, 3, 31)


def test_the_list_command_prints_one_organisation_per_line_by_kind() -> None:
    icbs = listing("--kind", "icb").strip().splitlines()
    assert len(icbs) == 42
    assert all(line.split("\t")[0].startswith("Q") for line in icbs)
    regions = listing("--kind", "region").strip().splitlines()
    assert [line.split("\t")[0] for line in regions][:2] == ["Y61", "Y56"]  # by name


def test_the_list_command_prints_the_tree_indented() -> None:
    lines = listing().splitlines()
    region = lines.index("Y62\tNorth West")
    assert "  QOP\tNHS Greater Manchester Integrated Care Board" in lines[region:]
    assert "    R0A\tManchester University NHS Foundation Trust" in lines[region:]


def test_the_list_command_refuses_a_date_it_cannot_read() -> None:
    with pytest.raises(CommandError, match="not a date"):
        listing("--on", "31/03/2026")


def test_reloading_the_reference_after_a_merger_keeps_the_merger() -> None:
    from digiready.organisations.reference import load_reference

    merge_essex()
    report = load_reference()
    assert report.links_created == 0
    basildon = Organisation.objects.get(ods_code="RAJ")
    assert [p.ods_code for p in basildon.parents_on(MERGE_DAY)] == ["QZ1"]
