"""What was hit: the named targets of an incident ("مدرسة التابعين", "سوق صابرين").

Attacks of one kind in one city on one kind of target recur: two Gaza City schools two days
apart, two Peshawar mosques. When both reports name their school, the names tell them apart
even where the dates do not. A target is an indefinite noun of ``targets.tsv`` (school,
mosque, market...) followed by its name:

* the name is one word, or two when the first opens a compound ("عبد الفتاح", "أم درمان") or
  the second carries the article ("سوق الخضار"); quote marks around it are read through;
* words that describe rather than name are skipped ("مدرسة تؤوي نازحين", "سوق شعبي"); a word
  that ends a name (a preposition, a relative, a word for a kind of place, a stop word of
  event comparison, punctuation) ends it;
* a name joined by و continues a list ("مدرستي عبد الفتاح حمود والزهراء");
* a noun with the article ("المدرسة") refers back to a target already named: no name follows;
* a hospital counts only after an attack word ("قصف مستشفى"), a fire in it ("حريق مستشفى")
  or one of its wards ("قسم العزل بمستشفى"): more often it is where the wounded were taken;
  a target after "إلى" or "نقل" (carried to) never counts.

Each target is ``type:stem``, so "مدرسة التابعين" and "مدرسة «التابعين» الشرعية" share
``school:تابع``.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from streams.core.text import TOKEN_RE, load_rows, normalize, normalize_word, stem
from streams.core.text.affixes import strip_proclitic
from streams.core.text.geo.overlay import cues as place_cues

__all__ = ["MAX_TARGETS", "targets"]

MAX_TARGETS = 12
_QUOTES = frozenset("\"'«»“”„‘’")
_DEFINITE = ("ال", "لل")
# a name does not open with a preposition ("لكرة القدم", "بوهران", "للمسلمين") or a conjunction
# on the article ("والحي")
_PREPOSITIONS = ("ب", "ل", "كال", "وال", "فال")


@lru_cache(maxsize=1)
def _lexicon() -> tuple[dict[str, str], dict[str, frozenset[str]], frozenset[str]]:
    nouns: dict[str, str] = {}
    roles: dict[str, set[str]] = {}
    attacked: set[str] = set()
    for word, role, kind, *_gloss in load_rows("targets.tsv"):
        if role == "noun":
            nouns[normalize_word(word)] = kind
        elif role == "attacked":
            attacked.add(kind)
        else:
            roles.setdefault(role, set()).add(normalize_word(word))
    c = place_cues()
    roles.setdefault("stop", set()).update(c.type | c.locative)
    return nouns, {k: frozenset(v) for k, v in roles.items()}, frozenset(attacked)


def _role(tok: str, role: str) -> bool:
    words = _lexicon()[1].get(role, frozenset())
    return any(r in words for r in strip_proclitic(tok))


def _noun(tok: str) -> str | None:
    nouns = _lexicon()[0]
    for reading in strip_proclitic(tok):
        if reading in nouns:
            return nouns[reading]
    return None


def _definite(tok: str) -> bool:
    bare = tok[1:] if tok[:1] in ("و", "ف") else tok
    return bare.startswith(_DEFINITE) or bare[1:].startswith("ال") and bare[:1] in ("ب", "ك")


class _Reader:
    def __init__(self, toks: Sequence[str], stop_words: frozenset[str]) -> None:
        self.toks = toks
        self.stop_words = stop_words

    def ends_name(self, tok: str) -> bool:
        if not tok[:1].isalpha() or tok.isdigit() or _noun(tok) is not None:
            return True
        if _role(tok, "stop"):
            return True
        return any(r in self.stop_words for r in strip_proclitic(tok))

    def word(self, i: int) -> int:
        """The next word after quote marks, from ``i`` (``len(toks)`` when none)."""
        while i < len(self.toks) and self.toks[i] in _QUOTES:
            i += 1
        return i

    def name(self, i: int, joined: bool = False) -> tuple[list[str], int]:
        """The stems of one name starting at or after ``i``, and where it ended; ``joined``:
        the name's first word carries the و of a list ("والزهراء").
        """
        toks = self.toks
        i = self.word(i)
        while not joined and i < len(toks) and _role(toks[i], "generic"):
            i = self.word(i + 1)
        if i >= len(toks):
            return [], i
        first = toks[i][1:] if joined else toks[i]
        if self.ends_name(first) or (first.startswith(_PREPOSITIONS) and not _role(first, "head")):
            return [], i
        out = [first]
        for _ in range(2):  # "عبد الفتاح حمود": a compound and the word after it
            nxt = self.word(i + 1)
            if nxt >= len(toks) or self.ends_name(toks[nxt]) or _role(toks[nxt], "generic"):
                break
            if not (_role(out[0], "head") or toks[nxt].startswith("ال")):
                break
            out.append(toks[nxt])
            i = nxt
        stems = [s for s in (stem(t) for t in out) if len(s) >= 3 and not _role(s, "head")]
        return stems, i + 1


def _struck(toks: Sequence[str], i: int, before: list[str]) -> bool:
    """Whether a target of an attacked type (a hospital) at ``i`` is where the incident
    happened: an attack or incident word, or a part of it ("قسم العزل"), in the two words
    before it, and no word of carrying the wounded in the four before it ("نقلوا إلى قسم
    الطوارئ في مستشفى ..." is where they were taken).
    """
    if not any(_role(t, "attack") for t in before):
        return False
    return not any(_role(t, "away") for t in toks[max(0, i - 4) : i] if t[:1].isalpha())


def targets(text: str, stop_words: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """The named targets in ``text`` as ``type:stem`` (see the module docstring), at most
    :data:`MAX_TARGETS`, in the order they are first named. ``stop_words``: stems that never
    name anything (the event stop words).
    """
    toks = TOKEN_RE.findall(normalize(text))
    reader = _Reader(toks, stop_words)
    attacked = _lexicon()[2]
    found: list[str] = []
    for i, tok in enumerate(toks):
        kind = _noun(tok)
        if kind is None or _definite(tok):
            continue
        before = [t for t in toks[max(0, i - 2) : i] if t[:1].isalpha()]
        if any(_role(t, "away") for t in before):
            continue
        if kind in attacked and not _struck(toks, i, before):
            continue
        stems, end = reader.name(i + 1)
        while stems:
            for s in stems:
                key = f"{kind}:{s}"
                if key not in found:
                    found.append(key)
            j = reader.word(end)
            if j >= len(toks) or not toks[j].startswith("و") or len(toks[j]) < 4:
                break
            stems, end = reader.name(j, joined=True)
    return tuple(found[:MAX_TARGETS])
