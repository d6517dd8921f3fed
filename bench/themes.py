"""Benchmark: theme analysis of consultation contributions, quality and speed.

Quality: on the labelled evaluation set (tests/consultation/theme_eval_set.py), the adjusted
Rand index and normalised mutual information of `analyse` against the human labels, with the
number of themes chosen automatically and fixed at the number of labelled themes, beside the
peer baseline (TF-IDF and k-means with the same k) run in the same process. Scores are means
over five seeds. A reference row runs the same clustering on the full MiniLM model (too slow for
a whole consultation) to show what the static table gives up.

Speed: 50,000 contributions made by perturbing the evaluation set (typos, dropped words,
reordered clauses) analysed end to end; the target is under 2 minutes on a 2-core machine. The
static model is built (and its build timed) first, outside that timing.

Run with `.venv/bin/python bench/themes.py`; results go to bench/results/themes.json.
"""

from __future__ import annotations

import json
import os
import platform
import random
import re
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from tests.consultation.theme_eval_set import EVAL_SET, THEMES  # noqa: E402

from digiready.consultation import embedding, themes  # noqa: E402

RESULTS_DIR = ROOT / "bench" / "results"
CACHE_DIR = Path(os.environ.get("DIGIREADY_VAR_DIR", str(ROOT / "var"))) / "models"
N_LARGE = int(os.environ.get("BENCH_CONTRIBUTIONS", "50000"))
SEEDS = range(5)
TARGET_SECONDS = 120.0
KEYBOARD = "qwertyuiopasdfghjklzxcvbnm"


def typo(word: str, rng: random.Random) -> str:
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.random()
    if kind < 0.3:
        return word[:i] + word[i + 1 :]  # dropped letter
    if kind < 0.6:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]  # swapped letters
    if kind < 0.8:
        return word[:i] + word[i] + word[i:]  # doubled letter
    return word[:i] + rng.choice(KEYBOARD) + word[i + 1 :]  # wrong key


def perturb(text: str, rng: random.Random) -> str:
    """A near-copy: clauses maybe reordered, some words dropped or misspelt, maybe lower case."""
    clauses = [c for c in re.split(r"(?<=[.,!?])\s+", text) if c]
    if len(clauses) > 1 and rng.random() < 0.3:
        rng.shuffle(clauses)
    words = " ".join(clauses).split()
    out = []
    for word in words:
        roll = rng.random()
        if roll < 0.08 and len(words) > 4:
            continue
        out.append(typo(word, rng) if roll < 0.16 else word)
    text = " ".join(out)
    return text.lower() if rng.random() < 0.2 else text


def large_set(n: int, seed: int = 0) -> tuple[list[str], list[int]]:
    rng = random.Random(seed)
    picks = [rng.randrange(len(EVAL_SET)) for _ in range(n)]
    labels = [THEMES.index(EVAL_SET[i][1]) for i in picks]
    return [perturb(EVAL_SET[i][0], rng) for i in picks], labels


def scores(truth: Sequence[int], found: Sequence[int]) -> tuple[float, float]:
    return adjusted_rand_score(truth, found), normalized_mutual_info_score(truth, found)


