"""Dashboard charts: hidden figures stay out of the spec, labels stay in, and cues are not colour.

Each chart is rendered once to check it is an SVG image a screen reader can name; the property
tests only build specifications, which is fast.
"""

import json
import math
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from digiready.core.charts import (
    HIDDEN_TEXT,
    NHS_BLACK,
    NHS_DARK_BLUE,
    NHS_PALE_GREY,
    NHS_WARM_YELLOW,
    NHS_WHITE,
    SIGNIFICANT,
    UNDER_REPRESENTED,
    BenchmarkDot,
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

SVG = "{http://www.w3.org/2000/svg}"
DOMAINS = ["Digital literacy", "Artificial intelligence", "Data and information", "Cyber security"]
LEVELS = ["This organisation", "ICB", "Region", "England"]


def _render(spec: dict[str, Any], title: str, description: str) -> list[str]:
    """Render, check the SVG is a labelled image of the chart's width, and return its texts."""
    svg = render_svg(spec, title=title, description=description, chart_id="c")
    root = ET.fromstring(svg)  # noqa: S314 - our own renderer's output
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "c-title c-desc"
    assert "digiready-chart" in (root.get("class") or "").split()  # one class attribute
    title_element = root.find(f"{SVG}title")
    desc_element = root.find(f"{SVG}desc")
    assert title_element is not None and title_element.text == title
    assert desc_element is not None and desc_element.text == description
    # The whole chart, labels and legend included, is as wide as asked, and free to shrink.
    assert root.get("width") is None
    view_box = (root.get("viewBox") or "").split()
    assert float(view_box[2]) == spec["width"]
    return ["".join(text.itertext()) for text in root.iter(f"{SVG}text")]


def _rows(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """Every row of every dataset in the spec."""
    rows = list(spec["data"]["values"])
    for layer in spec["layer"]:
        rows += layer.get("data", {}).get("values", [])
    return rows


def _numbers(row: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in row.items() if isinstance(value, int | float)}


def _in_order(texts: list[str], labels: list[str]) -> bool:
    positions = [texts.index(label) for label in labels]
    return positions == sorted(positions)


def _hidden(value: float | None) -> bool:
    return value is None or math.isnan(value)


# --- Interval bars ---------------------------------------------------------------------------


def test_interval_bars_draw_shown_values_with_intervals_and_label_hidden_ones() -> None:
    bars = [
        IntervalBar("Digital literacy", 62, 55, 69),
        IntervalBar("Artificial intelligence", None, 10, 20),
        IntervalBar("Data and information", 41, 35),
        IntervalBar("Cyber security", 0),
    ]
    spec = interval_bars(bars)
    texts = _render(spec, "Maturity by domain", "Four domains; one not shown.")

    rows = spec["data"]["values"]
    assert [row["label"] for row in rows] == [bar.label for bar in bars]
    assert rows[0] == {"label": "Digital literacy", "value": 62, "low": 55, "high": 69}
    assert rows[1] == {"label": "Artificial intelligence"}  # no value, and no interval either
    assert rows[2] == {"label": "Data and information", "value": 41}  # half an interval: none
    assert rows[3] == {"label": "Cyber security", "value": 0}
    # Every label, hidden or not, in the given order, and the hidden row says so.
    assert _in_order(texts, [bar.label for bar in bars])
    assert HIDDEN_TEXT in texts
    assert "Maturity (%)" in texts
    # A black rule from low to high.
    rules = [layer for layer in spec["layer"] if layer["mark"]["type"] == "rule"]
    assert rules[0]["mark"]["color"] == NHS_BLACK
    assert rules[0]["encoding"]["x"]["field"] == "low"
    assert rules[0]["encoding"]["x2"]["field"] == "high"
    y = spec["layer"][0]["encoding"]["y"]
    assert y["scale"]["domain"] == y["sort"] == [bar.label for bar in bars]


def test_interval_bars_without_any_interval_have_no_rule() -> None:
    spec = interval_bars([IntervalBar("A", 10), IntervalBar("B", None, 1, 2)])
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["bar", "text"]


values = st.one_of(st.none(), st.just(math.nan), st.floats(0, 100))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(values, values, values), max_size=15))
def test_interval_bars_never_put_a_hidden_value_into_the_spec(
    triples: list[tuple[float | None, float | None, float | None]],
) -> None:
    bars = [IntervalBar(f"Group {i}", v, lo, hi) for i, (v, lo, hi) in enumerate(triples)]
    spec = interval_bars(bars)
    json.dumps(spec, allow_nan=False)  # NaN never reaches the spec either
    rows = spec["data"]["values"]
    assert len(rows) == len(bars)
    for bar, row in zip(bars, rows, strict=True):
        assert row["label"] == bar.label
        if _hidden(bar.value):
            assert _numbers(row) == {}
        else:
            assert row["value"] == bar.value
    assert spec["layer"][0]["encoding"]["y"]["scale"]["domain"] == [bar.label for bar in bars]


