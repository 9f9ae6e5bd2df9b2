"""Sentences and tokens of English text, with offsets into the original text.

Rules read lowercase tokens (curly apostrophes folded to ``'``); quotes, victims and speakers
are cut from the text as published through the offsets. Guarantees: sentences are in text order,
do not overlap and never cross a line break; a token never crosses a sentence boundary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lexicon import kinds_of, words_of_kind

__all__ = [
    "Sentence",
    "Tokens",
    "split_sentences",
    "tokenize",
    "lowercase",
    "QUOTE_CHARS",
    "OPEN_QUOTES",
]

_GRAMMAR = kinds_of("grammar.tsv")
ABBREVIATIONS = words_of_kind(_GRAMMAR, "abbreviation")

# the common case (a word) first; "'" and "’" alike inside words
TOKEN_RE = re.compile(
    r"[^\W\d_]+(?:[-'’][^\W_]+)*(?:\.(?:[^\W\d_]\.)+)?"  # twenty-one, al-Marouni, U.N.
    r"|\d+(?:,\d{3})*[-–]\d+(?:,\d{3})*(?![\w-])"  # a range of figures: 40-60
    r"|\d+(?:[.,]\d+)*(?:-[^\W\d_][^\W_]*)+"  # 12-year-old, 10-point: never a count
    r"|\d+(?:[.,]\d+)*(?:st|nd|rd|th|s)?(?![^\W_])"  # 11,300 / 1.5 / 444th / 1990s
    r"|\S"  # any other single character
)
QUOTE_CHARS = frozenset({'"', "“", "”", "‘", "'", "«", "»"})
OPEN_QUOTES = frozenset({'"', "“", "‘", "«"})


def lowercase(text: str) -> str:
    """``text`` in lowercase with curly apostrophes as ``'`` (the form rules read)."""
    return text.lower().replace("’", "'")


class Tokens:
    """The tokens of one sentence, as written (``words``) and lowercase (``low``); their offsets
    in the text (``starts``) are found on first use (most sentences never need them).
    """

    __slots__ = ("_text", "_start", "_segment", "words", "low", "_starts")

    def __init__(self, text: str, start: int, words: list[str], segment: str) -> None:
        self._text = text
        self._start = start
        self._segment = segment
        self.words = words
        low = list(map(str.lower, words))  # map: no Python frame per word
        if "’" in segment:
            low = [w.replace("’", "'") for w in low]
        self.low = low
        self._starts: list[int] | None = None

    @property
    def starts(self) -> list[int]:
        """Offset of each word in the text (computed on first use: most sentences need none)."""
        if self._starts is None:
            find = self._text.find
            pos = self._start
            starts = []
            for w in self.words:
                pos = find(w, pos)
                starts.append(pos)
                pos += len(w)
            self._starts = starts
        return self._starts

    def end(self, i: int) -> int:
        """The text offset just after token ``i``."""
        return self.starts[i] + len(self.words[i])

    def span_text(self, a: int, b: int) -> str:
        """The text of tokens ``a..b`` as written (the tokens joined by spaces when the sentence
        has exactly that, which spares computing the offsets).
        """
        if self._starts is None:
            joined = " ".join(self.words[a:b])
            if b - a == 1 or joined in self._segment:
                return joined
        starts = self.starts
        return self._text[starts[a] : starts[b - 1] + len(self.words[b - 1])]

    def __len__(self) -> int:
        return len(self.words)


# a mark that ends a word ("killed," "said.") or starts one ("(RSF" "“terrorist"): never part
# of a :data:`TOKEN_RE` word, whatever the letters beside it
_TRAILING = frozenset(',.;:!?)]"”')
_LEADING = frozenset('(["“')


