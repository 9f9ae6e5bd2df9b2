"""Live feed ingestion: :class:`FeedPoller`, the ``Source`` that polls RSS/Atom feeds.

``raqib poll`` calls :func:`poll_feeds` (once, or until cancelled); :func:`open_poller`
gives finer control (a ``stop()`` from a signal handler, live counters in
``poller.stats``). ``connectors/FEEDS.md`` shows both in use. State lives in
``<settings.data_dir>/seen.sqlite`` (:mod:`connectors.seen`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from connectors.base import Emit, Reject, Rejected, Source
from connectors.exceptions import ConnectorError, EmitFailed, FeedError, FetchError, RateLimited
from connectors.feeds import FeedEntry, entry_article, parse_feed
from connectors.feedsfile import FeedConfig, load_feeds
from connectors.fetch import FetchLimits, FetchResult, fetch
from connectors.http import HostLimiter, backoff_delay, make_client, user_agent_for
from connectors.pages import PageContent, decode_html, extract_page, is_html
from connectors.report import Counters, FeedResult, PollReport, article_line
from connectors.seen import SeenStore, content_hash
from connectors.urls import canonical_url, is_http_url
from streams.core.model import stable_hash
from streams.settings import Settings

__all__ = [
    "Counters",
    "FeedPoller",
    "FeedResult",
    "PollReport",
    "article_line",
    "open_poller",
    "poll_feeds",
]

logger = logging.getLogger(__name__)

REJECT_PAYLOAD_BYTES = 64 * 1024
# Feed failures that mean "this content is bad" (dead-lettered), not "try again later".
BAD_CONTENT_KINDS = frozenset(
    {"empty", "not_a_feed", "malformed", "too_large", "decompression_bomb"}
)


#: Waits until the pipeline has taken the articles with these ids; returns those it took.
Confirm = Callable[[Sequence[str]], Awaitable[set[str]]]
#: Called after each poll of a feed by :meth:`FeedPoller.run`: its result and the seconds
#: until its next poll.
OnCycle = Callable[[FeedResult, float], None]


@dataclass
class _Candidate:
    entry: FeedEntry
    url: str
    article_id: str


@dataclass
class _Emitted:
    """An article emitted, to be marked seen once the pipeline has taken it."""

    article_id: str
    urls: list[str]
    digest: str
    summary: bool


class FeedPoller(Source):
    """Polls RSS/Atom feeds, fetches each new entry's page, emits one Article per entry.

    Delivery guarantee: **at least once**. An entry is marked seen (by canonical URL and
    content hash, in the SQLite seen-set) only once it has been handed over: after
    ``emit`` returned for it, and, when a ``confirm`` coroutine is given, once ``confirm``
    says the pipeline took it (``raqib poll`` on the embedded broker, whose topics live
    only as long as it runs, waits for the pipeline's progress). A feed's
    ETag/Last-Modified are saved only after every entry of that fetch was handed over,
    skipped as a duplicate or rejected. A crash, an ``emit`` failure or an article the
    pipeline did not take therefore re-delivers on the next poll rather than loses;
    downstream dedupes by article id, which is ``stable_hash(canonical_url(link))`` and so
    the same on every re-delivery. Within a feed, articles are emitted in feed order.

    Each feed's poll, its pages included, has a deadline (``feed_deadline`` seconds): a
    feed of hanging pages is failed (kind ``deadline``) instead of holding the poll for
    the sum of every page's timeouts; what it did not hand over is taken next time.

    Failures are per feed: a feed that times out, answers 5xx/429, redirects in a loop, is
    not a feed, is malformed, or is too large (including decompression bombs) is logged
    with its name, counted by kind in ``feed_errors``, content errors are handed to
    ``reject``, and the other feeds go on. Within a poll, retryable errors are retried
    with exponential backoff and jitter (honouring Retry-After up to ``max_retry_wait``);
    in :meth:`run`, a failing feed is next polled after a growing backoff (and never
    before its Retry-After).
    """

    name = "feeds"

    def __init__(
        self,
        feeds: list[FeedConfig],
        client: httpx.AsyncClient,
        seen: SeenStore,
        *,
        feed_limits: FetchLimits | None = None,
        page_limits: FetchLimits | None = None,
        per_host: int = 2,
        max_concurrent_feeds: int = 8,
        retries: int = 2,
        backoff_base: float = 1.0,
        backoff_cap: float = 3600.0,
        max_retry_wait: float = 30.0,
        fetch_pages: bool = True,
        feed_deadline: float | None = None,
        confirm: Confirm | None = None,
        on_cycle: OnCycle | None = None,
    ) -> None:
        self.feeds = list(feeds)
        self.client = client
        self.seen = seen
        self.feed_limits = feed_limits or FetchLimits(max_bytes=5 * 1024 * 1024)
        self.page_limits = page_limits or FetchLimits(max_bytes=5 * 1024 * 1024)
        self.limiter = HostLimiter(per_host)
        self.max_concurrent_feeds = max_concurrent_feeds
        self.retries = retries
        self.backoff_base = backoff_base
        self.backoff_cap = backoff_cap
        self.max_retry_wait = max_retry_wait
        self.fetch_pages = fetch_pages
        self.feed_deadline = feed_deadline
        self.confirm = confirm
        self.on_cycle = on_cycle
        self.stats = Counters()
        self._stop = asyncio.Event()
        self._inflight: set[str] = set()
        self._pending_digests: set[str] = set()

    # -- Source ------------------------------------------------------------------

    async def run(self, emit: Emit, reject: Reject) -> None:
        """Poll every feed at its interval (backing off when it fails) until :meth:`stop`.

        Each feed has its own loop, so a slow or failing feed delays no other.
        """
        tasks = [
            asyncio.create_task(self._feed_loop(feed, emit, reject), name=f"feed:{feed.name}")
            for feed in self.feeds
        ]
        try:
            await asyncio.gather(*tasks)
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

    async def stop(self) -> None:
        """End :meth:`run` after the polls in progress (from a signal handler, a test)."""
        self._stop.set()

    async def poll_once(self, emit: Emit, reject: Reject) -> PollReport:
        """Poll every feed once, fetch every new entry's page, emit the articles."""
        report = PollReport()
        started = time.monotonic()
        gate = asyncio.Semaphore(self.max_concurrent_feeds)

        async def one(feed: FeedConfig) -> FeedResult:
            async with gate:
                return await self._poll_feed(feed, emit, reject, report)

        report.feeds = list(await asyncio.gather(*(one(feed) for feed in self.feeds)))
        report.duration = time.monotonic() - started
        self.stats.add(report)
        logger.info(
            "polled %d feeds in %.1fs: %d ingested, %d duplicates, %d not modified, %d errors",
            len(self.feeds),
            report.duration,
            report.articles_ingested,
            report.duplicates_skipped,
            report.not_modified,
            report.errors,
        )
        return report

    # -- scheduling ----------------------------------------------------------------

    async def _feed_loop(self, feed: FeedConfig, emit: Emit, reject: Reject) -> None:
        failures = 0
        while not self._stop.is_set():
            report = PollReport()
            result = await self._poll_feed(feed, emit, reject, report)
            self.stats.add(report)
            if result.status == "error":
                failures += 1
                delay = backoff_delay(
                    failures, base=feed.interval, cap=max(feed.interval, self.backoff_cap)
                )
                if result.retry_after is not None:
                    delay = max(delay, result.retry_after)
                logger.info("feed %s: next try in %.0fs (failure %d)", feed.name, delay, failures)
            else:
                failures = 0
                delay = feed.interval
            if self.on_cycle is not None:
                self.on_cycle(result, delay)
            await self._sleep(delay)

    async def _sleep(self, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stop.wait(), timeout=max(0.0, seconds))

    async def _fetch(
        self,
        url: str,
        feed: FeedConfig,
        limits: FetchLimits,
        report: Counters,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> FetchResult:
        attempt = 0
        while True:
            try:
                return await fetch(
                    self.client,
                    url,
                    headers=feed.headers,
                    etag=etag,
                    last_modified=last_modified,
                    allow_private=feed.internal,
                    limits=limits,
                    limiter=self.limiter,
                )
            except FetchError as exc:
                if not exc.retryable or attempt >= self.retries or self._stop.is_set():
                    raise
                delay = backoff_delay(attempt, base=self.backoff_base, cap=self.backoff_cap)
                if isinstance(exc, RateLimited) and exc.retry_after is not None:
                    delay = exc.retry_after
                if delay > self.max_retry_wait:
                    raise
                attempt += 1
                report.retries += 1
                logger.info("%s: %s; retry %d in %.1fs", feed.name, exc, attempt, delay)
                await self._sleep(delay)

    # -- one feed ------------------------------------------------------------------

    async def _poll_feed(
        self, feed: FeedConfig, emit: Emit, reject: Reject, report: PollReport
    ) -> FeedResult:
        result = FeedResult(name=feed.name, url=feed.url)
        try:
            async with asyncio.timeout(self.feed_deadline):
                await self._poll_feed_inner(feed, emit, reject, report, result)
        except TimeoutError:
            message = (
                f"the feed and its pages took more than {self.feed_deadline:g} s "
                "(RAQIB_POLL_FEED_DEADLINE); what was not taken is polled again next time"
            )
            self._feed_failed(feed, "deadline", message, report, result)
        except ConnectorError as exc:
            self._feed_failed(feed, exc.kind, str(exc), report, result)
            if isinstance(exc, RateLimited):
                result.retry_after = exc.retry_after
            if exc.kind in BAD_CONTENT_KINDS:
                payload = exc.payload if isinstance(exc, FeedError) else b""
                await self._reject(reject, feed.url, f"{exc.kind}: {exc}", payload, report)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # a bug must not stop the other feeds
            logger.exception("feed %s (%s): unexpected error", feed.name, feed.url)
            self._feed_failed(feed, "internal", f"{type(exc).__name__}: {exc}", report, result)
        return result

    def _feed_failed(
        self, feed: FeedConfig, kind: str, message: str, report: Counters, result: FeedResult
    ) -> None:
        report.count_error("feed", kind)
        result.status, result.error_kind, result.error = "error", kind, message
        logger.error("feed %s (%s) failed [%s]: %s", feed.name, feed.url, kind, message)

    async def _poll_feed_inner(
        self,
        feed: FeedConfig,
        emit: Emit,
        reject: Reject,
        report: PollReport,
        result: FeedResult,
    ) -> None:
        etag, last_modified = self.seen.feed_state(feed.url)
        response = await self._fetch(
            feed.url, feed, self.feed_limits, report, etag=etag, last_modified=last_modified
        )
        report.feeds_polled += 1
        if response.not_modified:
            report.not_modified += 1
            result.status = "not_modified"
            logger.debug("feed %s: not modified", feed.name)
            return
        try:
            parsed = await asyncio.to_thread(
                parse_feed, response.body, feed.url, response.content_type
            )
        except FeedError as exc:
            exc.payload = response.body[:REJECT_PAYLOAD_BYTES]
            raise
        result.entries = len(parsed.entries)
        candidates: list[_Candidate] = []
        emitted: list[_Emitted] = []
        try:
            for entry in parsed.entries:
                candidate = await self._candidate(entry, feed, reject, report)
                if candidate is not None:
                    candidates.append(candidate)
            for candidate in candidates:
                if (done := await self._ingest(candidate, feed, emit, reject, report)) is not None:
                    emitted.append(done)
            taken = await self._settle(feed, emitted, report, result)
        finally:
            for candidate in candidates:
                self._inflight.discard(candidate.url)
            for done in emitted:
                self._pending_digests.discard(done.digest)
            if self.confirm is None and result.ingested < len(emitted):  # an emit failed
                self._mark(emitted[result.ingested :], report, result)
        if taken:
            self.seen.save_feed_state(feed.url, response.etag, response.last_modified)
        logger.info(
            "feed %s: %d entries, %d new articles", feed.name, result.entries, result.ingested
        )

    async def _settle(
        self, feed: FeedConfig, emitted: list[_Emitted], report: Counters, result: FeedResult
    ) -> bool:
        """Mark seen what the pipeline took (all of it without ``confirm``); True when it
        took everything.
        """
        if self.confirm is None or not emitted:
            self._mark(emitted, report, result)
            return True
        took = await self.confirm([e.article_id for e in emitted])
        self._mark([e for e in emitted if e.article_id in took], report, result)
        left = [e.article_id for e in emitted if e.article_id not in took]
        if left:
            message = (
                f"{len(left)} of {len(emitted)} articles sent were not taken by the pipeline "
                "in time (is a worker running?); they stay unseen and are sent again"
            )
            self._feed_failed(feed, "not_processed", message, report, result)
        return not left

    def _mark(self, emitted: list[_Emitted], report: Counters, result: FeedResult) -> None:
        for done in emitted:
            self.seen.mark(done.article_id, done.urls, done.digest)
            report.articles_ingested += 1
            result.ingested += 1
            if done.summary:
                report.summary_fallbacks += 1

    async def _candidate(
        self, entry: FeedEntry, feed: FeedConfig, reject: Reject, report: Counters
    ) -> _Candidate | None:
        if not entry.link or not is_http_url(entry.link):
            reason = f"entry {entry.guid or entry.title!r} has no http(s) link ({entry.link!r})"
            await self._reject(reject, feed.url, reason, b"", report)
            return None
        url = canonical_url(entry.link)
        if url in self._inflight or self.seen.has_url(url):
            report.duplicates_skipped += 1
            return None
        self._inflight.add(url)
        return _Candidate(entry=entry, url=url, article_id=stable_hash(url))

    async def _page(self, link: str, feed: FeedConfig, report: Counters) -> tuple[PageContent, str]:
        response = await self._fetch(link, feed, self.page_limits, report)
        if not is_html(response.content_type):
            raise _NotHTML(f"{link}: not an HTML page ({response.content_type})")
        html, _codec = decode_html(response.body, response.content_type)
        page = await asyncio.to_thread(extract_page, html, response.url)
        return page, response.url

    async def _ingest(
        self, candidate: _Candidate, feed: FeedConfig, emit: Emit, reject: Reject, report: Counters
    ) -> _Emitted | None:
        entry = candidate.entry
        page: PageContent | None = None
        urls = [candidate.url]
        if self.fetch_pages:
            try:
                page, final_url = await self._page(entry.link or candidate.url, feed, report)
                urls.append(canonical_url(final_url))
            except (FetchError, _NotHTML) as exc:
                kind = getattr(exc, "kind", "not_html")
                report.count_error("page", kind)
                logger.warning("feed %s: page %s failed [%s]: %s", feed.name, entry.link, kind, exc)
        fetched = urls[1] if len(urls) > 1 else None
        article, text_from = entry_article(
            candidate.article_id, candidate.url, entry, feed, page, fetched
        )
        if page is not None and text_from == "summary":
            report.count_error("page", "no_text")
        if article is None:
            reason = f"entry {entry.link}: no article text on the page and no summary in the feed"
            await self._reject(reject, feed.url, reason, b"", report)
            return None
        digest = content_hash(article.text)
        if digest in self._pending_digests or self.seen.has_hash(digest):
            report.duplicates_skipped += 1
            self.seen.mark(candidate.article_id, urls, None)
            logger.debug("feed %s: %s repeats an article already seen", feed.name, entry.link)
            return None
        try:
            await emit(article)
        except Exception as exc:
            raise EmitFailed(
                f"emit of {candidate.url} failed ({type(exc).__name__}: {exc}); "
                "it stays unseen and is sent again on the next poll"
            ) from exc
        self._pending_digests.add(digest)
        return _Emitted(candidate.article_id, urls, digest, text_from == "summary")

    async def _reject(
        self, reject: Reject, origin: str, reason: str, payload: bytes, report: Counters
    ) -> None:
        report.rejected += 1
        logger.warning("rejected from %s: %s", origin, reason)
        await reject(Rejected(origin=origin, reason=reason, payload=payload))


class _NotHTML(Exception):
    kind = "not_html"


@contextlib.asynccontextmanager
async def open_poller(
    feeds_path: str | Path,
    settings: Settings,
    *,
    client: httpx.AsyncClient | None = None,
    **options: Any,
) -> AsyncIterator[FeedPoller]:
    """A :class:`FeedPoller` over the feeds file, with its seen-set in ``settings.data_dir``.

    Builds (and closes) the HTTP client with :func:`~connectors.http.make_client` unless
    one is passed in. ``options`` go to :class:`FeedPoller`.
    """
    feeds = load_feeds(feeds_path)
    seen = SeenStore.open(settings.data_dir)
    try:
        async with contextlib.AsyncExitStack() as stack:
            if client is None:
                client = await stack.enter_async_context(
                    make_client(user_agent=user_agent_for(settings.contact_url))
                )
            yield FeedPoller(feeds, client, seen, **options)
    finally:
        seen.close()


async def poll_feeds(
    feeds_path: str | Path,
    settings: Settings,
    emit: Emit,
    reject: Reject,
    once: bool,
    *,
    client: httpx.AsyncClient | None = None,
    **options: Any,
) -> PollReport:
    """Poll the feeds in ``feeds_path``: once (``once=True``) or until cancelled.

    Raises :class:`~connectors.exceptions.FeedsFileError` for a bad feeds file. Feed
    and page failures do not raise: they are in the returned report. When polling until
    cancelled, the report returned on a clean :meth:`FeedPoller.stop` holds the totals.
    """
    async with open_poller(feeds_path, settings, client=client, **options) as poller:
        if once:
            return await poller.poll_once(emit, reject)
        await poller.run(emit, reject)
        report = PollReport()
        report.add(poller.stats)
        return report
