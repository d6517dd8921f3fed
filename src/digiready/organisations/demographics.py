"""The workforce attributes that weighting uses besides organisation, staff group and profession:
Agenda for Change band group, age band and sex, as NHS Workforce Statistics groups them.
No Django here."""

from __future__ import annotations

BAND_GROUPS: tuple[tuple[str, str], ...] = (
    ("band_2_4", "Bands 2 to 4"),
    ("band_5_6", "Bands 5 and 6"),
    ("band_7", "Band 7"),
    ("band_8_plus", "Band 8a and above"),
    ("medical_other", "Medical and other pay scales"),
)
AGE_BANDS: tuple[tuple[str, str], ...] = (
    ("under_25", "Under 25"),
    ("25_34", "25 to 34"),
    ("35_44", "35 to 44"),
    ("45_54", "45 to 54"),
    ("55_plus", "55 and over"),
)
SEXES: tuple[tuple[str, str], ...] = (
    ("female", "Female"),
    ("male", "Male"),
)
BAND_GROUP_CODES = frozenset(code for code, _ in BAND_GROUPS)
AGE_BAND_CODES = frozenset(code for code, _ in AGE_BANDS)
SEX_CODES = frozenset(code for code, _ in SEXES)
