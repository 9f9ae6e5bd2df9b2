"""Reporting shapes found while checking the extractor on text it was not written for
(tests/fixtures/heldout/); one behaviour per test."""

from __future__ import annotations

from .conftest import one, run


def _figs(found):
    return [(c.metric, c.min, c.max) for c in found]


# ---------------------------------------------------------------- figures


def test_month_name_before_a_rise_to_is_not_a_date_label():
    c = one("ارتفعت حصيلة الشهداء منذ السابع من أكتوبر إلى 4137 شهيدا.")
    assert (c.metric, c.min) == ("killed", 4137)


def test_counted_noun_before_a_hedged_second_figure_belongs_to_the_first():
    found = run("ارتفعت الحصيلة إلى 135 قتيلا وأكثر من 5000 جريح.")
    assert _figs(found) == [("killed", 135, 135), ("injured", 5001, None)]


def test_thousands_in_words_with_a_digit_remainder():
    assert one("قتل ألفا و200 شخص خلال الأسبوع.").min == 1200


def test_bound_verb_with_the_toll_noun_as_its_subject():
    c = one("فيما تجاوز عدد الشهداء من الصحفيين 140 صحفيا.")
    assert (c.min, c.max) == (141, None)


def test_one_after_a_noun_that_is_not_people_is_not_a_count():
    assert _figs(run("قتل 191 موظفا في نزاع واحد.")) == [("killed", 191, 191)]


# ---------------------------------------------------------------- metric cues


def test_drowned_is_killed():
    assert one("قالت المنظمة إن 61 مهاجرا غرقوا قبالة السواحل.").metric == "killed"


def test_feminine_killed_verb():
    assert one("وأكدت أن قواتها قتلت 80 مسلحا.").metric == "killed"


def test_their_fate_unknown_is_missing():
    c = one("وجرفت السيول 3 أشخاص لا يزال مصيرهم مجهولا.")
    assert (c.metric, c.min) == ("missing", 3)


def test_fate_of_n_unknown_is_missing():
    c = one("ولا يزال مصير 25 منهم مجهولا.")
    assert (c.metric, c.min) == ("missing", 25)


def test_lives_reaped_with_the_subject_in_between():
    c = one("حصد القصف أرواح 19 مدنيا.")
    assert (c.metric, c.min) == ("killed", 19)


def test_active_injured_verb():
    assert one("وأصاب الانفجار 40 شخصا في السوق.").metric == "injured"


def test_eliminating_in_a_military_statement_is_killed():
    c = one("أعلنت الوزارة القضاء على أكثر من 200 مسلح.")
    assert (c.metric, c.min, c.max) == ("killed", 201, None)


def test_executed_is_killed():
    assert one("أعدم التنظيم 15 مدنيا في القرية.").metric == "killed"


def test_displaced_people_who_were_killed():
    c = one("إن ما لا يقل عن 35 نازحا استشهدوا في القصف.")
    assert (c.metric, c.min, c.max) == ("killed", 35, None)


def test_killed_and_injured_after_a_clause_break_is_casualties():
    found = run("أعلن أسر أكثر من 2000 من القوات، ومقتل وإصابة 500 آخرين.")
    assert _figs(found) == [("captured", 2001, None), ("casualties", 500, 500)]


def test_among_the_victims_the_figure_keeps_its_own_noun():
    c = one("وأوضحت النيابة أن من بين الضحايا 4 جثث مجهولة الهوية.")
    assert (c.metric, c.min) == ("bodies", 4)


# ---------------------------------------------------------------- not claims


def test_floors_of_a_building_are_not_casualties():
    found = run("ارتفعت حصيلة ضحايا انهيار عقار مكون من 13 طابقا إلى 9 وفيات.")
    assert _figs(found) == [("killed", 9, 9)]


def test_supplies_enough_for_wounded_are_not_a_claim():
    assert run("سلمت اللجنة المستشفى مستلزمات تكفي لعلاج 300 جريح.") == []


def test_denial_governs_a_long_object():
    assert run("نفى مصدر عسكري ما تداولته مواقع إعلامية عن مقتل 10 جنود قرب دمشق.") == []


# ---------------------------------------------------------------- sub-counts and lists


def test_partitive_pronoun_counts_part_of_the_group_named_before():
    c = one("استقبلت المستشفيات عددا كبيرا من المصابين، وإن 30 منهم في حالة حرجة.")
    assert (c.metric, c.min) == ("injured", 30)


