"""The paper trail before the meeting (SPEC §7b): thông báo tổ chức, loudspeaker script,
giấy mời and danh sách tham dự, read back; numbers, dates and times in Vietnamese words."""

from __future__ import annotations

import datetime as dt
import io
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from facilitator.cli import cli
from facilitator.documents import build
from facilitator.documents.before import read_aloud
from facilitator.rules.profile import DEFAULT_RECIPIENTS, Profile
from facilitator.rules.spoken import date_spoken, number_words, time_spoken
from facilitator.rules.text import TextError
from facilitator.services.demo import demo_meeting
from facilitator.services.exporting import export_document, is_draft
from facilitator.services.files import FileWriteError
from facilitator.services.meetingfile import import_meeting

BEFORE = dt.date(2021, 10, 18)


def paragraphs(data: bytes) -> list[str]:
    return [p.text for p in Document(io.BytesIO(data)).paragraphs if p.text.strip()]


def all_text(data: bytes) -> str:
    body = Document(io.BytesIO(data)).element.body
    return "\n".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in body.iter(qn("w:p")))


# ----- numbers, dates and times in words ----------------------------------------------------


@pytest.mark.parametrize(
    ("number", "words"),
    [
        (0, "không"),
        (1, "một"),
        (4, "bốn"),
        (5, "năm"),
        (10, "mười"),
        (11, "mười một"),
        (14, "mười bốn"),
        (15, "mười lăm"),
        (20, "hai mươi"),
        (21, "hai mươi mốt"),
        (24, "hai mươi tư"),
        (25, "hai mươi lăm"),
        (30, "ba mươi"),
        (31, "ba mươi mốt"),
        (45, "bốn mươi lăm"),
        (55, "năm mươi lăm"),
        (99, "chín mươi chín"),
        (100, "một trăm"),
        (101, "một trăm linh một"),
        (104, "một trăm linh bốn"),
        (105, "một trăm linh năm"),
        (110, "một trăm mười"),
        (111, "một trăm mười một"),
        (115, "một trăm mười lăm"),
        (121, "một trăm hai mươi mốt"),
        (1000, "một nghìn"),
        (1005, "một nghìn không trăm linh năm"),
        (1010, "một nghìn không trăm mười"),
        (2021, "hai nghìn không trăm hai mươi mốt"),
        (2026, "hai nghìn không trăm hai mươi sáu"),
        (15000, "mười lăm nghìn"),
        (1_000_005, "một triệu không trăm linh năm"),
        (1_234_567, "một triệu hai trăm ba mươi tư nghìn năm trăm sáu mươi bảy"),
    ],
)
def test_number_words(number, words):
    assert number_words(number) == words


def test_number_words_southern_zero_ten():
    assert number_words(101, zero_ten="lẻ") == "một trăm lẻ một"
    assert number_words(2005, zero_ten="lẻ") == "hai nghìn không trăm lẻ năm"


@pytest.mark.parametrize(
    ("day", "words"),
    [
        ("2021-10-28", "ngày hai mươi tám tháng mười năm hai nghìn không trăm hai mươi mốt"),
        ("2026-02-17", "ngày mười bảy tháng hai năm hai nghìn không trăm hai mươi sáu"),
        ("2026-04-05", "ngày mồng năm tháng tư năm hai nghìn không trăm hai mươi sáu"),
        ("2025-01-01", "ngày mồng một tháng một năm hai nghìn không trăm hai mươi lăm"),
        ("2026-11-24", "ngày hai mươi tư tháng mười một năm hai nghìn không trăm hai mươi sáu"),
        ("2021-12-10", "ngày mồng mười tháng mười hai năm hai nghìn không trăm hai mươi mốt"),
        ("2021-05-15", "ngày mười lăm tháng năm năm hai nghìn không trăm hai mươi mốt"),
    ],
)  # fmt: skip
def test_date_spoken(day, words):
    assert date_spoken(dt.date.fromisoformat(day)) == words


