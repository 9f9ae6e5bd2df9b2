"""An outlet's bare figure is judged with the two reports compared, so no arrival order changes
an alert (issue 16 item 6: the same alert ids offline and streaming, on any worker).

An outlet that prints a toll without naming anyone may be repeating a named source's equal
figure. Read from the whole event, that link depends on which reports are on the table when
the pair is compared: the source's own statement of the figure, or a second source giving the
same figure (the link took the first by id), may arrive before or after it, and an alert
once raised is never taken back. Read from the two reports of the pair, it is the same in
every order. The reports below are the team's own: two Arabic reports of a ministry's running
toll, an English wire report of the later toll in its own voice, an English hospital source
giving the same figure.
"""

from __future__ import annotations

import itertools
from functools import cache

import pytest

from streams.core.conflicts import conflicts
from streams.core.model import Article, Claim
from streams.core.offline import OfflineResult, run_offline
from streams.core.pipeline import extract_by_language
from tests.unit.core.conftest import make_claim

REPORTS = (
    Article(
        id="h-ministry-1",
        source="saba.example",
        published="2026-05-07T19:00:00Z",
        text="أعلنت وزارة الصحة اليمنية مقتل 14 شخصا في غارة جوية على سوق في مدينة الحديدة مساء الخميس",
    ),
    Article(
        id="h-ministry-2",
        source="aden.example",
        published="2026-05-08T06:00:00Z",
        text="ارتفعت حصيلة الغارة الجوية على سوق مدينة الحديدة مساء الخميس إلى 21 قتيلا و45 جريحا، "
        "بحسب وزارة الصحة اليمنية",
    ),
    Article(
        id="h-wire",
        source="wire.example",
        published="2026-05-08T09:00:00Z",
        lang="en",
        text="The air strike on a market in the Yemeni city of Hodeidah on Thursday evening "
        "killed 21 people and injured 45.",
    ),
    Article(
        id="h-hospital",
        source="gulf.example",
        published="2026-05-08T10:00:00Z",
        lang="en",
        text="A medical source at a hospital in Hodeidah said 21 people were killed in "
        "Thursday's air strike on a market in the Yemeni city.",
    ),
)


@cache
def _claims(article: Article) -> tuple[Claim, ...]:
    return tuple(extract_by_language(article))


def _run(order: tuple[Article, ...], batch: int) -> OfflineResult:
    return run_offline(
        order,
        received_at=lambda a: 1_800_000_000.0,
        batch=batch,
        extractor=lambda a: list(_claims(a)),
    )


def _alert_ids(result: OfflineResult) -> frozenset[str]:
    return frozenset(a.id for a in result.alerts)


def _voices(result: OfflineResult) -> set[frozenset[str]]:
    """Each alert as the two reports whose claims it sets against each other."""
    return {
        frozenset({a.new.article, *(c.article for c in a.conflicts_with)}) for a in result.alerts
    }


def test_the_four_reports_are_one_incident_and_raise_alerts():
    result = _run(REPORTS, batch=1)
    assert len({p.event for p in result.progress}) == 1
    assert result.alerts


@pytest.mark.parametrize("batch", [1, 4])
def test_every_arrival_order_gives_the_same_alert_ids(batch):
    reference = _alert_ids(_run(REPORTS, batch=1))
    for order in itertools.permutations(REPORTS):
        assert _alert_ids(_run(order, batch)) == reference, [a.id for a in order]


def test_the_wires_own_figure_is_set_against_the_ministrys_earlier_one_in_every_order():
    # the ministry's statement of 21 is in a third report: the wire's 21 stays the wire's own
    for order in (REPORTS, REPORTS[2:] + REPORTS[:2]):
        assert frozenset({"h-wire", "h-ministry-1"}) in _voices(_run(order, batch=1))


def test_a_relay_of_a_figure_the_other_report_states_is_still_the_sources():
    earlier = make_claim(lo=14, attributed_to="وزارة الصحة اليمنية", article="m1", source="x")
    later = make_claim(lo=21, attributed_to="وزارة الصحة اليمنية", article="m2", source="y")
    relay = make_claim(lo=21, article="w", source="z")
    assert conflicts(relay, [later], 0.1, pairwise=True) == []
    assert conflicts(relay, [earlier], 0.1, context=[later], pairwise=True) == [earlier]
    # read from the whole incident (the evaluation's gold), the third report links it
    assert conflicts(relay, [earlier], 0.1, context=[later]) == []
