"""The offline runner: the pipeline's three steps (:mod:`.pipeline`) in memory, no broker.

Tests, the evaluation, the bench and ``raqib replay --offline`` run articles through the very
functions the agents call, grouped as the stream groups them (batches, blocks, events), with
every value that would cross a topic or a table sent through JSON: what it prints is what the
stream prints (``tests/integration/test_offline_matches_stream.py``).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from .conflicts import Update
from .events.signature import Signature, block_key
from .events.state import EventState
from .events.tracker import Block, Member, TrackerConfig
from .model import Alert, Article, Claim
from .pipeline import (
    BATCH,
    Extracted,
    Extractor,
    Item,
    Progress,
    apply_batch,
    extract_article,
    extract_by_language,
    resolve_batch,
)

__all__ = ["OfflineResult", "run_offline"]


@dataclass
class OfflineResult:
    """What the offline runner made of a list of articles.

    ``progress``, ``claims`` and ``alerts`` are in the order of the articles that made
    them (the stream interleaves them by batch, block and event); ``events`` is the event
    table at the end, ``blocks`` and ``members`` the tracker's.
    """

    claims: list[Claim] = field(default_factory=list)
    alerts: list[Alert] = field(default_factory=list)
    updates: list[Update] = field(default_factory=list)
    progress: list[Progress] = field(default_factory=list)
    events: dict[str, EventState] = field(default_factory=dict)
    blocks: dict[str, Block] = field(default_factory=dict)
    members: dict[str, dict[str, Member]] = field(default_factory=dict)

    def lines(self) -> list[dict[str, Any]]:
        """The output contract's JSON lines, as ``raqib replay --jsonl`` prints them: each
        article's claims, then the alerts it raised; a merge as ``{"type": "merge", "event":
        survivor, "merged": [retired ids]}`` where it happened.
        """
        by_id = {a.id: a for a in self.alerts}
        out: list[dict[str, Any]] = []
        for p in self.progress:
            out += [c.to_json() for c in p.claims]
            if p.merged:
                out.append({"type": "merge", "event": p.event, "merged": list(p.merged)})
            out += [by_id[a].to_json() for a in p.alerts if a in by_id]
        return out

    def sort_by_article(self, order: dict[str, int]) -> None:
        """Put progress, claims and alerts in the order of their articles (``order``: index);
        notices (merges, absorbed states) stay after the article that caused them.
        """
        keyed: list[tuple[int, int, Progress]] = []
        last = 0
        for n, p in enumerate(self.progress):
            if p.article:
                last = order.get(p.article, last)
            keyed.append((order.get(p.article, last), n, p))
        self.progress = [p for _, _, p in sorted(keyed, key=lambda k: (k[0], k[1]))]
        self.claims = [c for p in self.progress for c in p.claims]
        rank = {a: i for i, p in enumerate(self.progress) for a in p.alerts}
        self.alerts.sort(key=lambda a: rank.get(a.id, len(rank)))


def _roundtrip(value: Any) -> Any:
    """``value`` through JSON, as it crosses a topic or a table (a field that does not
    survive JSON fails here first).
    """
    return json.loads(json.dumps(value))


def _resolve_stage(
    result: OfflineResult, extracted: list[Extracted], config: TrackerConfig, roundtrip: bool
) -> list[tuple[str | None, Item]]:
    """The resolve agent's work on one batch: by block, then one batch per event."""
    by_block: dict[str, list[Extracted]] = {}
    for item in extracted:
        by_block.setdefault(block_key(item.signature), []).append(item)
    out: list[tuple[str | None, Item]] = []
    for key, items in by_block.items():
        block = result.blocks.get(key) or Block(key)
        members = result.members.setdefault(key, {})
        done = resolve_batch(block, members, items, config)
        for aid in done.evicted:
            members.pop(aid, None)
        if roundtrip:
            done.block = Block.from_json(_roundtrip(done.block.to_json()))
            for m in done.added:
                members[m.sig.article_id] = Member.from_json(_roundtrip(m.to_json()))
        result.blocks[key] = done.block
        by_event: dict[str | None, list[Item]] = {}
        for event_id, routed in done.routed:
            by_event.setdefault(event_id, []).append(routed)
        out += [(e, routed) for e, group in by_event.items() for routed in group]
    return out


def _event_stage(
    result: OfflineResult,
    inputs: list[tuple[str | None, Item]],
    config: TrackerConfig,
    roundtrip: bool,
) -> None:
    """The event agent's work: by event, one apply_batch each; forwarded items (a retired
    event's state, mail for a retired id) go round again, as they would through the topic.
    """
    while inputs:
        by_event: dict[str | None, list[Item]] = {}
        for event_id, item in inputs:
            by_event.setdefault(event_id, []).append(item)
        inputs = []
        for event_id, items in by_event.items():
            before = result.events.get(event_id) if event_id else None
            state, alerts, updates, progress, forwards = apply_batch(
                before, event_id, items, config
            )
            if event_id:
                if state is None:
                    result.events.pop(event_id, None)
                else:
                    result.events[event_id] = (
                        EventState.from_json(_roundtrip(state.to_json())) if roundtrip else state
                    )
            result.alerts += alerts
            result.updates += updates
            result.progress += progress
            inputs += [(e, item) for e, item in forwards]


def run_offline(
    articles: Iterable[Article],
    *,
    config: TrackerConfig | None = None,
    received_at: Sequence[float] | Callable[[Article], float] | None = None,
    batch: int = BATCH,
    roundtrip: bool = True,
    extractor: Extractor = extract_by_language,
) -> OfflineResult:
    """Run the pipeline over ``articles`` in memory, grouped the way the stream groups them.

    Articles are taken ``batch`` at a time (the agents' batch size); each batch is
    extracted, grouped by block and resolved, grouped by event and applied, with the
    same functions the agents call. ``received_at``: each article's arrival time (a list
    in article order, or a function), by default the wall clock as it is read, as a
    Kafka message timestamp would be. With ``roundtrip`` every signature, member, header
    and event state goes through JSON, as it does on a topic or in a table.
    """
    config = config or TrackerConfig()
    result = OfflineResult()
    order: dict[str, int] = {}
    chunk: list[Extracted] = []
    for index, article in enumerate(articles):
        order.setdefault(article.id, index)
        if received_at is None:
            arrival = time.time()
        elif callable(received_at):
            arrival = received_at(article)
        else:
            arrival = received_at[index]
        item = extract_article(article, arrival, extractor)
        if roundtrip:
            item = replace(
                item, signature=Signature.from_json(_roundtrip(item.signature.to_json()))
            )
        chunk.append(item)
        if len(chunk) >= batch:
            _event_stage(
                result, _resolve_stage(result, chunk, config, roundtrip), config, roundtrip
            )
            chunk = []
    if chunk:
        _event_stage(result, _resolve_stage(result, chunk, config, roundtrip), config, roundtrip)
    result.sort_by_article(order)
    return result
