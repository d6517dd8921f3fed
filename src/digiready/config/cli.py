"""The `digiready` command: Django's management commands under the service's name.

Command names may be written with hyphens (`digiready load-reference`) or underscores.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "digiready.config.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv[1:] if argv is None else argv)
    if args and not args[0].startswith("-"):
        args[0] = args[0].replace("-", "_")
    if len(args) > 1 and args[0] == "help" and not args[1].startswith("-"):
        args[1] = args[1].replace("-", "_")
    execute_from_command_line(["digiready", *args])


if __name__ == "__main__":
    main()
