"""``raqib bench``: speed and memory figures from one run, on the embedded broker.

Measures, on the same machine and broker in one run:

1. extraction alone — ``extract_claims`` on one core, in this process (CPU time); and
   ``extract_claims_en`` over an English corpus made the same way (in the table only);
2. the whole logic with no broker — :func:`streams.core.offline.run_offline` (extraction,
   signature, resolution, tables, contradiction rules) over the corpus's first articles, in
   this process: articles/s per core of CPU time;
3. alert latency — produce → alert on the alert topic, p50/p99, at a steady 50 articles/s;
4. the whole pipeline with 1 and with 2 workers (``workers``), each on its own copy of the
   corpus: articles/s, the workers' CPU, and so articles/s per busy worker core. Its ratio
   to (2) is the *tax*: what carrying articles through topics and tables costs;
5. raw passthrough — a bare aiokafka consumer reading the articles topic (information);
6. worker memory (RSS) after 25%, 50% and 100% of the corpus (the largest run).

Figures are printed, never asserted: these machines are shared and noisy. Quote
medians and ratios; rates per core are of CPU time, so they hold whatever else runs.
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import sys
import time
import uuid
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient

from streams.bench.corpus import conflicting_pairs, generate
from streams.bench.latency import Trace, hop_table, quantile_index
from streams.bench.result import BenchResult, PipelineRun
from streams.cli.broker import free_port
from streams.cli.client import article_message, read_topic
from streams.cli.worker import spawn_worker, stop_process
from streams.core.model import Article
from streams.settings import Settings
from streams.topics import client_options, ensure_topics, topic_partitions


def rss_mb(pid: int) -> float:
    """Resident memory of a process in MB (Linux /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _log(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def isolated(settings: Settings, url: str, name: str) -> tuple[Settings, dict[str, str]]:
    """Settings and worker environment for a fresh app and topic prefix on the same broker."""
    tag = f"{name}-{uuid.uuid4().hex[:8]}"
    env = {
        "RAQIB_APP_ID": f"raqib-bench-{tag}",
        "RAQIB_TOPIC_PREFIX": f"bench.{tag}.",
        "RAQIB_PARTITIONS": str(settings.partitions),
        "RAQIB_STORE": settings.store,
        "RAQIB_LOG_LEVEL": "warning",
    }
    return settings.model_copy(
        update={
            "broker": url,
            "app_id": env["RAQIB_APP_ID"],
            "topic_prefix": env["RAQIB_TOPIC_PREFIX"],
        }
    ), env


Message = tuple[str, bytes]
"""An article as produced: its id (the key) and its JSON."""


def messages(articles: Iterable[Article]) -> Iterator[Message]:
    """``articles`` as messages of the articles topic."""
    for article in articles:
        yield article.id, article_message(article)


async def produce(
    settings: Settings,
    url: str,
    articles: Iterable[Message],
    *,
    pace: float | None = None,
    sent_at: dict[str, float] | None = None,
) -> int:
    """Produce ``articles`` to the articles topic (at ``pace`` per second when given)."""
    producer = AIOKafkaProducer(
        **client_options(settings, url), linger_ms=5 if pace else 50, max_batch_size=1024 * 1024
    )
    await producer.start()
    count = 0
    started = time.monotonic()
    try:
        for key, value in articles:
            if pace:
                delay = started + count / pace - time.monotonic()
                if delay > 0:
                    await asyncio.sleep(delay)
            if sent_at is not None:
                sent_at[key] = time.time()
            await producer.send(settings.topic_articles, value, key=key.encode())
            count += 1
            if not pace and count % 10000 == 0:
                _log(f"produced {count}")
        await producer.flush()
    finally:
        await producer.stop()
    return count


def _consumer(settings: Settings, url: str) -> AIOKafkaConsumer:
    # A short fetch wait: the embedded broker answers a long poll only when the wait
    # expires, so aiokafka's default 500 ms would add up to half a second to every
    # latency sample. The alert is on the topic when the worker wrote it, not when a
    # lazy reader notices.
    return AIOKafkaConsumer(
        **client_options(settings, url),
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        max_partition_fetch_bytes=8 * 1024 * 1024,
        fetch_max_wait_ms=10,
    )


async def _assign(consumer: AIOKafkaConsumer, topic: str) -> list[TopicPartition]:
    partitions = await topic_partitions(consumer, topic)
    consumer.assign(partitions)
    await consumer.seek_to_beginning(*partitions)
    return partitions


async def raw_passthrough(settings: Settings, url: str, total: int) -> float:
    """Articles per second a bare aiokafka consumer reads from the articles topic."""
    consumer = _consumer(settings, url)
    await consumer.start()
    try:
        await _assign(consumer, settings.topic_articles)
        seen = 0
        started = time.perf_counter()
        while seen < total:
            batch = await consumer.getmany(timeout_ms=1000, max_records=10000)
            seen += sum(len(r) for r in batch.values())
        return total / (time.perf_counter() - started)
    finally:
        await consumer.stop()


def extraction_alone(sample: list, repeats: int = 5, lang: str = "ar") -> float:
    """Median articles/s of the ``lang`` extractor over ``sample`` (one core of CPU time)."""
    from streams.bench.extract import EXTRACTORS

    extract = EXTRACTORS[lang]
    rates = []
    for _ in range(repeats):
        started = time.process_time()
        for article in sample:
            extract(article)
        rates.append(len(sample) / (time.process_time() - started))
    return statistics.median(rates)


def _reporting(articles: Sequence[Article], every: int, what: str) -> Iterator[Article]:
    """``articles`` in order, a progress line every ``every`` of them."""
    for n, article in enumerate(articles, 1):
        yield article
        if n % every == 0:
            _log(f"{what}: {n}/{len(articles)}")


def logic_alone(articles: Sequence[Article]) -> float:
    """Articles/s per core of the whole logic, no broker: :func:`run_offline` over
    ``articles`` (batches of the agents' size, no JSON round trips: those are the stream's).
    """
    from streams.core.offline import run_offline

    # the gazetteer and lexicons load once per process (a worker's start-up): not timed
    run_offline(generate(PROBES, seed=98), roundtrip=False)
    started = time.process_time()
    run_offline(_reporting(articles, 5000, "logic alone"), roundtrip=False)
    return len(articles) / (time.process_time() - started)


def _articles(values: Iterable[bytes]) -> Iterator[str]:
    """The articles progress records report on: a notice (merge, absorbed state) is no
    article, and an article reported twice (forwarded to a survivor, redelivered) counts once.
    """
    for value in values:
        for item in json.loads(value)["items"]:
            if item.get("article"):
                yield item["article"]


async def _stable_group(settings: Settings, url: str, members: int, timeout: float = 120) -> bool:
    """Wait until the app's consumer group is stable with ``members`` members."""
    admin = AIOKafkaAdminClient(**client_options(settings, url))
    await admin.start()
    try:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for group in (await admin.describe_consumer_groups([settings.app_id]))[0].groups:
                # (error_code, group, state, protocol_type, protocol, members)
                if group[2] == "Stable" and len(group[5]) == members:
                    return True
            await asyncio.sleep(0.5)
        return False
    finally:
        await admin.close()


async def _progress_of(consumer: AIOKafkaConsumer, wanted: set[str], timeout: float) -> set[str]:
    """Read the progress topic until every article of ``wanted`` was reported, or
    ``timeout`` seconds pass with none; returns the articles reported.
    """
    seen: set[str] = set()
    idle_since = time.monotonic()
    while not wanted <= seen and time.monotonic() - idle_since < timeout:
        batch = await consumer.getmany(timeout_ms=500, max_records=10000)
        before = len(seen)
        seen.update(_articles(r.value for records in batch.values() for r in records))
        if len(seen) > before:
            idle_since = time.monotonic()
    return seen


PROBES = 8  # warm-up articles: a few per partition, so every worker has had work


async def whole_pipeline(
    settings: Settings,
    url: str,
    env: dict[str, str],
    corpus: list[Message],
    tmp: Path,
    result: BenchResult,
    profile: Path | None = None,
    workers: int = 1,
) -> PipelineRun:
    """``workers`` workers, warmed up and in a stable group, then the corpus produced at
    once: articles/s from the first article produced to the last one's progress, and the
    workers' CPU over the same stretch (start-up and group join are left out).

    Memory is the largest worker's RSS after 25 %, 50 % and 100 % of the corpus. With
    ``profile``, the first worker runs under cProfile and writes its statistics there.
    """
    total = len(corpus)
    run = PipelineRun(workers=workers, articles=total)
    checkpoints = sorted({max(1, total // 4), max(1, total // 2), total})
    procs = [
        spawn_worker(
            url,
            web_port=free_port(),
            data_dir=tmp / f"pipeline-{workers}-{i}",
            log_path=tmp / f"pipeline-{workers}-{i}.log",
            extra_env={**env, **({"RAQIB_PROFILE": str(profile)} if profile and i == 0 else {})},
        )
        for i in range(workers)
    ]

    def peak_rss() -> float:
        return max(rss_mb(p.pid) for p in procs)

    def cpu() -> float:
        return sum(cpu_seconds(p.pid) for p in procs)

    def stalled(what: str) -> None:
        result.notes.append(
            f"pipeline ({workers} workers) {what}; see {tmp}/pipeline-{workers}-*.log"
        )

    consumer = _consumer(settings, url)
    await consumer.start()
    producing: asyncio.Task[int] | None = None
    try:
        await _assign(consumer, settings.topic_progress)
        if not await _stable_group(settings, url, workers):
            stalled("never formed a stable group")
            return run
        probes = list(generate(PROBES, seed=98))
        await produce(settings, url, messages(probes))
        if not {a.id for a in probes} <= await _progress_of(consumer, {a.id for a in probes}, 120):
            stalled("did not process its warm-up articles")
            return run
        seen: set[str] = set()
        cpu_at_start, started = cpu(), time.perf_counter()
        producing = asyncio.create_task(produce(settings, url, corpus))
        last_report = idle_since = time.monotonic()
        while len(seen) < total:
            before = len(seen)
            batch = await consumer.getmany(timeout_ms=500, max_records=10000)
            seen.update(_articles(r.value for records in batch.values() for r in records))
            done = len(seen)
            if done > before:
                idle_since = time.monotonic()
            elif any(p.poll() is not None for p in procs):
                stalled(f"lost a worker at {done}/{total}")
                break
            elif time.monotonic() - idle_since > 120:
                stalled(f"stalled at {done}/{total}")
                break
            for mark in checkpoints:
                if before < mark <= done:
                    run.rss_mb[mark] = peak_rss()
            if time.monotonic() - last_report > 10:
                _log(
                    f"pipeline, {workers} worker(s): {done}/{total} processed, "
                    f"worker RSS {peak_rss():.0f} MB"
                )
                last_report = time.monotonic()
        if len(seen) >= total:
            elapsed = time.perf_counter() - started
            run.per_s = total / elapsed
            run.cpu_share = (cpu() - cpu_at_start) / elapsed
    finally:
        if producing is not None:
            await producing
        await consumer.stop()
        for p in procs:
            stop_process(p)
    return run


async def alert_latency(
    settings: Settings,
    url: str,
    env: dict[str, str],
    seconds: float,
    tmp: Path,
    result: BenchResult,
    rate: float = 50.0,
) -> None:
    """Produce → alert-on-topic latency at a steady ``rate`` articles/s."""
    proc = spawn_worker(
        url,
        web_port=free_port(),
        data_dir=tmp / "latency",
        log_path=tmp / "latency.log",
        extra_env=env,
    )
    consumer = _consumer(settings, url)
    await consumer.start()
    sent_at: dict[str, float] = {}
    # article → (alert written, alert read), seconds
    alerted: dict[str, tuple[float, float]] = {}
    try:
        await _assign(consumer, settings.topic_alerts)
        progress = _consumer(settings, url)
        await progress.start()
        await _assign(progress, settings.topic_progress)
        # warm-up: wait until the worker has processed a first article
        await produce(settings, url, messages(generate(1, seed=99)))
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not await progress.getmany(timeout_ms=500):
            pass
        await progress.stop()
        pairs = int(seconds * rate / 2)

        async def collect() -> None:
            while True:
                batch = await consumer.getmany(timeout_ms=200)
                now = time.time()
                for records in batch.values():
                    for record in records:
                        article = json.loads(record.value)["new"]["article"]
                        if article in sent_at:
                            alerted.setdefault(article, (record.timestamp / 1000, now))

        collector = asyncio.create_task(collect())
        await produce(settings, url, messages(conflicting_pairs(pairs)), pace=rate, sent_at=sent_at)
        await asyncio.sleep(3)
        collector.cancel()
        if alerted:
            latencies = sorted((read - sent_at[a]) * 1000 for a, (_, read) in alerted.items())
            result.p50_ms = statistics.median(latencies)
            result.p99_ms = latencies[quantile_index(len(latencies), 0.99)]
            result.latency_samples = len(latencies)
            result.latency_hops = hop_table(await _traces(settings, url, sent_at, alerted))
        else:
            result.notes.append("no alerts arrived during the latency run")
    finally:
        await consumer.stop()
        stop_process(proc)


async def _first_written(settings: Settings, url: str, topic: str) -> dict[str, float]:
    """Article id → when the first record carrying it was written to ``topic``, seconds."""
    first: dict[str, float] = {}
    for message in await read_topic(settings, url, topic, timeout=30):
        for item in json.loads(message.value).get("items", []):
            first.setdefault(item["article"], message.timestamp_ms / 1000)
    return first


async def _traces(
    settings: Settings,
    url: str,
    sent_at: dict[str, float],
    alerted: dict[str, tuple[float, float]],
) -> list[Trace]:
    """Each alert's five timestamps, from the records the worker wrote on the way."""
    extracted = await _first_written(settings, url, settings.topic_extracted)
    claims = await _first_written(settings, url, settings.topic_claims)
    return [
        Trace((sent_at[a], extracted[a], claims[a], written, read))
        for a, (written, read) in alerted.items()
        if a in extracted and a in claims
    ]


def _scaling_size(articles: int) -> int:
    """Articles the smaller worker counts run on: the corpus, at most :data:`SCALING_ARTICLES`."""
    return min(articles, SCALING_ARTICLES)


SCALING_ARTICLES = 25_000
LOGIC_ARTICLES = 20_000


async def run_bench(
    settings: Settings,
    url: str,
    articles: int,
    latency_seconds: float,
    tmp: Path,
    profile: Path | None = None,
    workers: Sequence[int] = (1, 2),
) -> BenchResult:
    """One bench run: each measurement in turn (module docstring).

    Each worker count runs on its own copy of the corpus (the topics of a run are its
    own); the largest count on ``articles``, the others on the first
    :data:`SCALING_ARTICLES` of them. ``profile`` profiles the one-worker run (its worker
    does every stage), so the headline run is never slowed by the profiler.
    """
    started = time.monotonic()
    result = BenchResult(articles=articles)
    _log("extraction alone")
    result.extract_per_s = extraction_alone(list(generate(min(articles, 2000), seed=3)))
    # the same kind of corpus in English (issue 21): team-written reports and filler, 3 KB
    english = list(generate(min(articles, 2000), seed=3, lang="en"))
    result.extract_en_per_s = extraction_alone(english, lang="en")
    result.logic_articles = min(articles, LOGIC_ARTICLES)
    _log(f"whole logic, no broker, over {result.logic_articles} articles")
    result.logic_per_core = logic_alone(list(generate(result.logic_articles)))
    # Latency before the long runs: the embedded broker slows as its topics grow (it scans
    # a partition's batches on every request), and latency at a steady 50 articles/s is
    # a property of the pipeline, not of a broker holding the whole corpus's output.
    _log(f"alert latency at 50 articles/s for {latency_seconds:.0f}s")
    lat_settings, lat_env = isolated(settings, url, "latency")
    await ensure_topics(lat_settings, url)
    await alert_latency(lat_settings, url, lat_env, latency_seconds, tmp, result)
    result.latency_load = os.getloadavg()[0]
    counts = sorted(set(workers))
    _log(f"generating {articles} articles")
    corpus = list(messages(generate(articles)))
    for n in counts:
        size = articles if n == counts[-1] else _scaling_size(articles)
        pipe_settings, pipe_env = isolated(settings, url, f"pipeline{n}")
        await ensure_topics(pipe_settings, url)
        _log(f"whole pipeline, {n} worker(s), {size} articles")
        run = await whole_pipeline(
            pipe_settings, url, pipe_env, corpus[:size], tmp, result, profile if n == 1 else None, n
        )
        result.runs.append(run)
        if n == counts[-1]:
            _log("raw passthrough")
            result.raw_per_s = await raw_passthrough(pipe_settings, url, size + PROBES)
    _log(f"done in {time.monotonic() - started:.0f} s")
    return result
