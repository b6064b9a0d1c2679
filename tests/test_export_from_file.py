"""`facilitator export FILE.json --doc …`: a meeting file's documents without any database
(issue 10, item 3), for an office that receives meeting files."""

from __future__ import annotations

import dataclasses
import io
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from db.store import open_store
from facilitator.cli import cli
from facilitator.services.demo import play_demo
from facilitator.services.filerecord import record_from_file
from facilitator.services.meetingfile import dumps, export_meeting, import_meeting

AS_OF = "25/11/2021"
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def meeting_file(console, clock, tmp_path: Path) -> Path:
    """The demo meeting as held (concluded), written as a meeting file."""
    play_demo(console, clock.advance)
    path = tmp_path / "received" / "dong-phong.json"
    path.parent.mkdir()
    path.write_text(dumps(export_meeting(console.store, console.meeting_id)), encoding="utf-8")
    return path


def _runner(tmp_path: Path) -> tuple[CliRunner, Path]:
    """A runner whose default data folder is inside tmp_path (no FACILITATOR_DB)."""
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k != "FACILITATOR_DB"}
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        APPDATA=str(home / "appdata"),
        LOCALAPPDATA=str(home / "localappdata"),
    )
    return CliRunner(env=env), home


def _files(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if p.is_file()}


def _paragraphs(path: Path) -> list[str]:
    document = Document(io.BytesIO(path.read_bytes()))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        texts += [cell.text for row in table.rows for cell in row.cells]
    return texts


def _parts(path: Path) -> dict[str, bytes]:
    """The .docx's parts (the zip's own timestamps aside); a plain file as it is."""
    data = path.read_bytes()
    if not data.startswith(b"PK"):
        return {"": data}
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    # the two renders are made a moment apart by the system clock: the second may differ
    if "docProps/core.xml" in parts:
        parts["docProps/core.xml"] = re.sub(
            rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\1", parts["docProps/core.xml"]
        )
    return parts


def test_minutes_from_the_file_are_the_minutes_from_the_database(meeting_file, tmp_path):
    runner, home = _runner(tmp_path)
    db = tmp_path / "office.db"
    imported = runner.invoke(cli, ["--db", str(db), "import", str(meeting_file)])
    assert (imported.exit_code, imported.output) == (0, "1\n")
    from_db, from_file = tmp_path / "from-db.docx", tmp_path / "from-file.docx"
    args = ["--doc", "minutes", "--number", "7"]
    result = runner.invoke(cli, ["--db", str(db), "export", "1", *args, "-o", str(from_db)])
    assert result.exit_code == 0, result.output
    before = _files(tmp_path)
    result = runner.invoke(cli, ["export", str(meeting_file), *args, "-o", str(from_file)])
    assert result.exit_code == 0, result.output
    assert result.output == f"Đã ghi: {from_file}\n"  # concluded: final, not a draft
    assert _files(tmp_path) - before == {from_file}  # no database, in no folder
    assert not list(home.rglob("*.db"))
    paper = _paragraphs(from_file)
    assert paper == _paragraphs(from_db)
    assert "BIÊN BẢN" in paper and "Số: 07/BB-UBND" in "\n".join(paper)
    assert _parts(from_file) == _parts(from_db)


@pytest.mark.parametrize(
    "doc",
    [
        "conclusion",
        "report",
        "announcement",
        "radio",
        "invitation",
        "attendance",
        "json",
        "forward",
    ],
)
def test_every_document_from_the_file_equals_the_one_from_the_database(meeting_file, tmp_path, doc):
    runner, home = _runner(tmp_path)
    db = tmp_path / "office.db"
    assert runner.invoke(cli, ["--db", str(db), "import", str(meeting_file)]).exit_code == 0
    as_of = [] if doc in ("radio", "json", "attendance") else ["--as-of", AS_OF]
    if doc in ("announcement", "invitation"):
        as_of = ["--as-of", "20/10/2021"]  # issued before the meeting
    out_db, out_file = tmp_path / "db-out", tmp_path / "file-out"
    for target, source in ((out_db, ["--db", str(db), "export", "1"]), (out_file, ["export"])):
        target.mkdir()
        if source == ["export"]:
            source = ["export", str(meeting_file)]
        result = runner.invoke(cli, [*source, "--doc", doc, *as_of, "-o", str(target)])
        assert result.exit_code == 0, result.output
    (written_db,), (written_file,) = _files(out_db), _files(out_file)
    assert written_file.name == written_db.name
    assert _parts(written_file) == _parts(written_db)
    assert list(tmp_path.rglob("*.db")) == [db]
    assert not list(home.rglob("*.db"))


def test_the_record_read_from_the_file_is_the_record_an_import_gives(meeting_file, clock):
    data = json.loads(meeting_file.read_text(encoding="utf-8"))
    store = open_store(":memory:", clock=clock)
    meeting_id = import_meeting(store, json.loads(meeting_file.read_text(encoding="utf-8")))
    imported = store.load_record(meeting_id)
    read = record_from_file(data, store.now())
    assert read.petitions and read.minutes and read.speakers  # the demo as held
    for part in dataclasses.fields(imported):
        if part.name != "calendar":  # a new database has no swapped days; nor has the file
            assert getattr(read, part.name) == getattr(imported, part.name), part.name
    assert read.answer_due() == imported.answer_due()


def _process(*args: str, cwd: Path, home: Path) -> subprocess.CompletedProcess[str]:
    """``facilitator ARGS`` as a user types it, with no --db and no FACILITATOR_DB."""
    env = {k: v for k, v in os.environ.items() if k != "FACILITATOR_DB"}
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / "data"), PYTHONIOENCODING="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "facilitator.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**env, "PYTHONPATH": str(ROOT)},
    )


def test_a_bad_file_is_refused_in_one_line_and_nothing_is_written(meeting_file, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    data = json.loads(meeting_file.read_text(encoding="utf-8"))
    data["speakers"][3]["name"] = ""
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    before = _files(tmp_path)
    refused = _process("export", "bad.json", "--doc", "minutes", cwd=tmp_path, home=home)
    assert (refused.returncode, refused.stdout) == (1, "")
    assert refused.stderr.count("\n") == 1
    assert refused.stderr.startswith("Lỗi: speakers[3].name")
    missing = _process("export", "none.json", "--doc", "report", cwd=tmp_path, home=home)
    assert (missing.returncode, missing.stdout) == (1, "")
    assert missing.stderr.startswith("Lỗi: không đọc được tệp none.json")
    assert missing.stderr.count("\n") == 1
    assert _files(tmp_path) == before  # no document, no database, no crash log
    done = _process("export", str(meeting_file), "--doc", "report", cwd=tmp_path, home=home)
    assert done.returncode == 0, done.stderr
    assert _files(tmp_path) - before == {tmp_path / "2021-10-28_dong-phong_bao-cao.docx"}
