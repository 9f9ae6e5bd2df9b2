"""Real HTTP servers on loopback for the feed connector tests.

``feed_server`` is an aiohttp server serving the files of ``tests/fixtures/feeds`` and
``tests/fixtures/pages`` (``{{BASE}}`` in a fixture becomes the server's base URL), plus
misbehaving endpoints: 304-capable, slow, 500, 429 with Retry-After, redirect loop,
truncated gzip, decompression bombs, empty body. ``server.hits`` counts requests per path
and ``server.requests`` keeps their headers.
"""

from __future__ import annotations

import asyncio
import gzip
import zlib
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import brotli
import httpx
import pytest
from aiohttp import web

from connectors.base import Rejected
from connectors.feedsfile import FeedConfig
from connectors.fetch import FetchLimits
from connectors.http import make_client
from connectors.poller import FeedPoller
from connectors.seen import SeenStore
from streams.core.model import Article

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
FEEDS = FIXTURES / "feeds"
PAGES = FIXTURES / "pages"
ETAG = '"v1-deir-ez-zor"'
LAST_MODIFIED = "Sun, 18 Sep 2016 12:00:00 GMT"
BOMB_SIZE = 64 * 1024 * 1024
FEED_TYPES = {".xml": "application/rss+xml", ".rdf": "application/rdf+xml", ".html": "text/html"}


@dataclass
class FeedServer:
    base: str = ""
    hits: Counter[str] = field(default_factory=Counter)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    def url(self, path: str) -> str:
        return f"{self.base}{path}"


def feed_bytes(name: str, base: str) -> bytes:
    return (FEEDS / name).read_bytes().replace(b"{{BASE}}", base.encode())


@pytest.fixture(scope="session")
def bombs() -> dict[str, bytes]:
    """64 MiB of zeros, gzip'd (~64 KiB) and brotli'd (a few bytes)."""
    zeros = b"\0" * BOMB_SIZE
    return {"gzip": gzip.compress(zeros, compresslevel=6), "br": brotli.compress(zeros, quality=1)}


