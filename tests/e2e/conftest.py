"""Browser fixtures: one Chromium for all the tests here, a fresh context and data for each."""

import io
import os
import re
from collections.abc import Generator, Iterator
from itertools import chain
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core import serializers
from django.core.management import call_command
from django.db import connection
from playwright.sync_api import Browser, Error, Page, sync_playwright
from pytest_django import DjangoDbBlocker, Settings
from pytest_django.live_server_helper import LiveServer

from .accessibility import unwatch, watch

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
NO_CHROMIUM = (
    "Chromium not found: install it with `apt-get install chromium chromium-driver` "
    "to run the browser tests"
)
TIMEOUT_MS = 10_000


def no_browser(reason: str, log: str = "") -> None:
    """A missing browser fails the build in CI, where the tests must run, and skips elsewhere."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}\n{log}".strip(), pytrace=False)
    pytest.skip(reason)


class StaticServedByTheApplication(StaticFilesHandler):
    """Passes /static/ to the application, whose WhiteNoise serves it as in production."""

    def _should_handle(self, path: str) -> bool:
        return False


@pytest.fixture(scope="session")
def live_server(request: pytest.FixtureRequest) -> Iterator[LiveServer]:
    # pytest-django serves static files through the finders, which know nothing of the hashed
    # names the manifest storage puts in pages; the application's own WhiteNoise does.
    address = (
        request.config.getvalue("liveserver")
        or os.environ.get("DJANGO_LIVE_TEST_SERVER_ADDRESS")
        or "localhost"
    )
    server = LiveServer(address, start=False)
    server.thread.static_handler = StaticServedByTheApplication
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="package")
def async_unsafe_allowed() -> Iterator[None]:
    """Let Django use the database while Playwright's sync API keeps an event loop running.

    Set only while the browser runs: other tests start `manage.py check --deploy` in a
    subprocess, which warns when it inherits this variable.
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


# One browser for all the browser tests, which live in this package; closing it when they end
# stops its event loop before any other test runs.
@pytest.fixture(scope="package")
def browser(async_unsafe_allowed: None) -> Iterator[Browser]:
    if not CHROMIUM.exists():
        no_browser(NO_CHROMIUM)
    with sync_playwright() as playwright:
        try:
            chromium = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
            )
        except Error as error:
            # The first line says what went wrong; the rest is Chromium's log, kept for CI.
            first_line, _, log = error.message.partition("\n")
            no_browser(f"{NO_CHROMIUM} (launching {CHROMIUM} failed: {first_line})", log)
        yield chromium
        chromium.close()


call_passed = pytest.StashKey[bool]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    # The page fixture reports pages left unchecked only when the test itself passed.
    if call.when == "call":
        item.stash[call_passed] = report.passed
    return report


@pytest.fixture
def page(
    browser: Browser, live_server: LiveServer, request: pytest.FixtureRequest
) -> Iterator[Page]:
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    context.set_default_timeout(TIMEOUT_MS)
    # The design system's web fonts come from assets.nhs.uk; the tests must not need a network.
    context.route(re.compile(rf"^(?!{re.escape(live_server.url)}/)"), lambda route: route.abort())
    new_page = context.new_page()
    page_watch = watch(new_page)
    yield new_page
    context.close()
    unwatch(new_page)
    if request.node.stash.get(call_passed, False) and (problems := page_watch.problems()):
        pytest.fail("\n".join(problems), pytrace=False)


@pytest.fixture
def fast_password_hashing(settings: Settings) -> None:
    # The demo accounts are made for every test; the default hasher is slow by design.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def demo_data(live_server: LiveServer, fast_password_hashing: None) -> None:
    """The reference organisations, one demo account for each role and five more people.

    Live-server tests empty the database after each test, so this loads again for each one;
    asking for the live server is what gives it the live server's (committed) database access.
    """
    call_command("demo_data", people=5, stdout=io.StringIO())


def service_data() -> str:
    """Everything in the service's own tables, as Django's serialised JSON."""
    models = [
        model
        for label in settings.DIGIREADY_APPS
        for model in apps.get_app_config(label).get_models()
    ]
    return serializers.serialize(
        "json", chain.from_iterable(model._base_manager.order_by("pk") for model in models)
    )


@pytest.fixture(scope="package", autouse=True)
def database_kept_for_later_tests(
    django_db_setup: None, django_db_blocker: DjangoDbBlocker
) -> Iterator[None]:
    """Put back what the service's tables held before these tests, for the tests after them.

    Live-server tests empty every table when each one ends, and tests that run later may
    expect what was loaded once for the whole run, such as the reference organisations.
    """
    with django_db_blocker.unblock():
        before = service_data()
    yield
    with django_db_blocker.unblock():
        connection.creation.deserialize_db_from_string(before)


@pytest.fixture(scope="package", autouse=True)
def collected_static_files() -> None:
    """Pages link to hashed file names that only `collectstatic` writes into the manifest."""
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    backend = settings.STORAGES["staticfiles"]["BACKEND"]
    if "Manifest" in backend and not manifest.exists():
        pytest.fail(
            f"{manifest} is missing: run `digiready collectstatic` (or `make setup`) first",
            pytrace=False,
        )
