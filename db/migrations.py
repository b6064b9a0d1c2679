"""Schema as named sqlite-utils migrations. Append new steps; never edit an applied one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from db.steps import MIGRATION_SET

migrations = Migrations(MIGRATION_SET)
REGISTERED: list[str] = []  # must equal db.steps.STEPS (a test checks it)

Step = TypeVar("Step", bound=Callable[[Database], None])


def step(name: str) -> Callable[[Step], Step]:
    REGISTERED.append(name)
    return migrations(name=name)


def step_outside_transaction(name: str) -> Callable[[Step], Step]:
    """A step that manages its own transaction (PRAGMA foreign_keys cannot change inside one);
    it must be safe to run again if the process dies before the step is recorded."""
    REGISTERED.append(name)
    return migrations(name=name, transactional=False)


@step("0001_initial")
def initial(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE meetings (
            id INTEGER PRIMARY KEY,
            commune TEXT NOT NULL,
            village TEXT NOT NULL,
            date TEXT NOT NULL,
            start TEXT NOT NULL DEFAULT '08:00',
            place TEXT NOT NULL DEFAULT '',
            organiser TEXT NOT NULL DEFAULT '',
            chair_name TEXT NOT NULL DEFAULT '',
            chair_position TEXT NOT NULL DEFAULT '',
            secretary_name TEXT NOT NULL DEFAULT '',
            secretary_position TEXT NOT NULL DEFAULT '',
            slot_seconds INTEGER NOT NULL DEFAULT 300,
            announced_on TEXT,
            number TEXT,
            legal_basis TEXT NOT NULL DEFAULT '[]',
            citizens_present INTEGER NOT NULL DEFAULT 0,
            citizens_by_hamlet TEXT NOT NULL DEFAULT '{}',
            status TEXT NOT NULL DEFAULT 'draft'
                CHECK (status IN ('draft', 'live', 'concluded', 'closed')),
            phase_index INTEGER NOT NULL DEFAULT -1,
            registration_open INTEGER NOT NULL DEFAULT 1,
            started_at TEXT,
            ended_at TEXT,
            last_seen_at TEXT,
            conclusion TEXT NOT NULL DEFAULT '',
            assessment TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL
        );
        CREATE TABLE phases (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            name TEXT NOT NULL,
            plan_ref TEXT NOT NULL DEFAULT '',
            started_at TEXT,
            ended_at TEXT,
            UNIQUE (meeting_id, position)
        );
        CREATE TABLE officials (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            position TEXT NOT NULL DEFAULT '',
            grp TEXT NOT NULL DEFAULT '',
            seq INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE speakers (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            name TEXT NOT NULL CHECK (length(name) > 0),
            title TEXT NOT NULL DEFAULT '',
            hamlet TEXT NOT NULL DEFAULT '',
            gist TEXT NOT NULL DEFAULT '',
            field TEXT NOT NULL DEFAULT '',
            slip INTEGER,
            registered TEXT NOT NULL DEFAULT 'meeting' CHECK (registered IN ('before', 'meeting')),
            priority INTEGER NOT NULL DEFAULT 0,
            kind TEXT NOT NULL DEFAULT 'speech' CHECK (kind IN ('speech', 'follow_up', 'answer')),
            follows_id INTEGER REFERENCES speakers(id),
            state TEXT NOT NULL DEFAULT 'waiting'
                CHECK (state IN ('waiting', 'speaking', 'done', 'absent', 'withdrawn')),
            reason TEXT NOT NULL DEFAULT '',
            seq REAL NOT NULL,
            limit_seconds INTEGER,
            created_at TEXT NOT NULL
        );
        CREATE INDEX speakers_queue ON speakers (meeting_id, state, seq);
        CREATE TABLE slots (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            speaker_id INTEGER NOT NULL REFERENCES speakers(id) ON DELETE CASCADE,
            role TEXT NOT NULL DEFAULT 'citizen' CHECK (role IN ('citizen', 'official')),
            started_at TEXT NOT NULL,
            paused_at TEXT,
            paused_total REAL NOT NULL DEFAULT 0,
            limit_seconds INTEGER NOT NULL,
            ended_at TEXT
        );
        CREATE INDEX slots_meeting ON slots (meeting_id, ended_at);
        CREATE TABLE minutes (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            phase_position INTEGER NOT NULL DEFAULT -1,
            speaker_id INTEGER REFERENCES speakers(id) ON DELETE SET NULL,
            kind TEXT NOT NULL DEFAULT 'note'
                CHECK (kind IN ('note', 'phase', 'speech', 'outage')),
            text TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX minutes_meeting ON minutes (meeting_id, id);
        CREATE TABLE petitions (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL DEFAULT 0,
            content TEXT NOT NULL CHECK (length(content) > 0),
            field TEXT NOT NULL DEFAULT '',
            source TEXT NOT NULL DEFAULT 'meeting',
            speaker_id INTEGER REFERENCES speakers(id) ON DELETE SET NULL,
            answer TEXT,
            answered_by_name TEXT,
            answered_by_position TEXT,
            outcome TEXT CHECK (outcome IN ('answered', 'assigned', 'forwarded', 'noted')),
            forwarded_to TEXT,
            created_at TEXT NOT NULL
        );
        CREATE TABLE assignments (
            id INTEGER PRIMARY KEY,
            petition_id INTEGER NOT NULL UNIQUE REFERENCES petitions(id) ON DELETE CASCADE,
            responsible TEXT NOT NULL,
            task TEXT NOT NULL DEFAULT '',
            due TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'answered')),
            answered_on TEXT,
            answer_form TEXT CHECK (answer_form IN ('direct', 'written')),
            note TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER REFERENCES meetings(id) ON DELETE CASCADE,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            kind TEXT NOT NULL,
            payload TEXT NOT NULL DEFAULT '{}',
            undoable INTEGER NOT NULL DEFAULT 0,
            undoes INTEGER REFERENCES events(id)
        );
        CREATE INDEX events_meeting ON events (meeting_id, id);
        CREATE TABLE calendar_overrides (
            date TEXT PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('off', 'work')),
            note TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE deadline_rules (
            key TEXT PRIMARY KEY,
            offset INTEGER NOT NULL,
            unit TEXT NOT NULL CHECK (unit IN ('working_days', 'calendar_days')),
            anchor TEXT NOT NULL,
            reference TEXT NOT NULL,
            label TEXT NOT NULL
        );
        """
    )
    for row in _INITIAL_DEADLINE_RULES:
        db.execute(
            "INSERT INTO deadline_rules (key, offset, unit, anchor, reference, label) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            list(row),
        )


