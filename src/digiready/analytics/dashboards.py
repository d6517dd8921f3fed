"""Everything a dashboard shows, from cubes, through disclosure control (no Django).

A dashboard is one place (England, a region, an ICB or an organisation) in one wave, perhaps
narrowed to a staff group or a profession. It has:

- the headline: maturity and attainment per domain with 95% intervals, the respondent base,
  and the change since the previous wave with its significance (ANALYTICS.md 1.6, 2.7);
- a heat map: every domain by staff group (or by profession within a staff group);
- participation: respondents against headcount by staff group, flagging groups that answered
  at under half the place's overall rate;
- a benchmark: the same headline for the places above (the ICB, the region, England);
- the trend: the headline in every wave, each change marked when significant.

Every table goes through ``disclosure.protect``; a combination of filters that is not a
permitted view (2.6), or that differs from the unfiltered place by 1 to 9 respondents (the
differencing guard), is refused with the reason.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial

import numpy as np
from numpy.typing import NDArray

from digiready.accounts.professions import PROFESSION_BY_CODE, PROFESSIONS, STAFF_GROUPS
from digiready.analytics.cube import (
    PROFESSION_CODES,
    ROLE_PROFESSION,
    ROLE_STAFF_GROUP,
    STAFF_GROUP_CODES,
    Cube,
)
from digiready.analytics.disclosure import (
    DEFAULT_POLICY,
    Level,
    Policy,
    ProtectedTable,
    Suppression,
    is_permitted_view,
    protect,
    refuse_filtered_view,
)
from digiready.analytics.figures import ENGLAND, Breakdown, cell_table, with_change
from digiready.analytics.metrics import GroupSums, regroup, summarise_sums

BoolArray = NDArray[np.bool_]
IntArray = NDArray[np.int64]

LEVELS = ("national", "region", "icb", "organisation")
HEAT_BY = ("staff_group", "profession")
UNDER_REPRESENTED_RATIO = 0.5  # of the place's overall response rate
MIN_EXPECTED = 5.0  # respondents a group would give at the overall rate, before it is flagged
_STAFF_GROUP_NAMES = {g.code: g.name for g in STAFF_GROUPS}
_PROFESSION_NAMES = {p.code: p.name for p in PROFESSIONS}


class RefusedError(ValueError):
    """A view that may not be shown, with the sentence that says why."""

    def __init__(self, suppression: Suppression | str) -> None:
        sentence = suppression if isinstance(suppression, str) else suppression.sentence
        super().__init__(sentence)
        self.sentence = sentence


@dataclass(frozen=True)
class Footprint:
    """Where organisations sit on one day: each organisation's ICB (an ICB's own body is in
    itself), each ICB's region, and the names of all of them."""

    icb_of: Mapping[str, str]
    region_of: Mapping[str, str]
    names: Mapping[str, str]

    @property
    def signature(self) -> int:
        """Equal for equal footprints: part of the key cached dashboards are filed under."""
        return hash(
            (
                frozenset(self.icb_of.items()),
                frozenset(self.region_of.items()),
                frozenset(self.names.items()),
            )
        )

    def parents(self, place: Place) -> list[Place]:
        """The places above ``place``, nearest first, ending with England."""
        chain: list[Place] = []
        icb = self.icb_of.get(place.code) if place.level == "organisation" else None
        if place.level == "icb":
            icb = place.code
        if icb and place.level == "organisation":
            chain.append(Place("icb", icb, self.names.get(icb, icb)))
        region = self.region_of.get(icb, "") if icb else ""
        if place.level == "region":
            region = ""
        if region:
            chain.append(Place("region", region, self.names.get(region, region)))
        if place.level != "national":
            chain.append(ENGLAND_PLACE)
        return chain


@dataclass(frozen=True)
class Place:
    level: str  # one of LEVELS
    code: str  # ODS code; ENGLAND's ONS code for the nation
    name: str

    @property
    def key(self) -> str:
        return f"{self.level}:{self.code}"

    @property
    def dimension(self) -> str | None:
        return None if self.level == "national" else self.level


