"""Any arrival order gives the same events and the same alerts (property, team-written corpora).

Events are connected components of a symmetric relation and alert ids come from the
statements in conflict, so neither depends on which report came first, nor on how the
stream cut the reports into batches. Checked through the offline runner, which runs the
agents' batch steps.
"""

from __future__ import annotations

from functools import cache, lru_cache

from hypothesis import given, settings
from hypothesis import strategies as st

from connectors.files import read_paths
from streams.core.extract import extract_claims
from streams.core.model import Article, Claim
from streams.core.offline import OfflineResult, run_offline
from tests.conftest import FIXTURES

CORPORA = [
    FIXTURES / "events_check" / "articles.jsonl",
    FIXTURES / "events_order" / "articles.jsonl",
]


# A and C are not one incident on their own; B joins them: in some orders they found two
# events that B merges, in others B arrives first. The result must not show it.
BRIDGED = (
    Article(
        id="x-a",
        source="a.example",
        text="مقتل 8 مدنيين بغارة طائرة مسيرة على حفل زفاف في مديرية صرواح غربي محافظة مأرب مساء الجمعة",
    ),
    Article(
        id="x-c",
        source="c.example",
        text="وصل 40 جريحا إلى مستشفى مأرب العام بعد غارة بطائرة مسيرة في محافظة مأرب، وقالت "
        "السلطة المحلية إن القتلى 11",
    ),
    Article(
        id="x-b",
        source="b.example",
        published="2023-03-10T20:00:00Z",
        text="ارتفع إلى 11 عدد قتلى الغارة بطائرة مسيرة على حفل الزفاف في صرواح بمحافظة مأرب مساء "
        "اليوم الجمعة، ووصل 40 جريحا إلى مستشفى مأرب العام، وقال مصدر طبي إن القتلى 14",
    ),
)


@lru_cache(maxsize=1)
def corpus() -> tuple[Article, ...]:
    return tuple(a for a in read_paths(CORPORA) if isinstance(a, Article)) + BRIDGED


@cache
def _claims(article: Article) -> tuple[Claim, ...]:
    return tuple(extract_claims(article))


def extractor(article: Article) -> list[Claim]:
    return list(_claims(article))


def partition(result: OfflineResult) -> frozenset[frozenset[str]]:
    """Which articles share an event, whatever the ids (a retired id counts as its survivor)."""

    def live(event: str) -> str:
        while result.events.get(event) is not None and result.events[event].alias_of:
            event = str(result.events[event].alias_of)
        return event

    groups: dict[str, set[str]] = {}
    for p in result.progress:
        if p.article and p.event:
            groups.setdefault(live(p.event), set()).add(p.article)
    return frozenset(frozenset(g) for g in groups.values())


def run(order: list[Article], batch: int) -> OfflineResult:
    return run_offline(
        order, received_at=lambda a: 1_800_000_000.0, batch=batch, extractor=extractor
    )


@lru_cache(maxsize=1)
def reference() -> tuple[frozenset[frozenset[str]], frozenset[str], frozenset[str]]:
    result = run(list(corpus()), batch=500)
    live = frozenset(e for e, s in result.events.items() if s.alias_of is None)
    return partition(result), frozenset(a.id for a in result.alerts), live


@settings(max_examples=12, deadline=None)
@given(order=st.permutations(list(range(len(corpus())))), batch=st.sampled_from([1, 3, 500]))
def test_any_order_and_any_batching_give_the_same_partition_and_alert_ids(order, batch):
    articles = corpus()
    result = run([articles[i] for i in order], batch)
    groups, alerts, live = reference()
    assert partition(result) == groups
    assert frozenset(a.id for a in result.alerts) == alerts
    # and the same event ids: each is a function of its members
    assert frozenset(e for e, s in result.events.items() if s.alias_of is None) == live


def test_the_corpora_hold_several_multi_report_events_and_some_alerts():
    groups, alerts, _ = reference()
    assert sum(len(g) > 1 for g in groups) >= 10 and alerts
    assert any({"x-a", "x-b", "x-c"} <= g for g in groups)


def test_some_orders_merge_events_and_others_do_not_need_to():
    articles = {a.id: a for a in corpus()}
    merging = run([articles["x-a"], articles["x-c"], articles["x-b"]], batch=1)
    direct = run([articles["x-b"], articles["x-a"], articles["x-c"]], batch=1)
    assert [p.merged for p in merging.progress if p.merged]
    assert not [p.merged for p in direct.progress if p.merged]
    assert partition(merging) == partition(direct)
