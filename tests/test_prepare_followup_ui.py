"""The preparation and follow-up screens as a new secretary met them at 80x24 (trial 1):
every label whole, the focused field unmistakable, the kind of a pre-collected opinion,
answered assignments without a days-left count, a checklist duty done on a date typed."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from textual.widgets import DataTable, Label

from facilitator.kinds import KINDS
from tests.helpers import live_app


async def open_preparation(pilot) -> None:
    await pilot.pause()
    await pilot.press("ctrl+t")
    await pilot.pause()
    assert type(pilot.app.screen).__name__ == "PrepareScreen"


async def test_a_pre_collected_opinion_has_a_kind_f2_steps_through(tmp_path, clock):
    app = live_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_preparation(pilot)
        await pilot.press("f7")
        await pilot.pause()
        form = app.screen
        assert [f.key for f in form.fields] == ["content", "kind", "field", "source"]
        region = form.query_one("#form-fields").region
        for f in form.fields:  # every field on screen at 80x24
            assert region.contains_region(form.query_one(f"#f-{f.key}").region), f.key
        await pilot.press(*"Thôn xóm mất điện", "f2", "tab", "tab")
        await pilot.press(*"Điện", "tab", *"MTTQ", "ctrl+s")
        await pilot.pause()
        assert type(app.screen).__name__ == "PrepareScreen"
        added = app.store.petitions(app.meeting_id)[-1]
        assert (added.content, added.kind, added.field, added.source) == (
            "Thôn xóm mất điện",
            KINDS[1],
            "Điện",
            "MTTQ",
        )
        # Enter on it: the same form shows the kind; F2 twice makes it a khiếu nại.
        petitions = app.screen.query_one("#prep-petitions")
        petitions.focus()
        petitions.move_cursor(row=petitions.row_count - 1)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.values()["kind"] == "feedback"
        await pilot.press("f2", "f2", "ctrl+s")
        await pilot.pause()
        assert app.store.petition(added.id).kind == "denunciation"


@pytest.mark.parametrize("size", [(80, 24), (120, 35)])
async def test_every_label_of_the_preparation_is_whole(tmp_path, clock, size):
    """Trial: headings, field labels, the checkbox and the officials' level column were cut."""
    app = live_app(tmp_path, clock)
    async with app.run_test(size=size) as pilot:
        await open_preparation(pilot)
        screen = app.screen
        for label in screen.query(Label):
            text = str(label.render())
            box = label.parent.content_region
            region = label.region
            assert box.x <= region.x and region.right <= box.right, (size, text)
            assert region.width * region.height >= cell_len(text), (size, text)
        check = screen.query_one("#p-first_turns_first")
        box = check.parent.content_region
        assert check.region.right <= box.right
        assert cell_len(str(check.label)) + 4 <= check.content_region.width
        # The level column (huyện/xã/thôn) whole, heading and values.
        officials = screen.query_one("#prep-officials", DataTable)
        columns = list(officials.columns.values())
        level = next(c for c in columns if c.label.plain == app.t("prep.level"))
        left = sum(c.get_render_width(officials) for c in columns[: columns.index(level)])
        assert left + level.get_render_width(officials) <= officials.scrollable_content_region.width
        assert officials.get_row_at(0)[columns.index(level)] == "xã"
        # The statutory clock: one line per deadline, "còn 15 ngày làm việc" not wrapped.
        lines = screen.clock_lines()
        assert lines[2] == "Trả lời: còn 15 ngày làm việc (hạn 18/11)"
        assert screen.query_one("#prep-clock").region.height == len(lines) == 4


@pytest.mark.parametrize("size", [(80, 24), (120, 35)])
async def test_the_field_with_focus_is_unmistakable(tmp_path, clock, size):
    """Trial: a date typed into the wrong field. The focused field's box is tinted and its
    label lit; Tab moves both."""
    app = live_app(tmp_path, clock)
    async with app.run_test(size=size) as pilot:
        await open_preparation(pilot)
        screen = app.screen
        await pilot.press("tab")  # Xã → Thôn
        await pilot.pause()
        village, commune = screen.query_one("#p-village"), screen.query_one("#p-commune")
        assert screen.focused is village
        lit = screen.query_one("#pl-village", Label)
        plain = screen.query_one("#pl-commune", Label)
        assert lit.has_class("-focus") and not plain.has_class("-focus")
        assert lit.styles.background != plain.styles.background
        assert village.styles.background != commune.styles.background
        assert village.styles.border_top != commune.styles.border_top
        for _ in range(3):  # Thôn → ngày → giờ → địa điểm
            await pilot.press("tab")
        await pilot.pause()
        assert screen.focused is screen.query_one("#p-place")
        assert screen.query_one("#pl-place", Label).has_class("-focus")
        assert not lit.has_class("-focus")
        assert screen.query_one("#p-place").styles.background != village.styles.background
