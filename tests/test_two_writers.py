"""Two writers on one file (the desk and the secretary) and the chair reading it: undo per
window, edits of removed speakers, one read transaction per chair refresh, ids never reused."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from db.migrations import migrations
from db.store import Store, open_store
from facilitator.app import make_app
from facilitator.rules.clock import FrozenClock
from facilitator.services.demo import demo_meeting
from facilitator.services.live import Console, RuleError
from facilitator.services.meetingfile import import_meeting


def two_windows(path: Path, clock: FrozenClock) -> tuple[Console, Console]:
    data = demo_meeting()
    data["speakers"] = []
    data["petitions"] = []
    secretary_store = open_store(path, clock=clock)
    meeting_id = import_meeting(secretary_store, data)
    desk_store = open_store(path, clock=clock)
    desk_store.actor = "desk"
    return Console(secretary_store, meeting_id), Console(desk_store, meeting_id)


def names(store: Store, meeting_id: int) -> list[str]:
    return [s.name for s in store.speakers(meeting_id)]


def test_undo_takes_back_the_last_action_of_its_own_window(tmp_path, clock):
    secretary, desk = two_windows(tmp_path / "m.db", clock)
    desk.register("An")
    secretary.register("Bình")
    desk.register("Cường")
    assert secretary.undo() == "speaker.registered"
    assert names(secretary.store, secretary.meeting_id) == ["An", "Cường"]
    assert desk.undo() == "speaker.registered"
    assert names(desk.store, desk.meeting_id) == ["An"]
    assert secretary.undo() is None  # nothing of the secretary's is left to undo
    assert names(desk.store, desk.meeting_id) == ["An"]
    sessions = {e.session for e in desk.store.events(desk.meeting_id) if e.undoable}
    assert sessions == {secretary.store.session, desk.store.session}


def test_undo_refused_when_another_window_changed_the_same_rows(tmp_path, clock):
    secretary, desk = two_windows(tmp_path / "m.db", clock)
    speaker_id = desk.register("An").speaker_id
    called = secretary.call_next()
    assert called is not None and called.id == speaker_id
    with pytest.raises(RuleError, match="cửa sổ khác"):
        desk.undo()  # removing her would delete the secretary's running slot
    assert desk.store.speaker(speaker_id).state == "speaking"
    running = secretary.store.current_slot(secretary.meeting_id)
    assert running is not None and running.speaker_id == speaker_id  # her slot still runs


def test_editing_a_speaker_removed_by_another_window_fails_clearly(tmp_path, clock):
    secretary, desk = two_windows(tmp_path / "m.db", clock)
    speaker_id = desk.register("An").speaker_id
    assert desk.undo() == "speaker.registered"
    events_before = len(secretary.store.events(secretary.meeting_id))
    with pytest.raises(RuleError, match="đã bị xóa ở cửa sổ khác"):
        secretary.edit_speaker(speaker_id, name="An Nguyễn")
    assert len(secretary.store.events(secretary.meeting_id)) == events_before
    assert [e.kind for e in secretary.store.events(secretary.meeting_id)][-1] == "undo"


def test_row_ids_are_never_handed_out_again(tmp_path, clock):
    secretary, desk = two_windows(tmp_path / "m.db", clock)
    first = desk.register("An").speaker_id
    desk.undo()
    second = secretary.register("Bình").speaker_id
    assert second > first
    secretary.call_next()
    secretary.undo()  # removes the slot and the header entry it added
    secretary.call_next()
    slots = secretary.store.slots(secretary.meeting_id)
    removed = [e for e in secretary.store.events(secretary.meeting_id) if e.kind == "undo"]
    old_slot = removed[-1].payload["removed"]["slots"][0]["id"]
    assert slots[-1].id > old_slot


def test_migration_rebuilds_tables_keeping_rows_and_foreign_keys(tmp_path, clock):
    from sqlite_utils import Database

    old = tmp_path / "really-old.db"
    conn = sqlite3.connect(old)
    migrations.apply(Database(conn), stop_before="0003_stable_ids_sessions")
    conn.execute(
        "INSERT INTO meetings (commune, village, date, created_at) VALUES ('X', 'Y', "
        "'2021-10-28', '2021-10-28T08:00:00+07:00')"
    )
    for name in ("An", "Bình", "Cường"):
        conn.execute(
            "INSERT INTO speakers (meeting_id, name, seq, created_at) VALUES (1, ?, 1, ?)",
            [name, "2021-10-28T08:00:00+07:00"],
        )
    conn.execute(
        "INSERT INTO slots (meeting_id, speaker_id, started_at, limit_seconds) "
        "VALUES (1, 2, '2021-10-28T08:00:00+07:00', 300)"
    )
    conn.execute(
        "INSERT INTO minutes (meeting_id, speaker_id, text, created_at, updated_at) "
        "VALUES (1, 2, 'lời', '2021-10-28T08:00:00+07:00', '2021-10-28T08:00:00+07:00')"
    )
    conn.execute(
        "INSERT INTO events (meeting_id, at, actor, kind, payload, undoable) VALUES "
        "(1, 'x', 'desk', 'speaker.registered', "
        '\'{"speaker": 4, "inserted": {"speakers": [4]}}\', 1)'
    )
    conn.commit()
    assert conn.execute("SELECT MAX(id) FROM speakers").fetchone()[0] == 3  # 4 was undone
    conn.close()

    store = open_store(old, clock=clock)
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.integrity_problems() == []
    assert names(store, 1) == ["An", "Bình", "Cường"]
    assert store.slots(1)[0].speaker_id == 2
    assert store.minutes(1)[0].speaker_id == 2
    console = Console(store, 1)
    new_id = console.register("Dũng").speaker_id
    assert new_id == 5  # not 4: the event log names 4
    indexes = {
        r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
    }
    assert {"speakers_queue", "slots_meeting", "minutes_meeting", "events_meeting"} <= indexes
    # Cascades still work after the rebuild.
    store.conn.execute("DELETE FROM speakers WHERE id = 2")
    assert store.slots(1) == []
    assert store.minutes(1)[0].speaker_id is None


def test_snapshot_sees_one_state_while_another_process_writes(tmp_path, clock):
    secretary, _desk = two_windows(tmp_path / "m.db", clock)
    secretary.register("An")
    reader = open_store(tmp_path / "m.db", readonly=True, clock=clock)
    with reader.snapshot():
        before = names(reader, secretary.meeting_id)
        secretary.register("Bình")
        assert names(reader, secretary.meeting_id) == before
    assert names(reader, secretary.meeting_id) == ["An", "Bình"]


async def test_chair_refresh_reads_one_state(tmp_path, clock):
    """A call of the next speaker committed in the middle of a chair refresh: the chair
    shows the old speaker with the old slot, never one speaker with another's slot."""
    path = tmp_path / "m.db"
    secretary, _desk = two_windows(path, clock)
    secretary.register("An", limit_seconds=120)
    secretary.register("Bình", limit_seconds=600)
    secretary.call_next()
    app = make_app(path, mode="chair", clock=clock, meeting_id=secretary.meeting_id)
    reader = app.store
    real_speakers = reader.speakers
    interfere = {"on": False}

    def speakers_then_write(meeting_id: int):  # type: ignore[no-untyped-def]
        rows = real_speakers(meeting_id)
        if interfere["on"]:
            interfere["on"] = False
            secretary.call_next()  # committed by the other process between two reads
        return rows

    reader.speakers = speakers_then_write  # type: ignore[method-assign]
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        interfere["on"] = True
        screen.reload()
        shown = str(screen.query_one("#chair-who").render())
        assert "An" in shown and "Bình" not in shown
        assert screen.slot.slot.limit_seconds == 120  # An's slot, not Bình's
        screen.reload()
        assert "Bình" in str(screen.query_one("#chair-who").render())
        assert screen.slot.slot.limit_seconds == 600


