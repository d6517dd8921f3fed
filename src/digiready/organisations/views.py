"""Browsing the organisation hierarchy, and the people page for organisation leads."""

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_http_methods

from digiready.accounts.models import Role
from digiready.accounts.roles import grant_role, revoke_role
from digiready.core.render import page
from digiready.organisations.forms import GrantLeadForm, OnDateForm
from digiready.organisations.models import Kind, Organisation

SECTION = "Organisations"


def _day(request: HttpRequest) -> tuple[OnDateForm, dt.date]:
    form = OnDateForm(request.GET or None)
    day = form.cleaned_data["on"] if form.is_valid() and form.cleaned_data.get("on") else None
    return form, day or dt.date.today()


def browse(request: HttpRequest) -> HttpResponse:
    form, day = _day(request)
    regions = Organisation.objects.regions().on(day).order_by("name")
    return page(
        request,
        "organisations/browse.jinja",
        "NHS England regions",
        section=SECTION,
        regions=regions,
        day=day,
        form=form,
        is_today=day == dt.date.today(),
    )


def detail(request: HttpRequest, ods_code: str) -> HttpResponse:
    org = get_object_or_404(Organisation, ods_code=ods_code.upper())
    form, day = _day(request)
    if ods_code != org.ods_code:
        return redirect("organisations:detail", org.ods_code)
    children = org.children_on(day).order_by("name")
    return page(
        request,
        "organisations/detail.jinja",
        org.name,
        section=SECTION,
        org=org,
        day=day,
        form=form,
        is_today=day == dt.date.today(),
        parents=org.parents_on(day).order_by("name"),
        children=children,
        child_kind="ICBs" if org.kind == Kind.REGION else "providers",
        history=org.parent_links.select_related("parent").order_by("effective_from"),
        predecessors=org.predecessions.select_related("predecessor"),
        successors=org.successions.select_related("successor"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def people(request: HttpRequest, ods_code: str) -> HttpResponse:
    org = get_object_or_404(Organisation, ods_code=ods_code)
    scope = request.scope  # type: ignore[attr-defined]
    if not scope.can_manage_people(org):
        raise PermissionDenied
    members = scope.people(org)
    form = GrantLeadForm(request.POST if request.method == "POST" else None, members=members)
    if request.method == "POST" and form.is_valid():
        person = form.cleaned_data["person"]
        if form.cleaned_data["action"] == "grant":
            grant_role(person, Role.ORGANISATION_LEAD, org, by=request.user)  # type: ignore[arg-type]
        else:
            for assignment in person.roles.filter(role=Role.ORGANISATION_LEAD, organisation=org):
                revoke_role(assignment, by=request.user)  # type: ignore[arg-type]
        return redirect("organisations:people", org.ods_code)
    if request.method == "POST" and not form.is_valid():
        raise Http404  # a person who is not a member of this organisation
    return page(
        request,
        "organisations/people.jinja",
        f"People at {org.name}",
        section=SECTION,
        org=org,
        members=members,
        lead_ids=set(
            org.role_assignments.filter(role=Role.ORGANISATION_LEAD).values_list(
                "user_id", flat=True
            )
        ),
        column_width="full",
    )
