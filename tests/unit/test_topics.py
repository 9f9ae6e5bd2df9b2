"""Topic creation: configs a Kafka cluster needs to take what raqib accepts."""

from __future__ import annotations

from streams.settings import Settings
from streams.topics import APP_MAX_REQUEST, topic_configs


def test_topics_take_an_article_at_the_size_limit_and_the_workers_largest_message():
    big = Settings(max_article_bytes=10_000_000)
    assert int(topic_configs(big)["max.message.bytes"]) > 10_000_000
    small = Settings(max_article_bytes=1000)
    assert int(topic_configs(small)["max.message.bytes"]) == APP_MAX_REQUEST
