from collections.abc import Callable
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from digiready.accounts.models import AuditEvent, User

pytestmark = pytest.mark.django_db


def roles(*args: str) -> str:
    out = StringIO()
    call_command("roles", *args, stdout=out)
    return out.getvalue()


def test_an_administrator_grants_lists_and_revokes_roles_from_the_command_line(
    make_person: Callable[..., User],
) -> None:
    make_person(email="ash@trust.example")
    assert "is now Analyst" in roles(
        "grant", "Ash@Trust.example", "analyst", "--organisation", "QOP"
    )
    assert roles("list", "--email", "ash@trust.example") == "ash@trust.example\tanalyst\tQOP\n"
    roles("revoke", "ash@trust.example", "analyst", "--organisation", "QOP")
    assert roles("list", "--email", "ash@trust.example") == ""
    logged = AuditEvent.objects.filter(target="ash@trust.example", actor_label="command line")
    assert {event.action for event in logged} == {"role_granted", "role_revoked"}


def test_a_role_the_rules_do_not_allow_is_refused_with_the_reason(
    make_person: Callable[..., User],
) -> None:
    make_person(email="ash@trust.example")
    with pytest.raises(CommandError, match="An analyst covers an ICB, a region"):
        roles("grant", "ash@trust.example", "analyst", "--organisation", "R0A")
    with pytest.raises(CommandError, match="No account"):
        roles("grant", "nobody@trust.example", "educator")
    with pytest.raises(CommandError, match="No organisation"):
        roles("grant", "ash@trust.example", "organisation_lead", "--organisation", "ZZZ")


def test_the_first_administrator_can_be_made_without_prompts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "a long admin passphrase")
    call_command(
        "createsuperuser", "--noinput", "--email", "Admin@Trust.example",
        "--full_name", "Ada Admin", stdout=StringIO(),
    )  # fmt: skip
    admin = User.objects.get(email="admin@trust.example")
    assert admin.is_superuser
    assert admin.check_password("a long admin passphrase")
