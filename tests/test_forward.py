"""`export ID --doc forward`: one Công văn per receiving body of the forwarded petitions."""

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document

from facilitator.documents.pdf import convert, soffice
from facilitator.rules.text import TextError
from facilitator.services.conclusion import decide
from facilitator.services.demo import play_demo
from facilitator.services.exporting import export_forward
from facilitator.services.files import FileWriteError

AS_OF = dt.date(2021, 11, 1)
LAND = "Văn phòng Đăng ký đất đai huyện"


@pytest.fixture
def forwarded(console, clock):
    """The demo played (Ông Vũ Đức Lợi's petition forwarded to the land office), then two
    pre-collected opinions forwarded: one to the same office (typed with other spaces), one to
    the health centre."""
    play_demo(console, clock.advance)
    pre = [p for p in console.store.petitions(console.meeting_id) if p.speaker_id is None]
    decide(
        console,
        pre[3].id,
        "forwarded",
        forwarded_to="Văn phòng  Đăng ký đất đai huyện ",
        answer="Xã đã làm việc với các hộ liên quan.",
        answered_by_name="Lê Văn Nam",
        answered_by_position="Phó Chủ tịch UBND xã",
    )
    decide(console, pre[2].id, "forwarded", forwarded_to="Trung tâm Y tế huyện")
    return console


def paragraphs(path: Path) -> list[str]:
    return [p.text for p in Document(str(path)).paragraphs if p.text.strip()]


def test_one_letter_per_body_with_windows_safe_names(forwarded, tmp_path):
    paths = export_forward(forwarded.store, forwarded.meeting_id, tmp_path, as_of=AS_OF)
    assert [p.name for p in paths] == [
        "2021-10-28_dong-phong_cong-van-chuyen_trung-tam-y-te-huyen.docx",
        "2021-10-28_dong-phong_cong-van-chuyen_van-phong-dang-ky-dat-dai-huyen.docx",
    ]
    assert paragraphs(paths[1]) == [
        f"Kính gửi: {LAND}.",
        "Ngày 28/10/2021, Ủy ban nhân dân xã Bình Lãng tổ chức hội nghị tiếp xúc, đối thoại trực "
        "tiếp giữa Chủ tịch Ủy ban nhân dân xã với nhân dân thôn Đông Phong. Tại hội nghị, nhân "
        "dân có ý kiến, kiến nghị thuộc thẩm quyền giải quyết của Quý cơ quan, cụ thể như sau:",
        "1. Ý kiến của nhân dân thôn Đông Phong qua Hội Cựu chiến binh (kiến nghị, lĩnh vực Đất "
        "đai): “Đề nghị giải quyết dứt điểm tranh chấp ranh giới đất ở xóm Chùa”.",
        "Ý kiến trả lời tại hội nghị (đồng chí Lê Văn Nam, Phó Chủ tịch UBND xã): Xã đã làm việc "
        "với các hộ liên quan.",
        "2. Ông Vũ Đức Lợi (xóm Chùa, thôn Đông Phong) (kiến nghị, lĩnh vực Đất đai): “Đề nghị "
        "đẩy nhanh cấp giấy chứng nhận quyền sử dụng đất cho các hộ xóm Chùa”.",
        f"Ủy ban nhân dân xã Bình Lãng chuyển các nội dung trên đến {LAND} xem xét, giải "
        "quyết theo thẩm quyền và trả lời công dân; đồng thời thông báo kết quả về Ủy ban nhân "
        "dân xã (qua Văn phòng\u00a0- Thống kê) để tổng hợp, công khai cho nhân dân được biết./.",
    ]
    document = Document(str(paths[0]))
    header = [[c.text for c in row.cells] for row in document.tables[0].rows]
    assert header == [
        [
            "ỦY BAN NHÂN DÂN\nXÃ BÌNH LÃNG\n",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
        ],
        [
            "Số:      /UBND-VP-TK\nV/v chuyển ý kiến, kiến nghị của công dân",
            "Bình Lãng, ngày 01 tháng 11 năm 2021",
        ],
    ]
    signature = [[c.text for c in row.cells] for row in document.tables[1].rows]
    assert signature == [
        [
            "Nơi nhận:\n- Như trên;\n- Thôn Đông Phong;\n- Lưu: VT, VP-TK.",
            "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\n\n\n\nTrần Xuân Mãng",
        ]
    ]
    assert document.core_properties.title == (
        "Công văn chuyển ý kiến, kiến nghị của công dân đến Trung tâm Y tế huyện"
    )
    section = document.sections[0]
    assert (round(section.left_margin.mm), round(section.right_margin.mm)) == (30, 15)
    # written again: new names, never an overwrite
    again = export_forward(forwarded.store, forwarded.meeting_id, tmp_path, as_of=AS_OF)
    assert [p.name for p in again] == [
        "2021-10-28_dong-phong_cong-van-chuyen_trung-tam-y-te-huyen-2.docx",
        "2021-10-28_dong-phong_cong-van-chuyen_van-phong-dang-ky-dat-dai-huyen-2.docx",
    ]


