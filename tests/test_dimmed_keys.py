"""Keys that do nothing now are dimmed in the key line (Textual's check_action), and pressing
one loses nothing typed."""

from screens.keybar import KeyBar
from screens.widgets import NfcTextArea
from tests.helpers import live_app


def key_states(app) -> dict[str, bool]:
    return {item.key: item.enabled for item in app.screen.query_one(KeyBar).items()}


def shown(app) -> str:
    return str(app.screen.query_one(KeyBar).render())


async def test_f4_to_f6_are_dimmed_while_no_speech_runs(tmp_path, clock):
    app = live_app(tmp_path, clock)
    store, mid = app.store, app.meeting_id
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        states = key_states(app)
        assert (states["F4"], states["F5"], states["F6"]) == (False, False, False)
        assert (states["F2"], states["F3"], states["F8"]) == (True, True, True)
        before = shown(app)
        await pilot.press(*"khai mac")
        await pilot.press("f4", "f5", "f6")  # nothing happens, nothing raises
        await pilot.pause()
        editor = app.screen.query_one("#editor", NfcTextArea)
        assert editor.text == "khai mac"
        assert str(app.screen.query_one("#live-message").render()) == (
            "Không có lượt phát biểu nào đang chạy"  # a dimmed key pressed says why
        )
        assert store.current_slot(mid) is None
        assert shown(app) == before  # the same keys and words, only dimmed

        await pilot.press("f8", "f3", "enter")  # open, call the first speaker
        await pilot.pause()
        states = key_states(app)
        assert (states["F4"], states["F5"], states["F6"]) == (True, True, True)
        await pilot.press("f4")
        assert store.current_slot(mid).slot.paused_at == clock.now
        assert key_states(app)["F4"] is True  # paused: F4 resumes
        await pilot.press("f6")
        await pilot.pause()
        assert store.current_slot(mid) is None
        states = key_states(app)
        assert (states["F4"], states["F5"], states["F6"]) == (False, False, False)


async def test_f9_is_dimmed_on_the_conclusion_screen_once_concluded(tmp_path, clock):
    """Trial 11: after the conclusion F9 "Kết thúc" stayed bright and did nothing."""
    app = live_app(tmp_path, clock)
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        await pilot.press("f8", "f9")
        await pilot.pause()
        assert key_states(app)["F9"] is True
        await pilot.press("f9")
        await pilot.pause()
        await pilot.press("enter")  # concluded
        await pilot.pause()
        assert app.store.meeting(app.meeting_id).status == "concluded"
        assert key_states(app)["F9"] is False
        assert (key_states(app)["F8"], key_states(app)["F10"]) == (True, True)
