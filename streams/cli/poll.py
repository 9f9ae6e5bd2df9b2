"""``raqib poll FEEDS.toml [--once] [--jsonl]``: news feeds into the articles topic.

Each new entry's article is produced to the articles topic and acknowledged by
the broker before the feed's seen-set marks it (at-least-once; the pipeline
treats a re-sent article id as a redelivery). Bad feeds are reported on stderr
and their bodies dead-lettered; the other feeds go on.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import sys
from pathlib import Path
from typing import Any

from connectors.base import Rejected
from streams.cli.common import (
    EXIT_INPUT_ERRORS,
    EXIT_OK,
    EXIT_USAGE,
    print_json,
    report_reject,
)
from streams.core.model import Article
from streams.settings import Settings


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``raqib poll`` to the command line."""
    p = sub.add_parser(
        "poll", help="poll RSS/Atom feeds into the pipeline (see README: feeds file)"
    )
    p.add_argument("feeds", type=Path, help="feeds file (TOML, [[feeds]] tables)")
    p.add_argument("--once", action="store_true", help="poll every feed once, then exit")
    p.add_argument("--jsonl", action="store_true", help="print one JSON line per article ingested")
    p.set_defaults(func=run)


async def poll_into_topic(
    settings: Settings, broker_url: str, feeds: Path, *, once: bool, jsonl: bool
) -> dict[str, Any]:
    """Poll ``feeds`` and produce every new article; returns the poll report as a dict."""
    from aiokafka import AIOKafkaProducer

    from connectors.poller import article_line, poll_feeds
    from streams.cli.client import article_message
    from streams.topics import client_options, ensure_topics

    await ensure_topics(settings, broker_url)
    producer = AIOKafkaProducer(**client_options(settings, broker_url), linger_ms=5)
    await producer.start()

    async def emit(article: Article) -> None:
        await producer.send_and_wait(
            settings.topic_articles, article_message(article), key=article.id.encode()
        )
        if jsonl:
            print_json(article_line(article))
        else:
            print(
                f"raqib: ingested {article.id} {article.source or ''} {article.title or article.url or ''}"
            )

    async def reject(item: Rejected) -> None:
        report_reject(item)
        await producer.send_and_wait(
            settings.topic_deadletter,
            item.payload or item.reason.encode(),
            key=item.origin.encode(),
            headers=[
                ("raqib_stage", b"poll"),
                ("raqib_reason", item.reason.encode("utf-8")[:1000]),
            ],
        )

    try:
        report = await poll_feeds(feeds, settings, emit, reject, once=once)
        return report.as_dict()
    finally:
        await producer.stop()


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Poll the feeds into the articles topic (or print them with ``--jsonl``)."""
    from connectors.exceptions import FeedsFileError
    from streams.cli.pipeline import pipeline

    try:
        from connectors.feedsfile import load_feeds

        load_feeds(args.feeds)
    except FeedsFileError as exc:
        print(f"raqib: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    with pipeline(settings) as running, contextlib.suppress(KeyboardInterrupt):
        report = asyncio.run(
            poll_into_topic(settings, running.url, args.feeds, once=args.once, jsonl=args.jsonl)
        )
        summary = json.dumps(report, ensure_ascii=False)
        print(f"raqib: poll report {summary}", file=sys.stderr)
        errors = report.get("errors", 0)
        return EXIT_INPUT_ERRORS if errors else EXIT_OK
    return EXIT_OK
