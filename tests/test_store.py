import os
import re
import sqlite3
import sys
from pathlib import Path

import pytest

from db.steps import STEPS
from db.store import StoreError, open_store
from facilitator.services.demo import demo_meeting
from facilitator.services.meetingfile import import_meeting


def test_pragmas_on_a_file(tmp_path: Path):
    store = open_store(tmp_path / "f.db")
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.conn.execute("PRAGMA busy_timeout").fetchone()[0] == 15000
    names = [
        r[0]
        for r in store.conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = 'facilitator'"
        )
    ]
    assert names == list(STEPS)  # every step of this release applied, in order


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_file_readable_by_owner_only(tmp_path: Path):
    open_store(tmp_path / "f.db").close()
    assert (tmp_path / "f.db").stat().st_mode & 0o777 == 0o600


def test_newer_schema_is_refused(tmp_path: Path):
    path = tmp_path / "f.db"
    open_store(path).close()
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('facilitator', '0099_future', '2030-01-01')"
    )
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="phiên bản mới hơn"):
        open_store(path)


def test_readonly_store_cannot_write(tmp_path: Path):
    path = tmp_path / "f.db"
    writer = open_store(path)
    meeting_id = import_meeting(writer, demo_meeting())
    reader = open_store(path, readonly=True)
    assert reader.meeting(meeting_id).village == "Đông Phong"
    with pytest.raises(StoreError, match="chỉ được đọc"):
        reader.update_meeting(meeting_id, place="x")
    assert writer.meeting(meeting_id).place == "Nhà văn hóa thôn Đông Phong"


def test_corrupt_file_gives_a_clear_error(tmp_path: Path):
    path = tmp_path / "f.db"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="bị hỏng"):
        open_store(path)


def test_backup_copy_and_auto_backups_kept(tmp_path: Path, clock):
    path = tmp_path / "f.db"
    store = open_store(path, clock=clock)
    meeting_id = import_meeting(store, demo_meeting())
    copy = store.backup_to(tmp_path / "copy.db")
    assert open_store(copy).meeting(meeting_id).village == "Đông Phong"
    for _ in range(23):
        clock.advance(1)
        store.auto_backup("test")
    assert len(list((tmp_path / "backups").glob("*.db"))) == 20


def test_integrity_check_is_clean(store, meeting_id):
    assert store.integrity_problems() == []


def test_default_path_from_environment(tmp_path: Path, monkeypatch):
    from db.store import default_db_path

    monkeypatch.setenv("FACILITATOR_DB", str(tmp_path / "x.db"))
    assert default_db_path() == tmp_path / "x.db"
    monkeypatch.delenv("FACILITATOR_DB")
    assert default_db_path().name == "facilitator.db"
    assert os.fspath(default_db_path())


def test_registered_migrations_match_the_step_list():
    from db.migrations import REGISTERED
    from db.steps import STEPS

    assert tuple(REGISTERED) == STEPS


def test_failed_write_rolls_back_whole_and_says_why(store, meeting_id, monkeypatch):
    from facilitator.services.live import Console

    console = Console(store, meeting_id)
    before = len(store.speakers(meeting_id))
    real = store.insert

    def full_disk(table, values):
        if table == "events":
            raise sqlite3.OperationalError("database or disk is full")
        return real(table, values)

    monkeypatch.setattr(store, "insert", full_disk)
    with pytest.raises(StoreError, match="ổ đĩa đã đầy"):
        console.register("Nguyễn Văn An")
    monkeypatch.undo()
    assert len(store.speakers(meeting_id)) == before  # the speaker row was rolled back too
    assert not store.conn.in_transaction


def test_readonly_file_gives_a_clear_message(tmp_path: Path):
    import stat

    path = tmp_path / "f.db"
    store = open_store(path)
    meeting_id = import_meeting(store, demo_meeting())
    store.close()
    reader = open_store(path, readonly=True)
    from facilitator.services.live import Console

    with pytest.raises(StoreError, match="chỉ được đọc"):
        Console(reader, meeting_id).register("A")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_an_older_database_is_migrated_in_place(tmp_path: Path):
    path = tmp_path / "old.db"
    store = open_store(path)
    meeting_id = import_meeting(store, demo_meeting())
    store.close()
    conn = sqlite3.connect(path)  # make it look like a database of the first release
    conn.execute("DROP TABLE checklist")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0002_checklist'")
    conn.commit()
    conn.close()
    store = open_store(path)
    assert store.checklist_done(meeting_id) == {}
    assert store.meeting(meeting_id).village == "Đông Phong"
    with pytest.raises(StoreError, match="chưa được khởi tạo"):
        conn = sqlite3.connect(path)
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0002_checklist'")
        conn.commit()
        conn.close()
        open_store(path, readonly=True)  # a viewer never migrates


