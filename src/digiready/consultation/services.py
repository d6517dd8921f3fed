"""What the conversation's pages and commands do, kept out of the views so both share it."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import uuid
from collections import Counter
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest

from digiready.accounts.audit import record
from digiready.accounts.models import AuditEvent
from digiready.consultation.models import (
    Comment,
    Contribution,
    Moderated,
    Question,
    Status,
    Vote,
)
from digiready.consultation.redaction import redact

PARTICIPANT_KEY = "conversation_participant"


def _daily_salt(day: dt.date) -> bytes:
    # Derived from the secret key and the date, so yesterday's hashes cannot be recomputed
    # without the key, and nothing links one day's visitor to the next.
    return hmac.new(settings.SECRET_KEY.encode(), day.isoformat().encode(), "sha256").digest()


def client_address(request: HttpRequest) -> str:
    """The visitor's address; behind a proxy, the first address of its forwarding header."""
    header = settings.CLIENT_ADDRESS_HEADER
    if header and request.META.get(header):
        return str(request.META[header]).split(",")[0].strip()
    return str(request.META.get("REMOTE_ADDR", ""))


def visitor_hash(request: HttpRequest, day: dt.date | None = None) -> str:
    """A salted hash of the visitor's address, rotated daily, used only as a rate-limit key.

    It lives in the cache for an hour and is never written beside a contribution.
    """
    address = client_address(request) + "|" + request.META.get("HTTP_USER_AGENT", "")
    salt = _daily_salt(day or dt.date.today())
    return hmac.new(salt, address.encode(), hashlib.sha256).hexdigest()


def over_rate_limit(request: HttpRequest) -> bool:
    """Count one submission for this visitor; True once they pass the hourly limit."""
    key = f"conversation-rate:{visitor_hash(request)}"
    cache.add(key, 0, timeout=3600)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=3600)
        count = 1
    return count > settings.CONSULTATION_RATE_LIMIT


def participant(request: HttpRequest) -> uuid.UUID:
    """This browser session's random participant key, made on first use."""
    key = request.session.get(PARTICIPANT_KEY)
    if key is None:
        key = str(uuid.uuid4())
        request.session[PARTICIPANT_KEY] = key
    return uuid.UUID(key)


def _redacted(text: str) -> tuple[str, dict[str, int]]:
    result = redact(text)
    counts = Counter(finding.kind for finding in result.findings)
    return result.text, dict(counts)


def submit(question: Question, text: str, **declared: Any) -> Contribution:
    """Store a contribution: redacted at once, waiting for a moderator."""
    clean = text.strip()
    redacted, counts = _redacted(clean)
    return Contribution.objects.create(
        question=question,
        original_text=clean,
        text=redacted,
        redactions=counts,
        **{key: value for key, value in declared.items() if value not in (None, "")},
    )


def comment(contribution: Contribution, text: str) -> Comment:
    clean = text.strip()
    redacted, counts = _redacted(clean)
    return Comment.objects.create(
        contribution=contribution, original_text=clean, text=redacted, redactions=counts
    )


def vote(contribution: Contribution, key: uuid.UUID, value: int) -> Vote:
    """One vote per contribution per browser session; voting again changes the vote."""
    found, _ = Vote.objects.update_or_create(
        contribution=contribution, participant=key, defaults={"value": value}
    )
    return found


@transaction.atomic
def moderate(
    item: Moderated,
    *,
    approve: bool,
    text: str = "",
    reason: str = "",
    by: Any = None,
) -> None:
    """Approve (optionally with a corrected redaction) or reject with a reason."""
    item.moderated_on = dt.date.today()
    if approve:
        item.status = Status.APPROVED
        if text.strip():
            # The moderator's text is redacted again, so an edit cannot put data back.
            item.text, extra = _redacted(text.strip())
            item.redactions = {**item.redactions, **extra}
        item.original_text = ""  # the published text is all that is kept
        item.reject_reason = ""
    else:
        item.status = Status.REJECTED
        item.reject_reason = reason.strip()
    item.save()
    record(
        AuditEvent.Action.CONTRIBUTION_MODERATED,
        actor=by,
        target=f"{type(item).__name__.lower()} {item.pk}",
        decision="approved" if approve else "rejected",
    )


def purge_rejected(today: dt.date | None = None) -> int:
    """Delete rejected contributions and comments once the retention period has passed."""
    cutoff = (today or dt.date.today()) - dt.timedelta(days=settings.CONSULTATION_RETENTION_DAYS)
    purged = 0
    for model in (Comment, Contribution):
        deleted, _ = model.objects.filter(status=Status.REJECTED, moderated_on__lt=cutoff).delete()
        purged += deleted
    return purged
