"""Casualty claims from Arabic news text: ``extract_claims(article) -> list[Claim]``.

Pure and deterministic: no I/O besides the lexicons loaded at import, claims ordered by
the position of their figure in the text. The stages, one module each:

1. :mod:`.sentences` — the article as sentences of tokens, offsets back to the text;
2. :mod:`.figures` — digits, number words, duals, vague quantities; hedges and ranges
   turn them into min/max (docs/ARCHITECTURE.md, "Output contract": value conventions);
3. :mod:`.metric` — the casualty cue bound to a figure; figures counting vehicles, money,
   time ... are dropped, and so are denied or forecast ones; the scope (event or cumulative);
4. :mod:`.victims` — the victim phrase and its class;
5. :mod:`.attribution` — speech verbs, "according to", relays, anaphora;
6. :mod:`.claims` — per sentence and per article (merging), :func:`extract_claims`.
"""

from .claims import extract_claims
from .figures import Figure, parse_figures
from .lexicons import DUALS, NUMBER_WORDS, VAGUE

__all__ = ["DUALS", "NUMBER_WORDS", "VAGUE", "Figure", "extract_claims", "parse_figures"]