@pytest.fixture
async def feed_server(bombs: dict[str, bytes]) -> AsyncIterator[FeedServer]:
    server = FeedServer()
    slow_release = asyncio.Event()

    @web.middleware
    async def record(
        request: web.Request,
        handler: Callable[[web.Request], Awaitable[web.StreamResponse]],
    ) -> web.StreamResponse:
        server.hits[request.path] += 1
        server.requests.append((request.path, dict(request.headers)))
        return await handler(request)

    async def feed(request: web.Request) -> web.Response:
        name = request.match_info["name"]
        if not (FEEDS / name).is_file():
            raise web.HTTPNotFound()
        content_type = FEED_TYPES.get(Path(name).suffix, "application/xml")
        return web.Response(body=feed_bytes(name, server.base), content_type=content_type)

    async def page(request: web.Request) -> web.Response:
        name = request.match_info["name"]
        if not (PAGES / name).is_file():
            raise web.HTTPNotFound()
        body = (PAGES / name).read_bytes()
        if "windows-1256" in name and "nometa" in name:
            content_type = "text/html; charset=windows-1256"
        elif "windows-1256" in name or "iso-8859-6" in name:
            content_type = "text/html"  # charset only in <meta>
        else:
            content_type = "text/html; charset=utf-8"
        return web.Response(body=body, headers={"Content-Type": content_type})

    async def mirror(request: web.Request) -> web.Response:
        body = (PAGES / "deir-ez-zor-utf8.html").read_bytes()
        return web.Response(body=body, headers={"Content-Type": "text/html; charset=utf-8"})

    async def conditional(request: web.Request) -> web.Response:
        if request.headers.get("If-None-Match") == ETAG or (
            request.headers.get("If-Modified-Since") == LAST_MODIFIED
        ):
            return web.Response(status=304, headers={"ETag": ETAG})
        return web.Response(
            body=feed_bytes("rss2.xml", server.base),
            headers={
                "Content-Type": "application/rss+xml; charset=utf-8",
                "ETag": ETAG,
                "Last-Modified": LAST_MODIFIED,
            },
        )

    async def slow(request: web.Request) -> web.Response:
        await asyncio.wait_for(slow_release.wait(), timeout=5)
        return web.Response(body=feed_bytes("rss2.xml", server.base))

    async def trickle(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "application/rss+xml"})
        await response.prepare(request)
        for byte in feed_bytes("rss2.xml", server.base):
            await response.write(bytes([byte]))
            await asyncio.sleep(0.05)
        return response

    async def chunked(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "application/rss+xml"})
        await response.prepare(request)  # no Content-Length: chunked transfer encoding
        for _ in range(64):
            await response.write(b"<!-- padding -->" * 4096)
        return response

    async def fail(request: web.Request) -> web.Response:
        return web.Response(status=500, text="internal error")

    async def rate_limited(request: web.Request) -> web.Response:
        if server.hits[request.path] == 1:
            return web.Response(status=429, headers={"Retry-After": "1"}, text="slow down")
        return web.Response(
            body=feed_bytes("atom.xml", server.base), content_type="application/atom+xml"
        )

    async def rate_limited_long(request: web.Request) -> web.Response:
        return web.Response(status=503, headers={"Retry-After": "3600"}, text="maintenance")

    async def loop_a(request: web.Request) -> web.Response:
        raise web.HTTPFound("/loop/b")

    async def loop_b(request: web.Request) -> web.Response:
        raise web.HTTPFound("/loop/a")

    async def moved(request: web.Request) -> web.Response:
        raise web.HTTPMovedPermanently("/feeds/rss1.rdf")

    async def chain(request: web.Request) -> web.Response:
        step = int(request.match_info["step"])
        raise web.HTTPFound(f"/chain/{step + 1}")

    async def truncated_gzip(request: web.Request) -> web.Response:
        packed = gzip.compress(feed_bytes("rss2.xml", server.base))
        return web.Response(
            body=packed[: len(packed) // 2],
            headers={"Content-Type": "application/rss+xml", "Content-Encoding": "gzip"},
        )

    async def gzipped(request: web.Request) -> web.Response:
        return web.Response(
            body=gzip.compress(feed_bytes("atom.xml", server.base)),
            headers={"Content-Type": "application/atom+xml", "Content-Encoding": "gzip"},
        )

    async def deflated(request: web.Request) -> web.Response:
        return web.Response(
            body=zlib.compress(feed_bytes("atom.xml", server.base)),
            headers={"Content-Type": "application/atom+xml", "Content-Encoding": "deflate"},
        )

    async def brotlied(request: web.Request) -> web.Response:
        return web.Response(
            body=brotli.compress(feed_bytes("atom.xml", server.base)),
            headers={"Content-Type": "application/atom+xml", "Content-Encoding": "br"},
        )

    async def bomb(request: web.Request) -> web.Response:
        encoding = request.match_info["encoding"]
        return web.Response(
            body=bombs[encoding],
            headers={"Content-Type": "application/rss+xml", "Content-Encoding": encoding},
        )

    async def big(request: web.Request) -> web.Response:
        return web.Response(
            body=b"<rss>" + b" " * (2 * 1024 * 1024), content_type="application/rss+xml"
        )

    async def empty(request: web.Request) -> web.Response:
        return web.Response(body=b"", content_type="application/rss+xml")

    async def echo(request: web.Request) -> web.Response:
        return web.json_response(dict(request.headers))

    app = web.Application(middlewares=[record])
    app.router.add_get("/feeds/{name}", feed)
    app.router.add_get("/pages/{name}", page)
    app.router.add_get("/mirror/{name}", mirror)
    app.router.add_get("/conditional/feed.xml", conditional)
    app.router.add_get("/slow/feed.xml", slow)
    app.router.add_get("/trickle/feed.xml", trickle)
    app.router.add_get("/chunked/feed.xml", chunked)
    app.router.add_get("/error/feed.xml", fail)
    app.router.add_get("/ratelimit/feed.xml", rate_limited)
    app.router.add_get("/maintenance/feed.xml", rate_limited_long)
    app.router.add_get("/loop/a", loop_a)
    app.router.add_get("/loop/b", loop_b)
    app.router.add_get("/moved/feed.xml", moved)
    app.router.add_get("/chain/{step}", chain)
    app.router.add_get("/truncated-gzip/feed.xml", truncated_gzip)
    app.router.add_get("/gzip/feed.xml", gzipped)
    app.router.add_get("/deflate/feed.xml", deflated)
    app.router.add_get("/br/feed.xml", brotlied)
    app.router.add_get("/bomb/{encoding}/feed.xml", bomb)
    app.router.add_get("/big/feed.xml", big)
    app.router.add_get("/empty/feed.xml", empty)
    app.router.add_get("/echo", echo)

    runner = web.AppRunner(app, handle_signals=False)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    host, port = runner.addresses[0][:2]
    server.base = f"http://{host}:{port}"
    try:
        yield server
    finally:
        slow_release.set()
        await runner.cleanup()


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with make_client(timeout=0.5, connect_timeout=0.5) as http_client:
        yield http_client


@pytest.fixture
def seen(tmp_path: Path) -> Iterator[SeenStore]:
    store = SeenStore.open(tmp_path / "data")
    yield store
    store.close()


TEST_LIMITS = FetchLimits(max_bytes=1024 * 1024, max_redirects=3, total_timeout=2.0)


def internal_feed(server: FeedServer, path: str, name: str = "Test Outlet") -> FeedConfig:
    """A feed on the loopback test server, marked internal so the address check allows it."""
    return FeedConfig(url=server.url(path), name=name, lang="ar", internal=True)


@pytest.fixture
def make_poller(client: httpx.AsyncClient, seen: SeenStore) -> Callable[..., FeedPoller]:
    """Builds pollers with short limits and fast backoff; keyword arguments override."""

    def build(feeds: list[FeedConfig], **options: Any) -> FeedPoller:
        settings: dict[str, Any] = {
            "feed_limits": TEST_LIMITS,
            "page_limits": TEST_LIMITS,
            "retries": 1,
            "backoff_base": 0.05,
            "max_retry_wait": 2.0,
        }
        settings.update(options)
        return FeedPoller(feeds, client, seen, **settings)

    return build


class Collector:
    """An emit/reject pair that keeps what it is given."""

    def __init__(self) -> None:
        self.articles: list[Article] = []
        self.rejected: list[Rejected] = []

    async def emit(self, article: Article) -> None:
        self.articles.append(article)

    async def reject(self, rejected: Rejected) -> None:
        self.rejected.append(rejected)

    def by_url(self) -> dict[str | None, Article]:
        return {a.url: a for a in self.articles}


@pytest.fixture
def sink() -> Collector:
    return Collector()
