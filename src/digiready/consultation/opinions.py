"""Opinion groups in an online conversation, and the statements that unite and divide them.

Participants (anonymous browser sessions) vote agree (+1), disagree (−1) or pass (0) on each
other's statements. The analysis follows the method Pol.is publishes (Small et al., "Polis:
Scaling deliberation by mapping high dimensional opinion spaces", 2021), simplified:

1. **Vote matrix.** Participants × statements: +1, −1, 0, or NaN where the participant has not
   seen the statement. A pass counts as a vote cast.
2. **Who is placed.** Only participants who voted on at least ``min_votes`` statements (never more
   than there are statements, never fewer than one) are placed in groups; the rest are left
   ungrouped, as group −1.
3. **Map.** Unseen votes are filled with the statement's mean vote among the placed participants
   who saw it (0 if none did), the filled matrix is reduced to two principal components, and each
   participant's point is scaled by sqrt(statements / votes cast) so that someone who saw few
   statements is not pulled to the centre by the filled-in means.
4. **Groups.** k-means for k = 2 … ``max_groups``, keeping the k with the best silhouette. With
   fewer than ``min_participants`` placed, fewer than two statements, or everyone at one point,
   there is one group.
5. **Disclosure.** A group smaller than ``min_group_size`` is merged into the group with the
   nearest centre, smallest first, and the notes say how many were merged. If everyone placed
   together is still fewer than ``min_group_size``, no group is reported at all.
6. **Consensus** (group-informed): statements that more than half of every group agree with, by
   the Laplace-smoothed rate (agree + 1) / (votes + 2), ranked by the product of the groups'
   rates.
7. **Representative statements** (Pol.is "repness"): for each group and statement, the group's
   smoothed agree rate is compared with that of the other placed participants, as a ratio and as a
   two-proportion z-test, and likewise for disagreement; the side with the larger z is the one
   that counts. A statement represents the group when that z passes the one-tailed 90% level and
   the group cast at least three votes on it. They are ranked by ratio × z.
8. **Divisive statements**: those whose smoothed agree rate differs most between the most and the
   least agreeing groups, where that difference is itself significant at 90%.

No Django here.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from sklearn.metrics import silhouette_score

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]

Z_90 = 1.2816  # one-tailed z at 90% confidence, as Pol.is uses
MIN_GROUP_VOTES = 3  # fewer votes than this say nothing about a group
MAX_REPRESENTATIVE = 5
MAX_CONSENSUS = 10
MAX_DIVISIVE = 10


@dataclass
class StatementScore:
    statement: int  # column index
    agree: float  # smoothed agree rate (for a group, or overall)
    disagree: float
    votes: int  # votes cast on it, passes included


@dataclass
class GroupSummary:
    id: int
    size: int
    # Up to five, most representative first; a statement the group rejects has disagree > agree.
    representative: list[StatementScore] = field(default_factory=list)


@dataclass
class OpinionResult:
    groups: list[int]  # per participant: group id, or −1 if not placed
    coordinates: FloatArray  # (participants, 2); NaN rows for unplaced participants
    summaries: list[GroupSummary]  # one per group, by id; ids run from 0, largest group first
    consensus: list[StatementScore]  # up to 10, overall rates among the placed participants
    divisive: list[int]  # statement indices, most divisive first, up to 10
    notes: list[str]  # plain-English caveats for analysts


def vote_matrix(
    votes: Iterable[tuple[str, int, int]],
    participants: list[str] | None = None,
    n_statements: int | None = None,
) -> tuple[FloatArray, list[str]]:
    """Build the participants × statements matrix from (participant key, statement, value) votes.

    Rows follow ``participants`` when it is given (a vote from anyone else is an error), otherwise
    the order in which participants first vote. Columns run to ``n_statements``, or to the highest
    statement voted on. A later vote on the same statement replaces an earlier one, as a
    participant may change their mind.

    >>> matrix, keys = vote_matrix([("a", 0, 1), ("b", 1, -1), ("a", 0, 0)])
    >>> keys
    ['a', 'b']
    >>> matrix.tolist()
    [[0.0, nan], [nan, -1.0]]
    """
    if n_statements is not None and n_statements < 0:
        raise ValueError("n_statements cannot be negative")
    fixed = participants is not None
    rows: dict[str, int] = {key: row for row, key in enumerate(participants or [])}
    if fixed and len(rows) != len(participants or []):
        raise ValueError("a participant is listed more than once")
    latest: dict[tuple[int, int], int] = {}
    for key, statement, value in votes:
        if value not in (-1, 0, 1):
            raise ValueError(f"vote {value!r} is not -1, 0 or 1")
        if statement < 0 or (n_statements is not None and statement >= n_statements):
            raise ValueError(f"statement {statement} is out of range")
        if key not in rows:
            if fixed:
                raise ValueError(f"vote from unlisted participant {key!r}")
            rows[key] = len(rows)
        latest[(rows[key], statement)] = int(value)
    if n_statements is None:
        n_statements = max((statement for _, statement in latest), default=-1) + 1
    matrix = np.full((len(rows), n_statements), np.nan)
    for (row, statement), value in latest.items():
        matrix[row, statement] = value
    return matrix, list(rows)


def opinion_groups(
    matrix: npt.ArrayLike,
    *,
    min_votes: int = 7,
    max_groups: int = 5,
    min_participants: int = 10,
    min_group_size: int = 5,
    seed: int = 0,
) -> OpinionResult:
    """Find the opinion groups in a vote matrix and the statements that unite and divide them.

    See the module's docstring for the method. The result is the same for the same matrix and
    ``seed``.
    """
    for name, value in [
        ("min_votes", min_votes),
        ("max_groups", max_groups),
        ("min_participants", min_participants),
        ("min_group_size", min_group_size),
    ]:
        if value < 1:
            raise ValueError(f"{name} must be at least 1")
    votes = _checked(matrix)
    n_people, n_statements = votes.shape
    groups = np.full(n_people, -1, dtype=np.intp)
    coordinates = np.full((n_people, 2), np.nan)
    notes: list[str] = []

    threshold = max(1, min(min_votes, n_statements))
    cast = (~np.isnan(votes)).sum(axis=1)
    placed = np.flatnonzero(cast >= threshold)
    if len(placed) < n_people:
        notes.append(
            f"{_count(n_people - len(placed), 'participant')} voted on fewer than "
            f"{_count(threshold, 'statement')} and {_were(n_people - len(placed))} not placed "
            "in a group."
        )

    def unreported() -> OpinionResult:
        return OpinionResult(groups.tolist(), coordinates, [], [], [], notes)

    if len(placed) == 0:
        return unreported()

    ours = votes[placed]
    points = _project(ours)
    labels = _cluster(points, n_statements, max_groups, min_participants, seed, notes)
    labels, merged = _merge_small(points, labels, min_group_size)
    if merged:
        notes.append(
            f"{_count(merged, 'small group')} {_were(merged)} merged into the nearest group "
            "to protect anonymity."
        )
    if len(placed) < min_group_size:
        # Everyone placed is one group by now, and too small a one to report without risk.
        notes.append(
            f"Only {_count(len(placed), 'participant')} could be placed, fewer than the "
            f"{min_group_size} a group needs before it is reported, so no group is reported."
        )
        return unreported()

    groups[placed] = labels
    coordinates[placed] = points
    tallies = _Tallies(ours)
    n_groups = int(labels.max()) + 1
    per_group = [tallies.within(labels == g) for g in range(n_groups)]
    summaries = [
        GroupSummary(
            id=g,
            size=int((labels == g).sum()),
            representative=(
                _representative(per_group[g], tallies.within(labels != g))
                if n_groups > 1
                else []  # with one group there is nobody to compare it with
            ),
        )
        for g in range(n_groups)
    ]
    return OpinionResult(
        groups=groups.tolist(),
        coordinates=coordinates,
        summaries=summaries,
        consensus=_consensus(per_group, tallies.within(np.ones(len(placed), dtype=bool))),
        divisive=_divisive(per_group),
        notes=notes,
    )


def _checked(matrix: npt.ArrayLike) -> FloatArray:
    votes = np.array(matrix, dtype=np.float64)
    if votes.ndim != 2:
        raise ValueError("the vote matrix must be two-dimensional")
    if (~np.isnan(votes) & ~np.isin(votes, (-1.0, 0.0, 1.0))).any():
        raise ValueError("votes must be -1, 0, 1 or NaN")
    return votes


def _project(votes: FloatArray) -> FloatArray:
    """Each placed participant's point on the two-dimensional opinion map."""
    n_people, n_statements = votes.shape
    seen = ~np.isnan(votes)
    voters = seen.sum(axis=0)
    totals = np.where(seen, votes, 0.0).sum(axis=0)
    means = np.divide(totals, voters, out=np.zeros(n_statements), where=voters > 0)
    filled = np.where(seen, votes, means)
    points = np.zeros((n_people, 2))
    components = min(2, n_people, n_statements)
    # PCA of a matrix with no variation at all has nothing to find, and sklearn warns about it.
    if components and np.ptp(filled, axis=0).any():
        pca = PCA(n_components=components, svd_solver="full")
        points[:, :components] = pca.fit_transform(filled)
    scale = np.sqrt(n_statements / seen.sum(axis=1))
    result: FloatArray = points * scale[:, np.newaxis]
    return result