def test_an_action_checks_and_changes_one_state(tmp_path, clock):
    """The desk marks a speaker absent while the secretary calls her: the check (she is
    waiting) and the change are one transaction, so she is never 'absent' with a running
    slot (found by the two-writer soak)."""
    import threading

    path = tmp_path / "m.db"
    secretary, _ = two_windows(path, clock)
    speaker_id = secretary.register("An").speaker_id
    read = threading.Event()
    outcome: dict = {}

    def desk_window() -> None:
        store = open_store(path, clock=clock)
        real = store.speaker

        def speaker_then_wait(sid: int):  # type: ignore[no-untyped-def]
            row = real(sid)
            read.set()  # the secretary presses F3 now
            threading.Event().wait(0.5)
            return row

        store.speaker = speaker_then_wait  # type: ignore[method-assign]
        try:
            Console(store, secretary.meeting_id).set_absent(speaker_id, "absent", "về")
            outcome["desk"] = "absent"
        except RuleError as exc:
            outcome["desk"] = str(exc)
        store.close()

    desk = threading.Thread(target=desk_window)
    desk.start()
    assert read.wait(10)
    called = secretary.call_next()
    desk.join(20)
    state = secretary.store.speaker(speaker_id).state
    slot = secretary.store.current_slot(secretary.meeting_id)
    if outcome["desk"] == "absent":
        assert state == "absent" and called is None and slot is None
    else:
        assert state == "speaking" and slot is not None and slot.speaker_id == speaker_id
