"""Unnamed speakers belong to the outlet that quotes them; unknown names keep stable ids."""

from __future__ import annotations

from streams.core.registry import resolve_source


def test_two_outlets_unnamed_medical_sources_are_two_sources():
    one = resolve_source("مصدر طبي", outlet="aljazeera.net")
    other = resolve_source("مصدر طبي", outlet="alarabiya.net")
    assert one.id == "anon:medical@aljazeera"
    assert other.id == "anon:medical@alarabiya"
    assert one.type == other.type == "medical_source"


def test_one_outlets_medical_sources_are_one_source_in_either_language():
    assert {
        resolve_source(p, outlet="reuters.com").id
        for p in ("مصدر طبي", "مصادر طبية", "a medical source", "medics")
    } == {"anon:medical@reuters"}


def test_an_outlet_named_beside_an_unnamed_speaker_qualifies_it():
    ref = resolve_source("مصدر أمني لوكالة الأناضول", outlet="example.com")
    assert (ref.id, ref.type) == ("anon:security@anadolu", "security_source")


def test_unnamed_speakers_have_their_types():
    types = {
        p: resolve_source(p, outlet="x.org").type
        for p in ("مصادر أمنية", "شهود عيان", "مصادر إعلامية", "مسؤول حكومي", "فرق الإنقاذ")
    }
    assert types == {
        "مصادر أمنية": "security_source",
        "شهود عيان": "unnamed",
        "مصادر إعلامية": "outlet",
        "مسؤول حكومي": "government",
        "فرق الإنقاذ": "civil_defence",
    }


def test_a_correspondent_is_the_outlet_itself():
    assert resolve_source("مراسلنا", outlet="aljazeera.net").id == "outlet:aljazeera"
    assert resolve_source("مراسل التلفزيون العربي", outlet="example.com").id == "outlet:alaraby"


def test_an_unknown_name_gets_a_stable_id_from_its_normalized_words():
    ref = resolve_source("سليمان الخطيب")
    assert ref.id == "name:سليمان-الخطيب"
    assert (ref.type, ref.known, ref.name_ar) == ("other", False, "سليمان الخطيب")
    assert resolve_source("سُليمان الخطيب").id == ref.id
    assert resolve_source("Fatima Haddad").id == resolve_source("fatima haddad").id


def test_hospital_officials_are_their_hospital():
    assert {resolve_source(p).id for p in ("مدير مستشفى الشفاء", "طبيب في مجمع الشفاء الطبي")} == {
        "hospital.ps.shifa"
    }
    unlisted = {
        resolve_source(p).id
        for p in ("مدير مستشفى السلام", "المتحدث باسم مستشفى السلام", "الناطق باسم مستشفى السلام")
    }
    assert unlisted == {"hospital:السلام"}


def test_a_hospital_with_no_name_is_an_unnamed_medical_source():
    assert resolve_source("مسؤول في إحدى المستشفيات", outlet="x.org").id == "anon:medical@x.org"
    assert resolve_source("a hospital in Kabul", outlet="x.org").id == "anon:medical@x.org"


def test_a_diplomat_speaks_for_the_country_not_the_body_addressed():
    assert resolve_source("سفير السودان لدى الأمم المتحدة").id == "sd.foreign_ministry"
    assert resolve_source("Sudan's ambassador to the UN").id == "sd.foreign_ministry"
