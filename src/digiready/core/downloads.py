"""Responses that download a file: any content as an attachment, and a page template as a PDF."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.http import content_disposition_header

from digiready.core.pdf import PdfUnavailableError, render_pdf


def attachment(content: bytes | str, content_type: str, filename: str) -> HttpResponse:
    """A response the browser saves as `filename` rather than shows."""
    return HttpResponse(
        content,
        content_type=content_type,
        headers={"Content-Disposition": content_disposition_header(True, filename)},
    )


def pdf_attachment(
    request: HttpRequest, template: str, context: dict[str, Any], filename: str
) -> HttpResponse:
    """The template rendered as a PDF attachment, or 503 Service Unavailable saying why when
    this server cannot make PDFs. Callers record the export only when the status is 200."""
    html = render_to_string(template, context, request=request)
    try:
        content = render_pdf(html)
    except PdfUnavailableError as error:
        return HttpResponse(str(error), status=503, content_type="text/plain; charset=utf-8")
    return attachment(content, "application/pdf", filename)
