"""A submitted assessment's report: each domain against the role's expectation, strengths,
gaps, the change since the previous submission, and (for a person) a learning plan."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from digiready.assessments.models import Assessment, DomainScore
from digiready.assessments.questionnaire import Questionnaire
from digiready.assessments.scoring import maturity_level
from digiready.assessments.services import answer_tokens, questionnaire_of
from digiready.learning.plan import Gap, PlanEntry, learning_plan


@dataclass(frozen=True)
class DomainLine:
    slug: str
    code: str
    title: str
    lineage: str
    percent: float | None  # 100 * D; None when too few items were answered
    attained_level: int | None
    attained_name: str
    expected_level: int | None
    expected_name: str
    gap: int | None
    items_asked: int
    items_answered: int
    previous_percent: float | None = None

    @property
    def change(self) -> float | None:
        """Percentage points since the previous submission, where both were scored."""
        if self.percent is None or self.previous_percent is None:
            return None
        return self.percent - self.previous_percent

    @property
    def maturity_level(self) -> float | None:
        """ANALYTICS.md 1.9, the 1-5 level an organisational report shows per pillar."""
        return None if self.percent is None else maturity_level(self.percent)

    @property
    def status(self) -> str:
        if self.attained_level is None:
            return "Not scored"
        if self.expected_level is None:
            return ""
        if self.attained_level > self.expected_level:
            return "Above what your role expects"
        if self.attained_level == self.expected_level:
            return "Meets what your role expects"
        return "Below what your role expects"


@dataclass
class Report:
    assessment: Assessment
    questionnaire: Questionnaire
    domains: list[DomainLine]
    previous: Assessment | None = None
    plan: list[PlanEntry] = field(default_factory=list)

    @property
    def strengths(self) -> list[DomainLine]:
        """Domains at or above the role's expectation, the furthest above first."""
        met = [
            line
            for line in self.domains
            if line.gap == 0 and line.attained_level is not None and line.expected_level
        ]
        return sorted(
            met,
            key=lambda line: (
                -((line.attained_level or 0) - (line.expected_level or 0)),
                -(line.percent or 0),
            ),
        )

    @property
    def gaps(self) -> list[DomainLine]:
        """Domains below the role's expectation, the widest gap first."""
        short = [line for line in self.domains if line.gap]
        return sorted(short, key=lambda line: (-(line.gap or 0), line.percent or 0))

    @property
    def not_scored(self) -> list[DomainLine]:
        return [line for line in self.domains if line.percent is None]

    @property
    def overall_percent(self) -> float | None:
        scored = [line.percent for line in self.domains if line.percent is not None]
        return sum(scored) / len(scored) if scored else None


def previous_submission(assessment: Assessment) -> Assessment | None:
    """The same person's (or organisation's) submission before this one, in any version of the
    same framework."""
    if assessment.submitted_at is None:
        return None
    earlier = Assessment.objects.submitted().filter(
        subject=assessment.subject,
        framework_version__framework=assessment.framework_version.framework_id,
        submitted_at__lt=assessment.submitted_at,
    )
    if assessment.is_person:
        if assessment.user_id is None:
            return None
        earlier = earlier.filter(user_id=assessment.user_id)
    else:
        earlier = earlier.filter(organisation=assessment.organisation)
    return earlier.order_by("-submitted_at", "-id").first()


def scores_by_lineage(assessment: Assessment) -> dict[str, DomainScore]:
    return {str(row.domain_lineage): row for row in assessment.domain_scores.all()}


def build_report(assessment: Assessment, *, with_plan: bool = True) -> Report:
    """Everything the report page, its PDF and the API show, from the stored scores."""
    questionnaire = questionnaire_of(assessment)
    scores = scores_by_lineage(assessment)
    previous = previous_submission(assessment)
    earlier = scores_by_lineage(previous) if previous else {}
    lines = []
    for section in questionnaire.sections:
        row = scores.get(section.lineage)
        before = earlier.get(section.lineage)
        attained = row.attained_level if row else None
        expected = section.expected_level
        lines.append(
            DomainLine(
                slug=section.slug,
                code=section.code,
                title=section.title,
                lineage=section.lineage,
                percent=None if row is None or row.score is None else 100 * row.score,
                attained_level=attained,
                attained_name=questionnaire.level_name(attained) if attained is not None else "",
                expected_level=expected,
                expected_name=questionnaire.level_name(expected) if expected else "",
                gap=row.gap if row else None,
                items_asked=row.items_asked if row else len(section.items),
                items_answered=row.items_answered if row else 0,
                previous_percent=(
                    None if before is None or before.score is None else 100 * before.score
                ),
            )
        )
    report = Report(assessment, questionnaire, lines, previous)
    if with_plan and assessment.is_person:
        report.plan = learning_plan(assessment.framework_version, plan_gaps(report))
    return report


def plan_gaps(report: Report) -> list[Gap]:
    """Each domain below expectation, with the person's level in each capability they answered
    (the learning plan looks for courses on those below the expected level)."""
    questionnaire = report.questionnaire
    tokens = answer_tokens(report.assessment)
    gaps = []
    for line in report.gaps:
        section = questionnaire.section(line.slug)
        if section is None or line.expected_level is None:
            continue
        levels: list[tuple[uuid.UUID, int]] = []
        for item in section.items:
            token = tokens.get(item.link_id, "")
            if token.isdigit():  # not applicable: nothing to learn for this role
                levels.append((uuid.UUID(item.lineage), questionnaire.level_of(int(token))))
        gaps.append(
            Gap(
                domain_lineage=uuid.UUID(line.lineage),
                domain_title=line.title,
                expected_level=line.expected_level,
                attained_level=line.attained_level or 0,
                capabilities=levels,
            )
        )
    return gaps


@dataclass(frozen=True)
class HistoryRow:
    assessment: Assessment
    percents: dict[str, float | None]  # domain lineage -> percent
    changes: dict[str, float | None]  # domain lineage -> change since the row before


def history(submissions: list[Assessment]) -> list[HistoryRow]:
    """Every submission, oldest first, with the change per domain since the one before."""
    ordered = sorted(submissions, key=lambda a: (a.submitted_at, a.pk))
    scores = {
        a.pk: {
            str(row.domain_lineage): (None if row.score is None else 100 * row.score)
            for row in a.domain_scores.all()
        }
        for a in ordered
    }
    rows = []
    before: dict[str, float | None] = {}
    for assessment in ordered:
        now = scores[assessment.pk]
        changes = {
            lineage: (
                None if value is None or before.get(lineage) is None else value - before[lineage]  # type: ignore[operator]
            )
            for lineage, value in now.items()
        }
        rows.append(HistoryRow(assessment, now, changes))
        before = now
    return rows
