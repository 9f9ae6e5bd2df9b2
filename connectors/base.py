"""The one small contract every connector implements.

A :class:`Source` produces :class:`~streams.core.model.Article` objects and hands each
to an ``emit`` coroutine (which, in the pipeline, produces it to the articles
topic). Input it cannot turn into an article is handed to ``reject`` with a
reason instead of being dropped or crashing the run: bad input is counted,
logged with where it came from, and dead-lettered.

One size limit holds everywhere (``RAQIB_MAX_ARTICLE_BYTES``): :func:`article_payload` is
what every path calls before it produces an article (``replay``, ``poll``, ``run``, the
bench), so an article over the limit is rejected with its reason instead of failing the
producer, and the producers are configured to always take an article at the limit.
"""

from __future__ import annotations

import abc
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from streams.core.model import Article

MAX_ARTICLE_BYTES = 2_000_000
"""The default of ``RAQIB_MAX_ARTICLE_BYTES``: the largest article message (key and value)."""

REJECTED_PAYLOAD = 1000
"""Bytes of an oversized article kept with its rejection (the dead letter's value)."""


@dataclass(frozen=True)
class Rejected:
    """Input that did not become an article: where it came from and why."""

    origin: str
    reason: str
    payload: bytes = b""


def article_message(article: Article) -> bytes:
    """An article as the bytes of an articles-topic message (UTF-8 JSON)."""
    return json.dumps(article.to_json(), ensure_ascii=False).encode("utf-8")


def article_payload(article: Article, max_bytes: int, origin: str = "") -> bytes | Rejected:
    """The message to produce for ``article``, or why it cannot be produced.

    Rejected: text that is not valid Unicode (a lone surrogate, from a JSON escape) and an
    article whose message, key included, is over ``max_bytes``. ``origin`` names the
    input (the article id when empty).
    """
    where = origin or f"article {article.id!r}"
    try:
        value = article_message(article)
        key = article.id.encode("utf-8")
    except UnicodeEncodeError as exc:
        return Rejected(where, f"not valid Unicode: {exc.reason} at character {exc.start}")
    except (RecursionError, TypeError, ValueError) as exc:
        return Rejected(where, f"cannot be encoded as JSON: {type(exc).__name__}: {exc}")
    size = len(key) + len(value)
    if size > max_bytes:
        return Rejected(
            where,
            f"article of {size} bytes exceeds RAQIB_MAX_ARTICLE_BYTES={max_bytes}",
            value[:REJECTED_PAYLOAD],
        )
    return value


Emit = Callable[[Article], Awaitable[None]]
Reject = Callable[[Rejected], Awaitable[None]]


class Source(abc.ABC):
    """Produces articles until exhausted (replay) or until :meth:`stop` (polling).

    Implementations state their delivery guarantee in their docstring.
    """

    name: str = "source"

    @abc.abstractmethod
    async def run(self, emit: Emit, reject: Reject) -> None:
        """Produce articles through ``emit`` and bad input through ``reject``."""

    async def stop(self) -> None:  # noqa: B027 - optional hook, nothing to do by default
        """Ask a long-running source to finish its current step and return from :meth:`run`."""
