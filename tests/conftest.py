from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

import pytest

from db.store import Store, open_store
from facilitator.rules.clock import TZ, FrozenClock
from facilitator.services.demo import demo_meeting
from facilitator.services.live import Console
from facilitator.services.meetingfile import import_meeting
from tests import css_cache, headless_frames, pilot_idle

MEETING_START = dt.datetime(2021, 10, 28, 8, 0, tzinfo=TZ)

# The Python processes the suite starts (its xdist workers, the CLI and the windows it runs)
# keep the modules they compile, even where the environment asks Python not to
# (PYTHONDONTWRITEBYTECODE): each would otherwise compile Textual, Rich and the project
# again, about a second of CPU per process.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
sys.dont_write_bytecode = False

# The Pilot's wait after each key: 2 ms steps that also wait for the screen's next refresh,
# instead of Textual's 20 ms steps (tests/pilot_idle.py says why it is both faster and safer).
pilot_idle.install()
# Headless apps compose the frame a test ends on, not one per refresh (tests/headless_frames.py).
headless_frames.install()
# Each piece of CSS is parsed once per test process, not once per app (tests/css_cache.py).
css_cache.install()


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    """``-n auto`` (pyproject's addopts): worker processes for the suite or a folder, two per
    core (below); a run of up to three named test files stays in this process, since starting the
    workers costs more (about 4 s) than they win there."""
    named = [arg.split("::")[0] for arg in config.args]
    if named and len(set(named)) <= 3 and all(Path(name).is_file() for name in named):
        return 0
    if "PYTEST_XDIST_AUTO_NUM_WORKERS" in os.environ:
        return None  # pytest-xdist reads it
    # Two workers per core: a test waits about a third of its time (timers, the store
    # watcher's poll, LibreOffice and the other processes it starts), and a second worker
    # on the core uses that time. Measured on 2 cores: 2 workers 172 s, 4 workers 128 s,
    # 6 workers 134 s.
    return min(2 * (os.cpu_count() or 1), 16)  # each worker holds ~200 MB


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(MEETING_START)


@pytest.fixture
def store(clock: FrozenClock) -> Store:
    return open_store(":memory:", clock=clock)


@pytest.fixture
def meeting_id(store: Store) -> int:
    return import_meeting(store, demo_meeting())


@pytest.fixture
def console(store: Store, meeting_id: int) -> Console:
    return Console(store, meeting_id)


@pytest.fixture
def empty_meeting(store: Store) -> Console:
    data = demo_meeting()
    data["speakers"] = []
    data["petitions"] = []
    return Console(store, import_meeting(store, data))
