"""``raqib deliveries``: an operator sees what waits or failed, and retries or drops it."""

from __future__ import annotations

import json

import pytest

from streams.cli import main
from streams.sinks.store import DROPPED, FAILED, PENDING, DeliveryStore

R = "receiver-1"


@pytest.fixture
def outbox(tmp_path, monkeypatch):
    path = tmp_path / "deliveries.sqlite"
    monkeypatch.setenv("RAQIB_DELIVERY_STORE", str(path))
    with DeliveryStore(path) as store:
        store.register_receiver(R, "slack@hooks.slack.com")
        for n, event in enumerate(("sy-1", "sy-2", "iq-3")):
            store.record_alert(f"a{n}", event, {"id": f"a{n}"}, now=0.0)
            store.enqueue(f"a{n}", event, R, sink="slack@hooks.slack.com", now=0.0, horizon=60.0)
        store.refused(store.take(R, now=1.0), "HTTP 404: 'no_service'", now=1.0)  # type: ignore[arg-type]
        store.retry_later(store.take(R, now=2.0), "ConnectError", now=2.0, delay=30.0)  # type: ignore[arg-type]
    return path


def _status(path, alert_id: str) -> str | None:
    with DeliveryStore(path) as store:
        return store.status(alert_id, R)


def test_list_shows_what_waits_and_what_failed_with_the_reason(outbox, capsys):
    assert main(["deliveries", "list"]) == 0
    out = capsys.readouterr().out
    assert "a0" in out and "failed" in out and "no_service" in out
    assert "a1" in out and "pending" in out and "ConnectError" in out
    assert "slack@hooks.slack.com" in out and "hooks.slack.com/services" not in out


def test_list_as_json_lines(outbox, capsys):
    assert main(["deliveries", "list", "--jsonl", "--status", "pending"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["alert"] for r in rows] == ["a1", "a2"]
    assert rows[0]["error"] == "ConnectError" and rows[0]["attempts"] == 1


def test_retry_makes_a_failed_delivery_pending_again(outbox):
    assert main(["deliveries", "retry", "a0"]) == 0
    assert _status(outbox, "a0") == PENDING
    with DeliveryStore(outbox) as store:
        batch = store.take(R, now=10.0)
    assert batch is not None and batch.alert_ids == ("a0",)


def test_retry_all_and_drop(outbox):
    assert main(["deliveries", "drop", "a2"]) == 0
    assert _status(outbox, "a2") == DROPPED
    assert main(["deliveries", "retry", "--all"]) == 0
    assert {_status(outbox, a) for a in ("a0", "a1")} == {PENDING}


def test_an_id_that_matches_nothing_exits_non_zero(outbox, capsys):
    assert main(["deliveries", "retry", "nope"]) == 1
    assert "no pending or failed delivery matches nope" in capsys.readouterr().err
    assert main(["deliveries", "drop", "nope"]) == 1
    assert _status(outbox, "a0") == FAILED


def test_without_an_outbox_list_says_so_and_changes_fail(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("RAQIB_DELIVERY_STORE", str(tmp_path / "none.sqlite"))
    assert main(["deliveries", "list"]) == 0
    assert main(["deliveries", "retry", "--all"]) == 1
    assert not (tmp_path / "none.sqlite").exists()