def test_nothing_forwarded_or_a_file_as_target_refused(console, tmp_path):
    with pytest.raises(TextError) as refused:
        export_forward(console.store, console.meeting_id, tmp_path)
    assert str(refused.value) == "không có kiến nghị nào chuyển cấp trên (kết quả: chuyển cấp trên)"
    target = tmp_path / "x.docx"
    target.write_bytes(b"")
    with pytest.raises(FileWriteError):
        export_forward(console.store, console.meeting_id, target)
    assert list(tmp_path.iterdir()) == [target]


def test_a_draft_letter_says_so(console, tmp_path):
    console.next_phase()
    pid = console.record_petition("Đề nghị sửa cầu treo", "Giao thông")
    decide(console, pid, "forwarded", forwarded_to="Sở Xây dựng")
    [path] = export_forward(console.store, console.meeting_id, tmp_path)
    assert paragraphs(path)[:2] == ["DỰ THẢO", "Kính gửi: Sở Xây dựng."]


@pytest.mark.skipif(
    soffice() is None or shutil.which("pdftotext") is None, reason="needs LibreOffice, poppler"
)
def test_letters_render_in_libreoffice_on_one_page(forwarded, tmp_path):
    paths = export_forward(forwarded.store, forwarded.meeting_id, tmp_path, as_of=AS_OF)
    pdfs = convert(paths, tmp_path)
    for pdf in pdfs:
        text = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        pages = text.split("\f")[:-1]
        assert len(pages) == 1
        lines = [line.strip() for line in pages[0].splitlines() if line.strip()]
        assert lines[0].split() == [
            "ỦY", "BAN", "NHÂN", "DÂN", "CỘNG", "HÒA", "XÃ", "HỘI", "CHỦ", "NGHĨA", "VIỆT", "NAM"
        ]  # fmt: skip
        assert "Bình Lãng, ngày 01 tháng 11 năm 2021" in lines[2]
        order = ["Kính gửi:", "cụ thể như sau:", "./.", "Nơi nhận:", "Trần Xuân Mãng"]
        at = [next(i for i, line in enumerate(lines) if piece in line) for piece in order]
        assert at == sorted(at)


def test_a_speaker_of_the_village_itself_is_not_given_the_village_twice(console, tmp_path):
    """The trial: Bà Nguyễn Thị Hoà of thôn Đông Phong (the meeting's village) forwarded."""
    sid = console.register("Nguyễn Thị Hoà", "Đông Phong", title="Bà").speaker_id
    pid = console.record_petition("Đề nghị đôn đốc cấp GCNQSDĐ.", speaker_id=sid)
    decide(console, pid, "forwarded", forwarded_to=LAND)
    (path,) = export_forward(console.store, console.meeting_id, tmp_path, as_of=AS_OF)
    text = "\n".join(paragraphs(path))
    assert "1. Bà Nguyễn Thị Hoà (thôn Đông Phong) (kiến nghị" in text
    assert "(thôn Đông Phong), thôn Đông Phong" not in text


