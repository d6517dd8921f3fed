"""The analytics engine: weights for a wave, and the disclosure-controlled figures for any
permitted breakdown. The arithmetic lives in metrics, weighting, disclosure and figures; this
module reads the database, calls them, and stores weights.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from django.db import transaction
from django.db.models import Sum
from numpy.typing import NDArray

from digiready.accounts.audit import record
from digiready.accounts.models import AuditEvent
from digiready.accounts.professions import PROFESSION_BY_CODE
from digiready.analytics.data import ScoreTable, load_scores
from digiready.analytics.disclosure import (
    DEFAULT_POLICY,
    Level,
    Policy,
    ProtectedTable,
    refuse_filtered_view,
)
from digiready.analytics.figures import ENGLAND, Baseline, Breakdown, figures
from digiready.analytics.models import WeightRun
from digiready.analytics.weighting import Margin, WeightingResult, compute_weights
from digiready.assessments.models import Wave
from digiready.assessments.services import PERSON_FRAMEWORK, current_version
from digiready.frameworks.models import FrameworkVersion
from digiready.organisations.models import WorkforceCell, WorkforceSnapshot
from digiready.organisations.workforce_store import frame_totals

UNWEIGHTED = "unweighted"


class AnalyticsError(ValueError):
    """A figure that cannot be produced: no wave, no frame, a refused view."""


def snapshot_for(wave: Wave) -> WorkforceSnapshot | None:
    """The workforce frame for a wave: the latest one dated on or before its close."""
    return (
        WorkforceSnapshot.objects.filter(as_of__lte=wave.closes).order_by("-as_of", "-id").first()
        or WorkforceSnapshot.objects.order_by("as_of", "id").first()
    )


def frame_headcounts(snapshot: WorkforceSnapshot | None, dimension: str) -> dict[str, float]:
    """Headcount per category of a dimension in the frame (organisations by ODS code)."""
    if snapshot is None:
        return {}
    cells = WorkforceCell.objects.filter(snapshot=snapshot)
    if dimension in ("organisation", "icb", "region"):
        rows = cells.values_list("organisation__ods_code").annotate(total=Sum("headcount"))
        by_org = {code: float(total) for code, total in rows}
        if dimension == "organisation":
            return by_org
        totals = frame_totals(snapshot, by="icb" if dimension == "icb" else "region")
        return {code: float(total) for code, total in totals.items()}
    rows = cells.exclude(**{dimension: ""}).values_list(dimension).annotate(total=Sum("headcount"))
    return {code: float(total) for code, total in rows}


# -- Weights ---------------------------------------------------------------------------------


def _margin(table: ScoreTable, name: str, totals: dict[str, float]) -> Margin | None:
    dimension = table.dimensions[name]
    if not totals or (dimension.index < 0).any():
        return None  # the frame lacks it, or some respondents did not say: not a margin
    headcount = np.array([totals.get(code, 0.0) for code in dimension.codes])
    parents = None
    if name == "profession":
        # Sparse professions pool into their staff group (ANALYTICS.md 3.3).
        groups = table.dimensions["staff_group"].codes
        parents = np.array(
            [groups.index(PROFESSION_BY_CODE[code].staff_group) for code in dimension.codes]
        )
    return Margin(name, dimension.index.astype(np.intp), headcount, parents)


def _cell_margin(table: ScoreTable, snapshot: WorkforceSnapshot) -> Margin:
    """Organisation x staff group, each cell's parent its ICB x staff group (ANALYTICS.md 3.3)."""
    orgs, groups = table.dimensions["organisation"], table.dimensions["staff_group"]
    icbs = table.dimensions["icb"]
    org_position = {code: i for i, code in enumerate(orgs.codes)}
    headcount = np.zeros(orgs.size * groups.size)
    group_position = {code: i for i, code in enumerate(groups.codes)}
    for org, group, total in (
        WorkforceCell.objects.filter(snapshot=snapshot)
        .values_list("organisation__ods_code", "staff_group")
        .annotate(total=Sum("headcount"))
    ):
        if org in org_position and group in group_position:
            headcount[org_position[org] * groups.size + group_position[group]] += total
    codes = np.where(
        (orgs.index >= 0) & (groups.index >= 0), orgs.index * groups.size + groups.index, -1
    )
    if (codes < 0).any():
        raise AnalyticsError("Some respondents have no organisation or staff group.")
    # Each organisation's ICB, from its respondents (an organisation sits in one ICB).
    icb_of_org = np.full(orgs.size, icbs.size, dtype=np.intp)
    icb_of_org[orgs.index] = np.where(icbs.index >= 0, icbs.index, icbs.size)
    parents = (icb_of_org[:, None] * groups.size + np.arange(groups.size)).ravel()
    return Margin("organisation x staff group", codes, headcount, parents)


