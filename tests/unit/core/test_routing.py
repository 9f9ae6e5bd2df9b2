"""Step 1 routes each article by language: Arabic and English are read, any other is not."""

from __future__ import annotations

from streams.core.model import Article
from streams.core.pipeline import extract_article, extract_by_language, unread_language

T0 = 1_700_000_000.0
ENGLISH = "Hospital officials said 14 people were killed in the air strike on the market."
ARABIC = "قال مسؤولون في المستشفى إن 14 شخصا قتلوا في الغارة على السوق."
FRENCH = "Les responsables de l'hôpital ont annoncé que quatorze personnes ont été tuées."


def test_an_english_article_is_read_by_the_english_extractor():
    claims = extract_by_language(Article(id="en", text=ENGLISH))
    assert [(c.metric, c.min, c.lang) for c in claims] == [("killed", 14, "en")]


def test_an_arabic_article_is_read_by_the_arabic_extractor():
    claims = extract_by_language(Article(id="ar", text=ARABIC))
    assert [(c.metric, c.min, c.lang) for c in claims] == [("killed", 14, "ar")]


def test_the_declared_language_chooses_the_extractor():
    assert extract_by_language(Article(id="x", text=ENGLISH, lang="fr")) == []


def test_an_article_in_another_language_gives_no_claims():
    assert extract_by_language(Article(id="fr", text=FRENCH)) == []


def test_an_article_in_another_language_is_named_as_unread():
    assert unread_language(Article(id="fr", text=FRENCH, lang="fr")) == "fr"


def test_arabic_and_english_articles_are_not_unread():
    assert unread_language(Article(id="en", text=ENGLISH)) is None
    assert unread_language(Article(id="ar", text=ARABIC)) is None


def test_english_claims_carry_a_registry_source():
    text = "Doctors Without Borders said 9 people were killed in the shelling of the camp."
    (claim,) = extract_article(Article(id="en", text=text, source="Reuters"), T0).claims
    assert (claim.source_id, claim.source_type) == ("msf", "ngo")
