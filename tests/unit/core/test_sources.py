"""One canonical source per speaker, and the rules that use it (issue 17, issue 16's running
tolls), as specifications on claims the team wrote."""

from __future__ import annotations

from streams.core.conflicts import (
    conflicts,
    contradicts,
    effective_source,
    effective_sources,
    is_update,
)
from streams.core.events.signature import signature_of
from streams.core.events.state import apply_claims
from streams.core.extract import extract_claims
from streams.core.model import Article
from streams.core.pipeline import extract_article
from streams.core.sources import claim_source, same_source, with_sources

from .conftest import make_article
from .conftest import make_claim as c

TOL = 0.1


def extracted(text: str, source: str = "x.example") -> list:
    return extract_claims(Article(id="a", text=text, source=source))


# -- registry ids on claims --------------------------------------------------------------------


def test_a_named_ministry_gets_its_registry_id_and_type():
    (claim,) = extracted("قالت وزارة الصحة السورية إن 12 شخصا قتلوا في القصف.")
    assert (claim.source_id, claim.source_type) == ("sy.health_ministry", "government")


def test_the_outlets_own_voice_is_the_outlet():
    (claim,) = extracted("قتل 4 أشخاص في حادث سير على الطريق السريع.", source="aljazeera.net")
    assert (claim.source_id, claim.source_type) == ("outlet:aljazeera", "outlet")


def test_an_unnamed_source_is_qualified_by_the_outlet_and_by_the_agency_that_relayed_it():
    (own,) = extracted("وقال مصدر طبي إن 9 أشخاص قتلوا.", source="aljazeera.net")
    (relayed,) = extracted(
        "ونقلت وكالة رويترز عن مصدر طبي قوله إن 9 أشخاص قتلوا.", source="aljazeera.net"
    )
    assert own.source_id == "anon:medical@aljazeera"
    assert relayed.source_id == "anon:medical@reuters" and relayed.via == "وكالة رويترز"


def test_a_speaker_nobody_listed_keeps_a_stable_id_from_the_name():
    (claim,) = extracted("وقال الطبيب المناوب سامر الحلبي إن 7 جرحى وصلوا.")
    again = claim_source(claim)
    assert claim.source_id == again.id and claim.source_type == again.type
    assert claim.source_id.startswith(("name:", "anon:"))


def test_the_batch_step_resolves_an_unqualified_ministry_with_the_incidents_country():
    article = Article(
        id="b",
        text="قتل 5 أشخاص في انفجار بمرفأ بيروت في لبنان.\nوقالت وزارة الصحة إن 40 شخصا أصيبوا.",
        source="x.example",
    )
    item = extract_article(article, 0.0)
    ministry = next(c for c in item.claims if c.attributed_to)
    assert item.signature.country == "lb"
    assert ministry.source_id == "lb.health_ministry"


def test_source_ids_are_not_part_of_a_claims_identity():
    claim = c(lo=5, attributed_to="وزارة الصحة")
    (sourced,) = with_sources([claim], country="sy")
    assert sourced.source_id == "sy.health_ministry" and sourced.id == claim.id


# -- one source under several names ----------------------------------------------------------


def test_the_ministry_named_two_ways_is_one_source_and_its_new_figure_an_update():
    minister = c(lo=70, attributed_to="وزير الصحة اللبناني", article="a1", source="x")
    ministry = c(lo=154, attributed_to="وزارة الصحة اللبنانية", article="a2", source="y")
    assert same_source(minister, ministry)
    assert not contradicts(ministry, minister, TOL)
    assert is_update(ministry, minister)


def test_a_ministry_without_its_country_is_the_ministry_of_that_country():
    plain = with_sources([c(lo=30, attributed_to="وزارة الصحة", article="a1")])[0]
    named = with_sources([c(lo=70, attributed_to="وزارة الصحة اللبنانية", article="a2")])[0]
    assert plain.source_id == "kind:health_ministry"
    assert same_source(plain, named)


