"""F8 opening a meeting on another day than its recorded date says so (trial 9: a meeting
recorded for 03/12 and held on 04/12 printed "ngày 03 tháng 12" beside the times of 04/12)."""

from __future__ import annotations

from facilitator.app import make_app
from facilitator.services.demo import demo_meeting
from facilitator.services.meetingfile import import_meeting


def app_for(tmp_path, clock, day: str, lang: str = "vi"):
    app = make_app(tmp_path / "m.db", clock=clock, lang=lang, export_dir=tmp_path / "out")
    data = demo_meeting()
    data["meeting"]["date"] = day
    app.meeting_id = import_meeting(app.store, data)
    return app


def top_line(app) -> str:
    return str(app.screen.query_one("#live-message").render())


async def test_opening_on_another_day_says_to_correct_the_date(tmp_path, clock):
    app = app_for(tmp_path, clock, "2021-10-27")  # the clock reads 28/10/2021 08:00
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f8")
        await pilot.pause()
        assert app.store.meeting(app.meeting_id).status == "live"
        # whole at 80 columns: the key that corrects it is not cut off
        assert top_line(app) == "⚠ Hôm nay 28/10/2021, ngày họp ghi 27/10/2021 · sửa: ctrl+t"


async def test_opening_on_the_recorded_day_says_only_the_phase(tmp_path, clock):
    app = app_for(tmp_path, clock, "2021-10-28", lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f8")
        await pilot.pause()
        assert "⚠" not in top_line(app)
        assert "Opening" in top_line(app)
