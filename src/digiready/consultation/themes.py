"""Themes in free-text contributions: clustering, labels, quotes and breakdowns. No Django here.

The method, measured against a labelled set in bench/themes.py:

1. Each contribution is embedded (by default with the static MiniLM table in `embedding`); the
   direction common to all of them is removed, as in SIF, and the rows are made unit length.
   A latent semantic analysis of TF-IDF word counts is joined on at half weight: it adds the
   exact wording the static table blurs (on the evaluation set, ARI from about 0.27 to 0.31).
2. The contributions are joined to their nearest neighbours and the graph is clustered
   spectrally (Ng, Jordan and Weiss). Above 1,500 contributions the graph joins 1,000 k-means
   micro-clusters instead (k-means-based approximate spectral clustering, Yan et al. 2009): the
   cost stays flat, and near-duplicates cannot form islands that swallow the eigenvectors.
3. When the number of themes is not given, each candidate is scored by the modularity of its
   partition of that same graph, and the best wins.
4. Themes are described by class-based TF-IDF phrases (as BERTopic does) and illustrated by the
   contributions nearest their centre.
"""

from __future__ import annotations

import itertools
import re
import time
import warnings
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np
from sklearn.cluster import KMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer, TfidfVectorizer
from threadpoolctl import threadpool_limits

Progress = Callable[[float, str], None]

NEIGHBOURS = 15  # graph degree: large enough to join paraphrases, small enough to keep topics apart
MAX_NODES = 1500  # the largest graph clustered directly (a dense eigendecomposition)
MICRO_CLUSTERS = 1000
COMMON_SAMPLE = 5000  # rows used to estimate the common direction
MIN_FOR_COMMON = 50  # below this the "common" direction is mostly the contributions themselves
LSA_DIMENSIONS = 100
LSA_WEIGHT = 0.5  # measured: 0.3 to 0.7 all help; at 1.0 the word counts drown the embedding
QUOTES = 5
NOT_GIVEN = "Not given"
LABEL_PHRASES = 3
MAX_LABEL_PHRASES = 4
SEPARATOR = " · "

# Words that appear in every theme of a national health-service conversation, and contractions
# and text-speak once their apostrophes are gone.
_FILLER_TEXT = """
    nhs staff trust trusts digital need needs needed really just like lot lots thing things
    think feel want wants make makes way good better great use used using people actually
    honestly simply able bit sure know new dont wont isnt doesnt didnt wasnt arent wouldnt
    shouldnt havent hasnt im ive id thats theres youre theyre weve lets tbh pls plz ur lol
    ok okay yeah yes come comes came ask asked told say says said given got getting going
"""
FILLER = frozenset(_FILLER_TEXT.split())
# The standard list holds a few words that are topics here ("fire safety", "phone call").
STOP_WORDS = (ENGLISH_STOP_WORDS - {"bill", "call", "fire", "interest"}) | FILLER

_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
_APOSTROPHES = re.compile(r"['’‘`]")


class Encoder(Protocol):
    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


@dataclass
class Theme:
    id: int  # 0..k-1, ordered by size, largest first
    label: str  # 2–4 distinctive phrases joined with " · "
    phrases: list[str]  # top distinctive words and word pairs by class-based TF-IDF
    members: list[int]  # indices into the input texts
    quotes: list[int]  # up to 5 members nearest the theme's centre, nearest first


@dataclass
class ThemeResult:
    assignment: list[int]  # theme id per input text (-1 for a text with no words)
    themes: list[Theme]
    k_chosen: int
    scores: dict[int, float]  # k -> modularity of its partition of the neighbour graph
    timings: dict[str, float] = field(default_factory=dict)  # stage -> seconds


