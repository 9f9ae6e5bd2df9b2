"""Defensive decoding: one bad record is dead-lettered with its reason, never its batch.

Agents take records in batches (``take_events``). An exception escaping the loop ends
the agent: Faust restarts it, but the records it had taken are gone (issue 22: one
null value lost 132 of 200 good articles). So nothing a record holds may raise out of
an agent:

- :class:`DeadLetterSchema` — typed topics decode through it: a value Faust cannot
  decode (null, not JSON, nested past the recursion limit, the wrong shape) arrives as
  :class:`Undecodable` instead of an exception thrown into the stream;
- :func:`sift` — decodes every record of a taken batch with a checker
  (:func:`article_from_message`, :func:`extracted_batch`, :func:`event_batch`) and
  dead-letters each that fails, with its reason; the others go on;
- :class:`guarded` — work on one record (or one group of records) that raises is
  dead-lettered with the exception as reason, and the loop goes on. Broker errors are
  not the record's fault: they still end the agent, whose records are then redelivered;
- :func:`size_chunks` — records sent as several messages when one would pass the
  producer's request size (:data:`MESSAGE_BUDGET`).

Calls, one line each in an agent::

    good = await sift(runtime, "resolve", taken, extracted_batch)  # [(event, batch)]
    async with guarded(runtime, "resolve", [event for event, _ in group]):
        ...  # the group's work
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar

import faust
from aiokafka.errors import KafkaError

from connectors.base import Rejected
from connectors.files import json_to_article
from streams.agents.deadletter import dead_letter
from streams.core.model import Article
from streams.records import EventBatchRecord, ExtractedBatch, as_record, extracted_item

if TYPE_CHECKING:
    from streams.runtime import Runtime

log = logging.getLogger(__name__)

T = TypeVar("T")

MESSAGE_BUDGET = 1024 * 1024
"""Bytes of records per message an agent sends: a quarter of the app's producer request
size (4 MiB, ``streams/app.py``), which must stay above it."""


class PoisonRecord(ValueError):
    """A record no stage can process; its message is the reason dead-lettered with it."""


@dataclass(frozen=True)
class Undecodable:
    """The value of a message :class:`DeadLetterSchema` could not decode, and why."""

    reason: str


class DeadLetterSchema(faust.Schema):
    """A topic schema whose values never raise: failures arrive as :class:`Undecodable`.

    Faust throws a value it cannot decode into the agent's stream, which ends the agent
    and the batch it holds; the agent cannot catch it per record. Decoded here instead,
    the failure is a value like any other, which :func:`sift` dead-letters.
    """

    def loads_value(
        self,
        app: Any,
        message: Any,
        *,
        loads: Callable[..., Any] | None = None,
        serializer: Any = None,
    ) -> Any:
        """The decoded value, or :class:`Undecodable` with the decoder's reason."""
        try:
            return super().loads_value(app, message, loads=loads, serializer=serializer)
        except Exception as exc:  # Faust wraps every decoder error in ValueDecodeError
            return Undecodable(f"undecodable value: {_cut(str(exc))}")


def _cut(text: str, limit: int = 300) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def reason_of(exc: BaseException) -> str:
    """A dead letter's reason: a poison record's own, or the exception that escaped."""
    if isinstance(exc, PoisonRecord):
        return str(exc)
    return _cut(f"{type(exc).__name__}: {exc}")


def _raw(value: Any) -> bytes:
    """The bytes to keep of a message value (the original when it is bytes)."""
    if value is None:
        return b""
    if isinstance(value, bytes):
        return value
    if isinstance(value, str):
        return value.encode("utf-8", "backslashreplace")
    return repr(value).encode("utf-8", "backslashreplace")


def _raw_key(key: Any) -> bytes | None:
    return None if key is None else _raw(key)


async def quarantine(runtime: Runtime, stage: str, event: Any, reason: str) -> None:
    """Dead-letter the message behind ``event``: its original bytes, stage and reason."""
    message = getattr(event, "message", None)
    key = getattr(message, "key", None) if message is not None else None
    value = getattr(message, "value", None) if message is not None else None
    if not isinstance(value, bytes):  # in tests the message holds the value itself
        key, value = getattr(event, "key", None), getattr(event, "value", None)
    await dead_letter(runtime, stage, _raw_key(key), _raw(value), reason, message)


async def sift(
    runtime: Runtime, stage: str, events: Iterable[Any], check: Callable[[Any], T]
) -> list[tuple[Any, T]]:
    """``(event, check(event.value))`` for each event that passes; the others are
    dead-lettered with the reason ``check`` raised. Order is kept.
    """
    good: list[tuple[Any, T]] = []
    for event in events:
        try:
            good.append((event, check(event.value)))
        except KafkaError:
            raise
        except Exception as exc:
            await quarantine(runtime, stage, event, reason_of(exc))
    return good


