"""The terminal rendering of an alert: the incident, each claim with its article, quotes
isolated, and muted alerts marked.
"""

from __future__ import annotations

from streams.cli.render import render_alert
from tests.unit.sinks.conftest import claim, make_alert, with_incident


def test_the_incident_heads_the_alert_by_title_place_and_day():
    alert = make_alert()
    text = render_alert(alert, raw=with_incident(alert))
    assert "Air strike on Deir ez-Zor airport · Deir ez-Zor · 2016-09-17" in text.splitlines()[1]
    assert "event sy-1" in render_alert(alert).splitlines()[1]


def test_each_claim_shows_its_outlet_publication_time_and_link():
    text = render_alert(make_alert())
    assert "sohr.example · 3 Mar 2026 08:05 UTC · https://sohr.example/news/80" in text
    assert "outlet0.example" in text


def test_quotes_are_isolated_and_stripped_of_embedded_bidi_controls():
    alert = make_alert()
    alert = alert.__class__(
        **{**alert.__dict__, "new": claim(80, "مصدر", quote="مقتل \u202e80\u202c جنديا")}
    )
    text = render_alert(alert)
    assert "\u202e" not in text and "\u202c" not in text
    assert "«\u2067مقتل 80 جنديا\u2069»" in text  # in a right-to-left isolate


def test_a_muted_alert_says_so_and_by_which_silence():
    text = render_alert(make_alert(), muted="3f9a0c1b2d4e")
    assert text.splitlines()[0].startswith("MUTED ")
    assert "muted by silence 3f9a0c1b2d4e: not posted to webhooks" in text
    assert "MUTED" not in render_alert(make_alert())
