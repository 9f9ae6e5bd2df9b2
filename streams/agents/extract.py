"""Extract agent: ``articles`` → ``extracted`` (claims and event signature, keyed by block).

Stateless, so it scales with the articles topic's partitions. Articles are taken
in small batches (up to ``BATCH`` or ``WITHIN`` seconds) and sent on as one
message per block: Faust's per-message cost is paid per batch, not per article.
Bad input (not JSON, wrong shape, too large) and extraction failures go to the
dead-letter topic; the stream goes on.
"""

from __future__ import annotations

import json
import logging
import time
from typing import TYPE_CHECKING

from connectors.base import Rejected
from connectors.files import object_to_article
from streams import metrics
from streams.agents.deadletter import dead_letter
from streams.core.events.signature import block_key
from streams.core.model import Article
from streams.core.pipeline import BATCH, extract_article
from streams.records import ExtractedBatch, ExtractedRecord, extracted_record

if TYPE_CHECKING:
    from streams.runtime import Runtime

log = logging.getLogger(__name__)

WITHIN = 0.01


class BadArticle(ValueError):
    """A message on the articles topic that is not an article."""


def parse_article_message(value: bytes, key: bytes | None, max_bytes: int) -> Article:
    """Bytes of an articles-topic message → :class:`~streams.core.model.Article`, or BadArticle."""
    if len(value) > max_bytes:
        raise BadArticle(
            f"article of {len(value)} bytes exceeds RAQIB_MAX_ARTICLE_BYTES={max_bytes}"
        )
    try:
        obj = json.loads(value)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BadArticle(f"not a JSON article: {exc}") from exc
    origin = f"key={key.decode('utf-8', 'replace') if key else None}"
    article = object_to_article(obj, origin, default_id=(key or b"").decode("utf-8", "replace"))
    if isinstance(article, Rejected):
        raise BadArticle(article.reason)
    return article


def register(runtime: Runtime) -> None:
    """The extract agent: each article through :func:`~streams.core.pipeline.extract_article`."""
    app, topics, settings = runtime.app, runtime.topics, runtime.settings

    @app.agent(topics.articles, name="raqib.extract")
    async def extract(stream):  # type: ignore[no-untyped-def]
        async for events in stream.take_events(BATCH, within=WITHIN):
            blocks: dict[str, list[ExtractedRecord]] = {}
            for event in events:
                key, value = event.key, event.value
                try:
                    article = parse_article_message(value, key, settings.max_article_bytes)
                except BadArticle as exc:
                    await dead_letter(runtime, "extract", key, value, str(exc), event.message)
                    continue
                received_at = event.message.timestamp or time.time()  # Faust: seconds
                started = time.perf_counter()
                try:
                    item = extract_article(article, received_at)
                except Exception as exc:  # a bug must not stop the stream; keep the input
                    log.exception("extraction failed for article %s", article.id)
                    reason = f"extraction failed: {exc!r}"
                    await dead_letter(runtime, "extract", key, value, reason, event.message)
                    continue
                metrics.EXTRACT_SECONDS.observe(time.perf_counter() - started)
                metrics.ARTICLES.inc()
                metrics.CLAIMS.inc(len(item.claims))
                blocks.setdefault(block_key(item.signature), []).append(extracted_record(item))
            for block, items in blocks.items():
                await topics.extracted.send(key=block, value=ExtractedBatch(items=items))
