"""`facilitator summary --from --to [--doc]`: the commune's periodic figures over all meetings."""

import copy
import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document

from db.store import open_store
from facilitator.documents.pdf import convert, soffice
from facilitator.documents.summary import summary_document
from facilitator.rules.text import TextError
from facilitator.services import followup
from facilitator.services.demo import demo_meeting, play_demo
from facilitator.services.live import Console
from facilitator.services.meetingfile import import_meeting
from facilitator.services.summary import summarise
from tests.test_cli import run

D = dt.date


def two_meetings(store, clock) -> tuple[int, int]:
    """The demo (28/10/2021) played; a second meeting (Tây Phong, 02/12/2021) with a
    complaint, a phản ánh answered and one assignment answered late; a draft in 2021 too."""
    first = import_meeting(store, demo_meeting())
    play_demo(Console(store, first), clock.advance)
    data = copy.deepcopy(demo_meeting())
    data["meeting"].update(village="Tây Phong", date="2021-12-02", status="concluded")
    data["petitions"] = [
        {"content": "Khiếu nại việc thu hồi đất", "field": "Đất đai", "kind": "complaint"},
        {
            "content": "Phản ánh đèn đường hỏng",
            "field": "Giao thông",
            "kind": "feedback",
            "outcome": "answered",
        },
        {
            "content": "Đề nghị nạo vét mương",
            "field": "Nông nghiệp",
            "outcome": "assigned",
            "assignment": {
                "responsible": "Trưởng thôn",
                "due": "2021-12-10",
                "status": "answered",
                "answered_on": "2021-12-15",
            },
        },
    ]
    second = import_meeting(store, data)
    draft = copy.deepcopy(demo_meeting())
    draft["meeting"]["date"] = "2021-12-20"
    import_meeting(store, draft)  # a draft is not a meeting held
    return first, second


def test_figures_over_a_period(store, clock):
    first, _second = two_meetings(store, clock)
    a = next(p for p in store.petitions(first) if p.outcome == "assigned").assignment
    clock.advance(60 * 86400)  # the answer is recorded once given, weeks later
    followup.record_answer(store, a.id, D(2021, 11, 5), "written")  # on time
    s = summarise(store, D(2021, 1, 1), D(2021, 12, 31), D(2021, 12, 31))
    assert [(m.village, n) for m, n in s.meetings] == [("Đông Phong", 10), ("Tây Phong", 3)]
    assert s.petitions == 13
    assert s.kinds == [("petition", 11), ("feedback", 1), ("complaint", 1)]
    assert s.outcomes == [
        ("answered", 2),
        ("assigned", 4),
        ("forwarded", 1),
        ("noted", 1),
        ("none", 4),
        ("law", 1),
    ]
    assert s.fields[:3] == [("Đất đai", 3), ("Giao thông", 3), ("Chính sách xã hội", 2)]
    assert (s.on_time, s.late, s.still_open, s.overdue) == (1, 1, 2, 2)
    only_october = summarise(store, D(2021, 10, 1), D(2021, 10, 31), D(2021, 11, 1))
    assert [m.village for m, _n in only_october.meetings] == ["Đông Phong"]
    assert (only_october.still_open, only_october.overdue) == (2, 0)  # due 18/11, as of 1/11
    with pytest.raises(TextError) as refused:
        summarise(store, D(2021, 12, 31), D(2021, 1, 1), D(2021, 12, 31))
    assert str(refused.value) == "ngày cuối 01/01/2021 trước ngày đầu 31/12/2021"


def test_summary_document_text_and_layout(store, clock, tmp_path):
    two_meetings(store, clock)
    figures = summarise(store, D(2021, 1, 1), D(2021, 12, 31), D(2021, 12, 31))
    path = tmp_path / "tong-hop.docx"
    path.write_bytes(summary_document(store, figures))
    d = Document(str(path))
    text = [p.text for p in d.paragraphs if p.text.strip()]
    assert text[:4] == [
        "BÁO CÁO",
        "Tổng hợp kết quả tiếp xúc, đối thoại trực tiếp với nhân dân từ ngày 01/01/2021 đến "
        "ngày 31/12/2021",
        "I. CÁC HỘI NGHỊ ĐÃ TỔ CHỨC",
        "Trong thời gian từ ngày 01/01/2021 đến ngày 31/12/2021, Ủy ban nhân dân xã Bình Lãng "
        "đã tổ chức 2 hội nghị tiếp xúc, đối thoại trực tiếp với nhân dân, tiếp nhận 13 ý kiến, "
        "kiến nghị:",
    ]
    assert text[-2:] == [
        "III. KẾT QUẢ GIẢI QUYẾT CÁC NỘI DUNG GIAO GIẢI QUYẾT",
        "Tính đến ngày 31 tháng 12 năm 2021, trong 4 nội dung giao giải quyết: 0 nội dung đã "
        "trả lời đúng hạn; 1 nội dung trả lời quá hạn; 3 nội dung chưa trả lời (trong đó 3 nội "
        "dung đã quá hạn)./.",
    ]
    rows = [[c.text for c in row.cells] for row in d.tables[1].rows]
    assert rows == [
        ["STT", "Ngày", "Thôn", "Chủ trì", "Số ý kiến"],
        ["1", "28/10/2021", "Đông Phong", "Trần Xuân Mãng", "10"],
        ["2", "02/12/2021", "Tây Phong", "Trần Xuân Mãng", "3"],
    ]
    kinds = [[c.text for c in row.cells] for row in d.tables[2].rows]
    assert kinds == [
        ["STT", "Nội dung", "Số ý kiến"],
        ["1", "Kiến nghị", "11"],
        ["2", "Phản ánh", "1"],
        ["3", "Khiếu nại", "1"],
    ]
    outcomes = [[c.text for c in row.cells][1:] for row in d.tables[4].rows]
    assert outcomes[-1] == [
        "Khiếu nại, tố cáo chuyển xử lý theo quy định của pháp luật",
        "1",
    ]
    section = d.sections[0]
    assert (round(section.page_width.mm), round(section.left_margin.mm)) == (210, 30)
    assert d.core_properties.title == (
        "Báo cáo tổng hợp kết quả tiếp xúc, đối thoại từ ngày 01/01/2021 đến ngày 31/12/2021"
    )
    if soffice() is None or shutil.which("pdftotext") is None:
        pytest.skip("needs LibreOffice and poppler for the rendering part")
    [pdf] = convert([path], tmp_path)
    pages = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout.split("\f")[:-1]
    assert len(pages) == 2
    whole = "\n".join(pages)
    pieces = ["BÁO CÁO", "I. CÁC HỘI NGHỊ", "II. Ý KIẾN", "III. KẾT QUẢ", "Nơi nhận:", "CHỦ TỊCH"]
    assert [whole.index(p) for p in pieces] == sorted(whole.index(p) for p in pieces)


