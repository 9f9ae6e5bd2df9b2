"""Event resolution, per-event tables and contradiction rules — pure functions, no broker.

The three stages the Faust agents run, in order:

1. extract stage: ``sig = signature_of(article, claims, received_at)``, keyed by ``block_key(sig)``;
2. resolve stage (table block_key -> open events): ``event_id, events = assign(sig, events, config)``;
3. event stage (table event_id -> EventState): ``state, alerts, updates = apply_claims(...)``.

:class:`LocalPipeline` composes them in-process for tests and offline evaluation.
"""

from __future__ import annotations

from .conflicts import Update, build_alert, conflicts, contradicts, is_update
from .pipeline import GoldExtractor, LocalPipeline, load_articles
from .signature import Signature, block_key, signature_of
from .table import EventState, apply_claims, summary_view, table_view
from .tracker import OpenEvent, TrackerConfig, assign, events_from_json, events_to_json

__all__ = [
    "EventState",
    "GoldExtractor",
    "LocalPipeline",
    "OpenEvent",
    "Signature",
    "TrackerConfig",
    "Update",
    "apply_claims",
    "assign",
    "block_key",
    "build_alert",
    "conflicts",
    "contradicts",
    "events_from_json",
    "events_to_json",
    "is_update",
    "load_articles",
    "signature_of",
    "summary_view",
    "table_view",
]
