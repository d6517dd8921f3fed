"""Reading a wave's per-person domain scores into arrays, once, for the analytics to aggregate.

Analytics never re-score answers: they read the domain scores stored when each assessment was
submitted (one row per person and domain), with each person's organisation (and so ICB and
region, on the wave's closing date), staff group, profession, band group, age band and sex.
Scores are read in chunks straight into NumPy, because a national wave has millions of rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
from django.db import connection
from numpy.typing import NDArray

from digiready.accounts.professions import PROFESSIONS, STAFF_GROUPS
from digiready.assessments.models import Assessment, DomainScore, Status, Subject, Wave
from digiready.frameworks.models import Domain, FrameworkVersion
from digiready.organisations.demographics import AGE_BANDS, BAND_GROUPS, SEXES
from digiready.organisations.models import Organisation, OrganisationLink, in_force_on

CHUNK = 200_000
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Dimension:
    """One way of grouping people: the code of each category and each person's category
    (-1 where unknown)."""

    name: str
    codes: tuple[str, ...]
    labels: tuple[str, ...]
    index: NDArray[np.int32]

    @property
    def size(self) -> int:
        return len(self.codes)


@dataclass
class ScoreTable:
    wave: Wave
    domains: list[Domain]  # in framework order; columns of ``scores``
    assessment_ids: NDArray[np.int64]
    scores: NDArray[np.float64]  # people x domains, 0 to 1, NaN where not scored
    dimensions: dict[str, Dimension] = field(default_factory=dict)

    @property
    def respondents(self) -> int:
        return int(self.assessment_ids.size)


def _codes(values: Sequence[str], codes: Sequence[str]) -> NDArray[np.int32]:
    position = {code: i for i, code in enumerate(codes)}
    return np.fromiter((position.get(v, -1) for v in values), dtype=np.int32, count=len(values))


def _hierarchy(day: dt.date) -> tuple[dict[int, int], dict[int, int]]:
    """Each organisation's ICB and each ICB's region on ``day``, from the primary links."""
    kinds = dict(Organisation.objects.values_list("pk", "kind"))
    parent: dict[int, int] = {}
    for child, up in OrganisationLink.objects.filter(in_force_on(day), is_primary=True).values_list(
        "child_id", "parent_id"
    ):
        parent.setdefault(child, up)
    icb_of: dict[int, int] = {}
    region_of: dict[int, int] = {}
    for pk, kind in kinds.items():
        if kind == "icb":
            icb_of[pk] = pk
        elif kind == "region":
            region_of[pk] = pk
        elif pk in parent and kinds.get(parent[pk]) == "icb":
            icb_of[pk] = parent[pk]
    for pk in kinds:
        icb = icb_of.get(pk)
        if icb is not None and icb in parent and kinds.get(parent[icb]) == "region":
            region_of[pk] = parent[icb]
    return icb_of, region_of


def _organisation_dimensions(
    organisation_ids: NDArray[np.int64], day: dt.date
) -> dict[str, Dimension]:
    icb_of, region_of = _hierarchy(day)
    names = dict(Organisation.objects.values_list("pk", "ods_code"))
    labels = dict(Organisation.objects.values_list("pk", "name"))
    found: dict[str, Dimension] = {}
    for name, lookup in (
        ("organisation", None),
        ("icb", icb_of),
        ("region", region_of),
    ):
        mapped = (
            organisation_ids
            if lookup is None
            else np.fromiter(
                (lookup.get(int(o), -1) for o in organisation_ids),
                dtype=np.int64,
                count=organisation_ids.size,
            )
        )
        present = sorted({int(v) for v in np.unique(mapped) if v >= 0})
        position = {pk: i for i, pk in enumerate(present)}
        index = np.fromiter(
            (position.get(int(v), -1) for v in mapped), dtype=np.int32, count=mapped.size
        )
        found[name] = Dimension(
            name,
            tuple(names[pk] for pk in present),
            tuple(labels[pk] for pk in present),
            index,
        )
    return found


def load_scores(
    wave: Wave,
    version: FrameworkVersion,
    *,
    progress: Progress | None = None,
    footprint: dt.date | None = None,
) -> ScoreTable:
    """Every submitted self-assessment of ``wave`` with its domain scores, as arrays.

    Domains are matched by lineage, so assessments against earlier versions of the same
    framework count in the domains they share with ``version``. Organisations are placed in
    ICBs and regions as they stood at the wave's close, or on ``footprint``: an earlier wave
    read on a later wave's footprint can be compared with it group by group (ANALYTICS.md 1.6).
    """
    domains = list(version.domains.order_by("position", "id"))
    column = {str(d.lineage): i for i, d in enumerate(domains)}
    people = list(
        Assessment.objects.filter(
            wave=wave,
            subject=Subject.PERSON,
            status=Status.SUBMITTED,
            framework_version__framework=version.framework_id,
        )
        .order_by("pk")
        .values_list(
            "pk", "organisation_id", "staff_group", "profession", "band_group", "age_band", "sex"
        )
    )
    ids = np.fromiter((p[0] for p in people), dtype=np.int64, count=len(people))
    scores = np.full((ids.size, len(domains)), np.nan)
    lineage_column = {
        pk: column.get(str(lineage), -1)
        for pk, lineage in Domain.objects.filter(
            framework_version__framework=version.framework_id
        ).values_list("pk", "lineage")
    }
    _read_scores(wave, ids, scores, lineage_column, progress)
    organisations = np.fromiter(
        (p[1] if p[1] is not None else -1 for p in people), dtype=np.int64, count=len(people)
    )
    dimensions = _organisation_dimensions(organisations, footprint or wave.closes)
    for name, position, choices in (
        ("staff_group", 2, [(g.code, g.name) for g in STAFF_GROUPS]),
        ("profession", 3, [(p.code, p.name) for p in PROFESSIONS]),
        ("band_group", 4, list(BAND_GROUPS)),
        ("age_band", 5, list(AGE_BANDS)),
        ("sex", 6, list(SEXES)),
    ):
        codes = tuple(code for code, _ in choices)
        dimensions[name] = Dimension(
            name,
            codes,
            tuple(label for _, label in choices),
            _codes([str(p[position]) for p in people], codes),
        )
    return ScoreTable(wave, domains, ids, scores, dimensions)


def _read_scores(
    wave: Wave,
    ids: NDArray[np.int64],
    scores: NDArray[np.float64],
    lineage_column: dict[int, int],
    progress: Progress | None,
) -> None:
    table = DomainScore._meta.db_table
    assessments = Assessment._meta.db_table
    total = ids.size * scores.shape[1]
    columns = np.full(max(lineage_column, default=0) + 1, -1, dtype=np.int64)
    for pk, col in lineage_column.items():
        columns[pk] = col
    done = 0
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT s.assessment_id, s.domain_id, s.score FROM {table} s "  # noqa: S608 - table names from the models
            f"JOIN {assessments} a ON a.id = s.assessment_id WHERE a.wave_id = %s",
            [wave.pk],
        )
        while rows := cursor.fetchmany(CHUNK):
            block = np.array(rows, dtype=np.float64)
            rows_at = np.searchsorted(ids, block[:, 0].astype(np.int64))
            inside = rows_at < ids.size
            inside[inside] &= ids[rows_at[inside]] == block[inside, 0].astype(np.int64)
            domain_ids = block[:, 1].astype(np.int64)
            cols = np.where(
                domain_ids < columns.size, columns[np.minimum(domain_ids, columns.size - 1)], -1
            )
            keep = inside & (cols >= 0)
            scores[rows_at[keep], cols[keep]] = block[keep, 2]
            done += len(rows)
            if progress is not None:
                progress(done, total)
