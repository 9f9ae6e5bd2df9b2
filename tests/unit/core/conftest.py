"""Claims and articles for the core's tests, built with only the fields a test cares about."""

from __future__ import annotations

import pytest

from streams.core.model import Article, Claim


def make_claim(
    metric: str = "killed",
    lo: int = 10,
    hi: int | None | str = "same",
    *,
    approximate: bool = False,
    victim: str = "",
    victim_class: str = "unknown",
    attributed_to: str | None = None,
    source: str | None = "outlet-a",
    article: str = "art-1",
    scope: str = "event",
    quote: str | None = None,
    via: str | None = None,
) -> Claim:
    return Claim(
        article=article,
        metric=metric,
        min=lo,
        max=lo if hi == "same" else hi,  # type: ignore[arg-type]
        approximate=approximate,
        victim=victim,
        victim_class=victim_class,
        attributed_to=attributed_to,
        source=source,
        scope=scope,
        quote=quote if quote is not None else f"{metric} {lo} {attributed_to}",
        via=via,
    )


def make_article(aid: str, text: str, *, source: str | None = None, published: str | None = None,
                 title: str | None = None, url: str | None = None) -> Article:  # fmt: skip
    return Article(id=aid, text=text, source=source, published=published, title=title, url=url)


@pytest.fixture
def claim():
    return make_claim
