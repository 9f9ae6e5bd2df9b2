"""What the extractors' fuzz tests share: team sentences mutated, and the guarantees checked."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence

from hypothesis import strategies as st

from streams.core.extract.figures import MAX_FIGURE
from streams.core.model import Claim
from streams.core.text import without_bidi_controls

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "300"))  # README, "Development"


def mutated(sentences: Sequence[str], insertions: Sequence[str]) -> st.SearchStrategy[str]:
    """One to three of ``sentences`` with up to a dozen ``insertions`` at random places."""

    @st.composite
    def build(draw: st.DrawFn) -> str:
        text = " ".join(draw(st.lists(st.sampled_from(sentences), min_size=1, max_size=3)))
        for _ in range(draw(st.integers(0, 12))):
            where = draw(st.integers(0, len(text)))
            piece = draw(st.sampled_from(insertions))
            pad = draw(st.sampled_from(["", " "]))
            text = text[:where] + pad + piece + pad + text[where:]
        return text

    return build()


def check_claims(claims: Iterable[Claim], text: str) -> None:
    """The guarantees every claim of ``text`` keeps: 0 <= min <= max within the
    plausibility bound, and a quote that is in the text (bidi controls aside).
    """
    shown = without_bidi_controls(text)
    for claim in claims:
        assert 0 <= claim.min <= MAX_FIGURE, claim
        assert claim.max is None or claim.min <= claim.max <= MAX_FIGURE, claim
        assert claim.quote and claim.quote in shown, claim
