"""One size limit everywhere, and files whose bad lines cost themselves only, end to end."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from aiohttp import web

from streams.cli.client import read_topic
from streams.cli.poll import poll_into_topic
from streams.core.model import Article
from streams.topics import ensure_topics

from .conftest import serving

pytestmark = pytest.mark.integration

STORIES = [f"قتل {n} أشخاص في قصف على قرية رقم {n} شمال البلاد" for n in (4, 9, 13, 21)]


def _articles() -> list[Article]:
    return [Article(id=f"ok-{n}", text=text) for n, text in enumerate(STORIES)]


async def test_an_article_of_one_and_a_half_megabytes_is_processed_with_the_articles_beside_it(
    make_pipeline,
):
    pipeline = make_pipeline()
    pipeline.start_worker()
    big = Article(id="big", text="نص طويل بلا أرقام " * 47_000)  # 1.5 MB of UTF-8
    assert 1_400_000 < len(big.text.encode()) < 2_000_000
    result = await pipeline.replay_items([*_articles()[:2], big, *_articles()[2:]])
    assert result.processed == {"ok-0", "ok-1", "big", "ok-2", "ok-3"}, pipeline.worker_log()
    assert not result.rejected


async def test_an_article_over_the_limit_is_dead_lettered_before_producing_and_the_rest_go_on(
    make_pipeline,
):
    pipeline = make_pipeline()
    settings, url = pipeline.settings, pipeline.broker.url
    pipeline.start_worker()
    huge = Article(id="huge", text="نص " * 500_000)  # 3 MB, over the 2 MB default
    result = await pipeline.replay_items([*_articles()[:2], huge, *_articles()[2:]])
    assert result.processed == {"ok-0", "ok-1", "ok-2", "ok-3"}, pipeline.worker_log()
    [rejected] = result.rejected
    assert rejected.origin == "article 'huge'"
    assert "exceeds RAQIB_MAX_ARTICLE_BYTES=2000000" in rejected.reason
    [dead] = await read_topic(settings, url, settings.topic_deadletter)
    assert dead.key == b"article 'huge'" and dead.headers["raqib_stage"] == b"input"


def test_raqib_replay_reports_bad_lines_by_number_and_processes_the_rest(make_pipeline, tmp_path):
    pipeline = make_pipeline()
    pipeline.start_worker()
    path = tmp_path / "mixed.jsonl"
    lines = [
        json.dumps({"id": f"ok-{n}", "text": t}, ensure_ascii=False).encode()
        for n, t in enumerate(STORIES)
    ]
    path.write_bytes(
        b"\n".join(
            [
                lines[0],
                b'{"id": "deep", "text": "x", "n": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
                lines[1],
                b'{"id": "lone", "text": "\\ud800 x"}',
                lines[2],
                '{"id": "cp", "text": "قتل 4"}'.encode("cp1256"),
                lines[3],
            ]
        )
        + b"\n"
    )
    env = {
        **os.environ,
        **pipeline.env,
        "RAQIB_BROKER": pipeline.broker.url,
        "RAQIB_DATA_DIR": str(tmp_path),
    }
    done = subprocess.run(
        [sys.executable, "-m", "streams.cli", "replay", str(path), "--jsonl", "--timeout", "90"],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 1, done.stderr
    claims = [json.loads(line) for line in done.stdout.splitlines()]
    assert {c["article"] for c in claims if c["type"] == "claim"} == {f"ok-{n}" for n in range(4)}
    errors = [line for line in done.stderr.splitlines() if line.startswith("raqib: error:")]
    assert [line.split(": ")[2] for line in errors] == [f"{path}:2", f"{path}:4", f"{path}:6"]
    assert "Traceback" not in done.stderr


@pytest.fixture
async def outlet():
    """A loopback outlet: an RSS feed of three pages, the middle one larger than the limit."""
    app = web.Application()
    state: dict[str, str] = {}
    bodies = {
        "a": STORIES[0] + "، وقال الدفاع المدني إن فرقه ما زالت تبحث عن مفقودين تحت الأنقاض.",
        "big": "نص طويل عن القصف بلا أرقام. " * 2000,
        "c": STORIES[1] + "، وقال الدفاع المدني إن فرقه ما زالت تبحث عن مفقودين تحت الأنقاض.",
    }

    async def feed(request: web.Request) -> web.Response:
        items = "".join(
            f"<item><title>{name}</title><link>{state['base']}/pages/{name}</link>"
            f"<guid>{name}</guid></item>"
            for name in bodies
        )
        rss = f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{items}</channel></rss>'
        return web.Response(text=rss, content_type="application/rss+xml")

    async def page(request: web.Request) -> web.Response:
        text = bodies[request.match_info["name"]]
        html = f"<html><head><title>خبر</title></head><body><article><p>{text}</p></article></body></html>"
        return web.Response(text=html, content_type="text/html")

    app.router.add_get("/feed.xml", feed)
    app.router.add_get("/pages/{name}", page)
    async with serving(app, state) as base:
        yield base


async def test_a_feed_item_over_the_limit_is_dead_lettered_and_the_feed_goes_on(
    make_pipeline, outlet, tmp_path
):
    pipeline = make_pipeline(RAQIB_MAX_ARTICLE_BYTES="20000")
    settings = pipeline.settings.model_copy(update={"data_dir": tmp_path / "poller"})
    url = pipeline.broker.url
    await ensure_topics(settings, url)
    feeds = tmp_path / "feeds.toml"
    feeds.write_text(
        f'[[feeds]]\nurl = "{outlet}/feed.xml"\nname = "outlet"\nlang = "ar"\n'
        'interval = "1m"\ninternal = true\n'
    )
    report = await poll_into_topic(settings, url, feeds, once=True, jsonl=True)
    produced = await read_topic(settings, url, settings.topic_articles)
    titles = {json.loads(m.value)["url"].rsplit("/", 1)[1] for m in produced}
    assert titles == {"a", "c"}, report
    [dead] = await read_topic(settings, url, settings.topic_deadletter)
    assert b"exceeds RAQIB_MAX_ARTICLE_BYTES=20000" in dead.headers["raqib_reason"]
    assert dead.key.endswith(b"/pages/big")
    again = await poll_into_topic(settings, url, feeds, once=True, jsonl=True)
    assert again["articles_ingested"] == 0  # the oversized item is not fetched again and again
