"""Keys pressed the moment the window opens (before its first frame is drawn) are handled:
the live screen is the App's first screen and is built while they wait."""

from __future__ import annotations

import pytest

from facilitator.app import make_app
from facilitator.services.live import Console
from screens.widgets import MinutesEditor
from tests.helpers import live_app


@pytest.mark.parametrize("size", [(80, 24), (120, 35)])
async def test_f3_and_typing_right_after_start(tmp_path, clock, size):
    app = live_app(tmp_path, clock)
    Console(app.store, app.meeting_id).next_phase(to=2)  # citizens' turns: F3 calls
    first = app.store.waiting(app.meeting_id)[0]
    async with app.run_test(size=size) as pilot:
        # No pause: the first key arrives as the App starts, before the live screen is drawn.
        await pilot.press("f3", *"xin phep")
        await app.keys_delivered()
        await pilot.pause()
        speaking = app.store.speaking(app.meeting_id)
        assert speaking is not None and speaking.id == first.id
        editor = app.screen.query_one("#editor", MinutesEditor)
        assert editor.text == "xin phep"
        await pilot.press("ctrl+n")  # saved as an entry of that speech
        await app.keys_delivered()
        await pilot.pause()
        texts = [e.text for e in app.store.minutes(app.meeting_id)]
        assert "xin phep" in texts


def started_app(tmp_path, clock, screens_css: bool = True):
    """The App as ``facilitator run ID`` makes it (the meeting known when it is made, so its
    first frame reads only the live screen's rules); ``screens_css=False``: the other
    screens' rules never read."""
    first = live_app(tmp_path, clock)
    meeting_id = first.meeting_id
    first.store.close()
    app = make_app(tmp_path / "m.db", clock=clock, meeting_id=meeting_id, export_dir=tmp_path)
    if not screens_css:
        app.read_screens_css = lambda: None  # type: ignore[method-assign]
    return app


@pytest.mark.parametrize("size", [(80, 24), (120, 35)])
async def test_the_live_screen_needs_only_its_own_rules(tmp_path, clock, size):
    """The live screen's first frame is drawn before the other screens' rules are read: it
    is the same screen with them and without them."""
    shots = []
    for screens_css in (False, True):
        app = started_app(tmp_path / str(screens_css), clock, screens_css)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            assert type(app.screen).__name__ == "LiveScreen"
            shots.append(app.export_screenshot())
    assert shots[0] == shots[1]


async def test_a_form_opened_before_the_first_frame_has_its_style(tmp_path, clock):
    """The other screens' rules are read after the live screen's first frame, or before any
    other screen is shown: F2 pressed as the window opens shows the form as it always looks
    (80 columns wide, centred, in its thick border), and so does F1 later."""
    app = started_app(tmp_path, clock)
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.press("f2")  # no pause: before the live screen is drawn
        await app.keys_delivered()
        await pilot.pause()
        form = app.screen.query_one("#form")
        assert (form.region.width, form.region.x) == (80, 20)
        assert form.styles.border_top[0] == "thick"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
        assert app.screen.styles.align == ("center", "middle")
