"""A synthetic NHS workforce and its self-assessments, as ANALYTICS.md section 4 specifies.

Everyone in it is made up. It exists so that weighting, disclosure control and the dashboards
can be tested and measured against a population whose true figures are known:

- the frame: real regions, ICBs and trusts (passed in as plain records), each trust typed from
  its name and given a lognormal headcount, region totals in the published shares; staff groups
  by organisation type, professions, sex, age band, band group and FTE;
- capability: a latent θ per person and domain, μ_d + α_profession,d + β_org + γ_ICB + δ_band + ε,
  answered through a graded-response model, one item per capability (the bundled framework's
  47, where ANALYTICS.md's table says 60), with missing answers;
  μ_d is calibrated at generation so that allied health professionals' national domain maturity
  reproduces the published 28% (digital leadership), 38% (AI) and 50% (data);
- response: a propensity that rises with capability, so respondents flatter the population;
- waves: improvement from spending, drift, turnover with new person ids, and an ICB merger;
- truth: the population maturity M and attainment A(4) of every group, every wave.

Everything is deterministic for a seed, and each wave's draws come from their own stream, so
wave t is the same whether 2 or 5 waves are generated. No Django here.
"""

from __future__ import annotations

import csv
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeAlias

import numpy as np
from numpy.typing import NDArray

from digiready.accounts.professions import PROFESSIONS, STAFF_GROUPS
from digiready.assessments.scoring import TOLERANCE, minimum_answers, threshold
from digiready.organisations.demographics import AGE_BANDS, BAND_GROUPS, SEXES

FloatArray: TypeAlias = NDArray[np.float64]
Float32Array: TypeAlias = NDArray[np.float32]
IntArray: TypeAlias = NDArray[np.int64]
SmallArray: TypeAlias = NDArray[np.int8]
BoolArray: TypeAlias = NDArray[np.bool_]

STAFF_GROUP_CODES: tuple[str, ...] = tuple(group.code for group in STAFF_GROUPS)
PROFESSION_CODES: tuple[str, ...] = tuple(profession.code for profession in PROFESSIONS)
BAND_CODES: tuple[str, ...] = tuple(code for code, _ in BAND_GROUPS)
AGE_CODES: tuple[str, ...] = tuple(code for code, _ in AGE_BANDS)
SEX_CODES: tuple[str, ...] = tuple(code for code, _ in SEXES)
_SG = {code: n for n, code in enumerate(STAFF_GROUP_CODES)}
_PROFESSION = {code: n for n, code in enumerate(PROFESSION_CODES)}
AHP = np.array([profession.is_ahp for profession in PROFESSIONS])

SCALE_SIZE = 5  # "Not yet" and the framework's four levels: L in ANALYTICS.md section 1
STEPS = SCALE_SIZE - 1
ATTAINMENT_STEP = 4  # A(4): "confident/proficient", tau_4 = 0.75


# ---------------------------------------------------------------------------------------------
# Presets and geography


@dataclass(frozen=True)
class Preset:
    name: str
    staff: int
    icbs: tuple[str, ...] = ()  # the ICBs covered; empty means all of them
    description: str = ""


PRESETS: dict[str, Preset] = {
    preset.name: preset
    for preset in (
        Preset(
            "tiny",
            20_000,
            ("QMM", "QJG"),
            "Norfolk and Waveney, and Suffolk and North East Essex: unit tests",
        ),
        Preset(
            "ics",
            250_000,
            ("QH8", "QHG", "QJG", "QM7", "QMM", "QUE"),
            "the six ICBs of the East of England: integration tests",
        ),
        Preset(
            "demo",
            30_000,
            ("QOP",),
            "Greater Manchester, where the demo accounts work: the demonstration dashboards",
        ),
        Preset("national", 1_500_000, (), "every ICB in England, HCHS staff: performance"),
    )
}

# Share of HCHS staff by NHS England region [K, approximate].
REGION_SHARES: dict[str, float] = {
    "Y56": 0.19,  # London
    "Y60": 0.18,  # Midlands
    "Y63": 0.16,  # North East and Yorkshire
    "Y62": 0.14,  # North West
    "Y59": 0.13,  # South East
    "Y61": 0.10,  # East of England
    "Y58": 0.10,  # South West
}


@dataclass(frozen=True)
class RegionRecord:
    code: str
    name: str


@dataclass(frozen=True)
class IcbRecord:
    code: str
    name: str
    region: str  # the region's code


@dataclass(frozen=True)
class TrustRecord:
    code: str
    name: str
    icb: str  # the code of the ICB it reports through


@dataclass(frozen=True)
class Geography:
    regions: tuple[RegionRecord, ...]
    icbs: tuple[IcbRecord, ...]
    trusts: tuple[TrustRecord, ...]
    region_shares: Mapping[str, float] = field(default_factory=lambda: dict(REGION_SHARES))


def read_geography(directory: Path) -> Geography:
    """The regions, ICBs and trusts of the reference CSVs; a trust with several ICBs reports
    through the first, and one with none (outside England) is left out."""

    def rows(name: str) -> list[dict[str, str]]:
        with (directory / name).open(newline="", encoding="utf-8") as handle:
            return [
                {k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)
            ]

    regions = tuple(RegionRecord(r["ods_code"], r["name"]) for r in rows("nhs_england_regions.csv"))
    icbs = tuple(
        IcbRecord(r["ods_code"], r["name"], r["region_ods_code"])
        for r in rows("integrated_care_boards.csv")
    )
    trusts = tuple(
        TrustRecord(r["ods_code"], r["name"], r["icb_ods_code"].split(";")[0].strip())
        for r in rows("nhs_trusts.csv")
        if r["icb_ods_code"]
    )
    return Geography(regions, icbs, trusts)


@dataclass(frozen=True)
class Merger:
    """Two or more ICBs closing and one new ICB taking over their trusts and staff, from the
    start of wave ``wave``. The successor's code is made up."""

    wave: int
    predecessors: tuple[str, ...]
    code: str
    name: str


MERGER = Merger(2, ("QMM", "QJG"), "QNS", "NHS Norfolk and Suffolk Integrated Care Board")


@dataclass(frozen=True)
class DomainSpec:
    code: str  # "DL", "AI"... as the framework names the domain
    items: int  # one item per capability


# ---------------------------------------------------------------------------------------------
# Organisation types and sizes

ACUTE = "acute"
SPECIALIST = "specialist"
MENTAL_HEALTH = "mental_health"
COMMUNITY = "community"
AMBULANCE = "ambulance"
ICB_BODY = "icb"
ORGANISATION_TYPES = (ACUTE, SPECIALIST, MENTAL_HEALTH, COMMUNITY, AMBULANCE, ICB_BODY)

_SPECIALIST_NAMES = (
    "ROYAL MARSDEN",
    "GREAT ORMOND",
    "MOORFIELDS",
    "CHRISTIE",
    "PAPWORTH",
    "BROMPTON",
    "CLATTERBRIDGE",
    "WALTON CENTRE",
    "ORTHOPAEDIC",
    "CHILDREN'S",
    "WOMEN'S",
    "QUEEN VICTORIA HOSPITAL",
    "HEART AND CHEST",
)
# Mental health and learning disability trusts whose names do not say so.
_MENTAL_HEALTH_NAMES = (
    "MENTAL HEALTH",
    "PARTNERSHIP",
    "MAUDSLEY",
    "TAVISTOCK",
    "OXLEAS",
    "EAST LONDON NHS",
    "WEST LONDON NHS",
    "NORTH EAST LONDON NHS",
    "CENTRAL AND NORTH WEST LONDON",
    "BERKSHIRE HEALTHCARE",
    "DERBYSHIRE HEALTHCARE",
    "NOTTINGHAMSHIRE HEALTHCARE",
    "NORTHAMPTONSHIRE HEALTHCARE",
    "DORSET HEALTHCARE",
    "OXFORD HEALTH",
    "SOUTHERN HEALTH",
    "HUMBER TEACHING",
    "COMBINED HEALTHCARE",
    "NORTH WEST BOROUGHS",
    "NORFOLK AND SUFFOLK",
    "CAMBRIDGESHIRE AND PETERBOROUGH NHS",
    "LANCASHIRE & SOUTH CUMBRIA",
)
# "Care" names an acute trust in these.
_ACUTE_CARE_NAMES = ("INTEGRATED CARE", "CARE ALLIANCE", "HEALTH CARE NHS")


