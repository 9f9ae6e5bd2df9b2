"""``raqib run``: embedded broker + worker + replay of ``seeds/``, alerts on screen until Ctrl-C."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys
from pathlib import Path

from streams.cli.common import EXIT_OK, SEEDS, report_reject
from streams.settings import Settings


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``raqib run`` to the command line."""
    p = sub.add_parser("run", help="embedded broker + worker + replay of seeds/, alerts on screen")
    p.add_argument("paths", nargs="*", type=Path, help="what to replay (default: seeds/)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Start a broker and a worker, replay, then show alerts until Ctrl-C."""
    from connectors.files import read_paths
    from streams.cli.client import Collector, replay
    from streams.cli.render import render_alert
    from streams.cli.replay import pipeline
    from streams.core.model import Alert

    paths = args.paths or [SEEDS]
    color = sys.stdout.isatty()
    with pipeline(settings, reuse=False, web_port=settings.web_port) as running:
        url, worker_log = running.url, running.worker_log
        print(f"raqib: broker at {url}")
        if worker_log:
            print(f"raqib: worker log at {worker_log}")
        print(f"raqib: dashboard at http://{settings.web_host}:{settings.web_port}/")
        print(
            f"raqib: replaying {', '.join(map(str, paths))}; alerts appear below. Ctrl-C stops.",
            flush=True,
        )

        async def main() -> None:
            seen: set[str] = set()

            def show(alert: Alert) -> None:
                if alert.id not in seen:
                    seen.add(alert.id)
                    print(render_alert(alert, color=color) + "\n", flush=True)

            result = await replay(
                settings,
                url,
                read_paths(paths, settings.max_article_bytes),  # read as it is produced
                idle_timeout=120,
                on_alert=show,
                on_reject=report_reject,
                alive=running.alive,
            )
            print(
                f"raqib: replayed {len(result.processed)} articles: {len(result.claims)} claims, "
                f"{len(result.alerts)} alerts. Watching for more alerts (Ctrl-C stops)...",
                flush=True,
            )
            collector = Collector(settings, url)
            await collector.start()
            try:
                async for topic, value in collector.messages(idle=3600):
                    if topic == settings.topic_alerts:
                        show(Alert.from_json(value))
            finally:
                await collector.stop()

        with contextlib.suppress(KeyboardInterrupt):
            asyncio.run(main())
    print("\nraqib: stopped")
    return EXIT_OK