class ContextualEncoder:
    """The full MiniLM model in NumPy, for the reference row only; each text set encoded once."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.done: dict[tuple[str, ...], np.ndarray] = {}

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        key = tuple(texts)
        if key not in self.done:
            start = time.perf_counter()
            self.done[key] = embedding.contextual_embed(texts)
            self.seconds += time.perf_counter() - start
        return self.done[key]


def quality(encoder: themes.Encoder, texts: list[str], truth: list[int], k: int | None) -> dict:
    runs = [themes.analyse(texts, encoder=encoder, n_themes=k, seed=s) for s in SEEDS]
    pairs = [scores(truth, r.assignment) for r in runs]
    return {
        "k": [r.k_chosen for r in runs],
        "ari": statistics.mean(p[0] for p in pairs),
        "nmi": statistics.mean(p[1] for p in pairs),
        "ari_range": (min(p[0] for p in pairs), max(p[0] for p in pairs)),
    }


def baseline(texts: list[str], truth: list[int], k: int) -> dict:
    pairs = [scores(truth, themes.tfidf_kmeans_baseline(texts, k, seed=s)) for s in SEEDS]
    return {
        "k": [k] * len(pairs),
        "ari": statistics.mean(p[0] for p in pairs),
        "nmi": statistics.mean(p[1] for p in pairs),
        "ari_range": (min(p[0] for p in pairs), max(p[0] for p in pairs)),
    }


def row(name: str, result: dict) -> str:
    ks = sorted(set(result["k"]))
    k = str(ks[0]) if len(ks) == 1 else f"{ks[0]}–{ks[-1]}"
    low, high = result["ari_range"]
    return f"{name:<52} {k:>6} {result['ari']:>7.3f} {result['nmi']:>7.3f}   ({low:.3f}–{high:.3f})"


def main() -> int:
    CACHE_DIR.mkdir(parents=True, exist_ok=True)

    print("Static model")
    start = time.perf_counter()
    encoder = embedding.StaticEncoder.load(CACHE_DIR)
    first_load = time.perf_counter() - start
    # Distilled again whether or not it was cached: times the build and checks it repeats.
    start = time.perf_counter()
    table, _tokens = embedding.distil()
    build_seconds = time.perf_counter() - start
    identical = bool(np.array_equal(table, encoder.table))
    start = time.perf_counter()
    embedding.StaticEncoder.load(CACHE_DIR)
    load_seconds = time.perf_counter() - start
    print(
        f"  build {build_seconds:.1f} s (repeatable: {identical}); cached load {load_seconds:.2f} s"
    )

    texts = [t for t, _ in EVAL_SET]
    truth = [THEMES.index(label) for _, label in EVAL_SET]
    k = len(THEMES)
    auto = quality(encoder, texts, truth, None)
    k_auto = statistics.mode(auto["k"])
    fixed = quality(encoder, texts, truth, k)
    base = baseline(texts, truth, k)
    base_auto = baseline(texts, truth, k_auto)
    contextual = ContextualEncoder()
    reference = quality(contextual, texts, truth, k)

    print(f"\nQuality: {len(texts)} labelled contributions, {k} themes, mean of {len(SEEDS)} seeds")
    print(f"{'method':<52} {'k':>6} {'ARI':>7} {'NMI':>7}   (ARI range)")
    print(row("analyse, k chosen", auto))
    print(row(f"TF-IDF + k-means baseline, k = {k_auto}", base_auto))
    print(row(f"analyse, k = {k}", fixed))
    print(row(f"TF-IDF + k-means baseline, k = {k}", base))
    print(row(f"reference: same clustering on full MiniLM, k = {k}", reference))
    print(f"  (full MiniLM: {len(texts) / contextual.seconds:.0f} contributions a second)")
    beats = all(
        ours[m] > theirs[m]
        for ours, theirs in ((auto, base_auto), (fixed, base))
        for m in ("ari", "nmi")
    )

    print(f"\nSpeed: {N_LARGE:,} perturbed contributions")
    large, large_truth = large_set(N_LARGE)
    start = time.perf_counter()
    encoder.encode(large)
    encode_seconds = time.perf_counter() - start
    start = time.perf_counter()
    result = themes.analyse(large, encoder=encoder)
    seconds = time.perf_counter() - start
    large_ari, large_nmi = scores(large_truth, result.assignment)
    for stage, spent in result.timings.items():
        print(f"  {stage:<16} {spent:6.1f} s")
    print(f"  {'total':<16} {seconds:6.1f} s (target {TARGET_SECONDS:.0f} s)")
    print(f"  encode alone: {N_LARGE / encode_seconds:,.0f} contributions a second")
    print(
        f"  {result.k_chosen} themes chosen; ARI {large_ari:.3f}, NMI {large_nmi:.3f} against the"
    )
    print("  labels of the contributions they were made from")
    for theme in result.themes:
        print(f"    {len(theme.members):6,}  {theme.label}")

    results = {
        "benchmark": "themes",
        "n": len(texts),
        "themes": k,
        "seconds": round(seconds, 2),
        "ari": round(fixed["ari"], 4),
        "nmi": round(fixed["nmi"], 4),
        "baseline_ari": round(base["ari"], 4),
        "baseline_nmi": round(base["nmi"], 4),
        "n_large": N_LARGE,
        "k_auto": k_auto,
        "ari_auto": round(auto["ari"], 4),
        "nmi_auto": round(auto["nmi"], 4),
        "baseline_ari_at_k_auto": round(base_auto["ari"], 4),
        "baseline_nmi_at_k_auto": round(base_auto["nmi"], 4),
        "reference_full_minilm_ari": round(reference["ari"], 4),
        "reference_full_minilm_nmi": round(reference["nmi"], 4),
        "seeds": len(SEEDS),
        "build_seconds": round(build_seconds, 2),
        "build_repeatable": identical,
        "load_seconds": round(load_seconds, 3),
        "first_load_seconds": round(first_load, 2),
        "encode_per_second": round(N_LARGE / encode_seconds),
        "large_k_auto": result.k_chosen,
        "large_ari": round(large_ari, 4),
        "large_nmi": round(large_nmi, 4),
        "stages": {stage: round(spent, 2) for stage, spent in result.timings.items()},
        "target_s": TARGET_SECONDS,
        "met": seconds < TARGET_SECONDS and beats,
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
        },
    }
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    (RESULTS_DIR / "themes.json").write_text(json.dumps(results, indent=2) + "\n")
    print(f"\nWrote {RESULTS_DIR / 'themes.json'}")
    return 0 if results["met"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
