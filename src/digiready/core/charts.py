"""Charts as Vega-Lite specifications, rendered to SVG on the server.

Pages and PDFs embed the SVG, so charts need no JavaScript in the browser. Every chart is
decorative to assistive technology only in the sense that the same figures are always in a
table beside it: the SVG carries a title and a one-line description for screen readers, and
the page shows the table. Colours are NHS.UK's. No Django here.
"""

from __future__ import annotations

import html
import json
import math
import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

NHS_BLUE = "#005eb8"
NHS_DARK_BLUE = "#003087"
NHS_LIGHT_BLUE = "#41b6e6"
NHS_AQUA_GREEN = "#00a499"
NHS_BLACK = "#212b32"
NHS_GREY = "#4c6272"
NHS_MID_GREY = "#768692"
NHS_PALE_GREY = "#d8dde0"
NHS_WARM_YELLOW = "#ffb81c"
NHS_WHITE = "#ffffff"
FONT = "Frutiger W01, Arial, sans-serif"

# Series and levels take these colours in turn; after six, lines repeat them dashed.
NHS_PALETTE = (
    NHS_BLUE,
    NHS_AQUA_GREEN,
    NHS_WARM_YELLOW,
    NHS_DARK_BLUE,
    NHS_GREY,
    NHS_LIGHT_BLUE,
)

VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"


class ChartUnavailableError(RuntimeError):
    """The renderer is not installed; pages fall back to the table alone."""


def base_config() -> dict[str, Any]:
    return {
        # The SVG as a whole is the image, named by its title and description; marks carry no
        # ARIA roles or labels of their own (the figures are in the table beside the chart).
        "aria": False,
        "font": FONT,
        "view": {"stroke": None},
        "axis": {
            "labelColor": NHS_BLACK,
            "titleColor": NHS_BLACK,
            "labelFontSize": 13,
            "titleFontSize": 13,
            "gridColor": NHS_PALE_GREY,
            "domainColor": NHS_GREY,
            "tickColor": NHS_GREY,
        },
        "legend": {"labelFontSize": 13, "titleFontSize": 13, "orient": "bottom"},
    }


@dataclass(frozen=True)
class ScoreBar:
    label: str  # the category, e.g. a domain
    value: float | None  # 0 to 100; None is drawn as no bar
    target: float | None = None  # 0 to 100: a marker, e.g. what a role expects


def score_bars(
    bars: Sequence[ScoreBar],
    *,
    value_title: str = "Score (%)",
    target_title: str = "Expected",
    width: int = 420,
) -> dict[str, Any]:
    """Horizontal bars from 0 to 100 with an optional target marker on each."""
    rows = [
        {"label": bar.label, "value": bar.value, "target": bar.target, "series": value_title}
        for bar in bars
    ]
    y = {
        "field": "label",
        "type": "nominal",
        "sort": None,
        "title": None,
        "axis": {"labelLimit": 300},
    }
    x = {
        "type": "quantitative",
        "scale": {"domain": [0, 100]},
        "axis": {"values": [0, 25, 50, 75, 100], "title": value_title},
    }
    layers: list[dict[str, Any]] = [
        {
            "mark": {"type": "bar", "color": NHS_BLUE, "height": {"band": 0.6}},
            "encoding": {"y": y, "x": {**x, "field": "value"}},
        }
    ]
    if any(bar.target is not None for bar in bars):
        layers.append(
            {
                "mark": {
                    "type": "tick",
                    "color": NHS_WARM_YELLOW,
                    "thickness": 4,
                    "size": 22,
                },
                "encoding": {"y": y, "x": {**x, "field": "target"}},
            }
        )
    return {
        "$schema": VEGA_LITE_SCHEMA,
        "width": width,
        "height": {"step": 30},
        "data": {"values": rows},
        "layer": layers,
        "config": base_config(),
        "usermeta": {"target_title": target_title},
    }


# --- Dashboard charts --------------------------------------------------------------------------
#
# A value of None (or NaN) is "not shown": suppressed by disclosure control, or no data. It is
# never drawn as a bar, point or number, and its row in the chart's data carries only its
# category names, never a number. Categories come from an explicit list, so a row or column
# with nothing shown keeps its label and its place.
#
# For these builders `width` is the width of the whole chart, axis labels and legend included
# (Vega-Lite's autosize "fit-x"), so the SVG keeps to it and stays legible at 320 px.

