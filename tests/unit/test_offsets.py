"""The end-offset probe: one Fetch per leader at each partition's last listed batch."""

from __future__ import annotations

from types import SimpleNamespace

from streams.offsets import PROBE_WAIT_MS, highwaters_from_fetch, probe_requests


def test_one_probe_per_leader_at_the_base_of_the_last_listed_batch():
    listed = {("a", 0): 101, ("a", 1): 0, ("b", 0): 5, ("c", 0): 9}
    leaders = {("a", 0): 1, ("a", 1): 1, ("b", 0): 2, ("c", 0): None}

    requests = probe_requests(listed, leaders.get)

    assert set(requests) == {1, 2}, "empty partitions and ones without a leader are not probed"
    assert [(t, [p[:2] for p in ps]) for t, ps in requests[1].topics] == [("a", [(0, 100)])]
    assert [(t, [p[:2] for p in ps]) for t, ps in requests[2].topics] == [("b", [(0, 4)])]
    wait = requests[1]._max_wait_ms  # noqa: SLF001 - aiokafka's request keeps it private
    assert wait == PROBE_WAIT_MS > 0, "Tansu answers a zero wait with nothing"


def test_a_fetch_response_gives_the_high_watermarks_of_partitions_without_errors():
    response = SimpleNamespace(
        topics=[
            ("a", [(0, 0, 107, 107, 0, [], b""), (1, 6, -1, -1, 0, [], b"")]),
            ("b", [(0, 0, 5, 5, 0, [], b"")]),
        ]
    )
    assert highwaters_from_fetch(response) == {("a", 0): 107, ("b", 0): 5}
