"""The ``facilitator`` program's entry point.

``run ID`` and ``demo`` open the live screen, whose start-up has a budget (SPEC §9): they are read
here, without loading click and the whole command line (about 14 ms of that budget). Only plain
spellings are read here (``--db PATH``/``--db=PATH``, ``--lang vi|en``, ``--bell``, each once,
before or after the command); anything else, ``--help`` included, goes to ``facilitator.cli``,
which gives the same answer for these two commands and the only answer for every other.
"""

from __future__ import annotations

import gc
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from db.store import Store


@dataclass(frozen=True)
class Quick:
    """A ``run`` or ``demo`` command line, read."""

    command: str
    meeting_id: int | None = None
    db: Path | None = None
    lang: str = "vi"
    bell: bool = False


def quick_args(args: list[str]) -> Quick | None:
    """``args`` as a ``run ID`` or ``demo`` command line; None for anything else (or anything
    written in a way only click reads: click then answers)."""
    values: dict[str, str] = {}
    bell = False
    words: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        name, eq, value = arg.partition("=")
        if name in ("--db", "--lang") and name not in values:
            if not eq:
                if i + 1 >= len(args):
                    return None
                value = args[i + 1]
                i += 1
            if not value or value.startswith("-"):
                return None
            values[name] = value
        elif arg == "--bell" and not bell:
            bell = True
        elif arg.startswith("-"):
            return None
        else:
            words.append(arg)
        i += 1
    lang = values.get("--lang", "vi")
    if lang not in ("vi", "en"):
        return None
    db = Path(values["--db"]) if "--db" in values else None
    if db is not None and db.is_dir():
        return None  # click's own message for a folder given as the database
    if words == ["demo"]:
        return Quick("demo", None, db, lang, bell)
    if len(words) == 2 and words[0] == "run" and words[1].isascii() and words[1].isdigit():
        return Quick("run", int(words[1]), db, lang, bell)
    return None


def open_window(
    db: Path, lang: str, bell: bool, meeting_id: int | None, store: Store | None = None
) -> None:
    """The secretary's window (the live screen of ``meeting_id``, else the list)."""
    from facilitator.app import make_app

    app = make_app(db, lang=lang, mode="console", meeting_id=meeting_id, bell=bell, store=store)
    app.run()
    if app.return_code:
        sys.exit(app.return_code)


def run_meeting(db: Path, lang: str, bell: bool, meeting_id: int) -> None:
    """``run ID``: the database opened once, checked as the window's is (quick check), the
    meeting looked up, and handed to the window."""
    from db.store import open_store

    store = open_store(db, must_exist=True, check=True)
    try:
        store.meeting(meeting_id)
    except BaseException:
        store.close()
        raise
    open_window(db, lang, bell, meeting_id, store)


def demo(db: Path | None, lang: str, bell: bool) -> Path:
    """``demo``: the Đông Phong demo meeting in ``db`` (a fresh temporary file without one),
    opened. Returns the database's path (said once the window has closed)."""
    from db.store import open_store
    from facilitator.services.demo import demo_meeting
    from facilitator.services.meetingfile import import_meeting

    if db is None:
        import tempfile

        db = Path(tempfile.mkdtemp(prefix="facilitator-demo-")) / "facilitator-demo.db"
    store = open_store(db, check=True)  # the window's own store, as in run
    try:
        meeting_id = import_meeting(store, demo_meeting(), built_in=True)
    except BaseException:
        store.close()
        raise
    open_window(db, lang, bell, meeting_id, store)
    return db


def main() -> None:
    """Entry point: ``run ID`` and ``demo`` here, everything else by ``facilitator.cli``; the
    same exits and one-line errors either way."""
    args = sys.argv[1:]
    quick = quick_args(args)
    if quick is None:
        from facilitator.cli import main as cli_main

        cli_main()
        return
    # No garbage collection until the window's first frame (facilitator.app.resume_gc): the
    # start-up makes some 64,000 objects and 2,500 of garbage, and Python's collector made 146
    # passes over them on the way to the live screen (about 50 ms of CPU, the one full pass 25;
    # the bench: `run` 400 -> 370 ms of CPU, `demo` 390 -> 350). The objects made by then are
    # frozen and collection resumes.
    # (The chair and the desk go through facilitator.cli: their start-up has no budget.)
    gc.disable()
    try:
        from db.store import default_db_path

        db = quick.db or default_db_path()
        if quick.command == "run":
            assert quick.meeting_id is not None
            run_meeting(db, quick.lang, quick.bell, quick.meeting_id)
        else:
            shown = demo(quick.db, quick.lang, quick.bell)
            import click

            from facilitator.i18n import Translator

            click.echo(Translator(quick.lang)("cli.demo_db", path=shown))
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - the user sees one line, never a traceback
        import click

        from facilitator.cli import _db_of, error_line

        click.echo(error_line(exc, quick.lang, _db_of(args)), err=True)
        sys.exit(1)
    finally:
        gc.enable()  # also when the window ended, or the command failed, before a first frame


if __name__ == "__main__":
    main()