def organisation_type(name: str) -> str:
    """A trust's type, inferred from its name (a heuristic: the reference lists carry none)."""
    upper = name.upper()
    if "AMBULANCE" in upper:
        return AMBULANCE
    if any(marker in upper for marker in _SPECIALIST_NAMES):
        return SPECIALIST
    if any(marker in upper for marker in _MENTAL_HEALTH_NAMES):
        return MENTAL_HEALTH
    if "COMMUNITY" in upper or "SOLENT" in upper:
        return COMMUNITY
    if " CARE" in upper and not any(marker in upper for marker in _ACUTE_CARE_NAMES):
        return MENTAL_HEALTH
    return ACUTE


# Headcount per organisation: lognormal (median, sigma), clipped to (lowest, highest) [K/R].
SIZES: dict[str, tuple[float, float, float, float]] = {
    ACUTE: (6_500, 0.55, 2_000, 25_000),
    SPECIALIST: (3_500, 0.50, 1_000, 12_000),
    MENTAL_HEALTH: (4_000, 0.45, 1_200, 12_000),
    COMMUNITY: (3_500, 0.45, 1_000, 9_000),
    AMBULANCE: (4_500, 0.25, 3_000, 7_500),
    ICB_BODY: (600, 0.35, 250, 1_500),
}


# ---------------------------------------------------------------------------------------------
# The workforce mix [K, approximate]

NATIONAL_MIX: dict[str, float] = {
    "doctors": 0.104,
    "nurses": 0.255,
    "midwives": 0.017,
    "ambulance": 0.013,
    "st_t_ahp": 0.067,
    "st_t_hcs": 0.022,
    "st_t_other": 0.049,
    "support_clinical": 0.223,
    "support_ambulance": 0.015,
    "support_st_t": 0.060,
    "central": 0.089,
    "estates": 0.056,
    "senior_managers": 0.009,
    "managers": 0.022,
    "other": 0.001,
}
# Non-acute types: multipliers of the national mix, then shares fixed outright.
TYPE_TILTS: dict[str, dict[str, float]] = {
    SPECIALIST: {
        "doctors": 1.3,
        "midwives": 0.2,
        "st_t_ahp": 1.2,
        "st_t_hcs": 2.5,
        "st_t_other": 1.6,
        "ambulance": 0.0,
        "support_ambulance": 0.0,
    },
    MENTAL_HEALTH: {
        "doctors": 0.45,
        "nurses": 1.4,
        "midwives": 0.0,
        "st_t_ahp": 0.8,
        "st_t_hcs": 0.1,
        "st_t_other": 2.5,  # psychologists and psychological therapists
        "support_clinical": 1.35,
        "support_st_t": 0.5,
        "ambulance": 0.0,
        "support_ambulance": 0.0,
    },
    COMMUNITY: {
        "doctors": 0.25,
        "midwives": 0.0,
        "st_t_hcs": 0.3,
        "ambulance": 0.0,
        "support_ambulance": 0.0,
    },
}
TYPE_FIXED: dict[str, dict[str, float]] = {
    COMMUNITY: {"st_t_ahp": 0.135},
    AMBULANCE: {
        "ambulance": 0.45,
        "support_ambulance": 0.30,
        "central": 0.12,
        "estates": 0.04,
        "managers": 0.04,
        "senior_managers": 0.01,
        "nurses": 0.02,
        "support_clinical": 0.01,
        "st_t_other": 0.005,
        "doctors": 0.003,
        "other": 0.002,
    },
    ICB_BODY: {
        "central": 0.62,
        "managers": 0.18,
        "senior_managers": 0.08,
        "nurses": 0.05,
        "st_t_other": 0.03,
        "other": 0.02,
        "doctors": 0.015,
        "st_t_ahp": 0.005,
    },
}
# Staff groups found almost only in ambulance trusts: acute trusts get no minimum share.
_AMBULANCE_GROUPS = ("ambulance", "support_ambulance")

# Allied health professions, as shares of all AHPs including paramedics [R].
AHP_SPLIT: dict[str, float] = {
    "physiotherapist": 0.22,
    "diagnostic_radiographer": 0.16,
    "therapeutic_radiographer": 0.03,
    "occupational_therapist": 0.16,
    "paramedic": 0.15,
    "odp": 0.08,
    "slt": 0.08,
    "dietitian": 0.05,
    "podiatrist": 0.03,
    "art_therapist": 0.008,
    "music_therapist": 0.0025,
    "drama_therapist": 0.0015,
    "orthoptist": 0.009,
    "prosthetist_orthotist": 0.003,
    "osteopath": 0.0005,
}
# Professions within each staff group. Paramedics are ambulance staff in the workforce
# statistics; 88% of ambulance staff makes them ~15% of all AHPs, as AHP_SPLIT has it.
PROFESSION_SPLIT: dict[str, dict[str, float]] = {
    "doctors": {"doctor": 0.97, "dentist": 0.03},
    "nurses": {"nurse": 0.96, "health_visitor": 0.04},
    "midwives": {"midwife": 1.0},
    "ambulance": {"paramedic": 0.88, "ambulance_technician": 0.12},
    "st_t_ahp": {code: share for code, share in AHP_SPLIT.items() if code != "paramedic"},
    "st_t_hcs": {"healthcare_scientist": 1.0},
    "st_t_other": {"pharmacist": 0.30, "pharmacy_technician": 0.25, "psychologist": 0.45},
    "support_clinical": {"healthcare_support_worker": 1.0},
    "support_ambulance": {"ambulance_support": 1.0},
    "support_st_t": {"therapy_support": 1.0},
    "central": {
        "administrator": 0.55,
        "receptionist": 0.12,
        "finance_hr": 0.20,
        "ddat": 0.08,
        "data_analyst": 0.03,
        "clinical_informatician": 0.02,
    },
    "estates": {"estates": 0.75, "porter": 0.25},
    "managers": {"manager": 1.0},
    "senior_managers": {"senior_manager": 1.0},
    "other": {"other": 1.0},
}
# Share female by profession [K; HCPC register for paramedics, physios, OTs and SLTs [V]].
FEMALE: dict[str, float] = {
    "nurse": 0.89,
    "health_visitor": 0.98,
    "midwife": 0.99,
    "doctor": 0.50,
    "dentist": 0.50,
    "paramedic": 0.42,
    "ambulance_technician": 0.45,
    "physiotherapist": 0.73,
    "occupational_therapist": 0.92,
    "slt": 0.97,
    "diagnostic_radiographer": 0.73,
    "therapeutic_radiographer": 0.75,
    "dietitian": 0.93,
    "podiatrist": 0.70,
    "odp": 0.60,
    "orthoptist": 0.90,
    "prosthetist_orthotist": 0.45,
    "osteopath": 0.50,
    "art_therapist": 0.85,
    "music_therapist": 0.70,
    "drama_therapist": 0.80,
    "healthcare_scientist": 0.65,
    "pharmacist": 0.65,
    "pharmacy_technician": 0.85,
    "psychologist": 0.80,
    "healthcare_support_worker": 0.86,
    "ambulance_support": 0.60,
    "therapy_support": 0.80,
    "administrator": 0.87,
    "receptionist": 0.90,
    "finance_hr": 0.75,
    "ddat": 0.45,
    "data_analyst": 0.50,
    "clinical_informatician": 0.55,
    "estates": 0.45,
    "porter": 0.20,
    "manager": 0.70,
    "senior_manager": 0.55,
    "other": 0.70,
}
AGE_SHARES = (0.07, 0.24, 0.24, 0.24, 0.21)  # under 25, 25-34, 35-44, 45-54, 55 and over
# Agenda for Change band groups of non-medical staff: 2-4, 5-6, 7, 8a+, medical/other [K].
BAND_SHARES = (0.35, 0.40, 0.15, 0.07, 0.03)
# Where each staff group sits on the pay scale before raking to BAND_SHARES; doctors and
# dentists are all on medical pay scales.
BAND_SEED: dict[str, tuple[float, float, float, float, float]] = {
    "doctors": (0.0, 0.0, 0.0, 0.0, 1.0),
    "nurses": (0.03, 0.62, 0.25, 0.08, 0.02),
    "midwives": (0.03, 0.65, 0.25, 0.06, 0.01),
    "ambulance": (0.15, 0.70, 0.12, 0.02, 0.01),
    "st_t_ahp": (0.02, 0.50, 0.35, 0.12, 0.01),
    "st_t_hcs": (0.10, 0.40, 0.28, 0.20, 0.02),
    "st_t_other": (0.12, 0.36, 0.28, 0.21, 0.03),
    "support_clinical": (0.90, 0.08, 0.0, 0.0, 0.02),
    "support_ambulance": (0.80, 0.17, 0.01, 0.0, 0.02),
    "support_st_t": (0.85, 0.13, 0.0, 0.0, 0.02),
    "central": (0.55, 0.25, 0.10, 0.07, 0.03),
    "estates": (0.85, 0.05, 0.02, 0.01, 0.07),
    "senior_managers": (0.0, 0.0, 0.0, 0.80, 0.20),
    "managers": (0.0, 0.05, 0.25, 0.65, 0.05),
    "other": (0.40, 0.30, 0.10, 0.05, 0.15),
}
# FTE per person: a mass at full time, one near 0.6 and a spread between; mean 0.89.
FTE_MIX = (0.70, 0.20, 0.10)


