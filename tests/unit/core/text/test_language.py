"""detect_language: the declared language wins; else the script decides."""

from __future__ import annotations

from streams.core.model import Article
from streams.core.text.language import READ_LANGUAGES, detect_language, language_of


def test_declared_language_wins():
    assert detect_language("قتل 5 أشخاص", "en") == "en"


def test_declared_region_subtag_is_dropped():
    assert detect_language("anything", "en-GB") == "en"
    assert detect_language("anything", "AR_sa") == "ar"


def test_arabic_script_is_arabic():
    assert detect_language("قالت وزارة الصحة إن 12 شخصا قتلوا في القصف.") == "ar"


def test_english_text_is_english():
    assert detect_language("The health ministry said 12 people were killed in the strike.") == "en"


def test_latin_text_without_english_words_is_undetermined():
    assert detect_language("Le ministère a annoncé douze morts dans la nuit.") == "und"


def test_arabic_article_quoting_an_english_name_is_arabic():
    assert detect_language("قال مكتب OCHA إن 40 شخصا قتلوا في الهجوم على المخيم.") == "ar"


def test_no_letters_is_undetermined():
    assert detect_language("12 / 40 — 2025") == "und"


def test_empty_declared_is_ignored():
    assert detect_language("Nine people were killed.", "  ") == "en"


def test_an_article_without_lang_is_read_from_its_text():
    article = Article(id="a", text="Rescuers said four people died when the shelter collapsed.")
    assert language_of(article) == "en"


def test_an_article_with_empty_text_is_read_from_its_title():
    assert language_of(Article(id="a", text="", title="مقتل أربعة في قصف على حماة")) == "ar"


def test_raqib_reads_arabic_and_english_only():
    assert {"ar", "en"} == READ_LANGUAGES
