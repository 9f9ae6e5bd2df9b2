"""The robustness sweep over the team's event check set: grouping survives damage."""

from __future__ import annotations

import pytest

from evaluation.robustness import run_variant
from tests.conftest import FIXTURES

CHECK = FIXTURES / "events_check"


@pytest.mark.parametrize("variant", [{}, {"seed": 1}, {"drop_published": True}])
def test_the_check_set_groups_its_incidents_and_keeps_decoys_apart(variant):
    r = run_variant(CHECK, **variant)
    assert r["grouping"] == 1.0 and r["decoys_merged"] == 0


def test_the_check_set_truncated_to_300_chars_keeps_decoys_apart():
    assert run_variant(CHECK, cut=300)["decoys_merged"] == 0
