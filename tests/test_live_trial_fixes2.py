"""The live screen after a second new-secretary trial: the countdown runs after a restart
mid-speech, an undone call goes back to the entry of the speech that resumed, one key goes
back from an earlier entry to the current one, and the official's answer dialog ticks a
petition with the keys its help line names."""

from __future__ import annotations

from facilitator.app import make_app
from screens.widgets import NfcTextArea
from tests.helpers import live_app, wait_until


def countdown(app) -> str:
    return str(app.screen.query_one("#countdown").render())


async def test_countdown_runs_after_a_restart_mid_speech(tmp_path, clock):
    """F8, F3, a minute and a few words, the app closed (ctrl+q) and opened again: the
    countdown goes on by itself, no key pressed (it stayed on "05:01 ĐANG NÓI")."""
    app = live_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f8", "f3", "enter")
        await pilot.pause()
        clock.advance(59)
        await pilot.press("f5", *"Xin ")
        await pilot.pause()
        assert app.screen.slot is not None
        await pilot.press("ctrl+q")
        meeting_id = app.meeting_id
    again = make_app(tmp_path / "m.db", clock=clock, export_dir=tmp_path / "out")
    again.meeting_id = meeting_id
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        first = countdown(again)
        assert first.startswith("05:01")
        clock.advance(3)
        await wait_until(pilot, lambda: countdown(again).startswith("04:58"), what="ticks")
        assert again.screen.query_one("#editor", NfcTextArea).text.startswith("Xin")
