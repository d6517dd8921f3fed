"""Browsing the organisation hierarchy, today and as it stood on a date."""

import re

import pytest
from playwright.sync_api import Page, expect

from .steps import click_through, expect_heading, visit

pytestmark = pytest.mark.e2e

ON_DATE = "Show organisations as they stood on"


def test_invalid_date_on_the_organisations_page_shows_an_error(page: Page, demo_data: None) -> None:
    # Given the list of regions
    visit(page, "/organisations/")

    # When a date that does not exist is asked for
    page.get_by_label(ON_DATE).fill("2026-02-30")
    click_through(page, page.get_by_role("button", name="Show"))

    # Then the field and the error summary say what to enter, and the title starts with Error
    expect(page.locator(".nhsuk-error-message")).to_contain_text("Enter a real date")
    expect(page.get_by_role("alert")).to_contain_text("There is a problem")
    expect(page).to_have_title(re.compile(r"^Error: NHS England regions – "))


def test_organisations_as_they_stood_on_a_past_date(page: Page, demo_data: None) -> None:
    # Given the list of regions, when a past date is asked for
    visit(page, "/organisations/")
    page.get_by_label(ON_DATE).fill("2025-04-01")
    click_through(page, page.get_by_role("button", name="Show"))

    # Then the page says which date it shows, and its links keep that date
    expect(page.get_by_text("Showing organisations as they stood on 1 April 2025")).to_be_visible()
    expect(page.get_by_role("link", name="North West", exact=True)).to_have_attribute(
        "href", "/organisations/Y62/?on=2025-04-01"
    )


def test_region_to_icb_to_provider_by_following_links(page: Page, demo_data: None) -> None:
    # Given the list of regions
    visit(page, "/organisations/")

    # When someone follows a region, an ICB in it and a provider in that
    click_through(page, page.get_by_role("link", name="North West", exact=True))
    expect_heading(page, "North West")
    click_through(page, page.get_by_role("link", name="NHS Greater Manchester Integrated Care"))
    expect_heading(page, "NHS Greater Manchester Integrated Care Board")
    click_through(page, page.get_by_role("link", name="Manchester University NHS Foundation"))

    # Then the provider's page shows where it sits, with a breadcrumb back up
    expect_heading(page, "Manchester University NHS Foundation Trust")
    breadcrumb = page.get_by_role("navigation", name="Breadcrumb")
    expect(breadcrumb.get_by_role("link", name="North West")).to_be_visible()
