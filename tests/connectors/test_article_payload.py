"""One size limit: what every path calls before it produces an article."""

from __future__ import annotations

from connectors.base import MAX_ARTICLE_BYTES, Rejected, article_message, article_payload
from streams.core.model import Article
from streams.settings import Settings


def _article_of(size: int) -> Article:
    """An article whose message and key together are exactly ``size`` bytes."""
    article = Article(id="a1", text="")
    overhead = len(article_message(article)) + len(b"a1")
    return Article(id="a1", text="x" * (size - overhead))


def test_an_article_at_the_limit_is_its_message():
    article = _article_of(5000)
    assert article_payload(article, 5000) == article_message(article)


def test_an_article_one_byte_over_the_limit_is_rejected_with_its_size_and_the_limit():
    rejected = article_payload(_article_of(5001), 5000)
    assert isinstance(rejected, Rejected)
    assert rejected.reason.startswith("article of 5001 bytes exceeds RAQIB_MAX_ARTICLE_BYTES=5000")
    assert rejected.origin == "article 'a1'" and len(rejected.payload) == 1000


def test_an_article_with_a_lone_surrogate_is_rejected_not_raised():
    rejected = article_payload(Article(id="s", text="مقتل \ud800 5"), 5000, "feed.jsonl:3")
    assert isinstance(rejected, Rejected)
    assert rejected.origin == "feed.jsonl:3" and "not valid Unicode" in rejected.reason


def test_the_connectors_default_limit_is_the_settings_default():
    assert Settings().max_article_bytes == MAX_ARTICLE_BYTES