def _cluster(
    points: FloatArray,
    n_statements: int,
    max_groups: int,
    min_participants: int,
    seed: int,
    notes: list[str],
) -> IntArray:
    """k-means labels for the points, with k chosen by silhouette; all zeros for one group."""
    n_people = len(points)
    one = np.zeros(n_people, dtype=np.intp)
    # Rounding stops floating-point noise in the projection passing for different opinions.
    distinct = len(np.unique(np.round(points, 9), axis=0))
    if n_statements < 2:
        notes.append("With fewer than two statements there are no opinion groups to find.")
        return one
    if n_people < min_participants:
        notes.append(
            f"Only {_count(n_people, 'participant')} could be placed, fewer than the "
            f"{min_participants} needed to look for more than one group."
        )
        return one
    if distinct < 2:
        notes.append("Everyone placed voted alike, so there is one group.")
        return one
    # Silhouette needs fewer clusters than points, and k-means no more than distinct points.
    best, best_score = one, -math.inf
    for k in range(2, min(max_groups, distinct, n_people - 1) + 1):
        labels = KMeans(n_clusters=k, n_init=10, random_state=seed).fit_predict(points)
        if len(np.unique(labels)) < 2:
            continue
        score = float(silhouette_score(points, labels))
        if score > best_score:
            best, best_score = labels.astype(np.intp), score
    return best


