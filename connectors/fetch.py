"""A guarded GET: :func:`fetch` with the crawler's safety rules, on the client of
:func:`connectors.http.make_client`.

- only ``http``/``https``; the host is resolved and *every* address (IPv4 and IPv6,
  IPv4-mapped IPv6 unwrapped) must be public, unless the caller allows private
  addresses (feeds marked ``internal = true``);
- redirects are followed by hand, at most ``max_redirects`` hops, each hop re-checked,
  loops detected;
- the body is streamed and decompressed here, with the *decompressed* size counted
  against ``max_bytes``, so a decompression bomb is stopped after ``max_bytes``;
- a total deadline on top of httpx's per-operation timeouts (a server trickling one
  byte a second does not hold a slot forever);
- conditional GET (``If-None-Match`` / ``If-Modified-Since``): 304 is a result, not an error;
- at most ``per_host`` requests in flight per host (:class:`~connectors.http.HostLimiter`);
- 429, and 503 with ``Retry-After``, raise :class:`~connectors.exceptions.RateLimited`
  carrying the wait (:func:`~connectors.http.parse_retry_after`).

Known limit: the address check resolves the host before httpx connects, which resolves it
again; a hostile DNS server answering differently the second time (DNS rebinding) is not
stopped here. Deploy behind an egress firewall if that matters.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import socket
import time
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol
from urllib.parse import urljoin, urlsplit

import brotli
import httpx

from connectors.exceptions import (
    ConnectionFailed,
    DecompressionBomb,
    FetchError,
    FetchTimeout,
    HTTPStatusError,
    RateLimited,
    ResponseTooLarge,
    TooManyRedirects,
    TruncatedBody,
    UnsafeURL,
)
from connectors.http import HostLimiter, parse_retry_after
from connectors.urls import url_host

__all__ = ["FetchLimits", "FetchResult", "check_url", "fetch", "is_public_address"]

logger = logging.getLogger(__name__)

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
ALLOWED_SCHEMES = frozenset({"http", "https"})


@dataclass(frozen=True)
class FetchLimits:
    """Per-request limits. ``total_timeout`` covers all hops and the whole body."""

    max_bytes: int = 5 * 1024 * 1024
    max_redirects: int = 5
    total_timeout: float = 30.0


@dataclass(frozen=True)
class FetchResult:
    """A fetched body (already decompressed) or a 304 (``not_modified``, empty body)."""

    url: str
    status: int
    body: bytes = b""
    headers: Mapping[str, str] = field(default_factory=dict)
    not_modified: bool = False

    @property
    def content_type(self) -> str:
        """The response's ``Content-Type`` header, or an empty string."""
        return self.headers.get("content-type", "")

    @property
    def etag(self) -> str | None:
        """The ``ETag`` to send back as ``If-None-Match`` next time."""
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        """The ``Last-Modified`` to send back as ``If-Modified-Since`` next time."""
        return self.headers.get("last-modified")


