"""``raqib worker``: a stream-processing worker until Ctrl-C."""

from __future__ import annotations

import argparse
import asyncio
import sys

from streams.commands._common import EXIT_OK
from streams.settings import Settings


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("worker", help="run a stream-processing worker until Ctrl-C")
    p.set_defaults(func=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    from streams.broker import ensure_broker
    from streams.client import ensure_topics
    from streams.worker import run_worker

    with ensure_broker(settings.broker, settings.data_dir) as (url, started):
        if started is not None:
            print(
                f"raqib: no RAQIB_BROKER set; started an embedded broker at {url}", file=sys.stderr
            )
        asyncio.run(ensure_topics(settings, url))
        run_worker(settings, url)
    return EXIT_OK
