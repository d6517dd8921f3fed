"""Steps the browser tests share; each one that loads a page checks it with axe-core."""

import re

from playwright.sync_api import Locator, Page, expect

from digiready.accounts.factories import DEMO_PASSWORD

from .accessibility import assert_accessible


def visit(page: Page, path: str, *, status: int = 200) -> None:
    """Open `path`, expect the server to answer with `status`, and check the page."""
    response = page.goto(path)
    assert response is not None, f"no response for {path}"
    assert response.status == status, f"{path} answered {response.status}, not {status}"
    assert_accessible(page)


def click_through(page: Page, target: Locator) -> None:
    """Follow a link or press a form's button, wait for the page it loads, and check it."""
    with page.expect_navigation():
        target.click()
    assert_accessible(page)


def expect_heading(page: Page, text: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(text)


def sign_in(page: Page, email: str, password: str = DEMO_PASSWORD) -> None:
    """Sign in through the form, as a person would, and land on the home page."""
    visit(page, "/accounts/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    click_through(page, page.get_by_role("button", name="Sign in"))
    expect(page).to_have_url(re.compile(r"/home/$"))


def sign_out(page: Page) -> None:
    """Sign out through the header link and the confirmation page, and land on the start page."""
    account = page.get_by_role("navigation", name="Account")
    click_through(page, account.get_by_role("link", name="Sign out"))
    expect_heading(page, "Are you sure you want to sign out?")
    click_through(page, page.get_by_role("main").get_by_role("button", name="Sign out"))
    expect(page.get_by_role("status")).to_have_text("You have signed out.")
    expect(account).to_contain_text("Sign in")
