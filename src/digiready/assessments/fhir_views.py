"""Questionnaires and submitted answers as HL7 FHIR R4 JSON.

A questionnaire is public: anyone may read what a role is asked, and its canonical URL is where
it is published. A response is someone's answers, so only those allowed to open the assessment
may read it.
"""

from __future__ import annotations

import json
import re
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from digiready.accounts.audit import record_export
from digiready.assessments import access, fhir_exchange
from digiready.assessments.fhir import FHIR_JSON


def _fhir(resource: dict[str, Any], *, filename: str = "") -> HttpResponse:
    body = json.dumps(resource, indent=2, ensure_ascii=False)
    response = HttpResponse(body, content_type=f"{FHIR_JSON}; charset=utf-8")
    if filename:
        response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


FHIR_ID = re.compile(r"[A-Za-z0-9.\-]{1,64}")


@require_GET
def questionnaire_fhir(request: HttpRequest, slug: str, role: str = "") -> HttpResponse:
    """By its id (``digital-ready-1.0-physiotherapist-user``), or by framework slug and role
    (``digital-ready``, ``nurses-embedder``, ``organisation``) for the current version."""
    # A FHIR id is at most 64 letters, digits, "-" and "."; anything else names nothing.
    if not all(FHIR_ID.fullmatch(part) for part in (slug, role) if part):
        raise Http404("No such questionnaire")
    questionnaire = fhir_exchange.find_questionnaire(slug, role)
    if questionnaire is None:
        raise Http404("No such questionnaire")
    return _fhir(fhir_exchange.questionnaire_json(questionnaire))


@login_required
@require_GET
def response_fhir(request: HttpRequest, public_id: Any) -> HttpResponse:
    assessment = access.get_assessment(request.scope, public_id)  # type: ignore[attr-defined]
    if not assessment.is_submitted:
        raise Http404("Only a submitted assessment has a response to download")
    record_export(
        "FHIR QuestionnaireResponse",
        actor=request.user,  # type: ignore[arg-type]
        request=request,
        assessment=str(assessment.public_id),
        format="fhir",
    )
    return _fhir(
        fhir_exchange.assessment_response_json(assessment),
        filename=f"digital-ready-response-{assessment.public_id}.json",
    )
