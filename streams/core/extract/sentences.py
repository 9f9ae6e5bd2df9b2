"""An article as sentences of tokens, with offsets back to the original text.

Sentences split at line breaks, "..", "!?؟؛|" and a period not inside a number. A
sentence keeps its tokens (:data:`streams.core.text.TOKEN_RE`: words, numbers,
punctuation), their offsets in the normalized text, their readings and the casualty cue
starting at each token, if any.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from streams.core.text import TOKEN_RE, normalize_with_offsets, original_offset

from .lexicons import CUE_HINT_RE, METRICS, PUNCT_STOP, word_info

# (the lookahead lets the regex engine skip ahead by character class: same matches, 3x faster)
BOUNDARY_RE = re.compile(r"(?=[\n\r.!?؟؛|])(?:[\n\r]+|\.{2,}|[!?؟؛|]|\.(?!\d))")

Span = tuple[int, int]
Cue = tuple[int, str]  # (tokens the cue spans, metric)


@dataclass
class Sentence:
    """One sentence: tokens, their normalized-text offsets, readings and cues."""

    words: list[str]
    spans: list[Span]  # offsets in normalized text
    forms: list[tuple[str, ...]]
    cues: list[Cue | None]
    headline: bool


@dataclass(frozen=True)
class SentenceBounds:
    """Where a sentence lies in the normalized text."""

    start: int
    end: int
    headline: bool


def split_sentences(norm: str, headline_end: int) -> list[SentenceBounds]:
    """The sentences of normalized text; those starting before ``headline_end`` are the title."""
    out = []
    pos = 0
    for m in BOUNDARY_RE.finditer(norm):
        if m.start() > pos:
            out.append(SentenceBounds(pos, m.start(), pos < headline_end))
        pos = m.end()
    if pos < len(norm):
        out.append(SentenceBounds(pos, len(norm), pos < headline_end))
    return out


def token_spans(norm: str, start: int, words: list[str]) -> list[Span]:
    """Offsets of ``words`` (TOKEN_RE tokens of ``norm`` from ``start``).

    Between two tokens there is only whitespace or "_", which no token contains, so a
    forward ``find`` lands on each one (cheaper than a second regex pass).
    """
    out = []
    find = norm.find
    pos = start
    for w in words:
        p = find(w, pos)
        pos = p + len(w)
        out.append((p, pos))
    return out


def read_sentence(norm: str, bounds: SentenceBounds) -> Sentence:
    """The whole sentence at ``bounds``, every token looked up (not the hot path)."""
    words = TOKEN_RE.findall(norm, bounds.start, bounds.end)
    spans = [m.span() for m in TOKEN_RE.finditer(norm, bounds.start, bounds.end)]
    forms = [word_info(w)[0] for w in words]
    cues = [METRICS.match(words, forms, k) for k in range(len(words))]
    return Sentence(words, spans, forms, cues, bounds.headline)


def clause(sent: Sentence, a: int, b: int) -> Span:
    """Tokens ``[a, b)`` widened to the punctuation around them."""
    words = sent.words
    while a > 0 and words[a - 1] not in PUNCT_STOP:
        a -= 1
    while b < len(words) and words[b] not in PUNCT_STOP:
        b += 1
    return a, b


def original_span(drops: tuple[int, ...] | None, a: int, b: int) -> Span:
    """The original-text span of normalized span ``[a, b)``."""
    if drops is None:
        return a, b
    return original_offset(drops, a), original_offset(drops, b - 1) + 1


@dataclass(frozen=True)
class ArticleText:
    """An article as the extractor reads it.

    ``text``: the body, with the title before it when the body does not start with it;
    ``norm``: its normalized copy, ``drops`` the offset map back (None when identical);
    ``sentences``: the sentences of ``norm``, those of the title or headline flagged.
    """

    text: str
    norm: str
    drops: tuple[int, ...] | None
    sentences: list[SentenceBounds]

    def original(self, a: int, b: int) -> str:
        """The original text of normalized span ``[a, b)``."""
        oa, ob = original_span(self.drops, a, b)
        return self.text[oa:ob]


HEADLINE_MAX = 150


def headline_end(text: str, title: str) -> tuple[str, int]:
    """The text to read (the title prepended when the body lacks it) and where its
    headline ends: the title, or a short first line without a sentence end.
    """
    if title and not text.lstrip().startswith(title[:40]):
        return title + "\n" + text, len(title)
    first = text.lstrip().split("\n", 1)[0]
    if (
        len(first) <= HEADLINE_MAX
        and not first.rstrip().endswith((".", "!", "؟", "?"))
        and "\n" in text.strip()
    ):
        return text, len(text) - len(text.lstrip()) + len(first)
    return text, 0


def read_article(body: str, title: str) -> ArticleText | None:
    """The article's text, normalized and split into sentences; None when it holds no
    casualty cue at all (most news: checked with one regex before anything else).
    """
    text, head_end = headline_end(body, title)
    norm, drops = normalize_with_offsets(text)
    if CUE_HINT_RE.search(norm) is None:
        return None
    if drops is not None:  # the headline's end in the normalized text (diacritics dropped)
        head_end -= sum(1 for i, d in enumerate(drops) if d + i < head_end)
    return ArticleText(text, norm, drops, split_sentences(norm, head_end))
