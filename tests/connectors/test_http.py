"""fetch(): safety rules, limits and HTTP semantics against a real loopback server."""

from __future__ import annotations

import asyncio
import ipaddress
import json
import random
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import Any

import httpx
import pytest

from connectors.exceptions import (
    ConnectionFailed,
    DecompressionBomb,
    FetchTimeout,
    HTTPStatusError,
    RateLimited,
    ResponseTooLarge,
    TooManyRedirects,
    TruncatedBody,
    UnsafeURL,
)
from connectors.fetch import FetchLimits, FetchResult, check_url, fetch, is_public_address
from connectors.http import (
    DEFAULT_USER_AGENT,
    HostLimiter,
    backoff_delay,
    make_client,
    parse_retry_after,
)

from .conftest import BOMB_SIZE, ETAG, LAST_MODIFIED, TEST_LIMITS, FeedServer

pytestmark = pytest.mark.timeout(15)


async def get(client: httpx.AsyncClient, url: str, **kwargs: Any) -> FetchResult:
    kwargs.setdefault("allow_private", True)
    kwargs.setdefault("limits", TEST_LIMITS)
    return await fetch(client, url, **kwargs)


# -- safety ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://example.com/feed.xml",
        "gopher://example.com/",
        "data:text/xml,<rss/>",
        "javascript:alert(1)",
        "//example.com/feed",
    ],
)
async def test_only_http_and_https_are_fetched(client: httpx.AsyncClient, url: str) -> None:
    with pytest.raises(UnsafeURL, match="only http and https"):
        await fetch(client, url, allow_private=True)


async def test_loopback_is_refused_unless_allowed(
    client: httpx.AsyncClient, feed_server: FeedServer
) -> None:
    url = feed_server.url("/feeds/rss2.xml")
    with pytest.raises(UnsafeURL, match="non-public address 127.0.0.1"):
        await fetch(client, url)
    assert feed_server.hits["/feeds/rss2.xml"] == 0
    result = await fetch(client, url, allow_private=True)
    assert result.status == 200


@pytest.mark.parametrize(
    "url",
    [
        "http://localhost/",
        "http://127.0.0.1/",
        "http://127.1.2.3/",
        "http://0.0.0.0/",
        "http://10.1.2.3/",
        "http://172.16.0.1/",
        "http://192.168.1.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://100.64.0.1/",
        "http://[::1]/",
        "http://[fe80::1]/",
        "http://[fd00::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://[::ffff:169.254.169.254]/",
        "http://[2002:7f00:1::]/",
        "http://224.0.0.1/",
    ],
)
async def test_non_public_addresses_are_refused(url: str) -> None:
    with pytest.raises(UnsafeURL, match="non-public address"):
        await check_url(url)


async def test_public_address_literal_passes() -> None:
    await check_url("https://93.184.216.34/feed.xml")
    await check_url("https://[2606:2800:220:1:248:1893:25c8:1946]/feed.xml")


async def test_unresolvable_host_is_a_connection_error() -> None:
    with pytest.raises(ConnectionFailed, match="cannot resolve"):
        await check_url("https://no-such-host.invalid/feed.xml")


def test_is_public_address() -> None:
    assert is_public_address(ipaddress.ip_address("8.8.8.8"))
    assert not is_public_address(ipaddress.ip_address("::ffff:10.0.0.1"))
    assert not is_public_address(ipaddress.ip_address("ff02::1"))


async def test_redirect_to_loopback_is_rechecked(feed_server: FeedServer) -> None:
    async def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"Location": feed_server.url("/feeds/rss2.xml")})

    async with make_client(transport=httpx.MockTransport(handler)) as client:
        with pytest.raises(UnsafeURL, match="127.0.0.1"):
            await fetch(client, "https://93.184.216.34/feed.xml")
    assert feed_server.hits["/feeds/rss2.xml"] == 0


