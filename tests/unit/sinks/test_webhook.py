"""Posting to a real loopback receiver: one attempt at a time from the outbox, retried with
backoff until the horizon, grouped per incident, once per receiver.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator, Sequence

from connectors.http import WEBHOOK_USER_AGENT, RetryPolicy
from connectors.http import make_webhook_client as make_client
from streams import metrics
from streams.sinks.delivery import DeliveryPolicy, Dispatcher, post_once
from streams.sinks.receivers import parse_receivers
from streams.sinks.store import DELIVERED, FAILED, PENDING, DeliveryStore
from tests.unit.sinks.conftest import make_alert

FAST = DeliveryPolicy(
    group_interval=0.0, horizon=30.0, backoff=RetryPolicy(base=0.01, cap=0.05, jitter=0.0)
)


@contextlib.asynccontextmanager
async def dispatching(
    receivers: Sequence, store: DeliveryStore, policy: DeliveryPolicy = FAST, **options
) -> AsyncIterator[Dispatcher]:
    """A started dispatcher posting from ``store`` (stopped on the way out)."""
    async with make_client(timeout=options.pop("timeout", 5.0)) as client:
        dispatcher = Dispatcher(receivers, client, store, policy=policy, **options)
        await dispatcher.start()
        try:
            yield dispatcher
        finally:
            await dispatcher.stop()


def sample(name: str, **labels: str) -> float:
    return metrics.REGISTRY.get_sample_value(name, labels) or 0.0


async def until(predicate, timeout: float = 15.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not predicate():
        assert asyncio.get_running_loop().time() < deadline, "not reached in time"
        await asyncio.sleep(0.02)


def test_backoff_grows_exponentially_up_to_the_cap():
    policy = RetryPolicy(base=0.5, factor=2.0, cap=4.0, jitter=0.0)
    assert [policy.delay(n) for n in range(1, 6)] == [0.5, 1.0, 2.0, 4.0, 4.0]
    assert policy.delay(1, retry_after=100.0) == 4.0


def test_the_defaults_retry_for_a_day_grouping_per_five_minutes():
    from streams.settings import Settings

    policy = DeliveryPolicy.from_settings(Settings())
    assert (policy.horizon, policy.group_interval) == (86400.0, 300.0)
    assert (policy.backoff.base, policy.backoff.cap) == (1.0, 300.0)


async def test_post_once_tells_a_retryable_failure_from_a_refusal(receiver, alert):
    server = await receiver([503, 400, 200])
    async with make_client() as client:
        first = await post_once(client, server.url, alert.to_json(), {"Idempotency-Key": "k"})
        second = await post_once(client, server.url, alert.to_json(), {})
        third = await post_once(client, server.url, alert.to_json(), {})
    assert (first.ok, first.retryable) == (False, True) and "HTTP 503" in first.reason
    assert (second.ok, second.retryable) == (False, False)
    assert third.ok
    assert server.requests[0]["headers"]["Idempotency-Key"] == "k"
    assert server.requests[0]["headers"]["User-Agent"] == WEBHOOK_USER_AGENT


async def test_a_receiver_that_hangs_times_out_and_may_be_retried(receiver, alert):
    server = await receiver(delay=1.0)
    async with make_client(timeout=0.2) as client:
        outcome = await post_once(client, server.url, alert.to_json(), {})
    assert not outcome.ok and outcome.retryable and "Timeout" in outcome.reason


async def test_500_then_200_posts_once_and_counts_the_failed_attempt(receiver, tmp_path):
    server = await receiver([500])
    (target,) = parse_receivers(server.url, "json")
    failures = sample("raqib_sink_failures_total", sink=target.name)
    alert = make_alert()
    with DeliveryStore(tmp_path / "d.sqlite") as store:
        async with dispatching([target], store) as dispatcher:
            dispatcher.handle(alert, alert.to_json())
            await until(lambda: server.accepted)
            assert await dispatcher.drained(5)
        assert store.status(alert.id, target.key) == DELIVERED
    assert [r["status"] for r in server.requests] == [500, 200]
    assert server.accepted[0]["body"] == alert.to_json()
    assert server.accepted[0]["headers"]["Idempotency-Key"] == alert.id
    assert sample("raqib_sink_failures_total", sink=target.name) == failures + 1


async def test_each_alert_is_posted_once_per_receiver_even_when_redelivered(receiver, tmp_path):
    slack, teams = await receiver([500]), await receiver()
    receivers = parse_receivers(f"slack+{slack.url};teams+{teams.url}")
    alert = make_alert()
    with DeliveryStore(tmp_path / "d.sqlite") as store:
        async with dispatching(receivers, store, dashboard_url="http://d") as dispatcher:
            assert set(dispatcher.handle(alert, alert.to_json()).values()) == {"queued"}
            assert set(dispatcher.handle(alert, alert.to_json()).values()) == {"duplicate"}
            # delivered = accepted by the receiver AND recorded: a post accepted but not yet
            # recorded when the dispatcher stops is posted again (at least once)
            await until(lambda: {store.status(alert.id, r.key) for r in receivers} == {DELIVERED})
    assert len(slack.accepted) == 1 and len(teams.accepted) == 1
    assert slack.accepted[0]["body"]["blocks"] and "text" in slack.accepted[0]["body"]
    assert teams.accepted[0]["body"]["type"] == "message"


async def test_a_hanging_receiver_does_not_hold_up_handling_or_the_other_receivers(
    receiver, tmp_path
):
    slow, fast = await receiver(delay=2.0), await receiver()
    receivers = parse_receivers(f"json+{slow.url};json+{fast.url}")
    with DeliveryStore(tmp_path / "d.sqlite") as store:
        async with dispatching(receivers, store, timeout=5.0) as dispatcher:
            started = asyncio.get_running_loop().time()
            for n in range(5):
                alert = make_alert(alert_id=f"a{n}", event=f"sy-{n}")
                dispatcher.handle(alert, alert.to_json())
            assert asyncio.get_running_loop().time() - started < 0.5
            await until(lambda: len(fast.accepted) == 5)
            assert len(slow.requests) <= 1


async def test_what_a_crashed_worker_left_in_the_outbox_is_posted_after_a_restart(
    receiver, tmp_path
):
    server = await receiver()
    (target,) = parse_receivers(server.url, "json")
    alert = make_alert()
    path = tmp_path / "d.sqlite"
    with DeliveryStore(path) as store:  # the previous run recorded it, then died
        store.record_alert(alert.id, alert.event, alert.to_json())
        store.enqueue(alert.id, alert.event, target.key, now=0.0)
    with DeliveryStore(path) as store:
        async with dispatching([target], store) as dispatcher:
            await until(lambda: server.accepted)
            dispatcher.handle(alert, alert.to_json())  # the redelivery after the restart
            assert await dispatcher.drained(5)
    assert len(server.accepted) == 1
    assert json.loads(json.dumps(server.accepted[0]["body"])) == alert.to_json()


async def test_a_receiver_failing_past_the_horizon_gives_the_delivery_up_and_counts_it(
    receiver, tmp_path
):
    server = await receiver([500] * 1000)
    (target,) = parse_receivers(server.url, "json")
    before = sample("raqib_deliveries_failed_total", sink=target.name)
    policy = DeliveryPolicy(0.0, 0.3, RetryPolicy(base=0.05, cap=0.05, jitter=0.0))
    alert = make_alert()
    with DeliveryStore(tmp_path / "d.sqlite") as store:
        async with dispatching([target], store, policy=policy) as dispatcher:
            dispatcher.handle(alert, alert.to_json())
            await until(lambda: store.status(alert.id, target.key) == FAILED)
        [row] = store.deliveries()
    assert 3 <= row.attempts == len(server.requests) <= 8
    assert "HTTP 500" in (row.last_error or "")
    assert sample("raqib_deliveries_failed_total", sink=target.name) == before + 1


async def test_a_refusal_is_not_retried(receiver, tmp_path):
    server = await receiver([404])
    (target,) = parse_receivers(server.url, "json")
    alert = make_alert()
    with DeliveryStore(tmp_path / "d.sqlite") as store:
        async with dispatching([target], store) as dispatcher:
            dispatcher.handle(alert, alert.to_json())
            await until(lambda: store.status(alert.id, target.key) == FAILED)
            await asyncio.sleep(0.2)
    assert len(server.requests) == 1


async def test_a_down_receiver_is_paused_not_hammered_and_gets_the_backlog_when_back(
    receiver, tmp_path
):
    server = await receiver([503] * 3)
    (target,) = parse_receivers(server.url, "json")
    with DeliveryStore(tmp_path / "d.sqlite") as store:
        async with dispatching([target], store) as dispatcher:
            for n in range(10):
                alert = make_alert(alert_id=f"a{n}", event=f"sy-{n}")
                dispatcher.handle(alert, alert.to_json())
            await until(lambda: len(server.accepted) == 10)
        assert store.counts() == {DELIVERED: 10}
    assert len(server.requests) == 13, "three failed attempts, then each alert once"
    assert {r["body"]["id"] for r in server.requests[:3]} == {"a0"}, "the oldest goes first"


async def test_alerts_of_one_incident_within_the_interval_go_as_one_update(receiver, tmp_path):
    server = await receiver()
    (target,) = parse_receivers(server.url, "json")
    policy = DeliveryPolicy(0.5, 30.0, FAST.backoff)
    with DeliveryStore(tmp_path / "d.sqlite") as store:
        async with dispatching([target], store, policy=policy) as dispatcher:
            for n in range(6):
                alert = make_alert(alert_id=f"a{n}")
                dispatcher.handle(alert, alert.to_json())
            await until(lambda: len(server.accepted) == 2)
            await asyncio.sleep(0.7)
    first, update = (r["body"] for r in server.requests)
    assert first["id"] == "a0" and first["type"] == "alert"
    assert update["type"] == "alert_group" and [a["id"] for a in update["alerts"]] == [
        f"a{n}" for n in range(1, 6)
    ]
    headers = server.requests[1]["headers"]
    assert headers["Idempotency-Key"] == update["id"] == headers["ce-id"]
    assert headers["ce-type"] == "org.raqib.contradiction.group.v1"


async def test_silenced_alerts_are_recorded_but_not_posted(receiver, tmp_path):
    server = await receiver()
    (target,) = parse_receivers(server.url, "json")
    alert = make_alert()
    with DeliveryStore(tmp_path / "d.sqlite") as store:
        async with dispatching([target], store) as dispatcher:
            outcome = dispatcher.handle(alert, alert.to_json(), silenced=True)
            assert outcome == {target.name: "silenced"}
            assert await dispatcher.drained(2, [alert.id])
        assert store.alert(alert.id) is not None and store.pending(target.key) == []
    assert server.requests == []


async def test_the_backlog_gauges_follow_the_outbox(receiver, tmp_path):
    server = await receiver([503] * 1000)
    (target,) = parse_receivers(server.url, "json")
    policy = DeliveryPolicy(0.0, 60.0, RetryPolicy(base=5.0, cap=5.0, jitter=0.0))
    with DeliveryStore(tmp_path / "d.sqlite") as store:
        async with dispatching([target], store, policy=policy) as dispatcher:
            for n in range(3):
                alert = make_alert(alert_id=f"a{n}", event=f"sy-{n}")
                dispatcher.handle(alert, alert.to_json())
            await until(lambda: server.requests)
            assert sample("raqib_deliveries_pending", sink=target.name) == 3
            assert store.pending(target.key) == ["a0", "a1", "a2"]
            assert {store.status(f"a{n}", target.key) for n in range(3)} == {PENDING}


async def test_a_stopping_worker_posts_the_update_its_incident_was_waiting_for(receiver, tmp_path):
    server = await receiver()
    (target,) = parse_receivers(server.url, "json")
    policy = DeliveryPolicy(300.0, 30.0, FAST.backoff)  # the update would wait five minutes
    with DeliveryStore(tmp_path / "d.sqlite") as store:
        async with dispatching([target], store, policy=policy) as dispatcher:
            for n in range(3):
                alert = make_alert(alert_id=f"a{n}")
                dispatcher.handle(alert, alert.to_json())
            await until(lambda: len(server.accepted) == 1)
            await dispatcher.flush_groups()
        assert store.pending(target.key) == []
    first, update = (r["body"] for r in server.requests)
    assert first["id"] == "a0"
    assert [a["id"] for a in update["alerts"]] == ["a1", "a2"]
