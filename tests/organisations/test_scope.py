from collections.abc import Callable

import pytest
from django.contrib.auth.models import AnonymousUser

from digiready.accounts.models import Role, User
from digiready.organisations.scope import Scope

pytestmark = pytest.mark.django_db

# R0A is in Greater Manchester ICB (QOP), North West (Y62); RBS is in Cheshire and Merseyside.
CASES = [
    # role, scope, organisation, may see aggregates, may manage people
    (None, None, "R0A", False, False),
    (Role.EDUCATOR, None, "R0A", False, False),
    (Role.ORGANISATION_LEAD, "R0A", "R0A", True, True),
    (Role.ORGANISATION_LEAD, "R0A", "RBS", False, False),
    (Role.ORGANISATION_LEAD, "R0A", "QOP", False, False),
    (Role.ORGANISATION_LEAD, "QOP", "R0A", True, True),
    (Role.ANALYST, "QOP", "R0A", True, False),
    (Role.ANALYST, "QOP", "QOP", True, False),
    (Role.ANALYST, "QOP", "RBS", False, False),
    (Role.ANALYST, "QOP", "Y62", False, False),
    (Role.ANALYST, "Y62", "RBS", True, False),
    (Role.ANALYST, "Y62", "RJ1", False, False),
    (Role.ANALYST, None, "RJ1", True, False),
    (Role.ADMINISTRATOR, None, "RJ1", True, True),
]


@pytest.mark.parametrize(("role", "scope", "target", "aggregates", "people"), CASES)
def test_what_each_role_may_see(
    make_person: Callable[..., User],
    org: Callable,
    role: str | None,
    scope: str | None,
    target: str,
    aggregates: bool,
    people: bool,
) -> None:
    visitor = Scope(make_person(role=role, scope=scope))
    assert visitor.can_see_aggregates(org(target)) is aggregates
    assert visitor.can_manage_people(org(target)) is people
    assert visitor.people(org(target)).exists() is (people and org(target).staff.exists())


def test_anonymous_visitors_see_nothing(org: Callable) -> None:
    visitor = Scope(AnonymousUser())
    assert not visitor.can_see_aggregates(org("R0A"))
    assert not visitor.people(org("R0A")).exists()
    assert not visitor.audit_events().exists()


def test_a_lead_of_two_trusts_covers_both(make_person: Callable[..., User], org: Callable) -> None:
    from digiready.accounts.roles import grant_role

    lead = make_person(role=Role.ORGANISATION_LEAD, scope="R0A")
    grant_role(lead, Role.ORGANISATION_LEAD, org("RBS"))
    visitor = Scope(lead)
    assert visitor.can_manage_people(org("R0A"))
    assert visitor.can_manage_people(org("RBS"))
    assert not visitor.can_manage_people(org("RJ1"))
