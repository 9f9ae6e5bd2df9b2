"""Alert sinks: where an alert goes once it is on the alert topic.

One module per concern:

* :mod:`.wire` — the alert on the wire: contract JSON and CloudEvents headers (Kafka, HTTP);
* :mod:`.silences` — operators' silences: the rules and every worker's feed of the topic;
* :mod:`.delivery` — posting to webhook receivers: background queues, retries, once each;
* :mod:`.receivers` — which receivers (``RAQIB_WEBHOOK_URL``/``_FORMAT``);
* :mod:`.formats` — an alert as a Slack, Teams or JSON body;
* :mod:`.store` — the delivery store (``<data_dir>/sinks.sqlite``): what went where;
* :mod:`.hub` — the dashboard's live feed;
* :mod:`.runtime` — all of it for one worker (:class:`SinkRuntime`, driven by
  :mod:`streams.agents.sinks`).

Delivery guarantee: each alert is posted at most once per receiver per delivery store,
and at least once while the receiver accepts it within the retry policy; the alert id
travels as ``Idempotency-Key`` for receivers that must deduplicate across workers.
"""

from streams.sinks.delivery import Dispatcher, post_alert
from streams.sinks.exceptions import (
    BadAlert,
    DeliveryError,
    ReceiverConfigError,
    SilenceError,
    SinkError,
)
from streams.sinks.formats import (
    event_url,
    format_alert,
    json_message,
    slack_message,
    teams_message,
)
from streams.sinks.hub import AlertHub
from streams.sinks.receivers import FORMATS, Receiver, parse_receivers
from streams.sinks.runtime import SinkRuntime
from streams.sinks.store import DeliveryStore

__all__ = [
    "FORMATS",
    "AlertHub",
    "BadAlert",
    "DeliveryError",
    "DeliveryStore",
    "Dispatcher",
    "Receiver",
    "ReceiverConfigError",
    "SilenceError",
    "SinkError",
    "SinkRuntime",
    "event_url",
    "format_alert",
    "json_message",
    "parse_receivers",
    "post_alert",
    "slack_message",
    "teams_message",
]
