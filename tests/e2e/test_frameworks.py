"""Frameworks in the browser: anyone browses; a framework author drafts, edits and publishes."""

import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from .steps import click_through, expect_heading, sign_in, visit

pytestmark = pytest.mark.e2e

TITLE = "Digital Ready health and care digital capability framework"
ORGANISATIONAL = "Digital Ready organisational digital maturity framework"


@pytest.fixture
def frameworks(demo_data: None) -> None:
    call_command("load_frameworks", stdout=io.StringIO())


def test_anyone_browses_a_framework_down_to_its_levels(page: Page, frameworks: None) -> None:
    # Given the frameworks page, without signing in
    visit(page, "/frameworks/")
    expect_heading(page, "Capability frameworks")

    # When someone follows the framework, a domain and a capability
    click_through(page, page.get_by_role("link", name=TITLE))
    expect_heading(page, TITLE)
    domains = page.get_by_role("table").get_by_role("link")
    expect(domains).to_have_count(11)
    click_through(page, domains.first)
    capability = page.locator("section h2 a").first
    capability_title = (capability.text_content() or "").strip()
    click_through(page, capability)

    # Then the capability's four levels are shown, each a statement starting "I can"
    expect(page.get_by_role("heading", level=1)).to_contain_text(capability_title.split(" ", 1)[1])
    statements = page.locator(".nhsuk-summary-list__value")
    expect(statements).to_have_count(4)
    for n in range(4):
        expect(statements.nth(n)).to_have_text(re.compile(r"^\s*I can "))

    # And the role profiles and the organisational framework are public too
    visit(page, "/frameworks/digital-ready/role-profiles/")
    expect_heading(page, "Role profiles")
    click_through(page, page.get_by_role("link", name="Shaper"))
    expect(page.get_by_role("table")).to_contain_text("Physiotherapist")
    visit(page, "/frameworks/")
    click_through(page, page.get_by_role("link", name=ORGANISATIONAL))
    expect(page.get_by_role("table").get_by_role("link")).to_have_count(7)