def test_a_person_and_their_surname_are_one_source():
    full = c(lo=54, attributed_to="عبد الستار إيسويف", article="a1")
    surname = c(lo=68, attributed_to="إيسويف", article="a2")
    assert same_source(full, surname)


def test_one_source_relayed_by_two_outlets_is_one_source():
    first = c(lo=100, attributed_to="وزارة الصحة السورية", article="a1", source="x")
    second = c(lo=120, attributed_to="وزارة الصحة السورية", article="a2", source="y")
    assert is_update(second, first) and not contradicts(second, first, TOL)


# -- running tolls: an outlet repeating a source's figure without its name -------------------


def test_an_unattributed_figure_equal_to_a_named_sources_is_that_sources():
    earlier = c(lo=100, attributed_to="وزارة الداخلية المغربية", article="a1", source="x")
    later = c(lo=120, attributed_to="وزارة الداخلية المغربية", article="a2", source="y")
    relay = c(lo=120, article="a3", source="z")
    assert effective_source(relay, [earlier, later]) == "ma.interior_ministry"
    assert conflicts(relay, [earlier, later], TOL) == []
    assert is_update(relay, earlier, effective_sources([relay, earlier, later]))


def test_without_the_named_figure_an_outlets_own_figure_is_its_own():
    earlier = c(lo=100, attributed_to="وزارة الداخلية المغربية", article="a1", source="x")
    relay = c(lo=120, article="a3", source="z")
    assert effective_source(relay, [earlier]) == "outlet:z"
    assert conflicts(relay, [earlier], TOL) == [earlier]


def test_the_link_needs_the_same_victims():
    soldiers = c(lo=12, attributed_to="وزارة الدفاع", victim_class="security_forces", article="a1")
    civilians = c(lo=12, victim_class="civilians", article="a2", source="z")
    assert effective_source(civilians, [soldiers]) == "outlet:z"


def test_different_sources_still_contradict():
    ministry = c(lo=100, attributed_to="وزارة الصحة السورية", article="a1", source="x")
    monitor = c(lo=150, attributed_to="المرصد السوري لحقوق الإنسان", article="a2", source="y")
    relay = c(lo=100, article="a3", source="z")
    assert conflicts(monitor, [ministry, relay], TOL) == [ministry, relay]
    assert not is_update(monitor, ministry)


# -- on an event's table ------------------------------------------------------------------------


def _apply(*batches):
    state, alerts = None, []
    for claims in batches:
        aid, outlet = claims[0].article, claims[0].source
        sig = signature_of(make_article(aid, "زلزال في إقليم الحوز", source=outlet), [], 0.0)
        state, raised, _ = apply_claims(state, "ma-1", sig, claims)
        alerts += raised
    return alerts


def test_a_running_toll_raises_no_alert_however_the_source_is_named_or_relayed():
    first = c(lo=296, attributed_to="وزارة الداخلية المغربية", article="a1", source="x")
    minister = c(lo=632, attributed_to="وزير الداخلية المغربي", article="a2", source="y")
    relayed = c(lo=2012, attributed_to="وزارة الداخلية", article="a3", source="z")
    repeated = c(lo=2012, article="a3", source="z", quote="ارتفعت الحصيلة إلى 2012")
    first, minister, relayed, repeated = with_sources(
        [first, minister, relayed, repeated], country="ma"
    )
    assert _apply([first], [minister], [relayed, repeated]) == []


def test_a_different_source_on_the_same_table_still_raises_an_alert():
    ministry = c(lo=296, attributed_to="وزارة الداخلية المغربية", article="a1", source="x")
    red_crescent = c(lo=500, attributed_to="الهلال الأحمر المغربي", article="a2", source="y")
    alerts = _apply(*([claim] for claim in with_sources([ministry, red_crescent], country="ma")))
    assert len(alerts) == 1
