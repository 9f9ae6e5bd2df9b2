"""The sink agent: each alert on the topic to the dashboard's hub (worded) and the receivers."""

from __future__ import annotations

import asyncio
import uuid

import pytest

from streams.app import create_app
from streams.core.alerts import build_alert
from streams.core.model import Claim
from streams.settings import Settings
from streams.sinks.wire import alert_headers, alert_payload

from .conftest import settle


class QuietSilences:
    """The silences feed with no broker behind it: no silence, ready at once."""

    def __init__(self, *args, **kwargs) -> None:
        self.ready = asyncio.Event()
        self.ready.set()

    def start(self) -> None: ...

    async def stop(self) -> None: ...

    def current(self) -> list:
        return []


@pytest.fixture
def runtime(tmp_path, monkeypatch):
    monkeypatch.setattr("streams.sinks.runtime.SilenceFeed", QuietSilences)
    prefix = f"sinks-{uuid.uuid4().hex[:8]}."
    settings = Settings(
        store="memory://", data_dir=tmp_path, topic_prefix=prefix, app_id=prefix + "app"
    )
    return create_app(settings, "kafka://127.0.0.1:9")


def _alert():
    def claim(article: str, figure: int, who: str | None) -> Claim:
        return Claim(article, "killed", figure, None if who else figure, False, "", "unknown",
                     who, f"{article}.example", "event", f"مقتل {figure} شخصا")  # fmt: skip

    return build_alert("sy-1", claim("b", 80, "مصدر طبي"), [claim("a", 62, None)])


async def test_an_alert_reaches_the_dashboard_hub_with_its_words(runtime, sent):
    alert = _alert()
    agent = runtime.app.agents["raqib.sinks"]
    async with agent.test_context() as ctx:
        await ctx.put(
            alert_payload(alert), key=alert.event, headers=alert_headers(alert, runtime.settings)
        )
        await settle(lambda: runtime.hub.recent())
    [entry] = runtime.hub.recent()
    assert entry["alert"]["id"] == alert.id and not entry["silenced"]
    assert entry["text"]["new"]["figure"] == "at least 80"
    assert entry["text"]["conflicts_with"][0]["source"] == "a.example (own report)"


async def test_a_message_that_is_not_an_alert_is_dead_lettered(runtime, sent):
    agent = runtime.app.agents["raqib.sinks"]
    async with agent.test_context() as ctx:
        await ctx.put(b'{"type": "alert"}', key="sy-1")
        await settle(lambda: sent.values("deadletter"))
    [dead] = sent.messages["deadletter"]
    assert dead["headers"]["raqib_stage"] == b"sinks"
    assert runtime.hub.recent() == []
