"""Loading the NHS England regions, ICBs and trusts shipped with the service.

The CSV files in `reference/` are the project's own copy of the NHS Organisation Data Service
codes. Loading is idempotent: it creates what is missing, updates names that changed and
never deletes anything, so history recorded since (a merger, say) is kept.
"""

import csv
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from digiready.organisations.models import (
    EARLIEST,
    Kind,
    Organisation,
    OrganisationLink,
    ProviderType,
)
from digiready.organisations.names import title_case

REFERENCE_DIR = Path(__file__).parent / "reference"


class ReferenceError(ValueError):
    """A reference file that cannot be loaded; says which file, row and field."""


@dataclass
class LoadReport:
    created: dict[str, int] = field(default_factory=lambda: {"region": 0, "icb": 0, "provider": 0})
    updated: int = 0
    links_created: int = 0

    @property
    def total_created(self) -> int:
        return sum(self.created.values())


def _rows(path: Path, required: list[str]) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        missing = [name for name in required if name not in (reader.fieldnames or [])]
        if missing:
            raise ReferenceError(f"{path.name}: missing column(s) {', '.join(missing)}")
        rows = []
        for number, row in enumerate(reader, start=2):
            for name in required[:2]:
                if not (row.get(name) or "").strip():
                    raise ReferenceError(f"{path.name}, row {number}: {name} is empty")
            rows.append({key: (value or "").strip() for key, value in row.items() if key})
        return rows


def provider_type_for(name: str) -> str:
    return ProviderType.AMBULANCE_TRUST if "AMBULANCE" in name.upper() else ProviderType.NHS_TRUST


def _upsert(report: LoadReport, ods_code: str, **values: str) -> Organisation:
    org = Organisation.objects.filter(ods_code=ods_code).first()
    if org is None:
        org = Organisation.objects.create(ods_code=ods_code, effective_from=EARLIEST, **values)
        report.created[values["kind"]] += 1
        return org
    changed = {key: value for key, value in values.items() if getattr(org, key) != value}
    if changed:
        for key, value in changed.items():
            setattr(org, key, value)
        org.save(update_fields=list(changed))
        report.updated += 1
    return org


def _link(report: LoadReport, child: Organisation, parent: Organisation, primary: bool) -> None:
    # A child with any link to this parent, open or closed (after a merger, say), keeps its
    # recorded history as it is.
    if OrganisationLink.objects.filter(child=child, parent=parent).exists():
        return
    OrganisationLink.objects.create(
        child=child, parent=parent, is_primary=primary, effective_from=EARLIEST
    )
    report.links_created += 1


def load_reference(directory: Path = REFERENCE_DIR) -> LoadReport:
    """Load regions, ICBs and trusts; all or nothing."""
    regions = _rows(directory / "nhs_england_regions.csv", ["ods_code", "name", "ons_code"])
    icbs = _rows(
        directory / "integrated_care_boards.csv",
        ["ods_code", "name", "ons_code", "region_ods_code"],
    )
    trusts = _rows(directory / "nhs_trusts.csv", ["ods_code", "name", "icb_ods_code"])
    region_codes = {row["ods_code"] for row in regions}
    icb_codes = {row["ods_code"] for row in icbs}
    for number, row in enumerate(icbs, start=2):
        if row["region_ods_code"] not in region_codes:
            raise ReferenceError(
                f"integrated_care_boards.csv, row {number}: region_ods_code "
                f"{row['region_ods_code']!r} is not a region in nhs_england_regions.csv"
            )
    for number, row in enumerate(trusts, start=2):
        for code in filter(None, row["icb_ods_code"].split(";")):
            if code.strip() not in icb_codes:
                raise ReferenceError(
                    f"nhs_trusts.csv, row {number}: icb_ods_code {code!r} is not an ICB "
                    "in integrated_care_boards.csv"
                )

    report = LoadReport()
    with transaction.atomic():
        by_code: dict[str, Organisation] = {}
        for row in regions:
            by_code[row["ods_code"]] = _upsert(
                report,
                row["ods_code"],
                name=row["name"],
                ons_code=row["ons_code"],
                kind=Kind.REGION,
            )
        for row in icbs:
            icb = _upsert(
                report, row["ods_code"], name=row["name"], ons_code=row["ons_code"], kind=Kind.ICB
            )
            by_code[row["ods_code"]] = icb
            _link(report, icb, by_code[row["region_ods_code"]], primary=True)
        for row in trusts:
            trust = _upsert(
                report,
                row["ods_code"],
                name=title_case(row["name"]),
                kind=Kind.PROVIDER,
                provider_type=provider_type_for(row["name"]),
            )
            codes = [code.strip() for code in row["icb_ods_code"].split(";") if code.strip()]
            for index, code in enumerate(codes):
                _link(report, trust, by_code[code], primary=index == 0)
    return report