HIDDEN_TEXT = "Not shown"  # drawn in a bar chart's row whose value is not shown
DARK_FILL_FROM = 60  # heatmap cells from this value up are dark: their text is white
LABEL_LIMIT = 200  # pixels of a legend label before it is cut short with an ellipsis
WRAP = 28  # characters a line of a category label, before it wraps
LINE_HEIGHT = 15  # pixels a line of a wrapped label takes
TEXT_SIZE = 12
SIGNIFICANT = "Significant change"
NOT_SIGNIFICANT = "No significant change"
UNDER_REPRESENTED = "under-represented"
_SHAPES = ("circle", "square", "diamond", "triangle-up", "triangle-down", "cross")
_DASHES = ([1, 0], [6, 4], [2, 3], [8, 3, 2, 3])
_SHOWN = "isValid(datum.value) && isFinite(datum.value)"
_TICKS = [0, 25, 50, 75, 100]


def _is_shown(value: float | None) -> bool:
    return value is not None and math.isfinite(value)


def _distinct(names: Sequence[str]) -> list[str]:
    """The names in their order, each once: an explicit scale domain."""
    return list(dict.fromkeys(names))


def _check_known(kind: str, names: Sequence[str], known: Sequence[str]) -> None:
    unknown = sorted(set(names) - set(known))
    if unknown:
        raise ValueError(f"{kind} not in the given list: {', '.join(unknown)}")


def _interval(value: float | None, low: float | None, high: float | None) -> dict[str, float]:
    """The fields of a shown value, with its interval when both ends are known."""
    if value is None or not math.isfinite(value):
        return {}
    fields = {"value": float(value)}
    if low is not None and high is not None and math.isfinite(low) and math.isfinite(high):
        fields |= {"low": float(low), "high": float(high)}
    return fields


def _percent_axis(title: str, field: str = "value") -> dict[str, Any]:
    return {
        "field": field,
        "type": "quantitative",
        "scale": {"domain": [0, 100], "nice": False},
        "axis": {"values": _TICKS, "title": title},
    }


def _wrapped(categories: Sequence[str]) -> dict[str, list[str]]:
    """Long category names broken into lines of at most WRAP characters, at spaces."""
    return {c: textwrap.wrap(c, WRAP) or [c] for c in categories if len(c) > WRAP}


def _lines(categories: Sequence[str]) -> int:
    """The most lines any category's label takes."""
    return max([len(lines) for lines in _wrapped(categories).values()] or [1])


def _step(categories: Sequence[str], least: int) -> int:
    """A band tall enough for the longest wrapped label."""
    return max(least, LINE_HEIGHT * _lines(categories) + 8)


def _category_axis(field: str, categories: list[str], **axis: Any) -> dict[str, Any]:
    """A categorical axis in the given order. Long names are wrapped onto several lines
    rather than cut short: whole names read better, and Vega's shortening of a label, which
    measures it again character by character, is most of the time it takes to draw a chart."""
    wrapped = _wrapped(categories)
    labels: dict[str, Any] = {"labelLimit": 0}
    if wrapped:
        labels["labelExpr"] = f"{json.dumps(wrapped)}[datum.label] || datum.label"
    return {
        "field": field,
        "type": "nominal",
        "sort": categories,
        "scale": {"domain": categories},
        "title": None,
        "axis": {**labels, "grid": False, **axis},
    }


def _chart(
    *, width: int, height: int | dict[str, Any], values: list[dict[str, Any]], layers: list[Any]
) -> dict[str, Any]:
    config = base_config()
    config["legend"] |= {
        "labelLimit": LABEL_LIMIT,
        "titleLimit": width,
        "symbolSize": 100,
        # Legends below the chart stack rather than run off its right edge.
        "layout": {"bottom": {"anchor": "start", "direction": "vertical", "margin": 8}},
    }
    config["text"] = {"fontSize": TEXT_SIZE, "font": FONT}
    return {
        "$schema": VEGA_LITE_SCHEMA,
        "width": width,
        "height": height,
        "autosize": {"type": "fit-x", "contains": "padding"},
        "padding": 8,
        "data": {"values": values},
        "layer": layers,
        "config": config,
    }


def _hidden_text_layer(y: dict[str, Any], text: str) -> dict[str, Any]:
    """'Not shown' at the start of each row with no value, so it cannot be read as 0."""
    return {
        "transform": [{"filter": f"!({_SHOWN})"}],
        "mark": {
            "type": "text",
            "align": "left",
            "baseline": "middle",
            "dx": 4,
            "color": NHS_GREY,
            "fontStyle": "italic",
        },
        "encoding": {
            "y": y,
            "x": {"datum": 0, "type": "quantitative", "scale": {"domain": [0, 100]}},
            "text": {"value": text},
        },
    }