# ---------------------------------------------------------------------------------------------
# Capability

# Domain maturity (normalised mean D) that allied health professionals reach nationally at
# baseline: the published 28/38/50 for DL, AI and DA [R]; the others chosen within 40-65.
AHP_TARGETS: dict[str, float] = {
    "DL": 0.28,
    "AI": 0.38,
    "DA": 0.50,
    "CS": 0.55,
    "IG": 0.62,
    "RC": 0.48,
    "DI": 0.45,
    "ER": 0.58,
    "RI": 0.42,
    "EL": 0.52,
    "HF": 0.47,
}
DEFAULT_TARGET = 0.50

# alpha: the staff group's shift in each domain, on the latent scale (sd of epsilon = 1).
ALPHA_STAFF_GROUP: dict[str, dict[str, float]] = {
    "doctors": {"AI": 0.3, "DA": 0.3, "CS": 0.4, "RC": 0.3, "ER": 0.5, "RI": 0.6, "EL": 0.3},
    "nurses": {"AI": -0.1, "CS": 0.3, "RC": 0.2, "DI": 0.2, "ER": 0.4, "RI": -0.1},
    "midwives": {"AI": -0.2, "CS": 0.3, "RC": 0.1, "DI": 0.2, "ER": 0.4, "RI": -0.1},
    "ambulance": {"DL": -0.1, "DA": -0.2, "CS": 0.2, "RC": 0.3, "ER": 0.3, "RI": -0.2},
    "st_t_hcs": {"AI": 0.5, "DA": 0.7, "CS": 0.2, "RI": 0.4, "HF": 0.2},
    "st_t_other": {"DA": 0.2, "CS": 0.2, "ER": 0.3, "RI": 0.2, "EL": 0.2},
    "support_clinical": dict.fromkeys(("DL", "AI", "DA", "RI", "EL"), -0.6)
    | {"CS": -0.3, "IG": -0.2, "RC": -0.3, "DI": -0.3, "ER": -0.2, "HF": -0.4},
    "support_ambulance": dict.fromkeys(("DL", "AI", "DA", "RI", "EL"), -0.5)
    | {"RC": 0.2, "IG": -0.1, "HF": -0.3},
    "support_st_t": dict.fromkeys(("DL", "AI", "RI", "EL"), -0.5) | {"DA": -0.3, "HF": -0.3},
    "central": {"DA": 0.2, "IG": 0.3, "CS": -0.4, "RC": -0.2, "DI": -0.2, "ER": 0.1},
    "estates": dict.fromkeys(("DL", "AI", "DA", "CS", "RC", "DI", "ER", "RI", "EL"), -0.7)
    | {"IG": -0.4, "HF": -0.5},
    "managers": {"DL": 0.6, "DA": 0.5, "RI": 0.3, "IG": 0.3, "EL": 0.2},
    "senior_managers": {"DL": 0.9, "AI": 0.2, "DA": 0.5, "IG": 0.3, "RI": 0.4, "EL": 0.4},
}
# Added to the staff group's: higher data literacy for analysts, informaticians and DDaT staff.
ALPHA_PROFESSION: dict[str, dict[str, float]] = {
    "ddat": {"DL": 0.4, "AI": 1.0, "DA": 0.9, "IG": 0.6, "HF": 0.5, "RI": 0.3},
    "data_analyst": {"AI": 0.6, "DA": 1.2, "IG": 0.3, "RI": 0.4},
    "clinical_informatician": dict.fromkeys(
        ("DL", "AI", "DA", "CS", "IG", "RC", "DI", "ER", "RI", "EL", "HF"), 0.8
    ),
    "finance_hr": {"DA": 0.3},
    "pharmacist": {"DA": 0.2, "ER": 0.4, "CS": 0.2},
    "diagnostic_radiographer": {"AI": 0.3, "DA": 0.2},
    "therapeutic_radiographer": {"AI": 0.3, "DA": 0.2},
    "physiotherapist": {"RC": 0.2},
    "occupational_therapist": {"DI": 0.2},
    "slt": {"RC": 0.2},
    "paramedic": {"CS": 0.2, "RC": 0.3, "ER": 0.2},
    "odp": {"CS": 0.2, "RC": -0.3},
    "psychologist": {"RC": 0.3, "RI": 0.3, "EL": 0.2},
}
# delta: band group shift, bands 2-4 to medical/other.
DELTA_BAND = (-0.35, 0.0, 0.2, 0.4, 0.15)
ORGANISATION_SD = 0.25  # beta
ICB_SD = 0.15  # gamma

# Graded-response items: discrimination a_j and the four step thresholds b_jk.
DISCRIMINATION = (0.8, 2.0)
STEP_THRESHOLDS = (-1.8, -0.6, 0.5, 1.6)
ITEM_LOCATION_SD = 0.3
NON_RESPONSE = (0.02, 0.05)  # per item, not answered
NOT_APPLICABLE_ITEMS = 0.10  # share of items on which "not applicable" is chosen at all
NOT_APPLICABLE_RATE = (0.20, 0.40)  # how often, on those items


# ---------------------------------------------------------------------------------------------
# Response and waves

