"""The `digiready workforce` command: import, validate, list, export, totals and codes."""

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from digiready.accounts.models import AuditEvent
from digiready.organisations.models import WorkforceCell, WorkforceSnapshot
from digiready.organisations.workforce_store import export_frame

pytestmark = pytest.mark.django_db

EXAMPLE = Path(__file__).parents[2] / "docs" / "examples" / "workforce-example.csv"


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("workforce", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def fails(*args: str) -> tuple[str, str]:
    """The message of the error the command ends with, and what it printed to stderr."""
    err = io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("workforce", *args, stdout=io.StringIO(), stderr=err)
    return str(caught.value), err.getvalue()


def held() -> tuple[int, int]:
    return WorkforceSnapshot.objects.count(), WorkforceCell.objects.count()


def import_example(*extra: str) -> WorkforceSnapshot:
    run("import", str(EXAMPLE), "--as-of", "2026-03-31", *extra)
    return WorkforceSnapshot.objects.get()


def test_import_stores_the_frame_and_says_what_it_holds() -> None:
    out, _ = run("import", str(EXAMPLE), "--as-of", "2026-03-31", "--name", "NWS March 2026")
    snapshot = WorkforceSnapshot.objects.get()
    assert out.startswith(
        f"Imported frame {snapshot.pk}: NWS March 2026 (31 March 2026), 14 cells, "
        "headcount 21,442, in "
    )
    assert (snapshot.source, snapshot.imported_by) == ("workforce-example.csv", "command line")


def test_a_bad_file_prints_every_problem_to_stderr_and_imports_nothing(tmp_path: Path) -> None:
    path = tmp_path / "workforce.csv"
    text = EXAMPLE.read_text()
    path.write_text(text.replace("RBS,doctors,,520", "RBS,doctors,,-3").replace("RX4,", "RZZ,", 1))
    message, err = fails("import", str(path), "--as-of", "2026-03-31")
    assert message == "Nothing was imported: 2 problems found."
    assert err.splitlines() == [
        'workforce.csv, row 9, headcount: "-3" is not a whole number of people',
        'workforce.csv, row 13, organisation_code: no organisation has the ODS code "RZZ"',
    ]
    assert held() == (0, 0)


def test_an_empty_file_is_one_problem(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    message, err = fails("import", str(path), "--as-of", "2026-03-31")
    assert message == "Nothing was imported: 1 problem found."
    assert err.startswith("empty.csv: the file is empty")
    assert held() == (0, 0)


def test_a_missing_file_or_a_bad_date_is_a_clear_error(tmp_path: Path) -> None:
    message, _ = fails("import", "nowhere.csv", "--as-of", "2026-03-31")
    assert message.startswith("Cannot read nowhere.csv")
    with pytest.raises(CommandError, match="'31/03/2026' is not a date like 2026-03-31"):
        run("import", str(EXAMPLE), "--as-of", "31/03/2026")
    assert held() == (0, 0)


def test_validate_checks_a_file_without_importing_it(tmp_path: Path) -> None:
    out, _ = run("validate", str(EXAMPLE), "--as-of", "2026-03-31")
    assert f"{EXAMPLE} is valid: 14 cells, headcount 21,442." in out
    path = tmp_path / "bad.csv"
    path.write_text(EXAMPLE.read_text().replace("nurses,nurse,7712", "nurses,paramedic,7712"))
    message, err = fails("validate", str(path), "--as-of", "2026-03-31")
    assert message == "The file is not valid: 1 problem found."
    assert "bad.csv, row 3, profession: paramedic is in the staff group ambulance" in err
    assert held() == (0, 0)


def test_list_shows_each_frame_newest_first() -> None:
    run("import", str(EXAMPLE), "--as-of", "2025-09-30", "--name", "September")
    run("import", str(EXAMPLE), "--as-of", "2026-03-31", "--name", "March")
    lines = run("list")[0].splitlines()
    assert [line.split()[1] for line in lines] == ["2026-03-31", "2025-09-30"]
    assert "14 cells  headcount     21,442  March  from workforce-example.csv" in lines[0]


def test_export_writes_what_import_reads_and_is_audited(tmp_path: Path) -> None:
    first = import_example()
    target = tmp_path / "frame.csv"
    _, err = run("export", str(first.pk), "--output", str(target))
    assert f"Wrote {target} (14 cells)." in err
    event = AuditEvent.objects.get(action=AuditEvent.Action.EXPORT)
    assert (event.actor_label, event.target) == (
        "command line",
        f"workforce frame {first.pk}: {first}",
    )
    run("import", str(target), "--as-of", "2026-03-31")
    second = WorkforceSnapshot.objects.exclude(pk=first.pk).get()
    assert run("export", "latest")[0] == ""  # written to the real standard output
    assert target.read_text() == export_frame(second)


def test_export_to_standard_output(capsys: pytest.CaptureFixture[str]) -> None:
    snapshot = import_example()
    run("export", str(snapshot.pk))
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "organisation_code,staff_group,profession,headcount,fte"
    assert "R0A,nurses,nurse,7712,6954.2" in lines
    assert len(lines) == 15


def test_an_unknown_frame_is_a_clear_error() -> None:
    for reference in ("99", "latest", "march"):
        message, _ = fails("export", reference)
        assert message.startswith(f"No workforce frame {reference!r}.")


def test_totals_by_staff_group_and_by_region() -> None:
    snapshot = import_example()
    out, _ = run("totals", str(snapshot.pk), "--by", "staff_group")
    assert out.splitlines()[:2] == [
        "doctors\tHCHS doctors\t4735",
        "nurses\tNurses and health visitors\t11678",
    ]
    assert out.splitlines()[-1] == f"total\t{snapshot}\t21442"
    out, _ = run("totals", "latest", "--by", "region")
    assert out.splitlines() == [
        "Y62\tNorth West\t17202",
        "Y63\tNorth East and Yorkshire\t4240",
        f"total\t{snapshot}\t21442",
    ]


def test_totals_by_organisation_and_profession_name_what_they_count() -> None:
    snapshot = import_example()
    out, _ = run("totals", str(snapshot.pk))
    assert out.splitlines()[0] == "R0A\tManchester University NHS Foundation Trust\t14136"
    out, _ = run("totals", str(snapshot.pk), "--by", "profession")
    assert "physiotherapist\tPhysiotherapist\t608" in out.splitlines()
    assert "-\t(not split by profession)\t5555" in out.splitlines()


def test_totals_by_anything_else_are_refused() -> None:
    with pytest.raises(CommandError, match="invalid choice: 'band'"):
        run("totals", "1", "--by", "band")


def test_codes_lists_what_each_column_accepts() -> None:
    out, _ = run("codes")
    assert "  st_t_ahp            Scientific, therapeutic and technical staff" in out
    assert "  paramedic                 Paramedic (ambulance)" in out
    assert "  band_8_plus         Band 8a and above" in out
    assert "  55_plus             55 and over" in out
