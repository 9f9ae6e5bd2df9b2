from __future__ import annotations

import json

from streams.core.events.signature import Signature, signature_of
from streams.core.events.tracker import (
    OpenEvent,
    TrackerConfig,
    assign,
    events_from_json,
    events_to_json,
)
from tests.unit.core.conftest import make_article

DAY = 86400.0
SEED_000 = (
    "مقتل 62 من جيش النظام في غارات للتحالف على دير الزور. المرصد السوري لحقوق الإنسان، مساء السبت، "
    "أن غارات للتحالف الدولي ضد داعش أصابت موقعاً عسكرياً لجيش النظام السوري في دير الزور. "
    "وكان جيش النظام قد أعلن أن طيران التحالف قصف أحد مواقعه بجبل ثردة بمحيط مطار دير الزور"
)
SEED_004 = (
    "قامت طائرات التحالف الدولي بقصف مواقع لقوات الأسد بالقرب من مطار ديرالزور العسكري مساء أول أمس، "
    "موقعة خسائر فادحة في صفوف هذه القوات. وأفادت وزارة الدفاع الروسية بأن العدد الكلي لمن قتل من قوات "
    "الأسد في موقع جبل الثردة المحاذي لمطار ديرالزور العسكري قد بلغ 60"
)


def sig(aid: str, text: str, t: float = 0.0, **kw) -> Signature:
    return signature_of(make_article(aid, text, **kw), [], t)


def run(
    *sigs: Signature, config: TrackerConfig | None = None
) -> tuple[list[str], tuple[OpenEvent, ...]]:
    events: tuple[OpenEvent, ...] = ()
    ids = []
    for s in sigs:
        eid, events = assign(s, events, config)
        ids.append(eid)
    return ids, events


def test_same_incident_from_two_outlets_in_other_words_merges():
    ids, _ = run(sig("000", SEED_000, source="a"), sig("004", SEED_004, source="b", t=2 * DAY))
    assert ids[0] == ids[1]


def test_same_city_different_days_splits():
    a = sig("a", "قصف مدفعي لقوات الدعم السريع على مدينة الفاشر أمس الجمعة", published="2025-10-04")
    b = sig(
        "b", "قصف مدفعي لقوات الدعم السريع على مدينة الفاشر اليوم السبت", published="2025-08-16"
    )
    ids, _ = run(b, a)
    assert ids[0] != ids[1]


def test_same_number_in_different_places_splits():
    a = sig("a", "مقتل 17 شخصا في قصف مدفعي على مدينة الفاشر")
    b = sig("b", "مقتل 17 شخصا في قصف مدفعي على مدينة نيالا")
    ids, _ = run(a, b)
    assert ids[0] != ids[1]


def test_clashes_between_other_sides_in_the_same_city_split():
    a = sig("a", "اشتباكات مسلحة في طرابلس بين جهاز الردع واللواء 444 قتال أودت بحياة 27 شخصا")
    b = sig(
        "b",
        "اشتباكات مسلحة جنوب العاصمة طرابلس بين قوة حماية المدينة واللواء السابع أودت بحياة 5 أشخاص",
    )
    ids, _ = run(a, b)
    assert ids[0] != ids[1]


def test_reassigning_an_article_returns_the_same_id_and_changes_nothing():
    s = sig("000", SEED_000)
    ids, events = run(s, sig("004", SEED_004, t=DAY))
    again, after = assign(s, events, TrackerConfig())
    assert again == ids[0] and after == events


def test_event_id_is_derived_from_the_founding_article():
    first, _ = run(sig("000", SEED_000))
    second, _ = run(sig("000", SEED_000, t=999.0))
    assert first == second and first[0].startswith("sy-")


def test_event_closes_after_the_quiet_period_in_article_time():
    config = TrackerConfig(quiet_hours=72)
    ids, events = run(
        sig("000", SEED_000, t=0.0), sig("x", "حريق في مدينة حلب", t=4 * DAY), config=config
    )
    assert all(e.id != ids[0] for e in events)
    late, _ = assign(sig("004", SEED_004, t=4 * DAY), events, config)
    assert late != ids[0]


def test_open_events_per_block_are_capped_and_the_stalest_evicted():
    config = TrackerConfig(max_open=3, quiet_hours=10_000)
    cities = ["حلب", "حمص", "دمشق", "اللاذقية", "طرطوس"]
    ids, events = run(
        *(sig(f"a{i}", f"انفجار في مدينة {c}", t=i * 60.0) for i, c in enumerate(cities)),
        config=config,
    )
    assert len(events) == 3
    assert {e.id for e in events} == set(ids[-3:])


