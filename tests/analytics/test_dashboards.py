"""Dashboards from cubes: the same figures as summing people directly, through disclosure
control, on any footprint (no database)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from digiready.analytics import synthetic as syn
from digiready.analytics import validation
from digiready.analytics.cube import ROLE_INDEX, Cube, build_cube
from digiready.analytics.dashboards import (
    ENGLAND_PLACE,
    Filters,
    Footprint,
    Place,
    RefusedError,
    View,
    build,
    participation,
    permitted,
)
from digiready.analytics.disclosure import protect
from digiready.analytics.figures import Breakdown, cell_table
from digiready.analytics.metrics import summarise
from digiready.organisations.reference import REFERENCE_DIR
from tests.analytics.test_synthetic import DOMAINS, NOT_ASKED


@pytest.fixture(scope="module")
def population() -> syn.Synthetic:
    geography = syn.read_geography(REFERENCE_DIR)
    return syn.synthesise("tiny", geography, DOMAINS, waves=3, seed=2, not_asked=NOT_ASKED)


def _roles(wave: syn.WaveData, rows: np.ndarray) -> np.ndarray:
    return np.array(
        [
            ROLE_INDEX[(syn.STAFF_GROUP_CODES[sg], syn.PROFESSION_CODES[p])]
            for sg, p in zip(wave.staff_group[rows], wave.profession[rows], strict=True)
        ],
        dtype=np.int64,
    )


def cube_of(population: syn.Synthetic, number: int) -> tuple[Cube, np.ndarray]:
    wave = population.waves[number]
    rows = np.flatnonzero(wave.responded)
    weights = validation.weigh(wave).weights
    everyone = np.arange(wave.size)
    frame_role = _roles(wave, everyone)
    cell = wave.organisation.astype(np.int64) * 1000 + frame_role
    present, inverse = np.unique(cell, return_inverse=True)
    cube = build_cube(
        wave=number,
        wave_label=f"Wave {number}",
        weight_version=f"w-test{number}",
        domains=tuple(d.code for d in population.domains),
        domain_titles=tuple(d.code for d in population.domains),
        organisations=population.organisations.codes,
        organisation_names=population.organisations.names,
        scores=wave.scores[rows],
        weights=weights,
        person_org=wave.organisation[rows].astype(np.int64),
        person_role=frame_role[rows],
        frame=(present // 1000, present % 1000, np.bincount(inverse.ravel()).astype(float)),
    )
    return cube, weights


def footprint_of(population: syn.Synthetic, number: int) -> Footprint:
    wave = population.waves[number]
    orgs = population.organisations
    icb_of = {
        code: population.icbs[int(wave.organisation_icb[i])].code
        for i, code in enumerate(orgs.codes)
    }
    region_of = {icb.code: icb.region for icb in population.icbs}
    names = {icb.code: icb.name for icb in population.icbs} | {
        r.code: r.name for r in population.regions
    }
    names |= dict(zip(orgs.codes, orgs.names, strict=True))
    return Footprint(icb_of, region_of, names)


@pytest.fixture(scope="module")
def views(population: syn.Synthetic) -> list[View]:
    footprint = footprint_of(population, 2)  # every wave on the latest footprint
    return [View(cube_of(population, n)[0], footprint) for n in range(3)]


def test_the_national_headline_equals_summing_people_directly(
    population: syn.Synthetic, views: list[View]
) -> None:
    wave = population.waves[2]
    rows = np.flatnonzero(wave.responded)
    weights = validation.weigh(wave).weights
    direct = summarise(wave.scores[rows], weights, np.zeros(rows.size, dtype=np.int64), 1)
    table = views[2].table(ENGLAND_PLACE)
    cell = table.cells[0]
    for j, code in enumerate(views[2].cube.domains):
        shown = cell.statistics[f"{code}:maturity"]
        assert shown.estimate.value == pytest.approx(direct.maturity[0, j], abs=0.5)
    assert cell.count.value == rows.size  # national counts are shown as they are


def test_an_organisation_by_staff_group_equals_its_people(
    population: syn.Synthetic, views: list[View]
) -> None:
    wave = population.waves[2]
    org = 0
    code = population.organisations.codes[org]
    place = Place("organisation", code, "x")
    rows = np.flatnonzero(wave.responded)
    weights = validation.weigh(wave).weights
    mine = wave.organisation[rows] == org
    groups = wave.staff_group[rows][mine].astype(np.int64)
    direct = summarise(wave.scores[rows][mine], weights[mine], groups, len(syn.STAFF_GROUP_CODES))
    sums, breakdown, _ = views[2].sums(place, Filters(), "staff_group")
    for g, group in enumerate(breakdown.codes):
        k = syn.STAFF_GROUP_CODES.index(group)
        assert sums.respondents[g] == direct.respondents[k]
        np.testing.assert_allclose(
            100 * sums.sum_wd[g] / np.maximum(sums.sum_w[g], 1e-12),
            np.nan_to_num(direct.maturity[k]),
            atol=1e-9,
        )


def test_nothing_shown_stands_on_fewer_than_ten(views: list[View]) -> None:
    table = views[2].table(ENGLAND_PLACE, by="profession")
    hidden = 0
    for cell in table.cells:
        for stat in cell.statistics.values():
            if stat.hidden:
                hidden += 1
                assert stat.estimate.suppression is not None
                assert stat.estimate.value is None and stat.low is None
    assert hidden, "a tiny population has professions of fewer than ten respondents"


def test_cubes_survive_a_round_trip_to_disk(views: list[View], tmp_path: Path) -> None:
    cube = views[1].cube
    cube.save(tmp_path / "cube.npz")
    again = Cube.load(tmp_path / "cube.npz")
    assert again.domains == cube.domains and again.wave_label == cube.wave_label
    np.testing.assert_array_equal(again.cell_role, cube.cell_role)
    np.testing.assert_array_equal(again.sums.sum_wd, cube.sums.sum_wd)
    np.testing.assert_array_equal(again.frame_headcount, cube.frame_headcount)


def test_the_trend_follows_a_merged_icb_back_through_its_predecessors(views: list[View]) -> None:
    merged = Place("icb", "QNS", "NHS Norfolk and Suffolk Integrated Care Board")
    dashboard = build(views, merged)
    assert [label for label, _, _ in dashboard.trend] == ["Wave 0", "Wave 1", "Wave 2"]
    for _, table, refusal in dashboard.trend:
        assert table is not None and not refusal
        assert table.cells[0].count.value and table.cells[0].count.value > 1000
    latest = dashboard.trend[-1][1]
    assert latest is not None
    change = latest.cells[0].statistics["AI:maturity"].change
    assert change is not None and change.value is not None and change.value > 0


def test_a_dashboard_has_every_part(views: list[View]) -> None:
    org = views[2].cube.organisations[0]
    dashboard = build(views, Place("organisation", org, "An organisation"))
    assert [p.level for p, _, _ in dashboard.benchmark] == [
        "organisation",
        "icb",
        "region",
        "national",
    ]
    assert dashboard.heat is not None and len(dashboard.heat.cells) > 3
    assert dashboard.participation and all(p.headcount for p in dashboard.participation)
    assert dashboard.weight_version == "w-test2"
    assert dashboard.headline.cells[0].statistics["DL:maturity"].interval_text


def test_filters_that_would_single_out_a_few_people_are_refused(views: list[View]) -> None:
    rng = np.random.default_rng(1)
    roles = np.array([ROLE_INDEX[("nurses", "")]] * 50 + [ROLE_INDEX[("doctors", "")]] * 5)
    cube = build_cube(
        wave=0,
        wave_label="Wave 0",
        weight_version="unweighted",
        domains=("DL",),
        domain_titles=("Digital leadership",),
        organisations=("RAA",),
        organisation_names=("A trust",),
        scores=rng.random((55, 1)),
        weights=np.ones(55),
        person_org=np.zeros(55, dtype=np.int64),
        person_role=roles,
        frame=(np.zeros(2, dtype=np.int64), np.unique(roles), np.array([90.0, 600.0])),
    )
    view = View(cube, Footprint({"RAA": "QAA"}, {"QAA": "Y1"}, {}))
    trust = Place("organisation", "RAA", "A trust")
    assert view.table(trust).cells[0].count.text == "55"
    # Nurses are all but five of the trust's respondents: their figures would give away the
    # five doctors' by difference.
    with pytest.raises(RefusedError, match="fewer than 10 people"):
        view.table(trust, Filters(staff_group="nurses"))
    dashboard = build([view], trust)
    assert dashboard.heat is not None  # by staff group: the doctors' cell is hidden instead
    doctors = dashboard.heat["doctors"].statistics["DL:maturity"]
    assert doctors.hidden
    with pytest.raises(RefusedError):
        build([view], trust, Filters(staff_group="nurses"))
    # A combination no table publishes.
    assert not permitted(Place("organisation", "X", "x"), Filters(staff_group="nurses"), "band")
    assert permitted(Place("icb", "Q", "x"), Filters(), "organisation")
    assert permitted(Place("organisation", "X", "x"), Filters(staff_group="nurses"), "profession")
    with pytest.raises(RefusedError):
        Filters(staff_group="nurses", profession="paramedic")
    with pytest.raises(RefusedError):
        Filters(profession="wizard")


def test_small_groups_are_flagged_only_when_they_clearly_answered_less() -> None:
    breakdown = Breakdown(
        "staff_group",
        ("a", "b", "c"),
        ("A", "B", "C"),
        np.zeros(0, dtype=np.int32),
        ["p", "p", "p"],
        np.array([1000.0, 1000.0, 20.0]),
    )
    from digiready.analytics.metrics import GroupSums

    sums = GroupSums(
        respondents=np.array([500, 100, 3]),
        n=np.array([[500], [100], [3]]),
        sum_w=np.array([[500.0], [100.0], [3.0]]),
        sum_w2=np.array([[500.0], [100.0], [3.0]]),
        sum_wd=np.array([[250.0], [50.0], [1.5]]),
        sum_wd2=np.array([[150.0], [30.0], [1.0]]),
        sum_w_attained=np.array([[100.0], [20.0], [1.0]]),
    )
    from digiready.analytics.metrics import summarise_sums

    stats = summarise_sums(sums, np.array([1000.0, 1000.0, 20.0]))
    table = protect(cell_table(stats, breakdown, ["DL"]), level="subnational")
    rows = {p.code: p for p in participation(table, overall_rate=30.0)}
    assert not rows["a"].under_represented  # 50%
    assert rows["b"].under_represented  # 10% against 30%: under half
    assert rows["c"].respondents == "*"
    # 3 of 20 hidden as "*": at most 7, against 6 expected, so not flagged on a star.
    assert not rows["c"].under_represented
