"""The bench's profile by layer: busy time summed by package, C functions charged to callers."""

from __future__ import annotations

import cProfile
import json
import pstats
import re
import time

from streams.bench.corpus import generate
from streams.bench.profile import IDLE, OTHER, layer_of_path, layer_table, time_by_layer
from streams.core.extract import extract_claims

NLP = "Arabic text and claim extraction (streams/core/text, core/extract, camel_tools)"
JSON = "JSON encoding and decoding"


def test_paths_go_to_the_most_specific_layer():
    assert layer_of_path("/app/.venv/lib/python3.11/site-packages/camel_tools/x.py") == NLP
    assert layer_of_path("/work/raqib/streams/core/extract/claims.py") == NLP
    assert layer_of_path("/work/raqib/streams/core/events/tracker.py").startswith("event signature")
    assert layer_of_path("/work/raqib/streams/agents/events.py").startswith("raqib agents")
    assert layer_of_path("/x/site-packages/faust/topics.py") == "Faust and mode"
    assert layer_of_path("/x/site-packages/aiokafka/conn.py") == "Kafka client (aiokafka)"
    assert layer_of_path("/usr/lib/python3.11/json/encoder.py") == JSON
    assert layer_of_path("<frozen abc>") == OTHER


def _profile(work) -> pstats.Stats:
    profiler = cProfile.Profile()
    profiler.enable()
    work()
    profiler.disable()
    return pstats.Stats(profiler)


def test_extraction_time_is_charged_to_extraction_with_its_regex_calls():
    articles = list(generate(40))
    layers, idle = time_by_layer(_profile(lambda: [extract_claims(a) for a in articles]))
    by_name = {layer.name: layer for layer in layers}
    assert layers[0].name == NLP
    assert (
        by_name[NLP].share > 0.8
    )  # re.search & co. are C functions called from streams/core/extract
    assert abs(sum(layer.share for layer in layers) - 1.0) < 1e-9
    assert idle == 0.0
    assert all(layer.name != IDLE for layer in layers)


def test_json_work_is_json_and_sleeping_is_not_busy_time():
    blob = [{"k": str(i), "v": list(range(20))} for i in range(2000)]

    def work() -> None:
        for _ in range(5):
            json.loads(json.dumps(blob))
        time.sleep(0.05)

    layers, idle = time_by_layer(_profile(work))
    assert layers[0].name == JSON
    assert idle >= 0.05


def test_the_table_lists_layers_with_their_shares(tmp_path):
    path = tmp_path / "worker.prof"
    articles = list(generate(10))
    _profile(lambda: [extract_claims(a) for a in articles]).dump_stats(path)
    table = layer_table(path)
    assert table.startswith("where the profiled worker's busy time went (")
    assert re.search(r"^\s+\d+\.\d%\s+\d+\.\d\d s  Arabic text and claim extraction", table, re.M)