ENGLAND_PLACE = Place("national", ENGLAND, "England")


@dataclass(frozen=True)
class Filters:
    staff_group: str = ""
    profession: str = ""

    def __post_init__(self) -> None:
        if self.profession and self.profession not in PROFESSION_BY_CODE:
            raise RefusedError("There is no such profession.")
        if self.staff_group and self.staff_group not in _STAFF_GROUP_NAMES:
            raise RefusedError("There is no such staff group.")
        if (
            self.profession
            and self.staff_group
            and PROFESSION_BY_CODE[self.profession].staff_group != self.staff_group
        ):
            raise RefusedError("That profession is not in that staff group.")

    @property
    def dimensions(self) -> set[str]:
        """The dimensions filtered on, a profession standing for its staff group too."""
        if self.profession:
            return {"profession"}
        return {"staff_group"} if self.staff_group else set()

    @property
    def description(self) -> str:
        if self.profession:
            return _PROFESSION_NAMES[self.profession]
        if self.staff_group:
            return _STAFF_GROUP_NAMES[self.staff_group]
        return "All staff"

    @property
    def narrowed(self) -> bool:
        return bool(self.profession or self.staff_group)


def permitted(place: Place, filters: Filters, by: str | None) -> bool:
    """ANALYTICS.md 2.6 for a dashboard table: the place, the filter and the breakdown, with
    nested dimensions collapsed to the finest (an organisation names its ICB and region; a
    profession names its staff group)."""
    dims = set(filters.dimensions)
    if place.dimension:
        dims.add(place.dimension)
    if by:
        dims.add(by)
    if "profession" in dims:
        dims.discard("staff_group")
    for fine, coarse in (("organisation", "icb"), ("organisation", "region"), ("icb", "region")):
        if fine in dims:
            dims.discard(coarse)
    return is_permitted_view(dims)


