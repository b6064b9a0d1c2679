"""The exported .docx read back: layout of Decree 30/2020/NĐ-CP and the content of SPEC §7."""

import datetime as dt
import io
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from facilitator.documents import build
from facilitator.services.demo import play_demo
from facilitator.services.exporting import export_document
from facilitator.services.files import FileWriteError

AS_OF = dt.date(2021, 11, 25)


@pytest.fixture
def played(console, clock):
    play_demo(console, clock.advance)
    return console


def docx(store, meeting_id, kind):
    return Document(io.BytesIO(build(store, meeting_id, kind, as_of=AS_OF)))


def body_text(document) -> list[str]:
    return [p.text for p in document.paragraphs if p.text.strip()]


@pytest.mark.parametrize("kind", ["minutes", "conclusion", "report"])
def test_page_fonts_and_body_layout(played, kind):
    d = docx(played.store, played.meeting_id, kind)
    section = d.sections[0]

    def mm(length) -> float:
        return round(length.mm, 1)

    assert (mm(section.page_width), mm(section.page_height)) == (210.0, 297.0)
    assert (mm(section.top_margin), mm(section.bottom_margin)) == (20.0, 20.0)
    assert (mm(section.left_margin), mm(section.right_margin)) == (30.0, 15.0)
    styles = d.styles.element
    fonts = [
        styles.find(qn("w:docDefaults"))
        .find(qn("w:rPrDefault"))
        .find(qn("w:rPr"))
        .find(qn("w:rFonts"))
    ]
    fonts += [s.find(qn("w:rPr")).find(qn("w:rFonts")) for s in styles.findall(qn("w:style"))]
    for r_fonts in fonts:
        for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            assert r_fonts.get(qn(slot)) == "Times New Roman"
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            assert r_fonts.get(qn(theme)) is None
    normal = d.styles["Normal"]
    assert normal.font.size == Pt(14)
    fmt = normal.paragraph_format
    assert fmt.alignment == 3  # justify
    assert round(fmt.first_line_indent.cm, 2) == 1.27
    assert fmt.space_after == Pt(6)
    # page numbers from page 2: a PAGE field in the header, none on the first page
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header._element.xml
    assert "PAGE" not in section.first_page_header._element.xml


@pytest.mark.parametrize(
    ("kind", "code", "title"),
    [
        ("minutes", "BB-UBND", "BIÊN BẢN"),
        ("conclusion", "TB-UBND", "THÔNG BÁO"),
        ("report", "BC-UBND", "BÁO CÁO"),
    ],
)
def test_header_table(played, kind, code, title):
    d = docx(played.store, played.meeting_id, kind)
    header = d.tables[0]
    assert header._tbl.find(qn("w:tblPr")).find(qn("w:tblBorders")) is None
    assert round(header.columns[0].width.mm) == 62 and round(header.columns[1].width.mm) == 103
    left, right = header.rows[0].cells
    runs = [p.runs[0] for p in left.paragraphs if p.runs]
    assert [(r.text, r.bold, r.font.size) for r in runs] == [
        ("ỦY BAN NHÂN DÂN", True, Pt(13)),
        ("XÃ BÌNH LÃNG", True, Pt(13)),
    ]
    assert "w:pBdr" in left.paragraphs[-1]._p.xml  # the short rule under the agency
    motto = [p.runs[0] for p in right.paragraphs if p.runs]
    assert (motto[0].text, motto[0].bold, motto[0].font.size) == (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        True,
        Pt(12),
    )
    assert (motto[1].text, motto[1].bold, motto[1].underline, motto[1].font.size) == (
        "Độc lập - Tự do - Hạnh phúc",
        True,
        True,
        Pt(13),
    )
    number, place_date = header.rows[1].cells
    assert number.text == f"Số:      /{code}"
    assert number.paragraphs[0].runs[0].font.size == Pt(13)
    date_run = place_date.paragraphs[0].runs[0]
    assert date_run.italic
    expected = "ngày 28 tháng 10 năm 2021" if kind == "minutes" else "ngày 25 tháng 11 năm 2021"
    assert place_date.text == f"Bình Lãng, {expected}"
    first = body_text(d)[0]
    assert first == title
    title_run = next(p for p in d.paragraphs if p.text == title).runs[0]
    assert title_run.bold and title_run.font.size == Pt(14)


def test_document_number_fills_the_blank(played):
    d = Document(io.BytesIO(build(played.store, played.meeting_id, "minutes", number="12")))
    assert d.tables[0].rows[1].cells[0].text == "Số: 12/BB-UBND"


