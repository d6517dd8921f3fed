"""Cubes for the dashboards: built from the database once, kept on disk and in memory, and
renewed when submissions, weights or workforce frames change.

A cube is filed under the revisions of what it was computed from (``DataRevision``: the
wave's, moved by every submission, erasure and weighting, and the frames'), so a page never
shows figures older than the data: a change moves the revision and the next page builds a
new cube. Building reads every respondent of the wave once (seconds at national scale);
``digiready analytics refresh`` builds them ahead, and loading a synthetic population or
weighting a wave does so too.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
import time
import uuid
import zipfile
from collections import OrderedDict
from pathlib import Path

import numpy as np
from django.conf import settings
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Sum

from digiready.analytics import dashboard_charts, dashboards
from digiready.analytics.cube import Cube, build_cube, role_index
from digiready.analytics.dashboards import ENGLAND_PLACE, Footprint, RefusedError, View
from digiready.analytics.data import _hierarchy, load_scores
from digiready.analytics.engine import snapshot_for, weights_for
from digiready.analytics.models import DataRevision
from digiready.assessments.models import Assessment, Status, Subject, Wave
from digiready.frameworks.models import FrameworkVersion
from digiready.organisations.models import Organisation, WorkforceCell

FRAME = "frame"
MEMORY = 12  # cubes kept in each process
_memory: OrderedDict[str, Cube] = OrderedDict()
_lock = threading.Lock()


def wave_key(wave_id: int) -> str:
    return f"wave:{wave_id}"


def bump(*keys: str) -> None:
    """Move the revisions of ``keys`` on: figures computed from them are out of date."""
    for key in keys:
        updated = DataRevision.objects.filter(key=key).update(
            number=F("number") + 1, token=uuid.uuid4()
        )
        if not updated:
            DataRevision.objects.get_or_create(key=key)


def bump_on_commit(*keys: str) -> None:
    """``bump`` now and again once the transaction commits, so a page reading between the two
    cannot file figures from before the change under the new revision."""
    bump(*keys)
    transaction.on_commit(lambda: bump(*keys))


def stamp(wave: Wave) -> str:
    revisions = {
        r.key: r.stamp for r in DataRevision.objects.filter(key__in=[wave_key(wave.pk), FRAME])
    }
    for key in (wave_key(wave.pk), FRAME):
        if key not in revisions:
            revisions[key] = DataRevision.objects.get_or_create(key=key)[0].stamp
    return f"{revisions[wave_key(wave.pk)]}-{revisions[FRAME]}"


def cache_dir() -> Path:
    return Path(settings.ANALYTICS_CACHE_DIR)


def cube_for(wave: Wave, version: FrameworkVersion) -> Cube:
    """The wave's cube for the framework version, from memory, disk or the database."""
    return named_cube(wave, version)[1]


def named_cube(wave: Wave, version: FrameworkVersion) -> tuple[str, Cube]:
    """The cube and the name it is filed under, which changes whenever its data does."""
    name = f"cube-{wave.pk}-{version.pk}-{stamp(wave)}"
    with _lock:
        if name in _memory:
            _memory.move_to_end(name)
            return name, _memory[name]
    path = cache_dir() / f"{name}.npz"
    try:
        cube = Cube.load(path)
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):  # missing or damaged
        cube = build(wave, version)
        cube.save(path)
        _tidy(path, f"cube-{wave.pk}-{version.pk}-")
    with _lock:
        _memory[name] = cube
        while len(_memory) > MEMORY:
            _memory.popitem(last=False)
    return name, cube


CHART_DAYS = 7  # drawn charts not used for this long are removed when a cube is built


def _tidy(keep: Path, prefix: str) -> None:
    """Remove the same wave's older cubes, and charts nobody has drawn or read for a while."""
    for old in keep.parent.glob(f"{prefix}*.npz"):
        if old != keep:
            old.unlink(missing_ok=True)
    cutoff = time.time() - CHART_DAYS * 86_400
    for chart in (keep.parent / "charts").glob("*.svg"):
        with contextlib.suppress(OSError):
            if max(chart.stat().st_atime, chart.stat().st_mtime) < cutoff:
                chart.unlink()


def clear() -> None:
    """Forget every cube in this process (tests, and after a database is replaced)."""
    with _lock:
        _memory.clear()


