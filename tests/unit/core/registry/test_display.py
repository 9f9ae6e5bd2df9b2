"""How alerts name a source: canonical name and type; as written when unknown."""

from __future__ import annotations

from streams.core.registry import display, resolve_source


def test_a_known_source_is_shown_by_its_canonical_name_and_type():
    ref = resolve_source("الصحة السورية")
    assert display(ref, "الصحة السورية") == "Syrian Health Ministry (government)"


def test_an_unknown_source_is_shown_as_written_with_its_type():
    ref = resolve_source("سليمان الخطيب")
    assert display(ref, "سليمان الخطيب") == "سليمان الخطيب (unidentified)"


def test_an_unnamed_source_names_its_outlet():
    ref = resolve_source("مصدر طبي", outlet="reuters.com")
    assert display(ref) == "an unnamed medical source, quoted by Reuters (medical source)"
