"""The agents: thin adapters that move records between topics and tables.

Data flow (docs/ARCHITECTURE.md, "Data flow")::

    articles ──► extract ──► extracted ──► resolve (+tracker) ──► claims
    claims ──► events (+events table) ──► alerts.contradictions, progress
    alerts.contradictions ──► sinks (webhooks, dashboard live stream; silences honoured)

Every decision is made by the batch steps of :mod:`streams.core.pipeline`, which the
offline runner calls too: :func:`~streams.core.pipeline.extract_article`,
:func:`~streams.core.pipeline.resolve_batch`, :func:`~streams.core.pipeline.apply_batch`.
An agent iterates, converts records, calls the step, and sends or writes what it returns.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from streams.runtime import Runtime


def register_agents(runtime: Runtime) -> None:
    """Register every agent of raqib on ``runtime.app``."""
    from streams.agents import events, extract, resolve, sinks

    extract.register(runtime)
    resolve.register(runtime)
    events.register(runtime)
    sinks.register(runtime)
