"""``python -m streams.cli``: the ``raqib`` command (how workers are spawned)."""

import sys

from streams.cli import main

sys.exit(main())
