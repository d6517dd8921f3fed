"""The synthetic population generator (ANALYTICS.md section 4), without the database."""

from __future__ import annotations

import numpy as np
import pytest

from digiready.accounts.professions import PROFESSION_BY_CODE
from digiready.analytics import synthetic as syn
from digiready.organisations.reference import REFERENCE_DIR

DOMAINS = [
    syn.DomainSpec(code, items)
    for code, items in zip(
        ["DL", "AI", "DA", "CS", "IG", "RC", "DI", "ER", "RI", "EL", "HF"],
        [5, 5, 5, 4, 4, 4, 4, 4, 4, 4, 4],
        strict=True,
    )
]
# As the bundled role profiles have it: domains some professions are not asked.
NOT_ASKED = {
    "porter": {"RC", "ER"},
    "estates": {"RC", "ER"},
    "data_analyst": {"RC"},
    "finance_hr": {"CS", "RC", "DI", "ER"},
}
CODES = [domain.code for domain in DOMAINS]


@pytest.fixture(scope="module")
def geography() -> syn.Geography:
    return syn.read_geography(REFERENCE_DIR)


@pytest.fixture(scope="module")
def tiny(geography: syn.Geography) -> syn.Synthetic:
    return syn.synthesise("tiny", geography, DOMAINS, waves=5, seed=1, not_asked=NOT_ASKED)


@pytest.fixture(scope="module")
def baseline(tiny: syn.Synthetic) -> syn.WaveData:
    return tiny.waves[0]


def share(mask: np.ndarray) -> float:
    return float(np.mean(mask))


# --- determinism and size --------------------------------------------------------------------


def test_the_same_seed_gives_the_same_population_and_another_seed_does_not(
    geography: syn.Geography,
) -> None:
    first = syn.synthesise("tiny", geography, DOMAINS, seed=7)
    again = syn.synthesise("tiny", geography, DOMAINS, seed=7)
    other = syn.synthesise("tiny", geography, DOMAINS, seed=8)
    a, b = first.waves[0], again.waves[0]
    assert np.array_equal(a.organisation, b.organisation)
    assert np.array_equal(a.profession, b.profession)
    assert np.array_equal(a.scores, b.scores, equal_nan=True)
    assert np.array_equal(a.responded, b.responded)
    assert np.array_equal(a.truth["organisation"].maturity, b.truth["organisation"].maturity)
    assert not np.array_equal(a.scores, other.waves[0].scores, equal_nan=True)


def test_the_baseline_is_the_same_whatever_the_number_of_waves(
    geography: syn.Geography, tiny: syn.Synthetic
) -> None:
    alone = syn.synthesise("tiny", geography, DOMAINS, waves=1, seed=1, not_asked=NOT_ASKED)
    assert np.array_equal(alone.waves[0].scores, tiny.waves[0].scores, equal_nan=True)
    assert np.array_equal(alone.waves[0].responded, tiny.waves[0].responded)


def test_tiny_has_twenty_thousand_staff_and_about_nine_thousand_respondents(
    baseline: syn.WaveData,
) -> None:
    assert baseline.size == 20_000
    assert 8_000 <= baseline.responded.sum() <= 9_700
    assert np.unique(baseline.person).size == baseline.size


def test_ics_has_a_quarter_of_a_million_staff_in_six_icbs(geography: syn.Geography) -> None:
    ics = syn.synthesise("ics", geography, DOMAINS, seed=1)
    wave = ics.waves[0]
    assert wave.size == 250_000
    assert len(ics.icbs) == 6
    assert wave.truth["icb"].codes == tuple(sorted(syn.PRESETS["ics"].icbs))
    assert 100_000 <= wave.responded.sum() <= 120_000


def test_national_covers_every_icb_and_every_trust_with_one(geography: syn.Geography) -> None:
    assert syn.PRESETS["national"].staff == 1_500_000
    assert syn.PRESETS["national"].icbs == ()
    assert len(geography.icbs) == 42
    assert all(trust.icb for trust in geography.trusts)


def test_a_preset_naming_an_icb_the_geography_lacks_is_refused(
    geography: syn.Geography,
) -> None:
    preset = syn.Preset("odd", 1_000, ("QXX",))
    with pytest.raises(ValueError, match="QXX"):
        syn.synthesise(preset, geography, DOMAINS)


