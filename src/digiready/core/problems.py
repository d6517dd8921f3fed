"""API errors as RFC 9457 problem details (application/problem+json), never a bare 500."""

import json
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError

PROBLEM_TYPE = "application/problem+json"
TITLES = {
    400: "Bad request",
    401: "Not signed in",
    403: "Not allowed",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    422: "The request is not valid",
    429: "Too many requests",
}


def problem(
    api: NinjaAPI, request: HttpRequest, status: int, detail: str, **extra: Any
) -> HttpResponse:
    body = {"type": "about:blank", "title": TITLES.get(status, "Error"), "status": status}
    body.update({"detail": detail, "instance": request.path, **extra})
    response = api.create_response(request, body, status=status)
    response["Content-Type"] = PROBLEM_TYPE
    return response


def _field(location: Any) -> str:
    # Ninja reports where the bad value was, e.g. ("query", "on"); the last part names it.
    parts = [str(part) for part in location if part not in ("query", "path", "body", "payload")]
    return ".".join(parts) or "request"


def register_problem_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(ValidationError)
    def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors = [
            {"field": _field(error.get("loc", ())), "message": str(error.get("msg", ""))}
            for error in exc.errors
        ]
        detail = "; ".join(f"{e['field']}: {e['message']}" for e in errors)
        return problem(api, request, 422, detail, errors=errors)

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return problem(api, request, 404, str(exc) or "There is nothing at this address.")

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return problem(api, request, exc.status_code, str(exc))


class ApiProblemMiddleware:
    """Answers the API's requests with problem details even where Django or Ninja answer
    before our handlers run: a wrong method (405) or a request too big to read (400)."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        status = response.status_code
        if status == 401 and request.path.startswith("/api/"):
            response.setdefault("WWW-Authenticate", 'Bearer realm="Digital Ready"')
        if (
            request.path.startswith("/api/")
            and 400 <= status < 500
            and "json" not in response.get("Content-Type", "")
        ):
            body = {
                "type": "about:blank",
                "title": TITLES.get(status, "Error"),
                "status": status,
                "detail": _plain_detail(status, response),
                "instance": request.path,
            }
            replacement = HttpResponse(json.dumps(body), status=status, content_type=PROBLEM_TYPE)
            for header in ("Allow", "WWW-Authenticate", "Retry-After"):
                if header in response:
                    replacement[header] = response[header]
            return replacement
        return response


def _plain_detail(status: int, response: HttpResponse) -> str:
    if status == 405:
        return f"This address accepts only {response.get('Allow', 'other methods')}."
    return TITLES.get(status, "The request could not be handled.") + "."
