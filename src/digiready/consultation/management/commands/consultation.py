import csv
import io
import time
from collections import Counter
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from digiready.consultation import services, themes
from digiready.consultation.demo import load_demo
from digiready.consultation.embedding import StaticEncoder
from digiready.consultation.models import Campaign, Contribution, Question, Status
from digiready.consultation.redaction import redact

MAX_TEXT = 10_000


def _read_csv(path: str, columns: list[str]) -> list[dict[str, str]]:
    """Every row of a UTF-8 CSV, after checking the named columns exist."""
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        raise CommandError(f"Cannot read {path}: {error.strerror}") from error
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CommandError(f"{path}: the file is not UTF-8 text") from error
    reader = csv.DictReader(io.StringIO(text))
    header = reader.fieldnames or []
    missing = [column for column in columns if column and column not in header]
    if missing:
        raise CommandError(
            f"{Path(path).name}: row 1: no column named {', '.join(map(repr, missing))}; "
            f"the columns are {', '.join(header) or 'missing'}"
        )
    try:
        return list(reader)
    except csv.Error as error:
        raise CommandError(f"{Path(path).name}: row {reader.line_num}: {error}") from error


class Command(BaseCommand):
    help = "Import responses, find themes in a CSV, purge rejected text, or load a demo."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        importing = actions.add_parser(
            "import",
            help="Import responses gathered by another tool into a campaign (all or nothing).",
        )
        importing.add_argument("file")
        importing.add_argument("--campaign", required=True, help="The campaign's slug.")
        importing.add_argument("--text-column", required=True)
        importing.add_argument("--group-column", help="A column to keep as each row's group.")
        importing.add_argument(
            "--question", type=int, help="The question they answer (default: the first)."
        )
        theming = actions.add_parser(
            "themes", help="Find the themes in a CSV of responses, without storing anything."
        )
        theming.add_argument("file")
        theming.add_argument("--text-column", required=True)
        theming.add_argument("--output", required=True, help="CSV to write, one row per input.")
        theming.add_argument("--themes", type=int, help="How many themes (default: chosen).")
        actions.add_parser(
            "purge", help="Delete rejected contributions older than the retention period."
        )
        actions.add_parser(
            "prepare-model", help="Build the embedding model from the packaged weights."
        )
        actions.add_parser("demo", help="Load a demo conversation (not with production settings).")

    def handle(self, *args: Any, **options: Any) -> None:
        getattr(self, "_" + options["action"].replace("-", "_"))(options)

    def _progress(self) -> Progress:
        return Progress(
            TextColumn("{task.description:<40}"),
            BarColumn(),
            TextColumn("{task.percentage:>3.0f}%"),
            TimeElapsedColumn(),
            console=None,
            transient=False,
        )

    def _encoder(self, progress: Progress) -> StaticEncoder:
        task = progress.add_task("Preparing the embedding model", total=1.0)
        encoder = StaticEncoder.load(
            settings.VAR_DIR / "models",
            progress=lambda share, _message: progress.update(task, completed=share),
        )
        progress.update(task, completed=1.0)
        return encoder

    def _prepare_model(self, options: dict[str, Any]) -> None:
        start = time.perf_counter()
        with self._progress() as progress:
            encoder = self._encoder(progress)
        self.stdout.write(
            f"The embedding model is ready ({encoder.dimensions} dimensions) "
            f"in {time.perf_counter() - start:.1f} s."
        )

    def _import(self, options: dict[str, Any]) -> None:
        campaign = Campaign.objects.filter(slug=options["campaign"]).first()
        if campaign is None:
            raise CommandError(f"No campaign has the slug {options['campaign']!r}.")
        questions = Question.objects.filter(phase__campaign=campaign)
        question = (
            questions.filter(pk=options["question"]).first()
            if options["question"]
            else questions.order_by("phase__position", "position").first()
        )
        if question is None:
            raise CommandError(f"{campaign} has no such question.")
        rows = _read_csv(options["file"], [options["text_column"], options["group_column"]])
        name = Path(options["file"]).name
        problems = []
        for number, row in enumerate(rows, start=2):
            text = (row.get(options["text_column"]) or "").strip()
            if not text:
                problems.append(f"{name}: row {number}, {options['text_column']}: empty")
            elif len(text) > MAX_TEXT:
                problems.append(
                    f"{name}: row {number}, {options['text_column']}: longer than "
                    f"{MAX_TEXT:,} characters"
                )
        if problems:
            for problem in problems[:50]:
                self.stderr.write(problem)
            raise CommandError(f"Nothing was imported: {len(problems)} problems found.")
        found: Counter[str] = Counter()
        with self._progress() as progress, transaction.atomic():
            task = progress.add_task("Redacting and importing", total=len(rows))
            batch = []
            for row in rows:
                result = redact(row[options["text_column"]].strip())
                found.update(finding.kind for finding in result.findings)
                batch.append(
                    Contribution(
                        question=question,
                        text=result.text,
                        redactions=dict(Counter(f.kind for f in result.findings)),
                        status=Status.APPROVED,
                        imported_group=(row.get(options["group_column"] or "") or "")[:200],
                    )
                )
                progress.advance(task)
            Contribution.objects.bulk_create(batch, batch_size=1000)
        removed = ", ".join(f"{n} {kind.replace('_', ' ')}" for kind, n in found.items())
        self.stdout.write(
            f"Imported {len(rows):,} responses into {campaign}; removed {removed or 'nothing'}."
        )

    def _themes(self, options: dict[str, Any]) -> None:
        rows = _read_csv(options["file"], [options["text_column"]])
        texts = [redact((row.get(options["text_column"]) or "").strip()).text for row in rows]
        with self._progress() as progress:
            encoder = self._encoder(progress)
            task = progress.add_task("Finding themes", total=1.0)
            result = themes.analyse(
                texts,
                encoder=encoder,
                n_themes=options["themes"],
                progress=lambda share, message: progress.update(
                    task, completed=share, description=message[:40]
                ),
            )
            progress.update(task, completed=1.0, description="Finding themes")
        labels = {theme.id: theme.label for theme in result.themes}
        output = Path(options["output"])
        with output.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["row", "theme", "theme_label", "text"])
            for number, (text, theme_id) in enumerate(zip(texts, result.assignment, strict=True)):
                writer.writerow([number + 2, theme_id, labels.get(theme_id, ""), text])
        summary = output.with_name(output.stem + "-summary.csv")
        with summary.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["theme", "label", "size", "phrases", "quote"])
            for theme in result.themes:
                quote = texts[theme.quotes[0]] if theme.quotes else ""
                writer.writerow(
                    [theme.id, theme.label, len(theme.members), "; ".join(theme.phrases), quote]
                )
        self.stdout.write(
            f"{len(result.themes)} themes in {len(texts):,} responses: wrote {output} and "
            f"{summary}."
        )
        for theme in result.themes:
            self.stdout.write(f"  {theme.id:>3}  {len(theme.members):>7,}  {theme.label}")

    def _purge(self, options: dict[str, Any]) -> None:
        purged = services.purge_rejected()
        self.stdout.write(
            f"Deleted {purged:,} rejected items older than "
            f"{settings.CONSULTATION_RETENTION_DAYS} days."
        )

    def _demo(self, options: dict[str, Any]) -> None:
        if settings.DIGIREADY_PRODUCTION:
            raise CommandError("Demo data is never loaded with production settings.")
        self.stdout.write(load_demo())
