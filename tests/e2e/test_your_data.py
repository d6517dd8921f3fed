"""Your data: a person downloads a copy of everything held about them, then erases their account."""

import io
import json
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from digiready.accounts.factories import DEMO_PASSWORD
from digiready.accounts.models import User
from digiready.assessments.services import (
    questionnaire_of,
    save_answers,
    start_self_assessment,
    submit,
)

from .steps import click_through, expect_heading, sign_in, visit

pytestmark = pytest.mark.e2e

EMAIL = "staff@demo.example"


def given_a_submitted_self_assessment(email: str) -> None:
    # Live-server tests empty the database between tests; the frameworks must be loaded again.
    call_command("load_frameworks", stdout=io.StringIO())
    assessment = start_self_assessment(User.objects.get(email=email), archetype="user")
    save_answers(assessment, {item.link_id: "3" for item in questionnaire_of(assessment).items})
    submit(assessment)


def ask_to_erase(page: Page, password: str) -> None:
    page.get_by_label("Your password", exact=True).fill(password)
    page.get_by_label("I understand this cannot be undone").check()
    click_through(page, page.get_by_role("button", name="Erase your account"))


def test_a_person_downloads_their_data_and_erases_their_account(
    page: Page, demo_data: None
) -> None:
    # Given a member of staff who has submitted a self-assessment, signed in
    given_a_submitted_self_assessment(EMAIL)
    sign_in(page, EMAIL)

    # When they open their data, then it says what is held
    visit(page, "/your-data/")
    expect_heading(page, "Your data")
    expect(page).to_have_title("Your data – Digital Ready – NHS")
    expect(page.get_by_role("main")).to_contain_text("1 (1 submitted)")

    # When they download the JSON copy, then it holds their details and answers
    with page.expect_download() as download:
        page.get_by_role("link", name="Download your data as JSON").click()
    data = json.loads(Path(download.value.path()).read_text())
    assert data["account"]["email"] == EMAIL
    assert data["self_assessments"][0]["answers"]

    # When they ask to erase their account with the wrong password
    click_through(page, page.get_by_role("link", name="Erase your account"))
    expect_heading(page, "Erase your account")
    ask_to_erase(page, "not-the-password")

    # Then the page says what is wrong, and nothing is erased
    expect(page).to_have_title(re.compile(r"^Error: Erase your account – Your data – "))
    expect(page.get_by_role("alert")).to_contain_text("The password is not correct")
    assert User.objects.filter(email=EMAIL).exists()

    # When they erase it with their password
    ask_to_erase(page, DEMO_PASSWORD)

    # Then they see the confirmation, signed out
    expect_heading(page, "Your account has been erased")
    expect(page.get_by_role("navigation", name="Account")).to_contain_text("Sign in")
    assert not User.objects.filter(email=EMAIL).exists()

    # And they can no longer sign in
    visit(page, "/accounts/sign-in/")
    page.get_by_label("Email address").fill(EMAIL)
    page.get_by_label("Password", exact=True).fill(DEMO_PASSWORD)
    click_through(page, page.get_by_role("button", name="Sign in"))
    expect(page.get_by_role("alert")).to_contain_text("Enter a correct email address and password")