def test_in_addition_to_continues_a_list():
    found = run("قتل 25 عنصرا من قسد، إضافة إلى ستة مدنيين.")
    assert _figs(found) == [("killed", 25, 25), ("killed", 6, 6)]


def test_parenthetical_subgroup_between_the_figure_and_its_verb():
    c = one("وقالت المنظمة إن 20 شخصا، بينهم نساء وأطفال، قتلوا في القصف.")
    assert (c.metric, c.min) == ("killed", 20)


# ---------------------------------------------------------------- attribution


def test_pluperfect_subject_before_qad_is_the_speaker():
    c = one("وكانت مصادر طبية قد أفادت في وقت سابق بمقتل 13 شخصا.")
    assert c.attributed_to == "مصادر طبية"


def test_prepositional_phrase_after_a_speech_verb_is_not_a_speaker():
    assert one("وأعلنت في وقت سابق وفاة 11 شخصا.").attributed_to is None


def test_speech_verb_with_a_channel_before_that_continues_the_speaker():
    found = run("قالت لجان المقاومة إن القصف مستمر. وأضافت في بيان أن 9 أشخاص قتلوا.")
    assert [c.attributed_to for c in found] == ["لجان المقاومة"]


def test_pointed_out_that_continues_the_speaker():
    found = run(
        "وقال المتحدث باسم التحالف إن الدفاعات اعترضت الصواريخ. "
        "وأشار إلى أن بين المصابين ثلاثة مواطنين."
    )
    assert [c.attributed_to for c in found] == ["المتحدث باسم التحالف"]


def test_the_owner_of_a_statistic_is_the_speaker():
    found = run(
        "قال مكتب الصحة بالمحافظة إن الوضع صعب. وبحسب إحصائية للمكتب، قتل 47 طفلا منذ مطلع العام."
    )
    assert [c.attributed_to for c in found] == ["مكتب الصحة بالمحافظة"]


def test_anaphor_resolves_a_head_with_a_lam_clitic():
    found = run(
        "أعلن مركز الطوارئ التابع لوزارة الصحة اللبنانية مقتل 5 أشخاص. "
        "وبذلك ترتفع الحصيلة الإجمالية إلى 2083 شهيدا، بحسب الوزارة."
    )
    assert found[-1].attributed_to == "وزارة الصحة اللبنانية"


def test_claimed_is_a_speech_verb():
    assert one("زعم الجيش أنه قتل 20 مسلحا.").attributed_to == "الجيش"


def test_director_is_a_speaker_head_for_anaphora():
    found = run("قال مدير مركز سبها الطبي إن 15 شخصا قتلوا. وأوضح المدير أن بين القتلى أربع نساء.")
    assert [c.attributed_to for c in found] == ["مدير مركز سبها الطبي"] * 2


def test_dual_of_martyr_is_two_killed():
    c = one("أفادت الوكالة بسقوط شهيدين في الغارة.")
    assert (c.metric, c.min) == ("killed", 2)


def test_dual_of_case_in_a_sub_count():
    found = run("وأصيب 9 آخرون بينهم حالتان في حالة خطرة.")
    assert _figs(found) == [("injured", 9, 9), ("injured", 2, 2)]


def test_fused_according_to_what_before_a_speech_verb():
    c = one("لقي 78 شخصا حتفهم في تدافع، حسبما أفاد مسؤول صحي في الجماعة.")
    assert c.attributed_to == "مسؤول صحي في الجماعة"


def test_committees_are_a_speaker_head_for_anaphora():
    found = run(
        "قتل 100 شخص في الهجوم، بحسب لجان مقاومة مدني. وذكرت اللجان أن المهاجمين اختطفوا 40 شخصا."
    )
    assert [c.attributed_to for c in found] == ["لجان مقاومة مدني"] * 2


def test_definite_head_refers_back_to_a_speaker_starting_with_it():
    found = run("أعلن الجيش اللبناني مقتل 3 جنود. وقال الجيش إن 5 جنود أصيبوا.")
    assert [c.attributed_to for c in found] == ["الجيش اللبناني"] * 2
    found = run("نعى الاتحاد العام للعمال 5 عمال قضوا. وقال الاتحاد إن 9 عمال أصيبوا.")
    assert [c.attributed_to for c in found] == ["الاتحاد العام للعمال"] * 2
