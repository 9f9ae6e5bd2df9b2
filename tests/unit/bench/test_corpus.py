"""The benchmark corpus: realistic reports, deterministic, contradicting as coverage does."""

import random
import re
from datetime import UTC, datetime

from streams.bench.corpus import (
    Template,
    background,
    conflicting_pairs,
    generate,
    load_templates,
    redate,
    vary,
)
from streams.core.events.dates import incident_day
from streams.core.extract import extract_claims
from streams.core.model import Article

THURSDAY_5_OCT = "قتل 12 شخصا يوم الخميس 5 أكتوبر في قصف على حمص."
SUNDAY_3_MARCH_2024 = datetime(2024, 3, 3, 12, tzinfo=UTC)


def test_redate_moves_the_day_month_and_weekday_to_the_incident():
    text = redate(THURSDAY_5_OCT, SUNDAY_3_MARCH_2024)
    assert "3 مارس" in text
    assert "الأحد" in text
    assert "أكتوبر" not in text and "الخميس" not in text


def test_redate_keeps_the_month_naming_of_the_outlet():
    levant = redate("سقط 5 قتلى في 9 تشرين الأول 2023", SUNDAY_3_MARCH_2024)
    assert "3 آذار 2024" in levant
    maghreb = redate("سقط 5 قتلى في 9 جانفي", datetime(2024, 4, 1, tzinfo=UTC))
    assert "1 أفريل" in maghreb


def test_a_redated_report_resolves_to_its_incident_day():
    when = SUNDAY_3_MARCH_2024
    assert incident_day(redate(THURSDAY_5_OCT, when), when).day == when.date()


def test_reports_made_with_the_same_figures_agree_and_a_differing_one_changes_one_figure():
    text = "قتل 20 شخصا وأصيب 40 آخرون في حمص، وفقد 6."
    same = [vary(text, random.Random(1), "حلب") for _ in range(2)]
    assert same[0] == same[1]
    assert "حلب" in same[0] and "حمص" not in same[0]
    numbers = re.findall(r"\d+", same[0])
    differing = vary(text, random.Random(1), "حلب", differ=random.Random(5))
    other = re.findall(r"\d+", differing)
    assert len(other) == len(numbers) == 3
    assert sum(a != b for a, b in zip(numbers, other, strict=True)) == 1


def test_years_and_date_days_are_not_treated_as_figures():
    text = "قتل 20 شخصا في 5 أكتوبر 2023."
    assert "5 أكتوبر 2023" in vary(text, random.Random(3), "حلب")


def test_filler_sentences_report_no_figure():
    for template in load_templates():
        for sentence in background(template):
            assert not extract_claims(Article(id="f", text=sentence)), sentence


def test_background_drops_the_sentences_with_tolls():
    template = Template("t", "قتل 20 شخصا في حمص. وتشهد المدينة توترا منذ أشهر.")
    assert background(template) == ["وتشهد المدينة توترا منذ أشهر."]


def test_the_corpus_is_deterministic_and_about_three_kilobytes_an_article():
    first = list(generate(40))
    assert first == list(generate(40))
    assert len({a.id for a in first}) == 40
    sizes = sorted(len(a.text.encode()) for a in first)
    assert 2000 <= sizes[len(sizes) // 2] <= 3600


def test_reports_of_one_incident_share_its_day_and_most_share_its_figures():
    articles = list(generate(400))
    by_incident: dict[str, list[Article]] = {}
    for article in articles:
        by_incident.setdefault(article.published or "", []).append(article)
    multi = [group for group in by_incident.values() if len(group) > 1]
    assert len(multi) > 50
    agreeing = sum(len({a.text for a in group}) == 1 for group in multi)
    assert agreeing / len(multi) > 0.6


def test_latency_pairs_contradict_each_other():
    articles = list(conflicting_pairs(5))
    for first, second in zip(articles[::2], articles[1::2], strict=True):
        assert first.published == second.published
        assert first.source != second.source
        assert first.text != second.text
