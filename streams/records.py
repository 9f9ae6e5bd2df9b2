"""Faust records: the shapes of messages on raqib's topics.

Records are the edge between Kafka and the pure code: agents turn them into the
frozen dataclasses of :mod:`streams.model` (``to_model``) and back
(``from_model``). ``include_metadata=False`` keeps the JSON on the wire exactly
the documented contract, readable by consumers that are not Faust.
"""

from __future__ import annotations

from typing import Any

import faust

from streams.model import Alert, Article, Claim


class ArticleRecord(faust.Record, serializer="json", include_metadata=False):
    """An article on ``raqib.articles`` (the input format of ARCHITECTURE.md)."""

    id: str
    text: str
    source: str | None = None
    url: str | None = None
    published: str | None = None
    title: str | None = None
    lang: str | None = None

    @classmethod
    def from_model(cls, article: Article) -> ArticleRecord:
        return cls(
            id=article.id,
            text=article.text,
            source=article.source,
            url=article.url,
            published=article.published,
            title=article.title,
            lang=article.lang,
        )

    def to_model(self) -> Article:
        return Article(
            id=self.id,
            text=self.text,
            source=self.source,
            url=self.url,
            published=self.published,
            title=self.title,
            lang=self.lang,
        )


class ClaimRecord(faust.Record, serializer="json", include_metadata=False):
    """A claim as in the output contract."""

    article: str
    metric: str
    min: int
    max: int | None
    approximate: bool
    victim: str
    victim_class: str
    attributed_to: str | None
    source: str | None
    scope: str
    quote: str
    event: str | None = None
    id: str | None = None
    type: str = "claim"

    @classmethod
    def from_model(cls, claim: Claim) -> ClaimRecord:
        return cls(**claim.to_json())

    def to_model(self) -> Claim:
        return Claim.from_json(self.asdict())


def claims_to_models(items: list[Any]) -> list[Claim]:
    """Nested records may arrive as records or as plain dicts; accept both."""
    return [
        item.to_model() if isinstance(item, ClaimRecord) else Claim.from_json(dict(item))
        for item in items
    ]


class ExtractedRecord(faust.Record, serializer="json", include_metadata=False):
    """An article's claims and event signature, on ``raqib.extracted`` keyed by block."""

    article: str
    source: str | None
    received_at: float
    claims: list[ClaimRecord]
    signature: dict[str, Any]


class ClaimBatchRecord(faust.Record, serializer="json", include_metadata=False):
    """An article's claims assigned to one event, on ``raqib.claims`` keyed by event id.

    ``event`` is None for an article with no claims: it is still passed along so
    that progress is reported for every article.
    """

    article: str
    event: str | None
    source: str | None
    received_at: float
    claims: list[ClaimRecord]
    signature: dict[str, Any]


class AlertRecord(faust.Record, serializer="json", include_metadata=False):
    """An alert as in the output contract, on ``raqib.alerts.contradictions``."""

    id: str
    event: str
    metric: str
    victim_class: str
    severity: str
    new: dict[str, Any]
    conflicts_with: list[dict[str, Any]]
    summary: str
    type: str = "alert"

    @classmethod
    def from_model(cls, alert: Alert) -> AlertRecord:
        return cls(**alert.to_json())

    def to_model(self) -> Alert:
        return Alert.from_json(self.asdict())


class ProgressRecord(faust.Record, serializer="json", include_metadata=False):
    """Sent after an article's claims are on its event's table: lets replays know they are done."""

    article: str
    event: str | None
    claims: list[ClaimRecord]
    alerts: list[str]
    updates: int = 0