# Target response rate by staff group [K]; the overall rate is then set to OVERALL_RESPONSE.
RESPONSE_TARGETS: dict[str, float] = {
    "doctors": 0.32,
    "nurses": 0.48,
    "midwives": 0.44,
    "ambulance": 0.36,
    "st_t_ahp": 0.56,
    "st_t_hcs": 0.52,
    "st_t_other": 0.50,
    "support_clinical": 0.44,
    "support_ambulance": 0.42,
    "support_st_t": 0.45,
    "central": 0.55,
    "estates": 0.30,
    "senior_managers": 0.70,
    "managers": 0.62,
    "other": 0.40,
}
OVERALL_RESPONSE = 0.465
# logit r = rho_staffgroup + 0.4 * mean theta + organisation effect. Theta includes the
# individual epsilon, so part of the self-selection is not explained by anything in the frame
# and no weighting on the frame can remove that part (see docs/analytics.md).
THETA_RESPONSE = 0.4
ORGANISATION_RATES = (0.10, 0.80)  # organisations' response rates are spread over this range
ORGANISATION_RATE_NOISE = 1.0
# What the propensity's theta-bar is: "capability", the person's own (section 4 as written;
# the part from their individual epsilon is beyond any weighting), or "frame", the part their
# profession, organisation, ICB and band explain (missing at random given the frame, the
# assumption weighting rests on). Validation runs both to tell the two sources of error apart.
SELECTIONS = ("capability", "frame")

TURNOVER = 0.10
KAPPA = 0.35  # most a year's spending can add to an organisation's mean theta
SPEND_SCALE = 60.0  # c, pounds per head: spending c per head gets 1 - 1/e of kappa
SPEND_PER_HEAD = (40.0, 0.8)  # lognormal median (pounds) and sigma of each year's spending
DRIFT: dict[str, float] = {"AI": 0.08, "DA": 0.04}  # a year's drift in every organisation
DEFAULT_DRIFT = 0.03


# ---------------------------------------------------------------------------------------------
# Results


@dataclass(frozen=True)
class Organisations:
    """The employers in the frame: the trusts, then one ICB body per ICB, then (when there is
    a merger) the successor ICB's body, which employs people from the merger's wave."""

    codes: tuple[str, ...]
    names: tuple[str, ...]
    types: tuple[str, ...]
    icb: IntArray  # index into Synthetic.icbs at baseline
    region: IntArray  # index into Synthetic.regions
    first_wave: IntArray  # the wave an organisation first employs anyone


@dataclass(frozen=True)
class ItemBank:
    domain: IntArray  # the domain of each item
    discrimination: FloatArray  # a_j
    thresholds: FloatArray  # b_jk, shape (items, 4), increasing in k
    missing: FloatArray  # probability the item is not answered (no answer or "not applicable")


@dataclass(frozen=True)
class TruthTable:
    """Population truth for one breakdown: rows are groups, columns domains."""

    codes: tuple[str, ...]
    population: IntArray  # people in the group with a score in the domain
    maturity: FloatArray  # M, 0-100; NaN where nobody has a score
    attainment: FloatArray  # A(4), 0-100


BREAKDOWNS = ("national", "region", "icb", "organisation", "staff_group", "profession")


@dataclass(frozen=True)
class Responses:
    """The respondents of a wave: rows of the wave's frame, and what they scored."""

    index: IntArray  # rows of the wave's frame
    scores: FloatArray  # (n, domains) D in [0, 1], NaN when missing or not asked
    items_asked: SmallArray
    items_answered: SmallArray
    attained: SmallArray  # level 0-4 (0 is "not yet"), -1 when the score is missing
    strict: SmallArray  # the lowest answered level, -1 when the score is missing


@dataclass(frozen=True)
class WaveData:
    """One wave: the whole workforce (one row a person) and who responded."""

    number: int
    person: IntArray  # person id, new for every joiner
    organisation: NDArray[np.int32]  # index into Synthetic.organisations
    staff_group: SmallArray  # index into STAFF_GROUP_CODES
    profession: SmallArray  # index into PROFESSION_CODES
    band_group: SmallArray  # index into BAND_CODES
    age_band: SmallArray  # index into AGE_CODES
    sex: SmallArray  # index into SEX_CODES
    fte: Float32Array
    theta: Float32Array  # (n, domains)
    scores: FloatArray  # (n, domains) everyone's D, as if everyone had answered; NaN missing
    items_asked: SmallArray
    items_answered: SmallArray
    strict: SmallArray
    responded: BoolArray
    organisation_icb: IntArray  # each organisation's ICB this wave (after any merger)
    spend: FloatArray  # each organisation's spending this wave, pounds (0 at baseline)
    truth: dict[str, TruthTable]

    @property
    def size(self) -> int:
        return int(self.person.size)

    def responses(self) -> Responses:
        index = np.flatnonzero(self.responded).astype(np.int64)
        scores = self.scores[index]
        return Responses(
            index=index,
            scores=scores,
            items_asked=self.items_asked[index],
            items_answered=self.items_answered[index],
            attained=attained_levels(scores),
            strict=self.strict[index],
        )


@dataclass(frozen=True)
class Synthetic:
    preset: str
    seed: int
    domains: tuple[DomainSpec, ...]
    regions: tuple[RegionRecord, ...]
    icbs: tuple[IcbRecord, ...]  # with the merger's successor last, when there is one
    organisations: Organisations
    merger: Merger | None
    mu: FloatArray  # calibrated mu_d
    items: ItemBank
    waves: tuple[WaveData, ...]
    parameters: dict[str, Any]


def attained_levels(scores: FloatArray) -> SmallArray:
    """The level a domain score reaches: the highest k with D >= k/4 (0 is "not yet"); -1 when
    the score is missing. The vector form of scoring.attained_step less the "not yet" offset."""
    levels = np.floor(np.nan_to_num(scores, nan=-1.0) * STEPS + TOLERANCE)
    return np.where(np.isnan(scores), -1, levels).astype(np.int8)


def population_truth(
    scores: NDArray[np.floating[Any]], mask: BoolArray | None = None
) -> tuple[FloatArray, FloatArray]:
    """M and A(4) per domain (0-100) over the people ``mask`` selects, everyone by default."""
    chosen = np.asarray(scores if mask is None else scores[mask], dtype=np.float64)
    valid = ~np.isnan(chosen)
    count = valid.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        maturity = 100 * np.where(valid, chosen, 0).sum(axis=0) / count
        reached = valid & (np.nan_to_num(chosen) + TOLERANCE >= _tau())
        attainment = 100 * reached.sum(axis=0) / count
    return maturity, attainment


def _tau() -> float:
    return threshold(ATTAINMENT_STEP, SCALE_SIZE)


# ---------------------------------------------------------------------------------------------
# Generation


def synthesise(
    preset: str | Preset,
    geography: Geography,
    domains: Sequence[DomainSpec],
    *,
    waves: int = 1,
    seed: int = 1,
    not_asked: Mapping[str, Collection[str]] | None = None,
    selection: str = "capability",
) -> Synthetic:
    """Generate a preset's population, its answers and its truth for ``waves`` waves.

    ``not_asked`` maps a profession to the domain codes its role profile does not expect: those
    domains are not asked of it, as the questionnaire skips them. ``selection`` is one of
    SELECTIONS.
    """
    spec = PRESETS[preset] if isinstance(preset, str) else preset
    if not 1 <= waves <= 5:
        raise ValueError("waves must be 1 (the baseline) to 5 (the baseline and four more)")
    if selection not in SELECTIONS:
        raise ValueError(f"selection must be one of {', '.join(SELECTIONS)}")
    frame_stream, item_stream, wave_stream = np.random.SeedSequence(seed).spawn(3)
    rng = np.random.default_rng(frame_stream)
    domain_codes = [domain.code for domain in domains]
    regions, icbs, orgs, merger = _frame_organisations(geography, spec, waves)
    headcount = _headcounts(rng, orgs, regions, geography.region_shares, spec.staff)
    people = _people(rng, orgs, headcount)
    fixed = _fixed_effects(rng, people, orgs, len(_baseline_icbs(icbs, merger)), domain_codes)
    bank = _item_bank(np.random.default_rng(item_stream), domains)
    eps = _epsilon(rng, people.size, len(domain_codes))
    mu = _calibrate_mu(rng, bank, fixed + eps, people.profession, domain_codes)
    model = _Model(
        domain_codes=domain_codes,
        geography=(regions, icbs, orgs),
        merger=merger,
        mu=mu,
        bank=bank,
        asked=_asked_table(domain_codes, not_asked or {}),
        response=_response_model(
            rng, people, orgs, mu + fixed + (eps if selection == "capability" else 0), merger
        ),
        selection=selection,
    )
    state = _State(people, fixed, eps, gain=np.zeros_like(eps), next_id=people.size + 1)
    results = _run_waves(model, state, wave_stream.spawn(waves))
    return Synthetic(
        preset=spec.name,
        seed=seed,
        domains=tuple(domains),
        regions=regions,
        icbs=icbs,
        organisations=orgs,
        merger=merger,
        mu=mu,
        items=bank,
        waves=tuple(results),
        parameters=_parameters(spec, results, mu, domain_codes, merger) | {"selection": selection},
    )


