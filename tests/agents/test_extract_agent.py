"""The extract agent: articles in, one batch per block out, bad input dead-lettered."""

from __future__ import annotations

import json

from streams.core.model import Article
from streams.core.pipeline import Extracted, extract_article
from streams.records import extracted_item
from tests.conftest import SEEDS

from .conftest import settle

SEED = "000_68668790cc261656"


def _message(article_id: str, text: str, **fields: str) -> bytes:
    return json.dumps({"id": article_id, "text": text, **fields}, ensure_ascii=False).encode()


async def test_an_article_goes_on_as_its_claims_and_signature_keyed_by_block(runtime, sent):
    text = (SEEDS / f"{SEED}.txt").read_text(encoding="utf-8")
    agent = runtime.app.agents["raqib.extract"]
    async with agent.test_context() as ctx:
        event = await ctx.put(_message(SEED, text), key=SEED.encode())
        await settle(lambda: sent.values("extracted"))
    [message] = sent.messages["extracted"]
    [item] = [extracted_item(raw) for raw in message["value"].items]
    expected = extract_article(Article(id=SEED, text=text), event.message.timestamp)
    assert isinstance(item, Extracted)
    assert item.claims == expected.claims and item.signature == expected.signature
    assert message["key"] == "sy" == expected.signature.country


async def test_articles_of_two_countries_in_one_batch_go_to_two_blocks(runtime, sent):
    agent = runtime.app.agents["raqib.extract"]
    async with agent.test_context() as ctx:
        await ctx.put(_message("t1", "مقتل 12 شخصا في قصف على حلب"), key=b"t1", wait=False)
        await ctx.put(_message("t2", "مقتل 7 أشخاص في انفجار في بغداد"), key=b"t2")
        await settle(lambda: len(sent.values("extracted")) >= 2)
    assert {m["key"] for m in sent.messages["extracted"]} == {"sy", "iq"}


async def test_a_message_that_is_not_an_article_is_dead_lettered_with_its_reason(runtime, sent):
    agent = runtime.app.agents["raqib.extract"]
    async with agent.test_context() as ctx:
        await ctx.put(b"{not json", key=b"bad")
        await settle(lambda: sent.values("deadletter"))
    [dead] = sent.messages["deadletter"]
    assert dead["value"] == b"{not json"
    assert dead["headers"]["raqib_stage"] == b"extract"
    assert b"not a JSON article" in dead["headers"]["raqib_reason"]
    assert "extracted" not in sent.messages
