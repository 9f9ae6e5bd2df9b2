"""The tracker: events are connected components of same_incident; merges retire ids."""

from __future__ import annotations

import itertools
import json

from streams.core.events.signature import Signature
from streams.core.events.tracker import (
    Block,
    Member,
    TrackerConfig,
    event_id_of,
    resolve_all,
)

from .helpers import sig

DAY = 86400.0
# three reports of one incident: A and C share little (not one incident on their own), B
# shares the place, the wedding and the day with A and the figures and the hospital with C
A = "مقتل 8 مدنيين بغارة طائرة مسيرة على حفل زفاف في مديرية صرواح غربي محافظة مأرب مساء الجمعة"
B = (
    "ارتفع إلى 11 عدد قتلى الغارة بطائرة مسيرة على حفل الزفاف في صرواح بمحافظة مأرب مساء الجمعة، "
    "ووصل 40 جريحا إلى مستشفى مأرب العام"
)
C = (
    "وصل 40 جريحا إلى مستشفى مأرب العام بعد غارة بطائرة مسيرة في محافظة مأرب، وقالت السلطة "
    "المحلية إن القتلى 11"
)
OTHER = "مقتل 4 أشخاص في انقلاب حافلة على طريق سيئون تريم يوم الأحد"


def run(*sigs: Signature, config: TrackerConfig | None = None, block: Block | None = None):
    block = block or Block("ye")
    members: dict[str, Member] = {}
    events: list[str] = []
    merges = []
    for s in sigs:
        res, [event] = resolve_all(block, members, [s], config or TrackerConfig())
        block = res.block
        for aid in res.evicted:
            members.pop(aid, None)
        events.append(event)
        merges += res.merges
    return events, block, members, merges


def final(events: list[str], block: Block) -> list[str]:
    return [block.event_of(e) for e in events]


def reports() -> list[Signature]:
    return [sig("a", A), sig("b", B, figure=11), sig("c", C, figure=11)]


def test_reports_of_one_incident_form_one_event():
    events, block, _, _ = run(*reports())
    assert len(set(final(events, block))) == 1


def test_an_unrelated_report_founds_its_own_event():
    events, block, _, _ = run(sig("a", A), sig("o", OTHER))
    assert len(set(final(events, block))) == 2


def test_the_event_id_is_the_founders_whatever_the_arrival_order():
    sigs = reports()
    ids = set()
    for order in itertools.permutations(sigs):
        events, block, _, _ = run(*order)
        ids |= set(final(events, block))
    assert ids == {event_id_of("ye", "a")}  # undated: the smallest article id founds it


def test_a_dated_report_founds_the_event_before_undated_ones():
    events, block, _, _ = run(sig("a", A), sig("z", B, published="2023-03-10T12:00:00Z"))
    assert set(final(events, block)) == {event_id_of("ye", "z")}


def test_a_report_linking_two_events_merges_them_and_retires_one_id():
    a, b, c = reports()
    events, block, _, merges = run(a, c, b)
    assert events == [event_id_of("ye", "a"), event_id_of("ye", "c"), event_id_of("ye", "a")]
    assert [(m.survivor, m.retired, m.cause) for m in merges] == [
        (event_id_of("ye", "a"), (event_id_of("ye", "c"),), "b")
    ]
    assert block.aliases == {event_id_of("ye", "c"): event_id_of("ye", "a")}


def test_a_redelivered_report_keeps_its_event_and_changes_nothing():
    a, b, _ = reports()
    events, block, members, _ = run(a, b)
    res, again = resolve_all(block, dict(members), [b], TrackerConfig())
    assert again == [events[1]] and res.block == block and not res.added


def test_chains_of_merges_resolve_to_the_live_event():
    # a merge retiring ye-mid re-points every alias that answered to it
    members = {
        "m": Member(sig("m", A), "ye-mid", 0, 1.0),
        "x": Member(sig("x", A), "ye-x", 1, 0.5),
    }
    block = Block(
        "ye",
        seq=2,
        members={"m": (1.0, 0), "x": (0.5, 1)},
        aliases={"ye-old": "ye-mid"},
        founders={"ye-mid": (1.0, "m"), "ye-x": (0.5, "x")},
    )
    res, [event] = resolve_all(block, members, [sig("y", B)], TrackerConfig())
    assert event == "ye-x"
    assert res.block.aliases == {"ye-old": "ye-x", "ye-mid": "ye-x"}


def test_members_beyond_retention_are_evicted_and_their_events_closed():
    config = TrackerConfig(quiet_hours=72, keep_recent=1)
    old = sig("a", A, published="2023-03-10T12:00:00Z")
    new = sig("o", OTHER, published="2023-04-10T12:00:00Z")
    block = Block("ye")
    members: dict[str, Member] = {}
    res1, _ = resolve_all(block, members, [old], config)
    res2, _ = resolve_all(res1.block, members, [new], config)
    assert res2.evicted == ["a"] and res2.closed == [event_id_of("ye", "a")]
    assert set(res2.block.members) == {"o"}


def test_recent_arrivals_are_kept_whatever_their_time():
    config = TrackerConfig(quiet_hours=72, keep_recent=10)
    old = sig("a", A, published="2016-03-10T12:00:00Z")
    new = sig("o", OTHER, published="2023-04-10T12:00:00Z")
    events, block, _, _ = run(old, new, config=config)
    assert set(block.members) == {"a", "o"}


def test_undated_reports_do_not_move_the_clock_of_an_archive_replay():
    dated = sig("a", A, t=1_678_449_600.0, published="2023-03-10T12:00:00Z")
    undated = sig("b", B, t=1_800_000_000.0)  # arrives years later on the wall clock
    events, block, _, _ = run(dated, undated, config=TrackerConfig(keep_recent=0))
    assert block.clock == dated.received_at and len(set(final(events, block))) == 1


def test_the_block_header_and_members_round_trip_through_json():
    events, block, members, _ = run(*reports())
    assert Block.from_json(json.loads(json.dumps(block.to_json()))) == block
    for member in members.values():
        assert Member.from_json(json.loads(json.dumps(member.to_json()))) == member
