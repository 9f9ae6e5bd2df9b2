"""Properties on mutated text: nothing raises, ranges are ordered, quotes are in the text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from streams.core.english import extract_claims_en
from streams.core.model import Article

SENTENCES = [
    "At least 23 people were killed and more than 40 wounded, the ministry said.",
    "According to medics, dozens of civilians, including 7 children, died.",
    '"We counted 18 bodies," said the head of the rescue service.',
    "The death toll rose from 20 to 27, officials said, and could rise to 50.",
    "Between 30 and 60 fighters were captured, a security source told AFP.",
    "A 12-year-old was among the 9 injured on 7 October 2023.",
    "He added that 50 of them were in a critical condition.",
]
PIECES = st.sampled_from(
    [
        " ",
        ",",
        ".",
        "\n",
        '"',
        "“",
        "”",
        "’",
        "(",
        ")",
        "—",
        "-",
        "killed",
        "at least",
        "of",
        "said",
        "12",
        "1,200",
        "twenty-one",
        "a dozen",
        "them",
        "according to",
        "citing",
    ]
)


@st.composite
def mutated(draw: st.DrawFn) -> str:
    text = " ".join(draw(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=4)))
    for _ in range(draw(st.integers(0, 6))):
        i = draw(st.integers(0, len(text)))
        if draw(st.booleans()):
            text = text[:i] + draw(PIECES) + text[i:]
        else:
            text = text[:i] + text[i + draw(st.integers(1, 6)) :]
    return text


@settings(max_examples=300, deadline=None)
@given(mutated(), st.one_of(st.none(), st.text(max_size=30)))
def test_mutated_text_gives_ordered_ranges_and_real_quotes(text: str, title: str | None) -> None:
    article = Article(id="p", text=text, title=title, source="newsdesk.example", lang="en")
    for claim in extract_claims_en(article):
        assert claim.max is None or claim.min <= claim.max
        assert claim.min >= 0
        assert claim.quote and claim.quote in ((title or "") + "\n" + text)
        assert claim.victim in claim.quote or claim.victim == ""
        assert claim.lang == "en"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_arbitrary_text_never_raises(text: str) -> None:
    extract_claims_en(Article(id="p", text=text, lang="en"))
