"""The online conversation in the browser: a contributor with no account, and an analyst."""

import re

import pytest
from playwright.sync_api import Page, expect

from digiready.consultation.demo import SLUG, load_demo

from .steps import click_through, expect_heading, sign_in, visit

pytestmark = pytest.mark.e2e

QUESTION = "What one thing would help you use digital tools better at work?"


@pytest.fixture
def conversation(demo_data: None) -> None:
    load_demo()


def test_a_contributor_without_an_account_says_what_would_help_and_votes(
    page: Page, conversation: None
) -> None:
    # Given the conversations page, without signing in
    visit(page, "/conversations/")
    expect_heading(page, "Online conversations")
    click_through(page, page.get_by_role("link", name=re.compile("^Digital skills in health")))
    expect(page.get_by_role("heading", name="What we store")).to_be_visible()

    # When they answer a question, first sending nothing
    click_through(page, page.get_by_role("link", name=QUESTION))
    expect_heading(page, QUESTION)
    click_through(page, page.get_by_role("button", name="Send"))
    expect(page.get_by_role("alert")).to_contain_text("Enter your idea or experience")

    # And then an idea with a name in it, telling only their staff group
    page.get_by_label("Your idea or experience").fill(
        "Protected time to do the e-learning, my manager Priya Sharma agrees."
    )
    page.get_by_label("Staff group (optional)").select_option(label="Nurses and health visitors")
    click_through(page, page.get_by_role("button", name="Send"))

    # Then they are thanked and can add another
    expect(page.get_by_role("heading", name="Thank you for your contribution")).to_be_visible()
    click_through(page, page.get_by_role("link", name="Read and vote on what others have said"))

    # When they agree with a published contribution, then their vote shows as chosen
    first = (
        page.locator(".nhsuk-card")
        .filter(has=page.get_by_role("button", name=re.compile("^Agree")))
        .first
    )
    click_through(page, first.get_by_role("button", name=re.compile("^Agree")))
    expect(page.locator("button[aria-pressed='true']").first).to_contain_text("Agree")


def test_an_analyst_moderates_finds_themes_and_renames_one(page: Page, conversation: None) -> None:
    # Given a contribution waiting with a phone number in it
    visit(page, f"/conversations/{SLUG}/")
    click_through(page, page.get_by_role("link", name=QUESTION))
    page.get_by_label("Your idea or experience").fill(
        "The Wi-Fi drops on every ward, call me on 07700 900123 and I will show you."
    )
    click_through(page, page.get_by_role("button", name="Send"))

    # When a consultation analyst opens the moderation queue
    sign_in(page, "moderator@demo.example")
    visit(page, "/conversations/moderation/")
    expect_heading(page, "Moderation queue")
    click_through(page, page.get_by_role("link", name=re.compile("The Wi-Fi drops")))
    expect(page.get_by_role("main")).to_contain_text("[PHONE]")

    # And publishes it
    page.get_by_role("radio", name="Publish").check()
    click_through(page, page.get_by_role("button", name="Save decision"))
    expect(page.get_by_role("status")).to_contain_text("Saved")

    # And asks for the themes on the report page
    visit(page, f"/conversations/{SLUG}/report/")
    expect(page.get_by_role("heading", name="Who has taken part")).to_be_visible()
    page.get_by_label("Number of themes (optional)").fill("6")
    click_through(page, page.get_by_role("button", name="Find themes"))

    # Then the themes are listed with their quotes and opinion groups
    expect(page.get_by_role("status")).to_contain_text("Found 6 themes")
    themes = page.locator("section.nhsuk-card h3")
    expect(themes).to_have_count(6)
    expect(page.get_by_role("heading", name="Opinion groups")).to_be_visible()

    # When they rename the first theme
    first_name = themes.first.text_content() or ""
    rename = page.locator("form").filter(has=page.get_by_role("button", name="Rename a theme"))
    rename.get_by_label(first_name.strip()).check()
    rename.get_by_label("New name").fill("Time to learn")
    click_through(page, rename.get_by_role("button", name="Rename a theme"))

    # Then the new name is shown
    expect(page.get_by_role("heading", name="Time to learn")).to_be_visible()
