import os
import secrets
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from digiready.config.cli import main

OUR_COMMANDS = ["load-reference", "organisations", "demo-data", "roles"]


def run_django(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, "-m", "digiready.config.cli", *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_settings_pass_the_deployment_checks() -> None:
    result = run_django(
        "check", "--deploy", "--fail-level", "WARNING",
        DJANGO_SETTINGS_MODULE="digiready.config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="digiready.example",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_to_start_without_a_secret_key() -> None:
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    result = subprocess.run(
        [sys.executable, "-m", "digiready.config.cli", "check"],
        env={**env, "DJANGO_SETTINGS_MODULE": "digiready.config.settings.production"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_the_digiready_command_lists_the_services_commands(
    capsys: pytest.CaptureFixture[str],
) -> None:
    main(["help"])
    listing = capsys.readouterr().out
    for command in ("load_reference", "organisations", "demo_data"):
        assert command in listing


@pytest.mark.parametrize(
    "command",
    [*OUR_COMMANDS, "organisations list", "organisations merge", "roles list", "roles grant"],
)
def test_every_command_explains_itself(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main([*command.split(), "--help"])
    assert stopped.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: digiready")
    assert len(out.splitlines()) > 5


@pytest.mark.django_db
@override_settings(DIGIREADY_PRODUCTION=True)
def test_demo_data_is_never_loaded_in_production() -> None:
    with pytest.raises(CommandError, match="never loaded with production settings"):
        call_command("demo_data")


@pytest.mark.django_db
def test_demo_data_gives_one_account_for_each_role_and_can_run_twice() -> None:
    from digiready.accounts.models import Role, User

    out = StringIO()
    call_command("demo_data", people=5, stdout=out)
    call_command("demo_data", people=5, stdout=out)
    assert "Demo data is already loaded." in out.getvalue()
    roles = set(
        User.objects.filter(email__endswith="@demo.example").values_list("roles__role", flat=True)
    )
    assert roles == {None, *Role.values}
    assert User.objects.filter(email__endswith="@staff.example").count() == 5


@pytest.mark.django_db
def test_demo_data_adds_the_accounts_a_database_from_an_older_release_lacks() -> None:
    from digiready.accounts.models import Role, User

    call_command("demo_data", people=3, stdout=StringIO())
    User.objects.filter(email="moderator@demo.example").delete()  # added in a later release
    out = StringIO()
    call_command("demo_data", people=5, stdout=out)
    assert out.getvalue().startswith("Loaded 1 demo account and 2 synthetic staff.")
    moderator = User.objects.get(email="moderator@demo.example")
    assert moderator.check_password("digiready-demo-2026")
    assert set(moderator.roles.values_list("role", flat=True)) == {Role.CONSULTATION_ANALYST}
    assert User.objects.filter(email__endswith="@staff.example").count() == 5


def test_email_settings_come_from_an_smtp_url() -> None:
    import doctest

    from digiready.config import env

    assert doctest.testmod(env).failed == 0
    with pytest.raises(ValueError, match="EMAIL_URL must look like"):
        env.smtp_settings("mysql://smtp.example")


def test_the_service_starts_with_an_email_url() -> None:
    result = run_django("check", EMAIL_URL="smtp://mailer:secret@smtp.example:2525")
    assert result.returncode == 0, result.stderr
