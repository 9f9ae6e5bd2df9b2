"""The dashboard served by a real worker: pages, the live alert stream, and a real browser.

The browser test drives Debian's headless Chromium through selenium. It does not
skip when Chromium is missing: it fails (``make browser-deps`` installs it).
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import httpx
import pytest

from connectors.files import read_paths
from streams.cli.client import replay
from streams.core.model import Alert
from tests.integration.test_sinks import cli_env, the_80_vs_62, wait_for_web

pytestmark = pytest.mark.integration

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
CHROME_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1400,1100",
)


def _figures_in_table(view: dict[str, Any]) -> dict[int, list[str]]:
    """Figure value → names of the sources (rows) that reported it, from /api/events/{id}."""
    found: dict[int, list[str]] = {}
    for row in view["sources"]:
        for figures in row["figures"].values():
            for f in figures:
                found.setdefault(f["min"], []).append(row["name"])
    return found


async def test_pages_api_and_live_alert_stream(make_pipeline, seeds_dir):
    pipeline = make_pipeline()
    pipeline.start_worker()
    port = pipeline.web_ports[0]
    base = f"http://127.0.0.1:{port}"
    await wait_for_web(port, pipeline)
    streamed: list[dict[str, Any]] = []
    connected = asyncio.Event()

    async def listen() -> None:
        async with (
            httpx.AsyncClient(timeout=httpx.Timeout(5.0, read=None)) as client,
            client.stream("GET", f"{base}/api/alerts/stream") as response,
        ):
            assert response.headers["content-type"].startswith("text/event-stream")
            connected.set()
            async for line in response.aiter_lines():
                if line.startswith("data: "):
                    streamed.append(json.loads(line[6:]))

    listener = asyncio.create_task(listen())
    await asyncio.wait_for(connected.wait(), 10)
    result = await replay(
        pipeline.settings, pipeline.broker.url, read_paths([seeds_dir]), idle_timeout=90,
        alive=pipeline.alive,
    )  # fmt: skip
    alert = the_80_vs_62(result.alerts)[0]
    for _ in range(50):
        if any(e["alert"]["id"] == alert.id for e in streamed):
            break
        await asyncio.sleep(0.2)
    listener.cancel()
    assert [Alert.from_json(e["alert"]) for e in streamed if e["alert"]["id"] == alert.id] == [
        alert
    ]

    async with httpx.AsyncClient(base_url=base, timeout=10.0) as client:
        recent = (await client.get("/api/alerts")).json()["alerts"]
        assert alert.id in {e["alert"]["id"] for e in recent}
        index = await client.get("/")
        assert index.status_code == 200 and 'data-page="index"' in index.text
        page = await client.get(f"/events/{alert.event}")
        assert page.status_code == 200 and 'data-page="event"' in page.text
        assert (
            (await client.get("/static/app.js"))
            .headers["content-type"]
            .startswith("text/javascript")
        )
        assert (await client.get("/static/nope.js")).status_code == 404
        events = (await client.get("/api/events")).json()["events"]
        assert alert.event in {e["id"] for e in events}
        view = (await client.get(f"/api/events/{alert.event}")).json()
    figures = _figures_in_table(view)
    assert 62 in figures and 80 in figures


def _browser(tmp_path: Path) -> Any:
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    assert Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists(), (
        "Chromium is part of the test install: run `make browser-deps` "
        "(apt-get install chromium chromium-driver)"
    )
    options = Options()
    options.binary_location = CHROMIUM
    for flag in CHROME_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path / 'chromium-profile'}")
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)


RUSSIAN_MOD = "وزارة الدفاع الروسية"  # the seeds' source of "60 killed": muted in the test


@pytest.mark.browser
def test_browser_shows_the_alert_live_and_the_event_table_with_62_and_80(
    make_pipeline, seeds_dir, tmp_path
):
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    pipeline = make_pipeline()
    silence = [sys.executable, "-m", "streams.cli", "silence", RUSSIAN_MOD, "--kind", "source"]
    made = subprocess.run(
        [*silence, "--for", "1h", "--jsonl"], env=cli_env(pipeline), capture_output=True,
        text=True, timeout=60,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    pipeline.start_worker()
    port = pipeline.web_ports[0]
    asyncio.run(wait_for_web(port, pipeline))
    driver = _browser(tmp_path)
    outcome: dict[str, Any] = {}

    def run_replay() -> None:
        outcome["result"] = asyncio.run(
            replay(
                pipeline.settings,
                pipeline.broker.url,
                read_paths([seeds_dir]),
                idle_timeout=90,
                alive=pipeline.alive,
            )  # fmt: skip
        )

    try:
        driver.get(f"http://127.0.0.1:{port}/")
        wait = WebDriverWait(driver, 90, poll_frequency=0.2)
        wait.until(lambda d: "live" in d.find_element(By.ID, "conn").get_attribute("class"))
        driver.execute_script("window.__sameDocument = 'yes';")
        assert not driver.find_elements(By.CSS_SELECTOR, "#alerts [data-alert-id]")

        worker = threading.Thread(target=run_replay)
        worker.start()

        def figures(card: Any) -> set[str]:
            return {
                f.text.split()[0] for f in card.find_elements(By.CSS_SELECTOR, ".claim-line .fig")
            }

        card = wait.until(
            lambda d: next(
                (
                    c
                    for c in d.find_elements(By.CSS_SELECTOR, "#alerts [data-alert-id]")
                    if {"80", "62"} <= figures(c)
                ),
                None,
            )
        )
        assert driver.execute_script("return window.__sameDocument") == "yes", (
            "the alert must arrive live, without a page reload"
        )
        worker.join(120)
        result = outcome["result"]
        by_id = {a.id: a for a in the_80_vs_62(result.alerts)}
        assert card.get_attribute("data-alert-id") in by_id
        alert = by_id[card.get_attribute("data-alert-id")]
        quotes = card.find_elements(By.CSS_SELECTOR, "blockquote[dir=rtl]")
        assert quotes and all(q.get_attribute("lang") == "ar" for q in quotes)
        event_row = f'#events tr[data-event="{alert.event}"]'
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, event_row))
        driver.save_screenshot(str(tmp_path / "dashboard.png"))

        def text_of(css: str) -> str:
            """The text of the first element matching ``css`` (the table is redrawn every 5 s)."""
            try:
                found = driver.find_elements(By.CSS_SELECTOR, css)
                return found[0].text if found else ""
            except StaleElementReferenceException:
                return ""

        # each metric's range per victim class: not "killed at least 5" for an incident
        # whose soldiers' toll every source puts at 60 or more
        killed = event_row + ' .ranges[data-metric="killed"] .range[data-victims="{}"]'
        wait.until(lambda d: "at least 60" in text_of(killed.format("security_forces")))
        assert "security forces" in text_of(killed.format("security_forces"))
        assert "5–7" in text_of(killed.format("armed_groups"))
        assert "at least 5" not in text_of(event_row)

        # a muted alert is marked on its card and counted on its event's row; the others not
        muted = [
            a for a in result.alerts
            if RUSSIAN_MOD in {c.attributed_to for c in (a.new, *a.conflicts_with)}
        ]  # fmt: skip
        assert muted, "the Russian ministry's 60 contradicts the 62 of the headline"
        for each in result.alerts:
            badge = f'#alerts [data-alert-id="{each.id}"] .badge.muted'
            if each in muted:
                wait.until(lambda d, css=badge: text_of(css).lower() == "muted")
            else:
                assert not driver.find_elements(By.CSS_SELECTOR, badge)
        wait.until(
            lambda d: f"{len(muted)} muted" in text_of(event_row + " td[data-muted]").lower()
        )
        assert card.find_element(By.CSS_SELECTOR, ".incident").text.strip()

        card.find_element(By.CSS_SELECTOR, ".event-link a").click()
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#event-table .figure"))
        values = {
            box.find_element(By.CSS_SELECTOR, ".value").text: box
            for box in driver.find_elements(By.CSS_SELECTOR, "#event-table .figure")
        }
        assert "62" in values and "80" in values, sorted(values)
        for figure in ("62", "80"):
            box = values[figure]
            assert "contradicted" in box.get_attribute("class")
            row = box.find_element(By.XPATH, "./ancestor::tr")
            source = row.find_element(By.CSS_SELECTOR, "th.source").text
            assert source.strip(), f"no source beside {figure}"
        sources_text = driver.find_element(By.ID, "event-table").text
        assert "Deir ez-Zor" in sources_text or "مطار" in sources_text
        arabic = driver.find_elements(By.CSS_SELECTOR, "#event-table [lang=ar][dir=rtl]")
        assert arabic, "Arabic text is marked right-to-left"
        assert alert.id in driver.find_element(By.ID, "contradictions").get_attribute("innerHTML")
        wait.until(
            lambda d: d.find_elements(By.CSS_SELECTOR, "#contradictions li.muted .badge.muted")
        )
        marked = {
            li.get_attribute("data-alert-id")
            for li in driver.find_elements(By.CSS_SELECTOR, "#contradictions li.muted")
        }
        assert marked == {a.id for a in muted}
        driver.save_screenshot(str(tmp_path / "event.png"))
        assert (tmp_path / "event.png").stat().st_size > 10_000
    finally:
        driver.quit()
