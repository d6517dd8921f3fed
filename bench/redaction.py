"""Benchmark: how well and how fast contributions are redacted.

Recall and precision are measured on the labelled sentences in
tests/consultation/redaction_cases.py. A labelled span counts as recalled when a finding of the
same kind covers all of it; a finding counts as correct when it overlaps a labelled span of its
own kind. "hidden" is the share of labelled spans covered by a finding of any kind: what a
reader can no longer see, whatever the placeholder says.

For names, a baseline row shows the plain approach: every capitalised word that the first-name
dictionary knows is a name. A second row runs the same rules with the first names of Faker, a
maintained package, in place of gender-guesser's dictionary, and a table shows how much of the
names gender-guesser's source lists for a country Faker knows, weighted by how common each is
there (docs/adr/0005-name-dictionary.md).

Throughput is the time to redact 50,000 short contributions (the labelled sentences, over and
over) once the dictionary is loaded.

Run with `.venv/bin/python bench/redaction.py` (or `make bench`); results go to
bench/results/redaction.json.
"""

from __future__ import annotations

import json
import os
import platform
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))
RESULTS_DIR = ROOT / "bench" / "results"
CONTRIBUTIONS = int(os.environ.get("BENCH_CONTRIBUTIONS", "50000"))

from tests.consultation.redaction_cases import CASES, Case, char_spans  # noqa: E402

from digiready.consultation import redaction  # noqa: E402
from digiready.consultation.redaction import KINDS, Finding, find_personal_data  # noqa: E402


def score(
    cases: list[Case], finder: Callable[[str], list[Finding]]
) -> dict[str, dict[str, float | int]]:
    labelled: Counter[str] = Counter()
    recalled: Counter[str] = Counter()
    hidden: Counter[str] = Counter()
    found: Counter[str] = Counter()
    correct: Counter[str] = Counter()
    for case in cases:
        spans = char_spans(case)
        findings = finder(case.text)
        for kind, start, end in spans:
            labelled[kind] += 1
            covering = [f for f in findings if f.start <= start and f.end >= end]
            recalled[kind] += any(f.kind == kind for f in covering)
            hidden[kind] += bool(covering)
        for f in findings:
            found[f.kind] += 1
            correct[f.kind] += any(k == f.kind and f.start < e and f.end > s for k, s, e in spans)
    rows: dict[str, dict[str, float | int]] = {}
    for kind in [*KINDS, "overall"]:
        if kind == "overall":
            n, hit, seen = labelled.total(), recalled.total(), hidden.total()
            f_n, ok = found.total(), correct.total()
        else:
            n, hit, seen, f_n, ok = (
                labelled[kind],
                recalled[kind],
                hidden[kind],
                found[kind],
                correct[kind],
            )
        if n == 0 and f_n == 0:
            continue
        rows[kind] = {
            "labelled": n,
            "found": f_n,
            "recall": round(hit / n, 3) if n else 0.0,
            "precision": round(ok / f_n, 3) if f_n else 1.0,
            "hidden": round(seen / n, 3) if n else 0.0,
        }
    return rows


@cache
def dictionary() -> frozenset[str]:
    from gender_guesser.detector import Detector

    return frozenset(Detector().names)


def dictionary_alone(text: str) -> list[Finding]:
    """The baseline for names: a run of capitalised words whose first the first-name
    dictionary knows ("Priya Sharma", but also "May Day")."""
    return [
        Finding("name", m.start(), m.end(), m.group())
        for m in CAPITALISED_RUN.finditer(text)
        if m.group(1) in dictionary()
    ]


@cache
def faker_first_names() -> frozenset[str]:
    """Every Latin-script first name of every locale Faker has."""
    import importlib
    import pkgutil

    from faker.providers import person

    names: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        try:
            provider = importlib.import_module(f"{person.__name__}.{module.name}").Provider
        except (ImportError, AttributeError):
            continue
        for attribute in ("first_names", "first_names_male", "first_names_female"):
            value = getattr(provider, attribute, None)  # a property on a few locales
            if isinstance(value, dict | list | tuple):
                names.update(str(n) for n in value)
    return frozenset(n for n in names if LATIN_NAME.fullmatch(n))


LATIN_NAME = re.compile(r"[A-Za-z\u00c0-\u024f'’-]+")


# Countries of gender-guesser's source where many NHS staff were born or have family.
COUNTRIES = (
    "great_britain",
    "ireland",
    "india",
    "arabia",
    "china",
    "poland",
    "romania",
    "turkey",
)


