"""FeedPoller end to end against a real loopback server: what is ingested, what is reported."""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path

import httpx
import pytest

from connectors.base import Rejected
from connectors.feedsfile import FeedConfig
from connectors.http import make_client
from connectors.poller import FeedPoller, article_line, poll_feeds
from connectors.seen import SeenStore
from connectors.urls import canonical_url
from streams.core.model import Article, stable_hash
from streams.settings import Settings

from .conftest import TEST_LIMITS, Collector, FeedServer, feed_bytes, internal_feed

pytestmark = pytest.mark.timeout(20)

SEED_000 = (Path(__file__).resolve().parents[2] / "seeds" / "000_68668790cc261656.txt").read_text(
    "utf-8"
)
SEED_004 = (Path(__file__).resolve().parents[2] / "seeds" / "004_f4b57ad9e8c84b08.txt").read_text(
    "utf-8"
)


async def test_rss2_entries_become_articles_with_page_text(
    feed_server: FeedServer, make_poller, sink: Collector
) -> None:
    poller = make_poller([internal_feed(feed_server, "/feeds/rss2.xml", name="Syria News")])
    report = await poller.poll_once(sink.emit, sink.reject)

    assert report.ok and report.articles_ingested == 2 and report.feed_errors == {}
    utf8_url = feed_server.url("/pages/deir-ez-zor-utf8.html")
    article = sink.by_url()[utf8_url]
    assert article.id == stable_hash(canonical_url(utf8_url))
    assert article.source == "Syria News"
    assert article.title == "مقتل 62 من جيش النظام في غارات للتحالف على دير الزور"
    assert article.published == "2016-09-17T20:00:00Z"
    assert article.lang == "ar"
    assert article.extra["text_from"] == "page"
    assert "أكثر من 60 جندياً" in article.text
    assert SEED_000.splitlines()[2][:50] in article.text
    assert "جميع الحقوق محفوظة" not in article.text  # boilerplate left out


async def test_windows_1256_page_is_decoded_from_its_meta_charset(
    feed_server: FeedServer, make_poller, sink: Collector
) -> None:
    await make_poller([internal_feed(feed_server, "/feeds/rss2.xml")]).poll_once(
        sink.emit, sink.reject
    )
    article = sink.by_url()[feed_server.url("/pages/deir-ez-zor-windows-1256.html")]
    assert article.extra["text_from"] == "page"
    first_arabic_line = SEED_004.splitlines()[1]
    assert first_arabic_line.startswith("قامت طائرات التحالف")
    assert first_arabic_line.strip()[:60] in article.text
    assert "بلغ 60 عنصر" in article.text


async def test_atom_feed_uses_summary_when_the_page_is_missing(
    feed_server: FeedServer, make_poller, sink: Collector
) -> None:
    report = await make_poller([internal_feed(feed_server, "/feeds/atom.xml")]).poll_once(
        sink.emit, sink.reject
    )
    assert report.articles_ingested == 2
    assert report.summary_fallbacks == 1
    assert report.page_errors == {"http_status": 1}
    by_url = sink.by_url()
    from_summary = by_url[feed_server.url("/pages/missing.html")]
    assert from_summary.extra["text_from"] == "summary"
    assert from_summary.text.startswith("أفاد مراسل بأن 12 جثة فقط")
    # the fragment of the Atom link is dropped; header charset windows-1256 (no <meta>) decoded
    from_page = by_url[feed_server.url("/pages/tharda-windows-1256-nometa.html")]
    assert from_page.extra["text_from"] == "page"
    assert "جبل الثردة" in from_page.text


async def test_rss1_rdf_feed_with_iso_8859_6_page(
    feed_server: FeedServer, make_poller, sink: Collector
) -> None:
    report = await make_poller([internal_feed(feed_server, "/feeds/rss1.rdf")]).poll_once(
        sink.emit, sink.reject
    )
    assert report.articles_ingested == 1
    (article,) = sink.articles
    assert "مقتل 60 عسكريا سوريا" in article.text
    assert article.published == "2016-09-18T09:00:00Z"


async def test_page_without_article_text_falls_back_to_summary(
    feed_server: FeedServer, make_poller, sink: Collector
) -> None:
    report = await make_poller([internal_feed(feed_server, "/feeds/rss092.xml")]).poll_once(
        sink.emit, sink.reject
    )
    assert report.articles_ingested == 1 and report.summary_fallbacks == 1
    assert report.page_errors == {"no_text": 1}
    (article,) = sink.articles
    assert article.extra["text_from"] == "summary"
    assert article.text == "قالت مصادر طبية إن 12 جثة فقط وصلت إلى المستشفى العسكري في دير الزور."
    assert article.title == "مصادر طبية: 12 جثة فقط"


