"""Alert sinks: where an alert goes once it is on the alert topic.

One module per concern:

* :mod:`.wire` — the alert on the wire: contract JSON and CloudEvents headers (Kafka, HTTP);
* :mod:`.silences` — operators' silences: the rules and every worker's feed of the topic;
* :mod:`.store` — the delivery outbox of the deployment (``deliveries.sqlite``): what goes
  where, grouped per incident, and how it went;
* :mod:`.delivery` — posting the outbox's notifications: one task per receiver, backoff,
  horizon;
* :mod:`.receivers` — which receivers (``RAQIB_WEBHOOK_URL``/``_FORMAT``);
* :mod:`.formats` — a notification as a JSON body, :mod:`.slack` and :mod:`.teams` as
  theirs; :mod:`.context` — the incident, articles and quotes every rendering shows;
* :mod:`.hub` — the dashboard's live feed;
* :mod:`.runtime` — all of it for one worker (:class:`SinkRuntime`, driven by
  :mod:`streams.agents.sinks`), and the drained check commands wait on.

Delivery guarantee: each alert is posted at most once per receiver per outbox, and at
least once while the receiver accepts it within ``RAQIB_DELIVERY_HORIZON``; the alert id
(or an update's id) travels as ``Idempotency-Key`` for receivers that must deduplicate
across deployments.
"""

from streams.sinks.delivery import DeliveryPolicy, Dispatcher, post_once
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
from streams.sinks.runtime import SinkRuntime, deliveries_drained
from streams.sinks.store import DeliveryStore

__all__ = [
    "FORMATS",
    "AlertHub",
    "BadAlert",
    "DeliveryError",
    "DeliveryPolicy",
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
    "deliveries_drained",
    "post_once",
    "slack_message",
    "teams_message",
]
