"""The start page, the signed-in home page, service information and error pages."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from digiready.core.render import page


def start(request: HttpRequest) -> HttpResponse:
    return page(
        request, "core/start.jinja", "Measure and grow your digital capability", column_width="full"
    )


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return page(request, "core/home.jinja", "Your Digital Ready home", column_width="full")


def accessibility(request: HttpRequest) -> HttpResponse:
    return page(request, "core/accessibility.jinja", "Accessibility statement")


def privacy(request: HttpRequest) -> HttpResponse:
    return page(request, "core/privacy.jinja", "Privacy notice")


def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


def _error(request: HttpRequest, status: int, title: str) -> HttpResponse:
    return render(
        request,
        f"core/{status}.jinja",
        {"page_title": title, "column_width": "two-thirds"},
        status=status,
    )


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 403, "You do not have permission to see this page")


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 404, "Page not found")


FALLBACK_500 = (
    "<!DOCTYPE html><html lang='en'><head><title>Sorry, there is a problem with the service"
    " – Digital Ready – NHS</title></head><body><main><h1>Sorry, there is a problem with the"
    " service</h1><p>Try again later.</p></main></body></html>"
)


def server_error(request: HttpRequest) -> HttpResponse:
    try:
        return _error(request, 500, "Sorry, there is a problem with the service")
    except Exception:  # the page itself may need what has failed, such as the database
        return HttpResponse(FALLBACK_500, status=500)
