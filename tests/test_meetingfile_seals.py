"""The seal chain travels in the meeting file (SPEC §8, version 2 "adds … the seals"): a
sealed meeting's file renders the same biên bản as its database ("… được hội nghị thông qua",
the same "Mã xác thực" footer), imports back sealed, and a seal that does not add up is
refused naming its place."""

from __future__ import annotations

import copy
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from db.store import open_store
from facilitator.cli import cli
from facilitator.rules.errors import RuleError
from facilitator.services.demo import play_demo
from facilitator.services.live import Console
from facilitator.services.meetingfile import (
    MeetingFileError,
    dumps,
    export_meeting,
    import_meeting,
    validate,
)
from facilitator.services.seal import amend_conclusion, seal, verify

APPROVED = (
    "Hội nghị kết thúc vào hồi 08 giờ 49 phút cùng ngày. Biên bản được đọc lại cho hội nghị "
    "nghe và được hội nghị thông qua./."
)


@pytest.fixture
def sealed(tmp_path: Path, clock) -> tuple[Path, dict]:
    """The demo as held, sealed, then amended once: its database file and its meeting file."""
    db = tmp_path / "commune.db"
    store = open_store(db, clock=clock)
    from facilitator.services.demo import demo_meeting

    console = Console(store, import_meeting(store, demo_meeting()))
    play_demo(console, clock.advance)
    seal(console, "Hoàng Thị Yến")
    clock.advance(600)
    amend_conclusion(
        console,
        "Chủ tịch UBND xã ghi nhận các ý kiến của nhân dân.",
        by="Hoàng Thị Yến",
        why="đọc lại: bỏ câu thừa",
    )
    data = export_meeting(store, console.meeting_id)
    store.close()
    return db, data


def paper(path: Path) -> tuple[list[str], list[str]]:
    """The body's paragraphs (tables' cells included) and the footer's."""
    document = Document(io.BytesIO(path.read_bytes()))
    body = [p.text for p in document.paragraphs]
    for table in document.tables:
        body += [cell.text for row in table.rows for cell in row.cells]
    footer = [p.text for p in document.sections[0].footer.paragraphs if p.text]
    return body, footer


def test_the_file_carries_the_seal_chain_as_recorded(sealed):
    _db, data = sealed
    first, second = data["seals"]
    assert (first["seq"], first["meeting"], first["by"], first["why"]) == (
        1,
        1,
        "Hoàng Thị Yến",
        "",
    )
    assert (first["previous"], second["previous"]) == ("", first["digest"])
    assert (second["seq"], second["why"], second["change"]) == (
        2,
        "đọc lại: bỏ câu thừa",
        {
            "conclusion": True,
            "before": "Chủ tịch UBND xã ghi nhận các ý kiến của nhân dân; yêu cầu các bộ phận "
            "chuyên môn giải quyết dứt điểm các nội dung được giao, trả lời nhân dân đúng "
            "thời hạn.",
            "after": "Chủ tịch UBND xã ghi nhận các ý kiến của nhân dân.",
        },
    )
    assert len(second["digest"]) == 64
    validate(json.loads(dumps(data)))  # the exported file is valid as it is


def test_minutes_from_the_file_of_a_sealed_meeting_equal_those_from_its_database(sealed, tmp_path):
    db, data = sealed
    meeting_file = tmp_path / "dong-phong.json"
    meeting_file.write_text(dumps(data), encoding="utf-8")
    runner = CliRunner(env={"FACILITATOR_DB": None})
    from_db, from_file = tmp_path / "from-db.docx", tmp_path / "from-file.docx"
    done = runner.invoke(
        cli, ["--db", str(db), "export", "1", "--doc", "minutes", "-o", str(from_db)]
    )
    assert done.exit_code == 0, done.output
    done = runner.invoke(
        cli, ["export", str(meeting_file), "--doc", "minutes", "-o", str(from_file)]
    )
    assert done.exit_code == 0, done.output
    body, footer = paper(from_file)
    assert (body, footer) == paper(from_db)
    assert APPROVED in body
    code = data["seals"][1]["digest"][:16]
    assert footer == [
        f"Mã xác thực: {code} (mã sau đính chính lúc 08:59 ngày 28/10/2021; biên bản thông qua "
        "lúc 08:49 ngày 28/10/2021; người niêm phong: Hoàng Thị Yến)",
        "Đính chính lúc 08:59 ngày 28/10/2021: đọc lại: bỏ câu thừa (Hoàng Thị Yến)",
    ]


