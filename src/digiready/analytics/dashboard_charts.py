"""The dashboard's charts: SVG drawn on the server from the figures as published.

Every chart takes its numbers from the protected tables, so a hidden figure is never drawn;
each carries a title and a description for screen readers, and the page puts the same
figures in a table beside it.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from digiready.analytics.dashboards import Dashboard
from digiready.analytics.disclosure import ProtectedTable
from digiready.analytics.figures import MATURITY, statistic_name
from digiready.core.charts import (
    BenchmarkDot,
    ChartUnavailableError,
    HeatCell,
    IntervalBar,
    ParticipationBar,
    TrendPoint,
    benchmark_dots,
    heatmap,
    interval_bars,
    participation_bars,
    render_svg,
    trend_lines,
)

LEVEL_NAMES = {
    "organisation": "Organisation",
    "icb": "ICB",
    "region": "Region",
    "national": "England",
}


@dataclass(frozen=True)
class Chart:
    key: str  # the section it belongs to, also its element id
    title: str
    description: str
    svg: str  # empty when it cannot be drawn: the table still holds every figure


def _maturity(table: ProtectedTable, row: int, domain: str) -> tuple[float | None, ...]:
    shown = table.cells[row].statistics[statistic_name(domain, MATURITY)]
    if shown.hidden or shown.estimate.value is None:
        return (None, None, None)
    return (shown.estimate.value, shown.low, shown.high)


def _render(
    key: str, spec: dict[str, object], title: str, description: str, store: Path | None
) -> Chart:
    """Draw a chart, or read it back from ``store``, where drawings are filed under a digest
    of everything that goes into them: the same figures are drawn once, for every process."""
    path = None
    if store is not None:
        digest = hashlib.sha256(
            json.dumps([spec, title, description, key], sort_keys=True).encode()
        ).hexdigest()
        path = store / f"{digest[:32]}.svg"
        try:
            return Chart(key, title, description, path.read_text(encoding="utf-8"))
        except OSError:
            pass
    try:
        svg = render_svg(spec, title=title, description=description, chart_id=f"chart-{key}")
    except ChartUnavailableError:
        return Chart(key, title, description, "")
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.part")
        partial.write_text(svg, encoding="utf-8")
        partial.replace(path)
    return Chart(key, title, description, svg)


def charts(dashboard: Dashboard, store: Path | None = None) -> dict[str, Chart]:
    """Every chart of the dashboard; ``store`` is a directory to keep drawings in."""
    domains = [code for code, _ in dashboard.domains]
    titles = dict(dashboard.domains)
    found: dict[str, Chart] = {}

    bars = [IntervalBar(titles[d], *_maturity(dashboard.headline, 0, d)) for d in domains]
    shown = sum(bar.value is not None for bar in bars)
    found["headline"] = _render(
        "headline",
        interval_bars(bars, value_title="Maturity (%)"),
        f"Maturity in each domain, {dashboard.place.name}",
        f"Bar chart of maturity from 0 to 100% in {len(bars)} domains ({shown} shown), "
        "each with its 95% confidence interval. The figures are in the table that follows.",
        store,
    )

    if dashboard.heat is not None and dashboard.heat.cells:
        rows = [cell.label for cell in dashboard.heat.cells]
        cells = []
        for cell in dashboard.heat.cells:
            for d in domains:
                stat = cell.statistics[statistic_name(d, MATURITY)]
                value = None if stat.hidden else stat.estimate.value
                # A star where a figure is hidden, a dash where there is none (a domain the
                # group's roles are not asked about): the table says which is which.
                text = "*" if stat.hidden else stat.estimate.text if value is not None else "–"
                cells.append(HeatCell(cell.label, d, value, text))
        group = "staff group" if dashboard.heat_by == "staff_group" else "profession"
        found["heat"] = _render(
            "heat",
            heatmap(
                cells,
                rows=rows,
                columns=domains,
                row_title=group.capitalize(),
                column_title="Domain",
            ),
            f"Maturity by domain and {group}",
            f"Heat map of maturity, {len(rows)} {group}s by {len(domains)} domains; darker is "
            "higher. Hidden figures are shown as a star. The figures are in the table "
            "that follows.",
            store,
        )

    if dashboard.participation:
        participation = [
            ParticipationBar(p.label, p.rate_value, p.under_represented)
            for p in dashboard.participation
        ]
        flagged = sum(p.under_represented for p in dashboard.participation)
        overall = dashboard.headline.cells[0].response_rate.value
        found["participation"] = _render(
            "participation",
            participation_bars(participation, overall=overall),
            "Response rate by group",
            f"Bar chart of the response rate of {len(participation)} groups against all "
            f"staff's rate; {flagged} marked as under-represented. The figures are in the "
            "table that follows.",
            store,
        )

    dots = []
    levels = []
    for place, table, _refusal in dashboard.benchmark:
        level = f"{LEVEL_NAMES[place.level]}" + (
            f" ({place.code})" if place.level != "national" else ""
        )
        levels.append(level)
        for d in domains:
            value, low, high = _maturity(table, 0, d) if table is not None else (None,) * 3
            dots.append(BenchmarkDot(d, level, value, low, high))
    found["benchmark"] = _render(
        "benchmark",
        benchmark_dots(dots, categories=domains, levels=levels),
        "Maturity here and in the places above",
        f"Dot chart of maturity in each domain for {', '.join(levels)}, with 95% intervals. "
        "The figures are in the table that follows.",
        store,
    )

    periods = [label for label, _, _ in dashboard.trend]
    points = []
    for label, table, _refusal in dashboard.trend:
        for d in domains:
            if table is None:
                points.append(TrendPoint(d, label, None))
                continue
            stat = table.cells[0].statistics[statistic_name(d, MATURITY)]
            value, low, high = _maturity(table, 0, d)
            points.append(TrendPoint(d, label, value, low, high, stat.change_significant))
    if len(periods) > 1:
        significant = sum(p.significant for p in points)
        found["trend"] = _render(
            "trend",
            trend_lines(points, periods=periods, series_order=domains),
            "Maturity in each wave",
            f"Line chart of maturity in {len(domains)} domains across {len(periods)} waves; "
            f"{significant} significant changes marked with a diamond. The figures are in "
            "the table that follows.",
            store,
        )
    return found
