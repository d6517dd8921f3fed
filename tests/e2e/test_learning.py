"""The learning catalogue in a browser: anyone browses; an educator checks coverage and imports."""

import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from digiready.learning.catalogue import COLUMNS

from .steps import click_through, expect_heading, sign_in, visit

pytestmark = pytest.mark.e2e


@pytest.fixture
def catalogue(demo_data: None) -> None:
    call_command("load_frameworks", stdout=io.StringIO())
    call_command("learning", "demo", stdout=io.StringIO())


def test_anyone_filters_the_catalogue_and_opens_a_resource(page: Page, catalogue: None) -> None:
    # Given the catalogue, without signing in
    visit(page, "/learning/")
    expect_heading(page, "Learning resources")
    expect(page.get_by_role("main")).to_contain_text("Showing 1 to 20 of ")

    # When someone narrows it to free courses in AI and decision support
    page.get_by_label("Domain").select_option(label="AI: AI and decision support")
    page.get_by_label("Format").select_option(label="Course")
    page.get_by_label("Cost").select_option(label="Free only")
    click_through(page, page.get_by_role("button", name="Show resources"))

    # Then only those are listed, and the filters keep their choices
    expect(page).to_have_url(re.compile(r"domain=.+&format=course&cost=free"))
    expect(page.get_by_role("main")).to_contain_text("matching your filters")
    cards = page.locator(".nhsuk-card")
    expect(cards).to_have_count(2)
    expect(page.get_by_label("Format")).to_have_value("course")
    expect(page.get_by_role("link", name="Evaluating and buying AI technologies")).to_have_count(0)

    # When they open one
    click_through(page, page.get_by_role("link", name="Understanding how AI is built and tested"))

    # Then it says who provides it, what it costs and what it covers, level by level
    expect_heading(page, "Understanding how AI is built and tested")
    expect(page.get_by_role("main")).to_contain_text("FutureLearn")
    expect(page.get_by_role("main")).to_contain_text("About 12 hours")
    row = page.get_by_role("row", name=re.compile("AI.2 How AI works and where it fails"))
    expect(row).to_contain_text("Intermediate to Advanced")
    expect(page.get_by_role("button", name=re.compile("^Go to "))).to_have_attribute(
        "href", "https://www.futurelearn.com/"
    )

    # And a staff member cannot reach the import
    sign_in(page, "staff@demo.example")
    visit(page, "/learning/import/", status=403)


def test_an_educator_sees_which_capabilities_no_resource_covers(
    page: Page, catalogue: None
) -> None:
    # Given an educator on the catalogue
    sign_in(page, "educator@demo.example")
    visit(page, "/learning/")

    # When they follow the link to the coverage
    click_through(page, page.get_by_role("link", name="See which capabilities no resource covers"))

    # Then the capabilities with no resource are listed by domain, with counts per level
    expect_heading(page, "Catalogue coverage")
    expect(page.get_by_role("table", name="Resources by domain and level")).to_contain_text(
        "DL: Digital leadership"
    )
    gaps = page.get_by_role("table", name="AI: AI and decision support")
    expect(gaps.get_by_role("row", name=re.compile("AI.5 Helping to build AI"))).to_contain_text(
        "All levels"
    )


def test_an_educator_imports_a_file_with_problems_then_a_good_one(
    page: Page, catalogue: None, tmp_path: Path
) -> None:
    # Given an educator on the import page
    sign_in(page, "educator@demo.example")
    visit(page, "/learning/import/")
    expect_heading(page, "Import learning resources")

    # When they upload a file with a made-up capability and a negative duration
    header = ",".join(COLUMNS)
    broken = tmp_path / "new-courses.csv"
    broken.write_text(
        f"{header}\n"
        "Huddles that work,NHS Learning Hub,https://learninghub.nhs.uk/,Short and useful.,"
        "video,-10,0,digital-ready,DL.9,1\n",
        encoding="utf-8",
    )
    page.get_by_label("Upload a catalogue file").set_input_files(broken)
    click_through(page, page.get_by_role("button", name="Check and import"))

    # Then nothing is imported and the error summary lists each problem with its row and column
    expect(page).to_have_title(re.compile(r"^Error: Import learning resources"))
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("2 problems found. Nothing was changed.")
    expect(summary).to_contain_text("new-courses.csv, row 2, duration_minutes: -10 is negative")
    expect(summary).to_contain_text("new-courses.csv, row 2, capabilities: digital-ready has no")
    expect(summary.get_by_role("link")).to_have_count(3)

    # When they fix the file and upload it again
    broken.write_text(
        f"{header}\n"
        "Huddles that work,NHS Learning Hub,https://learninghub.nhs.uk/,Short and useful.,"
        "video,10,0,digital-ready,DL.1,1\n",
        encoding="utf-8",
    )
    page.get_by_label("Upload a catalogue file").set_input_files(broken)
    click_through(page, page.get_by_role("button", name="Check and import"))

    # Then a confirmation gives the counts
    expect_heading(page, "Learning resources imported")
    expect(page.get_by_role("main")).to_contain_text("new-courses.csv: 1 resource")
    added = page.get_by_role("main").locator(".nhsuk-summary-list__row").first
    expect(added).to_contain_text("Added")
    expect(added).to_contain_text("1")

    # And the new resource is in the catalogue
    click_through(page, page.get_by_role("link", name="View the learning resources"))
    page.get_by_label("Format").select_option(label="Video")
    click_through(page, page.get_by_role("button", name="Show resources"))
    click_through(page, page.get_by_role("link", name="Huddles that work"))
    expect_heading(page, "Huddles that work")
    expect(page.get_by_role("main")).to_contain_text("DL.1 Championing digital ways of working")
