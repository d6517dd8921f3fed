"""What an organisation lead may and may not do with people's roles."""

import pytest
from playwright.sync_api import Page, expect

from .steps import click_through, expect_heading, sign_in, visit

pytestmark = pytest.mark.e2e


def test_organisation_lead_cannot_see_another_trusts_people(page: Page, demo_data: None) -> None:
    # Given the organisation lead of R0A, signed in
    sign_in(page, "lead@demo.example")

    # When they open the people page of another trust
    visit(page, "/organisations/RBS/people/", status=403)

    # Then they are told they do not have permission, and see nothing of that trust
    expect_heading(page, "You do not have permission to see this page")
    expect(page.get_by_role("main")).not_to_contain_text("Alder Hey")


def test_organisation_lead_makes_a_colleague_a_lead_and_removes_it_again(
    page: Page, demo_data: None
) -> None:
    # Given the organisation lead of R0A on their people page
    sign_in(page, "lead@demo.example")
    menu = page.get_by_role("navigation", name="Menu")
    click_through(page, menu.get_by_role("link", name="People at R0A"))
    row = page.get_by_role("row").filter(has_text="Sam Staff")

    # When they make a colleague a lead
    click_through(page, row.get_by_role("button", name="Make organisation lead for Sam Staff"))

    # Then the colleague's roles say so, and the same row offers to take the role away
    expect(row).to_contain_text("Organisation lead")
    click_through(page, row.get_by_role("button", name="Remove lead role for Sam Staff"))
    expect(row).not_to_contain_text("Organisation lead")
    expect(row.get_by_role("button", name="Make organisation lead for Sam Staff")).to_be_visible()
