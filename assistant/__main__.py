"""Entry point for `python -m assistant`."""

import sys

from .cli import main

if __name__ == "__main__":  # worker processes (report reading) import this module too: run nothing then
    sys.exit(main())
