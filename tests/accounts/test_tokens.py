"""API tokens: issued once, stored as a digest, usable until revoked or expired, and managed by
their owner alone on the API tokens pages."""

import datetime as dt
import hashlib
import re
from collections.abc import Callable

import pytest
from django.test import Client
from django.utils import timezone

from digiready.accounts.models import ApiToken, AuditEvent, Role, User
from digiready.accounts.tokens import authenticate_token, issue_token, revoke

pytestmark = pytest.mark.django_db
TOKENS = "/accounts/api-tokens/"


def secret_on(page: str) -> str:
    found = re.search(r"dr_[A-Za-z0-9_-]{43}", page)
    assert found, "no token on the page"
    return found.group(0)


def test_only_the_digest_of_a_new_token_is_stored(make_person: Callable[..., User]) -> None:
    person = make_person()
    token, secret = issue_token(person, "Reporting script", days=30)
    assert secret.startswith("dr_")
    assert len(secret) == 46
    stored = ApiToken.objects.values().get(pk=token.pk)
    assert stored["digest"] == hashlib.sha256(secret.encode()).hexdigest()
    assert stored["prefix"] == secret[:11]
    assert all(secret not in str(value) for value in stored.values())
    assert token.expires_at is not None
    assert dt.timedelta(days=29) < token.expires_at - timezone.now() <= dt.timedelta(days=30)


def test_a_token_authenticates_its_owner_until_revoked(make_person: Callable[..., User]) -> None:
    person = make_person()
    token, secret = issue_token(person, "Script")
    assert authenticate_token(secret) == person
    assert authenticate_token(f"  {secret} ") == person
    revoke(token, by=person)
    assert authenticate_token(secret) is None


@pytest.mark.parametrize(
    "raw", ["", "dr_", "nonsense", "dr_" + "a" * 43, "dr_é" + "a" * 42, "dr_" + "x" * 5000]
)
def test_anything_that_is_not_a_live_token_authenticates_nobody(
    make_person: Callable[..., User], raw: str
) -> None:
    issue_token(make_person(), "Script")
    assert authenticate_token(raw) is None


def test_an_expired_token_or_a_closed_account_authenticates_nobody(
    make_person: Callable[..., User],
) -> None:
    expired, old_secret = issue_token(make_person(), "Old")
    ApiToken.objects.filter(pk=expired.pk).update(expires_at=timezone.now())
    assert authenticate_token(old_secret) is None
    closed = make_person()
    _, secret = issue_token(closed, "Script")
    closed.is_active = False
    closed.save(update_fields=["is_active"])
    assert authenticate_token(secret) is None


def test_last_used_is_written_at_most_once_a_minute(make_person: Callable[..., User]) -> None:
    token, secret = issue_token(make_person(), "Script")
    authenticate_token(secret)
    first = ApiToken.objects.get(pk=token.pk).last_used_at
    assert first is not None
    authenticate_token(secret)
    assert ApiToken.objects.get(pk=token.pk).last_used_at == first
    earlier = first - dt.timedelta(minutes=2)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=earlier)
    authenticate_token(secret)
    assert ApiToken.objects.get(pk=token.pk).last_used_at > first  # type: ignore[operator]


def test_a_token_lasts_between_one_day_and_a_year(make_person: Callable[..., User]) -> None:
    person = make_person()
    for days in (0, -1, 367):
        with pytest.raises(ValueError, match="days"):
            issue_token(person, "Script", days=days)
    with pytest.raises(ValueError, match="name"):
        issue_token(person, "   ")
    assert not ApiToken.objects.filter(user=person).exists()


def test_creating_and_revoking_are_in_the_audit_log(make_person: Callable[..., User]) -> None:
    person = make_person()
    token, _ = issue_token(person, "Script")
    revoke(token, by=person)
    revoke(token, by=person)
    created = AuditEvent.objects.get(action=AuditEvent.Action.API_TOKEN_CREATED)
    revoked = AuditEvent.objects.get(action=AuditEvent.Action.API_TOKEN_REVOKED)
    assert (created.actor, revoked.actor) == (person, person)
    assert token.prefix in created.target
    assert revoked.detail == {"owner": person.email}


