"""A figure its own sentence dates to an earlier time is another incident's: kept, never compared."""

from __future__ import annotations

from dataclasses import replace

import pytest

from streams.core.conflicts import contradicts, is_update
from streams.core.events.background import (
    quote_dated_earlier,
    quote_superseded,
    with_dated_quotes,
)
from streams.core.model import Article
from streams.core.pipeline import extract_by_language
from tests.unit.core.conftest import make_claim

NOW = "2023-09-12T08:00:00Z"


@pytest.mark.parametrize(
    ("quote", "lang"),
    [
        ("In March 2019, a similar attack on the same market killed 41 people.", "en"),
        ("In 2016, floods killed 300 people in the valley.", "en"),
        ("وفي تشرين الأول 2019 قتل 41 شخصا في هجوم مماثل على السوق نفسه.", "ar"),
        ("وكانت فيضانات عام 2016 قد أودت بحياة 300 شخص في الوادي.", "ar"),
        # a month without its year: the latest one up to publication (September here)
        ("In February, an earlier raid killed four fishermen.", "en"),
        ("وفي شباط الماضي قتل أربعة صيادين في غارة سابقة.", "ar"),
    ],
)
def test_a_figure_dated_years_before_publication_is_dated_earlier(quote: str, lang: str):
    assert quote_dated_earlier(quote, NOW, lang)


@pytest.mark.parametrize(
    ("quote", "lang", "published"),
    [
        ("The attack on Monday killed 41 people.", "en", NOW),
        ("قتل 41 شخصا في الهجوم أمس.", "ar", NOW),
        ("41 people were killed on 30 December 2022.", "en", "2023-01-03T08:00:00Z"),
        ("قتل 41 شخصا في 30 كانون الأول 2022.", "ar", "2023-01-03T08:00:00Z"),
        ("The war has killed 500,000 people since 2011.", "en", NOW),
        ("In August, 41 people were killed in the raid.", "en", NOW),
        ("Since January, 41 people have been killed in such raids.", "en", NOW),
        ("41 people may have been killed in the raid, medics said.", "en", NOW),
        ("وقتل أكثر من 500 ألف شخص منذ عام 2011.", "ar", NOW),
        ("In March 2019 the market was hit; on Monday 41 were killed there.", "en", NOW),
        ("A similar attack killed 41 people in March 2019.", "en", None),
        # a figure that looks like a year is a figure
        ("أعلن المتحدث أسر أكثر من 2000 من الجنود خلال العملية.", "ar", NOW),
        ("The offensive displaced more than 2000 families, officials said.", "en", NOW),
    ],
)
def test_a_recent_day_a_period_up_to_now_or_no_publication_date_is_not(
    quote: str, lang: str, published: str | None
):
    assert not quote_dated_earlier(quote, published, lang)


def test_a_clause_is_dated_by_the_opening_words_of_its_sentence():
    text = (
        "Clashes resumed in the city on Monday. In March 2019, fighting between the same "
        "groups broke out near the airport, killing 41 people."
    )
    clause = make_claim(lo=41, quote="killing 41 people.")
    [widened] = with_dated_quotes(text, [clause], NOW, "en")
    assert widened.quote.startswith("In March 2019, fighting") and widened.quote.endswith(
        clause.quote
    )
    today = make_claim(lo=9, quote="Clashes resumed in the city on Monday.")
    assert with_dated_quotes(text, [today], NOW, "en") == [today]


def test_a_dated_earlier_figure_neither_contradicts_nor_updates_this_incidents():
    current = replace(make_claim(lo=12, attributed_to="وزارة الصحة"), published=NOW, lang="ar")
    other = make_claim(lo=41, attributed_to="الدفاع المدني", article="art-2")
    earlier = replace(other, quote="وفي آذار 2019 قتل 41 شخصا في هجوم مماثل", published=NOW)
    assert contradicts(current, replace(other, published=NOW), 0.1)
    assert not contradicts(current, earlier, 0.1) and not contradicts(earlier, current, 0.1)
    same_source_earlier = replace(earlier, attributed_to="وزارة الصحة")
    assert not is_update(current, same_source_earlier)


def test_the_extractor_quotes_a_background_toll_with_its_date():
    article = Article(
        id="bg",
        lang="en",
        published=NOW,
        text="Two people were killed in clashes in the city on Monday, medics said. "
        "In March 2019, similar clashes between the same groups killed 41 people.",
    )
    tolls = {c.min: c for c in extract_by_language(article)}
    assert quote_dated_earlier(tolls[41].quote, NOW, "en")
    assert not quote_dated_earlier(tolls[2].quote, NOW, "en")


@pytest.mark.parametrize(
    ("quote", "lang"),
    [
        ("Before the truce, the previous toll stood at 19 dead and 40 wounded.", "en"),
        ("The interior ministry had earlier reported 19 dead.", "en"),
        ("Previously, rescuers had counted 19 bodies.", "en"),
        ("وكانت حصيلة سابقة قد أشارت إلى مقتل 19 شخصا وإصابة 40.", "ar"),
        ("وكان الدفاع المدني قد أعلن في وقت سابق انتشال 19 جثة.", "ar"),
    ],
)
def test_a_toll_its_sentence_calls_a_previous_one_is_superseded(quote: str, lang: str):
    assert quote_superseded(quote, lang)


@pytest.mark.parametrize(
    ("quote", "lang"),
    [
        ("The toll rose to 31, up from an earlier toll of 19.", "en"),
        ("Medics said 31 people were killed; the previous toll was lower.", "en"),
        ("ارتفعت الحصيلة إلى 31 قتيلا بعد حصيلة سابقة بلغت 19.", "ar"),
        ("قتل 31 شخصا في القصف، بحسب الدفاع المدني.", "ar"),
    ],
)
def test_a_sentence_that_gives_the_new_toll_is_not_superseded(quote: str, lang: str):
    assert not quote_superseded(quote, lang)


def test_a_superseded_toll_of_another_source_raises_no_alert():
    now = make_claim(lo=31, attributed_to="وزارة الصحة")
    before = make_claim(
        lo=19,
        attributed_to="مصادر طبية",
        article="art-2",
        quote="وكانت مصادر طبية قد أفادت في وقت سابق بمقتل 19 شخصا",
    )
    assert not contradicts(now, before, 0.1)
    assert contradicts(now, replace(before, quote="أفادت مصادر طبية بمقتل 19 شخصا"), 0.1)
