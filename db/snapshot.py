"""A new database in one script: the schema (and the rows the steps insert) that running every
step of db/migrations.py gives, dumped to db/schema.sql.

Running the steps costs a new database ~90 ms (sqlite-utils' import and the table rebuilds of
later steps): ``facilitator demo`` paid it at every start. A new (empty) database replays the
dump instead, when the dump was made from exactly the steps this release lists; otherwise the
steps run as before. After adding a step, refresh the dump:

    uv run python -m db.snapshot
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from db.steps import STEPS

SNAPSHOT = Path(__file__).with_name("schema.sql")
_HEADER = "-- steps: "


def dump() -> str:
    """The script of a database made by running every step."""
    from db.store import open_store

    store = open_store(":memory:", snapshot=False)
    try:
        lines = [
            line for line in store.conn.iterdump() if line not in ("BEGIN TRANSACTION;", "COMMIT;")
        ]
    finally:
        store.close()
    return _HEADER + " ".join(STEPS) + "\n" + "\n".join(lines) + "\n"


def _script() -> str | None:
    try:
        text = SNAPSHOT.read_text(encoding="utf-8")
    except OSError:
        return None
    header, _, body = text.partition("\n")
    if not header.startswith(_HEADER) or tuple(header[len(_HEADER) :].split()) != STEPS:
        return None  # made from other steps: run the steps
    return body


def is_current() -> bool:
    return _script() is not None


def create(conn: sqlite3.Connection) -> bool:
    """Replay the dump into an empty database, in one transaction, the steps recorded as
    applied now; False (nothing changed) when the dump is not for these steps or fails."""
    body = _script()
    if body is None:
        return False
    now = str(dt.datetime.now(dt.UTC))  # as sqlite-utils records a step
    try:
        conn.executescript(
            "BEGIN IMMEDIATE;\n"
            + body
            + f"UPDATE _sqlite_migrations SET applied_at = '{now}';\nCOMMIT;\n"
        )
    except sqlite3.Error:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        return False
    return True


if __name__ == "__main__":
    SNAPSHOT.write_text(dump(), encoding="utf-8")
    print(f"{SNAPSHOT}: {len(STEPS)} steps")
