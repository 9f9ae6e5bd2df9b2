"""Defensive decoding: what a bad record becomes, so that an agent can dead-letter it alone."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest
from faust.types import Message

from streams.agents.decoding import (
    PoisonRecord,
    Undecodable,
    event_batch,
    extracted_batch,
    guarded,
    sift,
    size_chunks,
)
from streams.core.model import Article
from streams.core.pipeline import extract_article
from streams.records import EventBatchRecord, ExtractedBatch, extracted_record

GOOD = extracted_record(extract_article(Article(id="g", text="مقتل 5 أشخاص في حلب"), 0.0))


def _message(value: bytes | None) -> Message:
    return Message("t", 0, 7, 0.0, 0, None, b"k", value, None, None)


@pytest.mark.parametrize(
    "value",
    [None, b"{not json", b"[" * 100_000 + b"]" * 100_000, b'{"items": 42}', b"[1, 2]"],
    ids=["null", "not-json", "deep", "items-not-a-list", "a-list"],
)
async def test_a_typed_topic_decodes_a_bad_value_as_undecodable_not_an_exception(runtime, value):
    event = await runtime.topics.extracted.decode(_message(value), propagate=True)
    with pytest.raises(PoisonRecord):
        extracted_batch(event.value)


async def test_a_typed_topic_still_decodes_a_good_value_as_its_record(runtime):
    raw = ExtractedBatch(items=[GOOD]).dumps()
    event = await runtime.topics.extracted.decode(_message(raw), propagate=True)
    assert [item.article for item in extracted_batch(event.value).items] == ["g"]


def test_undecodable_values_keep_their_reason():
    with pytest.raises(PoisonRecord, match="undecodable value: boom"):
        extracted_batch(Undecodable("undecodable value: boom"))


@pytest.mark.parametrize(
    "value",
    [
        {"items": [{"article": "x"}]},
        {"items": [{**GOOD.asdict(), "claims": [{"metric": "killed"}]}]},
        {"items": [{**GOOD.asdict(), "claims": "many"}]},
    ],
    ids=["item-missing-fields", "claim-missing-fields", "claims-not-a-list"],
)
def test_a_batch_with_an_item_that_does_not_convert_is_poison(value):
    with pytest.raises(PoisonRecord, match=r"items\[0\]|not a valid ExtractedBatch"):
        extracted_batch(value)


def test_an_event_batch_must_name_its_event_with_a_string():
    with pytest.raises(PoisonRecord, match="event is list"):
        event_batch({"event": ["e"], "items": []})
    assert event_batch(EventBatchRecord(event="e1", items=[GOOD])).event == "e1"


async def test_sift_keeps_the_good_records_in_order_and_dead_letters_the_others(runtime, sent):
    events = [
        SimpleNamespace(key="sy", value=value, message=_message(raw))
        for value, raw in [
            (ExtractedBatch(items=[GOOD]), b"good-1"),
            (Undecodable("undecodable value: not JSON"), b"{not json"),
            ({"items": [GOOD.asdict()]}, b"good-2"),
        ]
    ]
    good = await sift(runtime, "resolve", events, extracted_batch)
    assert [event.message.value for event, _ in good] == [b"good-1", b"good-2"]
    [dead] = sent.messages["deadletter"]
    assert dead["value"] == b"{not json" and dead["key"] == b"k"
    assert dead["headers"]["raqib_stage"] == b"resolve"
    assert dead["headers"]["raqib_reason"] == b"undecodable value: not JSON"
    assert dead["headers"]["raqib_origin"] == b"t/0@7"


async def test_guarded_work_that_raises_dead_letters_its_records_and_goes_on(runtime, sent):
    events = [SimpleNamespace(key=b"a", value=b"1", message=_message(b"1"))]
    async with guarded(runtime, "events", events):
        raise KeyError("no such event")
    [dead] = sent.messages["deadletter"]
    assert dead["headers"]["raqib_reason"] == b"KeyError: 'no such event'"


async def test_guarded_lets_broker_errors_through():
    from aiokafka.errors import KafkaTimeoutError

    with pytest.raises(KafkaTimeoutError):
        async with guarded(SimpleNamespace(), "events", []):
            raise KafkaTimeoutError()


def test_size_chunks_keeps_order_and_each_run_within_the_budget():
    runs = list(size_chunks([("a", 4), ("b", 4), ("c", 4), ("d", 9), ("e", 1)], budget=8))
    assert runs == [["a", "b"], ["c"], ["d"], ["e"]]


def test_a_poison_reason_is_plain_text_even_from_a_hostile_value():
    with pytest.raises(PoisonRecord) as info:
        extracted_batch(json.dumps({"items": [{"article": "\ud800"}]}).encode())
    info.value.args[0].encode("utf-8", "backslashreplace")
