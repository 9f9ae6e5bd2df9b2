"""What a replay waits for: every copy of every article through the event stage, and
every alert those copies raised read back from the alert topic.

A corpus may carry an article more than once (the seeds and the dev set share two).
Each copy gets its own entry on the progress topic, but only the copy that reached
the event table first raises the article's alerts; the later copies find its claims
there and report none. The progress topic has several partitions and a reader gets
them in no set order, so the later copy's empty entry can be read first. Counting
copies, and taking alerts from every entry, keeps a replay from ending, or from
leaving an alert out of its result, on the strength of that empty entry.

A merge of events is announced by a notice entry (no article, ``merged``: the retired ids)
and completed by one ``absorbed`` entry per retired id, when its claims reached the survivor
(with the alerts they raised there). A replay also waits for those.

Pure bookkeeping: :func:`streams.cli.client.replay` feeds it what it produces and reads.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from streams.core.model import Alert, Claim


@dataclass
class ReplayTally:
    """What a replay produced and what came back (see the module docstring)."""

    copies: Counter[str] = field(default_factory=Counter)  # article id → copies produced
    entries: Counter[str] = field(default_factory=Counter)  # article id → entries read
    complete: int = 0  # articles with an entry read for every copy
    alerts_expected: set[str] = field(default_factory=set)
    alerts_seen: dict[str, Alert] = field(default_factory=dict)
    reported: set[str] = field(default_factory=set)
    # Announced and read, not returned yet. Kept as they come, so a long replay does
    # not intersect every id it has seen on each message it reads.
    ready: list[str] = field(default_factory=list)
    merged: set[str] = field(default_factory=set)  # event ids a merge retired (announced)
    absorbed: set[str] = field(default_factory=set)  # retired ids whose claims arrived

    def produced(self, article_id: str) -> None:
        """Count one copy of ``article_id`` sent."""
        self.copies[article_id] += 1

    def progress(self, entry: Mapping[str, Any]) -> list[Claim] | None:
        """Count a progress entry. Returns the article's claims on its first entry, None
        on a later one (the claims are the same) or for an article not produced here.
        """
        article = entry.get("article")
        if not article:  # a notice of a merge
            self.merged.update(entry.get("merged") or ())
            if entry.get("absorbed"):
                self.absorbed.add(str(entry["absorbed"]))
            self._expect(entry)
            return None
        if not isinstance(article, str) or article not in self.copies:
            return None
        self._expect(entry)
        self.entries[article] += 1
        if self.entries[article] == self.copies[article]:
            self.complete += 1
        if self.entries[article] > 1:
            return None
        return [Claim.from_json(raw) for raw in entry.get("claims") or []]

    def _expect(self, entry: Mapping[str, Any]) -> None:
        for alert_id in entry.get("alerts") or []:
            if alert_id not in self.alerts_expected:
                self.alerts_expected.add(alert_id)
                if alert_id in self.alerts_seen:
                    self.ready.append(alert_id)

    def alert(self, alert: Alert) -> None:
        """Count an alert read from the alert topic."""
        if alert.id not in self.alerts_seen:
            self.alerts_seen[alert.id] = alert
            if alert.id in self.alerts_expected:
                self.ready.append(alert.id)

    def newly_reported(self) -> list[Alert]:
        """Alerts both announced by a progress entry and read, not returned before (by id)."""
        ready, self.ready = sorted(self.ready), []
        self.reported.update(ready)
        return [self.alerts_seen[alert_id] for alert_id in ready]

    @property
    def processed(self) -> int:
        """Articles with at least one entry read."""
        return len(self.entries)

    @property
    def done(self) -> bool:
        """Every copy of every article came through and every alert they raised was read."""
        # every id reported was expected, so equal sizes mean every expected id reported
        return (
            self.complete == len(self.copies)
            and len(self.reported) == len(self.alerts_expected)
            and self.merged <= self.absorbed
        )

    def missing(self) -> set[str]:
        """Articles some copy of which never came through."""
        return {a for a, n in self.copies.items() if self.entries[a] < n}