def _parameters(
    spec: Preset,
    waves: list[WaveData],
    mu: FloatArray,
    domain_codes: list[str],
    merger: Merger | None,
) -> dict[str, Any]:
    """What a run records about itself (JSON-friendly)."""
    baseline = waves[0]
    ahp_maturity, _ = population_truth(baseline.scores, AHP[baseline.profession])
    return {
        "preset": spec.name,
        "staff": spec.staff,
        "icbs": list(spec.icbs),
        "mu": dict(zip(domain_codes, np.round(mu, 4).tolist(), strict=True)),
        "ahp_maturity": dict(zip(domain_codes, np.round(ahp_maturity, 2).tolist(), strict=True)),
        "waves": [
            {"number": w.number, "population": w.size, "respondents": int(w.responded.sum())}
            for w in waves
        ],
        "merger": None
        if merger is None
        else {
            "wave": merger.wave,
            "predecessors": list(merger.predecessors),
            "code": merger.code,
            "name": merger.name,
        },
        "model": {
            "organisation_sd": ORGANISATION_SD,
            "icb_sd": ICB_SD,
            "theta_response": THETA_RESPONSE,
            "organisation_rate_noise": ORGANISATION_RATE_NOISE,
            "overall_response": OVERALL_RESPONSE,
            "turnover": TURNOVER,
            "kappa": KAPPA,
            "spend_scale": SPEND_SCALE,
        },
    }


# --- the organisations ------------------------------------------------------------------------


def _frame_organisations(
    geography: Geography, spec: Preset, waves: int
) -> tuple[tuple[RegionRecord, ...], tuple[IcbRecord, ...], Organisations, Merger | None]:
    """The preset's regions, ICBs and employers (trusts, then ICB bodies, then a successor)."""
    wanted = set(spec.icbs) or {icb.code for icb in geography.icbs}
    icbs = [icb for icb in geography.icbs if icb.code in wanted]
    if missing := wanted - {icb.code for icb in icbs}:
        raise ValueError(f"the geography has no ICB {', '.join(sorted(missing))}")
    region_codes = {icb.region for icb in icbs}
    regions = tuple(region for region in geography.regions if region.code in region_codes)
    region_index = {region.code: n for n, region in enumerate(regions)}
    merger = MERGER if waves > MERGER.wave and set(MERGER.predecessors) <= wanted else None
    if merger is not None:
        first = next(icb for icb in icbs if icb.code == merger.predecessors[0])
        icbs.append(IcbRecord(merger.code, merger.name, first.region))
    icb_index = {icb.code: n for n, icb in enumerate(icbs)}
    trusts = [trust for trust in geography.trusts if trust.icb in wanted]
    codes = [trust.code for trust in trusts] + [icb.code for icb in icbs]
    names = [trust.name for trust in trusts] + [icb.name for icb in icbs]
    types = [organisation_type(trust.name) for trust in trusts] + [ICB_BODY] * len(icbs)
    icb_of = [icb_index[trust.icb] for trust in trusts] + list(range(len(icbs)))
    first_wave = [0] * len(codes)
    if merger is not None:
        first_wave[-1] = merger.wave
    orgs = Organisations(
        codes=tuple(codes),
        names=tuple(names),
        types=tuple(types),
        icb=np.array(icb_of, dtype=np.int64),
        region=np.array([region_index[icbs[i].region] for i in icb_of], dtype=np.int64),
        first_wave=np.array(first_wave, dtype=np.int64),
    )
    return regions, tuple(icbs), orgs, merger


def _baseline_icbs(icbs: tuple[IcbRecord, ...], merger: Merger | None) -> tuple[IcbRecord, ...]:
    """The ICBs open at baseline: all but a merger's successor."""
    return icbs[:-1] if merger is not None else icbs


def _headcounts(
    rng: np.random.Generator,
    orgs: Organisations,
    regions: tuple[RegionRecord, ...],
    shares: Mapping[str, float],
    staff: int,
) -> IntArray:
    """Each organisation's baseline headcount: lognormal by type, regions scaled to their
    shares of the total, summing to ``staff`` exactly. A successor (opening later) has none."""
    opening = orgs.first_wave == 0
    size = np.zeros(len(orgs.codes))
    for kind, (median, sigma, low, high) in SIZES.items():
        chosen = np.flatnonzero(opening & (np.array(orgs.types) == kind))
        drawn = median * np.exp(sigma * rng.standard_normal(chosen.size))
        size[chosen] = np.clip(drawn, low, high)
    region_share = np.array([shares.get(region.code, 0.0) for region in regions])
    # With one region, or no known shares, the drawn sizes stand as they are.
    if len(regions) > 1 and (region_share > 0).all():
        region_total = np.bincount(orgs.region, weights=size, minlength=len(regions))
        wanted = region_share / region_share.sum() * size.sum()
        size *= (wanted / np.where(region_total > 0, region_total, 1))[orgs.region]
    return _round_to_total(size / size.sum() * staff, staff)


def _round_to_total(values: FloatArray, total: int) -> IntArray:
    """Integers summing to ``total``, by largest remainder."""
    floor = np.floor(values).astype(np.int64)
    short = total - int(floor.sum())
    if short > 0:
        floor[np.argsort(floor - values)[:short]] += 1
    return floor


# --- the people ------------------------------------------------------------------------------


@dataclass
class _People:
    person: IntArray
    organisation: NDArray[np.int32]
    staff_group: SmallArray
    profession: SmallArray
    band_group: SmallArray
    age_band: SmallArray
    sex: SmallArray
    fte: Float32Array

    @property
    def size(self) -> int:
        return int(self.person.size)


def _people(rng: np.random.Generator, orgs: Organisations, headcount: IntArray) -> _People:
    mix = _staff_mix(orgs.types, headcount)
    counts = rng.multinomial(headcount, mix)
    organisation = np.repeat(np.arange(len(orgs.codes), dtype=np.int32), headcount)
    staff_group = np.concatenate(
        [np.repeat(np.arange(len(STAFF_GROUP_CODES), dtype=np.int8), row) for row in counts]
    )
    n = int(headcount.sum())
    profession = _professions(rng, staff_group)
    return _People(
        person=np.arange(1, n + 1, dtype=np.int64),
        organisation=organisation,
        staff_group=staff_group,
        profession=profession,
        band_group=_bands(rng, staff_group),
        age_band=_ages(rng, n),
        sex=_sexes(rng, profession),
        fte=_fte(rng, n),
    )


def _vector(shares: Mapping[str, float]) -> FloatArray:
    return np.array([shares.get(code, 0.0) for code in STAFF_GROUP_CODES])


def type_mix(kind: str) -> FloatArray:
    """The staff-group mix of a non-acute organisation type, summing to 1."""
    mix = _vector(NATIONAL_MIX) * _vector(
        dict.fromkeys(STAFF_GROUP_CODES, 1.0) | TYPE_TILTS.get(kind, {})
    )
    fixed = _vector(TYPE_FIXED.get(kind, {}))
    if kind in (AMBULANCE, ICB_BODY):
        return fixed / fixed.sum()
    free = fixed == 0
    mix[free] *= (1 - fixed.sum()) / mix[free].sum()
    return np.where(free, mix, fixed)