# --- the frame -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("EAST OF ENGLAND AMBULANCE SERVICE NHS TRUST", syn.AMBULANCE),
        ("THE ROYAL MARSDEN NHS FOUNDATION TRUST", syn.SPECIALIST),
        ("GREAT ORMOND STREET HOSPITAL FOR CHILDREN NHS FOUNDATION TRUST", syn.SPECIALIST),
        ("Moorfields Eye Hospital NHS Foundation Trust", syn.SPECIALIST),
        ("AVON AND WILTSHIRE MENTAL HEALTH PARTNERSHIP NHS TRUST", syn.MENTAL_HEALTH),
        ("MERSEY CARE NHS FOUNDATION TRUST", syn.MENTAL_HEALTH),
        ("SOUTH LONDON AND MAUDSLEY NHS FOUNDATION TRUST", syn.MENTAL_HEALTH),
        ("KENT COMMUNITY HEALTH NHS FOUNDATION TRUST", syn.COMMUNITY),
        ("NORTHERN CARE ALLIANCE NHS FOUNDATION TRUST", syn.ACUTE),
        ("LEEDS TEACHING HOSPITALS NHS TRUST", syn.ACUTE),
    ],
)
def test_a_trusts_type_is_read_from_its_name(name: str, kind: str) -> None:
    assert syn.organisation_type(name) == kind


def test_the_reference_trusts_fall_into_types_near_the_published_counts(
    geography: syn.Geography,
) -> None:
    kinds = [syn.organisation_type(trust.name) for trust in geography.trusts]
    assert kinds.count(syn.AMBULANCE) == 10
    assert 105 <= kinds.count(syn.ACUTE) <= 135
    assert 10 <= kinds.count(syn.SPECIALIST) <= 18
    assert 38 <= kinds.count(syn.MENTAL_HEALTH) <= 55
    assert 10 <= kinds.count(syn.COMMUNITY) <= 20


def test_tiny_is_the_two_icbs_trusts_and_their_icb_bodies(tiny: syn.Synthetic) -> None:
    orgs = tiny.organisations
    assert {icb.code for icb in tiny.icbs} == {"QMM", "QJG", "QNS"}
    assert {"RM1", "RGP", "RCX", "RDE", "RGR", "RMY", "RY3"} <= set(orgs.codes)
    assert orgs.types.count(syn.ICB_BODY) == 3  # two bodies, and the merger's successor
    assert {tiny.regions[r].code for r in orgs.region} == {"Y61"}


def test_staff_groups_come_out_near_the_national_shares(baseline: syn.WaveData) -> None:
    shares = np.bincount(baseline.staff_group, minlength=15) / baseline.size
    total = sum(syn.NATIONAL_MIX.values())
    for code, observed in zip(syn.STAFF_GROUP_CODES, shares, strict=True):
        assert observed == pytest.approx(syn.NATIONAL_MIX[code] / total, abs=0.01), code


def test_every_persons_profession_belongs_to_their_staff_group(baseline: syn.WaveData) -> None:
    groups = np.array(syn.STAFF_GROUP_CODES)[baseline.staff_group]
    professions = np.array(syn.PROFESSION_CODES)[baseline.profession]
    for profession in np.unique(professions):
        expected = PROFESSION_BY_CODE[str(profession)].staff_group
        assert set(groups[professions == profession]) == {expected}


def test_allied_health_professions_split_as_published(baseline: syn.WaveData) -> None:
    ahp = syn.AHP[baseline.profession]
    professions = np.array(syn.PROFESSION_CODES)[baseline.profession[ahp]]
    total = sum(syn.AHP_SPLIT.values())
    for code in ("physiotherapist", "diagnostic_radiographer", "occupational_therapist"):
        assert share(professions == code) == pytest.approx(syn.AHP_SPLIT[code] / total, abs=0.03)
    assert share(professions == "paramedic") == pytest.approx(0.15, abs=0.03)