def test_date_and_time_spoken():
    assert date_spoken(dt.date(2021, 10, 28), weekday=True).startswith("thứ năm, ngày hai mươi")
    assert time_spoken(dt.time(8, 0)) == "tám giờ"
    assert time_spoken(dt.time(8, 30)) == "tám giờ ba mươi phút"
    assert time_spoken(dt.time(7, 5)) == "bảy giờ năm phút"
    assert time_spoken(dt.time(14, 15)) == "mười bốn giờ mười lăm phút"
    assert time_spoken(dt.time(13, 21)) == "mười ba giờ hai mươi mốt phút"


# ----- thông báo tổ chức hội nghị ------------------------------------------------------------


@pytest.fixture
def before(store, meeting_id, clock):
    """The demo meeting ten days ahead: nothing held yet."""
    clock.now = clock.now.replace(day=BEFORE.day)
    return meeting_id


def test_announcement_text(store, before):
    data = build(store, before, "announcement")
    text = paragraphs(data)
    everything = all_text(data)
    assert "Số:      /TB-UBND" in everything
    assert "Bình Lãng, ngày 20 tháng 10 năm 2021" in everything  # the day it was announced
    assert "DỰ THẢO" not in everything  # issued before the meeting: never a draft
    assert text[0] == "THÔNG BÁO"
    assert text[1] == (
        "Về việc tổ chức hội nghị tiếp xúc, đối thoại trực tiếp giữa Chủ tịch Ủy ban nhân dân "
        "xã với nhân dân thôn Đông Phong"
    )
    assert text[2].startswith("Căn cứ Quy chế số 03-QC/TU")
    assert (
        "Thực hiện Kế hoạch số 48/KH-UBND ngày 07/10/2021 của Ủy ban nhân dân xã Bình Lãng;" in text
    )
    assert "1. Thời gian: 08 giờ 00 phút, thứ Năm, ngày 28 tháng 10 năm 2021." in text
    assert "2. Địa điểm: Nhà văn hóa thôn Đông Phong." in text
    assert (
        "Chương trình hội nghị: khai mạc; thông báo nội dung; nhân dân phát biểu; trả lời, giải "
        "trình; trao đổi thêm; kết luận." in text
    )
    content = next(p for p in text if p.startswith("Chủ tịch Ủy ban nhân dân xã thông tin"))
    assert content.endswith(
        "trong đó có 6 ý kiến, kiến nghị đã được tổng hợp trước hội nghị thuộc các lĩnh vực: "
        "giao thông, nông nghiệp, y tế, đất đai, văn hóa - thể thao, chính sách xã hội."
    )
    assert "- Chủ trì: đồng chí Trần Xuân Mãng, Chủ tịch UBND xã;" in text
    # invited by level, the higher first; the chair and the secretary are not invited
    groups = [p for p in text if p in ("- Đại biểu huyện:", "- Đại biểu xã:", "- Đại biểu thôn:")]
    assert groups == ["- Đại biểu huyện:", "- Đại biểu xã:", "- Đại biểu thôn:"]
    assert "+ Đồng chí Trần Văn Lực, Đại diện Ban Dân vận Huyện ủy;" in text
    assert not any(p.startswith("+ Đồng chí Trần Xuân Mãng") for p in text)
    assert not any(p.startswith("+ Đồng chí Hoàng Thị Yến") for p in text)
    assert (
        "Nhân dân có ý kiến, kiến nghị đăng ký phát biểu trước với ông Vũ Văn Tùng, Trưởng thôn "
        "Đông Phong, hoặc tại bộ phận đăng ký phát biểu của hội nghị từ 07 giờ 30 phút ngày "
        "28/10/2021. Ý kiến, kiến nghị có thể gửi trước bằng văn bản qua Ban Công tác Mặt trận "
        "thôn, các tổ chức chính trị - xã hội hoặc Văn phòng\u00a0- Thống kê. Mỗi ý kiến phát biểu "
        "không quá 05 phút." in text
    )
    assert text[-1].endswith("đến dự đông đủ, đúng giờ./.")
    d = Document(io.BytesIO(data))
    recipients, signature = d.tables[-1].rows[0].cells
    lines = [p.text for p in recipients.paragraphs]
    assert lines == [
        "Nơi nhận:",
        "- Thường trực Đảng ủy, HĐND xã;",
        "- UBMTTQ xã;",
        "- Đài truyền thanh xã;",
        "- Thôn Đông Phong;",
        "- Lưu: VT, VP-TK.",
    ]
    signed = [p.text for p in signature.paragraphs if p.text]
    assert signed == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Trần Xuân Mãng"]
    assert d.core_properties.title == (
        "Thông báo tổ chức hội nghị tiếp xúc, đối thoại thôn Đông Phong ngày 28/10/2021"
    )