def is_public_address(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """False for loopback, private, link-local, CGNAT, multicast, reserved and unspecified."""
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            address = address.ipv4_mapped
        elif address.sixtofour is not None:
            address = address.sixtofour
    return address.is_global and not address.is_multicast


async def check_url(url: str, *, allow_private: bool = False) -> None:
    """Raise :class:`UnsafeURL` unless ``url`` is http(s) to public addresses only."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise UnsafeURL(f"invalid URL {url!r}: {exc}", url=url) from None
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        raise UnsafeURL(
            f"refusing {url!r}: only http and https are fetched, not {parts.scheme or 'no scheme'!r}",
            url=url,
        )
    host = parts.hostname
    if not host:
        raise UnsafeURL(f"refusing {url!r}: no host", url=url)
    if allow_private:
        return
    try:
        addresses = [ipaddress.ip_address(host)]
    except ValueError:
        loop = asyncio.get_running_loop()
        try:
            infos = await loop.getaddrinfo(host, port or 443, type=socket.SOCK_STREAM)
        except OSError as exc:
            raise ConnectionFailed(f"cannot resolve {host!r} for {url}: {exc}", url=url) from None
        addresses = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]
    for address in addresses:
        if not is_public_address(address):
            raise UnsafeURL(
                f"refusing {url}: {host} resolves to non-public address {address} "
                "(mark the feed internal = true to allow it)",
                url=url,
            )


class _Decoder(Protocol):
    def decode(self, data: bytes, limit: int) -> bytes: ...

    def finish(self, limit: int) -> bytes: ...


class _Overflow(Exception):
    pass


class _Identity:
    def decode(self, data: bytes, limit: int) -> bytes:
        if len(data) > limit:
            raise _Overflow
        return data

    def finish(self, limit: int) -> bytes:
        return b""


class _Zlib:
    """gzip / deflate with bounded output (``max_length``), so a bomb never inflates fully."""

    def __init__(self, wbits: int, *, raw_fallback: bool = False) -> None:
        self._obj = zlib.decompressobj(wbits)
        self._raw_fallback = raw_fallback
        self._started = False

    def decode(self, data: bytes, limit: int) -> bytes:
        if not self._started and data:
            self._started = True
            if self._raw_fallback:
                try:
                    return self._bounded(data, limit)
                except zlib.error:
                    self._obj = zlib.decompressobj(-zlib.MAX_WBITS)
        return self._bounded(data, limit)

    def _bounded(self, data: bytes, limit: int) -> bytes:
        out: list[bytes] = []
        total = 0
        pending = data
        while True:
            chunk = self._obj.decompress(pending, limit - total + 1)
            out.append(chunk)
            total += len(chunk)
            if total > limit:
                raise _Overflow
            pending = self._obj.unconsumed_tail
            if not pending:
                return b"".join(out)

    def finish(self, limit: int) -> bytes:
        if not self._started:
            return b""
        if not self._obj.eof:
            raise zlib.error("compressed stream ended early")
        return b""


class _Brotli:
    def __init__(self) -> None:
        self._obj = brotli.Decompressor()

    def decode(self, data: bytes, limit: int) -> bytes:
        out = [self._obj.process(data, output_buffer_limit=limit + 1)]
        total = len(out[0])
        while total <= limit and not self._obj.can_accept_more_data():
            chunk = self._obj.process(b"", output_buffer_limit=limit - total + 1)
            out.append(chunk)
            total += len(chunk)
        if total > limit:
            raise _Overflow
        return b"".join(out)

    def finish(self, limit: int) -> bytes:
        if not self._obj.is_finished():
            raise brotli.error("compressed stream ended early")
        return b""


def _decoder(encoding: str, url: str) -> _Decoder:
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return _Identity()
    if encoding in ("gzip", "x-gzip"):
        return _Zlib(zlib.MAX_WBITS | 16)
    if encoding == "deflate":
        return _Zlib(zlib.MAX_WBITS, raw_fallback=True)
    if encoding == "br":
        return _Brotli()
    raise FetchError(f"unsupported Content-Encoding {encoding!r} from {url}", url=url)


async def _read_body(response: httpx.Response, url: str, max_bytes: int) -> bytes:
    encoding = response.headers.get("content-encoding", "")
    decoder = _decoder(encoding, url)
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise ResponseTooLarge(
            f"{url}: Content-Length {declared} exceeds the {max_bytes}-byte cap", url=url
        )
    parts: list[bytes] = []
    size = 0
    try:
        async for raw in response.aiter_raw():
            data = decoder.decode(raw, max_bytes - size)
            size += len(data)
            parts.append(data)
        tail = decoder.finish(max_bytes - size)
        parts.append(tail)
    except _Overflow:
        if isinstance(decoder, _Identity):
            raise ResponseTooLarge(
                f"{url}: body exceeds the {max_bytes}-byte cap; stopped reading", url=url
            ) from None
        raise DecompressionBomb(
            f"{url}: {encoding} body decompresses past the {max_bytes}-byte cap "
            f"(after {response.num_bytes_downloaded} bytes on the wire); stopped",
            url=url,
        ) from None
    except (zlib.error, brotli.error) as exc:
        raise TruncatedBody(
            f"{url}: {encoding} body is corrupt or truncated: {exc}", url=url
        ) from None
    return b"".join(parts)


def _request_headers(
    extra: Mapping[str, str] | None, etag: str | None, last_modified: str | None
) -> dict[str, str]:
    headers = dict(extra or {})
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return headers


async def fetch(
    client: httpx.AsyncClient,
    url: str,
    *,
    headers: Mapping[str, str] | None = None,
    etag: str | None = None,
    last_modified: str | None = None,
    allow_private: bool = False,
    limits: FetchLimits | None = None,
    limiter: HostLimiter | None = None,
) -> FetchResult:
    """GET ``url`` under the safety rules of this module.

    Returns a :class:`FetchResult` for 2xx and 304. Raises a
    :class:`~connectors.exceptions.FetchError` subclass otherwise (``RateLimited`` carries
    the server's ``Retry-After`` in seconds).
    """
    limits = limits or FetchLimits()
    limiter = limiter or HostLimiter(per_host=1_000_000)
    request_headers = _request_headers(headers, etag, last_modified)
    started = time.monotonic()
    try:
        async with asyncio.timeout(limits.total_timeout):
            return await _fetch_hops(client, url, request_headers, allow_private, limits, limiter)
    except TimeoutError:
        raise FetchTimeout(
            f"{url}: no complete response within {time.monotonic() - started:.1f}s", url=url
        ) from None
    except httpx.TimeoutException as exc:
        raise FetchTimeout(f"{url}: timed out ({type(exc).__name__})", url=url) from None
    except httpx.RemoteProtocolError as exc:
        raise TruncatedBody(f"{url}: server broke the response: {exc}", url=url) from None
    except (httpx.UnsupportedProtocol, httpx.InvalidURL) as exc:
        raise UnsafeURL(f"{url}: {exc}", url=url) from None
    except httpx.TransportError as exc:
        raise ConnectionFailed(f"{url}: {type(exc).__name__}: {exc}", url=url) from None


async def _fetch_hops(
    client: httpx.AsyncClient,
    url: str,
    headers: dict[str, str],
    allow_private: bool,
    limits: FetchLimits,
    limiter: HostLimiter,
) -> FetchResult:
    current = url
    visited = {url}
    for _hop in range(limits.max_redirects + 1):
        await check_url(current, allow_private=allow_private)
        async with (
            limiter.slot(url_host(current)),
            client.stream("GET", current, headers=headers) as response,
        ):
            status = response.status_code
            if status in REDIRECT_STATUSES and "location" in response.headers:
                target = urljoin(current, response.headers["location"])
                if target in visited:
                    raise TooManyRedirects(f"{url}: redirect loop ({current} -> {target})", url=url)
                logger.debug("redirect %s -> %s (%d)", current, target, status)
                visited.add(target)
                current = target
                continue
            response_headers = {k.lower(): v for k, v in response.headers.items()}
            if status == 304:
                return FetchResult(current, status, b"", response_headers, not_modified=True)
            retry_after = parse_retry_after(response.headers.get("retry-after"))
            if status == 429 or (status == 503 and retry_after is not None):
                raise RateLimited(
                    f"{current}: HTTP {status}"
                    + (f", Retry-After {retry_after:.0f}s" if retry_after is not None else ""),
                    url=url,
                    status=status,
                    retry_after=retry_after,
                )
            if not 200 <= status < 300:
                raise HTTPStatusError(f"{current}: HTTP {status}", url=url, status=status)
            body = await _read_body(response, current, limits.max_bytes)
            return FetchResult(current, status, body, response_headers)
    raise TooManyRedirects(f"{url}: more than {limits.max_redirects} redirects", url=url)
