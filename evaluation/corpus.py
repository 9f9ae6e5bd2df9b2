"""A gold corpus on disk (the eval-dev format), the mixed corpus and the dated variant.

A corpus directory holds ``articles.jsonl`` (raqib's input format), ``claims.jsonl`` (gold
claims), ``events.jsonl`` (gold incidents: ``event``, ``day``, ``articles``, ``expect_alert``,
``contradictions``) and optionally ``decoys.jsonl`` (pairs of articles about look-alike
incidents). Everything here is pure except :func:`load_corpus` and :func:`write_jsonl`; rows
stay plain dicts as read, so the scorers read the same fields a held-out set carries.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

__all__ = [
    "Corpus",
    "CorpusMissing",
    "load_corpus",
    "mixed_corpus",
    "dated_articles",
    "write_jsonl",
    "read_jsonl",
    "HOURS_PER_REPORT",
]

Row = dict[str, Any]

# An undated report of an incident is placed on the incident's day, this many hours after
# the previous undated report of the same incident (first at 03:00 UTC): up to seven
# reports stay on the day itself.
HOURS_PER_REPORT = 3


class CorpusMissing(FileNotFoundError):
    """The corpus directory, or its ``articles.jsonl``, does not exist."""


@dataclass(frozen=True)
class Corpus:
    """One gold set: its rows as read, in file order."""

    name: str
    articles: tuple[Row, ...]
    claims: tuple[Row, ...]
    events: tuple[Row, ...]
    decoys: tuple[Row, ...] = ()

    @property
    def incident_of(self) -> dict[str, str]:
        """Gold incident of each article listed in ``events.jsonl``."""
        return {str(a): str(e["event"]) for e in self.events for a in e.get("articles", [])}

    @property
    def event_by_id(self) -> dict[str, Row]:
        return {str(e["event"]): e for e in self.events}

    @property
    def lang_of(self) -> dict[str, str]:
        """Language of each article: its ``lang`` field, Arabic when absent."""
        return {str(a["id"]): str(a.get("lang") or "ar") for a in self.articles}


def read_jsonl(path: Path) -> list[Row]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def write_jsonl(path: Path, rows: Iterable[Row]) -> Path:
    """Write ``rows`` as UTF-8 JSON lines (Arabic kept readable); returns ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


def load_corpus(directory: Path, name: str | None = None) -> Corpus:
    """Read a gold directory; raises :class:`CorpusMissing` when it or its articles are absent.

    ``claims.jsonl``, ``events.jsonl`` and ``decoys.jsonl`` may be missing (then empty): a set
    with articles alone can still be replayed, it just scores nothing.
    """
    if not (directory / "articles.jsonl").is_file():
        raise CorpusMissing(f"no articles.jsonl in {directory} (is the directory there?)")

    def optional(file: str) -> tuple[Row, ...]:
        path = directory / file
        return tuple(read_jsonl(path)) if path.is_file() else ()

    return Corpus(
        name=name or directory.name,
        articles=tuple(read_jsonl(directory / "articles.jsonl")),
        claims=optional("claims.jsonl"),
        events=optional("events.jsonl"),
        decoys=optional("decoys.jsonl"),
    )


def mixed_corpus(first: Corpus, second: Corpus, name: str = "mixed") -> Corpus:
    """Both corpora as one (eval-dev-en README): articles, claims and decoys concatenated,
    events merged by id (union of articles in order, ``expect_alert`` if either says so,
    contradictions of both, the first non-empty ``day`` and ``description``)."""
    merged: dict[str, Row] = {}
    for event in (*first.events, *second.events):
        key = str(event["event"])
        if key not in merged:
            merged[key] = {
                **event,
                "articles": list(event.get("articles", [])),
                "contradictions": list(event.get("contradictions", [])),
            }
            continue
        into = merged[key]
        into["articles"] += [a for a in event.get("articles", []) if a not in into["articles"]]
        into["contradictions"] += list(event.get("contradictions", []))
        into["expect_alert"] = bool(into.get("expect_alert")) or bool(event.get("expect_alert"))
        for field in ("day", "description", "day_assumed"):
            if not into.get(field) and event.get(field):
                into[field] = event[field]
    return Corpus(
        name=name,
        articles=first.articles + second.articles,
        claims=first.claims + second.claims,
        events=tuple(merged.values()),
        decoys=first.decoys + second.decoys,
    )


def _moment(published: str) -> datetime | None:
    """``published`` as an aware datetime (a bare date is midnight UTC), or None."""
    try:
        if len(published) == 10:
            return datetime.combine(date.fromisoformat(published), time(), UTC)
        moment = datetime.fromisoformat(published.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def dated_articles(
    articles: Sequence[Row], events: Sequence[Row], hours_per_report: int = HOURS_PER_REPORT
) -> list[Row]:
    """The corpus as a live feed carries it: every article dated, in time order.

    An article whose ``published`` parses keeps it. An undated article of an incident with a
    ``day`` gets that day at 03:00 UTC plus ``hours_per_report`` hours for each earlier
    undated report of the same incident (file order). Articles are then ordered by that time,
    ties by file order. Articles still without a time (in no incident, or the incident has no
    day) keep ``published`` null and follow the dated ones, in file order. The input rows are
    not modified.
    """
    day_of: dict[str, str] = {}
    for event in events:
        if event.get("day"):
            for article in event.get("articles", []):
                day_of.setdefault(str(article), str(event["day"]))
    incident_of = {str(a): str(e["event"]) for e in events for a in e.get("articles", [])}
    undated_seen: dict[str, int] = {}
    timed: list[tuple[datetime, int, Row]] = []
    untimed: list[Row] = []
    for index, row in enumerate(articles):
        article_id = str(row.get("id"))
        moment = _moment(str(row["published"])) if row.get("published") else None
        if moment is not None:
            timed.append((moment, index, dict(row)))
            continue
        day = day_of.get(article_id)
        if day is None or _moment(day) is None:
            untimed.append(dict(row))
            continue
        incident = incident_of[article_id]
        rank = undated_seen.get(incident, 0)
        undated_seen[incident] = rank + 1
        start = _moment(day)
        assert start is not None
        moment = start + timedelta(hours=3 + hours_per_report * rank)
        timed.append((moment, index, {**row, "published": moment.isoformat()}))
    timed.sort(key=lambda item: (item[0], item[1]))
    return [row for _, _, row in timed] + untimed
