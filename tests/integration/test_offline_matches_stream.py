"""One batch step, two paths: the offline runner and the stream make the same events and the
same alerts, ids included, though the broker interleaves the articles by partition.
"""

from __future__ import annotations

import pytest

from connectors.files import read_paths
from streams.core.offline import run_offline
from tests.conftest import FIXTURES, SEEDS

pytestmark = pytest.mark.integration

CORPUS = [
    SEEDS,
    FIXTURES / "events_check" / "articles.jsonl",
    FIXTURES / "events_order" / "articles.jsonl",
]


def resolver(merges) -> dict[str, str]:
    """Retired event id -> the id it answers to at the end (chains followed)."""
    parent = {retired: survivor for survivor, retired_ids in merges for retired in retired_ids}

    def final(event: str) -> str:
        seen = set()
        while event in parent and event not in seen:
            seen.add(event)
            event = parent[event]
        return event

    return {retired: final(retired) for retired in parent}


def partition(claims, merges) -> set[frozenset[str]]:
    alias = resolver(merges)
    groups: dict[str, set[str]] = {}
    for claim in claims:
        groups.setdefault(alias.get(claim.event, claim.event), set()).add(claim.article)
    return {frozenset(g) for g in groups.values()}


def offline_merges(result) -> list[tuple[str, list[str]]]:
    return [(p.event, list(p.merged)) for p in result.progress if p.merged]


async def test_the_offline_runner_and_a_worker_make_the_same_events_and_alert_ids(make_pipeline):
    offline = run_offline(read_paths(CORPUS))
    pipeline = make_pipeline()
    pipeline.start_worker()
    streamed = await pipeline.replay(CORPUS)
    assert not streamed.missing, pipeline.worker_log()
    assert {c.id for c in streamed.claims} == {c.id for c in offline.claims}
    assert partition(streamed.claims, streamed.merges) == partition(
        offline.claims, offline_merges(offline)
    )
    assert {a.id for a in streamed.alerts} == {a.id for a in offline.alerts}
    final = resolver(streamed.merges)
    assert {final.get(c.event, c.event) for c in streamed.claims} == {
        e for e, s in offline.events.items() if s.alias_of is None
    }