def analyse(
    texts: Sequence[str],
    *,
    encoder: Encoder,
    n_themes: int | None = None,
    min_themes: int = 3,
    max_themes: int = 20,
    seed: int = 0,
    progress: Progress | None = None,
) -> ThemeResult:
    """Group contributions into themes; `n_themes` forces the number, otherwise it is chosen.

    Fewer themes than asked are returned only when there are fewer distinct contributions.
    """
    if n_themes is not None and n_themes < 1:
        raise ValueError("n_themes must be at least 1")
    if min_themes < 1 or max_themes < min_themes:
        raise ValueError("need 1 <= min_themes <= max_themes")
    report = progress or _quiet
    timings: dict[str, float] = {}
    started = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal started
        now = time.perf_counter()
        timings[stage] = now - started
        started = now

    texts = [t if isinstance(t, str) else "" for t in texts]
    n = len(texts)
    report(0.0, "Embedding contributions")
    raw = _embed(encoder, texts)
    usable = np.isfinite(raw).all(axis=1) & (np.linalg.norm(raw, axis=1) > 0)
    valid = np.flatnonzero(usable & np.array([bool(t.strip()) for t in texts], dtype=bool))
    lap("embed")
    if valid.size == 0:
        report(1.0, "No contributions with words to analyse")
        return ThemeResult([-1] * n, [], 0, {}, timings)

    report(0.2, "Weighing the wording")
    features = _with_lsa(_remove_common(raw[valid], seed), [texts[i] for i in valid], seed)
    lap("features")

    report(0.3, "Grouping near-identical contributions")
    nodes, node_of = _nodes(features, seed)
    lap("micro-clusters")

    report(0.55, "Building the similarity graph")
    graph = _neighbour_graph(nodes, NEIGHBOURS)
    k_high = max(1, min(n_themes if n_themes is not None else max_themes, len(nodes)))
    k_low = k_high if n_themes is not None else max(1, min(min_themes, k_high))
    spectral = _spectral_embedding(graph, k_high)
    lap("graph")

    scores: dict[int, float] = {}
    partitions: dict[int, np.ndarray] = {}
    candidates = range(k_low, k_high + 1)
    # Hundreds of tiny k-means runs: one thread is quickest, and with a second thread each run
    # stalls whenever another process holds the other core.
    with threadpool_limits(limits=1, user_api="openmp"):
        for step, k in enumerate(candidates):
            report(0.6 + 0.25 * step / len(candidates), f"Trying {k} themes")
            partitions[k] = _spectral_labels(spectral, k, seed)
            scores[k] = round(float(_modularity(graph, partitions[k])), 6)
    # The first best keeps the smaller number of themes when two score the same.
    k = max(candidates, key=scores.__getitem__)
    lap("choose k")

    report(0.85, "Describing themes")
    labels = partitions[k][node_of]
    sizes = np.bincount(labels, minlength=k)
    order = sorted((c for c in range(k) if sizes[c]), key=lambda c: (-sizes[c], c))
    renumber = {old: new for new, old in enumerate(order)}
    assignment = np.full(n, -1, dtype=np.int64)
    assignment[valid] = [renumber[int(c)] for c in labels]
    phrases = label_themes(texts, assignment.tolist())
    theme_labels = _theme_labels([phrases.get(t, []) for t in range(len(order))])
    lap("label")

    report(0.95, "Choosing quotes")
    themes = []
    for theme_id in range(len(order)):
        members = np.flatnonzero(assignment == theme_id)
        themes.append(
            Theme(
                id=theme_id,
                label=theme_labels[theme_id],
                phrases=phrases.get(theme_id, []),
                members=members.tolist(),
                quotes=_quotes(raw, members, texts),
            )
        )
    lap("quotes")
    report(1.0, f"Found {len(themes)} themes")
    return ThemeResult(assignment.tolist(), themes, len(themes), scores, timings)


def _quiet(_fraction: float, _message: str) -> None:
    return None


def _embed(encoder: Encoder, texts: list[str]) -> np.ndarray:
    if not texts:
        return np.zeros((0, 1), dtype=np.float32)
    return np.asarray(encoder.encode(texts), dtype=np.float32).reshape(len(texts), -1)


