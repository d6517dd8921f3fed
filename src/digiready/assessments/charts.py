"""The report's chart: each domain's score, with what the role expects marked on it."""

from __future__ import annotations

from dataclasses import dataclass

from digiready.assessments.report import Report
from digiready.assessments.scoring import threshold
from digiready.core.charts import ChartUnavailableError, ScoreBar, render_svg, score_bars


@dataclass(frozen=True)
class Chart:
    svg: str  # empty when charts cannot be drawn; the table still shows every figure
    title: str
    description: str


def expected_percent(report: Report, level: int | None) -> float | None:
    """Where an expected level sits on the 0-100 score scale: the score that attains it."""
    if not level:
        return None
    questionnaire = report.questionnaire
    step = level + (1 if questionnaire.has_not_yet else 0)
    return 100 * threshold(step, questionnaire.scale_size)


def report_chart(report: Report) -> Chart:
    person = report.assessment.is_person
    bars = [
        ScoreBar(line.title, line.percent, expected_percent(report, line.expected_level))
        for line in report.domains
    ]
    title = "Score in each domain" + (", with what your role expects" if person else "")
    gaps = len(report.gaps)
    description = (
        f"Bar chart of {len(bars)} domain scores from 0 to 100%"
        + (f"; {gaps} below what the role expects" if person else "")
        + ". The same figures are in the table that follows."
    )
    spec = score_bars(
        bars,
        value_title="Score (%)",
        target_title="Expected for your role" if person else "",
    )
    try:
        svg = render_svg(spec, title=title, description=description, chart_id="domain-scores")
    except ChartUnavailableError:
        svg = ""
    return Chart(svg, title, description)
