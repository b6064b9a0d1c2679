"""When something unexpected happens: a crash log beside the database, one line on the terminal.

The traceback (which may hold citizens' names and petitions) goes only into the log file, which is
private to its owner like the database itself. Every committed action is already in the database.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
import traceback
from pathlib import Path

from facilitator.rules.clock import system_clock

# Errors this program raises (StoreError, RuleError, TextError, MeetingFileError, ProfileError...)
# carry a message written for the user: they print as one line, no crash log.
_OWN_PACKAGES = ("facilitator", "db", "screens")


def root_cause(error: BaseException) -> BaseException:
    """The error itself, or the one a Textual WorkerFailed wraps."""
    inner = getattr(error, "error", None)
    return inner if isinstance(inner, BaseException) else error


def is_worded(error: BaseException) -> bool:
    """A problem the program explains itself (bad input, the disk, the database file)."""
    if isinstance(error, OSError):
        return True
    return any(
        cls.__module__.split(".")[0] in _OWN_PACKAGES and issubclass(cls, Exception)
        for cls in type(error).__mro__
    )


def is_damaged(error: BaseException) -> bool:
    """SQLite found the file damaged ("database disk image is malformed", "not a database")."""
    seen: BaseException | None = error
    while seen is not None:
        if type(seen) is sqlite3.DatabaseError:
            return True
        text = str(seen)
        if "malformed" in text or "file is not a database" in text:
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def crash_folder(db_path: Path | None) -> Path:
    if db_path is not None:
        return db_path.parent
    return Path(tempfile.gettempdir())


def write_crash_log(db_path: Path | None, error: BaseException) -> Path:
    """Write the traceback to ``facilitator-crash-YYYYmmdd-HHMMSS.log`` beside the database
    (or in the temporary folder when that one cannot be written); return its path."""
    text = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    moment = system_clock().strftime("%Y%m%d-%H%M%S")
    header = f"facilitator crash log {system_clock().isoformat()}\ndatabase: {db_path}\n\n"
    for folder in (crash_folder(db_path), Path(tempfile.gettempdir())):
        path = folder / f"facilitator-crash-{moment}.log"
        n = 2
        while path.exists():
            path = folder / f"facilitator-crash-{moment}-{n}.log"
            n += 1
        try:
            fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(header + text)
            return path
        except OSError:
            continue
    return Path(tempfile.gettempdir())
