"""FeedPoller hands an article over before it forgets it: marked seen only once the pipeline
took it (``confirm``); a feed's poll has a deadline; a continuous poll reports each cycle."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence

import pytest
from aiohttp import web

from connectors.feedsfile import FeedConfig
from connectors.report import FeedResult

from .conftest import Collector, FeedServer, internal_feed

pytestmark = pytest.mark.timeout(20)

HANGING_PAGES = 5


@pytest.fixture
async def hanging_site() -> AsyncIterator[str]:
    """A feed of HANGING_PAGES entries whose pages never answer."""
    release = asyncio.Event()

    async def feed(request: web.Request) -> web.Response:
        base = f"http://{request.host}"
        items = "".join(
            f"<item><title>t{i}</title><link>{base}/hang/{i}</link>"
            f"<description>ملخص {i}</description></item>"
            for i in range(HANGING_PAGES)
        )
        body = f'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>{items}</channel></rss>'
        return web.Response(text=body, content_type="application/rss+xml")

    async def hang(request: web.Request) -> web.Response:
        await release.wait()
        return web.Response(text="<html></html>", content_type="text/html")

    app = web.Application()
    app.router.add_get("/feed.xml", feed)
    app.router.add_get("/hang/{i}", hang)
    runner = web.AppRunner(app, handle_signals=False)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    host, port = runner.addresses[0][:2]
    try:
        yield f"http://{host}:{port}"
    finally:
        release.set()
        await runner.cleanup()


class Pipeline:
    """A ``confirm`` that takes the articles whose ids it is told to take."""

    def __init__(self, takes: bool) -> None:
        self.takes = takes
        self.asked: list[list[str]] = []

    async def confirm(self, ids: Sequence[str]) -> set[str]:
        self.asked.append(list(ids))
        return set(ids) if self.takes else set()


async def test_articles_the_pipeline_did_not_take_stay_unseen_and_are_sent_again(
    feed_server: FeedServer, make_poller, sink: Collector
) -> None:
    feeds = [internal_feed(feed_server, "/conditional/feed.xml")]
    idle = Pipeline(takes=False)
    first = await make_poller(feeds, confirm=idle.confirm).poll_once(sink.emit, sink.reject)
    assert len(idle.asked) == 1 and len(idle.asked[0]) == 2
    assert first.articles_ingested == 0
    assert first.feed_errors == {"not_processed": 1}
    assert first.feeds[0].error_kind == "not_processed"

    working = Pipeline(takes=True)
    second = await make_poller(feeds, confirm=working.confirm).poll_once(sink.emit, sink.reject)
    # the feed's validators were not saved: fetched in full, both articles sent again
    assert second.not_modified == 0 and second.articles_ingested == 2
    assert working.asked[0] == idle.asked[0]
    third = await make_poller(feeds, confirm=working.confirm).poll_once(sink.emit, sink.reject)
    assert third.not_modified == 1 and third.articles_ingested == 0


async def test_articles_the_pipeline_took_are_seen(
    feed_server: FeedServer, make_poller, sink: Collector
) -> None:
    feeds = [internal_feed(feed_server, "/feeds/rss2.xml")]
    working = Pipeline(takes=True)
    first = await make_poller(feeds, confirm=working.confirm).poll_once(sink.emit, sink.reject)
    assert first.ok and first.articles_ingested == 2
    again = await make_poller(feeds, confirm=working.confirm).poll_once(sink.emit, sink.reject)
    assert again.articles_ingested == 0 and again.duplicates_skipped == 2


async def test_a_feed_of_hanging_pages_is_cut_at_its_deadline(
    hanging_site: str, make_poller, sink: Collector
) -> None:
    feed = FeedConfig(url=f"{hanging_site}/feed.xml", name="Hanging", internal=True)
    poller = make_poller([feed], feed_deadline=1.0)
    report = await poller.poll_once(sink.emit, sink.reject)
    assert report.feed_errors == {"deadline": 1}
    (result,) = report.feeds
    assert result.status == "error" and "RAQIB_POLL_FEED_DEADLINE" in (result.error or "")


async def test_a_continuous_poll_reports_every_cycle(
    feed_server: FeedServer, make_poller, sink: Collector
) -> None:
    feed = FeedConfig(
        url=feed_server.url("/conditional/feed.xml"), name="A", interval=0.2, internal=True
    )
    cycles: list[tuple[FeedResult, float]] = []
    poller = make_poller([feed], on_cycle=lambda result, delay: cycles.append((result, delay)))
    task = asyncio.create_task(poller.run(sink.emit, sink.reject))
    while len(cycles) < 2:
        await asyncio.sleep(0.05)
    await poller.stop()
    await asyncio.wait_for(task, timeout=2)
    assert cycles[0][0].name == "A" and cycles[0][0].ingested == 2 and cycles[0][1] == 0.2
    assert cycles[1][0].status == "not_modified"