def tokenize(text: str, start: int = 0, end: int | None = None) -> Tokens:
    """Tokens of ``text[start:end]``: white-space separated words, split further by
    :data:`TOKEN_RE` only where they hold more than letters (two times faster than running the
    regex over the whole sentence).

    The regex is spared for the words it would cut where plain string tests already know:
    letters with one mark before or after (a word and the mark), digits alone (one figure),
    one character. Those are half the words that are not letters alone in wire copy.
    """
    words: list[str] = []
    add, extend, split = words.append, words.extend, TOKEN_RE.findall
    segment = text[start:end]
    for w in segment.split():
        if w.isalpha() or len(w) == 1 or w.isdecimal():
            add(w)  # decimal = the regex's \d (Unicode category Nd)
        elif w[-1] in _TRAILING and w[:-1].isalpha():
            add(w[:-1])
            add(w[-1])
        elif w[0] in _LEADING and w[1:].isalpha():
            add(w[0])
            add(w[1:])
        else:
            extend(split(w))
    return Tokens(text, start, words, segment)


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


_CLOSERS = frozenset("\"'”’)]")
_OPENERS = frozenset("\"“‘'([\\-–—•")


def _boundaries(text: str) -> list[tuple[int, int]]:
    """(start, end) of every candidate boundary: a run of line breaks, or a run of ". ! ?"
    with the closing quotes or brackets after it, followed by white space. Found with
    ``str.find`` (a C scan per character kind), which is three times faster than a regex.
    """
    marks: list[int] = []
    for ch in ".!?\n":
        i = text.find(ch)
        while i != -1:
            marks.append(i)
            i = text.find(ch, i + 1)
    marks.sort()
    n = len(text)
    out: list[tuple[int, int]] = []
    skip_to = -1
    for i in marks:
        if i < skip_to:
            continue
        j = i + 1
        if text[i] == "\n":
            while j < n and text[j] == "\n":
                j += 1
            out.append((i, j))
        else:
            while j < n and text[j] in ".!?":
                j += 1
            while j < n and text[j] in _CLOSERS:
                j += 1
            if j < n and not text[j].isspace():
                skip_to = j
                continue
            out.append((i, j))
        skip_to = j
    return out


def _ends_sentence(text: str, start: int, end: int) -> bool:
    """Whether the punctuation at ``text[start:end]`` ends a sentence: an upper-case letter,
    digit, quote or bracket follows, and the word before a full stop is no abbreviation
    ("Gen.", "No.", "U.N.").

    Called at every full stop of every article (a sixth of English extraction on 3 KB of
    short sentences): the common case, one space and a capital after a plain word, is read
    with C string methods; only the rare rest walks characters one by one.
    """
    nxt = end
    n = len(text)
    while nxt < n and text[nxt] in " \t":
        nxt += 1
    if nxt >= n or text[nxt] in "\r\n":
        return True
    ch = text[nxt]
    if not (ch.isupper() or ch.isdigit() or ch in _OPENERS):
        return False
    if text[start] == ".":
        # the run of letters and full stops before it (at most 24 characters): mostly the
        # whole word after the last space (dots read as letters for the check)
        lo = start - 24 if start > 24 else 0
        space = text.rfind(" ", lo, start)
        word = text[(lo if space < 0 else space + 1) : start]
        if not word or not word.replace(".", "a").isalpha():
            word = _letters_before(text, start)
        w = word.lower().rstrip(".")
        if w and (w in ABBREVIATIONS or len(w) == 1):
            return False
    return True


def _letters_before(text: str, end: int) -> str:
    """The run of letters and full stops that ends at ``end``, at most 24 characters long."""
    k = end
    while k > 0 and end - k < 24 and (text[k - 1].isalpha() or text[k - 1] == "."):
        k -= 1
    return text[k:end]


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of ``text`` (leading white space excluded); the first line is a headline
    when it is short, has no final punctuation and more text follows (as pages print titles).
    """
    out: list[Sentence] = []
    para = 0
    start = 0
    n = len(text)
    for b0, b1 in _boundaries(text):
        is_break = text[b0] == "\n"
        if not is_break and not _ends_sentence(text, b0, b1):
            continue
        end = b0 if is_break else b1
        while start < end and text[start] in " \t\r":
            start += 1
        if start < end:
            out.append(Sentence(start, end, para))
        start = b1
        if is_break:
            para += 1
    while start < n and text[start] in " \t\r":
        start += 1
    if start < n and text[start:].strip():
        out.append(Sentence(start, n, para))
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
