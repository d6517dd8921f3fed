"""Charts are SVG drawn on the server, labelled for screen readers and free to shrink."""

import re

from digiready.core.charts import NHS_BLUE, ScoreBar, render_svg, score_bars


def test_a_score_chart_is_an_svg_image_with_a_title_and_description() -> None:
    spec = score_bars([ScoreBar("Digital leadership", 40, 50), ScoreBar("AI", None, 25)])
    svg = render_svg(spec, title="Scores <by> domain", description="Two bars.", chart_id="x")
    assert svg.startswith("<svg")
    assert 'role="img"' in svg
    assert 'aria-labelledby="x-title x-desc"' in svg
    assert '<title id="x-title">Scores &lt;by&gt; domain</title>' in svg
    assert "Digital leadership" in svg
    # A viewBox and no fixed size, so the chart fits a 320 px screen.
    opening = re.match(r"<svg[^>]*>", svg)
    assert opening is not None
    assert "viewBox" in opening.group(0)
    assert " width=" not in opening.group(0)


def test_bars_are_nhs_blue_on_a_0_to_100_scale_with_target_marks() -> None:
    spec = score_bars([ScoreBar("A", 10, 75)])
    assert spec["layer"][0]["mark"]["color"] == NHS_BLUE
    assert spec["layer"][0]["encoding"]["x"]["scale"]["domain"] == [0, 100]
    assert spec["layer"][1]["mark"]["type"] == "tick"
    assert len(score_bars([ScoreBar("A", 10)])["layer"]) == 1
