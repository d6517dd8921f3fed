"""The Jinja2 environment: our templates first, then the NHS.UK frontend macros."""

from typing import Any

from django.conf import settings
from django.contrib.messages import get_messages
from django.middleware.csrf import get_token
from django.templatetags.static import static
from django.urls import reverse
from jinja2 import ChainableUndefined, ChoiceLoader, Environment, PackageLoader

from digiready.core import presenters
from digiready.core.disclosure import safe_count


def url(name: str, *args: Any, **kwargs: Any) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


def combine(base: dict[str, Any], extra: dict[str, Any] | None) -> dict[str, Any]:
    """Merge two mappings, the second winning (like Ansible's filter of that name)."""
    return {**base, **(extra or {})}


def environment(**options: Any) -> Environment:
    # Django's backend passes a loader for the template folders in settings; ours come first.
    options["undefined"] = ChainableUndefined
    options["loader"] = ChoiceLoader([options["loader"], PackageLoader("nhsuk_frontend_jinja")])
    options.setdefault("autoescape", True)
    options["extensions"] = [*options.get("extensions", []), "jinja2.ext.do"]
    env = Environment(**options)  # noqa: S701 - autoescape is set above
    env.globals.update(
        {
            "static": static,
            "url": url,
            "csrf_token_value": get_token,
            "get_messages": get_messages,
            "static_url": settings.STATIC_URL,
            "service_name": settings.SERVICE_NAME,
            "phase": settings.PHASE,
            "feedback_url": settings.FEEDBACK_URL,
        }
    )
    env.filters.update(
        {
            "number": presenters.format_number,
            "percentage": presenters.format_percentage,
            "date_uk": presenters.format_date,
            "combine": combine,
            "key_values": presenters.format_key_values,
            "safe_count": safe_count,
        }
    )
    return env
