"""A consultation analyst sets up a campaign in the browser, without the admin pages."""

import datetime as dt
import re

import pytest
from playwright.sync_api import Locator, Page, expect

from .steps import click_through, expect_heading, sign_in, visit

pytestmark = pytest.mark.e2e

TITLE = "Records at the bedside: what would help?"
QUESTION = "What slows you down when you write notes at the bedside?"


def fill_date(group: Locator, day: dt.date) -> None:
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def test_an_analyst_creates_a_campaign_with_a_phase_and_a_question(
    page: Page, demo_data: None
) -> None:
    today = dt.date.today()

    # Given a consultation analyst on the moderation queue
    sign_in(page, "moderator@demo.example")
    visit(page, "/conversations/moderation/")
    click_through(page, page.get_by_role("link", name="Manage campaigns"))
    expect_heading(page, "Manage campaigns")

    # When they create a campaign, leaving the web address to be made from the title
    click_through(page, page.get_by_role("button", name="Create a campaign"))
    expect_heading(page, "Create a campaign")
    expect(page.get_by_label("What is stored")).not_to_be_empty()
    page.get_by_label("Title").fill(TITLE)
    page.get_by_role("radio", name=re.compile("^Yes")).check()
    click_through(page, page.get_by_role("button", name="Save"))

    # Then they see its management page
    expect_heading(page, TITLE)
    expect(page.get_by_role("status")).to_contain_text(f"Saved {TITLE}")
    expect(page.get_by_role("main")).to_contain_text("This campaign has no phases yet")

    # When they add a phase that closes before it opens
    click_through(page, page.get_by_role("button", name="Add a phase"))
    expect_heading(page, "Add a phase")
    page.get_by_label("Phase title").fill("Phase 1: ward staff")
    page.get_by_label("Who this phase is for").fill("Everyone who works on a ward.")
    fill_date(page.get_by_role("group", name="Date it opens"), today)
    fill_date(page.get_by_role("group", name="Date it closes"), today - dt.timedelta(days=1))
    click_through(page, page.get_by_role("button", name="Save"))

    # Then the error summary says what is wrong and leads to the close date
    summary = page.get_by_role("alert")
    message = "The date the phase closes must be the same as or after the date it opens"
    expect(summary).to_contain_text(message)
    summary.get_by_role("link", name=message).click()
    expect(page.get_by_role("group", name="Date it closes").get_by_label("Day")).to_be_focused()

    # When they fix it
    fill_date(page.get_by_role("group", name="Date it closes"), today + dt.timedelta(days=30))
    click_through(page, page.get_by_role("button", name="Save"))

    # Then the phase is listed as open, in words
    expect(page.get_by_role("status")).to_contain_text("Saved Phase 1: ward staff")
    phase = page.locator(".nhsuk-card").filter(has_text="Phase 1: ward staff")
    expect(phase).to_contain_text("Open: taking contributions until")

    # When they add a question to it
    click_through(page, phase.get_by_role("link", name=re.compile("^Add a question")))
    expect_heading(page, "Add a question")
    page.get_by_label("Question", exact=True).fill(QUESTION)
    click_through(page, page.get_by_role("button", name="Save"))
    expect(page.get_by_role("main")).to_contain_text(QUESTION)

    # Then the public page shows the phase and the question, open for contributions
    click_through(page, page.get_by_role("link", name="View the public page"))
    expect_heading(page, TITLE)
    expect(page.get_by_role("heading", name=re.compile("^Phase 1: ward staff"))).to_be_visible()
    click_through(page, page.get_by_role("link", name=QUESTION))
    expect_heading(page, QUESTION)