def test_announcement_layout(store, before):
    d = Document(io.BytesIO(build(store, before, "announcement", number="3")))
    section = d.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert (round(section.left_margin.mm), round(section.right_margin.mm)) == (30, 15)
    header = d.tables[0]
    assert [round(c.width.mm) for c in header.rows[0].cells] == [62, 103]
    assert header.rows[1].cells[0].text == "Số: 03/TB-UBND"
    date_run = header.rows[1].cells[1].paragraphs[0].runs[0]
    assert date_run.italic and date_run.font.size == Pt(14)
    title = next(p for p in d.paragraphs if p.text == "THÔNG BÁO")
    assert title.runs[0].bold and title.alignment == 1
    when = next(p for p in d.paragraphs if p.text.startswith("1. Thời gian:"))
    assert [(r.text, bool(r.bold)) for r in when.runs] == [
        ("1. Thời gian:", True),
        (" 08 giờ 00 phút, thứ Năm, ngày 28 tháng 10 năm 2021.", False),
    ]
    heading = next(p for p in d.paragraphs if p.text == "5. Đăng ký phát biểu")
    assert heading.runs[0].bold and heading.paragraph_format.keep_with_next


def test_announcement_date(store, before, clock):
    # asked for: that day; else the day it was announced; else today, before the meeting
    text = all_text(build(store, before, "announcement", as_of=dt.date(2021, 10, 19)))
    assert "Bình Lãng, ngày 19 tháng 10 năm 2021" in text
    store.update_meeting(before, announced_on=None)
    assert "Bình Lãng, ngày 18 tháng 10 năm 2021" in all_text(build(store, before, "announcement"))
    clock.now = clock.now.replace(month=11)  # a copy made after the meeting: filled by hand
    assert "Bình Lãng, ngày      tháng      năm 2021" in all_text(
        build(store, before, "announcement")
    )
    with pytest.raises(TextError, match="sau ngày hội nghị 28/10/2021"):
        export_document(store, before, "announcement", as_of=dt.date(2021, 10, 29))
    assert not is_draft(store, before, "announcement")
    assert is_draft(store, before, "minutes")


def test_announcement_names_come_from_the_profile(store):
    """A meeting of today's two-level commune: no district, the profile's own names."""
    data = demo_meeting()
    del data["profile"]
    data["meeting"]["legal_basis"] = []
    data["officials"] = [o for o in data["officials"] if o["group"] != "huyện"]
    meeting_id = import_meeting(store, data)
    text = all_text(build(store, meeting_id, "announcement"))
    assert "huyện" not in text.lower()
    assert "- Hệ thống truyền thanh cơ sở xã;" in text
    assert "- Lưu: VT, VP." in text
    assert "Văn phòng HĐND và UBND xã chuẩn bị địa điểm" in text


# ----- loudspeaker script ------------------------------------------------------------------


