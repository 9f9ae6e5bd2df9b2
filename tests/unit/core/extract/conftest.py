from __future__ import annotations

import pytest

from streams.core.extract import extract_claims
from streams.core.model import Article, Claim


def run(text: str, title: str | None = None, source: str | None = "example.com") -> list[Claim]:
    return extract_claims(Article(id="t", text=text, title=title, source=source))


def one(text: str, **kw) -> Claim:
    found = run(text, **kw)
    assert len(found) == 1, [(c.metric, c.min, c.max, c.attributed_to) for c in found]
    return found[0]


@pytest.fixture
def extract():
    return run
