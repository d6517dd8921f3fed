"""What the service holds about one person: a copy for them to take away, and erasure.

``personal_data(user)`` returns everything held about the person as JSON-ready data:

- ``generated_at``: when the copy was made (ISO 8601).
- ``account``: email address, full name, organisation (name and ODS code), profession and staff
  group (code and name), date joined and last sign-in.
- ``roles``: each role held (code and name), the organisation it covers and when it was granted.
- ``self_assessments``: each self-assessment: its id, framework title and version, the role
  profile it used (profession, staff group, archetype and the level expected in each domain),
  organisation, status and dates; every answer (domain, capability code and title, the answer as
  sent, the chosen answer's label and level statement, or "Not applicable to my role"); and the
  domain scores stored when it was submitted.
- ``organisation_assessments_answered``: the organisation assessments the person answered for
  their organisation: which organisation, which framework, status and dates. The answers in them
  are the organisation's, not the person's, and other people's data is never included.
- ``api_tokens``: name, prefix and dates of each API token; never the hash of its secret.
- ``audit_events``: what the audit log records the person doing: when, what, about what, and
  from which IP address. Other people's email addresses in it are withheld.
- ``sign_ins``: the sign-in records kept to slow down password guessing: when, from which IP
  address and browser, and when the person signed out.

``erase_account(user)`` removes the account and everything that identifies the person, in one
transaction: the account itself, their self-assessments with every answer and domain score, their
roles, API tokens and sign-in records. What is kept, and why:

- figures already aggregated from their answers: published dashboards and exports already made
  hold totals for groups of people, never the person;
- organisation assessments they answered, which belong to the organisation; the record of who
  answered is removed;
- audit log entries of what they did, with their email address and IP address replaced by
  "erased account", so the log still accounts for every action; role changes and failed
  sign-ins that named them are scrubbed the same way; and one entry saying that an account was
  erased, which names only the account's number.

Nothing kept identifies the person.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Prefetch, Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone

from digiready.accounts.audit import record
from digiready.accounts.models import ApiToken, AuditEvent, RoleAssignment, User
from digiready.accounts.professions import PROFESSION_BY_CODE, STAFF_GROUP_BY_CODE
from digiready.assessments.models import Answer, Assessment, DomainScore, Subject
from digiready.assessments.questionnaire import MISSING_LABELS, Item, Questionnaire
from digiready.assessments.services import questionnaire_of
from digiready.frameworks.profiles import ARCHETYPE_BY_CODE
from digiready.organisations.models import Organisation

ERASED = "erased account"
OTHER_PERSON = "another person"
_EMAIL = re.compile(r"[^\s@()]+@[^\s@()]+")


# The copy ---------------------------------------------------------------------------------


def personal_data(user: User) -> dict[str, Any]:
    """Everything the service holds about `user`, ready for ``json.dumps``."""
    return {
        "generated_at": _when(timezone.now()),
        "account": _account(user),
        "roles": [_role(assignment) for assignment in _roles(user)],
        "self_assessments": [_self_assessment(a) for a in _self_assessments(user)],
        "organisation_assessments_answered": [
            _organisation_assessment(a) for a in _answered_for_organisations(user)
        ],
        "api_tokens": [_token(token) for token in _tokens(user)],
        "audit_events": [_event(event, user.email) for event in _own_events(user)],
        "sign_ins": [_sign_in(entry) for entry in _sign_ins(user.email)],
    }


@dataclass(frozen=True)
class Holdings:
    """How much is held about a person, for the page that offers the copy."""

    self_assessments: int
    submitted: int
    answers: int
    organisation_assessments: int
    roles: int
    api_tokens: int
    audit_events: int
    sign_ins: int


def holdings(user: User) -> Holdings:
    own = Assessment.objects.of_person(user)
    return Holdings(
        self_assessments=own.count(),
        submitted=own.submitted().count(),
        answers=Answer.objects.filter(assessment__in=own).count(),
        organisation_assessments=_answered_for_organisations(user).count(),
        roles=_roles(user).count(),
        api_tokens=_tokens(user).count(),
        audit_events=_own_events(user).count(),
        sign_ins=_sign_ins(user.email).count(),
    )


def _when(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _named(code: str, names: dict[str, Any]) -> dict[str, str] | None:
    """A code with its name for people, or None when nothing is recorded."""
    if not code:
        return None
    found = names.get(code)
    return {"code": code, "name": found.name if found is not None else code}


def _organisation(organisation: Organisation | None) -> dict[str, str] | None:
    if organisation is None:
        return None
    return {"name": organisation.name, "ods_code": organisation.ods_code}


def _account(user: User) -> dict[str, Any]:
    return {
        "email": user.email,
        "full_name": user.full_name,
        "organisation": _organisation(user.organisation),
        "profession": _named(user.profession, PROFESSION_BY_CODE),
        "staff_group": _named(user.staff_group, STAFF_GROUP_BY_CODE),
        "date_joined": _when(user.date_joined),
        "last_sign_in": _when(user.last_login),
    }


def _roles(user: User) -> QuerySet[RoleAssignment]:
    return user.roles.select_related("organisation").order_by("granted_at", "id")


def _role(assignment: RoleAssignment) -> dict[str, Any]:
    return {
        "role": {"code": assignment.role, "name": assignment.get_role_display()},
        "organisation": _organisation(assignment.organisation),
        "granted_at": _when(assignment.granted_at),
    }


def _self_assessments(user: User) -> QuerySet[Assessment]:
    return (
        Assessment.objects.of_person(user)
        .select_related("framework_version__framework", "organisation")
        .prefetch_related(
            Prefetch("answers", Answer.objects.select_related("capability__domain")),
            Prefetch("domain_scores", DomainScore.objects.select_related("domain")),
        )
        .order_by("started_at", "id")
    )


def _self_assessment(assessment: Assessment) -> dict[str, Any]:
    questionnaire = questionnaire_of(assessment)
    items = {item.link_id: item for item in questionnaire.items}
    version = assessment.framework_version
    return {
        "id": str(assessment.public_id),
        "framework": {"title": version.title, "version": version.version},
        "role_profile": _role_profile(assessment, questionnaire),
        "organisation": _organisation(assessment.organisation),
        "status": {"code": assessment.status, "name": assessment.get_status_display()},
        "started_at": _when(assessment.started_at),
        "updated_at": _when(assessment.updated_at),
        "submitted_at": _when(assessment.submitted_at),
        "answers": [_answer(answer, items) for answer in assessment.answers.all()],
        "domain_scores": [_score(row, questionnaire) for row in assessment.domain_scores.all()],
    }


def _role_profile(assessment: Assessment, questionnaire: Questionnaire) -> dict[str, Any]:
    return {
        "profession": _named(assessment.profession, PROFESSION_BY_CODE),
        "staff_group": _named(assessment.staff_group, STAFF_GROUP_BY_CODE),
        "archetype": _named(assessment.archetype, ARCHETYPE_BY_CODE),
        "expected_levels": [
            {
                "domain": section.title,
                "level": section.expected_level,
                "level_name": questionnaire.level_name(section.expected_level),
            }
            for section in questionnaire.sections
            if section.expected_level is not None
        ],
    }


def _answer(answer: Answer, items: dict[str, Item]) -> dict[str, Any]:
    capability = answer.capability
    label, statement = _chosen(answer, items.get(str(capability.identifier)))
    return {
        "domain": capability.domain.title,
        "capability_code": capability.code,
        "capability_title": capability.title,
        "answer": answer.token,
        "label": label,
        "statement": statement,
        "answered_at": _when(answer.answered_at),
    }


def _chosen(answer: Answer, item: Item | None) -> tuple[str, str]:
    """The chosen answer's label and level statement, as the questionnaire showed them."""
    if answer.value is None:
        return MISSING_LABELS.get(answer.missing, answer.missing), ""
    choices = item.choices if item is not None else ()
    choice = next((choice for choice in choices if choice.value == answer.value), None)
    return (choice.label, choice.statement) if choice else (str(answer.value), "")


