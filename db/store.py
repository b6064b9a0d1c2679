"""The store: one SQLite file per commune, opened by several processes at once.

The only module with SQL. Every write goes through :meth:`Store.write` (``BEGIN IMMEDIATE``), so two
writers queue on the busy timeout instead of failing with "database is locked".
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
import operator
import os
import re
import sqlite3
import time
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Unpack

from db.steps import MIGRATION_SET, MIGRATIONS_TABLE, STEPS
from db.values import (
    AssignmentValues,
    EntryValues,
    MeetingValues,
    OfficialValues,
    PetitionValues,
    PhaseValues,
    SealValues,
    SlotValues,
    SpeakerValues,
)
from facilitator.rules.clock import Clock, stamp, system_clock
from facilitator.rules.deadlines import DeadlineRule, WorkCalendar
from facilitator.rules.errors import Message, StoreError  # StoreError: the database file
from facilitator.rules.models import (
    DEFAULT_AGENDA,
    Assignment,
    BackupSummary,
    CalendarOverride,
    Event,
    FollowedAssignment,
    Meeting,
    MinutesEntry,
    Official,
    Petition,
    PhaseRecord,
    SlotRecord,
    Speaker,
)
from facilitator.services.files import os_reason

if TYPE_CHECKING:
    from facilitator.rules.profile import Profile  # loaded when first used (not at start-up)
    from facilitator.rules.record import MeetingRecord
    from facilitator.rules.seals import Seal

BUSY_TIMEOUT_MS = 15_000
BACKUPS_KEPT = 20
_TABLES = {
    "meetings",
    "phases",
    "officials",
    "speakers",
    "slots",
    "minutes",
    "petitions",
    "assignments",
    "events",
    "calendar_overrides",
}


def backups_folder(path: Path) -> Path:
    return path.parent / "backups"


def backup_pattern(path: Path) -> re.Pattern[str]:
    """The names of this database's own backups (``facilitator-20261128-081500-123456-start.db``):
    ``facilitator-demo.db``'s backups in the same folder do not match ``facilitator``'s."""
    return re.compile(rf"{re.escape(path.stem)}-(\d{{8}}-\d{{6}}-\d{{6}})-([A-Za-z0-9]+)\.db")


def backups_of(path: Path) -> list[Path]:
    """This database's backups, oldest first."""
    folder = backups_folder(path)
    if not folder.is_dir():
        return []
    pattern = backup_pattern(path)
    return sorted(p for p in folder.iterdir() if pattern.fullmatch(p.name))


def damaged_message(path: Path | None) -> Message:
    folder = backups_folder(path) if path is not None else "backups"
    return Message("store.damaged", path=path, folder=folder)


def _damaged(path: Path | None) -> StoreError:
    folder = backups_folder(path) if path is not None else "backups"
    return StoreError("store.damaged", path=path, folder=folder)


def check_intact(conn: sqlite3.Connection) -> str | None:
    """None when SQLite's quick check finds the file sound, else what it found (one line)."""
    try:
        rows = conn.execute("PRAGMA quick_check(5)").fetchall()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    found = [str(r[0]) for r in rows if r[0] != "ok"]
    return "; ".join(found)[:200] if found else None


def _copy_database(source: sqlite3.Connection, dest: sqlite3.Connection) -> None:
    """The page copy of a backup (a seam: tests make it fail as a full disk would)."""
    source.backup(dest)


def default_db_path() -> Path:
    env = os.environ.get("FACILITATOR_DB")
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("facilitator", appauthor=False)) / "facilitator.db"


