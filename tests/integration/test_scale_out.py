"""Several workers share the work; rebalances and crashes lose nothing and repeat no alert."""

from __future__ import annotations

import json
import signal
import urllib.request

import pytest

from connectors.files import read_paths
from streams.client import read_topic, replay

pytestmark = pytest.mark.integration


def _corpus(seeds_dir):
    return list(read_paths([seeds_dir, seeds_dir / "eval-dev" / "articles.jsonl"]))


def _event_tables(ports: list[int], event_ids: set[str]) -> dict[str, set[str]]:
    """Claim ids on each event's table, united over the workers' web servers."""
    tables: dict[str, set[str]] = {}
    for event_id in event_ids:
        for port in ports:
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/api/events/{event_id}", timeout=5
                ) as r:
                    view = json.load(r)
            except OSError:
                continue
            tables.setdefault(event_id, set()).update(view.get("claim_ids", []))
    return tables


async def _alert_ids_on_topic(pipeline) -> list[str]:
    messages = await read_topic(
        pipeline.settings, pipeline.broker.url, pipeline.settings.topic_alerts
    )
    return [m.headers["ce_id"].decode() for m in messages]


async def _reference_alert_ids(make_pipeline, corpus) -> set[str]:
    single = make_pipeline()
    single.start_worker()
    result = await replay(
        single.settings, single.broker.url, corpus, idle_timeout=90, alive=single.alive
    )
    assert not result.missing, single.worker_log()
    single.stop()
    return {a.id for a in result.alerts}


async def _assert_nothing_lost_and_no_alert_twice(pipeline, result, expected_alerts) -> None:
    """Every article processed, every expected alert on the topic exactly once (same ids as
    the one-worker reference), every claim on its event's table."""
    assert not result.missing, pipeline.worker_log(0) + pipeline.worker_log(1)
    ids_on_topic = await _alert_ids_on_topic(pipeline)
    assert sorted(ids_on_topic) == sorted(set(ids_on_topic)), "an alert was emitted twice"
    assert set(ids_on_topic) == expected_alerts, "the same replay must give the same alert ids"

    by_event: dict[str, set[str]] = {}
    for claim in result.claims:
        by_event.setdefault(claim.event, set()).add(claim.id)
    tables = _event_tables(pipeline.web_ports, set(by_event))
    for event_id, claim_ids in by_event.items():
        assert claim_ids <= tables.get(event_id, set()), (
            f"claims missing from the table of {event_id}"
        )


async def test_two_workers_with_a_rebalance_mid_replay_lose_nothing_and_alert_once(
    make_pipeline, seeds_dir
):
    corpus = _corpus(seeds_dir)
    expected_alerts = await _reference_alert_ids(make_pipeline, corpus)
    assert expected_alerts

    pipeline = make_pipeline()
    pipeline.start_worker()

    async def second_worker_halfway(n: int) -> None:
        if n == len(corpus) // 2:
            pipeline.start_worker()

    result = await replay(
        pipeline.settings,
        pipeline.broker.url,
        corpus,
        idle_timeout=120,
        alive=pipeline.alive,
        pace=4,
        on_produced=second_worker_halfway,
    )
    await _assert_nothing_lost_and_no_alert_twice(pipeline, result, expected_alerts)


async def test_a_worker_killed_mid_replay_and_restarted_loses_no_claim_and_repeats_no_alert(
    make_pipeline, seeds_dir
):
    corpus = _corpus(seeds_dir)
    expected_alerts = await _reference_alert_ids(make_pipeline, corpus)

    pipeline = make_pipeline(RAQIB_STORE="rocksdb://")
    first = pipeline.start_worker()
    pipeline.start_worker()
    restarted: list[bool] = []

    async def kill_and_restart(n: int) -> None:
        if n == len(corpus) // 2 and not restarted:
            first.send_signal(signal.SIGKILL)
            first.wait(10)
            restarted.append(True)
            # same data dir as the killed worker: it recovers from its RocksDB store and the changelog
            pipeline.workers[0] = pipeline.spawn_again(0)

    result = await replay(
        pipeline.settings,
        pipeline.broker.url,
        corpus,
        idle_timeout=150,
        alive=pipeline.alive,
        pace=4,
        on_produced=kill_and_restart,
    )
    assert restarted
    await _assert_nothing_lost_and_no_alert_twice(pipeline, result, expected_alerts)
