"""deploy/Dockerfile: installs with constraints.txt and the CPU torch index, runs as non-root."""

from __future__ import annotations

import fnmatch
import json
import tomllib

from streams import cli

from .deployfiles import (
    DEPLOY,
    PYPROJECT,
    ROOT,
    console_scripts,
    dockerfile_env,
    dockerfile_instructions,
    final_stage,
)

INSTRUCTIONS = dockerfile_instructions()
FINAL = final_stage(INSTRUCTIONS)
TORCH_CPU_INDEX = "https://download.pytorch.org/whl/cpu"


def _one(keyword: str, instructions=FINAL) -> str:
    (found,) = [i.arguments for i in instructions if i.keyword == keyword]
    return found


def test_every_stage_starts_from_python_311_slim():
    bases = [i.arguments.split()[0] for i in INSTRUCTIONS if i.keyword == "FROM"]
    assert bases and all(base == "python:3.11-slim" for base in bases)


def test_install_uses_constraints_and_the_cpu_torch_index():
    (install,) = [
        i.arguments for i in INSTRUCTIONS if i.keyword == "RUN" and "pip install" in i.arguments
    ]
    words = install.split()
    assert words[words.index("-c") + 1] == "constraints.txt"
    assert words[words.index("--extra-index-url") + 1] == TORCH_CPU_INDEX
    assert words[-1] == "."


def test_copied_sources_are_what_the_package_needs():
    copied = {
        source
        for i in INSTRUCTIONS
        if i.keyword == "COPY" and not i.arguments.startswith("--from")
        for source in i.arguments.split()[:-1]
    }
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))
    packages = {p.rstrip("*") for p in project["tool"]["setuptools"]["packages"]["find"]["include"]}
    assert {"pyproject.toml", "constraints.txt", project["project"]["readme"]} | packages <= copied
    for source in copied:
        assert (ROOT / source).exists(), source


def test_the_dockerignore_keeps_the_build_context_small_but_not_the_sources():
    patterns = [
        line.strip()
        for line in (DEPLOY / "Dockerfile.dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert {".venv", ".git"} <= set(patterns)
    for i in INSTRUCTIONS:
        if i.keyword == "COPY" and not i.arguments.startswith("--from"):
            for source in i.arguments.split()[:-1]:
                assert not any(fnmatch.fnmatch(source, p) for p in patterns), source


def test_the_entrypoint_is_the_console_script():
    entrypoint = json.loads(_one("ENTRYPOINT"))
    scripts = console_scripts()
    assert entrypoint == ["raqib"] and entrypoint[0] in scripts
    module, _, function = scripts[entrypoint[0]].partition(":")
    assert module == cli.__name__ and callable(getattr(cli, function))


def test_the_default_command_is_a_worker():
    assert json.loads(_one("CMD")) == ["worker"]


def test_it_runs_as_a_non_root_user():
    user = _one("USER").split(":")[0]
    assert user not in {"root", "0"}


def test_the_data_dir_is_a_volume_and_the_web_port_is_exposed():
    env = dockerfile_env(FINAL)
    assert json.loads(_one("VOLUME")) == [env["RAQIB_DATA_DIR"]]
    assert _one("EXPOSE").split() == [env["RAQIB_WEB_PORT"]]
    assert env["RAQIB_WEB_HOST"] == "0.0.0.0"
