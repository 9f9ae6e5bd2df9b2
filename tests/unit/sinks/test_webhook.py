"""Posting to a real loopback receiver: retries with backoff, idempotency key, failures counted."""

from __future__ import annotations

import asyncio
import json

import httpx
import pytest

from connectors.http import WEBHOOK_USER_AGENT, RetryPolicy
from connectors.http import make_webhook_client as make_client
from streams import metrics
from streams.sinks.delivery import Dispatcher, post_alert
from streams.sinks.exceptions import DeliveryError
from streams.sinks.receivers import parse_receivers
from streams.sinks.store import DELIVERED, FAILED, DeliveryStore
from tests.unit.sinks.conftest import make_alert

FAST = RetryPolicy(attempts=4, base=0.01, factor=2.0, cap=0.05, jitter=0.0)


def failures(name: str) -> float:
    return metrics.REGISTRY.get_sample_value("raqib_sink_failures_total", {"sink": name}) or 0.0


def test_backoff_grows_exponentially_up_to_the_cap():
    policy = RetryPolicy(base=0.5, factor=2.0, cap=4.0, jitter=0.0)
    assert [policy.delay(n) for n in range(1, 6)] == [0.5, 1.0, 2.0, 4.0, 4.0]
    assert policy.delay(1, retry_after=100.0) == 4.0


async def test_500_then_200_gives_exactly_one_successful_post_and_counts_the_failure(
    receiver, alert
):
    server = await receiver([500])
    (target,) = parse_receivers(server.url, "json")
    before = failures(target.name)
    async with make_client() as client:
        attempts = await post_alert(client, target, alert.to_json(), alert.id, policy=FAST)
    assert attempts == 2
    assert [r["status"] for r in server.requests] == [500, 200]
    assert len(server.accepted) == 1
    assert failures(target.name) == before + 1
    accepted = server.accepted[0]
    assert accepted["body"] == alert.to_json()
    assert accepted["headers"]["Idempotency-Key"] == alert.id
    assert accepted["headers"]["User-Agent"] == WEBHOOK_USER_AGENT and "raqib" in WEBHOOK_USER_AGENT


async def test_a_permanent_refusal_is_not_retried(receiver, alert):
    server = await receiver([400])
    (target,) = parse_receivers(server.url, "json")
    async with make_client() as client:
        with pytest.raises(DeliveryError, match="HTTP 400"):
            await post_alert(client, target, alert.to_json(), alert.id, policy=FAST)
    assert len(server.requests) == 1


async def test_retries_stop_at_the_attempt_cap(receiver, alert):
    server = await receiver([503] * 10)
    (target,) = parse_receivers(server.url, "json")
    async with make_client() as client:
        with pytest.raises(DeliveryError):
            await post_alert(client, target, alert.to_json(), alert.id, policy=FAST)
    assert len(server.requests) == FAST.attempts


async def test_a_receiver_that_hangs_times_out_and_is_retried(receiver, alert):
    server = await receiver(delay=1.0)
    (target,) = parse_receivers(server.url, "json")
    policy = RetryPolicy(attempts=2, base=0.01, cap=0.01, jitter=0.0)
    async with make_client(timeout=0.2) as client:
        with pytest.raises(DeliveryError, match="Timeout"):
            await post_alert(client, target, alert.to_json(), alert.id, policy=policy)


