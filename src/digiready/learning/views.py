"""The learning catalogue (public), its coverage of the frameworks and its import (educators)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode
from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from digiready.accounts.audit import record_export
from digiready.core.downloads import attachment
from digiready.core.render import page
from digiready.learning import browse, store
from digiready.learning.catalogue import COLUMNS, CatalogueFormatError
from digiready.learning.forms import FilterForm, ImportForm
from digiready.learning.models import Format
from digiready.learning.plan import coverage_report
from digiready.learning.presenters import format_cost, format_duration

SECTION = "Learning"
PER_PAGE = 20
IMPORTED = "learning_imported"
View = Callable[..., HttpResponse]


def _scope(request: HttpRequest) -> Any:
    return request.scope  # type: ignore[attr-defined]


def _can_import(request: HttpRequest) -> bool:
    scope = _scope(request)
    return bool(request.user.is_authenticated and (scope.is_educator or scope.is_administrator))


def _can_see_coverage(request: HttpRequest) -> bool:
    scope = _scope(request)
    return bool(
        request.user.is_authenticated
        and (scope.is_educator or scope.is_framework_author or scope.is_administrator)
    )


def _allowed(check: Callable[[HttpRequest], bool]) -> Callable[[View], View]:
    def decorator(view: View) -> View:
        @wraps(view)
        @login_required
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not check(request):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def _details(resource: Any) -> dict[str, str]:
    return {
        "format": Format(resource.format).label,
        "duration": format_duration(resource.duration_minutes),
        "cost": format_cost(resource.cost_pounds),
    }


@require_GET
def catalogue(request: HttpRequest) -> HttpResponse:
    domains = browse.domain_choices()
    form = FilterForm(domains=domains)
    chosen = form.chosen(request.GET)
    form.initial = chosen
    resources = browse.catalogue(**chosen)
    page_obj = Paginator(resources, PER_PAGE).get_page(request.GET.get("page"))
    listed = list(page_obj)
    lines = browse.coverage_lines(listed)
    query = urlencode(chosen)
    return page(
        request,
        "learning/catalogue.jinja",
        "Learning resources",
        section=SECTION,
        filter_form=form,
        filtered=bool(chosen),
        page_obj=page_obj,
        entries=[{"resource": r, "covers": lines.get(r.pk, []), **_details(r)} for r in listed],
        page_href=lambda number: "?" + urlencode({**chosen, "page": number}),
        query=query,
        can_import=_can_import(request),
        can_see_coverage=_can_see_coverage(request),
    )


@require_GET
def resource(request: HttpRequest, public_id: UUID) -> HttpResponse:
    found = get_object_or_404(browse.active_resources(), public_id=public_id)
    lines = browse.coverage_lines([found]).get(found.pk, [])
    return page(
        request,
        "learning/resource.jinja",
        found.title,
        section=SECTION,
        resource=found,
        covers=lines,
        back_href=reverse("learning:catalogue"),
        details=_details(found),
    )


@_allowed(_can_see_coverage)
@require_GET
def coverage(request: HttpRequest) -> HttpResponse:
    reports = [coverage_report(version) for version in browse.person_versions()]
    return page(
        request,
        "learning/coverage.jinja",
        "Catalogue coverage",
        section=SECTION,
        reports=reports,
        can_import=_can_import(request),
        column_width="full",
    )


@_allowed(_can_import)
@require_http_methods(["GET", "POST"])
def import_catalogue(request: HttpRequest) -> HttpResponse:
    posted = request.method == "POST"
    form = ImportForm(request.POST if posted else None, request.FILES if posted else None)
    if posted and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = store.import_catalogue(
                upload.read(),
                upload.name,
                by=request.user,  # type: ignore[arg-type]
                request=request,
            )
        except CatalogueFormatError as error:
            form.refuse(error.problems)
        else:
            # Shown once by the confirmation page, so that reloading it cannot import twice.
            request.session[IMPORTED] = {
                "file": upload.name,
                "added": result.added,
                "updated": result.updated,
                "unchanged": result.unchanged,
                "coverage": result.coverage,
            }
            return redirect("learning:imported")
    return page(
        request,
        "learning/import.jinja",
        "Import learning resources",
        section=SECTION,
        form=form,
        columns=COLUMNS,
        back_href=reverse("learning:catalogue"),
    )


@_allowed(_can_import)
@require_GET
def imported(request: HttpRequest) -> HttpResponse:
    result = request.session.pop(IMPORTED, None)
    if result is None:
        return redirect("learning:import")
    return page(
        request,
        "learning/imported.jinja",
        "Learning resources imported",
        section=SECTION,
        result=result,
        total=result["added"] + result["updated"] + result["unchanged"],
        can_see_coverage=_can_see_coverage(request),
    )


@require_GET
def export(request: HttpRequest) -> HttpResponse:
    content = store.export_catalogue()
    if request.user.is_authenticated:
        record_export("learning catalogue (CSV)", actor=request.user, request=request)
    return attachment(
        content.encode("utf-8"), "text/csv; charset=utf-8", "digiready-learning-catalogue.csv"
    )