def test_backup_at_each_phase_change(tmp_path: Path, clock):
    from facilitator.services.live import Console

    store = open_store(tmp_path / "f.db", clock=clock)
    meeting_id = import_meeting(store, demo_meeting())
    console = Console(store, meeting_id)
    for _ in range(2):
        clock.advance(1)
        console.next_phase()
    names = sorted(p.name for p in (tmp_path / "backups").glob("*.db"))
    assert [n.rsplit("-", 1)[1] for n in names] == ["phase1.db", "phase2.db"]


def _contents(conn) -> list[str]:
    """Everything in a database (schema and rows), the moments steps were applied left out."""
    return [
        re.sub(r"'\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+\+00:00'", "'…'", line)
        for line in conn.iterdump()
    ]


def test_a_new_database_from_the_schema_dump_is_the_one_the_steps_make(tmp_path):
    from db import snapshot

    if not snapshot.is_current():
        pytest.skip("db/schema.sql is older than db/steps.py: run `uv run python -m db.snapshot`")
    made = open_store(tmp_path / "dump.db")
    stepped = open_store(tmp_path / "steps.db", snapshot=False)
    assert _contents(made.conn) == _contents(stepped.conn)
    applied = made.conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id").fetchall()
    assert tuple(name for (name,) in applied) == STEPS
    made.close()
    stepped.close()


def test_a_dump_of_other_steps_is_not_used(tmp_path, monkeypatch):
    from db import snapshot

    monkeypatch.setattr(snapshot, "STEPS", ("0001_initial",))
    store = open_store(tmp_path / "new.db")  # the steps run instead
    applied = store.conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id").fetchall()
    assert tuple(name for (name,) in applied) == STEPS
    store.close()


def test_the_first_step_writes_its_own_frozen_rules_not_the_live_ones(tmp_path, monkeypatch):
    from facilitator.rules import deadlines

    monkeypatch.setattr(deadlines, "DEFAULT_RULES", ())  # changing the live rules …
    store = open_store(tmp_path / "steps.db", snapshot=False)
    rows = store.conn.execute(
        "SELECT key, offset, unit, anchor FROM deadline_rules ORDER BY key"
    ).fetchall()
    store.close()
    # … changes nothing that step 0001 writes
    assert rows == [
        ("answer", 15, "working_days", "meeting"),
        ("evaluation", 5, "calendar_days", "meeting"),
        ("publication", 10, "calendar_days", "meeting"),
    ]


def _check_constraints(conn) -> dict[tuple[str, str], tuple[str, ...]]:
    """Every ``CHECK (column IN ('a', 'b'))`` of the database, by (table, column)."""
    found: dict[tuple[str, str], tuple[str, ...]] = {}
    for table, sql in conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'"):
        for column, words in re.findall(r"CHECK \((\w+) IN \(([^)]*)\)\)", sql or ""):
            found[(table, column)] = tuple(re.findall(r"'([^']*)'", words))
    return found


@pytest.mark.parametrize("snapshot", [False, True], ids=["steps", "dump"])
def test_the_enums_are_the_check_constraints_of_a_migrated_database(tmp_path, snapshot):
    from facilitator.rules.models import CHECKED_COLUMNS

    store = open_store(tmp_path / "new.db", snapshot=snapshot)
    found = _check_constraints(store.conn)
    store.close()
    assert len(found) == 14
    assert {column: tuple(enum) for enum, column in CHECKED_COLUMNS.items()} == found


def test_records_read_from_the_store_hold_the_enums(tmp_path):
    from facilitator.rules.models import (
        MeetingStatus,
        MinutesKind,
        Outcome,
        PetitionKind,
        SlotRole,
        SpeakerKind,
        SpeakerState,
    )
    from facilitator.services.live import Console

    store = open_store(tmp_path / "f.db")
    meeting_id = import_meeting(store, demo_meeting())
    console = Console(store, meeting_id)
    console.next_phase()
    speaker_id = console.register("Nguyễn Văn An").speaker_id
    console.call_next()
    petition_id = console.record_petition("Sửa đường", speaker_id=speaker_id)
    console.answer_petition(petition_id, outcome="noted")

    assert type(store.meeting(meeting_id).status) is MeetingStatus
    assert store.meeting(meeting_id).status == "live"
    speaking = store.speaking(meeting_id)
    assert speaking is not None
    assert (type(speaking.state), type(speaking.kind)) == (SpeakerState, SpeakerKind)
    slot = store.current_slot(meeting_id)
    assert slot is not None and slot.role is SlotRole.CITIZEN
    assert store.minutes(meeting_id)[-1].kind is MinutesKind.SPEECH
    petition = store.petition(petition_id)
    assert (petition.outcome, petition.kind) == (Outcome.NOTED, PetitionKind.PETITION)
    assert type(petition.outcome) is Outcome
    store.close()
