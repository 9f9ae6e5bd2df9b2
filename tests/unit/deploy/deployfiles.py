"""Reading deploy/: compose, Kubernetes manifests, the Dockerfile, and what they refer to.

No Docker engine or cluster is involved: the files are parsed and cross-checked against
the code they configure (``streams.settings.Settings``, ``streams.cli.build_parser``,
the worker's web views, ``pyproject.toml``).
"""

from __future__ import annotations

import argparse
import ast
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from streams.settings import Settings

ROOT = Path(__file__).resolve().parents[3]
DEPLOY = ROOT / "deploy"
K8S = DEPLOY / "k8s"
COMPOSE_FILE = DEPLOY / "docker-compose.yml"
DOCKERFILE = DEPLOY / "Dockerfile"
VIEWS = ROOT / "streams" / "web" / "views.py"
PYPROJECT = ROOT / "pyproject.toml"

RAQIB_VARIABLE = re.compile(r"\bRAQIB_[A-Z][A-Z0-9_]*")
COMPOSE_DEFAULT = re.compile(r"\$\{[A-Za-z_][A-Za-z0-9_]*(?::?-([^}]*))?\}")


# Commands the deploy files run that streams.cli does not have yet, with the usage they
# are expected to have (connectors/poller.py). Once a command is in the parser, the real
# parser checks it and its entry here is unused.
def setting_variables() -> set[str]:
    """``RAQIB_<NAME>`` of every field of :class:`Settings`."""
    return {f"RAQIB_{name.upper()}" for name in Settings.model_fields}


def settings_from_env(env: dict[str, str | None]) -> Settings:
    """Settings built from the ``RAQIB_`` variables of ``env``; None means "left to the host"."""
    kwargs = {
        key[len("RAQIB_") :].lower(): value
        for key, value in env.items()
        if key.startswith("RAQIB_") and value is not None
    }
    return Settings(**kwargs)


