"""The sentence gate of English extraction: which sentences may state a casualty figure.

A sentence is read only if it holds a casualty cue and a number (a digit or a number word),
both found by regex on the article's lowercase text: about a third of the sentences of real
wire copy pass. The cues are found by scanning the text from one cue to the next rather than
sentence by sentence: the sentences between two cues cost one scan and no call of their own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from streams.core.text.lexicon import literal_regex

from .figures import NUMBER_WORD_RE, NUMBER_WORDS
from .lexicon import kinds_of, load_rows, words_of_kind
from .tokens import Sentence

__all__ = ["CUE_RE", "DIGIT_RE", "candidate_sentences", "first_cue"]

_GRAMMAR = kinds_of("grammar.tsv")
_FUNCTION = (
    words_of_kind(_GRAMMAR, "stop")
    | words_of_kind(_GRAMMAR, "filler")
    | {"to", "their", "of", "or", "and", "in"}
)
# words of cue phrases too common to be a hint on their own ("have died": "died" is the hint)
_COMMON = words_of_kind(_GRAMMAR, "hint_common")
_HINT_WORDS = sorted(
    (
        {w for r in load_rows("metrics.tsv") if r[1] != "none" for w in r[0].split()}
        | {w for r in load_rows("tolls.tsv") if r[1] != "link" for w in r[0].split()}
    )
    - _FUNCTION
    - _COMMON,
    key=len,
    reverse=True,
)
# on lowercase text: a casualty cue, and a number (digit or number word)
CUE_RE = re.compile(r"\b" + literal_regex(_HINT_WORDS))
DIGIT_RE = re.compile(r"\d")


def _after_non_word(words: list[str]) -> re.Pattern[str]:
    r"""Any of ``words`` with the character before it, which is no word character: what
    ``\b`` + the words match at a position past 0, found a fifth faster (Python's re skips
    to the next non-word character in C instead of trying the words at every position).
    Only for words that open with a word character, as every cue and number word does.
    """
    if not all(re.match(r"\w", w) for w in words):
        raise ValueError("a cue or number word opens with no letter or digit")
    return re.compile(r"\W" + literal_regex(words))


_CUE_AFTER_RE = _after_non_word(_HINT_WORDS)
_NUMBER_AFTER_RE = _after_non_word(NUMBER_WORDS)


def first_cue(low_text: str) -> int:
    """Where the first cue of the text starts, -1 with none (:data:`CUE_RE`'s first match)."""
    return 0 if CUE_RE.match(low_text) is not None else _next_cue(low_text, 1)


def _next_cue(low_text: str, pos: int) -> int:
    """Where the first cue at or after ``pos`` (> 0) starts, -1 with none."""
    m = _CUE_AFTER_RE.search(low_text, pos - 1)
    return -1 if m is None else m.start() + 1


def _has_number(low_text: str, lo: int, hi: int) -> bool:
    if DIGIT_RE.search(low_text, lo, hi) is not None:
        return True
    if lo == 0:
        return NUMBER_WORD_RE.search(low_text, lo, hi) is not None
    return _NUMBER_AFTER_RE.search(low_text, lo - 1, hi) is not None


def candidate_sentences(
    low_text: str, sentences: list[Sentence], first: int, aligned: bool
) -> Iterator[int]:
    """Indices of the ``sentences`` that hold a cue and a number, in order.

    ``first`` is where the text's first cue starts (:func:`first_cue`). ``aligned``: ``low_text`` has the offsets of the text
    the sentences were cut from (lowercasing may lengthen a few letters, "İ"); when it has
    not, every sentence is searched on its own, as the offsets read.

    Why a scan from cue to cue finds what a search per sentence finds: cue words hold no white
    space and a sentence ends before white space (or at a line break or the text's end), so no
    cue crosses a sentence end, and between sentences there is only white space.
    """
    if not aligned:
        for s, sent in enumerate(sentences):
            lo, hi = sent.start, sent.end
            if CUE_RE.search(low_text, lo, hi) is not None and _has_number(low_text, lo, hi):
                yield s
        return
    n = len(sentences)
    s = 0
    at = first
    while at >= 0:
        while s < n and sentences[s].end <= at:
            s += 1
        if s == n:
            return
        sent = sentences[s]
        if at < sent.start:  # never, by the reasoning above; a search of its own if ever
            at = _next_cue(low_text, sent.start)
            continue
        if _has_number(low_text, sent.start, sent.end):
            yield s
        at = _next_cue(low_text, sent.end)
        s += 1
