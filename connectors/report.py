"""What a poll did: counters per feed and for the whole run, and the JSON line of an article.

:class:`PollReport` is what ``raqib poll`` prints and exports; its fields are the
counters of the README's "Counters" section. :func:`article_line` is the
``{"type": "article", ...}`` line ``raqib poll --jsonl`` prints (fields may be added,
never renamed).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

from streams.core.model import Article

__all__ = ["Counters", "FeedResult", "PollReport", "article_line"]


@dataclass
class Counters:
    """Plain counters, cumulative in ``FeedPoller.stats`` and per poll in :class:`PollReport`."""

    feeds_polled: int = 0
    not_modified: int = 0
    articles_ingested: int = 0
    duplicates_skipped: int = 0
    summary_fallbacks: int = 0
    rejected: int = 0
    retries: int = 0
    feed_errors: dict[str, int] = field(default_factory=dict)
    page_errors: dict[str, int] = field(default_factory=dict)

    @property
    def errors(self) -> int:
        """Feed and page errors counted so far."""
        return sum(self.feed_errors.values())

    def count_error(self, scope: str, kind: str) -> None:
        """Count one error of ``kind`` for a feed or a page (``scope``)."""
        table = self.feed_errors if scope == "feed" else self.page_errors
        table[kind] = table.get(kind, 0) + 1

    def add(self, other: Counters) -> None:
        """Add another report's counters to these."""
        for f in fields(Counters):
            mine, theirs = getattr(self, f.name), getattr(other, f.name)
            if isinstance(mine, dict):
                for key, value in theirs.items():
                    mine[key] = mine.get(key, 0) + value
            else:
                setattr(self, f.name, mine + theirs)

    def as_dict(self) -> dict[str, Any]:
        """The counters as JSON-ready data."""
        data = {f.name: getattr(self, f.name) for f in fields(Counters)}
        data["feed_errors"] = dict(self.feed_errors)
        data["page_errors"] = dict(self.page_errors)
        data["errors"] = self.errors
        return data


@dataclass
class FeedResult:
    """What happened to one feed in one poll. ``status``: ok, not_modified or error."""

    name: str
    url: str
    status: str = "ok"
    entries: int = 0
    ingested: int = 0
    error_kind: str | None = None
    error: str | None = None
    retry_after: float | None = None


@dataclass
class PollReport(Counters):
    """The counters of one :meth:`FeedPoller.poll_once`, plus one :class:`FeedResult` per feed."""

    feeds: list[FeedResult] = field(default_factory=list)
    duration: float = 0.0

    @property
    def ok(self) -> bool:
        """True when no feed failed."""
        return all(result.status != "error" for result in self.feeds)

    def as_dict(self) -> dict[str, Any]:
        """The counters as JSON-ready data."""
        data = super().as_dict()
        data["duration"] = round(self.duration, 3)
        data["feeds"] = [asdict(result) for result in self.feeds]
        return data


def article_line(article: Article) -> dict[str, Any]:
    """The ``{"type": "article", ...}`` JSON line of an emitted article."""
    return {
        "type": "article",
        "id": article.id,
        "url": article.url,
        "source": article.source,
        "title": article.title,
        "published": article.published,
        "chars": len(article.text),
        "lang": article.lang,
        "text_from": article.extra.get("text_from"),
    }
