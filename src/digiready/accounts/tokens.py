"""API tokens: issued to a person, sent as `Authorization: Bearer <token>`, revoked at will.

Only a token's SHA-256 digest is stored, so a copy of the database cannot be used to call the
API; the token itself is shown once, when it is made.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer

from digiready.accounts.audit import record
from digiready.accounts.models import ApiToken, AuditEvent, User

# A recognisable start lets secret scanners and people tell a Digital Ready token at a glance.
TOKEN_START = "dr_"  # noqa: S105 - a public marker, not a secret
PREFIX_LENGTH = len(TOKEN_START) + 8
# token_urlsafe(32) gives 43 characters; anything much longer is not one of ours.
LONGEST_TOKEN = 100
MAX_DAYS = 366
# Writing last_used_at on every call would make each API request a database write.
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)
NOT_AUTHENTICATED = (
    "Send a valid API token in the Authorization header, as 'Bearer <token>'. "
    "You can create one on the API tokens page of your account."
)


def digest_of(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def issue_token(
    user: User, name: str, *, days: int | None = None, request: HttpRequest | None = None
) -> tuple[ApiToken, str]:
    """A new token for `user`, and its secret (the only time the secret is available)."""
    name = name.strip()
    if not name:
        raise ValueError("A token needs a name.")
    if days is not None and not 1 <= days <= MAX_DAYS:
        raise ValueError(f"A token lasts from 1 to {MAX_DAYS} days.")
    raw = TOKEN_START + secrets.token_urlsafe(32)
    expires_at = timezone.now() + dt.timedelta(days=days) if days else None
    token = ApiToken.objects.create(
        user=user,
        name=name[:100],
        prefix=raw[:PREFIX_LENGTH],
        digest=digest_of(raw),
        expires_at=expires_at,
    )
    record(
        AuditEvent.Action.API_TOKEN_CREATED,
        actor=user,
        target=str(token),
        request=request,
        expires=expires_at.isoformat() if expires_at else None,
    )
    return token, raw


def looks_like_token(raw: str) -> bool:
    return raw.isascii() and raw.startswith(TOKEN_START) and len(raw) <= LONGEST_TOKEN


def authenticate_token(raw: str) -> User | None:
    """The active person a usable token belongs to; None for anything else."""
    raw = raw.strip()
    if not looks_like_token(raw):
        return None
    token = ApiToken.objects.usable().select_related("user").filter(digest=digest_of(raw)).first()
    if token is None or not token.user.is_active:
        return None
    _touch(token)
    return token.user


def _touch(token: ApiToken) -> None:
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


def tokens_of(user: User) -> QuerySet[ApiToken]:
    """A person's tokens that are not revoked (expired ones included, so they can be tidied)."""
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True)


def revoke(token: ApiToken, *, by: User | None, request: HttpRequest | None = None) -> None:
    """Stop a token working at once; revoking it again changes nothing."""
    if token.revoked_at is not None:
        return
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    record(
        AuditEvent.Action.API_TOKEN_REVOKED,
        actor=by,
        target=str(token),
        request=request,
        owner=token.user.email,
    )


class BearerToken(HttpBearer):
    """Ninja authentication by API token; `request.auth` is then the person. It answers a
    missing or bad token with a 401 itself, so it goes last in a list of authentications."""

    def __call__(self, request: HttpRequest) -> Any:
        # Ninja's own answer is a bare "Unauthorized"; say what to send instead.
        user = super().__call__(request)
        if user is None:
            raise AuthenticationError(401, NOT_AUTHENTICATED)
        return user

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        return authenticate_token(token)
