"""The `marsad` command line."""

from marsad.cli.main import main

__all__ = ["main"]
