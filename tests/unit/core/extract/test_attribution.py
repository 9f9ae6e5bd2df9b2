"""Who states the figure, and how source names are resolved."""

from __future__ import annotations

from streams.core.sources import claim_source

from .conftest import one, run


def test_own_voice_has_no_attribution():
    assert one("قتل 9 أشخاص في انفجار بالعاصمة.").attributed_to is None


def test_speech_verb_names_the_speaker():
    c = one("قالت وزارة الصحة إن 31 شخصا قتلوا في الهجوم.")
    assert c.attributed_to == "وزارة الصحة"


def test_according_to_after_the_figure():
    c = one("قتل 13 شخصا في الهجوم، بحسب مصادر طبية.")
    assert c.attributed_to == "مصادر طبية"


def test_according_to_before_the_figure():
    c = one("وبحسب الدفاع المدني، فإن 13 شخصا لقوا حتفهم.")
    assert c.attributed_to == "الدفاع المدني"


def test_according_to_with_lam_drops_the_preposition():
    c = one("ولا يزال 70 شخصا مفقودين، وذلك وفقا للأمم المتحدة.")
    assert c.attributed_to == "الأمم المتحدة"


def test_relay_names_the_original_source():
    c = one("نقلت وكالة رويترز عن مصدر أمني قوله إن 8 جنود قتلوا.")
    assert c.attributed_to == "مصدر أمني"


def test_correspondent():
    c = one("أفاد مراسلنا بأن 4 أشخاص قتلوا في القصف.")
    assert c.attributed_to == "مراسلنا"


def test_observatory_names_resolve_to_one_source():
    short = one("وقال المرصد السوري إن 19 مقاتلا قتلوا في المعارك.")
    director = one("وقال مدير المرصد رامي عبد الرحمن إن 19 مقاتلا قتلوا في المعارك.")
    assert short.source_id == director.source_id == "sohr"
    assert short.source_type == "monitor"


def test_the_speaker_is_kept_as_written():
    c = one("وقال المرصد إن 19 مقاتلا قتلوا في المعارك.")
    assert c.attributed_to == "المرصد"
    assert claim_source(c, country="sy").id == "sohr"


def test_definite_head_refers_back_to_the_named_ministry():
    found = run(
        "أعلنت وزارة الداخلية العراقية مقتل 5 من عناصر الشرطة.\n"
        "وذكرت الوزارة في بيان أن 9 آخرين أصيبوا بجروح."
    )
    assert [c.attributed_to for c in found] == [
        "وزارة الداخلية العراقية",
        "وزارة الداخلية العراقية",
    ]


def test_implicit_subject_keeps_the_previous_speaker():
    c = run("وقال وزير الصحة للصحفيين إن 15 قتلوا، لكنه قال إن 40 أصيبوا.")
    assert [x.attributed_to for x in c] == ["وزير الصحة للصحفيين", "وزير الصحة للصحفيين"] or [
        x.attributed_to for x in c
    ] == ["وزير الصحة", "وزير الصحة"]


def test_two_sources_with_the_same_figure_are_two_claims():
    found = run(
        "قالت الشرطة إن 20 شخصا قتلوا في الانفجار.\nوقال مسؤولون في المستشفى إن 20 شخصا قتلوا أيضا."
    )
    assert len(found) == 2


def test_same_figure_repeated_by_one_source_is_one_claim():
    found = run("قالت الشرطة إن 20 شخصا قتلوا.\nوأكدت الشرطة أن 20 شخصا قتلوا في الانفجار.")
    assert len(found) == 1


def test_headline_figure_restated_in_the_body_takes_the_body_attribution():
    found = run(
        "مقتل 12 في انفجار بمصنع\nقال الدفاع المدني إن 12 شخصا قتلوا في انفجار بمصنع للكيماويات.",
    )
    assert [(c.min, c.attributed_to) for c in found] == [(12, "الدفاع المدني")]


def test_publisher_is_the_article_source():
    assert one("قتل 3 أشخاص في حادث.", source="aljazeera.net").source == "aljazeera.net"


def test_implicit_subject_reaches_back_to_a_sentence_without_figures():
    c = one("قال وزير الصحة إن الوضع صعب في المستشفيات. وأضاف أن 20 شخصا قتلوا.")
    assert c.attributed_to == "وزير الصحة"


def test_implicit_subject_takes_the_latest_speaker_not_the_latest_figure():
    found = run("قال المرصد إن 5 قتلوا. وقالت الشرطة إن التحقيق جار. وأضافت أن 3 أصيبوا.")
    assert [c.attributed_to for c in found] == ["المرصد", "الشرطة"]


def test_implicit_subject_with_nobody_named_is_own_voice():
    assert one("وأضاف أن 3 أصيبوا.").attributed_to is None


def test_speaker_stops_before_in_a_statement():
    c = one("قالت منظمة أطباء بلا حدود في بيان إن 30 جريحا وصلوا إلى المستشفى.")
    assert c.attributed_to == "منظمة أطباء بلا حدود"


def test_speaker_stops_at_a_comma_before_in_a_statement():
    c = one("وقال المكتب الإعلامي الحكومي في غزة، في بيان، إن عدد الشهداء ارتفع إلى 200 شهيد.")
    assert c.attributed_to == "المكتب الإعلامي الحكومي في غزة"


def test_according_to_source_stops_before_fa_inna():
    assert one("وحسب الأرقام الرسمية فإن 45 شخصا توفوا.").attributed_to == "الأرقام الرسمية"


def test_speaker_with_an_addressee_in_quotes():
    c = one('صرح مدير المستشفى لـ"العربي الجديد" بأن 12 جثة وصلت إلى المستشفى.')
    assert (c.metric, c.attributed_to) == ("bodies", "مدير المستشفى")
