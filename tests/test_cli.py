import json
from pathlib import Path

import pytest

from db.store import open_store
from facilitator.services.conclusion import decide
from facilitator.services.demo import demo_meeting
from facilitator.services.live import Console
from tests.helpers import run_cli as run
from tests.helpers import run_cli_process

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def meeting_file(tmp_path: Path) -> Path:
    path = tmp_path / "dong-phong.json"
    path.write_text(json.dumps(demo_meeting(), ensure_ascii=False), encoding="utf-8")
    return path


def test_import_meetings_export_json(tmp_path: Path, meeting_file: Path):
    db = tmp_path / "f.db"
    out = run("import", str(meeting_file), db=db)
    assert (out.returncode, out.stdout.strip()) == (0, "1")
    listing = run("meetings", db=db)
    assert listing.stdout.split() == [
        "1",
        "28/10/2021",
        "Bình",
        "Lãng",
        "-",
        "Đông",
        "Phong",
        "chuẩn",
        "bị",
    ]
    english = run("meetings", "--lang", "en", db=db)
    assert english.stdout.split()[-1] == "draft"
    exported = run("export", "1", "--doc", "json", "-o", str(tmp_path), db=db)
    assert exported.returncode == 0, exported.stderr
    target = tmp_path / "2021-10-28_dong-phong_hoi-nghi.json"
    assert json.loads(target.read_text(encoding="utf-8"))["meeting"]["village"] == "Đông Phong"
    # never overwrite silently: a second export gets a new name, -o FILE refuses
    run("export", "1", "--doc", "json", "-o", str(tmp_path), db=db)
    assert (tmp_path / "2021-10-28_dong-phong_hoi-nghi-2.json").exists()
    refused = run("export", "1", "--doc", "json", "-o", str(target), db=db)
    assert refused.returncode == 1 and "không ghi đè" in refused.stderr


def test_errors_are_one_line_exit_1_usage_exit_2(tmp_path: Path):
    """The real entry point in a process of its own: exit codes and the streams apart."""
    run = run_cli_process
    db = tmp_path / "f.db"
    bad = tmp_path / "bad.json"
    bad.write_text(
        '{"format": "facilitator.meeting", "version": 1, "meeting": '
        '{"commune": "X", "village": "Y", "date": "2021-02-30"}}',
        encoding="utf-8",
    )
    out = run("import", str(bad), db=db)
    assert out.returncode == 1
    assert out.stderr.strip().splitlines() == ["Lỗi: meeting.date: ngày không hợp lệ: 2021-02-30"]
    assert "Traceback" not in out.stderr
    missing = run("export", "9", "--doc", "json", db=db)
    assert (missing.returncode, missing.stderr.strip()) == (1, "Lỗi: không có hội nghị số 9")
    usage = run("export", "1", "--doc", "pdf", db=db)
    assert usage.returncode == 2
    corrupt = tmp_path / "corrupt.db"
    corrupt.write_bytes(b"garbage" * 200)
    out = run("meetings", db=corrupt)
    assert out.returncode == 1 and len(out.stderr.strip().splitlines()) == 1


def test_followup_and_calendar(tmp_path: Path):
    db = tmp_path / "f.db"
    store = open_store(db)
    from facilitator.services.meetingfile import import_meeting

    console = Console(store, import_meeting(store, demo_meeting()))
    pids = [p.id for p in store.petitions(console.meeting_id)]
    decide(console, pids[0], "assigned", responsible="Trưởng thôn Đông Phong")
    decide(console, pids[1], "assigned", responsible="Hội Nông dân xã", due="30/11/2021")
    store.close()
    out = run("followup", "--as-of", "22/11/2021", db=db)
    lines = out.stdout.strip().splitlines()
    # working days late (Fri 19, Mon 22), not "-2"
    assert lines[1].startswith("18/11/2021         QUÁ HẠN 2 ngày làm việc ")
    assert "Trưởng thôn Đông Phong" in lines[1]
    assert lines[2].startswith("30/11/2021      6  đang giải quyết")
    overdue = run("followup", "--overdue", "--as-of", "2021-11-22", db=db)
    assert len(overdue.stdout.strip().splitlines()) == 3  # head, one row, the note
    assert run("calendar", "add-off", "05/11/2021", "--note", "nghỉ bù", db=db).returncode == 0
    assert run("calendar", "add-workday", "2021-11-13", db=db).returncode == 0
    listing = run("calendar", "list", db=db).stdout.splitlines()
    assert listing[0].split()[:3] == ["05/11/2021", "ngày", "nghỉ"]
    assert listing[1].startswith("13/11/2021")
    assert run("calendar", "add-off", "32/01/2022", db=db).returncode == 1


def test_check_and_backup(tmp_path: Path, meeting_file: Path):
    db = tmp_path / "f.db"
    run("import", str(meeting_file), db=db)
    check = run("check", db=db)
    assert check.returncode == 0 and "nguyên vẹn" in check.stdout
    target = tmp_path / "copy.db"
    backup = run("backup", "-o", str(target), db=db)
    assert backup.returncode == 0, backup.stderr
    assert open_store(target).meeting(1).village == "Đông Phong"
    assert run("backup", "-o", str(target), db=db).returncode == 1  # never overwrites


def test_errors_in_english_with_lang_en(tmp_path: Path):
    open_store(tmp_path / "f.db").close()
    out = run("export", "9", "--doc", "json", "--lang", "en", db=tmp_path / "f.db")
    assert (out.returncode, out.stderr.strip()) == (1, "Error: no meeting 9")
