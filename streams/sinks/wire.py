"""Alerts on the wire: the JSON payload and its CloudEvents 1.0 headers, on Kafka and HTTP.

The contradiction topic is raqib's public interface. Its value is the alert JSON of
the output contract (docs/ARCHITECTURE.md, "Output contract"); its key is the event
id; its headers carry the CloudEvents attributes (``ce_id`` = alert id) in Kafka binary
mode, so any consumer can drop redeliveries by ``ce_source`` + ``ce_id`` as the standard
prescribes. A ``json`` webhook gets the same attributes as HTTP headers (``ce-id`` ...).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from streams.core.model import Alert
from streams.settings import Settings
from streams.sinks.exceptions import BadAlert

CE_TYPE = "org.raqib.contradiction.v1"
CE_GROUP_TYPE = "org.raqib.contradiction.group.v1"
CONTENT_TYPE = "application/json"


def alert_payload(alert: Alert) -> bytes:
    """The alert contract as compact UTF-8 JSON (Arabic kept readable, not escaped)."""
    return json.dumps(alert.to_json(), ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def ce_source(settings: Settings) -> str:
    """The CloudEvents ``source`` of this deployment's alerts."""
    return f"urn:raqib:{settings.app_id}"


def ce_time(now: datetime | None = None) -> str:
    """A CloudEvents ``time`` (RFC 3339, UTC): ``now`` or the current time."""
    return (now or datetime.now(UTC)).isoformat().replace("+00:00", "Z")


def alert_headers(
    alert: Alert, settings: Settings, now: datetime | None = None
) -> dict[str, bytes]:
    """CloudEvents 1.0 Kafka binary-mode headers for an alert."""
    when = ce_time(now)
    return {
        "ce_specversion": b"1.0",
        "ce_id": alert.id.encode(),
        "ce_source": ce_source(settings).encode(),
        "ce_type": CE_TYPE.encode(),
        "ce_time": when.encode(),
        "ce_subject": alert.event.encode(),
        "content-type": CONTENT_TYPE.encode(),
    }


def decode_alert(value: bytes) -> Alert:
    """An alert from the bytes of an alert-topic message (:class:`BadAlert` if it is not one)."""
    return Alert.from_json(json.loads(value))


def http_headers(alert: Alert, source: str, time: str | None = None) -> dict[str, str]:
    """CloudEvents 1.0 HTTP binary-mode headers of an alert (``json`` webhooks).

    ``time`` is when the alert was raised (its ``ce_time`` on the topic); now when unknown.
    """
    return {
        "ce-specversion": "1.0",
        "ce-id": alert.id,
        "ce-source": source,
        "ce-type": CE_TYPE,
        "ce-time": time or ce_time(),
        "ce-subject": alert.event,
    }


def group_http_headers(
    notification: str, event: str, source: str, time: str | None = None
) -> dict[str, str]:
    """CloudEvents 1.0 HTTP headers of an update (several alerts of one incident)."""
    return {
        "ce-specversion": "1.0",
        "ce-id": notification,
        "ce-source": source,
        "ce-type": CE_GROUP_TYPE,
        "ce-time": time or ce_time(),
        "ce-subject": event,
    }


def decode_alert_message(value: bytes) -> tuple[Alert, dict[str, Any]]:
    """An alert and its raw JSON from the bytes of an alert-topic message."""
    try:
        raw = json.loads(value)
        return Alert.from_json(raw), raw
    except (UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        raise BadAlert(f"not an alert of the contract: {exc!r}") from exc


def header(headers: Mapping[str, Any] | Iterable[tuple[str, Any]] | None, name: str) -> str | None:
    """A header's value as text (Kafka headers are bytes), or None."""
    items = headers.items() if isinstance(headers, Mapping) else (headers or ())
    for key, value in items:
        if key == name and value is not None:
            return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
    return None
