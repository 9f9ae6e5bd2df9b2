"""Tokenization: a fast pattern that gives exactly camel_tools' word tokens."""

from __future__ import annotations

import json

import pytest
from camel_tools.tokenizers.word import simple_word_tokenize

from streams.core.text import normalize, tokens
from tests.conftest import FIXTURES, SEEDS


def camel_tokens(text: str) -> list[str]:
    """Reference tokenization through camel_tools (what ``tokens`` must agree with)."""
    return [t for t in simple_word_tokenize(normalize(text)) if t.isalnum()]


def _texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    for name in ("heldout", "events_check"):
        lines = (FIXTURES / name / "articles.jsonl").read_text(encoding="utf-8").splitlines()
        texts += [json.loads(line)["text"] for line in lines if line.strip()]
    return texts


def test_tokens_agree_with_camel_tools_on_every_article_of_the_seeds_and_fixtures():
    texts = _texts()
    assert len(texts) > 100
    assert [tokens(t) for t in texts] == [camel_tokens(t) for t in texts]


@pytest.mark.parametrize(
    "text",
    [
        "مقتل 62 من جيش النظام، وإصابة ١٠٠ آخرين.",
        "1,200 قتيل (تقريباً)",
        "حركة شباب العودة_قوات الجليل",
        "",
    ],
)
def test_tokens_agree_with_camel_tools_on_punctuation_digits_and_underscores(text):
    assert tokens(text) == camel_tokens(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("وإصابة ١٠٠ آخرين", "واصابه 100 اخرين"),
        ("قُتِلَ ۲۵ شخصاً في ٣ غارات", "قتل 25 شخصا في 3 غارات"),
        ("مقتل 62 عنصراً", "مقتل 62 عنصرا"),
    ],
)
def test_normalize_reads_arabic_and_persian_digits_as_ascii(text, expected):
    assert normalize(text) == expected
