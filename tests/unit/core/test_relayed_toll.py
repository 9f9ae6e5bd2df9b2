"""A toll is relayed whole: when an outlet's own "N dead and M injured" repeats a named
source's N, its M is that source's figure too (issue 16, running tolls)."""

from __future__ import annotations

from streams.core.conflicts import conflicts, effective_sources, is_update
from streams.core.sources import with_sources

from .conftest import make_claim as c

TOL = 0.1
MINISTRY = "وزارة الصحة الأردنية"
CLAUSE = "ما أسفر حتى الآن عن وفاة 14 شخصا وإصابة 52 آخرين"


def _relay_report() -> list:
    """A report with the ministry's 14 dead, and the outlet's own clause of 14 dead, 52 hurt."""
    return with_sources(
        [
            c("killed", 14, attributed_to=MINISTRY, article="r", source="o.example"),
            c("killed", 14, article="r", source="o.example", quote=CLAUSE),
            c("injured", 52, article="r", source="o.example", quote=CLAUSE),
        ],
        country="jo",
    )


def _ministry_later() -> list:
    return with_sources(
        [c("injured", 80, attributed_to=MINISTRY, article="m", source="p.example")], country="jo"
    )


def test_the_injured_figure_of_a_relayed_clause_is_the_named_sources():
    claims = _relay_report()
    assert effective_sources(claims)[claims[2].id] == "jo.health_ministry"


def test_it_is_then_an_earlier_step_of_the_ministrys_toll_not_a_rival_count():
    relay, (later,) = _relay_report(), _ministry_later()
    assert conflicts(relay[2], [later], TOL, context=relay) == []
    assert is_update(later, relay[2], effective_sources([*relay, later]))


def test_the_outlets_figure_in_another_clause_stays_its_own():
    claims = _relay_report()
    apart = c("injured", 52, article="r", source="o.example", quote="ونقل 52 جريحا إلى المستشفيات")
    sources = effective_sources([*claims[:2], apart])
    assert sources[apart.id] == "outlet:o.example"


def test_another_source_still_contradicts_the_relayed_figure():
    relay = _relay_report()
    monitor = with_sources(
        [c("injured", 120, attributed_to="الدفاع المدني الأردني", article="d", source="q.example")],
        country="jo",
    )[0]
    assert conflicts(relay[2], [monitor], TOL, context=relay) == [monitor]