def _level(questionnaire: Questionnaire, level: int | None) -> str | None:
    return questionnaire.level_name(level) if level is not None else None


def _score(row: DomainScore, questionnaire: Questionnaire) -> dict[str, Any]:
    return {
        "domain": row.domain.title,
        "items_asked": row.items_asked,
        "items_answered": row.items_answered,
        "score": row.score,
        "percent": None if row.score is None else round(100 * row.score, 1),
        "attained_level": row.attained_level,
        "attained_level_name": _level(questionnaire, row.attained_level),
        "strict_level": row.strict_level,
        "expected_level": row.expected_level,
        "expected_level_name": _level(questionnaire, row.expected_level),
        "gap": row.gap,
    }


def _answered_for_organisations(user: User) -> QuerySet[Assessment]:
    # Imports may have recorded only the address of whoever answered, so both are matched.
    answered = Q(answered_by=user) | Q(answered_by_label__iexact=user.email)
    return (
        Assessment.objects.filter(subject=Subject.ORGANISATION)
        .filter(answered)
        .select_related("framework_version", "organisation")
        .order_by("started_at", "id")
    )


def _organisation_assessment(assessment: Assessment) -> dict[str, Any]:
    version = assessment.framework_version
    return {
        "id": str(assessment.public_id),
        "organisation": _organisation(assessment.organisation),
        "framework": {"title": version.title, "version": version.version},
        "status": {"code": assessment.status, "name": assessment.get_status_display()},
        "started_at": _when(assessment.started_at),
        "submitted_at": _when(assessment.submitted_at),
    }


