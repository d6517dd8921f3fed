"""Loading a synthetic population into the database, fast (ANALYTICS.md section 4).

``load_synthetic`` reads the organisations, the person framework and its role profiles, calls
the generator (``analytics.synthetic``) and writes, for each wave: the wave itself if missing,
a workforce snapshot with its cells, one submitted assessment per respondent (source
"synthetic", no user) with its domain scores, and the population truth.

Answers are not written for synthetic people: analytics read the per-person domain scores only,
and a national wave would otherwise be some 30 million answer rows. The big tables are written
with ``executemany`` on a raw cursor in chunks (SQLite) or ``COPY`` (PostgreSQL), never through
model instances: a national wave is ~700,000 assessments and ~7.6 million domain scores.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.models import Count, Max
from numpy.typing import NDArray

from digiready.accounts.professions import PROFESSIONS
from digiready.analytics.cube_store import FRAME, bump_on_commit, wave_key
from digiready.analytics.models import SyntheticRun, SyntheticTruth, WeightRun
from digiready.analytics.synthetic import (
    AGE_CODES,
    BAND_CODES,
    PRESETS,
    PROFESSION_CODES,
    SEX_CODES,
    STAFF_GROUP_CODES,
    DomainSpec,
    Geography,
    IcbRecord,
    RegionRecord,
    Responses,
    Synthetic,
    TrustRecord,
    WaveData,
    synthesise,
)
from digiready.analytics.validation import Summary, compare, summarise_seeds
from digiready.assessments.models import (
    Assessment,
    DomainScore,
    Source,
    Status,
    Subject,
    Wave,
)
from digiready.assessments.services import PERSON_FRAMEWORK, current_version, role_profile
from digiready.frameworks.models import Capability, Domain, FrameworkVersion
from digiready.organisations import changes
from digiready.organisations.models import (
    Kind,
    Organisation,
    OrganisationLink,
    WorkforceCell,
    WorkforceSnapshot,
    in_force_on,
)

Progress = Callable[[str, float], None]  # what is happening, and the share done (0 to 1)

SYNTHETIC = Source.SYNTHETIC.value  # the source of synthetic assessments and snapshots
ARCHETYPE = "user"
STAFF_GROUP_OF_PROFESSION = tuple(profession.staff_group for profession in PROFESSIONS)
CHUNK = 50_000
EARLIEST_YEAR = 2023  # the first fieldwork with ICBs in place all year (they began July 2022)
GENERATION_SHARE = 0.1  # of the progress bar


class SyntheticLoadError(ValueError):
    """The synthetic population cannot be loaded; says why."""


def _quiet(_message: str, _share: float) -> None:
    return None


# ---------------------------------------------------------------------------------------------
# Reading what the generator needs


def database_geography(on: dt.date) -> Geography:
    """Regions, ICBs and trusts as the database holds them on ``on``; a trust reports through
    its primary ICB."""
    regions = tuple(
        RegionRecord(code, name)
        for code, name in Organisation.objects.regions()
        .on(on)
        .order_by("ods_code")
        .values_list("ods_code", "name")
    )
    links = OrganisationLink.objects.filter(in_force_on(on), in_force_on(on, "child__"))
    icbs = tuple(
        IcbRecord(code, name, region)
        for code, name, region in links.filter(child__kind=Kind.ICB, parent__kind=Kind.REGION)
        .order_by("child__ods_code")
        .values_list("child__ods_code", "child__name", "parent__ods_code")
    )
    trusts: dict[str, TrustRecord] = {}
    rows = (
        links.filter(child__kind=Kind.PROVIDER, parent__kind=Kind.ICB, is_primary=True)
        .order_by("child__ods_code", "parent__ods_code")
        .values_list("child__ods_code", "child__name", "parent__ods_code")
    )
    for code, name, icb in rows:
        trusts.setdefault(code, TrustRecord(code, name, icb))
    return Geography(regions, icbs, tuple(trusts.values()))


@dataclass(frozen=True)
class _Framework:
    version: FrameworkVersion
    domains: list[Domain]
    specs: list[DomainSpec]
    expected: dict[str, dict[str, int]]  # profession -> domain lineage -> level
    not_asked: dict[str, set[str]]  # profession -> domain codes its profile skips


def _framework() -> _Framework:
    version = current_version(PERSON_FRAMEWORK)
    if version is None:
        raise SyntheticLoadError(
            f"There is no published {PERSON_FRAMEWORK!r} framework: run load-frameworks first."
        )
    items = dict(
        Capability.objects.filter(framework_version=version)
        .values_list("domain")
        .annotate(n=Count("id"))
        .values_list("domain", "n")
    )
    domains = [domain for domain in version.domains.order_by("position") if items.get(domain.pk)]
    specs = [DomainSpec(domain.code, items[domain.pk]) for domain in domains]
    expected: dict[str, dict[str, int]] = {}
    not_asked: dict[str, set[str]] = {}
    for profession in PROFESSIONS:
        profile = role_profile(
            version.framework,
            profession=profession.code,
            staff_group=profession.staff_group,
            archetype=ARCHETYPE,
        )
        if profile is None:
            continue  # no profile: every domain is asked, nothing is expected
        expected[profession.code] = {key: int(level) for key, level in profile.expected.items()}
        not_asked[profession.code] = {
            domain.code
            for domain in domains
            if expected[profession.code].get(str(domain.lineage), 0) == 0
        }
    return _Framework(version, domains, specs, expected, not_asked)


def first_year(count: int, today: dt.date | None = None) -> int:
    """The baseline's year: each wave's fieldwork runs 1 April to 30 June, a year apart, and
    the last is the latest that has finished by ``today``, unless that would put the baseline
    before EARLIEST_YEAR."""
    today = today or dt.date.today()
    last = today.year if today >= dt.date(today.year, 6, 30) else today.year - 1
    return max(EARLIEST_YEAR, last - count + 1)


def _waves(count: int) -> list[Wave]:
    """Waves 0 to count - 1, created where missing; existing waves keep their dates."""
    waves = []
    start = first_year(count)
    for number in range(count):
        year = start + number
        wave, _ = Wave.objects.get_or_create(
            number=number,
            defaults={
                "label": f"Baseline {year}" if number == 0 else f"Wave {number}, {year}",
                "opens": dt.date(year, 4, 1),
                "closes": dt.date(year, 6, 30),
            },
        )
        waves.append(wave)
    return waves


# ---------------------------------------------------------------------------------------------
# Loading


def synthetic_loaded() -> bool:
    return Assessment.objects.filter(source=SYNTHETIC).exists()


def load_synthetic(
    preset: str,
    *,
    waves: int = 1,
    seed: int = 1,
    replace: bool = False,
    progress: Progress | None = None,
) -> SyntheticRun:
    """Generate the preset's population and write it to the database, all or nothing.

    With ``replace``, every earlier synthetic population is deleted first; without it, loading
    over one is refused, so that two runs are never mixed in the figures.
    """
    report = progress or _quiet
    if preset not in PRESETS:
        raise SyntheticLoadError(f"Unknown preset {preset!r}: choose {', '.join(PRESETS)}.")
    timings: dict[str, float] = {}
    started = time.perf_counter()
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # Check foreign keys as each COPY ends rather than all at COMMIT: the millions of
            # checks queued for COMMIT cost more.
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        if replace:
            delete_synthetic(progress=report)
            timings["delete"] = time.perf_counter() - started
        elif Assessment.objects.filter(source=SYNTHETIC).exists():
            raise SyntheticLoadError(
                "A synthetic population is already loaded; replace it (--replace) instead."
            )
        framework = _framework()
        wave_rows = _waves(waves)
        report("Generating the population", 0.0)
        generating = time.perf_counter()
        population = synthesise(
            preset,
            database_geography(wave_rows[0].opens),
            framework.specs,
            waves=waves,
            seed=seed,
            not_asked=framework.not_asked,
        )
        timings["generate"] = time.perf_counter() - generating
        if population.merger is not None:
            _record_merger(population, wave_rows[population.merger.wave])
        writer = _Writer(population, framework, wave_rows, report)
        run = writer.write(timings)
        # Written with raw inserts, which send no signals: the figures' caches must hear of it.
        bump_on_commit(FRAME, *(wave_key(wave.pk) for wave in Wave.objects.all()))
    timings["total"] = time.perf_counter() - started
    run.parameters["seconds"] = {key: round(value, 2) for key, value in timings.items()}
    run.save(update_fields=["parameters"])
    report("Done", 1.0)
    return run


def _record_merger(population: Synthetic, wave: Wave) -> None:
    """Record the generated ICB merger in the hierarchy from the wave's opening day, once: a
    later load finds the successor already there."""
    merger = population.merger
    assert merger is not None
    if Organisation.objects.filter(ods_code=merger.code).exists():
        return
    changes.merge(list(merger.predecessors), merger.code, merger.name, wave.opens)


class _Writer:
    def __init__(
        self,
        population: Synthetic,
        framework: _Framework,
        waves: list[Wave],
        report: Progress,
    ) -> None:
        self.population = population
        self.framework = framework
        self.waves = waves
        self.report = report
        self.postgres = connection.vendor == "postgresql"
        codes = population.organisations.codes
        ids = dict(Organisation.objects.filter(ods_code__in=codes).values_list("ods_code", "pk"))
        self.organisation_ids = np.array([ids[code] for code in codes], dtype=np.int64)
        self.planned = sum(_rows_planned(wave) for wave in population.waves)
        self.written = 0
        self.rows = {"assessments": 0, "domain_scores": 0, "workforce_cells": 0, "truths": 0}

    def write(self, timings: dict[str, float]) -> SyntheticRun:
        population = self.population
        run = SyntheticRun.objects.create(
            preset=population.preset,
            seed=population.seed,
            waves=len(population.waves),
            parameters=population.parameters,
        )
        if not self.postgres:
            # Index upkeep on millions of rows needs more than SQLite's default 2 MB page cache.
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA cache_size = -262144")
        snapshots = {}
        for data, wave in zip(population.waves, self.waves, strict=True):
            started = time.perf_counter()
            snapshot = self._snapshot(data, wave)
            snapshots[data.number] = snapshot.pk
            self._assessments(data, wave)
            self._truths(run, data, wave)
            timings[f"wave {data.number}"] = time.perf_counter() - started
        if self.postgres:
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(no_style(), [Assessment]):
                    cursor.execute(sql)
                # Fresh statistics for the planner: after a bulk load it would otherwise take
                # these tables for the size they were, and can join them row by row, which on a
                # national wave runs for hours instead of seconds.
                tables = [Assessment, DomainScore, WorkforceCell, SyntheticTruth]
                cursor.execute(
                    "ANALYZE "
                    + ", ".join(connection.ops.quote_name(m._meta.db_table) for m in tables)
                )
        run.parameters = {**run.parameters, "snapshots": snapshots, "rows": self.rows}
        return run

    def _advance(self, rows: int, message: str) -> None:
        self.written += rows
        share = GENERATION_SHARE + (1 - GENERATION_SHARE) * self.written / max(self.planned, 1)
        self.report(message, min(share, 1.0))

    # --- the workforce frame ---

    def _snapshot(self, data: WaveData, wave: Wave) -> WorkforceSnapshot:
        """The wave's frame on its opening day: headcount and FTE in every non-empty cell."""
        snapshot = WorkforceSnapshot.objects.create(
            name=f"Synthetic workforce, {wave.label} ({self.population.preset}, "
            f"seed {self.population.seed})",
            as_of=wave.opens,
            source=SYNTHETIC,
            imported_by="digiready synth",
        )
        attributes = (data.organisation, data.profession, data.band_group, data.age_band, data.sex)
        sizes = (
            len(self.organisation_ids),
            len(PROFESSION_CODES),
            len(BAND_CODES),
            len(AGE_CODES),
            len(SEX_CODES),
        )
        key = np.ravel_multi_index([a.astype(np.int64) for a in attributes], sizes)
        cells, inverse, headcount = np.unique(key, return_inverse=True, return_counts=True)
        fte = np.bincount(inverse, weights=data.fte.astype(np.float64))
        org, prof, band, age, sex = np.unravel_index(cells, sizes)
        columns = {
            "snapshot": _same(snapshot.pk),
            "organisation": _numbers(self.organisation_ids[org]),
            "staff_group": _coded(STAFF_GROUP_OF_PROFESSION, prof),
            "profession": _coded(PROFESSION_CODES, prof),
            "band_group": _coded(BAND_CODES, band),
            "age_band": _coded(AGE_CODES, age),
            "sex": _coded(SEX_CODES, sex),
            "headcount": _numbers(headcount),
            "fte": _numbers(np.round(fte, 2)),
        }
        self._insert(WorkforceCell, columns, int(cells.size), f"Workforce frame, {wave.label}")
        self.rows["workforce_cells"] += int(cells.size)
        return snapshot

    # --- assessments and domain scores ---

    def _assessments(self, data: WaveData, wave: Wave) -> None:
        responses = data.responses()
        n = responses.index.size
        if n == 0:
            return
        # Ids are given here, so the domain scores can point at them without reading them back
        # (PostgreSQL's sequence is moved past them afterwards). Not for a live service.
        first_id = (Assessment.objects.aggregate(top=Max("id"))["top"] or 0) + 1
        ids = np.arange(first_id, first_id + n, dtype=np.int64)
        who = responses.index
        profession = data.profession[who]
        expected_json = [
            json.dumps(self.framework.expected.get(code, {}), sort_keys=True)
            for code in PROFESSION_CODES
        ]
        # Times are drawn from the run's seed too, so a reload gives the same dates.
        rng = np.random.default_rng([self.population.seed, data.number])
        submitted = _times(rng, wave, n)
        started = submitted - rng.integers(300, 3_600, n).astype("timedelta64[s]")
        columns = {
            "id": _numbers(ids),
            "public_id": lambda start, stop: _uuid_hex(stop - start),
            "subject": _same(Subject.PERSON.value),
            "user": _same(None),
            "organisation": _numbers(self.organisation_ids[data.organisation[who]]),
            "answered_by": _same(None),
            "answered_by_label": _same(""),
            "framework_version": _same(self.framework.version.pk),
            "profession": _coded(PROFESSION_CODES, profession),
            "staff_group": _coded(STAFF_GROUP_CODES, data.staff_group[who]),
            "archetype": _same(ARCHETYPE),
            "band_group": _coded(BAND_CODES, data.band_group[who]),
            "age_band": _coded(AGE_CODES, data.age_band[who]),
            "sex": _coded(SEX_CODES, data.sex[who]),
            "wave": _same(wave.pk),
            "expected": _coded(expected_json, profession),
            "status": _same(Status.SUBMITTED.value),
            "source": _same(SYNTHETIC),
            "started_at": self._datetimes(started),
            "updated_at": self._datetimes(submitted),
            "submitted_at": self._datetimes(submitted),
        }
        self._insert(Assessment, columns, n, f"Assessments, {wave.label}")
        self.rows["assessments"] += n
        self._domain_scores(ids, profession, responses)

    def _domain_scores(
        self, ids: NDArray[np.int64], profession: NDArray[np.int8], responses: Responses
    ) -> None:
        domains = self.framework.domains
        expected = self._expected_levels()[profession]  # (n, d), -1 where none
        asked = responses.items_asked > 0
        row, column = np.nonzero(asked)  # row-major: by assessment, then domain
        attained = responses.attained[row, column].astype(np.int64)
        level = expected[row, column]
        gap = np.where((attained >= 0) & (level >= 0), np.maximum(0, level - attained), -1)
        score = responses.scores[row, column]
        strict = responses.strict[row, column]
        columns = {
            "assessment": _numbers(ids[row]),
            "domain": _coded([domain.pk for domain in domains], column),
            "domain_lineage": _coded([domain.lineage.hex for domain in domains], column),
            "items_asked": _numbers(responses.items_asked[row, column]),
            "items_answered": _numbers(responses.items_answered[row, column]),
            "score": _nullable(score, np.isnan(score)),
            "attained_level": _nullable(attained, attained < 0),
            "strict_level": _nullable(strict, strict < 0),
            "expected_level": _nullable(level, level < 0),
            "gap": _nullable(gap, gap < 0),
        }
        self._insert(DomainScore, columns, int(row.size), "Domain scores")
        self.rows["domain_scores"] += int(row.size)

    def _expected_levels(self) -> NDArray[np.int64]:
        """(professions, domains): the role profile's expected level, -1 where it has none."""
        table = np.full((len(PROFESSION_CODES), len(self.framework.domains)), -1, dtype=np.int64)
        for p, code in enumerate(PROFESSION_CODES):
            levels = self.framework.expected.get(code)
            if levels is None:
                continue
            for d, domain in enumerate(self.framework.domains):
                table[p, d] = levels.get(str(domain.lineage), 0)
        return table

    # --- truth ---

    def _truths(self, run: SyntheticRun, data: WaveData, wave: Wave) -> None:
        lineages = [domain.lineage for domain in self.framework.domains]
        rows = []
        for breakdown, table in data.truth.items():
            for g, code in enumerate(table.codes):
                for d, lineage in enumerate(lineages):
                    if table.population[g, d] == 0:
                        continue  # nobody in the group is asked the domain
                    rows.append(
                        SyntheticTruth(
                            run=run,
                            wave=wave,
                            breakdown=breakdown,
                            group_code=code,
                            domain_lineage=lineage,
                            population=int(table.population[g, d]),
                            maturity=float(table.maturity[g, d]),
                            attainment=float(table.attainment[g, d]),
                        )
                    )
        # A few thousand rows a wave: model instances are quick enough here.
        SyntheticTruth.objects.bulk_create(rows, batch_size=2_000)
        self.rows["truths"] += len(rows)

    # --- writing ---

    def _datetimes(self, values: Any) -> Column:
        """UTC times as each database stores them: SQLite naive text, PostgreSQL with zone."""
        suffix = "+00" if self.postgres else ""

        def column(start: int, stop: int) -> list[Any]:
            text = np.datetime_as_string(values[start:stop], unit="s").tolist()
            return [value.replace("T", " ") + suffix for value in text]

        return column

    def _insert(
        self, model: type[models.Model], columns: dict[str, Column], total: int, message: str
    ) -> None:
        """Write ``total`` rows, a chunk at a time: rows become Python objects only a chunk at
        a time, so a national table never sits in memory as millions of tuples."""
        table = _quote(model._meta.db_table)
        names = ", ".join(_quote(_column(model, name)) for name in columns)
        chunks = (
            [column(start, min(start + CHUNK, total)) for column in columns.values()]
            for start in range(0, total, CHUNK)
        )
        with connection.cursor() as cursor:
            if self.postgres:
                # The psycopg cursor under Django's wrapper. A chunk goes as one block of COPY
                # text, formatted a column at a time: twice as fast as copy.write_row per row.
                with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                    for chunk in chunks:
                        rows = zip(*map(_copy_text, chunk), strict=True)
                        copy.write("".join("\t".join(row) + "\n" for row in rows))
                        self._advance(len(chunk[0]), message)
                return
            values = ", ".join(["%s"] * len(columns))
            sql = f"INSERT INTO {table} ({names}) VALUES ({values})"  # noqa: S608 - model names
            for chunk in chunks:
                cursor.executemany(sql, list(zip(*chunk, strict=True)))
                self._advance(len(chunk[0]), message)


