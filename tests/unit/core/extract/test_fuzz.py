"""Fuzz: the team's own sentences, mutated, never give an insane figure or a lost quote.

Mutations insert digits, hedges, range words, invisible and bidi characters, punctuation and
number words at random places of sentences written for this test. Whatever comes out, every
claim has ``min <= max``, both within the plausibility bound, and a quote that is in the
text (bidi controls aside: quotes drop them), and extraction never raises.

The default run is a few hundred cases; ``FUZZ_EXAMPLES=10000`` runs more (README,
"Development").
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from streams.core.extract import extract_claims
from streams.core.model import Article
from tests.unit.core.fuzzing import EXAMPLES, check_claims, mutated

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


def check(text: str) -> None:
    """The guarantees every claim of ``text`` keeps (:func:`tests.unit.core.fuzzing.check_claims`)."""
    check_claims(extract_claims(Article(id="fuzz", text=text)), text)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated(SENTENCES, INSERTIONS))
def test_mutated_team_sentences_keep_every_figure_sane_and_every_quote_in_the_text(text):
    check(text)


def test_each_team_sentence_gives_claims_unmutated():
    assert all(extract_claims(Article(id="s", text=s)) for s in SENTENCES)
