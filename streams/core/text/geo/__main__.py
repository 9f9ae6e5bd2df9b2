"""``python -m streams.core.text.geo [CACHE_DIR]``: build the GeoNames index into the cache (if it is
not there yet) and print what was loaded. Useful in an image build, so that no worker pays the
build at its first article.
"""

from __future__ import annotations

import sys
import time

from .cache import cache_file
from .gazetteer import load


def main(argv: list[str]) -> int:
    """Build (or load) the index in ``argv[0]`` or the default cache dir; print the figures."""
    directory = argv[0] if argv else None
    started = time.perf_counter()
    gaz = load(directory)
    print(
        f"{cache_file(directory)}: {len(gaz.places)} places, {gaz.names()} names, "
        f"ready in {time.perf_counter() - started:.2f} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
