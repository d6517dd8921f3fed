"""Themes, opinion groups and participation for a campaign: the database side of the analysis.

The computation lives in `themes.py` and `opinions.py`; this module loads the published
contributions, calls them, stores the result and replays analysts' edits.
"""

from __future__ import annotations

import hashlib
import logging
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import numpy as np
from django.conf import settings
from django.core.cache import cache as django_cache
from django.db import transaction
from django.db.models import Count, Max, Sum
from django.utils import timezone
from django_tasks import task

from digiready.accounts.audit import record
from digiready.accounts.models import AuditEvent
from digiready.accounts.professions import PROFESSION_BY_CODE, STAFF_GROUP_BY_CODE
from digiready.consultation import opinions, themes
from digiready.consultation.embedding import StaticEncoder
from digiready.consultation.models import (
    Campaign,
    Confidence,
    Contribution,
    Theme,
    ThemeEdit,
    ThemeRun,
    Vote,
    signature,
)
from digiready.consultation.representation import representation
from digiready.core.disclosure import MIN_BASE, safe_count, safe_count_share, safe_share
from digiready.organisations.models import WorkforceCell, WorkforceSnapshot

NOT_GIVEN = "Not given"
logger = logging.getLogger(__name__)


@cache
def encoder() -> StaticEncoder:
    """The embedding model, built once from the packaged MiniLM weights and cached in var/."""
    return StaticEncoder.load(settings.VAR_DIR / "models")


def start_run(campaign: Campaign, n_themes: int | None = None) -> ThemeRun:
    run = ThemeRun.objects.create(campaign=campaign, requested_themes=n_themes)
    analyse_campaign.enqueue(run.pk)
    return run


@task()
def analyse_campaign(run_id: int) -> None:
    run = ThemeRun.objects.select_related("campaign").get(pk=run_id)
    try:
        _analyse(run)
    except Exception as error:  # the run records the failure; the page says what happened
        logger.exception("Theme analysis %s failed", run.pk)
        ThemeRun.objects.filter(pk=run.pk).update(
            state=ThemeRun.State.FAILED, message=f"The analysis failed: {error}"[:300]
        )


def _progress(run: ThemeRun, share: float, message: str) -> None:
    ThemeRun.objects.filter(pk=run.pk).update(progress=share, message=message[:300])


def _analyse(run: ThemeRun) -> None:
    ThemeRun.objects.filter(pk=run.pk).update(state=ThemeRun.State.RUNNING, message="Starting")
    rows = list(
        Contribution.objects.published()
        .in_campaign(run.campaign)
        .order_by("pk")
        .values_list("pk", "text")
    )
    ids = [pk for pk, _ in rows]
    texts = [text for _, text in rows]
    if len(texts) < 3:
        ThemeRun.objects.filter(pk=run.pk).update(
            state=ThemeRun.State.FAILED,
            message="At least 3 published contributions are needed to find themes.",
        )
        return
    result = themes.analyse(
        texts,
        encoder=encoder(),
        n_themes=run.requested_themes,
        progress=lambda share, message: _progress(run, 0.9 * share, message),
    )
    with transaction.atomic():
        for found in result.themes:
            members = [ids[i] for i in found.members]
            theme = Theme.objects.create(
                run=run,
                number=found.id,
                label=found.label,
                phrases=found.phrases,
                quotes=[ids[i] for i in found.quotes],
                size=len(members),
                signature=signature(members),
            )
            theme.contributions.add(*members)
        apply_edits(run)
        ThemeRun.objects.filter(pk=run.pk).update(
            state=ThemeRun.State.DONE,
            progress=1.0,
            message=f"Found {len(result.themes)} themes in {len(texts):,} contributions.",
            chosen_themes=len(result.themes),
            contributions=len(texts),
            finished_at=timezone.now(),
        )


def latest_run(campaign: Campaign) -> ThemeRun | None:
    return campaign.theme_runs.filter(state=ThemeRun.State.DONE).first()


# Analysts' edits ----------------------------------------------------------------------------


def _relabel(theme: Theme) -> None:
    texts = list(theme.contributions.values_list("text", flat=True))
    labels = themes.label_themes(texts, [0] * len(texts))
    phrases = labels.get(0, [])
    theme.phrases = phrases
    theme.label = " · ".join(phrases[:3]) or theme.label


def _merge(run: ThemeRun, chosen: list[Theme], name: str) -> Theme:
    keep, others = chosen[0], chosen[1:]
    for other in others:
        keep.contributions.add(*other.contributions.all())
        keep.quotes = keep.quotes + [q for q in other.quotes if q not in keep.quotes]
        other.delete()
    keep.size = keep.contributions.count()
    keep.signature = signature(list(keep.contributions.values_list("pk", flat=True)))
    keep.name = name
    _relabel(keep)
    keep.save()
    return keep


