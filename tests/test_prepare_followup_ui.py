"""The preparation and follow-up screens as a new secretary met them at 80x24 (trial 1):
every label whole, the focused field unmistakable, the kind of a pre-collected opinion,
answered assignments without a days-left count, a checklist duty done on a date typed."""

from __future__ import annotations

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
