"""An English report joins the Arabic reports of its incident, and not a look-alike."""

from __future__ import annotations

from streams.core.events.relation import same_incident
from streams.core.events.signature import signature_of
from streams.core.model import Article

T0 = 1_700_000_000.0
ARABIC = Article(
    id="ar",
    published="2024-03-08T09:00:00Z",
    text="قتل 9 مدنيين في غارة بطائرة مسيرة استهدفت حفل زفاف في محافظة مأرب مساء الخميس.",
)
ENGLISH = Article(
    id="en",
    lang="en",
    published="2024-03-08T11:00:00Z",
    text="SANAA (AFP) - A drone strike hit a wedding party in Yemen's Marib province on "
    "Thursday evening, killing 12 civilians, a local official said.",
)
LOOKALIKE = Article(
    id="en-later",
    lang="en",
    published="2024-05-21T09:00:00Z",
    text="A drone strike on a car in Yemen's Marib province killed three people on Monday.",
)


def sig(article: Article):
    return signature_of(article, [], T0)


def test_an_english_report_names_places_by_the_gazetteers_english_names():
    assert sig(ENGLISH).country == "ye" and sig(ENGLISH).main_places == sig(ARABIC).main_places


def test_a_dateline_is_not_a_place_of_the_incident():
    assert not any("sanaa" in p for p in sig(ENGLISH).places)


def test_an_english_kind_is_the_arabic_kind():
    assert "drone_strike" in set(sig(ENGLISH).kinds) & set(sig(ARABIC).kinds)


def test_an_english_weekday_pins_the_same_day_as_the_arabic_one():
    assert sig(ENGLISH).day == sig(ARABIC).day == "2024-03-07"


def test_an_english_report_joins_the_arabic_report_of_its_incident():
    assert same_incident(sig(ENGLISH), sig(ARABIC))


def test_a_look_alike_months_later_stays_apart():
    assert not same_incident(sig(LOOKALIKE), sig(ARABIC))
    assert not same_incident(sig(LOOKALIKE), sig(ENGLISH))


def test_english_content_words_leave_out_words_every_report_shares():
    words = sig(ENGLISH).words
    assert not {"the", "said", "killing", "official"} & set(words)


def test_a_bridged_english_word_counts_as_the_arabic_word_for_it():
    assert set(sig(ENGLISH).words) & set(sig(ARABIC).words)
