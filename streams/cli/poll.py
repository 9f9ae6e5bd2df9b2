"""``raqib poll FEEDS.toml [--once] [--jsonl]``: news feeds into the articles topic.

An entry's article is handed over before the feed's seen-set forgets it:

- on Kafka (``RAQIB_BROKER``), the topic is durable: an article is handed over once the
  broker acknowledged it (a worker takes it whenever it runs);
- on the embedded broker, whose topics live only in its memory, an article is handed
  over once the pipeline has taken it: its progress (or its dead letter) read back
  within ``RAQIB_POLL_PROGRESS_TIMEOUT``. What was not taken stays unseen, is sent again
  by the next poll (the pipeline treats a re-sent article id as a redelivery), and
  ``--once`` exits 3 saying so. A ``poll`` that started its own broker and worker waits
  for the worker's webhook deliveries before stopping it.

Each feed's poll has a deadline (``RAQIB_POLL_FEED_DEADLINE``). A continuous poll prints
one line per feed per cycle on stderr (what it polled, ingested, its error). Bad feeds
are reported on stderr and their bodies dead-lettered; the other feeds go on.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from connectors.base import Rejected
from streams.cli.common import (
    EXIT_INCOMPLETE,
    EXIT_INPUT_ERRORS,
    EXIT_OK,
    EXIT_UNAVAILABLE,
    EXIT_USAGE,
    print_json,
    report_reject,
)
from streams.core.model import Article
from streams.settings import Settings

if TYPE_CHECKING:
    from connectors.report import FeedResult


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``raqib poll`` to the command line."""
    p = sub.add_parser(
        "poll", help="poll RSS/Atom feeds into the pipeline (see README: feeds file)"
    )
    p.add_argument("feeds", type=Path, help="feeds file (TOML, [[feeds]] tables)")
    p.add_argument("--once", action="store_true", help="poll every feed once, then exit")
    p.add_argument("--jsonl", action="store_true", help="print one JSON line per article ingested")
    p.set_defaults(func=run)