class guarded:  # noqa: N801 - used as a statement: ``async with guarded(...)``
    """Work on ``events`` that raises dead-letters them, with the exception as reason.

    The exception is swallowed, so the agent goes on with the next record or group.
    Kafka errors and cancellation pass through: they are not the records' fault.
    """

    def __init__(self, runtime: Runtime, stage: str, events: Sequence[Any]) -> None:
        self.runtime, self.stage, self.events = runtime, stage, events

    async def __aenter__(self) -> guarded:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> bool:
        if exc is None or not isinstance(exc, Exception) or isinstance(exc, KafkaError):
            return False
        if not isinstance(exc, PoisonRecord):
            log.error("%s failed on %d record(s)", self.stage, len(self.events), exc_info=exc)
        reason = reason_of(exc)
        for event in self.events:
            await quarantine(self.runtime, self.stage, event, reason)
        return True


def article_from_message(value: Any, key: Any, max_bytes: int) -> Article:
    """The article a message of the articles topic holds, or :class:`PoisonRecord`.

    Any value at all: null, not bytes, over ``max_bytes``, not UTF-8, not JSON, nested
    too deep, a lone surrogate, the wrong shape (a list, a number, ``text`` not a
    string). Never another exception.
    """
    if value is None:
        raise PoisonRecord("null value: no article")
    if isinstance(value, str):
        value = value.encode("utf-8", "surrogatepass")
    if not isinstance(value, bytes):
        raise PoisonRecord(f"expected the bytes of a JSON article, got {type(value).__name__}")
    if len(value) > max_bytes:
        raise PoisonRecord(
            f"article of {len(value)} bytes exceeds RAQIB_MAX_ARTICLE_BYTES={max_bytes}"
        )
    name = _raw(key).decode("utf-8", "replace") if key is not None else ""
    article = json_to_article(value, f"key={name or None}", default_id=name)
    if isinstance(article, Rejected):
        raise PoisonRecord(article.reason)
    return article


def _checked(value: Any, cls: type[Any]) -> Any:
    if isinstance(value, Undecodable):
        raise PoisonRecord(value.reason)
    if value is None:
        raise PoisonRecord(f"null value: no {cls.__name__}")
    if isinstance(value, bytes | str):
        try:
            value = json.loads(value)
        except (RecursionError, ValueError) as exc:
            raise PoisonRecord(f"not a JSON {cls.__name__}: {reason_of(exc)}") from exc
    if not isinstance(value, cls | dict):
        raise PoisonRecord(f"expected a {cls.__name__}, got {type(value).__name__}")
    try:  # Faust builds nested records lazily: reading a field may raise
        record = as_record(cls, value)
        items = record.items
    except Exception as exc:
        raise PoisonRecord(f"not a valid {cls.__name__}: {reason_of(exc)}") from exc
    if not isinstance(items, list):
        raise PoisonRecord(f"{cls.__name__}.items is {type(items).__name__}, not a list")
    for index, item in enumerate(items):
        try:
            extracted_item(item)
        except Exception as exc:
            raise PoisonRecord(f"{cls.__name__}.items[{index}]: {reason_of(exc)}") from exc
    return record


def extracted_batch(value: Any) -> ExtractedBatch:
    """A message of the extracted topic as an :class:`ExtractedBatch` whose every item
    converts (:func:`streams.records.extracted_item`), or :class:`PoisonRecord`.
    """
    return _checked(value, ExtractedBatch)  # type: ignore[no-any-return]


def event_batch(value: Any) -> EventBatchRecord:
    """A message of the claims topic as an :class:`EventBatchRecord` whose every item
    converts, or :class:`PoisonRecord`.
    """
    record = _checked(value, EventBatchRecord)
    if record.event is not None and not isinstance(record.event, str):
        raise PoisonRecord(f"EventBatchRecord.event is {type(record.event).__name__}")
    return record  # type: ignore[no-any-return]


def size_chunks(items: Iterable[tuple[T, int]], budget: int = MESSAGE_BUDGET) -> Iterator[list[T]]:
    """``items`` (each with its encoded size) cut into runs of at most ``budget`` bytes.

    Order is kept; an item larger than the budget alone is a run of its own.
    """
    run: list[T] = []
    used = 0
    for item, size in items:
        if run and used + size > budget:
            yield run
            run, used = [], 0
        run.append(item)
        used += size
    if run:
        yield run