def _staff_mix(types: Sequence[str], headcount: IntArray) -> FloatArray:
    """Each organisation's staff-group shares. Acute trusts take what the other types leave
    of the national mix, so the whole frame comes out near the national shares."""
    national = _vector(NATIONAL_MIX) / sum(NATIONAL_MIX.values())
    kinds = np.array(types)
    mix = np.zeros((len(types), len(STAFF_GROUP_CODES)))
    for kind in set(types) - {ACUTE}:
        mix[kinds == kind] = type_mix(kind)
    acute = kinds == ACUTE
    if acute.any():
        other = (mix * headcount[:, None]).sum(axis=0)
        residual = (national * headcount.sum() - other) / headcount[acute].sum()
        floor = np.where(np.isin(STAFF_GROUP_CODES, _AMBULANCE_GROUPS), 0.0, 0.25 * national)
        residual = np.maximum(residual, floor)
        mix[acute] = residual / residual.sum()
    return mix


def _split_choice(
    rng: np.random.Generator, labels: SmallArray, table: Sequence[FloatArray]
) -> SmallArray:
    """For each person, a category drawn from the row of ``table`` their label selects."""
    out = np.zeros(labels.size, dtype=np.int8)
    for label, shares in enumerate(table):
        chosen = np.flatnonzero(labels == label)
        if chosen.size:
            out[chosen] = rng.choice(shares.size, size=chosen.size, p=shares / shares.sum())
    return out


def _professions(rng: np.random.Generator, staff_group: SmallArray) -> SmallArray:
    table = []
    for code in STAFF_GROUP_CODES:
        row = np.zeros(len(PROFESSION_CODES))
        for profession, share in PROFESSION_SPLIT[code].items():
            row[_PROFESSION[profession]] = share
        table.append(row)
    return _split_choice(rng, staff_group, table)


def band_table() -> FloatArray:
    """P(band group | staff group): each group's seed row, raked (iterative proportional
    fitting) so that non-medical staff in the national mix match BAND_SHARES."""
    seed = np.array([BAND_SEED[code] for code in STAFF_GROUP_CODES]) + 1e-9
    national = _vector(NATIONAL_MIX)
    rows = np.array([code != "doctors" for code in STAFF_GROUP_CODES])
    table = seed[rows] / seed[rows].sum(axis=1, keepdims=True) * national[rows, None]
    target = np.array(BAND_SHARES) * national[rows].sum()
    for _ in range(200):
        table *= target / table.sum(axis=0)
        table *= (national[rows] / table.sum(axis=1))[:, None]
    result = seed / seed.sum(axis=1, keepdims=True)
    result[rows] = table / table.sum(axis=1, keepdims=True)
    return result


def _bands(rng: np.random.Generator, staff_group: SmallArray) -> SmallArray:
    return _split_choice(rng, staff_group, list(band_table()))


def _ages(rng: np.random.Generator, n: int) -> SmallArray:
    return rng.choice(len(AGE_CODES), size=n, p=np.array(AGE_SHARES)).astype(np.int8)


_FEMALE = np.array([FEMALE.get(code, 0.77) for code in PROFESSION_CODES])


def _sexes(rng: np.random.Generator, profession: SmallArray) -> SmallArray:
    # Index 0 is female, 1 male (SEX_CODES).
    return (rng.random(profession.size) >= _FEMALE[profession]).astype(np.int8)


def _fte(rng: np.random.Generator, n: int) -> Float32Array:
    kind = rng.choice(3, size=n, p=np.array(FTE_MIX))
    part = np.clip(rng.normal(0.6, 0.04, n), 0.4, 0.8)
    spread = rng.uniform(0.4, 0.95, n)
    fte = np.select([kind == 0, kind == 1], [1.0, part], spread)
    return np.round(fte, 2).astype(np.float32)


# --- capability ------------------------------------------------------------------------------


def _asked_table(domain_codes: list[str], not_asked: Mapping[str, Collection[str]]) -> BoolArray:
    """(professions, domains): whether the questionnaire asks the domain of the profession."""
    table = np.ones((len(PROFESSION_CODES), len(domain_codes)), dtype=bool)
    for profession, skipped in not_asked.items():
        if profession in _PROFESSION:
            for d, code in enumerate(domain_codes):
                if code in skipped:
                    table[_PROFESSION[profession], d] = False
    return table


def alpha_table(domain_codes: Sequence[str]) -> FloatArray:
    """alpha_profession,d: the profession's staff-group shift plus its own."""
    table = np.zeros((len(PROFESSION_CODES), len(domain_codes)))
    for p, profession in enumerate(PROFESSIONS):
        group = ALPHA_STAFF_GROUP.get(profession.staff_group, {})
        own = ALPHA_PROFESSION.get(profession.code, {})
        for d, code in enumerate(domain_codes):
            table[p, d] = group.get(code, 0.0) + own.get(code, 0.0)
    return table


def _fixed_effects(
    rng: np.random.Generator,
    people: _People,
    orgs: Organisations,
    n_icbs: int,
    domain_codes: list[str],
) -> FloatArray:
    """alpha + beta + gamma + delta: what a person's job and employer bring, (n, domains)."""
    # Drawn for the baseline organisations and ICBs only, so that the baseline is the same
    # whether or not a later merger adds a successor.
    opening = int((orgs.first_wave == 0).sum())
    beta = np.append(rng.normal(0.0, ORGANISATION_SD, opening), 0.0)[: len(orgs.codes)]
    gamma = rng.normal(0.0, ICB_SD, n_icbs)
    shift = beta[people.organisation] + gamma[orgs.icb[people.organisation]]
    alpha = alpha_table(domain_codes)[people.profession]
    delta = np.array(DELTA_BAND)[people.band_group]
    return alpha + (shift + delta)[:, None]


def _epsilon(rng: np.random.Generator, n: int, d: int) -> FloatArray:
    """epsilon_id ~ N(0, 1), independently for each person and domain, as section 4 has it.

    What people share across domains comes from their profession, organisation, ICB and band,
    all in the frame; so weighting to the frame can correct the part of the self-selection
    that runs through them, and only the individual part (0.4 times the mean epsilon, whose
    variance is 1/d) stays out of its reach."""
    return rng.standard_normal((n, d))


def _item_bank(rng: np.random.Generator, domains: Sequence[DomainSpec]) -> ItemBank:
    domain = np.repeat(np.arange(len(domains)), [spec.items for spec in domains])
    k = domain.size
    location = rng.normal(0.0, ITEM_LOCATION_SD, k)
    jitter = rng.normal(0.0, 0.15, (k, STEPS))
    thresholds = np.sort(location[:, None] + np.array(STEP_THRESHOLDS) + jitter, axis=1)
    non_response = rng.uniform(*NON_RESPONSE, k)
    not_applicable = np.zeros(k)
    chosen = rng.choice(k, size=max(1, round(NOT_APPLICABLE_ITEMS * k)), replace=False)
    not_applicable[chosen] = rng.uniform(*NOT_APPLICABLE_RATE, chosen.size)
    return ItemBank(
        domain=domain.astype(np.int64),
        discrimination=rng.uniform(*DISCRIMINATION, k),
        thresholds=thresholds,
        missing=1 - (1 - non_response) * (1 - not_applicable),
    )


def _expected_score(bank: ItemBank, d: int, theta: FloatArray) -> tuple[FloatArray, FloatArray]:
    """E[D | theta] for domain d, and its derivative in theta, for each theta (answered items
    are missing at random, so D's expectation weights items by their chance of an answer)."""
    items = bank.domain == d
    a = bank.discrimination[items]
    weight = (1 - bank.missing[items]) / (1 - bank.missing[items]).sum()
    p = 1 / (1 + np.exp(-a[None, :, None] * (theta[:, None, None] - bank.thresholds[items][None])))
    value = (p.sum(axis=2) / STEPS) @ weight
    slope = ((a[None, :, None] * p * (1 - p)).sum(axis=2) / STEPS) @ weight
    return value, slope