def test_a_sealed_file_imports_sealed_and_exports_back_the_same(sealed, clock):
    _db, data = sealed
    store = open_store(":memory:", clock=clock)
    store.create_meeting(commune="Bình Lãng", village="Khác", date="2021-10-01")  # takes id 1
    meeting_id = import_meeting(store, json.loads(dumps(data)))
    assert meeting_id == 2
    assert export_meeting(store, meeting_id) == json.loads(dumps(data))
    console = Console(store, meeting_id)
    with pytest.raises(RuleError, match="sửa đổi|đính chính|niêm phong|thông qua"):
        console.save_entry(store.minutes(meeting_id)[0].id, "sửa sau khi thông qua")
    verdict = verify(store, meeting_id)
    assert verdict.intact is False
    assert verdict.problem.key == "seal.imported" and verdict.problem.params == {"meeting": 1}
    # An amendment made here chains onto the imported seals, and this database can check it.
    clock.advance(60)
    amend_conclusion(console, "Kết luận sửa ở huyện.", by="Lê Văn B", why="đối chiếu")
    verdict = verify(store, meeting_id)
    assert (verdict.intact, verdict.problem, verdict.seal.seq) == (True, "", 3)


def test_verify_of_an_imported_seal_says_where_it_was_made(sealed, tmp_path):
    _db, data = sealed
    meeting_file = tmp_path / "dong-phong.json"
    meeting_file.write_text(dumps(data), encoding="utf-8")
    office = tmp_path / "office.db"
    runner = CliRunner(env={"FACILITATOR_DB": None})
    assert runner.invoke(cli, ["--db", str(office), "import", str(meeting_file)]).output == "1\n"
    code = data["seals"][1]["digest"][:16]
    result = runner.invoke(cli, ["--db", str(office), "verify", "1"])
    assert result.exit_code == 1
    assert result.output == (
        f"Mã xác thực {code}: biên bản được thông qua ở cơ sở dữ liệu khác (hội nghị số 1 ở đó) "
        "và nhận qua tệp hội nghị: chuỗi mã xác thực khớp, nhưng từng nội dung chỉ đối chiếu "
        "được ở cơ sở dữ liệu đó hoặc với gói lưu trữ (facilitator verify TỆP.zip)\n"
    )
    result = runner.invoke(cli, ["--db", str(office), "--lang", "en", "verify", "1"])
    assert result.output.startswith(
        f"Verification code {code}: the minutes were sealed in another database (meeting 1 there)"
    )


def _refusal(data: dict) -> str:
    with pytest.raises(MeetingFileError) as err:
        validate(data)
    return str(err.value)


def test_a_seal_that_does_not_add_up_is_refused_naming_its_place(sealed):
    _db, good = sealed

    def changed(edit) -> str:
        data = copy.deepcopy(json.loads(dumps(good)))
        edit(data)
        return _refusal(data)

    def digest_of_other_text(d):
        d["seals"][0]["by"] = "Người khác"

    assert changed(digest_of_other_text) == (
        "seals[0].digest: mã xác thực không khớp với nội dung lần niêm phong"
    )
    assert changed(lambda d: d["seals"][1].update(previous="0" * 64)) == (
        "seals[1].previous: không nối với mã của lần niêm phong trước"
    )
    assert changed(lambda d: d["seals"].reverse()) == "seals[0].seq: cần là lần niêm phong số 1"
    assert changed(lambda d: d["meeting"].update(status="live")) == (
        "seals: chỉ hội nghị đã kết luận mới có biên bản được thông qua"
    )
    assert changed(lambda d: d["seals"][0].update(digest="xyz")).startswith(
        "seals[0].digest: không đúng dạng: "
    )
    assert changed(lambda d: d["seals"][0].pop("by")) == ("seals[0]: thiếu trường bắt buộc: by")
    assert changed(lambda d: d["seals"][0].update(at="hôm qua")).startswith("seals[0].at: ")
