"""A wave's figures kept as sums per organisation x role cell, for the dashboards.

A role is a staff group with a profession, or a staff group alone for respondents and frame
rows that name no profession. Every section-1 statistic is built from sums that add up
(``metrics.GroupSums``), so once a wave's respondents are summed into cells, any dashboard
breakdown - an organisation by staff group, an ICB by profession, England by region - is the
cells added up again, without reading a single person. The workforce frame is kept the same
way, as headcount per organisation x role, for response rates and the finite-population
correction. The hierarchy (which ICB an organisation is in) is not part of the cube: it is
applied when the figures are asked for, so an earlier wave can be seen on today's footprint.

No Django here: ``analytics.cube_store`` builds cubes from the database and caches them.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from digiready.accounts.professions import PROFESSIONS, STAFF_GROUPS
from digiready.analytics.metrics import GroupSums, group_sums

IntArray = NDArray[np.int64]
FloatArray = NDArray[np.float64]

# Roles: each staff group alone, then each profession within its staff group.
ROLES: tuple[tuple[str, str], ...] = tuple((g.code, "") for g in STAFF_GROUPS) + tuple(
    (p.staff_group, p.code) for p in PROFESSIONS
)
ROLE_INDEX = {role: i for i, role in enumerate(ROLES)}
STAFF_GROUP_CODES = tuple(g.code for g in STAFF_GROUPS)
PROFESSION_CODES = tuple(p.code for p in PROFESSIONS)
ROLE_STAFF_GROUP = np.array([STAFF_GROUP_CODES.index(sg) for sg, _ in ROLES], dtype=np.int64)
ROLE_PROFESSION = np.array(
    [PROFESSION_CODES.index(p) if p else -1 for _, p in ROLES], dtype=np.int64
)
_SUMS = ("n", "sum_w", "sum_w2", "sum_wd", "sum_wd2", "sum_w_attained")


def role_index(staff_group: str, profession: str) -> int:
    """The role of a respondent or frame row; -1 when the staff group is unknown. A profession
    that does not belong to the staff group given is taken as its own staff group's."""
    if profession:
        for sg, code in ROLES:
            if code == profession:
                return ROLE_INDEX[(sg, code)]
    return ROLE_INDEX.get((staff_group, ""), -1)


@dataclass(frozen=True)
class Cube:
    """One wave of one framework, weighted: sums per organisation x role cell."""

    wave: int  # the wave's number
    wave_label: str
    weight_version: str
    domains: tuple[str, ...]  # domain codes, the columns of every sum
    domain_titles: tuple[str, ...]
    organisations: tuple[str, ...]  # ODS codes: the index space of cell_org and frame_org
    organisation_names: tuple[str, ...]
    cell_org: IntArray
    cell_role: IntArray
    sums: GroupSums  # one row a cell
    frame_org: IntArray  # the workforce frame, one row an organisation x role
    frame_role: IntArray
    frame_headcount: FloatArray
    frame_label: str = ""  # which workforce snapshot, for the page

    @property
    def respondents(self) -> int:
        return int(self.sums.respondents.sum())

    @property
    def cells(self) -> int:
        return int(self.cell_org.size)

    def save(self, path: Path) -> None:
        """Write the cube to ``path`` (NumPy's .npz), atomically: a reader never sees half."""
        meta = {
            "wave": self.wave,
            "wave_label": self.wave_label,
            "weight_version": self.weight_version,
            "domains": list(self.domains),
            "domain_titles": list(self.domain_titles),
            "organisations": list(self.organisations),
            "organisation_names": list(self.organisation_names),
            "frame_label": self.frame_label,
        }
        arrays: dict[str, Any] = {
            "meta": np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8),
            "cell_org": self.cell_org,
            "cell_role": self.cell_role,
            "respondents": self.sums.respondents,
            "frame_org": self.frame_org,
            "frame_role": self.frame_role,
            "frame_headcount": self.frame_headcount,
        }
        arrays |= {name: getattr(self.sums, name) for name in _SUMS}
        buffer = io.BytesIO()
        np.savez(buffer, **arrays)
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{id(buffer)}.part")
        partial.write_bytes(buffer.getvalue())
        partial.replace(path)

    @classmethod
    def load(cls, path: Path) -> Cube:
        with np.load(path, allow_pickle=False) as data:
            meta = json.loads(bytes(data["meta"]).decode())
            sums = GroupSums(
                respondents=data["respondents"],
                **{name: data[name] for name in _SUMS},
            )
            return cls(
                wave=int(meta["wave"]),
                wave_label=meta["wave_label"],
                weight_version=meta["weight_version"],
                domains=tuple(meta["domains"]),
                domain_titles=tuple(meta["domain_titles"]),
                organisations=tuple(meta["organisations"]),
                organisation_names=tuple(meta["organisation_names"]),
                cell_org=data["cell_org"],
                cell_role=data["cell_role"],
                sums=sums,
                frame_org=data["frame_org"],
                frame_role=data["frame_role"],
                frame_headcount=data["frame_headcount"],
                frame_label=meta.get("frame_label", ""),
            )


def build_cube(
    *,
    wave: int,
    wave_label: str,
    weight_version: str,
    domains: tuple[str, ...],
    domain_titles: tuple[str, ...],
    organisations: tuple[str, ...],
    organisation_names: tuple[str, ...],
    scores: FloatArray,
    weights: FloatArray,
    person_org: IntArray,
    person_role: IntArray,
    frame: tuple[IntArray, IntArray, FloatArray],
    frame_label: str = "",
) -> Cube:
    """Sum respondents into organisation x role cells. Respondents with no organisation or no
    known role (index -1) are left out: no dashboard breakdown could place them."""
    known = (person_org >= 0) & (person_role >= 0)
    roles = len(ROLES)
    cell = person_org[known].astype(np.int64) * roles + person_role[known]
    present, codes = np.unique(cell, return_inverse=True)
    sums = group_sums(scores[known], weights[known], codes.ravel(), present.size)
    frame_org, frame_role, frame_headcount = frame
    return Cube(
        wave=wave,
        wave_label=wave_label,
        weight_version=weight_version,
        domains=domains,
        domain_titles=domain_titles,
        organisations=organisations,
        organisation_names=organisation_names,
        cell_org=(present // roles).astype(np.int64),
        cell_role=(present % roles).astype(np.int64),
        sums=sums,
        frame_org=np.asarray(frame_org, dtype=np.int64),
        frame_role=np.asarray(frame_role, dtype=np.int64),
        frame_headcount=np.asarray(frame_headcount, dtype=np.float64),
        frame_label=frame_label,
    )
