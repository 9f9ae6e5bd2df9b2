"""Who said it, across sentences (issue 17): the four kinds of attribution error, as
specifications on sentences the team wrote."""

from __future__ import annotations

from .conftest import one, run


def speakers(text: str, title: str | None = None) -> list[tuple[int, str | None]]:
    return [(c.min, c.attributed_to) for c in run(text, title=title)]


# -- 1. the speaker named earlier, or later ----------------------------------------------------


def test_a_list_after_the_statement_keeps_its_speaker():
    found = speakers(
        "أعلنت مديرية الصحة في محافظة الأنبار وفاة 12 شخصا في حريق بسوق شعبي.\n"
        "وتوزعت الوفيات على النحو الآتي: 7 نساء و3 أطفال ورجلان."
    )
    assert found[0] == (12, "مديرية الصحة في محافظة الأنبار")
    assert all(who == "مديرية الصحة في محافظة الأنبار" for _, who in found)


def test_a_second_paragraph_about_the_toll_continues_the_statement():
    found = speakers(
        "قالت هيئة الإسعاف في بيان إن 9 أشخاص قتلوا في انهيار جسر للمشاة.\n\n"
        "وفي حصيلة محدثة مساء اليوم، ارتفع عدد القتلى إلى 11."
    )
    assert found == [(9, "هيئة الإسعاف"), (11, "هيئة الإسعاف")]


def test_the_next_sentence_of_a_quote_keeps_its_speaker():
    found = speakers(
        "وقال مدير المستشفى الميداني: «وصلتنا 14 جثة حتى الظهر. ولدينا كذلك 40 جريحا»."
    )
    assert found == [(14, "مدير المستشفى الميداني"), (40, "مدير المستشفى الميداني")]


def test_went_on_with_a_colon_keeps_the_speaker():
    found = speakers(
        "وقال الناطق باسم الدفاع المدني: «انتشلنا 8 جثث من تحت الركام».\n"
        "وتابع: «نقلنا أيضا 19 مصابا إلى المستشفيات»."
    )
    assert [who for _, who in found] == ["الناطق باسم الدفاع المدني"] * 2


def test_continuing_verbs_keep_the_speaker():
    found = speakers(
        "قال محافظ المدينة إن الأمطار تسببت في انهيار منازل قديمة.\n"
        "ولفت إلى أن 6 أشخاص لقوا حتفهم، ونوه بأن 13 آخرين أصيبوا."
    )
    assert found == [(6, "محافظ المدينة"), (13, "محافظ المدينة")]


def test_the_ministry_named_as_the_ministry_again_is_resolved():
    found = speakers(
        "أعلنت وزارة الصحة العراقية مقتل 4 أشخاص.\nوبيّنت الوزارة أن 10 آخرين أصيبوا بجروح."
    )
    assert [who for _, who in found] == ["وزارة الصحة العراقية"] * 2


def test_a_trailing_according_to_names_the_clause():
    c = one("لقي 14 مهاجرا حتفهم قبالة السواحل، حسبما أفاد خفر السواحل.")
    assert c.attributed_to == "خفر السواحل"


def test_this_came_in_a_statement_names_the_sentence_before():
    found = speakers(
        "قتل 3 عمال وأصيب 5 آخرون في انفجار داخل مصنع للأسمدة.\n"
        "جاء ذلك في بيان لإدارة الدفاع المدني، أكدت فيه أن الحريق أخمد."
    )
    assert [who for _, who in found] == ["إدارة الدفاع المدني"] * 2


# -- 2. not a source at all ------------------------------------------------------------------


def test_a_claim_of_responsibility_is_not_the_speaker_of_the_toll():
    c = one("أعلنت جماعة مسلحة مسؤوليتها عن الهجوم الذي أودى بحياة 15 شخصا.")
    assert c.attributed_to is None


def test_latest_information_is_not_a_source():
    assert one("وذكرت آخر المعلومات أن 7 أشخاص قتلوا.").attributed_to is None


def test_a_new_toll_is_not_a_source():
    assert one("وأفادت حصيلة جديدة بارتفاع عدد المصابين إلى 30.").attributed_to is None


def test_mourning_is_not_a_statement_of_the_toll():
    c = one("أعلن رئيس الوزراء الحداد ثلاثة أيام على أرواح 21 ضحية.")
    assert c.attributed_to is None


