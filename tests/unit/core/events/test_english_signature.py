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


def _kinds_of(text: str, lang: str = "ar") -> set[str]:
    found = sig(Article(id="k", lang=lang, published="2024-03-08T09:00:00Z", text=text))
    return set(found.kinds)


def test_a_bare_explosion_is_the_same_kind_in_both_languages():
    # "انفجار" alone is read as a bombing: an English "explosion" must be read alike, or the
    # two reports of one market blast are vetoed as different kinds of incident
    arabic = _kinds_of("قتل 7 أشخاص في انفجار هز سوقا شعبيا في مدينة إدلب صباح الجمعة.")
    english = _kinds_of("Seven people were killed when an explosion hit a market in Idlib.", "en")
    plural = _kinds_of("Two explosions tore through a crowded market in Idlib.", "en")
    assert "bombing" in arabic & english & plural


def test_a_gas_or_depot_explosion_is_an_accident_in_both_languages():
    assert _kinds_of("انفجار غاز في مطعم بحي الميدان يقتل 3 عمال.") == {"explosion"}
    assert _kinds_of("A gas explosion at a restaurant killed three workers.", "en") == {"explosion"}
    assert _kinds_of("A fuel tank explosion at a port warehouse killed two.", "en") == {"explosion"}


def test_one_market_explosion_reported_in_both_languages_is_one_incident():
    arabic = Article(
        id="ar-blast",
        published="2024-03-08T09:00:00Z",
        text="قتل 7 أشخاص وأصيب 15 آخرون في انفجار هز سوقا شعبيا في مدينة إدلب صباح الجمعة.",
    )
    english = Article(
        id="en-blast",
        lang="en",
        published="2024-03-08T10:00:00Z",
        text="Seven people were killed and 15 wounded on Friday morning when an explosion "
        "ripped through a crowded market in the Syrian city of Idlib, rescuers said.",
    )
    assert same_incident(sig(arabic), sig(english))
