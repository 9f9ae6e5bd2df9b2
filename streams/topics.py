"""raqib's topics. Names share one prefix (``RAQIB_TOPIC_PREFIX``, default ``raqib.``).

- ``articles``: input, keyed by article id; raw bytes so that malformed input can
  be dead-lettered with a reason instead of failing in the deserializer.
- ``extracted``: an article's claims and signature, keyed by event-matching block.
- ``claims``: an article's claims with their event id, keyed by event id (so an
  event's claims meet on one partition).
- ``alerts.contradictions``: the public interface, JSON per the contract, keyed by
  event id, with CloudEvents binary-mode headers.
- ``progress``: one record per processed article, for replays to know they are done.
- ``deadletter``: input that could not be processed, with the reason in headers.
"""

from __future__ import annotations

from dataclasses import dataclass

import faust

from streams.records import EventBatchRecord, ExtractedBatch, ProgressRecord
from streams.settings import Settings


@dataclass
class Topics:
    articles: faust.TopicT
    extracted: faust.TopicT
    claims: faust.TopicT
    alerts: faust.TopicT
    progress: faust.TopicT
    deadletter: faust.TopicT


def define_topics(app: faust.App, settings: Settings) -> Topics:
    return Topics(
        articles=app.topic(
            settings.topic_articles, key_type=bytes, value_type=bytes, value_serializer="raw"
        ),
        extracted=app.topic(settings.topic_extracted, key_type=str, value_type=ExtractedBatch),
        claims=app.topic(settings.topic_claims, key_type=str, value_type=EventBatchRecord),
        alerts=app.topic(
            settings.topic_alerts, key_type=str, value_type=bytes, value_serializer="raw"
        ),
        progress=app.topic(settings.topic_progress, key_type=str, value_type=ProgressRecord),
        deadletter=app.topic(
            settings.topic_deadletter, key_type=bytes, value_type=bytes, value_serializer="raw"
        ),
    )
