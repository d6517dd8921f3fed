from collections.abc import Callable

import pytest
from django.test import Client

from digiready.accounts.models import Role, User

pytestmark = pytest.mark.django_db


def test_anyone_can_browse_regions_to_icbs_to_providers(client: Client) -> None:
    regions = client.get("/organisations/")
    assert regions.status_code == 200
    assert "North West" in regions.text
    region = client.get("/organisations/Y62/")
    assert "NHS Greater Manchester Integrated Care Board" in region.text
    icb = client.get("/organisations/QOP/")
    assert "Manchester University NHS Foundation Trust" in icb.text
    trust = client.get("/organisations/R0A/")
    assert trust.status_code == 200
    assert "NHS Greater Manchester Integrated Care Board" in trust.text


def test_an_unknown_organisation_is_a_404(client: Client) -> None:
    response = client.get("/organisations/XYZ99/")
    assert response.status_code == 404
    assert "Page not found" in response.text


def test_browsing_on_a_date_with_a_bad_date_says_so(client: Client) -> None:
    response = client.get("/organisations/", {"on": "not-a-date"})
    assert response.status_code == 200
    assert "Enter a real date, like 2026-04-01" in response.text
    assert "<title>Error: " in response.text


def test_browsing_before_an_icb_opened_does_not_show_it(client: Client) -> None:
    import datetime as dt

    from digiready.organisations.changes import merge

    merge(["QH8", "QJG"], "QZ1", "NHS Essex Integrated Care Board", dt.date(2026, 4, 1))
    before = client.get("/organisations/Y61/", {"on": "2026-03-31"})
    after = client.get("/organisations/Y61/", {"on": "2026-04-01"})
    assert "NHS Mid and South Essex" in before.text
    assert "NHS Essex Integrated Care Board" not in before.text
    assert "NHS Essex Integrated Care Board" in after.text
    history = client.get("/organisations/RAJ/")
    assert "until 31 March 2026" in history.text
    assert "from 1 April 2026" in history.text


def test_an_organisation_lead_sees_the_people_at_their_trust(
    make_person: Callable[..., User], signed_in: Callable[[User], Client]
) -> None:
    lead = make_person(role=Role.ORGANISATION_LEAD, scope="R0A")
    colleague = make_person(full_name="Priya Colleague")
    response = signed_in(lead).get("/organisations/R0A/people/")
    assert response.status_code == 200
    assert colleague.full_name in response.text


def test_an_org_lead_cannot_see_another_trusts_people(
    make_person: Callable[..., User], signed_in: Callable[[User], Client]
) -> None:
    lead = make_person(role=Role.ORGANISATION_LEAD, scope="R0A")
    make_person(at="RBS", full_name="Someone Elsewhere")
    response = signed_in(lead).get("/organisations/RBS/people/")
    assert response.status_code == 403
    assert "Someone Elsewhere" not in response.text
    assert "You do not have permission" in response.text


def test_an_icb_lead_sees_the_people_at_trusts_within_the_icb(
    make_person: Callable[..., User], signed_in: Callable[[User], Client]
) -> None:
    lead = make_person(role=Role.ORGANISATION_LEAD, scope="QOP")
    client = signed_in(lead)
    assert client.get("/organisations/R0A/people/").status_code == 200
    assert (
        client.get("/organisations/RBS/people/").status_code == 403
    )  # Alder Hey, Cheshire and Merseyside


@pytest.mark.parametrize(
    ("role", "scope"),
    [(None, None), (Role.EDUCATOR, None), (Role.ANALYST, "QOP"), (Role.ANALYST, None)],
)
def test_staff_educators_and_analysts_never_see_individual_people(
    make_person: Callable[..., User],
    signed_in: Callable[[User], Client],
    role: str | None,
    scope: str | None,
) -> None:
    person = make_person(role=role, scope=scope)
    assert signed_in(person).get("/organisations/R0A/people/").status_code == 403


def test_the_people_page_asks_anonymous_visitors_to_sign_in(client: Client) -> None:
    response = client.get("/organisations/R0A/people/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/sign-in/")


def test_an_org_lead_can_make_a_colleague_a_lead_and_the_log_says_who(
    make_person: Callable[..., User], signed_in: Callable[[User], Client]
) -> None:
    from digiready.accounts.models import AuditEvent

    lead = make_person(role=Role.ORGANISATION_LEAD, scope="R0A")
    colleague = make_person()
    client = signed_in(lead)
    client.post("/organisations/R0A/people/", {"person": colleague.pk, "action": "grant"})
    assert colleague.roles.filter(
        role=Role.ORGANISATION_LEAD, organisation__ods_code="R0A"
    ).exists()
    event = AuditEvent.objects.filter(action=AuditEvent.Action.ROLE_GRANTED).first()
    assert event is not None
    assert event.actor == lead
    assert event.target == colleague.email
    client.post("/organisations/R0A/people/", {"person": colleague.pk, "action": "revoke"})
    assert not colleague.roles.exists()
    assert AuditEvent.objects.filter(action=AuditEvent.Action.ROLE_REVOKED, actor=lead).exists()


def test_an_org_lead_cannot_grant_a_role_to_someone_at_another_trust(
    make_person: Callable[..., User], signed_in: Callable[[User], Client]
) -> None:
    lead = make_person(role=Role.ORGANISATION_LEAD, scope="R0A")
    stranger = make_person(at="RBS")
    response = signed_in(lead).post(
        "/organisations/R0A/people/", {"person": stranger.pk, "action": "grant"}
    )
    assert response.status_code == 404
    assert not stranger.roles.exists()
