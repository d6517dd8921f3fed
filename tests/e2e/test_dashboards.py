"""Dashboards in the browser: a lead sees their trust, an analyst their ICB and the nation,
charts have tables, filters go through the disclosure guard, and exports download."""

import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from digiready.analytics.engine import compute_wave_weights
from digiready.analytics.synthetic_load import load_synthetic
from digiready.assessments.models import Wave

from .steps import click_through, expect_heading, sign_in, visit

pytestmark = pytest.mark.e2e


@pytest.fixture
def population(demo_data: None) -> None:
    call_command("load_frameworks", stdout=io.StringIO())
    load_synthetic("demo", waves=2, seed=1)
    for wave in Wave.objects.order_by("number"):
        compute_wave_weights(wave)


def test_a_lead_reads_their_trusts_dashboard_and_downloads_it(page: Page, population: None) -> None:
    sign_in(page, "lead@demo.example")
    nav = page.get_by_role("navigation", name="Menu")
    click_through(page, nav.get_by_role("link", name="Dashboards"))
    expect_heading(page, "Dashboards")
    click_through(page, page.get_by_role("link", name="Manchester University NHS Foundation Trust"))
    expect_heading(page, "Manchester University NHS Foundation Trust")
    main = page.get_by_role("main")
    # The headline chart and its table, with intervals, the base and the weight version
    expect(main.get_by_role("img", name=re.compile(r"^Maturity in each domain,"))).to_be_visible()
    expect(main.get_by_text("Base:").first).to_contain_text("respondents")
    expect(main.get_by_text("Weights: w-").first).to_be_visible()
    for heading in ("By staff group", "Who answered", "Against the places above", "Over time"):
        expect(main.get_by_role("heading", name=heading)).to_be_visible()
    # Benchmarks against the ICB, the region and England
    benchmark = page.locator("#benchmark-table")
    expect(benchmark).to_contain_text("England")
    expect(benchmark).to_contain_text("Greater Manchester")

    # Every chart can be read as a table
    click_through(page, main.get_by_role("link", name="Show every chart as a table"))
    expect(page.locator("#heat-table")).to_be_visible()
    expect(page.locator("#headline-table")).to_contain_text("Digital leadership")

    # A filter by staff group
    page.get_by_text("Change what is shown").click()
    page.get_by_label("Staff group", exact=True).select_option(label="Nurses and health visitors")
    click_through(page, page.get_by_role("button", name="Show figures"))
    expect(main).to_contain_text("nurses and health visitors")
    expect(main.get_by_role("heading", name="By profession")).to_be_visible()

    # Downloads carry the same figures
    with page.expect_download() as download:
        main.get_by_role("link", name="CSV").click()
    assert download.value.suggested_filename.endswith(".csv")
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert "headline" in text and "Nurses and health visitors" in text

    # Another trust's dashboard is not theirs to see
    visit(page, "/dashboards/organisation/RBS/", status=403)
    visit(page, "/dashboards/england/", status=403)


def test_an_analyst_moves_from_their_icb_to_a_refused_filter(page: Page, population: None) -> None:
    sign_in(page, "analyst@demo.example")
    visit(page, "/dashboards/")
    click_through(
        page, page.get_by_role("link", name="NHS Greater Manchester Integrated Care Board")
    )
    expect_heading(page, "NHS Greater Manchester Integrated Care Board")
    expect(
        page.get_by_role("img", name=re.compile(r"^Maturity by domain and staff group"))
    ).to_be_visible()
    # Heat map by profession
    visit(page, "/dashboards/icb/QOP/?heat=profession&view=tables")
    expect(page.locator("#heat-table")).to_contain_text("Physiotherapist")
    # A profession filter on a place where it would leave out fewer than ten people, or a
    # profession nobody in the ICB has, is explained rather than shown.
    visit(page, "/dashboards/icb/QOP/?profession=wizard")
    expect(page.get_by_role("alert")).to_contain_text("There is a problem")
    visit(page, "/dashboards/england/", status=403)


def test_a_national_analyst_sees_england_and_its_trend(page: Page, population: None) -> None:
    sign_in(page, "national@demo.example")
    visit(page, "/dashboards/england/")
    expect_heading(page, "England")
    expect(page.get_by_role("img", name=re.compile(r"^Maturity in each wave"))).to_be_visible()
    expect(page.locator("#trend-table")).to_contain_text("Baseline")
    visit(page, "/dashboards/region/Y62/")
    expect_heading(page, "North West")
