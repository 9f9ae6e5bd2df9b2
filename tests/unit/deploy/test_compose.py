"""deploy/docker-compose.yml: Kafka in KRaft mode, two rocksdb workers, the poller, the dashboard."""

from __future__ import annotations

import re

import pytest

from connectors.feedsfile import load_feeds

from .deployfiles import (
    DEPLOY,
    command_name,
    compose_argv,
    compose_environment,
    compose_mounts,
    depends_on,
    load_compose,
    published_container_ports,
    raqib_services,
    settings_from_env,
    web_routes,
)

COMPOSE = load_compose()
SERVICES = COMPOSE["services"]
RAQIB = raqib_services(COMPOSE)
WORKERS = {name: s for name, s in RAQIB.items() if command_name(compose_argv(s)) == "worker"}
URL = re.compile(r"https?://[^/:'\"\s]+:(\d+)(/[^'\"\s]*)")


def _kafka() -> tuple[str, dict]:
    (found,) = [
        (n, s) for n, s in SERVICES.items() if str(s.get("image", "")).startswith("apache/kafka")
    ]
    return found


def _settings(name: str):
    return settings_from_env(compose_environment(RAQIB[name]))


def test_the_compose_file_is_a_mapping_of_services():
    assert isinstance(SERVICES, dict) and RAQIB


def test_raqib_services_build_the_deploy_dockerfile():
    for name, service in RAQIB.items():
        build = service["build"]
        assert (DEPLOY / build["context"] / build["dockerfile"]).resolve() == (
            DEPLOY / "Dockerfile"
        ).resolve(), name


@pytest.mark.parametrize("name", sorted(RAQIB))
def test_service_environment_validates_as_settings(name):
    settings = _settings(name)
    assert settings.broker, f"{name}: without RAQIB_BROKER raqib starts an embedded broker"


def test_kafka_runs_in_kraft_mode_with_a_healthcheck():
    _, kafka = _kafka()
    env = compose_environment(kafka)
    assert set(env["KAFKA_PROCESS_ROLES"].split(",")) == {"broker", "controller"}
    assert env["KAFKA_CONTROLLER_QUORUM_VOTERS"] and env["KAFKA_CONTROLLER_LISTENER_NAMES"]
    assert "zookeeper" not in str(kafka).lower()
    test = " ".join(kafka["healthcheck"]["test"])
    assert "kafka-broker-api-versions.sh" in test or "kafka-topics.sh" in test


def test_raqib_broker_is_a_listener_kafka_advertises():
    _, kafka = _kafka()
    advertised = {
        listener.split("://", 1)[1]
        for listener in compose_environment(kafka)["KAFKA_ADVERTISED_LISTENERS"].split(",")
    }
    for name in RAQIB:
        assert set(_settings(name).bootstrap_servers()) <= advertised, name


def test_topics_fit_a_single_broker():
    _, kafka = _kafka()
    env = compose_environment(kafka)
    for name in RAQIB:
        settings = _settings(name)
        assert settings.replication_factor == 1, name
        assert int(env["KAFKA_NUM_PARTITIONS"]) == settings.partitions, name


def test_every_raqib_service_waits_for_a_healthy_broker():
    kafka_name, _ = _kafka()
    for name, service in RAQIB.items():
        assert depends_on(service).get(kafka_name) == "service_healthy", name


def test_the_poller_waits_for_a_worker_that_created_the_topics():
    (poller,) = [s for s in RAQIB.values() if command_name(compose_argv(s)) == "poll"]
    assert any(depends_on(poller).get(w) == "service_healthy" for w in WORKERS)


def test_two_workers_in_one_consumer_group():
    assert len(WORKERS) >= 2
    groups = {
        (_settings(n).app_id, _settings(n).topic_prefix, _settings(n).partitions) for n in WORKERS
    }
    assert len(groups) == 1


@pytest.mark.parametrize("name", sorted(WORKERS))
def test_workers_keep_rocksdb_tables_on_a_volume_of_their_own(name):
    settings = _settings(name)
    assert settings.store == "rocksdb://"
    (mount,) = [m for m in compose_mounts(WORKERS[name]) if m.target == str(settings.data_dir)]
    assert mount.named and mount.source in COMPOSE["volumes"]


def test_worker_data_volumes_are_distinct():
    sources = [
        m.source
        for name, worker in WORKERS.items()
        for m in compose_mounts(worker)
        if m.target == str(_settings(name).data_dir)
    ]
    assert len(sources) == len(set(sources)) == len(WORKERS)


@pytest.mark.parametrize("name", sorted(WORKERS))
def test_worker_healthcheck_asks_the_web_server_whether_it_is_ready(name):
    settings = _settings(name)
    (match,) = URL.findall(" ".join(WORKERS[name]["healthcheck"]["test"]))
    port, path = match
    assert (int(port), path) == (settings.web_port, "/healthz/ready")
    assert path in web_routes()
    assert settings.web_host == "0.0.0.0", (
        "the web server must listen beyond the container's loopback"
    )


def test_the_dashboard_is_worker_ones_web_port():
    published = {name: published_container_ports(s) for name, s in RAQIB.items() if s.get("ports")}
    (name,) = published
    assert name in WORKERS and name.endswith("1")
    assert published[name] == [_settings(name).web_port]


def test_the_poller_reads_the_mounted_example_feeds_file():
    (poller,) = [s for s in RAQIB.values() if command_name(compose_argv(s)) == "poll"]
    feeds_path = compose_argv(poller)[1]
    (mount,) = [m for m in compose_mounts(poller) if m.target == feeds_path]
    source = (DEPLOY / mount.source).resolve()
    assert source == DEPLOY / "feeds.example.toml"
    assert len(load_feeds(source)) >= 3


def test_the_poller_keeps_its_seen_set_on_a_volume():
    (poller,) = [s for s in RAQIB.values() if command_name(compose_argv(s)) == "poll"]
    settings = settings_from_env(compose_environment(poller))
    (mount,) = [m for m in compose_mounts(poller) if m.target == str(settings.data_dir)]
    assert mount.named and mount.source in COMPOSE["volumes"]


def test_host_paths_mounted_exist():
    for name, service in SERVICES.items():
        for mount in compose_mounts(service):
            if not mount.named:
                assert (DEPLOY / mount.source).exists(), f"{name}: {mount.source}"
