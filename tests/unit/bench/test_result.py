"""The bench's summary line: the documented shape, and figures that read as measured."""

from __future__ import annotations

import re

from streams.bench.result import BenchResult, report


def _result() -> BenchResult:
    return BenchResult(
        articles=100_000,
        workers=2,
        raw_per_s=66_809,
        extract_per_s=1_256,
        pipeline_per_s=244,
        p50_ms=184,
        p99_ms=409,
        rss_mb={25_000: 233, 50_000: 240, 100_000: 274},
    )


def test_the_summary_line_has_the_documented_fields_in_order():
    assert _result().line() == (
        "bench: pipeline_per_s=244 raw_per_s=66809 ratio=0.0037 extract_per_s=1256 "
        "p50_ms=184 p99_ms=409 rss_mb_25k=233 rss_mb_100k=274"
    )


def test_a_small_ratio_does_not_print_as_zero():
    assert "ratio=0.00 " not in _result().line()
    assert re.search(r"^pipeline / raw\s+0\.0037$", report(_result()), re.M)


def test_no_raw_figure_gives_a_zero_ratio_not_an_error():
    assert BenchResult(articles=10).ratio == 0.0