def test_radio_script(store, before, tmp_path):
    path = export_document(store, before, "radio", tmp_path)
    assert path.name == "2021-10-28_dong-phong_loa-truyen-thanh.txt"
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with a byte-order mark, for old Notepad
    text = raw.decode("utf-8-sig")
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")
    lines = [line for line in text.split("\r\n") if line]
    assert lines[0] == "THÔNG BÁO"
    assert lines[3] == (
        "Ủy ban nhân dân xã Bình Lãng tổ chức hội nghị tiếp xúc, đối thoại trực tiếp giữa Chủ "
        "tịch Ủy ban nhân dân xã với nhân dân thôn Đông Phong."
    )
    assert lines[4] == (
        "Thời gian: vào lúc tám giờ, thứ năm, ngày hai mươi tám tháng mười năm hai nghìn không "
        "trăm hai mươi mốt."
    )
    assert lines[7] == (
        "Chủ trì hội nghị: đồng chí Trần Xuân Mãng, Chủ tịch Ủy ban nhân dân xã. Tham dự hội "
        "nghị có: đại biểu huyện, đại biểu xã, đại biểu thôn, toàn thể bà con nhân dân thôn "
        "Đông Phong."
    )
    assert (
        "Bà con có ý kiến, kiến nghị xin đăng ký phát biểu trước với ông Vũ Văn Tùng, Trưởng "
        "thôn Đông Phong, hoặc tại bàn đăng ký của hội nghị từ bảy giờ ba mươi phút cùng ngày; "
        "mỗi ý kiến phát biểu không quá năm phút." in lines
    )
    assert lines[-1] == (
        "Trên đây là thông báo của Ủy ban nhân dân xã Bình Lãng. Đài truyền thanh xã xin thông "
        "báo để bà con nhân dân được biết."
    )
    # read aloud: no digit, no abbreviation
    assert not any(ch.isdigit() for ch in text)
    for short in ("UBND", "HĐND", "MTTQ", "/"):
        assert short not in text


def test_radio_reads_typed_numbers_and_half_minutes(store, before):
    store.update_meeting(before, place="Nhà văn hóa thôn 3", start="13:45", slot_seconds=150)
    text = build(store, before, "radio").decode("utf-8-sig")
    assert "Địa điểm: tại Nhà văn hóa thôn ba." in text
    assert "vào lúc mười ba giờ bốn mươi lăm phút, thứ năm" in text
    assert "từ mười ba giờ mười lăm phút cùng ngày" in text
    assert "không quá một trăm năm mươi giây" in text


def test_read_aloud():
    assert read_aloud("NVH thôn 3, UBND xã và UBMTTQ xã, HĐND") == (
        "nhà văn hóa thôn ba, Ủy ban nhân dân xã và Ủy ban Mặt trận Tổ quốc xã, Hội đồng nhân dân"
    )
    assert read_aloud("Xóm 21, số 105") == "Xóm hai mươi mốt, số một trăm linh năm"


def test_a_profile_saved_before_the_announcement_gets_its_default_recipients():
    old = Profile.from_dict({"commune": "Hưng Lộc", "recipients": {"minutes": ["UBMTTQ xã"]}})
    assert old.recipients["minutes"] == ["UBMTTQ xã"]
    assert old.recipients["announcement"] == DEFAULT_RECIPIENTS["announcement"]
    assert old.recipients["conclusion"] == DEFAULT_RECIPIENTS["conclusion"]
    emptied = Profile.from_dict({"recipients": {"announcement": []}})
    assert emptied.recipient_lines("announcement") == ["- Lưu: VT, VP."]


def test_radio_is_not_printed(store, before, tmp_path):
    with pytest.raises(FileWriteError, match=r"\.txt"):
        export_document(store, before, "radio", tmp_path / "loa.pdf")


# ----- giấy mời -------------------------------------------------------------------------------


