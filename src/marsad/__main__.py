"""`python -m marsad`: the command line, as the `marsad` script runs it."""

from marsad.cli import run

run()
