"""The secretary's live screen and its forms after a new-secretary trial: lists answer
Home / End, the forms show that they scroll, phases are recorded in order, a sealed meeting
dims its keys, dimmed keys say why, typing on a choice list is never swallowed, and the
header cuts with "…"."""

from textual.widgets import DataTable

from tests.helpers import live_app


async def test_home_end_and_pages_in_the_petitions_list(tmp_path, clock):
    """F9: End goes to the last petition, Home to the first, PageDown / PageUp a page."""
    app = live_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f8", "f9")
        await pilot.pause()
        table = app.screen.query_one("#petitions", DataTable)
        assert table.has_focus and table.row_count > 3
        await pilot.press("end")
        assert table.cursor_row == table.row_count - 1
        await pilot.press("home")
        assert table.cursor_row == 0
        await pilot.press("pagedown")
        assert table.cursor_row > 0
        await pilot.press("pageup")
        assert table.cursor_row == 0
