"""A petition forwarded to a body outside the commune (chuyển cấp trên) is followed on the
follow-up screen (F5 from home), as the assignments are: to whom it went, whether the công văn
went out (before it does, the 5-day deadline), whether the answer came back. It was not on
the screen at all."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import DataTable

from db.store import open_store
from facilitator.app import make_app
from facilitator.rules.errors import RuleError
from facilitator.services import followup
from facilitator.services.demo import demo_meeting, play_demo
from facilitator.services.live import Console
from facilitator.services.meetingfile import export_meeting, import_meeting
from tests.helpers import run_cli

LAND = "Văn phòng Đăng ký đất đai huyện"


def played(tmp_path, clock, lang: str = "vi"):
    app = make_app(tmp_path / "m.db", clock=clock, lang=lang)
    console = Console(app.store, import_meeting(app.store, demo_meeting()))
    play_demo(console, clock.advance)  # Ông Vũ Đức Lợi's petition forwarded to the land office
    return app, console


async def open_follow_up(pilot, app):
    await pilot.pause()
    await pilot.press("f5")
    await pilot.pause()
    assert type(app.screen).__name__ == "FollowUpScreen"
    return app.screen


async def test_a_forwarded_petition_is_followed_until_its_answer_comes_back(tmp_path, clock):
    app, console = played(tmp_path, clock)
    store = app.store
    (petition,) = [p for p in store.petitions(console.meeting_id) if p.outcome == "forwarded"]
    clock.advance(2 * 86400)  # 30/10/2021: the công văn is due by 02/11/2021 (5 days)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_follow_up(pilot, app)
        table = screen.query_one("#forwarded", DataTable)
        assert table.display
        assert [c.label.plain for c in table.columns.values()] == [
            "Trạng thái",
            "Cơ quan nhận",
            "Nội dung",
        ]
        assert table.row_count == 1
        assert table.get_row(str(petition.id)) == [
            "chưa gửi CV · còn 3 ngày",
            "Văn phòng Đăng…",
            "Đề nghị đẩy nhanh cấp giấy chứng…",
        ]
        assert str(screen.query_one("#fw-selected").render()).splitlines() == [
            f"▸ Đông Phong 28/10/2021 · {LAND} · chưa gửi công văn",
            "(hạn 02/11/2021) · Đề nghị đẩy nhanh cấp giấy chứng nhận quyền sử dụng đất ch…",
        ]
        while screen.focused is not table:
            await pilot.press("tab")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(*"15/UBND-VP", "tab", *"29/10/2021", "enter")
        await pilot.pause()
        assert app.screen is screen
        assert table.get_row(str(petition.id))[0] == "chờ trả lời (gửi 29/10/2021)"
        assert (
            str(screen.query_one("#fw-selected").render())
            .replace("\n", " ")
            .startswith(f"▸ Đông Phong 28/10/2021 · {LAND} · CV số 15/UBND-VP, gửi 29/10/2021 ·")
        )
        # The answer back: its day and gist; a day after today is refused, the form stays.
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("tab", "tab", *"01/11/2021", "tab", *"Da cap 12 so", "enter")
        await pilot.pause()
        assert app.screen is not screen  # refused: after today (30/10/2021)
        assert app.screen.focused.id == "f-reply_on"  # on the refused date, all else kept
        assert app.screen.values()["reply"] == "Da cap 12 so"
        await pilot.press("ctrl+u", *"30/10/2021", "enter")
        await pilot.pause()
        assert app.screen is screen
        assert table.get_row(str(petition.id))[0] == "đã có trả lời 30/10/2021"
        assert "đã có trả lời 30/10/2021: Da cap 12 so" in str(
            screen.query_one("#fw-selected").render()
        ).replace("\n", " ")
        (row,) = followup.forwarded_rows(store, clock().date())
        assert (row.letter, row.sent_on, row.reply_on, row.reply) == (
            "15/UBND-VP",
            dt.date(2021, 10, 29),
            dt.date(2021, 10, 30),
            "Da cap 12 so",
        )
        # The record travels in the meeting file with its petition.
        again = import_meeting(store, export_meeting(store, console.meeting_id))
        moved = [r for r in followup.forwarded_rows(store, clock().date()) if r.meeting_id == again]
        assert [(r.letter, r.reply_on) for r in moved] == [("15/UBND-VP", dt.date(2021, 10, 30))]


async def test_a_forwarded_petition_not_sent_after_five_days_comes_first(tmp_path, clock):
    app, console = played(tmp_path, clock, lang="en")
    clock.advance(10 * 86400)  # 07/11/2021: the 5 days are over
    async with app.run_test(size=(120, 35)) as pilot:
        screen = await open_follow_up(pilot, app)
        table = screen.query_one("#forwarded", DataTable)
        assert [c.label.plain for c in table.columns.values()] == [
            "Status",
            "Forwarded to",
            "Content",
            "Village",
        ]
        assert table.get_row_at(0)[0] == "letter not sent · ✗ LATE by 5 days"
        assert table.get_row_at(0)[1] == LAND
        assert table.get_row_at(0)[3] == "Đông Phong 28/10/2021"


async def test_no_forwarded_petition_no_section(tmp_path, clock):
    app = make_app(tmp_path / "m.db", clock=clock)
    import_meeting(app.store, demo_meeting())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_follow_up(pilot, app)
        assert not screen.query_one("#forwarded", DataTable).display
        assert not screen.query_one("#fw-selected").display


def test_a_record_for_a_petition_not_forwarded_or_a_reply_before_the_meeting_is_refused(
    tmp_path, clock
):
    app, console = played(tmp_path, clock)
    petitions = app.store.petitions(console.meeting_id)
    other = next(p for p in petitions if p.outcome != "forwarded")
    with pytest.raises(RuleError) as refused:
        followup.record_forward(app.store, other.id, letter="1")
    assert refused.value.key == "followup.not_forwarded"
    (forwarded,) = [p for p in petitions if p.outcome == "forwarded"]
    with pytest.raises(RuleError) as refused:
        followup.record_forward(app.store, forwarded.id, reply_on=dt.date(2021, 10, 27))
    assert refused.value.key == "followup.day_before_meeting"
    clock.advance(3 * 86400)
    with pytest.raises(RuleError) as refused:
        followup.record_forward(
            app.store, forwarded.id, sent_on=dt.date(2021, 10, 29), reply_on=dt.date(2021, 10, 28)
        )
    assert refused.value.key == "followup.reply_before_sent"
    assert followup.forwarded_rows(app.store, clock().date())[0].sent_on is None
    app.store.close()


def test_the_followup_command_lists_the_forwarded_petitions(tmp_path, clock):
    app, console = played(tmp_path, clock)
    (petition,) = [p for p in app.store.petitions(console.meeting_id) if p.outcome == "forwarded"]
    clock.advance(3 * 86400)
    app.store.close()
    db = tmp_path / "m.db"
    content = "Đề nghị đẩy nhanh cấp giấy chứng nhận quyền sử dụng đất cho…"
    lines = run_cli("followup", "--as-of", "01/11/2021", db=db).stdout.splitlines()
    at = lines.index(
        "Hạn           Còn  Trạng thái                    Kiến nghị đã chuyển cấp trên"
    )
    assert lines[at + 1] == (
        f"02/11/2021      1  chưa gửi công văn             {LAND}: {content}  "
        "[Đông Phong 28/10/2021]"
    )
    late = run_cli("followup", "--overdue", "--as-of", "08/11/2021", db=db).stdout.splitlines()
    assert late[-2] == (
        f"02/11/2021         chưa gửi CV · QUÁ HẠN 6 ngày  {LAND}: {content}  "
        "[Đông Phong 28/10/2021]"
    )
    store = open_store(db, clock=clock)
    followup.record_forward(store, petition.id, letter="15/UBND-VP", sent_on=dt.date(2021, 10, 29))
    store.close()
    sent = run_cli("followup", "--as-of", "01/11/2021", db=db).stdout.splitlines()
    assert (
        f"02/11/2021         chờ trả lời (gửi 29/10/2021)  {LAND}: {content} · CV số 15/UBND-VP  "
        "[Đông Phong 28/10/2021]"
    ) in sent
    late = run_cli("followup", "--overdue", "--as-of", "08/11/2021", db=db).stdout
    assert LAND not in late  # sent: not late any more