def _normalise(x: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return x / np.where(norms > 0, norms, 1.0)


def _remove_common(x: np.ndarray, seed: int) -> np.ndarray:
    """Centre, take out the first principal direction, make rows unit length (as SIF does).

    What every contribution shares (talk of staff, wards and systems) otherwise dominates the
    similarities that tell topics apart.
    """
    if len(x) < MIN_FOR_COMMON:
        return _normalise(x.astype(np.float64))
    centred = x.astype(np.float64) - x.mean(axis=0)
    rows = np.random.default_rng(seed).permutation(len(x))[:COMMON_SAMPLE]
    _, _, vt = np.linalg.svd(centred[np.sort(rows)], full_matrices=False)
    common = vt[0]
    return _normalise(centred - np.outer(centred @ common, common))


def _with_lsa(features: np.ndarray, texts: Sequence[str], seed: int) -> np.ndarray:
    """The embeddings joined with a down-weighted LSA of the texts' TF-IDF, unit rows again."""
    if len(texts) < MIN_FOR_COMMON:
        return features
    try:
        tfidf = TfidfVectorizer(
            stop_words="english", sublinear_tf=True, min_df=2 if len(texts) >= 200 else 1
        ).fit_transform(texts)
    except ValueError:
        return features
    dims = min(LSA_DIMENSIONS, tfidf.shape[0] - 1, tfidf.shape[1] - 1)
    if dims < 2:
        return features
    lsa = TruncatedSVD(dims, random_state=seed).fit_transform(tfidf)
    return _normalise(np.hstack([features, LSA_WEIGHT * _normalise(lsa)]))


def _nodes(features: np.ndarray, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The points the graph joins, and which one stands for each contribution.

    Identical contributions share a node. Past MAX_NODES the nodes are micro-cluster centres.
    """
    distinct, inverse = np.unique(features, axis=0, return_inverse=True)
    inverse = inverse.reshape(-1)
    if len(distinct) <= MAX_NODES:
        return distinct, inverse
    counts = np.bincount(inverse, minlength=len(distinct))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        # Micro-clusters need only be small, not optimal: random starts skip k-means++, which
        # otherwise takes most of a 50,000-contribution run, for no loss of accuracy measured.
        micro = KMeans(MICRO_CLUSTERS, init="random", n_init=1, max_iter=30, random_state=seed)
        micro.fit(distinct, sample_weight=counts)
    centres = _normalise(micro.cluster_centers_)
    used, remap = np.unique(micro.labels_, return_inverse=True)
    return centres[used], remap.reshape(-1)[inverse]


def _neighbour_graph(nodes: np.ndarray, neighbours: int) -> np.ndarray:
    """Symmetric k-nearest-neighbour graph by cosine similarity, as a dense matrix."""
    m = len(nodes)
    graph = np.zeros((m, m))
    if m < 2:
        return graph
    similarity = nodes @ nodes.T
    np.fill_diagonal(similarity, -np.inf)
    k = min(neighbours, m - 1)
    nearest = np.argpartition(-similarity, k - 1, axis=1)[:, :k]
    graph[np.repeat(np.arange(m), k), nearest.reshape(-1)] = 1.0
    return (graph + graph.T) / 2


def _spectral_embedding(graph: np.ndarray, dims: int) -> np.ndarray:
    """Eigenvectors of the normalised Laplacian with the smallest eigenvalues, as columns."""
    m = len(graph)
    if m < 2:
        return np.ones((m, 1))
    degree = graph.sum(axis=1)
    scale = 1 / np.sqrt(np.where(degree > 0, degree, 1.0))
    laplacian = np.eye(m) - scale[:, None] * graph * scale[None, :]
    _, vectors = np.linalg.eigh(laplacian)
    return vectors[:, : min(dims, m)]


def _spectral_labels(spectral: np.ndarray, k: int, seed: int) -> np.ndarray:
    if k <= 1 or len(spectral) <= 1:
        return np.zeros(len(spectral), dtype=np.int64)
    rows = _normalise(spectral[:, :k])
    with warnings.catch_warnings():
        # Nodes that coincide in the embedding can leave fewer than k groups; that is fine.
        warnings.simplefilter("ignore", ConvergenceWarning)
        labels = KMeans(k, n_init=10, random_state=seed).fit_predict(rows)
    return labels.astype(np.int64)


def _modularity(graph: np.ndarray, labels: np.ndarray) -> float:
    """Newman's modularity: the share of edges inside groups beyond what chance would give."""
    total = graph.sum()
    if total == 0:
        return 0.0
    # Element-wise: a matrix product would wake BLAS threads between every pair of k-means runs.
    inside = float(graph[labels[:, None] == labels[None, :]].sum())
    degree = np.bincount(labels, weights=graph.sum(axis=1))
    return inside / total - float(((degree / total) ** 2).sum())


def _normalised_text(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def _quotes(embeddings: np.ndarray, members: np.ndarray, texts: Sequence[str]) -> list[int]:
    """Members nearest the mean of the theme's embeddings, skipping repeats of a chosen text."""
    if members.size == 0:
        return []
    rows = embeddings[members].astype(np.float64)
    centre = rows.mean(axis=0)
    norm = np.linalg.norm(centre)
    closeness = rows @ (centre / norm) if norm > 0 else np.zeros(len(members))
    chosen: list[int] = []
    seen: set[str] = set()
    for position in np.argsort(-closeness, kind="stable"):
        index = int(members[position])
        key = _normalised_text(texts[index])
        if key in seen:
            continue
        seen.add(key)
        chosen.append(index)
        if len(chosen) == QUOTES:
            break
    return chosen


def _words(text: str) -> list[str]:
    return _WORD.findall(_APOSTROPHES.sub("", text.lower()))


def _phrases_of(text: str) -> list[str]:
    """Words and adjacent word pairs, leaving out stop words, filler and numbers."""
    kept = [
        w if len(w) > 1 and w not in STOP_WORDS and not w.replace("-", "").isdigit() else None
        for w in _words(text)
    ]
    words = [w for w in kept if w]
    pairs = [f"{a} {b}" for a, b in itertools.pairwise(kept) if a and b]
    return words + pairs


def label_themes(
    texts: Sequence[str], assignment: Sequence[int], n_phrases: int = 8
) -> dict[int, list[str]]:
    """The most distinctive phrases of each theme by class-based TF-IDF (as in BERTopic).

    A phrase scores by its share of the theme's words times log(1 + A / f), where A is the
    average number of words per theme and f the phrase's count over all themes.
    """
    ids = sorted({int(a) for a in assignment if a >= 0})
    result: dict[int, list[str]] = {t: [] for t in ids}
    rows = [i for i, a in enumerate(assignment) if a >= 0]
    if not rows:
        return result
    documents = [texts[i] if isinstance(texts[i], str) else "" for i in rows]
    try:
        vectorizer = CountVectorizer(analyzer=_phrases_of, min_df=2 if len(rows) >= 200 else 1)
        counts = vectorizer.fit_transform(documents)
    except ValueError:
        # Nothing but stop words (or phrases too rare to keep): no phrases to offer.
        return result
    vocabulary = vectorizer.get_feature_names_out()
    owner = np.array([assignment[i] for i in rows])
    by_theme = np.vstack([np.asarray(counts[owner == t].sum(axis=0)).ravel() for t in ids])
    words_per_theme = by_theme.sum(axis=1, keepdims=True)
    frequency = by_theme.sum(axis=0)
    average = by_theme.sum() / len(ids)
    weight = np.log1p(average / np.where(frequency > 0, frequency, 1))
    score = by_theme / np.where(words_per_theme > 0, words_per_theme, 1) * weight
    for row, theme in enumerate(ids):
        best = np.argsort(-score[row], kind="stable")[:n_phrases]
        result[theme] = [str(vocabulary[j]) for j in best if score[row, j] > 0]
    return result


def _stems(phrase: str) -> set[str]:
    """The phrase's words with a plural "s" taken off, so "email" and "emails" overlap."""
    return {w[:-1] if len(w) > 3 and w.endswith("s") else w for w in phrase.split()}


def _pick_phrases(phrases: Iterable[str], limit: int) -> list[str]:
    """Phrases in order, without repeating a word; a pair replaces a single word it contains."""
    chosen: list[str] = []
    for phrase in phrases:
        stems = _stems(phrase)
        overlapping = [c for c in chosen if stems & _stems(c)]
        if not overlapping:
            if len(chosen) < limit:
                chosen.append(phrase)
            continue
        if len(overlapping) == 1 and _stems(overlapping[0]) < stems:
            chosen[chosen.index(overlapping[0])] = phrase
    return chosen


def _theme_labels(phrases: Sequence[Sequence[str]]) -> list[str]:
    """A label per theme from its phrases, lengthened where two themes would otherwise clash."""
    labels: list[str] = []
    taken: set[str] = set()
    for theme_id, theme_phrases in enumerate(phrases):
        label = ""
        for limit in range(LABEL_PHRASES, MAX_LABEL_PHRASES + 1):
            label = SEPARATOR.join(_pick_phrases(theme_phrases, limit))
            if label and label not in taken:
                break
        if not label or label in taken:
            label = SEPARATOR.join(filter(None, [label, f"theme {theme_id + 1}"]))
        taken.add(label)
        labels.append(label)
    return labels


def split_theme(
    embeddings: np.ndarray, members: Sequence[int], k: int = 2, seed: int = 0
) -> list[list[int]]:
    """Split one theme's members into up to k sub-themes by k-means, largest first."""
    members = [int(m) for m in members]
    if not members:
        return []
    rows = _normalise(np.asarray(embeddings, dtype=np.float64)[members])
    k = max(1, min(k, len(np.unique(rows, axis=0))))
    if k == 1:
        return [members]
    with threadpool_limits(limits=1, user_api="openmp"):
        labels = KMeans(k, n_init=10, random_state=seed).fit_predict(rows)
    groups = [[m for m, label in zip(members, labels, strict=True) if label == c] for c in range(k)]
    return sorted((g for g in groups if g), key=lambda g: (-len(g), g[0]))


def breakdown(assignment: Sequence[int], groups: Sequence[str | None]) -> dict[int, dict[str, int]]:
    """How many contributions of each theme came from each group ("Not given" when unknown)."""
    if len(assignment) != len(groups):
        raise ValueError("assignment and groups must be the same length")
    table: dict[int, dict[str, int]] = {}
    for theme, group in zip(assignment, groups, strict=True):
        counts = table.setdefault(int(theme), {})
        name = NOT_GIVEN if group is None else group
        counts[name] = counts.get(name, 0) + 1
    return table


def tfidf_kmeans_baseline(texts: Sequence[str], k: int, seed: int = 0) -> list[int]:
    """The usual simple method, for comparison: TF-IDF vectors clustered by k-means."""
    if not texts:
        return []
    try:
        vectors = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(texts)
    except ValueError:
        return [0] * len(texts)
    k = max(1, min(k, vectors.shape[0]))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        labels = KMeans(k, n_init=10, random_state=seed).fit_predict(vectors)
    return [int(label) for label in labels]
