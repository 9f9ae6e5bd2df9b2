"""A loopback news feed whose entries are the seed articles raises the seeds' alert end to end."""

from __future__ import annotations

import time

import pytest
from aiohttp import web

from streams.cli.client import Collector
from streams.cli.poll import poll_into_topic
from streams.core.model import Alert

from .conftest import serving

pytestmark = pytest.mark.integration


@pytest.fixture
async def seed_feed_site(fixtures_dir):
    """An outlet on loopback: an RSS feed linking to the two seed articles as pages."""
    app = web.Application()
    state: dict[str, str] = {}

    async def feed(request: web.Request) -> web.Response:
        body = (fixtures_dir / "feeds" / "rss2.xml").read_text().replace("{{BASE}}", state["base"])
        return web.Response(text=body, content_type="application/rss+xml")

    async def page(request: web.Request) -> web.Response:
        raw = (fixtures_dir / "pages" / request.match_info["name"]).read_bytes()
        return web.Response(body=raw, content_type="text/html")

    app.router.add_get("/feed.xml", feed)
    app.router.add_get("/pages/{name}", page)
    async with serving(app, state) as base:
        yield base


async def test_polling_a_feed_of_the_seed_articles_raises_the_80_vs_62_alert(
    make_pipeline, seed_feed_site, tmp_path
):
    pipeline = make_pipeline()
    settings = pipeline.settings.model_copy(update={"data_dir": tmp_path / "poller"})
    feeds = tmp_path / "feeds.toml"
    feeds.write_text(
        f'[[feeds]]\nurl = "{seed_feed_site}/feed.xml"\nname = "loopback-outlet"\nlang = "ar"\n'
        'interval = "1m"\ninternal = true\n'
    )
    pipeline.start_worker()
    report = await poll_into_topic(settings, pipeline.broker.url, feeds, once=True, jsonl=True)
    assert report["articles_ingested"] >= 2, report

    collector = Collector(settings, pipeline.broker.url)
    await collector.start(from_beginning=True)
    found: list[Alert] = []
    deadline = time.monotonic() + 90
    try:
        async for topic, value in collector.messages(idle=1):
            if topic == settings.topic_alerts:
                alert = Alert.from_json(value)
                figures = {(c.metric, c.min) for c in (alert.new, *alert.conflicts_with)}
                if {("killed", 80), ("killed", 62)} <= figures:
                    found.append(alert)
                    break
            if time.monotonic() > deadline or not pipeline.alive():
                break
    finally:
        await collector.stop()
    assert found, pipeline.worker_log()

    again = await poll_into_topic(settings, pipeline.broker.url, feeds, once=True, jsonl=True)
    assert again["articles_ingested"] == 0