def _create_private(path: Path) -> None:
    """Citizens' names and complaints are personal data: the file is readable by its owner only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
        os.close(fd)


class Store:
    def __init__(self, conn: sqlite3.Connection, path: Path | None, clock: Clock, readonly: bool):
        self.conn = conn
        self.path = path
        self.clock = clock
        self.readonly = readonly
        self._savepoints = 0
        self.actor = "secretary"
        # This window: its events carry it, and ctrl+z takes back only its own actions.
        self.session = uuid.uuid4().hex[:12]

    # ----- infrastructure -------------------------------------------------------------------
    @functools.cached_property
    def db(self) -> Any:
        """The sqlite-utils view of the connection, made on first use (it costs ~60 ms)."""
        from sqlite_utils import Database

        return Database(self.conn)

    def close(self) -> None:
        self.conn.close()

    def now(self) -> str:
        return stamp(self.clock())

    @contextlib.contextmanager
    def write(self) -> Iterator[None]:
        """One write transaction; nested calls join the outer one through a savepoint.

        A failure of the disk (full, read-only, locked too long) rolls back and becomes a
        StoreError with a message for the user: nothing half-written stays behind.
        """
        if self.conn.in_transaction:
            self._savepoints += 1
            name = f"sp{self._savepoints}"
            self.conn.execute(f"SAVEPOINT {name}")
            try:
                yield
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
                    self.conn.execute(f"RELEASE SAVEPOINT {name}")
                raise
            self.conn.execute(f"RELEASE SAVEPOINT {name}")
            return
        for attempt in range(5):
            try:
                self.conn.execute("BEGIN IMMEDIATE")
                break
            except sqlite3.OperationalError as exc:
                busy = "locked" in str(exc) or "busy" in str(exc)
                if not busy or attempt == 4:
                    raise _write_problem(exc) from exc
                time.sleep(0.05 * (attempt + 1))
        try:
            yield
            self.conn.execute("COMMIT")
        except BaseException as exc:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.OperationalError):
                raise _write_problem(exc) from exc
            raise

    def data_version(self) -> int:
        return int(self.conn.execute("PRAGMA data_version").fetchone()[0])

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cursor = self.conn.execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def _row(self, sql: str, params: Sequence[Any] = ()) -> dict[str, Any] | None:
        rows = self._rows(sql, params)
        return rows[0] if rows else None

    def insert(self, table: str, values: dict[str, Any]) -> int:
        assert table in _TABLES
        cols = ", ".join(values)
        marks = ", ".join("?" for _ in values)
        with self.write():
            cursor = self.conn.execute(
                f"INSERT INTO {table} ({cols}) VALUES ({marks})", list(values.values())
            )
        return int(cursor.lastrowid or 0)

    def insert_many(
        self,
        table: str,
        rows: Sequence[Mapping[str, Any]],
        fixed: Mapping[str, Any] | None = None,
    ) -> list[int]:
        """Rows with the same columns in one statement (an import's thousands of entries);
        returns their ids in order. One transaction, no savepoint per row. ``fixed``: columns
        with the same value in every row (the meeting's id), not repeated in each."""
        assert table in _TABLES
        if not rows:
            return []
        fixed = fixed or {}
        columns = list(rows[0])
        names = [*fixed, *columns]
        cols = ", ".join(names)
        marks = ", ".join("?" for _ in names)
        head = tuple(fixed.values())
        if len(columns) > 1:
            pick = operator.itemgetter(*columns)
            params = [head + pick(row) for row in rows]
        else:
            params = [(*head, row[columns[0]]) for row in rows]
        with self.write():
            self.conn.executemany(f"INSERT INTO {table} ({cols}) VALUES ({marks})", params)
            last = int(self.conn.execute("SELECT last_insert_rowid()").fetchone()[0])
            # Inside one write transaction the rows take consecutive ids (SQLite picks one
            # above the largest); checked, not assumed.
            first = last - len(rows) + 1
            found = self.conn.execute(
                f"SELECT COUNT(*) FROM {table} WHERE id BETWEEN ? AND ?", [first, last]
            ).fetchone()[0]
            if found != len(rows):
                raise StoreError("store.bulk_gap", table=table)
        return list(range(first, last + 1))

    def update(self, table: str, row_id: int, values: dict[str, Any]) -> None:
        assert table in _TABLES
        if not values:
            return
        sets = ", ".join(f"{col} = ?" for col in values)
        with self.write():
            self.conn.execute(f"UPDATE {table} SET {sets} WHERE id = ?", [*values.values(), row_id])

    def delete(self, table: str, row_id: int) -> None:
        assert table in _TABLES
        with self.write():
            self.conn.execute(f"DELETE FROM {table} WHERE id = ?", [row_id])

    def get(self, table: str, row_id: int) -> dict[str, Any] | None:
        assert table in _TABLES
        return self._row(f"SELECT * FROM {table} WHERE id = ?", [row_id])

    # ----- named writes (the columns: db/values.py) --------------------------------------
    def add_speaker(self, meeting_id: int, **values: Unpack[SpeakerValues]) -> int:
        return self.insert("speakers", {"meeting_id": meeting_id, **values})

    def update_speaker(self, speaker_id: int, **values: Unpack[SpeakerValues]) -> None:
        self.update("speakers", speaker_id, dict(values))

    def add_slot(self, meeting_id: int, **values: Unpack[SlotValues]) -> int:
        return self.insert("slots", {"meeting_id": meeting_id, **values})

    def update_slot(self, slot_id: int, **values: Unpack[SlotValues]) -> None:
        self.update("slots", slot_id, dict(values))

    def add_entry(self, meeting_id: int, **values: Unpack[EntryValues]) -> int:
        """A minutes entry."""
        return self.insert("minutes", {"meeting_id": meeting_id, **values})

    def update_entry(self, entry_id: int, **values: Unpack[EntryValues]) -> None:
        self.update("minutes", entry_id, dict(values))

    def delete_entry(self, entry_id: int) -> dict[str, Any] | None:
        """Remove a minutes entry; returns its row (for the event that keeps it), None when
        it was not there."""
        row = self.get("minutes", entry_id)
        if row is not None:
            self.delete("minutes", entry_id)
        return row

    def add_petition(self, meeting_id: int, **values: Unpack[PetitionValues]) -> int:
        return self.insert("petitions", {"meeting_id": meeting_id, **_petition_row(values)})

    def update_petition(self, petition_id: int, **values: Unpack[PetitionValues]) -> None:
        self.update("petitions", petition_id, _petition_row(values))

    def delete_petition(self, petition_id: int) -> None:
        """The petition and its assignment (the foreign key cascades)."""
        self.delete("petitions", petition_id)

    def add_official(self, meeting_id: int, **values: Unpack[OfficialValues]) -> int:
        return self.insert("officials", {"meeting_id": meeting_id, **_official_row(values)})

    def update_official(self, official_id: int, **values: Unpack[OfficialValues]) -> None:
        self.update("officials", official_id, _official_row(values))

    def delete_official(self, official_id: int) -> None:
        self.delete("officials", official_id)

    def update_assignment(self, assignment_id: int, **values: Unpack[AssignmentValues]) -> None:
        self.update("assignments", assignment_id, dict(values))

    # Many rows at once (a meeting file's import): one statement each, ids in order.
    def add_speakers(self, meeting_id: int, rows: Sequence[SpeakerValues]) -> list[int]:
        return self.insert_many("speakers", rows, {"meeting_id": meeting_id})

    def add_entries(self, meeting_id: int, rows: Sequence[EntryValues]) -> list[int]:
        return self.insert_many("minutes", rows, {"meeting_id": meeting_id})

    def add_petitions(self, meeting_id: int, rows: Sequence[PetitionValues]) -> list[int]:
        return self.insert_many(
            "petitions", [_petition_row(r) for r in rows], {"meeting_id": meeting_id}
        )

    def add_assignments(self, rows: Sequence[AssignmentValues]) -> list[int]:
        return self.insert_many("assignments", rows)

    def entry_or_none(self, entry_id: int) -> MinutesEntry | None:
        """A minutes entry, None when another window removed it."""
        row = self.get("minutes", entry_id)
        return MinutesEntry.from_row(row) if row is not None else None

    def assignment_or_none(self, assignment_id: int) -> Assignment | None:
        row = self.get("assignments", assignment_id)
        return Assignment.from_row(row) if row is not None else None

    def petition_or_none(self, petition_id: int) -> Petition | None:
        """A petition (with its assignment), None when another window removed it."""
        if self.get("petitions", petition_id) is None:
            return None
        return self.petition(petition_id)

    def log(
        self,
        meeting_id: int | None,
        kind: str,
        payload: dict[str, Any] | None = None,
        *,
        undoable: bool = False,
        undoes: int | None = None,
    ) -> int:
        return self.insert(
            "events",
            {
                "meeting_id": meeting_id,
                "at": self.now(),
                "actor": self.actor,
                "session": self.session,
                "kind": kind,
                "payload": json.dumps(payload or {}, ensure_ascii=False),
                "undoable": int(undoable),
                "undoes": undoes,
            },
        )

    def add_imported_event(
        self, meeting_id: int, at: str | None, actor: str, kind: str, payload: dict[str, Any]
    ) -> int:
        """An event carried in from a meeting file: its own moment and actor, no session,
        never undoable."""
        return self.insert(
            "events",
            {
                "meeting_id": meeting_id,
                "at": at,
                "actor": actor,
                "kind": kind,
                "payload": json.dumps(payload, ensure_ascii=False),
                "undoable": 0,
            },
        )

    def events(self, meeting_id: int) -> list[Event]:
        rows = self._rows("SELECT * FROM events WHERE meeting_id = ? ORDER BY id", [meeting_id])
        return [Event.from_row(row) for row in rows]

    def last_undoable_event(self, meeting_id: int, session: str) -> Event | None:
        """The last action of one window (``session``) that is not undone yet."""
        row = self._row(
            "SELECT * FROM events e WHERE meeting_id = ? AND session = ? AND undoable = 1 "
            "AND NOT EXISTS (SELECT 1 FROM events u WHERE u.undoes = e.id) "
            "ORDER BY id DESC LIMIT 1",
            [meeting_id, session],
        )
        return Event.from_row(row) if row else None

    def events_of_kind(self, meeting_id: int, kind: str) -> list[Event]:
        """A meeting's events of one kind, oldest first."""
        rows = self._rows(
            "SELECT * FROM events WHERE meeting_id = ? AND kind = ? ORDER BY id", [meeting_id, kind]
        )
        return [Event.from_row(row) for row in rows]

    def events_after(self, meeting_id: int, event_id: int) -> list[Event]:
        rows = self._rows(
            "SELECT * FROM events WHERE meeting_id = ? AND id > ? ORDER BY id",
            [meeting_id, event_id],
        )
        return [Event.from_row(row) for row in rows]

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[None]:
        """Every read inside sees one state of the database (one read transaction), so a
        view never shows one speaker speaking with another's slot. Nested calls join it."""
        if self.conn.in_transaction:
            yield
            return
        self.conn.execute("BEGIN")
        try:
            self.conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()  # starts it
            yield
        finally:
            if self.conn.in_transaction:
                self.conn.execute("COMMIT")

    def integrity_problems(self) -> list[str]:
        problems = [r[0] for r in self.conn.execute("PRAGMA integrity_check").fetchall()]
        problems = [p for p in problems if p != "ok"]
        for row in self.conn.execute("PRAGMA foreign_key_check").fetchall():
            problems.append(f"foreign key: {row[0]} row {row[1]} -> {row[2]}")
        return problems

    def backup_to(self, target: Path) -> Path:
        """Online copy (sqlite backup API): safe while other processes write.

        A file database is read through a connection of its own, so that any thread may call
        this (a connection belongs to the thread that made it). A damaged database is never
        copied, the copy is checked before it takes its name, and a copy that fails (a full
        disk) leaves no ``.part`` file behind.
        """
        tmp = target.with_name(target.name + ".part")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            if tmp.exists():
                tmp.unlink()
            source = sqlite3.connect(self.path) if self.path is not None else self.conn
            try:
                problem = check_intact(source)
                if problem is not None:
                    raise _damaged(self.path)
                _create_private(tmp)
                dest = sqlite3.connect(tmp)
                try:
                    _copy_database(source, dest)
                    _scrub_cards(dest)
                    if check_intact(dest) is not None:
                        raise StoreError("store.backup_unreadable", name=tmp.name)
                finally:
                    dest.close()
            finally:
                if source is not self.conn:
                    source.close()
            os.replace(tmp, target)
        except BaseException as exc:
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)
            if isinstance(exc, StoreError):
                raise
            if isinstance(exc, OSError | sqlite3.Error):
                raise _backup_problem(exc, target) from exc
            raise
        return target

    def auto_backup(
        self, reason: str, on_problem: Callable[[str], object] | None = None
    ) -> Path | None:
        """Backup at start and at each phase change, the last 20 kept beside the database.

        A backup that cannot be written must not stop the meeting: ``on_problem`` hears why
        (a full disk, a damaged database) and None is returned. At start, copies that an
        earlier run left half-written (``.part``) are removed.
        """
        if self.path is None or self.readonly:
            return None
        folder = backups_folder(self.path)
        moment = self.clock().strftime("%Y%m%d-%H%M%S-%f")
        target = folder / f"{self.path.stem}-{moment}-{reason}.db"
        try:
            if reason == "start":
                self.clean_interrupted_backups()
            self.backup_to(target)
            # The copy just written is sound, so keeping the newest ones never drops the
            # last intact copy.
            for extra in backups_of(self.path)[:-BACKUPS_KEPT]:
                extra.unlink(missing_ok=True)
        except (StoreError, OSError) as exc:
            if on_problem is not None:
                on_problem(
                    Message(exc.key, **exc.params) if isinstance(exc, StoreError) else str(exc)
                )
            return None
        return target

    def clean_interrupted_backups(self) -> list[Path]:
        """Remove this database's half-written backup copies (``*.db.part``)."""
        if self.path is None:
            return []
        folder = backups_folder(self.path)
        if not folder.is_dir():
            return []
        pattern = backup_pattern(self.path)
        removed = []
        for part in folder.glob("*.db.part"):
            if pattern.fullmatch(part.name[: -len(".part")]):
                part.unlink(missing_ok=True)
                removed.append(part)
        return removed

    # ----- meetings -------------------------------------------------------------------------
    def create_meeting(
        self,
        *,
        agenda: Sequence[tuple[str, str]] = DEFAULT_AGENDA,
        **values: Unpack[MeetingValues],
    ) -> int:
        row: dict[str, Any] = dict(values)
        row.setdefault("created_at", self.now())
        for key in ("legal_basis", "citizens_by_hamlet"):
            if key in row and not isinstance(row[key], str):
                row[key] = json.dumps(row[key], ensure_ascii=False)
        with self.write():
            meeting_id = self.insert("meetings", row)
            for position, (name, ref) in enumerate(agenda):
                self.insert(
                    "phases",
                    {"meeting_id": meeting_id, "position": position, "name": name, "plan_ref": ref},
                )
        return meeting_id

    def meeting(self, meeting_id: int) -> Meeting:
        row = self.get("meetings", meeting_id)
        if row is None:
            raise StoreError("store.no_meeting", number=meeting_id)
        return Meeting.from_row(row)

    def meetings(self) -> list[Meeting]:
        return [
            Meeting.from_row(r) for r in self._rows("SELECT * FROM meetings ORDER BY date DESC, id")
        ]

    def live_meeting_id(self) -> int | None:
        row = self._row("SELECT id FROM meetings WHERE status = 'live' ORDER BY started_at DESC")
        return row["id"] if row else None

    def readback_page(self, meeting_id: int) -> int | None:
        """The page of the biên bản being read back to the hall (None: no read-back)."""
        row = self._row("SELECT readback_page FROM meetings WHERE id = ?", [meeting_id])
        return None if row is None or row["readback_page"] is None else int(row["readback_page"])

    def set_readback_page(self, meeting_id: int, page: int | None) -> None:
        with self.write():
            self.update("meetings", meeting_id, {"readback_page": page})

    def readback_lines(self, meeting_id: int) -> int | None:
        """The length in lines of a read-back page (None: the default length)."""
        row = self._row("SELECT readback_lines FROM meetings WHERE id = ?", [meeting_id])
        return None if row is None or row["readback_lines"] is None else int(row["readback_lines"])

    def set_readback_lines(self, meeting_id: int, lines: int, page: int) -> None:
        """A new page length and the page that holds, at that length, where the reading was."""
        with self.write():
            self.update("meetings", meeting_id, {"readback_lines": lines, "readback_page": page})

    def readback_meeting_id(self) -> int | None:
        """The meeting whose biên bản is being read back, when none is live."""
        row = self._row(
            "SELECT id FROM meetings WHERE readback_page IS NOT NULL ORDER BY ended_at DESC, id"
        )
        return row["id"] if row else None

    def last_ended_meeting_id(self) -> int | None:
        """The meeting concluded (or sealed) last, if any."""
        row = self._row(
            "SELECT id FROM meetings WHERE status IN ('concluded', 'closed') "
            "AND ended_at IS NOT NULL ORDER BY ended_at DESC, id DESC LIMIT 1"
        )
        return row["id"] if row else None

    def followed_meeting_id(self, fixed: int | None, *, or_draft: bool = False) -> int | None:
        """The meeting a chair view or desk follows: the one asked for, else the live one,
        else (for the desk, registering ahead of the day) the latest draft."""
        if fixed is not None:
            return fixed
        live = self.live_meeting_id()
        if live is not None or not or_draft:
            return live
        row = self._row("SELECT id FROM meetings WHERE status = 'draft' ORDER BY date DESC, id")
        return row["id"] if row else None

    def entries_since(self, speaker_id: int, first_id: int) -> list[MinutesEntry]:
        """A speaker's minutes entries from entry ``first_id`` on, oldest first."""
        rows = self._rows(
            "SELECT * FROM minutes WHERE speaker_id = ? AND id >= ? ORDER BY id",
            [speaker_id, first_id],
        )
        return [MinutesEntry.from_row(r) for r in rows]

    def last_entry_of(self, speaker_id: int) -> int | None:
        """The latest minutes entry of a speaker (the one F3 or ctrl+r just started)."""
        row = self._row(
            "SELECT id FROM minutes WHERE speaker_id = ? ORDER BY id DESC LIMIT 1", [speaker_id]
        )
        return row["id"] if row else None

    def speech_entry_of(self, speaker_id: int) -> int | None:
        """The latest entry of a speaker's own words (kind "speech"): the notes typed during
        their turn carry their id too, but are not what they said."""
        row = self._row(
            "SELECT id FROM minutes WHERE speaker_id = ? AND kind = 'speech' "
            "ORDER BY id DESC LIMIT 1",
            [speaker_id],
        )
        return row["id"] if row else None

    def update_meeting(self, meeting_id: int, **values: Unpack[MeetingValues]) -> None:
        row: dict[str, Any] = dict(values)
        for key in ("legal_basis", "citizens_by_hamlet"):
            if key in row and not isinstance(row[key], str):
                row[key] = json.dumps(row[key], ensure_ascii=False)
        with self.write():
            self.update("meetings", meeting_id, row)
            if row.get("status") in ("live", "concluded", "closed"):
                self.freeze_profile(meeting_id)  # the profile the meeting was held under

    def phases(self, meeting_id: int) -> list[PhaseRecord]:
        rows = self._rows(
            "SELECT * FROM phases WHERE meeting_id = ? ORDER BY position", [meeting_id]
        )
        return [PhaseRecord.from_row(r) for r in rows]

    def update_phase(self, meeting_id: int, position: int, **values: Unpack[PhaseValues]) -> None:
        sets = ", ".join(f"{col} = ?" for col in values)
        with self.write():
            self.conn.execute(
                f"UPDATE phases SET {sets} WHERE meeting_id = ? AND position = ?",
                [*values.values(), meeting_id, position],
            )

    def replace_phases(self, meeting_id: int, agenda: Sequence[tuple[str, str]]) -> None:
        with self.write():
            self.conn.execute("DELETE FROM phases WHERE meeting_id = ?", [meeting_id])
            for position, (name, ref) in enumerate(agenda):
                self.insert(
                    "phases",
                    {"meeting_id": meeting_id, "position": position, "name": name, "plan_ref": ref},
                )

    def officials(self, meeting_id: int) -> list[Official]:
        rows = self._rows(
            "SELECT * FROM officials WHERE meeting_id = ? ORDER BY seq, id", [meeting_id]
        )
        return [Official.from_row(r) for r in rows]

    # ----- speakers -------------------------------------------------------------------------
    def speakers(self, meeting_id: int) -> list[Speaker]:
        """Every speaker of a meeting in queue order, each with its turn ("lần 2").

        The turn counts earlier registrations of the same name and hamlet that were not
        withdrawn; it is counted here in one pass (a correlated subquery cost 20 ms at 300).
        """
        rows = self._rows("SELECT * FROM speakers WHERE meeting_id = ? ORDER BY id", [meeting_id])
        seen: dict[tuple[str, str], int] = {}
        for row in rows:
            key = (row["name"], row["hamlet"])
            row["turn"] = seen.get(key, 0) + 1
            if row["state"] != "withdrawn":
                seen[key] = row["turn"]
        rows.sort(key=lambda r: r["seq"])
        return [Speaker.from_row(r) for r in rows]

    def speaker_or_none(self, speaker_id: int) -> Speaker | None:
        """A speaker, None when another window removed them (an undone registration)."""
        try:
            return self.speaker(speaker_id)
        except StoreError:
            return None

    def speaker(self, speaker_id: int) -> Speaker:
        row = self.get("speakers", speaker_id)
        if row is None:
            raise StoreError("store.no_speaker", number=speaker_id)
        earlier = self._row(
            "SELECT COUNT(*) AS n FROM speakers WHERE meeting_id = ? AND id < ? "
            "AND state != 'withdrawn' AND name = ? AND hamlet = ?",
            [row["meeting_id"], speaker_id, row["name"], row["hamlet"]],
        )
        row["turn"] = 1 + (earlier["n"] if earlier else 0)
        return Speaker.from_row(row)

    def waiting(self, meeting_id: int) -> list[Speaker]:
        return [s for s in self.speakers(meeting_id) if s.state == "waiting"]

    def speaking(self, meeting_id: int) -> Speaker | None:
        return next((s for s in self.speakers(meeting_id) if s.state == "speaking"), None)

    def seq_bounds(self, meeting_id: int) -> tuple[float, float | None]:
        """(highest seq of all speakers, highest seq of waiting priority speakers)."""
        row = self._row(
            "SELECT MAX(seq) AS top, MAX(CASE WHEN state = 'waiting' AND priority = 1 "
            "THEN seq END) AS prio FROM speakers WHERE meeting_id = ?",
            [meeting_id],
        )
        assert row is not None
        return float(row["top"] or 0), row["prio"]

    def next_seq_after(self, meeting_id: int, seq: float) -> float | None:
        row = self._row(
            "SELECT MIN(seq) AS nxt FROM speakers WHERE meeting_id = ? AND seq > ?",
            [meeting_id, seq],
        )
        return row["nxt"] if row else None

    # ----- slots ----------------------------------------------------------------------------
    def current_slot(self, meeting_id: int) -> SlotRecord | None:
        row = self._row(
            "SELECT * FROM slots WHERE meeting_id = ? AND ended_at IS NULL ORDER BY id DESC",
            [meeting_id],
        )
        return SlotRecord.from_row(row) if row else None

    def slots(self, meeting_id: int) -> list[SlotRecord]:
        rows = self._rows("SELECT * FROM slots WHERE meeting_id = ? ORDER BY id", [meeting_id])
        return [SlotRecord.from_row(r) for r in rows]

    def _raw_rows(self, table: str, meeting_id: int) -> list[dict[str, Any]]:
        """Every row of one meeting in ``table`` (for export)."""
        assert table in _TABLES
        if table == "assignments":
            return self._rows(
                "SELECT a.* FROM assignments a JOIN petitions p ON p.id = a.petition_id "
                "WHERE p.meeting_id = ? ORDER BY a.id",
                [meeting_id],
            )
        return self._rows(f"SELECT * FROM {table} WHERE meeting_id = ? ORDER BY id", [meeting_id])

    # ----- minutes --------------------------------------------------------------------------
    def minutes(self, meeting_id: int) -> list[MinutesEntry]:
        rows = self._rows("SELECT * FROM minutes WHERE meeting_id = ? ORDER BY id", [meeting_id])
        return [MinutesEntry.from_row(r) for r in rows]

    def recent_minutes(self, meeting_id: int, limit: int) -> list[MinutesEntry]:
        """The last ``limit`` entries, oldest first (the live screen shows only these)."""
        rows = self._rows(
            "SELECT * FROM (SELECT * FROM minutes WHERE meeting_id = ? ORDER BY id DESC LIMIT ?) "
            "ORDER BY id",
            [meeting_id, limit],
        )
        return [MinutesEntry.from_row(r) for r in rows]

    def minutes_entry(self, entry_id: int) -> MinutesEntry:
        row = self.get("minutes", entry_id)
        if row is None:
            raise StoreError("store.no_entry", number=entry_id)
        return MinutesEntry.from_row(row)

    def last_activity(self, meeting_id: int) -> str | None:
        row = self._row(
            "SELECT MAX(x) AS last FROM (SELECT MAX(at) AS x FROM events WHERE meeting_id = ? "
            "UNION ALL SELECT MAX(updated_at) FROM minutes WHERE meeting_id = ? "
            "UNION ALL SELECT last_seen_at FROM meetings WHERE id = ?)",
            [meeting_id, meeting_id, meeting_id],
        )
        return row["last"] if row else None

    # ----- petitions and assignments --------------------------------------------------------
    def petitions(self, meeting_id: int) -> list[Petition]:
        rows = self._rows(
            "SELECT * FROM petitions WHERE meeting_id = ? ORDER BY seq, id", [meeting_id]
        )
        petitions = [Petition.from_row(r) for r in rows]
        assignments = {
            a["petition_id"]: Assignment.from_row(a)
            for a in self._raw_rows("assignments", meeting_id)
        }
        for petition in petitions:
            petition.assignment = assignments.get(petition.id)
        return petitions

    def petition(self, petition_id: int) -> Petition:
        row = self.get("petitions", petition_id)
        if row is None:
            raise StoreError("store.no_petition", number=petition_id)
        petition = Petition.from_row(row)
        arow = self._row("SELECT * FROM assignments WHERE petition_id = ?", [petition_id])
        petition.assignment = Assignment.from_row(arow) if arow else None
        return petition

    def next_petition_seq(self, meeting_id: int) -> int:
        row = self._row(
            "SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM petitions WHERE meeting_id = ?",
            [meeting_id],
        )
        return int(row["n"]) if row else 1

    def remove_assignment(self, petition_id: int) -> None:
        """A petition's assignment, if it has one, goes."""
        with self.write():
            self.conn.execute("DELETE FROM assignments WHERE petition_id = ?", [petition_id])

    def set_assignment(self, petition_id: int, /, **values: Unpack[AssignmentValues]) -> None:
        """A petition's assignment: written over the one it has, or made."""
        with self.write():
            existing = self._row("SELECT id FROM assignments WHERE petition_id = ?", [petition_id])
            if existing:
                self.update("assignments", existing["id"], dict(values))
            else:
                self.conn.execute(
                    f"INSERT INTO assignments (petition_id, {', '.join(values)}) "
                    f"VALUES (?, {', '.join('?' for _ in values)})",
                    [petition_id, *values.values()],
                )

    def all_assignments(self) -> list[FollowedAssignment]:
        """Assignments of every meeting with their petition and meeting (follow-up)."""
        rows = self._rows(
            "SELECT a.*, p.content, p.field, p.meeting_id, m.date AS meeting_date, m.village, "
            "m.commune FROM assignments a JOIN petitions p ON p.id = a.petition_id "
            "JOIN meetings m ON m.id = p.meeting_id ORDER BY a.due, a.id"
        )
        return [FollowedAssignment.from_row(row) for row in rows]

    # ----- seals (SPEC §7c) -----------------------------------------------------------------
    def seals(self, meeting_id: int) -> list[Seal]:
        """The meeting's seals, in their order (the chain)."""
        from facilitator.rules.seals import Seal

        rows = self._rows("SELECT * FROM seals WHERE meeting_id = ? ORDER BY seq", [meeting_id])
        return [Seal.from_row(r) for r in rows]

    def is_sealed(self, meeting_id: int) -> bool:
        row = self._row("SELECT 1 AS x FROM seals WHERE meeting_id = ? LIMIT 1", [meeting_id])
        return row is not None

    def add_seal(self, meeting_id: int, **seal: Unpack[SealValues]) -> int:
        values = {"meeting_id": meeting_id, **seal}
        cols = ", ".join(values)
        marks = ", ".join("?" for _ in values)
        with self.write():
            cursor = self.conn.execute(
                f"INSERT INTO seals ({cols}) VALUES ({marks})", list(values.values())
            )
        return int(cursor.lastrowid or 0)

    # ----- after-meeting checklist ----------------------------------------------------------
    def checklist_done(self, meeting_id: int) -> dict[str, dt.date]:
        rows = self._rows("SELECT key, done_on FROM checklist WHERE meeting_id = ?", [meeting_id])
        return {r["key"]: dt.date.fromisoformat(r["done_on"]) for r in rows}

    def set_checklist_done(self, meeting_id: int, key: str, day: dt.date | None) -> None:
        with self.write():
            if day is None:
                self.conn.execute(
                    "DELETE FROM checklist WHERE meeting_id = ? AND key = ?", [meeting_id, key]
                )
            else:
                self.conn.execute(
                    "INSERT INTO checklist (meeting_id, key, done_on) VALUES (?, ?, ?) "
                    "ON CONFLICT(meeting_id, key) DO UPDATE SET done_on = excluded.done_on",
                    [meeting_id, key, day.isoformat()],
                )

    # ----- publication of the results and satisfaction ---------------------------------------
    def publications(self, meeting_id: int) -> dict[tuple[str, str], dt.date]:
        rows = self._rows(
            "SELECT channel, hamlet, done_on FROM publications WHERE meeting_id = ?", [meeting_id]
        )
        return {(r["channel"], r["hamlet"]): dt.date.fromisoformat(r["done_on"]) for r in rows}

    def set_publication(
        self, meeting_id: int, channel: str, hamlet: str, day: dt.date | None
    ) -> None:
        with self.write():
            if day is None:
                self.conn.execute(
                    "DELETE FROM publications WHERE meeting_id = ? AND channel = ? AND hamlet = ?",
                    [meeting_id, channel, hamlet],
                )
            else:
                self.conn.execute(
                    "INSERT INTO publications (meeting_id, channel, hamlet, done_on) "
                    "VALUES (?, ?, ?, ?) ON CONFLICT(meeting_id, channel, hamlet) "
                    "DO UPDATE SET done_on = excluded.done_on",
                    [meeting_id, channel, hamlet, day.isoformat()],
                )

    def set_satisfaction(self, petition_id: int, value: str | None) -> None:
        with self.write():
            self.conn.execute(
                "UPDATE petitions SET satisfaction = ? WHERE id = ?", [value, petition_id]
            )

    # ----- commune profile (SPEC §7a) -------------------------------------------------------
    def profile(self) -> Profile:
        """The commune's profile; defaults (two-level local government) where nothing is set."""
        from facilitator.rules.profile import Profile

        rows = self._rows("SELECT key, value FROM profile")
        return Profile.from_dict({r["key"]: json.loads(r["value"]) for r in rows})

    def set_profile(self, profile: Profile) -> None:
        with self.write():
            for key, value in profile.to_dict().items():
                self.conn.execute(
                    "INSERT INTO profile (key, value) VALUES (?, ?) "
                    "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    [key, json.dumps(value, ensure_ascii=False)],
                )

    # The folder the export dialog wrote to last, kept with the database (beside the profile's
    # items, under a key that is not one of them) so that the next window offers it again.
    EXPORT_FOLDER_KEY = "window.export_folder"

    def export_folder(self) -> str | None:
        row = self._row("SELECT value FROM profile WHERE key = ?", [self.EXPORT_FOLDER_KEY])
        return str(json.loads(row["value"])) if row else None

    def set_export_folder(self, folder: str) -> None:
        with self.write():
            self.conn.execute(
                "INSERT INTO profile (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [self.EXPORT_FOLDER_KEY, json.dumps(folder, ensure_ascii=False)],
            )

    def meeting_profile(self, meeting_id: int) -> Profile:
        """The profile the meeting was held under (its frozen copy), else the commune's current
        one; blank names filled from the meeting's commune."""
        from facilitator.rules.profile import Profile

        row = self._row("SELECT profile FROM meeting_profiles WHERE meeting_id = ?", [meeting_id])
        profile = Profile.from_dict(json.loads(row["profile"])) if row else self.profile()
        return profile.resolved(self.meeting(meeting_id).commune)

    def freeze_profile(self, meeting_id: int, profile: Profile | None = None) -> None:
        """Keep a copy of the profile with the meeting (once: a later call keeps the first)."""
        chosen = profile or self.meeting_profile(meeting_id)
        with self.write():
            self.conn.execute(
                "INSERT OR IGNORE INTO meeting_profiles (meeting_id, profile) VALUES (?, ?)",
                [meeting_id, json.dumps(chosen.to_dict(), ensure_ascii=False)],
            )

    # ----- scanned ID cards (issue 17): salted hashes for the meeting only ------------------
    def card_salt(self, meeting_id: int) -> bytes:
        """The meeting's random salt for card hashes, made on first use."""
        row = self.conn.execute(
            "SELECT salt FROM card_salts WHERE meeting_id = ?", [meeting_id]
        ).fetchone()
        if row is not None:
            return bytes(row[0])
        with self.write():
            self.conn.execute(
                "INSERT OR IGNORE INTO card_salts (meeting_id, salt) VALUES (?, ?)",
                [meeting_id, os.urandom(32)],  # as secrets.token_bytes(32)
            )
            row = self.conn.execute(
                "SELECT salt FROM card_salts WHERE meeting_id = ?", [meeting_id]
            ).fetchone()
        return bytes(row[0])

    def card_speaker(self, meeting_id: int, digest: str) -> int | None:
        """The speaker registered from the card with this hash in the meeting, if any."""
        row = self._row(
            "SELECT speaker_id FROM card_scans WHERE meeting_id = ? AND digest = ?",
            [meeting_id, digest],
        )
        return int(row["speaker_id"]) if row else None

    def remember_card(self, meeting_id: int, digest: str, speaker_id: int) -> None:
        with self.write():
            self.conn.execute(
                "INSERT OR IGNORE INTO card_scans (meeting_id, digest, speaker_id) "
                "VALUES (?, ?, ?)",
                [meeting_id, digest, speaker_id],
            )

    def forget_cards(self, meeting_id: int) -> None:
        """The meeting's card hashes and salt deleted (secure_delete overwrites them)."""
        with self.write():
            self.conn.execute("DELETE FROM card_scans WHERE meeting_id = ?", [meeting_id])
            self.conn.execute("DELETE FROM card_salts WHERE meeting_id = ?", [meeting_id])

    # ----- calendar and rules ---------------------------------------------------------------
    def calendar_overrides(self) -> list[CalendarOverride]:
        rows = self._rows("SELECT * FROM calendar_overrides ORDER BY date")
        return [CalendarOverride.from_row(row) for row in rows]

    def set_calendar_override(self, day: dt.date, kind: str, note: str = "") -> None:
        with self.write():
            self.conn.execute(
                "INSERT INTO calendar_overrides (date, kind, note) VALUES (?, ?, ?) "
                "ON CONFLICT(date) DO UPDATE SET kind = excluded.kind, note = excluded.note",
                [day.isoformat(), kind, note],
            )

    def remove_calendar_override(self, day: dt.date) -> str | None:
        """Remove a recorded day; its kind, or None when it was not recorded."""
        with self.write():
            row = self._row("SELECT kind FROM calendar_overrides WHERE date = ?", [day.isoformat()])
            if row is None:
                return None
            self.conn.execute("DELETE FROM calendar_overrides WHERE date = ?", [day.isoformat()])
        return str(row["kind"])

    def work_calendar(self) -> WorkCalendar:
        rows = self.calendar_overrides()
        off = [r.date for r in rows if r.kind == "off"]
        work = [r.date for r in rows if r.kind == "work"]
        return WorkCalendar(off, work)

    def rules(self) -> list[DeadlineRule]:
        return [
            DeadlineRule(r["key"], r["offset"], r["unit"], r["anchor"], r["reference"], r["label"])
            for r in self._rows("SELECT * FROM deadline_rules ORDER BY rowid")
        ]

    # ----- the whole meeting at once (issue 10, item 3) -------------------------------------
    def load_record(self, meeting_id: int) -> MeetingRecord:
        """The meeting and everything that belongs to it, read in one read transaction: what
        every document and the meeting file are made from."""
        from facilitator.rules.record import EventRow, MeetingRecord, SlotRow

        with self.snapshot():
            return MeetingRecord(
                meeting=self.meeting(meeting_id),
                profile=self.meeting_profile(meeting_id),
                phases=tuple(self.phases(meeting_id)),
                officials=tuple(self.officials(meeting_id)),
                speakers=tuple(self.speakers(meeting_id)),
                slots=tuple(
                    SlotRow(
                        speaker_id=r["speaker_id"],
                        role=r["role"],
                        started_at=r["started_at"],
                        paused_at=r["paused_at"],
                        paused_total=r["paused_total"],
                        limit_seconds=r["limit_seconds"],
                        ended_at=r["ended_at"],
                    )
                    for r in self._raw_rows("slots", meeting_id)
                ),
                minutes=tuple(self.minutes(meeting_id)),
                petitions=tuple(self.petitions(meeting_id)),
                checklist=tuple(sorted(self.checklist_done(meeting_id).items())),
                publications=tuple(
                    (channel, hamlet, day)
                    for (channel, hamlet), day in sorted(self.publications(meeting_id).items())
                ),
                seals=tuple(self.seals(meeting_id)),
                events=tuple(
                    EventRow(e.at, e.actor, e.kind, e.payload) for e in self.events(meeting_id)
                ),
                rules=tuple(self.rules()),
                calendar=self.work_calendar(),
            )


def _petition_row(values: PetitionValues) -> dict[str, Any]:
    """A petition's area (Petition.area, lĩnh vực) is the column ``field``."""
    row: dict[str, Any] = dict(values)
    if "area" in row:
        row["field"] = row.pop("area")
    return row


def _official_row(values: OfficialValues) -> dict[str, Any]:
    """An official's level (Official.group) is the column ``grp``."""
    row: dict[str, Any] = dict(values)
    if "group" in row:
        row["grp"] = row.pop("group")
    return row


def _scrub_cards(conn: sqlite3.Connection) -> None:
    """A backup copy keeps no card hashes: they live in the meeting's own file only, until it
    is concluded (issue 17)."""
    try:
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("DELETE FROM card_scans")
        conn.execute("DELETE FROM card_salts")
        conn.commit()
    except sqlite3.OperationalError:
        pass  # a file of an earlier release: no such tables


def _write_problem(exc: sqlite3.Error) -> StoreError:
    text = str(exc)
    if "full" in text:
        return StoreError("store.disk_full")
    if "readonly" in text or "read-only" in text:
        return StoreError("store.read_only")
    if "locked" in text or "busy" in text:
        return StoreError("store.busy")
    return StoreError("store.cannot_write", reason=text)


def _backup_problem(exc: BaseException, target: Path) -> StoreError:
    errno_ = getattr(exc, "errno", None)
    text = str(exc)
    if errno_ == 28 or "full" in text:
        return StoreError("store.backup_disk_full", name=target.name)
    if isinstance(exc, PermissionError) or "readonly" in text:
        return StoreError("file.no_permission", folder=target.parent)
    reason = os_reason(exc) if isinstance(exc, OSError) else text
    return StoreError("store.backup_failed", name=target.name, reason=reason)


def _configure(conn: sqlite3.Connection, readonly: bool, memory: bool) -> None:
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    # Deleted rows are overwritten, not left in free pages (the card hashes of issue 17).
    conn.execute("PRAGMA secure_delete = ON")
    if readonly:  # besides mode=ro: nothing through this connection can ever write
        conn.execute("PRAGMA query_only = ON")
    if not readonly and not memory:
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise StoreError("store.no_wal")
    conn.execute("PRAGMA synchronous = FULL")


def _applied_steps(conn: sqlite3.Connection) -> set[str]:
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [MIGRATIONS_TABLE]
    ).fetchone()
    if not exists:
        return set()
    rows = conn.execute(
        f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ?", [MIGRATION_SET]
    ).fetchall()
    return {r[0] for r in rows}