def build(wave: Wave, version: FrameworkVersion) -> Cube:
    """Read the wave's respondents and frame and sum them into organisation x role cells."""
    table = load_scores(wave, version)
    weights, weight_version = weights_for(table)
    orgs = table.dimensions["organisation"]
    groups = table.dimensions["staff_group"]
    professions = table.dimensions["profession"]
    role_of = {
        (g, p): role_index(
            groups.codes[g] if g >= 0 else "", professions.codes[p] if p >= 0 else ""
        )
        for g, p in set(zip(groups.index.tolist(), professions.index.tolist(), strict=True))
    }
    person_role = np.fromiter(
        (
            role_of[pair]
            for pair in zip(groups.index.tolist(), professions.index.tolist(), strict=True)
        ),
        dtype=np.int64,
        count=table.respondents,
    )
    codes = list(orgs.codes)
    names = list(orgs.labels)
    frame_rows, frame_label = _frame(wave)
    position = {code: i for i, code in enumerate(codes)}
    for code, name, _, _ in frame_rows:
        if code not in position:
            position[code] = len(codes)
            codes.append(code)
            names.append(name)
    frame_org = np.array([position[row[0]] for row in frame_rows], dtype=np.int64)
    frame_role = np.array([row[2] for row in frame_rows], dtype=np.int64)
    frame_headcount = np.array([row[3] for row in frame_rows], dtype=np.float64)
    known = frame_role >= 0
    return build_cube(
        wave=wave.number,
        wave_label=wave.label or str(wave),
        weight_version=weight_version,
        domains=tuple(d.code or str(d.lineage) for d in table.domains),
        domain_titles=tuple(d.title for d in table.domains),
        organisations=tuple(codes),
        organisation_names=tuple(names),
        scores=table.scores,
        weights=weights,
        person_org=orgs.index.astype(np.int64),
        person_role=person_role,
        frame=(frame_org[known], frame_role[known], frame_headcount[known]),
        frame_label=frame_label,
    )


def _frame(wave: Wave) -> tuple[list[tuple[str, str, int, float]], str]:
    """The wave's workforce frame as (ODS code, name, role, headcount) rows."""
    snapshot = snapshot_for(wave)
    if snapshot is None:
        return [], ""
    rows = (
        WorkforceCell.objects.filter(snapshot=snapshot)
        .values_list("organisation__ods_code", "organisation__name", "staff_group", "profession")
        .annotate(total=Sum("headcount"))
    )
    return [
        (code, name, role_index(group, profession), float(total))
        for code, name, group, profession, total in rows
    ], str(snapshot)


def footprint(day: dt.date) -> Footprint:
    """Which ICB and region each organisation is in on ``day``, with everyone's names."""
    icb_of, region_of = _hierarchy(day)
    code = dict(Organisation.objects.values_list("pk", "ods_code"))
    names = dict(Organisation.objects.values_list("ods_code", "name"))
    icbs = {code[org]: code[icb] for org, icb in icb_of.items()}
    regions = {code[icb]: code[region_of[icb]] for icb in set(icb_of.values()) if icb in region_of}
    return Footprint(icbs, regions, names)


def waves_with_figures() -> list[Wave]:
    """Waves with at least one submitted self-assessment, in order."""
    submitted = Assessment.objects.filter(
        wave=OuterRef("pk"), subject=Subject.PERSON, status=Status.SUBMITTED
    )
    # One EXISTS a wave, which stops at the first row, rather than a DISTINCT over them all.
    return list(Wave.objects.filter(Exists(submitted)).order_by("number"))


def views_for(
    wave: Wave, version: FrameworkVersion, waves: list[Wave]
) -> tuple[list[View], tuple[str, ...]]:
    """The cubes of every wave up to ``wave``, seen on ``wave``'s footprint, and their names
    (which change whenever any of their data does)."""
    seen = footprint(wave.closes)
    named = [named_cube(each, version) for each in waves if each.number <= wave.number]
    return [View(cube, seen) for _, cube in named], tuple(name for name, _ in named)


def chart_store() -> Path:
    """Where drawn charts are kept, under a digest of everything drawn in them."""
    return cache_dir() / "charts"


def draw_all(version: FrameworkVersion) -> tuple[int, int]:
    """Draw the charts of every place's dashboard in the latest wave, as first shown (no
    filters), so that no first visit waits for them. Returns (places, charts)."""
    waves = waves_with_figures()
    if not waves:
        return 0, 0
    views, _ = views_for(waves[-1], version, waves)
    pending, places, charts = [ENGLAND_PLACE], 0, 0
    while pending:
        place = pending.pop(0)
        pending += views[-1].children(place)
        try:
            board = dashboards.build(views, place)
        except RefusedError:
            continue
        places += 1
        charts += len(dashboard_charts.charts(board, chart_store()))
    return places, charts
