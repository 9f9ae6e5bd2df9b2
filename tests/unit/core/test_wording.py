"""The one place a figure or a source becomes words: every renderer reads the same."""

from __future__ import annotations

from dataclasses import replace

from streams.cli.render import render_alert
from streams.core.alerts import build_alert
from streams.core.wording import (
    alert_text,
    figure_text,
    quote_direction,
    quote_text,
    range_text,
    source_name,
    source_text,
)
from streams.sinks.formats import slack_message, teams_message
from tests.unit.core.conftest import make_claim


def test_a_figure_reads_as_its_wording_conventions():
    assert figure_text(make_claim(lo=80)) == "80"
    assert figure_text(make_claim(lo=60, approximate=True)) == "about 60"
    assert figure_text(make_claim(lo=61, hi=None)) == "at least 61"
    assert figure_text(make_claim(lo=20, hi=99, approximate=True)) == "20–99 (approx.)"
    assert figure_text(make_claim(lo=100, hi=300)) == "100–300"
    assert range_text(60, None) == "at least 60" and range_text(60, 80) == "60–80"


def test_a_source_reads_with_its_canonical_name_its_type_its_arabic_and_its_outlet():
    sohr = make_claim(attributed_to="المرصد السوري لحقوق الإنسان", source="x.example")
    assert source_name(sohr) == (
        "Syrian Observatory for Human Rights (SOHR) (monitor) «المرصد السوري لحقوق الإنسان»"
    )
    assert source_text(sohr) == source_name(sohr) + " via x.example"
    assert source_text(make_claim(source="x.example")) == "x.example (own report)"


def test_the_ministry_named_two_ways_reads_as_one_source():
    minister = make_claim(attributed_to="وزير الصحة السوري حسن الغباش")
    ministry = make_claim(attributed_to="وزارة الصحة السورية")
    assert source_name(minister).startswith("Syrian Health Ministry (government) «")
    assert source_name(ministry).startswith("Syrian Health Ministry (government) «")


def test_an_unknown_speaker_reads_as_written_not_transliterated():
    person = make_claim(attributed_to="عبد الستار إيسويف")
    assert source_name(person) == "عبد الستار إيسويف (unidentified)"


def test_a_relayed_statement_names_who_relayed_it():
    relayed = make_claim(attributed_to="مصدر أمني", via="وكالة رويترز", source="x.example")
    assert "relayed by Reuters, via x.example" in source_text(relayed)
    assert "quoted by Reuters" in source_name(relayed)


def test_the_terminal_the_webhooks_and_the_dashboard_use_the_same_words():
    new = make_claim(lo=61, hi=None, attributed_to="مصدر طبي", article="b", source="b.example")
    old = make_claim(lo=20, hi=99, approximate=True, article="a", source="a.example")
    alert = build_alert("sy-1", new, [old])
    words = [figure_text(new), figure_text(old), source_text(new), source_text(old)]
    terminal = render_alert(alert)
    slack = str(slack_message(alert))
    teams = str(teams_message(alert))
    dashboard = str(alert_text(alert))
    for rendering in (terminal, slack, teams, dashboard):
        assert all(w in rendering for w in words), rendering
    assert "at least 61" in alert.summary and "20–99 (approx.)" in alert.summary


def test_an_english_quote_reads_left_to_right_and_an_arabic_one_right_to_left():
    english = make_claim(quote="Officials said 9 people died in the fire.")
    arabic = make_claim(quote="قال مسؤولون إن 9 أشخاص لقوا حتفهم في الحريق.")
    assert quote_direction(english) == "ltr"
    assert quote_direction(arabic) == "rtl"


def test_a_quote_is_isolated_in_its_direction_for_plain_text_readers():
    english = make_claim(quote="Nine died.")
    assert quote_text(english) == "\u2066Nine died.\u2069"


def test_the_claims_language_decides_the_direction_of_its_quote():
    claim = replace(make_claim(quote="قال «MSF» إن 9 قتلوا"), lang="en")
    assert quote_direction(claim) == "ltr"


def test_teams_shows_an_english_quote_left_to_right_beside_an_arabic_one():
    english = make_claim(lo=30, quote="Police said 30 died.", source="reuters.com", article="e")
    arabic = make_claim(lo=60, quote="قالت الشرطة إن 60 قتلوا", source="aljazeera.net", article="a")
    card = teams_message(build_alert("ev-1", english, [arabic]))
    text = str(card)
    assert "'rtl': False" in text and "'rtl': True" in text
