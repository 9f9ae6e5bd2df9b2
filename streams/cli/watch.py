"""``raqib watch [--jsonl] [--from-beginning]``: alerts in the terminal as they are raised.

Reads the alert topic outside any consumer group (every partition, from the end
or the beginning), like any consumer of raqib's public interface: the value is
the alert contract, the headers CloudEvents attributes. Redeliveries are dropped
by ``ce_id`` (the alert id when the header is missing). Runs until Ctrl-C, or
until ``--count`` alerts or ``--idle`` seconds without one. With no broker to watch (no
``RAQIB_BROKER``, no embedded broker running here) it says so and exits 4.

It follows the silences topic as the workers do: an alert a silence mutes is shown
marked ``MUTED`` with the silence's id (the workers did not post it). ``--jsonl``
prints the contract unchanged.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import sys
import time
from collections.abc import Callable

from streams.cli.common import EXIT_OK, EXIT_UNAVAILABLE, print_json
from streams.settings import Settings

log = logging.getLogger(__name__)

SILENCES_WAIT = 5.0


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``raqib watch`` to the command line."""
    p = sub.add_parser("watch", help="show contradiction alerts as they are raised")
    p.add_argument("--jsonl", action="store_true", help="print alerts as JSON lines (the contract)")
    p.add_argument(
        "--from-beginning",
        action="store_true",
        help="show every alert still on the topic first, then new ones",
    )
    p.add_argument("--count", type=int, default=0, help="exit after this many alerts")
    p.add_argument(
        "--idle", type=float, default=0.0, help="exit after this many seconds without an alert"
    )
    p.set_defaults(func=run)


async def watch_alerts(
    settings: Settings,
    broker_url: str,
    on_alert: Callable[[dict, str | None], None],
    *,
    from_beginning: bool = False,
    count: int = 0,
    idle: float = 0.0,
    on_ready: Callable[[], None] | None = None,
) -> int:
    """Call ``on_alert`` with each new alert's JSON (once per ``ce_id``) and the id of the
    silence that mutes it (or None); return how many.
    """
    from aiokafka import AIOKafkaConsumer

    from streams.sinks.silences import SilenceFeed
    from streams.topics import client_options, ensure_topics, seek_to_end, topic_partitions

    silences = SilenceFeed(settings, broker_url)
    silences.start()
    try:
        await asyncio.wait_for(silences.ready.wait(), SILENCES_WAIT)
    except TimeoutError:
        log.warning("silences not loaded within %.0fs: muted alerts are not marked yet",
                    SILENCES_WAIT)  # fmt: skip

    topic = settings.topic_alerts
    await ensure_topics(settings, broker_url, [topic])
    consumer = AIOKafkaConsumer(
        **client_options(settings, broker_url),
        enable_auto_commit=False,
        auto_offset_reset="earliest",
    )
    await consumer.start()
    seen: set[str] = set()
    shown = 0
    try:
        partitions = await topic_partitions(consumer, topic)
        consumer.assign(partitions)
        if from_beginning:
            await consumer.seek_to_beginning(*partitions)
        else:
            await seek_to_end(consumer, partitions)
        if on_ready:
            on_ready()
        last = time.monotonic()
        while True:
            batch = await consumer.getmany(timeout_ms=500)
            for records in batch.values():
                for record in records:
                    headers = dict(record.headers or ())
                    try:
                        value = json.loads(record.value)
                    except (TypeError, ValueError):
                        log.warning("undecodable alert at %s@%s", record.partition, record.offset)
                        continue
                    ce_id = headers.get("ce_id", b"").decode() or str(value.get("id"))
                    if ce_id in seen:
                        continue
                    seen.add(ce_id)
                    on_alert(value, _muting(value, silences.current()))
                    shown += 1
                    last = time.monotonic()
                    if count and shown >= count:
                        return shown
            if idle and time.monotonic() - last > idle:
                return shown
    finally:
        await consumer.stop()
        await silences.stop()


def _muting(value: dict, silences: list) -> str | None:
    """The id of the silence muting this alert now, or None (also for a malformed alert)."""
    from streams.core.model import Alert
    from streams.sinks.silences import matching_silence

    try:
        found = matching_silence(Alert.from_json(value), silences, time.time())
    except (KeyError, TypeError, ValueError):
        return None
    return found.id if found else None


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Show alerts as they are raised, until Ctrl-C (or ``--count``/``--idle``)."""
    from streams.cli.broker import NO_BROKER, existing_broker
    from streams.cli.render import render_alert
    from streams.core.model import Alert

    color = sys.stdout.isatty()

    def show(value: dict, muted: str | None) -> None:
        if args.jsonl:
            print_json(value)
            return
        try:
            rendered = render_alert(Alert.from_json(value), color=color, raw=value, muted=muted)
            print(rendered + "\n", flush=True)
        except (KeyError, TypeError, ValueError):
            print(json.dumps(value, ensure_ascii=False), flush=True)

    url = existing_broker(settings)
    if url is None:
        print(
            f"raqib: error: {NO_BROKER.format(data_dir=settings.data_dir)}: there are no alerts "
            "to watch. Start `raqib run` (or `raqib broker` and `raqib worker`) first.",
            file=sys.stderr,
        )
        return EXIT_UNAVAILABLE

    def ready() -> None:
        if not args.jsonl:
            print(
                f"raqib: watching {settings.topic_alerts} on {url} (Ctrl-C stops)",
                file=sys.stderr,
            )

    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(
            watch_alerts(
                settings,
                url,
                show,
                from_beginning=args.from_beginning,
                count=args.count,
                idle=args.idle,
                on_ready=ready,
            )
        )
    return EXIT_OK
