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


def define_tables(app: faust.App, settings: Settings, topics: Topics) -> Tables:
    return Tables(
        tracker=app.Table("tracker", key_type=str),
        events=app.Table("events", key_type=str),
    )
