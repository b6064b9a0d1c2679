"""The entry point reads `run ID` and `demo` without click; every other command line, and any
spelling it does not know, goes to click, and both give the same answers."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

import pytest

from db.store import open_store
from facilitator import cli, launch
from facilitator.launch import Quick, quick_args
from tests.helpers import live_app


def test_plain_spellings_are_read(tmp_path):
    db = tmp_path / "m.db"
    assert quick_args(["run", "7"]) == Quick("run", 7)
    assert quick_args(["--db", str(db), "run", "12", "--lang", "en", "--bell"]) == Quick(
        "run", 12, db, "en", True
    )
    assert quick_args(["run", "3", f"--db={db}", "--lang=vi"]) == Quick("run", 3, db, "vi")
    assert quick_args(["demo"]) == Quick("demo")
    assert quick_args(["demo", "--db", str(db)]) == Quick("demo", None, db)


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["run"],
        ["run", "abc"],
        ["run", "-1"],
        ["run", "1", "2"],
        ["run", "1", "--help"],
        ["--version"],
        ["demo", "-h"],
        ["demo", "extra"],
        ["run", "1", "--lang", "fr"],
        ["run", "1", "--db", "a.db", "--db", "b.db"],
        ["run", "1", "--db", "--lang", "en"],
        ["run", "1", "--db"],
        ["run", "1", "--bell", "--bell"],
        ["meetings"],
        ["chair", "--meeting", "1"],
        ["run", "١"],  # a digit click reads its own way
    ],
)
def test_anything_else_goes_to_click(args):
    assert quick_args(args) is None


def test_a_folder_as_database_goes_to_click(tmp_path):
    assert quick_args(["run", "1", "--db", str(tmp_path)]) is None


def answer(capsys, entry, *args: str) -> tuple[int, str, str]:
    saved = sys.argv
    sys.argv = ["facilitator", *args]
    try:
        entry()
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    finally:
        sys.argv = saved
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("entry", [launch.main, cli.main])
def test_both_entries_answer_alike(tmp_path: Path, capsys, entry):
    db = tmp_path / "m.db"
    open_store(db).close()
    assert answer(capsys, entry, "run", "99", "--db", str(db)) == (
        1,
        "",
        "Lỗi: không có hội nghị số 99\n",
    )
    missing = tmp_path / "khong-co.db"
    assert answer(capsys, entry, "--lang", "en", "run", "1", "--db", str(missing)) == (
        1,
        "",
        f"Error: no such database file: {missing}\n",
    )
    assert not missing.exists()
    code, out, err = answer(capsys, entry, "run", "abc", "--db", str(db))
    assert (code, out) == (2, "")
    assert "abc" in err


def test_collection_back_on_when_the_command_fails(tmp_path: Path, capsys):
    """`run` holds Python's garbage collection off until the first frame; a command that fails
    before any window leaves it on again."""
    db = tmp_path / "m.db"
    open_store(db).close()
    assert answer(capsys, launch.main, "run", "99", "--db", str(db))[0] == 1
    assert gc.isenabled()


async def test_collection_back_on_after_the_first_frame(tmp_path, clock):
    """The window turns the collection held off at start-up back on once its first frame is
    drawn, with the start-up's objects frozen (later passes skip them)."""
    app = live_app(tmp_path, clock)
    gc.disable()
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert gc.isenabled()
            assert gc.get_freeze_count() > 10_000
    finally:
        gc.enable()
        gc.unfreeze()
