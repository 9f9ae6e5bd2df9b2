"""raqib's tables (state kept in Faust tables, backed by changelog topics).

- ``tracker``: block key → open events of that block (JSON list), owned by the
  resolve agent. Bounded: events close after the quiet period.
- ``events``: event id → the event's state (places, kind, span, every claim by
  claim id, ids of alerts already emitted), owned by the event agent. Keyed by
  event id and co-partitioned with ``raqib.claims``.

Values are JSON-ready dicts: writing the same claim twice (a redelivery) leaves
the same value, so at-least-once delivery cannot inflate anything.
"""

from __future__ import annotations

from dataclasses import dataclass

import faust
from faust.types import TableT


@dataclass
class Tables:
    """raqib's Faust tables (module docstring)."""

    tracker: TableT
    events: TableT


# RocksDB options for each table partition's database (ignored by memory://). A worker
# opens one database per table partition it holds (two tables x the partition count), and
# each has its own memtables and block cache. Faust's defaults (64 MB write buffers, three
# of them, a 2 GB block cache and a 500 MB compressed cache per database) let a worker's
# memory climb by hundreds of MB as event states are rewritten, though the live data is a
# few MB: the open events, small and hot, read back mostly from the memtables. With
# 32 MB caches per database, `raqib bench` saw the largest worker at 233, 260 and 343 MB
# after 25k, 50k and 100k articles (the caches filling); with these, 243, 247 and 289 MB.
ROCKSDB_OPTIONS = {
    "write_buffer_size": 4 * 1024 * 1024,
    "max_write_buffer_number": 2,
    "block_cache_size": 4 * 1024 * 1024,
    "block_cache_compressed_size": 1024 * 1024,
    "max_open_files": 256,
}


def define_tables(app: faust.App) -> Tables:
    """Declare the tables on ``app``."""
    return Tables(
        tracker=app.Table("tracker", key_type=str, options=ROCKSDB_OPTIONS),
        events=app.Table("events", key_type=str, options=ROCKSDB_OPTIONS),
    )