async def test_without_page_fetching_the_summary_is_the_text(
    feed_server: FeedServer, make_poller, sink: Collector
) -> None:
    poller = make_poller([internal_feed(feed_server, "/feeds/rss2.xml")], fetch_pages=False)
    report = await poller.poll_once(sink.emit, sink.reject)
    assert report.articles_ingested == 2 and report.summary_fallbacks == 2
    assert all(a.extra["text_from"] == "summary" for a in sink.articles)
    assert feed_server.hits["/pages/deir-ez-zor-utf8.html"] == 0


async def test_second_poll_ingests_nothing_and_gets_304(
    feed_server: FeedServer, make_poller, sink: Collector
) -> None:
    poller = make_poller([internal_feed(feed_server, "/conditional/feed.xml")])
    first = await poller.poll_once(sink.emit, sink.reject)
    second = await poller.poll_once(sink.emit, sink.reject)

    assert first.articles_ingested == 2 and first.not_modified == 0
    assert second.articles_ingested == 0 and second.not_modified == 1
    assert second.feeds[0].status == "not_modified"
    last_request_headers = feed_server.requests[-1][1]
    assert last_request_headers["If-None-Match"] == '"v1-deir-ez-zor"'
    assert poller.stats.articles_ingested == 2 and poller.stats.not_modified == 1
    counters = poller.stats.as_dict()
    assert counters["feeds_polled"] == 2 and counters["errors"] == 0
    json.dumps(second.as_dict())


async def test_seen_set_survives_a_restart(
    feed_server: FeedServer, client, sink: Collector, tmp_path: Path
) -> None:
    feeds = [internal_feed(feed_server, "/feeds/rss2.xml")]  # no ETag: entries must be deduped
    with SeenStore.open(tmp_path / "state") as seen:
        first = await FeedPoller(feeds, client, seen, page_limits=TEST_LIMITS).poll_once(
            sink.emit, sink.reject
        )
    with SeenStore.open(tmp_path / "state") as seen:
        second = await FeedPoller(feeds, client, seen, page_limits=TEST_LIMITS).poll_once(
            sink.emit, sink.reject
        )
    assert first.articles_ingested == 2
    assert second.articles_ingested == 0 and second.duplicates_skipped == 2
    assert len(sink.articles) == 2
    assert feed_server.hits["/pages/deir-ez-zor-utf8.html"] == 1  # no page refetch for seen URLs


async def test_poll_feeds_once_twice_ingests_nothing_the_second_time(
    feed_server: FeedServer, client, tmp_path: Path
) -> None:
    feeds_file = tmp_path / "feeds.toml"
    feeds_file.write_text(
        f'[[feeds]]\nurl = "{feed_server.url("/conditional/feed.xml")}"\nname = "A"\n'
        'lang = "ar"\ninterval = "5m"\ninternal = true\n\n'
        f'[[feeds]]\nurl = "{feed_server.url("/feeds/atom.xml")}"\nname = "B"\n'
        'interval = "1h"\ninternal = true\n',
        encoding="utf-8",
    )
    settings = Settings(data_dir=tmp_path / "data")
    lines: list[str] = []
    rejected: list[Rejected] = []

    async def emit(article: Article) -> None:
        lines.append(json.dumps(article_line(article), ensure_ascii=False))

    async def reject(item: Rejected) -> None:
        rejected.append(item)

    first = await poll_feeds(feeds_file, settings, emit, reject, once=True, client=client)
    second = await poll_feeds(feeds_file, settings, emit, reject, once=True, client=client)

    # the Atom feed's windows-1256 page carries the same text as one in the RSS feed
    assert first.articles_ingested == 3 and first.duplicates_skipped == 1
    assert len(lines) == 3
    assert second.articles_ingested == 0
    assert second.not_modified == 1 and second.duplicates_skipped == 2
    assert (tmp_path / "data" / "seen.sqlite").is_file()
    line = json.loads(lines[0])
    assert line["type"] == "article"
    assert set(line) >= {"id", "url", "source", "title", "published", "chars"}
    assert line["chars"] > 100
    assert rejected == []


async def test_same_story_under_another_url_is_a_duplicate(
    feed_server: FeedServer, make_poller, sink: Collector
) -> None:
    poller = make_poller(
        [
            internal_feed(feed_server, "/feeds/rss2.xml", name="A"),
        ]
    )
    await poller.poll_once(sink.emit, sink.reject)
    poller.feeds = [internal_feed(feed_server, "/feeds/rss2-dup.xml", name="Mirror")]
    report = await poller.poll_once(sink.emit, sink.reject)
    # one entry is the same canonical URL (fbclid, fragment), the other the same text
    assert report.articles_ingested == 0 and report.duplicates_skipped == 2
    assert feed_server.hits["/mirror/deir-ez-zor-copy.html"] == 1


