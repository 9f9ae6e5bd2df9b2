"""The dated variant (every article dated, time order) and the mixed corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from evaluation.corpus import Corpus, CorpusMissing, dated_articles, load_corpus, mixed_corpus


def _article(article_id: str, published: str | None = None, **extra: str) -> dict:
    return {"id": article_id, "text": "نص", "published": published, **extra}


EVENTS = [
    {"event": "late", "day": "2024-05-02", "articles": ["l1", "l2", "l3"]},
    {"event": "early", "day": "2024-05-01", "articles": ["e1", "e2"]},
]


def test_undated_reports_get_their_incidents_day_a_few_hours_apart_in_file_order():
    rows = dated_articles([_article("l1"), _article("l2"), _article("l3")], EVENTS)
    assert [r["published"] for r in rows] == [
        "2024-05-02T03:00:00+00:00",
        "2024-05-02T06:00:00+00:00",
        "2024-05-02T09:00:00+00:00",
    ]


def test_an_article_that_has_a_date_keeps_it():
    rows = dated_articles([_article("l1", "2024-05-04T10:30:00Z")], EVENTS)
    assert rows[0]["published"] == "2024-05-04T10:30:00Z"


def test_articles_are_replayed_in_time_order_across_incidents():
    articles = [_article("l1"), _article("e1"), _article("l2", "2024-04-30"), _article("e2")]
    rows = dated_articles(articles, EVENTS)
    assert [r["id"] for r in rows] == ["l2", "e1", "e2", "l1"]


def test_equal_times_keep_file_order():
    articles = [_article("e2", "2024-05-01"), _article("l3", "2024-05-01")]
    assert [r["id"] for r in dated_articles(articles, EVENTS)] == ["e2", "l3"]


def test_articles_of_no_incident_without_a_date_follow_the_dated_ones_undated():
    rows = dated_articles([_article("stray"), _article("e1")], EVENTS)
    assert [(r["id"], r["published"]) for r in rows] == [
        ("e1", "2024-05-01T03:00:00+00:00"),
        ("stray", None),
    ]


def test_dating_leaves_the_input_rows_untouched():
    original = _article("e1")
    dated_articles([original], EVENTS)
    assert original["published"] is None


def _corpus(name: str, events: list[dict], articles: list[str]) -> Corpus:
    return Corpus(
        name=name,
        articles=tuple(_article(a) for a in articles),
        claims=tuple({"article": a, "metric": "killed", "min": 1} for a in articles),
        events=tuple(events),
        decoys=({"a": articles[0], "b": articles[-1]},),
    )


def test_the_mixed_corpus_merges_events_by_id_and_concatenates_the_rest():
    arabic = _corpus(
        "ar",
        [{"event": "x", "day": "2024-05-01", "articles": ["a1", "a2"], "expect_alert": False}],
        ["a1", "a2"],
    )
    english = _corpus(
        "en",
        [
            {"event": "x", "articles": ["en1"], "expect_alert": True, "contradictions": [{"a": 1}]},
            {"event": "only-en", "articles": ["en2"], "expect_alert": False},
        ],
        ["en1", "en2"],
    )
    mixed = mixed_corpus(arabic, english)
    x = mixed.event_by_id["x"]
    assert x["articles"] == ["a1", "a2", "en1"]
    assert x["expect_alert"] is True
    assert x["day"] == "2024-05-01"
    assert x["contradictions"] == [{"a": 1}]
    assert [a["id"] for a in mixed.articles] == ["a1", "a2", "en1", "en2"]
    assert len(mixed.claims) == 4 and len(mixed.decoys) == 2
    assert mixed.incident_of["en2"] == "only-en"


def test_merging_does_not_modify_the_corpora_it_reads():
    arabic = _corpus("ar", [{"event": "x", "articles": ["a1"]}], ["a1"])
    english = _corpus("en", [{"event": "x", "articles": ["en1"]}], ["en1"])
    mixed_corpus(arabic, english)
    assert arabic.events[0]["articles"] == ["a1"]


def test_a_missing_directory_is_a_clear_error(tmp_path: Path):
    with pytest.raises(CorpusMissing, match="no articles.jsonl"):
        load_corpus(tmp_path / "absent")


def test_a_corpus_without_gold_files_loads_empty(tmp_path: Path):
    (tmp_path / "articles.jsonl").write_text('{"id": "a", "text": "نص"}\n', encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert len(corpus.articles) == 1 and corpus.claims == () and corpus.events == ()


def test_language_defaults_to_arabic():
    corpus = _corpus("ar", [], ["a1"])
    assert corpus.lang_of == {"a1": "ar"}