# --- Heatmap ---------------------------------------------------------------------------------

STAFF = ["Allied health professionals", "Medical and dental", "Students"]
CODES = ["DL", "AI", "DC"]


def test_heatmap_shades_shown_cells_and_greys_out_hidden_ones() -> None:
    cells = [
        HeatCell("Allied health professionals", "DL", 43, "43%"),
        HeatCell("Allied health professionals", "AI", None, "*"),
        HeatCell("Allied health professionals", "DC", 80, "80%"),
        HeatCell("Medical and dental", "DL", 12, "12%"),
        HeatCell("Medical and dental", "DC", None, "*"),
        # No cells at all for students, and none for medical and dental in AI.
    ]
    spec = heatmap(cells, rows=STAFF, columns=CODES, row_title="Staff group", column_title="Domain")
    texts = _render(spec, "Maturity by staff group and domain", "A grid of percentages.")

    rows = spec["data"]["values"]
    assert rows[1] == {"row": "Allied health professionals", "column": "AI", "text": "*"}
    assert rows[4] == {"row": "Medical and dental", "column": "DC", "text": "*"}
    assert rows[0]["value"] == 43
    # Every row and column label keeps its place, even the row with no cells.
    assert _in_order(texts, STAFF)
    assert _in_order(texts, CODES)
    assert {"43%", "80%", "12%", "Staff group", "Domain", "Maturity (%)"} <= set(texts)
    assert texts.count("*") == 2
    shade, hidden, text = spec["layer"]
    assert shade["encoding"]["color"]["scale"]["domain"] == [0, 100]
    assert shade["encoding"]["color"]["scale"]["range"][-1] == NHS_DARK_BLUE
    assert shade["encoding"]["color"]["title"] == "Maturity (%)"
    assert hidden["mark"]["color"] == NHS_PALE_GREY
    assert shade["encoding"]["y"]["scale"]["domain"] == STAFF
    assert shade["encoding"]["x"]["scale"]["domain"] == CODES
    colour = text["encoding"]["color"]
    assert colour["condition"]["value"] == NHS_WHITE
    assert "datum.value >= 60" in colour["condition"]["test"]
    assert colour["value"] == NHS_BLACK


def test_heatmap_refuses_a_cell_outside_its_rows_or_columns() -> None:
    with pytest.raises(ValueError, match="Nurses"):
        heatmap(
            [HeatCell("Nurses", "DL", 1, "1%")],
            rows=STAFF,
            columns=CODES,
            row_title="Staff group",
            column_title="Domain",
        )


