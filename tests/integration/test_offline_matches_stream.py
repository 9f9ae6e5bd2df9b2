"""One batch step, two paths: the offline runner and the stream agree on what they make.

The broker interleaves articles by partition, so which report founds an event (its id)
and which claim of a contradicting pair arrives second (the alert's "new" claim) may
differ; the partition of articles into events and the contradictions reported may not.
"""

from __future__ import annotations

import pytest

from connectors.files import read_paths
from streams.core.alerts import conflict_key
from streams.core.pipeline import run_offline
from tests.conftest import FIXTURES

pytestmark = pytest.mark.integration


def _partition(claims) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for claim in claims:
        groups.setdefault(claim.event, set()).add(claim.article)
    return {frozenset(g) for g in groups.values()}


def _contradictions(alerts) -> set[str]:
    return {conflict_key(a.new, c) for a in alerts for c in a.conflicts_with}


async def test_the_offline_runner_and_a_worker_make_the_same_events_and_contradictions(
    make_pipeline,
):
    paths = [FIXTURES / "events_check" / "articles.jsonl"]  # grouped alike in any order
    offline = run_offline(read_paths(paths))
    pipeline = make_pipeline()
    pipeline.start_worker()
    streamed = await pipeline.replay(paths)
    assert not streamed.missing, pipeline.worker_log()
    assert {c.id for c in streamed.claims} == {c.id for c in offline.claims}
    assert _partition(streamed.claims) == _partition(offline.claims)
    assert _contradictions(streamed.alerts) == _contradictions(offline.alerts)
