"""An item's kind (SPEC §7b): kiến nghị, phản ánh, khiếu nại, tố cáo; the last two are handled
under their own laws and never as an ordinary petition."""

import copy
import datetime as dt
import io
import shutil
import subprocess

import pytest
from docx import Document
from textual.widgets import Select

from facilitator.documents import build
from facilitator.services.conclusion import decide, open_items
from facilitator.services.demo import demo_meeting, play_demo
from facilitator.services.live import RuleError
from facilitator.services.meetingfile import MeetingFileError, export_meeting, import_meeting
from facilitator.services.seal import seal, verify
from screens.widgets import NfcTextArea
from tests.test_live_screen import live_app

AS_OF = dt.date(2021, 11, 25)


def lines(store, meeting_id, doc) -> list[str]:
    d = Document(io.BytesIO(build(store, meeting_id, doc, as_of=AS_OF)))
    return [p.text for p in d.paragraphs if p.text.strip()]


@pytest.fixture
def with_kinds(console, clock):
    """The demo meeting played, then: the 4th pre-collected opinion a complaint, the 5th a
    denunciation, the forwarded one (Ông Vũ Đức Lợi) a phản ánh."""
    play_demo(console, clock.advance)
    store, mid = console.store, console.meeting_id
    pre = [p for p in store.petitions(mid) if p.speaker_id is None]
    console.answer_petition(pre[3].id, kind="complaint")
    console.answer_petition(pre[4].id, kind="denunciation")
    forwarded = next(p for p in store.petitions(mid) if p.outcome == "forwarded")
    console.answer_petition(
        forwarded.id, kind="feedback", outcome="forwarded", forwarded_to=forwarded.forwarded_to
    )
    return console


def test_kind_stored_default_and_refused_outcome(console):
    store, mid = console.store, console.meeting_id
    console.next_phase()
    assert all(p.kind == "petition" for p in store.petitions(mid))
    pid = console.record_petition("Tố cáo cán bộ thu tiền sai quy định", kind="denunciation")
    assert store.petition(pid).kind == "denunciation"
    with pytest.raises(RuleError) as refused:
        decide(console, pid, "assigned", responsible="Công an xã")
    assert (str(refused.value), refused.value.field) == (
        "tố cáo được chuyển xử lý theo Luật Tố cáo, không chọn kết quả như kiến nghị",
        "outcome",
    )
    assert store.petition(pid).assignment is None
    assert pid not in [p.id for p in open_items(store, mid).undecided]
    with pytest.raises(RuleError):
        console.record_petition("x", kind="khieu-nai")
    # back to an ordinary kind: an outcome is accepted again
    decide(console, pid, "noted", kind="feedback")
    assert (store.petition(pid).kind, store.petition(pid).outcome) == ("feedback", "noted")


def test_minutes_print_each_kind(with_kinds):
    text = lines(with_kinds.store, with_kinds.meeting_id, "minutes")
    i = text.index(
        "- Khiếu nại 4: Đề nghị giải quyết dứt điểm tranh chấp ranh giới đất ở xóm Chùa "
        "(nguồn: Hội Cựu chiến binh)."
    )
    assert text[i + 1] == "Kết quả: chuyển xử lý theo Luật Khiếu nại."
    i = text.index(
        "- Tố cáo 5: Đề nghị bố trí sân chơi cho thanh thiếu niên trong thôn (nguồn: Đoàn Thanh "
        "niên)."
    )
    assert text[i + 1] == "Kết quả: chuyển xử lý theo Luật Tố cáo."
    i = text.index(
        "Phản ánh 9: Đề nghị đẩy nhanh cấp giấy chứng nhận quyền sử dụng đất cho các hộ xóm Chùa."
    )
    assert text[i + 1] == ("Kết quả: chuyển Văn phòng Đăng ký đất đai huyện xem xét, giải quyết.")
    assert (
        "Kiến nghị 7: Đề nghị xã đầu tư nâng cấp đường trục thôn đoạn cổng làng - nhà văn hóa."
        in text
    )


