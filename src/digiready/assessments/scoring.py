"""Scoring one respondent's answers, exactly as ANALYTICS.md section 1 defines it.

An answer is a position s on a scale of L answers (1 is the lowest), or None when it is
missing: not answered, "not applicable" or "I do not know". Missing answers are left out,
never counted as 0. No Django here.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

# Scores are means of fractions such as 1/3; a hair of tolerance keeps 0.75 - 1e-17 at 0.75.
TOLERANCE = 1e-9


def item_score(answer: int, scale_size: int) -> float:
    """ANALYTICS.md 1.1: u = (s - 1) / (L - 1), in [0, 1]."""
    if scale_size < 2:
        raise ValueError("a scale needs at least two answers")
    if not 1 <= answer <= scale_size:
        raise ValueError(f"answer {answer} is outside 1 to {scale_size}")
    return (answer - 1) / (scale_size - 1)


def minimum_answers(items_asked: int) -> int:
    """ANALYTICS.md 1.2: at least ceil(0.5 * |d|) items must be answered."""
    return math.ceil(0.5 * items_asked)


def domain_score(answers: Sequence[int | None], scale_size: int) -> float | None:
    """ANALYTICS.md 1.2: D = mean of u over the answered items of the domain; None (missing)
    when fewer than half the domain's items were answered."""
    given = [answer for answer in answers if answer is not None]
    if not answers or len(given) < minimum_answers(len(answers)):
        return None
    return sum(item_score(answer, scale_size) for answer in given) / len(given)


def threshold(step: int, scale_size: int) -> float:
    """ANALYTICS.md 1.4: tau_k = (k - 1) / (L - 1)."""
    return (step - 1) / (scale_size - 1)


def attained_step(score: float, scale_size: int) -> int:
    """The highest step k of the scale whose threshold tau_k the domain score reaches
    (ANALYTICS.md 1.4 applied to one respondent): 1 to L."""
    if not 0.0 <= score <= 1.0 + TOLERANCE:
        raise ValueError(f"score {score} is outside 0 to 1")
    return max(
        step
        for step in range(1, scale_size + 1)
        if score + TOLERANCE >= threshold(step, scale_size)
    )


def strict_step(answers: Sequence[int | None]) -> int | None:
    """ANALYTICS.md 1.4, strict variant: a respondent is at step k only if every answered item
    is at k or above, so the lowest answer; None when nothing was answered."""
    given = [answer for answer in answers if answer is not None]
    return min(given) if given else None


def gap(expected_level: int | None, attained_level: int | None) -> int | None:
    """How many levels short of the role's expectation: max(0, expected - attained), the
    respondent's counterpart of ANALYTICS.md 1.5; None when either is unknown."""
    if expected_level is None or attained_level is None:
        return None
    return max(0, expected_level - attained_level)


def maturity_level(maturity_percent: float) -> float:
    """ANALYTICS.md 1.9: the DMA-compatible 1-5 level, 1 + 4 * M / 100, to 1 decimal place."""
    return round(1 + 4 * maturity_percent / 100, 1)


@dataclass(frozen=True)
class DomainResult:
    lineage: str
    items_asked: int
    items_answered: int
    score: float | None  # D in [0, 1]; None when too few items were answered
    attained_step: int | None  # 1 to L
    strict_step: int | None
    expected_level: int | None
    attained_level: int | None  # in framework levels: 0 is "not yet" on a person scale
    gap: int | None

    @property
    def percent(self) -> float | None:
        return None if self.score is None else 100 * self.score


def score_domain(
    lineage: str,
    answers: Sequence[int | None],
    scale_size: int,
    *,
    expected_level: int | None = None,
    level_offset: int = 0,
) -> DomainResult:
    """Everything the personal report needs about one domain.

    ``level_offset`` turns a step of the answer scale into a framework level: 1 for a person's
    scale, whose first answer is "not yet"; 0 for an organisation's.
    """
    score = domain_score(answers, scale_size)
    step = None if score is None else attained_step(score, scale_size)
    strict = strict_step(answers) if score is not None else None
    attained = None if step is None else step - level_offset
    return DomainResult(
        lineage=lineage,
        items_asked=len(answers),
        items_answered=sum(1 for answer in answers if answer is not None),
        score=score,
        attained_step=step,
        strict_step=strict,
        expected_level=expected_level,
        attained_level=attained,
        gap=gap(expected_level, attained),
    )
