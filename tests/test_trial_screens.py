"""A new secretary's trial in tmux at 80x24 (issue uifix-a): keys as a secretary presses them."""

from __future__ import annotations

from textual.widgets import Input

from facilitator.app import make_app
from tests.helpers import live_app


async def test_tab_past_the_last_field_then_enter_saves_a_new_meeting(tmp_path, clock):
    app = make_app(tmp_path / "m.db", clock=clock, export_dir=tmp_path / "out")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert type(form).__name__ == "FormScreen"
        form.query_one("#f-commune", Input).value = "Bình Lãng"
        await pilot.press("tab")  # to the village
        app.screen.query_one("#f-village", Input).value = "Đông Phong"
        for _ in range(7):  # past the last field: the focus stays on a field
            await pilot.press("tab")
            assert isinstance(form.focused, Input)
        await pilot.press("enter")
        await pilot.pause()
        errors = [str(s.render()) for s in form.query(".form-error")]
        assert app.screen is not form, errors
        assert [m.village for m in app.store.meetings()] == ["Đông Phong"]


async def test_capital_letters_do_what_the_key_line_says(tmp_path, clock):
    app = live_app(tmp_path, clock)
    app.meeting_id = None
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        home = app.screen
        await pilot.press("N")  # Caps Lock on, or Shift: "N Tạo mới"
        await pilot.pause()
        assert type(app.screen).__name__ == "FormScreen"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is home
        await pilot.press("F")
        await pilot.pause()
        followup = app.screen
        assert type(followup).__name__ == "FollowUpScreen"
        assert followup.overdue_only is False
        await pilot.press("O")  # "O Chỉ quá hạn"
        await pilot.pause()
        assert followup.overdue_only is True
