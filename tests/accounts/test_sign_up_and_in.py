import re
from collections.abc import Callable

import pytest
from django.core import mail
from django.test import Client, override_settings

from digiready.accounts.models import AuditEvent, User

pytestmark = pytest.mark.django_db


def sign_up_details(**overrides: str) -> dict[str, str]:
    from digiready.organisations.models import Organisation

    details = {
        "full_name": "Grace Hopper-Jones",
        "email": "Grace.Jones@Trust.example",
        "organisation": str(Organisation.objects.get(ods_code="R0A").pk),
        "profession": "physiotherapist",
        "password1": "a long and unusual passphrase",
        "password2": "a long and unusual passphrase",
    }
    details.update(overrides)
    return details


def test_signing_up_creates_a_member_of_staff_with_their_staff_group(client: Client) -> None:
    response = client.post("/accounts/create/", sign_up_details())
    assert response.status_code == 302
    assert response["Location"] == "/home/"
    person = User.objects.get(email="grace.jones@trust.example")
    assert person.organisation is not None
    assert person.organisation.ods_code == "R0A"
    assert person.staff_group == "st_t_ahp"
    assert AuditEvent.objects.filter(action="account_created", actor=person).exists()
    home = client.get("/home/")
    assert "Physiotherapist" in home.text
    assert "Manchester University NHS Foundation Trust" in home.text


def test_an_empty_sign_up_form_shows_every_error_in_the_summary(client: Client) -> None:
    response = client.post("/accounts/create/", {})
    assert response.status_code == 200
    assert "<title>Error: Create an account" in response.text
    assert "There is a problem" in response.text
    for message in ("Enter your full name", "Enter your work email address",
                    "Choose the organisation you work for", "Choose your profession or role",
                    "Create a password"):  # fmt: skip
        assert message in response.text
    assert 'href="#id_full_name"' in response.text
    assert response.text.count('autocomplete="new-password"') == 2  # password managers offer one


def test_mismatched_or_weak_passwords_are_refused(client: Client) -> None:
    mismatched = client.post("/accounts/create/", sign_up_details(password2="something else"))
    assert "The passwords do not match" in mismatched.text
    weak = client.post(
        "/accounts/create/", sign_up_details(password1="password", password2="password")
    )
    assert "This password is too short" in weak.text
    assert not User.objects.filter(email="grace.jones@trust.example").exists()


def test_an_address_can_only_have_one_account(
    client: Client, make_person: Callable[..., User]
) -> None:
    make_person(email="grace.jones@trust.example")
    response = client.post("/accounts/create/", sign_up_details())
    assert "An account already exists for this email address" in response.text


def test_signing_in_is_recorded_in_the_audit_log(
    client: Client, make_person: Callable[..., User], password: str
) -> None:
    person = make_person(email="sam@trust.example")
    response = client.post(
        "/accounts/sign-in/", {"username": "Sam@Trust.example", "password": password}
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(action=AuditEvent.Action.SIGN_IN)
    assert event.actor == person
    assert event.ip_address == "127.0.0.1"


def test_a_wrong_password_says_so_and_is_recorded(
    client: Client, make_person: Callable[..., User]
) -> None:
    make_person(email="sam@trust.example")
    response = client.post(
        "/accounts/sign-in/", {"username": "sam@trust.example", "password": "nope"}
    )
    assert response.status_code == 200
    assert "Enter a correct email address and password" in response.text
    assert AuditEvent.objects.filter(action=AuditEvent.Action.SIGN_IN_FAILED).count() == 1


@override_settings(AXES_FAILURE_LIMIT=3)
def test_repeated_failed_sign_ins_lock_the_account(
    client: Client, make_person: Callable[..., User], password: str
) -> None:
    make_person(email="sam@trust.example")
    for _ in range(3):
        client.post("/accounts/sign-in/", {"username": "sam@trust.example", "password": "wrong"})
    locked = client.post(
        "/accounts/sign-in/", {"username": "sam@trust.example", "password": password}
    )
    assert locked.status_code == 429
    assert "Your account is locked for 15 minutes" in locked.text
    assert AuditEvent.objects.filter(action=AuditEvent.Action.LOCKED_OUT).exists()
    assert "_auth_user_id" not in client.session


def test_signing_out_needs_a_confirming_post(
    make_person: Callable[..., User], signed_in: Callable[[User], Client]
) -> None:
    client = signed_in(make_person())
    confirm = client.get("/accounts/sign-out/")
    assert "Are you sure you want to sign out?" in confirm.text
    assert "_auth_user_id" in client.session
    client.post("/accounts/sign-out/")
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action=AuditEvent.Action.SIGN_OUT).exists()


def test_a_password_reset_email_leads_to_a_new_password(
    client: Client, make_person: Callable[..., User]
) -> None:
    make_person(email="sam@trust.example")
    response = client.post("/accounts/password-reset/", {"email": "sam@trust.example"})
    assert response["Location"] == "/accounts/password-reset/sent/"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Reset your Digital Ready password"
    link = re.search(r"http://testserver(/accounts/password-reset/\S+/)", mail.outbox[0].body)
    assert link is not None
    form = client.get(link.group(1), follow=True)
    assert "Choose a new password" in form.text
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "another long passphrase", "new_password2": "another long passphrase"},
    )
    assert done["Location"] == "/accounts/password-reset/complete/"
    signed_in = client.post(
        "/accounts/sign-in/",
        {"username": "sam@trust.example", "password": "another long passphrase"},
    )
    assert signed_in["Location"] == "/home/"


def test_a_reset_for_an_unknown_address_looks_the_same_and_sends_nothing(client: Client) -> None:
    response = client.post("/accounts/password-reset/", {"email": "nobody@trust.example"})
    assert response["Location"] == "/accounts/password-reset/sent/"
    assert mail.outbox == []


def test_people_can_change_their_profession_and_organisation(
    make_person: Callable[..., User], signed_in: Callable[[User], Client], org: Callable
) -> None:
    person = make_person(profession="nurse", staff_group="nurses")
    client = signed_in(person)
    client.post(
        "/accounts/details/",
        {"full_name": "Sam New", "organisation": org("RBS").pk, "profession": "porter"},
    )
    person.refresh_from_db()
    assert (person.full_name, person.profession, person.staff_group) == (
        "Sam New",
        "porter",
        "estates",
    )
    assert person.organisation == org("RBS")


def test_the_home_page_needs_signing_in(client: Client) -> None:
    response = client.get("/home/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/sign-in/?next=/home/"
