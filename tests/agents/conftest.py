"""Agents driven in process: Faust's ``agent.test_context()``, ``memory://`` tables, no broker.

``test_context`` feeds an agent through an in-memory channel, but nothing of the app is
started: topics have no producer and tables no changelog. So every topic's ``send`` and
the producer's ``flush`` are replaced by recorders, and each table's ``send_changelog``
records the write instead of producing it (the store, ``memory://``, still holds the
value: ``table[key]`` reads back what the agent wrote). Table writes still need a current
event: Faust partitions them by it (``streams/agents/batching.py``).
"""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import pytest

from streams.app import create_app
from streams.runtime import Runtime
from streams.settings import Settings


@dataclass
class Sent:
    """What an agent sent, per topic attribute name (``extracted``, ``claims``, ...)."""

    messages: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    changelog: dict[str, list[tuple[Any, Any]]] = field(default_factory=dict)
    flushes: int = 0

    def values(self, topic: str) -> list[Any]:
        return [m["value"] for m in self.messages.get(topic, [])]


def _recorder(sent: Sent, name: str):
    async def send(key: Any = None, value: Any = None, headers: Any = None, **_: Any) -> None:
        sent.messages.setdefault(name, []).append({"key": key, "value": value, "headers": headers})

    return send


def _changelog(sent: Sent, name: str):
    def send_changelog(partition: int | None, key: Any, value: Any, *_: Any, **__: Any) -> Any:
        sent.changelog.setdefault(name, []).append((key, value))
        return SimpleNamespace(message=SimpleNamespace(partition=partition or 0))

    return send_changelog


@pytest.fixture
def runtime(tmp_path, monkeypatch) -> Runtime:
    """A raqib app built as a worker builds it, on ``memory://`` tables, never started."""
    prefix = f"agents-{uuid.uuid4().hex[:8]}."
    settings = Settings(
        store="memory://", data_dir=tmp_path, topic_prefix=prefix, app_id=prefix + "app"
    )
    return create_app(settings, "kafka://127.0.0.1:9")


@pytest.fixture
def sent(runtime: Runtime, monkeypatch) -> Sent:
    """Every send of ``runtime``'s topics, flushes and table writes, recorded."""
    record = Sent()
    for name in ("articles", "extracted", "claims", "alerts", "progress", "deadletter"):
        monkeypatch.setattr(getattr(runtime.topics, name), "send", _recorder(record, name))
    for name in ("tracker", "events"):
        table = getattr(runtime.tables, name)
        monkeypatch.setattr(table, "send_changelog", _changelog(record, name))

    class Producer:
        async def flush(self) -> None:
            record.flushes += 1

    runtime.app.producer = Producer()  # type: ignore[assignment]
    return record


async def settle(predicate, timeout: float = 5.0) -> None:
    """Wait until ``predicate()`` holds: agents take batches within 10 ms, then work."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not predicate():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("the agent did not get there in time")
        await asyncio.sleep(0.01)
