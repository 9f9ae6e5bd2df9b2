"""The README stays true: its JSON Schema matches the alert contract the code emits."""

from __future__ import annotations

import json
import re
from pathlib import Path

from streams.core.model import METRICS, VICTIM_CLASSES
from streams.settings import Settings
from streams.sinks.wire import CE_TYPE, alert_headers
from tests.unit.sinks.conftest import make_alert

DOC = Path(__file__).resolve().parents[3] / "README.md"


def _schema() -> dict:
    blocks = re.findall(r"```json\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    return next(json.loads(b) for b in blocks if '"$schema"' in b)


def test_the_documented_schema_requires_exactly_what_alerts_carry():
    schema, alert = _schema(), make_alert().to_json()
    assert set(schema["required"]) <= set(alert) and set(alert) <= set(schema["properties"])
    claim = schema["$defs"]["claim"]
    assert set(claim["required"]) <= set(alert["new"]) <= set(claim["properties"])
    assert schema["$defs"]["metric"]["enum"] == list(METRICS)
    assert schema["$defs"]["victim_class"]["enum"] == list(VICTIM_CLASSES)


def test_the_documented_cloudevents_headers_are_the_ones_sent():
    text = DOC.read_text(encoding="utf-8")
    for name in alert_headers(make_alert(), Settings()):
        assert f"`{name}`" in text
    assert CE_TYPE in text
