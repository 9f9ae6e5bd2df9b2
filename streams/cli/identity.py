"""Worker tables belong to one broker: its identity is recorded beside them and checked.

A worker keeps its tables (RocksDB, under ``<data_dir>/tables``) across restarts, and
reads only the changelog's tail when it comes back. That is right as long as the
changelogs it mirrors are still there. The embedded broker keeps everything in memory:
after it restarts, the tables describe events of a broker that is gone. A replay then
found every claim already on the table and raised no alert (issue 22), while the
dashboard showed the old events.

So the worker records the cluster id of its broker (Kafka's Metadata ``cluster_id``;
every embedded broker raqib starts gets a new one, ``raqib-<uuid>``) in
``<data_dir>/tables/broker-identity.json``. At start, tables recorded for another
cluster, or with no record, are discarded with a log line and rebuilt from this
broker's changelogs. A production Kafka cluster keeps its id across restarts, so its
workers keep their tables.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import shutil
from pathlib import Path

from streams.settings import Settings

log = logging.getLogger(__name__)

IDENTITY_FILE = "broker-identity.json"


async def cluster_id(settings: Settings, broker_url: str, timeout: float = 10.0) -> str | None:
    """The cluster id the broker reports in its Metadata, or None when it cannot be had."""
    from aiokafka.admin import AIOKafkaAdminClient

    from streams.topics import client_options

    admin = AIOKafkaAdminClient(
        **client_options(settings, broker_url), request_timeout_ms=int(timeout * 1000)
    )
    try:
        await asyncio.wait_for(admin.start(), timeout)
        described = await asyncio.wait_for(admin.describe_cluster(), timeout)
    except Exception as exc:  # the worker will say more when it connects
        log.warning("could not read the broker's cluster id: %r", exc)
        return None
    finally:
        with contextlib.suppress(Exception):  # closing a client that never connected
            await asyncio.wait_for(admin.close(), timeout)
    found = described.get("cluster_id")
    return str(found) if found else None


def tables_dir(settings: Settings) -> Path:
    """Where the worker's tables live (Faust's ``datadir``)."""
    return settings.data_dir / "tables"


def recorded_cluster(directory: Path) -> str | None:
    """The cluster id recorded beside the tables in ``directory``, or None."""
    try:
        found = json.loads((directory / IDENTITY_FILE).read_text()).get("cluster_id")
    except (OSError, ValueError, AttributeError):
        return None
    return str(found) if found else None


def check_tables(directory: Path, cluster: str | None, broker_url: str) -> bool:
    """Keep the tables in ``directory`` only if they belong to ``cluster``; record it.

    Returns True when tables were discarded. With no cluster id to compare (a broker
    that does not report one, or did not answer), the tables are left as they are.
    """
    if cluster is None:
        return False
    recorded = recorded_cluster(directory)
    discarded = False
    if recorded != cluster and directory.exists() and any(directory.iterdir()):
        log.warning(
            "discarding the tables in %s: they were built against %s, and this broker (%s) "
            "is cluster %s; they are rebuilt from its changelogs",
            directory,
            f"cluster {recorded}" if recorded else "a broker not recorded",
            broker_url,
            cluster,
        )
        shutil.rmtree(directory)
        discarded = True
    if recorded != cluster or discarded:
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        (directory / IDENTITY_FILE).write_text(
            json.dumps({"cluster_id": cluster, "broker": broker_url})
        )
    return discarded
