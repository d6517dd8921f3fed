"""Loading a synthetic population into the database, and the `synth` command."""

from __future__ import annotations

import datetime as dt
import io
import math
from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Sum
from django.test import override_settings

from digiready.accounts.professions import PROFESSION_BY_CODE
from digiready.analytics.models import SyntheticRun, SyntheticTruth
from digiready.analytics.synthetic import AHP_TARGETS, BREAKDOWNS
from digiready.analytics.synthetic_load import (
    SYNTHETIC,
    SyntheticLoadError,
    delete_synthetic,
    load_synthetic,
)
from digiready.assessments.models import Assessment, AssessmentQuerySet, DomainScore, Wave
from digiready.assessments.services import PERSON_FRAMEWORK, current_version
from digiready.organisations.demographics import AGE_BAND_CODES, BAND_GROUP_CODES, SEX_CODES
from digiready.organisations.models import Organisation, WorkforceCell, WorkforceSnapshot

pytestmark = pytest.mark.django_db


@pytest.fixture
def run() -> SyntheticRun:
    return load_synthetic("tiny", seed=5)


def synthetic() -> AssessmentQuerySet:
    return Assessment.objects.filter(source=SYNTHETIC)


def test_loading_tiny_writes_one_submitted_assessment_per_respondent(run: SyntheticRun) -> None:
    respondents = run.parameters["waves"][0]["respondents"]
    assert 8_000 <= respondents <= 9_700
    assert synthetic().count() == respondents
    wave = Wave.objects.get(number=0)
    assert (wave.opens, wave.closes) == (dt.date(2026, 4, 1), dt.date(2026, 6, 30))
    submitted = synthetic().filter(status="submitted", subject="person", user=None, wave=wave)
    assert submitted.count() == respondents
    first = synthetic().select_related("organisation", "framework_version").first()
    assert first is not None
    assert first.framework_version == current_version(PERSON_FRAMEWORK)
    assert first.archetype == "user"
    assert first.organisation.ods_code in {
        "RM1",
        "RGP",
        "RCX",
        "RDE",
        "RGR",
        "RMY",
        "RY3",
        "QMM",
        "QJG",
    }
    assert PROFESSION_BY_CODE[first.profession].staff_group == first.staff_group
    assert first.expected  # the role profile as it stood
    assert wave.opens <= first.submitted_at.date() <= wave.closes
    assert first.started_at < first.submitted_at
    assert set(synthetic().values_list("band_group", flat=True)) <= BAND_GROUP_CODES
    assert set(synthetic().values_list("age_band", flat=True)) == AGE_BAND_CODES
    assert set(synthetic().values_list("sex", flat=True)) == SEX_CODES
    assert not synthetic().filter(answers__isnull=False).exists()  # scores only, no answers


def test_each_respondent_has_a_score_for_every_domain_their_role_is_asked(
    run: SyntheticRun,
) -> None:
    per_profession = Counter(synthetic().values_list("profession", flat=True))
    asked = {
        profession: sum(1 for level in expected.values() if level > 0)
        for profession, expected in synthetic().values_list("profession", "expected")
    }
    expected_rows = sum(count * asked[profession] for profession, count in per_profession.items())
    assert DomainScore.objects.filter(assessment__source=SYNTHETIC).count() == expected_rows
    assert run.parameters["rows"]["domain_scores"] == expected_rows
    porter = synthetic().filter(profession="porter").first()
    assert porter is not None
    codes = set(porter.domain_scores.values_list("domain__code", flat=True))
    assert {"RC", "ER"}.isdisjoint(codes) and "IG" in codes


def test_stored_scores_follow_the_scoring_rules(run: SyntheticRun) -> None:
    rows = DomainScore.objects.filter(assessment__source=SYNTHETIC).values_list(
        "items_asked",
        "items_answered",
        "score",
        "attained_level",
        "strict_level",
        "expected_level",
        "gap",
    )
    missing = 0
    for asked, answered, score, attained, strict, expected, gap in rows.iterator():
        assert 0 <= answered <= asked
        if score is None:
            missing += 1
            assert answered < math.ceil(asked / 2)
            assert attained is None and strict is None and gap is None
            continue
        assert 0 <= score <= 1
        assert attained == math.floor(4 * score + 1e-9)
        assert strict <= attained
        assert gap == max(0, expected - attained)
    assert missing < 0.01 * rows.count()