async def test_failing_feeds_are_reported_and_the_others_go_on(
    feed_server: FeedServer, make_poller, sink: Collector
) -> None:
    bad = {
        "/slow/feed.xml": "timeout",
        "/error/feed.xml": "http_status",
        "/loop/a": "redirects",
        "/truncated-gzip/feed.xml": "truncated",
        "/feeds/broken.xml": "malformed",
        "/feeds/not-a-feed.html": "not_a_feed",
        "/empty/feed.xml": "empty",
        "/bomb/gzip/feed.xml": "decompression_bomb",
        "/bomb/br/feed.xml": "decompression_bomb",
        "/maintenance/feed.xml": "rate_limited",
    }
    feeds = [internal_feed(feed_server, path, name=f"bad {kind}") for path, kind in bad.items()]
    feeds.append(internal_feed(feed_server, "/feeds/rss2.xml", name="good"))
    report = await make_poller(feeds, retries=0).poll_once(sink.emit, sink.reject)

    assert report.articles_ingested == 2
    assert {a.source for a in sink.articles} == {"good"}
    results = {r.url.removeprefix(feed_server.base): r for r in report.feeds}
    for path, kind in bad.items():
        assert results[path].status == "error", path
        assert results[path].error_kind == kind, (path, results[path].error)
        assert path in (results[path].error or ""), results[path].error
    assert results["/maintenance/feed.xml"].retry_after == 3600
    assert report.feed_errors == {
        "timeout": 1,
        "http_status": 1,
        "redirects": 1,
        "truncated": 1,
        "malformed": 1,
        "not_a_feed": 1,
        "empty": 1,
        "decompression_bomb": 2,
        "rate_limited": 1,
    }
    assert not report.ok
    # content errors are dead-lettered, transient ones are not
    rejected_origins = {r.origin.removeprefix(feed_server.base) for r in sink.rejected}
    assert rejected_origins == {
        "/feeds/broken.xml",
        "/feeds/not-a-feed.html",
        "/empty/feed.xml",
        "/bomb/gzip/feed.xml",
        "/bomb/br/feed.xml",
    }
    broken = next(r for r in sink.rejected if r.origin.endswith("broken.xml"))
    assert broken.reason.startswith("malformed:") and broken.payload.startswith(b"<?xml")


