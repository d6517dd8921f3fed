"""Framework files in and out: CASE packages, the flat CSV and the bundled YAML.

Pages, the API and the command line all call these, so every route applies the same checks.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.urls import reverse

from digiready.frameworks import case, spreadsheet
from digiready.frameworks.content import FrameworkData, FrameworkFormatError
from digiready.frameworks.models import FrameworkVersion
from digiready.frameworks.store import known_lineage, load_framework, save_framework

FORMATS = ("case", "csv")


def case_base_uri() -> str:
    """Where exported CASE identifiers resolve: this service's CASE API."""
    return settings.SITE_URL + reverse("api:case_root").rstrip("/")


def detect_format(name: str, data: bytes) -> str:
    """ "case" or "csv", from the file name, or failing that from the first byte."""
    suffix = Path(name).suffix.lower()
    if suffix == ".json":
        return "case"
    if suffix == ".csv":
        return "csv"
    return "case" if data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"[") else "csv"


def parse(name: str, data: bytes) -> FrameworkData:
    """Read and check a framework file without storing anything."""
    source = Path(name).name or "file"
    limit = settings.FRAMEWORK_UPLOAD_MAX_BYTES
    if len(data) > limit:
        raise FrameworkFormatError(
            [f"{source}: the file is {len(data):,} bytes; the largest accepted is {limit:,}"]
        )
    if not data.strip():
        raise FrameworkFormatError([f"{source}: the file is empty"])
    kind = detect_format(name, data)
    if kind == "case":
        return case.import_package(data, known_lineage=known_lineage(), source=source)
    return spreadsheet.import_csv(data, source=source)


def import_file(name: str, data: bytes, *, created_by: Any = None) -> FrameworkVersion:
    """Check a framework file and store it whole, or raise FrameworkFormatError and store none."""
    fw = parse(name, data)
    return save_framework(fw, created_by=created_by, source=Path(name).name or "file")


@dataclass
class Export:
    content: bytes
    content_type: str
    filename: str


def export(version: FrameworkVersion, kind: str) -> Export:
    fw = load_framework(version)
    stem = f"{version.framework.slug}-{version.version}"
    if kind == "csv":
        return Export(spreadsheet.export_csv(fw).encode("utf-8"), "text/csv", f"{stem}.csv")
    if kind == "case":
        return Export(
            case.dumps(case_package(version, fw)).encode("utf-8"),
            "application/json",
            f"{stem}.case.json",
        )
    raise ValueError(f"unknown format {kind!r}; choose from {', '.join(FORMATS)}")


def case_package(version: FrameworkVersion, fw: FrameworkData | None = None) -> dict[str, Any]:
    fw = fw or load_framework(version)
    previous = load_framework(version.previous) if version.previous else None
    return case.export_package(fw, base_uri=case_base_uri(), previous=previous)
