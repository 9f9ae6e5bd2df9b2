"""THE Arabic text layer: every stage normalizes, tokenizes and matches words through here.

* :mod:`.normalize` — one normalizer (with offsets back to the original text, or without);
* :mod:`.tokens` — word tokens for matching, word-and-punctuation tokens for extraction;
* :mod:`.affixes` — the one proclitic/suffix table and the readings of a word;
* :mod:`.lexicon` — the one TSV loader and the one phrase matcher;
* :mod:`.places` — the incident-kind lexicon; places: the one gazetteer, :mod:`.geo`.

Pure: no I/O besides reading the package's lexicon files once.
"""

from .affixes import conjunction_forms, stem, strip_proclitic, word_forms
from .lexicon import Match, PhraseTable, lexicon_words, literal_regex, load_rows
from .normalize import (
    normalize,
    normalize_with_offsets,
    normalize_word,
    original_offset,
    without_bidi_controls,
)
from .places import KindLexicon, kind_lexicon
from .tokens import TOKEN_RE, phrase_tokens, tokens

__all__ = [
    "TOKEN_RE",
    "KindLexicon",
    "Match",
    "PhraseTable",
    "conjunction_forms",
    "kind_lexicon",
    "lexicon_words",
    "literal_regex",
    "load_rows",
    "normalize",
    "normalize_with_offsets",
    "normalize_word",
    "original_offset",
    "phrase_tokens",
    "stem",
    "strip_proclitic",
    "tokens",
    "without_bidi_controls",
    "word_forms",
]
