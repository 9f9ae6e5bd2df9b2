"""Extraction alone, measured: the bench's articles per second."""

from __future__ import annotations

from streams.bench.extract import measure_extract, recombine


def test_benchmark_measures_a_positive_rate():
    arts = recombine(["قتل 5 أشخاص في الهجوم. " * 10, "نص بلا أرقام. " * 20], size=300, count=5)
    assert measure_extract(arts, seconds=0.05) > 0