# The deadline rules as step 0001 wrote them: frozen here, so that changing the live rules
# (facilitator/rules/deadlines.py DEFAULT_RULES) can never change what an old step does.
_INITIAL_DEADLINE_RULES: tuple[tuple[str, int, str, str, str, str], ...] = (
    (
        "evaluation",
        5,
        "calendar_days",
        "meeting",
        "Kế hoạch, mục III.3.1: chậm nhất 05 ngày sau hội nghị",
        "Đánh giá, phân loại, chuyển cấp trên",
    ),
    (
        "answer",
        15,
        "working_days",
        "meeting",
        "Kế hoạch, mục III.3.2: chậm nhất 15 ngày làm việc sau hội nghị",
        "Trả lời, giải quyết kiến nghị",
    ),
    (
        "publication",
        10,
        "calendar_days",
        "meeting",
        "Công khai kết quả tiếp xúc, đối thoại trong 10 ngày",
        "Công khai kết quả",
    ),
)


@step("0002_checklist")
def checklist(db: Database) -> None:
    """After-meeting duties done (5-day evaluation, publication...), by rule key."""
    db.executescript(
        """
        CREATE TABLE checklist (
            meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            done_on TEXT NOT NULL,
            PRIMARY KEY (meeting_id, key)
        );
        """
    )


# Tables whose ``id`` must never be handed out again (events and undo records point at them).
STABLE_ID_TABLES = (
    "meetings",
    "phases",
    "officials",
    "speakers",
    "slots",
    "minutes",
    "petitions",
    "assignments",
    "events",
)


@step_outside_transaction("0003_stable_ids_sessions")
def stable_ids_sessions(db: Database) -> None:
    """Row ids are never reused (AUTOINCREMENT) and each event names the window (session)
    that made it, so that ctrl+z takes back only that window's actions."""
    rebuild_with_autoincrement(db.conn, STABLE_ID_TABLES)
    columns = {row[1] for row in db.conn.execute("PRAGMA table_info(events)").fetchall()}
    if "session" not in columns:
        db.conn.execute("ALTER TABLE events ADD COLUMN session TEXT NOT NULL DEFAULT ''")
    db.conn.execute("CREATE INDEX IF NOT EXISTS events_session ON events (meeting_id, session, id)")