def test_open_events_round_trip_through_json():
    _, events = run(sig("000", SEED_000), sig("004", SEED_004, t=DAY))
    assert events_from_json(json.loads(json.dumps(events_to_json(events)))) == events


def test_two_reports_of_the_same_city_and_kind_with_nothing_else_in_common_split():
    a = sig("a", "مقتل 4 أشخاص في حادث انقلاب حافلة ركاب على طريق مطار الرياض ظهر اليوم")
    b = sig("b", "وفاة 3 طلاب إثر اصطدام شاحنة بسيارة مدرسية أمام مجمع تعليمي في الرياض")
    ids, _ = run(a, b)
    assert ids[0] != ids[1]


def test_a_flood_in_one_city_merges_on_place_and_kind_alone():
    a = sig("a", "ارتفاع حصيلة ضحايا الفيضانات في مدينة درنة إلى 5300")
    b = sig("b", "الأمم المتحدة: أكثر من 11 ألف وفاة جراء السيول في درنة")
    ids, _ = run(a, b)
    assert ids[0] == ids[1]


def test_named_weekdays_two_days_apart_split():
    a = sig("a", "قصف مدفعي على مدينة الفاشر مساء الأربعاء أدى إلى مقتل 10")
    b = sig("b", "قصف مدفعي على مدينة الفاشر صباح الجمعة أدى إلى مقتل 10")
    ids, _ = run(a, b)
    assert ids[0] != ids[1]


def test_undated_articles_do_not_move_the_clock_of_an_archive_replay():
    now = 1_800_000_000.0  # wall clock, years after the articles were published
    dated = sig(
        "a", "ارتفاع حصيلة ضحايا الفيضانات في مدينة درنة", t=1_694_500_000.0, published="2023-09-12"
    )
    undated = sig("b", "الفيضانات في درنة: آلاف المفقودين", t=now)
    late = sig(
        "c", "حصيلة ضحايا فيضانات درنة تتجاوز 5 آلاف", t=1_694_600_000.0, published="2023-09-13"
    )
    ids, _ = run(dated, undated, late)
    assert ids[0] == ids[1] == ids[2]


def test_different_governorates_split():
    a = sig("a", "غارات جوية على ريف إدلب الجنوبي تقتل 12 مدنيا")
    b = sig("b", "غارات جوية على ريف حمص الشمالي تقتل 12 مدنيا")
    ids, _ = run(a, b)
    assert ids[0] != ids[1]


HOMS_A = "هجوم بطائرات مسيرة على حفل تخريج في الكلية الحربية بمدينة حمص يخلف عشرات القتلى والجرحى"
HOMS_C = "ارتفاع عدد قتلى الهجوم بالطائرات المسيرة على حفل تخريج الكلية الحربية في حمص إلى 89"
ALEPPO_B = "مقتل خمسة أشخاص في قصف مدفعي على حي في مدينة حلب"


def test_a_replayed_archive_keeps_an_incident_open_for_its_undated_reports():
    """Years of dated reporting arriving within minutes must not close an incident early."""
    config = TrackerConfig(quiet_hours=72)
    ids, _ = run(
        sig("a", HOMS_A, t=1000.0, published="2023-10-05"),
        sig("b", ALEPPO_B, t=1001.0, published="2025-01-01"),
        sig("c", HOMS_C, t=1002.0),
        config=config,
    )
    assert ids[2] == ids[0] != ids[1]


def test_an_incident_quiet_in_both_clocks_closes():
    config = TrackerConfig(quiet_hours=72)
    ids, _ = run(
        sig("a", HOMS_A, t=1000.0, published="2023-10-05"),
        sig("b", ALEPPO_B, t=1000.0 + 4 * DAY, published="2025-01-01"),
        sig("c", HOMS_C, t=1000.0 + 4 * DAY),
        config=config,
    )
    assert ids[2] != ids[0]


def test_a_long_replay_keeps_only_the_most_recent_quiet_events_open():
    """Quiet in article time, not in arrival time: only ``max_quiet_open`` stay open."""
    config = TrackerConfig(quiet_hours=72, max_quiet_open=2)
    towns = ["حمص", "حلب", "إدلب", "حماة", "درعا"]
    sigs = [
        sig(
            f"a{i}",
            f"مقتل {10 + i} أشخاص في قصف مدفعي على مدينة {town}",
            t=1000.0 + i,
            published=f"2024-0{i + 1}-10",
        )
        for i, town in enumerate(towns)
    ]
    ids, events = run(*sigs, config=config)
    # the newest is not quiet in article time; the two before it are the quiet ones kept
    assert {e.id for e in events} == set(ids[-3:])
