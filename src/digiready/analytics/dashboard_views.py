"""Dashboards for organisations, ICBs, regions and England, and their exports.

Organisation leads see their organisations (and an ICB they lead); analysts the ICB, region or
nation they are scoped to; administrators everything. Every figure comes from
``analytics.dashboards`` through disclosure control, and every export is the same rows the
page shows, written to the audit log.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from http import HTTPStatus
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse

from digiready.accounts.audit import record_export
from digiready.accounts.professions import PROFESSIONS, STAFF_GROUPS
from digiready.analytics import cube_store, dashboard_charts, dashboard_exports
from digiready.analytics.dashboard_charts import Chart
from digiready.analytics.dashboards import (
    ENGLAND_PLACE,
    Dashboard,
    Filters,
    Place,
    RefusedError,
    build,
)
from digiready.assessments.models import Wave
from digiready.assessments.services import PERSON_FRAMEWORK
from digiready.core.downloads import attachment, pdf_attachment
from digiready.core.forms import NHSForm
from digiready.core.render import page
from digiready.frameworks.models import FrameworkVersion
from digiready.organisations.models import Kind, Organisation
from digiready.organisations.scope import Scope

SECTION = "Dashboards"
LEVELS = {"england": "national", "region": "region", "icb": "icb", "organisation": "organisation"}
SLUG_OF_LEVEL = {level: slug for slug, level in LEVELS.items()}
KIND_OF_LEVEL = {"region": Kind.REGION, "icb": Kind.ICB}
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "parquet": "application/vnd.apache.parquet",
    "pdf": "application/pdf",
}
PAGES = 64  # dashboards (figures and charts) kept in each process
_pages: OrderedDict[tuple[Any, ...], tuple[Dashboard, dict[str, Chart]]] = OrderedDict()
_lock = threading.Lock()


def clear() -> None:
    """Forget the dashboards this process keeps (tests, and after a database is replaced)."""
    with _lock:
        _pages.clear()


# -- Who may see what ----------------------------------------------------------------------


def _scope(request: HttpRequest) -> Scope:
    return request.scope  # type: ignore[attr-defined]


def can_see(scope: Scope, place: Place, organisation: Organisation | None) -> bool:
    if scope.is_administrator or scope.is_national_analyst:
        return True
    if place.level == "national" or organisation is None:
        return False
    return scope.can_see_aggregates(organisation)


def visible_places(scope: Scope) -> list[Place]:
    """The places whose dashboards the person may open, widest first."""
    places: list[Place] = []
    if scope.is_administrator or scope.is_national_analyst:
        places.append(ENGLAND_PLACE)
    order = {str(Kind.REGION): 0, str(Kind.ICB): 1}
    scoped = sorted(
        {*scope.analysed_organisations, *scope.led_organisations},
        key=lambda o: (order.get(str(o.kind), 2), o.name),
    )
    levels = {str(Kind.REGION): "region", str(Kind.ICB): "icb"}
    for org in scoped:
        level = levels.get(str(org.kind), "organisation")
        places.append(Place(level, org.ods_code, org.name))
    return places


def _place(level_slug: str, code: str) -> tuple[Place, Organisation | None]:
    level = LEVELS.get(level_slug)
    if level is None:
        raise Http404
    if level == "national":
        if code:
            raise Http404  # England has one address
        return ENGLAND_PLACE, None
    # ODS codes are short and alphanumeric; anything else names nothing (and never reaches
    # the database).
    if not (code.isascii() and code.isalnum() and len(code) <= 12):
        raise Http404
    organisation = Organisation.objects.filter(ods_code=code.upper()).first()
    if organisation is None:
        raise Http404
    kind = KIND_OF_LEVEL.get(level)
    if (kind is not None and organisation.kind != kind) or (
        kind is None and organisation.kind in (Kind.REGION, Kind.ICB)
    ):
        raise Http404
    return Place(level, organisation.ods_code, organisation.name), organisation


# -- Options -------------------------------------------------------------------------------


class DashboardForm(NHSForm):
    """What to show: the wave, framework version, a staff group or profession, and how to
    break the heat map down. All optional; an unknown value is an error on the page."""

    wave = forms.TypedChoiceField(label="Wave", coerce=int, required=False, choices=())
    framework = forms.TypedChoiceField(
        label="Framework version", coerce=int, required=False, choices=()
    )
    staff_group = forms.ChoiceField(
        label="Staff group",
        required=False,
        choices=[("", "All staff groups"), *((g.code, g.name) for g in STAFF_GROUPS)],
    )
    profession = forms.ChoiceField(
        label="Profession",
        required=False,
        choices=[("", "All professions"), *((p.code, p.name) for p in PROFESSIONS)],
    )
    heat = forms.ChoiceField(
        label="Heat map by",
        required=False,
        choices=[("staff_group", "Staff group"), ("profession", "Profession")],
    )

    def __init__(self, *args: Any, waves: list[Wave], versions: list[FrameworkVersion], **kw: Any):
        super().__init__(*args, **kw)
        self.fields["wave"].choices = [(w.number, w.label or str(w)) for w in reversed(waves)]  # type: ignore[attr-defined]
        self.fields["framework"].choices = [  # type: ignore[attr-defined]
            (v.pk, str(v)) for v in versions
        ]


def _versions() -> list[FrameworkVersion]:
    return list(
        FrameworkVersion.objects.published()
        .filter(framework__slug=PERSON_FRAMEWORK)
        .select_related("framework")
        .order_by("-published_at", "-pk")
    )


def _options(
    request: HttpRequest, waves: list[Wave], versions: list[FrameworkVersion]
) -> tuple[DashboardForm, Wave, FrameworkVersion, Filters, str]:
    form = DashboardForm(request.GET or None, waves=waves, versions=versions)
    data: dict[str, Any] = form.cleaned_data if form.is_bound and form.is_valid() else {}
    by_number = {w.number: w for w in waves}
    number, pk = data.get("wave"), data.get("framework")  # wave 0 is the baseline: not "none"
    wave = by_number.get(number, waves[-1]) if number is not None else waves[-1]
    by_pk = {v.pk: v for v in versions}
    version = by_pk.get(pk, versions[0]) if pk is not None else versions[0]
    staff_group = data.get("staff_group") or ""
    profession = data.get("profession") or ""
    try:
        filters = Filters(staff_group=staff_group, profession=profession)
    except RefusedError as refused:
        form.add_error("profession", refused.sentence)
        filters = Filters()
    return form, wave, version, filters, data.get("heat") or "staff_group"


# -- Pages ---------------------------------------------------------------------------------


@login_required
def index(request: HttpRequest) -> HttpResponse:
    places = visible_places(_scope(request))
    if not places:
        raise PermissionDenied
    return page(
        request, "analytics/dashboard_index.jinja", "Dashboards", section=SECTION, places=places
    )


def _dashboard(
    request: HttpRequest, level: str, code: str
) -> tuple[Place, DashboardForm, Dashboard | None, dict[str, Chart], str, dict[str, Any]]:
    place, organisation = _place(level, code)
    if not can_see(_scope(request), place, organisation):
        raise PermissionDenied
    waves = cube_store.waves_with_figures()
    versions = _versions()
    if not waves or not versions:
        form = DashboardForm(None, waves=waves, versions=versions)
        return place, form, None, {}, "There are no submitted self-assessments yet.", {}
    form, wave, version, filters, heat = _options(request, waves, versions)
    views, names = cube_store.views_for(wave, version, waves)
    footprint = views[-1].footprint.signature if views else 0
    key = (names, footprint, place, filters, heat)
    query = {
        "wave": wave.number,
        "framework": version.pk,
        "staff_group": filters.staff_group,
        "profession": filters.profession,
        "heat": heat,
    }
    with _lock:
        cached = _pages.get(key)
    if cached is None:
        try:
            dashboard = build(views, place, filters, heat_by=heat)
        except RefusedError as refused:
            return place, form, None, {}, refused.sentence, query
        cached = (dashboard, dashboard_charts.charts(dashboard, cube_store.chart_store()))
        with _lock:
            _pages[key] = cached
            while len(_pages) > PAGES:
                _pages.popitem(last=False)
    else:
        with _lock:
            _pages.move_to_end(key)
    return place, form, cached[0], cached[1], "", query


def place_href(place: Place, query: str = "") -> str:
    args = [SLUG_OF_LEVEL[place.level]] + ([place.code] if place.level != "national" else [])
    return reverse("dashboards:place", args=args) + (f"?{query}" if query else "")


def _links(scope: Scope, places: list[Place], query: str) -> list[tuple[Place, str]]:
    """Links to those of ``places`` the person may open, keeping the wave and filters."""
    if not places:
        return []
    if scope.is_administrator or scope.is_national_analyst:
        return [(p, place_href(p, query)) for p in places]
    orgs = {
        o.ods_code: o for o in Organisation.objects.filter(ods_code__in=[p.code for p in places])
    }
    return [
        (p, place_href(p, query))
        for p in places
        if p.code in orgs and can_see(scope, p, orgs[p.code])
    ]


@login_required
def dashboard(request: HttpRequest, level: str, code: str = "") -> HttpResponse:
    place, form, board, charts, refusal, query = _dashboard(request, level, code)
    here = place_href(place)
    keep = urlencode({k: v for k, v in query.items() if k in ("wave", "framework") and v != ""})
    scope = _scope(request)
    children = _links(scope, board.children, keep) if board else []
    parents = _links(scope, [p for p, _, _ in board.benchmark[1:]], keep) if board else []
    show_tables = request.GET.get("view") == "tables"
    toggle = {k: v for k, v in request.GET.items() if k != "view"}
    if not show_tables:
        toggle["view"] = "tables"
    return page(
        request,
        "analytics/dashboard.jinja",
        place.name,
        section=SECTION,
        column_width="full",
        place=place,
        form=form,
        board=board,
        charts=charts,
        refusal=refusal,
        show_tables=show_tables,
        options_open=bool(form.errors) or any(name in request.GET for name in form.fields),
        toggle_href=f"{here}?{urlencode(toggle)}",
        export_query=urlencode({k: v for k, v in query.items() if v != ""}),
        export_base=here,
        children=children,
        parents=parents,
        status=200,
    )


@login_required
def export(request: HttpRequest, level: str, fmt: str, code: str = "") -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    place, _form, board, charts, refusal, _query = _dashboard(request, level, code)
    if board is None:
        return HttpResponse(
            refusal, status=409 if refusal else 404, content_type="text/plain; charset=utf-8"
        )
    filename = f"digital-ready-{place.code.lower()}-{dt.date.today().isoformat()}.{fmt}"
    rows = dashboard_exports.rows(board)
    if fmt == "pdf":
        response = pdf_attachment(
            request,
            "analytics/dashboard_pdf.jinja",
            {
                "page_title": f"{place.name}: digital capability briefing",
                "board": board,
                "charts": charts,
                "today": dt.date.today(),
            },
            filename,
        )
        if response.status_code != HTTPStatus.OK:
            return response
    else:
        if fmt == "csv":
            content = dashboard_exports.to_csv(rows)
        elif fmt == "xlsx":
            content = dashboard_exports.to_xlsx(rows, _notes(board))
        else:
            content = dashboard_exports.to_parquet(
                rows,
                {"place": place.key, "wave": board.wave, "weight_version": board.weight_version},
            )
        response = attachment(content, FORMATS[fmt], filename)
    record_export(
        "dashboard",
        actor=request.user,  # type: ignore[arg-type]
        request=request,
        format=fmt,
        place=place.key,
        wave=board.wave,
        filter=board.filters.description,
        weight_version=board.weight_version,
        rows=len(rows),
    )
    return response


def _notes(board: Dashboard) -> list[str]:
    return [
        f"Wave: {board.wave}. Weights: {board.weight_version}. "
        f"Workforce frame: {board.frame_label or 'none'}.",
        "Figures are weighted to the workforce frame; intervals are 95% confidence intervals.",
        "Hidden figures are empty, with the reason beside them:",
        *board.notes,
    ]