def _merge_small(points: FloatArray, labels: IntArray, min_size: int) -> tuple[IntArray, int]:
    """Merge groups smaller than ``min_size`` into the nearest group, smallest first.

    Returns labels renumbered from 0, largest group first, and how many groups were merged.
    """
    members = {int(label): np.flatnonzero(labels == label) for label in np.unique(labels)}
    merged = 0
    while len(members) > 1:
        small = [label for label, rows in members.items() if len(rows) < min_size]
        if not small:
            break
        victim = min(small, key=lambda label: (len(members[label]), label))
        centre = points[members[victim]].mean(axis=0)
        target = min(
            (label for label in members if label != victim),
            key=lambda label: (
                float(np.linalg.norm(points[members[label]].mean(axis=0) - centre)),
                label,
            ),
        )
        members[target] = np.sort(np.concatenate([members[target], members.pop(victim)]))
        merged += 1
    ordered = sorted(members.values(), key=lambda rows: (-len(rows), int(rows[0])))
    renumbered = np.empty(len(labels), dtype=np.intp)
    for new, rows in enumerate(ordered):
        renumbered[rows] = new
    return renumbered, merged


@dataclass
class _Counts:
    """Agree, disagree and total votes per statement for some set of participants."""

    agree: FloatArray
    disagree: FloatArray
    votes: FloatArray

    @property
    def agree_rate(self) -> FloatArray:
        rate: FloatArray = (self.agree + 1) / (self.votes + 2)
        return rate

    @property
    def disagree_rate(self) -> FloatArray:
        rate: FloatArray = (self.disagree + 1) / (self.votes + 2)
        return rate

    def score(self, statement: int) -> StatementScore:
        return StatementScore(
            statement=statement,
            agree=float(self.agree_rate[statement]),
            disagree=float(self.disagree_rate[statement]),
            votes=int(self.votes[statement]),
        )