class View:
    """A cube seen on a footprint: each cell's and frame row's ICB, region, staff group and
    profession as indexes, worked out once."""

    def __init__(self, cube: Cube, footprint: Footprint) -> None:
        self.cube = cube
        self.footprint = footprint
        orgs = cube.organisations
        org_icb = [footprint.icb_of.get(code, "") for code in orgs]
        self.icbs = tuple(sorted({c for c in org_icb if c}))
        org_region = [footprint.region_of.get(icb, "") for icb in org_icb]
        self.regions = tuple(sorted({r for r in org_region if r}))
        icb_index = {c: i for i, c in enumerate(self.icbs)}
        region_index = {c: i for i, c in enumerate(self.regions)}
        self._org_icb = np.array([icb_index.get(c, -1) for c in org_icb], dtype=np.int64)
        self._org_region = np.array([region_index.get(r, -1) for r in org_region], dtype=np.int64)
        self.cells = self._columns(cube.cell_org, cube.cell_role)
        self.frame = self._columns(cube.frame_org, cube.frame_role)
        self.has_profession_frame = bool((ROLE_PROFESSION[cube.frame_role] >= 0).any())

    def _columns(self, org: IntArray, role: IntArray) -> dict[str, IntArray]:
        return {
            "organisation": org,
            "icb": self._org_icb[org] if org.size else org,
            "region": self._org_region[org] if org.size else org,
            "staff_group": ROLE_STAFF_GROUP[role],
            "profession": ROLE_PROFESSION[role],
        }

    # -- selecting ------------------------------------------------------------------------

    def _mask(self, columns: dict[str, IntArray], place: Place, filters: Filters) -> BoolArray:
        size = columns["organisation"].size
        mask = np.ones(size, dtype=np.bool_)
        if place.level != "national":
            codes = {
                "organisation": self.cube.organisations,
                "icb": self.icbs,
                "region": self.regions,
            }[place.level]
            position = codes.index(place.code) if place.code in codes else -2
            mask &= columns[place.level] == position
        if filters.profession:
            mask &= columns["profession"] == PROFESSION_CODES.index(filters.profession)
        elif filters.staff_group:
            mask &= columns["staff_group"] == STAFF_GROUP_CODES.index(filters.staff_group)
        return mask

    def children(self, place: Place) -> list[Place]:
        """The places one level down that have respondents: England's regions, a region's
        ICBs, an ICB's organisations; none below an organisation."""
        names = self.footprint.names
        if place.level == "national":
            return [Place("region", r, names.get(r, r)) for r in self.regions]
        if place.level == "region":
            icbs = [c for c in self.icbs if self.footprint.region_of.get(c) == place.code]
            return [Place("icb", c, names.get(c, c)) for c in icbs]
        if place.level == "icb":
            present = set(self.cube.cell_org[self.cube.sums.respondents > 0].tolist())
            orgs = [
                Place("organisation", code, self.cube.organisation_names[i])
                for i, code in enumerate(self.cube.organisations)
                if i in present and self.footprint.icb_of.get(code) == place.code
            ]
            return sorted(orgs, key=lambda p: p.name)
        return []

    def respondents(self, place: Place, filters: Filters = Filters()) -> int:
        mask = self._mask(self.cells, place, filters)
        return int(self.cube.sums.respondents[mask].sum())

    def headcount(self, place: Place, filters: Filters = Filters()) -> float:
        return float(self.cube.frame_headcount[self._mask(self.frame, place, filters)].sum())

    def guard(self, place: Place, filters: Filters, by: str | None = None) -> None:
        """Refuse a view that is not permitted, or whose filter leaves out 1 to 9 of the
        place's respondents (ANALYTICS.md 2.6)."""
        if not permitted(place, filters, by):
            raise RefusedError(
                "That combination of place, filter and breakdown is not published, "
                "because together they could single out a small group."
            )
        if filters.narrowed:
            refusal = refuse_filtered_view(
                self.respondents(place), self.respondents(place, filters)
            )
            if refusal is not None:
                raise RefusedError(refusal)

    # -- tables ---------------------------------------------------------------------------

    def _groups(
        self, place: Place, by: str | None
    ) -> tuple[tuple[str, ...], tuple[str, ...], list[str | None], IntArray, IntArray]:
        """Codes, labels and parents of the groups, and each cell's and frame row's group."""
        if by is None:
            cells = np.zeros(self.cube.cells, dtype=np.int64)
            frame = np.zeros(self.cube.frame_org.size, dtype=np.int64)
            return (place.code,), (place.name,), [None], cells, frame
        if by == "staff_group":
            codes: tuple[str, ...] = STAFF_GROUP_CODES
            labels = tuple(_STAFF_GROUP_NAMES[c] for c in codes)
            parents: list[str | None] = [place.key] * len(codes)
        elif by == "profession":
            codes = PROFESSION_CODES
            labels = tuple(_PROFESSION_NAMES[c] for c in codes)
            parents = [f"staff_group:{PROFESSION_BY_CODE[c].staff_group}" for c in codes]
        elif by == "organisation":
            codes = self.cube.organisations
            labels = self.cube.organisation_names
            icb_of = self.footprint.icb_of
            parents = [f"icb:{icb_of.get(c, '')}" for c in codes]
        elif by == "icb":
            codes = self.icbs
            labels = tuple(self.footprint.names.get(c, c) for c in codes)
            parents = [f"region:{self.footprint.region_of.get(c, '')}" for c in codes]
        elif by == "region":
            codes = self.regions
            labels = tuple(self.footprint.names.get(c, c) for c in codes)
            parents = [ENGLAND] * len(codes)
        else:
            raise ValueError(f"unknown breakdown {by!r}")
        return codes, labels, parents, self.cells[by], self.frame[by]

    def sums(
        self, place: Place, filters: Filters, by: str | None
    ) -> tuple[GroupSums, Breakdown, NDArray[np.float64]]:
        """Each group's sums, the breakdown, and each group's headcount (0 where unknown)."""
        codes, labels, parents, cell_group, frame_group = self._groups(place, by)
        cell_mask = self._mask(self.cells, place, filters)
        frame_mask = self._mask(self.frame, place, filters)
        size = len(codes)
        sums = regroup(self.cube.sums, np.where(cell_mask, cell_group, -1), size)
        population = np.bincount(
            frame_group[frame_mask & (frame_group >= 0)],
            weights=self.cube.frame_headcount[frame_mask & (frame_group >= 0)],
            minlength=size,
        ).astype(np.float64)
        if by == "profession" and not self.has_profession_frame:
            population[:] = np.nan  # the frame counts staff groups only
        population[population <= 0] = np.nan
        # Only groups anyone is in: respondents or staff.
        keep = np.flatnonzero((sums.respondents > 0) | np.isfinite(population))
        if by is None:
            keep = np.arange(size)
        breakdown = Breakdown(
            by or place.level,
            tuple(codes[i] for i in keep),
            tuple(labels[i] for i in keep),
            np.zeros(0, dtype=np.int32),
            [parents[i] for i in keep],
            population[keep],
        )
        return _take(sums, keep), breakdown, np.nan_to_num(population[keep], nan=0.0)

    def table(
        self,
        place: Place,
        filters: Filters = Filters(),
        by: str | None = None,
        *,
        baseline: View | None = None,
        policy: Policy = DEFAULT_POLICY,
    ) -> ProtectedTable:
        """One table as it may be published, with the change since ``baseline``'s wave."""
        self.guard(place, filters, by)
        sums, breakdown, headcount = self.sums(place, filters, by)
        stats = summarise_sums(sums, headcount)
        table = cell_table(stats, breakdown, self.cube.domains)
        earlier = None
        if baseline is not None and _comparable(baseline.cube, self.cube):
            before_sums, before_breakdown, before_headcount = baseline.sums(place, filters, by)
            before = summarise_sums(before_sums, before_headcount)
            earlier = cell_table(before, before_breakdown, self.cube.domains)
            table = with_change(table, earlier)
        national = place.level == "national" and by is None and not filters.narrowed
        level = Level.NATIONAL if national else Level.SUBNATIONAL
        return protect(table, level=level, policy=policy, baseline=earlier)


