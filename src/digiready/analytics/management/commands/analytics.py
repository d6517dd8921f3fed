"""digiready analytics: weight a wave, and print disclosure-controlled figures."""

from __future__ import annotations

import csv
import io
import json
import time
from dataclasses import asdict
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.console import Console
from rich.table import Table

from digiready.analytics import cube_store, engine
from digiready.analytics.data import load_scores
from digiready.analytics.disclosure import ShownStatistic
from digiready.analytics.figures import ATTAINMENT, MATURITY, statistic_name
from digiready.analytics.synthetic import PRESETS, SELECTIONS
from digiready.analytics.synthetic_load import SyntheticLoadError, validate_method
from digiready.assessments.services import PERSON_FRAMEWORK, current_version

LEVELS = ("national", "region", "icb", "org")
BY = ("staff_group", "profession", "region", "icb", "org")
FORMATS = ("table", "csv", "json")
COLUMNS = (
    "group",
    "label",
    "domain",
    "n",
    "maturity",
    "ci_low",
    "ci_high",
    "attainment",
    "attainment_ci_low",
    "attainment_ci_high",
    "suppressed",
    "reason",
    "weight_version",
)


class Command(BaseCommand):
    help = "Weight a wave to the workforce frame, or print its figures with disclosure control."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        weighting = actions.add_parser(
            "weight", help="Weight a wave's respondents to its workforce frame (ANALYTICS.md 3)."
        )
        weighting.add_argument("--wave", type=int, help="Wave number (default: the latest).")
        reporting = actions.add_parser(
            "report", help="Print maturity and attainment per domain, disclosure-controlled."
        )
        reporting.add_argument("--level", choices=LEVELS, default="national")
        reporting.add_argument("--code", default="", help="ODS code of the region, ICB or org.")
        reporting.add_argument("--wave", type=int, help="Wave number (default: the latest).")
        reporting.add_argument("--by", choices=BY, help="Break the level down by this.")
        reporting.add_argument(
            "--since", type=int, metavar="WAVE", help="Add the change since this earlier wave."
        )
        reporting.add_argument("--format", choices=FORMATS, default="table")
        refreshing = actions.add_parser(
            "refresh",
            help="Build the dashboards' cached figures for every wave now, so no page waits.",
        )
        refreshing.add_argument(
            "--draw",
            action="store_true",
            help="Also draw the charts of every place's dashboard in the latest wave.",
        )
        checking = actions.add_parser(
            "validate",
            help="Check the weighting's bias and interval coverage on synthetic populations.",
        )
        checking.add_argument("--preset", choices=sorted(PRESETS), default="tiny")
        checking.add_argument("--seeds", type=int, default=20, help="How many populations.")
        checking.add_argument("--first-seed", type=int, default=1)
        checking.add_argument(
            "--selection",
            choices=SELECTIONS,
            default="capability",
            help="Who responds: by their own capability (as specified) or by what the "
            "workforce frame explains of it.",
        )
        checking.add_argument("--wave", type=int, default=0, help="Wave 0 (baseline) to 4.")
        checking.add_argument("--format", choices=("table", "json"), default="table")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            getattr(self, f"_{options['action']}")(options)
        except engine.AnalyticsError as error:
            raise CommandError(str(error)) from error

    def _weight(self, options: dict[str, Any]) -> None:
        wave = engine.wave_number(options["wave"])
        started = time.perf_counter()
        run = engine.compute_wave_weights(wave)
        seconds = time.perf_counter() - started
        diagnostics = run.diagnostics
        self.stdout.write(
            f"{wave}: {run.respondents:,} respondents weighted to {run.snapshot} in "
            f"{seconds:.1f} s. Version {run.version}; converged: {diagnostics['converged']}, "
            f"largest margin error {diagnostics['max_margin_error']:.5f}, "
            f"design effect {diagnostics['design_effect'] or 0:.2f}, "
            f"{diagnostics['trimmed']:,} weights trimmed."
        )

    def _refresh(self, options: dict[str, Any]) -> None:
        version = current_version(PERSON_FRAMEWORK)
        if version is None:
            raise CommandError("No published framework.")
        waves = cube_store.waves_with_figures()
        if not waves:
            self.stdout.write("No wave has submitted self-assessments yet; nothing to build.")
            return
        for wave in waves:
            started = time.perf_counter()
            cube = cube_store.cube_for(wave, version)
            self.stdout.write(
                f"{wave}: {cube.respondents:,} respondents in {cube.cells:,} cells, weights "
                f"{cube.weight_version}, ready in {time.perf_counter() - started:.1f} s."
            )
        if options["draw"]:
            started = time.perf_counter()
            places, charts = cube_store.draw_all(version)
            self.stdout.write(
                f"Drew {charts:,} charts for {places:,} places in "
                f"{time.perf_counter() - started:.1f} s."
            )

    def _validate(self, options: dict[str, Any]) -> None:
        if options["seeds"] < 1 or not 0 <= options["wave"] <= 4:
            raise CommandError("Give at least one seed and a wave from 0 to 4.")
        first = options["first_seed"]
        try:
            summaries = validate_method(
                options["preset"],
                seeds=range(first, first + options["seeds"]),
                selection=options["selection"],
                wave=options["wave"],
            )
        except SyntheticLoadError as error:
            raise CommandError(str(error)) from error
        if options["format"] == "json":
            rows = [asdict(s) | {"bias_removed": s.bias_removed} for s in summaries]
            self.stdout.write(json.dumps(rows, indent=2))
            return
        console = Console(file=io.StringIO(), width=160, color_system=None)
        seeds = options["seeds"]
        console.print(
            f"Weighted maturity against the truth: {options['preset']} preset, "
            f"{seeds} seed{'s' if seeds > 1 else ''}, wave {options['wave']}, "
            f"selection by {options['selection']}"
        )
        table = Table()
        for heading in (
            "Breakdown",
            "Figures",
            "Bias before",
            "Bias after",
            "Removed",
            "95% CI cover",
        ):
            table.add_column(heading, justify="left" if heading == "Breakdown" else "right")
        for s in summaries:
            table.add_row(
                s.breakdown,
                f"{s.figures:,}",
                f"{s.bias_unweighted:+.2f}",
                f"{s.bias_weighted:+.2f}",
                f"{s.bias_removed:.0%}",
                f"{s.coverage:.1%}",
            )
        console.print(table)
        console.print("Bias: mean over seeds of estimate - truth, in points of maturity (0-100).")
        self.stdout.write(console.file.getvalue())  # type: ignore[attr-defined]

    def _report(self, options: dict[str, Any]) -> None:
        level, code = options["level"], options["code"].strip().upper()
        if level != "national" and not code:
            raise CommandError(f"Give the {level}'s ODS code with --code.")
        version = current_version(PERSON_FRAMEWORK)
        if version is None:
            raise CommandError("No published framework.")
        wave = engine.wave_number(options["wave"])
        table = load_scores(wave, version)
        baseline = None
        if options["since"] is not None:
            earlier = engine.wave_number(options["since"])
            if earlier.number >= wave.number:
                raise CommandError(f"--since needs a wave before {wave}.")
            baseline = load_scores(earlier, version, footprint=wave.closes)
        by = {"org": "organisation"}.get(options["by"], options["by"])
        result = engine.report(
            table,
            level=level,
            code=code,
            by=by,
            snapshot=engine.snapshot_for(wave),
            baseline=baseline,
        )
        rows = list(_rows(result))
        output = {"table": _table, "csv": _csv, "json": _json}[options["format"]]
        self.stdout.write(output(result, rows))


