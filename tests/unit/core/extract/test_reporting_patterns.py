"""Common shapes of Arabic casualty reporting, one behaviour per sentence."""

from __future__ import annotations

from .conftest import one, run


def test_thousands_with_a_remainder():
    c = one("وقالت وزارة الصحة إن حصيلة الشهداء ارتفعت إلى 34 ألفا و356 شهيدا.")
    assert (c.metric, c.min) == ("killed", 34356)


def test_since_a_date_is_cumulative():
    assert one("ارتفعت حصيلة القتلى إلى 900 قتيل منذ 7 أكتوبر.").scope == "cumulative"


def test_since_a_year_is_cumulative():
    assert one("قتل 400 شخص على الأقل منذ 2023 في المعارك.").scope == "cumulative"


def test_claimed_the_lives_with_the_subject_in_between():
    c = one("أودى الزلزال بحياة أكثر من 2000 شخص.")
    assert (c.metric, c.min, c.max) == ("killed", 2001, None)


def test_victim_noun_with_possessive_suffix():
    assert one("أعلن الفصيل مقتل 14 من مقاتليه في المعارك.").victim_class == "armed_groups"


def test_soldiers_with_possessive_suffix():
    assert one("وأعلن الجيش أن 3 من جنوده قتلوا في المعارك.").victim_class == "security_forces"


def test_speaker_with_addressee_is_cut_before_the_quote_mark():
    c = one("قال المتحدث باسم الدفاع المدني لـ«الجزيرة» إن 20 شخصا قتلوا.")
    assert c.attributed_to == "المتحدث باسم الدفاع المدني"


def test_according_to_what_was_reported_by():
    assert one("وبحسب ما أفادت به وزارة الصحة، فقد توفي 6 أشخاص.").attributed_to == "وزارة الصحة"


def test_dual_in_a_sub_count():
    found = run("قتل 10 أشخاص بينهم طفلان.")
    assert [(c.min, c.victim_class) for c in found] == [(10, "unknown"), (2, "civilians")]


def test_number_word_sub_count_before_a_place_for_displaced_people():
    found = run("قتل سبعة أشخاص بينهم ثلاثة أطفال في قصف على مخيم للنازحين.")
    assert [c.min for c in found] == [7, 3]


def test_teen_number_word():
    found = run("تسبب الحريق في وفاة 11 شخصا وإصابة ثمانية عشر آخرين.")
    assert [(c.metric, c.min) for c in found] == [("killed", 11), ("injured", 18)]


def test_abduction_is_captured():
    c = one("قالت مصادر محلية إن مسلحين اختطفوا 20 شخصا على الطريق.")
    assert (c.metric, c.attributed_to) == ("captured", "مصادر محلية")


def test_more_than_after_a_previous_figure():
    found = run("ارتفع عدد ضحايا حادث القطار إلى 43 قتيلا وأكثر من 100 مصاب.")
    assert [(c.metric, c.min, c.max) for c in found] == [("killed", 43, 43), ("injured", 101, None)]


def test_trailing_estimate_does_not_override_a_named_speaker():
    c = one("وذكرت وكالة الأنباء أن عدد القتلى يبلغ 54 قتيلا وفق تقديرات أولية.")
    assert c.attributed_to == "وكالة الأنباء"


def test_trailing_source_beats_an_earlier_speaker_for_its_own_clause():
    found = run(
        "تقول السلطات إن 300 شخص قتلوا، ولا يزال 700 في عداد المفقودين، وفقا للهلال الأحمر."
    )
    assert [(c.metric, c.attributed_to) for c in found] == [
        ("killed", "السلطات"),
        ("missing", "الهلال الأحمر"),
    ]


def test_observatory_named_before_a_colon():
    c = one('وفي آخر حصيلة للمرصد السوري لحقوق الإنسان: "قتل 16 عنصرا من قوات النظام".')
    assert c.attributed_to == "المرصد السوري لحقوق الإنسان"


def test_headline_prefix_names_the_speaker():
    found = run("الداخلية العراقية: مقتل 4 من الشرطة في هجوم\nوقع الهجوم فجر اليوم على نقطة تفتيش.")
    assert found[0].attributed_to == "الداخلية العراقية"


