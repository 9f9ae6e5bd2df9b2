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

from streams.settings import Settings
from streams.topics import Topics


@dataclass
class Tables:
    tracker: TableT
    events: TableT


# RocksDB options for each table partition's database (ignored by memory://). Faust's
# defaults (64 MB write buffers, three of them, and a 2 GB block cache per database) let
# a worker's memory climb by hundreds of MB as event states are rewritten, though the data
# is a few MB: event tables are small, hot and rewritten often, so small buffers suffice.
ROCKSDB_OPTIONS = {
    "write_buffer_size": 4 * 1024 * 1024,
    "max_write_buffer_number": 2,
    "block_cache_size": 32 * 1024 * 1024,
    "block_cache_compressed_size": 8 * 1024 * 1024,
}


def define_tables(app: faust.App, settings: Settings, topics: Topics) -> Tables:
    return Tables(
        tracker=app.Table("tracker", key_type=str, options=ROCKSDB_OPTIONS),
        events=app.Table("events", key_type=str, options=ROCKSDB_OPTIONS),
    )
