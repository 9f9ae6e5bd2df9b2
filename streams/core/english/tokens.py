"""Sentences and tokens of English text, with offsets into the original text.

Quotes, victims and speakers are cut from the text as published through these offsets; rules
read the lowercase form (curly apostrophes folded to ``'``). Guarantees: sentences are in text
order, do not overlap and never cross a line break; a token never crosses a sentence boundary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lexicon import kinds_of, words_of_kind

__all__ = ["Sentence", "Tokens", "split_sentences", "tokenize", "QUOTE_CHARS", "OPEN_QUOTES"]

_GRAMMAR = kinds_of("grammar.tsv")
ABBREVIATIONS = words_of_kind(_GRAMMAR, "abbreviation")

TOKEN_RE = re.compile(
    r"\d+(?:,\d{3})*[-–]\d+(?:,\d{3})*(?![\w-])"  # a range of figures: 40-60
    r"|\d+(?:[.,]\d+)*(?:-[^\W\d_][^\W_]*)+"  # 12-year-old, 10-point: never a count
    r"|(?:[^\W\d_]\.){2,}"  # U.N., U.S., a.m.
    r"|[^\W\d_]+(?:[-'’][^\W_]+)*"  # words: Twenty-one, al-Marouni, Syria's, F-16, passer-by
    r"|\d+(?:[.,]\d+)*(?:st|nd|rd|th|s)?(?![^\W_])"  # 11,300 / 1.5 / 444th / 1990s
    r"|\S"  # any other single character
)
# a full stop, ! or ? (with closing quotes or brackets) before white space, or a line break
BOUNDARY_RE = re.compile(r"\n+|[.!?]+[\"'”’)\]]*(?=\s)")
LAST_WORD_RE = re.compile(r"([^\W\d_][\w.]*)\.$")
QUOTE_CHARS = frozenset({'"', "“", "”", "‘", "’", "'", "«", "»"})
OPEN_QUOTES = frozenset({'"', "“", "‘", "«"})


@dataclass(slots=True)
class Tokens:
    """The tokens of one sentence: as written, lowercase, and their offsets in the text."""

    words: list[str]
    low: list[str]
    starts: list[int]
    ends: list[int]

    def __len__(self) -> int:
        return len(self.words)


@dataclass(slots=True)
class Sentence:
    """A sentence of the text: ``text[start:end]``, its paragraph and whether it is a headline."""

    start: int
    end: int
    paragraph: int
    headline: bool = False
    _tokens: Tokens | None = field(default=None, repr=False)

    def tokens(self, text: str) -> Tokens:
        """The sentence's tokens (computed once)."""
        if self._tokens is None:
            self._tokens = tokenize(text, self.start, self.end)
        return self._tokens


def tokenize(text: str, start: int = 0, end: int | None = None) -> Tokens:
    """Tokens of ``text[start:end]`` with their offsets in ``text``."""
    words: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for m in TOKEN_RE.finditer(text, start, len(text) if end is None else end):
        words.append(m.group())
        starts.append(m.start())
        ends.append(m.end())
    low = [w.lower().replace("’", "'") for w in words]
    return Tokens(words, low, starts, ends)


def _ends_sentence(text: str, m: re.Match[str]) -> bool:
    """Whether the punctuation ``m`` ends a sentence: an upper-case letter, digit, quote or
    bracket follows, and the word before a full stop is no abbreviation ("Gen.", "No.", "U.N.")."""
    nxt = m.end()
    n = len(text)
    while nxt < n and text[nxt] in " \t":
        nxt += 1
    if nxt >= n or text[nxt] in "\r\n":
        return True
    ch = text[nxt]
    if not (ch.isupper() or ch.isdigit() or ch in "\"“‘'([\\-–—•"):
        return False
    if m.group()[0] == ".":
        word = LAST_WORD_RE.search(text, max(0, m.start() - 24), m.start() + 1)
        if word is not None:
            w = word.group(1).lower()
            if w in ABBREVIATIONS or w.rstrip(".") in ABBREVIATIONS or len(w) == 1:
                return False
    return True


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of ``text``; the first line is a headline when it is short, has no final
    punctuation and more text follows (the way pages and wires print titles)."""
    out: list[Sentence] = []
    para = 0
    start = 0
    for m in BOUNDARY_RE.finditer(text):
        is_break = m.group()[0] == "\n"
        if not is_break and not _ends_sentence(text, m):
            continue
        end = m.start() if is_break else m.end()
        if text[start:end].strip():
            out.append(Sentence(start, end, para))
        start = m.end()
        if is_break:
            para += 1
    if text[start:].strip():
        out.append(Sentence(start, len(text), para))
    if len(out) > 1:
        first = out[0]
        line = text[first.start : first.end].strip()
        if (
            first.paragraph != out[1].paragraph
            and len(line) <= 150
            and not line.endswith((".", "!", "?", '"', "”", ":"))
        ):
            first.headline = True
    return out