def _calibrate_mu(
    rng: np.random.Generator,
    bank: ItemBank,
    latent: FloatArray,
    profession: SmallArray,
    domain_codes: list[str],
) -> FloatArray:
    """mu_d such that allied health professionals' mean E[D] is AHP_TARGETS[d]: Newton steps
    (the mean is smooth and increasing in mu) on at most 20,000 AHPs."""
    ahp = np.flatnonzero(AHP[profession])
    if ahp.size == 0:
        ahp = np.arange(profession.size)
    sample = latent[rng.choice(ahp, size=min(ahp.size, 20_000), replace=False)]
    mu = np.zeros(len(domain_codes))
    for d, code in enumerate(domain_codes):
        target = AHP_TARGETS.get(code, DEFAULT_TARGET)
        for _ in range(12):
            value, slope = _expected_score(bank, d, sample[:, d] + mu[d])
            step = (target - value.mean()) / max(slope.mean(), 1e-6)
            mu[d] += float(np.clip(step, -2.0, 2.0))
            if abs(step) < 1e-6:
                break
    return mu


# --- response -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _ResponseModel:
    rho: FloatArray  # by staff group
    organisation: FloatArray  # organisation effect on the logit


def _logit(p: FloatArray | float) -> FloatArray:
    p = np.asarray(p, dtype=np.float64)
    return np.log(p / (1 - p))


def _sigmoid(x: FloatArray) -> FloatArray:
    return 1 / (1 + np.exp(-x))


def _centred_mean(theta: FloatArray) -> FloatArray:
    mean = theta.mean(axis=1)
    return mean - mean.mean()


def _response_model(
    rng: np.random.Generator,
    people: _People,
    orgs: Organisations,
    theta: FloatArray,
    merger: Merger | None,
) -> _ResponseModel:
    """rho by staff group and organisation effects, fitted on the baseline population so that
    staff groups respond at RESPONSE_TARGETS and organisations at rates spread evenly over
    ORGANISATION_RATES, both moved together to an overall OVERALL_RESPONSE."""
    n_orgs = len(orgs.codes)
    opening = int((orgs.first_wave == 0).sum())
    rates = np.zeros(n_orgs)
    offset = THETA_RESPONSE * _centred_mean(theta)
    # Organisations further on digitally tend to get more of their staff to answer: the rates
    # go to organisations in the order of their staff's mean capability, blurred by noise as
    # large as the spread of that mean (a correlation of about 0.7).
    org = people.organisation.astype(np.int64)
    staff = np.bincount(org, minlength=n_orgs)[:opening]
    capability = np.bincount(org, weights=offset, minlength=n_orgs)[:opening] / np.maximum(staff, 1)
    blurred = capability + rng.normal(0.0, ORGANISATION_RATE_NOISE * capability.std(), opening)
    rates[np.argsort(blurred)] = np.linspace(*ORGANISATION_RATES, opening)
    margins = [
        (people.staff_group.astype(np.int64), _vector(RESPONSE_TARGETS)),
        (people.organisation.astype(np.int64), rates),
    ]
    rho, organisation = _fit_logit_margins(offset, margins)
    if merger is not None:
        # The successor's body inherits its predecessors' habits.
        bodies = [orgs.codes.index(code) for code in merger.predecessors]
        organisation[-1] = organisation[bodies].mean()
    return _ResponseModel(rho=rho, organisation=organisation)


def _fit_logit_margins(
    offset: FloatArray, margins: list[tuple[IntArray, FloatArray]], rounds: int = 10
) -> list[FloatArray]:
    """Effects on the logit scale, one per category of each margin, such that the mean of
    sigmoid(offset + the person's effects) in each category is its target: raking on the
    logit scale. Each margin's targets are first moved together (on the logit scale) to an
    overall OVERALL_RESPONSE, so the margins agree with each other."""
    sizes = [np.bincount(index, minlength=target.size) for index, target in margins]
    targets = [
        _shift_to_mean(target, size) for (_, target), size in zip(margins, sizes, strict=True)
    ]
    effects = [np.zeros(target.size) for target in targets]
    for _ in range(rounds):
        for k, (index, _) in enumerate(margins):
            others = offset + sum(e[margins[m][0]] for m, e in enumerate(effects) if m != k)
            p = _sigmoid(effects[k][index] + others)
            responding = np.bincount(index, weights=p, minlength=targets[k].size)
            present = sizes[k] > 0
            rate = np.clip(responding[present] / sizes[k][present], 1e-6, 1 - 1e-6)
            effects[k][present] += _logit(targets[k][present]) - _logit(rate)
    return effects


def _shift_to_mean(target: FloatArray, size: IntArray) -> FloatArray:
    """``target`` moved by one shift on the logit scale so its size-weighted mean is
    OVERALL_RESPONSE (empty categories keep a harmless 0.5)."""
    present = size > 0
    logits = _logit(np.clip(target[present], 1e-4, 1 - 1e-4))
    weight = size[present] / size[present].sum()
    shift = 0.0
    for _ in range(30):
        p = _sigmoid(logits + shift)
        gap = OVERALL_RESPONSE - float(weight @ p)
        shift += gap / max(float(weight @ (p * (1 - p))), 1e-6)
        if abs(gap) < 1e-9:
            break
    shifted = np.full(target.size, 0.5)
    shifted[present] = _sigmoid(logits + shift)
    return shifted


# --- waves ----------------------------------------------------------------------------------


@dataclass
class _State:
    people: _People
    fixed: FloatArray
    eps: FloatArray
    gain: FloatArray  # capability added since baseline
    next_id: int


def _next_wave(
    rng: np.random.Generator,
    state: _State,
    orgs: Organisations,
    drift: FloatArray,
    number: int,
    merger: Merger | None,
) -> FloatArray:
    """Move the workforce on a year: improvement, turnover, and a merger if due. Returns each
    organisation's spending this year."""
    people = state.people
    n_orgs = len(orgs.codes)
    headcount = np.bincount(people.organisation, minlength=n_orgs)
    per_head = SPEND_PER_HEAD[0] * np.exp(SPEND_PER_HEAD[1] * rng.standard_normal(n_orgs))
    spend = np.where(headcount > 0, per_head * headcount, 0.0)
    # Delta mu = kappa (1 - exp(-spend / (c N))) + drift, for everyone who stays.
    improvement = KAPPA * (1 - np.exp(-per_head / SPEND_SCALE))
    state.gain += improvement[people.organisation][:, None] + drift
    # Leavers are replaced in the same post by joiners with new ids, who bring the drift
    # everyone outside has had but none of the organisation's own improvement.
    leaving = np.flatnonzero(rng.random(people.size) < TURNOVER)
    people.person[leaving] = np.arange(state.next_id, state.next_id + leaving.size)
    state.next_id += leaving.size
    people.age_band[leaving] = _ages(rng, leaving.size)
    people.sex[leaving] = _sexes(rng, people.profession[leaving])
    people.fte[leaving] = _fte(rng, leaving.size)
    state.eps[leaving] = _epsilon(rng, leaving.size, drift.size)
    state.gain[leaving] = drift * number
    if merger is not None and number == merger.wave:
        bodies = np.array([orgs.codes.index(code) for code in merger.predecessors])
        people.organisation[np.isin(people.organisation, bodies)] = n_orgs - 1
    return spend


@dataclass(frozen=True)
class _Model:
    """What stays fixed from wave to wave."""

    domain_codes: list[str]
    geography: tuple[tuple[RegionRecord, ...], tuple[IcbRecord, ...], Organisations]
    merger: Merger | None
    mu: FloatArray
    bank: ItemBank
    asked: BoolArray  # (professions, domains)
    response: _ResponseModel
    selection: str