def _comparable(before: Cube, now: Cube) -> bool:
    return before.domains == now.domains and before.wave < now.wave


def _take(sums: GroupSums, keep: NDArray[np.intp]) -> GroupSums:
    return GroupSums(
        respondents=sums.respondents[keep],
        n=sums.n[keep],
        sum_w=sums.sum_w[keep],
        sum_w2=sums.sum_w2[keep],
        sum_wd=sums.sum_wd[keep],
        sum_wd2=sums.sum_wd2[keep],
        sum_w_attained=sums.sum_w_attained[keep],
    )


# ---------------------------------------------------------------------------------------------
# Participation


@dataclass(frozen=True)
class Participation:
    code: str
    label: str
    respondents: str  # as shown: a count rounded to 5, "*" or "0"
    headcount: str
    rate: str  # "43%", or "*" when the count is hidden, or "" without a headcount
    rate_value: float | None
    under_represented: bool


def participation(table: ProtectedTable, overall_rate: float | None) -> list[Participation]:
    """Each group's response rate as shown, flagged when, even at the most its shown count
    could be, it answered at under half the overall rate and at least MIN_EXPECTED respondents
    were expected: a hidden count ("*", 1 to 7) is taken as 7, so a flag never tells more than
    the star does."""
    rows = []
    for cell in table.cells:
        headcount = cell.population.value
        count = cell.count.value
        if cell.count.hidden:
            count = float(table.policy.largest_hidden_count)
        flagged = False
        if overall_rate and headcount and count is not None:
            expected = overall_rate / 100 * headcount
            flagged = expected >= MIN_EXPECTED and count < UNDER_REPRESENTED_RATIO * expected
        rate = cell.response_rate
        rows.append(
            Participation(
                code=cell.key,
                label=cell.label,
                respondents=cell.count.text,
                headcount=cell.population.text,
                rate=rate.text if (rate.value is not None or rate.hidden) else "",
                rate_value=rate.value,
                under_represented=flagged,
            )
        )
    return rows


