"""The sink agent, the dashboard and the watch/silence commands are wired into raqib."""

from __future__ import annotations

from streams.app import create_app
from streams.cli import build_parser
from streams.settings import Settings


def test_create_app_registers_the_sink_agent_and_the_dashboard(tmp_path):
    raqib = create_app(
        Settings(store="memory://", data_dir=tmp_path, topic_prefix="wiring."),
        "kafka://127.0.0.1:9",
    )
    assert "raqib.sinks" in raqib.app.agents, (
        "add sinks.register(raqib) to streams/agents/__init__.py"
    )
    routes = set(raqib.app.web.views)
    assert {"/", "/events/{event_id}", "/api/alerts", "/api/alerts/stream"} <= routes, (
        "add register_dashboard(raqib) to streams/app.py"
    )


def test_watch_and_silence_are_commands():
    parser = build_parser()
    args = parser.parse_args(["watch", "--jsonl", "--from-beginning"])
    assert args.jsonl and args.from_beginning
    args = parser.parse_args(["silence", "sy-1", "--for", "4h"])
    assert (args.target, args.duration) == ("sy-1", "4h")
