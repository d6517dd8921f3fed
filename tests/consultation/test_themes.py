"""Theme analysis: clustering quality against labels, labels, quotes, splits and breakdowns."""

from __future__ import annotations

import os
import random
import zlib
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

from digiready.consultation.embedding import StaticEncoder
from digiready.consultation.themes import (
    NOT_GIVEN,
    SEPARATOR,
    STOP_WORDS,
    ThemeResult,
    analyse,
    breakdown,
    label_themes,
    split_theme,
    tfidf_kmeans_baseline,
)
from tests.consultation.theme_eval_set import EVAL_SET, THEMES

ROOT = Path(__file__).resolve().parents[2]
CACHE_DIR = Path(os.environ.get("DIGIREADY_VAR_DIR", str(ROOT / "var"))) / "models"
TEXTS = [text for text, _ in EVAL_SET]
TRUTH = [THEMES.index(theme) for _, theme in EVAL_SET]


@pytest.fixture(scope="session")
def static_encoder() -> StaticEncoder:
    """Built once (about half a minute) and then loaded from the cache by every later run."""
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    return StaticEncoder.load(CACHE_DIR)


@pytest.fixture(scope="module")
def embeddings(static_encoder: StaticEncoder) -> np.ndarray:
    return static_encoder.encode(TEXTS)


@pytest.fixture(scope="module")
def steps() -> list[tuple[float, str]]:
    return []


@pytest.fixture(scope="module")
def fixed(static_encoder: StaticEncoder, steps: list[tuple[float, str]]) -> ThemeResult:
    return analyse(
        TEXTS,
        encoder=static_encoder,
        n_themes=len(THEMES),
        progress=lambda fraction, message: steps.append((fraction, message)),
    )


@pytest.fixture(scope="module")
def auto(static_encoder: StaticEncoder) -> ThemeResult:
    return analyse(TEXTS, encoder=static_encoder)


class TrigramEncoder:
    """Letter trigrams hashed into 16 numbers: a stand-in that makes property tests quick."""

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        rows = np.zeros((len(texts), 16), dtype=np.float32)
        for row, text in enumerate(texts):
            padded = f"  {text.lower()}  "
            for i in range(len(padded) - 2):
                if padded[i : i + 3].strip():
                    rows[row, zlib.crc32(padded[i : i + 3].encode()) % 16] += 1.0
        norms = np.linalg.norm(rows, axis=1, keepdims=True)
        return rows / np.where(norms > 0, norms, 1.0)


# The evaluation set ------------------------------------------------------------------------


def test_the_evaluation_set_is_large_varied_and_labelled() -> None:
    assert len(EVAL_SET) >= 600
    assert len(THEMES) >= 10
    assert len(set(TEXTS)) == len(TEXTS)
    counts = Counter(theme for _, theme in EVAL_SET)
    assert set(counts) == set(THEMES)
    assert min(counts.values()) >= 40
    assert all(0 < len(text) <= 200 for text in TEXTS)


# Quality -----------------------------------------------------------------------------------


def test_fixed_k_beats_the_tfidf_baseline(fixed: ThemeResult) -> None:
    baseline = tfidf_kmeans_baseline(TEXTS, len(THEMES))
    ari = adjusted_rand_score(TRUTH, fixed.assignment)
    nmi = normalized_mutual_info_score(TRUTH, fixed.assignment)
    assert ari > adjusted_rand_score(TRUTH, baseline) + 0.1
    assert nmi > normalized_mutual_info_score(TRUTH, baseline) + 0.1


def test_chosen_k_beats_the_tfidf_baseline(auto: ThemeResult) -> None:
    baseline = tfidf_kmeans_baseline(TEXTS, auto.k_chosen)
    ari = adjusted_rand_score(TRUTH, auto.assignment)
    nmi = normalized_mutual_info_score(TRUTH, auto.assignment)
    assert ari > adjusted_rand_score(TRUTH, baseline) + 0.1
    assert nmi > normalized_mutual_info_score(TRUTH, baseline) + 0.1


def test_misspellings_do_not_break_it(static_encoder: StaticEncoder) -> None:
    rng = random.Random(1)

    def misspell(word: str) -> str:
        if len(word) < 4 or rng.random() > 0.2:
            return word
        i = rng.randrange(1, len(word) - 1)
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]

    misspelt = [" ".join(misspell(w) for w in text.split()) for text in TEXTS]
    assert sum(a != b for a, b in zip(misspelt, TEXTS, strict=True)) > 500
    result = analyse(misspelt, encoder=static_encoder, n_themes=len(THEMES))
    clean_baseline = tfidf_kmeans_baseline(TEXTS, len(THEMES))
    assert adjusted_rand_score(TRUTH, result.assignment) > adjusted_rand_score(
        TRUTH, clean_baseline
    )


def test_the_number_of_themes_is_chosen_by_modularity(auto: ThemeResult) -> None:
    assert set(auto.scores) == set(range(3, 21))
    assert auto.k_chosen == len(auto.themes)
    assert auto.scores[auto.k_chosen] == max(auto.scores.values())
    assert 3 <= auto.k_chosen <= 20


