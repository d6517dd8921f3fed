"""Shared fixtures: the reference organisations loaded once, and people in each role."""

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client

from digiready.accounts.factories import DEMO_PASSWORD, UserFactory
from digiready.accounts.models import Role, User
from digiready.accounts.roles import grant_role
from digiready.analytics import cube_store, dashboard_views
from digiready.frameworks.bundle import load_bundled
from digiready.organisations.models import Organisation
from digiready.organisations.reference import load_reference


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: Any) -> None:
    """Every database test starts with the NHS England regions, ICBs and trusts loaded, and the
    bundled frameworks with their role profiles."""
    with django_db_blocker.unblock():
        load_reference()
        load_bundled()


@pytest.fixture(scope="session", autouse=True)
def _analytics_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Dashboard cubes go to a directory of the test run's own, not the service's var/."""
    settings.ANALYTICS_CACHE_DIR = tmp_path_factory.mktemp("analytics-cache")


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    yield
    cache.clear()
    cube_store.clear()
    dashboard_views.clear()


@pytest.fixture
def org() -> Callable[[str], Organisation]:
    def get(ods_code: str) -> Organisation:
        return Organisation.objects.get(ods_code=ods_code)

    return get


@pytest.fixture
def make_person(org: Callable[[str], Organisation]) -> Callable[..., User]:
    """A person at a trust, holding the given role scoped to the given organisation."""

    def make(
        at: str = "R0A", role: str | None = None, scope: str | None = None, **fields: Any
    ) -> User:
        person: User = UserFactory(organisation=org(at), **fields)
        if role:
            grant_role(person, role, org(scope) if scope else None, by_label="test")
        if role == Role.ADMINISTRATOR:
            person.is_staff = True
            person.save(update_fields=["is_staff"])
        return person

    return make


@pytest.fixture
def signed_in(client: Client) -> Callable[[User], Client]:
    def sign_in(person: User) -> Client:
        client.force_login(person, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return sign_in


@pytest.fixture
def password() -> str:
    return DEMO_PASSWORD
