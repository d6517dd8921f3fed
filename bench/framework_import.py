"""Benchmark: import a 5,000-item CASE package into the database.

The target is under 10 seconds for the whole import (parse, validate, map, store). The peer
baseline, measured in the same run, is the straightforward way to do it: validate with the
same schema, then save each domain, capability and level with its own ORM `save()`. A third
row times the checks alone (schema, links, cycles), the floor under both.

Run with `make bench`; results go to bench/results/framework_import.<database>.json. It uses a
throw-away SQLite database unless BENCH_DATABASE_URL names another (never the service's own).
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RESULTS_DIR = ROOT / "bench" / "results"
ITEMS = int(os.environ.get("BENCH_ITEMS", "5000"))
REPEATS = int(os.environ.get("BENCH_REPEATS", "5"))
TARGET_SECONDS = 10.0


def setup_django(folder: str) -> None:
    # Never the service's own database: the benchmark deletes every framework between runs.
    os.environ["DATABASE_URL"] = os.environ.get(
        "BENCH_DATABASE_URL", f"sqlite:///{folder}/bench.sqlite3"
    )
    os.environ["DJANGO_SETTINGS_MODULE"] = "digiready.config.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def ours(raw: bytes) -> float:
    from digiready.frameworks import exchange

    start = time.perf_counter()
    exchange.import_file("big.json", raw)
    return time.perf_counter() - start


def row_by_row(raw: bytes) -> float:
    """The peer baseline: schema check, then one ORM save per row."""
    from digiready.frameworks import case
    from digiready.frameworks.models import Capability, Domain, Framework, FrameworkVersion, Level

    start = time.perf_counter()
    fw = case.import_package(raw)
    framework = Framework.objects.create(lineage=fw.lineage, slug=f"baseline-{time.time_ns()}")
    version = FrameworkVersion.objects.create(
        framework=framework,
        identifier=fw.identifier,
        version=fw.version,
        title=fw.title,
        status="draft",
        level_names=fw.level_names,
        last_changed="2026-01-01T00:00:00+00:00",
    )
    for d_pos, domain in enumerate(fw.domains):
        d = Domain(
            framework_version=version,
            identifier=domain.identifier,
            lineage=domain.lineage,
            code=domain.code,
            title=domain.title,
            position=d_pos,
        )
        d.save()
        for c_pos, cap in enumerate(domain.capabilities):
            c = Capability(
                domain=d,
                framework_version=version,
                identifier=cap.identifier,
                lineage=cap.lineage,
                code=cap.code,
                title=cap.title,
                position=c_pos,
            )
            c.save()
            for level in cap.levels:
                Level(
                    capability=c,
                    number=level.number,
                    statement=level.statement,
                    identifier=level.identifier,
                ).save()
    return time.perf_counter() - start


def schema_only(raw: bytes) -> float:
    """The floor under both: parsing the JSON and every check, with nothing stored."""
    from digiready.frameworks import case

    start = time.perf_counter()
    case.validate_package(json.loads(raw))
    return time.perf_counter() - start


def clear() -> None:
    from digiready.frameworks.models import Capability, Domain, Framework, FrameworkVersion, Level

    Level.objects.all().delete()
    Capability.objects.all().delete()
    Domain.objects.all().delete()
    FrameworkVersion.objects.all().delete()
    Framework.objects.all().delete()


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        setup_django(folder)
        from django.db import connection
        from tests.frameworks.case_samples import big_package

        package = big_package(ITEMS, seed=7)
        raw = json.dumps(package).encode("utf-8")
        items = len(package["CFItems"])
        timings: dict[str, list[float]] = {
            "digiready import": [],
            "row-by-row ORM baseline": [],
            "checks alone (schema, links, cycles)": [],
        }
        for _ in range(REPEATS):
            timings["checks alone (schema, links, cycles)"].append(schema_only(raw))
            clear()
            timings["digiready import"].append(ours(raw))
            clear()
            timings["row-by-row ORM baseline"].append(row_by_row(raw))
        clear()
        vendor = connection.vendor

    rows = {
        name: {
            "median_s": round(statistics.median(values), 3),
            "min_s": round(min(values), 3),
            "max_s": round(max(values), 3),
            "runs": len(values),
        }
        for name, values in timings.items()
    }
    ours_median = rows["digiready import"]["median_s"]
    base_median = rows["row-by-row ORM baseline"]["median_s"]
    print(f"\nCASE package import: {items:,} items, {len(raw):,} bytes, {vendor}, {REPEATS} runs")
    print(f"{'method':<38}{'median s':>10}{'min s':>9}{'max s':>9}")
    for name, row in rows.items():
        print(f"{name:<38}{row['median_s']:>10.3f}{row['min_s']:>9.3f}{row['max_s']:>9.3f}")
    verdict = "met" if ours_median < TARGET_SECONDS else "MISSED"
    print(
        f"speed-up over baseline: {base_median / ours_median:.1f}x; "
        f"target under {TARGET_SECONDS:.0f} s: {verdict}"
    )
    results = RESULTS_DIR / f"framework_import.{vendor}.json"
    results.parent.mkdir(parents=True, exist_ok=True)
    results.write_text(
        json.dumps(
            {
                "benchmark": "framework_import",
                "items": items,
                "bytes": len(raw),
                "database": vendor,
                "target_s": TARGET_SECONDS,
                "met": ours_median < TARGET_SECONDS,
                "results": rows,
                "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
                "measured_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            },
            indent=2,
        )
        + "\n"
    )
    if ours_median >= TARGET_SECONDS:
        sys.exit(1)


if __name__ == "__main__":
    main()
