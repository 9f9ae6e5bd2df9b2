"""Faust records: the shapes of messages on raqib's topics.

Records are the edge between Kafka and the pure code: agents turn them into the
frozen dataclasses of :mod:`streams.core.pipeline` and :mod:`streams.core.model` and
back (:func:`extracted_item`, :func:`extracted_record`, :func:`progress_record`).
``include_metadata=False`` keeps the JSON on the wire exactly the documented contract,
readable by consumers that are not Faust. (Articles and alerts travel as raw JSON bytes:
malformed input is dead-lettered with a reason instead of failing in a deserializer.)
"""

from __future__ import annotations

from typing import Any

import faust

from streams.core.model import Claim
from streams.core.pipeline import Extracted, Progress

ClaimJSON = dict[str, Any]
"""A claim inside a record: the output contract's JSON (:meth:`Claim.to_json`).

Plain JSON rather than a nested Faust record: Faust builds a record per claim on every
decode and walks it on every encode, field by field, and with a claim crossing three
topics that was a tenth of a worker's time (``raqib bench --profile``). The bytes on the
wire are the same.
"""


def claims_to_json(claims: list[Claim]) -> list[ClaimJSON]:
    """Claims as the contract's JSON, for a record."""
    return [claim.to_json() for claim in claims]


def claims_to_models(items: list[ClaimJSON]) -> list[Claim]:
    """Claims from a record's JSON."""
    return [Claim.from_json(item) for item in items]


class ExtractedRecord(faust.Record, serializer="json", include_metadata=False):
    """One article's claims and event signature."""

    article: str
    source: str | None
    received_at: float
    claims: list[ClaimJSON]
    signature: dict[str, Any]


class ExtractedBatch(faust.Record, serializer="json", include_metadata=False):
    """Extracted articles of one block, on ``raqib.extracted`` keyed by block.

    Batching amortizes Faust's per-message cost (send, ack, changelog write) over
    many articles; order within the batch is the order of the articles topic.
    """

    items: list[ExtractedRecord]


class EventBatchRecord(faust.Record, serializer="json", include_metadata=False):
    """Articles' claims assigned to one event, on ``raqib.claims`` keyed by event id.

    ``event`` is None for articles with no claims: they are still passed along so
    that progress is reported for every article. ``close`` marks the notice that
    the tracker closed the event: its state leaves the table (memory stays bounded).
    """

    event: str | None
    items: list[ExtractedRecord]
    close: bool = False


class ProgressItem(faust.Record, serializer="json", include_metadata=False):
    """What became of one article: its claims (with event) and the alerts it raised."""

    article: str
    event: str | None
    claims: list[ClaimJSON]
    alerts: list[str]
    updates: int = 0


class ProgressRecord(faust.Record, serializer="json", include_metadata=False):
    """Sent once an event batch is applied: lets replays know when they are done."""

    items: list[ProgressItem]


def extracted_record(item: Extracted) -> ExtractedRecord:
    """An extracted article as it travels on ``extracted`` and ``claims``."""
    return ExtractedRecord(**item.to_json())


def extracted_item(raw: Any) -> Extracted:
    """The extracted article a record (or its plain-dict form) carries."""
    record = as_record(ExtractedRecord, raw)
    return Extracted.from_json(
        {
            "article": record.article,
            "source": record.source,
            "received_at": record.received_at,
            "claims": record.claims,
            "signature": record.signature,
        }
    )


def progress_record(progress: Progress) -> ProgressItem:
    """What became of one article, as replays read it on ``progress``."""
    return ProgressItem(
        article=progress.article,
        event=progress.event,
        claims=claims_to_json(list(progress.claims)),
        alerts=list(progress.alerts),
        updates=progress.updates,
    )


def as_record(cls: type[faust.Record], item: Any) -> Any:
    """Nested records may arrive as records or as plain dicts; return a ``cls``."""
    return item if isinstance(item, cls) else cls.from_data(dict(item))
