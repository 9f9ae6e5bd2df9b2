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
from streams.core.pipeline import Absorb, EventClosed, Extracted, Item, Merged, Progress, Retire

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
    """Articles' claims assigned to one event, on ``raqib.claims`` keyed by event id, and
    the notices that follow them (:mod:`streams.core.pipeline`), applied after the items.

    ``event`` is None for articles with no claims: they are still passed along so
    that progress is reported for every article. ``merged``: events a merge retired into
    this one. ``retire_into``: this event was merged into that one (its state moves there).
    ``absorb``/``absorbed``: the state of an event retired into this one, and its id.
    ``close`` marks the notice that the tracker closed the event: its state leaves the
    table (memory stays bounded).
    """

    event: str | None
    items: list[ExtractedRecord]
    close: bool = False
    merged: list[str] | None = None
    retire_into: str | None = None
    absorb: dict[str, Any] | None = None
    absorbed: str | None = None


class ProgressItem(faust.Record, serializer="json", include_metadata=False):
    """What became of one article: its claims (with event) and the alerts it raised.

    A notice has no article (``article`` empty): ``merged`` lists events a merge retired into
    ``event``; ``absorbed`` names a retired event whose claims reached ``event``, with the
    alerts they raised there. A replay waits for an ``absorbed`` entry for every id merged.
    """

    article: str
    event: str | None
    claims: list[ClaimJSON]
    alerts: list[str]
    updates: int = 0
    merged: list[str] | None = None
    absorbed: str | None = None


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
        merged=list(progress.merged) or None,
        absorbed=progress.absorbed,
    )


def event_items(batch: EventBatchRecord) -> list[Item]:
    """What an event batch carries, in the order :func:`streams.core.pipeline.apply_batch`
    applies it: its articles, then its notices.
    """
    event = str(batch.event) if batch.event is not None else ""
    items: list[Item] = [extracted_item(entry) for entry in batch.items]
    if batch.merged:
        items.append(Merged(event, tuple(batch.merged)))
    if batch.absorbed:
        items.append(Absorb(event, batch.absorbed, batch.absorb))
    if batch.retire_into:
        items.append(Retire(event, batch.retire_into))
    if batch.close:
        items.append(EventClosed(event))
    return items


def event_batches(event: str | None, items: list[Item]) -> list[EventBatchRecord]:
    """One event's items as claims-topic records, in order: consecutive articles and the
    notices after them share a record; a notice before an article starts a new one.
    """
    out: list[EventBatchRecord] = []
    current: EventBatchRecord | None = None
    for item in items:
        if isinstance(item, Extracted):
            if current is None or _has_notice(current):
                current = EventBatchRecord(event=event, items=[])
                out.append(current)
            current.items.append(extracted_record(item))
            continue
        if current is None or _notice_taken(current, item):
            current = EventBatchRecord(event=event, items=[])
            out.append(current)
        if isinstance(item, Merged):
            current.merged = [*(current.merged or []), *item.retired]
        elif isinstance(item, Retire):
            current.retire_into = item.into
        elif isinstance(item, Absorb):
            current.absorb, current.absorbed = item.state, item.retired
        elif isinstance(item, EventClosed):
            current.close = True
    return out


def _has_notice(batch: EventBatchRecord) -> bool:
    return bool(batch.merged or batch.retire_into or batch.absorbed or batch.close)


def _notice_taken(batch: EventBatchRecord, item: Item) -> bool:
    """Whether ``batch`` already carries a notice of ``item``'s kind, or one applied after it."""
    if isinstance(item, Merged):
        return bool(batch.retire_into or batch.absorbed or batch.close)
    if isinstance(item, Absorb):
        return bool(batch.absorbed or batch.retire_into or batch.close)
    if isinstance(item, Retire):
        return bool(batch.retire_into or batch.close)
    return False


def as_record(cls: type[faust.Record], item: Any) -> Any:
    """Nested records may arrive as records or as plain dicts; return a ``cls``."""
    return item if isinstance(item, cls) else cls.from_data(dict(item))