def closing_is_last(text: list[str]) -> bool:
    return text[-1].startswith("Hội nghị kết thúc") and text[-1].endswith("./.")


def test_minutes_content_in_meeting_order(played):
    d = docx(played.store, played.meeting_id, "minutes")
    text = body_text(d)
    joined = "\n".join(text)
    assert text[2].startswith(
        "Vào hồi 08 giờ 00 phút, ngày 28 tháng 10 năm 2021, tại Nhà văn hóa thôn Đông Phong"
    )
    order = [
        "I. THÀNH PHẦN THAM DỰ",
        "- Đồng chí Trần Xuân Mãng, Chủ tịch UBND xã;",
        "4. Nhân dân: 120 người dân thôn Đông Phong tham dự.",
        "II. NỘI DUNG HỘI NGHỊ",
        "1. Khai mạc (08 giờ 00 phút)",
        "2. Thông báo nội dung (08 giờ 10 phút)",
        "3. Nhân dân phát biểu (08 giờ 25 phút)",
        "Ông Nguyễn Văn Thành (xóm Đình) phát biểu "
        "(nội dung đăng ký: Đường trục thôn xuống cấp, mùa mưa ngập):",
        "Kiến nghị 7: Đề nghị xã đầu tư nâng cấp đường trục thôn",
        "Đồng chí Lê Văn Nam, Phó Chủ tịch UBND xã trả lời: Xã sẽ khảo sát",
        "Bà Phạm Thị Hòa (xóm Giữa) phát biểu "
        "(nội dung đăng ký: Chế độ cho người có công, hồ sơ chậm):",
        "4. Trả lời, giải trình",
        "Đồng chí Lê Văn Nam, Phó Chủ tịch UBND xã trả lời.",
        "5. Trao đổi thêm",
        "Ông Nguyễn Văn Thành (xóm Đình) phát biểu lần 2.",  # a second turn has no gist of its own
        "III. KẾT LUẬN CỦA CHỦ TỌA",
        "Hội nghị kết thúc vào hồi 08 giờ 49 phút cùng ngày",
    ]
    positions = [joined.index(piece) for piece in order]
    assert positions == sorted(positions)
    assert closing_is_last(text)
    closing = next(t for t in text if t.startswith("Hội nghị kết thúc"))
    assert closing.endswith("./.")
    assignments = d.tables[1]
    rows = [[c.text for c in r.cells] for r in assignments.rows]
    assert rows[0] == ["STT", "Nội dung", "Người/đơn vị chịu trách nhiệm", "Thời hạn"]
    # assigned and forwarded, in the meeting's order, each assignment's task under its content
    assert rows[1:] == [
        [
            "1",
            "Đề nghị hỗ trợ giống cây vụ đông cho hội viên bị thiệt hại do mưa lớn\n"
            "Nhiệm vụ: Rà soát, đề xuất hỗ trợ giống cây vụ đông",
            "Hội Nông dân xã",
            "18/11/2021",
        ],
        [
            "2",
            "Đề nghị xã đầu tư nâng cấp đường trục thôn đoạn cổng làng - nhà văn hóa\n"
            "Nhiệm vụ: Khảo sát, lập phương án nâng cấp đường trục thôn",
            "Công chức Địa chính - Xây dựng",
            "18/11/2021",
        ],
        [
            "3",
            "Đề nghị đẩy nhanh cấp giấy chứng nhận quyền sử dụng đất cho các hộ xóm Chùa",
            "Chuyển Văn phòng Đăng ký đất đai huyện xem xét, giải quyết",
            "Theo quy định",
        ],
        [
            "4",
            "Đề nghị bố trí thu gom rác ven kênh tiêu thường xuyên\n"
            "Nhiệm vụ: Phối hợp tổ thu gom rác, bố trí lịch thu gom 2 lần mỗi tuần",
            "Trưởng thôn Đông Phong",
            "18/11/2021",
        ],
    ]
    signatures = [c.text.split("\n") for c in d.tables[2].rows[0].cells]
    assert signatures[0][0] == "THƯ KÝ" and signatures[0][-1] == "Hoàng Thị Yến"
    assert signatures[1][0] == "CHỦ TỌA" and signatures[1][-1] == "Trần Xuân Mãng"
    block = d.tables[2]  # signatures, then "Nơi nhận" in the same table (kept together)
    assert [p.text for p in block.rows[1].cells[0].paragraphs][-1] == "- Lưu: VT, VP-TK."
    recipients = block.rows[1].cells[0].paragraphs[0].runs[0]
    assert recipients.bold and recipients.italic and recipients.font.size == Pt(12)
    for t in text:
        assert unicodedata.is_normalized("NFC", t)