# The result's shape ------------------------------------------------------------------------


def test_a_forced_number_of_themes_is_respected(fixed: ThemeResult) -> None:
    assert fixed.k_chosen == len(fixed.themes) == len(THEMES)
    assert list(fixed.scores) == [len(THEMES)]
    assert [theme.id for theme in fixed.themes] == list(range(len(THEMES)))
    sizes = [len(theme.members) for theme in fixed.themes]
    assert sizes == sorted(sizes, reverse=True)


def test_every_text_is_assigned_to_one_theme(fixed: ThemeResult) -> None:
    assert len(fixed.assignment) == len(TEXTS)
    assert all(0 <= a < len(fixed.themes) for a in fixed.assignment)
    members = sorted(m for theme in fixed.themes for m in theme.members)
    assert members == list(range(len(TEXTS)))
    for theme in fixed.themes:
        assert all(fixed.assignment[m] == theme.id for m in theme.members)


def test_quotes_are_the_members_nearest_the_centre(
    fixed: ThemeResult, embeddings: np.ndarray
) -> None:
    for theme in fixed.themes:
        assert len(theme.quotes) == min(5, len(theme.members))
        assert set(theme.quotes) <= set(theme.members)
        rows = embeddings[theme.members]
        centre = rows.mean(axis=0)
        closeness = dict(zip(theme.members, rows @ (centre / np.linalg.norm(centre)), strict=True))
        others = [closeness[m] for m in theme.members if m not in theme.quotes]
        quoted = [closeness[q] for q in theme.quotes]
        assert quoted == sorted(quoted, reverse=True)
        assert min(quoted) >= max(others) - 1e-6


def test_labels_are_distinct_phrases_of_the_theme(fixed: ThemeResult) -> None:
    labels = [theme.label for theme in fixed.themes]
    assert all(labels)
    assert len(set(labels)) == len(labels)
    for theme in fixed.themes:
        parts = theme.label.split(SEPARATOR)
        assert 2 <= len(parts) <= 4
        assert all(part in theme.phrases for part in parts)
        assert 1 <= len(theme.phrases) <= 8
        assert not {w for p in theme.phrases for w in p.split()} & STOP_WORDS


def test_themes_are_recognisable(fixed: ThemeResult) -> None:
    # Themes whose wording is distinctive should surface in some label or phrase.
    phrases = " ".join(" ".join(theme.phrases) for theme in fixed.themes)
    for word in ("wifi", "ai", "data", "video", "champions"):
        assert word in phrases.split()


def test_progress_is_reported_from_start_to_finish(
    fixed: ThemeResult, steps: list[tuple[float, str]]
) -> None:
    fractions = [fraction for fraction, _ in steps]
    assert fractions[0] == 0.0 and fractions[-1] == 1.0
    assert fractions == sorted(fractions)
    assert all(isinstance(message, str) and message for _, message in steps)
    assert set(fixed.timings) >= {"embed", "graph", "choose k", "label", "quotes"}


# Labels --------------------------------------------------------------------------------------


def test_labels_leave_out_stop_words_and_filler() -> None:
    texts = [
        "The NHS staff really need the wifi fixed",
        "wifi signal is so poor on the ward",
        "The smartcard readers keep failing",
        "My smartcard locks every morning, need a new smartcard",
        "",
    ]
    phrases = label_themes(texts, [0, 0, 1, 1, -1], n_phrases=5)
    assert set(phrases) == {0, 1}
    assert phrases[0][0] == "wifi" and phrases[1][0] == "smartcard"
    words = {w for found in phrases.values() for p in found for w in p.split()}
    assert not words & {"the", "nhs", "staff", "really", "need", "is", "so", "my"}
    assert all(len(found) <= 5 for found in phrases.values())


def test_word_pairs_are_adjacent_words() -> None:
    phrases = label_themes(["protected time for learning", "protected time please"], [0, 0])
    assert "protected time" in phrases[0]
    assert "time learning" not in phrases[0]  # "for" stood between them


def test_a_theme_of_nothing_but_stop_words_still_gets_a_label() -> None:
    result = analyse(["it is what it is", "it is what it is"], encoder=TrigramEncoder())
    assert result.k_chosen == 1
    assert result.themes[0].phrases == []
    assert result.themes[0].label


# Splitting and breakdowns --------------------------------------------------------------------


def test_split_theme_partitions_the_members(fixed: ThemeResult, embeddings: np.ndarray) -> None:
    members = fixed.themes[0].members
    for k in (2, 3):
        parts = split_theme(embeddings, members, k=k)
        assert len(parts) == k
        assert sorted(m for part in parts for m in part) == sorted(members)
        assert all(parts)
        assert [len(p) for p in parts] == sorted((len(p) for p in parts), reverse=True)


def test_split_theme_with_too_few_distinct_members(embeddings: np.ndarray) -> None:
    assert split_theme(embeddings, []) == []
    assert split_theme(embeddings, [7]) == [[7]]
    same = np.vstack([embeddings[0]] * 4)
    assert split_theme(same, [0, 1, 2, 3]) == [[0, 1, 2, 3]]