def _run_waves(
    model: _Model, state: _State, streams: list[np.random.SeedSequence]
) -> list[WaveData]:
    """Each wave from its own random stream: the baseline, then a year's change before each
    later wave."""
    _, icbs, orgs = model.geography
    merger = model.merger
    drift = np.array([DRIFT.get(code, DEFAULT_DRIFT) for code in model.domain_codes])
    organisation_icb = orgs.icb.copy()
    results = []
    for number, stream in enumerate(streams):
        rng = np.random.default_rng(stream)
        spend = np.zeros(len(orgs.codes))
        if number > 0:
            spend = _next_wave(rng, state, orgs, drift, number, merger)
        if merger is not None and number == merger.wave:
            organisation_icb = _merged_icbs(organisation_icb, icbs, merger)
        structural = model.mu + state.fixed + state.gain
        theta = structural + state.eps
        keen = theta if model.selection == "capability" else structural
        results.append(
            _wave(rng, number, state.people, (theta, keen), model, organisation_icb, spend)
        )
    return results


def _merged_icbs(
    organisation_icb: IntArray, icbs: tuple[IcbRecord, ...], merger: Merger
) -> IntArray:
    codes = [icb.code for icb in icbs]
    closing = [codes.index(code) for code in merger.predecessors]
    return np.where(np.isin(organisation_icb, closing), codes.index(merger.code), organisation_icb)


def _answer_domain(
    rng: np.random.Generator, theta: FloatArray, bank: ItemBank, d: int, asked: BoolArray
) -> tuple[FloatArray, SmallArray, SmallArray, SmallArray]:
    """Everyone's answers to one domain's items, scored as scoring.domain_score does.

    Graded response: P(s >= k) = logistic(a_j (theta - b_jk)), so with L ~ Logistic(0, 1),
    s - 1 counts the thresholds b_jk that theta + L / a_j exceeds.
    """
    items = np.flatnonzero(bank.domain == d)
    k = items.size
    latent = theta[:, None] + rng.logistic(size=(theta.size, k)) / bank.discrimination[items]
    steps = np.zeros((theta.size, k), dtype=np.int8)
    for threshold_k in bank.thresholds[items].T:
        steps += latent > threshold_k
    answered = (rng.random((theta.size, k), dtype=np.float32) >= bank.missing[items]) & asked[
        :, None
    ]
    count = answered.sum(axis=1, dtype=np.int8)
    enough = asked & (count >= minimum_answers(k))
    total = np.where(answered, steps, 0).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        score = np.where(enough, total / (STEPS * count), np.nan)
    strict = np.where(enough, np.where(answered, steps, STEPS).min(axis=1), -1).astype(np.int8)
    return score, np.where(asked, k, 0).astype(np.int8), count, strict


def _wave(
    rng: np.random.Generator,
    number: int,
    people: _People,
    thetas: tuple[FloatArray, FloatArray],
    model: _Model,
    organisation_icb: IntArray,
    spend: FloatArray,
) -> WaveData:
    """Everyone's answers from theta, and who responds from the propensity's theta-bar."""
    theta, keen = thetas
    n, d = theta.shape
    scores = np.empty((n, d))
    items_asked = np.empty((n, d), dtype=np.int8)
    items_answered = np.empty((n, d), dtype=np.int8)
    strict = np.empty((n, d), dtype=np.int8)
    asked = model.asked[people.profession]
    for j in range(d):
        scores[:, j], items_asked[:, j], items_answered[:, j], strict[:, j] = _answer_domain(
            rng, theta[:, j], model.bank, j, asked[:, j]
        )
    logit = (
        model.response.rho[people.staff_group]
        + THETA_RESPONSE * _centred_mean(keen)
        + model.response.organisation[people.organisation]
    )
    responded = rng.random(n) < _sigmoid(logit)
    regions, icbs, orgs = model.geography
    return WaveData(
        number=number,
        person=people.person.copy(),
        organisation=people.organisation.copy(),
        staff_group=people.staff_group,
        profession=people.profession,
        band_group=people.band_group,
        age_band=people.age_band.copy(),
        sex=people.sex.copy(),
        fte=people.fte.copy(),
        theta=theta.astype(np.float32),
        scores=scores,
        items_asked=items_asked,
        items_answered=items_answered,
        strict=strict,
        responded=responded,
        organisation_icb=organisation_icb.copy(),
        spend=spend,
        truth=_truth(scores, people, organisation_icb, regions, icbs, orgs),
    )


# --- truth ----------------------------------------------------------------------------------


def _truth(
    scores: FloatArray,
    people: _People,
    organisation_icb: IntArray,
    regions: tuple[RegionRecord, ...],
    icbs: tuple[IcbRecord, ...],
    orgs: Organisations,
) -> dict[str, TruthTable]:
    """M and A(4) for every breakdown, from sums over organisation x profession cells (one
    pass over the people; every breakdown is a union of cells)."""
    d = scores.shape[1]
    n_orgs, n_prof = len(orgs.codes), len(PROFESSION_CODES)
    cell = people.organisation.astype(np.int64) * n_prof + people.profession
    cells = n_orgs * n_prof
    sums = np.empty((3, cells, d))  # people with a score, sum of scores, people reaching A(4)
    for j in range(d):
        valid = ~np.isnan(scores[:, j])
        value = np.where(valid, scores[:, j], 0.0)
        sums[0, :, j] = np.bincount(cell, weights=valid, minlength=cells)
        sums[1, :, j] = np.bincount(cell, weights=value, minlength=cells)
        reached = valid & (value + TOLERANCE >= _tau())
        sums[2, :, j] = np.bincount(cell, weights=reached, minlength=cells)
    count, total, hits = sums.reshape(3, n_orgs, n_prof, d)
    icb_region = np.array([[r.code for r in regions].index(icb.region) for icb in icbs])
    sg_of_prof = np.array([_SG[p.staff_group] for p in PROFESSIONS])
    by_org = (count.sum(1), total.sum(1), hits.sum(1))
    by_prof = (count.sum(0), total.sum(0), hits.sum(0))
    tables = {
        "national": (("",), _collapse(by_org, np.zeros(n_orgs, dtype=np.int64), 1)),
        "region": (
            tuple(r.code for r in regions),
            _collapse(by_org, icb_region[organisation_icb], len(regions)),
        ),
        "icb": (tuple(icb.code for icb in icbs), _collapse(by_org, organisation_icb, len(icbs))),
        "organisation": (orgs.codes, by_org),
        "staff_group": (STAFF_GROUP_CODES, _collapse(by_prof, sg_of_prof, len(STAFF_GROUP_CODES))),
        "profession": (PROFESSION_CODES, by_prof),
    }
    result = {}
    for name, (codes, (c, t, h)) in tables.items():
        # Groups nobody is in this wave (an ICB before or after a merger) are left out.
        keep = c.sum(axis=1) > 0
        with np.errstate(invalid="ignore", divide="ignore"):
            result[name] = TruthTable(
                codes=tuple(code for code, kept in zip(codes, keep, strict=True) if kept),
                population=c[keep].astype(np.int64),
                maturity=np.where(c[keep] > 0, 100 * t[keep] / c[keep], np.nan),
                attainment=np.where(c[keep] > 0, 100 * h[keep] / c[keep], np.nan),
            )
    return result


def _collapse(
    sums: tuple[FloatArray, FloatArray, FloatArray], groups: IntArray, n_groups: int
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Per-row sums added up into ``n_groups`` groups."""
    out = []
    for values in sums:
        collapsed = np.zeros((n_groups, values.shape[1]))
        np.add.at(collapsed, groups, values)
        out.append(collapsed)
    return out[0], out[1], out[2]
