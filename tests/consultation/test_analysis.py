"""Themes and opinion groups for a campaign, analysts' edits across runs, reports and commands."""

import csv
import datetime as dt
import io
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from digiready.accounts.models import AuditEvent, Role, User
from digiready.consultation import analysis
from digiready.consultation.demo import SLUG, load_demo
from digiready.consultation.models import Campaign, Contribution, ThemeEdit, ThemeRun, Vote
from digiready.organisations.models import Organisation, WorkforceCell, WorkforceSnapshot

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign() -> Campaign:
    load_demo()
    return Campaign.objects.get(slug=SLUG)


@pytest.fixture
def analyst(make_person: Callable[..., User], signed_in: Callable[[User], Client]) -> Client:
    return signed_in(make_person(role=Role.CONSULTATION_ANALYST))


def test_a_run_finds_the_asked_number_of_themes_with_quotes(campaign: Campaign) -> None:
    run = analysis.start_run(campaign, 6)
    run.refresh_from_db()
    assert run.state == ThemeRun.State.DONE
    assert run.themes.count() == 6
    assert sum(theme.size for theme in run.themes.all()) == run.contributions == 264
    for theme in run.themes.all():
        assert theme.label
        assert set(theme.quotes) <= set(theme.contributions.values_list("pk", flat=True))


def test_too_few_contributions_says_so(campaign: Campaign) -> None:
    empty = Campaign.objects.create(
        slug="empty", title="Empty", purpose="-", how_used="-", what_stored="-"
    )
    run = analysis.start_run(empty)
    run.refresh_from_db()
    assert run.state == ThemeRun.State.FAILED
    assert "At least 3 published contributions" in run.message


def test_renames_and_merges_survive_a_rerun_that_finds_the_same_themes(
    campaign: Campaign,
) -> None:
    first = analysis.start_run(campaign, 6)
    themes = list(first.themes.all())
    analysis.edit(first, ThemeEdit.Kind.RENAME, [themes[0]], name="Time to learn")
    analysis.edit(first, ThemeEdit.Kind.MERGE, themes[1:3], name="Kit and connections")
    assert first.themes.count() == 5
    second = analysis.start_run(campaign, 6)
    names = set(second.themes.values_list("name", flat=True))
    assert {"Time to learn", "Kit and connections"} <= names
    assert second.themes.count() == 5


def test_a_split_makes_two_themes_from_one(campaign: Campaign) -> None:
    run = analysis.start_run(campaign, 4)
    largest = run.themes.order_by("-size").first()
    assert largest is not None
    analysis.edit(run, ThemeEdit.Kind.SPLIT, [largest])
    assert run.themes.count() == 5
    assert AuditEvent.objects.filter(action=AuditEvent.Action.THEMES_CHANGED).count() == 1


def test_the_report_shows_themes_groups_and_suppressed_small_counts(
    campaign: Campaign, analyst: Client
) -> None:
    analysis.start_run(campaign, 6)
    page = analyst.get(f"/conversations/{SLUG}/report/")
    assert page.status_code == 200
    assert "Who has taken part" in page.text
    assert "Opinion groups" in page.text
    assert "Group 1" in page.text
    assert ">*<" in page.text  # small groups of contributors are not shown as numbers
    assert Client().get(f"/conversations/{SLUG}/report/").status_code == 302  # sign in first


def test_the_opinion_groups_follow_the_two_camps_of_voters(campaign: Campaign) -> None:
    report = analysis.opinion_report(campaign)
    assert report is not None
    assert len(report.result.summaries) == 2
    assert all(summary.size >= 10 for summary in report.result.summaries)


