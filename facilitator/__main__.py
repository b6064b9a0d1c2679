"""``python -m facilitator``: the same command line (serve starts the chair view this way)."""

from facilitator.launch import main

main()
