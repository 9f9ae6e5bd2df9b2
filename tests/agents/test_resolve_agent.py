"""The resolve agent: a block's batch through resolve_batch, the tracker table kept."""

from __future__ import annotations

from streams.core.model import Article
from streams.core.pipeline import extract_article
from streams.records import EventBatchRecord, ExtractedBatch, extracted_item, extracted_record

from .conftest import settle

T0 = 1_700_000_000.0


def _batch(*articles: tuple[str, str]) -> ExtractedBatch:
    items = [
        extracted_record(extract_article(Article(id=aid, text=text, source="outlet.example"), T0))
        for aid, text in articles
    ]
    return ExtractedBatch(items=items)


TWO_REPORTS = (
    ("r1", "قتل 14 شخصا في غارة جوية على سوق الهال في مدينة إدلب صباح الثلاثاء"),
    ("r2", "ارتفع عدد قتلى الغارة الجوية على سوق الهال في مدينة إدلب يوم الثلاثاء إلى 20 شخصا"),
)


async def test_reports_of_one_incident_go_to_one_event_and_the_tracker_keeps_it(runtime, sent):
    agent = runtime.app.agents["raqib.resolve"]
    async with agent.test_context() as ctx:
        await ctx.put(_batch(*TWO_REPORTS), key="sy")
        await settle(lambda: sent.values("claims"))
        header = runtime.tables.tracker["sy"]
    [message] = sent.messages["claims"]
    batch: EventBatchRecord = message["value"]
    assert message["key"] == batch.event and batch.event.startswith("sy-")
    items = [extracted_item(raw) for raw in batch.items]
    assert [i.article for i in items] == ["r1", "r2"]
    assert all(c.event == batch.event for i in items for c in i.claims)
    assert set(header["members"]) == {"r1", "r2"} and list(header["founders"]) == [batch.event]
    # each member written once under its own key, then the block's header
    assert [k for k, _ in sent.changelog["tracker"]] == ["sy|r1", "sy|r2", "sy"]


async def test_a_redelivered_batch_keeps_its_event_and_writes_nothing_new(runtime, sent):
    agent = runtime.app.agents["raqib.resolve"]
    async with agent.test_context() as ctx:
        await ctx.put(_batch(*TWO_REPORTS), key="sy")
        await settle(lambda: len(sent.values("claims")) == 1)
        await ctx.put(_batch(*TWO_REPORTS), key="sy")
        await settle(lambda: len(sent.values("claims")) == 2)
    first, second = sent.values("claims")
    assert first.event == second.event
    assert len(sent.changelog["tracker"]) == 3  # the second batch wrote nothing


async def test_an_article_without_claims_passes_on_without_an_event(runtime, sent):
    agent = runtime.app.agents["raqib.resolve"]
    async with agent.test_context() as ctx:
        await ctx.put(_batch(("quiet", "افتتح معرض للكتاب في مدينة حلب")), key="sy")
        await settle(lambda: sent.values("claims"))
    [message] = sent.messages["claims"]
    assert message["key"] == "sy" and message["value"].event is None
    assert "tracker" not in sent.changelog


MERGING = (
    ("q1", "قتل 14 شخصا في غارة جوية على سوق الهال في مدينة إدلب صباح يوم الثلاثاء"),
    ("q2", "قال الدفاع المدني إن 20 شخصا قتلوا في غارة على سوق الهال في إدلب يوم الثلاثاء"),
)


async def test_a_report_that_comes_before_an_events_founder_founds_the_survivor(runtime, sent):
    agent = runtime.app.agents["raqib.resolve"]
    async with agent.test_context() as ctx:
        await ctx.put(_batch(MERGING[1]), key="sy")
        await settle(lambda: len(sent.values("claims")) == 1)
        await ctx.put(_batch(MERGING[0]), key="sy")
        await settle(lambda: len(sent.values("claims")) == 3)
    first, joined, retired = sent.values("claims")
    assert joined.event != first.event and joined.merged == [first.event]
    assert [extracted_item(i).article for i in joined.items] == ["q1"]
    assert retired.event == first.event and retired.retire_into == joined.event


async def test_a_record_that_is_not_a_batch_is_dead_lettered_and_the_good_one_goes_on(
    runtime, sent
):
    agent = runtime.app.agents["raqib.resolve"]
    async with agent.test_context() as ctx:
        await ctx.put(b'{"items": [{"article": 7}]}', key="sy", wait=False)
        await ctx.put(_batch(*TWO_REPORTS), key="sy")
        await settle(lambda: sent.values("claims") and sent.values("deadletter"))
    [dead] = sent.messages["deadletter"]
    assert dead["headers"]["raqib_stage"] == b"resolve"
    assert dead["headers"]["raqib_reason"].startswith(b"not a valid ExtractedBatch")
    [batch] = sent.values("claims")
    assert [extracted_item(raw).article for raw in batch.items] == ["r1", "r2"]