def test_conclusion_notice_groups_and_signature(played):
    d = docx(played.store, played.meeting_id, "conclusion")
    joined = "\n".join(body_text(d))
    assert (
        "Giao Công chức Địa chính - Xây dựng giải quyết và trả lời ông Nguyễn Văn Thành "
        "(xóm Đình) trước ngày 18/11/2021 về nội dung: Đề nghị xã đầu tư nâng cấp đường trục "
        "thôn đoạn cổng làng - nhà văn hóa." in joined
    )
    assert "- Chuyển Văn phòng Đăng ký đất đai huyện: Đề nghị đẩy nhanh cấp giấy" in joined
    sections = [
        "1. Đánh giá chung",
        "2. Các nội dung đã được trả lời",
        "3. Các nội dung giao giải quyết",
        "4. Các nội dung chuyển cơ quan cấp trên",
        "5. Các nội dung đang xem xét, trả lời sau",
        "6. Tổ chức thực hiện",
    ]
    assert [joined.index(s) for s in sections] == sorted(joined.index(s) for s in sections)
    assert "./." in joined
    recipients, signature = d.tables[1].rows[0].cells
    assert recipients.paragraphs[0].text == "Nơi nhận:"
    assert recipients.paragraphs[-1].text == "- Lưu: VT, VP-TK."
    assert [p.text for p in signature.paragraphs if p.text] == [
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "Trần Xuân Mãng",
    ]


def test_report_counts_and_appendix(played):
    d = docx(played.store, played.meeting_id, "report")
    joined = "\n".join(body_text(d))
    assert "có tổng số 10 ý kiến, kiến nghị" in joined
    assert "- Giao giải quyết: 3 ý kiến;" in joined
    assert (
        "trong 3 nội dung giao giải quyết: 0 nội dung đã trả lời đúng hạn; 0 nội dung trả "
        "lời quá hạn; 0 nội dung đang giải quyết trong hạn; 3 nội dung đã quá hạn" in joined
    )
    appendix = d.tables[-1]
    assert len(appendix.rows) == 11
    assert [c.text for c in appendix.rows[0].cells][:3] == ["STT", "Nội dung", "Người kiến nghị"]
    assert round(d.sections[-1].page_width.mm) == 297  # landscape appendix


def test_export_names_atomic_and_no_silent_overwrite(played, tmp_path: Path):
    first = export_document(played.store, played.meeting_id, "minutes", tmp_path)
    second = export_document(played.store, played.meeting_id, "minutes", tmp_path)
    assert first.name == "2021-10-28_dong-phong_bien-ban.docx"
    assert second.name == "2021-10-28_dong-phong_bien-ban-2.docx"
    with pytest.raises(FileWriteError, match="không ghi đè"):
        export_document(played.store, played.meeting_id, "minutes", first)
    with pytest.raises(FileWriteError, match="không tồn tại"):
        export_document(played.store, played.meeting_id, "minutes", tmp_path / "no" / "x.docx")
    assert {p.name for p in tmp_path.iterdir()} == {first.name, second.name}