# ---------------------------------------------------------------------------------------------
# The whole dashboard


@dataclass
class Dashboard:
    place: Place
    filters: Filters
    heat_by: str
    wave: str
    weight_version: str
    frame_label: str
    domains: tuple[tuple[str, str], ...]  # code, title
    headline: ProtectedTable
    respondents: str  # the place's respondents, as shown
    headcount: float | None
    response_rate: str
    heat: ProtectedTable | None
    heat_refusal: str
    participation: list[Participation]
    participation_by: str
    benchmark: list[tuple[Place, ProtectedTable | None, str]]  # place, table or refusal
    trend: list[tuple[str, ProtectedTable | None, str]]  # wave label, table or refusal
    children: list[Place] = field(default_factory=list)  # the places one level down
    notes: list[str] = field(default_factory=list)


def build(
    views: Sequence[View],
    place: Place,
    filters: Filters = Filters(),
    *,
    heat_by: str = "staff_group",
    policy: Policy = DEFAULT_POLICY,
) -> Dashboard:
    """The dashboard for ``place`` in the last of ``views`` (waves in order, each on the same
    footprint). Raises RefusedError when the place with these filters may not be shown."""
    if not views:
        raise RefusedError("There are no figures for this wave yet.")
    view = views[-1]
    baseline = views[-2] if len(views) > 1 else None
    if not view.respondents(place) and not view.headcount(place):
        # Not on this wave's map (an ICB since merged, say), or nobody there answered.
        raise RefusedError(f"No one from {place.name} is in {view.cube.wave_label}.")
    if heat_by not in HEAT_BY:
        raise ValueError(f"heat_by must be one of {HEAT_BY}")
    if filters.narrowed:
        heat_by = "profession"
    headline = view.table(place, filters, baseline=baseline, policy=policy)
    heat, heat_refusal = _attempt(lambda: view.table(place, filters, heat_by, policy=policy))
    by_group = "profession" if filters.narrowed else "staff_group"
    groups = heat  # participation by the heat map's own breakdown, unless that differs
    if by_group != heat_by:
        groups, _ = _attempt(lambda: view.table(place, filters, by_group, policy=policy))
    cell = headline.cells[0]
    overall = cell.response_rate.value
    benchmark: list[tuple[Place, ProtectedTable | None, str]] = [(place, headline, "")]
    for parent in view.footprint.parents(place):
        table, refusal = _attempt(partial(view.table, parent, filters, policy=policy))
        benchmark.append((parent, table, refusal))
    trend: list[tuple[str, ProtectedTable | None, str]] = []
    for i, each in enumerate(views[:-1]):
        before = views[i - 1] if i else None
        table, refusal = _attempt(
            partial(each.table, place, filters, baseline=before, policy=policy)
        )
        trend.append((each.cube.wave_label, table, refusal))
    trend.append((view.cube.wave_label, headline, ""))  # the latest wave is the headline
    tables = [headline, heat, groups] + [t for _, t, _ in benchmark] + [t for _, t, _ in trend]
    notes = sorted(
        {s.sentence for t in tables if t is not None for c in t.cells for s in c.suppressions}
    )
    return Dashboard(
        place=place,
        filters=filters,
        heat_by=heat_by,
        wave=view.cube.wave_label,
        weight_version=view.cube.weight_version,
        frame_label=view.cube.frame_label,
        domains=tuple(zip(view.cube.domains, view.cube.domain_titles, strict=True)),
        headline=headline,
        respondents=cell.count.text,
        headcount=cell.population.value,
        response_rate=cell.response_rate.text,
        heat=heat,
        heat_refusal=heat_refusal,
        participation=participation(groups, overall) if groups is not None else [],
        participation_by=by_group,
        benchmark=benchmark,
        trend=trend,
        children=view.children(place),
        notes=notes,
    )


def _attempt(make: Callable[[], ProtectedTable]) -> tuple[ProtectedTable | None, str]:
    try:
        return make(), ""
    except RefusedError as refusal:
        return None, refusal.sentence