def rebuild_with_autoincrement(conn: Any, tables: tuple[str, ...]) -> None:
    """Rebuild each table as ``id INTEGER PRIMARY KEY AUTOINCREMENT`` (SQLite's 12 steps).

    Foreign keys are switched off for the copy (dropping a parent table would otherwise
    cascade into its children), checked before the commit, and switched back on. The
    sequence starts above every id an event or an undo record ever named, so a row removed
    before this step is not handed out again either. Running it twice changes nothing.
    """
    import json
    import re

    conn.execute("PRAGMA foreign_keys = OFF")
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            seen = _ids_named_by_events(conn, json)
            for table in tables:
                row = conn.execute(
                    "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", [table]
                ).fetchone()
                if row is None or "AUTOINCREMENT" in row[0].upper():
                    continue
                sql, n = re.subn(
                    r"\bid INTEGER PRIMARY KEY\b", "id INTEGER PRIMARY KEY AUTOINCREMENT", row[0]
                )
                if n != 1:
                    raise RuntimeError(f"cannot find the id column of {table}")
                sql = re.sub(
                    rf'^CREATE TABLE\s+"?{table}"?', f"CREATE TABLE {table}__new", sql, count=1
                )
                indexes = [
                    r[0]
                    for r in conn.execute(
                        "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
                        "AND sql IS NOT NULL",
                        [table],
                    ).fetchall()
                ]
                conn.execute(sql)
                conn.execute(f"INSERT INTO {table}__new SELECT * FROM {table}")
                conn.execute(f"DROP TABLE {table}")
                conn.execute(f"ALTER TABLE {table}__new RENAME TO {table}")
                for index_sql in indexes:
                    conn.execute(index_sql)
                top = max(
                    conn.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}").fetchone()[0],
                    seen.get(table, 0),
                )
                conn.execute("DELETE FROM sqlite_sequence WHERE name = ?", [table])
                conn.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", [table, top])
            problems = conn.execute("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise RuntimeError(f"foreign keys broken by the rebuild: {problems[:3]}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    finally:
        conn.execute("PRAGMA foreign_keys = ON")


def _ids_named_by_events(conn: Any, json: Any) -> dict[str, int]:
    """The highest id of each table that an event payload names (before-images, inserted
    rows, the rows an undo removed, and the ``speaker`` / ``petition`` keys)."""
    top: dict[str, int] = {}

    def note(table: str, value: Any) -> None:
        if isinstance(value, list) and value:
            value = value[0]
        try:
            number = int(value)
        except (TypeError, ValueError):
            return
        top[table] = max(top.get(table, 0), number)

    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'events'"
    ).fetchone()
    if not exists:
        return top
    for (text,) in conn.execute("SELECT payload FROM events"):
        try:
            payload = json.loads(text)
        except ValueError:
            continue
        if not isinstance(payload, dict):
            continue
        for key, table in (("speaker", "speakers"), ("follows", "speakers")):
            note(table, payload.get(key))
        note("petitions", payload.get("petition"))
        for table, rows in (payload.get("before") or {}).items():
            for row_id in rows if isinstance(rows, dict) else []:
                note(table, row_id)
        for table, rows in (payload.get("inserted") or {}).items():
            for row_id in rows if isinstance(rows, list) else []:
                note(table, row_id)
        for table, rows in (payload.get("removed") or {}).items():
            for row in rows if isinstance(rows, list) else []:
                if isinstance(row, dict):
                    note(table, row.get("id"))
    return top


@step("0004_profile")
def profile(db: Database) -> None:
    """The commune profile (one per database, key -> JSON value) and the copy each meeting
    keeps of the profile it was held under."""
    db.executescript(
        """
        CREATE TABLE profile (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        CREATE TABLE meeting_profiles (
            meeting_id INTEGER PRIMARY KEY REFERENCES meetings(id) ON DELETE CASCADE,
            profile TEXT NOT NULL
        );
        """
    )


@step("0005_speech_headers")
def speech_headers(db: Database) -> None:
    """A speech entry's header becomes structure (its speaker); its text, what was typed.

    Earlier releases pre-filled "Ông/Bà … phát biểu:" as text; it is removed where the entry
    starts with it exactly as written by the program (facilitator.rules.legacy), so the documents
    print the header once. The text is otherwise left as typed.
    """
    from facilitator.rules.legacy import strip_generated_header

    rows = db.execute(
        "SELECT m.id, m.text, s.kind, s.name, s.hamlet FROM minutes m "
        "JOIN speakers s ON s.id = m.speaker_id WHERE m.kind = 'speech'"
    ).fetchall()
    for entry_id, text, kind, name, hamlet in rows:
        typed = strip_generated_header(text, kind, name, hamlet)
        if typed != text:
            db.execute("UPDATE minutes SET text = ? WHERE id = ?", [typed, entry_id])