def test_the_workforce_snapshot_partitions_the_staff(run: SyntheticRun) -> None:
    snapshot = WorkforceSnapshot.objects.get(source=SYNTHETIC)
    assert snapshot.as_of == dt.date(2026, 4, 1)
    cells = WorkforceCell.objects.filter(snapshot=snapshot)
    totals = cells.aggregate(headcount=Sum("headcount"), fte=Sum("fte"))
    assert totals["headcount"] == 20_000
    assert totals["fte"] / totals["headcount"] == pytest.approx(0.89, abs=0.02)
    assert not cells.filter(headcount=0).exists()
    assert cells.count() == run.parameters["rows"]["workforce_cells"]
    for staff_group, profession in cells.values_list("staff_group", "profession").distinct():
        assert PROFESSION_BY_CODE[profession].staff_group == staff_group
    assert not cells.filter(band_group="").exists()


def test_the_truth_is_stored_and_respondents_score_above_it(run: SyntheticRun) -> None:
    truths = SyntheticTruth.objects.filter(run=run)
    assert set(truths.values_list("breakdown", flat=True)) == set(BREAKDOWNS)
    national = {
        str(lineage): maturity
        for lineage, maturity in truths.filter(breakdown="national").values_list(
            "domain_lineage", "maturity"
        )
    }
    assert len(national) == len(AHP_TARGETS)
    assert truths.filter(breakdown="national").aggregate(n=Sum("population"))["n"] > 0
    higher = 0
    for lineage, maturity in national.items():
        scores = DomainScore.objects.filter(
            assessment__source=SYNTHETIC, domain_lineage=lineage, score__isnull=False
        ).values_list("score", flat=True)
        respondent_mean = 100 * sum(scores) / len(scores)
        higher += respondent_mean > maturity
    assert higher >= 10
    assert not truths.filter(maturity__lt=0).exists()
    assert not truths.filter(maturity__gt=100).exists()


def test_loading_again_is_refused_unless_replacing_and_replacing_leaves_one_run(
    run: SyntheticRun,
) -> None:
    before = synthetic().count()
    with pytest.raises(SyntheticLoadError, match="replace"):
        load_synthetic("tiny", seed=5)
    again = load_synthetic("tiny", seed=5, replace=True)
    assert SyntheticRun.objects.get() == again
    assert synthetic().count() == before
    assert WorkforceSnapshot.objects.filter(source=SYNTHETIC).count() == 1
    assert SyntheticTruth.objects.filter(run=again).count() == run.parameters["rows"]["truths"]


def test_deleting_leaves_other_assessments_alone(run: SyntheticRun) -> None:
    version = current_version("organisational-maturity")
    assert version is not None
    kept = Assessment.objects.create(
        subject="organisation",
        organisation=Organisation.objects.get(ods_code="RM1"),
        framework_version=version,
    )
    delete_synthetic()
    assert list(Assessment.objects.all()) == [kept]
    assert not DomainScore.objects.exists()
    assert not WorkforceSnapshot.objects.filter(source=SYNTHETIC).exists()
    assert not SyntheticRun.objects.exists()


def test_three_waves_record_the_icb_merger_from_the_third() -> None:
    run = load_synthetic("tiny", waves=3, seed=2)
    assert run.parameters["merger"]["code"] == "QNS"
    opens = Wave.objects.get(number=2).opens
    successor = Organisation.objects.get(ods_code="QNS")
    assert successor.effective_from == opens
    assert Organisation.objects.get(ods_code="QMM").effective_to == opens - dt.timedelta(days=1)
    assert successor.children_on(opens).filter(ods_code="RM1").exists()
    assert synthetic().filter(wave__number=2, organisation=successor).exists()
    assert not synthetic().filter(wave__number=1, organisation=successor).exists()
    icbs = set(
        SyntheticTruth.objects.filter(run=run, wave__number=2, breakdown="icb").values_list(
            "group_code", flat=True
        )
    )
    assert icbs == {"QNS"}
    assert WorkforceSnapshot.objects.filter(source=SYNTHETIC).count() == 3
    assert synthetic().values("wave").distinct().count() == 3


def test_the_command_loads_and_reports_the_counts() -> None:
    out = io.StringIO()
    call_command("synth", "--preset", "tiny", "--seed", "3", stdout=out)
    text = out.getvalue()
    assert "Loaded the tiny population (seed 3)" in text
    assert f"{synthetic().count():,} assessments" in text
    assert "Wave 0: 20,000 staff" in text


def test_the_command_refuses_production_settings() -> None:
    with (
        override_settings(DIGIREADY_PRODUCTION=True),
        pytest.raises(CommandError, match="production"),
    ):
        call_command("synth", "--preset", "tiny")
    assert not synthetic().exists()