def compute_wave_weights(
    wave: Wave, *, version: FrameworkVersion | None = None, by: str = ""
) -> WeightRun:
    """Weight a wave's respondents to its workforce frame (ANALYTICS.md section 3) and keep the
    weights as the wave's current ones."""
    version = version or current_version(PERSON_FRAMEWORK)
    if version is None:
        raise AnalyticsError("No published framework.")
    snapshot = snapshot_for(wave)
    if snapshot is None:
        raise AnalyticsError("Load a workforce frame first: digiready workforce import.")
    table = load_scores(wave, version)
    if table.respondents == 0:
        raise AnalyticsError(f"{wave} has no submitted self-assessments.")
    margins = [
        m
        for name in ("profession", "band_group", "age_band", "sex")
        if (m := _margin(table, name, frame_headcounts(snapshot, name))) is not None
    ]
    result = compute_weights(margins, cell=_cell_margin(table, snapshot))
    return _store(wave, snapshot, table, result, by)


def _store(
    wave: Wave, snapshot: WorkforceSnapshot, table: ScoreTable, result: WeightingResult, by: str
) -> WeightRun:
    diagnostics = {
        "converged": result.converged,
        "iterations": result.iterations,
        "max_margin_error": result.max_margin_error,
        "trimmed": result.trimmed,
        "max_weight_ratio": result.max_weight_ratio,
        "design_effect": float(np.asarray(result.diagnostics["all"].deff).ravel()[0])
        if "all" in result.diagnostics
        else None,
        "alerts": len(result.alerts),
        "pooled": result.pooled,
        "uncovered": result.uncovered,
    }
    with transaction.atomic():
        WeightRun.objects.filter(wave=wave, is_current=True).update(is_current=False)
        run, _ = WeightRun.objects.update_or_create(
            version=result.version,
            defaults={
                "wave": wave,
                "snapshot": snapshot,
                "method": "post-stratification by organisation and staff group, raked",
                "parameters": {"margins": sorted(result.margin_errors)},
                "diagnostics": diagnostics,
                "respondents": table.respondents,
                "assessment_ids": table.assessment_ids.astype("<i8").tobytes(),
                "weights": result.weights.astype("<f8").tobytes(),
                "is_current": True,
            },
        )
        record(
            AuditEvent.Action.WEIGHTS_COMPUTED,
            actor_label=by or "command line",
            target=str(run),
            respondents=table.respondents,
        )
    return run


def weights_for(table: ScoreTable) -> tuple[NDArray[np.float64], str]:
    """The wave's current weights aligned with the table, and their version; weight 1 and
    "unweighted" when the wave has none, or for respondents added since."""
    run = WeightRun.objects.filter(wave=table.wave, is_current=True).first()
    if run is None:
        return np.ones(table.respondents), UNWEIGHTED
    ids = np.frombuffer(bytes(run.assessment_ids), dtype="<i8")
    values = np.frombuffer(bytes(run.weights), dtype="<f8")
    position = np.searchsorted(ids, table.assessment_ids)
    position = np.minimum(position, max(ids.size - 1, 0))
    found = ids.size > 0
    matched = (ids[position] == table.assessment_ids) if found else np.zeros(0, dtype=bool)
    if not found or not matched.all():
        return np.ones(table.respondents), UNWEIGHTED
    return values[position].astype(np.float64), run.version


# -- Figures ---------------------------------------------------------------------------------


PARENT_DIMENSION = {"organisation": "icb", "icb": "region", "profession": "staff_group"}