@dataclass(frozen=True)
class IntervalBar:
    label: str  # the category, e.g. a domain
    value: float | None  # 0 to 100; None is not shown
    low: float | None = None  # the interval, drawn when both ends and the value are known
    high: float | None = None


def interval_bars(
    bars: Sequence[IntervalBar],
    *,
    value_title: str = "Maturity (%)",
    width: int = 420,
    hidden_text: str = HIDDEN_TEXT,
) -> dict[str, Any]:
    """Horizontal bars from 0 to 100 in the given order, each with a black interval.

    A bar whose value is None is drawn as its label and `hidden_text` in grey italics.
    """
    labels = _distinct([bar.label for bar in bars])
    rows = [{"label": bar.label, **_interval(bar.value, bar.low, bar.high)} for bar in bars]
    y = _category_axis("label", labels)
    x = _percent_axis(value_title)
    interval = {"filter": "isValid(datum.low) && isValid(datum.high)"}
    layers: list[dict[str, Any]] = [
        {
            "transform": [{"filter": _SHOWN}],
            "mark": {"type": "bar", "color": NHS_BLUE, "height": {"band": 0.6}},
            "encoding": {"y": y, "x": x},
        },
        _hidden_text_layer(y, hidden_text),
    ]
    if any("low" in row for row in rows):
        layers.append(
            {
                "transform": [interval],
                "mark": {"type": "rule", "color": NHS_BLACK, "strokeWidth": 1.5},
                "encoding": {"y": y, "x": {**x, "field": "low"}, "x2": {"field": "high"}},
            }
        )
        for end in ("low", "high"):
            layers.append(
                {
                    "transform": [interval],
                    "mark": {
                        "type": "tick",
                        "orient": "vertical",
                        "color": NHS_BLACK,
                        "thickness": 1.5,
                        "size": 10,
                    },
                    "encoding": {"y": y, "x": {**x, "field": end}},
                }
            )
    return _chart(width=width, height={"step": _step(labels, 30)}, values=rows, layers=layers)


@dataclass(frozen=True)
class HeatCell:
    row: str  # e.g. a staff group
    column: str  # e.g. a domain code
    value: float | None  # 0 to 100: the fill; None is not shown
    text: str  # written in the cell, e.g. "43%", or "*" when not shown


def heatmap(
    cells: Sequence[HeatCell],
    *,
    rows: Sequence[str],
    columns: Sequence[str],
    row_title: str,
    column_title: str,
    value_title: str = "Maturity (%)",
    width: int = 560,
) -> dict[str, Any]:
    """Cells shaded from white to NHS dark blue over 0 to 100, each with its text.

    Rows and columns keep the given order; a cell that is not given is left blank. A cell whose
    value is None is pale grey with its `text` (e.g. "*") and nothing else: the caller must not
    put the suppressed figure in `text`. Text is white on dark cells (value >= 60). A cell whose
    row or column is not in `rows` or `columns` raises ValueError.
    """
    row_names, column_names = _distinct(rows), _distinct(columns)
    _check_known("Rows", [cell.row for cell in cells], row_names)
    _check_known("Columns", [cell.column for cell in cells], column_names)
    values = [
        {
            "row": cell.row,
            "column": cell.column,
            "text": cell.text,
            **_interval(cell.value, None, None),
        }
        for cell in cells
    ]
    angle = 0 if all(len(name) <= 5 for name in column_names) else -40
    x = {
        **_category_axis(
            "column",
            column_names,
            orient="top",
            labelAngle=angle,
            labelLimit=120,
            domain=False,
            ticks=False,
        ),
        "title": column_title,
    }
    y = {**_category_axis("row", row_names, domain=False, ticks=False), "title": row_title}
    cell = {"type": "rect", "stroke": NHS_PALE_GREY, "strokeWidth": 1}
    layers: list[dict[str, Any]] = [
        {
            "transform": [{"filter": _SHOWN}],
            "mark": cell,
            "encoding": {
                "x": x,
                "y": y,
                "color": {
                    "field": "value",
                    "type": "quantitative",
                    "title": value_title,
                    "scale": {
                        "domain": [0, 100],
                        "range": [NHS_WHITE, NHS_DARK_BLUE],
                        "interpolate": "rgb",
                    },
                    "legend": {"values": _TICKS, "gradientLength": 200, "direction": "horizontal"},
                },
            },
        },
        {
            "transform": [{"filter": f"!({_SHOWN})"}],
            "mark": {**cell, "color": NHS_PALE_GREY},
            "encoding": {"x": x, "y": y},
        },
        {
            "mark": {"type": "text", "baseline": "middle"},
            "encoding": {
                "x": x,
                "y": y,
                "text": {"field": "text"},
                "color": {
                    "condition": {
                        "test": f"{_SHOWN} && datum.value >= {DARK_FILL_FROM}",
                        "value": NHS_WHITE,
                    },
                    "value": NHS_BLACK,
                },
            },
        },
    ]
    return _chart(width=width, height={"step": _step(row_names, 28)}, values=values, layers=layers)


