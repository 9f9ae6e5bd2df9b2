"""The seen-set: what has been ingested already, kept across restarts in SQLite.

One file, ``<data_dir>/seen.sqlite``, three tables: canonical URLs already emitted
(with their article id), content hashes already emitted (the same story under two
URLs), and per-feed HTTP validators (ETag / Last-Modified) for conditional GET.
Writes are committed at once; the database is in WAL mode so a crash loses at most
the write in progress, and the poller marks an entry seen only after ``emit`` returned.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
import time
from pathlib import Path
from types import TracebackType

__all__ = ["SEEN_FILE", "SeenStore", "content_hash"]

SEEN_FILE = "seen.sqlite"
WHITESPACE = re.compile(r"\s+")

SCHEMA = """
CREATE TABLE IF NOT EXISTS seen_urls (
    url TEXT PRIMARY KEY, article_id TEXT NOT NULL, seen_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS seen_hashes (
    hash TEXT PRIMARY KEY, article_id TEXT NOT NULL, seen_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS feed_state (
    url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, updated_at REAL NOT NULL
);
"""


def content_hash(text: str) -> str:
    """Digest of ``text`` with whitespace collapsed and case folded."""
    normal = WHITESPACE.sub(" ", text).strip().casefold()
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:32]


class SeenStore:
    """SQLite-backed seen-set. Use :meth:`open` with ``settings.data_dir``, or ``":memory:"``."""

    def __init__(self, path: str | Path) -> None:
        self.path = path
        self._db = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(SCHEMA)

    @classmethod
    def open(cls, data_dir: str | Path) -> SeenStore:
        """The seen-set of ``data_dir`` (``seen.sqlite``), created when missing."""
        directory = Path(data_dir)
        directory.mkdir(parents=True, exist_ok=True)
        return cls(directory / SEEN_FILE)

    def close(self) -> None:
        """Close the database."""
        self._db.close()

    def __enter__(self) -> SeenStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def has_url(self, url: str) -> bool:
        """Whether an article with this canonical URL was ingested."""
        return (
            self._db.execute("SELECT 1 FROM seen_urls WHERE url = ?", (url,)).fetchone() is not None
        )

    def has_hash(self, digest: str) -> bool:
        """Whether an article with this text hash was ingested."""
        row = self._db.execute("SELECT 1 FROM seen_hashes WHERE hash = ?", (digest,)).fetchone()
        return row is not None

    def mark(self, article_id: str, urls: list[str] | tuple[str, ...], digest: str | None) -> None:
        """Record an emitted article under each of its ``urls`` and its content hash."""
        now = time.time()
        with self._db:
            self._db.execute("BEGIN")
            self._db.executemany(
                "INSERT OR IGNORE INTO seen_urls (url, article_id, seen_at) VALUES (?, ?, ?)",
                [(url, article_id, now) for url in dict.fromkeys(urls)],
            )
            if digest:
                self._db.execute(
                    "INSERT OR IGNORE INTO seen_hashes (hash, article_id, seen_at) VALUES (?, ?, ?)",
                    (digest, article_id, now),
                )

    def feed_state(self, url: str) -> tuple[str | None, str | None]:
        """``(etag, last_modified)`` saved for the feed at ``url``."""
        row = self._db.execute(
            "SELECT etag, last_modified FROM feed_state WHERE url = ?", (url,)
        ).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def save_feed_state(self, url: str, etag: str | None, last_modified: str | None) -> None:
        """Remember a feed's ``ETag`` and ``Last-Modified`` for its next conditional GET."""
        self._db.execute(
            "INSERT INTO feed_state (url, etag, last_modified, updated_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(url) DO UPDATE SET etag = excluded.etag, "
            "last_modified = excluded.last_modified, updated_at = excluded.updated_at",
            (url, etag, last_modified, time.time()),
        )

    def counts(self) -> dict[str, int]:
        """How many URLs, hashes and feeds are remembered."""
        urls = self._db.execute("SELECT COUNT(*) FROM seen_urls").fetchone()[0]
        hashes = self._db.execute("SELECT COUNT(*) FROM seen_hashes").fetchone()[0]
        return {"urls": int(urls), "hashes": int(hashes)}