def test_invitations_one_page_each(store, before):
    data = build(store, before, "invitation")
    d = Document(io.BytesIO(data))
    invited = [
        p.text.removeprefix("Đồng chí: ") for p in d.paragraphs if p.text.startswith("Đồng chí: ")
    ]
    # twelve officials less the chair (who signs) and the secretary (who writes), the higher
    # level first as in every document
    assert invited == [
        "Trần Văn Lực",
        "Phạm Thị Nga",
        "Nguyễn Văn Cường",
        "Phạm Văn Hải",
        "Vũ Thị Hương",
        "Lê Văn Nam",
        "Đỗ Minh Quang",
        "Nguyễn Thị Hạnh",
        "Nguyễn Văn Sơn",
        "Vũ Văn Tùng",
    ]
    assert len(d.sections) == 10
    for section in d.sections:  # each invitation numbered on its own: a single page shows none
        assert section.different_first_page_header_footer
        assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    starts = [s._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) for s in d.sections[1:]]
    assert starts == ["1"] * 9
    numbers = [t.rows[1].cells[0].text for t in d.tables if len(t.rows) == 2]
    assert numbers == ["Số:      /GM-UBND"] * 10
    first = d.paragraphs[: next(i for i, p in enumerate(d.paragraphs) if p.text.endswith("./."))]
    text = [p.text for p in first if p.text]
    assert text[:6] == [
        "GIẤY MỜI",
        "Dự hội nghị tiếp xúc, đối thoại trực tiếp giữa Chủ tịch Ủy ban nhân dân xã với nhân "
        "dân thôn Đông Phong",
        "Ủy ban nhân dân xã Bình Lãng trân trọng kính mời:",
        "Đồng chí: Trần Văn Lực",  # the higher level first, as in every document
        "Chức vụ: Đại diện Ban Dân vận Huyện ủy",
        "Tới dự hội nghị tiếp xúc, đối thoại trực tiếp giữa Chủ tịch Ủy ban nhân dân xã với nhân "
        "dân thôn Đông Phong.",
    ]
    assert "Thời gian: 08 giờ 00 phút, thứ Năm, ngày 28 tháng 10 năm 2021." in text
    assert "Địa điểm: Nhà văn hóa thôn Đông Phong." in text
    assert "Chủ trì hội nghị: đồng chí Trần Xuân Mãng, Chủ tịch UBND xã." in text
    assert not any("Đề nghị đồng chí" in line for line in text)  # guests attend, not answer
    name = next(p for p in d.paragraphs if p.text == "Đồng chí: Nguyễn Văn Cường")
    assert name.runs[0].bold and name.alignment == 1
    recipients, signature = d.tables[1].rows[0].cells
    assert [p.text for p in recipients.paragraphs] == [
        "Nơi nhận:",
        "- Như trên;",
        "- Lưu: VT, VP-TK.",
    ]
    assert [p.text for p in signature.paragraphs if p.text] == [
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "Trần Xuân Mãng",
    ]


def test_invitation_without_officials_leaves_the_name_to_fill(store):
    data = demo_meeting()
    data["officials"] = []
    meeting_id = import_meeting(store, data)
    d = Document(io.BytesIO(build(store, meeting_id, "invitation")))
    assert len(d.sections) == 1
    assert "Đồng chí: ……………………………………" in [p.text for p in d.paragraphs]


# ----- danh sách tham dự ----------------------------------------------------------------------


def test_attendance_sheet(store, before):
    d = Document(io.BytesIO(build(store, before, "attendance")))
    section = d.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (297, 210)
    assert section.orientation == 1  # landscape
    header = d.tables[0]
    assert header.rows[1].cells[0].text == ""  # a list carries no number
    assert header.rows[1].cells[1].text == "Bình Lãng, ngày 28 tháng 10 năm 2021"
    assert [p.text for p in d.paragraphs if p.text][:3] == [
        "DANH SÁCH THAM DỰ",
        "Hội nghị tiếp xúc, đối thoại trực tiếp giữa Chủ tịch Ủy ban nhân dân xã với nhân dân "
        "thôn Đông Phong",
        "Thời gian: 08 giờ 00 phút, thứ Năm, ngày 28 tháng 10 năm 2021. Địa điểm: Nhà văn hóa "
        "thôn Đông Phong.",
    ]
    sheet = d.tables[1]
    head = [c.text for c in sheet.rows[0].cells]
    assert head == [
        "STT",
        "Họ và tên",
        "Chức vụ, đơn vị / Thôn, xóm",
        "Giờ đến",
        "Ký tên",
        "Ghi chú",
    ]
    assert [round(c.width.mm) for c in sheet.rows[0].cells] == [13, 62, 72, 25, 45, 35]
    assert sheet.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # repeats on every page
    rows = [[c.text for c in r.cells] for r in sheet.rows[1:]]
    assert rows[0][:2] == ["I.", "ĐẠI BIỂU"]
    # the higher level first, as in every document: the district's two, then the commune's
    assert rows[1] == ["1", "Trần Văn Lực", "Đại diện Ban Dân vận Huyện ủy", "", "", ""]
    assert rows[3] == ["3", "Trần Xuân Mãng", "Chủ tịch UBND xã", "", "", ""]
    assert rows[12] == ["12", "Vũ Văn Tùng", "Trưởng thôn Đông Phong", "", "", ""]
    assert rows[13][:2] == ["II.", "NHÂN DÂN THÔN ĐÔNG PHONG"]
    assert rows[14] == ["1", "", "", "", "", ""]
    # the demo expects 120 citizens: 120 rows and a fifth more
    assert rows[-1] == ["144", "", "", "", "", ""]
    assert len(rows) == 1 + 12 + 1 + 144
    for row in sheet.rows[1:]:  # room to sign, never split across pages
        tr_pr = row._tr.trPr
        assert tr_pr.find(qn("w:cantSplit")) is not None
        height = tr_pr.find(qn("w:trHeight"))
        assert (height.get(qn("w:val")), height.get(qn("w:hRule"))) == ("510", "atLeast")
    closing = [p.text for p in d.paragraphs if p.text][-1]
    assert closing == "Tổng số: ……… đại biểu; ……… người dân tham dự hội nghị./."
    signatures = d.tables[2].rows[0].cells
    assert [p.text for p in signatures[0].paragraphs if p.text] == ["THƯ KÝ", "Hoàng Thị Yến"]
    assert [p.text for p in signatures[1].paragraphs if p.text] == ["CHỦ TỌA", "Trần Xuân Mãng"]