def test_sex_age_band_and_fte_match_the_workforce(baseline: syn.WaveData) -> None:
    female = baseline.sex == syn.SEX_CODES.index("female")
    professions = np.array(syn.PROFESSION_CODES)[baseline.profession]
    assert share(female) == pytest.approx(0.77, abs=0.015)
    assert share(female[professions == "nurse"]) == pytest.approx(0.89, abs=0.02)
    assert share(female[professions == "doctor"]) == pytest.approx(0.50, abs=0.04)
    ages = np.bincount(baseline.age_band, minlength=5) / baseline.size
    assert ages == pytest.approx(syn.AGE_SHARES, abs=0.012)
    assert float(baseline.fte.mean()) == pytest.approx(0.89, abs=0.015)
    assert {1.0} <= set(np.unique(baseline.fte).tolist())


def test_non_medical_band_groups_match_the_published_shares(baseline: syn.WaveData) -> None:
    non_medical = baseline.staff_group != syn.STAFF_GROUP_CODES.index("doctors")
    bands = np.bincount(baseline.band_group[non_medical], minlength=5) / non_medical.sum()
    assert bands == pytest.approx(syn.BAND_SHARES, abs=0.02)
    doctors = baseline.band_group[~non_medical]
    assert set(doctors.tolist()) == {syn.BAND_CODES.index("medical_other")}


# --- capability and scores ---------------------------------------------------------------------


def test_ahp_truth_reproduces_the_published_28_38_50(baseline: syn.WaveData) -> None:
    maturity, _ = syn.population_truth(baseline.scores, syn.AHP[baseline.profession])
    by_code = dict(zip(CODES, maturity, strict=True))
    assert by_code["DL"] == pytest.approx(28, abs=2)
    assert by_code["AI"] == pytest.approx(38, abs=2)
    assert by_code["DA"] == pytest.approx(50, abs=2)
    for code in set(CODES) - {"DL", "AI", "DA"}:
        assert 40 <= by_code[code] <= 65, code


def test_respondents_flatter_the_population(baseline: syn.WaveData) -> None:
    """Capability raises the chance of responding, so the unweighted respondent mean is above
    the population truth: the bias weighting has to remove."""
    respondents = np.nanmean(baseline.responses().scores, axis=0) * 100
    truth = baseline.truth["national"].maturity[0]
    assert (respondents > truth).sum() >= 10


def test_scores_follow_the_scoring_rules(baseline: syn.WaveData) -> None:
    responses = baseline.responses()
    scores, answered, asked = responses.scores, responses.items_answered, responses.items_asked
    present = ~np.isnan(scores)
    assert ((scores[present] >= 0) & (scores[present] <= 1)).all()
    # D is a mean of quarters: 4 * D * (items answered) is a whole number of steps.
    steps = 4 * scores[present] * answered[present]
    assert np.allclose(steps, np.round(steps))
    # Missing exactly when fewer than half the domain's items were answered, or not asked.
    minimum = np.vectorize(syn.minimum_answers)(asked)
    assert np.array_equal(present, (asked > 0) & (answered >= minimum))
    assert np.array_equal(
        responses.attained[present], np.floor(4 * scores[present] + 1e-9).astype(np.int8)
    )
    assert (responses.attained[~present] == -1).all()
    assert (responses.strict[present] <= responses.attained[present]).all()


def test_domains_a_role_is_not_asked_have_no_items_and_no_score(
    baseline: syn.WaveData,
) -> None:
    porters = baseline.profession == syn.PROFESSION_CODES.index("porter")
    for code in ("RC", "ER"):
        d = CODES.index(code)
        assert (baseline.items_asked[porters, d] == 0).all()
        assert np.isnan(baseline.scores[porters, d]).all()
    assert (baseline.items_asked[porters, CODES.index("IG")] == 4).all()


def test_two_to_five_percent_of_items_go_unanswered_and_some_are_not_applicable(
    tiny: syn.Synthetic, baseline: syn.WaveData
) -> None:
    not_answered = 1 - baseline.items_answered.sum() / baseline.items_asked.sum()
    assert 0.03 <= not_answered <= 0.10
    assert ((tiny.items.missing > 0.15).mean()) == pytest.approx(0.10, abs=0.03)
    assert (tiny.items.discrimination >= 0.8).all() and (tiny.items.discrimination <= 2).all()
    assert (np.diff(tiny.items.thresholds, axis=1) > 0).all()


# --- response ---------------------------------------------------------------------------------


