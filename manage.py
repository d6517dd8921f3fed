#!/usr/bin/env python
"""Django's command-line utility; `digiready` is the same with the service's name."""

from digiready.config.cli import main

if __name__ == "__main__":
    main()
