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

from .figures import NUMBER_WORD_RE
from .lexicon import kinds_of, load_rows, words_of_kind
from .tokens import Sentence

__all__ = ["CUE_RE", "DIGIT_RE", "candidate_sentences"]

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


def _has_number(low_text: str, lo: int, hi: int) -> bool:
    return (
        DIGIT_RE.search(low_text, lo, hi) is not None
        or NUMBER_WORD_RE.search(low_text, lo, hi) is not None
    )


def candidate_sentences(
    low_text: str, sentences: list[Sentence], first: re.Match[str], aligned: bool
) -> Iterator[int]:
    """Indices of the ``sentences`` that hold a cue and a number, in order.

    ``first`` is the text's first cue. ``aligned``: ``low_text`` has the offsets of the text
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
    cue: re.Match[str] | None = first
    while cue is not None:
        at = cue.start()
        while s < n and sentences[s].end <= at:
            s += 1
        if s == n:
            return
        sent = sentences[s]
        if at < sent.start:  # never, by the reasoning above; a search of its own if ever
            cue = CUE_RE.search(low_text, sent.start)
            continue
        if _has_number(low_text, sent.start, sent.end):
            yield s
        cue = CUE_RE.search(low_text, sent.end)
        s += 1
