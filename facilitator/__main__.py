"""``python -m facilitator``: the same command line (serve starts the chair view this way)."""

from facilitator.cli import main

main()