def test_a_speaker_of_another_hamlet_is_named_with_her_own_hamlet_only(console, tmp_path):
    """The trial: Phùng Khánh Linh registered from Tây Phong; the meeting is in Đông Phong."""
    sid = console.register("Phùng Khánh Linh", "Tây Phong").speaker_id
    pid = console.record_petition("Đề nghị đôn đốc cấp GCNQSDĐ.", speaker_id=sid, field="Đất đai")
    decide(console, pid, "forwarded", forwarded_to=LAND)
    (path,) = export_forward(console.store, console.meeting_id, tmp_path, as_of=AS_OF)
    lines = [line for line in paragraphs(path) if line.startswith("1. ")]
    assert lines == [
        "1. Phùng Khánh Linh (thôn Tây Phong) (kiến nghị, lĩnh vực Đất đai): "
        "“Đề nghị đôn đốc cấp GCNQSDĐ”."
    ]


def test_an_output_ending_in_docx_is_a_file_name_never_a_folder(forwarded, console, tmp_path):
    """The trial: -o /tmp/x/forward.docx made a folder named forward.docx."""
    target = tmp_path / "x" / "forward.docx"
    paths = export_forward(forwarded.store, forwarded.meeting_id, target, as_of=AS_OF)
    assert paths == [tmp_path / "x" / "forward-1.docx", tmp_path / "x" / "forward-2.docx"]
    assert all(p.is_file() for p in paths) and not target.exists()
    assert paragraphs(paths[1])[0] == f"Kính gửi: {LAND}."
    with pytest.raises(FileWriteError):  # never overwritten silently
        export_forward(forwarded.store, forwarded.meeting_id, target, as_of=AS_OF)
    again = export_forward(
        forwarded.store, forwarded.meeting_id, target, as_of=AS_OF, overwrite=True
    )
    assert again == paths and sorted((tmp_path / "x").iterdir()) == paths


def test_a_citizen_of_a_xom_of_another_thon_is_placed_in_her_own_thon_once(console, tmp_path):
    """Trial 8: "1. Bà Đặng Ngọc Ánh (xóm Trại, Tây Phong), thôn Đông Phong" printed the
    meeting's thôn after her own. Each citizen's place once, with its thôn: her own when the
    address names one, the meeting's when it names only a xóm, or nothing."""
    anh = console.register("Đặng Ngọc Ánh", "xóm Trại, Tây Phong", title="Bà").speaker_id
    loi = console.register("Vũ Văn Lợi", "xóm Chùa", title="Ông").speaker_id
    hoa = console.register("Nguyễn Thị Hoa", "", title="Bà").speaker_id
    for sid, content in (
        (anh, "Đề nghị thay cột điện nghiêng ở xóm Trại."),
        (loi, "Đề nghị kéo điện ra đồng."),
        (hoa, "Đề nghị sửa đường dây hạ thế."),
    ):
        pid = console.record_petition(content, speaker_id=sid, field="Điện")
        decide(console, pid, "forwarded", forwarded_to="Điện lực Tứ Kỳ")
    (path,) = export_forward(console.store, console.meeting_id, tmp_path, as_of=AS_OF)
    items = [line for line in paragraphs(path) if line[:3] in ("1. ", "2. ", "3. ")]
    assert items == [
        "1. Bà Đặng Ngọc Ánh (xóm Trại, thôn Tây Phong) (kiến nghị, lĩnh vực Điện): "
        "“Đề nghị thay cột điện nghiêng ở xóm Trại”.",
        "2. Ông Vũ Văn Lợi (xóm Chùa, thôn Đông Phong) (kiến nghị, lĩnh vực Điện): "
        "“Đề nghị kéo điện ra đồng”.",
        "3. Bà Nguyễn Thị Hoa (thôn Đông Phong) (kiến nghị, lĩnh vực Điện): "
        "“Đề nghị sửa đường dây hạ thế”.",
    ]
    recipients = Document(str(path)).tables[1].rows[0].cells[0].text
    assert recipients == (
        "Nơi nhận:\n- Như trên;\n- Thôn Tây Phong;\n- Thôn Đông Phong;\n- Lưu: VT, VP-TK."
    )