def breakdown(
    table: ScoreTable, by: str, snapshot: WorkforceSnapshot | None, rows: NDArray[np.bool_]
) -> Breakdown:
    """Groups of ``by`` among the chosen rows, each with its parent and headcount."""
    dimension = table.dimensions[by]
    index = np.where(rows, dimension.index, -1).astype(np.int32)
    parents: list[str | None] = [ENGLAND] * dimension.size
    parent_name = PARENT_DIMENSION.get(by)
    if parent_name is not None:
        parent = table.dimensions[parent_name]
        parents = [None] * dimension.size
        for g in range(dimension.size):
            members = parent.index[dimension.index == g]
            members = members[members >= 0]
            # Namespaced: a profession and a staff group may share a code ("estates").
            parents[g] = f"{parent_name}:{parent.codes[int(members[0])]}" if members.size else None
    totals = frame_headcounts(snapshot, by)
    population = np.array([totals.get(code, np.nan) for code in dimension.codes])
    return Breakdown(by, dimension.codes, dimension.labels, index, parents, population)


@dataclass
class Report:
    wave: Wave
    level: str
    code: str
    by: str
    domains: list[tuple[str, str]]  # code, title
    table: ProtectedTable
    weight_version: str
    respondents: int
    notes: list[str] = field(default_factory=list)
    baseline: Wave | None = None  # the wave changes are measured from, if any


def _rows(table: ScoreTable, level: str, code: str) -> tuple[NDArray[np.bool_], str]:
    if level == "national":
        return np.ones(table.respondents, dtype=bool), "England"
    dimension = table.dimensions["organisation" if level == "org" else level]
    if code not in dimension.codes:
        raise AnalyticsError(f"No respondents in {level} {code!r} in {table.wave}.")
    g = dimension.codes.index(code)
    return dimension.index == g, dimension.labels[g]


def report(
    table: ScoreTable,
    *,
    level: str = "national",
    code: str = "",
    by: str | None = None,
    weights: tuple[NDArray[np.float64], str] | None = None,
    snapshot: WorkforceSnapshot | None = None,
    policy: Policy = DEFAULT_POLICY,
    baseline: ScoreTable | None = None,
) -> Report:
    """The figures for one level (England, a region, an ICB or an organisation), broken down
    by ``by`` (or the level as a whole), through disclosure control; with the change since
    ``baseline`` (an earlier wave read on this wave's footprint, ``load_scores(footprint=)``)
    when it is given."""
    values, version = weights if weights is not None else weights_for(table)
    rows, name = _rows(table, level, code)
    n_filtered, n_parent = int(rows.sum()), table.respondents
    if level != "national" and refuse_filtered_view(n_parent, n_filtered):
        raise AnalyticsError("That view could reveal a small group and is refused.")
    domains = [(d.code or str(d.lineage), d.title) for d in table.domains]
    groups = _groups(table, level, code, by, snapshot, rows, name)
    earlier = None
    if baseline is not None and (level == "national" or _has(baseline, level, code)):
        before_rows, _ = _rows(baseline, level, code)
        earlier = Baseline(
            baseline.scores,
            weights_for(baseline)[0],
            _groups(baseline, level, code, by, snapshot_for(baseline.wave), before_rows, name),
        )
    protected = figures(
        table.scores,
        values,
        groups,
        [d[0] for d in domains],
        level=Level.NATIONAL if level == "national" and by is None else Level.SUBNATIONAL,
        policy=policy,
        baseline=earlier,
    )
    result = Report(table.wave, level, code, by or level, domains, protected, version, n_filtered)
    if baseline is not None:
        result.baseline = baseline.wave
    return result


def _has(table: ScoreTable, level: str, code: str) -> bool:
    return code in table.dimensions["organisation" if level == "org" else level].codes


def _groups(
    table: ScoreTable,
    level: str,
    code: str,
    by: str | None,
    snapshot: WorkforceSnapshot | None,
    rows: NDArray[np.bool_],
    name: str,
) -> Breakdown:
    if by is not None:
        return breakdown(table, by, snapshot, rows)
    if level == "national":
        headcount = sum(frame_headcounts(snapshot, "region").values()) or None
    else:
        dimension = "organisation" if level == "org" else level
        headcount = frame_headcounts(snapshot, dimension).get(code)
    return Breakdown(
        level,
        (code or ENGLAND,),
        (name,),
        np.where(rows, 0, -1).astype(np.int32),
        (None,),
        np.array([np.nan if headcount is None else headcount], dtype=np.float64),
    )


def wave_number(number: int | None) -> Wave:
    waves = Wave.objects.order_by("-number")
    wave = waves.filter(number=number).first() if number is not None else waves.first()
    if wave is None:
        raise AnalyticsError(
            "No such wave." if number is not None else "No waves yet: load or run one first."
        )
    return wave
