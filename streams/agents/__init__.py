"""The agents: thin adapters that move records between topics and tables.

Data flow (ARCHITECTURE.md)::

    articles ──► extract ──► extracted ──► resolve (+tracker) ──► claims
    claims ──► events (+events table) ──► alerts.contradictions, progress
    alerts.contradictions ──► sinks (webhooks, dashboard live stream; silences honoured)

Every decision is made by a pure function: :func:`streams.core.extract.extract_claims`,
:func:`streams.core.events.tracker.assign`, :func:`streams.core.events.state.apply_claims`
(which calls the contradiction rules in :mod:`streams.core.conflicts`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from streams.app import Raqib


def register_agents(raqib: Raqib) -> None:
    from streams.agents import events, extract, resolve, sinks

    extract.register(raqib)
    resolve.register(raqib)
    events.register(raqib)
    sinks.register(raqib)
