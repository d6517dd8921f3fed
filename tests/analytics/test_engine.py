"""The engine on a synthetic population: weights correct the self-selection, and every figure
printed has passed disclosure control."""

import io
import json

import numpy as np
import pytest
from django.core.management import CommandError, call_command

from digiready.analytics import engine
from digiready.analytics.data import load_scores
from digiready.analytics.models import SyntheticTruth, WeightRun
from digiready.analytics.synthetic_load import load_synthetic
from digiready.assessments.models import Wave
from digiready.assessments.services import PERSON_FRAMEWORK, current_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def wave() -> Wave:
    load_synthetic("tiny", waves=1, seed=7)
    return Wave.objects.get(number=0)


def _national(wave: Wave, weights: tuple[np.ndarray, str]) -> dict[str, float]:
    version = current_version(PERSON_FRAMEWORK)
    assert version is not None
    table = load_scores(wave, version)
    report = engine.report(table, weights=weights, snapshot=engine.snapshot_for(wave))
    cell = report.table.cells[0]
    lineage = {d.code: str(d.lineage) for d in table.domains}
    return {
        lineage[code]: cell.statistics[f"{code}:maturity"].estimate.value  # type: ignore[misc]
        for code, _ in report.domains
    }


def test_weighting_reduces_the_self_selection_bias(wave: Wave) -> None:
    run = engine.compute_wave_weights(wave)
    assert run.respondents > 5000
    assert WeightRun.objects.get(is_current=True, wave=wave) == run
    version = current_version(PERSON_FRAMEWORK)
    assert version is not None
    table = load_scores(wave, version)
    truth = {
        str(t.domain_lineage): t.maturity
        for t in SyntheticTruth.objects.filter(wave=wave, breakdown="national")
    }
    unweighted = _national(wave, (np.ones(table.respondents), engine.UNWEIGHTED))
    weighted = _national(wave, engine.weights_for(table))
    bias_before = np.mean([unweighted[k] - truth[k] for k in truth])
    bias_after = np.mean([weighted[k] - truth[k] for k in truth])
    # Keen people answer more, so the raw figures run high. Weighting to the frame takes away
    # the part of that explained by organisation, staff group, profession, band, age and sex;
    # the part that comes from each person's own keenness stays (docs/analytics.md). Over many
    # seeds, tests/analytics/test_validation.py measures how much of it goes.
    assert bias_before > 1.0
    assert 0 < bias_after < bias_before / 2


def test_the_method_can_be_checked_from_the_command_line(wave: Wave) -> None:
    out = io.StringIO()
    call_command("analytics", "validate", "--seeds", "2", "--format", "json", stdout=out)
    rows = {row["breakdown"]: row for row in json.loads(out.getvalue())}
    assert set(rows) == {"national", "region", "icb", "organisation", "staff_group", "profession"}
    national = rows["national"]
    assert national["seeds"] == 2 and national["figures"] > 0
    assert national["bias_unweighted"] > national["bias_weighted"]
    table = io.StringIO()
    call_command("analytics", "validate", "--seeds", "1", "--selection", "frame", stdout=table)
    assert "95% CI cover" in table.getvalue() and "selection by frame" in table.getvalue()
    with pytest.raises(CommandError, match="at least one seed"):
        call_command("analytics", "validate", "--seeds", "0", stdout=io.StringIO())


def test_the_json_report_has_one_object_per_group_and_domain(wave: Wave) -> None:
    out = io.StringIO()
    call_command("analytics", "report", "--by", "region", "--format", "json", stdout=out)
    rows = json.loads(out.getvalue())
    assert rows
    for key in ("group", "domain", "n", "maturity", "ci_low", "ci_high", "attainment"):
        assert key in rows[0]
    assert {row["domain"] for row in rows} >= {"DL", "AI", "DA"}
    assert all(row["weight_version"] == "unweighted" for row in rows)


def test_no_printed_figure_stands_on_fewer_than_ten_people(wave: Wave) -> None:
    out = io.StringIO()
    call_command("analytics", "report", "--by", "profession", "--format", "json", stdout=out)
    rows = json.loads(out.getvalue())
    hidden = [row for row in rows if row["suppressed"]]
    assert hidden, "a tiny population has professions with fewer than 10 respondents"
    for row in hidden:
        assert row["maturity"] is None and row["ci_low"] is None
        assert row["reason"]
    for row in rows:
        if row["n"] is not None:
            assert row["n"] == 0 or row["n"] >= 10
            assert row["n"] % 5 == 0  # counts below national level are rounded to 5


def test_an_unknown_organisation_is_refused_clearly(wave: Wave) -> None:
    with pytest.raises(CommandError, match="No respondents"):
        call_command("analytics", "report", "--level", "org", "--code", "ZZZ", stdout=io.StringIO())


def test_change_since_the_baseline_is_on_the_merged_icb_footprint() -> None:
    load_synthetic("tiny", waves=3, seed=3)
    out = io.StringIO()
    call_command(
        "analytics",
        "report",
        "--by",
        "icb",
        "--wave",
        "2",
        "--since",
        "0",
        "--format",
        "json",
        stdout=out,
    )
    rows = json.loads(out.getvalue())
    # Norfolk and Waveney and Suffolk and North East Essex merged before wave 2: the
    # successor's change is measured against its predecessors' organisations at the baseline.
    assert {row["group"] for row in rows} == {"QNS"}
    assert all(row["since_wave"] == 0 for row in rows)
    changes = {row["domain"]: row["change"] for row in rows}
    assert all(value is not None for value in changes.values())
    # Two years of spending and drift: AI and decision support rises, significantly.
    ai = next(row for row in rows if row["domain"] == "AI")
    assert ai["change"] > 0 and ai["change_significant"]
    table = io.StringIO()
    call_command("analytics", "report", "--wave", "2", "--since", "1", stdout=table)
    assert "Change" in table.getvalue()
    with pytest.raises(CommandError, match="before"):
        call_command("analytics", "report", "--wave", "1", "--since", "2", stdout=io.StringIO())