def test_conclusion_lists_complaints_apart(with_kinds):
    text = lines(with_kinds.store, with_kinds.meeting_id, "conclusion")
    assert any(
        "2 ý kiến đang xem xét, trả lời sau; 2 đơn khiếu nại, tố cáo chuyển xử lý theo quy định "
        "của pháp luật. Sau khi nghe" in line
        for line in text
    )
    five = text.index("5. Các nội dung đang xem xét, trả lời sau")
    six = text.index("6. Các đơn khiếu nại, tố cáo")
    assert text[five + 1 : six] == [
        "- Đề nghị tăng cường kiểm tra vệ sinh an toàn thực phẩm tại chợ thôn (ý kiến qua Hội "
        "Phụ nữ).",
        "- Đề nghị công khai danh sách hộ nghèo, cận nghèo năm 2021 (ý kiến qua Đại biểu HĐND).",
    ]
    assert text[six + 1 : six + 4] == [
        "- Đề nghị giải quyết dứt điểm tranh chấp ranh giới đất ở xóm Chùa (khiếu nại qua Hội "
        "Cựu chiến binh): chuyển xử lý theo Luật Khiếu nại.",
        "- Đề nghị bố trí sân chơi cho thanh thiếu niên trong thôn (tố cáo của công dân, "
        "người tố cáo được giữ bí mật): chuyển xử lý theo Luật Tố cáo.",
        "7. Tổ chức thực hiện",
    ]
    assert (
        "- Chuyển Văn phòng Đăng ký đất đai huyện: Đề nghị đẩy nhanh cấp giấy chứng nhận quyền sử "
        "dụng đất cho các hộ xóm Chùa (phản ánh)." in text
    )


def test_report_counts_kinds_and_lists_complaints_apart(with_kinds):
    store, mid = with_kinds.store, with_kinds.meeting_id
    text = lines(store, mid, "report")
    start = text.index("I. TÌNH HÌNH CHUNG")
    assert text[start + 2 : start + 11] == [
        "- Đã trả lời tại hội nghị: 1 ý kiến;",
        "- Giao giải quyết: 3 ý kiến;",
        "- Chuyển cấp trên: 1 ý kiến;",
        "- Ghi nhận, tiếp thu: 1 ý kiến;",
        "- Đang xem xét, trả lời sau: 2 ý kiến;",
        "- Khiếu nại, chuyển xử lý theo Luật Khiếu nại: 1 đơn;",
        "- Tố cáo, chuyển xử lý theo Luật Tố cáo: 1 đơn.",
        "Phân theo loại: Kiến nghị: 7; Phản ánh: 1; Khiếu nại: 1; Tố cáo: 1.",
        "Phân theo lĩnh vực: Giao thông: 2; Đất đai: 2; Chính sách xã hội: 2; Nông nghiệp: 1; "
        "Y tế: 1; Văn hóa - Thể thao: 1; Môi trường: 1.",
    ]
    i = text.index("Các đơn khiếu nại, tố cáo: 2 đơn:")
    assert text[i + 1 : i + 4] == [
        "- Đề nghị giải quyết dứt điểm tranh chấp ranh giới đất ở xóm Chùa (khiếu nại qua Hội "
        "Cựu chiến binh): chuyển xử lý theo Luật Khiếu nại.",
        "- Đề nghị bố trí sân chơi cho thanh thiếu niên trong thôn (tố cáo của công dân, người "
        "tố cáo được giữ bí mật): chuyển xử lý theo Luật Tố cáo.",
        "Ý kiến của người kiến nghị về kết quả trả lời: chưa lấy ý kiến (1 ý kiến đã được trả "
        "lời).",
    ]
    d = Document(io.BytesIO(build(store, mid, "report", as_of=AS_OF)))
    rows = [[c.text for c in row.cells] for row in d.tables[-1].rows]
    assert rows[4][1:5] == [
        "Khiếu nại: Đề nghị giải quyết dứt điểm tranh chấp ranh giới đất ở xóm Chùa",
        "Ý kiến qua Hội Cựu chiến binh",
        "Đất đai",
        "Chuyển xử lý theo Luật Khiếu nại",
    ]
    assert rows[4][5:] == ["", "", ""]  # no body, no deadline, no status
    assert rows[5][1:3] == [  # the denouncer is not named (Luật Tố cáo)
        "Tố cáo: Đề nghị bố trí sân chơi cho thanh thiếu niên trong thôn",
        "Người tố cáo được giữ bí mật",
    ]


def test_meeting_file_round_trip_with_kinds(with_kinds, store):
    data = export_meeting(store, with_kinds.meeting_id)
    assert [p["kind"] for p in data["petitions"]] == [
        "petition",
        "petition",
        "petition",
        "complaint",
        "denunciation",
        "petition",
        "petition",
        "petition",
        "feedback",
        "petition",
    ]
    again = import_meeting(store, copy.deepcopy(data))
    assert export_meeting(store, again)["petitions"] == data["petitions"]


