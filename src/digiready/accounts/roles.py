"""Granting and revoking roles, with the audit log saying who did it."""

from typing import Any

from digiready.accounts.models import Role, RoleAssignment, User


def grant_role(
    user: User,
    role: str,
    organisation: Any = None,
    *,
    by: User | None = None,
    by_label: str = "",
) -> RoleAssignment:
    existing = RoleAssignment.objects.filter(
        user=user, role=role, organisation=organisation
    ).first()
    if existing is not None:
        return existing
    assignment = RoleAssignment(user=user, role=role, organisation=organisation)
    assignment.audit_actor = by  # type: ignore[attr-defined]
    assignment.audit_actor_label = by_label  # type: ignore[attr-defined]
    assignment.full_clean()
    assignment.save()
    return assignment


def revoke_role(assignment: RoleAssignment, *, by: User | None = None, by_label: str = "") -> None:
    assignment.audit_actor = by  # type: ignore[attr-defined]
    assignment.audit_actor_label = by_label  # type: ignore[attr-defined]
    assignment.delete()


__all__ = ["Role", "grant_role", "revoke_role"]
