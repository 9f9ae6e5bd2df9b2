"""How much of real reporting the source registry knows, and how fast it resolves.

For every gold claim with an ``attributed_to`` phrase, the phrase is resolved with the
article's outlet and the incident's country as the pipeline would give them (the country the
event's Arabic articles point to, from their signatures), and counted by what it resolved to:

- ``listed``: a source of the registry's data (the Syrian health ministry, SOHR, Reuters);
- ``kind``: an institution by kind and country with no row of its own (Bahraini police);
- ``unnamed``: an unnamed speaker or correspondent, qualified by the outlet;
- ``hospital``: a hospital the registry does not list, by its name;
- ``no country``: an institution whose country is neither named nor hinted;
- ``unknown``: a name the registry does not know (``name:...``).

"Known" is the first three. ``--verbose`` lists every phrase with its id per incident, so a
reader can check that the names of one body in one incident share one id.

``python -m evaluation.registry --gold-dir ../shared/eval-dev [--gold-dir ...]``
prints the report (exit code 0: a measurement, not a gate).
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from connectors.files import read_paths
from streams.core.events.signature import signature_of
from streams.core.model import Article
from streams.core.registry import SourceRef, resolve_source
from streams.core.registry.data import registry

__all__ = ["classify", "main"]


def _articles(gold_dir: Path) -> list[Article]:
    return [a for a in read_paths([gold_dir / "articles.jsonl"]) if isinstance(a, Article)]


def classify(ref: SourceRef) -> str:
    """The bucket of a resolution (see the module docstring)."""
    if ref.id in registry().sources:
        return "listed"
    prefix = ref.id.split(":", 1)[0] if ":" in ref.id else ""
    if prefix in ("anon", "outlet"):
        return "unnamed" if ref.known else "unknown outlet"
    return {"hospital": "hospital", "kind": "no country", "name": "unknown"}.get(prefix, "kind")


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _event_countries(dirs: list[Path]) -> tuple[dict[str, str | None], dict[str, str]]:
    """(article -> incident country, article -> event) from the events' Arabic articles."""
    articles = {a.id: a for d in dirs for a in _articles(d)}
    members: dict[str, set[str]] = defaultdict(set)
    for d in dirs:
        for row in _jsonl(d / "events.jsonl"):
            members[row["event"]].update(row["articles"])
    country: dict[str, str | None] = {}
    event_of: dict[str, str] = {}
    for event, ids in members.items():
        votes = Counter(
            signature_of(articles[i], [], 0.0).country
            for i in ids
            if i in articles and (articles[i].lang or "ar") == "ar"
        )
        votes.pop(None, None)
        top = votes.most_common(1)[0][0] if votes else None
        for i in ids:
            country[i] = top
            event_of[i] = event
    return country, event_of


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold-dir", action="append", type=Path, required=True)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args(argv)
    dirs: list[Path] = args.gold_dir
    country, event_of = _event_countries(dirs)
    sources = {a.id: a.source for d in dirs for a in _articles(d)}
    for d in dirs:
        claims = [c for c in _jsonl(d / "claims.jsonl") if c.get("attributed_to")]
        with_hint: Counter[str] = Counter()
        without: Counter[str] = Counter()
        phrases: dict[str, str] = {}
        per_event: dict[str, set[tuple[str, str]]] = defaultdict(set)
        for c in claims:
            phrase, article = c["attributed_to"], c["article"]
            ref = resolve_source(phrase, outlet=sources.get(article), country=country.get(article))
            bucket = classify(ref)
            with_hint[bucket] += 1
            without[classify(resolve_source(phrase, outlet=sources.get(article)))] += 1
            phrases[phrase] = bucket
            per_event[event_of.get(article, "?")].add((ref.id, phrase))
        known = ("listed", "kind", "unnamed")
        total = len(claims)
        print(f"{d}: {total} attributed gold claims, {len(phrases)} distinct phrases")
        for label, counts in (("with the incident's country", with_hint), ("no hint", without)):
            share = sum(counts[k] for k in known) / total if total else 0.0
            detail = ", ".join(f"{k} {v}" for k, v in counts.most_common())
            print(f"  known {share:.2f} {label}: {detail}")
        distinct = Counter(phrases.values())
        share = sum(distinct[k] for k in known) / len(phrases) if phrases else 0.0
        print(f"  distinct phrases known {share:.2f}: {dict(distinct.most_common())}")
        if args.verbose:
            for event in sorted(per_event):
                print(f"  {event}")
                for sid, phrase in sorted(per_event[event]):
                    print(f"    {sid:45} {phrase}")
    _speed([c["attributed_to"] for d in dirs for c in _jsonl(d / "claims.jsonl")])
    return 0


def _speed(phrases: list[str | None]) -> None:
    from streams.core.registry import resolve as module

    named = [p for p in phrases if p]
    rounds = 20
    start = time.perf_counter()
    for _ in range(rounds):
        module._resolve.cache_clear()  # noqa: SLF001 - uncached speed is what is measured
        module._analyse.cache_clear()  # noqa: SLF001
        registry().reader.readings.cache_clear()
        for p in named:
            resolve_source(p, outlet="example.com", country="sy")
    uncached = rounds * len(named) / (time.perf_counter() - start)
    start = time.perf_counter()
    for _ in range(rounds * 10):
        for p in named:
            resolve_source(p, outlet="example.com", country="sy")
    cached = rounds * 10 * len(named) / (time.perf_counter() - start)
    print(f"speed: {uncached:,.0f} resolutions/s uncached, {cached:,.0f}/s cached")


if __name__ == "__main__":
    raise SystemExit(main())
