"""Frameworks as JSON, and a read-only CASE 1.0 service under /frameworks/case/.

Only published and retired versions are served; drafts stay with their authors.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from ninja import Router, Schema

from digiready.frameworks import exchange
from digiready.frameworks.models import Capability, Domain, FrameworkVersion, Level
from digiready.frameworks.store import load_framework

router = Router(tags=["frameworks"])


class VersionSummary(Schema):
    identifier: uuid.UUID
    framework: str
    title: str
    version: str
    status: str
    subject: str
    publisher: str
    licence: str
    level_names: list[str]
    last_changed: dt.datetime
    previous: uuid.UUID | None
    case_package: str


class LevelOut(Schema):
    number: int
    name: str
    statement: str
    identifier: str


class CapabilityOut(Schema):
    identifier: str
    lineage: str
    code: str
    title: str
    description: str
    levels: list[LevelOut]


class DomainOut(Schema):
    identifier: str
    lineage: str
    code: str
    title: str
    description: str
    capabilities: list[CapabilityOut]


class VersionDetail(VersionSummary):
    description: str
    domains: list[DomainOut]


def _visible(identifier: uuid.UUID) -> FrameworkVersion:
    version = (
        FrameworkVersion.objects.visible()
        .select_related("framework", "previous")
        .filter(identifier=identifier)
        .first()
    )
    if version is None:
        raise Http404(f"No published framework version has the identifier {identifier}.")
    return version


def _summary(request: HttpRequest, version: FrameworkVersion) -> dict[str, Any]:
    return {
        "identifier": version.identifier,
        "framework": version.framework.slug,
        "title": version.title,
        "version": version.version,
        "status": version.status,
        "subject": version.framework.subject,
        "publisher": version.publisher,
        "licence": version.licence,
        "level_names": version.level_names,
        "last_changed": version.last_changed,
        "previous": version.previous.identifier if version.previous else None,
        "case_package": f"{exchange.case_base_uri()}/CFPackages/{version.identifier}",
    }


@router.get("/", response=list[VersionSummary], summary="Published framework versions")
def list_versions(request: HttpRequest) -> list[dict[str, Any]]:
    """Every published or retired version of every framework, newest first within each."""
    versions = FrameworkVersion.objects.visible().select_related("framework", "previous")
    return [_summary(request, v) for v in versions.order_by("framework__slug", "-created_at")]


@router.get("/{uuid:identifier}", response=VersionDetail, summary="One framework version")
def get_version(request: HttpRequest, identifier: uuid.UUID) -> dict[str, Any]:
    """A version with its domains, capabilities and level statements."""
    version = _visible(identifier)
    fw = load_framework(version)
    names = fw.level_names

    def level_name(number: int) -> str:
        return names[number - 1] if 0 < number <= len(names) else f"Level {number}"

    return {
        **_summary(request, version),
        "description": version.description,
        "domains": [
            {
                "identifier": d.identifier,
                "lineage": d.lineage,
                "code": d.code,
                "title": d.title,
                "description": d.description,
                "capabilities": [
                    {
                        "identifier": c.identifier,
                        "lineage": c.lineage,
                        "code": c.code,
                        "title": c.title,
                        "description": c.description,
                        "levels": [
                            {
                                "number": level.number,
                                "name": level_name(level.number),
                                "statement": level.statement,
                                "identifier": level.identifier,
                            }
                            for level in c.levels
                        ],
                    }
                    for c in d.capabilities
                ],
            }
            for d in fw.domains
        ],
    }


# CASE 1.0 (read-only): the addresses exported CASE identifiers point at. --------------------


@router.get("/case/", url_name="case_root", summary="CASE: documents", tags=["CASE 1.0"])
def case_documents(request: HttpRequest) -> HttpResponse:
    """The CFDocuments held, as the CASE 1.0 getAllCFDocuments service returns them."""
    documents = [
        exchange.case_package(version)["CFDocument"]
        for version in FrameworkVersion.objects.visible().select_related("framework", "previous")
    ]
    return JsonResponse({"CFDocuments": documents})


@router.get("/case/CFDocuments/{uuid:identifier}", summary="CASE: one document", tags=["CASE 1.0"])
def case_document(request: HttpRequest, identifier: uuid.UUID) -> HttpResponse:
    return JsonResponse(exchange.case_package(_visible(identifier))["CFDocument"])


@router.get(
    "/case/CFPackages/{uuid:identifier}", summary="CASE: a whole package", tags=["CASE 1.0"]
)
def case_package(request: HttpRequest, identifier: uuid.UUID) -> HttpResponse:
    """The version as a CFPackage: document, items, associations, definitions and rubrics."""
    return JsonResponse(
        exchange.case_package(_visible(identifier)), json_dumps_params={"indent": 2}
    )


@router.get("/case/CFItems/{uuid:identifier}", summary="CASE: one item", tags=["CASE 1.0"])
def case_item(request: HttpRequest, identifier: uuid.UUID) -> HttpResponse:
    """A domain, capability or level statement of a published version, by its CASE identifier."""
    version = _version_holding(identifier)
    package = exchange.case_package(version)
    for item in package.get("CFItems", []):
        if item.get("identifier") == str(identifier):
            return JsonResponse(item)
    raise Http404(f"No item has the identifier {identifier}.")


def _version_holding(identifier: uuid.UUID) -> FrameworkVersion:
    for model in (Domain, Capability):
        node = (
            model.objects.filter(identifier=identifier)
            .exclude(framework_version__status="draft")
            .select_related("framework_version")
            .first()
        )
        if node is not None:
            return node.framework_version
    level = (
        Level.objects.filter(identifier=identifier)
        .exclude(capability__framework_version__status="draft")
        .select_related("capability__framework_version")
        .first()
    )
    if level is not None:
        return level.capability.framework_version
    raise Http404(f"No item has the identifier {identifier}.")
