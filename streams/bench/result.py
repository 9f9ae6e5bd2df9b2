"""What a bench run measured, and the table ``raqib bench`` prints."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["BenchResult", "profile_summary", "report"]


@dataclass
class BenchResult:
    """Every figure of one bench run (articles/s, latency, memory, notes)."""

    articles: int
    workers: int = 1
    raw_per_s: float = 0.0
    extract_per_s: float = 0.0
    pipeline_per_s: float = 0.0
    p50_ms: float = 0.0
    p99_ms: float = 0.0
    latency_samples: int = 0
    # per hop: (name, median ms over all alerts, mean ms over the slowest 1 %)
    latency_hops: list[tuple[str, float, float]] = field(default_factory=list)
    worker_cpu_share: float = 0.0  # worker CPU seconds per wall second during the pipeline run
    rss_mb: dict[int, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        """Pipeline rate over raw passthrough rate (the target is 0.5)."""
        return self.pipeline_per_s / self.raw_per_s if self.raw_per_s else 0.0

    def line(self) -> str:
        """The one-line summary ``bench: pipeline_per_s=... ...`` scripts can grep."""
        checkpoints = sorted(self.rss_mb)
        first = self.rss_mb.get(checkpoints[0], 0.0) if checkpoints else 0.0
        last = self.rss_mb.get(checkpoints[-1], 0.0) if checkpoints else 0.0
        # four decimals: at two, every ratio below 0.005 printed as 0.00
        return (
            f"bench: pipeline_per_s={self.pipeline_per_s:.0f} raw_per_s={self.raw_per_s:.0f} "
            f"ratio={self.ratio:.4f} extract_per_s={self.extract_per_s:.0f} p50_ms={self.p50_ms:.0f} "
            f"p99_ms={self.p99_ms:.0f} rss_mb_25k={first:.0f} rss_mb_100k={last:.0f}"
        )


def report(result: BenchResult) -> str:
    """The table ``raqib bench`` prints, ending with :meth:`BenchResult.line`."""
    rows = [
        ("raw passthrough (aiokafka consumer)", f"{result.raw_per_s:,.0f} articles/s"),
        ("extraction alone (1 core)", f"{result.extract_per_s:,.0f} articles/s"),
        (
            f"whole pipeline ({result.workers} worker{'s' if result.workers > 1 else ''})",
            f"{result.pipeline_per_s:,.0f} articles/s",
        ),
        ("pipeline / raw", f"{result.ratio:.4f}"),
        ("workers' CPU during the pipeline run", f"{result.worker_cpu_share:.0%} of one core"),
        (f"alert latency p50 ({result.latency_samples} alerts)", f"{result.p50_ms:,.0f} ms"),
        ("alert latency p99", f"{result.p99_ms:,.0f} ms"),
    ]
    rows += [
        (f"  hop {name}", f"median {everyone:,.0f} ms; {slow:,.0f} ms in the slowest 1 % of alerts")
        for name, everyone, slow in result.latency_hops
    ]
    rows += [
        (f"largest worker RSS after {n:,} articles", f"{mb:,.0f} MB")
        for n, mb in sorted(result.rss_mb.items())
    ]
    width = max(len(r[0]) for r in rows)
    lines = [f"{name:<{width}}  {value}" for name, value in rows]
    lines += [f"note: {n}" for n in result.notes]
    lines.append(result.line())
    return "\n".join(lines)


def profile_summary(path: Path, top: int = 25) -> str:
    """The functions where the worker spent its own time, most first."""
    import io
    import pstats

    out = io.StringIO()
    stats = pstats.Stats(str(path), stream=out)
    stats.sort_stats("tottime").print_stats(top)
    return out.getvalue()
