"""Charts as Vega-Lite specifications, rendered to SVG on the server.

Pages and PDFs embed the SVG, so charts need no JavaScript in the browser. Every chart is
decorative to assistive technology only in the sense that the same figures are always in a
table beside it: the SVG carries a title and a one-line description for screen readers, and
the page shows the table. Colours are NHS.UK's. No Django here.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

NHS_BLUE = "#005eb8"
NHS_DARK_BLUE = "#003087"
NHS_BLACK = "#212b32"
NHS_GREY = "#4c6272"
NHS_PALE_GREY = "#d8dde0"
NHS_WARM_YELLOW = "#ffb81c"
FONT = "Frutiger W01, Arial, sans-serif"

VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"


class ChartUnavailableError(RuntimeError):
    """The renderer is not installed; pages fall back to the table alone."""


def base_config() -> dict[str, Any]:
    return {
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


_SVG_OPEN = re.compile(r"<svg\b([^>]*)>")


def render_svg(
    spec: dict[str, Any], *, title: str, description: str, chart_id: str = "chart"
) -> str:
    """The chart as an SVG element for a page: role img, with a title and description."""
    try:
        import vl_convert
    except ImportError as error:  # pragma: no cover - installed with the service
        raise ChartUnavailableError("vl-convert-python is not installed") from error
    svg = vl_convert.vegalite_to_svg(spec)
    label = html.escape(title, quote=True)
    desc = html.escape(description)
    svg = _SVG_OPEN.sub(
        lambda m: (
            f'<svg{m.group(1)} role="img" aria-labelledby="{chart_id}-title {chart_id}-desc"'
            ' focusable="false" class="digiready-chart">'
            f'<title id="{chart_id}-title">{label}</title>'
            f'<desc id="{chart_id}-desc">{desc}</desc>'
        ),
        svg,
        count=1,
    )
    # Width and height become a viewBox so the chart shrinks on a narrow screen.
    return re.sub(r'(<svg[^>]*?) width="[\d.]+" height="[\d.]+"', r"\1", svg, count=1)
