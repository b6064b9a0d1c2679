"""Damaged files and disks (issue 12 item 4): each fault gives a clear message and a way back.

Fast and unmarked: ``uv run pytest`` runs them. A full disk is simulated portably by making the
page copy of a backup fail as SQLite does on a full disk; on Linux, where an unprivileged mount
namespace is available, one test also fills a real 64 KiB tmpfs.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from textual.widgets import Static, TextArea

import db.store
from db.store import backup_summary, backups_of, open_store
from facilitator.app import make_app
from facilitator.cli import main
from facilitator.rules.clock import TZ
from facilitator.services.demo import demo_meeting
from facilitator.services.live import Console
from facilitator.services.meetingfile import import_meeting

ROOT = Path(__file__).resolve().parents[2]


def call(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
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


def new_db(path: Path, clock=None) -> int:
    store = open_store(path, clock=clock) if clock else open_store(path)
    meeting_id = import_meeting(store, demo_meeting())
    store.close()
    return meeting_id


def damage(path: Path, table: str = "speakers") -> None:
    """Overwrite the root page of ``table`` (the file is closed and checkpointed)."""
    conn = sqlite3.connect(path)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", [table]).fetchone()[0]
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with open(path, "r+b") as handle:
        handle.seek((root - 1) * size)
        handle.write(b"\xff" * size)


def disk_full(*_args: object) -> None:
    raise sqlite3.OperationalError("database or disk is full")


def no_space(*_args: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


# ----- a damaged page --------------------------------------------------------------------------
@pytest.mark.parametrize("window", [["run", "1"], ["desk"], ["chair"], []])
def test_a_damaged_page_names_the_backups_in_every_window(tmp_path, capsys, window):
    db_path = tmp_path / "m.db"
    new_db(db_path)
    damage(db_path)
    assert call(capsys, "meetings", "--db", str(db_path))[0] == 0  # the meetings table is sound
    code, out, err = call(capsys, *window, "--db", str(db_path))
    assert (code, out) == (1, "")
    assert err == (
        f"Lỗi: tệp cơ sở dữ liệu bị hỏng: {db_path}; các bản sao lưu ở {tmp_path / 'backups'}: "
        "xem bằng «facilitator restore», khôi phục bằng «facilitator restore N»\n"
    )
    assert list(tmp_path.glob("facilitator-crash-*")) == []


def test_a_damaged_page_in_english(tmp_path, capsys):
    db_path = tmp_path / "m.db"
    new_db(db_path)
    damage(db_path)
    code, _out, err = call(capsys, "run", "1", "--db", str(db_path), "--lang", "en")
    assert code == 1
    assert err.startswith(f"Error: the database file is damaged: {db_path}; its backups are in")
    assert "«facilitator restore N»" in err


def test_backups_never_copy_a_damaged_database(tmp_path, clock, capsys):
    db_path = tmp_path / "m.db"
    store = open_store(db_path, clock=clock)
    import_meeting(store, demo_meeting())
    for _ in range(20):
        clock.advance(1)
        assert store.auto_backup("start") is not None
    store.close()
    damage(db_path)
    store = open_store(db_path, clock=clock)  # not checked: as a process already running
    problems: list[str] = []
    for _ in range(21):  # 21 starts on the damaged file
        clock.advance(1)
        assert store.auto_backup("start", on_problem=problems.append) is None
    assert len(problems) == 21 and "bị hỏng" in problems[0]
    kept = backups_of(db_path)
    assert len(kept) == 20
    assert all(backup_summary(p).intact for p in kept)
    assert not list((tmp_path / "backups").glob("*.part"))
    store.close()
    code, _out, err = call(capsys, "backup", "--db", str(db_path))
    assert code == 1 and "bị hỏng" in err
    assert len(list((tmp_path / "backups").iterdir())) == 20


# ----- facilitator restore ---------------------------------------------------------------------
def test_restore_lists_the_backups_and_restores_one_keeping_the_current_file(
    tmp_path, clock, capsys
):
    db_path = tmp_path / "m.db"
    store = open_store(db_path, clock=clock)
    meeting_id = import_meeting(store, demo_meeting())
    store.auto_backup("start")
    clock.advance(60)
    console = Console(store, meeting_id)
    console.next_phase()  # a backup "phase1" with the opening entry in the minutes
    console.call_next()
    store.close()
    code, out, _err = call(capsys, "restore", "--db", str(db_path))
    lines = out.splitlines()
    assert code == 0 and len(lines) == 4
    assert lines[1].split() == ["1", "28/10/2021", "08:01:00", "phase1", "1", "12", "1"]
    assert lines[2].split() == ["2", "28/10/2021", "08:00:00", "start", "1", "12", "0"]
    assert "facilitator restore N" in lines[3]

    damage(db_path)
    before = db_path.read_bytes()
    code, out, err = call(capsys, "restore", "2", "--db", str(db_path))
    assert (code, err) == (0, "")
    aside = next(tmp_path.glob("m-before-restore-*.db"))
    assert out.splitlines() == [
        f"Đã khôi phục bản sao lưu 28/10/2021 08:00:00 vào {db_path}.",
        f"Tệp trước khi khôi phục được giữ ở: {aside}",
    ]
    assert aside.read_bytes() == before  # the current (damaged) file, kept as it was
    restored = open_store(db_path, check=True)
    assert restored.integrity_problems() == []
    assert restored.minutes(meeting_id) == []
    assert len(restored.speakers(meeting_id)) == 12
    restored.close()
    assert call(capsys, "restore", "9", "--db", str(db_path))[2] == (
        "Lỗi: không có bản sao lưu số 9\n"
    )


def test_restore_refuses_a_damaged_backup(tmp_path, clock, capsys):
    db_path = tmp_path / "m.db"
    store = open_store(db_path, clock=clock)
    import_meeting(store, demo_meeting())
    copy = store.auto_backup("start")
    store.close()
    assert copy is not None
    damage(copy)
    code, out, _err = call(capsys, "restore", "--db", str(db_path), "--lang", "en")
    assert out.splitlines()[1].endswith("(damaged)")
    before = db_path.read_bytes()
    code, _out, err = call(capsys, "restore", "1", "--db", str(db_path), "--lang", "en")
    assert (code, err) == (1, "Error: backup number 1 is damaged; not restored\n")
    assert db_path.read_bytes() == before


# ----- a read-only file, a read-only folder ------------------------------------------------------
def live_meeting_with_a_speaker(path: Path, clock) -> int:
    store = open_store(path, clock=clock)
    meeting_id = import_meeting(store, demo_meeting())
    console = Console(store, meeting_id)
    console.next_phase()
    console.call_next()
    entry = store.last_entry_of(store.speaking(meeting_id).id)
    console.save_entry(entry, store.minutes_entry(entry).text + " Đường bê tông hỏng")
    store.close()
    return meeting_id


async def test_a_read_only_file_opens_read_only_and_says_so(tmp_path, clock, monkeypatch):
    db_path = tmp_path / "m.db"
    meeting_id = live_meeting_with_a_speaker(db_path, clock)
    clock.advance(600)  # a gap that would be noted in the minutes
    if os.name == "posix" and os.geteuid() != 0:
        db_path.chmod(0o444)
    else:  # root writes anything: this process cannot be denied, so the check says it is
        real = db.store._writable
        monkeypatch.setattr(db.store, "_writable", lambda p: p != db_path and real(p))
    events = len(open_store(db_path, readonly=True).events(meeting_id))
    app = make_app(db_path, clock=clock, meeting_id=meeting_id, lang="en")
    assert app.store.readonly
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        message = str(app.screen.query_one("#live-message", Static).render())
        assert message.startswith("READ-ONLY: the database file")
        editor = app.screen.query_one("#editor", TextArea)
        assert editor.read_only and editor.text.endswith("Đường bê tông hỏng ")
        await pilot.press("f3")  # refused with a message; the window stays
        await pilot.pause()
        assert type(app.screen).__name__ == "LiveScreen"
        notes = [n.message for n in app._notifications]
        assert "the database is read-only; check the file's permissions" in notes
    assert len(open_store(db_path, readonly=True).events(meeting_id)) == events


def test_a_read_only_file_really_denied(tmp_path):
    if os.name != "posix" or os.geteuid() == 0:
        pytest.skip("root may write a read-only file")
    db_path = tmp_path / "m.db"
    new_db(db_path)
    db_path.chmod(0o444)
    store = open_store(db_path, check=True)
    assert store.readonly and len(store.meetings()) == 1


def test_a_read_only_folder_names_the_cause(tmp_path, capsys, monkeypatch):
    folder = tmp_path / "ro"
    folder.mkdir()
    db_path = folder / "m.db"
    new_db(db_path)
    if os.name == "posix" and os.geteuid() != 0:
        folder.chmod(0o555)
    else:
        real = db.store._writable
        monkeypatch.setattr(db.store, "_writable", lambda p: p != folder and real(p))
    code, out, err = call(capsys, "run", "1", "--db", str(db_path), "--lang", "en")
    folder.chmod(0o755)
    assert (code, out) == (1, "")
    assert err == (
        f"Error: the folder {folder} is read-only: opening the database needs write "
        "permission there (SQLite writes its -wal and -shm files beside it)\n"
    )


# ----- a full disk -----------------------------------------------------------------------------
@pytest.mark.parametrize("failure", [disk_full, no_space])
async def test_a_full_disk_at_start_is_a_warning(tmp_path, clock, monkeypatch, failure):
    db_path = tmp_path / "m.db"
    new_db(db_path, clock)
    monkeypatch.setattr(db.store, "_copy_database", failure)
    app = make_app(db_path, clock=clock, lang="en")
    async with app.run_test(size=(120, 35)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        notes = [n.message for n in app._notifications]
        warning = "Warning: no backup copy was made (the disk is full"
        assert any(n.startswith(warning) for n in notes)
        assert type(app.screen).__name__ == "HomeScreen"
    assert list((tmp_path / "backups").iterdir()) == []  # no .part left


async def test_f8_when_the_backup_does_not_fit(tmp_path, clock, monkeypatch):
    db_path = tmp_path / "m.db"
    meeting_id = new_db(db_path, clock)
    app = make_app(db_path, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=(120, 35)) as pilot:
        await app.workers.wait_for_complete()  # the backup at start fits
        monkeypatch.setattr(db.store, "_copy_database", disk_full)
        await pilot.press("f8")
        await app.workers.wait_for_complete()
        await pilot.pause()
        meeting = app.store.meeting(meeting_id)
        assert (meeting.status, meeting.phase_index) == ("live", 0)
        notes = [n.message for n in app._notifications]
        assert any(n.startswith("Cảnh báo: chưa sao lưu được (ổ đĩa đã đầy") for n in notes)
        assert type(app.screen).__name__ == "LiveScreen"
    names = [p.name for p in (tmp_path / "backups").iterdir()]
    assert len(names) == 1 and names[0].endswith("-start.db")


def test_interrupted_backups_are_cleaned_at_the_next_start(tmp_path, clock):
    db_path = tmp_path / "facilitator.db"
    new_db(db_path, clock)
    folder = tmp_path / "backups"
    folder.mkdir()
    ours = folder / "facilitator-20211028-080000-000000-phase2.db.part"
    theirs = folder / "facilitator-demo-20211028-080000-000000-phase2.db.part"
    for part in (ours, theirs):
        part.write_bytes(b"half a copy")
    store = open_store(db_path, clock=clock)
    store.auto_backup("start")
    assert not ours.exists() and theirs.exists()


def test_rotation_counts_only_its_own_backups(tmp_path, clock):
    db_path = tmp_path / "facilitator.db"
    demo_path = tmp_path / "facilitator-demo.db"
    store = open_store(db_path, clock=clock)
    demo = open_store(demo_path, clock=clock)
    for _ in range(25):
        clock.advance(1)
        demo.auto_backup("start")
    newest = None
    for _ in range(21):
        clock.advance(1)
        newest = store.auto_backup("start")
    assert newest is not None and newest.exists()
    names = [p.name for p in (tmp_path / "backups").iterdir()]
    assert len([n for n in names if n.startswith("facilitator-demo-")]) == 20
    assert len(backups_of(db_path)) == 20
    assert len(backups_of(demo_path)) == 20


def test_a_real_full_disk_on_linux(tmp_path):
    """A 64 KiB tmpfs as the backups folder, in a mount namespace of a child process."""
    unshare = shutil.which("unshare")
    if sys.platform != "linux" or unshare is None:
        pytest.skip("needs Linux and unshare")
    probe = subprocess.run(
        [unshare, "-rm", "sh", "-c", f"mount -t tmpfs -o size=64k tmpfs {tmp_path}"],
        capture_output=True,
    )
    if probe.returncode != 0:
        pytest.skip("no unprivileged mount namespace here")
    db_path = tmp_path / "m.db"
    new_db(db_path)
    (tmp_path / "backups").mkdir()
    script = (
        "from db.store import open_store\n"
        f"store = open_store({str(db_path)!r})\n"
        "problems = []\n"
        "print(store.auto_backup('start', on_problem=problems.append), problems)\n"
        "import os\n"
        f"print(os.listdir({str(tmp_path / 'backups')!r}))\n"
    )
    out = subprocess.run(
        [
            unshare,
            "-rm",
            "sh",
            "-c",
            f'mount -t tmpfs -o size=64k tmpfs "{tmp_path / "backups"}" && "$0" -c "$1"',
            sys.executable,
            script,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert out.returncode == 0, out.stderr
    result, listing = out.stdout.splitlines()
    assert result.startswith("None ['ổ đĩa đã đầy, không sao lưu được m-")
    assert listing == "[]"  # on the full disk itself: no .part left


# ----- after a gap over 30 s ----------------------------------------------------------------------
async def test_a_restart_after_a_gap_notes_it_and_resumes_the_speakers_entry(tmp_path, clock):
    db_path = tmp_path / "m.db"
    meeting_id = live_meeting_with_a_speaker(db_path, clock)
    clock.now = dt.datetime(2021, 10, 28, 8, 3, tzinfo=TZ)
    app = make_app(db_path, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        minutes = app.store.minutes(meeting_id)
        assert minutes[-1].text == "(gián đoạn ghi biên bản 08:00–08:03)"
        speech = minutes[-2]
        assert speech.kind == "speech"
        editor = app.screen.query_one("#editor", TextArea)
        assert editor.text == speech.text + " "
        assert app.screen.editing_id == speech.id
        await pilot.press(*"xin")
        app.screen.flush()
        assert app.store.minutes_entry(speech.id).text.endswith("Đường bê tông hỏng xin")


async def test_a_page_damaged_while_the_window_runs_ends_it_naming_the_backups(
    tmp_path, clock, monkeypatch
):
    from screens.live import LiveScreen

    db_path = tmp_path / "m.db"
    meeting_id = new_db(db_path, clock)

    def malformed(self: LiveScreen) -> None:
        raise sqlite3.DatabaseError("database disk image is malformed")

    monkeypatch.setattr(LiveScreen, "action_extend", malformed)
    # F5 is dimmed while no speech runs: here it runs, so that the key reaches the store
    monkeypatch.setattr(LiveScreen, "check_action", lambda self, action, parameters: True)
    app = make_app(db_path, clock=clock, meeting_id=meeting_id, lang="en")
    with pytest.raises(sqlite3.DatabaseError):
        async with app.run_test(size=(120, 35)) as pilot:
            await pilot.pause()
            await pilot.press("f5")
            await pilot.pause()
    assert app.crash_line is not None
    assert app.crash_line.startswith(f"Error: the database file is damaged: {db_path}")
    assert "«facilitator restore N»" in app.crash_line
    assert list(tmp_path.glob("facilitator-crash-*")) == []


def test_restore_with_the_file_still_open_elsewhere_changes_nothing(
    tmp_path, clock, capsys, monkeypatch
):
    """On Windows a file another window holds open cannot be renamed: nothing moves."""
    db_path = tmp_path / "m.db"
    store = open_store(db_path, clock=clock)
    import_meeting(store, demo_meeting())
    store.auto_backup("start")
    store.close()
    before = db_path.read_bytes()

    def in_use(*_args: object) -> None:
        raise PermissionError(13, "The process cannot access the file")

    monkeypatch.setattr(db.store.os, "replace", in_use)
    code, out, err = call(capsys, "restore", "1", "--db", str(db_path), "--lang", "en")
    assert (code, out) == (1, "")
    assert err == (
        "Error: cannot set m.db aside: the file is open; close every facilitator window and retry\n"
    )
    assert db_path.read_bytes() == before
    assert not list(tmp_path.glob("*before-restore*"))


async def test_the_desk_on_a_read_only_file_says_so(tmp_path, clock, monkeypatch):
    db_path = tmp_path / "m.db"
    meeting_id = new_db(db_path, clock)
    real = db.store._writable
    monkeypatch.setattr(db.store, "_writable", lambda p: p != db_path and real(p))
    app = make_app(db_path, mode="desk", clock=clock, meeting_id=meeting_id, lang="en")
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        notes = [n.message for n in app._notifications]
        assert any(n.startswith("READ-ONLY: the database file") for n in notes)