@settings(max_examples=60, deadline=None)
@given(st.lists(values, min_size=1, max_size=33))
def test_heatmap_never_puts_a_hidden_value_into_the_spec(cell_values: list[float | None]) -> None:
    columns = ["DL", "AI", "DC"]
    row_names = [f"Group {i}" for i in range(len(cell_values) // 3 + 1)]
    cells = [
        HeatCell(row_names[i // 3], columns[i % 3], value, "*" if _hidden(value) else "n%")
        for i, value in enumerate(cell_values)
    ]
    spec = heatmap(cells, rows=row_names, columns=columns, row_title="Group", column_title="Domain")
    json.dumps(spec, allow_nan=False)
    rows = spec["data"]["values"]
    assert len(rows) == len(cells)
    for cell, row in zip(cells, rows, strict=True):
        assert (row["row"], row["column"]) == (cell.row, cell.column)
        if _hidden(cell.value):
            assert _numbers(row) == {}
        else:
            assert row["value"] == cell.value
    assert spec["layer"][0]["encoding"]["y"]["scale"]["domain"] == row_names


# --- Trend lines -----------------------------------------------------------------------------

PERIODS = ["2026", "2027", "2028"]


def test_trend_lines_mark_significant_changes_by_shape_and_break_at_hidden_points() -> None:
    points = [
        TrendPoint("This organisation", "2026", 40, 36, 44),
        TrendPoint("This organisation", "2027", 52, 48, 56, significant=True),
        TrendPoint("This organisation", "2028", 55),
        TrendPoint("England", "2026", 45),
        TrendPoint("England", "2027", None, 40, 50, significant=True),
        TrendPoint("England", "2028", 50),
    ]
    spec = trend_lines(points, periods=PERIODS, series_order=["England", "This organisation"])
    texts = _render(spec, "Maturity over time", "Two lines over three years.")

    rows = spec["data"]["values"]
    keys = [(row["series"], row["period"]) for row in rows]
    assert ("England", "2027") not in keys  # a hidden point is not in the data at all
    assert all(_numbers(row).keys() >= {"value"} for row in rows)
    # The line breaks: England's two points are separate pieces of line.
    england = [row["line"] for row in rows if row["series"] == "England"]
    assert len(set(england)) == 2
    ours = [row["line"] for row in rows if row["series"] == "This organisation"]
    assert len(set(ours)) == 1
    # A significant change is a different, larger shape, named in a legend.
    significant = [row for row in rows if row["change"] == SIGNIFICANT]
    assert [(row["series"], row["period"]) for row in significant] == [
        ("This organisation", "2027")
    ]
    point = spec["layer"][-1]
    shape = point["encoding"]["shape"]
    assert shape["scale"]["range"] == ["circle", "diamond"]
    assert shape["legend"] is not None
    assert SIGNIFICANT in point["encoding"]["size"]["condition"]["test"]
    assert {"Change since the previous period", SIGNIFICANT} <= set(texts)
    # Periods in the given order, series in the given order.
    assert _in_order(texts, PERIODS)
    assert _in_order(texts, ["England", "This organisation"])
    colour = spec["layer"][1]["encoding"]["color"]
    assert colour["scale"]["domain"] == ["England", "This organisation"]


def test_trend_lines_beyond_six_series_repeat_colours_dashed() -> None:
    points = [TrendPoint(f"S{i}", period, 50) for i in range(8) for period in PERIODS]
    spec = trend_lines(points, periods=PERIODS)
    line = spec["layer"][1]["encoding"]
    assert line["color"]["scale"]["range"][6] == line["color"]["scale"]["range"][0]
    dashes = line["strokeDash"]["scale"]["range"]
    assert dashes[0] != dashes[6]
    assert spec["layer"][-1]["encoding"]["shape"]["legend"] is None  # nothing significant
    assert "strokeDash" not in trend_lines(points[:3], periods=PERIODS)["layer"][1]["encoding"]


# --- Participation ---------------------------------------------------------------------------


def test_participation_bars_name_under_representation_in_words_and_show_the_overall() -> None:
    bars = [
        ParticipationBar("Allied health professionals", 45),
        ParticipationBar("Medical and dental", 18, under_represented=True),
        ParticipationBar("Administrative and clerical", None, under_represented=True),
        ParticipationBar("Healthcare scientists", 78, under_represented=True),
    ]
    spec = participation_bars(bars, overall=41.6)
    texts = _render(spec, "Response rate by staff group", "Four groups and all staff.")

    rows = spec["data"]["values"]
    assert rows[2] == {"label": "Administrative and clerical"}
    assert rows[1] == {"label": "Medical and dental", "value": 18, "status": UNDER_REPRESENTED}
    assert "status" not in rows[0]
    # Two under-represented groups shown: their words are drawn (each with a halo behind it).
    assert texts.count(UNDER_REPRESENTED) == 4
    assert "All staff 42%" in texts
    assert HIDDEN_TEXT in texts
    assert _in_order(texts, [bar.label for bar in bars])
    bar = spec["layer"][0]["encoding"]
    assert bar["color"]["condition"]["value"] == NHS_WARM_YELLOW
    assert bar["stroke"]["condition"]["value"] == NHS_BLACK
    rule = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "rule")
    assert rule["data"]["values"][0]["overall"] == 41.6


def test_participation_bars_without_an_overall_rate_have_no_rule() -> None:
    spec = participation_bars([ParticipationBar("A", 10)], overall=None)
    assert all(layer["mark"]["type"] != "rule" for layer in spec["layer"])
    assert not any("overall" in row for row in _rows(spec))


# --- Benchmark dots --------------------------------------------------------------------------


def test_benchmark_dots_tell_levels_apart_by_colour_and_shape() -> None:
    dots = [
        BenchmarkDot(domain, level, None if (d, k) == (1, 0) else 40 + 5 * k, 35, 50)
        for d, domain in enumerate(DOMAINS[:3])
        for k, level in enumerate(LEVELS)
    ]
    spec = benchmark_dots(dots, categories=DOMAINS, levels=LEVELS)
    texts = _render(spec, "Maturity against benchmarks", "Four levels in four domains.")

    rows = spec["data"]["values"]
    hidden = [row for row in rows if _numbers(row) == {}]
    assert hidden == [{"category": "Artificial intelligence", "level": "This organisation"}]
    assert len([row for row in rows if "low" in row]) == 11
    # Every domain, even Cyber security with no dots, in order; every level in the legend.
    assert _in_order(texts, DOMAINS)
    assert set(LEVELS) <= set(texts)
    point = spec["layer"][-1]["encoding"]
    assert point["color"]["field"] == point["shape"]["field"] == "level"
    assert len(set(point["shape"]["scale"]["range"])) == len(LEVELS)
    assert len(set(point["color"]["scale"]["range"])) == len(LEVELS)
    assert point["yOffset"]["scale"]["domain"] == LEVELS
    assert point["y"]["scale"]["domain"] == DOMAINS


def test_benchmark_dots_refuse_an_unknown_level() -> None:
    with pytest.raises(ValueError, match="Trust"):
        benchmark_dots([BenchmarkDot("A", "Trust", 1)], categories=["A"], levels=LEVELS)


@settings(max_examples=40, deadline=None)
@given(st.lists(values, min_size=1, max_size=16), st.lists(st.booleans(), min_size=16))
def test_no_builder_puts_a_hidden_value_into_the_spec(
    figures: list[float | None], flags: list[bool]
) -> None:
    names = [f"N{i}" for i in range(len(figures))]
    hidden = {name for name, figure in zip(names, figures, strict=True) if _hidden(figure)}
    trend = trend_lines(
        [
            TrendPoint("S", name, figure, 1, 2, flag)
            for name, figure, flag in zip(names, figures, flags, strict=False)
        ],
        periods=names,
    )
    dots = benchmark_dots(
        [
            BenchmarkDot(name, "E", figure, 1, 2)
            for name, figure in zip(names, figures, strict=True)
        ],
        categories=names,
        levels=["E"],
    )
    bars = participation_bars(
        [
            ParticipationBar(name, figure, flag)
            for name, figure, flag in zip(names, figures, flags, strict=False)
        ],
        overall=50,
    )
    for spec, key in ((trend, "period"), (dots, "category"), (bars, "label")):
        json.dumps(spec, allow_nan=False)
        for row in _rows(spec):
            if row.get(key) in hidden:
                assert _numbers(row) == {}
                assert "status" not in row