def _split(run: ThemeRun, theme: Theme) -> list[Theme]:
    members = list(theme.contributions.order_by("pk").values_list("pk", "text"))
    if len(members) < 4:
        return [theme]
    vectors = encoder().encode([text for _, text in members])
    parts = themes.split_theme(vectors, list(range(len(members))), k=2)
    made = []
    next_number = (run.themes.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    for offset, part in enumerate(parts):
        ids = [members[i][0] for i in part]
        new = Theme.objects.create(
            run=run,
            number=next_number + offset,
            label="",
            quotes=[q for q in theme.quotes if q in ids][:5] or ids[:5],
            size=len(ids),
            signature=signature(ids),
        )
        new.contributions.add(*ids)
        _relabel(new)
        new.save()
        made.append(new)
    theme.delete()
    return made


def apply_edits(run: ThemeRun) -> int:
    """Replay the campaign's edits on a run wherever the themes they name are found again."""
    applied = 0
    for edit in run.campaign.theme_edits.all():
        by_signature = {t.signature: t for t in run.themes.all()}
        found = [by_signature.get(s) for s in edit.signatures]
        if not found or any(theme is None for theme in found):
            continue
        chosen = [theme for theme in found if theme is not None]
        if edit.kind == ThemeEdit.Kind.RENAME:
            chosen[0].name = edit.name
            chosen[0].save(update_fields=["name"])
        elif edit.kind == ThemeEdit.Kind.MERGE:
            _merge(run, chosen, edit.name)
        else:
            _split(run, chosen[0])
        applied += 1
    return applied


def edit(run: ThemeRun, kind: str, chosen: list[Theme], *, name: str = "", by: Any = None) -> None:
    """Rename, merge or split themes now, and remember it for later runs."""
    with transaction.atomic():
        ThemeEdit.objects.create(
            campaign=run.campaign,
            kind=kind,
            signatures=[theme.signature for theme in chosen],
            name=name,
            created_by=by,
        )
        if kind == ThemeEdit.Kind.RENAME:
            chosen[0].name = name
            chosen[0].save(update_fields=["name"])
        elif kind == ThemeEdit.Kind.MERGE:
            _merge(run, chosen, name)
        else:
            _split(run, chosen[0])
    record(
        AuditEvent.Action.THEMES_CHANGED,
        actor=by,
        target=str(run.campaign),
        change=kind,
        themes=[theme.display_name for theme in chosen],
    )


# Reports ------------------------------------------------------------------------------------


def group_label(kind: str, code: str) -> str:
    if not code:
        return NOT_GIVEN
    if kind == "staff_group":
        found = STAFF_GROUP_BY_CODE.get(code)
        return found.name if found else code
    profession = PROFESSION_BY_CODE.get(code)
    return profession.name if profession else code


@dataclass
class Split:
    label: str
    count: str  # as it may be shown
    share: str


@dataclass
class ThemeReport:
    theme: Theme
    size: str
    quotes: list[str]
    by_staff_group: list[Split]
    by_profession: list[Split]
    agree: str
    disagree: str
    votes: str


def _splits(values: list[str], kind: str) -> list[Split]:
    counts = Counter(values)
    base = len(values)
    return [
        Split(group_label(kind, code), safe_count(n), safe_count_share(n, base))
        for code, n in counts.most_common()
    ]


def theme_reports(run: ThemeRun) -> list[ThemeReport]:
    reports = []
    for theme in run.themes.all():
        members = list(theme.contributions.values_list("pk", "staff_group", "profession"))
        quotes = dict(Contribution.objects.filter(pk__in=theme.quotes).values_list("pk", "text"))
        votes = Counter(
            Vote.objects.filter(contribution__in=[m[0] for m in members]).values_list(
                "value", flat=True
            )
        )
        cast = votes[1] + votes[-1] + votes[0]
        reports.append(
            ThemeReport(
                theme=theme,
                size=safe_count(len(members)),
                quotes=[quotes[q] for q in theme.quotes if q in quotes][:5],
                by_staff_group=_splits([m[1] for m in members], "staff_group"),
                by_profession=_splits([m[2] for m in members], "profession"),
                agree=safe_share(votes[1], cast),
                disagree=safe_share(votes[-1], cast),
                votes=safe_count(cast),
            )
        )
    return reports


@dataclass
class Heard:
    """One group's contributions against its share of the workforce, as they may be shown."""

    label: str
    count: str
    share: str
    workforce_share: str
    under_represented: bool


@dataclass
class Participation:
    contributions: str
    by_staff_group: list[Split] = field(default_factory=list)
    by_profession: list[Split] = field(default_factory=list)
    by_confidence: list[Split] = field(default_factory=list)
    # Against the latest workforce frame, when one is loaded: who is heard, least first.
    frame: WorkforceSnapshot | None = None
    heard_by_staff_group: list[Heard] = field(default_factory=list)
    heard_by_profession: list[Heard] = field(default_factory=list)

    @property
    def lost_tribes(self) -> list[Heard]:
        return [
            h for h in self.heard_by_staff_group + self.heard_by_profession if h.under_represented
        ]


def participation(campaign: Campaign) -> Participation:
    rows = list(
        Contribution.objects.published()
        .in_campaign(campaign)
        .values_list("staff_group", "profession", "confidence")
    )
    confidence = Counter(str(row[2] or "") for row in rows)
    labels = {"": NOT_GIVEN} | {str(level.value): str(level.label) for level in Confidence}
    result = Participation(
        contributions=safe_count(len(rows)),
        by_staff_group=_splits([row[0] for row in rows], "staff_group"),
        by_profession=_splits([row[1] for row in rows], "profession"),
        by_confidence=[
            Split(labels.get(code, code), safe_count(n), safe_count_share(n, len(rows)))
            for code, n in sorted(confidence.items())
        ],
    )
    frame = WorkforceSnapshot.objects.order_by("-as_of", "-id").first()
    if frame is not None:
        result.frame = frame
        for kind, position in (("staff_group", 0), ("profession", 1)):
            heard = _heard(Counter(str(row[position] or "") for row in rows), frame, kind)
            setattr(result, f"heard_by_{kind}", heard)
    return result


def _heard(counts: Counter[str], frame: WorkforceSnapshot, kind: str) -> list[Heard]:
    """Each group against its headcount in the frame (nationally: campaigns are national)."""
    headcount = {
        code: total
        for code, total in WorkforceCell.objects.filter(snapshot=frame)
        .exclude(**{kind: ""})
        .values_list(kind)
        .annotate(total=Sum("headcount"))
        if total
    }
    rows = representation(counts, headcount)
    named = sum(r.contributions for r in rows)
    return [
        Heard(
            label=group_label(kind, r.code),
            count=safe_count(r.contributions),
            share=safe_count_share(r.contributions, named),
            workforce_share=f"{100 * r.workforce_share:.0f}%"
            if r.workforce_share >= 0.005
            else "Under 1%",
            under_represented=r.under_represented,
        )
        for r in rows
    ]


@dataclass
class OpinionReport:
    result: opinions.OpinionResult
    statements: list[Contribution]
    participants: str


OPINIONS_CACHE_SECONDS = 24 * 3600


def opinion_report(campaign: Campaign) -> OpinionReport | None:
    """The opinion groups, computed once for each state of the votes and published statements:
    the cache key changes with any vote, and with any statement published, edited or
    withdrawn."""
    published = Contribution.objects.published().in_campaign(campaign)
    texts = hashlib.sha256()
    for pk, text in published.order_by("pk").values_list("pk", "text"):
        texts.update(f"{pk}\x00{text}\x00".encode())
    votes = Vote.objects.filter(contribution__in=published).aggregate(n=Count("pk"), last=Max("pk"))
    key = f"opinions:{campaign.pk}:{texts.hexdigest()}:{votes['n']}:{votes['last']}"
    found = django_cache.get(key)
    if found is None:
        report = _opinion_report(campaign)
        django_cache.set(key, ("report", report), OPINIONS_CACHE_SECONDS)
        return report
    return found[1]


def _opinion_report(campaign: Campaign) -> OpinionReport | None:
    statements = list(Contribution.objects.published().in_campaign(campaign).order_by("pk"))
    if not statements:
        return None
    index = {c.pk: i for i, c in enumerate(statements)}
    votes = [
        (str(p), index[c], v)
        for p, c, v in Vote.objects.filter(contribution__in=statements).values_list(
            "participant", "contribution_id", "value"
        )
    ]
    if not votes:
        return None
    matrix, people = opinions.vote_matrix(votes, n_statements=len(statements))
    # Groups are shown only where at least 10 people lie behind them (ANALYTICS.md 2.1).
    result = opinions.opinion_groups(np.asarray(matrix), min_group_size=MIN_BASE)
    return OpinionReport(result, statements, safe_count(len(people)))
