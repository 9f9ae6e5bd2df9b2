"""Webhook bodies: Slack within its limits, the Teams card shape, JSON = the contract."""

from __future__ import annotations

import json

from streams.sinks.formats import (
    ADAPTIVE_CARD,
    SLACK_MAX_BLOCKS,
    SLACK_MAX_SECTION,
    TEAMS_MAX_BYTES,
    body_size,
    event_url,
    format_alert,
    format_group,
    json_message,
    slack_message,
    teams_message,
)
from tests.unit.sinks.conftest import claim, make_alert, with_incident

LINK = "https://raqib.example/events/sy-1"


def _section_texts(message: dict) -> list[str]:
    texts = []
    for block in message["blocks"]:
        if block["type"] == "section":
            if "text" in block:
                texts.append(block["text"]["text"])
            texts += [f["text"] for f in block.get("fields", [])]
    return texts


def test_slack_message_has_text_figures_sources_quotes_and_the_event_link(alert):
    message = slack_message(alert, LINK)
    assert alert.summary in message["text"]
    body = "\n".join(_section_texts(message))
    assert "*80*" in body and "*62*" in body
    assert "مصدر في مطار دير الزور" in body and "outlet0.example" in body
    assert alert.new.quote in body and alert.conflicts_with[0].quote in body
    buttons = [e for b in message["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert buttons and buttons[0]["url"] == LINK


def test_slack_message_stays_within_block_and_section_limits_with_many_conflicts():
    alert = make_alert(conflicts=120)
    message = slack_message(alert, LINK)
    assert len(message["blocks"]) <= SLACK_MAX_BLOCKS
    assert all(len(t) <= SLACK_MAX_SECTION for t in _section_texts(message))
    assert any("more conflicting claims" in json.dumps(b) for b in message["blocks"])
    header = message["blocks"][0]
    assert header["type"] == "header" and len(header["text"]["text"]) <= 150


def test_slack_section_text_is_cut_at_3000_chars_for_a_huge_quote():
    alert = make_alert()
    huge = alert.__class__(**{**alert.__dict__, "new": claim(80, "مصدر", quote="ق" * 10_000)})
    message = slack_message(huge)
    assert all(len(t) <= SLACK_MAX_SECTION for t in _section_texts(message))
    assert len(message["text"]) <= 3000


def test_slack_escapes_control_characters_of_mrkdwn():
    alert = make_alert()
    odd = alert.__class__(**{**alert.__dict__, "summary": "a <b> & c"})
    message = slack_message(odd)
    assert "a &lt;b&gt; &amp; c" in message["text"]
    assert "a &lt;b&gt; &amp; c" in json.dumps(message["blocks"], ensure_ascii=False)


def test_slack_message_without_a_link_has_no_button(alert):
    message = slack_message(alert, None)
    assert not [b for b in message["blocks"] if b["type"] == "actions"]


def test_teams_message_is_a_workflows_message_with_one_adaptive_card(alert):
    message = teams_message(alert, LINK)
    assert message["type"] == "message"
    (attachment,) = message["attachments"]
    assert attachment["contentType"] == ADAPTIVE_CARD == "application/vnd.microsoft.card.adaptive"
    card = attachment["content"]
    assert card["type"] == "AdaptiveCard" and card["version"]
    assert card["actions"] == [{"type": "Action.OpenUrl", "title": "Open event page", "url": LINK}]
    text = json.dumps(card["body"], ensure_ascii=False)
    assert alert.summary in text and alert.new.quote in text and "**New: 80**" in text
    rtl = [i for c in card["body"] if c["type"] == "Container" for i in c["items"] if i.get("rtl")]
    assert rtl, "Arabic quotes sit in right-to-left containers"


def test_json_message_is_the_alert_contract(alert):
    assert json_message(alert) == alert.to_json()
    assert format_alert("json", alert, LINK) == alert.to_json()
    body = json_message(alert)
    assert {"type", "id", "event", "metric", "victim_class", "severity", "new"} <= set(body)
    assert body["type"] == "alert" and body["conflicts_with"][0]["type"] == "claim"


def test_json_message_passes_fields_added_to_the_contract_through(alert):
    raw = {**alert.to_json(), "added_later": 1}
    assert json_message(alert, raw) == raw


def test_event_url_quotes_the_event_id_and_needs_a_base():
    assert event_url("https://x.example/", "sy 1/2") == "https://x.example/events/sy%201%2F2"
    assert event_url(None, "sy-1") is None


# -- context in every alert -----------------------------------------------------------------


def test_every_format_names_the_incident_by_title_place_and_day(alert):
    raw = with_incident(alert)
    for fmt in ("slack", "teams", "json"):
        text = json.dumps(format_alert(fmt, alert, LINK, raw), ensure_ascii=False)
        for value in ("Air strike on Deir ez-Zor airport", "Deir ez-Zor", "2016-09-17"):
            assert value in text, (fmt, value)


def test_an_alert_without_incident_fields_is_named_by_its_event(alert):
    for fmt in ("slack", "teams"):
        text = json.dumps(format_alert(fmt, alert, LINK), ensure_ascii=False)
        assert "event sy-1" in text, fmt


def test_each_claim_links_its_article_with_outlet_and_publication_time(alert):
    slack = json.dumps(slack_message(alert, LINK), ensure_ascii=False)
    assert "<https://sohr.example/news/80|sohr.example>" in slack
    assert "3 Mar 2026 08:05 UTC" in slack
    assert "outlet0.example" in slack, "a claim without a URL still names its outlet"
    teams = json.dumps(teams_message(alert, LINK), ensure_ascii=False)
    assert "[sohr.example](https://sohr.example/news/80)" in teams
    assert "3 Mar 2026 08:05 UTC" in teams


def test_quotes_are_shown_without_embedded_bidi_controls(alert):
    hostile = "مقتل \u202e80\u202c جنديا \u2066في\u2069 الغارات"
    tricked = alert.__class__(**{**alert.__dict__, "new": claim(80, "مصدر", quote=hostile)})
    controls = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    teams = json.dumps(format_alert("teams", tricked, LINK), ensure_ascii=False)
    assert not set(teams) & controls, "a Teams container sets the direction itself"
    assert "مقتل 80 جنديا في الغارات" in teams
    slack = json.dumps(format_alert("slack", tricked, LINK), ensure_ascii=False)
    # Slack is plain text: the quote sits in one right-to-left isolate of raqib's own
    assert "\u2067مقتل 80 جنديا في الغارات\u2069" in slack
    assert not set(slack) & set("\u202a\u202b\u202c\u202d\u202e")


def test_a_teams_card_stays_under_the_size_limit_with_a_note_of_what_was_left_out():
    huge = make_alert(conflicts=60)
    long = "ق" * 3000
    huge = huge.__class__(
        **{**huge.__dict__, "conflicts_with": tuple(
            claim(10 + n, None, article=f"x{n}", outlet=f"o{n}.example", quote=long)
            for n in range(60)
        )}
    )  # fmt: skip
    message = teams_message(huge, LINK)
    assert body_size(message) <= TEAMS_MAX_BYTES
    text = json.dumps(message, ensure_ascii=False)
    assert "more conflicting claims" in text and "**New: 80**" in text
    assert body_size(teams_message(make_alert(), LINK)) < TEAMS_MAX_BYTES


# -- updates: several alerts of one incident in one notification ----------------------------


def _group(count: int) -> list[dict]:
    return [with_incident(make_alert(alert_id=f"a{n}")) for n in range(count)]


def test_a_json_update_lists_the_alerts_as_on_the_topic_with_the_incident():
    alerts = _group(3)
    body = format_group("json", alerts, LINK, "n-1")
    assert body["type"] == "alert_group" and body["id"] == "n-1" and body["event"] == "sy-1"
    assert body["alerts"] == alerts
    assert (body["title"], body["place"], body["day"]) == (
        "Air strike on Deir ez-Zor airport", "Deir ez-Zor", "2016-09-17",
    )  # fmt: skip


def test_a_slack_update_lists_each_alert_within_slacks_limits():
    message = format_group("slack", _group(3), LINK, "n-1")
    assert message["blocks"][0]["text"]["text"].startswith("3 new contradictions")
    assert len([b for b in message["blocks"] if b["type"] == "section"]) == 4
    big = format_group("slack", _group(120), LINK, "n-2")
    assert len(big["blocks"]) <= SLACK_MAX_BLOCKS
    assert all(len(t) <= SLACK_MAX_SECTION for t in _section_texts(big))
    assert "+77 more" in json.dumps(big["blocks"], ensure_ascii=False)


def test_a_teams_update_lists_alerts_and_stays_under_the_size_limit():
    message = format_group("teams", _group(200), LINK, "n-1")
    assert body_size(message) <= TEAMS_MAX_BYTES
    text = json.dumps(message, ensure_ascii=False)
    assert "200 new contradictions" in text and "more contradictions" in text
