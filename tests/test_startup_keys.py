"""Keys pressed the moment the window opens (before its first frame is drawn) are handled:
the live screen is the App's first screen and is built while they wait."""

from __future__ import annotations

import pytest

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
