"""Text that fits and stays true (issue 13 items 4 and 5), driven with the keys."""

from textual.widgets import Input, Static

from facilitator.app import make_app
from facilitator.rules import statistics
from facilitator.services.demo import demo_meeting
from facilitator.services.meetingfile import import_meeting
from tests.helpers import live_app, wait_until


def message(app) -> str:
    line = app.screen.query_one("#live-message", Static)
    return str(line.render()) if line.display else ""


async def test_the_edit_dialog_has_its_own_title(tmp_path, clock):
    app = live_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.query_one("#queue").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert str(app.screen.query_one("#form-title").render()) == (
            "Sửa thông tin người phát biểu"
        )
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        assert str(app.screen.query_one("#form-title").render()) == "Đăng ký phát biểu"


async def test_projected_end_hidden_with_an_empty_queue(tmp_path, clock):
    app = live_app(tmp_path, clock, speakers=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        status = app.screen.query_one("#queue-status", Static)
        assert str(status.render()) == "Đang chờ: 0"
        await pilot.press("f8", "f2")
        await pilot.pause()
        app.screen.query_one("#f-name", Input).value = "Nguyễn Văn An"
        await pilot.press("enter")
        await pilot.pause()
        assert str(status.render()).startswith("Đang chờ: 1 · Dự kiến xong: ")


async def test_the_call_line_clears_when_an_official_takes_the_floor(tmp_path, clock):
    app = live_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f8", "f3", "enter")
        await pilot.pause()
        first = app.store.speaking(app.meeting_id).name
        assert message(app) == f"Mời {first}"
        await pilot.press("ctrl+r")
        await pilot.pause()
        app.screen.query_one("#answer-who", Input).value = "Trần Xuân Mãng"
        await pilot.press("enter")
        await pilot.pause()
        assert app.store.speaking(app.meeting_id).name == "Trần Xuân Mãng"
        # "Mời …" is gone: the line says who answers now
        assert message(app) == "Trần Xuân Mãng trả lời"


async def test_export_running_line_goes_when_the_export_ends(tmp_path, clock):
    app = live_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f10")
        await pilot.pause()
        await pilot.press("end", "up", "enter")  # the meeting file (json), before the archive
        results = app.screen.query_one("#export-results")

        def ended() -> bool:
            finished = all(worker.is_finished for worker in app.workers)
            return finished and ".json" in str(results.render())

        await wait_until(pilot, ended, timeout=10)
        shown = str(app.screen.query_one("#export-results").render())
        assert ".json" in shown
        assert "Đang xuất..." not in shown


def test_durations_never_read_as_minutes_with_a_colon():
    assert statistics.minutes_text(22) == "00:22"
    assert statistics.minutes_text(725) == "12:05"
    assert statistics.minutes_seconds(22) == (0, 22)


async def test_conclusion_shares_in_minutes_and_seconds(tmp_path, clock):
    app = live_app(tmp_path, clock)
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        await pilot.press("f8", "f3", "enter")
        await pilot.pause()
        clock.advance(22)
        await pilot.press("f6")
        await pilot.pause()
        await pilot.press("f9")
        await pilot.pause()
        summary = str(app.screen.query_one("#stats").render())
        assert "(0 phút 22 giây; cán bộ trả lời 0 phút 0 giây)" in summary
        assert "0:22 phút" not in summary


async def test_the_desk_asks_the_speaking_time(tmp_path, clock):
    path = tmp_path / "m.db"
    setup_app = make_app(path, clock=clock)
    meeting_id = import_meeting(setup_app.store, demo_meeting())
    setup_app.store.close()
    app = make_app(path, mode="desk", clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.query_one("#desk-name", Input).value = "Lương Thị Hằng"
        screen.query_one("#desk-limit", Input).value = "abc"
        await pilot.press("enter")
        await pilot.pause()
        assert str(screen.query_one("#desk-err-limit").render()) == "⚠ số phút không hợp lệ"
        assert screen.focused.id == "desk-limit"
        screen.query_one("#desk-limit", Input).value = "2,5"
        await pilot.press("enter")
        await pilot.pause()
        last = app.store.waiting(meeting_id)[-1]
        assert (last.name, last.title, last.limit_seconds) == ("Lương Thị Hằng", "Bà", 150)
        assert screen.query_one("#desk-limit", Input).value == ""