def test_the_token_pages_need_a_signed_in_person(client: Client) -> None:
    for address in (TOKENS, f"{TOKENS}create/", f"{TOKENS}1/revoke/"):
        response = client.get(address)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/sign-in/")


def test_the_secret_is_shown_once_when_a_token_is_created(
    make_person: Callable[..., User], signed_in: Callable[[User], Client]
) -> None:
    person = make_person()
    client = signed_in(person)
    form = client.get(f"{TOKENS}create/")
    assert "<title>Create an API token – Your account – Digital Ready – NHS</title>" in form.text
    response = client.post(f"{TOKENS}create/", {"name": "Nightly export", "days": "90"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "Copy your token now" in response.text
    secret = secret_on(response.text)
    listing = client.get(TOKENS)
    assert "<title>Your API tokens – Your account – Digital Ready – NHS</title>" in listing.text
    assert "Nightly export" in listing.text
    assert secret[:11] in listing.text
    assert secret not in listing.text
    assert "Never used" in listing.text
    token = ApiToken.objects.get(user=person)
    assert token.digest == hashlib.sha256(secret.encode()).hexdigest()
    assert authenticate_token(secret) == person


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"name": "", "days": ""}, "Enter what the token is for"),
        ({"name": "   ", "days": ""}, "Enter what the token is for"),
        ({"name": "Script", "days": "0"}, "The token must last at least 1 day"),
        ({"name": "Script", "days": "ninety"}, "Enter the number of days as a whole number"),
        ({"name": "Script", "days": "400"}, "The token can last 366 days at most"),
        ({"name": "x" * 101, "days": ""}, "100 characters or fewer"),
    ],
)
def test_a_wrong_token_form_says_what_to_fix_and_makes_no_token(
    make_person: Callable[..., User],
    signed_in: Callable[[User], Client],
    form: dict[str, str],
    message: str,
) -> None:
    person = make_person()
    response = signed_in(person).post(f"{TOKENS}create/", form)
    assert response.status_code == 200
    assert "<title>Error: Create an API token" in response.text
    assert "There is a problem" in response.text
    assert message in response.text
    assert not ApiToken.objects.filter(user=person).exists()


def test_revoking_asks_first_then_stops_the_token_working(
    make_person: Callable[..., User], signed_in: Callable[[User], Client]
) -> None:
    person = make_person()
    token, secret = issue_token(person, "Old laptop")
    client = signed_in(person)
    confirm = client.get(f"{TOKENS}{token.pk}/revoke/")
    assert "Revoke the token Old laptop?" in confirm.text
    assert authenticate_token(secret) == person
    response = client.post(f"{TOKENS}{token.pk}/revoke/")
    assert response.status_code == 302
    assert response["Location"] == TOKENS
    assert authenticate_token(secret) is None
    listing = client.get(TOKENS)
    assert "The token Old laptop has been revoked." in listing.text
    assert "You have no API tokens." in listing.text
    assert client.post(f"{TOKENS}{token.pk}/revoke/").status_code == 404


@pytest.mark.parametrize("role", [None, Role.ADMINISTRATOR])
def test_nobody_can_see_or_revoke_another_persons_token(
    make_person: Callable[..., User],
    signed_in: Callable[[User], Client],
    role: str | None,
) -> None:
    owner = make_person()
    token, secret = issue_token(owner, "Owner's script")
    client = signed_in(make_person(role=role))
    assert "Owner&#39;s script" not in client.get(TOKENS).text
    assert client.get(f"{TOKENS}{token.pk}/revoke/").status_code == 404
    assert client.post(f"{TOKENS}{token.pk}/revoke/").status_code == 404
    assert authenticate_token(secret) == owner
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.API_TOKEN_REVOKED).exists()


def test_an_expired_token_is_listed_as_expired_and_can_be_revoked(
    make_person: Callable[..., User], signed_in: Callable[[User], Client]
) -> None:
    person = make_person()
    token, _ = issue_token(person, "Last year", days=1)
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - dt.timedelta(days=3))
    client = signed_in(person)
    assert "Expired on" in client.get(TOKENS).text
    assert client.post(f"{TOKENS}{token.pk}/revoke/").status_code == 302
