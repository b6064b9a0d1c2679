"""The pages of `facilitator serve` as headless Chromium shows them, for the README.

uv run python docs/make_serve_samples.py    # needs chromium and chromium-driver

Writes docs/samples/serve-chair.png (the chair view on a 1920x1080 TV) and
docs/samples/serve-queue.png (the queue page on a phone, registration number 5 looked up).
"""

from __future__ import annotations

import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from db.store import open_store  # noqa: E402
from facilitator.services.demo import demo_meeting  # noqa: E402
from facilitator.services.live import Console  # noqa: E402
from facilitator.services.meetingfile import import_meeting  # noqa: E402

OUT = ROOT / "docs" / "samples"


def shot(url: str, target: Path, width: int, height: int, wait: float) -> None:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"):
        options.add_argument(arg)
    options.add_argument(f"--window-size={width},{height}")
    driver = webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))
    try:
        driver.get(url)
        time.sleep(wait)
        driver.save_screenshot(str(target))
    finally:
        driver.quit()


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="facilitator-serve-"))
    path = folder / "hall.db"
    store = open_store(path)
    meeting_id = import_meeting(store, demo_meeting())
    console = Console(store, meeting_id)
    for _ in range(3):
        console.next_phase()
    console.call_next()
    store.close()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "facilitator", "--db", str(path), "serve", "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )
    try:
        time.sleep(3)
        base = f"http://127.0.0.1:{port}"
        shot(base + "/", OUT / "serve-chair.png", 1920, 1080, 5)  # a TV in the hall
        shot(base + "/queue?so=5", OUT / "serve-queue.png", 412, 915, 2)
    finally:
        server.terminate()
        server.wait()
    print(OUT / "serve-chair.png", OUT / "serve-queue.png")


if __name__ == "__main__":
    main()
