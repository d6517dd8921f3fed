"""Signing in: the wrong password, the lock after too many, and returning to the page asked for."""

import re

import pytest
from playwright.sync_api import Page, expect

from digiready.accounts.factories import DEMO_PASSWORD

from .steps import click_through, expect_heading, visit

pytestmark = pytest.mark.e2e


def send_sign_in(page: Page, email: str, password: str) -> None:
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    click_through(page, page.get_by_role("button", name="Sign in"))


def test_wrong_password_shows_an_error_and_does_not_sign_in(page: Page, demo_data: None) -> None:
    # Given the sign-in page
    visit(page, "/accounts/sign-in/")

    # When a demo account's email is sent with the wrong password
    send_sign_in(page, "staff@demo.example", "not-the-password")

    # Then the page says so, in the title and the error summary, and nobody is signed in
    expect(page).to_have_title(re.compile(r"^Error: Sign in – "))
    expect(page.get_by_role("alert")).to_contain_text("Enter a correct email address and password")
    expect(page.get_by_role("navigation", name="Account")).to_contain_text("Sign in")


def test_five_wrong_passwords_lock_the_account_for_15_minutes(page: Page, demo_data: None) -> None:
    # Given the sign-in page
    visit(page, "/accounts/sign-in/")

    # When the wrong password is sent five times for one account
    for _attempt in range(5):
        send_sign_in(page, "staff@demo.example", "not-the-password")

    # Then the account is locked, and the page says for how long and how to reset the password
    expect_heading(page, "Your account is locked for 15 minutes")
    expect(page.get_by_role("link", name="reset your password")).to_be_visible()


def test_a_page_that_needs_signing_in_returns_there_after_sign_in(
    page: Page, demo_data: None
) -> None:
    # Given someone who has not signed in, when they open their details page
    visit(page, "/accounts/details/")

    # Then they are asked to sign in first
    expect(page).to_have_url(re.compile(r"/accounts/sign-in/\?next=/accounts/details/$"))

    # When they sign in, then they arrive at the page they asked for
    send_sign_in(page, "educator@demo.example", DEMO_PASSWORD)
    expect_heading(page, "Your details")
    expect(page.get_by_label("Full name")).to_have_value("Eden Educator")
