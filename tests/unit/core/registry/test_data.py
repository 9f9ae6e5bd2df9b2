"""The registry's data files load, and every name listed resolves to its own source."""

from __future__ import annotations

import pytest

from streams.core.registry import resolve_source
from streams.core.registry.data import registry

REG = registry()


def test_the_registry_holds_a_few_hundred_sources_of_every_type():
    assert len(REG.sources) >= 300
    assert {s.type for s in REG.sources.values()} >= {
        "government", "un_agency", "ngo", "monitor", "armed_group", "medical_source",
        "civil_defence", "outlet",
    }  # fmt: skip


def test_every_arab_country_and_its_neighbours_has_health_interior_and_defence_bodies():
    arab = ["dz", "bh", "km", "dj", "eg", "iq", "jo", "kw", "lb", "ly", "mr", "ma", "om", "ps",
            "qa", "sa", "so", "sd", "sy", "tn", "ae", "ye"]  # fmt: skip
    for code in arab + ["pk", "af", "ir", "tr", "il"]:
        for kind in ("health_ministry", "interior_ministry", "military"):
            assert (kind, code) in REG.by_kind, (kind, code)


@pytest.mark.parametrize("source", sorted(REG.sources))
def test_every_name_of_a_source_resolves_to_it(source):
    row = REG.sources[source]
    names = (row.name_ar, row.name_en.split(" (")[0], *row.aliases_ar, *row.aliases_en)
    wrong = {
        name: ref.id
        for name in names
        if (ref := resolve_source(name.lstrip("="), outlet="x.org", country=row.country)).id
        != source
    }
    assert wrong == {}
