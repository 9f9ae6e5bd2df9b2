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
# -- the delivery outbox (streams/sinks/store.py): figures of the deployment's outbox -------
DELIVERIES_PENDING = Gauge(
    "raqib_deliveries_pending",
    "Deliveries waiting in the outbox (not yet accepted by the receiver), per receiver.",
    ["sink"],
    registry=REGISTRY,
)
DELIVERIES_OLDEST = Gauge(
    "raqib_deliveries_oldest_pending_seconds",
    "Age of the oldest delivery waiting in the outbox, per receiver (0 when none).",
    ["sink"],
    registry=REGISTRY,
)
DELIVERIES_FAILED = Counter(
    "raqib_deliveries_failed_total",
    "Deliveries given up: refused by the receiver, or not accepted within the horizon.",
    ["sink"],
    registry=REGISTRY,
)
NOTIFICATIONS = Counter(
    "raqib_notifications_sent_total",
    "Notifications a receiver accepted, by kind (alert: one alert; update: several grouped).",
    ["sink", "kind"],
    registry=REGISTRY,
)
EVENTS_OPEN = Gauge("raqib_events_open", "Events currently open on this worker.", registry=REGISTRY)
CONSUMER_LAG = Gauge(
    "raqib_consumer_lag",
    "Messages not yet processed on this worker's partitions (the broker's high watermark - "
    "committed offset), per topic; NaN when it cannot be measured (see "
    "raqib_consumer_lag_known).",
    ["topic"],
    registry=REGISTRY,
)
CONSUMER_LAG_KNOWN = Gauge(
    "raqib_consumer_lag_known",
    "1 when raqib_consumer_lag was measured from the broker at the last health check, 0 when "
    "it could not be (broker down, rebalance): the lag is then unknown, not 0.",
    registry=REGISTRY,
)
BROKER_UP = Gauge(
    "raqib_broker_up",
    "1 when the broker answered the worker's last health check within RAQIB_HEALTH_TIMEOUT.",
    registry=REGISTRY,
)
READY = Gauge(
    "raqib_ready",
    "1 when the worker is ready (GET /healthz/ready answers 200).",
    registry=REGISTRY,
)
EMBEDDED_BROKER_RSS = Gauge(
    "raqib_embedded_broker_rss_bytes",
    "Resident memory of the embedded broker this worker uses (same machine only). It keeps "
    "every record in memory and cannot delete any.",
    registry=REGISTRY,
)
EMBEDDED_BROKER_RSS_LIMIT = Gauge(
    "raqib_embedded_broker_memory_warn_bytes",
    "RAQIB_BROKER_MEMORY_WARN_MB in bytes: past it the worker warns in its log.",
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