def test_an_author_drafts_edits_publishes_and_compares(page: Page, frameworks: None) -> None:
    # Given a framework author on the published framework
    sign_in(page, "author@demo.example")
    visit(page, "/frameworks/digital-ready/")
    expect(page.get_by_role("button", name="Make a new draft version")).to_be_visible()

    # When they make a new draft
    click_through(page, page.get_by_role("button", name="Make a new draft version"))
    expect(page.get_by_text("Draft version")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/frameworks/digital-ready/1\.1/$"))

    # And add a capability, first forgetting a level statement
    click_through(page, page.get_by_role("button", name="Add a capability"))
    expect_heading(page, "Add a capability")
    page.get_by_label("Code").fill("DL.9")
    page.get_by_label("Capability title").fill("Leading a digital huddle")
    page.get_by_label("Level 1: Foundation").fill(
        "I can join a digital huddle and say what I need."
    )
    page.get_by_label("Level 2: Intermediate").fill("I can run a digital huddle for my team.")
    page.get_by_label("Level 3: Advanced").fill("I can set up huddles across several teams.")
    click_through(page, page.get_by_role("button", name="Save"))

    # Then the page says what is missing, next to the field and in the summary
    expect(page).to_have_title(re.compile(r"^Error: Add a capability"))
    expect(page.get_by_role("alert")).to_contain_text("Enter the statement for level 4 (Expert)")

    # When they complete it
    page.get_by_label("Level 4: Expert").fill("I can design the huddle model for the whole trust.")
    click_through(page, page.get_by_role("button", name="Save"))
    expect(page.get_by_role("heading", name="DL.9 Leading a digital huddle")).to_be_visible()

    # And publish the draft
    visit(page, "/frameworks/digital-ready/1.1/")
    click_through(page, page.get_by_role("button", name="Publish this version"))
    expect_heading(page, "Publish version 1.1?")
    click_through(page, page.get_by_role("button", name="Publish this version"))

    # Then it is published and can no longer be changed
    expect(page.get_by_role("status")).to_contain_text("It can no longer be changed")
    expect(page.get_by_role("button", name="Add a capability")).to_have_count(0)

    # And the side-by-side comparison shows the one added capability
    click_through(page, page.get_by_role("link", name="Compare versions side by side"))
    expect_heading(page, "Compare version 1.0 with version 1.1")
    expect(page.get_by_role("main")).to_contain_text("1 added")
    expect(page.get_by_role("main")).to_contain_text("Leading a digital huddle")


def test_an_author_changes_a_role_profile(page: Page, frameworks: None) -> None:
    # Given a framework author on the role profiles
    sign_in(page, "author@demo.example")
    visit(page, "/frameworks/digital-ready/role-profiles/")

    # When they change the paramedic user profile
    click_through(page, page.get_by_role("link", name="Change Paramedic"))
    expect_heading(page, "Paramedic: User")
    first = page.get_by_role("combobox").first
    first.select_option("4")
    click_through(page, page.get_by_role("button", name="Save role profile"))

    # Then the table shows the new level
    expect(page.get_by_role("status")).to_contain_text("Saved the role profile for Paramedic")
    row = page.get_by_role("row", name=re.compile(r"^Paramedic "))
    expect(row.get_by_role("cell").first).to_have_text("4")


def test_an_author_imports_a_file_and_sees_every_problem(
    page: Page, frameworks: None, tmp_path: Path
) -> None:
    # Given a framework author on the import page
    sign_in(page, "author@demo.example")
    visit(page, "/frameworks/import/")
    expect_heading(page, "Import a framework")

    # When they upload a broken spreadsheet
    broken = tmp_path / "broken.csv"
    broken.write_text("framework_title,nonsense\nA,B\n", encoding="utf-8")
    page.get_by_label("Upload a framework file").set_input_files(broken)
    click_through(page, page.get_by_role("button", name="Check and import"))

    # Then nothing is imported and the problems are listed
    expect(page).to_have_title(re.compile(r"^Error: Import a framework"))
    expect(page.get_by_role("heading", name="What needs fixing")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("broken.csv")

    # When they upload a good spreadsheet: the bundled framework, exported and retitled
    good = tmp_path / "good.csv"
    call_command(
        "framework",
        "export",
        "digital-ready",
        "--format",
        "csv",
        "-o",
        str(good),
        stderr=io.StringIO(),
    )
    text = good.read_text(encoding="utf-8")
    text = re.sub(
        r"(?m)^Digital Ready health and care digital capability framework,",
        "Imported copy,",
        text,
    )
    good.write_text(_blank_ids(text), encoding="utf-8")
    page.get_by_label("Upload a framework file").set_input_files(good)
    click_through(page, page.get_by_role("button", name="Check and import"))

    # Then the new framework's page opens
    expect_heading(page, "Imported copy")
    expect(page.get_by_role("status")).to_contain_text("Imported Imported copy")


def _blank_ids(text: str) -> str:
    """Drop the identifier columns so the rows import as a new framework."""
    import csv

    rows = list(csv.reader(io.StringIO(text)))
    header = rows[0]
    keep = [i for i, name in enumerate(header) if not name.endswith(("_id", "_lineage"))]
    out = io.StringIO()
    writer = csv.writer(out)
    for row in rows:
        writer.writerow([row[i] for i in keep])
    return out.getvalue()


def test_an_author_builds_a_crosswalk_and_sees_the_gaps(page: Page, frameworks: None) -> None:
    # Given a framework author and two frameworks
    sign_in(page, "author@demo.example")
    visit(page, "/frameworks/crosswalks/")
    expect_heading(page, "Crosswalks between frameworks")

    # When they start a crosswalk from the person framework to the organisational one
    page.get_by_label("Map from").select_option(label=f"{TITLE}, version 1.0")
    page.get_by_label("Map to").select_option(label=f"{ORGANISATIONAL}, version 1.0")
    click_through(page, page.get_by_role("button", name="Start crosswalk"))

    # And add one link
    page.get_by_label("Capability").select_option(index=0)
    page.get_by_label("Maps to").select_option(index=0)
    page.get_by_label("Related").check()
    click_through(page, page.get_by_role("button", name="Add link"))

    # Then the crosswalk shows it, and which capabilities have no counterpart
    expect(page.get_by_role("main")).to_contain_text("1 of ")
    expect(page.get_by_role("cell", name="Related", exact=True)).to_have_count(1)
    expect(page.get_by_role("heading", name=re.compile("with no counterpart"))).to_be_visible()


def test_every_authoring_page_is_accessible(page: Page, frameworks: None) -> None:
    # Given a framework author with a new draft
    sign_in(page, "author@demo.example")
    visit(page, "/frameworks/digital-ready/")
    click_through(page, page.get_by_role("button", name="Make a new draft version"))
    draft = "/frameworks/digital-ready/1.1/"

    # When they open each page for changing the draft, then each is accessible
    visit(page, draft + "edit/")
    expect_heading(page, "Framework details")
    visit(page, draft + "domains/add/")
    expect_heading(page, "Add a domain")
    domain = page_link(page, draft, "domain")
    visit(page, f"{draft}domains/{domain}/edit/")
    expect_heading(page, re.compile(r"^Change domain "))
    visit(page, f"{draft}domains/{domain}/delete/")
    expect_heading(page, re.compile(r"^Delete "))
    visit(page, f"{draft}domains/{domain}/")
    capability = page.locator("section").first.get_attribute("id")
    assert capability is not None
    lineage = capability.removeprefix("capability-")
    visit(page, f"{draft}capabilities/{lineage}/")
    visit(page, f"{draft}capabilities/{lineage}/edit/")
    expect_heading(page, re.compile(r"^Change capability "))
    visit(page, f"{draft}capabilities/{lineage}/delete/")
    expect_heading(page, re.compile(r"^Delete "))
    visit(page, draft + "delete/")
    expect_heading(page, "Delete the draft version 1.1?")

    # And when they delete the draft, the published version is what remains
    click_through(page, page.get_by_role("button", name="Delete this draft"))
    expect(page.get_by_role("status")).to_contain_text("Deleted the draft")
    visit(page, "/frameworks/digital-ready/1.0/retire/")
    expect_heading(page, "Retire version 1.0?")


def page_link(page: Page, draft: str, kind: str) -> str:
    """The lineage of the first domain listed on the draft's page."""
    visit(page, draft)
    row = page.locator(f"tr[id^='{kind}-']").first
    identifier = row.get_attribute("id")
    assert identifier is not None
    return identifier.removeprefix(f"{kind}-")
