"""Resolve agent: ``extracted`` (keyed by block) → ``claims`` (keyed by event id).

Decides on arrival which event each article's claims belong to
(:func:`streams.core.pipeline.resolve_batch`: events are the connected components of the
same-incident relation, :mod:`streams.core.events.tracker`). The ``tracker`` table holds,
for each block, a small header under the block's key and each retained member's signature
under ``<block>|<article id>``, written once when it joins and deleted when it is evicted:
a batch rewrites the header, never the members. Members never change, so a worker keeps the
ones it read in memory (:class:`MemberCache`).

Assignment is idempotent: a redelivered article gets the event its first resolution answers
to now. Merges are sent as notices after the article that caused them: the survivor lists
the retired ids, each retired event moves its state to the survivor. Events the tracker
closes are announced after the claims sent to them, so the event agent can drop their state.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import time
from collections import OrderedDict
from typing import TYPE_CHECKING, Any

from streams.agents.batching import set_current_event
from streams.agents.decoding import extracted_batch, guarded, sift
from streams.core.events.tracker import Block, Member, TrackerConfig
from streams.core.pipeline import BATCH, Item, resolve_batch
from streams.core.text.geo import gazetteer
from streams.records import ExtractedBatch, event_batches, extracted_item

if TYPE_CHECKING:
    from faust.types import TableT

    from streams.runtime import Runtime

log = logging.getLogger(__name__)

WITHIN = 0.01
CACHE_MEMBERS = 50_000


def member_key(block: str, article: str) -> str:
    """The tracker table key of a member of ``block``."""
    return f"{block}|{article}"


class MemberCache:
    """Members read from the tracker table, kept decoded (they never change once written)."""

    def __init__(self, size: int = CACHE_MEMBERS) -> None:
        self.size = size
        self._items: OrderedDict[str, Member] = OrderedDict()

    def members(self, table: TableT, header: Block) -> dict[str, Member]:
        """Every retained member of ``header``'s block, by article id."""
        out: dict[str, Member] = {}
        for article in header.members:
            key = member_key(header.block, article)
            member = self._items.get(key)
            if member is None:
                raw = table.get(key)
                if raw is None:
                    log.warning("tracker member %s missing: left out of resolution", key)
                    continue
                member = Member.from_json(raw)
                self.put(key, member)
            else:
                self._items.move_to_end(key)
            out[article] = member
        return out

    def put(self, key: str, member: Member) -> None:
        """Remember ``member`` (evicting the least recently used beyond the size)."""
        self._items[key] = member
        self._items.move_to_end(key)
        while len(self._items) > self.size:
            self._items.popitem(last=False)

    def drop(self, key: str) -> None:
        """Forget ``key`` (an evicted member)."""
        self._items.pop(key, None)


def register(runtime: Runtime) -> None:
    """The resolve agent: each block's batch through :func:`resolve_batch`."""
    app, topics, tracker = runtime.app, runtime.topics, runtime.tables.tracker
    config = TrackerConfig.from_settings(runtime.settings)
    cache = MemberCache()

    async def resolve_block(block: str, batches: list[ExtractedBatch]) -> None:
        raw = tracker.get(block)
        header = Block.from_json(raw, block)
        members = cache.members(tracker, header)
        items = [extracted_item(entry) for batch in batches for entry in batch.items]
        done = resolve_batch(header, members, items, config)
        for member in done.added:
            key = member_key(block, member.sig.article_id)
            tracker[key] = member.to_json()
            cache.put(key, member)
        for article in done.evicted:
            key = member_key(block, article)
            tracker.pop(key, None)
            cache.drop(key)
        if done.block != header:
            tracker[block] = done.block.to_json()
        if done.merges:
            log.info("block %s merges: %s", block, done.merges)
        by_event: dict[str | None, list[Item]] = {}
        for event_id, item in done.routed:
            by_event.setdefault(event_id, []).append(item)
        for event_id, routed in by_event.items():
            for record in event_batches(event_id, routed):
                await topics.claims.send(key=event_id or block, value=record)

    @app.task
    async def warm_up() -> None:
        """Load the gazetteer (about a second, 120 MiB) when the worker starts, in a thread,
        rather than at the first article: the first alert then comes as fast as the rest.

        Then freeze what is loaded: Python's full garbage collections no longer walk the
        gazetteer and the lexicons (about 80 ms each, an alert's whole latency budget
        gone at random).
        """
        started = time.perf_counter()
        await asyncio.get_running_loop().run_in_executor(None, gazetteer)
        gc.freeze()
        log.info("gazetteer warmed up in %.2f s", time.perf_counter() - started)

    @app.agent(topics.extracted, name="raqib.resolve")
    async def resolve(stream):  # type: ignore[no-untyped-def]
        # Small batches grouped by block: a block's header is decoded and encoded once per
        # batch, not once per message.
        # A record that does not decode is dead-lettered alone; a block whose resolution
        # raises dead-letters that block's records, and the rest of the batch goes on.
        async for taken in stream.take_events(BATCH, within=WITHIN):
            by_block: dict[str, tuple[list[Any], list[ExtractedBatch]]] = {}
            for event, batch in await sift(runtime, "resolve", taken, extracted_batch):
                group = by_block.setdefault(str(event.key), ([], []))
                group[0].append(event)
                group[1].append(batch)
            for block, (events, batches) in by_block.items():
                # table reads and writes go to the partition of the current event
                set_current_event(events[0])
                async with guarded(runtime, "resolve", events):
                    await resolve_block(block, batches)
