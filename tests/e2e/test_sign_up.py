"""Creating an account: the errors a person sees, then the home page with their details."""

import re

import pytest
from playwright.sync_api import Page, expect

from .steps import click_through, visit

pytestmark = pytest.mark.e2e

NEW_PASSWORD = "kettle-orbit-lantern-42"
ORGANISATION = "Which organisation do you work for?"
PROFESSION = "What is your profession or role?"
R0A = "Manchester University NHS Foundation Trust"


def test_empty_sign_up_form_shows_every_error_then_a_correct_one_creates_the_account(
    page: Page, demo_data: None
) -> None:
    # Given the create an account page
    visit(page, "/accounts/create/")
    create = page.get_by_role("button", name="Create account")

    # When it is sent empty
    click_through(page, create)

    # Then an error summary lists what is missing, and the title says there is an error
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("There is a problem")
    for message in ("Enter your full name", "Enter your work email address", "Create a password"):
        expect(summary.get_by_role("link", name=message)).to_be_visible()
    expect(page).to_have_title(re.compile(r"^Error: Create an account – "))
    # The design system's script moves focus to the summary, so screen readers announce it
    expect(page.locator(".nhsuk-error-summary")).to_be_focused()

    # When the form is filled in correctly
    page.get_by_label("Full name").fill("Robin Registrar")
    page.get_by_label("Work email address").fill("robin.registrar@nhs.example")
    page.get_by_label(ORGANISATION).select_option(
        label="Manchester University NHS Foundation Trust (R0A)"
    )
    page.get_by_label(PROFESSION).select_option(label="Nurse")
    page.get_by_label("Create a password").fill(NEW_PASSWORD)
    page.get_by_label("Confirm your password").fill(NEW_PASSWORD)
    click_through(page, create)

    # Then the home page shows the new account's details, with the staff group that follows
    expect(page).to_have_url(re.compile(r"/home/$"))
    expect(page.get_by_role("status")).to_have_text("Your account has been created.")
    details = page.locator(".nhsuk-summary-list")
    for value in (
        "Robin Registrar",
        R0A,
        "Nurse",
        "Nurses and health visitors",
    ):
        expect(details).to_contain_text(value)


def test_mismatched_passwords_are_reported_against_the_second_password(
    page: Page, demo_data: None
) -> None:
    # Given the create an account page filled in with two different passwords
    visit(page, "/accounts/create/")
    page.get_by_label("Full name").fill("Robin Registrar")
    page.get_by_label("Work email address").fill("robin.registrar@nhs.example")
    page.get_by_label(ORGANISATION).select_option(index=1)
    page.get_by_label(PROFESSION).select_option(label="Doctor")
    page.get_by_label("Create a password").fill(NEW_PASSWORD)
    page.get_by_label("Confirm your password").fill(NEW_PASSWORD + "x")

    # When it is sent
    click_through(page, page.get_by_role("button", name="Create account"))

    # Then the error summary links to the field that is wrong, and following it moves focus there
    link = page.get_by_role("alert").get_by_role("link", name="The passwords do not match")
    link.click()
    expect(page.get_by_label("Confirm your password")).to_be_focused()
    # What was typed, other than the passwords, is kept
    expect(page.get_by_label("Full name")).to_have_value("Robin Registrar")