# COPY text format: a backslash escapes the separators, and NULL is \N.
_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_text(values: list[Any]) -> list[str]:
    """A column's values in COPY's text format. str() of a float is its shortest exact form."""
    return [
        "\\N"
        if value is None
        else value.translate(_COPY_ESCAPES)
        if isinstance(value, str)
        else str(value)
        for value in values
    ]


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)


def _column(model: type[models.Model], name: str) -> str:
    field = model._meta.get_field(name)
    assert isinstance(field, models.Field)
    return str(field.column)


def _rows_planned(wave: WaveData) -> int:
    """Roughly the rows a wave writes, for the progress bar: assessments, domain scores and
    about one workforce cell for every five people."""
    respondents = int(wave.responded.sum())
    asked = int((wave.items_asked[wave.responded] > 0).sum())
    return respondents + asked + wave.size // 5


# A column of a table to write: its values from row ``start`` to ``stop`` as Python objects.
Column = Callable[[int, int], list[Any]]


def _same(value: Any) -> Column:
    return lambda start, stop: [value] * (stop - start)


def _numbers(values: Any) -> Column:
    return lambda start, stop: values[start:stop].tolist()


def _coded(codes: Sequence[Any], index: Any) -> Column:
    """The codes (or other values) the integer ``index`` points at."""
    lookup = np.asarray(codes, dtype=object)
    return lambda start, stop: lookup[index[start:stop]].tolist()


