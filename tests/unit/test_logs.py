"""Logging: no credential reaches a handler, and one failure repeated is one line per interval."""

from __future__ import annotations

import io
import logging
import stat
import sys

import pytest

from streams.logs import (
    RedactingFilter,
    RedactingStream,
    RepeatFilter,
    install,
    private_dir,
    private_file,
    redact,
    secrets_of,
)
from streams.settings import Settings


@pytest.mark.parametrize(
    "text, secret",
    [
        ("POST https://hooks.slack.com/services/T0AAA/B0BBB/XyZsecret123", "XyZsecret123"),
        ("POST https://hooks.slack.com/services/T0AAA/B0BBB/XyZsecret123", "T0AAA/B0BBB"),
        (
            "https://prod-12.westeurope.logic.azure.com:443/workflows/abc/triggers/manual/"
            "paths/invoke?api-version=2016-06-01&sp=%2Ftriggers&sv=1.0&sig=S1gS3cret",
            "S1gS3cret",
        ),
        ("connecting to https://alice:hunter2@alerts.example/raqib", "hunter2"),
        ("kafka://svc:Pa55word@broker.example:9093", "Pa55word"),
        ("GET https://feeds.example/rss?token=tok-42&lang=ar", "tok-42"),
        ("GET https://feeds.example/rss?lang=ar&key=k3y", "k3y"),
        ("GET https://x.example/?password=pw&x=1", "=pw"),
        ("https://discord.com/api/webhooks/123/AbCdEfsecret", "AbCdEfsecret"),
    ],
)
def test_redact_removes_credentials_from_urls(text, secret):
    assert secret not in redact(text)


def test_redact_keeps_what_is_not_a_credential():
    text = "feed bbc (https://feeds.bbci.co.uk/arabic/rss.xml?lang=ar) failed: HTTP 503"
    assert redact(text) == text


def test_every_configured_secret_is_masked_wherever_it_appears():
    settings = Settings(
        webhook_url="json+https://alerts.internal.example/raqib/h00k-t0ken;"
        "https://hooks.example/x/PLAINsecret",
        sasl_password="s4sl-pass",
    )
    secrets = secrets_of(settings)
    text = (
        "posting to /raqib/h00k-t0ken failed; path x/PLAINsecret; "
        "sasl s4sl-pass; url https://hooks.example/x/PLAINsecret"
    )
    out = redact(text, secrets)
    for secret in ("h00k-t0ken", "PLAINsecret", "s4sl-pass"):
        assert secret not in out


def _record(msg: str, *args: object, level: int = logging.ERROR, exc_info=None):
    return logging.LogRecord("raqib.test", level, __file__, 1, msg, args, exc_info)


def test_the_redacting_filter_rewrites_message_arguments_and_traceback():
    try:
        raise ValueError("bad https://hooks.slack.com/services/T1/B2/S3cr3t")
    except ValueError:
        exc_info = sys.exc_info()
    record = _record("HTTP Request: POST %s", "https://u:pw123@h.example/p", exc_info=exc_info)
    assert RedactingFilter().filter(record)
    text = logging.Formatter().format(record)
    assert "pw123" not in text and "S3cr3t" not in text
    assert "Traceback" in text and "ValueError" in text


def test_a_traceback_is_one_record():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactingFilter())
    logger = logging.getLogger("raqib.test.traceback")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        try:
            raise RuntimeError("boom")
        except RuntimeError:
            logger.exception("it failed")
    finally:
        logger.removeHandler(handler)
    lines = stream.getvalue().splitlines()
    assert lines[0] == "it failed"
    assert lines[-1] == "RuntimeError: boom"


class _Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_an_error_repeated_within_the_interval_is_logged_once_then_with_its_count():
    clock = _Clock()
    repeat = RepeatFilter(interval=60, clock=clock)
    passed = []
    for i in range(313):
        clock.now += 0.1
        record = _record("Unable connect to node with id %s: port %s", 111, 40000 + i)
        if repeat.filter(record):
            passed.append(record.getMessage())
    clock.now += 60
    record = _record("Unable connect to node with id %s: port %s", 111, 1)
    assert repeat.filter(record)
    passed.append(record.getMessage())
    assert len(passed) == 2
    assert passed[1].endswith("(repeated 312 times in the last 91 s)")


def test_different_errors_and_info_records_are_not_held_back():
    repeat = RepeatFilter(interval=60, clock=_Clock())
    assert repeat.filter(_record("feed a failed"))
    assert repeat.filter(_record("feed b failed"))
    assert repeat.filter(_record("feed b failed", level=logging.WARNING))
    assert all(repeat.filter(_record("alert posted", level=logging.INFO)) for _ in range(5))


def test_install_quiets_httpx_and_filters_every_handler():
    handler = logging.StreamHandler(io.StringIO())
    install(Settings(webhook_url="https://hooks.example/secret-path"), [handler])
    install(Settings(), [handler])  # idempotent
    assert logging.getLogger("httpx").getEffectiveLevel() == logging.WARNING
    assert logging.getLogger("httpcore").getEffectiveLevel() == logging.WARNING
    kinds = [type(f) for f in handler.filters]
    assert kinds == [RedactingFilter, RepeatFilter]


def test_a_redacting_stream_masks_what_is_printed():
    out = io.StringIO()
    stream = RedactingStream(out, ["t0ken"])
    print("url https://a.example/?sig=abc path /x/t0ken", file=stream)
    assert out.getvalue() == "url https://a.example/?sig=*** path /x/***\n"


def test_log_files_and_the_data_dir_are_owner_only(tmp_path):
    data = private_dir(tmp_path / "state")
    with private_file(data / "worker.log") as out:
        out.write(b"x")
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert stat.S_IMODE((data / "worker.log").stat().st_mode) == 0o600


def test_an_existing_log_file_is_tightened(tmp_path):
    path = tmp_path / "worker.log"
    path.write_text("old")
    path.chmod(0o644)
    with private_file(path):
        pass
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
