"""Benchmark: dashboard pages over real HTTP against gunicorn, on the national population.

In a directory of its own (its own SQLite database, nothing shared with the service's var/),
this loads the reference organisations, the bundled framework, the demo accounts and the
`national` synthetic population (1.5 million staff, about 700,000 respondents a wave, two
waves, weighted), builds the dashboards' cubes (`digiready analytics refresh`, timed), starts
gunicorn with two workers as `make run` does, signs in as the demo national analyst, ICB
analyst and trust lead, and requests each dashboard page many times with a real HTTP client
(httpx, keep-alive), as a browser would. For each page it records the first request (which
may draw the charts) apart, then the 50th and 95th percentiles of the rest; the target is a
95th percentile under 500 ms. Results go to bench/results/dashboards.json.

Run with `.venv/bin/python bench/dashboards.py` (about 4 minutes, most of it loading);
BENCH_PRESET=demo makes a quick run on the demo population instead.
"""

from __future__ import annotations

import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
RESULTS = ROOT / "bench" / "results" / "dashboards.json"
PRESET = os.environ.get("BENCH_PRESET", "national")
WAVES = 2
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "40"))
TARGET_P95_MS = 500.0
PASSWORD = "digiready-demo-2026"  # noqa: S105 - the demo accounts' (accounts.factories)

# (who signs in, page name, path)
PAGES = [
    ("national@demo.example", "england", "/dashboards/england/"),
    ("national@demo.example", "england, nurses", "/dashboards/england/?staff_group=nurses"),
    ("national@demo.example", "england by profession", "/dashboards/england/?heat=profession"),
    ("national@demo.example", "region (North West)", "/dashboards/region/Y62/"),
    ("analyst@demo.example", "ICB (Greater Manchester)", "/dashboards/icb/QOP/"),
    (
        "analyst@demo.example",
        "ICB, AHPs by profession",
        "/dashboards/icb/QOP/?staff_group=st_t_ahp",
    ),
    ("lead@demo.example", "trust (R0A)", "/dashboards/organisation/R0A/"),
    ("lead@demo.example", "trust, as tables", "/dashboards/organisation/R0A/?view=tables"),
    ("lead@demo.example", "trust CSV export", "/dashboards/organisation/R0A/export.csv"),
]


def run(env: dict[str, str], *args: str) -> float:
    started = time.perf_counter()
    command = [str(BIN / "digiready"), *args]
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)  # noqa: S603
    return time.perf_counter() - started


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            httpx.get(url, timeout=2)
            return
        except httpx.HTTPError:
            time.sleep(0.3)
    raise RuntimeError(f"gunicorn did not answer at {url}")


def sign_in(base: str, email: str) -> httpx.Client:
    client = httpx.Client(base_url=base, timeout=60, follow_redirects=False)
    page = client.get("/accounts/sign-in/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    assert token, "no CSRF token on the sign-in page"
    answer = client.post(
        "/accounts/sign-in/",
        data={"csrfmiddlewaretoken": token.group(1), "username": email, "password": PASSWORD},
        headers={"Referer": f"{base}/accounts/sign-in/"},
    )
    assert answer.status_code == 302, f"signing in as {email} answered {answer.status_code}"
    return client


def measure(client: httpx.Client, path: str) -> dict[str, Any]:
    started = time.perf_counter()
    first = client.get(path)
    cold = (time.perf_counter() - started) * 1000
    assert first.status_code == 200, f"{path} answered {first.status_code}"
    times = []
    for _ in range(REQUESTS):
        started = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return {
        "first_ms": round(cold, 1),
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(p95, 1),
        "max_ms": round(times[-1], 1),
        "requests": len(times),
        "bytes": len(first.content),
    }


def main() -> None:
    home = Path(tempfile.mkdtemp(prefix="digiready-bench-"))
    env = os.environ | {"DIGIREADY_VAR_DIR": str(home), "DJANGO_SETTINGS_MODULE": ""}
    env.pop("DJANGO_SETTINGS_MODULE")
    env.pop("DATABASE_URL", None)
    static = ROOT / "var" / "static"
    if not (static / "staticfiles.json").exists():
        raise SystemExit("Collect the static files first: make assets")
    (home / "static").symlink_to(static)
    server = None
    try:
        timings = {"migrate": run(env, "migrate", "--noinput", "--verbosity", "0")}
        timings["reference"] = run(env, "load-reference")
        timings["frameworks"] = run(env, "load-frameworks")
        timings["demo accounts"] = run(env, "demo-data")
        timings["synthetic population"] = run(
            env, "synth", "--preset", PRESET, "--waves", str(WAVES), "--weight"
        )
        timings["cubes"] = run(env, "analytics", "refresh")
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(  # noqa: S603 - our own gunicorn, our own arguments
            [
                str(BIN / "gunicorn"),
                "digiready.config.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                "--log-level",
                "warning",
            ],
            env=env,
        )
        wait_for(f"{base}/")
        clients: dict[str, httpx.Client] = {}
        pages = {}
        for email, name, path in PAGES:
            if email not in clients:
                clients[email] = sign_in(base, email)
            pages[name] = {"path": path, "as": email} | measure(clients[email], path)
            print(
                f"{name:<28} first {pages[name]['first_ms']:>7.1f} ms   "
                f"p50 {pages[name]['p50_ms']:>6.1f} ms   p95 {pages[name]['p95_ms']:>6.1f} ms"
            )
        for client in clients.values():
            client.close()
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        respondents = _respondents(home) if (home / "digiready.sqlite3").exists() else None
        shutil.rmtree(home, ignore_errors=True)
    worst = max(page["p95_ms"] for page in pages.values())
    result = {
        "preset": PRESET,
        "waves": WAVES,
        "respondents": respondents,
        "server": "gunicorn, 2 workers, SQLite",
        "client": f"httpx {httpx.__version__}, keep-alive, one request at a time",
        "requests_per_page": REQUESTS,
        "pages": pages,
        "worst_p95_ms": worst,
        "target_p95_ms": TARGET_P95_MS,
        "all_under_target": worst < TARGET_P95_MS,
        "setup_seconds": {k: round(v, 1) for k, v in timings.items()},
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    print(
        f"\nDashboards on the {PRESET} population ({respondents} respondents in the latest "
        f"wave): worst 95th percentile {worst:.1f} ms (target under {TARGET_P95_MS:.0f} ms); "
        f"cubes built in {timings['cubes']:.1f} s. Results in {RESULTS.relative_to(ROOT)}."
    )


def _respondents(home: Path) -> int:
    import sqlite3

    with sqlite3.connect(home / "digiready.sqlite3") as db:
        row = db.execute(
            "SELECT COUNT(*) FROM assessments_assessment a JOIN assessments_wave w "
            "ON a.wave_id = w.id WHERE a.status = 'submitted' AND w.number = ?",
            (WAVES - 1,),
        ).fetchone()
    return int(row[0])


if __name__ == "__main__":
    main()
