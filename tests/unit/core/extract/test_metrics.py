"""Which casualty metric a figure is bound to."""

from __future__ import annotations

import pytest

from .conftest import one, run


@pytest.mark.parametrize(
    "sentence",
    [
        "قتل 8 أشخاص في الهجوم.",
        "أسفر الانفجار عن مقتل 8 أشخاص.",
        "لقي 8 أشخاص حتفهم في الحادث.",
        "لقي 8 أشخاص مصرعهم في الحادث.",
        "أدى الحريق إلى سقوط 8 قتلى.",
        "أعلنت الوزارة استشهاد 8 مواطنين.",
        "ارتفع عدد الشهداء إلى 8.",
        "قضى 8 أشخاص غرقا.",
        "سجلت المستشفيات 8 وفيات.",
    ],
)
def test_killed_cues(sentence):
    assert one(sentence).metric == "killed"


@pytest.mark.parametrize(
    "sentence",
    [
        "أصيب 14 شخصا بجروح.",
        "أسفر الحادث عن إصابة 14 شخصا.",
        "نقل 14 جريحا إلى المستشفى.",
        "وصل 14 مصابا إلى الطوارئ.",
    ],
)
def test_injured_cues(sentence):
    assert one(sentence).metric == "injured"


def test_missing():
    assert one("لا يزال 6 صيادين في عداد المفقودين.").metric == "missing"


def test_captured():
    assert one("أعلن الفصيل أسر 3 جنود خلال الهجوم.").metric == "captured"


def test_bodies():
    c = one("انتشلت فرق الدفاع المدني 11 جثة من تحت الأنقاض.")
    assert (c.metric, c.min) == ("bodies", 11)


def test_killed_and_injured_on_one_figure_is_casualties():
    assert one("أسفر القصف عن 150 قتيلا وجريحا.").metric == "casualties"


def test_killing_and_injuring_before_the_figure_is_casualties():
    assert one("أدى الانفجار إلى مقتل وإصابة 20 شخصا.").metric == "casualties"


def test_between_dead_and_wounded_is_casualties():
    assert one("سقط العشرات بين قتيل وجريح في الهجوم.").metric == "casualties"


def test_two_figures_two_metrics():
    found = run("قتل 12 شخصا وأصيب 40 آخرون في الهجوم.")
    assert [(c.metric, c.min) for c in found] == [("killed", 12), ("injured", 40)]


def test_killed_and_injured_nouns_after_two_figures():
    found = run("أسفر الهجوم عن 9 قتلى و31 جريحا.")
    assert [(c.metric, c.min) for c in found] == [("killed", 9), ("injured", 31)]


def test_vague_injured_after_a_hedged_killed_figure():
    found = run("اليمن: 40 قتيلا على الأقل وعشرات الجرحى في انفجار.")
    assert [(c.metric, c.min, c.max) for c in found] == [("killed", 40, None), ("injured", 20, 99)]


def test_metric_cue_far_before_the_figure_in_the_same_sentence():
    c = one(
        "أكد المسؤول أن العدد الإجمالي لمن قتل في الكمين الذي نصب على الطريق الدولي بلغ 23 عنصرا."
    )
    assert (c.metric, c.min) == ("killed", 23)


def test_victims_noun_counts_as_killed():
    assert one("انتشال 6 ضحايا من تحت الركام.").metric == "killed"
