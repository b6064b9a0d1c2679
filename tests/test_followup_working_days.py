"""Days late in the unit of the deadline's rule (trial: the follow-up screen counted "còn" in
working days but "QUÁ HẠN" in calendar days). The answers (15 working days) are late in working
days — weekends, holidays and Tết do not count, after the due date as before it; the 5-day
evaluation and the 10-day publication in days. The words say the unit."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import DataTable

from facilitator.app import make_app
from facilitator.rules.clock import TZ, FrozenClock
from facilitator.services import followup
from facilitator.services.conclusion import conclude, decide
from facilitator.services.demo import demo_meeting
from facilitator.services.live import Console
from facilitator.services.meetingfile import import_meeting
from tests.helpers import run_cli

D = dt.date


def before_tet(store) -> Console:
    """A meeting on Tue 20/01/2026: its answer is due Tue 10/02/2026, just before Tết
    (Mon 16 – Fri 20/02/2026 off, then the weekend)."""
    data = demo_meeting()
    data["meeting"]["date"] = "2026-01-20"
    data["meeting"]["announced_on"] = "2026-01-12"
    console = Console(store, import_meeting(store, data))
    console.next_phase()
    pid = store.petitions(console.meeting_id)[0].id
    decide(console, pid, "assigned", responsible="Trưởng thôn Đông Phong")
    conclude(console, "Kết luận.")
    return console


@pytest.mark.parametrize(
    ("as_of", "status", "left", "late"),
    [
        (D(2026, 2, 9), "open", 1, 0),  # Mon: one working day left (Tue 10)
        (D(2026, 2, 10), "open", 0, 0),
        (D(2026, 2, 13), "overdue", -3, 3),  # Wed 11, Thu 12, Fri 13
        (D(2026, 2, 20), "overdue", -3, 3),  # Tết: still three (ten calendar days)
        (D(2026, 2, 23), "overdue", -4, 4),  # Mon after Tết
        (D(2026, 2, 25), "overdue", -6, 6),  # fifteen calendar days
    ],
)
def test_an_assignment_is_late_in_working_days_across_tet(store, as_of, status, left, late):
    before_tet(store)
    (row,) = followup.rows(store, as_of)
    assert row.due == D(2026, 2, 10)
    assert (row.status, row.days_left, row.days_late) == (status, left, late)


async def test_the_follow_up_screen_and_the_home_clock_say_working_days(tmp_path):
    for lang, late, clock_line in (
        (
            "vi",
            "QUÁ HẠN 6 ngày làm việc",
            "  Trả lời kiến nghị (15 ngày làm việc): ✗ TRỄ 6 ngày làm việc (hạn 10/02/2026)",
        ),
        (
            "en",
            "OVERDUE by 6 working days",
            "  Answer the petitions (15 working days): ✗ LATE by 6 working days (due 10/02/2026)",
        ),
    ):
        clock = FrozenClock(dt.datetime(2026, 2, 25, 9, 0, tzinfo=TZ))
        app = make_app(tmp_path / f"{lang}.db", clock=clock, lang=lang)
        before_tet(app.store)
        async with app.run_test(size=(120, 35)) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            lines = str(app.screen.query_one("#home-clock").render()).splitlines()
            assert lines[3] == clock_line
            await pilot.press("f5")
            await pilot.pause()
            table = app.screen.query_one("#followup", DataTable)
            assert table.get_row_at(0)[1] == late
            duties = app.screen.query_one("#checklist", DataTable)
            # the evaluation (5 days, due Mon 26/01) and the publication (10 days, due Fri
            # 30/01): periods in days, late in days
            expected = ("✗ TRỄ {} ngày", "✗ LATE by {} days")[lang == "en"]
            assert [duties.get_row_at(i)[1] for i in range(2)] == [
                expected.format(30),
                expected.format(26),
            ]


def test_the_followup_command_counts_and_says_each_in_its_rules_unit(tmp_path, clock):
    from db.store import open_store

    db = tmp_path / "f.db"
    store = open_store(db, clock=clock)
    before_tet(store)
    store.close()
    for lang, late_working, late_days, legend in (
        (
            "vi",
            "QUÁ HẠN 6 ngày làm việc",
            "QUÁ HẠN 30 ngày",
            "Còn / QUÁ HẠN: số ngày làm việc đến hạn / đã trễ hạn (trừ thứ Bảy, Chủ nhật, ngày "
            "lễ, Tết); việc có thời hạn tính theo ngày (đánh giá 5 ngày, công khai 10 ngày): số "
            "ngày.",
        ),
        (
            "en",
            "OVERDUE by 6 working days",
            "OVERDUE by 30 days",
            "Left / OVERDUE: working days until / past the due date (weekends, holidays and Tết "
            "not counted); a duty whose period is in days (evaluation 5 days, publication 10 "
            "days): days.",
        ),
    ):
        out = run_cli("followup", "--as-of", "25/02/2026", "--lang", lang, db=db).stdout
        lines = out.splitlines()
        assert lines[1][:47] == f"10/02/2026         {late_working:<28}"
        assert lines[4][:47] == f"26/01/2026         {late_days:<28}"
        assert lines[-1] == legend
    # before the due date "Còn" counts the same working days: Mon 09/02 → 1
    lines = run_cli("followup", "--as-of", "09/02/2026", db=db).stdout.splitlines()
    assert lines[1][:30] == "10/02/2026      1  đang giải q"
