"""The one small contract every connector implements.

A :class:`Source` produces :class:`~streams.core.model.Article` objects and hands each
to an ``emit`` coroutine (which, in the pipeline, produces it to the articles
topic). Input it cannot turn into an article is handed to ``reject`` with a
reason instead of being dropped or crashing the run: bad input is counted,
logged with where it came from, and dead-lettered.
"""

from __future__ import annotations

import abc
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from streams.core.model import Article


@dataclass(frozen=True)
class Rejected:
    """Input that did not become an article: where it came from and why."""

    origin: str
    reason: str
    payload: bytes = b""


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
