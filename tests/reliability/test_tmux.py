"""The live screen in a real terminal (tmux): pastes with escape sequences and over-long
text, then mashed keys. The App must survive, the paste arrive whole and in order."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from reliability_harness import report

from db.store import open_store
from facilitator.services.demo import demo_meeting
from facilitator.services.meetingfile import import_meeting

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

MASH = "abcdefghijklmnopqrstuvwxyz ăâđêôơư ÁÀẢÃẠ 0123456789 .,;:!?()-\"'"
KEYS = ["F4", "F5", "F4", "Up", "Down", "Left", "Right", "Home", "End", "BSpace", "Enter"]


class Tmux:
    def __init__(self, name: str, db: Path, meeting_id: int):
        self.name = name
        command = [
            sys.executable,
            "-c",
            "from facilitator.cli import main; main()",
            "--db",
            str(db),
            "run",
            str(meeting_id),
        ]
        self.run(
            "new-session", "-d", "-s", name, "-x", "80", "-y", "24",
            "-e", "LANG=C.UTF-8", "-e", "COLORTERM=truecolor", " ".join(map(_quote, command)),
        )  # fmt: skip
        self.run("set-option", "-t", name, "remain-on-exit", "on")

    def run(self, *args: str) -> str:
        done = subprocess.run(
            ["tmux", *args], capture_output=True, text=True, errors="replace", check=False
        )
        return done.stdout

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", self.name)

    def wait_for(self, text: str, seconds: float = 60) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            if text in self.screen():
                return
            time.sleep(0.2)
        raise AssertionError(f"{text!r} not on screen:\n{self.screen()}")

    def keys(self, *keys: str) -> None:
        self.run("send-keys", "-t", self.name, *keys)

    def type(self, text: str) -> None:
        # "--": typed text that starts with "-" is text, not one of tmux's flags.
        self.run("send-keys", "-t", self.name, "-l", "--", text)

    def paste(self, text: str) -> None:
        """A bracketed paste (-p), as a terminal sends what the user pastes. The text goes
        through a file: a command line of 20,000 characters is refused by tmux."""
        subprocess.run(
            ["tmux", "load-buffer", "-b", self.name, "-"],
            input=text.encode("utf-8"),
            check=True,
        )
        self.run("paste-buffer", "-p", "-r", "-b", self.name, "-t", self.name)

    def dead(self) -> bool:
        return self.run("display-message", "-p", "-t", self.name, "#{pane_dead}").strip() == "1"

    def kill(self) -> None:
        self.run("kill-session", "-t", self.name)


def _quote(part: str) -> str:
    return "'" + part.replace("'", "'\\''") + "'"


def mash_run(tmp_path: Path, keys: int, seed: int) -> dict:
    db = tmp_path / "tmux.db"
    store = open_store(db)
    meeting_id = import_meeting(store, demo_meeting())
    store.close()
    rng = random.Random(seed)
    name = f"reliab-test-{os.getpid()}-{seed}"
    tmux = Tmux(name, db, meeting_id)
    marker = f"ĐẦU{seed} \x1b[2J GIỮA \u202eĐẢO\u202c \x1b]0;x\x07CUỐI{seed}"
    long_words = " ".join(f"từ{i}" for i in range(4000))  # ~ 24,000 characters
    try:
        tmux.wait_for("Biên bản")
        tmux.keys("F8")
        tmux.wait_for("Khai mạc")
        tmux.keys("F3")  # in the opening: asks to move on to the citizens' phase first
        tmux.wait_for("Enter")
        tmux.keys("Enter")
        tmux.wait_for("ĐANG NÓI")
        tmux.type("Bắt đầu ")
        tmux.paste(marker)
        tmux.paste(" " + long_words)
        time.sleep(1)
        tmux.keys("C-n")  # a new entry: the pasted one is saved first
        sent = 0
        while sent < keys:
            if rng.random() < 0.15:
                tmux.keys(rng.choice(KEYS))
                sent += 1
            else:
                chunk = "".join(rng.choice(MASH) for _ in range(rng.randint(1, 12)))
                tmux.type(chunk)
                sent += len(chunk)
        time.sleep(1.2)  # the autosave
        screen = tmux.screen()
        tmux.keys("C-q")
        end = time.monotonic() + 30
        while not tmux.dead() and time.monotonic() < end:
            time.sleep(0.2)
        dead = tmux.dead()
        final = tmux.screen()
    finally:
        tmux.kill()
    store = open_store(db, readonly=True)
    texts = [e.text for e in store.minutes(meeting_id)]
    problems = store.integrity_problems()
    store.close()
    joined = " ".join(texts)
    expected = f"Bắt đầu ĐẦU{seed} GIỮA ĐẢO CUỐI{seed} {long_words}"
    return {
        "keys": keys,
        "paste_whole_and_in_order": expected in joined,
        "quit_cleanly": dead,
        "traceback": "Traceback" in screen + final,
        "integrity_problems": problems,
        "entries": len(texts),
        "stored_start": "" if expected in joined else joined[:160],
    }


def check(figures: dict) -> None:
    assert figures["paste_whole_and_in_order"]
    assert figures["quit_cleanly"]
    assert not figures["traceback"]
    assert figures["integrity_problems"] == []


def test_paste_and_mash_keys_in_tmux(tmp_path):
    figures = mash_run(tmp_path, keys=100, seed=3)
    report("tmux-short", figures)
    check(figures)


@pytest.mark.soak
def test_paste_and_mash_keys_in_tmux_soak(tmp_path):
    keys = int(os.environ.get("SOAK_TMUX_KEYS", "5000"))
    figures = mash_run(tmp_path, keys=keys, seed=9)
    report("tmux-soak", figures)
    check(figures)
