"""Headless test apps compose one frame, at the end, instead of one per refresh (conftest).

A Textual app run by the Pilot is headless: every refresh (60 a second while anything
changes) composes the screen's changed lines from every widget's rendered lines, and the
headless driver throws the frame away. That was about a third of the suite's CPU (the
whole suite: 200 → 137 CPU-seconds, the same 842 tests passing).

What the tests look at is not in those frames. They read the store, the widgets' state and
each widget's own ``render()`` (a label's text, a table's cells), which are the same with
or without the frame; the layout (sizes, scrolling, what is under a click) is still worked
out at every refresh. So here the frame is skipped, and at the end of each test whose app
is still running the screen it ends on is composed once, whole: a widget that cannot draw
itself still fails its test. The snapshot tests compose every screen they photograph, and
the tmux tests (tests/reliability) draw on a real terminal.

It reads private attributes of Textual 8.2.8 (pinned in pyproject.toml), as pilot_idle.py;
``tests/test_pilot_idle.py`` checks that they are still there.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from textual.app import App
from textual.screen import Screen

_compositor_refresh = Screen._compositor_refresh
_run_test = App.run_test


def _refresh(screen: Screen[Any]) -> None:
    """Textual's refresh, without composing the frame of a headless app's top screen."""
    app = screen.app
    if app.is_headless and not app.is_inline and screen is app.screen:
        screen._compositor._dirty_regions.clear()
        screen._dirty_widgets.clear()
        return
    _compositor_refresh(screen)


def compose_frame(app: App[Any]) -> None:
    """The screen the app shows, composed whole (what a terminal would be sent)."""
    screen = app.screen
    screen._compositor.render_update(full=True, screen_stack=app._background_screens)


@asynccontextmanager
async def _run_test_then_compose(self: App[Any], *args: Any, **kwargs: Any) -> AsyncIterator[Any]:
    async with _run_test(self, *args, **kwargs) as pilot:
        yield pilot
        if self.is_running and self._exception is None:
            try:
                screen = self.screen
            except Exception:  # noqa: BLE001 - no screen left: nothing to draw
                return
            if screen.is_attached:
                compose_frame(self)


def install() -> None:
    Screen._compositor_refresh = _refresh  # type: ignore[method-assign]
    App.run_test = _run_test_then_compose  # type: ignore[assignment, method-assign]
