"""deploy/k8s: a StatefulSet of workers on RocksDB volumes, one poller, the dashboard Service."""

from __future__ import annotations

import pytest

from connectors.feedsfile import load_feeds
from streams.settings import Settings

from .deployfiles import (
    K8S,
    by_kind,
    command_name,
    container_environment,
    container_port,
    generated_configmaps,
    k8s_resources,
    load_kustomization,
    load_yaml_docs,
    raqib_containers,
    secret_example,
    settings_from_env,
    web_routes,
    workloads,
)

DOCS = k8s_resources()
KUSTOMIZATION = load_kustomization()
CONTAINERS = list(raqib_containers(DOCS))
SECRET_SETTINGS = {"RAQIB_SASL_PASSWORD", "RAQIB_WEBHOOK_URL"}
MEMORY = {"Ki": 2**10, "Mi": 2**20, "Gi": 2**30}


def _bytes(quantity: str) -> int:
    for suffix, factor in MEMORY.items():
        if quantity.endswith(suffix):
            return int(float(quantity[: -len(suffix)]) * factor)
    return int(quantity)


def _settings(container) -> Settings:
    return settings_from_env(container_environment(container, DOCS))


def _the(kind: str, command: str):
    (found,) = [
        (w, c)
        for w, c in CONTAINERS
        if w.kind == kind and command_name(c.get("args", [])) == command
    ]
    return found


def test_every_manifest_parses_and_names_its_object():
    for path in sorted(K8S.glob("*.yaml")):
        for doc in load_yaml_docs(path):
            assert doc.get("apiVersion") and doc.get("kind"), path.name
            if doc["kind"] != "Kustomization":
                assert doc["metadata"]["name"], path.name


def test_the_kustomization_applies_every_manifest_but_the_secret_example():
    listed = set(KUSTOMIZATION["resources"])
    on_disk = {p.name for p in K8S.glob("*.yaml")} - {"kustomization.yaml", "secret.example.yaml"}
    assert listed == on_disk


def test_the_namespace_is_the_kustomization_namespace():
    (namespace,) = by_kind(DOCS, "Namespace")
    assert namespace["metadata"]["name"] == KUSTOMIZATION["namespace"]


def test_the_image_is_set_in_one_place():
    (image,) = KUSTOMIZATION["images"]
    assert {c["image"] for _, c in CONTAINERS} == {image["name"]}


def test_the_configmap_holds_no_secrets_and_the_secret_example_only_placeholders():
    for configmap in by_kind(DOCS, "ConfigMap"):
        assert not SECRET_SETTINGS & set(configmap.get("data", {}))
    secret = secret_example()
    assert secret["kind"] == "Secret"
    assert set(secret["stringData"]) == SECRET_SETTINGS
    assert all("CHANGE-ME" in value for value in secret["stringData"].values())
    assert "example" in (K8S / "secret.example.yaml").read_text().splitlines()[0].lower()


@pytest.mark.parametrize(
    "workload, container", [pytest.param(w, c, id=w.name) for w, c in CONTAINERS]
)
def test_container_environment_validates_as_settings(workload, container):
    settings = _settings(container)
    assert settings.broker, f"{workload.name}: without RAQIB_BROKER raqib starts an embedded broker"
    assert settings.security_protocol in {"PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"}
    if settings.security_protocol.startswith("SASL"):
        assert settings.sasl_mechanism in {"PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"}
        assert settings.sasl_username and settings.sasl_password


def test_workers_are_a_statefulset_with_rocksdb_on_a_claim_template():
    workload, container = _the("StatefulSet", "worker")
    settings = _settings(container)
    assert settings.store == "rocksdb://"
    templates = {t["metadata"]["name"] for t in workload.doc["spec"]["volumeClaimTemplates"]}
    (mount,) = [m for m in container["volumeMounts"] if m["mountPath"] == str(settings.data_dir)]
    assert mount["name"] in templates


def test_workers_are_no_more_than_partitions():
    workload, container = _the("StatefulSet", "worker")
    assert workload.doc["spec"]["replicas"] <= _settings(container).partitions


def test_the_statefulset_has_its_headless_service():
    workload, _ = _the("StatefulSet", "worker")
    services = {s["metadata"]["name"]: s for s in by_kind(DOCS, "Service")}
    assert services[workload.doc["spec"]["serviceName"]]["spec"]["clusterIP"] == "None"


@pytest.mark.parametrize(
    "probe, path",
    [
        ("readinessProbe", "/healthz/ready"),
        ("livenessProbe", "/healthz/live"),
        ("startupProbe", "/healthz/live"),
    ],
)
def test_worker_probes_ask_the_web_server_for_readiness_and_liveness(probe, path):
    _, container = _the("StatefulSet", "worker")
    if probe == "startupProbe" and probe not in container:
        return
    http = container[probe]["httpGet"]
    assert http["path"] == path and http["path"] in web_routes()
    assert container_port(container, http["port"]) == _settings(container).web_port
    assert _settings(container).web_host == "0.0.0.0"


