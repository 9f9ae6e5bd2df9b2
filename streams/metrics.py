"""Prometheus metrics of a worker, served at ``GET /metrics``.

One registry per process; agents and sinks increment these, the web view renders
them in the Prometheus text format.
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest

REGISTRY = CollectorRegistry(auto_describe=True)

ARTICLES = Counter(
    "raqib_articles_ingested_total", "Articles taken from the articles topic.", registry=REGISTRY
)
SKIPPED = Counter(
    "raqib_articles_skipped_total",
    "Articles taken but not read, by reason (language: a language raqib does not read).",
    ["reason"],
    registry=REGISTRY,
)
CLAIMS = Counter(
    "raqib_claims_extracted_total", "Claims extracted from articles.", registry=REGISTRY
)
DEADLETTERED = Counter(
    "raqib_deadlettered_total",
    "Inputs sent to the dead-letter topic.",
    ["stage"],
    registry=REGISTRY,
)
ALERTS = Counter(
    "raqib_alerts_fired_total", "Contradiction alerts emitted.", ["severity"], registry=REGISTRY
)
SINK_FAILURES = Counter(
    "raqib_sink_failures_total", "Failed deliveries to alert sinks.", ["sink"], registry=REGISTRY
)
SINK_DELIVERIES = Counter(
    "raqib_sink_deliveries_total",
    "Alerts handled per receiver, by outcome (delivered, failed, silenced, duplicate).",
    ["sink", "outcome"],
    registry=REGISTRY,
)
EVENTS_OPEN = Gauge("raqib_events_open", "Events currently open on this worker.", registry=REGISTRY)
CONSUMER_LAG = Gauge(
    "raqib_consumer_lag",
    "Messages not yet processed on this worker's partitions (highwater - committed), per topic.",
    ["topic"],
    registry=REGISTRY,
)
EXTRACT_SECONDS = Histogram(
    "raqib_extract_seconds",
    "Time to extract claims from one article.",
    buckets=(0.0001, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.05, 0.1, 0.5, 1.0),
    registry=REGISTRY,
)


def render() -> bytes:
    """The registry in the Prometheus text format."""
    return generate_latest(REGISTRY)
