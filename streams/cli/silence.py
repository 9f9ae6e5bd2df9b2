"""``raqib silence TARGET --for 4h`` / ``--list`` / ``--remove ID``: mute alerts for a while.

TARGET is an event id or a source name (an ``attributed_to`` phrase such as
``المرصد السوري لحقوق الإنسان``, or an outlet such as ``example.org``);
``--kind`` restricts it to one of the two. Muted alerts are still produced on the
alert topic and shown on the dashboard (flagged), but not posted to webhooks.
Silences are messages on ``<prefix>silences``, shared by every worker.
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import json
import sys
import time
from collections.abc import Coroutine
from datetime import UTC, datetime
from typing import Any, TypeVar

from streams.cli.common import EXIT_OK, EXIT_UNAVAILABLE, EXIT_USAGE, print_json
from streams.settings import Settings
from streams.sinks.exceptions import SilenceError
from streams.sinks.silences import (
    KINDS,
    Silence,
    active_silences,
    apply_message,
    new_silence,
    parse_duration,
    removal_message,
)

T = TypeVar("T")
BROKER_DEADLINE = 60.0


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``raqib silence`` to the command line."""
    p = sub.add_parser("silence", help="mute alerts about an event or a source for a while")
    p.add_argument("target", nargs="?", help="event id or source name")
    p.add_argument(
        "--for", dest="duration", default="4h", help="how long: 30m, 4h, 2d (default 4h)"
    )
    p.add_argument(
        "--kind", choices=KINDS, default="any", help="match TARGET as event, source or either"
    )
    p.add_argument("--comment", default=None, help="why (shown in --list)")
    p.add_argument("--list", action="store_true", help="list active silences")
    p.add_argument("--remove", metavar="ID", help="remove the silence with this id")
    p.add_argument("--jsonl", action="store_true", help="print silences as JSON lines")
    p.set_defaults(func=run)


async def read_silences(settings: Settings, broker_url: str) -> dict[str, Silence]:
    """Every silence on the silences topic now (id → silence)."""
    from streams.cli.client import read_topic
    from streams.sinks.silences import silences_topic
    from streams.topics import ensure_topics

    topic = silences_topic(settings)
    await ensure_topics(settings, broker_url, [topic])
    silences: dict[str, Silence] = {}
    for message in sorted(
        await read_topic(settings, broker_url, topic), key=lambda m: (m.timestamp_ms, m.offset)
    ):
        try:
            silences = apply_message(silences, json.loads(message.value))
        except (TypeError, ValueError):
            continue
    return silences


async def publish(settings: Settings, broker_url: str, key: str, message: dict) -> None:
    """Send one silence message (or removal) to the silences topic."""
    from aiokafka import AIOKafkaProducer

    from streams.sinks.silences import silences_topic
    from streams.topics import client_options, ensure_topics

    topic = silences_topic(settings)
    await ensure_topics(settings, broker_url, [topic])
    producer = AIOKafkaProducer(**client_options(settings, broker_url))
    await producer.start()
    try:
        await producer.send_and_wait(
            topic,
            key=key.encode(),
            value=json.dumps(message, ensure_ascii=False).encode("utf-8"),
        )
    finally:
        await producer.stop()


def describe(silence: Silence, now: float) -> str:
    """One line about a silence: id, what it mutes, until when."""
    left = max(0, int(silence.ends_at - now))
    until = datetime.fromtimestamp(silence.ends_at, UTC).strftime("%Y-%m-%d %H:%M UTC")
    hours, rest = divmod(left, 3600)
    text = f"{silence.id}  {silence.kind:6} {silence.matcher}  until {until} ({hours}h{rest // 60:02d}m left)"
    if silence.created_by:
        text += f"  by {silence.created_by}"
    if silence.comment:
        text += f"  — {silence.comment}"
    return text


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Add, list or remove silences on the broker the workers read.

    With no broker to record it on (no ``RAQIB_BROKER``, no embedded broker running here),
    or a broker that does not answer, it says so and exits 4: a silence kept nowhere would
    mute nothing.
    """
    from aiokafka.errors import KafkaError

    from streams.cli.broker import NO_BROKER, existing_broker

    if not args.list and not args.remove and not args.target:
        print(
            "raqib: error: give an event id or source to silence, --list or --remove ID",
            file=sys.stderr,
        )
        return EXIT_USAGE
    url = existing_broker(settings)
    if url is None:
        what = "listed" if args.list else "removed" if args.remove else "recorded"
        print(
            f"raqib: error: {NO_BROKER.format(data_dir=settings.data_dir)}; no silence was {what}",
            file=sys.stderr,
        )
        return EXIT_UNAVAILABLE
    try:
        return _run(args, settings, url)
    except (KafkaError, OSError, TimeoutError) as exc:
        print(
            f"raqib: error: the broker at {url} did not answer ({type(exc).__name__}: {exc}); "
            "nothing was changed",
            file=sys.stderr,
        )
        return EXIT_UNAVAILABLE


def _run(args: argparse.Namespace, settings: Settings, url: str) -> int:
    now = time.time()
    if args.list:
        current = active_silences(_sync(read_silences(settings, url)).values(), now)
        for silence in current:
            if args.jsonl:
                print_json(silence.to_message())
            else:
                print(describe(silence, now))
        if not current and not args.jsonl:
            print("raqib: no active silences")
        return EXIT_OK
    if args.remove:
        existing = _sync(read_silences(settings, url))
        if args.remove not in existing:
            print(f"raqib: error: no silence with id {args.remove!r}", file=sys.stderr)
            return EXIT_USAGE
        _sync(publish(settings, url, args.remove, removal_message(args.remove, now)))
        print(f"raqib: silence {args.remove} removed")
        return EXIT_OK
    try:
        silence = new_silence(
            args.target,
            parse_duration(args.duration),
            now,
            kind=args.kind,
            created_by=_user(),
            comment=args.comment,
        )
    except SilenceError as exc:
        print(f"raqib: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    _sync(publish(settings, url, silence.id, silence.to_message()))
    if args.jsonl:
        print_json(silence.to_message())
    else:
        print(f"raqib: silenced: {describe(silence, now)}")
    return EXIT_OK


def _sync(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run ``coroutine`` with a deadline: a broker that does not answer is an error."""
    return asyncio.run(asyncio.wait_for(coroutine, BROKER_DEADLINE))


def _user() -> str | None:
    try:
        return getpass.getuser()
    except Exception:
        return None
