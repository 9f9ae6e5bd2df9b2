"""The bench's summary line: the documented shape, and figures that read as measured."""

from __future__ import annotations

import re

from streams.bench.result import BenchResult, PipelineRun, report


def _result() -> BenchResult:
    return BenchResult(
        articles=100_000,
        raw_per_s=66_809,
        extract_per_s=1_256,
        extract_en_per_s=1_718,
        logic_per_core=500,
        logic_articles=20_000,
        runs=[
            PipelineRun(workers=1, articles=25_000, per_s=150, cpu_share=1.0),
            PipelineRun(
                workers=2,
                articles=100_000,
                per_s=280,
                cpu_share=1.4,
                rss_mb={25_000: 233, 50_000: 240, 100_000: 274},
            ),
        ],
        p50_ms=84,
        p99_ms=109,
    )


def test_the_summary_line_has_the_documented_fields_in_order():
    assert _result().line() == (
        "bench: pipeline_per_s=280 logic_per_core=500 tax=0.40 extract_per_s=1256 "
        "p50_ms=84 p99_ms=109 rss_mb_25k=233 rss_mb_100k=274"
    )


def test_the_tax_is_articles_per_busy_worker_core_over_the_logic_per_core():
    result = _result()
    assert result.tax == (280 / 1.4) / 500


def test_the_headline_is_the_run_with_the_most_workers():
    assert _result().headline.workers == 2


def test_every_worker_count_has_its_rate_and_tax_in_the_table():
    table = report(_result())
    assert re.search(r"^pipeline, 1 worker \(25,000 articles\)\s+150 articles/s$", table, re.M)
    assert re.search(r"^pipeline, 2 workers \(100,000 articles\)\s+280 articles/s$", table, re.M)
    assert re.search(r"tax \(per busy core / logic per core\)\s+0\.30$", table, re.M)


def test_english_extraction_is_a_table_row_and_leaves_the_summary_line_as_documented():
    assert re.search(
        r"^extraction alone, English \(1 core\)\s+1,718 articles/s$", report(_result()), re.M
    )
    assert "1718" not in _result().line()


def test_raw_passthrough_is_information_not_the_headline():
    assert "raw" not in _result().line()
    assert re.search(r"^raw passthrough .*information.*66,809 articles/s$", report(_result()), re.M)


def test_no_measurement_gives_zeros_not_an_error():
    empty = BenchResult(articles=10)
    assert (empty.tax, empty.pipeline_per_s) == (0.0, 0.0)
    assert empty.line().startswith("bench: pipeline_per_s=0 logic_per_core=0 tax=0.00 ")
