"""Tokenization: a fast pattern that gives exactly camel_tools' word tokens."""

from __future__ import annotations

import json

import pytest
from camel_tools.tokenizers.word import simple_word_tokenize

from streams.core.text import normalize, tokens
from tests.conftest import SEEDS


def camel_tokens(text: str) -> list[str]:
    """Reference tokenization through camel_tools (what ``tokens`` must agree with)."""
    return [t for t in simple_word_tokenize(normalize(text)) if t.isalnum()]


def _texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")]
    for line in (SEEDS / "eval-dev" / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        texts.append(json.loads(line)["text"])
    return texts


@pytest.mark.parametrize("index", range(30))
def test_tokens_agree_with_camel_tools_on_real_reporting(index):
    texts = _texts()
    if index < len(texts):
        assert tokens(texts[index]) == camel_tokens(texts[index])


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