def test_breakdown_counts_add_up(fixed: ThemeResult) -> None:
    rng = random.Random(0)
    groups = [rng.choice(["Nursing", "Medical", "Allied health", None]) for _ in TEXTS]
    table = breakdown(fixed.assignment, groups)
    assert set(table) == {theme.id for theme in fixed.themes}
    for theme in fixed.themes:
        assert sum(table[theme.id].values()) == len(theme.members)
    assert sum(sum(row.values()) for row in table.values()) == len(TEXTS)
    assert sum(row.get(NOT_GIVEN, 0) for row in table.values()) == groups.count(None)


def test_breakdown_refuses_lists_of_different_lengths() -> None:
    with pytest.raises(ValueError, match="same length"):
        breakdown([0, 1], ["Nursing"])


def test_the_baseline_gives_one_label_per_text() -> None:
    labels = tfidf_kmeans_baseline(TEXTS[:50], 4)
    assert len(labels) == 50 and set(labels) <= set(range(4))
    assert tfidf_kmeans_baseline([], 3) == []
    assert tfidf_kmeans_baseline(["the", "a"], 3) == [0, 0]


# Odd input -----------------------------------------------------------------------------------


def test_no_text_gives_no_themes() -> None:
    result = analyse([], encoder=TrigramEncoder())
    assert (result.assignment, result.themes, result.k_chosen) == ([], [], 0)
    result = analyse(["", "   ", "\n"], encoder=TrigramEncoder())
    assert result.assignment == [-1, -1, -1] and result.themes == []


def test_fewer_texts_than_the_minimum_give_fewer_themes() -> None:
    result = analyse(["wifi keeps dropping", "smartcard broke"], encoder=TrigramEncoder())
    assert result.k_chosen == 2  # as close to the minimum of 3 as two texts allow
    assert sorted(result.assignment) == [0, 1]


def test_impossible_numbers_of_themes_are_refused() -> None:
    with pytest.raises(ValueError, match="n_themes"):
        analyse(["wifi"], encoder=TrigramEncoder(), n_themes=0)
    with pytest.raises(ValueError, match="min_themes"):
        analyse(["wifi"], encoder=TrigramEncoder(), min_themes=0)
    with pytest.raises(ValueError, match="min_themes <= max_themes"):
        analyse(["wifi"], encoder=TrigramEncoder(), min_themes=5, max_themes=4)


def test_one_text_is_one_theme_quoting_it() -> None:
    result = analyse(["Not enough laptops for the team"], encoder=TrigramEncoder(), n_themes=5)
    assert result.assignment == [0]
    assert [(t.members, t.quotes) for t in result.themes] == [([0], [0])]


def test_duplicates_are_quoted_once(static_encoder: StaticEncoder) -> None:
    texts = ["Wifi is awful on the ward"] * 6 + ["wifi  is AWFUL on the ward"] + ["", "😀"]
    result = analyse(texts, encoder=static_encoder)
    assert result.k_chosen == 1
    assert result.assignment == [0] * 7 + [-1, -1]
    assert result.themes[0].quotes == [0]


ODD_TEXTS = st.one_of(
    st.text(max_size=60),
    st.sampled_from(
        [
            "",
            "   ",
            "\n\t",
            "😀😀😀",
            "🏥 wifi 📶",
            "wifi is down again",
            "wifi is down again",
            "PASSWORDS!!!",
            "pasword expird",
            "the and of",
            "Ünïcödé naïve café",
            "x",
            "1234 5678",
            "a" * 500,
        ]
    ),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    texts=st.lists(ODD_TEXTS, max_size=25),
    n_themes=st.one_of(st.none(), st.integers(1, 6)),
    min_themes=st.integers(1, 4),
    extra=st.integers(0, 4),
    seed=st.integers(0, 3),
)
def test_analyse_never_fails_on_odd_input(
    texts: list[str], n_themes: int | None, min_themes: int, extra: int, seed: int
) -> None:
    result = analyse(
        texts,
        encoder=TrigramEncoder(),
        n_themes=n_themes,
        min_themes=min_themes,
        max_themes=min_themes + extra,
        seed=seed,
    )
    assert len(result.assignment) == len(texts)
    assert result.k_chosen == len(result.themes) <= max(len(texts), 0)
    if n_themes is not None:
        assert result.k_chosen <= n_themes
    else:
        assert result.k_chosen <= min_themes + extra
    for i, text in enumerate(texts):
        if not text.strip():
            assert result.assignment[i] == -1
    assigned = [i for i, a in enumerate(result.assignment) if a >= 0]
    assert sorted(m for t in result.themes for m in t.members) == assigned
    for theme in result.themes:
        assert theme.members and theme.label
        assert set(theme.quotes) <= set(theme.members) and 1 <= len(theme.quotes) <= 5
    assert len({t.label for t in result.themes}) == len(result.themes)
