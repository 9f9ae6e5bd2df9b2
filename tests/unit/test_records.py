"""Records on raqib's internal topics: claims as the contract's JSON, Arabic as UTF-8."""

from __future__ import annotations

import json

from streams.core.model import Claim
from streams.records import EventBatchRecord, ExtractedRecord, claims_to_json, claims_to_models

CLAIM = Claim(
    "a1",
    "killed",
    62,
    62,
    False,
    "عنصرا من الجيش",
    "security_forces",
    "وزارة الدفاع",
    "outlet.example",
    "event",
    "مقتل 62 عنصرا من الجيش",
    event="sy-1",
)


def _batch() -> EventBatchRecord:
    item = ExtractedRecord(
        article="a1",
        source="outlet.example",
        received_at=1.0,
        claims=claims_to_json([CLAIM]),
        signature={"article_id": "a1"},
    )
    return EventBatchRecord(event="sy-1", items=[item])


def test_arabic_goes_on_the_wire_as_utf8_not_escapes():
    # \uXXXX escapes take three times the bytes of UTF-8 in every message and changelog
    wire = _batch().dumps(serializer="json")
    assert "مقتل 62 عنصرا".encode() in wire
    assert b"\\u0645" not in wire


def test_a_batch_reads_back_as_the_claims_it_carried():
    data = json.loads(_batch().dumps(serializer="json"))
    back = EventBatchRecord.from_data(data)
    [claim] = claims_to_models(back.items[0].claims)
    assert claim == CLAIM and claim.id == CLAIM.id


def test_claims_inside_records_are_the_contract_json():
    data = json.loads(_batch().dumps(serializer="json"))
    assert data["items"][0]["claims"] == [CLAIM.to_json()]
    assert "__faust" not in data["items"][0]["claims"][0]
