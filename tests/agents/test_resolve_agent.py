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
    ("r1", "قتل 14 شخصا في غارة جوية على سوق مدينة إدلب صباح اليوم"),
    ("r2", "ارتفع عدد قتلى الغارة الجوية على سوق مدينة إدلب إلى 20 شخصا"),
)


async def test_reports_of_one_incident_go_to_one_event_and_the_tracker_keeps_it(runtime, sent):
    agent = runtime.app.agents["raqib.resolve"]
    async with agent.test_context() as ctx:
        await ctx.put(_batch(*TWO_REPORTS), key="sy")
        await settle(lambda: sent.values("claims"))
        open_events = runtime.tables.tracker["sy"]
    [message] = sent.messages["claims"]
    batch: EventBatchRecord = message["value"]
    assert message["key"] == batch.event and batch.event.startswith("sy-")
    items = [extracted_item(raw) for raw in batch.items]
    assert [i.article for i in items] == ["r1", "r2"]
    assert all(c.event == batch.event for i in items for c in i.claims)
    assert [e["id"] for e in open_events] == [batch.event]
    assert sent.changelog["tracker"] == [("sy", open_events)]


async def test_a_redelivered_batch_keeps_its_event_and_writes_nothing_new(runtime, sent):
    agent = runtime.app.agents["raqib.resolve"]
    async with agent.test_context() as ctx:
        await ctx.put(_batch(*TWO_REPORTS), key="sy")
        await settle(lambda: len(sent.values("claims")) == 1)
        await ctx.put(_batch(*TWO_REPORTS), key="sy")
        await settle(lambda: len(sent.values("claims")) == 2)
    first, second = sent.values("claims")
    assert first.event == second.event
    assert len(sent.changelog["tracker"]) == 1


async def test_an_article_without_claims_passes_on_without_an_event(runtime, sent):
    agent = runtime.app.agents["raqib.resolve"]
    async with agent.test_context() as ctx:
        await ctx.put(_batch(("quiet", "افتتح معرض للكتاب في مدينة حلب")), key="sy")
        await settle(lambda: sent.values("claims"))
    [message] = sent.messages["claims"]
    assert message["key"] == "sy" and message["value"].event is None
    assert "tracker" not in sent.changelog
