from __future__ import annotations

from streams.core.events.signature import Signature, block_key, signature_of
from tests.unit.core.conftest import make_article, make_claim


def sig(text: str, **kw) -> Signature:
    return signature_of(make_article("x", text, **kw), [], 0.0)


def test_places_match_spelling_variants_and_clitics():
    a = sig("قصف طيران التحالف مواقع قرب مطار ديرالزور العسكري في جبل الثرده")
    b = sig("غارات على جبل ثردة بمحيط مطار دير الزور")
    assert "sy.deir_ez_zor.tharda" in a.places and "sy.deir_ez_zor.tharda" in b.places
    assert "sy.deir_ez_zor.airport" in a.places and "sy.deir_ez_zor.airport" in b.places


def test_places_are_most_specific_first_and_give_the_country_block():
    s = sig("تصادم قطارين قرب قرية الصوامعة بمركز طهطا في محافظة سوهاج")
    assert s.places[0] == "eg.tahta.sawamaa"
    assert s.country == "eg" and block_key(s) == "eg"


def test_unknown_place_goes_to_the_unknown_block():
    assert block_key(sig("وقع حادث مروع أمس")) == "xx"


def test_common_words_are_not_places():
    s = sig("ولا تزال العقبة مغلقة حتى إعداد هذا الخبر في البيت الأبيض")
    assert s.places == ()


def test_kind_from_cue_words():
    assert sig("لقي 20 شخصا مصرعهم في حادث انقلاب حافلة").kind == "road_accident"
    assert sig("قتلى في تدافع أثناء توزيع مساعدات بصنعاء").kind == "stampede"
    assert sig("ارتفاع ضحايا الفيضانات في درنة").kind == "flood"


def test_relative_day_before_yesterday_evening():
    s = sig("قصفت طائرات التحالف مواقع مساء أول أمس", published="2016-09-19T10:00:00")
    assert s.day == "2016-09-17"


def test_yesterday_and_today():
    assert sig("قتل 5 أشخاص أمس في حمص", published="2023-10-06").day == "2023-10-05"
    assert sig("قتل 5 أشخاص اليوم في حمص", published="2023-10-06").day == "2023-10-06"


def test_weekday_is_the_most_recent_such_day_on_or_before_publication():
    # 2023-10-07 is a Saturday; "الخميس" is Thursday 2023-10-05
    assert sig("هجوم على الكلية الحربية يوم الخميس", published="2023-10-07").day == "2023-10-05"
    assert sig("هجوم اليوم الخميس", published="2023-10-05").day == "2023-10-05"


def test_idiom_amas_al_haja_is_not_yesterday():
    s = sig("المتطوعون في أمس الحاجة إلى المساعدة", published="2023-09-13")
    assert s.day is None and s.day_window == ("2023-09-08", "2023-09-13")


def test_no_published_no_day_but_url_month_gives_a_window():
    s = sig("قصف على الفاشر يوم السبت", url="https://example.com/2025/08/some-title")
    assert s.day is None
    assert s.day_window == ("2025-08-01", "2025-08-31")
    assert s.weekday == 5


def test_explicit_date_in_text():
    assert sig("أمس الاثنين 27 مارس 2023 انقلبت حافلة", published="2023-03-28").day == "2023-03-27"


def test_signature_round_trips_through_json_and_keeps_figures():
    art = make_article("x", "مقتل 62 جنديا في دير الزور")
    s = signature_of(art, [make_claim(lo=62), make_claim(lo=5, scope="cumulative")], 123.0)
    assert s.figures == (("killed", 62),)
    assert Signature.from_json(s.to_json()) == s
    assert len(s.words) <= 40
