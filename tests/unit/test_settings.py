"""Settings: one typed object from RAQIB_* variables, documented in the README."""

from __future__ import annotations

from pathlib import Path

from streams.settings import Settings

README = Path(__file__).resolve().parents[2] / "README.md"


def test_every_setting_is_documented_in_the_readme():
    text = README.read_text()
    missing = [
        f"RAQIB_{name.upper()}"
        for name in Settings.model_fields
        if f"`RAQIB_{name.upper()}`" not in text
    ]
    assert missing == []


def test_settings_come_from_raqib_prefixed_variables(monkeypatch):
    monkeypatch.setenv("RAQIB_PARTITIONS", "8")
    monkeypatch.setenv("RAQIB_TOPIC_PREFIX", "ops.")
    settings = Settings()
    assert settings.partitions == 8
    assert settings.topic_alerts == "ops.alerts.contradictions"


def test_topic_names_default_to_the_architecture():
    settings = Settings(topic_prefix="raqib.")
    assert (
        settings.topic_articles,
        settings.topic_claims,
        settings.topic_alerts,
        settings.topic_deadletter,
    ) == (
        "raqib.articles",
        "raqib.claims",
        "raqib.alerts.contradictions",
        "raqib.deadletter",
    )


def test_broker_list_accepts_faust_style_urls():
    settings = Settings(broker="kafka://h1:9092;h2:9093, kafka://h3:9094")
    assert settings.bootstrap_servers() == ["h1:9092", "h2:9093", "h3:9094"]


def test_an_empty_broker_means_the_embedded_one():
    assert Settings(broker="").broker is None
