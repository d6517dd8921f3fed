"""The JSON API at /api/v1/: one router per app, described in OpenAPI at /api/v1/openapi.json."""

from ninja import NinjaAPI

from digiready.consultation.api import router as conversations
from digiready.core.problems import register_problem_handlers
from digiready.frameworks.api import router as frameworks
from digiready.organisations.api import router as organisations

api = NinjaAPI(
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