def coverage(names: frozenset[str]) -> dict[str, float]:
    """The share of the names gender-guesser's source lists for each country that `names`
    holds, each weighted by 2 to the power of its frequency class there (1 to 13)."""
    from gender_guesser.detector import Detector

    detector = Detector()
    shares: dict[str, float] = {}
    for country in COUNTRIES:
        at = Detector.COUNTRIES.index(country)
        total = held = 0
        for name, by_gender in detector.names.items():
            level = max(int(v[at], 16) if v[at : at + 1].strip() else 0 for v in by_gender.values())
            if level:
                total += 2**level
                held += 2**level if name in names else 0
        shares[country] = round(held / total, 3)
    return shares


CAPITALISED_RUN = re.compile(r"\b([A-Z][a-z]+)(?:[ ][A-Z][a-z]+(?:['’-][A-Z][a-z]+)*){0,2}\b")


def throughput() -> tuple[float, float, float]:
    texts = [CASES[i % len(CASES)].text for i in range(CONTRIBUTIONS)]
    start = time.perf_counter()
    find_personal_data("Ask Priya Sharma.")  # the first call loads the first-name dictionary
    load = time.perf_counter() - start
    start = time.perf_counter()
    for text in texts:
        find_personal_data(text)
    seconds = time.perf_counter() - start
    return CONTRIBUTIONS / seconds, seconds, load


def main() -> None:
    per_second, seconds, load = throughput()
    rows = score(CASES, find_personal_data)
    baseline = score(CASES, dictionary_alone)["name"]
    negatives = [c for c in CASES if not c.spans]
    false_alarms = sum(1 for c in negatives if find_personal_data(c.text))
    faker = faker_first_names()
    with redaction.first_names_from(faker):
        peer = score(CASES, find_personal_data)["name"]
        peer_false_alarms = sum(1 for c in negatives if find_personal_data(c.text))
    covered = coverage(faker)

    print(
        f"\nRedaction on {len(CASES)} labelled sentences ({len(negatives)} with no personal data)"
    )
    print(f"{'kind':<16}{'labelled':>9}{'found':>7}{'recall':>8}{'precision':>11}{'hidden':>8}")
    for kind, row in rows.items():
        print(
            f"{kind:<16}{row['labelled']:>9}{row['found']:>7}{row['recall']:>8.3f}"
            f"{row['precision']:>11.3f}{row['hidden']:>8.3f}"
        )
    print(
        f"{'names, baseline':<16}{baseline['labelled']:>9}{baseline['found']:>7}"
        f"{baseline['recall']:>8.3f}{baseline['precision']:>11.3f}{baseline['hidden']:>8.3f}"
        "   (capitalised words after a dictionary first name)"
    )
    print(
        f"{'names, Faker':<16}{peer['labelled']:>9}{peer['found']:>7}"
        f"{peer['recall']:>8.3f}{peer['precision']:>11.3f}{peer['hidden']:>8.3f}"
        f"   (the same rules with Faker's {len(faker):,} first names in place of"
        f" gender-guesser's {len(dictionary()):,})"
    )
    print(f"sentences with no personal data that were changed: {false_alarms}/{len(negatives)}")
    print(
        "\nOf the first names gender-guesser's source lists for a country, weighted by how"
        " common each is there,\nthe share that Faker knows:"
    )
    for country in COUNTRIES:
        print(f"  {country.replace('_', ' '):<16}{covered[country]:>6.3f}")
    print(
        f"throughput: {per_second:,.0f} contributions/s ({CONTRIBUTIONS:,} in {seconds:.2f} s; "
        f"first call {load:.2f} s to load the dictionary)"
    )

    results = RESULTS_DIR / "redaction.json"
    results.parent.mkdir(parents=True, exist_ok=True)
    results.write_text(
        json.dumps(
            {
                "benchmark": "redaction",
                "n_sentences": len(CASES),
                "n_without_personal_data": len(negatives),
                "changed_without_personal_data": false_alarms,
                "recall": rows["overall"]["recall"],
                "precision": rows["overall"]["precision"],
                "by_kind": {k: v for k, v in rows.items() if k != "overall"},
                "names_baseline_dictionary_alone": baseline,
                "names_with_faker_first_names": {
                    **peer,
                    "dictionary_size": len(faker),
                    "changed_without_personal_data": peer_false_alarms,
                },
                "gender_guesser_dictionary_size": len(dictionary()),
                "faker_share_of_gender_guesser_names_by_country": covered,
                "contributions": CONTRIBUTIONS,
                "seconds": round(seconds, 3),
                "per_second": round(per_second),
                "dictionary_load_s": round(load, 3),
                "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
                "measured_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            },
            indent=2,
        )
        + "\n"
    )


if __name__ == "__main__":
    main()
