"""`python -m pressbrief.service.cli`: the same as the `pressbrief` command."""

import sys

from .main import main

sys.exit(main())
