"""Reading settings from environment variables, with safe defaults."""

import os
import secrets
from pathlib import Path
from urllib.parse import unquote, urlsplit

TRUE_WORDS = {"1", "true", "yes", "on"}


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in TRUE_WORDS


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def local_secret_key(var_dir: Path) -> str:
    """A random key kept beside the embedded database, so sessions survive a restart."""
    key_file = var_dir / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    var_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key


def smtp_settings(url: str) -> tuple[str, int, str, str]:
    """Host, port, user and password from `smtp://user:password@host:port`.

    >>> smtp_settings("smtp://mailer:s%40cret@smtp.example:2525")
    ('smtp.example', 2525, 'mailer', 's@cret')
    >>> smtp_settings("smtp://smtp.example")
    ('smtp.example', 587, '', '')
    """
    parts = urlsplit(url)
    if parts.scheme != "smtp" or not parts.hostname:
        raise ValueError(f"EMAIL_URL must look like smtp://user:password@host:port, not {url!r}")
    return (
        parts.hostname,
        parts.port or 587,
        unquote(parts.username or ""),
        unquote(parts.password or ""),
    )