def _tokens(user: User) -> QuerySet[ApiToken]:
    return user.api_tokens.order_by("created_at", "id")


def _token(token: ApiToken) -> dict[str, Any]:
    return {
        "name": token.name,
        "prefix": token.prefix,
        "created_at": _when(token.created_at),
        "expires_at": _when(token.expires_at),
        "last_used_at": _when(token.last_used_at),
        "revoked_at": _when(token.revoked_at),
    }


def _own_events(user: User) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(actor=user).order_by("at", "id")


def _event(event: AuditEvent, email: str) -> dict[str, Any]:
    return {
        "at": _when(event.at),
        "action": {"code": event.action, "name": event.get_action_display()},
        "target": withhold_others(event.target, email),
        "ip_address": event.ip_address,
    }


def withhold_others(text: str, email: str) -> str:
    """`text` with every email address but the person's own replaced.

    >>> withhold_others("ann@x.example", "bob@x.example")
    'another person'
    >>> withhold_others("Bob@x.example", "bob@x.example")
    'Bob@x.example'
    """
    own = email.lower()
    return _EMAIL.sub(lambda found: found[0] if found[0].lower() == own else OTHER_PERSON, text)


def _sign_ins(email: str) -> QuerySet[AccessLog]:
    return AccessLog.objects.filter(username__iexact=email).order_by("attempt_time", "id")


def _sign_in(entry: AccessLog) -> dict[str, Any]:
    return {
        "at": _when(entry.attempt_time),
        "ip_address": entry.ip_address,
        "browser": entry.user_agent,
        "signed_out_at": _when(entry.logout_time),
    }


# Erasure --------------------------------------------------------------------------------


def erase_account(user: User, *, request: HttpRequest | None = None) -> None:
    """Erase `user` and everything that identifies them (see the module's description).

    `request`, when given, is the person's own: its session ends with the account, without a
    sign-out entry that would name them again.
    """
    email, number = user.email, user.pk
    with transaction.atomic():
        scrubbed = AuditEvent.objects.filter(actor=user).update(actor_label=ERASED, ip_address=None)
        _forget_answerer(user)
        _end_roles(user)
        _forget_admin_history(user)
        user.delete()  # cascades to self-assessments, answers, domain scores and tokens
        _forget_address(email)
        record(
            AuditEvent.Action.ACCOUNT_ERASED,
            actor_label=ERASED,
            target=f"account {number}",
            entries_scrubbed=scrubbed,
        )
    if request is not None:
        _end_session(request)


def _forget_answerer(user: User) -> None:
    # The organisation's assessment stays: it belongs to the organisation, not the person.
    _answered_for_organisations(user).update(answered_by=None, answered_by_label="")


def _end_roles(user: User) -> None:
    """Remove roles one by one, so the audit log records each as ended by the erasure."""
    for assignment in user.roles.all():
        assignment.audit_actor_label = ERASED  # type: ignore[attr-defined]
        assignment.delete()


def _forget_admin_history(user: User) -> None:
    # The administration site's history names the account it changed.
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(User), object_id=str(user.pk)
    ).update(object_repr=ERASED)


def _forget_address(email: str) -> None:
    """Scrub entries that name the person by address: role changes and failed sign-ins."""
    AuditEvent.objects.filter(actor_label__iexact=email).update(actor_label=ERASED, ip_address=None)
    AuditEvent.objects.filter(target__iexact=email).update(target=ERASED)
    for model in (AccessLog, AccessAttempt, AccessFailureLog):
        model.objects.filter(username__iexact=email).delete()


def _end_session(request: HttpRequest) -> None:
    request.session.flush()
    request.user = AnonymousUser()
