"""English claim extraction: the same output contract as the Arabic extractor.

``extract_claims_en(article)`` returns the casualty claims of an English article (``lang`` "en");
which articles are English is decided by :mod:`streams.core.text.language`. Stages, one module
each: :mod:`.tokens` (sentences, tokens), :mod:`.figures` (numbers and hedges), :mod:`.metric`
(what a figure counts), :mod:`.victims`, :mod:`.attribution` (who said it), :mod:`.scope`,
:mod:`.claims` (assembly and per-article merging), :mod:`.sources` (English source names).
Word lists live in ``streams/core/lexicons/en/``.
"""

from __future__ import annotations

from .claims import extract_claims_en

__all__ = ["extract_claims_en"]
