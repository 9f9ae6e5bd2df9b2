"""Helpers for the English extraction tests: sentences the team wrote, one behaviour each."""

from __future__ import annotations

from streams.core.english import extract_claims_en
from streams.core.model import Article, Claim


def run(
    text: str, title: str | None = None, source: str | None = "newsdesk.example"
) -> list[Claim]:
    return extract_claims_en(Article(id="t", text=text, title=title, source=source, lang="en"))


def one(text: str, **kw: object) -> Claim:
    found = run(text, **kw)  # type: ignore[arg-type]
    assert len(found) == 1, [(c.metric, c.min, c.max, c.attributed_to) for c in found]
    return found[0]


def values(text: str) -> list[tuple[str, int, int | None]]:
    return [(c.metric, c.min, c.max) for c in run(text)]