def test_title_is_read_as_the_headline():
    found = run("وقال مسؤولون إن 9 أشخاص قتلوا في الانفجار.", title="مقتل 9 في انفجار بمخزن للوقود")
    assert [(c.min, c.attributed_to) for c in found] == [(9, "مسؤولون")]


def test_own_voice_statement_repeating_an_attributed_one_is_merged():
    found = run(
        "وقع انفجار في المصنع. قتل 4 عمال وأصيب 6 آخرون.\nوأكدت مصادر طبية مقتل 4 عمال وإصابة 6 آخرين."
    )
    assert {c.attributed_to for c in found} == {"مصادر طبية"}
    assert len(found) == 2


def test_hours_before_a_figure_are_not_a_count():
    found = run("ارتفاع حصيلة الشهداء إلى 115 شهيدا و250 مصابا خلال الساعات الـ24 الماضية.")
    assert [(c.metric, c.min) for c in found] == [("killed", 115), ("injured", 250)]


def test_trailing_source_covers_figures_without_a_speaker_of_their_own():
    found = run("قتل 3 أشخاص وجرح 12 آخرون في انفجار عبوة ناسفة، بحسب ما أفاد مصدر أمني.")
    assert [c.attributed_to for c in found] == ["مصدر أمني", "مصدر أمني"]


def test_participle_continues_the_previous_speaker():
    c = one("نفت الشرطة وقوع أي قتلى، مؤكدة أن 5 أشخاص أصيبوا بجروح طفيفة.")
    assert (c.metric, c.attributed_to) == ("injured", "الشرطة")


def test_killed_or_injured_is_casualties():
    assert one("وذكر شهود عيان أن عشرات الجنود قتلوا أو أصيبوا في الهجوم.").metric == "casualties"


def test_one_and_two_as_words():
    found = run("قتل شخص واحد وأصيب اثنان في حادث سير.")
    assert [(c.metric, c.min) for c in found] == [("killed", 1), ("injured", 2)]


def test_displaced_families_are_not_casualties_but_the_killed_are():
    found = run("وأعلنت الوكالة أن 1200 عائلة نزحت من المنطقة، فيما قتل 4 أشخاص.")
    assert [(c.metric, c.min) for c in found] == [("killed", 4)]


def test_ages_between_two_numbers_are_not_a_range_of_victims():
    assert run("وتبلغ أعمار الضحايا بين 18 و25 عاما.") == []


def test_decimal_millions_of_people_in_need_are_not_casualties():
    found = run("قالت الأمم المتحدة إن 2.5 مليون شخص بحاجة إلى مساعدات، وإن 300 مدني قتلوا.")
    assert [(c.min, c.victim_class) for c in found] == [(300, "civilians")]


def test_year_after_since_is_not_a_toll_and_the_toll_is_still_found():
    c = one("قال المرصد السوري إن حصيلة القتلى في سوريا منذ عام 2011 تجاوزت 500 ألف شخص.")
    assert (c.min, c.max, c.scope) == (500001, None, "cumulative")
    assert (c.attributed_to, c.source_id) == ("المرصد السوري", "sohr")


def test_sport_scores_and_match_minutes_are_not_casualties():
    assert run("سجل المنتخب 3 أهداف في المباراة التي شهدت إصابة لاعبين.") == []
    assert run("أصيب اللاعب في الدقيقة 60 من المباراة.") == []


def test_according_to_what_was_announced_with_an_object_pronoun():
    c = one("أسفر القصف عن سقوط 30 شهيدا، بحسب ما أعلنته مصادر طبية.")
    assert c.attributed_to == "مصادر طبية"


def test_went_missing_verb_with_conjunction():
    found = run("قتل 20 مهاجرا على الأقل وفقد 30 آخرون إثر غرق قارب.")
    assert [(c.metric, c.min, c.max) for c in found] == [("killed", 20, None), ("missing", 30, 30)]


def test_first_person_statement_of_a_force():
    c = one('وقال الناطق باسم الجيش: "قتلنا 40 إرهابيا خلال العملية".')
    assert (c.metric, c.victim_class, c.attributed_to) == (
        "killed",
        "armed_groups",
        "الناطق باسم الجيش",
    )