def test_response_rates_vary_by_staff_group_and_organisation(baseline: syn.WaveData) -> None:
    def rate(code: str) -> float:
        return share(baseline.responded[baseline.staff_group == syn.STAFF_GROUP_CODES.index(code)])

    assert 0.45 <= share(baseline.responded) <= 0.48
    assert 0.30 <= rate("doctors") <= 0.35
    assert 0.52 <= rate("central") <= 0.58
    by_org = np.bincount(baseline.organisation, weights=baseline.responded) / np.maximum(
        np.bincount(baseline.organisation), 1
    )
    staffed = np.bincount(baseline.organisation) > 0
    assert by_org[staffed].min() <= 0.2
    assert by_org[staffed].max() >= 0.7


# --- waves -------------------------------------------------------------------------------------


def test_every_domain_improves_wave_on_wave(tiny: syn.Synthetic) -> None:
    national = np.array([wave.truth["national"].maturity[0] for wave in tiny.waves])
    assert (np.diff(national, axis=0) > 0).all()
    assert (tiny.waves[1].spend > 0).any() and (tiny.waves[0].spend == 0).all()


def test_about_a_tenth_of_staff_leave_each_year_and_joiners_get_new_ids(
    tiny: syn.Synthetic,
) -> None:
    for before, after in zip(tiny.waves[:-1], tiny.waves[1:], strict=True):
        stayed = np.isin(after.person, before.person)
        assert share(stayed) == pytest.approx(0.9, abs=0.015)
        seen = np.concatenate([wave.person for wave in tiny.waves[: after.number]])
        assert not np.isin(after.person[~stayed], seen).any()
        assert after.size == before.size


def test_two_icbs_merge_into_one_in_wave_two(tiny: syn.Synthetic) -> None:
    assert tiny.merger == syn.MERGER
    assert tiny.waves[1].truth["icb"].codes == ("QJG", "QMM")
    assert tiny.waves[2].truth["icb"].codes == ("QNS",)
    successor = tiny.organisations.codes.index("QNS")
    bodies = [tiny.organisations.codes.index(code) for code in ("QMM", "QJG")]
    assert not (tiny.waves[1].organisation == successor).any()
    assert (tiny.waves[2].organisation == successor).sum() > 0
    assert not np.isin(tiny.waves[2].organisation, bodies).any()
    assert "QNS" in tiny.waves[2].truth["organisation"].codes
    assert "QMM" not in tiny.waves[2].truth["organisation"].codes


def test_without_a_third_wave_there_is_no_merger(geography: syn.Geography) -> None:
    two = syn.synthesise("tiny", geography, DOMAINS, waves=2, seed=1)
    assert two.merger is None
    assert "QNS" not in two.organisations.codes


def test_waves_are_limited_to_the_baseline_and_four_more(geography: syn.Geography) -> None:
    with pytest.raises(ValueError, match="waves"):
        syn.synthesise("tiny", geography, DOMAINS, waves=6)


# --- truth -------------------------------------------------------------------------------------


def test_truth_tables_agree_with_the_population(
    tiny: syn.Synthetic, baseline: syn.WaveData
) -> None:
    assert set(baseline.truth) == set(syn.BREAKDOWNS)
    national = baseline.truth["national"]
    maturity, attainment = syn.population_truth(baseline.scores)
    assert national.maturity[0] == pytest.approx(maturity)
    assert national.attainment[0] == pytest.approx(attainment)
    assert (national.population[0] == (~np.isnan(baseline.scores)).sum(axis=0)).all()
    organisations = baseline.truth["organisation"]
    for row, code in enumerate(organisations.codes):
        mask = baseline.organisation == tiny.organisations.codes.index(code)
        own_maturity, own_attainment = syn.population_truth(baseline.scores, mask)
        assert organisations.maturity[row] == pytest.approx(own_maturity)
        assert organisations.attainment[row] == pytest.approx(own_attainment)
    for breakdown in ("region", "icb", "organisation", "staff_group", "profession"):
        table = baseline.truth[breakdown]
        assert (table.population.sum(axis=0) == national.population[0]).all(), breakdown
        scored = table.population > 0
        for figure in (table.maturity, table.attainment):
            assert ((figure[scored] >= 0) & (figure[scored] <= 100)).all(), breakdown
            assert np.isnan(figure[~scored]).all(), breakdown  # nobody is asked the domain
    assert baseline.truth["region"].codes == ("Y61",)
