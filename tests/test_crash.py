"""Crashes and silent surprises: the follow-up screen after a conclusion, missing meetings and
files, and what an unexpected error leaves behind (a crash log, one line, nothing lost)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from textual.widgets import DataTable

from db.store import open_store
from facilitator.app import make_app
from facilitator.cli import main
from facilitator.i18n import EN, VI
from facilitator.rules.clock import TZ
from facilitator.services.conclusion import conclude, decide
from facilitator.services.demo import demo_meeting
from facilitator.services.live import Console
from facilitator.services.meetingfile import import_meeting

ROOT = Path(__file__).resolve().parent.parent


def call(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run the command line in this process, as the ``facilitator`` script does."""
    saved = sys.argv
    sys.argv = ["facilitator", *args]
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    finally:
        sys.argv = saved
    out, err = capsys.readouterr()
    return code, out, err


def concluded_meeting(path: Path, clock) -> int:
    store = open_store(path, clock=clock)
    meeting_id = import_meeting(store, demo_meeting())
    console = Console(store, meeting_id)
    petition = store.petitions(meeting_id)[0].id
    decide(console, petition, "assigned", responsible="Trưởng thôn Đông Phong")
    conclude(console, "Đồng chí Chủ tịch kết luận.")
    store.close()
    return meeting_id


@pytest.mark.parametrize("lang", ["vi", "en"])
async def test_followup_screen_after_a_conclusion(tmp_path, clock, lang):
    path = tmp_path / "m.db"
    concluded_meeting(path, clock)
    clock.now = dt.datetime(2021, 11, 22, 9, 0, tzinfo=TZ)  # the app's clock, not today
    app = make_app(path, clock=clock, lang=lang)
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        await pilot.press("f5")
        await pilot.pause()
        screen = app.screen
        assert type(screen).__name__ == "FollowUpScreen"
        header = str(screen.query_one("#live-header").render())
        assert "22/11/2021" in header
        assignments = screen.query_one("#followup", DataTable)
        row = [str(c) for c in assignments.get_row_at(0)]
        assert row[0] == "18/11/2021"
        # Thu 18 → Mon 22/11: two working days late (Fri 19, Mon 22), as "còn" counts them
        assert row[1] == (EN if lang == "en" else VI)["fu.overdue_by_working"].format(days=2)
        duties = screen.query_one("#checklist", DataTable)
        assert duties.row_count == 2  # the evaluation and the publication (answers are above)
        shown = [b.binding.description for b in screen.active_bindings.values()]
        assert shown and not [d for d in shown if d in VI]
        assert (EN if lang == "en" else VI)["followup.only_overdue"] in shown


async def test_followup_checklist_enter_marks_a_duty_done(tmp_path, clock):
    path = tmp_path / "m.db"
    meeting_id = concluded_meeting(path, clock)
    clock.now = dt.datetime(2021, 11, 1, 9, 0, tzinfo=TZ)
    app = make_app(path, clock=clock)
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        await pilot.press("f5")
        await pilot.pause()
        app.screen.query_one("#checklist").focus()
        await pilot.press("enter")  # the day it was done: today unless typed
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert list(app.store.checklist_done(meeting_id).values()) == [dt.date(2021, 11, 1)]


@pytest.mark.parametrize(
    "args",
    [["chair", "--meeting", "99"], ["desk", "--meeting", "99"], ["run", "99"]],
)
def test_a_missing_meeting_is_one_line(tmp_path, capsys, args):
    db = tmp_path / "m.db"
    open_store(db).close()
    code, out, err = call(capsys, *args, "--db", str(db))
    assert (code, out, err) == (1, "", "Lỗi: không có hội nghị số 99\n")


@pytest.mark.parametrize(
    "args",
    [
        ["meetings"],
        ["export", "1", "--doc", "json"],
        ["followup"],
        ["check"],
        ["chair"],
        ["backup"],
        ["restore"],
        ["calendar", "list"],
        ["run", "1"],
    ],
)
def test_reading_a_missing_file_creates_nothing(tmp_path, capsys, args):
    db = tmp_path / "khong-co.db"
    code, out, err = call(capsys, *args, "--db", str(db), "--lang", "en")
    assert (code, out, err) == (1, "", f"Error: no such database file: {db}\n")
    assert list(tmp_path.iterdir()) == []


