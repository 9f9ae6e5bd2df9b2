"""The extract agent: articles in, one batch per block out, bad input dead-lettered."""

from __future__ import annotations

import json
import logging

from streams.agents.decoding import MESSAGE_BUDGET
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
    assert b"not JSON" in dead["headers"]["raqib_reason"]
    assert "extracted" not in sent.messages


POISONS = {
    "null": None,
    "deep": b'{"id": "deep", "text": "x", "n": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
    "surrogate": b'{"id": "lone", "text": "\\ud800 \xd9\x82\xd8\xaa\xd9\x84 5"}',
    "list": b'[{"id": "l", "text": "x"}]',
    "number": b"42",
    "text-not-string": b'{"id": "t", "text": {"body": "x"}}',
    "long-integer": b'{"id": ' + b"9" * 5000 + b', "text": "x"}',
    "not-utf8": '{"id": "cp", "text": "قتل 4"}'.encode("cp1256"),
}


async def test_each_poison_record_is_dead_lettered_and_the_good_records_around_it_go_on(
    runtime, sent
):
    agent = runtime.app.agents["raqib.extract"]
    async with agent.test_context() as ctx:
        for name, poison in POISONS.items():
            await ctx.put(_message(f"{name}-before", "مقتل 12 شخصا في حلب"), key=b"b", wait=False)
            await ctx.put(poison, key=name.encode(), wait=False)
            await ctx.put(_message(f"{name}-after", "مقتل 7 أشخاص في حلب"), key=b"a", wait=False)
        await settle(lambda: len(sent.values("deadletter")) >= len(POISONS))
        await settle(
            lambda: sum(len(v.items) for v in sent.values("extracted")) >= 2 * len(POISONS)
        )
    extracted = [item.article for batch in sent.values("extracted") for item in batch.items]
    assert sorted(extracted) == sorted(
        f"{name}-{when}" for name in POISONS for when in ("before", "after")
    )
    reasons = {
        m["key"].decode(): m["headers"]["raqib_reason"].decode()
        for m in sent.messages["deadletter"]
    }
    assert set(reasons) == set(POISONS)
    assert reasons["null"] == "null value: no article"
    assert "nested too deeply" in reasons["deep"]
    assert "lone surrogate" in reasons["surrogate"]
    assert "expected a JSON object, got list" in reasons["list"]
    assert "expected a JSON object, got int" in reasons["number"]
    assert "no 'text' or 'html'" in reasons["text-not-string"]
    assert "not JSON this program can read" in reasons["long-integer"]
    assert "not valid UTF-8" in reasons["not-utf8"]


async def test_an_article_whose_extraction_is_larger_than_an_article_holds_is_dead_lettered(
    runtime, sent
):
    figures = " ".join(f"وقال مصدر إن {n} أشخاص قتلوا في حي {n}." for n in range(1, 1200))
    agent = runtime.app.agents["raqib.extract"]
    async with agent.test_context() as ctx:
        await ctx.put(_message("flood", figures), key=b"flood", wait=False)
        await ctx.put(_message("fine", "مقتل 7 أشخاص في حلب"), key=b"fine")
        await settle(lambda: sent.values("deadletter") and sent.values("extracted"))
    [dead] = sent.messages["deadletter"]
    assert dead["key"] == b"flood"
    assert b"more than an article holds" in dead["headers"]["raqib_reason"]
    assert [i.article for b in sent.values("extracted") for i in b.items] == ["fine"]


async def test_a_batch_larger_than_a_message_should_be_is_sent_as_several(runtime, sent):
    figures = " ".join(f"وقال مصدر إن {n} أشخاص قتلوا في حي {n}." for n in range(1, 300))
    agent = runtime.app.agents["raqib.extract"]
    async with agent.test_context() as ctx:
        for n in range(12):
            await ctx.put(_message(f"a{n}", figures), key=f"a{n}".encode(), wait=n == 11)
        await settle(lambda: sum(len(v.items) for v in sent.values("extracted")) >= 12)
    sizes = [len(batch.dumps()) for batch in sent.values("extracted")]
    assert len(sizes) > 1 and max(sizes) <= MESSAGE_BUDGET + 1024


async def test_an_article_in_another_language_goes_on_without_claims_and_is_counted(
    runtime, sent, caplog
):
    from streams import metrics

    caplog.set_level(logging.INFO, logger="streams.agents.extract")
    skipped = metrics.SKIPPED.labels(reason="language")
    before = skipped._value.get()  # noqa: SLF001 - prometheus_client exposes no getter
    agent = runtime.app.agents["raqib.extract"]
    text = "Une frappe a tué douze personnes sur le marché de la ville."
    async with agent.test_context() as ctx:
        await ctx.put(_message("fr", text, lang="fr"), key=b"fr")
        await settle(lambda: sent.values("extracted"))
    [message] = sent.messages["extracted"]
    [item] = [extracted_item(raw) for raw in message["value"].items]
    assert isinstance(item, Extracted) and item.claims == ()
    assert skipped._value.get() == before + 1  # noqa: SLF001
    assert "deadletter" not in sent.messages
    assert "article fr skipped: language 'fr' is not read" in caplog.text


async def test_an_english_article_goes_on_with_english_claims(runtime, sent):
    agent = runtime.app.agents["raqib.extract"]
    text = "Police said 11 people were killed when a car bomb exploded in Mosul on Monday."
    async with agent.test_context() as ctx:
        await ctx.put(_message("en", text), key=b"en")
        await settle(lambda: sent.values("extracted"))
    [message] = sent.messages["extracted"]
    [item] = [extracted_item(raw) for raw in message["value"].items]
    assert isinstance(item, Extracted)
    assert [(c.min, c.lang) for c in item.claims] == [(11, "en")]
    assert message["key"] == "iq"