def test_older_file_without_kinds_imports_and_complaint_with_outcome_refused(store):
    data = demo_meeting()
    assert all("kind" not in p for p in data["petitions"])
    mid = import_meeting(store, copy.deepcopy(data))
    assert {p.kind for p in store.petitions(mid)} == {"petition"}
    data["petitions"][1]["kind"] = "complaint"
    data["petitions"][1]["outcome"] = "noted"
    with pytest.raises(MeetingFileError) as refused:
        import_meeting(store, data)
    assert str(refused.value) == (
        "petitions[1].outcome: khiếu nại được chuyển xử lý theo Luật Khiếu nại, không chọn kết "
        "quả như kiến nghị"
    )
    data["petitions"][1]["kind"] = "khiếu nại"
    with pytest.raises(MeetingFileError) as refused:
        import_meeting(store, data)
    assert str(refused.value) == "petitions[1].kind: giá trị không hợp lệ: khiếu nại"


def test_kind_is_sealed_and_default_kind_keeps_older_seals(with_kinds):
    store, mid = with_kinds.store, with_kinds.meeting_id
    seal(with_kinds, "Hoàng Thị Yến")
    assert verify(store, mid).intact
    pid = next(p.id for p in store.petitions(mid) if p.kind == "complaint")
    store.update("petitions", pid, {"kind": "petition"})  # behind the program's back
    verdict = verify(store, mid)
    assert not verdict.intact


async def test_f2_in_the_f7_form_steps_the_kind(tmp_path, clock):
    app = live_app(tmp_path, clock)
    store, mid = app.store, app.meeting_id
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f8", "f3", "enter", "f7")
        await pilot.pause()
        form = app.screen
        form.query_one("#f-content", NfcTextArea).load_text("Khiếu nại quyết định thu hồi đất")
        assert form.query_one("#f-kind", Select).value == "petition"
        await pilot.press("f2", "f2")  # kiến nghị → phản ánh → khiếu nại, typing in the content
        assert form.query_one("#f-kind", Select).value == "complaint"
        assert form.focused is form.query_one("#f-content")
        await pilot.press("ctrl+s")
        await pilot.pause()
        petition = store.petitions(mid)[-1]
        assert (petition.content, petition.kind, petition.outcome) == (
            "Khiếu nại quyết định thu hồi đất",
            "complaint",
            None,
        )
        # The decision form of the same item (F9 → Enter): F6 twice goes round to kiến nghị
        await pilot.press("f9")
        await pilot.pause()
        table = app.screen.query_one("#petitions")
        table.move_cursor(row=table.row_count - 1)
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert form.query_one("#f-kind", Select).value == "complaint"
        form.query_one("#f-outcome", Select).value = "noted"
        await pilot.press("enter")  # refused next to the outcome: the form stays open
        await pilot.pause()
        assert app.screen is form
        assert "Luật Khiếu nại" in str(form.query_one("#err-outcome").render())
        await pilot.press("f6", "f6")  # F2 sets an outcome in this form: F6 steps the kind
        assert form.query_one("#f-kind", Select).value == "petition"
        await pilot.press("ctrl+s")
        await pilot.pause()
        petition = store.petitions(mid)[-1]
        assert (petition.kind, petition.outcome) == ("petition", "noted")


def test_a_complaint_never_holds_up_the_answers_duty_nor_takes_an_officials_answer(console, clock):
    from facilitator.services import followup

    store, mid = console.store, console.meeting_id
    play_demo(console, clock.advance)
    clock.advance(60 * 86400)  # the answers are recorded once given, weeks later
    for p in store.petitions(mid):
        if p.outcome is None:  # the four opinions still open: two decided, two by law
            if p.seq in (3, 6):
                decide(console, p.id, "noted")
            else:
                console.answer_petition(p.id, kind="complaint" if p.seq == 4 else "denunciation")
        elif p.outcome == "assigned":
            followup.record_answer(store, p.assignment.id, dt.date(2021, 11, 12), "written")
    answers = next(d for d in followup.statutory_duties(store, mid) if d.key == "answer")
    assert answers.done_on == dt.date(2021, 11, 12)
    petitions, _default = console.petitions_to_answer()
    assert petitions == []


def test_a_denouncer_is_never_named_in_the_notice_or_the_report(console, clock):
    """Luật Tố cáo: the thông báo is published; the báo cáo goes to other bodies."""
    play_demo(console, clock.advance)
    store, mid = console.store, console.meeting_id
    mai = next(p for p in store.petitions(mid) if "rác" in p.content)
    decide(console, mai.id, None, kind="denunciation")
    assert store.petition(mai.id).assignment is None
    for doc in ("conclusion", "report"):
        text = "\n".join(lines(store, mid, doc))
        assert "Trần Thị Mai" not in text, doc
        assert (
            "thu gom rác ven kênh tiêu thường xuyên (tố cáo của công dân, người tố cáo được giữ "
            "bí mật)" in text
        )
    d = Document(io.BytesIO(build(store, mid, "report", as_of=AS_OF)))
    assert "Trần Thị Mai" not in "".join(c.text for row in d.tables[-1].rows for c in row.cells)