@pytest.mark.skipif(
    not hasattr(__import__("os"), "geteuid") or __import__("os").geteuid() == 0,
    reason="root ignores file permissions",
)
def test_read_only_target_gets_a_clear_message(played, tmp_path: Path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(FileWriteError, match="quyền"):
            export_document(played.store, played.meeting_id, "minutes", folder)
    finally:
        folder.chmod(0o700)


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(
    SOFFICE is None or shutil.which("pdftotext") is None,
    reason="LibreOffice and poppler-utils are installed by .ci/run",
)
def test_documents_render_in_libreoffice(played, tmp_path: Path):
    paths = [
        export_document(played.store, played.meeting_id, kind, tmp_path, as_of=AS_OF)
        for kind in ("minutes", "conclusion", "report")
    ]
    subprocess.run(
        [
            SOFFICE,
            "--headless",
            f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            *map(str, paths),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    expectations = {
        "bien-ban": (
            3,
            4,
            [
                "BIÊN BẢN",
                "I. THÀNH PHẦN THAM DỰ",
                "II. NỘI DUNG HỘI NGHỊ",
                "III. KẾT LUẬN CỦA CHỦ TỌA",
                "THƯ KÝ",
            ],
        ),
        "thong-bao-ket-luan": (
            2,
            2,
            ["THÔNG BÁO", "1. Đánh giá chung", "6. Tổ chức thực hiện", "CHỦ TỊCH"],
        ),
        "bao-cao": (  # the appendix lists each assignment's task too
            3,
            4,
            ["BÁO CÁO", "I. TÌNH HÌNH CHUNG", "II. KẾT QUẢ GIẢI QUYẾT", "DANH SÁCH Ý KIẾN, KIẾN"],
        ),
    }
    for path in paths:
        pdf = path.with_suffix(".pdf")
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
        pages = int(
            next(line.split()[-1] for line in info.stdout.splitlines() if line.startswith("Pages:"))
        )
        key = path.stem.split("_", 2)[2]
        low, high, pieces = expectations[key]
        assert low <= pages <= high, (key, pages)
        text = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text  # one line at 12 pt
        positions = [text.index(piece) for piece in pieces]
        assert positions == sorted(positions), key


def test_target_open_in_another_program(played, tmp_path: Path, monkeypatch):
    """On Windows, a .docx open in Word cannot be replaced: os.replace raises PermissionError."""
    import os

    target = tmp_path / "bien-ban.docx"
    target.write_bytes(b"old")

    def locked(src, dst):
        raise PermissionError(13, "The process cannot access the file")

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(FileWriteError, match="đang mở trong chương trình khác"):
        export_document(played.store, played.meeting_id, "minutes", target, overwrite=True)
    monkeypatch.undo()
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["bien-ban.docx"]  # no temporary file left


def test_assigned_without_responsible_is_said_and_counted_alike(played):
    """Old data: a petition "giao giải quyết" with nobody responsible. No document prints it as
    if someone were assigned; the báo cáo counts it the same in part I and part II."""
    store, mid = played.store, played.meeting_id
    first = store.petitions(mid)[0]  # "ghi nhận, tiếp thu" in the demo; old data made it
    store.update("petitions", first.id, {"outcome": "assigned"})  # assigned to nobody
    assert store.petition(first.id).assignment is None
    content = first.content.rstrip(".")
    minutes = "\n".join(body_text(docx(store, mid, "minutes")))
    assert "Kết quả: giao giải quyết (chưa phân công)." in minutes
    assert "Kết quả: giao giải quyết." not in minutes
    notice = "\n".join(body_text(docx(store, mid, "conclusion")))
    assert "- Giao giải quyết và trả lời" not in notice
    assert (
        f"- Giải quyết và trả lời nhân dân về nội dung: {content} "
        "(chưa phân công người, đơn vị chịu trách nhiệm)." in notice
    )
    d = docx(store, mid, "report")
    report = "\n".join(body_text(d))
    assert "- Giao giải quyết: 4 ý kiến;" in report
    assert "trong 4 nội dung giao giải quyết:" in report
    assert "3 nội dung đã quá hạn nhưng chưa trả lời; 1 nội dung chưa phân công" in report
    row = [c.text for c in d.tables[-1].rows[1].cells]
    assert row[4:] == ["Giao giải quyết", "Chưa phân công", "", "Chưa phân công"]


def test_citizens_not_counted_is_a_blank_to_fill(played):
    """Citizens present still 0 (nobody entered it): a dotted blank, not "0 người dân"."""
    store, mid = played.store, played.meeting_id
    store.update_meeting(mid, citizens_present=0)
    minutes = "\n".join(body_text(docx(store, mid, "minutes")))
    assert "Nhân dân: …… người dân thôn" in minutes
    assert " 0 người dân" not in minutes
    notice = "\n".join(body_text(docx(store, mid, "conclusion")))
    assert "cùng …… người dân trong thôn." in notice


def test_title_is_lower_case_inside_a_sentence(played):
    """Administrative style: "trả lời ông …" mid-sentence, never "trả lời Ông …"."""
    notice = "\n".join(body_text(docx(played.store, played.meeting_id, "conclusion")))
    assert "trả lời Ông " not in notice and "trả lời Bà " not in notice
    assert "giải quyết và trả lời ông Nguyễn Văn Thành (xóm Đình) trước ngày" in notice
    assert "giải quyết và trả lời bà Trần Thị Mai (xóm Bến) trước ngày" in notice
    assert "ý kiến của Ông " not in notice and "ý kiến của Bà " not in notice
