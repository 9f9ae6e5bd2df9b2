"""A claim is judged with every claim of its own article, whatever order they are applied in.

An article's claims arrive together: an outlet's own figure that repeats, in the same
report, a ministry's figure is the ministry's running toll, not the outlet's rival count.
Before this rule the answer depended on which sibling was applied first, which the stream
does not fix (a merge hands the retired event's claims over sorted by id), so an offline
run and a streaming run of one file could differ by an alert id.
"""

from __future__ import annotations

from streams.core.events.signature import signature_of
from streams.core.events.state import absorb, apply_claims
from streams.core.model import Article, Claim
from streams.core.offline import run_offline
from streams.core.sources import with_sources
from tests.unit.core.conftest import make_article, make_claim

TEXT = "انهار جسر فوق نهر في مدينة الموصل مساء الأحد"
MINISTRY = "وزارة الصحة العراقية"


def _first_report() -> list[Claim]:
    return with_sources(
        [make_claim("injured", 40, attributed_to=MINISTRY, article="r1", source="first.example")],
        country="iq",
    )


def _later_report(own_first: bool) -> list[Claim]:
    """The ministry's raised toll and the outlet repeating it in its own voice."""
    own = make_claim("injured", 65, article="r2", source="second.example")
    named = make_claim("injured", 65, attributed_to=MINISTRY, article="r2", source="second.example")
    return with_sources([own, named] if own_first else [named, own], country="iq")


def _run(own_first: bool) -> list[str]:
    claims = {"r1": _first_report(), "r2": _later_report(own_first)}
    articles = [
        Article(id="r1", text=TEXT, source="first.example", published="2025-03-02T18:00:00Z"),
        Article(id="r2", text=TEXT, source="second.example", published="2025-03-02T21:00:00Z"),
    ]
    result = run_offline(
        articles, received_at=lambda a: 1_800_000_000.0, extractor=lambda a: claims[a.id]
    )
    return sorted(a.id for a in result.alerts)


def test_an_outlets_repeat_of_a_raised_toll_is_no_alert_whichever_sibling_comes_first():
    assert _run(own_first=True) == _run(own_first=False) == []


def test_a_merge_judges_the_retired_events_claims_with_all_of_them():
    sig = signature_of(make_article("r1", TEXT, source="first.example"), [], 0.0)
    survivor, _, _ = apply_claims(None, "iq-1", sig, _first_report())
    later_sig = signature_of(make_article("r2", TEXT, source="second.example"), [], 0.0)
    retired, _, _ = apply_claims(None, "iq-2", later_sig, _later_report(own_first=True))
    merged, alerts, updates = absorb(survivor, "iq-1", retired)
    assert alerts == [] and updates
    assert set(merged.claims) == set(survivor.claims) | set(retired.claims)


# -- a relay whose statement is in a third report -----------------------------------------


def _relay_run(order: list[str]) -> list[str]:
    """The ministry's 12, then its 19, and an outlet repeating 19 in its own voice."""
    claims = {
        "m1": [make_claim("killed", 12, attributed_to=MINISTRY, article="m1", source="a.example")],
        "m2": [make_claim("killed", 19, attributed_to=MINISTRY, article="m2", source="b.example")],
        "o3": [make_claim("killed", 19, article="o3", source="c.example")],
    }
    times = {
        "m1": "2025-03-02T18:00:00Z",
        "m2": "2025-03-03T08:00:00Z",
        "o3": "2025-03-03T12:00:00Z",
    }
    articles = [Article(id=a, text=TEXT, source=f"{a}.example", published=times[a]) for a in order]
    result = run_offline(
        articles,
        received_at=lambda a: 1_800_000_000.0,
        extractor=lambda a: with_sources(claims[a.id], country="iq"),
    )
    return sorted(a.id for a in result.alerts)


def test_an_unattributed_repeat_arriving_before_the_statement_it_repeats_changes_nothing():
    # each pair is read from its two reports (tests/unit/core/events/test_relay_order.py)
    assert _relay_run(["m1", "o3", "m2"]) == _relay_run(["m1", "m2", "o3"])
