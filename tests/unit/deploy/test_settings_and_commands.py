"""What deploy/ configures exists: RAQIB_ variables are settings, commands parse, routes are served."""

from __future__ import annotations

import pytest

from streams.cli import build_parser

from .deployfiles import (
    DEPLOY,
    RAQIB_VARIABLE,
    command_name,
    compose_argv,
    k8s_resources,
    load_compose,
    parser_commands,
    raqib_containers,
    raqib_services,
    setting_variables,
    web_routes,
)


def _deploy_files():
    return sorted(p for p in DEPLOY.rglob("*") if p.is_file())


def _command_lines() -> list[tuple[str, list[str]]]:
    lines = [
        (f"compose service {name}", compose_argv(s))
        for name, s in raqib_services(load_compose()).items()
    ]
    for workload, container in raqib_containers(k8s_resources()):
        assert "command" not in container, (
            f"{workload.name}: keep the image's ENTRYPOINT (use args)"
        )
        lines.append(
            (f"{workload.kind} {workload.name}", [str(a) for a in container.get("args", [])])
        )
    return lines


def test_every_raqib_variable_in_deploy_is_a_setting():
    known = setting_variables()
    unknown = {
        f"{path.relative_to(DEPLOY)}: {name}"
        for path in _deploy_files()
        for name in RAQIB_VARIABLE.findall(path.read_text(encoding="utf-8"))
        if name not in known
    }
    assert sorted(unknown) == []


def test_deploy_runs_raqib_commands():
    assert {command_name(argv) for _, argv in _command_lines()} >= {"worker", "poll"}


@pytest.mark.parametrize(
    "where, argv", [pytest.param(where, argv, id=where) for where, argv in _command_lines()]
)
def test_every_command_line_parses(where, argv):
    parser = build_parser()
    commands = parser_commands(parser)
    name = command_name(argv)
    assert name in commands, (
        f"{where}: `raqib {name}` is not a command of streams.cli ({', '.join(commands)})"
    )
    try:
        parser.parse_args(argv)
    except SystemExit:
        pytest.fail(f"{where}: `raqib {' '.join(argv)}` does not parse with streams.cli")


def test_the_worker_serves_the_health_route_the_probes_use():
    assert "/healthz" in web_routes()
