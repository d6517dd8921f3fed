"""A dashboard as rows, and the rows as CSV, Excel and Parquet files.

The rows are the dashboard's protected tables read cell by cell, so a file carries exactly
the suppression the page shows: a hidden figure is an empty cell with its reason beside it,
never a number. Numbers are as shown (rounded as the page rounds them).
"""

from __future__ import annotations

import csv
import io
from typing import Any

from openpyxl import Workbook

from digiready.analytics.dashboards import Dashboard
from digiready.analytics.disclosure import ProtectedTable
from digiready.analytics.figures import ATTAINMENT, MATURITY, statistic_name
from digiready.core.exports import spreadsheet_safe

COLUMNS = (
    "section",
    "wave",
    "place_level",
    "place_code",
    "place_name",
    "filter",
    "group_code",
    "group_label",
    "domain",
    "domain_title",
    "respondents",
    "headcount",
    "response_rate",
    "under_represented",
    "maturity",
    "maturity_ci_low",
    "maturity_ci_high",
    "attainment",
    "attainment_ci_low",
    "attainment_ci_high",
    "change",
    "change_significant",
    "suppressed",
    "reason",
    "weight_version",
)
TEXT = {"section", "wave", "place_level", "place_code", "place_name", "filter", "group_code"}
TEXT |= {"group_label", "domain", "domain_title", "respondents", "reason", "weight_version"}
TEXT |= {"headcount", "response_rate"}
FLAGS = {"under_represented", "change_significant", "suppressed"}
NUMBERS = [c for c in COLUMNS if c not in TEXT | FLAGS]
SECTIONS = {
    "headline": "Headline",
    "heat": "By group",
    "participation": "Participation",
    "benchmark": "Benchmark",
    "trend": "Trend",
}


def rows(dashboard: Dashboard) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    base = {
        "filter": dashboard.filters.description,
        "weight_version": dashboard.weight_version,
    }

    def place_columns(level: str, code: str, name: str) -> dict[str, Any]:
        return {"place_level": level, "place_code": code, "place_name": name}

    here = place_columns(dashboard.place.level, dashboard.place.code, dashboard.place.name)
    found += _table_rows(dashboard, "headline", dashboard.wave, dashboard.headline, base | here)
    if dashboard.heat is not None:
        found += _table_rows(dashboard, "heat", dashboard.wave, dashboard.heat, base | here)
    for p in dashboard.participation:
        found.append(
            _blank()
            | base
            | here
            | {
                "section": "participation",
                "wave": dashboard.wave,
                "group_code": p.code,
                "group_label": p.label,
                "respondents": p.respondents,
                "headcount": p.headcount,
                "response_rate": p.rate,
                "under_represented": p.under_represented,
                "suppressed": p.respondents == "*",
            }
        )
    for place, table, refusal in dashboard.benchmark[1:]:
        where = place_columns(place.level, place.code, place.name)
        if table is None:
            found.append(_refused("benchmark", dashboard.wave, refusal) | base | where)
        else:
            found += _table_rows(dashboard, "benchmark", dashboard.wave, table, base | where)
    for label, table, refusal in dashboard.trend:
        if table is None:
            found.append(_refused("trend", label, refusal) | base | here)
        else:
            found += _table_rows(dashboard, "trend", label, table, base | here)
    return found


def _blank() -> dict[str, Any]:
    return dict.fromkeys(COLUMNS)


def _refused(section: str, wave: str, reason: str) -> dict[str, Any]:
    return _blank() | {"section": section, "wave": wave, "suppressed": True, "reason": reason}


def _table_rows(
    dashboard: Dashboard, section: str, wave: str, table: ProtectedTable, base: dict[str, Any]
) -> list[dict[str, Any]]:
    out = []
    for cell in table.cells:
        for code, title in dashboard.domains:
            maturity = cell.statistics[statistic_name(code, MATURITY)]
            attainment = cell.statistics[statistic_name(code, ATTAINMENT)]
            reasons = [
                s.sentence
                for s in (
                    maturity.estimate.suppression,
                    attainment.estimate.suppression,
                    maturity.change.suppression if maturity.change else None,
                )
                if s is not None
            ]
            change = maturity.change
            out.append(
                _blank()
                | base
                | {
                    "section": section,
                    "wave": wave,
                    "group_code": cell.key,
                    "group_label": cell.label,
                    "domain": code,
                    "domain_title": title,
                    "respondents": cell.count.text,
                    "headcount": cell.population.text if cell.population.value else "",
                    "response_rate": cell.response_rate.text
                    if cell.response_rate.value is not None or cell.response_rate.hidden
                    else "",
                    "maturity": maturity.estimate.value,
                    "maturity_ci_low": maturity.low,
                    "maturity_ci_high": maturity.high,
                    "attainment": attainment.estimate.value,
                    "attainment_ci_low": attainment.low,
                    "attainment_ci_high": attainment.high,
                    "change": change.value if change is not None else None,
                    "change_significant": maturity.change_significant,
                    "suppressed": maturity.hidden or attainment.hidden,
                    "reason": "; ".join(dict.fromkeys(reasons)),
                }
            )
    return out


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        return spreadsheet_safe(value)
    return value


def to_csv(data: list[dict[str, Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for row in data:
        writer.writerow([_cell(row[c]) for c in COLUMNS])
    return out.getvalue().encode("utf-8")


def to_xlsx(data: list[dict[str, Any]], notes: list[str]) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Figures")
    sheet.append(list(COLUMNS))
    for row in data:
        sheet.append([_cell(row[c]) for c in COLUMNS])
    about = book.create_sheet("Notes")
    for note in notes:
        about.append([spreadsheet_safe(note)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def to_parquet(data: list[dict[str, Any]], metadata: dict[str, str]) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    fields = [
        pa.field(c, pa.float64() if c in NUMBERS else pa.bool_() if c in FLAGS else pa.string())
        for c in COLUMNS
    ]
    schema = pa.schema(fields, metadata={k.encode(): v.encode() for k, v in metadata.items()})
    columns = {}
    for c in COLUMNS:
        values = [row[c] for row in data]
        if c in FLAGS:
            values = [bool(v) if v is not None else None for v in values]
        columns[c] = values
    table = pa.Table.from_pydict(columns, schema=schema)
    out = io.BytesIO()
    pq.write_table(table, out)
    return out.getvalue()