def test_a_report_is_its_authors():
    found = speakers(
        "قالت منظمة العفو الدولية في تقرير جديد إن 40 مدنيا قتلوا في الهجوم.\n"
        "ووثق التقرير كذلك إصابة 60 آخرين."
    )
    assert found == [(40, "منظمة العفو الدولية"), (60, "منظمة العفو الدولية")]


def test_a_statement_of_an_author_is_the_authors():
    c = one("وقتل 5 جنود في الكمين، بحسب بيان صادر عن قيادة الجيش.")
    assert c.attributed_to == "قيادة الجيش"


def test_a_report_in_the_headline_is_the_report_of_the_first_speaker():
    found = run(
        "قالت منظمة أطباء بلا حدود إن غارة على سوق قتلت 12 شخصا.",
        title="تقرير: عشرات الضحايا في غارة على سوق",
    )
    assert {c.attributed_to for c in found} == {"منظمة أطباء بلا حدود"}


# -- 3. the wrong party ------------------------------------------------------------------------


def test_the_accuser_states_the_toll_not_the_accused():
    c = one("اتهمت منظمة حقوقية قوات الأمن بقتل 17 متظاهرا.")
    assert c.attributed_to == "منظمة حقوقية"


def test_blaming_a_party_is_an_accusation():
    c = one("حمّلت الحكومة المحلية ميليشيات مسلحة مسؤولية مقتل 8 مدنيين.")
    assert c.attributed_to == "الحكومة المحلية"


def test_an_agency_relaying_a_spokesman_is_the_relay():
    c = one("ونقلت وكالة الأنباء الرسمية عن المتحدث باسم الشرطة قوله إن 6 أشخاص قتلوا.")
    assert (c.attributed_to, c.via) == ("المتحدث باسم الشرطة", "وكالة الأنباء الرسمية")


def test_a_speaker_telling_an_agency_is_relayed_by_it():
    c = one("وقال مسؤول في الإسعاف لوكالة رويترز إن 11 شخصا أصيبوا.")
    assert (c.attributed_to, c.via) == ("مسؤول في الإسعاف", "وكالة رويترز")


def test_quoting_after_the_agency_names_the_source():
    c = one("ذكرت وكالة الأناضول، نقلا عن مصادر طبية، أن 9 مدنيين قتلوا.")
    assert (c.attributed_to, c.via) == ("مصادر طبية", "وكالة الأناضول")


def test_according_to_what_a_channel_relayed_from_sources():
    c = one("قتل 4 أشخاص في الاشتباكات، بحسب ما نقلته قناة محلية عن مصادر أمنية.")
    assert (c.attributed_to, c.via) == ("مصادر أمنية", "قناة محلية")


def test_a_relay_in_words_is_not_taken_for_a_transfer():
    found = speakers("وأفاد مصدر طبي بأن 3 مصابين نقلا إلى مستشفى المدينة.")
    assert found == [(3, "مصدر طبي")]


# -- 4. the outlet's own voice ---------------------------------------------------------------


def test_narration_after_a_statement_is_the_outlets():
    found = speakers(
        "قال الجيش في بيان إن 4 من جنوده قتلوا في هجوم.\n"
        "ويعد الهجوم الأعنف منذ عامين، حين قتل 12 جنديا في هجوم مماثل."
    )
    assert found == [(4, "الجيش"), (12, None)]


def test_a_separate_incident_is_the_outlets():
    found = speakers(
        "قال الدفاع المدني إن 5 أشخاص توفوا في الحريق.\n"
        "وفي حادث منفصل، قتل شخصان في حادث سير على الطريق الدولي."
    )
    assert found == [(5, "الدفاع المدني"), (2, None)]


def test_someone_acting_after_a_statement_is_the_outlets_narration():
    found = speakers(
        "وقال رئيس البلدية إن البحث مستمر.\nوتواصل فرق الإنقاذ انتشال جثث عشرات الضحايا من الوادي."
    )
    assert found == [(20, None)]


def test_acknowledging_an_attack_states_no_toll():
    found = speakers(
        "وأقر الجيش بقصف المبنى.\nوتشن القوات منذ شهرين حملة قتل فيها أكثر من 300 شخص."
    )
    assert found == [(301, None)]


def test_a_place_before_a_headline_colon_is_not_a_speaker():
    c = run("قتل 3 أشخاص بقصف على منزل في البلدة.", title="خان يونس: مقتل 3 بقصف منزل")[0]
    assert c.attributed_to is None