def _nullable(values: Any, missing: Any) -> Column:
    """Numbers, None (NULL) where ``missing``."""

    def column(start: int, stop: int) -> list[Any]:
        out = values[start:stop].astype(object)
        out[missing[start:stop]] = None
        return list(out.tolist())

    return column


def _uuid_hex(n: int) -> list[str]:
    """n random version-4 UUIDs as 32 hex digits, the form both databases accept."""
    raw = np.frombuffer(os.urandom(16 * n), dtype=np.uint8).reshape(n, 16).copy()
    raw[:, 6] = (raw[:, 6] & 0x0F) | 0x40
    raw[:, 8] = (raw[:, 8] & 0x3F) | 0x80
    text = raw.tobytes().hex()
    return [text[i : i + 32] for i in range(0, 32 * n, 32)]


def _times(rng: np.random.Generator, wave: Wave, n: int) -> Any:
    """n submission times (UTC) spread over the wave's fieldwork, 08:00 to 20:00."""
    days = (wave.closes - wave.opens).days + 1
    opens = np.datetime64(wave.opens.isoformat(), "s")
    offset = rng.integers(0, days, n) * 86_400 + rng.integers(8 * 3_600, 20 * 3_600, n)
    return opens + offset.astype("timedelta64[s]")


# ---------------------------------------------------------------------------------------------
# Deleting


