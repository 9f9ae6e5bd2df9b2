"""What a bench run measured, and the table ``raqib bench`` prints."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["BenchResult", "PipelineRun", "profile_summary", "report"]


@dataclass
class PipelineRun:
    """One whole-pipeline run: ``workers`` workers on a pre-loaded topic of ``articles``.

    ``per_s``: articles/s from 1 % to 100 % of the topic; ``cpu_share``: the workers' CPU
    seconds per wall second over the same stretch (1.0 = one core busy); ``rss_mb``: the
    largest worker's RSS after 25 %, 50 % and 100 % of the articles.
    """

    workers: int
    articles: int
    per_s: float = 0.0
    cpu_share: float = 0.0
    rss_mb: dict[int, float] = field(default_factory=dict)

    @property
    def per_core(self) -> float:
        """Articles/s per busy worker core: what one core of worker CPU carries."""
        return self.per_s / self.cpu_share if self.cpu_share else 0.0


@dataclass
class BenchResult:
    """Every figure of one bench run (articles/s, latency, memory, notes).

    The headline pipeline run is the one with the most workers (:attr:`headline`); the
    others are there to show how the pipeline scales with workers.
    """

    articles: int
    raw_per_s: float = 0.0
    extract_per_s: float = 0.0
    extract_en_per_s: float = 0.0  # English (issue 21); in the table, not in the final line
    logic_per_core: float = 0.0
    logic_articles: int = 0
    runs: list[PipelineRun] = field(default_factory=list)
    p50_ms: float = 0.0
    p99_ms: float = 0.0
    latency_samples: int = 0
    # per hop: (name, median ms over all alerts, mean ms over the slowest 1 %)
    latency_hops: list[tuple[str, float, float]] = field(default_factory=list)
    latency_load: float = 0.0  # the machine's 1-minute load average after the latency run
    notes: list[str] = field(default_factory=list)

    @property
    def headline(self) -> PipelineRun:
        """The run with the most workers (an empty run when none was measured)."""
        if not self.runs:
            return PipelineRun(workers=0, articles=0)
        return max(self.runs, key=lambda r: (r.workers, r.articles))

    @property
    def pipeline_per_s(self) -> float:
        """Articles/s of the headline run."""
        return self.headline.per_s

    def tax_of(self, run: PipelineRun) -> float:
        """``run``'s articles/s per busy worker core over the logic's articles/s per core.

        1.0: carrying articles between stages costs nothing; 0.5: the stream costs as much
        CPU as the work itself.
        """
        return run.per_core / self.logic_per_core if self.logic_per_core else 0.0

    @property
    def tax(self) -> float:
        """:meth:`tax_of` the headline run."""
        return self.tax_of(self.headline)

    def line(self) -> str:
        """The one-line summary ``bench: pipeline_per_s=... ...`` scripts can grep."""
        rss = self.headline.rss_mb
        checkpoints = sorted(rss)
        first = rss[checkpoints[0]] if checkpoints else 0.0
        last = rss[checkpoints[-1]] if checkpoints else 0.0
        return (
            f"bench: pipeline_per_s={self.pipeline_per_s:.0f} "
            f"logic_per_core={self.logic_per_core:.0f} tax={self.tax:.2f} "
            f"extract_per_s={self.extract_per_s:.0f} p50_ms={self.p50_ms:.0f} "
            f"p99_ms={self.p99_ms:.0f} rss_mb_25k={first:.0f} rss_mb_100k={last:.0f}"
        )


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def report(result: BenchResult) -> str:
    """The table ``raqib bench`` prints, ending with :meth:`BenchResult.line`."""
    rows = [
        ("extraction alone (1 core)", f"{result.extract_per_s:,.0f} articles/s"),
        ("extraction alone, English (1 core)", f"{result.extract_en_per_s:,.0f} articles/s"),
        (
            f"whole logic, no broker ({result.logic_articles:,} articles, 1 core)",
            f"{result.logic_per_core:,.0f} articles/s",
        ),
    ]
    for run in sorted(result.runs, key=lambda r: r.workers):
        name = f"pipeline, {_plural(run.workers, 'worker')} ({run.articles:,} articles)"
        rows += [
            (name, f"{run.per_s:,.0f} articles/s"),
            ("  workers' CPU", f"{run.cpu_share:.0%} of one core"),
            ("  per busy worker core", f"{run.per_core:,.0f} articles/s"),
            ("  tax (per busy core / logic per core)", f"{result.tax_of(run):.2f}"),
        ]
    rows += [
        ("raw passthrough (aiokafka consumer; information)", f"{result.raw_per_s:,.0f} articles/s"),
        (f"alert latency p50 ({result.latency_samples} alerts)", f"{result.p50_ms:,.0f} ms"),
        ("alert latency p99", f"{result.p99_ms:,.0f} ms"),
        ("  machine load average then (1 min)", f"{result.latency_load:.1f}"),
    ]
    rows += [
        (f"  hop {name}", f"median {everyone:,.0f} ms; {slow:,.0f} ms in the slowest 1 % of alerts")
        for name, everyone, slow in result.latency_hops
    ]
    rows += [
        (f"largest worker RSS after {n:,} articles", f"{mb:,.0f} MB")
        for n, mb in sorted(result.headline.rss_mb.items())
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
