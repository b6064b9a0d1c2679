"""The chair view in a real browser: headless Chromium (the system's package) through Selenium.

Skipped, saying why, when Chromium or its driver is missing: `apt-get install chromium
chromium-driver` (.ci/run does it), or CHROMIUM / CHROMEDRIVER naming them.
"""

from __future__ import annotations

import base64
import os
import re
import shutil
import time
from pathlib import Path
from typing import Any

import pytest

from db.store import open_store
from facilitator.services.live import Console
from tests.test_serve import live_meeting, start_server, stop

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = (
    os.environ.get("CHROMEDRIVER") or shutil.which("chromedriver") or "/usr/bin/chromedriver"
)

pytestmark = pytest.mark.skipif(
    not (Path(CHROMIUM).is_file() and Path(CHROMEDRIVER).is_file()),
    reason=f"no headless browser: {CHROMIUM} or {CHROMEDRIVER} is missing "
    "(apt-get install chromium chromium-driver)",
)

CSI = re.compile(r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>78]")


def browser(width: int = 1280, height: int = 800) -> Any:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(arg)
    options.add_argument(f"--window-size={width},{height}")
    # The terminal is drawn on a canvas: what it shows is read from the frames it was sent.
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    return webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))


def screen_text(driver: Any, seen: list[str]) -> str:
    """Everything the server sent to the page's terminal so far, escape codes removed."""
    import json

    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") != "Network.webSocketFrameReceived":
            continue
        response = message["params"]["response"]
        data = response["payloadData"]
        raw = base64.b64decode(data) if response.get("opcode") == 2 else data.encode("utf-8")
        seen.append(CSI.sub("", raw.decode("utf-8", "replace")))
    return "".join(seen)


def wait_for(driver: Any, seen: list[str], text: str, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in screen_text(driver, seen):
            return True
        time.sleep(0.2)
    return False


def test_the_chair_view_renders_in_a_browser_and_follows_a_change(tmp_path: Path):
    path = tmp_path / "hall.db"
    meeting_id = live_meeting(path)
    process, base = start_server(path)
    driver = browser()
    try:
        driver.get(base + "/")
        seen: list[str] = []
        assert wait_for(driver, seen, "▶ Nguyễn Văn Thành")
        assert "Nhân dân phát biểu" in screen_text(driver, seen)
        # The page took the first bytes (textual.js marks it) and drew the terminal canvas.
        classes = driver.execute_script("return document.body.className")
        assert "-first-byte" in classes.split()
        size = driver.execute_script(
            "var c = document.querySelector('.xterm-screen canvas');"
            "return c ? [c.width, c.height] : null"
        )
        assert size is not None and size[0] > 600 and size[1] > 300

        assert "▶ Phạm Thị Hòa" not in screen_text(driver, seen)  # she is next, not speaking
        store = open_store(path)
        Console(store, meeting_id).call_next()  # the secretary's F3 in another process
        store.close()
        assert wait_for(driver, seen, "▶ Phạm Thị Hòa")
        # Typed keys reach a read-only view: nothing changes in the file.
        driver.find_element("css selector", ".xterm-helper-textarea").send_keys("xyz\n")
        time.sleep(0.5)
        store = open_store(path, readonly=True)
        speaking = store.speaking(meeting_id)
        store.close()
        assert speaking is not None and speaking.name == "Phạm Thị Hòa"
    finally:
        driver.quit()
        stop(process)
