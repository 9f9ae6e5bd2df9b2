"""The event partition a replay produced, and how it compares with the gold incidents.

Pure functions over the JSON lines of ``raqib replay --jsonl`` (plain dicts):

* **merge lines** ``{"type": "merge", "event": survivor, "merged": [retired, ...]}`` are
  resolved first (chains too: a survivor may itself be retired later), so every claim and
  alert is scored under the id its event ends up with;
* an **article's event** is the event of its claims (claims whose ``event`` is null have
  none); an article whose claims ended in several events is put in the one holding most of
  its claims, ties to the smallest id — raqib puts an article in one event, so this only
  matters if that ever breaks;
* **BCubed** precision / recall of one clustering against another (which articles are
  scored is the caller's choice: :func:`evaluation.scores.score_replay`);
* **look-alike pairs merged**: decoy pairs whose two articles share an event;
* **cross-language pairs**: same-incident (English, Arabic) article pairs sharing an event,
  over every such gold pair (an article without an event counts as not grouped);
* **partition difference** between two runs, independent of event ids.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = [
    "BCubed",
    "resolve_merges",
    "article_events",
    "bcubed",
    "decoys_merged",
    "cross_language_pairs",
    "partition_difference",
    "co_members",
]

Row = dict[str, Any]


@dataclass(frozen=True)
class BCubed:
    """BCubed precision and recall (Bagga & Baldwin 1998), averaged over ``items``."""

    precision: float
    recall: float
    items: int

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def resolve_merges(lines: Iterable[Row]) -> dict[str, str]:
    """Retired event id -> the id it finally answers to, following chains of merges.

    A merge naming its own survivor among the retired ids is ignored for that id; a cycle
    (which a correct tracker never writes) resolves to the smallest id of the cycle, so the
    result is always defined.
    """
    parent: dict[str, str] = {}
    for line in lines:
        if line.get("type") != "merge" or not line.get("event"):
            continue
        survivor = str(line["event"])
        for retired in line.get("merged") or []:
            if str(retired) != survivor:
                parent[str(retired)] = survivor
    final: dict[str, str] = {}
    for start in parent:
        path = [start]
        seen = {start}
        node = start
        while node in parent and parent[node] not in seen:
            node = parent[node]
            path.append(node)
            seen.add(node)
        end = min(path[path.index(parent[node]) :]) if node in parent else node
        for member in path:
            if member in parent:
                final[member] = end
    return final


def article_events(lines: Sequence[Row]) -> dict[str, str]:
    """Article id -> its (merge-resolved) event id, from the claim lines of a replay."""
    alias = resolve_merges(lines)
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for line in lines:
        if line.get("type", "claim") != "claim" or not line.get("event"):
            continue
        event = str(line["event"])
        counts[str(line["article"])][alias.get(event, event)] += 1
    return {article: min(tally, key=lambda e: (-tally[e], e)) for article, tally in counts.items()}


def bcubed(assigned: Mapping[str, str], gold: Mapping[str, str]) -> BCubed:
    """BCubed of the clustering ``assigned`` (item -> cluster) against ``gold`` (item -> class),
    over the items present in both. No item: precision and recall 1 (nothing to get wrong)."""
    items = sorted(set(assigned) & set(gold))
    if not items:
        return BCubed(1.0, 1.0, 0)
    by_cluster: dict[str, list[str]] = defaultdict(list)
    by_class: dict[str, list[str]] = defaultdict(list)
    for item in items:
        by_cluster[assigned[item]].append(item)
        by_class[gold[item]].append(item)
    precision = recall = 0.0
    for item in items:
        cluster, cls = by_cluster[assigned[item]], by_class[gold[item]]
        both = sum(1 for other in cluster if gold[other] == gold[item])
        precision += both / len(cluster)
        recall += both / len(cls)
    return BCubed(precision / len(items), recall / len(items), len(items))


def decoys_merged(assigned: Mapping[str, str], decoys: Iterable[Row]) -> list[Row]:
    """The decoy pairs (``{"a", "b", ...}``) whose two articles are in one event."""
    return [
        pair
        for pair in decoys
        if str(pair["a"]) in assigned and assigned[str(pair["a"])] == assigned.get(str(pair["b"]))
    ]


def cross_language_pairs(
    assigned: Mapping[str, str],
    incident_of: Mapping[str, str],
    lang_of: Mapping[str, str],
    lang: str = "en",
) -> tuple[int, int]:
    """(grouped, total): same-incident pairs of one ``lang`` article and one article of
    another language, and how many of them share an event."""
    members: dict[str, list[str]] = defaultdict(list)
    for article, incident in incident_of.items():
        members[incident].append(article)
    grouped = total = 0
    for articles in members.values():
        ours = [a for a in articles if lang_of.get(a, "ar") == lang]
        theirs = [a for a in articles if lang_of.get(a, "ar") != lang]
        for x in ours:
            for y in theirs:
                total += 1
                grouped += x in assigned and assigned[x] == assigned.get(y)
    return grouped, total


def co_members(assigned: Mapping[str, str]) -> dict[str, frozenset[str]]:
    """Each article -> the set of articles in its event (itself included): the partition
    without its ids."""
    by_event: dict[str, set[str]] = defaultdict(set)
    for article, event in assigned.items():
        by_event[event].add(article)
    return {article: frozenset(by_event[event]) for article, event in assigned.items()}


def partition_difference(first: Mapping[str, str], second: Mapping[str, str]) -> list[str]:
    """Articles whose event differs between two runs as a partition: present in one run only,
    or sharing their event with a different set of articles. Event ids are ignored."""
    a, b = co_members(first), co_members(second)
    return sorted(x for x in set(a) | set(b) if a.get(x) != b.get(x))