def test_a_worker_stops_well_inside_its_grace_period():
    workload, container = _the("StatefulSet", "worker")
    grace = workload.pod_spec.get("terminationGracePeriodSeconds", 30)
    assert _settings(container).shutdown_timeout < grace


def test_only_labelled_pods_reach_the_workers_web_port():
    (policy,) = by_kind(DOCS, "NetworkPolicy")
    workload, container = _the("StatefulSet", "worker")
    assert policy["spec"]["podSelector"]["matchLabels"].items() <= workload.pod_labels.items()
    assert policy["spec"]["policyTypes"] == ["Ingress"]
    (rule,) = policy["spec"]["ingress"]
    assert all("podSelector" in peer or "namespaceSelector" in peer for peer in rule["from"])
    (port,) = rule["ports"]
    assert container_port(container, port["port"]) == _settings(container).web_port


def test_the_deploy_readme_says_how_to_put_auth_in_front():
    text = (K8S.parent / "README.md").read_text()
    assert "NetworkPolicy" in text and "authenticating proxy" in text


def test_worker_resources_fit_the_measured_footprint():
    _, container = _the("StatefulSet", "worker")
    resources = container["resources"]
    assert _bytes(resources["requests"]["memory"]) >= 2**30
    assert _bytes(resources["limits"]["memory"]) >= _bytes(resources["requests"]["memory"])
    assert resources["requests"]["cpu"] and resources["limits"]["cpu"]


def test_every_container_has_requests_and_limits():
    for workload, container in CONTAINERS:
        assert {"cpu", "memory"} <= set(container["resources"]["requests"]), workload.name
        assert {"cpu", "memory"} <= set(container["resources"]["limits"]), workload.name


def test_pods_run_as_non_root():
    for workload in workloads(DOCS):
        assert workload.pod_spec["securityContext"]["runAsNonRoot"] is True, workload.name


def test_one_poller_never_two():
    workload, _ = _the("Deployment", "poll")
    assert workload.doc["spec"]["replicas"] == 1
    assert workload.doc["spec"]["strategy"]["type"] == "Recreate"


def test_the_poller_reads_its_feeds_file_from_the_generated_configmap():
    workload, container = _the("Deployment", "poll")
    feeds_path = container["args"][1]
    volumes = {v["name"]: v for v in workload.pod_spec["volumes"]}
    generated = generated_configmaps()
    (mount,) = [m for m in container["volumeMounts"] if feeds_path.startswith(m["mountPath"] + "/")]
    key = feeds_path[len(mount["mountPath"]) + 1 :]
    source = generated[volumes[mount["name"]]["configMap"]["name"]][key]
    assert len(load_feeds(source)) >= 3


def test_the_poller_keeps_its_seen_set_under_the_data_dir():
    workload, container = _the("Deployment", "poll")
    volumes = {v["name"]: v for v in workload.pod_spec["volumes"]}
    (mount,) = [
        m for m in container["volumeMounts"] if m["mountPath"] == str(_settings(container).data_dir)
    ]
    volume = volumes[mount["name"]]
    assert "persistentVolumeClaim" in volume or "emptyDir" in volume
    if "persistentVolumeClaim" in volume:
        claims = {c["metadata"]["name"] for c in by_kind(DOCS, "PersistentVolumeClaim")}
        assert volume["persistentVolumeClaim"]["claimName"] in claims


def _selected(selector: dict[str, str]):
    pod_name = selector.get("statefulset.kubernetes.io/pod-name")
    labels = {k: v for k, v in selector.items() if k != "statefulset.kubernetes.io/pod-name"}
    found = []
    for workload in workloads(DOCS):
        if labels.items() <= workload.pod_labels.items():
            if pod_name is not None:
                name, _, ordinal = pod_name.rpartition("-")
                assert (
                    workload.kind == "StatefulSet" and name == workload.name and ordinal.isdigit()
                )
                assert int(ordinal) < workload.doc["spec"]["replicas"]
            found.append(workload)
    return found


@pytest.mark.parametrize("service", by_kind(DOCS, "Service"), ids=lambda s: s["metadata"]["name"])
def test_services_reach_the_workers_web_port(service):
    (workload,) = _selected(service["spec"]["selector"])
    for port in service["spec"]["ports"]:
        for container in workload.containers():
            assert container_port(container, port["targetPort"]) == _settings(container).web_port


def test_there_is_a_dashboard_service():
    names = {s["metadata"]["name"] for s in by_kind(DOCS, "Service")}
    assert "raqib-dashboard" in names
