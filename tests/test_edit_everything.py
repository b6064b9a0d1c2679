"""Edit everything, retype nothing (issue 13 item 4)."""

from pathlib import Path

from textual.widgets import DataTable, Input

from facilitator.app import make_app
from facilitator.rules.clock import FrozenClock
from facilitator.services.demo import demo_meeting
from facilitator.services.meetingfile import import_meeting


def home_app(tmp_path: Path, clock: FrozenClock, lang: str = "vi"):
    app = make_app(tmp_path / "m.db", clock=clock, lang=lang)
    mid = import_meeting(app.store, demo_meeting())
    return app, mid


async def test_an_official_is_corrected_with_enter_on_the_preparation_screen(tmp_path, clock):
    app, mid = home_app(tmp_path, clock)
    before = app.store.officials(mid)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f4")
        await pilot.pause()
        prep = app.screen
        prep.query_one("#prep-officials", DataTable).focus()
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert str(form.query_one("#form-title").render()) == "Sửa thông tin đại biểu"
        assert form.query_one("#f-name", Input).value == before[0].name
        assert form.query_one("#f-position", Input).value == before[0].position
        form.query_one("#f-position", Input).value = "Phó Chủ tịch UBND xã"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is prep
        after = app.store.officials(mid)
        assert [(o.id, o.name, o.position, o.group) for o in after] == [
            (before[0].id, before[0].name, "Phó Chủ tịch UBND xã", before[0].group),
            *[(o.id, o.name, o.position, o.group) for o in before[1:]],
        ]
        table = prep.query_one("#prep-officials", DataTable)
        # name, level, position: at 80 columns the position is cut with "…" (whole above)
        assert table.get_row_at(0)[2] == "Phó Chủ tịch…"


async def test_a_new_meeting_defaults_to_the_next_working_day(tmp_path):
    import datetime as dt

    from facilitator.rules.clock import TZ

    # Wednesday 29/04/2026: 30/4 and 1/5 are holidays, then a weekend
    clock = FrozenClock(dt.datetime(2026, 4, 29, 16, 0, tzinfo=TZ))
    app = make_app(tmp_path / "m.db", clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        assert app.screen.query_one("#f-date", Input).value == "04/05/2026"
        await pilot.press("escape")
        await pilot.pause()
        clock.now = dt.datetime(2026, 5, 5, 9, 0, tzinfo=TZ)  # a Tuesday
        await pilot.press("f2")
        await pilot.pause()
        assert app.screen.query_one("#f-date", Input).value == "06/05/2026"


async def test_a_meeting_without_a_chair_cannot_start(tmp_path, clock):
    from facilitator.services.preparation import create_meeting

    app = make_app(tmp_path / "m.db", clock=clock, export_dir=tmp_path / "out")
    app.meeting_id = create_meeting(
        app.store, {"commune": "Bình Lãng", "village": "Tây Phong", "date": "28/10/2021"}
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f8")
        await pilot.pause()
        meeting = app.store.meeting(app.meeting_id)
        assert (meeting.status, meeting.phase_index) == ("draft", -1)
        said = [n.message for n in app._notifications]
        assert said[-1] == (
            "chưa có người chủ trì: hãy ghi «Chủ trì (họ và tên)» ở màn hình "
            "Chuẩn bị (Ctrl+T) trước khi khai mạc"
        )
        # filled in on the preparation screen, F8 opens the meeting
        await pilot.press("ctrl+t")
        await pilot.pause()
        app.screen.query_one("#p-chair_name", Input).value = "Trần Xuân Mãng"
        await pilot.press("ctrl+s", "escape")
        await pilot.pause()
        await pilot.press("f8")
        await pilot.pause()
        assert app.store.meeting(app.meeting_id).status == "live"
