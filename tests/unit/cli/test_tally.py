"""A replay waits for every copy of every article, and for every alert any copy raised."""

from __future__ import annotations

from streams.cli.tally import ReplayTally
from streams.core.model import Alert
from tests.unit.sinks.conftest import claim

CLAIMS = [claim(62, None), claim(80, "مصدر")]
ALERT = Alert("abc123", "sy-1", "killed", "security_forces", "medium", CLAIMS[1], (CLAIMS[0],), "")


def _entry(article: str, alerts: list[str]) -> dict:
    return {"article": article, "claims": [c.to_json() for c in CLAIMS], "alerts": alerts}


def test_the_alert_of_a_repeated_article_is_awaited_when_its_later_copy_is_read_first():
    tally = ReplayTally()
    tally.produced("a1")
    tally.produced("a1")
    # the second copy found the claims on the table and raised nothing; its entry
    # comes first from another progress partition
    assert tally.progress(_entry("a1", [])) == CLAIMS
    assert not tally.done
    assert tally.progress(_entry("a1", ["abc123"])) is None  # the claims are taken once
    assert not tally.done  # the alert is announced, not read yet
    tally.alert(ALERT)
    assert tally.newly_reported() == [ALERT]
    assert tally.done
    assert tally.missing() == set()


def test_a_replay_is_not_done_before_every_copy_came_through():
    tally = ReplayTally()
    tally.produced("a1")
    tally.produced("a1")
    tally.produced("b2")
    tally.progress(_entry("a1", []))
    tally.progress(_entry("b2", []))
    assert not tally.done
    assert tally.processed == 2
    assert tally.missing() == {"a1"}


def test_a_redelivered_entry_beyond_the_copies_changes_nothing():
    tally = ReplayTally()
    tally.produced("a1")
    tally.progress(_entry("a1", []))
    assert tally.done
    assert tally.progress(_entry("a1", [])) is None
    assert tally.done
    assert tally.complete == 1


def test_entries_of_articles_produced_elsewhere_are_ignored():
    tally = ReplayTally()
    tally.produced("a1")
    assert tally.progress(_entry("other", ["abc123"])) is None
    assert tally.progress({"claims": []}) is None
    assert tally.alerts_expected == set()
    assert tally.missing() == {"a1"}


def test_an_alert_read_before_its_entry_is_reported_once_the_entry_announces_it():
    tally = ReplayTally()
    tally.produced("a1")
    tally.alert(ALERT)
    assert tally.newly_reported() == []  # not one of ours until an entry names it
    tally.progress(_entry("a1", ["abc123"]))
    assert tally.newly_reported() == [ALERT]
    assert tally.newly_reported() == []
    assert tally.done
