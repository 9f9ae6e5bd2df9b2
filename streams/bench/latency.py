"""Where an alert's latency goes, hop by hop, from timestamps the run already has.

An alert's article leaves the bench's producer, is written to ``extracted`` by the
extract agent, to ``claims`` by the resolve agent, to the alert topic by the
events agent, and is read by the bench. Kafka stamps every record with the time
its producer sent it, so five timestamps per alert split its latency into four
hops. The p50 and p99 alone say how slow; the hops of the slowest alerts say
where: in the worker's stages, or between the alert topic and its reader.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

HOPS = ("sent → extracted", "extracted → claims", "claims → alert", "alert → read")


@dataclass(frozen=True)
class Trace:
    """One alert's five timestamps, in seconds: sent, extracted, claims, alert, read."""

    stamps: tuple[float, float, float, float, float]

    @property
    def total_ms(self) -> float:
        """Sent to read, in milliseconds."""
        return (self.stamps[-1] - self.stamps[0]) * 1000

    @property
    def hops_ms(self) -> tuple[float, ...]:
        """Each hop's share of the latency, in milliseconds."""
        return tuple((b - a) * 1000 for a, b in zip(self.stamps, self.stamps[1:], strict=False))


def quantile_index(count: int, q: float) -> int:
    """The index of the ``q`` quantile in a sorted list of ``count`` (nearest rank, floor)."""
    return min(count - 1, int(count * q))


def hop_table(traces: Sequence[Trace], slowest: float = 0.01) -> list[tuple[str, float, float]]:
    """Per hop: the median over every alert, and the mean over the slowest ``slowest`` share.

    The slowest share is at least one alert: with 100 alerts, p99 is the slowest one.
    """
    if not traces:
        return []
    ordered = sorted(traces, key=lambda t: t.total_ms)
    tail = ordered[quantile_index(len(ordered), 1 - slowest) :]
    rows = []
    for index, name in enumerate(HOPS):
        everyone = statistics.median(t.hops_ms[index] for t in ordered)
        slow = statistics.fmean(t.hops_ms[index] for t in tail)
        rows.append((name, everyone, slow))
    return rows
