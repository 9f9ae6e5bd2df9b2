"""Silences: matching an alert by event id or by any of its sources, for a time."""

from __future__ import annotations

import pytest

from streams.sinks.silences import (
    Silence,
    SilenceError,
    active_silences,
    apply_message,
    is_silenced,
    new_silence,
    parse_duration,
    removal_message,
)
from tests.unit.sinks.conftest import make_alert

NOW = 1_800_000_000.0


def silence(matcher: str, kind: str = "any", start: float = NOW - 10, end: float = NOW + 3600):
    return Silence("s1", matcher, kind, start, end)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("4h", 14400), ("30m", 1800), ("1h30m", 5400), ("2d", 172800), ("45s", 45), ("90", 90)],
)
def test_parse_duration(text, seconds):
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "4x", "h", "0m", "4h banana"])
def test_parse_duration_refuses_nonsense(text):
    with pytest.raises(SilenceError):
        parse_duration(text)


def test_an_event_silence_mutes_alerts_of_that_event_only():
    assert is_silenced(make_alert(event="sy-1"), [silence("sy-1", "event")], NOW)
    assert not is_silenced(make_alert(event="sy-2"), [silence("sy-1", "event")], NOW)


def test_a_source_silence_matches_the_new_claims_attribution():
    assert is_silenced(make_alert(), [silence("مصدر في مطار دير الزور", "source")], NOW)


def test_a_source_silence_matches_the_outlet_of_a_conflicting_claim():
    assert is_silenced(make_alert(conflicts=3), [silence("outlet2.example", "source")], NOW)
    assert is_silenced(make_alert(), [silence("https://www.Outlet0.example/", "source")], NOW)


def test_source_matching_ignores_diacritics_tatweel_and_spacing():
    assert is_silenced(make_alert(), [silence("  مَصدر في مطـار  دير الزور ", "source")], NOW)


def test_source_matching_folds_letter_forms_as_the_text_layer_does():
    # alef with hamza, teh marbuta written as heh: the same name as the claims' normalizer reads it
    assert is_silenced(make_alert(), [silence("مصدر في مطار دير الزور", "source")], NOW)
    assert is_silenced(make_alert(), [silence("مصدر في مطار ديْر الزّور", "source")], NOW)
    assert is_silenced(make_alert(), [silence("مَصدر فى مطار دير الزور", "source")], NOW)


def test_a_source_silence_does_not_match_an_unrelated_source_or_the_event_id():
    assert not is_silenced(make_alert(), [silence("وزارة الدفاع الروسية", "source")], NOW)
    assert not is_silenced(make_alert(event="sy-1"), [silence("sy-1", "source")], NOW)


def test_kind_any_matches_event_or_source():
    assert is_silenced(make_alert(event="sy-1"), [silence("sy-1")], NOW)
    assert is_silenced(make_alert(), [silence("sohr.example")], NOW)


def test_a_silence_works_only_between_its_start_and_end():
    assert not is_silenced(make_alert(), [silence("sy-1", end=NOW)], NOW)
    assert not is_silenced(make_alert(), [silence("sy-1", start=NOW + 1)], NOW)
    assert not is_silenced(make_alert(), [], NOW)


def test_messages_fold_into_the_current_silences_and_removal_wins():
    s = new_silence("sy-1", 3600, NOW, kind="event", created_by="ops", comment="known")
    state = apply_message({}, s.to_message())
    assert state == {s.id: s}
    assert Silence.from_message(s.to_message()) == s
    state = apply_message(state, removal_message(s.id, NOW + 5))
    assert state == {}


def test_a_malformed_message_leaves_the_silences_as_they_were():
    s = new_silence("sy-1", 3600, NOW)
    state = apply_message({}, s.to_message())
    assert apply_message(state, {"type": "silence", "matcher": "x"}) == state
    assert apply_message(state, {"id": "z", "starts_at": "yesterday"}) == state


def test_active_silences_drops_expired_ones():
    live, old = new_silence("a", 60, NOW), new_silence("b", 60, NOW - 120)
    assert active_silences([live, old], NOW) == [live]


def test_new_silence_refuses_an_unknown_kind_or_empty_target():
    with pytest.raises(SilenceError):
        new_silence("x", 60, NOW, kind="outlet")
    with pytest.raises(SilenceError):
        new_silence("  ", 60, NOW)
