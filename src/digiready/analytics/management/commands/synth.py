import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from digiready.analytics.engine import compute_wave_weights
from digiready.analytics.synthetic import PRESETS
from digiready.analytics.synthetic_load import (
    SyntheticLoadError,
    load_synthetic,
    synthetic_loaded,
)
from digiready.assessments.models import Wave


class Command(BaseCommand):
    help = (
        "Load a synthetic population (made-up staff, their self-assessment scores and the true "
        "population figures) for tests, demonstrations and benchmarks. Refuses to run with "
        "production settings."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--preset",
            choices=list(PRESETS),
            default="tiny",
            help="; ".join(
                f"{p.name}: {p.staff:,} staff, {p.description}" for p in PRESETS.values()
            ),
        )
        parser.add_argument(
            "--waves", type=int, default=1, help="The baseline and up to four more (1 to 5)."
        )
        parser.add_argument("--seed", type=int, default=1, help="Random seed.")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Delete any synthetic population already loaded first.",
        )
        parser.add_argument(
            "--if-missing",
            action="store_true",
            help="Do nothing if a synthetic population is already loaded (for set-up scripts).",
        )
        parser.add_argument(
            "--weight",
            action="store_true",
            help="Then weight every wave loaded to its workforce frame.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.DIGIREADY_PRODUCTION:
            raise CommandError("A synthetic population is never loaded with production settings.")
        if not 1 <= options["waves"] <= 5:
            raise CommandError("--waves must be 1 to 5.")
        if options["if_missing"] and not options["replace"] and synthetic_loaded():
            self.stdout.write("A synthetic population is already loaded; nothing to do.")
            return
        started = time.perf_counter()
        with Progress(
            TextColumn("{task.description:<40}"),
            BarColumn(),
            TextColumn("{task.percentage:>3.0f}%"),
            TimeElapsedColumn(),
        ) as progress:
            task = progress.add_task("Starting", total=1.0)
            try:
                run = load_synthetic(
                    options["preset"],
                    waves=options["waves"],
                    seed=options["seed"],
                    replace=options["replace"],
                    progress=lambda message, share: progress.update(
                        task, description=message, completed=share
                    ),
                )
            except SyntheticLoadError as error:
                raise CommandError(str(error)) from error
        rows = run.parameters["rows"]
        for wave in run.parameters["waves"]:
            self.stdout.write(
                f"Wave {wave['number']}: {wave['population']:,} staff, "
                f"{wave['respondents']:,} respondents"
            )
        if merger := run.parameters.get("merger"):
            self.stdout.write(
                f"Wave {merger['wave']}: {' and '.join(merger['predecessors'])} merged into "
                f"{merger['code']} ({merger['name']})"
            )
        if options["weight"]:
            for wave in Wave.objects.filter(
                number__in=[w["number"] for w in run.parameters["waves"]]
            ).order_by("number"):
                weights = compute_wave_weights(wave, by="digiready synth")
                self.stdout.write(f"{wave}: weighted, version {weights.version}")
        self.stdout.write(
            f"Loaded the {run.preset} population (seed {run.seed}): "
            f"{rows['assessments']:,} assessments, {rows['domain_scores']:,} domain scores, "
            f"{rows['workforce_cells']:,} workforce cells, {rows['truths']:,} truth rows "
            f"in {time.perf_counter() - started:.1f} s."
        )