async def test_redirect_to_file_scheme_is_refused() -> None:
    async def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"Location": "file:///etc/passwd"})

    async with make_client(transport=httpx.MockTransport(handler)) as client:
        with pytest.raises(UnsafeURL, match="only http and https"):
            await fetch(client, "https://93.184.216.34/feed.xml")


# -- redirects -------------------------------------------------------------------------


async def test_redirect_is_followed(client: httpx.AsyncClient, feed_server: FeedServer) -> None:
    result = await get(client, feed_server.url("/moved/feed.xml"))
    assert result.url == feed_server.url("/feeds/rss1.rdf")
    assert b"rdf:RDF" in result.body


async def test_redirect_loop(client: httpx.AsyncClient, feed_server: FeedServer) -> None:
    with pytest.raises(TooManyRedirects, match="redirect loop"):
        await get(client, feed_server.url("/loop/a"))
    assert feed_server.hits["/loop/a"] == 1 and feed_server.hits["/loop/b"] == 1


async def test_redirect_limit(client: httpx.AsyncClient, feed_server: FeedServer) -> None:
    with pytest.raises(TooManyRedirects, match="more than 3 redirects"):
        await get(client, feed_server.url("/chain/0"))
    assert sum(n for path, n in feed_server.hits.items() if path.startswith("/chain/")) == 4


# -- bodies ------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["gzip", "deflate", "br"])
async def test_compressed_bodies_are_decoded(
    client: httpx.AsyncClient, feed_server: FeedServer, encoding: str
) -> None:
    result = await get(client, feed_server.url(f"/{encoding}/feed.xml"))
    assert result.body.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    assert "مراسلون".encode() in result.body


@pytest.mark.parametrize("encoding", ["gzip", "br"])
async def test_decompression_bomb_is_stopped_at_the_cap(
    client: httpx.AsyncClient, feed_server: FeedServer, encoding: str
) -> None:
    started = time.monotonic()
    with pytest.raises(DecompressionBomb, match="decompresses past the 1048576-byte cap"):
        await get(client, feed_server.url(f"/bomb/{encoding}/feed.xml"))
    assert time.monotonic() - started < 2  # did not inflate all 64 MiB
    assert TEST_LIMITS.max_bytes < BOMB_SIZE


async def test_plain_body_over_the_cap(client: httpx.AsyncClient, feed_server: FeedServer) -> None:
    with pytest.raises(ResponseTooLarge, match="Content-Length"):
        await get(client, feed_server.url("/big/feed.xml"))


async def test_plain_body_over_the_cap_without_content_length(
    client: httpx.AsyncClient, feed_server: FeedServer
) -> None:
    with pytest.raises(ResponseTooLarge, match="exceeds the 1048576-byte cap; stopped reading"):
        await get(client, feed_server.url("/chunked/feed.xml"))


async def test_truncated_gzip(client: httpx.AsyncClient, feed_server: FeedServer) -> None:
    with pytest.raises(TruncatedBody, match="gzip body is corrupt or truncated"):
        await get(client, feed_server.url("/truncated-gzip/feed.xml"))


# -- time ----------------------------------------------------------------------------------


async def test_read_timeout(client: httpx.AsyncClient, feed_server: FeedServer) -> None:
    started = time.monotonic()
    with pytest.raises(FetchTimeout):
        await get(client, feed_server.url("/slow/feed.xml"))
    assert time.monotonic() - started < 1.5


async def test_total_deadline_stops_a_trickling_server(
    client: httpx.AsyncClient, feed_server: FeedServer
) -> None:
    started = time.monotonic()
    with pytest.raises(FetchTimeout, match="no complete response within"):
        await get(
            client, feed_server.url("/trickle/feed.xml"), limits=FetchLimits(total_timeout=0.5)
        )
    assert time.monotonic() - started < 1.5


# -- HTTP semantics --------------------------------------------------------------------------


