"""A faster, stricter "wait until the app is idle" for Textual's Pilot (installed by conftest).

Textual's Pilot waits for the app after every key (twice) and on every ``pilot.pause()`` with
``textual._wait.wait_for_idle``: it sleeps in steps of 20 ms until a step passes in which the
process used under 1 ms of CPU. Every key thus costs at least 40 ms of sleeping, which made
the suite mostly idle (a worker used about half a core).

Only shortening the step is not safe: a screen repaints on a 60 fps timer (16.7 ms), and
work queued "after the next refresh" (``call_after_refresh``: cursor moves, scrolling, the
minutes log's rows) then runs after the Pilot has already gone on. With 2 ms steps a
test's ``move_cursor`` was undone by the refresh that followed a key (2 runs in 30).

So this wait steps in 2 ms, and besides the idle CPU it also asks Textual whether anything
is still due: a repaint or layout of the current screen, callbacks waiting for the refresh,
a screen switch that holds updates back (``App.delay_update``, 50 ms), a message waiting in
the queue of the app, the screen or one of its widgets, or a short timer (50 ms or less:
the refresh, a resize's 8 ms settling, the animator) still running. Only when a step was
idle and nothing is due does the test go on; so it waits for what the 20 ms step only
happened to cover. Longer timers of the program itself (autosave, the store watcher's
poll) are not waited for: tests wait for what those do with ``helpers.wait_until``.

It reads private attributes of Textual 8.2.8 (pinned in pyproject.toml); the test
``test_pilot_idle_reads_textuals_state`` fails if an upgrade renames them.
"""

from __future__ import annotations

import asyncio
from time import monotonic, process_time
from typing import Any

import textual.app
import textual.pilot
from textual._context import active_app

STEP = 0.002  # seconds slept between two looks
IDLE_CPU = STEP / 20  # a step in which the process used less CPU than this was idle
SHORT_TIMER = 0.05  # a running timer this short is work still due


def work_due(app: Any) -> bool:
    """Whether the app still has a repaint, a refresh callback or a message to process.

    Nothing is due once the app is told to exit (ctrl+q): what is left in its queues is never
    processed, and each key's wait lasted its whole second, twice."""
    if app._exit or app._closing or app._closed:
        return False
    if app._batch_count:  # updates held back (a screen switch) until a timer ends them
        return True
    try:
        screen = app.screen
    except Exception:  # no screen yet, or the app is closing
        return False
    if (
        screen._layout_required
        or screen._scroll_required
        or screen._repaint_required
        or screen._recompose_required
        or screen._dirty_widgets
        or screen._callbacks
    ):
        return True
    for pump in (app, app.animator, *screen.walk_children(with_self=True)):
        # The queue is created on first use: read it without creating it.
        queue = pump.__dict__.get("_message_queue")
        if queue is not None and not queue.empty():
            return True
        for timer in getattr(pump, "_timers", ()):
            if timer._interval <= SHORT_TIMER and _running(timer):
                return True
    return _running(app.animator._timer)


def _running(timer: Any) -> bool:
    """A timer that will still fire: started, not finished, not paused."""
    active = timer.__dict__.get("_active")  # created on first use, like the queue
    task = timer._task
    return task is not None and not task.done() and active is not None and active.is_set()


async def wait_for_idle(min_sleep: float = 1 / 50, max_sleep: float = 1) -> None:
    """Textual's ``wait_for_idle`` with 2 ms steps that also waits for due work (above).

    As Textual's: returns after ``max_sleep`` seconds whatever happens."""
    try:
        app = active_app.get()
    except LookupError:
        app = None
    start = monotonic()
    while True:
        cpu_time = process_time()
        await asyncio.sleep(STEP)
        cpu_elapsed = process_time() - cpu_time
        elapsed = monotonic() - start
        if elapsed >= max_sleep:
            return
        # The look at Textual's state runs between two measured steps: its own CPU time
        # never makes a step look busy.
        if elapsed > min_sleep and cpu_elapsed < IDLE_CPU and (app is None or not work_due(app)):
            return


def install() -> None:
    """Make the Pilot (keys, pauses) and the App (pressing keys) use this wait."""
    textual.pilot.wait_for_idle = wait_for_idle  # type: ignore[attr-defined]
    textual.app.wait_for_idle = wait_for_idle  # type: ignore[attr-defined]