def _check_version(applied: set[str]) -> None:
    unknown = sorted(applied - set(STEPS))
    if unknown:
        raise StoreError("store.newer", step=unknown[-1])


def backup_summary(path: Path) -> BackupSummary:
    """What a backup holds, for ``facilitator restore``: its moment and reason (from its name),
    the number of meetings, speakers and minutes entries, and whether it is intact. The file is
    opened immutable: listing never writes beside a backup."""
    match = re.search(r"-(\d{8}-\d{6})-\d{6}-([A-Za-z0-9]+)\.db$", path.name)
    moment = dt.datetime.strptime(match.group(1), "%Y%m%d-%H%M%S") if match else None
    summary = BackupSummary(path, moment, match.group(2) if match else "")
    try:
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro&immutable=1", uri=True)
    except sqlite3.Error:
        return summary
    try:
        summary.intact = check_intact(conn) is None
        for table in ("meetings", "speakers", "minutes"):
            with contextlib.suppress(sqlite3.Error):
                count = conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
                setattr(summary, table, int(count))
    finally:
        conn.close()
    return summary


def restore_backup(db_path: Path, backup: Path, moment: dt.datetime) -> Path | None:
    """Put ``backup`` in the place of ``db_path``; the current file (with its ``-wal`` and
    ``-shm``) is first kept aside as ``<name>-before-restore-<moment>.db``, whose path is
    returned (None when there was no current file). A damaged backup is refused."""
    if not summary_intact(backup):
        raise StoreError("store.backup_unreadable", name=backup.name)
    aside: Path | None = None
    if db_path.exists():
        aside = db_path.with_name(f"{db_path.stem}-before-restore-{moment:%Y%m%d-%H%M%S}.db")
        moved: list[tuple[Path, Path]] = []
        try:
            for suffix in ("", "-wal", "-shm"):
                current = Path(str(db_path) + suffix)
                if current.exists():
                    os.replace(current, Path(str(aside) + suffix))
                    moved.append((current, Path(str(aside) + suffix)))
        except OSError as exc:  # Windows: a window still has the file open
            for current, kept in reversed(moved):
                os.replace(kept, current)
            raise StoreError("store.set_aside", name=db_path.name) from exc
    part = db_path.with_name(db_path.name + ".part")
    try:
        part.unlink(missing_ok=True)
        _create_private(part)
        source = sqlite3.connect(backup.resolve().as_uri() + "?mode=ro&immutable=1", uri=True)
        dest = sqlite3.connect(part)
        try:
            _copy_database(source, dest)
        finally:
            dest.close()
            source.close()
        os.replace(part, db_path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            part.unlink(missing_ok=True)
            if aside is not None and not db_path.exists():  # put the current file back
                for suffix in ("", "-wal", "-shm"):
                    kept = Path(str(aside) + suffix)
                    if kept.exists():
                        os.replace(kept, Path(str(db_path) + suffix))
        if isinstance(exc, OSError | sqlite3.Error):
            raise _backup_problem(exc, db_path) from exc
        raise
    return aside


def summary_intact(path: Path) -> bool:
    return backup_summary(path).intact


def _writable(path: Path) -> bool:
    """Whether this process may write ``path`` (a file or a folder)."""
    return os.access(path, os.W_OK)


def open_store(
    path: Path | str | None = None,
    *,
    readonly: bool = False,
    clock: Clock = system_clock,
    must_exist: bool = False,
    check: bool = False,
    snapshot: bool = True,
) -> Store:
    """Open (and create or migrate) the database; ``:memory:`` for tests.

    ``must_exist``: a command that only reads never creates a file. ``check``: the windows run
    SQLite's quick check first, so a damaged file is named with its backups instead of failing
    somewhere inside a screen. A file this process may not write opens read-only
    (``store.readonly``); a folder it may not write is refused with that cause (SQLite keeps
    its ``-wal`` and ``-shm`` files beside the database). A new database is made from
    db/schema.sql when it matches the steps (``snapshot``; see db/snapshot.py).
    """
    memory = path is None or str(path) == ":memory:"
    file_path = None if memory else Path(path)  # type: ignore[arg-type]
    try:
        if file_path is not None:
            readonly = _may_open(file_path, readonly=readonly, must_exist=must_exist)
        conn = _connect(file_path, readonly)
        if check and file_path is not None:
            problem = check_intact(conn)
            if problem is not None:
                conn.close()
                raise _damaged(file_path)
        _configure(conn, readonly, memory)
        store = Store(conn, file_path, clock, readonly)
        _bring_up_to_date(store, conn, readonly=readonly, snapshot=snapshot)
        return store
    except sqlite3.DatabaseError as exc:
        if _is_damage(exc):
            raise _damaged(file_path) from exc
        if "full" in str(exc):
            raise _write_problem(exc) from exc
        raise StoreError("store.cannot_open", path=path, reason=exc) from exc
    except PermissionError as exc:
        folder = file_path.parent if file_path is not None else Path(".")
        raise StoreError("file.no_permission", folder=folder) from exc
    except OSError as exc:
        if exc.errno == 28:
            raise StoreError("store.disk_full") from exc
        raise StoreError("store.cannot_open", path=path, reason=os_reason(exc)) from exc


def _may_open(file_path: Path, *, readonly: bool, must_exist: bool) -> bool:
    """Refuse a missing file or a folder this process may not write; returns whether the
    file opens read-only (asked for, or a file this process may not write)."""
    if (readonly or must_exist) and not file_path.is_file():
        raise StoreError("store.no_file", path=file_path)
    if not readonly:
        folder = file_path.parent
        if folder.is_dir() and not _writable(folder):
            raise StoreError("store.folder_read_only", folder=folder)
        if file_path.is_file() and not _writable(file_path):
            readonly = True  # the secretary's window opens read-only and says so
    return readonly


def _connect(file_path: Path | None, readonly: bool) -> sqlite3.Connection:
    """A connection to the file (read-only by URI), or to memory when there is none."""
    if file_path is None:
        return sqlite3.connect(":memory:")
    if readonly:
        uri = file_path.resolve().as_uri() + "?mode=ro"
        return sqlite3.connect(uri, uri=True)
    _create_private(file_path)
    return sqlite3.connect(file_path)


def _bring_up_to_date(
    store: Store, conn: sqlite3.Connection, *, readonly: bool, snapshot: bool
) -> None:
    """Apply the steps this file lacks: an empty file from db/schema.sql when it matches
    the steps (``snapshot``), else step by step; a read-only file must need none."""
    applied = _applied_steps(conn)
    _check_version(applied)
    if set(STEPS) - applied:
        if readonly:
            raise StoreError("store.not_initialised")
        from db import snapshot as schema_snapshot

        empty = not conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchone()
        if not (snapshot and empty and schema_snapshot.create(conn)):
            from db.migrations import migrations

            migrations.apply(store.db)


def _is_damage(exc: sqlite3.DatabaseError) -> bool:
    text = str(exc)
    return "malformed" in text or "not a database" in text


__all__ = [
    "MIGRATION_SET",
    "Store",
    "StoreError",
    "backup_summary",
    "backups_of",
    "restore_backup",
    "damaged_message",
    "default_db_path",
    "open_store",
]
