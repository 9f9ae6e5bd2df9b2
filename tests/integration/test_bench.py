"""`raqib bench` end to end on the embedded broker, on a corpus small enough for CI.

Figures are machine-dependent and never asserted as targets: what is checked is that
every leg of the benchmark ran and measured something, and that the summary line has
the documented shape.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

from streams.cli.broker import EmbeddedBroker

SUMMARY = re.compile(
    r"^bench: pipeline_per_s=(\d+) logic_per_core=(\d+) tax=([\d.]+) extract_per_s=(\d+) "
    r"p50_ms=(\d+) p99_ms=(\d+) rss_mb_25k=(\d+) rss_mb_100k=(\d+)$"
)


def test_bench_measures_every_leg_and_ends_with_the_summary_line(broker: EmbeddedBroker, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAQIB_")}
    env |= {"RAQIB_BROKER": broker.url, "RAQIB_DATA_DIR": str(tmp_path / "state")}
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "streams.cli",
            "bench",
            "--articles",
            "300",
            "--latency-seconds",
            "6",
            "--workers",
            "1,2",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=400,
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-3000:]
    last = proc.stdout.strip().splitlines()[-1]
    match = SUMMARY.match(last)
    assert match, last
    pipeline, logic, tax, extract, p50, p99, rss_first, rss_last = map(float, match.groups())
    assert pipeline > 0 and logic > 0 and tax > 0 and extract > 0
    assert 0 < p50 <= p99
    assert rss_first > 0 and rss_last > 0
    assert "largest worker RSS after 300 articles" in proc.stdout
    # both worker counts ran, in the same run
    assert "pipeline, 1 worker (300 articles)" in proc.stdout
    assert "pipeline, 2 workers (300 articles)" in proc.stdout
    # worker logs are kept where the bench said they are
    kept = re.search(r"bench: worker logs in (\S+)", proc.stderr)
    assert kept and os.path.exists(os.path.join(kept.group(1), "pipeline-2-0.log"))
