"""Alert sinks: webhook receivers (Slack, Teams, JSON), delivery store, dashboard feed.

The public surface; the agent that drives it is :mod:`streams.agents.sinks`.
Delivery guarantee: each alert is posted at most once per receiver per delivery
store (``<data_dir>/sinks.sqlite``), and at least once while the receiver
accepts it within the retry policy; the alert id travels as ``Idempotency-Key``
for receivers that must deduplicate across workers.
"""

from streams.sinks.dispatcher import Dispatcher
from streams.sinks.exceptions import DeliveryError, ReceiverConfigError, SinkError
from streams.sinks.formats import (
    event_url,
    format_alert,
    json_message,
    slack_message,
    teams_message,
)
from streams.sinks.hub import AlertHub
from streams.sinks.receivers import FORMATS, Receiver, parse_receivers
from streams.sinks.runtime import BadAlert, SinkRuntime
from streams.sinks.store import DeliveryStore
from streams.sinks.webhook import RetryPolicy, make_client, post_alert

__all__ = [
    "FORMATS",
    "AlertHub",
    "BadAlert",
    "DeliveryError",
    "DeliveryStore",
    "Dispatcher",
    "Receiver",
    "ReceiverConfigError",
    "RetryPolicy",
    "SinkError",
    "SinkRuntime",
    "event_url",
    "format_alert",
    "json_message",
    "make_client",
    "parse_receivers",
    "post_alert",
    "slack_message",
    "teams_message",
]
