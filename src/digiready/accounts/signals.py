"""Audit sign-ins, sign-outs, failures and role changes wherever they happen (pages, admin, CLI).

Whoever changes a role sets `audit_actor` (a user) or `audit_actor_label` (e.g. a command's
name) on the assignment before saving or deleting it, so the log says who did it.
"""

from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import HttpRequest

from digiready.accounts.audit import record
from digiready.accounts.models import AuditEvent, RoleAssignment, User


@receiver(user_logged_in)
def audit_sign_in(sender: Any, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    record(AuditEvent.Action.SIGN_IN, actor=user, request=request)


@receiver(user_logged_out)
def audit_sign_out(
    sender: Any, request: HttpRequest | None, user: User | None, **kwargs: Any
) -> None:
    if user is not None:
        record(AuditEvent.Action.SIGN_OUT, actor=user, request=request)


@receiver(user_login_failed)
def audit_failed_sign_in(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    record(
        AuditEvent.Action.SIGN_IN_FAILED,
        actor_label=str(credentials.get("username", ""))[:254],
        request=request,
    )


@receiver(post_save, sender=RoleAssignment)
def audit_role_granted(sender: Any, instance: RoleAssignment, created: bool, **kwargs: Any) -> None:
    if created:
        record(
            AuditEvent.Action.ROLE_GRANTED,
            actor=getattr(instance, "audit_actor", None),
            actor_label=getattr(instance, "audit_actor_label", ""),
            target=instance.user.email,
            role=instance.role,
            organisation=instance.organisation.ods_code if instance.organisation else None,
        )


@receiver(post_delete, sender=RoleAssignment)
def audit_role_revoked(sender: Any, instance: RoleAssignment, **kwargs: Any) -> None:
    record(
        AuditEvent.Action.ROLE_REVOKED,
        actor=getattr(instance, "audit_actor", None),
        actor_label=getattr(instance, "audit_actor_label", ""),
        target=instance.user.email,
        role=instance.role,
        organisation=instance.organisation.ods_code if instance.organisation else None,
    )


@receiver(user_locked_out)
def audit_lock_out(
    sender: Any,
    request: HttpRequest | None,
    username: str | None,
    ip_address: str | None,
    **kwargs: Any,
) -> None:
    record(AuditEvent.Action.LOCKED_OUT, actor_label=(username or "")[:254], request=request)
