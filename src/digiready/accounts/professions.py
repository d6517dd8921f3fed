"""Staff groups (NHS Workforce Statistics) and professions, with the staff group each sits in.

The allied health professions are the fourteen NHS England lists; radiography is split into
diagnostic and therapeutic, as the workforce statistics do.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class StaffGroup:
    code: str
    name: str


@dataclass(frozen=True)
class Profession:
    code: str
    name: str
    staff_group: str
    is_ahp: bool = False


STAFF_GROUPS: tuple[StaffGroup, ...] = (
    StaffGroup("doctors", "HCHS doctors"),
    StaffGroup("nurses", "Nurses and health visitors"),
    StaffGroup("midwives", "Midwives"),
    StaffGroup("ambulance", "Ambulance staff"),
    StaffGroup(
        "st_t_ahp", "Scientific, therapeutic and technical staff: allied health professionals"
    ),
    StaffGroup("st_t_hcs", "Scientific, therapeutic and technical staff: healthcare scientists"),
    StaffGroup("st_t_other", "Scientific, therapeutic and technical staff: other"),
    StaffGroup("support_clinical", "Support to doctors, nurses and midwives"),
    StaffGroup("support_ambulance", "Support to ambulance staff"),
    StaffGroup("support_st_t", "Support to scientific, therapeutic and technical staff"),
    StaffGroup("central", "Central functions"),
    StaffGroup("estates", "Hotel, property and estates"),
    StaffGroup("senior_managers", "Senior managers"),
    StaffGroup("managers", "Managers"),
    StaffGroup("other", "Other or unknown staff group"),
)

PROFESSIONS: tuple[Profession, ...] = (
    # The allied health professions.
    Profession("art_therapist", "Art therapist", "st_t_ahp", True),
    Profession("drama_therapist", "Drama therapist", "st_t_ahp", True),
    Profession("music_therapist", "Music therapist", "st_t_ahp", True),
    Profession("podiatrist", "Podiatrist (chiropodist)", "st_t_ahp", True),
    Profession("dietitian", "Dietitian", "st_t_ahp", True),
    Profession("occupational_therapist", "Occupational therapist", "st_t_ahp", True),
    Profession("odp", "Operating department practitioner", "st_t_ahp", True),
    Profession("orthoptist", "Orthoptist", "st_t_ahp", True),
    Profession("osteopath", "Osteopath", "st_t_ahp", True),
    Profession("paramedic", "Paramedic", "ambulance", True),
    Profession("physiotherapist", "Physiotherapist", "st_t_ahp", True),
    Profession("prosthetist_orthotist", "Prosthetist or orthotist", "st_t_ahp", True),
    Profession("diagnostic_radiographer", "Diagnostic radiographer", "st_t_ahp", True),
    Profession("therapeutic_radiographer", "Therapeutic radiographer", "st_t_ahp", True),
    Profession("slt", "Speech and language therapist", "st_t_ahp", True),
    # Other registered professions.
    Profession("doctor", "Doctor", "doctors"),
    Profession("nurse", "Nurse", "nurses"),
    Profession("health_visitor", "Health visitor", "nurses"),
    Profession("midwife", "Midwife", "midwives"),
    Profession("pharmacist", "Pharmacist", "st_t_other"),
    Profession("pharmacy_technician", "Pharmacy technician", "st_t_other"),
    Profession("dentist", "Dentist", "doctors"),
    Profession("healthcare_scientist", "Healthcare scientist", "st_t_hcs"),
    Profession("psychologist", "Psychologist or psychological therapist", "st_t_other"),
    Profession(
        "ambulance_technician", "Ambulance technician or emergency care assistant", "ambulance"
    ),
    # Support, digital and infrastructure roles.
    Profession("healthcare_support_worker", "Healthcare support worker", "support_clinical"),
    Profession("ambulance_support", "Ambulance call handler or support", "support_ambulance"),
    Profession("therapy_support", "Therapy or science support worker", "support_st_t"),
    Profession("ddat", "Digital, data and technology (DDaT) professional", "central"),
    Profession("clinical_informatician", "Clinical informatician", "central"),
    Profession("data_analyst", "Data analyst", "central"),
    Profession("administrator", "Administrator or clerical", "central"),
    Profession("receptionist", "Receptionist", "central"),
    Profession("finance_hr", "Finance, HR or other corporate role", "central"),
    Profession("porter", "Porter", "estates"),
    Profession("estates", "Estates, facilities or hotel services", "estates"),
    Profession("manager", "Manager", "managers"),
    Profession("senior_manager", "Senior manager or director", "senior_managers"),
    Profession("other", "Another profession or role", "other"),
)

STAFF_GROUP_BY_CODE = {group.code: group for group in STAFF_GROUPS}
PROFESSION_BY_CODE = {profession.code: profession for profession in PROFESSIONS}
STAFF_GROUP_CHOICES = [(group.code, group.name) for group in STAFF_GROUPS]
PROFESSION_CHOICES = [(profession.code, profession.name) for profession in PROFESSIONS]
AHP_PROFESSIONS = tuple(p for p in PROFESSIONS if p.is_ahp)


def staff_group_for(profession_code: str) -> str:
    """The staff group a profession belongs to."""
    return PROFESSION_BY_CODE[profession_code].staff_group
