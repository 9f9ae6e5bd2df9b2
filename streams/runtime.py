"""The runtime object: what every agent and web view of a worker needs, built once.

A leaf module: it imports the app's parts, never the modules that register agents or
views, so ``streams.app`` can build it and hand it to them without an import cycle.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import faust

from streams.settings import Settings
from streams.sinks.hub import AlertHub
from streams.tables import Tables
from streams.topics import Topics


@dataclass
class Runtime:
    """The Faust app and its handles: settings, topics, tables, the dashboard's alert hub.

    One per worker process (tests build as many as they like: there is no global app).
    """

    app: faust.App
    settings: Settings
    topics: Topics
    tables: Tables
    hub: AlertHub = field(default_factory=AlertHub)
