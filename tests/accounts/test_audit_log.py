import csv
import io
import json
from collections.abc import Callable

import pytest
from django.test import Client

from digiready.accounts.models import AuditEvent, Role, User
from digiready.accounts.roles import grant_role, revoke_role

pytestmark = pytest.mark.django_db


def test_role_changes_are_logged_with_who_made_them(
    make_person: Callable[..., User], org: Callable
) -> None:
    admin = make_person(role=Role.ADMINISTRATOR)
    person = make_person()
    assignment = grant_role(person, Role.ANALYST, org("Y62"), by=admin)
    granted = AuditEvent.objects.get(action=AuditEvent.Action.ROLE_GRANTED, target=person.email)
    assert granted.actor == admin
    assert granted.detail == {"role": "analyst", "organisation": "Y62"}
    revoke_role(assignment, by=admin)
    revoked = AuditEvent.objects.get(action=AuditEvent.Action.ROLE_REVOKED, target=person.email)
    assert revoked.actor == admin


def test_granting_a_role_twice_keeps_one(make_person: Callable[..., User], org: Callable) -> None:
    person = make_person()
    grant_role(person, Role.ORGANISATION_LEAD, org("R0A"))
    grant_role(person, Role.ORGANISATION_LEAD, org("R0A"))
    assert person.roles.count() == 1


def test_an_organisation_lead_must_have_an_organisation(make_person: Callable[..., User]) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        grant_role(make_person(), Role.ORGANISATION_LEAD, None)


def test_only_administrators_see_the_audit_log(
    make_person: Callable[..., User], signed_in: Callable[[User], Client]
) -> None:
    lead = make_person(role=Role.ORGANISATION_LEAD, scope="R0A")
    assert signed_in(lead).get("/accounts/audit/").status_code == 403
    admin = make_person(role=Role.ADMINISTRATOR)
    response = signed_in(admin).get("/accounts/audit/")
    assert response.status_code == 200
    assert "Role granted" in response.text


def test_exporting_the_audit_log_is_itself_logged(
    make_person: Callable[..., User], signed_in: Callable[[User], Client]
) -> None:
    admin = make_person(role=Role.ADMINISTRATOR)
    response = signed_in(admin).get("/accounts/audit/", {"format": "csv", "action": "role_granted"})
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["when", "who", "action", "target", "ip_address", "detail"]
    assert {row[2] for row in rows[1:]} == {"role_granted"}
    assert json.loads(rows[1][5]) == {"role": "administrator", "organisation": None}
    export = AuditEvent.objects.get(action=AuditEvent.Action.EXPORT)
    assert export.actor == admin
    assert export.detail == {"rows": len(rows) - 1}


@pytest.mark.parametrize(
    ("role", "scope", "allowed"),
    [
        (Role.ANALYST, None, True),
        (Role.ANALYST, "Y62", True),
        (Role.ANALYST, "QOP", True),
        (Role.ANALYST, "R0A", False),
        (Role.ORGANISATION_LEAD, "R0A", True),
        (Role.ORGANISATION_LEAD, "QOP", True),
        (Role.EDUCATOR, None, True),
        (Role.EDUCATOR, "R0A", False),
        (Role.ADMINISTRATOR, "Y62", False),
    ],
)
def test_roles_are_scoped_only_as_they_should_be(
    make_person: Callable[..., User], org: Callable, role: str, scope: str | None, allowed: bool
) -> None:
    from django.core.exceptions import ValidationError

    person = make_person()
    if allowed:
        assert grant_role(person, role, org(scope) if scope else None).pk
    else:
        with pytest.raises(ValidationError):
            grant_role(person, role, org(scope) if scope else None)


def test_a_formula_in_a_logged_value_is_exported_as_text(
    make_person: Callable[..., User], signed_in: Callable[[User], Client]
) -> None:
    from digiready.accounts.audit import record

    record(AuditEvent.Action.SIGN_IN_FAILED, actor_label="=cmd|'/c calc'!A1")
    admin = make_person(role=Role.ADMINISTRATOR)
    response = signed_in(admin).get("/accounts/audit/", {"format": "csv"})
    text = response.content.decode()
    assert ",=cmd" not in text
    assert ",'=cmd" in text
