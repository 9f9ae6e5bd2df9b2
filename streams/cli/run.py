"""``raqib run``: embedded broker + worker + replay of ``seeds/``, alerts on screen until Ctrl-C.

Fails loudly: settings and ports are checked before anything starts
(:mod:`streams.cli.preflight`); the dashboard address is printed once the worker's own
web server answers on it; when the worker dies, its error is printed and the command
exits non-zero instead of watching a dead pipeline.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys
from pathlib import Path

from streams.cli.common import EXIT_OK, EXIT_UNAVAILABLE, SEEDS, report_reject
from streams.settings import Settings

WEB_STARTUP_TIMEOUT = 180.0


class WorkerDied(Exception):
    """The worker this command started has exited."""


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``raqib run`` to the command line."""
    p = sub.add_parser("run", help="embedded broker + worker + replay of seeds/, alerts on screen")
    p.add_argument("paths", nargs="*", type=Path, help="what to replay (default: seeds/)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Start a broker and a worker, replay, then show alerts until Ctrl-C."""
    from aiokafka.errors import KafkaError

    from connectors.files import read_paths
    from streams.cli.client import Collector, replay
    from streams.cli.pipeline import pipeline
    from streams.cli.preflight import preflight
    from streams.cli.render import render_alert
    from streams.core.model import Alert

    if code := preflight(settings, web_port=True, reuse_broker=False):
        return code
    paths = args.paths or [SEEDS]
    color = sys.stdout.isatty()
    with pipeline(settings, reuse=False, web_port=settings.web_port) as running:
        url, worker_log = running.url, running.worker_log
        print(f"raqib: broker at {url}")
        if worker_log:
            print(f"raqib: worker log at {worker_log}")
        if not running.wait_until_serving(WEB_STARTUP_TIMEOUT):
            print(
                running.failure()
                if not running.alive()
                else f"raqib: error: the worker's web server did not answer on port "
                f"{settings.web_port} within {WEB_STARTUP_TIMEOUT:.0f}s (log: {worker_log})",
                file=sys.stderr,
            )
            return EXIT_UNAVAILABLE
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
            if not running.alive():
                raise WorkerDied
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
                    if not running.alive():
                        raise WorkerDied
            finally:
                await collector.stop()

        async def watched() -> None:
            """``main`` until it ends or something it relies on dies (checked twice a second:
            a client waiting on a dead broker would wait for its own timeouts).
            """
            task = asyncio.ensure_future(main())
            while not task.done():
                await asyncio.wait({task}, timeout=0.5)
                if not task.done() and not running.alive():
                    task.cancel()
                    with contextlib.suppress(asyncio.CancelledError, Exception):
                        await task
                    raise WorkerDied
            task.result()

        try:
            with contextlib.suppress(KeyboardInterrupt):
                asyncio.run(watched())
        except (WorkerDied, KafkaError, OSError) as exc:
            if not running.ended(within=2.0):  # the broker does not answer, though nothing died
                print(
                    f"raqib: error: the broker at {url} did not answer: {type(exc).__name__}: "
                    f"{exc}",
                    file=sys.stderr,
                )
            else:
                print(running.failure(), file=sys.stderr)
            return EXIT_UNAVAILABLE
    print("\nraqib: stopped")
    return EXIT_OK