async def test_errors_are_logged_with_the_feed_name(
    feed_server: FeedServer, make_poller, sink: Collector, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("ERROR", logger="connectors.poller")
    await make_poller(
        [internal_feed(feed_server, "/feeds/not-a-feed.html", name="Homepage By Mistake")]
    ).poll_once(sink.emit, sink.reject)
    (record,) = [r for r in caplog.records if r.levelname == "ERROR"]
    assert "Homepage By Mistake" in record.getMessage()
    assert "not_a_feed" in record.getMessage()


async def test_429_is_retried_after_retry_after(
    feed_server: FeedServer, make_poller, sink: Collector
) -> None:
    poller = make_poller([internal_feed(feed_server, "/ratelimit/feed.xml")], retries=2)
    started = time.monotonic()
    report = await poller.poll_once(sink.emit, sink.reject)
    assert time.monotonic() - started >= 0.95
    assert report.retries == 1 and report.feed_errors == {}
    assert report.articles_ingested == 2
    assert feed_server.hits["/ratelimit/feed.xml"] == 2


async def test_500_is_retried_with_backoff_then_reported(
    feed_server: FeedServer, make_poller, sink: Collector
) -> None:
    report = await make_poller(
        [internal_feed(feed_server, "/error/feed.xml")], retries=2, backoff_base=0.01
    ).poll_once(sink.emit, sink.reject)
    assert feed_server.hits["/error/feed.xml"] == 3
    assert report.retries == 2 and report.feed_errors == {"http_status": 1}


async def test_loopback_feed_not_marked_internal_is_refused(
    feed_server: FeedServer, make_poller, sink: Collector
) -> None:
    feed = FeedConfig(url=feed_server.url("/feeds/rss2.xml"), name="Not internal")
    report = await make_poller([feed]).poll_once(sink.emit, sink.reject)
    assert report.feed_errors == {"unsafe_url": 1}
    assert sink.articles == [] and feed_server.hits["/feeds/rss2.xml"] == 0


async def test_emit_failure_redelivers_on_next_poll(
    feed_server: FeedServer, make_poller, sink: Collector
) -> None:
    poller = make_poller([internal_feed(feed_server, "/conditional/feed.xml")])
    calls = 0

    async def flaky_emit(article: Article) -> None:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise ConnectionError("broker down")
        await sink.emit(article)

    first = await poller.poll_once(flaky_emit, sink.reject)
    assert first.articles_ingested == 1 and first.feed_errors == {"emit": 1}
    second = await poller.poll_once(sink.emit, sink.reject)
    # validators were not saved, so the feed is fetched in full and the lost entry re-sent
    assert second.not_modified == 0 and second.articles_ingested == 1
    assert second.duplicates_skipped == 1
    assert len({a.id for a in sink.articles}) == 2


async def test_run_polls_at_interval_until_stopped(
    feed_server: FeedServer, make_poller, sink: Collector
) -> None:
    feed = FeedConfig(
        url=feed_server.url("/conditional/feed.xml"), name="A", interval=0.2, internal=True
    )
    poller = make_poller([feed])
    task = asyncio.create_task(poller.run(sink.emit, sink.reject))
    await asyncio.sleep(0.9)
    await poller.stop()
    await asyncio.wait_for(task, timeout=2)
    assert feed_server.hits["/conditional/feed.xml"] >= 3
    assert poller.stats.articles_ingested == 2
    assert poller.stats.not_modified >= 2


async def test_run_backs_off_a_failing_feed(
    feed_server: FeedServer, make_poller, sink: Collector
) -> None:
    failing = FeedConfig(
        url=feed_server.url("/error/feed.xml"), name="F", interval=0.1, internal=True
    )
    poller = make_poller([failing], retries=0, backoff_cap=0.4)
    task = asyncio.create_task(poller.run(sink.emit, sink.reject))
    await asyncio.sleep(1.0)
    await poller.stop()
    await asyncio.wait_for(task, timeout=2)
    # without backoff it would be polled ~10 times in a second
    assert 2 <= feed_server.hits["/error/feed.xml"] <= 6
    assert poller.stats.feed_errors["http_status"] == feed_server.hits["/error/feed.xml"]


def test_article_line_has_the_contract_fields() -> None:
    article = Article(
        id="abc",
        text="نص",
        source="BBC Arabic",
        url="https://www.bbc.com/arabic/x",
        published="2016-09-17T20:00:00Z",
        title="عنوان",
        extra={"text_from": "page"},
    )
    line = article_line(article)
    assert line == {
        "type": "article",
        "id": "abc",
        "url": "https://www.bbc.com/arabic/x",
        "source": "BBC Arabic",
        "title": "عنوان",
        "published": "2016-09-17T20:00:00Z",
        "chars": 2,
        "lang": None,
        "text_from": "page",
    }
    json.dumps(line)


async def test_public_feed_cannot_point_the_poller_at_loopback_pages(
    feed_server: FeedServer, seen: SeenStore, sink: Collector
) -> None:
    """A feed on a public address whose entries link to 127.0.0.1: the pages are refused."""
    rss = feed_bytes("rss2.xml", feed_server.base)

    async def public_feed(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200, stream=httpx.ByteStream(rss), headers={"Content-Type": "application/rss+xml"}
        )

    feed = FeedConfig(url="https://93.184.216.34/rss.xml", name="Public")
    async with make_client(transport=httpx.MockTransport(public_feed)) as client:
        report = await FeedPoller([feed], client, seen).poll_once(sink.emit, sink.reject)
    assert report.page_errors == {"unsafe_url": 2}
    assert report.articles_ingested == 2 and report.summary_fallbacks == 2
    assert feed_server.hits["/pages/deir-ez-zor-utf8.html"] == 0


async def test_stop_before_run_returns_at_once(
    make_poller, feed_server: FeedServer, sink: Collector
) -> None:
    poller = make_poller([internal_feed(feed_server, "/feeds/rss2.xml")])
    await poller.stop()
    await asyncio.wait_for(poller.run(sink.emit, sink.reject), timeout=2)
    assert feed_server.hits["/feeds/rss2.xml"] == 0


async def test_poll_feeds_until_cancelled(
    feed_server: FeedServer, client: httpx.AsyncClient, sink: Collector, tmp_path: Path
) -> None:
    feeds_file = tmp_path / "feeds.toml"
    feeds_file.write_text(
        f'[[feeds]]\nurl = "{feed_server.url("/feeds/rss2.xml")}"\nname = "A"\n'
        'interval = "1s"\ninternal = true\n',
        encoding="utf-8",
    )
    settings = Settings(data_dir=tmp_path / "data")
    task = asyncio.create_task(
        poll_feeds(feeds_file, settings, sink.emit, sink.reject, once=False, client=client)
    )
    await asyncio.sleep(1.5)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert feed_server.hits["/feeds/rss2.xml"] == 2
    assert len(sink.articles) == 2  # the second poll found only duplicates
    with SeenStore.open(tmp_path / "data") as seen:
        assert seen.counts()["urls"] == 2
