"""Set-ups shared by the test files: the command line as a user runs it, and the live
console on a demo meeting."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner

from facilitator.app import make_app
from facilitator.cli import main
from facilitator.rules.clock import FrozenClock
from facilitator.services.demo import demo_meeting
from facilitator.services.meetingfile import import_meeting

ROOT = Path(__file__).resolve().parent.parent


def run_cli(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    """``facilitator --db DB ARGS`` in this process, through the entry point ``main()`` the
    script calls (its one-line errors and exit codes), with click's ``CliRunner`` holding
    stdout and stderr apart (UTF-8, no FACILITATOR_DB from the environment). A fraction of
    the second a new Python process costs; ``run_cli_process`` keeps the real process for
    the few tests of exit codes and streams."""
    argv = ["--db", str(db), *args]
    runner = CliRunner()
    saved = sys.argv
    with runner.isolation(env={"FACILITATOR_DB": None}) as (out, err, _):
        sys.argv = ["facilitator", *argv]
        try:
            main()
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        finally:
            sys.argv = saved
            sys.stdout.flush()
            sys.stderr.flush()
        stdout = out.getvalue().decode("utf-8")
        stderr = err.getvalue().decode("utf-8") if err is not None else ""
    return subprocess.CompletedProcess(argv, code, stdout, stderr)


def run_cli_process(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    """``facilitator --db DB ARGS`` in a process of its own, as a user types it (UTF-8 out,
    no FACILITATOR_DB from the environment)."""
    return subprocess.run(
        [sys.executable, "-m", "facilitator.cli", "--db", str(db), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={
            **{k: v for k, v in os.environ.items() if k != "FACILITATOR_DB"},
            "PYTHONIOENCODING": "utf-8",
        },
    )


def live_app(tmp_path: Path, clock: FrozenClock, lang: str = "vi", speakers: bool = True):
    """The secretary's App on the demo meeting (imported, not started)."""
    app = make_app(tmp_path / "m.db", clock=clock, lang=lang, export_dir=tmp_path / "out")
    data = demo_meeting()
    if not speakers:
        data["speakers"] = []
    app.meeting_id = import_meeting(app.store, data)
    return app


async def wait_until(pilot, condition, timeout: float = 5.0, what: str = "") -> None:
    """Let the app run until ``condition()`` is true (an autosave, a timer's tick, a write
    seen from another process, an export's worker); fail with a clear message after
    ``timeout`` seconds. Replaces fixed pauses: the test goes on as soon as the thing it
    checks has happened, and a slow, loaded machine gets more time than a fixed pause."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not true after {timeout} s: {what or condition}")
        await asyncio.sleep(0.02)
    await pilot.pause()
