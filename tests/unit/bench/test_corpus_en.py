"""The English bench corpus: made as the Arabic one, from the team's English reports."""

from datetime import UTC, datetime

from streams.bench.corpus import background, generate, load_templates
from streams.bench.corpus_en import ENGLISH_OUTLETS, redate_en
from streams.core.english import extract_claims_en
from streams.core.model import Article

SUNDAY_3_MARCH_2024 = datetime(2024, 3, 3, 12, tzinfo=UTC)


def _claims(text: str) -> list:
    return extract_claims_en(Article(id="t", text=text, lang="en"))


def test_redate_moves_an_english_date_and_weekday_to_the_incident_keeping_their_order():
    text = "Strikes on Thursday, October 5, 2023 killed 12 people; on 6 October more died."
    moved = redate_en(text, SUNDAY_3_MARCH_2024)
    assert moved == "Strikes on Sunday, March 3, 2024 killed 12 people; on 3 March more died."


def test_the_templates_are_the_teams_english_reports_only():
    templates = load_templates(lang="en")
    assert len(templates) > 50
    arabic = [t.id for t in templates if any("\u0600" <= ch <= "\u06ff" for ch in t.text)]
    assert all(t.lang == "en" for t in templates)
    assert not arabic


def test_english_filler_sentences_report_no_figure():
    for template in load_templates(lang="en"):
        for sentence in background(template):
            assert not _claims(sentence), sentence


def test_the_english_corpus_is_deterministic_and_about_three_kilobytes_an_article():
    first = list(generate(40, lang="en"))
    assert first == list(generate(40, lang="en"))
    sizes = sorted(len(a.text.encode()) for a in first)
    assert 2000 <= sizes[len(sizes) // 2] <= 3600
    assert {a.source for a in first} <= set(ENGLISH_OUTLETS)


def test_every_article_made_from_a_report_with_claims_yields_claims():
    reporting = [t for t in load_templates(lang="en") if _claims(t.text)]
    for article in generate(120, lang="en", templates=reporting):
        assert extract_claims_en(article), article.text[:200]