def delete_synthetic(progress: Progress | None = None) -> dict[str, int]:
    """Delete every synthetic population: its assessments and their scores, its workforce
    snapshots (and any weights computed against them), runs and truths. Waves and any merger
    recorded in the hierarchy stay. Returns the rows deleted, by table."""
    report = progress or _quiet
    deleted: dict[str, int] = {}
    assessments = _quote(Assessment._meta.db_table)
    chosen = f"SELECT id FROM {assessments} WHERE source = %s"  # noqa: S608 - model names
    report("Deleting the previous synthetic population", 0.0)
    with transaction.atomic(), connection.cursor() as cursor:
        # Raw deletes: the ORM would first load every synthetic assessment into memory.
        for related in Assessment._meta.related_objects:
            if related.on_delete is models.CASCADE:
                dependent = related.related_model._meta.db_table
                column = _quote(str(related.field.column))
                sql = f"DELETE FROM {_quote(dependent)} WHERE {column} IN ({chosen})"  # noqa: S608
                cursor.execute(sql, [SYNTHETIC])
                deleted[dependent] = cursor.rowcount
        cursor.execute(f"DELETE FROM {assessments} WHERE source = %s", [SYNTHETIC])  # noqa: S608
        deleted[Assessment._meta.db_table] = cursor.rowcount
        snapshots = WorkforceSnapshot.objects.filter(source=SYNTHETIC)
        deleted["weight_runs"] = WeightRun.objects.filter(snapshot__in=snapshots).delete()[0]
        deleted["snapshots_and_cells"] = snapshots.delete()[0]
        deleted["runs_and_truths"] = SyntheticRun.objects.all().delete()[0]
        bump_on_commit(FRAME, *(wave_key(wave.pk) for wave in Wave.objects.all()))
    return deleted


def validate_method(
    preset: str = "tiny",
    *,
    seeds: Sequence[int] = range(1, 21),
    selection: str = "capability",
    wave: int = 0,
    on: dt.date | None = None,
    progress: Progress = _quiet,
) -> list[Summary]:
    """Bias and interval coverage of the weighted figures over ``seeds`` synthetic populations
    of the bundled framework and today's organisations (``analytics.validation``). Nothing is
    written to the database."""
    framework = _framework()
    geography = database_geography(on or dt.date.today())
    runs = []
    for number, seed in enumerate(seeds):
        population = synthesise(
            preset,
            geography,
            framework.specs,
            waves=wave + 1,
            seed=seed,
            not_asked=framework.not_asked,
            selection=selection,
        )
        runs.append(compare(population, wave))
        progress(f"seed {seed}", (number + 1) / len(seeds))
    return summarise_seeds(runs)