async def test_dispatcher_posts_each_alert_once_per_receiver_even_when_redelivered(
    receiver, tmp_path
):
    slack, teams = await receiver([500]), await receiver()
    receivers = parse_receivers(f"slack+{slack.url};teams+{teams.url}")
    alert = make_alert()
    store = DeliveryStore(tmp_path / "sinks.sqlite")
    async with make_client() as client:
        dispatcher = Dispatcher(receivers, client, store, dashboard_url="http://d", policy=FAST)
        await dispatcher.start()
        try:
            outcome = dispatcher.handle(alert, alert.to_json())
            assert set(outcome.values()) == {"queued"}
            assert set(dispatcher.handle(alert, alert.to_json()).values()) == {"duplicate"}
            assert await dispatcher.drained(5)
        finally:
            await dispatcher.stop()
    assert len(slack.accepted) == 1 and len(teams.accepted) == 1
    assert slack.accepted[0]["body"]["blocks"] and "text" in slack.accepted[0]["body"]
    assert teams.accepted[0]["body"]["type"] == "message"
    assert {store.status(alert.id, r.key) for r in receivers} == {DELIVERED}
    store.close()


async def test_a_hanging_receiver_does_not_hold_up_handling_or_the_other_receivers(
    receiver, tmp_path
):
    slow, fast = await receiver(delay=2.0), await receiver()
    receivers = parse_receivers(f"json+{slow.url};json+{fast.url}")
    store = DeliveryStore(tmp_path / "sinks.sqlite")
    async with make_client(timeout=5.0) as client:
        dispatcher = Dispatcher(receivers, client, store, policy=FAST)
        await dispatcher.start()
        try:
            loop = asyncio.get_running_loop()
            started = loop.time()
            for n in range(5):
                alert = make_alert(alert_id=f"a{n}")
                dispatcher.handle(alert, alert.to_json())
            assert loop.time() - started < 0.5
            for _ in range(100):
                if len(fast.accepted) == 5:
                    break
                await asyncio.sleep(0.05)
            assert len(fast.accepted) == 5 and len(slow.requests) <= 1
        finally:
            await dispatcher.stop()
    store.close()


async def test_pending_deliveries_left_by_a_crash_are_posted_after_a_restart(receiver, tmp_path):
    server = await receiver()
    (target,) = parse_receivers(server.url, "json")
    alert = make_alert()
    path = tmp_path / "sinks.sqlite"
    with DeliveryStore(path) as store:  # the previous run recorded it, then died
        store.record_alert(alert.id, alert.event, alert.to_json())
        store.claim(alert.id, target.key)
    store = DeliveryStore(path)
    async with httpx.AsyncClient() as client:
        dispatcher = Dispatcher([target], client, store, policy=FAST)
        await dispatcher.start()
        assert await dispatcher.drained(5)
        dispatcher.handle(alert, alert.to_json())  # the redelivery after the restart
        assert await dispatcher.drained(5)
        await dispatcher.stop()
    assert len(server.accepted) == 1
    assert json.loads(json.dumps(server.accepted[0]["body"])) == alert.to_json()
    store.close()


async def test_a_receiver_that_gives_up_marks_the_delivery_failed_and_counts_it(receiver, tmp_path):
    server = await receiver([500] * 10)
    (target,) = parse_receivers(server.url, "json")
    before = failures(target.name)
    alert = make_alert()
    with DeliveryStore(tmp_path / "s.sqlite") as store:
        async with make_client() as client:
            dispatcher = Dispatcher([target], client, store, policy=FAST)
            await dispatcher.start()
            dispatcher.handle(alert, alert.to_json())
            assert await dispatcher.drained(5)
            await dispatcher.stop()
        assert store.status(alert.id, target.key) == FAILED
    assert failures(target.name) == before + FAST.attempts


async def test_silenced_alerts_are_recorded_but_not_posted(receiver, tmp_path):
    server = await receiver()
    (target,) = parse_receivers(server.url, "json")
    alert = make_alert()
    with DeliveryStore(tmp_path / "s.sqlite") as store:
        async with make_client() as client:
            dispatcher = Dispatcher([target], client, store, policy=FAST)
            await dispatcher.start()
            assert dispatcher.handle(alert, alert.to_json(), silenced=True) == {
                target.name: "silenced"
            }
            assert await dispatcher.drained(2)
            await dispatcher.stop()
        assert store.alert(alert.id) is not None
    assert server.requests == []