class _Tallies:
    def __init__(self, votes: FloatArray) -> None:
        self.agree = votes == 1
        self.disagree = votes == -1
        self.seen = ~np.isnan(votes)

    def within(self, rows: npt.NDArray[np.bool_]) -> _Counts:
        return _Counts(
            agree=self.agree[rows].sum(axis=0).astype(np.float64),
            disagree=self.disagree[rows].sum(axis=0).astype(np.float64),
            votes=self.seen[rows].sum(axis=0).astype(np.float64),
        )


def _two_proportion_z(
    successes: FloatArray, trials: FloatArray, other_successes: FloatArray, other_trials: FloatArray
) -> FloatArray:
    """z for the first smoothed proportion exceeding the second, pooled as usual."""
    first = (successes + 1) / (trials + 2)
    second = (other_successes + 1) / (other_trials + 2)
    # Smoothing keeps the pooled rate strictly between 0 and 1, so the error is never zero.
    pooled = (successes + other_successes + 2) / (trials + other_trials + 4)
    error = np.sqrt(pooled * (1 - pooled) * (1 / (trials + 2) + 1 / (other_trials + 2)))
    z: FloatArray = (first - second) / error
    return z


def _representative(group: _Counts, rest: _Counts) -> list[StatementScore]:
    agree_z = _two_proportion_z(group.agree, group.votes, rest.agree, rest.votes)
    disagree_z = _two_proportion_z(group.disagree, group.votes, rest.disagree, rest.votes)
    agree_ratio = group.agree_rate / rest.agree_rate
    disagree_ratio = group.disagree_rate / rest.disagree_rate
    by_agreement = agree_z >= disagree_z
    z = np.where(by_agreement, agree_z, disagree_z)
    metric = np.where(by_agreement, agree_ratio, disagree_ratio) * z
    chosen = np.flatnonzero((z > Z_90) & (group.votes >= MIN_GROUP_VOTES))
    ranked = sorted(chosen, key=lambda s: (-metric[s], s))
    return [group.score(int(s)) for s in ranked[:MAX_REPRESENTATIVE]]


def _consensus(per_group: list[_Counts], everyone: _Counts) -> list[StatementScore]:
    rates = np.array([counts.agree_rate for counts in per_group])
    product = rates.prod(axis=0)
    chosen = np.flatnonzero((rates > 0.5).all(axis=0))
    ranked = sorted(chosen, key=lambda s: (-product[s], s))
    return [everyone.score(int(s)) for s in ranked[:MAX_CONSENSUS]]


def _divisive(per_group: list[_Counts]) -> list[int]:
    if len(per_group) < 2:
        return []
    rates = np.array([counts.agree_rate for counts in per_group])
    agree = np.array([counts.agree for counts in per_group])
    votes = np.array([counts.votes for counts in per_group])
    columns = np.arange(rates.shape[1])
    high, low = rates.argmax(axis=0), rates.argmin(axis=0)
    spread = rates[high, columns] - rates[low, columns]
    z = _two_proportion_z(
        agree[high, columns], votes[high, columns], agree[low, columns], votes[low, columns]
    )
    ranked = sorted(np.flatnonzero(z > Z_90), key=lambda s: (-spread[s], s))
    return [int(s) for s in ranked[:MAX_DIVISIVE]]


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _were(number: int) -> str:
    return "was" if number == 1 else "were"
