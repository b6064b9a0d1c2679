"""One language at a time in the windows (issue 13 item 6): Textual's own words translated."""

from pathlib import Path

from textual.command import CommandInput, CommandPalette

from facilitator.app import make_app
from facilitator.clock import FrozenClock
from facilitator.demo import demo_meeting
from facilitator.meetingfile import import_meeting


def live_app(tmp_path: Path, clock: FrozenClock, lang: str):
    app = make_app(tmp_path / "m.db", clock=clock, lang=lang, export_dir=tmp_path / "out")
    app.meeting_id = import_meeting(app.store, demo_meeting())
    return app


async def palette_words(tmp_path: Path, clock: FrozenClock, lang: str) -> tuple[str, str]:
    app = live_app(tmp_path, clock, lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        placeholder = str(app.screen.query_one(CommandInput).placeholder)
        await pilot.press("z", "q", "x")
        await pilot.pause(0.8)  # the palette says "no matches" after half a second
        shown = app.screen.query_one("CommandList").get_option_at_index(0).prompt
        return placeholder, str(shown)


async def test_palette_speaks_vietnamese(tmp_path, clock):
    assert await palette_words(tmp_path, clock, "vi") == ("Tìm lệnh…", "Không có lệnh nào khớp")


async def test_palette_speaks_english(tmp_path, clock):
    assert await palette_words(tmp_path, clock, "en") == (
        "Search for commands…",
        "No matches found",
    )


async def confirm_hint(tmp_path: Path, clock: FrozenClock, lang: str) -> str:
    app = live_app(tmp_path, clock, lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f8", "f9")  # open, then the conclusion screen
        await pilot.pause()
        await pilot.press("f9")  # conclude: the confirm dialog
        await pilot.pause()
        hint = str(app.screen.query_one("#form-hint").render())
        await pilot.press("escape")
        await pilot.pause()
        assert app.store.meeting(app.meeting_id).status == "live"
        return hint


async def test_confirm_dialog_hint_in_each_language(tmp_path, clock):
    assert await confirm_hint(tmp_path, clock, "vi") == "Enter: đồng ý · Esc: hủy"
    assert await confirm_hint(tmp_path / "en", clock, "en") == "Enter: OK · Esc: cancel"