def _rows(result: engine.Report) -> Any:
    for cell in result.table.cells:
        for domain, title in result.domains:
            maturity = cell.statistics[statistic_name(domain, MATURITY)]
            attainment = cell.statistics[statistic_name(domain, ATTAINMENT)]
            reason = maturity.estimate.suppression
            yield {
                "group": cell.key,
                "label": cell.label,
                "domain": domain,
                "domain_title": title,
                "n": cell.count.value,
                "n_shown": cell.count.text,
                "maturity": maturity.estimate.value,
                "ci_low": maturity.low,
                "ci_high": maturity.high,
                "attainment": attainment.estimate.value,
                "attainment_ci_low": attainment.low,
                "attainment_ci_high": attainment.high,
                "suppressed": maturity.hidden,
                "reason": reason.sentence if reason else "",
                "low_precision": maturity.low_precision,
                "weight_version": result.weight_version,
                **_change(result, maturity),
            }


def _change(result: engine.Report, maturity: ShownStatistic) -> dict[str, Any]:
    """The change in maturity since the baseline wave, as disclosure control lets it be shown."""
    if result.baseline is None:
        return {}
    change = maturity.change
    return {
        "since_wave": result.baseline.number,
        "change": None if change is None else change.value,
        "change_significant": maturity.change_significant,
    }


def _json(result: engine.Report, rows: list[dict[str, Any]]) -> str:
    return json.dumps(rows, indent=2)


def _csv(result: engine.Report, rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]) if rows else list(COLUMNS))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def _table(result: engine.Report, rows: list[dict[str, Any]]) -> str:
    console = Console(file=io.StringIO(), width=160, color_system=None)
    table = Table(
        title=f"{result.wave}: {result.level} {result.code} by {result.by} "
        f"(weights {result.weight_version})"
    )
    for heading, justify in (
        ("Group", "left"),
        ("Domain", "left"),
        ("n", "right"),
        ("Maturity", "right"),
        ("95% interval", "right"),
        ("Attainment", "right"),
        *((("Change", "right"),) if result.baseline is not None else ()),
    ):
        table.add_column(heading, justify=justify)
    for cell in result.table.cells:
        for domain, _title in result.domains:
            maturity = cell.statistics[statistic_name(domain, MATURITY)]
            attainment = cell.statistics[statistic_name(domain, ATTAINMENT)]
            table.add_row(
                cell.label or cell.key,
                domain,
                cell.count.text,
                maturity.estimate.text,
                maturity.interval_text,
                attainment.estimate.text,
                *((_change_text(maturity),) if result.baseline is not None else ()),
            )
    console.print(table)
    notes = {s.sentence for cell in result.table.cells for s in cell.suppressions}
    console.print("\n".join(f"* {note}" for note in sorted(notes)))
    return console.file.getvalue()  # type: ignore[attr-defined]


def _change_text(maturity: ShownStatistic) -> str:
    if maturity.change is None:
        return "-"
    return maturity.change.text + (", significant" if maturity.change_significant else "")
