"""A team-written mixed corpus (Arabic, English, French) through the real broker and worker."""

from __future__ import annotations

import pytest

from tests.conftest import FIXTURES
from tests.integration.test_offline_matches_stream import resolver

pytestmark = pytest.mark.integration

CORPUS = FIXTURES / "mixed_languages" / "articles.jsonl"


async def test_arabic_and_english_reports_share_an_event_and_contradict_across_languages(
    make_pipeline,
):
    pipeline = make_pipeline()
    pipeline.start_worker()
    result = await pipeline.replay([CORPUS])
    assert not result.missing, pipeline.worker_log()
    final = resolver(result.merges)
    event = {c.article: final.get(str(c.event), c.event) for c in result.claims}
    assert event["mx-ar1"] == event["mx-en1"]
    assert event["mx-en3"] != event["mx-ar1"]
    assert {c.lang for c in result.claims if c.article.startswith("mx-en")} == {"en"}
    pairs = {
        frozenset({(a.new.lang, a.new.min), *((c.lang, c.min) for c in a.conflicts_with)})
        for a in result.alerts
        if a.metric == "killed"
    }
    assert any({("en", 25), ("ar", 14)} <= p for p in pairs), [a.summary for a in result.alerts]


async def test_an_article_in_another_language_is_processed_without_claims(make_pipeline):
    pipeline = make_pipeline()
    pipeline.start_worker()
    result = await pipeline.replay([CORPUS])
    assert "mx-fr1" in result.processed
    assert not [c for c in result.claims if c.article == "mx-fr1"]
