"""Writing to the audit log. Every data export calls `record_export`."""

from typing import Any

from django.http import HttpRequest

from digiready.accounts.models import AuditEvent, User


def client_address(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def record(
    action: str,
    *,
    actor: User | None = None,
    actor_label: str = "",
    target: str = "",
    request: HttpRequest | None = None,
    **detail: Any,
) -> AuditEvent:
    if actor is not None and not actor.is_authenticated:
        actor = None
    return AuditEvent.objects.create(
        action=action,
        actor=actor,
        actor_label=actor_label or (actor.email if actor else ""),
        target=target[:300],
        ip_address=client_address(request),
        detail=detail,
    )


def record_export(
    what: str, *, actor: User | None, request: HttpRequest | None = None, **detail: Any
) -> AuditEvent:
    return record(AuditEvent.Action.EXPORT, actor=actor, target=what, request=request, **detail)
