"""The incident's time read from the text: days, weekdays, datelines, Hijri dates."""

from __future__ import annotations

from datetime import UTC, date, datetime

from streams.core.events.dates import incident_day


def when(text: str, published: str | None = None, url: str | None = None, body: str = ""):
    ref = datetime.fromisoformat(published).replace(tzinfo=UTC) if published else None
    return incident_day(text, ref, url, body)


def test_relative_days_resolve_against_publication():
    assert when("قتل 5 أشخاص أمس في حمص", "2023-10-06").day == date(2023, 10, 5)
    assert when("قصف مساء أول أمس على مواقع للجيش", "2016-09-19").day == date(2016, 9, 17)
    assert when("انفجار فجر اليوم في السوق", "2023-10-06").day == date(2023, 10, 6)


def test_a_weekday_is_the_most_recent_such_day_on_or_before_publication():
    # 2023-10-07 is a Saturday; Thursday is 2023-10-05
    w = when("هجوم على الكلية الحربية يوم الخميس", "2023-10-07")
    assert w.day == date(2023, 10, 5) and w.weekday == 3


def test_without_publication_a_weekday_stays_a_weekday():
    w = when("قصف على الفاشر مساء الأربعاء")
    assert w.day is None and w.weekday == 2


def test_dates_in_each_month_family_and_numeric_dates():
    assert when("غارة في 15 كانون الثاني 2020").day == date(2020, 1, 15)
    assert when("غارة في 15 يناير 2020").day == date(2020, 1, 15)
    assert when("غارة في 15 جانفي 2020").day == date(2020, 1, 15)
    assert when("وقعت الغارة في 15/01/2020 على المدينة").day == date(2020, 1, 15)


def test_a_date_without_a_year_keeps_its_month_and_day():
    w = when("قصف على السوق في 3 آذار")
    assert w.day is None and w.days == ("--03-03",)


def test_a_hijri_date_is_read_on_the_umm_al_qura_calendar():
    assert when("تدافع في صنعاء مساء 28 رمضان 1444 هـ").day == date(2023, 4, 19)


def test_a_dateline_is_the_pages_date_not_the_incidents():
    text = "نشر بتاريخ 14 أغسطس 2024 - قالت المسؤولة إن الهجوم على المدرسة وقع في 10 أغسطس"
    w = when(text)
    assert w.day == date(2024, 8, 10)


def test_a_day_someone_spoke_weighs_less_than_the_incidents_day():
    text = (
        "قصف على المدرسة فجر السبت أوقع 90 قتيلا. وقالت المتحدثة في كلمتها الثلاثاء إن الهجوم مروع"
    )
    assert when(text).weekday == 5


def test_two_days_named_as_strongly_leave_the_day_open():
    w = when("قصفت مدرستان في 8 أغسطس 2024 ومدرسة في 10 أغسطس 2024")
    assert w.day is None and set(w.days) == {"2024-08-08", "2024-08-10"}


def test_since_opens_a_period_and_is_no_day():
    assert when("قتل 30 ألفا منذ 7 أكتوبر 2023 في الحرب").days == ()


def test_a_published_report_without_day_words_is_about_the_days_before():
    w = when("قتل 5 أشخاص في قصف", "2023-10-06")
    assert w.day is None and w.window == (date(2023, 10, 1), date(2023, 10, 6))


def test_a_month_in_the_url_gives_a_window():
    w = when("قصف على الفاشر", url="https://example.com/2025/08/some-title")
    assert w.window == (date(2025, 8, 1), date(2025, 8, 31))


def test_a_day_in_ordinal_words_before_a_month_is_a_date():
    assert when("انفجار في السوق يوم الثاني عشر من أيار").days == ("--05-12",)
    assert when("قصف على الحي في الخامس والعشرين من شهر تشرين الأول").days == ("--10-25",)
    assert when("غارة على القرية في الأول من آب 2021").day == date(2021, 8, 1)


def test_an_ordinal_word_with_no_month_after_it_is_no_date():
    assert when("قتل الطفل الثالث في العائلة").days == ()


def test_levantine_month_names_are_read_with_or_without_the_article():
    assert when("غارة في 9 تشرين ثاني").days == ("--11-09",)
    assert when("غارة في 9 تشرين الثاني").days == ("--11-09",)
    assert when("قصف في 2 كانون أول").days == ("--12-02",)


def test_a_part_of_a_month_is_a_stretch_of_the_year():
    assert when("انفجار سيارة في المدينة أواخر شباط").month_span == ("--02-21", "--02-29")
    assert when("قصف على البلدة في مطلع شهر أيلول").month_span == ("--09-01", "--09-10")
    assert when("غارة على الحي منتصف تموز").month_span == ("--07-11", "--07-20")


def test_a_bare_month_name_names_a_month_only_beside_a_cue_word():
    assert when("هجوم على الحاجز في نيسان الماضي").month_span == ("--04-01", "--04-30")
    assert when("هجوم على الحاجز خلال حزيران").month_span == ("--06-01", "--06-30")
    assert when("قال إن الجيش مارس ضغوطا على السكان").month_span is None


def test_a_day_gives_the_stretch_of_the_year_too():
    assert when("قصف على السوق يوم السابع عشر من نيسان").month_span == ("--04-17", "--04-17")
    assert when("قتل 5 أشخاص أمس في حمص", "2023-10-06").month_span == ("--10-05", "--10-05")


def test_a_part_of_a_month_with_a_year_is_a_window():
    w = when("غارة على القرية في أواخر كانون الثاني 2022")
    assert w.window == (date(2022, 1, 21), date(2022, 1, 31))


def test_with_a_reference_day_a_month_is_its_most_recent_stretch():
    w = when("انفجار سيارة في المدينة أواخر تشرين الثاني", "2024-03-10")
    assert w.day is None and w.window == (date(2023, 11, 21), date(2023, 11, 30))
    assert when("غارة على الحي منتصف آذار", "2024-03-28").window == (
        date(2024, 3, 11),
        date(2024, 3, 20),
    )


def test_a_month_relative_to_publication_needs_the_publication():
    w = when("غارة على الحي مطلع الشهر الجاري", "2024-03-28")
    assert w.window == (date(2024, 3, 1), date(2024, 3, 10))
    assert when("غارة على الحي الشهر الماضي", "2024-01-15").window == (
        date(2023, 12, 1),
        date(2023, 12, 31),
    )
    assert when("غارة على الحي مطلع الشهر الجاري").window is None


def test_a_month_far_from_the_lead_and_the_incident_is_not_the_incidents():
    body = "وقال سكان إن المدارس علقت الدروس بعد أن شهدت المدينة احتفالات كبيرة في آذار الماضي"
    w = when("انفجار سيارة مفخخة في المدينة", "2024-06-10", body=body)
    assert w.month_span is None and w.window == (date(2024, 6, 5), date(2024, 6, 10))


def test_a_month_name_inside_another_word_is_no_month():
    assert when("إطلاق نار في باب التبانة").month_span is None


def test_a_month_a_few_words_after_since_starts_a_period():
    text = "قتل 3 في قصف على الحي. وقال إن القتلى منذ بدء المعارك في منتصف نيسان بلغوا 600"
    assert when(text, "2024-09-18").month_span is None


def test_a_hijri_month_without_a_day_needs_the_word_month_before_it():
    assert when("قتل 3 في قصف على الحي في رمضان", "2023-04-10").how == "published"
    assert when("قتل 3 في قصف على الحي في شهر رمضان", "2023-04-10").how == "month"
