"""Fuzz: the team's own sentences, mutated, never give an insane figure or a lost quote.

Mutations insert digits, hedges, range words, invisible and bidi characters, punctuation and
number words at random places of sentences written for this test. Whatever comes out, every
claim has ``min <= max``, both within the plausibility bound, and a quote that is in the
text (bidi controls aside: quotes drop them), and extraction never raises.

The default run is a few hundred cases; ``FUZZ_EXAMPLES=10000`` runs more (README,
"Development").
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from streams.core.extract import extract_claims
from streams.core.extract.figures import MAX_FIGURE
from streams.core.model import Article
from streams.core.text import without_bidi_controls

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "300"))

SENTENCES = [
    "قتل 14 شخصا وأصيب 31 آخرون في انفجار سيارة مفخخة وسط مدينة الموصل صباح الثلاثاء.",
    "قالت وزارة الصحة إن حصيلة القصف ارتفعت إلى 52 قتيلا بينهم 9 أطفال.",
    "أعلن الدفاع المدني انتشال ما لا يقل عن 23 جثة من تحت الأنقاض في بلدة سراقب.",
    "أفاد مصدر طبي بمقتل نحو 40 مدنيا وجرح العشرات في غارة على سوق شعبي.",
    "وذكر المرصد أن بين 60 و75 عنصرا من القوات الحكومية قتلوا في الهجوم.",
    "لقي أكثر من مئة شخص حتفهم وفقد ثلاثة وعشرون آخرون إثر غرق قارب قبالة السواحل.",
    "قتل جنديان وأصيب خمسة آخرون بانفجار عبوة ناسفة على طريق المطار.",
    "أسر الجيش 3 آلاف مقاتل منذ بداية الحملة العسكرية.",
    "وأشارت الأمم المتحدة إلى أن عدد الضحايا المدنيين تجاوز 1,250 شخصا خلال شهر واحد.",
    "أكدت مصادر محلية مقتل ٦٢ عنصرا من الجيش بينما تحدث المرصد عن 80 قتيلا.",
    "قتل 7 إلى 9 أشخاص في اشتباكات قبلية شرقي البلاد بحسب شهود عيان.",
    "أصيب عشرات المتظاهرين بجروح واعتقل نحو 200 آخرين في العاصمة.",
]

INSERTIONS = [
    "0",
    "7",
    "80",
    "999999999999",
    "3.5",
    "٣٫٥",
    "1,200",
    "أكثر من",
    "أكثر من 80 إلى",
    "ما لا يقل عن",
    "ما لا يقل عن 500 -",
    "80 إلى",
    "بين 90 و",
    "على الأقل",
    "نحو",
    "أقل من",
    "بين",
    "إلى",
    "-",
    "و",
    "ألف",
    "آلاف",
    "مليون",
    "ملايين",
    "عشرات",
    "مئات",
    "ثلاثة",
    "وعشرين",
    "قتيلا",
    "جريحا",
    "قتل",
    "،",
    ".",
    ":",
    "/",
    "\n",
    "\u00ad",
    "\u200b",
    "\u200c",
    "\u200d",
    "\u2060",
    "\ufeff",
    "\u200e",
    "\u200f",
    "\u061c",
    "\u202a",
    "\u202b",
    "\u202c",
    "\u202d",
    "\u202e",
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
]


@st.composite
def mutated(draw: st.DrawFn) -> str:
    """One to three team sentences with up to a dozen insertions at random places."""
    text = " ".join(draw(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=3)))
    for _ in range(draw(st.integers(0, 12))):
        where = draw(st.integers(0, len(text)))
        piece = draw(st.sampled_from(INSERTIONS))
        pad = draw(st.sampled_from(["", " "]))
        text = text[:where] + pad + piece + pad + text[where:]
    return text


def check(text: str) -> None:
    """The guarantees every claim of ``text`` keeps."""
    shown = without_bidi_controls(text)
    for claim in extract_claims(Article(id="fuzz", text=text)):
        assert 0 <= claim.min <= MAX_FIGURE, claim
        assert claim.max is None or claim.min <= claim.max <= MAX_FIGURE, claim
        assert claim.quote and claim.quote in shown, claim


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_team_sentences_keep_every_figure_sane_and_every_quote_in_the_text(text):
    check(text)


def test_each_team_sentence_gives_claims_unmutated():
    assert all(extract_claims(Article(id="s", text=s)) for s in SENTENCES)
