"""Alerts to format and a real loopback HTTP receiver to post them to."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from aiohttp import web

from streams.core.model import Alert, Claim


def claim(
    value: int,
    who: str | None,
    *,
    article: str = "a1",
    outlet: str | None = "outlet.example",
    quote: str | None = None,
    maximum: int | None | str = "same",
    url: str | None = None,
    published: str | None = None,
) -> Claim:
    return Claim(
        article=article,
        metric="killed",
        min=value,
        max=value if maximum == "same" else maximum,  # type: ignore[arg-type]
        approximate=False,
        victim="جنديا",
        victim_class="security_forces",
        attributed_to=who,
        source=outlet,
        scope="event",
        quote=quote or f"مقتل {value} جنديا في الغارات",
        event="sy-1",
        url=url,
        published=published,
    )


def make_alert(conflicts: int = 1, alert_id: str = "alert-1", event: str = "sy-1") -> Alert:
    return Alert(
        id=alert_id,
        event=event,
        metric="killed",
        victim_class="security_forces",
        severity="medium",
        new=claim(
            80,
            "مصدر في مطار دير الزور",
            article="a2",
            outlet="sohr.example",
            url="https://sohr.example/news/80",
            published="2026-03-03T08:05:00Z",
        ),  # fmt: skip
        conflicts_with=tuple(
            claim(62 - i, None, article=f"a{i + 3}", outlet=f"outlet{i}.example")
            for i in range(conflicts)
        ),
        summary="Killed: a source at the airport says 80, contradicting 62 — event sy-1",
    )


def with_incident(alert: Alert, **fields: object) -> dict:
    """The alert's JSON with the incident fields the event stage adds (title, place, day)."""
    return {
        **alert.to_json(),
        "title": "Air strike on Deir ez-Zor airport",
        "place": "Deir ez-Zor",
        "day": "2016-09-17",
        **fields,
    }


@pytest.fixture
def alert() -> Alert:
    return make_alert()


@dataclass
class Receiver:
    """A webhook receiver on 127.0.0.1 answering with the statuses it is given, then 200."""

    url: str
    statuses: list[int]
    requests: list[dict[str, Any]] = field(default_factory=list)
    delay: float = 0.0

    @property
    def accepted(self) -> list[dict[str, Any]]:
        return [r for r in self.requests if r["status"] < 300]


@pytest.fixture
async def receiver() -> AsyncIterator[Callable[..., Receiver]]:
    runners: list[web.AppRunner] = []

    async def make(statuses: list[int] | None = None, delay: float = 0.0) -> Receiver:
        import asyncio

        state = Receiver(url="", statuses=list(statuses or []), delay=delay)

        async def hook(request: web.Request) -> web.Response:
            if state.delay:
                await asyncio.sleep(state.delay)
            status = state.statuses.pop(0) if state.statuses else 200
            state.requests.append(
                {
                    "status": status,
                    "path": request.path,
                    "headers": dict(request.headers),
                    "body": await request.json(),
                }
            )
            return web.Response(status=status, text="ok" if status < 300 else "boom")

        app = web.Application()
        app.router.add_post("/{tail:.*}", hook)
        runner = web.AppRunner(app)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        runners.append(runner)
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]  # noqa: SLF001 - aiohttp tells the bound port only there
        state.url = f"http://127.0.0.1:{port}/hook"
        return state

    yield make
    for runner in runners:
        await runner.cleanup()
