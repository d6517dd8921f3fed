"""Resetting a forgotten password through the emailed link."""

import re

import pytest
from django.core.mail import EmailMessage
from playwright.sync_api import Page

from .steps import click_through, expect_heading, sign_in, sign_out, visit

pytestmark = pytest.mark.e2e

NEW_PASSWORD = "harbour-violet-compass-17"


def test_forgotten_password_is_reset_through_the_emailed_link(
    page: Page, demo_data: None, mailoutbox: list[EmailMessage]
) -> None:
    # Given someone who has forgotten their password, when they ask for a reset link
    visit(page, "/accounts/sign-in/")
    click_through(page, page.get_by_role("link", name="Forgotten your password?"))
    page.get_by_label("Email address").fill("staff@demo.example")
    click_through(page, page.get_by_role("button", name="Send reset link"))

    # Then they are told to check their email, and the email holds a link
    expect_heading(page, "Check your email")
    assert len(mailoutbox) == 1
    body = str(mailoutbox[0].body)
    link = re.search(r"http://\S+/accounts/password-reset/\S+/", body)
    assert link, body

    # When they follow the link and choose a new password
    visit(page, link.group(0))
    expect_heading(page, "Choose a new password")
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("New password confirmation").fill(NEW_PASSWORD)
    click_through(page, page.get_by_role("button", name="Change password"))

    # Then the password is changed, and they can sign in with it
    expect_heading(page, "Your password has been changed")
    sign_in(page, "staff@demo.example", NEW_PASSWORD)
    sign_out(page)
