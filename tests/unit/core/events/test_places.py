"""Where the incident happened, not every place an article names."""

from __future__ import annotations

from streams.core.events.signature import block_key
from streams.core.text.geo import gazetteer

from .helpers import sig


def test_a_statement_from_washington_does_not_move_the_incident():
    s = sig(
        "a",
        "قتل 12 مدنيا في غارة جوية على بلدة سرمدا بريف إدلب. وقال متحدث باسم الخارجية الأمريكية "
        "في واشنطن إن الولايات المتحدة تتابع التقارير، ودعت الأمم المتحدة في جنيف إلى التحقيق",
    )
    assert s.country == "sy" and block_key(s) == "sy"
    assert all(gazetteer().country(p) == "sy" for p in s.places)


def test_a_neighbouring_countrys_rescue_teams_do_not_move_the_incident():
    s = sig(
        "a",
        "ارتفع عدد ضحايا الزلزال في مدينة حلب إلى 400، ووصلت فرق إنقاذ من لبنان والأردن والعراق "
        "إلى المدينة لمساعدة الدفاع المدني السوري",
    )
    assert s.country == "sy"


def test_a_channel_named_after_a_city_is_not_a_place_of_the_incident():
    s = sig(
        "a",
        "أفادت قناة القاهرة الإخبارية بمقتل 20 فلسطينيا في غارة على مدرسة في مدينة غزة",
    )
    assert s.country == "ps"


def test_the_seat_of_a_monitor_is_not_a_place_of_the_incident():
    s = sig("a", "قال المرصد السوري لحقوق الإنسان ومقره لندن إن 9 مدنيين قتلوا بقصف على مدينة إدلب")
    assert s.country == "sy" and "gb" not in {gazetteer().country(p) for p in s.places}


def test_village_district_and_governorate_resolve_to_one_hierarchy():
    s = sig("a", "تصادم قطارين قرب قرية الصوامعة بمركز طهطا في محافظة سوهاج")
    gaz = gazetteer()
    village, *others = s.main_places
    assert village == "eg.tahta.sawamaa"
    assert all(p in gaz.ancestors(village) for p in others)


def test_a_quarter_named_like_a_town_of_another_country_is_read_in_its_city():
    s = sig("a", "قتل 4 أطفال في قصف على حي القبة في مدينة الأبيض مساء الخميس")
    assert s.country == "sd"


def test_a_hospital_the_wounded_were_taken_to_is_not_the_incidents_place():
    s = sig("a", "قتل 5 أشخاص في قصف على حي الروضة في تعز ونقل الجرحى إلى مستشفى الثورة")
    assert all("sanaa" not in p for p in s.main_places)


def test_a_place_said_to_be_near_the_incident_is_marked_near():
    s = sig("a", "غرق قارب مهاجرين غرب طرابلس ومصرع 15")
    assert s.main_places and set(s.near) == set(s.main_places)


def test_west_of_a_city_is_near_it_and_the_north_of_a_country_is_in_it():
    s = sig("a", "قتل 6 مدنيين في غارة على بلدة الأتارب غربي حلب شمالي سوريا")
    assert s.country == "sy" and "sy.aleppo" in s.near and "sy.aleppo.atarib" not in s.near
