"""`facilitator archive ID` and `facilitator verify ARCHIVE.zip` (Luật Lưu trữ 2024)."""

import datetime as dt
import hashlib
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from db.store import open_store
from facilitator.services.archive import MANIFEST, build_archive, verify_archive
from facilitator.services.demo import demo_meeting, play_demo
from facilitator.services.live import Console
from facilitator.services.meetingfile import import_meeting
from tests.test_cli import run

NAMES = [
    "2021-10-28_dong-phong_thong-bao-to-chuc.docx",
    "2021-10-28_dong-phong_loa-truyen-thanh.txt",
    "2021-10-28_dong-phong_giay-moi.docx",
    "2021-10-28_dong-phong_danh-sach-tham-du.docx",
    "2021-10-28_dong-phong_bien-ban.docx",
    "2021-10-28_dong-phong_thong-bao-ket-luan.docx",
    "2021-10-28_dong-phong_bao-cao.docx",
    "2021-10-28_dong-phong_cong-van-chuyen_van-phong-dang-ky-dat-dai-huyen.docx",
    "2021-10-28_dong-phong_hoi-nghi.json",
]


@pytest.fixture
def bundle(console, clock, tmp_path) -> Path:
    play_demo(console, clock.advance)
    return build_archive(console.store, console.meeting_id, tmp_path, as_of=dt.date(2021, 11, 25))


def test_every_document_the_meeting_file_and_a_manifest(bundle, console):
    assert bundle.name == "2021-10-28_dong-phong_ho-so-luu-tru.zip"
    with zipfile.ZipFile(bundle) as z:
        assert z.namelist() == [*NAMES, MANIFEST]
        lines = z.read(MANIFEST).decode("utf-8").splitlines()
        assert [line.split("  ", 1)[1] for line in lines] == NAMES
        for line, name in zip(lines, NAMES, strict=True):
            assert line.split("  ")[0] == hashlib.sha256(z.read(name)).hexdigest()
        meeting = json.loads(z.read(NAMES[-1]))
        assert meeting["meeting"]["village"] == "Đông Phong"
        assert z.read(NAMES[4])[:2] == b"PK"  # a .docx inside
    verdict = verify_archive(bundle)
    assert (verdict.intact, verdict.checked, verdict.problem) == (True, 9, None)
    # a second bundle of the same meeting: a new name, the first one kept
    again = build_archive(console.store, console.meeting_id, bundle.parent)
    assert again.name == "2021-10-28_dong-phong_ho-so-luu-tru-2.zip"


@pytest.mark.skipif(shutil.which("sha256sum") is None, reason="coreutils")
def test_manifest_checks_with_sha256sum_once_unpacked(bundle, tmp_path):
    folder = tmp_path / "unpacked"
    with zipfile.ZipFile(bundle) as z:
        z.extractall(folder)
    done = subprocess.run(["sha256sum", "-c", MANIFEST], cwd=folder, capture_output=True)
    assert done.returncode == 0, done.stdout


def _data_offset(path: Path, name: str) -> int:
    """Where the stored bytes of member ``name`` begin in the .zip file."""
    with zipfile.ZipFile(path) as z:
        info = z.getinfo(name)
    raw = path.read_bytes()
    start = info.header_offset
    name_length = int.from_bytes(raw[start + 26 : start + 28], "little")
    extra_length = int.from_bytes(raw[start + 28 : start + 30], "little")
    return start + 30 + name_length + extra_length


def test_one_byte_changed_in_a_member_fails_naming_it(bundle):
    member = NAMES[4]  # the biên bản
    with zipfile.ZipFile(bundle) as z:
        size = z.getinfo(member).compress_size
    raw = bytearray(bundle.read_bytes())
    at = _data_offset(bundle, member) + size // 2
    raw[at] ^= 0x01
    bundle.write_bytes(bytes(raw))
    verdict = verify_archive(bundle)
    assert (verdict.intact, verdict.checked, verdict.problem) == (
        False,
        4,
        f"{member}: đã bị thay đổi",
    )


def rewritten(bundle: Path, change) -> None:
    """The bundle written again with one member changed by ``change(name, data)`` (a valid
    .zip: only the manifest can tell)."""
    with zipfile.ZipFile(bundle) as z:
        items = [(i, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(bundle, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for info, data in items:
            out = change(info.filename, data)
            if out is not None:
                z.writestr(info, out)


def test_a_member_replaced_added_or_removed_is_named(bundle):
    def edit_json(name, data):
        if name.endswith(".json"):
            return data.replace(b"120", b"121", 1)  # citizens present
        return data

    rewritten(bundle, edit_json)
    assert verify_archive(bundle).problem == f"{NAMES[-1]}: đã bị thay đổi"
    rewritten(bundle, lambda name, data: None if name == NAMES[1] else data)
    assert verify_archive(bundle).problem == f"{NAMES[1]}: không có trong gói"


def test_cli_archive_and_verify_exit_codes(tmp_path, clock):
    db = tmp_path / "f.db"
    store = open_store(db, clock=clock)
    mid = import_meeting(store, demo_meeting())
    play_demo(Console(store, mid), clock.advance)
    store.close()
    out = run("archive", str(mid), "-o", str(tmp_path), "--as-of", "25/11/2021", db=db)
    assert out.returncode == 0, out.stderr
    path = tmp_path / "2021-10-28_dong-phong_ho-so-luu-tru.zip"
    assert out.stdout.strip() == f"Đã ghi: {path}"
    out = run("verify", str(path), db=db)
    assert (out.returncode, out.stdout.strip()) == (
        0,
        "Gói lưu trữ nguyên vẹn: 9 tệp khớp SHA256SUMS.",
    )
    raw = bytearray(path.read_bytes())
    raw[_data_offset(path, NAMES[6]) + 100] ^= 0xFF
    path.write_bytes(bytes(raw))
    out = run("verify", str(path), db=db)
    assert (out.returncode, out.stdout.strip()) == (
        1,
        f"Gói lưu trữ KHÔNG nguyên vẹn: {NAMES[6]}: đã bị thay đổi",
    )
    out = run("--lang", "en", "verify", str(path), db=db)
    assert out.stdout.strip() == f"The archive bundle is NOT intact: {NAMES[6]}: changed"
    out = run("verify", str(tmp_path / "none.zip"), db=db)
    assert out.returncode == 1
    assert "không tìm thấy tệp" in out.stderr
    out = run("verify", str(mid), db=db)  # a meeting id: its seals (none yet)
    assert out.returncode == 1