def web_routes() -> set[str]:
    """Paths registered with ``@app.page(...)`` / ``@app.route(...)`` in streams/web/views.py.

    Read from the source, because building the app needs every agent's module importable.
    """
    routes: set[str] = set()
    for node in ast.walk(ast.parse(VIEWS.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in {"page", "route"}
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            routes.add(node.args[0].value)
    return routes


def console_scripts() -> dict[str, str]:
    return tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["scripts"]


# -- command lines ------------------------------------------------------------


def parser_commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    # argparse lists sub-commands only through its private actions
    for action in parser._actions:  # noqa: SLF001
        if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
            return dict(action.choices)
    raise AssertionError("streams.cli.build_parser() has no subcommands")


def command_name(argv: list[str]) -> str:
    words = [word for word in argv if not word.startswith("-")]
    assert words, f"no raqib command in {argv!r}"
    return words[0]


# -- compose ------------------------------------------------------------------


def load_compose() -> dict[str, Any]:
    return yaml.safe_load(COMPOSE_FILE.read_text(encoding="utf-8"))


def compose_value(value: Any) -> Any:
    """A compose string with ``${VAR:-default}`` replaced by its default (empty if none)."""
    if isinstance(value, str):
        return COMPOSE_DEFAULT.sub(lambda m: m.group(1) or "", value)
    return value


def compose_environment(service: dict[str, Any]) -> dict[str, str | None]:
    env = service.get("environment") or {}
    if isinstance(env, list):
        pairs = (item.split("=", 1) if "=" in item else (item, None) for item in env)
        env = dict(pairs)
    return {str(k): None if v is None else str(compose_value(v)) for k, v in env.items()}


def is_raqib_service(service: dict[str, Any]) -> bool:
    build = service.get("build") or {}
    dockerfile = build.get("dockerfile", "Dockerfile") if isinstance(build, dict) else ""
    return Path(dockerfile).name == DOCKERFILE.name and "deploy" in Path(dockerfile).parts


def raqib_services(compose: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {name: s for name, s in compose["services"].items() if is_raqib_service(s)}


def compose_argv(service: dict[str, Any]) -> list[str]:
    """Arguments given to the image's ENTRYPOINT (``raqib``)."""
    assert "entrypoint" not in service, "raqib services keep the image's ENTRYPOINT"
    command = service.get("command", [])
    return command.split() if isinstance(command, str) else [str(word) for word in command]


@dataclass(frozen=True)
class Mount:
    source: str
    target: str
    named: bool


def compose_mounts(service: dict[str, Any]) -> list[Mount]:
    mounts = []
    for volume in service.get("volumes", []):
        if isinstance(volume, dict):
            source, target = volume.get("source", ""), volume["target"]
            named = volume.get("type") == "volume"
        else:
            parts = volume.split(":")
            source, target = parts[0], parts[1]
            named = not source.startswith((".", "/", "~"))
        mounts.append(Mount(source, target, named))
    return mounts


def published_container_ports(service: dict[str, Any]) -> list[int]:
    ports = []
    for port in service.get("ports", []):
        if isinstance(port, dict):
            ports.append(int(port["target"]))
        else:
            ports.append(int(str(port).split("/")[0].rsplit(":", 1)[-1]))
    return ports


def depends_on(service: dict[str, Any]) -> dict[str, str]:
    deps = service.get("depends_on") or {}
    if isinstance(deps, list):
        return dict.fromkeys(deps, "service_started")
    return {name: (spec or {}).get("condition", "service_started") for name, spec in deps.items()}


# -- Kubernetes ---------------------------------------------------------------


def load_kustomization() -> dict[str, Any]:
    return yaml.safe_load((K8S / "kustomization.yaml").read_text(encoding="utf-8"))


def load_yaml_docs(path: Path) -> list[dict[str, Any]]:
    return [doc for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")) if doc is not None]


def k8s_resources() -> list[dict[str, Any]]:
    """Every object the kustomization applies (its ``resources``, not generated ones)."""
    docs: list[dict[str, Any]] = []
    for name in load_kustomization()["resources"]:
        docs.extend(load_yaml_docs(K8S / name))
    return docs


def secret_example() -> dict[str, Any]:
    (doc,) = load_yaml_docs(K8S / "secret.example.yaml")
    return doc


def by_kind(docs: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [doc for doc in docs if doc["kind"] == kind]


def generated_configmaps() -> dict[str, dict[str, Path]]:
    """configMapGenerator entries of the kustomization: name -> {key: file}."""
    result: dict[str, dict[str, Path]] = {}
    for generator in load_kustomization().get("configMapGenerator", []):
        files = {}
        for entry in generator.get("files", []):
            key, _, path = entry.rpartition("=")
            files[key or Path(path).name] = K8S / path
        result[generator["name"]] = files
    return result


@dataclass
class Workload:
    kind: str
    name: str
    doc: dict[str, Any]
    pod_labels: dict[str, str] = field(default_factory=dict)

    @property
    def pod_spec(self) -> dict[str, Any]:
        return self.doc["spec"]["template"]["spec"]

    def containers(self) -> list[dict[str, Any]]:
        return self.pod_spec["containers"]


def workloads(docs: list[dict[str, Any]]) -> list[Workload]:
    return [
        Workload(
            doc["kind"], doc["metadata"]["name"], doc, doc["spec"]["template"]["metadata"]["labels"]
        )
        for doc in docs
        if doc["kind"] in {"Deployment", "StatefulSet", "DaemonSet", "Job"}
    ]


def container_environment(
    container: dict[str, Any], docs: list[dict[str, Any]]
) -> dict[str, str | None]:
    """The container's variables from envFrom (ConfigMaps, the example Secret) and env."""
    configmaps = {d["metadata"]["name"]: d.get("data", {}) for d in by_kind(docs, "ConfigMap")}
    example = secret_example()
    secrets = {example["metadata"]["name"]: example.get("stringData", {})}
    env: dict[str, str | None] = {}
    for source in container.get("envFrom", []):
        if "configMapRef" in source:
            name = source["configMapRef"]["name"]
            assert name in configmaps, f"envFrom refers to a missing ConfigMap {name!r}"
            env.update({str(k): str(v) for k, v in configmaps[name].items()})
        elif "secretRef" in source:
            name = source["secretRef"]["name"]
            assert name in secrets, f"envFrom refers to Secret {name!r}, not in secret.example.yaml"
            env.update({str(k): str(v) for k, v in secrets[name].items()})
    for item in container.get("env", []):
        env[item["name"]] = str(item["value"]) if "value" in item else None
    return env


def container_port(container: dict[str, Any], port: int | str) -> int:
    """A probe's or Service's port, resolving a port name against the container's ports."""
    if isinstance(port, int):
        return port
    for declared in container.get("ports", []):
        if declared.get("name") == port:
            return int(declared["containerPort"])
    raise AssertionError(f"container {container['name']!r} has no port named {port!r}")


def raqib_containers(docs: list[dict[str, Any]]) -> Iterator[tuple[Workload, dict[str, Any]]]:
    for workload in workloads(docs):
        for container in workload.containers():
            if container["image"].split(":")[0].rsplit("/", 1)[-1] == "raqib":
                yield workload, container


# -- Dockerfile ---------------------------------------------------------------


@dataclass(frozen=True)
class Instruction:
    keyword: str
    arguments: str
    stage: int


def dockerfile_instructions(path: Path = DOCKERFILE) -> list[Instruction]:
    """Instructions with continuation lines joined and comments dropped; ``stage`` counts FROMs."""
    instructions: list[Instruction] = []
    pending = ""
    stage = -1
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not pending and (not line or line.startswith("#")):
            continue
        if pending and line.startswith("#"):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        text = (pending + line).strip()
        pending = ""
        if not text:
            continue
        keyword, _, arguments = text.partition(" ")
        keyword = keyword.upper()
        if keyword == "FROM":
            stage += 1
        instructions.append(Instruction(keyword, " ".join(arguments.split()), stage))
    return instructions


def final_stage(instructions: list[Instruction]) -> list[Instruction]:
    last = max(i.stage for i in instructions)
    return [i for i in instructions if i.stage == last]


def dockerfile_env(instructions: list[Instruction]) -> dict[str, str]:
    env: dict[str, str] = {}
    for instruction in instructions:
        if instruction.keyword == "ENV":
            for key, value in re.findall(r"(\w+)=(\S+)", instruction.arguments):
                env[key] = value
    return env
