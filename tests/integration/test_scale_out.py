"""Several workers share the work; rebalances and crashes lose nothing and repeat no alert."""

from __future__ import annotations

import asyncio
import json
import signal
import time
import urllib.request

import pytest

from connectors.files import read_paths
from streams.cli.client import ReplayResult, read_topic, replay
from streams.cli.worker import stop_process
from streams.core.alerts import conflict_key
from streams.core.model import Claim
from tests.conftest import FIXTURES, SEEDS
from tests.integration.test_offline_matches_stream import partition, resolver

pytestmark = pytest.mark.integration


def _corpus():
    """The seeds and the team's event sets: 52 articles, undated reports among dated ones,
    look-alikes, merges in some arrival orders. Two workers interleave articles differently
    from one; events and alert ids must not show it.
    """
    return list(
        read_paths(
            [
                SEEDS,
                FIXTURES / "events_check" / "articles.jsonl",
                FIXTURES / "events_order" / "articles.jsonl",
            ]
        )
    )


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


async def _alerts_on_topic(pipeline) -> list[tuple[str, dict]]:
    messages = await read_topic(
        pipeline.settings, pipeline.broker.url, pipeline.settings.topic_alerts
    )
    return [(m.headers["ce_id"].decode(), json.loads(m.value)) for m in messages]


def _contradictions(alerts) -> set[str]:
    """The pairs of statements the alerts report, whichever claim of a pair came last.

    Which claim is "new" depends on arrival order, which two workers interleave
    differently from one; the contradictions reported do not."""
    return {conflict_key(a.new, c) for a in alerts for c in a.conflicts_with}


def _statement(claim: Claim) -> str:
    """Enough of a claim to find it again when two runs disagree."""
    return (
        f"{claim.source} ({claim.attributed_to}): {claim.metric} {claim.min}-{claim.max} "
        f"(article {claim.article}, event {claim.event})"
    )


async def _reference(make_pipeline, corpus) -> ReplayResult:
    single = make_pipeline()
    single.start_worker()
    result = await replay(
        single.settings, single.broker.url, corpus, idle_timeout=90, alive=single.alive
    )
    assert not result.missing, single.worker_log()
    single.stop()
    return result


async def _assert_nothing_lost_and_no_alert_twice(pipeline, result, reference) -> None:
    """Every article processed, no alert id twice on the topic, the same events and alert
    ids as one worker made, every claim on its event's table."""
    expected = _contradictions(reference.alerts)
    assert not result.missing, pipeline.worker_log(0) + pipeline.worker_log(1)
    assert partition(result.claims, result.merges) == partition(reference.claims, reference.merges)
    assert {a.id for a in result.alerts} == {a.id for a in reference.alerts}
    on_topic = await _alerts_on_topic(pipeline)
    ids = [alert_id for alert_id, _ in on_topic]
    assert sorted(ids) == sorted(set(ids)), "an alert was emitted twice"
    reported: dict[str, str] = {}
    for _, alert in on_topic:
        new = Claim.from_json(alert["new"])
        for raw in alert["conflicts_with"]:
            old = Claim.from_json(raw)
            reported[conflict_key(new, old)] = f"{_statement(new)} vs {_statement(old)}"
    extra = {key: reported[key] for key in set(reported) - expected}
    assert set(reported) == expected, (
        f"the same replay must report the same contradictions; "
        f"not reported by one worker: {extra}; missing: {sorted(expected - set(reported))}"
    )

    final = resolver(result.merges)
    by_event: dict[str, set[str]] = {}
    for claim in result.claims:
        by_event.setdefault(final.get(claim.event, claim.event), set()).add(claim.id)
    tables = _event_tables(pipeline.web_ports, set(by_event))
    for event_id, claim_ids in by_event.items():
        assert claim_ids <= tables.get(event_id, set()), (
            f"claims missing from the table of {event_id}"
        )


async def test_two_workers_with_a_rebalance_mid_replay_lose_nothing_and_alert_once(make_pipeline):
    corpus = _corpus()
    reference = await _reference(make_pipeline, corpus)
    assert reference.alerts

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
    await _assert_nothing_lost_and_no_alert_twice(pipeline, result, reference)


async def test_a_worker_killed_mid_replay_and_restarted_loses_no_claim_and_repeats_no_alert(
    make_pipeline,
):
    corpus = _corpus()
    reference = await _reference(make_pipeline, corpus)

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
    await _assert_nothing_lost_and_no_alert_twice(pipeline, result, reference)


async def test_a_worker_that_takes_over_rebuilds_every_event_table_from_the_changelog(
    make_pipeline,
):
    """Recovery reads each changelog to its true end, the last batch's records included
    (the embedded broker lists the end of a partition at the start of its last batch)."""
    corpus = _corpus()
    pipeline = make_pipeline()
    pipeline.start_worker()
    result = await replay(
        pipeline.settings, pipeline.broker.url, corpus, idle_timeout=90, alive=pipeline.alive
    )
    assert not result.missing, pipeline.worker_log(0)
    final = resolver(result.merges)
    event_ids = {final.get(claim.event, claim.event) for claim in result.claims}
    served = _event_tables(pipeline.web_ports[:1], event_ids)
    assert sum(map(len, served.values())) == len({c.id for c in result.claims})

    stop_process(pipeline.workers[0])
    pipeline.start_worker()  # a new data dir: every table comes from the changelog
    successor = pipeline.web_ports[1:]
    deadline = time.monotonic() + 60
    while (recovered := _event_tables(successor, event_ids)) != served:
        if time.monotonic() > deadline:
            lost = {e: served[e] - recovered.get(e, set()) for e in served}
            raise AssertionError(f"claims not recovered: { {e: c for e, c in lost.items() if c} }")
        await asyncio.sleep(1)