@dataclass(frozen=True)
class TrendPoint:
    series: str  # e.g. an organisation or a domain
    period: str  # e.g. "2026"
    value: float | None  # 0 to 100; None is not shown and breaks the line
    low: float | None = None
    high: float | None = None
    significant: bool = False  # a significant change since the series' previous period


def trend_lines(
    points: Sequence[TrendPoint],
    *,
    periods: Sequence[str],
    series_order: Sequence[str] | None = None,
    value_title: str = "Maturity (%)",
    width: int = 480,
) -> dict[str, Any]:
    """A line per series across the periods, in order; a point is a filled circle.

    A significant change is a larger filled diamond, and a legend titled "Change since the
    previous period" says so whenever one is shown. A period whose value is None (or that is
    missing) has no point, and the line breaks there. Series take NHS_PALETTE's colours; from
    the seventh they repeat the colours with dashed lines. Series are in `series_order`, or in
    order of first appearance; a point whose period or series is not listed raises ValueError.
    """
    period_names = _distinct(periods)
    series_names = _distinct(series_order or [point.series for point in points])
    _check_known("Periods", [point.period for point in points], period_names)
    _check_known("Series", [point.series for point in points], series_names)
    by_key = {(point.series, point.period): point for point in points}
    values: list[dict[str, Any]] = []
    for number, series in enumerate(series_names):
        run = 0
        for index, period in enumerate(period_names):
            point = by_key.get((series, period))
            fields = _interval(point.value, point.low, point.high) if point else {}
            if not fields:
                run += 1  # the line breaks here
                continue
            change = SIGNIFICANT if point and point.significant else NOT_SIGNIFICANT
            values.append(
                {
                    "series": series,
                    "period": period,
                    "order": index,
                    "line": f"{number}-{run}",
                    "change": change,
                    **fields,
                }
            )
    x = {**_category_axis("period", period_names, labelAngle=0), "type": "ordinal"}
    y = _percent_axis(value_title)  # with grid lines, Vega-Lite's default
    count = len(series_names)
    colour = {
        "field": "series",
        "type": "nominal",
        "title": None,
        "scale": {
            "domain": series_names,
            "range": [NHS_PALETTE[i % len(NHS_PALETTE)] for i in range(count)],
        },
        "legend": {
            "symbolType": "stroke",
            "symbolStrokeWidth": 3,
            "symbolOpacity": 1,
            "columns": 2,
        },
    }
    line_encoding: dict[str, Any] = {
        "x": x,
        "y": y,
        "color": colour,
        "detail": {"field": "line", "type": "nominal"},
        "order": {"field": "order", "type": "quantitative"},
    }
    if count > len(NHS_PALETTE):
        dashes = [_DASHES[(i // len(NHS_PALETTE)) % len(_DASHES)] for i in range(count)]
        line_encoding["strokeDash"] = {
            "field": "series",
            "type": "nominal",
            "title": None,
            "scale": {"domain": series_names, "range": dashes},
            "legend": colour["legend"],
        }
    any_significant = any(row["change"] == SIGNIFICANT for row in values)
    layers: list[dict[str, Any]] = [
        {
            "transform": [{"filter": "isValid(datum.low) && isValid(datum.high)"}],
            "mark": {"type": "rule", "strokeWidth": 1.5, "opacity": 0.6},
            "encoding": {
                "x": x,
                "y": {**y, "field": "low"},
                "y2": {"field": "high"},
                "color": colour,
            },
        },
        {"mark": {"type": "line", "strokeWidth": 2.5}, "encoding": line_encoding},
        {
            "mark": {"type": "point", "filled": True, "opacity": 1, "stroke": NHS_WHITE},
            "encoding": {
                "x": x,
                "y": y,
                "color": colour,
                "shape": {
                    "field": "change",
                    "type": "nominal",
                    "title": "Change since the previous period",
                    "scale": {
                        "domain": [NOT_SIGNIFICANT, SIGNIFICANT],
                        "range": ["circle", "diamond"],
                    },
                    "legend": {"symbolFillColor": NHS_BLACK, "symbolStrokeColor": NHS_WHITE}
                    if any_significant
                    else None,
                },
                "size": {
                    "condition": {"test": f"datum.change === '{SIGNIFICANT}'", "value": 200},
                    "value": 60,
                },
            },
        },
    ]
    return _chart(width=width, height=300, values=values, layers=layers)


@dataclass(frozen=True)
class ParticipationBar:
    label: str  # e.g. a staff group
    rate: float | None  # response rate, 0 to 100; None is not shown
    under_represented: bool = False


def participation_bars(
    bars: Sequence[ParticipationBar],
    *,
    overall: float | None,
    value_title: str = "Response rate (%)",
    width: int = 420,
    hidden_text: str = HIDDEN_TEXT,
) -> dict[str, Any]:
    """Response rate per group in the given order, with a rule at the overall rate.

    An under-represented group's bar is warm yellow with a black outline, and the words
    "under-represented" are written after it (inside the bar's end when the rate is over
    60), so colour is not the only cue. The rule is labelled "All staff N%" above the chart.
    A group whose rate is None shows `hidden_text` and is not marked under-represented.
    """
    labels = _distinct([bar.label for bar in bars])
    rows: list[dict[str, Any]] = []
    for bar in bars:
        fields = _interval(bar.rate, None, None)
        status = {"status": UNDER_REPRESENTED} if fields and bar.under_represented else {}
        rows.append({"label": bar.label, **fields, **status})
    y = _category_axis("label", labels)
    x = _percent_axis(value_title)
    under = f"datum.status === '{UNDER_REPRESENTED}'"
    layers: list[dict[str, Any]] = [
        {
            "transform": [{"filter": _SHOWN}],
            "mark": {"type": "bar", "height": {"band": 0.6}},
            "encoding": {
                "y": y,
                "x": x,
                "color": {
                    "condition": {"test": under, "value": NHS_WARM_YELLOW},
                    "value": NHS_BLUE,
                },
                "stroke": {"condition": {"test": under, "value": NHS_BLACK}, "value": None},
                "strokeWidth": {"condition": {"test": under, "value": 1.5}, "value": 0},
            },
        },
        _hidden_text_layer(y, hidden_text),
    ]
    if overall is not None and _is_shown(overall):
        line = {"values": [{"overall": float(overall), "text": f"All staff {overall:.0f}%"}]}
        overall_x = {**x, "field": "overall"}
        layers += [
            {
                "data": line,
                "mark": {
                    "type": "rule",
                    "color": NHS_BLACK,
                    "strokeWidth": 2,
                    "strokeDash": [5, 3],
                },
                "encoding": {"x": overall_x},
            },
            {
                "data": line,
                "mark": {"type": "text", "baseline": "bottom", "dy": -4, "color": NHS_BLACK},
                "encoding": {"x": overall_x, "y": {"value": 0}, "text": {"field": "text"}},
            },
        ]
    # The note goes after the bar, or inside its end when the bar is long. A halo in the colour
    # behind it, drawn first, keeps it legible where it crosses the overall rule.
    note = {"type": "text", "baseline": "middle", "fontWeight": "bold"}
    for test, place, behind, spread in (
        ("datum.value <= 60", {"align": "left", "dx": 5}, NHS_WHITE, 6),
        ("datum.value > 60", {"align": "right", "dx": -5}, NHS_WARM_YELLOW, 3),
    ):
        halo = {"color": behind, "stroke": behind, "strokeWidth": spread, "strokeJoin": "round"}
        for paint in (halo, {"color": NHS_BLACK}):
            layers.append(
                {
                    "transform": [{"filter": f"{under} && {test}"}],
                    "mark": {**note, **place, **paint},
                    "encoding": {"y": y, "x": x, "text": {"field": "status"}},
                }
            )
    return _chart(width=width, height={"step": _step(labels, 30)}, values=rows, layers=layers)


@dataclass(frozen=True)
class BenchmarkDot:
    category: str  # e.g. a domain
    level: str  # e.g. "This organisation", "ICB", "Region", "England"
    value: float | None  # 0 to 100; None is not shown
    low: float | None = None
    high: float | None = None


def benchmark_dots(
    dots: Sequence[BenchmarkDot],
    *,
    categories: Sequence[str],
    levels: Sequence[str],
    value_title: str = "Maturity (%)",
    width: int = 480,
) -> dict[str, Any]:
    """For each category, a dot per level side by side, with its interval where known.

    Levels differ in both colour (NHS_PALETTE in turn) and shape (circle, square, diamond,
    triangles, cross), shown in one legend below. A dot whose value is None is left out, and a
    dot whose category or level is not listed raises ValueError.
    """
    category_names, level_names = _distinct(categories), _distinct(levels)
    _check_known("Categories", [dot.category for dot in dots], category_names)
    _check_known("Levels", [dot.level for dot in dots], level_names)
    values = [
        {"category": dot.category, "level": dot.level, **_interval(dot.value, dot.low, dot.high)}
        for dot in dots
    ]
    y = _category_axis("category", category_names, grid=True, bandPosition=0, ticks=False)
    x = _percent_axis(value_title)  # with grid lines, Vega-Lite's default
    count = len(level_names)
    y_offset = {
        "field": "level",
        "type": "nominal",
        "scale": {"domain": level_names, "paddingOuter": 0.4},
    }
    level = {
        "field": "level",
        "type": "nominal",
        "title": None,
        "scale": {
            "domain": level_names,
            "range": [NHS_PALETTE[i % len(NHS_PALETTE)] for i in range(count)],
        },
        "legend": {"columns": 2},
    }
    shape = {
        **level,
        "scale": {
            "domain": level_names,
            "range": [_SHAPES[i % len(_SHAPES)] for i in range(count)],
        },
    }
    layers: list[dict[str, Any]] = [
        {
            "transform": [{"filter": "isValid(datum.low) && isValid(datum.high)"}],
            "mark": {"type": "rule", "strokeWidth": 1.5},
            "encoding": {
                "y": y,
                "yOffset": y_offset,
                "x": {**x, "field": "low"},
                "x2": {"field": "high"},
                "color": level,
            },
        },
        {
            "transform": [{"filter": _SHOWN}],
            "mark": {
                "type": "point",
                "filled": True,
                "opacity": 1,
                "size": 90,
                "stroke": NHS_BLACK,
                "strokeWidth": 0.5,
            },
            "encoding": {"y": y, "yOffset": y_offset, "x": x, "color": level, "shape": shape},
        },
    ]
    step = max(30, 13 * count + 14)
    return _chart(
        width=width, height={"step": step, "for": "position"}, values=values, layers=layers
    )


_MARK_ARIA = re.compile(
    r' (?:role="graphics-[a-z-]+"|aria-roledescription="[^"]*"|aria-label="[^"]*")'
)
_SVG_OPEN = re.compile(r"<svg\b([^>]*)>")
_CLASS = re.compile(r'(\sclass=")([^"]*)"')


def render_svg(
    spec: dict[str, Any], *, title: str, description: str, chart_id: str = "chart"
) -> str:
    """The chart as an SVG element for a page: role img, with a title and description."""
    try:
        import vl_convert
    except ImportError as error:  # pragma: no cover - installed with the service
        raise ChartUnavailableError("vl-convert-python is not installed") from error
    # The SVG as a whole is the image: roles and labels the renderer puts on the marks inside
    # would only be noise to assistive technology (and half-labelled ones fail WCAG checks).
    svg = _MARK_ARIA.sub("", vl_convert.vegalite_to_svg(spec))
    label = html.escape(title, quote=True)
    desc = html.escape(description)

    def opening(match: re.Match[str]) -> str:
        # The renderer gives the svg a class already: a second class attribute would make the
        # SVG invalid XML, and HTML would ignore it, so the class names join the first.
        attributes, joined = _CLASS.subn(r'\1\2 digiready-chart"', match.group(1), count=1)
        if not joined:
            attributes += ' class="digiready-chart"'
        return (
            f'<svg{attributes} role="img" aria-labelledby="{chart_id}-title {chart_id}-desc"'
            ' focusable="false">'
            f'<title id="{chart_id}-title">{label}</title>'
            f'<desc id="{chart_id}-desc">{desc}</desc>'
        )

    svg = _SVG_OPEN.sub(opening, svg, count=1)
    # Width and height give way to the viewBox and a largest width, so the chart shrinks on a
    # narrow screen but is never drawn larger than it was made (its text stays 12-13 px).
    return re.sub(
        r'(<svg[^>]*?) width="([\d.]+)" height="[\d.]+"',
        r'\1 style="max-width: \2px"',
        svg,
        count=1,
    )
