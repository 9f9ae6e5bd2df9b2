"""Signatures of team-written sentences, for the event tests."""

from __future__ import annotations

from streams.core.events.signature import Signature, signature_of
from tests.unit.core.conftest import make_article, make_claim


def sig(aid: str, text: str, t: float = 0.0, figure: int | None = None, **kw) -> Signature:
    """The signature of an article ``aid`` with ``text`` (arrival ``t``; ``published``,
    ``source``, ``title`` or ``url`` as keywords); ``figure``: one killed claim of it.
    """
    claims = [make_claim(lo=figure, article=aid)] if figure is not None else []
    return signature_of(make_article(aid, text, **kw), claims, t)