async def test_conditional_get(client: httpx.AsyncClient, feed_server: FeedServer) -> None:
    first = await get(client, feed_server.url("/conditional/feed.xml"))
    assert first.etag == ETAG and first.last_modified == LAST_MODIFIED and not first.not_modified
    by_etag = await get(client, feed_server.url("/conditional/feed.xml"), etag=first.etag)
    by_date = await get(
        client, feed_server.url("/conditional/feed.xml"), last_modified=first.last_modified
    )
    assert by_etag.not_modified and by_etag.body == b""
    assert by_date.not_modified


async def test_500(client: httpx.AsyncClient, feed_server: FeedServer) -> None:
    with pytest.raises(HTTPStatusError, match="HTTP 500") as caught:
        await get(client, feed_server.url("/error/feed.xml"))
    assert caught.value.retryable and caught.value.status == 500


async def test_404_is_not_retryable(client: httpx.AsyncClient, feed_server: FeedServer) -> None:
    with pytest.raises(HTTPStatusError) as caught:
        await get(client, feed_server.url("/pages/missing.html"))
    assert caught.value.status == 404 and not caught.value.retryable


async def test_429_carries_retry_after(client: httpx.AsyncClient, feed_server: FeedServer) -> None:
    with pytest.raises(RateLimited) as caught:
        await get(client, feed_server.url("/ratelimit/feed.xml"))
    assert caught.value.retry_after == 1 and caught.value.status == 429


async def test_503_with_retry_after_is_rate_limited(
    client: httpx.AsyncClient, feed_server: FeedServer
) -> None:
    with pytest.raises(RateLimited) as caught:
        await get(client, feed_server.url("/maintenance/feed.xml"))
    assert caught.value.retry_after == 3600 and caught.value.status == 503


async def test_client_identifies_itself(client: httpx.AsyncClient, feed_server: FeedServer) -> None:
    result = await get(client, feed_server.url("/echo"), headers={"Accept-Language": "ar"})
    headers = json.loads(result.body)
    assert headers["User-Agent"] == DEFAULT_USER_AGENT
    assert "raqib" in DEFAULT_USER_AGENT and "+https://" in DEFAULT_USER_AGENT
    assert headers["Accept-Encoding"] == "gzip, deflate, br"
    assert headers["Accept-Language"] == "ar"


async def test_per_host_cap(client: httpx.AsyncClient, feed_server: FeedServer) -> None:
    limiter = HostLimiter(per_host=2)
    peak = 0

    async def watch() -> None:
        nonlocal peak
        for _ in range(100):
            peak = max(peak, limiter.in_flight("127.0.0.1"))
            await asyncio.sleep(0.005)

    watcher = asyncio.create_task(watch())
    slow = FetchLimits(total_timeout=0.3)
    results = await asyncio.gather(
        *(
            get(client, feed_server.url("/trickle/feed.xml"), limits=slow, limiter=limiter)
            for _ in range(5)
        ),
        return_exceptions=True,
    )
    watcher.cancel()
    assert peak == 2
    assert all(isinstance(r, FetchTimeout) for r in results)


# -- pure helpers ------------------------------------------------------------------------------


def test_parse_retry_after_seconds() -> None:
    assert parse_retry_after("120") == 120
    assert parse_retry_after(None) is None
    assert parse_retry_after("soon") is None


def test_parse_retry_after_http_date() -> None:
    now = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
    later = format_datetime(now + timedelta(seconds=90), usegmt=True)
    assert parse_retry_after(later, now=now.timestamp()) == 90
    earlier = format_datetime(now - timedelta(seconds=90), usegmt=True)
    assert parse_retry_after(earlier, now=now.timestamp()) == 0


def test_backoff_grows_exponentially_with_jitter_and_a_cap() -> None:
    rng = random.Random(7)
    for attempt, ceiling in [(0, 1), (1, 2), (2, 4), (3, 8)]:
        delays = [backoff_delay(attempt, base=1, cap=100, rng=rng) for _ in range(50)]
        assert all(ceiling / 2 <= d <= ceiling for d in delays)
        assert len(set(delays)) > 1  # jittered
    assert backoff_delay(30, base=1, cap=60, rng=rng) <= 60
