"""The Faust app, built from one :class:`~streams.settings.Settings` object.

``create_app`` is the only thing here: it configures the app for the broker
(embedded Tansu or a production cluster), builds the :class:`~streams.runtime.Runtime`
(topics, tables, the alert hub), then lets each domain register its agents and web
views. Start reading at :mod:`streams.agents`, then :mod:`streams.core.pipeline`.
"""

from __future__ import annotations

import faust

from streams.runtime import Runtime
from streams.settings import Settings
from streams.tables import define_tables
from streams.topics import APP_MAX_REQUEST, define_topics
from streams.transport import broker_credentials, faust_broker_url, use_fetch_wait

STREAM_BUFFER = 1000
COMMIT_INTERVAL = 5.0


def create_app(settings: Settings, broker_url: str | None = None) -> Runtime:
    """Build the Faust app. ``broker_url`` overrides ``settings.broker`` (the embedded broker)."""
    url = broker_url or settings.broker
    if not url:
        raise ValueError("create_app needs a broker URL (settings.broker or broker_url)")
    app = faust.App(
        settings.app_id,
        broker=faust_broker_url(url),
        broker_credentials=broker_credentials(settings),
        store=settings.store,
        datadir=str(settings.data_dir / "tables"),
        topic_partitions=settings.partitions,
        topic_replication_factor=settings.replication_factor,
        consumer_auto_offset_reset="earliest",
        # Short group timeouts: joining takes ~3 s instead of ~30 s (docs/ARCHITECTURE.md,
        # "The embedded broker").
        broker_rebalance_timeout=settings.group_rebalance_timeout,
        broker_session_timeout=settings.group_session_timeout,
        broker_heartbeat_interval=settings.group_heartbeat_interval,
        broker_request_timeout=max(90.0, settings.group_session_timeout + 5),
        # Seconds between offset commits. A commit holds the stream up for a moment: at
        # one a second, 1 % of alerts waited 100-200 ms more at every hop (`raqib bench`,
        # alert latency p99 580-690 ms against 155-250 ms at 5 s, same machine). Longer
        # means more records redelivered after a crash: effects are idempotent.
        broker_commit_interval=COMMIT_INTERVAL,
        stream_recovery_delay=settings.recovery_delay,
        table_standby_replicas=0,
        # Faust's check stops a worker whose stored changelog offset is above the changelog's
        # end, in a loop. Tables built against another broker (a restarted embedded one) are
        # discarded before the worker starts (streams/cli/identity.py), so that case never
        # reaches it; a changelog deleted on the same cluster would. (Recovery's end offsets
        # themselves are right: streams.transport corrects Tansu's.)
        recovery_consistency_check=False,
        producer_linger_ms=1,
        # Messages a stream may hold unprocessed (Faust's default is 4096). The extracted
        # topic carries batches of up to 500 articles' claims (~50 KB each): when the
        # resolve agent lags, 4096 of them buffered are 200 MB of worker memory. The agents
        # take at most 500 messages at a time, so two takes' worth keeps them fed.
        stream_buffer_maxsize=STREAM_BUFFER,
        # Per partition. Kafka hands over a record batch larger than this anyway (KIP-74), so
        # it bounds the fetch buffers (partitions x topics) rather than the message size.
        consumer_max_fetch_size=4 * 1024 * 1024,
        producer_max_request_size=APP_MAX_REQUEST,
        web_enabled=True,
        # Faust's own views show raw table contents to whoever reaches the port: off unless
        # asked for (RAQIB_FAUST_WEB_VIEWS). raqib's views are in streams/web.
        web_router_enabled=settings.faust_web_views,
        web_tables_enabled=settings.faust_web_views,
        web_stats_enabled=settings.faust_web_views,
        web_graph_enabled=settings.faust_web_views,
        web_metrics_enabled=settings.faust_web_views,
        web_host=settings.web_host,
        web_port=settings.web_port,
        web_bind=settings.web_host,
        web_in_thread=False,
    )
    use_fetch_wait(app, settings)
    topics = define_topics(app, settings)
    runtime = Runtime(app=app, settings=settings, topics=topics, tables=define_tables(app))

    from streams.agents import register_agents
    from streams.web import register_web

    register_agents(runtime)
    register_web(runtime)
    return runtime
