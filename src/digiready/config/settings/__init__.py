"""Settings for the embedded default: SQLite, no other server, everything from the environment."""

from .base import *  # noqa: F403