def test_cli_summary_table_and_docx(tmp_path: Path, clock):
    db = tmp_path / "f.db"
    store = open_store(db, clock=clock)
    two_meetings(store, clock)
    store.close()
    out = run(
        "summary", "--from", "01/10/2021", "--to", "31/10/2021", "--as-of", "25/11/2021", db=db
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == [
        "Tổng hợp từ 01/10/2021 đến 31/10/2021 (tính đến 25/11/2021)",
        "Số hội nghị đã tổ chức: 1",
        "  28/10/2021  Bình Lãng - Đông Phong            10 ý kiến",
        "Số ý kiến, kiến nghị: 10",
        "Theo loại:",
        "  kiến nghị                                   10",
        "Theo lĩnh vực:",
        "  Chính sách xã hội                            2",
        "  Đất đai                                      2",
        "  Giao thông                                   2",
        "  Môi trường                                   1",
        "  Nông nghiệp                                  1",
        "  Văn hóa - Thể thao                           1",
        "  Y tế                                         1",
        "Theo kết quả xử lý:",
        "  trả lời tại hội nghị                         1",
        "  giao giải quyết                              3",
        "  chuyển cấp trên                              1",
        "  ghi nhận, tiếp thu                           1",
        "  chưa xử lý                                   4",
        "Nội dung giao giải quyết: 0 trả lời đúng hạn · 0 trả lời quá hạn · 3 chưa trả lời "
        "(trong đó 3 đã quá hạn)",
    ]
    out = run(
        "summary",
        "--from",
        "2021-01-01",
        "--to",
        "2021-12-31",
        "--doc",
        str(tmp_path),
        db=db,
    )
    assert out.returncode == 0, out.stderr
    written = tmp_path / "tong-hop_2021-01-01_2021-12-31.docx"
    assert out.stdout.splitlines()[-1] == f"Đã ghi: {written}"
    assert written.exists()
    out = run("summary", "--from", "31/12/2021", "--to", "01/01/2021", db=db)
    assert (out.returncode, out.stderr.strip()) == (
        1,
        "Lỗi: ngày cuối 01/01/2021 trước ngày đầu 31/12/2021",
    )
    out = run("summary", "--to", "01/01/2021", db=db)
    assert out.returncode == 2


async def test_summary_from_the_home_screen(tmp_path, clock):
    from textual.widgets import Input

    from facilitator.app import make_app

    app = make_app(tmp_path / "m.db", clock=clock, export_dir=tmp_path / "out")
    two_meetings(app.store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f7")  # home: Tổng hợp
        await pilot.pause()
        form = app.screen
        assert [f.key for f in form.fields] == ["start", "end", "folder"]
        assert form.query_one("#f-start", Input).value == "01/01/2021"
        assert form.query_one("#f-end", Input).value == "28/10/2021"  # today
        form.query_one("#f-start", Input).value = "01/12/2021"
        form.query_one("#f-end", Input).value = "01/11/2021"
        form.query_one("#f-start").focus()
        await pilot.press("enter")  # refused beside the last day, the form stays open
        await pilot.pause()
        assert app.screen is form
        assert "trước ngày đầu" in str(form.query_one("#err-end").render())
        form.query_one("#f-end", Input).value = "31/12/2021"
        await pilot.press("enter")
        await pilot.pause()
        written = tmp_path / "out" / "tong-hop_2021-12-01_2021-12-31.docx"
        assert written.exists()
        text = [p.text for p in Document(str(written)).paragraphs if p.text.strip()]
        assert "tiếp nhận 3 ý kiến, kiến nghị:" in text[3]
        assert app.screen is not form


def test_cli_summary_numbers_stay_in_one_column_with_a_long_label(tmp_path: Path, clock):
    """The trial: "khiếu nại, tố cáo (chuyển xử lý theo luật)" is longer than the 40 cells the
    labels had, and its number stood out of the column."""
    db = tmp_path / "f.db"
    store = open_store(db, clock=clock)
    two_meetings(store, clock)
    store.close()
    out = run("summary", "--from", "01/01/2021", "--to", "31/12/2021", db=db)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert "  khiếu nại, tố cáo (chuyển xử lý theo luật)     1" in lines
    assert "  kiến nghị                                     11" in lines
    start = lines.index("Theo loại:")
    rows = [line for line in lines[start:] if line.startswith("  ")]
    assert len(rows) == 16  # 3 kinds, 7 topics, 6 outcomes
    assert {len(line) for line in rows} == {
        len("  khiếu nại, tố cáo (chuyển xử lý theo luật)     1")
    }
