"""Pages anyone can see without signing in."""

import re

import pytest
from playwright.sync_api import Page, expect

from .accessibility import assert_accessible
from .steps import expect_heading, visit

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("/", "Measure and grow your digital capability"),
        ("/organisations/", "NHS England regions"),
        ("/organisations/Y62/", "North West"),
        ("/organisations/QOP/", "NHS Greater Manchester Integrated Care Board"),
        ("/organisations/R0A/", "Manchester University NHS Foundation Trust"),
        ("/accounts/sign-in/", "Sign in"),
        ("/accounts/create/", "Create an account"),
        ("/accounts/password-reset/", "Reset your password"),
        ("/accessibility/", "Accessibility statement"),
        ("/privacy/", "Privacy notice"),
    ],
)
def test_public_page_shows_its_heading_and_is_accessible(
    page: Page, demo_data: None, path: str, title: str
) -> None:
    # Given someone who has not signed in, when they open the page
    visit(page, path)

    # Then its heading says what it is, and the browser title starts with the same words
    expect_heading(page, title)
    expect(page).to_have_title(re.compile(rf"^{re.escape(title)} – (.+ – )?Digital Ready – NHS$"))


def test_unknown_address_shows_the_page_not_found_page(page: Page, demo_data: None) -> None:
    # Given an address the service does not have, when it is opened
    visit(page, "/no-such-page/", status=404)

    # Then the page not found page says so and links back to the start
    expect_heading(page, "Page not found")
    expect(page).to_have_title("Page not found – Digital Ready – NHS")
    expect(page.get_by_role("link", name="Go to the Digital Ready start page")).to_be_visible()


def test_skip_link_is_the_first_thing_a_keyboard_reaches(page: Page, demo_data: None) -> None:
    # Given the start page
    visit(page, "/")

    # When a keyboard user presses Tab, then the skip link is focused and visible
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Skip to main content")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_visible()
    assert_accessible(page)

    # When they follow it, then the main content has focus
    page.keyboard.press("Enter")
    expect(page.get_by_role("main")).to_be_focused()


@pytest.mark.parametrize("path", ["/", "/accounts/create/", "/organisations/QOP/"])
def test_page_fits_a_small_phone_screen(page: Page, demo_data: None, path: str) -> None:
    # Given a screen 320 pixels wide, the width WCAG reflow asks for at 400% zoom
    page.set_viewport_size({"width": 320, "height": 640})

    # When the page is opened, then it is accessible and nothing needs scrolling sideways
    visit(page, path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
