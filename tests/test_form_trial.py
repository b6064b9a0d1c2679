"""A new secretary's trial (issue formfix): typing in lists, Esc in forms, what is typed kept."""

from __future__ import annotations

from textual.widgets import DataTable

from tests.helpers import live_app


async def test_a_name_typed_on_the_home_list_opens_nothing(tmp_path, clock):
    app = live_app(tmp_path, clock)
    app.meeting_id = None
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        home = app.screen
        await pilot.press(*"Đông Phong")
        await pilot.pause()
        assert app.screen is home  # "n" opened "Tạo mới" and the rest went into the Xã field
        assert app.store.meetings()[0].village == "Đông Phong"
        find = str(home.query_one("#home-find").render())
        assert find == "Tìm thôn: Đông Phong  (Backspace: xóa · Esc: thôi tìm)"
        assert home.query_one(DataTable).cursor_row == 0
        await pilot.press("escape")
        assert str(home.query_one("#home-find").render()) == ""
        await pilot.press("f2")  # the new meeting is F2
        await pilot.pause()
        assert type(app.screen).__name__ == "FormScreen"
        assert app.screen.query_one("#f-village").value == ""
