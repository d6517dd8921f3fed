"""Rendering a page with the layout's standard context."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def page(
    request: HttpRequest,
    template: str,
    title: str,
    *,
    section: str | None = None,
    status: int = 200,
    **context: Any,
) -> HttpResponse:
    """Render `template` with the page title the layout puts in <title> and the h1."""
    return render(
        request, template, {"page_title": title, "section": section, **context}, status=status
    )
