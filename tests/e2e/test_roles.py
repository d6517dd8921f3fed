"""Each demo role signs in, finds what its role offers, and signs out."""

import re
from dataclasses import dataclass

import pytest
from playwright.sync_api import Locator, Page, expect

from .steps import expect_heading, sign_in, sign_out, visit

pytestmark = pytest.mark.e2e

R0A = "Manchester University NHS Foundation Trust"
EVERYONE_SEES = ("Self-assessment", "Organisations", "Frameworks", "Conversations")
EVERYONE_VISITS = (
    ("/home/", "Your Digital Ready home"),
    ("/accounts/details/", "Your details"),
    ("/organisations/", "NHS England regions"),
    ("/organisations/R0A/", R0A),
    ("/frameworks/", "Capability frameworks"),
    ("/accounts/sign-out/", "Are you sure you want to sign out?"),
)
DASHBOARDS = ("Dashboards",)
LEAD_SEES = ("People at R0A", *DASHBOARDS)
ADMINISTRATOR_SEES = ("Audit log", "Administration", "Moderation")
FRAMEWORK_AUTHOR_VISITS = (
    ("/frameworks/import/", "Import a framework"),
    ("/frameworks/crosswalks/", "Crosswalks between frameworks"),
)


@dataclass(frozen=True)
class DemoRole:
    email: str
    navigation: tuple[str, ...] = ()
    pages: tuple[tuple[str, str], ...] = ()

    @property
    def hidden_navigation(self) -> set[str]:
        return set(LEAD_SEES + ADMINISTRATOR_SEES + DASHBOARDS) - set(self.navigation)


ROLES = [
    DemoRole("staff@demo.example"),
    DemoRole(
        "lead@demo.example",
        navigation=LEAD_SEES,
        pages=(("/organisations/R0A/people/", f"People at {R0A}"),),
    ),
    DemoRole("educator@demo.example"),
    DemoRole("analyst@demo.example", navigation=DASHBOARDS),
    DemoRole("national@demo.example", navigation=DASHBOARDS),
    DemoRole(
        "admin@demo.example",
        navigation=ADMINISTRATOR_SEES + DASHBOARDS,
        pages=(
            ("/accounts/audit/", "Audit log"),
            ("/organisations/R0A/people/", f"People at {R0A}"),
            ("/admin/", "Site administration"),
            ("/admin/accounts/user/", "Select user to change"),
            ("/admin/organisations/organisation/", "Select organisation to change"),
            ("/admin/accounts/auditevent/", "Select audit event to view"),
            *FRAMEWORK_AUTHOR_VISITS,
            ("/conversations/moderation/", "Moderation queue"),
        ),
    ),
    DemoRole("author@demo.example", pages=FRAMEWORK_AUTHOR_VISITS),
    DemoRole(
        "moderator@demo.example",
        navigation=("Moderation",),
        pages=(("/conversations/moderation/", "Moderation queue"),),
    ),
]


@pytest.mark.parametrize("role", ROLES, ids=lambda role: role.email.split("@")[0])
def test_each_role_signs_in_sees_its_pages_and_signs_out(
    page: Page, demo_data: None, role: DemoRole
) -> None:
    # Given a demo account for the role, when its owner signs in
    sign_in(page, role.email)

    # Then the header offers what the role may use (on a narrow header some under "More"),
    # and nothing it may not
    menu = page.get_by_role("navigation", name="Menu")

    def links(text: str) -> Locator:
        return menu.locator("a").filter(has_text=re.compile(rf"^\s*{re.escape(text)}\s*$"))

    for text in EVERYONE_SEES + role.navigation:
        expect(links(text)).to_have_count(1)
    for text in role.hidden_navigation:
        expect(links(text)).to_have_count(0)

    # And every page the role can reach shows its heading and is accessible
    for path, title in EVERYONE_VISITS + role.pages:
        visit(page, path)
        expect_heading(page, title)

    # When they go home and sign out through the confirmation page, then they are signed out
    visit(page, "/home/")
    sign_out(page)
