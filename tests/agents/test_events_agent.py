"""The event agent: an event's batch through apply_batch, alerts flushed before the state."""

from __future__ import annotations

import json

from streams.core.events.state import EventState
from streams.core.events.tracker import Block, TrackerConfig
from streams.core.model import Article
from streams.core.pipeline import extract_article, resolve_batch
from streams.records import EventBatchRecord, event_items, extracted_record

from .conftest import settle

T0 = 1_700_000_000.0
REPORTS = (
    (
        "m1",
        "outlet-a.example",
        "قالت وزارة الصحة إن 30 شخصا قتلوا في غارة جوية على سوق الهال في مدينة إدلب يوم الثلاثاء",
    ),
    (
        "m2",
        "outlet-b.example",
        "أعلن الدفاع المدني مقتل 55 شخصا في الغارة الجوية على سوق الهال في مدينة إدلب الثلاثاء",
    ),
)


def _event_batch() -> EventBatchRecord:
    items = [
        extract_article(Article(id=aid, text=text, source=outlet), T0)
        for aid, outlet, text in REPORTS
    ]
    done = resolve_batch(Block("sy"), {}, items, TrackerConfig())
    [event_id] = {e for e, _ in done.routed}
    assert event_id is not None
    return EventBatchRecord(event=event_id, items=[extracted_record(i) for _, i in done.routed])


async def test_a_contradiction_is_alerted_once_flushed_then_the_state_written(runtime, sent):
    batch = _event_batch()
    agent = runtime.app.agents["raqib.events"]
    async with agent.test_context() as ctx:
        await ctx.put(batch, key=batch.event)
        await settle(lambda: sent.values("progress"))
        state = EventState.from_json(runtime.tables.events[batch.event])
    [alert] = sent.messages["alerts"]
    payload = json.loads(alert["value"])
    assert alert["key"] == batch.event and alert["headers"]["ce_id"] == payload["id"].encode()
    assert {payload["new"]["min"], payload["conflicts_with"][0]["min"]} == {30, 55}
    assert sent.flushes == 1
    assert sent.changelog["events"] == [(batch.event, state.to_json())]
    [progress] = sent.values("progress")
    assert [i.article for i in progress.items] == ["m1", "m2"]
    assert [a for i in progress.items for a in i.alerts] == [payload["id"]]


async def test_a_redelivered_batch_raises_nothing_again(runtime, sent):
    batch = _event_batch()
    agent = runtime.app.agents["raqib.events"]
    async with agent.test_context() as ctx:
        await ctx.put(batch, key=batch.event)
        await settle(lambda: len(sent.values("progress")) == 1)
        await ctx.put(batch, key=batch.event)
        await settle(lambda: len(sent.values("progress")) == 2)
    assert len(sent.messages["alerts"]) == 1
    assert len(sent.changelog["events"]) == 1
    assert all(not i.alerts for i in sent.values("progress")[1].items)


async def test_a_closed_event_leaves_the_table(runtime, sent):
    batch = _event_batch()
    agent = runtime.app.agents["raqib.events"]
    async with agent.test_context() as ctx:
        await ctx.put(batch, key=batch.event)
        await settle(lambda: sent.changelog.get("events"))
        await ctx.put(EventBatchRecord(event=batch.event, items=[], close=True), key=batch.event)
        await settle(lambda: len(sent.changelog["events"]) == 2)
        assert runtime.tables.events.get(batch.event) is None
    assert sent.changelog["events"][-1] == (batch.event, None)


async def test_a_retired_event_sends_its_state_to_the_survivor_and_keeps_an_alias(runtime, sent):
    batch = _event_batch()
    agent = runtime.app.agents["raqib.events"]
    async with agent.test_context() as ctx:
        await ctx.put(batch, key=batch.event)
        await settle(lambda: sent.changelog.get("events"))
        retire = EventBatchRecord(event=batch.event, items=[], retire_into="sy-survivor")
        await ctx.put(retire, key=batch.event)
        await settle(lambda: sent.values("claims"))
        alias = EventState.from_json(runtime.tables.events[batch.event])
    [forward] = sent.messages["claims"]
    assert forward["key"] == "sy-survivor"
    [absorb] = event_items(forward["value"])
    assert absorb.retired == batch.event and absorb.state is not None
    assert {c["article"] for c in absorb.state["claims"]} == {"m1", "m2"}
    assert alias.alias_of == "sy-survivor" and not alias.claims


async def test_mail_for_a_retired_event_goes_on_to_its_survivor(runtime, sent):
    batch = _event_batch()
    agent = runtime.app.agents["raqib.events"]
    async with agent.test_context() as ctx:
        await ctx.put(
            EventBatchRecord(event=batch.event, items=[], retire_into="sy-s"), key=batch.event
        )
        await settle(lambda: len(sent.values("claims")) == 1)
        await ctx.put(batch, key=batch.event)  # redelivered after the merge
        await settle(lambda: len(sent.values("claims")) == 2)
    forwarded = sent.messages["claims"][1]
    assert forwarded["key"] == "sy-s"
    assert [i.article for i in forwarded["value"].items] == ["m1", "m2"]
    assert not sent.messages.get("alerts")


async def test_a_record_that_is_not_an_event_batch_is_dead_lettered_and_the_good_one_goes_on(
    runtime, sent
):
    agent = runtime.app.agents["raqib.events"]
    batch = _event_batch()
    async with agent.test_context() as ctx:
        await ctx.put(b"not json", key=batch.event, wait=False)
        await ctx.put(batch, key=batch.event)
        await settle(lambda: sent.values("alerts") and sent.values("deadletter"))
    [dead] = sent.messages["deadletter"]
    assert dead["headers"]["raqib_stage"] == b"events"
    assert dead["headers"]["raqib_reason"].startswith(b"not a JSON EventBatchRecord")
    assert len(sent.values("alerts")) == 1
