"""Report results assessed against one framework against another, through a crosswalk.

No Django here: the links arrive as (source lineage, target lineage, relation) triples.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

EXACT = "exactMatchOf"


def map_scores(
    scores: Mapping[str, float],
    links: Iterable[tuple[str, str, str]],
    *,
    exact_only: bool = True,
) -> dict[str, float]:
    """Scores by target capability: the mean of the source capabilities mapped to it.

    Only exact matches carry a score unless `exact_only` is False; a target with no mapped,
    scored source is left out rather than given a made-up value.

    >>> links = [("a", "x", EXACT), ("b", "x", EXACT), ("a", "y", "isRelatedTo")]
    >>> map_scores({"a": 0.5, "b": 1.0}, links)
    {'x': 0.75}
    """
    sources: dict[str, list[float]] = defaultdict(list)
    for source, target, relation in links:
        if exact_only and relation != EXACT:
            continue
        if source in scores:
            sources[target].append(scores[source])
    return {target: sum(values) / len(values) for target, values in sources.items()}
