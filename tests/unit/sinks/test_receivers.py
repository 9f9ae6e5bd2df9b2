"""RAQIB_WEBHOOK_URL / RAQIB_WEBHOOK_FORMAT → receivers (several, each with its format)."""

from __future__ import annotations

import pytest

from streams.sinks.exceptions import ReceiverConfigError
from streams.sinks.receivers import parse_receivers

SLACK = "https://hooks.slack.com/services/T0/B0/secret"
TEAMS = "https://prod-01.westeurope.logic.azure.com/workflows/x/triggers/manual/paths/invoke?api-version=2016-06-01&sig=secret"


def test_no_url_means_no_receivers():
    assert parse_receivers(None) == [] and parse_receivers("  ") == []


def test_one_url_takes_the_configured_format():
    (r,) = parse_receivers(SLACK, "json")
    assert (r.url, r.format, r.name) == (SLACK, "json", "json@hooks.slack.com")


def test_prefixes_give_each_receiver_its_own_format():
    found = parse_receivers(f"slack+{SLACK};teams+{TEAMS}; json+http://127.0.0.1:9/h")
    assert [(r.format, r.url) for r in found] == [
        ("slack", SLACK),
        ("teams", TEAMS),
        ("json", "http://127.0.0.1:9/h"),
    ]


def test_a_parallel_format_list_matches_urls_in_order():
    found = parse_receivers(f"{SLACK};{TEAMS}", "slack;teams")
    assert [r.format for r in found] == ["slack", "teams"]


def test_commas_separate_receivers_too():
    assert len(parse_receivers(f"{SLACK},{TEAMS}", "json")) == 2


def test_names_never_contain_the_secret_and_stay_unique():
    found = parse_receivers(f"{SLACK};{SLACK.replace('secret', 'other')}")
    assert [r.name for r in found] == ["slack@hooks.slack.com", "slack@hooks.slack.com#2"]
    assert all("secret" not in r.name and "secret" not in repr(r) for r in found)
    assert found[0].key != found[1].key


@pytest.mark.parametrize(
    ("url", "fmt", "message"),
    [
        (SLACK, "xml", "unknown format"),
        (f"{SLACK};{TEAMS}", "slack;teams;json", "3 formats for 2 URLs"),
        ("ftp://example.org/x", "json", r"not an http\(s\) URL"),
    ],
)
def test_bad_configuration_is_refused_with_a_readable_message(url, fmt, message):
    with pytest.raises(ReceiverConfigError, match=message) as exc:
        parse_receivers(url, fmt)
    assert "secret" not in str(exc.value)