class TakenWatch:
    """Article ids the pipeline has taken since :meth:`start`: on the progress topic (with
    the alerts they raised) or dead-lettered. Reads outside any consumer group.
    """

    def __init__(self, settings: Settings, broker_url: str) -> None:
        from aiokafka import AIOKafkaConsumer

        from streams.topics import client_options

        self.settings = settings
        self.consumer = AIOKafkaConsumer(
            **client_options(settings, broker_url),
            enable_auto_commit=False,
            auto_offset_reset="earliest",
        )
        self.taken: set[str] = set()
        self.alerts: set[str] = set()
        self._moved = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        """Read from the current end of progress and dead letters (before anything is sent)."""
        from streams.topics import seek_to_end, topic_partitions

        await self.consumer.start()
        partitions = []
        for topic in (self.settings.topic_progress, self.settings.topic_deadletter):
            partitions += await topic_partitions(self.consumer, topic)
        self.consumer.assign(partitions)
        await seek_to_end(self.consumer, partitions)
        self._task = asyncio.create_task(self._read(), name="raqib-poll-progress")

    async def stop(self) -> None:
        """Stop reading."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        await self.consumer.stop()

    async def _read(self) -> None:
        while True:
            batch = await self.consumer.getmany(timeout_ms=500)
            for tp, records in batch.items():
                for record in records:
                    if tp.topic == self.settings.topic_deadletter:
                        if record.key:
                            self.taken.add(record.key.decode("utf-8", "replace"))
                        continue
                    with contextlib.suppress(TypeError, ValueError, AttributeError):
                        for entry in json.loads(record.value).get("items") or []:
                            self.taken.add(str(entry.get("article")))
                            self.alerts.update(str(a) for a in entry.get("alerts") or [])
            if batch:
                self._moved.set()

    async def wait(
        self, ids: Sequence[str], timeout: float, alive: Callable[[], bool] | None = None
    ) -> set[str]:
        """The ids among ``ids`` taken within ``timeout`` (earlier if the worker died)."""
        wanted = set(ids)
        deadline = time.monotonic() + timeout
        while not wanted <= self.taken and time.monotonic() < deadline:
            if alive is not None and not alive():
                break
            self._moved.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._moved.wait(), min(1.0, deadline - time.monotonic()))
        return wanted & self.taken


def describe_cycle(result: FeedResult, delay: float) -> str:
    """One line about one poll of one feed (continuous ``raqib poll``)."""
    what = {"ok": "polled", "not_modified": "not modified"}.get(result.status, "failed")
    text = (
        f"raqib: poll: {result.name}: {what}, {result.entries} entries, {result.ingested} ingested"
    )
    if result.status == "error":
        text += f", error [{result.error_kind}] {result.error}"
    return f"{text}; next poll in {delay:.0f}s"


async def poll_into_topic(
    settings: Settings,
    broker_url: str,
    feeds: Path,
    *,
    once: bool,
    jsonl: bool,
    confirm_progress: bool = False,
    alive: Callable[[], bool] | None = None,
    on_cycle: Callable[[FeedResult, float], None] | None = None,
    alerts: set[str] | None = None,
) -> dict[str, Any]:
    """Poll ``feeds`` and produce every new article; returns the poll report as a dict.

    ``confirm_progress``: an article counts as ingested (and is marked seen) only once
    the pipeline took it (module docstring). The ids of the alerts the taken articles
    raised are added to ``alerts``.
    """
    from aiokafka import AIOKafkaProducer

    from connectors.base import article_payload
    from connectors.poller import article_line, poll_feeds
    from streams.cli.client import dead_letter_rejected, producer_options
    from streams.topics import ensure_topics

    await ensure_topics(settings, broker_url)
    producer = AIOKafkaProducer(**producer_options(settings, broker_url))
    await producer.start()
    watch = TakenWatch(settings, broker_url) if confirm_progress else None
    if watch is not None:
        await watch.start()
    sent: dict[str, Article] = {}
    too_large: set[str] = set()

    async def emit(article: Article) -> None:
        payload = article_payload(article, settings.max_article_bytes, article.url or "")
        sent[article.id] = article
        if isinstance(payload, Rejected):  # over the limit: dead-lettered, the feed goes on
            too_large.add(article.id)
            await reject(payload)
            return
        await producer.send_and_wait(
            settings.topic_articles, payload, key=article.id.encode("utf-8")
        )

    async def confirm(ids: Sequence[str]) -> set[str]:
        taken = (
            set(ids)
            if watch is None
            else await watch.wait(
                [i for i in ids if i not in too_large], settings.poll_progress_timeout, alive
            )
        )
        taken |= too_large & set(ids)
        for article_id in ids:
            article = sent.pop(article_id, None)
            if article is None or article_id not in taken or article_id in too_large:
                continue
            if jsonl:
                print_json(article_line(article))
            else:
                print(
                    f"raqib: ingested {article.id} {article.source or ''} "
                    f"{article.title or article.url or ''}",
                    flush=True,
                )
        return taken

    async def reject(item: Rejected) -> None:
        report_reject(item)
        await dead_letter_rejected(producer, settings, item, "poll")
        await producer.flush()

    try:
        report = await poll_feeds(
            feeds,
            settings,
            emit,
            reject,
            once=once,
            confirm=confirm,
            feed_deadline=settings.poll_feed_deadline,
            on_cycle=on_cycle,
        )
        return report.as_dict()
    finally:
        if watch is not None:
            if alerts is not None:
                alerts |= watch.alerts
            await watch.stop()
        await producer.stop()


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Poll the feeds into the articles topic (or print them with ``--jsonl``)."""
    from connectors.exceptions import FeedsFileError
    from streams.cli.pipeline import pipeline
    from streams.cli.preflight import preflight

    try:
        from connectors.feedsfile import load_feeds

        load_feeds(args.feeds)
    except FeedsFileError as exc:
        print(f"raqib: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if code := preflight(settings, web_port=False):
        return code

    def cycle(result: FeedResult, delay: float) -> None:
        print(describe_cycle(result, delay), file=sys.stderr, flush=True)

    alerts: set[str] = set()
    with pipeline(settings) as running, contextlib.suppress(KeyboardInterrupt):
        report = asyncio.run(
            poll_into_topic(
                settings,
                running.url,
                args.feeds,
                once=args.once,
                jsonl=args.jsonl,
                confirm_progress=not settings.broker,  # the embedded broker: memory only
                alive=running.alive,
                on_cycle=None if args.once else cycle,
                alerts=alerts,
            )
        )
        if not running.alive():
            print(running.failure(), file=sys.stderr)
            return EXIT_UNAVAILABLE
        undelivered = running.wait_for_deliveries(alerts, settings.drain_timeout)
        summary = json.dumps(report, ensure_ascii=False)
        print(f"raqib: poll report {summary}", file=sys.stderr)
        not_taken = report.get("feed_errors", {}).get("not_processed", 0)
        if not_taken:
            print(
                f"raqib: error: articles of {not_taken} feeds were not processed within "
                f"RAQIB_POLL_PROGRESS_TIMEOUT={settings.poll_progress_timeout:.0f}s (is a worker "
                "running?); they stay unseen and the next poll sends them again",
                file=sys.stderr,
            )
            return EXIT_INCOMPLETE
        if undelivered:
            print(
                f"raqib: error: {undelivered} webhook deliveries were still pending after "
                f"RAQIB_DRAIN_TIMEOUT={settings.drain_timeout:.0f}s",
                file=sys.stderr,
            )
            return EXIT_INCOMPLETE
        errors = report.get("errors", 0)
        return EXIT_INPUT_ERRORS if errors else EXIT_OK
    return EXIT_OK
