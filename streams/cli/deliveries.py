"""``raqib deliveries list|retry|drop``: the webhook delivery outbox of this deployment.

Reads and changes ``RAQIB_DELIVERY_STORE`` (default ``<RAQIB_DATA_DIR>/deliveries.sqlite``),
the file the workers post from (:mod:`streams.sinks.store`); no broker is needed. A
running worker sees a change within seconds; otherwise the next worker acts on it.

- ``list``: deliveries waiting (pending) or given up (failed), oldest first; ``--status``
  picks one status, ``--all`` shows every row; ``--jsonl`` prints JSON lines.
- ``retry ID...`` / ``retry --all``: make failed or waiting deliveries due now, with a new
  horizon (``RAQIB_DELIVERY_HORIZON``). An ID is an alert id or an update's id.
- ``drop ID...``: never post these deliveries.

Exit codes: 0 done, 1 an ID matched nothing (or there is no outbox to change).
"""

from __future__ import annotations

import argparse
import sys
import time

from streams.cli.common import EXIT_INPUT_ERRORS, EXIT_OK, print_json
from streams.settings import Settings
from streams.sinks.store import FAILED, PENDING, STATUSES, Delivery, DeliveryStore


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``raqib deliveries`` to the command line."""
    p = sub.add_parser("deliveries", help="list, retry or drop webhook deliveries")
    actions = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    listing = actions.add_parser("list", help="deliveries waiting or given up")
    listing.add_argument("--status", choices=STATUSES, help="only deliveries of this status")
    listing.add_argument("--all", action="store_true", help="every delivery, delivered too")
    listing.add_argument("--jsonl", action="store_true", help="one JSON object per line")
    listing.add_argument("--limit", type=int, default=1000, help="at most this many rows")
    retry = actions.add_parser("retry", help="post failed or waiting deliveries now")
    retry.add_argument("ids", nargs="*", metavar="ID", help="alert ids or update ids")
    retry.add_argument("--all", action="store_true", help="every failed or waiting delivery")
    drop = actions.add_parser("drop", help="never post these deliveries")
    drop.add_argument("ids", nargs="+", metavar="ID", help="alert ids or update ids")
    p.set_defaults(func=run)


def _age(seconds: float) -> str:
    seconds = max(0.0, seconds)
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size:
            return f"{seconds / size:.0f}{unit}"
    return f"{seconds:.0f}s"


def describe(row: Delivery, now: float) -> str:
    """One line of ``raqib deliveries list``."""
    parts = [
        f"{row.alert_id:<17}",
        f"{row.sink or row.receiver:<28}",
        f"{row.status:<9}",
        f"{row.attempts:>3} attempts",
        f"{_age(now - row.created_at):>4} old",
    ]
    if row.status == PENDING:
        when = max(row.due_at, row.next_attempt_at)
        parts.append("due now" if when <= now else f"next in {_age(when - now)}")
    parts.append(f"event {row.event}")
    if row.last_error:
        parts.append(f"— {row.last_error}")
    return "  ".join(parts)


def run(args: argparse.Namespace, settings: Settings) -> int:
    """List, retry or drop deliveries of this deployment's outbox."""
    path = settings.delivery_store_path
    if not path.exists():
        if args.action == "list":
            print(f"raqib: no delivery outbox at {path} (nothing was ever posted here)",
                  file=sys.stderr)  # fmt: skip
            return EXIT_OK
        print(f"raqib: error: no delivery outbox at {path} (set RAQIB_DELIVERY_STORE or "
              "RAQIB_DATA_DIR)", file=sys.stderr)  # fmt: skip
        return EXIT_INPUT_ERRORS
    now = time.time()
    with DeliveryStore(path) as store:
        if args.action == "list":
            rows = (
                store.deliveries(args.status, args.limit)
                if args.status or args.all
                else [
                    r for r in store.deliveries(None, args.limit) if r.status in (PENDING, FAILED)
                ]
            )
            for row in rows:
                print_json(row.to_json()) if args.jsonl else print(describe(row, now))
            if not args.jsonl:
                counts = store.counts()
                print(
                    f"raqib: {path}: " + (", ".join(f"{n} {s}" for s, n in sorted(counts.items()))
                                          or "empty"),
                    file=sys.stderr,
                )  # fmt: skip
            return EXIT_OK
        if args.action == "retry":
            if not args.ids and not args.all:
                print("raqib: error: give alert or update ids, or --all", file=sys.stderr)
                return EXIT_INPUT_ERRORS
            ids = None if args.all else args.ids
            changed = store.retry(ids, now=now, horizon=settings.delivery_horizon)
            verb = "due now"
        else:
            changed = store.drop(args.ids, now=now)
            verb = "dropped"
    print(f"raqib: {changed} deliveries {verb}", file=sys.stderr)
    if changed == 0 and getattr(args, "ids", None):
        print("raqib: error: no pending or failed delivery matches " + ", ".join(args.ids),
              file=sys.stderr)  # fmt: skip
        return EXIT_INPUT_ERRORS
    return EXIT_OK
