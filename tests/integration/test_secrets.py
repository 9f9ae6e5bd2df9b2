"""No secret reaches a log or a file: webhook URLs with tokens in their path, a ``sig=`` query
and credentials, and a SASL password, through a replay whose worker logs at DEBUG and posts
to every receiver; then every file under the data directory and the command's own output
are searched for them. Log files are owner-only, and so is the data directory."""

from __future__ import annotations

import asyncio
import stat
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp import web

from .test_fail_loudly import raqib_env
from .test_one_shot import raqib_async, serve

pytestmark = pytest.mark.integration

SECRETS = {
    "slack path": "T0SECRET1/B0SECRET2/SlackTok3nSecret",
    "slack token": "SlackTok3nSecret",
    "json password": "HookPassw0rd",
    "json path token": "JsonTok3nSecret",
    "json sig": "SigSecret123",
    "teams sig": "TeamsSig5ecret",
    "sasl password": "SaslPassw0rdSecret",
}


@pytest.fixture
async def receivers() -> AsyncIterator[tuple[str, list[str]]]:
    """Any POST on a loopback port is accepted; the paths posted to are kept."""
    posted: list[str] = []

    async def accept(request: web.Request) -> web.Response:
        await request.read()
        posted.append(request.path)
        return web.Response(text="ok")

    app = web.Application()
    app.router.add_post("/{tail:.*}", accept)
    async with serve(app) as address:
        yield address, posted


def files_under(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()]


async def test_no_secret_reaches_a_log_or_a_file(receivers, seeds_dir, tmp_path):
    address, posted = receivers
    webhooks = ";".join(
        [
            f"slack+http://{address}/services/T0SECRET1/B0SECRET2/SlackTok3nSecret",
            f"json+http://hook:HookPassw0rd@{address}/raqib/JsonTok3nSecret?sig=SigSecret123",
            f"teams+http://{address}/workflows/0a1b/triggers/manual/paths/invoke"
            "?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=TeamsSig5ecret",
        ]
    )
    env = raqib_env(
        tmp_path,
        RAQIB_WEBHOOK_URL=webhooks,
        RAQIB_SASL_USERNAME="raqib",
        RAQIB_SASL_PASSWORD=SECRETS["sasl password"],
        RAQIB_LOG_LEVEL="debug",
        RAQIB_PARTITIONS="2",
    )
    code, out, err = await raqib_async("-v", "replay", str(seeds_dir), env=env)
    assert code == 0, err[-3000:]
    await asyncio.sleep(0)
    assert {p.split("/")[1] for p in posted} == {"services", "raqib", "workflows"}

    data = tmp_path / "state"
    worker_log = data / "worker.log"
    assert "HTTP Request" not in worker_log.read_text()  # httpx is held at WARNING
    assert "alert" in worker_log.read_text()  # the log is there, at DEBUG
    for path in [*files_under(data)]:
        content = path.read_bytes()
        for what, secret in SECRETS.items():
            assert secret.encode() not in content, f"{what} in {path}"
    for what, secret in SECRETS.items():
        assert secret not in out + err, f"{what} in the command's output"

    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert stat.S_IMODE(worker_log.stat().st_mode) == 0o600
    for path in files_under(data):
        assert not stat.S_IMODE(path.stat().st_mode) & 0o077, f"{path} readable by others"
