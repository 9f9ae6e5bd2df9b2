"""Extract agent: ``articles`` → ``extracted`` (claims and event signature, keyed by block).

Stateless, so it scales with the articles topic's partitions. Articles are taken
in small batches (up to ``BATCH`` or ``WITHIN`` seconds) and sent on as one
message per block (several when they would pass :data:`MESSAGE_BUDGET`): Faust's
per-message cost is paid per batch, not per article.

Each record is worked on its own (:mod:`streams.agents.decoding`): whatever it holds —
null, not JSON, nested a thousand levels deep, a lone surrogate, the wrong shape, over
``RAQIB_MAX_ARTICLE_BYTES``, an extraction that fails or gives more claims than an
article holds (:data:`MAX_RECORD_BYTES`) — it is dead-lettered with its reason and the
other records of the batch go on.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, Any

from streams import metrics
from streams.agents.decoding import (
    MESSAGE_BUDGET,
    PoisonRecord,
    article_from_message,
    guarded,
    size_chunks,
)
from streams.core.events.signature import block_key
from streams.core.pipeline import BATCH, SKIPPED_LANGUAGE, extract_article, unread_language
from streams.records import ExtractedBatch, ExtractedRecord, extracted_record

if TYPE_CHECKING:
    from streams.runtime import Runtime

log = logging.getLogger(__name__)

WITHIN = 0.01
MAX_RECORD_BYTES = 256 * 1024
"""The largest extracted record of one article: ~40 times the largest of the dev set
(7 KB, 12 claims). A 1.5 MB article of distinct figures gives 29,000 claims and 12 MB."""


def extract_event(event: Any, max_bytes: int) -> tuple[str, ExtractedRecord, int]:
    """One articles-topic record → (block, extracted record, its encoded size).

    Raises :class:`~streams.agents.decoding.PoisonRecord` with the reason.
    """
    article = article_from_message(event.value, event.key, max_bytes)
    received_at = event.message.timestamp or time.time()  # Faust: seconds
    lang = unread_language(article)
    if lang is not None:
        # well-formed input in a language raqib does not read: passed on without claims
        metrics.SKIPPED.labels(reason="language").inc()
        log.info(SKIPPED_LANGUAGE, article.id, lang)
    started = time.perf_counter()
    item = extract_article(article, received_at)
    metrics.EXTRACT_SECONDS.observe(time.perf_counter() - started)
    record = extracted_record(item)
    size = len(record.dumps())
    if size > MAX_RECORD_BYTES:
        raise PoisonRecord(
            f"extraction gave {len(item.claims)} claims ({size} bytes), more than an article "
            f"holds (at most {MAX_RECORD_BYTES} bytes)"
        )
    metrics.ARTICLES.inc()
    metrics.CLAIMS.inc(len(item.claims))
    return block_key(item.signature), record, size


def register(runtime: Runtime) -> None:
    """The extract agent: each article through :func:`~streams.core.pipeline.extract_article`."""
    app, topics, settings = runtime.app, runtime.topics, runtime.settings

    @app.agent(topics.articles, name="raqib.extract")
    async def extract(stream):  # type: ignore[no-untyped-def]
        async for events in stream.take_events(BATCH, within=WITHIN):
            blocks: dict[str, list[tuple[tuple[Any, ExtractedRecord], int]]] = {}
            for event in events:
                async with guarded(runtime, "extract", [event]):
                    block, record, size = extract_event(event, settings.max_article_bytes)
                    blocks.setdefault(block, []).append(((event, record), size))
            for block, sized in blocks.items():
                for chunk in size_chunks(sized, MESSAGE_BUDGET):
                    async with guarded(runtime, "extract", [event for event, _ in chunk]):
                        items = [record for _, record in chunk]
                        await topics.extracted.send(key=block, value=ExtractedBatch(items=items))