def test_opinion_groups_are_worked_out_once_until_the_votes_change(
    campaign: Campaign, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = []
    compute = analysis._opinion_report
    monkeypatch.setattr(analysis, "_opinion_report", lambda c: calls.append(c.pk) or compute(c))
    first = analysis.opinion_report(campaign)
    again = analysis.opinion_report(campaign)
    assert len(calls) == 1
    assert first is not None and again is not None
    assert again.result.summaries == first.result.summaries
    # A new vote is a new state of the votes: the groups are worked out again.
    statement = Contribution.objects.published().in_campaign(campaign).first()
    assert statement is not None
    Vote.objects.create(contribution=statement, participant=uuid.uuid4(), value=Vote.Value.AGREE)
    analysis.opinion_report(campaign)
    assert len(calls) == 2
    # So is an edit to a published statement's text.
    statement.text = statement.text + " (edited)"
    statement.save()
    analysis.opinion_report(campaign)
    assert len(calls) == 3


def test_exports_are_redacted_text_and_are_audited(campaign: Campaign, analyst: Client) -> None:
    analysis.start_run(campaign, 6)
    response = analyst.get(f"/conversations/{SLUG}/report/contributions.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 264
    assert all(row["theme"] for row in rows)
    themes = analyst.get(f"/conversations/{SLUG}/report/themes.csv")
    assert len(list(csv.DictReader(io.StringIO(themes.content.decode())))) == 6
    assert AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).count() == 2


def test_importing_responses_from_another_tool_redacts_them_all_or_none(
    campaign: Campaign, tmp_path: Path
) -> None:
    good = tmp_path / "responses.csv"
    good.write_text(
        "answer,role\nMore time for training please,Nurse\n"
        "Ring Sam Patel on 07700 900123 about the Wi-Fi,Porter\n",
        encoding="utf-8",
    )
    before = Contribution.objects.count()
    out = io.StringIO()
    call_command(
        "consultation",
        "import",
        str(good),
        "--campaign",
        SLUG,
        "--text-column",
        "answer",
        "--group-column",
        "role",
        stdout=out,
    )
    assert "Imported 2 responses" in out.getvalue()
    imported = Contribution.objects.filter(imported_group="Porter").get()
    assert "07700" not in imported.text and "Patel" not in imported.text
    bad = tmp_path / "bad.csv"
    bad.write_text('answer\nFine\n""\n', encoding="utf-8")
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command(
            "consultation",
            "import",
            str(bad),
            "--campaign",
            SLUG,
            "--text-column",
            "answer",
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )
    with pytest.raises(CommandError, match="no column named 'text'"):
        call_command(
            "consultation",
            "import",
            str(good),
            "--campaign",
            SLUG,
            "--text-column",
            "text",
            stdout=io.StringIO(),
        )
    assert Contribution.objects.count() == before + 2


def test_themes_straight_from_a_csv(tmp_path: Path) -> None:
    source = Path(__file__).parents[2] / "src/digiready/consultation/data/demo-contributions.csv"
    output = tmp_path / "themes.csv"
    out = io.StringIO()
    call_command(
        "consultation",
        "themes",
        str(source),
        "--text-column",
        "text",
        "--output",
        str(output),
        "--themes",
        "5",
        stdout=out,
    )
    rows = list(csv.DictReader(output.open(encoding="utf-8")))
    assert len(rows) == 264
    assert {row["theme"] for row in rows} == {"0", "1", "2", "3", "4"}
    summary = list(csv.DictReader((tmp_path / "themes-summary.csv").open(encoding="utf-8")))
    assert len(summary) == 5
    assert sum(int(row["size"]) for row in summary) == 264


def test_the_excel_export_matches_the_csv(campaign: Campaign, analyst: Client) -> None:
    from openpyxl import load_workbook

    analysis.start_run(campaign, 6)
    book = load_workbook(
        io.BytesIO(analyst.get(f"/conversations/{SLUG}/report/themes.xlsx").content)
    )
    sheet = book.active
    assert sheet is not None
    excel = [[cell.value for cell in row] for row in sheet.iter_rows()]
    text = analyst.get(f"/conversations/{SLUG}/report/themes.csv").content.decode()
    assert excel == list(csv.reader(io.StringIO(text)))


def test_the_pdf_report_carries_the_pages_figures(campaign: Campaign, analyst: Client) -> None:
    from pypdf import PdfReader

    analysis.start_run(campaign, 6)
    response = analyst.get(f"/conversations/{SLUG}/report/report.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Who has taken part" in " ".join(text.split())
    run = analysis.latest_run(campaign)
    assert run is not None
    for theme in run.themes.all():
        assert theme.display_name.split(" · ")[0] in text
    assert AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT, detail__format="pdf").exists()


def test_no_share_gives_back_a_count_that_is_hidden_or_rounded(campaign: Campaign) -> None:
    participation = analysis.participation(campaign)
    theme_splits = [
        split
        for report in analysis.theme_reports(analysis.start_run(campaign, 6))
        for split in report.by_staff_group + report.by_profession
    ]
    splits = (
        participation.by_staff_group
        + participation.by_profession
        + participation.by_confidence
        + theme_splits
    )
    assert any(split.count == "*" for split in splits)
    for split in splits:
        if split.count == "*":
            assert split.share == "*", split
    # The shares are those of the counts as shown, out of the total as shown.
    total = int(participation.contributions.replace(",", ""))
    for split in participation.by_staff_group:
        if split.count != "*":
            assert split.share == f"{100 * int(split.count) / total:.0f}%", split


def test_the_report_shows_who_is_heard_against_the_workforce(
    campaign: Campaign, analyst: Client, org: Callable[[str], Organisation]
) -> None:
    page = analyst.get(f"/conversations/{SLUG}/report/")
    assert "Load a workforce frame" in page.text
    frame = WorkforceSnapshot.objects.create(name="Frame", as_of=dt.date(2026, 9, 30))
    for group, headcount in [("nurses", 5000), ("st_t_ahp", 1000), ("central", 1000)]:
        WorkforceCell.objects.create(
            snapshot=frame, organisation=org("R0A"), staff_group=group, headcount=headcount
        )
    participation = analysis.participation(campaign)
    heard = {h.label: h for h in participation.heard_by_staff_group}
    # Nurses are most of the staff but gave few of the contributions.
    assert heard["Nurses and health visitors"].under_represented
    assert not heard[
        "Scientific, therapeutic and technical staff: allied health professionals"
    ].under_represented
    page = analyst.get(f"/conversations/{SLUG}/report/")
    assert "Who is heard, against the workforce" in page.text
    assert "Not yet heard in proportion: Nurses and health visitors" in page.text
