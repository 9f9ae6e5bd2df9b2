"""Alerts on the wire: contract JSON and CloudEvents binary-mode headers."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from streams.core.model import Alert, Claim
from streams.settings import Settings
from streams.sinks.wire import (
    CE_TYPE,
    alert_headers,
    alert_payload,
    decode_alert,
    group_http_headers,
    http_headers,
)
from tests.unit.sinks.conftest import make_alert


def _claim(value: int, who: str | None) -> Claim:
    return Claim(
        "a1",
        "killed",
        value,
        value,
        False,
        "جنديا",
        "security_forces",
        who,
        "outlet.example",
        "event",
        f"مقتل {value} جنديا",
    )


ALERT = Alert(
    "abc123",
    "sy-1",
    "killed",
    "security_forces",
    "medium",
    _claim(80, "مصدر"),
    (_claim(62, None),),
    "80 vs 62",
)


def test_payload_is_the_contract_json_with_arabic_unescaped():
    payload = alert_payload(ALERT)
    data = json.loads(payload)
    assert data["type"] == "alert" and data["id"] == "abc123"
    assert data["new"]["min"] == 80 and data["conflicts_with"][0]["min"] == 62
    assert "مصدر".encode() in payload


def test_payload_round_trips():
    assert decode_alert(alert_payload(ALERT)) == ALERT


def test_cloudevents_headers_carry_the_alert_id():
    headers = alert_headers(ALERT, Settings(app_id="raqib"), now=datetime(2026, 1, 1, tzinfo=UTC))
    assert headers["ce_id"] == b"abc123"
    assert headers["ce_specversion"] == b"1.0"
    assert headers["ce_source"] == b"urn:raqib:raqib"
    assert headers["ce_time"] == b"2026-01-01T00:00:00Z"
    assert headers["ce_type"]


def test_claim_id_ignores_the_event_it_is_assigned_to():
    claim = _claim(80, None)
    assert claim.with_event("sy-1").id == claim.id


def test_an_id_computed_before_the_event_is_assigned_is_the_id_after():
    claim = _claim(80, None)
    known = claim.id
    assert claim.with_event("sy-1").id == known == _claim(80, None).with_event("sy-1").id


def test_a_claim_read_back_keeps_the_id_it_was_sent_with():
    claim = _claim(62, "مصدر")
    assert Claim.from_json(claim.to_json()).id == claim.id
    # the id travels with the claim; it is not recomputed from the fields on arrival
    assert Claim.from_json({**claim.to_json(), "id": "0123abcd"}).id == "0123abcd"
    without = {k: v for k, v in claim.to_json().items() if k != "id"}
    assert Claim.from_json(without).id == claim.id


def test_a_json_webhook_gets_the_cloudevents_attributes_with_the_time_the_alert_was_raised():
    alert = make_alert()
    headers = http_headers(alert, "urn:raqib:raqib", "2026-03-03T08:05:00.123456Z")
    assert headers == {
        "ce-specversion": "1.0", "ce-id": alert.id, "ce-source": "urn:raqib:raqib",
        "ce-type": CE_TYPE, "ce-time": "2026-03-03T08:05:00.123456Z", "ce-subject": alert.event,
    }  # fmt: skip
    assert http_headers(alert, "urn:raqib:raqib")["ce-time"].endswith("Z")
    update = group_http_headers("n-1", "sy-1", "urn:raqib:raqib")
    assert update["ce-type"] == "org.raqib.contradiction.group.v1" and update["ce-id"] == "n-1"