@step("0008_card_scans")
def card_scans(db: Database) -> None:
    """Scanned ID cards of a meeting (issue 17), kept only while the meeting runs: a random
    salt per meeting and the HMAC-SHA256 of each registered card's number under it, never the
    number. Both are deleted when the meeting is concluded."""
    db.executescript(
        """
        CREATE TABLE card_salts (
            meeting_id INTEGER PRIMARY KEY REFERENCES meetings(id) ON DELETE CASCADE,
            salt BLOB NOT NULL
        );
        CREATE TABLE card_scans (
            meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            digest TEXT NOT NULL,
            speaker_id INTEGER NOT NULL REFERENCES speakers(id) ON DELETE CASCADE,
            PRIMARY KEY (meeting_id, digest)
        );
        """
    )


@step("0009_seals")
def seals(db: Database) -> None:
    """Sealed minutes (SPEC §7c): one row per "Thông qua biên bản" or amendment, chained by
    ``previous``. Rows are never updated (a trigger refuses it)."""
    db.executescript(
        """
        CREATE TABLE seals (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            sealed_at TEXT NOT NULL,
            sealed_by TEXT NOT NULL DEFAULT '',
            reason TEXT NOT NULL DEFAULT '',
            change TEXT NOT NULL DEFAULT '{}',
            previous TEXT NOT NULL DEFAULT '',
            items TEXT NOT NULL,
            digest TEXT NOT NULL,
            UNIQUE (meeting_id, seq)
        );
        CREATE TRIGGER seals_never_updated BEFORE UPDATE ON seals
        BEGIN
            SELECT RAISE(ABORT, 'seals are never updated');
        END;
        """
    )


@step("0011_item_kinds")
def item_kinds(db: Database) -> None:
    """Each item's kind (SPEC §7b): kiến nghị (petition), phản ánh (feedback), khiếu nại
    (complaint), tố cáo (denunciation). Every earlier item is a kiến nghị."""
    db.execute(
        "ALTER TABLE petitions ADD COLUMN kind TEXT NOT NULL DEFAULT 'petition' "
        "CHECK (kind IN ('petition', 'feedback', 'complaint', 'denunciation'))"
    )


@step("0012_publication")
def publication(db: Database) -> None:
    """After the meeting: where the results were published and when (posted at the commune
    office, sent to a thôn's head, broadcast on the radio), and each answered petitioner's
    satisfaction (plan V.1: hài lòng, chưa hài lòng, không ý kiến)."""
    db.executescript(
        """
        CREATE TABLE publications (
            meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            channel TEXT NOT NULL CHECK (channel IN ('office', 'hamlet', 'radio')),
            hamlet TEXT NOT NULL DEFAULT '',
            done_on TEXT NOT NULL,
            PRIMARY KEY (meeting_id, channel, hamlet)
        );
        ALTER TABLE petitions ADD COLUMN satisfaction TEXT
            CHECK (satisfaction IN ('satisfied', 'unsatisfied', 'no_opinion'));
        """
    )


@step("0013_queue_rules_answer_links")
def queue_rules_answer_links(db: Database) -> None:
    """The queue as chambers run it (issue 13.3) and answers linked as they are given (13.2):
    a per-meeting rule that first turns come before second turns (off by default); a time
    budget for the citizens' phase (NULL: none); the official's answer turn a petition was
    answered in (NULL: answered in writing, on the conclusion screen, or not yet)."""
    db.execute("ALTER TABLE meetings ADD COLUMN first_turns_first INTEGER NOT NULL DEFAULT 0")
    db.execute("ALTER TABLE meetings ADD COLUMN speech_budget_seconds INTEGER")
    db.execute(
        "ALTER TABLE petitions ADD COLUMN answered_in INTEGER "
        "REFERENCES speakers(id) ON DELETE SET NULL"
    )


@step("0014_readback")
def readback(db: Database) -> None:
    """Reading the biên bản back to the hall after the conclusion (issue 16.2): the page the
    secretary has turned to, which the chair view shows (NULL: not reading back)."""
    db.execute("ALTER TABLE meetings ADD COLUMN readback_page INTEGER")


@step("0015_forward_task")
def forward_task(db: Database) -> None:
    """The task typed for a petition forwarded to a higher body ("Nhiệm vụ", as an assignment
    has): the biên bản's table, the thông báo and the công văn print it ('' : none typed)."""
    db.execute("ALTER TABLE petitions ADD COLUMN forward_task TEXT NOT NULL DEFAULT ''")


@step("0043_t8p_readback_lines")
def readback_lines(db: Database) -> None:
    """The length of a read-back page, in lines: as many as the secretary's window holds
    (trial 8: a fixed 17 left half of a 35-line window empty); every chair view pages the
    biên bản the same way, so the page numbers agree (NULL: the default length)."""
    db.execute("ALTER TABLE meetings ADD COLUMN readback_lines INTEGER")
