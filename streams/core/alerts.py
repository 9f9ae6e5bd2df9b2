"""Building an alert: its identity, what it lists, its severity and its summary.

Whether two claims contradict is decided in :mod:`streams.core.conflicts`; this module
turns a new claim and the claims it contradicts into an :class:`~streams.core.model.Alert`
whose id depends only on the claims in conflict, so a redelivered article, a replay or a
second worker raise the same id (and consumers drop repeats by it).
"""

from __future__ import annotations

from collections.abc import Iterable

from .model import Alert, Claim, stable_hash
from .severity import severity
from .sources import source_key
from .wording import alert_summary

__all__ = [
    "alert_id",
    "block_of_event",
    "build_alert",
    "conflict_key",
    "disagreement_key",
    "distinct_statements",
    "listed_conflicts",
    "pair_alert_id",
    "statement_key",
    "voice_key",
]

StatementKey = tuple[str, str, str, int, int | None, bool]


def alert_id(new: Claim, conflicting: Iterable[Claim]) -> str:
    """The alert's identity: the new claim and the claims it contradicts.

    The event id (which depends on which report founded the event) does not enter it.
    A redelivered article finds its claims already on the table and raises nothing, so
    the id is emitted once; replaying the same stream gives the same ids.
    """
    return stable_hash("conflict", sorted({new.id, *(c.id for c in conflicting)}))


def statement_key(claim: Claim) -> StatementKey:
    """Who said which figure for what: two articles of one source repeating a figure
    make one statement.
    """
    return (
        source_key(claim), claim.metric, claim.victim_class, claim.min, claim.max,
        claim.approximate,
    )  # fmt: skip


def distinct_statements(claims: Iterable[Claim]) -> list[Claim]:
    """The first claim of each statement (:func:`statement_key`), in the given order."""
    seen: dict[StatementKey, Claim] = {}
    for claim in claims:
        seen.setdefault(statement_key(claim), claim)
    return list(seen.values())


def listed_conflicts(claims: list[Claim], limit: int) -> list[Claim]:
    """What an alert lists: one claim per statement first, then repeats, ``limit`` at most.

    Repeats (another article carrying a statement already listed) show the reader where
    else a figure appeared; the cap keeps an alert on a much-reported event readable.
    """
    first = distinct_statements(claims)
    chosen = {c.id for c in first}
    return (first + [c for c in claims if c.id not in chosen])[:limit]


def conflict_key(a: Claim, b: Claim) -> str:
    """A contradiction between two statements, whichever came first (see statement_key)."""
    return stable_hash("statements", sorted(repr(statement_key(c)) for c in (a, b)))


def block_of_event(event_id: str) -> str:
    """The block (country) an event id was made in: ids are ``<block>-<hash>``."""
    return event_id.rsplit("-", 1)[0]


def voice_key(claim: Claim) -> tuple[str, str, str]:
    """Who counts what: the source, the metric and the victim class of a claim (its
    :func:`statement_key` without the figure). A ministry revising its toll keeps its voice.
    """
    return (source_key(claim), claim.metric, claim.victim_class)


def disagreement_key(a: Claim, b: Claim) -> str:
    """Two voices disagreeing (:func:`voice_key`), whichever claim came first."""
    return stable_hash("voices", sorted(repr(voice_key(c)) for c in (a, b)))


def pair_alert_id(event_id: str, a: Claim, b: Claim) -> str:
    """The id of the alert on the disagreement between the voices of ``a`` and ``b``.

    It depends on the two voices (:func:`voice_key`: source, metric, victim class) and the
    block of the event only: not on which claim arrived first, not on the figures (a running
    toll that still disagrees is the same disagreement), not on the event id (which a merge
    may retire). The block keeps two countries' identical pairs of voices apart.
    """
    return stable_hash("contradiction", block_of_event(event_id), disagreement_key(a, b))


def build_alert(
    event_id: str,
    new: Claim,
    conflicting: list[Claim],
    *,
    identity: str | None = None,
    title: str | None = None,
    place: str | None = None,
    day: str | None = None,
) -> Alert:
    """An alert on ``new`` contradicting ``conflicting``; its id is ``identity`` when given
    (:func:`pair_alert_id`), else a hash of the claims in conflict (:func:`alert_id`).

    ``conflicting`` keeps its order (:func:`listed_conflicts`: one claim per statement
    first), so the summary reads the distinct statements before their repeats. ``title``,
    ``place`` and ``day`` describe the incident.
    """
    ordered = list(conflicting)
    return Alert(
        id=identity or alert_id(new, ordered),
        event=event_id,
        metric=new.metric,
        victim_class=new.victim_class,
        severity=severity(new, ordered),
        new=new.with_event(event_id),
        conflicts_with=tuple(c.with_event(event_id) for c in ordered),
        summary=alert_summary(event_id, new, ordered),
        title=title,
        place=place,
        day=day,
    )
