"""The latency split: per hop, the median over all alerts and the mean over the slowest."""

from __future__ import annotations

import pytest

from streams.bench.latency import HOPS, Trace, hop_table, quantile_index


def _trace(*hops_ms: float) -> Trace:
    stamps = [100.0]
    for hop in hops_ms:
        stamps.append(stamps[-1] + hop / 1000)
    return Trace(tuple(stamps))  # type: ignore[arg-type]


def test_a_trace_splits_its_total_into_four_hops():
    trace = _trace(10, 20, 30, 40)
    assert trace.hops_ms == pytest.approx((10, 20, 30, 40))
    assert trace.total_ms == pytest.approx(100)


def test_the_slowest_alerts_show_which_hop_their_time_went_to():
    # 99 alerts at 100 ms, spread evenly; one at 900 ms, stuck between claims and alert
    traces = [_trace(25, 25, 25, 25)] * 99 + [_trace(25, 25, 825, 25)]
    rows = hop_table(traces)
    assert [name for name, _, _ in rows] == list(HOPS)
    medians = [everyone for _, everyone, _ in rows]
    slowest = [slow for _, _, slow in rows]
    assert medians == pytest.approx([25, 25, 25, 25])
    assert slowest == pytest.approx([25, 25, 825, 25])


def test_the_slowest_share_is_at_least_one_alert_and_no_alerts_give_no_rows():
    assert hop_table([_trace(1, 1, 1, 1), _trace(1, 1, 1, 9)], slowest=0.01)[3][2] == pytest.approx(
        9
    )
    assert hop_table([]) == []


def test_the_p99_index_is_the_nearest_rank_below():
    assert quantile_index(100, 0.99) == 99
    assert quantile_index(1000, 0.99) == 990
    assert quantile_index(1, 0.99) == 0
