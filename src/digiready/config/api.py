"""The JSON API at /api/v1/: one router per app, described in OpenAPI at /api/v1/openapi.json."""

from typing import Any

from django.http import HttpRequest
from ninja import NinjaAPI
from ninja.renderers import JSONRenderer

from digiready.assessments.api import router as assessments
from digiready.consultation.api import router as conversations
from digiready.core.problems import register_problem_handlers
from digiready.frameworks.api import router as frameworks
from digiready.organisations.api import router as organisations

# Characters that mean something in HTML, as JSON escapes: a response that a browser mistakes for
# a page, or that is pasted into one, can then never carry markup people wrote.
HTML_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


class HTMLSafeJSONRenderer(JSONRenderer):
    def render(self, request: HttpRequest, data: Any, *, response_status: int) -> Any:
        return super().render(request, data, response_status=response_status).translate(HTML_SAFE)


api = NinjaAPI(
    renderer=HTMLSafeJSONRenderer(),
    title="Digital Ready API",
    version="1",
    description="Digital capability of the health and care workforce. Errors are RFC 9457 "
    "problem details.",
    urls_namespace="api",
    # The interactive docs page loads its script from a CDN; the description is enough here.
    docs_url=None,
)
register_problem_handlers(api)
api.add_router("/organisations", organisations)
api.add_router("/frameworks", frameworks)
api.add_router("/conversations", conversations)
api.add_router("/assessments", assessments)