def test_an_unexpected_error_writes_a_crash_log_and_one_line(tmp_path):
    """A real process: exit status 1, one line naming the log, no citizen's data on screen."""
    db = tmp_path / "m.db"
    store = open_store(db)
    import_meeting(store, demo_meeting())
    store.close()
    script = (
        "import sys\n"
        "import db.store\n"
        "def boom(self):\n"
        "    raise ValueError('Nguyễn Văn Hùng, thôn Đông Phong')\n"
        "db.store.Store.meetings = boom\n"
        "from facilitator.cli import main\n"
        f"sys.argv = ['facilitator', 'meetings', '--db', {str(db)!r}]\n"
        "main()\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert out.returncode == 1
    assert out.stdout == ""
    lines = out.stderr.splitlines()
    assert len(lines) == 1
    assert "Nguyễn" not in out.stderr and "Traceback" not in out.stderr
    logs = list(tmp_path.glob("facilitator-crash-*.log"))
    assert len(logs) == 1
    assert str(logs[0]) in lines[0]
    text = logs[0].read_text(encoding="utf-8")
    assert "Traceback" in text and "ValueError: Nguyễn Văn Hùng, thôn Đông Phong" in text
    if os.name == "posix":
        assert logs[0].stat().st_mode & 0o077 == 0  # private, like the database


async def test_an_unexpected_error_in_the_app_keeps_what_was_typed(tmp_path, clock, monkeypatch):
    from screens.live import LiveScreen

    path = tmp_path / "m.db"
    store = open_store(path, clock=clock)
    meeting_id = import_meeting(store, demo_meeting())
    store.close()

    def boom(self: LiveScreen) -> None:
        raise KeyError("Nguyễn Văn Hùng")

    monkeypatch.setattr(LiveScreen, "action_extend", boom)
    app = make_app(path, clock=clock, meeting_id=meeting_id)
    with pytest.raises(KeyError):
        async with app.run_test(size=(120, 35)) as pilot:
            await pilot.pause()
            await pilot.press("f8", "f3", "enter")
            await pilot.press(*"lua")
            await pilot.press("f5")  # the unexpected error, before the autosave
            await pilot.pause()
    line = app.crash_line  # what the terminal shows, in one line
    assert "\n" not in line and "Nguyễn" not in line
    logs = list(tmp_path.glob("facilitator-crash-*.log"))
    assert len(logs) == 1 and str(logs[0]) in line
    assert "KeyError: 'Nguyễn Văn Hùng'" in logs[0].read_text(encoding="utf-8")
    again = open_store(path, clock=clock)
    assert again.minutes(meeting_id)[-1].text.endswith("lua")
    assert again.speaking(meeting_id) is not None  # F3 committed before the error


async def test_a_worded_problem_in_the_app_is_shown_and_the_window_goes_on(
    tmp_path, clock, monkeypatch
):
    from db.store import StoreError
    from screens.live import LiveScreen

    path = tmp_path / "m.db"
    store = open_store(path, clock=clock)
    meeting_id = import_meeting(store, demo_meeting())
    store.close()

    def full(self: LiveScreen) -> None:
        raise StoreError("store.disk_full")

    monkeypatch.setattr(LiveScreen, "action_extend", full)
    app = make_app(path, clock=clock, meeting_id=meeting_id, lang="en")
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        # F5 acts while a speech runs (without one it is dimmed and does nothing).
        await pilot.press("f8", "f3", "enter", "f5")
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert "the disk is full, nothing could be written to the database; free some space" in (
            messages
        )
        await pilot.press("f8")  # still running
        await pilot.pause()
        assert app.store.meeting(meeting_id).status == "live"
    assert not list(tmp_path.glob("facilitator-crash-*.log"))


# ----- small truths (issue 13 item 8) ---------------------------------------------------------
def test_followup_overdue_with_none_overdue_says_so(tmp_path, capsys, clock):
    db = tmp_path / "m.db"
    concluded_meeting(db, clock)
    code, out, _ = call(capsys, "followup", "--overdue", "--as-of", "2021-11-01", "--db", str(db))
    assert (code, out) == (0, "Không có phân công nào quá hạn.\n")
    code, out, _ = call(capsys, "followup", "--overdue", "--as-of", "2021-11-22", "--db", str(db))
    assert "QUÁ HẠN" in out


def test_followup_overdue_with_only_duties_none_overdue_says_so(tmp_path, capsys, clock):
    db = tmp_path / "m.db"
    store = open_store(db, clock=clock)
    meeting_id = import_meeting(store, demo_meeting())
    conclude(Console(store, meeting_id), "Kết luận.")  # no assignment, two duties
    store.close()
    code, out, _ = call(capsys, "followup", "--overdue", "--as-of", "2021-10-29", "--db", str(db))
    assert (code, out) == (0, "Không có phân công nào quá hạn.\n")
    empty = tmp_path / "empty.db"
    open_store(empty).close()
    assert call(capsys, "followup", "--overdue", "--db", str(empty))[1] == (
        "Không có phân công nào.\n"
    )


def test_calendar_list_empty_and_remove(tmp_path, capsys):
    db = tmp_path / "m.db"
    open_store(db).close()
    assert call(capsys, "calendar", "list", "--db", str(db))[1] == (
        "Chưa ghi ngày nghỉ bù hay ngày làm bù nào.\n"
    )
    call(capsys, "calendar", "add-off", "05/11/2021", "--db", str(db))
    call(capsys, "calendar", "add-workday", "13/11/2021", "--db", str(db))
    assert call(capsys, "calendar", "remove", "2021-11-05", "--db", str(db), "--lang", "en") == (
        0,
        "Removed 05/11/2021: day off\n",
        "",
    )
    listing = call(capsys, "calendar", "list", "--db", str(db))[1].splitlines()
    assert [line[:10] for line in listing] == ["13/11/2021"]
    assert call(capsys, "calendar", "remove", "05/11/2021", "--db", str(db)) == (
        1,
        "",
        "Lỗi: không có ngày 05/11/2021 trong lịch đã ghi\n",
    )


def test_backup_without_output_goes_to_the_backups_folder(tmp_path, capsys, monkeypatch):
    db = tmp_path / "data" / "m.db"
    db.parent.mkdir()
    store = open_store(db)
    import_meeting(store, demo_meeting())
    store.close()
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    code, out, err = call(capsys, "backup", "--db", str(db))
    assert (code, err) == (0, "")
    copies = list((db.parent / "backups").iterdir())
    assert len(copies) == 1 and out == f"Đã sao lưu: {copies[0]}\n"
    assert list(here.iterdir()) == []
    assert open_store(copies[0]).meeting(1).village == "Đông Phong"
    listing = call(capsys, "restore", "--db", str(db))[1].splitlines()
    assert listing[1].split()[3:] == ["manual", "1", "12", "0"]


@pytest.mark.parametrize(
    ("lang", "late", "late_working"),
    [
        ("vi", "QUÁ HẠN {} ngày", "QUÁ HẠN {} ngày làm việc"),
        ("en", "OVERDUE by {} days", "OVERDUE by {} working days"),
    ],
)
def test_followup_overdue_says_days_late_alike_for_assignments_and_duties(
    tmp_path, capsys, clock, lang, late, late_working
):
    """Trial 3: an assignment said 'OVERDUE 4 days' while a duty showed '-14' in 'Left'.
    Each is late in the unit of its rule: the answers (15 working days) in working days, the
    evaluation (5 days) and the publication (10 days) in days."""
    db = tmp_path / "m.db"
    concluded_meeting(db, clock)
    code, out, _ = call(
        capsys, "followup", "--overdue", "--as-of", "2021-11-22", "--db", str(db), "--lang", lang
    )
    rows = [line for line in out.splitlines() if line[:2].isdigit()]
    assert [(row[:10], row[10:17].strip(), row[17:47].strip()) for row in rows] == [
        ("18/11/2021", "", late_working.format(2)),
        ("02/11/2021", "", late.format(20)),
        ("08/11/2021", "", late.format(14)),
    ]
