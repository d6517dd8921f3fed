"""A member of staff takes their self-assessment over two sittings; a lead assesses their trust."""

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from digiready.assessments.demo import load_demo

from .steps import click_through, expect_heading, sign_in, sign_out, visit

pytestmark = pytest.mark.e2e


@pytest.fixture
def frameworks(demo_data: None) -> None:
    call_command("load_frameworks", stdout=io.StringIO())
    call_command("learning", "demo", stdout=io.StringIO())
    load_demo()


def answer_page(page: Page, value: str) -> None:
    """Choose the same answer for every question on the page."""
    for radio in page.locator(f"input[type=radio][value='{value}']").all():
        radio.check()


def test_staff_answer_leave_resume_submit_and_read_their_report(
    page: Page, frameworks: None
) -> None:
    # Given a nurse signed in
    sign_in(page, "staff@demo.example")
    nav = page.get_by_role("navigation", name="Menu")
    click_through(page, nav.get_by_role("link", name="Self-assessment"))
    expect_heading(page, "Your digital capability self-assessment")

    # When they take it again (a year on), first without choosing what describes their role
    click_through(page, page.get_by_role("button", name="Take it again"))
    click_through(page, page.get_by_role("button", name="Continue"))
    expect(page.get_by_role("alert")).to_contain_text("Select which best describes your role")
    page.get_by_label("User", exact=True).check()
    click_through(page, page.get_by_role("button", name="Continue"))
    expect_heading(page, "Your self-assessment")

    # And answer one question of the first section, then stop for the day
    click_through(page, page.get_by_role("link", name="Digital leadership"))
    expect_heading(page, "Digital leadership")
    page.locator("input[name=item_1][value='3']").check()
    click_through(page, page.get_by_role("button", name="Save and come back later"))
    expect(page.get_by_text("You have answered 1 of")).to_be_visible()
    sign_out(page)

    # Then another day their answer is still there
    sign_in(page, "staff@demo.example")
    visit(page, "/assessment/")
    click_through(page, page.get_by_role("button", name="Continue your self-assessment"))
    click_through(page, page.get_by_role("link", name="Digital leadership"))
    expect(page.locator("input[name=item_1][value='3']")).to_be_checked()

    # When carrying on with a question left out, the error summary says which
    click_through(page, page.get_by_role("button", name="Save and continue"))
    expect(page.get_by_role("alert")).to_contain_text("There is a problem")
    expect(page).to_have_title(re.compile("^Error: Digital leadership"))

    # And they answer every page
    while page.get_by_role("button", name="Save and continue").count():
        answer_page(page, "2")
        page.locator("input[name=item_1][value='na']").check()
        click_through(page, page.get_by_role("button", name="Save and continue"))
    expect_heading(page, "Check your answers before you submit")
    expect(page.get_by_text("Not applicable to my role").first).to_be_visible()

    # And change one answer from the check page
    click_through(page, page.get_by_role("link", name=re.compile("^Change")).first)
    page.locator("input[name=item_1][value='4']").check()
    click_through(page, page.get_by_role("button", name="Save and come back later"))
    click_through(page, page.get_by_role("link", name="Check your answers and submit"))
    click_through(page, page.get_by_role("button", name="Submit"))

    # Then they see the confirmation and their report
    expect(page.get_by_role("heading", name="Assessment submitted")).to_be_visible()
    click_through(page, page.get_by_role("button", name="See the report"))
    expect_heading(page, "Your digital capability report")
    expect(page.get_by_role("img", name=re.compile("Score in each domain"))).to_be_visible()
    expect(page.get_by_role("table", name="Scores in each domain")).to_be_visible()
    expect(page.get_by_role("heading", name="Your learning plan")).to_be_visible()
    expect(page.get_by_text("Changes are since")).to_be_visible()

    # And they can keep it as a PDF
    with page.expect_download() as download:
        page.get_by_role("link", name="Download this report as a PDF").click()
    assert download.value.suggested_filename.endswith(".pdf")

    # And see their progress since the year-old demo submission
    click_through(page, page.get_by_role("link", name="See your progress over time"))
    expect_heading(page, "Your progress over time")
    expect(page.get_by_role("table", name="Scores at each submission")).to_be_visible()


def test_a_lead_assesses_their_trusts_maturity_against_last_year(
    page: Page, frameworks: None
) -> None:
    # Given the lead of a trust
    sign_in(page, "lead@demo.example")
    visit(page, "/assessment/")
    click_through(page, page.get_by_role("link", name=re.compile("^Digital maturity of")))
    expect(page.get_by_role("heading", name="Earlier assessments")).to_be_visible()

    # When they answer every pillar
    click_through(page, page.get_by_role("button", name="Start this year's assessment"))
    click_through(page, page.get_by_role("link", name="Well led"))
    while page.get_by_role("button", name="Save and continue").count():
        answer_page(page, "4")
        click_through(page, page.get_by_role("button", name="Save and continue"))
    click_through(page, page.get_by_role("button", name="Submit"))
    click_through(page, page.get_by_role("button", name="See the report"))

    # Then the report shows each pillar's level and the change since last year
    expect_heading(page, "Maturity report")
    expect(page.get_by_role("table", name="Scores in each pillar")).to_contain_text("4.0")
    expect(page.get_by_text("Changes are since")).to_be_visible()
