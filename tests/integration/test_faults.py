"""Fault tests: poison input, a frozen broker. Each bounded in time."""

from __future__ import annotations

import asyncio
import json
import time

import pytest
from aiokafka import AIOKafkaProducer

from connectors.files import read_paths
from streams.cli.broker import EmbeddedBroker
from streams.cli.client import read_topic, replay
from streams.cli.worker import stop_process
from streams.topics import client_options, ensure_topics

pytestmark = pytest.mark.integration


async def _produce_raw(settings, url, messages: list[tuple[bytes, bytes | None]]) -> None:
    producer = AIOKafkaProducer(**client_options(settings, url), max_request_size=16 * 1024 * 1024)
    await producer.start()
    try:
        for key, value in messages:
            await producer.send_and_wait(settings.topic_articles, value=value, key=key)
    finally:
        await producer.stop()


async def test_poison_messages_go_to_the_dead_letter_topic_and_the_pipeline_goes_on(
    make_pipeline, seeds_dir
):
    pipeline = make_pipeline()
    settings, url = pipeline.settings, pipeline.broker.url
    await ensure_topics(settings, url)
    pipeline.start_worker()
    huge = json.dumps(
        {"id": "huge", "text": "قتل " * (10 * 1024 * 1024 // 7)}, ensure_ascii=False
    ).encode()
    assert len(huge) > 10_000_000
    await _produce_raw(
        settings,
        url,
        [
            (b"not-json", b"\xff\xfe this is not json"),
            (b"wrong-schema", json.dumps({"id": "wrong", "text": 42, "title": ["x"]}).encode()),
            (b"huge", huge),
        ],
    )
    result = await replay(
        settings, url, read_paths([seeds_dir]), idle_timeout=90, alive=pipeline.alive
    )
    assert not result.missing, pipeline.worker_log()
    assert result.alerts
    deadline = time.monotonic() + 30
    dead: dict[bytes, dict[str, bytes]] = {}
    while time.monotonic() < deadline and len(dead) < 3:
        dead = {
            m.key: m.headers for m in await read_topic(settings, url, settings.topic_deadletter)
        }
        await asyncio.sleep(0.5)
    assert set(dead) == {b"not-json", b"wrong-schema", b"huge"}
    assert b"not valid UTF-8" in dead[b"not-json"]["raqib_reason"]
    assert b"must be a string" in dead[b"wrong-schema"]["raqib_reason"]
    assert b"exceeds" in dead[b"huge"]["raqib_reason"]
    assert dead[b"huge"]["raqib_origin"].startswith(settings.topic_articles.encode())
    assert pipeline.alive()


POISON_LIMIT = 100_000  # RAQIB_MAX_ARTICLE_BYTES of the poison test
POISONS: dict[str, tuple[bytes | None, bytes]] = {  # key: (value, what its reason says)
    "null": (None, b"null value"),
    "deep": (b'{"id": "d", "text": "x", "n": ' + b"[" * 5000 + b"]" * 5000 + b"}", b"nested"),
    "surrogate": (b'{"id": "s", "text": "\\ud800 \xd9\x82\xd8\xaa\xd9\x84 5"}', b"lone surrogate"),
    "list": (b'[{"id": "l", "text": "x"}]', b"got list"),
    "number": (b"42", b"got int"),
    "text-not-string": (b'{"id": "t", "text": {"body": "x"}}', b"no 'text' or 'html'"),
    "long-integer": (b'{"id": ' + b"9" * 5000 + b', "text": "x"}', b"this program can read"),
    "oversized": (json.dumps({"id": "o", "text": "x" * POISON_LIMIT}).encode(), b"exceeds"),
    "flood": (
        json.dumps(
            {
                "id": "f",
                "text": " ".join(f"قال مصدر إن {n} أشخاص قتلوا في حي {n}." for n in range(1, 1200)),
            },
            ensure_ascii=False,
        ).encode(),
        b"more than an article holds",
    ),
}


def _good(round_: int, n: int) -> tuple[bytes, bytes]:
    article_id = f"good-{round_}-{n}"
    text = f"قتل {n + 3} أشخاص في قصف على قرية رقم {n} شمال البلاد"
    return article_id.encode(), json.dumps(
        {"id": article_id, "text": text}, ensure_ascii=False
    ).encode()


async def _processed(settings, url, wanted: set[str], timeout: float) -> set[str]:
    deadline = time.monotonic() + timeout
    done: set[str] = set()
    while time.monotonic() < deadline and not wanted <= done:
        for m in await read_topic(settings, url, settings.topic_progress):
            done |= {item["article"] for item in json.loads(m.value)["items"]}
        await asyncio.sleep(1)
    return done & wanted


async def _dead_letters(settings, url, want: int, timeout: float) -> list:
    deadline = time.monotonic() + timeout
    dead: list = []
    while time.monotonic() < deadline and len(dead) < want:
        dead = await read_topic(settings, url, settings.topic_deadletter)
        await asyncio.sleep(0.5)
    return dead


async def test_every_poison_among_200_good_articles_is_dead_lettered_alone_also_after_a_restart(
    make_pipeline,
):
    pipeline = make_pipeline(RAQIB_MAX_ARTICLE_BYTES=str(POISON_LIMIT))
    settings, url = pipeline.settings, pipeline.broker.url
    await ensure_topics(settings, url)
    worker = pipeline.start_worker()
    for round_ in (1, 2):
        good = [_good(round_, n) for n in range(200)]
        poisons = [(f"{key}-{round_}".encode(), value) for key, (value, _) in POISONS.items()]
        await _produce_raw(settings, url, good[:100] + poisons + good[100:])
        wanted = {key.decode() for key, _ in good}
        processed = await _processed(settings, url, wanted, timeout=180)
        assert processed == wanted, (len(processed), pipeline.worker_log())
        dead = await _dead_letters(settings, url, round_ * len(POISONS), timeout=30)
        reasons = {m.key.decode(): m.headers["raqib_reason"] for m in dead}
        for key, (_, says) in POISONS.items():
            assert says in reasons[f"{key}-{round_}"], (key, reasons.get(f"{key}-{round_}"))
        assert worker.poll() is None
        if round_ == 1:  # the same again with a restarted worker
            stop_process(worker)
            worker = pipeline.workers[0] = pipeline.spawn_again(0)


async def test_a_broker_frozen_for_ten_seconds_leaves_the_worker_running_and_catching_up(
    make_pipeline, seeds_dir, tmp_path
):
    with EmbeddedBroker(log_path=tmp_path / "frozen-broker.log") as broker:
        pipeline = make_pipeline()
        pipeline.broker = broker
        settings = pipeline.settings.model_copy(update={"broker": broker.url})
        pipeline.settings = settings
        worker = pipeline.start_worker()
        first = await replay(
            settings,
            broker.url,
            read_paths([seeds_dir / "000_68668790cc261656.txt"]),
            idle_timeout=90,
            alive=pipeline.alive,
        )
        assert not first.missing, pipeline.worker_log()

        broker.pause()
        try:
            # Input arrives while the broker is frozen: the producer waits, then delivers.
            pending = asyncio.create_task(
                replay(
                    settings,
                    broker.url,
                    read_paths([seeds_dir / "004_f4b57ad9e8c84b08.txt"]),
                    idle_timeout=120,
                    alive=pipeline.alive,
                )
            )
            await asyncio.sleep(10)
            assert worker.poll() is None
        finally:
            broker.resume()
        second = await asyncio.wait_for(pending, 180)
        assert not second.missing, pipeline.worker_log()
        assert worker.poll() is None, "the worker must survive a frozen broker"
        ids = [
            m.headers.get("ce_id")
            for m in await read_topic(settings, broker.url, settings.topic_alerts)
        ]
        assert len(ids) == len(set(ids)), "no alert may be emitted twice"
        assert {a.id.encode() for a in first.alerts + second.alerts} <= set(ids)
        pipeline.stop()
