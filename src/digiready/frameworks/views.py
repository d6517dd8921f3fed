"""Browsing frameworks (public), comparing versions, and authoring drafts (framework authors)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from digiready.accounts.audit import record, record_export
from digiready.accounts.models import AuditEvent
from digiready.accounts.professions import PROFESSION_BY_CODE, STAFF_GROUP_BY_CODE
from digiready.core.downloads import attachment
from digiready.core.render import page
from digiready.frameworks import exchange, spreadsheet, store
from digiready.frameworks.compare import compare
from digiready.frameworks.content import FrameworkFormatError
from digiready.frameworks.crosswalks import add_link, crosswalk_report, links_from_associations
from digiready.frameworks.forms import (
    CapabilityForm,
    CrosswalkForm,
    CrosswalkLinkForm,
    DomainForm,
    ImportForm,
    RoleProfileForm,
    VersionForm,
)
from digiready.frameworks.models import (
    Capability,
    Crosswalk,
    Domain,
    Framework,
    FrameworkVersion,
    Level,
    RoleProfile,
    Status,
)
from digiready.frameworks.profiles import ARCHETYPE_BY_CODE, ARCHETYPES

SECTION = "Frameworks"
View = Callable[..., HttpResponse]


def _is_author(request: HttpRequest) -> bool:
    return bool(request.user.is_authenticated and request.scope.is_framework_author)  # type: ignore[attr-defined]


def author_required(view: View) -> View:
    @wraps(view)
    @login_required
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not _is_author(request):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def _framework(slug: str) -> Framework:
    return get_object_or_404(Framework, slug=slug)


def _version(request: HttpRequest, slug: str, version: str) -> FrameworkVersion:
    """A version anyone may see; drafts only for framework authors."""
    found = get_object_or_404(
        FrameworkVersion.objects.select_related("framework", "previous").by_url_key(version),
        framework__slug=slug,
    )
    if found.is_draft and not _is_author(request):
        raise Http404
    return found


def _version_url(version: FrameworkVersion) -> str:
    return reverse("frameworks:version", args=[version.framework.slug, version.url_key])


def _audit(request: HttpRequest, action: str, *, target: str, **detail: Any) -> None:
    actor = request.user if request.user.is_authenticated else None
    record(action, actor=actor, target=target, request=request, **detail)


def _changed(request: HttpRequest, version: FrameworkVersion, what: str) -> None:
    store.touch(version)
    _audit(
        request,
        AuditEvent.Action.FRAMEWORK_CHANGED,
        target=str(version),
        change=what,
    )


def drafts_only(view: View) -> View:
    """Author views on a draft: a published version sends the author back to it."""

    @wraps(view)
    @author_required
    def wrapped(request: HttpRequest, slug: str, version: str, **kwargs: Any) -> HttpResponse:
        found = _version(request, slug, version)
        if not found.is_draft:
            messages.info(request, f"{found} is published, so it cannot be changed.")
            return redirect(_version_url(found))
        return view(request, found, **kwargs)

    return wrapped


# Browsing ---------------------------------------------------------------------------------


def index(request: HttpRequest) -> HttpResponse:
    frameworks = []
    for framework in Framework.objects.prefetch_related("versions").order_by("slug"):
        versions = sorted(framework.versions.all(), key=lambda v: v.created_at, reverse=True)
        visible = [v for v in versions if not v.is_draft or _is_author(request)]
        if visible:
            current = next((v for v in visible if v.status == Status.PUBLISHED), visible[0])
            frameworks.append({"framework": framework, "current": current, "versions": visible})
    return page(
        request,
        "frameworks/index.jinja",
        "Capability frameworks",
        section=SECTION,
        frameworks=frameworks,
        is_author=_is_author(request),
        crosswalk_count=Crosswalk.objects.count(),
    )


def framework_detail(request: HttpRequest, slug: str) -> HttpResponse:
    framework = _framework(slug)
    version = framework.current_version()
    if version is None:
        version = framework.versions.order_by("-created_at").first()
        if version is None or (version.is_draft and not _is_author(request)):
            raise Http404
    return redirect(_version_url(version))


def version_detail(request: HttpRequest, slug: str, version: str) -> HttpResponse:
    found = _version(request, slug, version)
    domains = found.domains.prefetch_related("capabilities").order_by("position")
    versions = found.framework.versions.order_by("-created_at")
    if not _is_author(request):
        versions = versions.visible()
    return page(
        request,
        "frameworks/version.jinja",
        found.title,
        section=SECTION,
        version=found,
        domains=domains,
        versions=versions,
        is_author=_is_author(request),
        problems=store.publication_problems(found) if found.is_draft else [],
        column_width="full",
    )


def domain_detail(request: HttpRequest, slug: str, version: str, lineage: str) -> HttpResponse:
    found = _version(request, slug, version)
    domain = get_object_or_404(found.domains, lineage=lineage)
    capabilities = domain.capabilities.prefetch_related("levels").order_by("position")
    return page(
        request,
        "frameworks/domain.jinja",
        domain.title,
        section=SECTION,
        version=found,
        domain=domain,
        capabilities=capabilities,
        is_author=_is_author(request),
        column_width="full",
    )


def capability_detail(request: HttpRequest, slug: str, version: str, lineage: str) -> HttpResponse:
    found = _version(request, slug, version)
    capability = get_object_or_404(
        found.capabilities.select_related("domain").prefetch_related("levels"), lineage=lineage
    )
    other_versions = (
        Capability.objects.filter(lineage=capability.lineage)
        .exclude(framework_version=found)
        .exclude(framework_version__status=Status.DRAFT)
        .select_related("framework_version")
        .order_by("-framework_version__created_at")
    )
    return page(
        request,
        "frameworks/capability.jinja",
        capability.title,
        section=SECTION,
        version=found,
        capability=capability,
        levels=list(capability.levels.all()),
        other_versions=other_versions,
        is_author=_is_author(request),
    )


def download(request: HttpRequest, slug: str, version: str, kind: str) -> HttpResponse:
    found = _version(request, slug, version)
    if kind not in exchange.FORMATS:
        raise Http404
    file = exchange.export(found, kind)
    if request.user.is_authenticated:
        record_export(str(found), actor=request.user, request=request, format=kind)
    return attachment(file.content, f"{file.content_type}; charset=utf-8", file.filename)


def compare_versions(request: HttpRequest, slug: str) -> HttpResponse:
    framework = _framework(slug)
    versions = framework.versions.order_by("-created_at")
    if not _is_author(request):
        versions = versions.visible()
    by_number = {v.version: v for v in versions}
    if len(by_number) < 2:
        raise Http404
    newest = next(iter(by_number.values()))
    after = by_number.get(request.GET.get("to", ""), newest)
    default_before = after.previous if after.previous in by_number.values() else None
    fallback = next(v for v in by_number.values() if v != after)
    before = by_number.get(request.GET.get("from", ""), default_before or fallback)
    comparison = compare(store.load_framework(before), store.load_framework(after))
    return page(
        request,
        "frameworks/compare.jinja",
        f"Compare version {before.version} with version {after.version}",
        section=SECTION,
        framework=framework,
        before=before,
        after=after,
        versions=list(by_number.values()),
        comparison=comparison,
        counts=comparison.counts(),
        column_width="full",
    )


# Authoring --------------------------------------------------------------------------------


@author_required
@require_http_methods(["GET", "POST"])
def import_framework(request: HttpRequest) -> HttpResponse:
    form = ImportForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            version = exchange.import_file(upload.name, upload.read(), created_by=request.user)
        except FrameworkFormatError as error:
            problems = error.problems
            form.add_error("file", f"The file cannot be imported: {len(problems)} problems found")
        else:
            links_from_associations(version)
            _audit(
                request,
                AuditEvent.Action.FRAMEWORK_IMPORTED,
                target=str(version),
                file=upload.name,
            )
            messages.success(request, f"Imported {version}.")
            return redirect(_version_url(version))
    return page(
        request,
        "frameworks/import.jinja",
        "Import a framework",
        section=SECTION,
        form=form,
        problems=problems[:200],
        csv_columns=spreadsheet.CSV_COLUMNS,
        more_problems=max(0, len(problems) - 200),
        back_href=reverse("frameworks:index"),
    )


@author_required
@require_POST
def new_draft(request: HttpRequest, slug: str, version: str) -> HttpResponse:
    found = _version(request, slug, version)
    draft = store.new_draft(found, created_by=request.user)
    _audit(
        request,
        AuditEvent.Action.FRAMEWORK_CHANGED,
        target=str(draft),
        change=f"new draft from version {found.version}",
    )
    messages.success(request, f"This is a new draft, version {draft.version}, made from {found}.")
    return redirect(_version_url(draft))


@drafts_only
@require_http_methods(["GET", "POST"])
def edit_version(request: HttpRequest, draft: FrameworkVersion) -> HttpResponse:
    form = VersionForm(request.POST if request.method == "POST" else None, instance=draft)
    if request.method == "POST" and form.is_valid():
        form.save()
        _changed(request, draft, "details")
        return redirect(_version_url(draft))
    return page(
        request,
        "frameworks/form.jinja",
        "Framework details",
        section=SECTION,
        form=form,
        version=draft,
        back_href=_version_url(draft),
    )


@drafts_only
@require_http_methods(["GET", "POST"])
def edit_domain(request: HttpRequest, draft: FrameworkVersion, lineage: str = "") -> HttpResponse:
    domain = get_object_or_404(draft.domains, lineage=lineage) if lineage else None
    form = DomainForm(
        request.POST if request.method == "POST" else None, instance=domain, version=draft
    )
    if request.method == "POST" and form.is_valid():
        saved: Domain = form.save(commit=False)
        if domain is None:
            saved.framework_version = draft
            saved.identifier = saved.lineage = store.new_identifier()
            saved.position = draft.domains.count() + 1
        saved.save()
        _changed(request, draft, f"domain {saved.code}")
        return redirect(_version_url(draft) + f"#domain-{saved.lineage}")
    return page(
        request,
        "frameworks/form.jinja",
        f"Change domain {domain.code}" if domain else "Add a domain",
        section=SECTION,
        form=form,
        version=draft,
        back_href=_version_url(draft),
    )


@drafts_only
@require_http_methods(["GET", "POST"])
def edit_capability(
    request: HttpRequest, draft: FrameworkVersion, lineage: str = ""
) -> HttpResponse:
    capability = get_object_or_404(draft.capabilities, lineage=lineage) if lineage else None
    initial = {}
    if capability is None and request.GET.get("domain"):
        initial["domain"] = draft.domains.filter(lineage=request.GET["domain"]).first()
    form = CapabilityForm(
        request.POST if request.method == "POST" else None,
        instance=capability,
        version=draft,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            saved: Capability = form.save(commit=False)
            saved.framework_version = draft
            if capability is None:
                saved.identifier = saved.lineage = store.new_identifier()
                saved.position = saved.domain.capabilities.count() + 1
            saved.save()
            levels = {level.number: level for level in saved.levels.all()}
            for number, statement in form.statements().items():
                level = levels.pop(number, None) or Level(
                    capability=saved, number=number, identifier=store.new_identifier()
                )
                if level.statement != statement:
                    level.statement = statement
                    level.save()
            for leftover in levels.values():
                leftover.delete()
        _changed(request, draft, f"capability {saved.code}")
        return redirect(
            reverse(
                "frameworks:domain",
                args=[draft.framework.slug, draft.url_key, saved.domain.lineage],
            )
            + f"#capability-{saved.lineage}"
        )
    return page(
        request,
        "frameworks/capability_form.jinja",
        f"Change capability {capability.code}" if capability else "Add a capability",
        section=SECTION,
        form=form,
        version=draft,
        back_href=_version_url(draft),
    )


@drafts_only
@require_http_methods(["GET", "POST"])
def delete_node(
    request: HttpRequest, draft: FrameworkVersion, kind: str, lineage: str
) -> HttpResponse:
    node: Domain | Capability
    if kind == "domain":
        node = get_object_or_404(draft.domains, lineage=lineage)
    else:
        node = get_object_or_404(draft.capabilities, lineage=lineage)
    if request.method == "POST":
        label = str(node)
        store.delete_node(node)
        _changed(request, draft, f"deleted {kind} {label}")
        messages.success(request, f"Deleted {label}.")
        return redirect(_version_url(draft))
    return page(
        request,
        "frameworks/confirm.jinja",
        f"Delete {node}?",
        section=SECTION,
        version=draft,
        action_label=f"Delete this {kind}",
        warning=True,
        explanation=(
            f"This deletes the domain and its {node.capabilities.count()} capabilities from the "
            "draft."
            if isinstance(node, Domain)
            else "This deletes the capability and its level statements from the draft."
        ),
        back_href=_version_url(draft),
    )


@drafts_only
@require_http_methods(["GET", "POST"])
def publish(request: HttpRequest, draft: FrameworkVersion) -> HttpResponse:
    problems = store.publication_problems(draft)
    if request.method == "POST" and not problems:
        store.publish(draft)
        _audit(
            request,
            AuditEvent.Action.FRAMEWORK_PUBLISHED,
            target=str(draft),
        )
        messages.success(request, f"Published {draft}. It can no longer be changed.")
        return redirect(_version_url(draft))
    return page(
        request,
        "frameworks/confirm.jinja",
        f"Publish version {draft.version}?",
        section=SECTION,
        version=draft,
        problems=problems,
        action_label="Publish this version",
        explanation="Once published, this version can no longer be changed. New self-assessments "
        "will use it. To change it later, make a new draft.",
        back_href=_version_url(draft),
    )


@author_required
@require_http_methods(["GET", "POST"])
def retire(request: HttpRequest, slug: str, version: str) -> HttpResponse:
    found = _version(request, slug, version)
    if found.status != Status.PUBLISHED:
        raise Http404
    if request.method == "POST":
        store.retire(found)
        _audit(
            request,
            AuditEvent.Action.FRAMEWORK_RETIRED,
            target=str(found),
        )
        messages.success(request, f"Retired {found}.")
        return redirect(_version_url(found))
    return page(
        request,
        "frameworks/confirm.jinja",
        f"Retire version {found.version}?",
        section=SECTION,
        version=found,
        warning=True,
        action_label="Retire this version",
        explanation="A retired version stays readable, and results against it stay, but no new "
        "self-assessment will use it.",
        back_href=_version_url(found),
    )


@drafts_only
@require_http_methods(["GET", "POST"])
def delete_draft(request: HttpRequest, draft: FrameworkVersion) -> HttpResponse:
    if request.method == "POST":
        label = str(draft)
        store.delete_draft(draft)
        _audit(request, AuditEvent.Action.FRAMEWORK_CHANGED, target=label, change="draft deleted")
        messages.success(request, f"Deleted the draft {label}.")
        return redirect("frameworks:index")
    return page(
        request,
        "frameworks/confirm.jinja",
        f"Delete the draft version {draft.version}?",
        section=SECTION,
        version=draft,
        warning=True,
        action_label="Delete this draft",
        explanation="The draft and everything in it will be deleted. Published versions are "
        "not affected.",
        back_href=_version_url(draft),
    )


# Role profiles ----------------------------------------------------------------------------


def _profile_label(profile: RoleProfile) -> str:
    if profile.profession:
        found = PROFESSION_BY_CODE.get(profile.profession)
        return found.name if found else profile.profession
    group = STAFF_GROUP_BY_CODE.get(profile.staff_group)
    return f"{group.name if group else profile.staff_group} (any other profession)"


def role_profiles(request: HttpRequest, slug: str) -> HttpResponse:
    framework = _framework(slug)
    version = framework.current_version()
    if version is None:
        raise Http404
    domains = list(version.domains.order_by("position"))
    archetype = request.GET.get("archetype", "user")
    if archetype not in ARCHETYPE_BY_CODE:
        archetype = "user"
    profiles = sorted(
        framework.role_profiles.filter(archetype=archetype),
        key=lambda p: (p.profession == "", _profile_label(p)),
    )
    rows = [
        {
            "profile": profile,
            "label": _profile_label(profile),
            "levels": [profile.expected.get(str(domain.lineage), 0) for domain in domains],
        }
        for profile in profiles
    ]
    return page(
        request,
        "frameworks/role_profiles.jinja",
        "Role profiles",
        section=SECTION,
        framework=framework,
        version=version,
        domains=domains,
        rows=rows,
        archetype=ARCHETYPE_BY_CODE[archetype],
        archetypes=ARCHETYPES,
        is_author=_is_author(request),
        column_width="full",
    )


@author_required
@require_http_methods(["GET", "POST"])
def edit_role_profile(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    framework = _framework(slug)
    profile = get_object_or_404(framework.role_profiles, pk=pk)
    version = framework.current_version() or framework.versions.order_by("-created_at").first()
    assert version is not None
    form = RoleProfileForm(
        request.POST if request.method == "POST" else None,
        domains=list(version.domains.order_by("position")),
        level_names=list(version.level_names),
        expected=profile.expected,
    )
    back = reverse("frameworks:role-profiles", args=[slug]) + f"?archetype={profile.archetype}"
    if request.method == "POST" and form.is_valid():
        before = dict(profile.expected)
        profile.expected = {**profile.expected, **form.expected()}
        profile.updated_by = request.user  # type: ignore[assignment]
        profile.save()
        _audit(
            request,
            AuditEvent.Action.ROLE_PROFILE_CHANGED,
            target=f"{framework}: {_profile_label(profile)}, {profile.archetype}",
            before=before,
            after=profile.expected,
        )
        messages.success(request, f"Saved the role profile for {_profile_label(profile)}.")
        return redirect(back)
    return page(
        request,
        "frameworks/role_profile_form.jinja",
        f"{_profile_label(profile)}: {ARCHETYPE_BY_CODE[profile.archetype].name}",
        section=SECTION,
        form=form,
        profile=profile,
        framework=framework,
        back_href=back,
    )


# Crosswalks -------------------------------------------------------------------------------


def crosswalks(request: HttpRequest) -> HttpResponse:
    form = CrosswalkForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not _is_author(request):
            raise PermissionDenied
        if form.is_valid():
            source, target = form.cleaned_data["source"], form.cleaned_data["target"]
            crosswalk, _ = Crosswalk.objects.get_or_create(
                source=source,
                target=target,
                defaults={"title": f"{source} to {target}"},
            )
            return redirect("frameworks:crosswalk", crosswalk.pk)
    listed = Crosswalk.objects.select_related("source__framework", "target__framework")
    if not _is_author(request):
        listed = listed.exclude(source__status=Status.DRAFT).exclude(target__status=Status.DRAFT)
    return page(
        request,
        "frameworks/crosswalks.jinja",
        "Crosswalks between frameworks",
        section=SECTION,
        crosswalks=listed,
        form=form,
        is_author=_is_author(request),
    )


@require_http_methods(["GET", "POST"])
def crosswalk_detail(request: HttpRequest, pk: int) -> HttpResponse:
    crosswalk = get_object_or_404(
        Crosswalk.objects.select_related("source__framework", "target__framework"), pk=pk
    )
    if (crosswalk.source.is_draft or crosswalk.target.is_draft) and not _is_author(request):
        raise Http404
    form = CrosswalkLinkForm(
        request.POST if request.method == "POST" else None,
        source=crosswalk.source,
        target=crosswalk.target,
    )
    if request.method == "POST":
        if not _is_author(request):
            raise PermissionDenied
        remove = request.POST.get("remove", "")
        if remove:
            if remove.isdigit():
                crosswalk.links.filter(pk=int(remove)).delete()
            return redirect("frameworks:crosswalk", crosswalk.pk)
        if form.is_valid():
            add_link(
                crosswalk,
                form.cleaned_data["source"],
                form.cleaned_data["target"],
                form.cleaned_data["relation"],
            )
            return redirect("frameworks:crosswalk", crosswalk.pk)
    return page(
        request,
        "frameworks/crosswalk.jinja",
        crosswalk.title,
        section=SECTION,
        crosswalk=crosswalk,
        report=crosswalk_report(crosswalk),
        form=form,
        is_author=_is_author(request),
        column_width="full",
    )
