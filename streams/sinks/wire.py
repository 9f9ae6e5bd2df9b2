"""Alerts on the wire: the JSON payload and its CloudEvents 1.0 binary-mode headers.

The contradiction topic is raqib's public interface. Its value is the alert JSON
of ARCHITECTURE.md; its key is the event id; its headers carry the CloudEvents
attributes (``ce_id`` = alert id), so any consumer can drop redeliveries by
``ce_source`` + ``ce_id`` as the standard prescribes.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

from streams.core.model import Alert
from streams.settings import Settings

CE_TYPE = "org.raqib.contradiction.v1"
CONTENT_TYPE = "application/json"


def alert_payload(alert: Alert) -> bytes:
    """The alert contract as compact UTF-8 JSON (Arabic kept readable, not escaped)."""
    return json.dumps(alert.to_json(), ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def ce_source(settings: Settings) -> str:
    return f"urn:raqib:{settings.app_id}"


def alert_headers(
    alert: Alert, settings: Settings, now: datetime | None = None
) -> dict[str, bytes]:
    """CloudEvents 1.0 Kafka binary-mode headers for an alert."""
    when = (now or datetime.now(UTC)).isoformat().replace("+00:00", "Z")
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
    return Alert.from_json(json.loads(value))