# ----- command line ---------------------------------------------------------------------------


def test_cli_exports_the_before_documents(tmp_path: Path):
    db = tmp_path / "f.db"
    meeting = tmp_path / "m.json"
    import json

    meeting.write_text(json.dumps(demo_meeting(), ensure_ascii=False), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "FACILITATOR_DB"}
    runner = CliRunner(env=env)
    assert runner.invoke(cli, ["--db", str(db), "import", str(meeting)]).exit_code == 0
    names = {
        "announcement": "2021-10-28_dong-phong_thong-bao-to-chuc.docx",
        "radio": "2021-10-28_dong-phong_loa-truyen-thanh.txt",
        "invitation": "2021-10-28_dong-phong_giay-moi.docx",
        "attendance": "2021-10-28_dong-phong_danh-sach-tham-du.docx",
    }
    for doc, name in names.items():
        result = runner.invoke(
            cli, ["--db", str(db), "export", "1", "--doc", doc, "-o", str(tmp_path)]
        )
        assert result.exit_code == 0, result.output
        assert result.output == f"Đã ghi: {tmp_path / name}\n"  # final, not a draft
        assert (tmp_path / name).stat().st_size > 0
    late = runner.invoke(
        cli,
        ["--db", str(db), "export", "1", "--doc", "announcement", "--as-of", "29/10/2021"],
    )
    assert late.exit_code == 1  # main() prints it as one line; here the exception is kept
    assert str(late.exception) == "ngày lập văn bản 29/10/2021 sau ngày hội nghị 28/10/2021"
    numbered = runner.invoke(
        cli,
        ["--db", str(db), "export", "1", "--doc", "invitation", "--number", "7",
         "--as-of", "2021-10-19", "-o", str(tmp_path / "gm.docx")],
    )  # fmt: skip
    assert numbered.exit_code == 0, numbered.output
    text = all_text((tmp_path / "gm.docx").read_bytes())
    assert "Số: 07/GM-UBND" in text and "Bình Lãng, ngày 19 tháng 10 năm 2021" in text


def test_radio_and_announcement_give_a_village_head_without_title_dong_chi(store):
    """The trial's head of village, Bùi Quang Phước: the name says no title (no Thị, no Văn),
    so he is "đồng chí", never a bare name after "với"."""
    data = demo_meeting()
    for o in data["officials"]:
        if o["position"].startswith("Trưởng thôn"):
            o["name"] = "Bùi Quang Phước"
    meeting_id = import_meeting(store, data)
    radio = build(store, meeting_id, "radio").decode("utf-8-sig")
    assert (
        "đăng ký phát biểu trước với đồng chí Bùi Quang Phước, Trưởng thôn Đông Phong, hoặc"
        in radio
    )
    text = all_text(build(store, meeting_id, "announcement"))
    assert "trước với đồng chí Bùi Quang Phước, Trưởng thôn Đông Phong, hoặc" in text
