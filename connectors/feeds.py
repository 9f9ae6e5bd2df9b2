"""Feed documents: bytes -> entries, via feedparser. No I/O.

RSS 0.9x, RSS 1.0 (RDF), RSS 2.0 and Atom are all read by feedparser. What is *not* a
usable feed raises a specific error: :class:`~connectors.exceptions.EmptyFeed` (no bytes),
:class:`~connectors.exceptions.NotAFeed` (HTML or other non-feed content),
:class:`~connectors.exceptions.MalformedFeed` (broken XML that yields no entry). A feed
with some XML damage but readable entries is accepted (its entries are used).
"""

from __future__ import annotations

import calendar
import html
import logging
import re
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import feedparser
from feedparser.exceptions import CharacterEncodingOverride, NonXMLContentType

from connectors.exceptions import EmptyFeed, MalformedFeed, NotAFeed
from connectors.feedsfile import FeedConfig
from connectors.pages import PageContent
from streams.core.model import Article

__all__ = ["FeedEntry", "ParsedFeed", "html_to_text", "parse_feed"]

logger = logging.getLogger(__name__)

TAG = re.compile(r"<[^>]+>")
BLOCK_TAG = re.compile(r"</?(p|div|br|li|h[1-6]|blockquote|tr)\b[^>]*>", re.IGNORECASE)
SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
NEWLINES = re.compile(r"\s*\n\s*")
HTML_START = re.compile(
    rb"^\s*(<!--.*?-->\s*)*(<!doctype\s+html|<html|<head|<body)", re.IGNORECASE | re.DOTALL
)
# feedparser "bozo" reasons that say nothing about the XML being broken
BENIGN_BOZO = (CharacterEncodingOverride, NonXMLContentType)
FEED_ROOT = re.compile(rb"<(rss|feed|rdf:RDF|RDF)[\s>]", re.IGNORECASE)


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed. ``summary`` is plain text (the longer of summary and content)."""

    link: str | None
    guid: str | None
    title: str | None
    summary: str
    published: str | None


@dataclass(frozen=True)
class ParsedFeed:
    """A feed's title and its entries, in feed order."""

    title: str | None
    version: str
    entries: tuple[FeedEntry, ...]
    warning: str | None = None


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (feed summaries), paragraphs kept as newlines."""
    text = BLOCK_TAG.sub("\n", fragment)
    text = html.unescape(TAG.sub("", text))
    text = SPACES.sub(" ", text)
    return NEWLINES.sub("\n", text).strip()


def _iso(parsed: time.struct_time | None) -> str | None:
    if not parsed:
        return None
    try:
        moment = datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC)
    except (OverflowError, ValueError):
        return None
    return moment.isoformat().replace("+00:00", "Z")


def _entry(raw: Any) -> FeedEntry:
    link = raw.get("link") or None
    guid = raw.get("id") or None
    if not link and guid and str(guid).startswith(("http://", "https://")):
        link = guid
    candidates = [raw.get("summary") or ""]
    candidates += [c.get("value") or "" for c in raw.get("content") or []]
    summary = max((html_to_text(c) for c in candidates), key=len, default="")
    title = html_to_text(raw.get("title") or "") or None
    published = _iso(raw.get("published_parsed") or raw.get("updated_parsed"))
    return FeedEntry(
        link=link.strip() if link else None,
        guid=guid,
        title=title,
        summary=summary,
        published=published,
    )


def parse_feed(body: bytes, url: str, content_type: str | None = None) -> ParsedFeed:
    """Entries of an RSS/Atom document. ``url`` resolves relative links and names the feed in errors."""
    if not body.strip():
        raise EmptyFeed(f"feed {url}: empty response body", url=url)
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    parsed = feedparser.parse(body, response_headers=headers, sanitize_html=True)
    version = parsed.get("version") or ""
    entries = tuple(_entry(raw) for raw in parsed.entries)
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if isinstance(problem, BENIGN_BOZO):
        problem = None
    if not entries:
        looks_html = bool(HTML_START.match(body[:2048])) or (
            "html" in (content_type or "").lower() and not FEED_ROOT.search(body[:4096])
        )
        if looks_html:
            raise NotAFeed(
                f"feed {url}: got an HTML page, not RSS/Atom (check the feed URL)", url=url
            )
        if problem is not None:
            raise MalformedFeed(f"feed {url}: malformed XML, no entries: {problem}", url=url)
        if not version:
            raise NotAFeed(f"feed {url}: not RSS or Atom (no feed element found)", url=url)
    warning = None
    if problem is not None:
        warning = f"{type(problem).__name__}: {problem}"
        logger.warning(
            "feed %s: damaged XML, using the %d entries read: %s", url, len(entries), warning
        )
    feed_title = parsed.feed.get("title") if parsed.get("feed") else None
    return ParsedFeed(title=feed_title or None, version=version, entries=entries, warning=warning)


def entry_article(
    article_id: str,
    url: str,
    entry: FeedEntry,
    feed: FeedConfig,
    page: PageContent | None = None,
    fetched_url: str | None = None,
) -> tuple[Article | None, str]:
    """The article a feed entry makes, and where its text came from ("page" or "summary").

    The page's text, unless it is shorter than the feed's own summary (extraction missed
    the article): then the summary. None when there is neither.
    """
    if page is not None and page.text and len(page.text) >= len(entry.summary):
        text, text_from = page.text, "page"
    else:
        text, text_from = entry.summary, "summary"
    if not text:
        return None, text_from
    extra: dict[str, Any] = {"feed": feed.url, "text_from": text_from}
    if fetched_url and fetched_url != url:
        extra["fetched_url"] = fetched_url
    article = Article(
        id=article_id,
        text=text,
        source=feed.name,
        url=url,
        published=entry.published or (page.date if page else None),
        title=entry.title or (page.title if page else None),
        lang=(page.lang if page else None) or feed.lang,
        extra=extra,
    )
    return article, text_from
