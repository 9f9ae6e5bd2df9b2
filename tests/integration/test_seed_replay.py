"""The seeds, replayed through the real embedded broker and a real worker."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from streams.core.model import Alert, Claim
from tests.integration.test_offline_matches_stream import resolver
from tests.integration.test_sinks import the_80_vs_62

pytestmark = pytest.mark.integration

HEADLINE = "000_68668790cc261656"


async def test_seed_replay_assigns_every_claim_to_one_event(make_pipeline, seeds_dir):
    pipeline = make_pipeline()
    pipeline.start_worker()
    result = await pipeline.replay([seeds_dir])
    assert not result.missing, pipeline.worker_log()
    assert result.processed == {HEADLINE, "004_f4b57ad9e8c84b08"}
    figures = {(c.metric, c.min, c.max) for c in result.claims}
    assert {
        ("killed", 62, 62),
        ("killed", 80, 80),
        ("killed", 60, 60),
        ("killed", 61, None),
        ("injured", 100, 100),
        ("bodies", 12, 12),
    } <= figures
    final = resolver(result.merges)  # a report may have joined after an earlier one founded
    assert len({final.get(str(c.event), c.event) for c in result.claims}) == 1
    assert all(c.event for c in result.claims)


async def test_seed_replay_raises_the_80_vs_62_alert_with_both_quotes(make_pipeline, seeds_dir):
    pipeline = make_pipeline()
    pipeline.start_worker()
    result = await pipeline.replay([seeds_dir])
    alerts = the_80_vs_62(result.alerts)
    assert alerts, f"no 80-vs-62 alert among {[a.summary for a in result.alerts]}"
    alert = alerts[0]
    quotes = " ".join(c.quote for c in (alert.new, *alert.conflicts_with))
    assert "80" in quotes and "62" in quotes
    assert alert.id and alert.summary


async def test_seed_replay_never_pairs_the_12_bodies_with_a_death_toll(make_pipeline, seeds_dir):
    pipeline = make_pipeline()
    pipeline.start_worker()
    result = await pipeline.replay([seeds_dir])
    assert result.alerts
    for alert in result.alerts:
        metrics = {c.metric for c in (alert.new, *alert.conflicts_with)}
        assert not ({"bodies", "killed"} <= metrics), alert.summary


async def test_replaying_the_seeds_twice_raises_no_alert_again(make_pipeline, seeds_dir):
    pipeline = make_pipeline()
    pipeline.start_worker()
    first = await pipeline.replay([seeds_dir])
    second = await pipeline.replay([seeds_dir])
    assert first.alerts
    assert not second.missing
    assert second.alerts == []
    assert {c.id for c in second.claims} == {c.id for c in first.claims}
    # the first replay may print a claim under an event a later report merged (a merge line
    # says so); the second finds every claim in the event it ended in
    final = resolver(first.merges)
    assert {c.event for c in second.claims} == {final.get(c.event, c.event) for c in first.claims}


async def test_bad_input_is_dead_lettered_and_the_rest_processed(
    make_pipeline, seeds_dir, tmp_path
):
    bad = tmp_path / "mixed.jsonl"
    good = (seeds_dir / f"{HEADLINE}.txt").read_text()
    bad.write_text(
        "this is not json\n"
        + json.dumps({"id": "no-text", "title": "x"})
        + "\n"
        + json.dumps({"id": "good-one", "text": good, "source": "example.org"}, ensure_ascii=False)
        + "\n"
    )
    pipeline = make_pipeline()
    pipeline.start_worker()
    result = await pipeline.replay([bad])
    assert result.processed == {"good-one"}
    reasons = [r.reason for r in result.rejected]
    assert any("not JSON" in r for r in reasons) and any("'text'" in r for r in reasons)
    assert all(str(bad) in r.origin for r in result.rejected)


def test_cli_replay_jsonl_starts_its_own_broker_and_prints_claims_and_the_alert(
    seeds_dir, tmp_path
):
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAQIB_")}
    env["RAQIB_DATA_DIR"] = str(tmp_path / "state")
    proc = subprocess.run(
        [sys.executable, "-m", "streams.cli", "replay", str(seeds_dir), "--jsonl"],
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    claims = [Claim.from_json(x) for x in lines if x["type"] == "claim"]
    alerts = [Alert.from_json(x) for x in lines if x["type"] == "alert"]
    assert {("killed", 80), ("killed", 62), ("bodies", 12)} <= {(c.metric, c.min) for c in claims}
    assert the_80_vs_62(alerts)
    assert all(
        {"type", "id", "event", "metric", "severity", "new", "conflicts_with", "summary"} <= set(x)
        for x in lines
        if x["type"] == "alert"
    )