def test_a_pre_collected_list_brings_each_items_kind(store, meeting_id, tmp_path):
    from facilitator.services import preparation

    before = len(store.petitions(meeting_id))
    listed = tmp_path / "y-kien.csv"
    listed.write_text(
        "Nội dung;Lĩnh vực;Nguồn;Loại\n"
        "Đề nghị sửa cống;Thủy lợi;MTTQ;\n"
        "Đèn đường hỏng nhiều tháng;Hạ tầng;Hội Phụ nữ;Phan anh\n"
        "Khiếu nại quyết định thu hồi đất;Đất đai;Hội Nông dân;KHIẾU NẠI\n"
        "Tố cáo việc thu tiền sai;Tài chính;MTTQ;tố cáo\n",
        encoding="utf-8-sig",
    )
    assert preparation.import_petitions(store, meeting_id, listed) == preparation.PetitionImport(
        4, 0
    )
    added = store.petitions(meeting_id)[before:]
    assert [p.kind for p in added] == ["petition", "feedback", "complaint", "denunciation"]
    wrong = tmp_path / "sai.csv"
    wrong.write_text("Nội dung;Loại\nĐề nghị A;kiến nghị\nĐề nghị B;góp ý\n", encoding="utf-8")
    with pytest.raises(RuleError) as refused:
        preparation.import_petitions(store, meeting_id, wrong)
    assert str(refused.value) == (
        "dòng 3: loại «góp ý» không rõ (kiến nghị, phản ánh, khiếu nại hoặc tố cáo)"
    )
    assert len(store.petitions(meeting_id)) == before + 4  # all or nothing


@pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="needs LibreOffice and poppler",
)
def test_documents_with_kinds_and_satisfaction_render_in_libreoffice(with_kinds, tmp_path, clock):
    """As the clerk prints them: the complaints' section and the petitioners' answers in place,
    the signature page holding the body's last words."""
    from facilitator.documents.pdf import convert
    from facilitator.services import followup, publication
    from facilitator.services.exporting import export_document
    from tests.test_rendering import check_signature_page

    store, mid = with_kinds.store, with_kinds.meeting_id
    answered = next(p for p in store.petitions(mid) if p.outcome == "answered")
    publication.set_satisfaction(store, answered.id, "satisfied")
    assigned = next(p for p in store.petitions(mid) if p.outcome == "assigned")
    clock.advance(60 * 86400)  # the answers are recorded once given, weeks later
    followup.record_answer(store, assigned.assignment.id, dt.date(2021, 11, 12), "written")
    publication.set_satisfaction(store, assigned.id, "unsatisfied")
    paths = {
        doc: export_document(store, mid, doc, tmp_path / f"{doc}.docx", as_of=AS_OF, number="5")
        for doc in ("minutes", "conclusion", "report")
    }
    convert(list(paths.values()), tmp_path)
    for doc, path in paths.items():
        text = subprocess.run(
            ["pdftotext", "-layout", str(path.with_suffix(".pdf")), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        pages = text.split("\f")[:-1]
        check_signature_page(pages, doc, "kinds")
        flat = " ".join(text.split())
        if doc == "minutes":
            pieces = [
                "Khiếu nại 4: Đề nghị giải quyết",
                "chuyển xử lý theo Luật Khiếu nại",
                "THƯ KÝ",
            ]
        elif doc == "conclusion":
            pieces = ["5. Các nội dung đang xem xét", "6. Các đơn khiếu nại, tố cáo", "7. Tổ chức"]
        else:
            pieces = [
                "Phân theo loại: Kiến nghị: 7; Phản ánh: 1; Khiếu nại: 1; Tố cáo: 1.",
                "Các đơn khiếu nại, tố cáo: 2 đơn:",
                "(tố cáo của công dân, người tố cáo được giữ bí mật)",
                "(2 ý kiến đã được trả lời): 1 hài lòng, 1 chưa hài lòng; trong đó:",
                "III. ĐỀ XUẤT, KIẾN NGHỊ",
                "DANH SÁCH Ý KIẾN, KIẾN NGHỊ",
            ]
        missing = [p for p in pieces if p not in flat]
        assert missing == [], (doc, missing)
        assert [flat.index(p) for p in pieces] == sorted(flat.index(p) for p in pieces), doc
