"""The `marsad` command line."""

from marsad.cli.main import main, run

__all__ = ["main", "run"]
