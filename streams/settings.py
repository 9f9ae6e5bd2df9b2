"""Every knob of raqib, read once from the environment (prefix ``RAQIB_``).

One typed object is built at start-up and passed down; nothing else reads the
environment. Secrets (SASL password, webhook URLs) come from the environment
only, never from files in the repository.
"""

from __future__ import annotations

import ssl
from pathlib import Path

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

FETCH_WAIT_MS = 10
"""Default of ``RAQIB_FETCH_WAIT_MS``. Measured on the embedded broker (README, Benchmark):
alert latency at 50 articles/s p50 108 / p99 425 ms at 10 ms, 240 / 994 ms at 20 ms (same
machine load); an idle worker uses 13 % of a core and the broker 16 % at 10 ms, 10 % and
11 % at 20 ms, 17 % and 34 % at 5 ms."""

PREFETCH_BACKOFF_MS = 5
"""Default of ``RAQIB_PREFETCH_BACKOFF_MS``. aiokafka's own default is 100 ms; measured on the
embedded broker, 30 s at 50 articles/s (README, Benchmark): alert latency p99 243 and 217 ms
with 100 ms, 95 and 101 ms with 5 ms; p50 unchanged (60-63 ms)."""


class Settings(BaseSettings):
    """raqib's configuration. Each field maps to ``RAQIB_<FIELD NAME IN UPPER CASE>``."""

    model_config = SettingsConfigDict(env_prefix="RAQIB_", extra="ignore")

    # -- broker -------------------------------------------------------------
    broker: str | None = Field(
        default=None,
        description="Kafka bootstrap servers, e.g. 'kafka://h1:9092;h2:9092'. "
        "Unset: an embedded Tansu broker is started on loopback.",
    )
    broker_port: int = Field(
        default=0, description="Port of the embedded broker (0 = any free port)."
    )
    security_protocol: str = Field(
        default="PLAINTEXT", description="PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL."
    )
    sasl_mechanism: str | None = Field(
        default=None, description="PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512."
    )
    sasl_username: str | None = None
    sasl_password: str | None = Field(default=None, repr=False)  # a secret: never printed
    ssl_cafile: Path | None = None
    ssl_certfile: Path | None = None
    ssl_keyfile: Path | None = None

    group_session_timeout: float = Field(
        default=10.0,
        gt=0,
        description="Seconds without heartbeat before a worker leaves the group. Short suits the "
        "embedded broker; raise it (e.g. 30-60) on a production cluster.",
    )
    group_rebalance_timeout: float = Field(
        default=8.0, gt=0, description="Seconds workers have to rejoin during a rebalance."
    )
    group_heartbeat_interval: float = Field(
        default=1.0, gt=0, description="Seconds between consumer-group heartbeats."
    )

    recovery_delay: float = Field(
        default=3.0,
        ge=0,
        description="Seconds a worker waits after a rebalance before reading the changelogs "
        "of partitions it was given, so that the previous owner's last table writes have "
        "landed (shorter risks stale tables; Faust's default is 10).",
    )

    fetch_wait_ms: int = Field(
        default=FETCH_WAIT_MS,
        ge=1,
        le=10_000,
        description="Longest a worker's fetch waits for records before the broker answers "
        "empty. The embedded broker answers only when it expires, so each of the three "
        "hops of an alert waits up to this long; Apache Kafka answers on arrival, and "
        "there it only sets how often an idle worker polls.",
    )
    prefetch_backoff_ms: int = Field(
        default=PREFETCH_BACKOFF_MS,
        ge=0,
        le=10_000,
        description="Longest a worker's consumer holds back its fetches from a broker while "
        "records it fetched from that broker wait unread. Faust pauses a table's changelog "
        "partitions without telling aiokafka, so the records the worker's own table writes "
        "are fetched and never read; aiokafka then fetches nothing else from that broker "
        "for this long (its default, 100 ms, was the slowest 1 % of alerts' wait at a hop).",
    )

    # -- topics -------------------------------------------------------------
    topic_prefix: str = Field(default="raqib.", description="Prefix of every topic name.")
    partitions: int = Field(default=4, ge=1, description="Partitions of every topic raqib creates.")
    replication_factor: int = Field(default=1, ge=1)

    # -- worker -------------------------------------------------------------
    app_id: str = Field(default="raqib", description="Faust app id = consumer group name.")
    store: str = Field(
        default="rocksdb://",
        description="Table store: 'rocksdb://' (durable, under data_dir; recovered from the "
        "local store and the changelog after a restart) or 'memory://' (rebuilt from the "
        "changelog at every start).",
    )
    data_dir: Path = Field(
        default=Path(".raqib"), description="State directory (tables, seen-sets)."
    )
    web_host: str = "127.0.0.1"
    web_port: int = Field(default=6066, description="Dashboard, /api and /metrics.")
    log_level: str = "info"
    max_article_bytes: int = Field(
        default=2_000_000,
        gt=0,
        description="Articles larger than this are dead-lettered instead of processed.",
    )

    contact_url: str | None = Field(
        default=None,
        description="URL or mailto: naming who runs this deployment, sent in the feed "
        "poller's User-Agent so outlets can reach you.",
    )

    # -- event tracking and contradictions -----------------------------------
    tolerance: float = Field(
        default=0.1,
        ge=0,
        description="Approximate figures are widened by this fraction on both sides before "
        "ranges are compared.",
    )
    event_quiet_hours: float = Field(
        default=72.0, gt=0, description="An event with no new article for this long is closed."
    )

    # -- alert sinks ----------------------------------------------------------
    webhook_url: str | None = Field(
        default=None,
        repr=False,  # Slack and Teams put the credential in the URL: never printed
        description="One or more receivers, separated by ';' or ','.",
    )
    webhook_format: str = Field(
        default="slack",
        description="slack, json or teams: one for all receivers, or one per URL "
        "(';'-separated); a URL may also carry its own as a prefix (teams+https://...).",
    )
    dashboard_url: str | None = Field(
        default=None, description="Public base URL of the dashboard, for links in alerts."
    )

    # -- operations: health, shutdown, logs, one-shot commands, exposure -------
    health_interval: float = Field(
        default=5.0,
        gt=0,
        description="Seconds between a worker's checks of its broker (readiness), its "
        "consumer lag and the embedded broker's memory.",
    )
    health_timeout: float = Field(
        default=3.0,
        gt=0,
        description="A broker that does not answer a check within this many seconds counts "
        "as down: /healthz/ready answers 503 and the lag is unknown.",
    )
    shutdown_timeout: float = Field(
        default=8.0,
        gt=0,
        description="Seconds a worker has to stop after SIGTERM or Ctrl-C. With its broker "
        "gone the last commit cannot finish: the worker exits anyway, and the next owner of "
        "its partitions redoes what it did not commit (at least once).",
    )
    log_repeat_interval: float = Field(
        default=60.0,
        ge=0,
        description="A warning or error repeated within this many seconds is logged once, "
        "then again with the count of its repeats (0: every repeat is logged).",
    )
    broker_memory_warn_mb: float = Field(
        default=1024.0,
        gt=0,
        description="Resident memory (MB) of the embedded broker above which workers warn: "
        "it keeps every record in memory and cannot delete any.",
    )
    poll_feed_deadline: float = Field(
        default=120.0,
        gt=0,
        description="Seconds one feed's poll may take, its pages included; past it the feed "
        "is failed for this poll and the next poll takes what it did not.",
    )
    poll_progress_timeout: float = Field(
        default=120.0,
        gt=0,
        description="On the embedded broker, how long `raqib poll` waits for the pipeline to "
        "take an article it sent before leaving it unseen (sent again by the next poll).",
    )
    drain_timeout: float = Field(
        default=60.0,
        ge=0,
        description="How long a command that stops the worker it started (`replay`, `poll "
        "--once`) first waits for that worker's webhook deliveries.",
    )
    faust_web_views: bool = Field(
        default=False,
        description="Also serve Faust's built-in web views (/router/, /table/ ...: raw table "
        "contents). Off unless asked for.",
    )

    # -- alert delivery: the outbox and grouping (issue 19) -------------------------------
    delivery_store: Path | None = Field(
        default=None,
        description="The delivery outbox (SQLite) of this deployment, shared by its workers "
        "and commands so an alert is posted once however often it is replayed. Unset: "
        "<data_dir>/deliveries.sqlite.",
    )
    group_interval: float = Field(
        default=300.0,
        ge=0,
        description="Seconds: the first alert of an incident is posted at once; the incident's "
        "further alerts within this interval go together as one update (0: each alone).",
    )
    delivery_horizon: float = Field(
        default=86400.0,
        gt=0,
        description="Seconds a failed delivery is retried before it is given up (24 h).",
    )
    delivery_backoff: float = Field(
        default=1.0, gt=0, description="Seconds before the first retry; doubles each time."
    )
    delivery_backoff_cap: float = Field(
        default=300.0,
        gt=0,
        description="Longest wait between two attempts, a receiver's Retry-After included.",
    )

    @property
    def delivery_store_path(self) -> Path:
        """Where this deployment's delivery outbox is."""
        return self.delivery_store or self.data_dir / "deliveries.sqlite"

    @field_validator("broker")
    @classmethod
    def _blank_is_none(cls, value: str | None) -> str | None:
        return value or None

    def topic(self, name: str) -> str:
        """Full topic name for a short name such as ``articles``."""
        return f"{self.topic_prefix}{name}"

    @property
    def topic_articles(self) -> str:
        """The articles topic (input)."""
        return self.topic("articles")

    @property
    def topic_extracted(self) -> str:
        """The extracted topic (claims and signatures, by block)."""
        return self.topic("extracted")

    @property
    def topic_claims(self) -> str:
        """The claims topic (by event)."""
        return self.topic("claims")

    @property
    def topic_alerts(self) -> str:
        """The alert topic: raqib's public interface."""
        return self.topic("alerts.contradictions")

    @property
    def topic_progress(self) -> str:
        """The progress topic (what became of each article)."""
        return self.topic("progress")

    @property
    def topic_deadletter(self) -> str:
        """The dead-letter topic."""
        return self.topic("deadletter")

    def ssl_context(self) -> ssl.SSLContext | None:
        """The TLS context for ``SSL``/``SASL_SSL`` (CA and client certificate), else None."""
        if self.security_protocol.upper() not in ("SSL", "SASL_SSL"):
            return None
        context = ssl.create_default_context(
            cafile=str(self.ssl_cafile) if self.ssl_cafile else None
        )
        if self.ssl_certfile:
            context.load_cert_chain(
                str(self.ssl_certfile), str(self.ssl_keyfile) if self.ssl_keyfile else None
            )
        return context

    def bootstrap_servers(self) -> list[str]:
        """``host:port`` entries of ``broker`` without the ``kafka://`` scheme."""
        if not self.broker:
            return []
        servers = []
        for part in self.broker.replace(",", ";").split(";"):
            part = part.strip()
            if part.startswith("kafka://"):
                part = part[len("kafka://") :]
            if part:
                servers.append(part)
        return servers
