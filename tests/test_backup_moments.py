"""A backup copy at the moments a secretary on a laptop with unreliable power expects one:
at start and at each phase change (already), and at the conclusion, at sealing ("Thông qua
biên bản", and each amendment after it) and on quitting (ctrl+q). Same mechanism, same folder
(``backups/`` beside the database), same names (``<db>-YYYYMMDD-HHMMSS-ffffff-<reason>.db``)."""

from __future__ import annotations

from pathlib import Path

from db.store import backup_summary, backups_of, open_store
from tests.helpers import live_app, run_cli


def reasons(db: Path) -> list[str]:
    return [backup_summary(path).reason for path in backups_of(db)]


def newest(db: Path, reason: str) -> Path:
    return [path for path in backups_of(db) if backup_summary(path).reason == reason][-1]


async def test_conclusion_sealing_and_quitting_each_leave_a_backup(tmp_path, clock):
    app = live_app(tmp_path, clock)
    db, mid = tmp_path / "m.db", app.meeting_id
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f8")  # opens the meeting: phase 1
        await app.workers.wait_for_complete()
        assert reasons(db) == ["phase1", "start"]  # the same frozen moment: sorted by reason
        await pilot.press("f9", "f9")  # the conclusion screen, then conclude
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert app.store.meeting(mid).status == "concluded"
        assert sorted(reasons(db)) == ["concluded", "phase1", "start"]
        copy = open_store(newest(db, "concluded"), readonly=True)
        assert copy.meeting(mid).status == "concluded"
        assert copy.is_sealed(mid) is False
        copy.close()

        await pilot.press("f8")  # Thông qua biên bản: who seals, prefilled
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert app.store.is_sealed(mid)
        assert sorted(reasons(db)) == ["concluded", "phase1", "sealed", "start"]
        copy = open_store(newest(db, "sealed"), readonly=True)
        assert [s.code for s in copy.seals(mid)] == [s.code for s in app.store.seals(mid)]
        copy.close()

        await pilot.press("ctrl+q")
        await pilot.pause()
    assert sorted(reasons(db)) == ["concluded", "phase1", "quit", "sealed", "start"]
    names = [path.name for path in backups_of(db)]
    assert all(name.isascii() and ":" not in name for name in names)
    assert newest(db, "quit").name == "m-20211028-080000-000000-quit.db"


async def test_quitting_saves_what_is_typed_before_the_copy(tmp_path, clock):
    """ctrl+q right after typing (before the one-second autosave): the copy holds the text."""
    app = live_app(tmp_path, clock)
    db, mid = tmp_path / "m.db", app.meeting_id
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f8")
        await pilot.pause()
        await pilot.press(*"Ghi kip", "ctrl+q")
        await pilot.pause()
    copy = open_store(newest(db, "quit"), readonly=True)
    assert copy.recent_minutes(mid, 1)[-1].text == "Ghi kip"
    copy.close()


async def test_quitting_from_the_home_screen_leaves_a_backup(tmp_path, clock):
    from facilitator.app import make_app

    db = tmp_path / "m.db"
    app = make_app(db, clock=clock, lang="en", export_dir=tmp_path / "out")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert reasons(db) == ["start"]
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert sorted(reasons(db)) == ["quit", "start"]


def test_seal_and_amend_from_the_command_line_leave_a_backup(tmp_path, clock):
    from facilitator.services.conclusion import conclude
    from facilitator.services.demo import demo_meeting
    from facilitator.services.live import Console
    from facilitator.services.meetingfile import import_meeting

    db = tmp_path / "f.db"
    store = open_store(db, clock=clock)
    mid = import_meeting(store, demo_meeting())
    console = Console(store, mid)
    console.next_phase()
    assert reasons(db) == ["phase1"]
    conclude(console, "Kết luận của chủ tọa.")
    assert sorted(reasons(db)) == ["concluded", "phase1"]
    store.close()
    done = run_cli("seal", str(mid), "--by", "Hoàng Thị Yến", db=db)
    assert done.returncode == 0, done.stderr
    assert sorted(reasons(db)) == ["concluded", "phase1", "sealed"]
    done = run_cli(
        "amend",
        str(mid),
        "--conclusion",
        "Kết luận đã sửa.",
        "--by",
        "Hoàng Thị Yến",
        "--why",
        "đọc lại",
        db=db,
    )
    assert done.returncode == 0, done.stderr
    assert sorted(reasons(db)) == ["amended", "concluded", "phase1", "sealed"]
    copy = open_store(newest(db, "amended"), readonly=True)
    assert copy.meeting(mid).conclusion == "Kết luận đã sửa."
    assert len(copy.seals(mid)) == 2
    copy.close()
