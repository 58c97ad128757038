"""`python -m marsad`: the command line, as the `marsad` script runs it."""

import sys

from marsad.cli import main

sys.exit(main())
