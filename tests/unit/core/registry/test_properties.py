"""Whatever the text, resolving never raises and is a pure function of its inputs."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from streams.core.registry import display, resolve_outlet, resolve_source

PIECES = ["وزارة", "الصحة", "السورية", "في", "غزة", "مصدر", "طبي", "مستشفى", "the", "Health",
          "Ministry", "UN", "'s", "-", "«", "»", "،", "ال", "و", "١٢", "\u064e", "\u0640", " ", ""]  # fmt: skip
phrases = st.one_of(
    st.text(max_size=60),
    st.lists(st.sampled_from(PIECES), max_size=12).map(" ".join),
)


@settings(max_examples=400, deadline=None)
@given(phrase=phrases, outlet=st.one_of(st.none(), st.text(max_size=30)),
       country=st.one_of(st.none(), st.text(max_size=8)))  # fmt: skip
def test_resolving_any_text_returns_a_source_with_an_id_and_a_known_type(phrase, outlet, country):
    ref = resolve_source(phrase, outlet=outlet, country=country)
    assert ref.id
    assert ref.type in {
        "government", "un_agency", "ngo", "monitor", "armed_group", "security_source",
        "medical_source", "civil_defence", "outlet", "unnamed", "other",
    }  # fmt: skip
    assert display(ref, phrase)
    assert resolve_source(phrase, outlet=outlet, country=country) == ref


@settings(max_examples=200, deadline=None)
@given(outlet=st.text(max_size=40))
def test_any_outlet_text_resolves_to_an_outlet_id(outlet):
    assert resolve_outlet(outlet).id


@settings(max_examples=200, deadline=None)
@given(phrase=phrases)
def test_a_named_body_does_not_depend_on_the_outlet(phrase):
    one = resolve_source(phrase, outlet="aljazeera.net", country="sy")
    other = resolve_source(phrase, outlet="reuters.com", country="sy")
    if not one.id.startswith(("anon:", "outlet:")) and not other.id.startswith(
        ("anon:", "outlet:")
    ):
        assert one == other
