"""What a second trial (a new secretary with only the README) found: an answer printed twice in
the biên bản, corrections after sealing, dates in the future, clocks that count differently,
keys dropped by a closed Select, a seal that did not say who sealed, cut-offs at 80×24."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from docx import Document
from textual.widgets import DataTable, Input, Label, Select

from db.store import open_store
from facilitator.app import make_app
from facilitator.documents import build
from facilitator.rules.clock import TZ, FrozenClock, local, system_clock
from facilitator.rules.text import titled
from facilitator.services import publication as pub
from facilitator.services.conclusion import decide
from facilitator.services.demo import demo_meeting, play_demo
from facilitator.services.live import Console, RuleError
from facilitator.services.meetingfile import import_meeting
from facilitator.services.seal import amend_petition, seal, seals, verify
from tests.conftest import MEETING_START
from tests.helpers import live_app, run_cli


def paragraphs(console: Console, kind: str = "minutes") -> list[str]:
    document = Document(io.BytesIO(build(console.store, console.meeting_id, kind)))
    return [p.text for p in document.paragraphs if p.text.strip()]


def _answered_in_a_turn(console: Console, said: str, answer: str) -> None:
    """Bà Hoà asks, the chair answers in a turn of his own, and F7 files the typed words as the
    petition's answer (the answer form offers them)."""
    for _ in range(3):
        console.next_phase()
    for s in console.store.speakers(console.meeting_id):
        console.set_absent(s.id, "withdrawn")
    hoa = console.register("Nguyễn Thị Hoà", "Đông Phong", "Đường trục thôn", title="Bà")
    console.call_next()
    pid = console.record_petition("Sửa đường trục thôn.", speaker_id=hoa.speaker_id)
    console.next_phase()  # 4. Trả lời, giải trình
    turn = console.start_answer("Trần Xuân Mãng", "Chủ tịch UBND xã", [pid])
    entry = console.store.minutes(console.meeting_id)[-1]
    console.save_entry(entry.id, said)
    console.tie_answer(pid, turn)
    decide(
        console,
        pid,
        "answered",
        answer=answer,
        answered_by_name="Trần Xuân Mãng",
        answered_by_position="Chủ tịch UBND xã",
    )


def test_an_answer_given_in_a_turn_is_printed_once(console):
    said = "Đường trục thôn sẽ được khởi công trong quý II/2022."
    _answered_in_a_turn(console, said, said)
    text = paragraphs(console)
    assert "Kiến nghị 7: Sửa đường trục thôn." in text
    i = text.index("Kiến nghị 7: Sửa đường trục thôn.")
    assert text[i + 1] == (
        "Đồng chí Trần Xuân Mãng, Chủ tịch UBND xã trả lời tại mục “4. Trả lời, giải trình”."
    )
    # the outcome after the answer (trial 8), not before it
    j = text.index(
        "Đồng chí Trần Xuân Mãng, Chủ tịch UBND xã trả lời kiến nghị 7: Đường trục thôn sẽ "
        "được khởi công trong quý II/2022."
    )
    assert text[j + 1] == "Kết quả: đã trả lời tại hội nghị."
    assert sum(t.count("khởi công trong quý II/2022") for t in text) == 1


def test_an_answer_that_differs_from_what_was_said_is_printed_as_filed(console):
    _answered_in_a_turn(
        console,
        "Xã đã có kế hoạch; tôi xin báo cáo thêm về nguồn vốn.",
        "Khởi công quý II/2022.",
    )
    text = paragraphs(console)
    i = text.index("Kiến nghị 7: Sửa đường trục thôn.")
    assert text[i + 1] == (
        "Đồng chí Trần Xuân Mãng, Chủ tịch UBND xã trả lời tại mục “4. Trả lời, giải trình”."
    )
    # the answer of record after the turn, with the outcome (trial 9): printed once, where
    # it was given
    j = text.index(
        "Đồng chí Trần Xuân Mãng, Chủ tịch UBND xã trả lời kiến nghị 7: Xã đã có kế hoạch; "
        "tôi xin báo cáo thêm về nguồn vốn."
    )
    assert text[j + 1] == (
        "Kết quả: đã trả lời tại hội nghị; nội dung trả lời: Khởi công quý II/2022."
    )
    assert sum(t.count("Khởi công quý II/2022") for t in text) == 1


# ----- 2. amendments of petitions, answers, receiving bodies ---------------------------------
@pytest.fixture
def sealed(console, clock):
    play_demo(console, clock.advance)
    seal(console, "Hoàng Thị Yến")
    clock.advance(600)
    return console


def footer(console: Console) -> list[str]:
    document = Document(io.BytesIO(build(console.store, console.meeting_id, "minutes")))
    return [p.text for p in document.sections[0].footer.paragraphs]


def test_a_sealed_answer_is_corrected_by_amendment_with_before_and_after(sealed):
    made = amend_petition(
        sealed,
        8,
        answer="Hồ sơ đã được chuyển Phòng Lao động - TB&XH huyện ngày 16/9/2021.",
        by="Hoàng Thị Yến",
        why="đọc lại: sai ngày",
    )
    (p,) = [p for p in sealed.store.petitions(sealed.meeting_id) if p.seq == 8]
    assert p.answer == "Hồ sơ đã được chuyển Phòng Lao động - TB&XH huyện ngày 16/9/2021."
    assert made.change == {
        "petition": 8,
        "before": {"answer": "Hồ sơ đã được chuyển Phòng Lao động - TB&XH huyện ngày 15/9/2021."},
        "after": {"answer": "Hồ sơ đã được chuyển Phòng Lao động - TB&XH huyện ngày 16/9/2021."},
    }
    assert footer(sealed)[1] == (
        "Đính chính kiến nghị số 8 (trả lời) lúc 08:59 ngày 28/10/2021: đọc lại: sai ngày "
        "(Hoàng Thị Yến)"
    )
    assert verify(sealed.store, sealed.meeting_id).intact
    assert any(
        "Hồ sơ đã được chuyển Phòng Lao động - TB&XH huyện ngày 16/9/2021" in t
        for t in paragraphs(sealed)
    )


def test_receiving_body_content_and_responsible_are_corrected_too(sealed):
    amend_petition(
        sealed,
        9,
        forwarded_to="Chi nhánh Văn phòng Đăng ký đất đai huyện",
        content="Đề nghị đẩy nhanh cấp giấy chứng nhận quyền sử dụng đất.",
        by="Yến",
        why="sai tên cơ quan",
    )
    amend_petition(
        sealed, 10, responsible="Trưởng thôn Tây Phong", due="25/11/2021", by="Yến", why="nhầm"
    )
    by_seq = {p.seq: p for p in sealed.store.petitions(sealed.meeting_id)}
    assert by_seq[9].forwarded_to == "Chi nhánh Văn phòng Đăng ký đất đai huyện"
    assert by_seq[9].content == "Đề nghị đẩy nhanh cấp giấy chứng nhận quyền sử dụng đất."
    assert by_seq[9].outcome == "forwarded"
    assert (by_seq[10].assignment.responsible, by_seq[10].assignment.due) == (
        "Trưởng thôn Tây Phong",
        dt.date(2021, 11, 25),
    )
    chain = seals(sealed.store, sealed.meeting_id)
    assert chain[2].change["before"] == {
        "responsible": "Trưởng thôn Đông Phong",
        "due": "18/11/2021",
    }
    assert footer(sealed)[1:] == [
        "Đính chính kiến nghị số 9 (nội dung, cơ quan nhận) lúc 08:59 ngày 28/10/2021: "
        "sai tên cơ quan (Yến)",
        "Đính chính kiến nghị số 10 (người chịu trách nhiệm, thời hạn) lúc 08:59 ngày "
        "28/10/2021: nhầm (Yến)",
    ]
    assert verify(sealed.store, sealed.meeting_id).intact


def test_petition_amendments_that_cannot_apply_are_refused(sealed):
    with pytest.raises(RuleError, match="kiến nghị số 8 không chuyển cấp trên"):
        amend_petition(sealed, 8, forwarded_to="Sở Tư pháp", by="Yến", why="x")
    with pytest.raises(RuleError, match="không có kiến nghị số 40"):
        amend_petition(sealed, 40, answer="x", by="Yến", why="x")
    with pytest.raises(RuleError, match="cần ghi lý do đính chính"):
        amend_petition(sealed, 8, answer="Khác.", by="Yến", why="")
    assert len(seals(sealed.store, sealed.meeting_id)) == 1


def test_cli_amends_a_petition(tmp_path):
    path = tmp_path / "f.db"
    clock = FrozenClock(MEETING_START)
    store = open_store(path, clock=clock)
    meeting_id = import_meeting(store, demo_meeting())
    console = Console(store, meeting_id)
    play_demo(console, clock.advance)
    seal(console, "Hoàng Thị Yến")
    store.close()
    listing = run_cli("amend", str(meeting_id), db=path)
    assert "Kiến nghị 9: Đề nghị đẩy nhanh cấp giấy chứng nhận" in listing.stdout
    done = run_cli(
        "amend",
        str(meeting_id),
        "--petition",
        "9",
        "--forwarded-to",
        "Sở Tài nguyên",
        "--by",
        "Yến",
        "--why",
        "sai cơ quan",
        db=path,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Đã đính chính; niêm phong 2.")
    store = open_store(path, clock=clock)
    assert [p.forwarded_to for p in store.petitions(meeting_id) if p.seq == 9] == ["Sở Tài nguyên"]


# ----- 3. publication dates are never in the future -------------------------------------------
def test_a_publication_date_after_today_is_refused(console, clock):
    play_demo(console, clock.advance)
    store, mid = console.store, console.meeting_id
    pub.record_publication(store, mid, "office", "", dt.date(2021, 10, 28))  # today: fine
    with pytest.raises(RuleError) as refused:
        pub.record_publication(store, mid, "radio", "", dt.date(2021, 10, 29))
    assert str(refused.value) == (
        "ngày công khai 29/10/2021 sau hôm nay (28/10/2021): chỉ ghi việc đã làm"
    )
    assert [i.done_on for i in pub.publication(store, mid) if i.channel == "radio"] == [None]


def test_cli_publish_refuses_a_future_date_in_one_line_in_each_language(tmp_path, clock):
    path = tmp_path / "f.db"
    store = open_store(path, clock=clock)
    mid = import_meeting(store, demo_meeting())
    play_demo(Console(store, mid), clock.advance)
    store.close()
    today = local(system_clock()).date()
    later = today + dt.timedelta(days=3)
    out = run_cli("publish", str(mid), "--office", f"{later:%d/%m/%Y}", db=path)
    assert (out.returncode, out.stderr.strip()) == (
        1,
        f"Lỗi: ngày công khai {later:%d/%m/%Y} sau hôm nay ({today:%d/%m/%Y}): chỉ ghi việc đã làm",
    )
    out = run_cli("--lang", "en", "publish", str(mid), "--radio", f"{later:%d/%m/%Y}", db=path)
    assert out.returncode == 1
    assert (
        out.stderr.strip()
        .splitlines()[-1]
        .endswith(
            f"the publication date {later:%d/%m/%Y} is after today ({today:%d/%m/%Y}): "
            "record only what has been done"
        )
    )
    assert len(out.stderr.strip().splitlines()) == 1


# ----- 4. one rule per deadline on every screen ------------------------------------------------
async def test_home_and_follow_up_count_each_deadline_by_its_own_rule(tmp_path):
    clock = FrozenClock(MEETING_START)
    app = make_app(tmp_path / "m.db", clock=clock, export_dir=tmp_path / "out")
    mid = import_meeting(app.store, demo_meeting())
    play_demo(Console(app.store, mid), clock.advance)
    clock.now = dt.datetime(2021, 11, 4, 9, 0, tzinfo=TZ)  # Thu: evaluation late, others open
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        panel = str(app.screen.query_one("#home-clock").render()).splitlines()
        assert panel[2:] == [
            "  Đánh giá, phân loại (5 ngày): ✗ TRỄ 2 ngày (hạn 02/11/2021)",
            "  Trả lời kiến nghị (15 ngày làm việc): còn 10 ngày làm việc (hạn 18/11/2021)",
            "  Công khai kết quả (10 ngày): còn 4 ngày (hạn 08/11/2021)",
        ]
        await pilot.press("f5")
        await pilot.pause()
        duties = app.screen.query_one("#checklist", DataTable)
        statuses = {
            str(duties.get_row_at(i)[3])[2:]: duties.get_row_at(i)[1]
            for i in range(duties.row_count)
        }
        assert statuses["Đánh giá, phân loại"] == "✗ TRỄ 2 ngày"
        assert statuses["Công khai kết quả"] == "còn 4 ngày"  # calendar days, as on home
        assignments = app.screen.query_one("#followup", DataTable)
        # the 15-working-day answers: working days, said so, as on home
        assert {assignments.get_row_at(i)[1] for i in range(assignments.row_count)} == {
            "còn 10 ngày làm việc"
        }


# ----- 5. keys typed on a closed Select are never dropped ---------------------------------------
async def test_register_form_title_takes_a_letter_and_passes_the_rest_on(tmp_path, clock):
    app = live_app(tmp_path, clock, speakers=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        form = app.screen
        await pilot.press("A", "n", "tab", "D", "P", "tab")
        assert form.focused.id == "f-title"
        await pilot.press("b")  # "Bà"
        assert form.query_one("#f-title", Select).value == "Bà"
        await pilot.press("H", "o", "i")  # no title begins "bH": the gist gets it
        assert form.focused.id == "f-gist"
        assert form.query_one("#f-gist", Input).value == "Hoi"
        assert form.query_one("#f-title", Select).value == "Bà"


async def test_petition_form_kind_and_outcome_follow_the_letters_typed(tmp_path, clock):
    app = live_app(tmp_path, clock)
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        await pilot.press("f8", "f3", "enter", "f7")
        await pilot.pause()
        form = app.screen
        form.query_one("#f-kind", Select).focus()
        await pilot.press("k", "h")  # kiến nghị, then khiếu nại
        assert form.query_one("#f-kind", Select).value == "complaint"
        form.query_one("#f-outcome", Select).focus()
        await pilot.press("g")
        assert form.query_one("#f-outcome", Select).value == "assigned"
        await pilot.press("T", "t")  # not an outcome: on to who is responsible
        assert form.focused.id == "f-responsible"
        assert form.query_one("#f-responsible", Input).value.endswith("Tt")


async def test_desk_title_never_drops_a_key(tmp_path, clock):
    path = tmp_path / "m.db"
    setup_app = make_app(path, clock=clock)
    meeting_id = import_meeting(setup_app.store, demo_meeting())
    setup_app.store.close()
    app = make_app(path, mode="desk", clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("A", "tab", "B", "tab")
        assert app.screen.focused.id == "desk-title"
        await pilot.press("o", "n")  # "Ông"
        assert app.screen.query_one("#desk-title", Select).value == "Ông"
        await pilot.press("x")  # not a title: the next text field (the gist)
        assert app.screen.focused.id == "desk-gist"
        assert app.screen.query_one("#desk-gist", Input).value == "x"


# ----- 6. sealing asks who seals ----------------------------------------------------------------
async def test_sealing_asks_who_seals_and_the_footer_names_them(tmp_path, clock):
    app = live_app(tmp_path, clock)
    store, mid = app.store, app.meeting_id
    secretary = store.meeting(mid).secretary_name
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f8", "f9")
        await pilot.pause()
        await pilot.press("f9")
        await pilot.pause()
        await pilot.press("enter")  # conclude
        await pilot.pause()
        await pilot.press("f8")
        await pilot.pause()
        form = app.screen
        who = form.query_one("#f-by", Input)
        assert form.focused is who and who.value == secretary  # prefilled
        who.value = ""
        await pilot.press("enter")  # nobody: refused, the form stays
        await pilot.pause()
        assert app.screen is form and seals(store, mid) == []
        assert str(form.query_one("#err-by").render()) == (
            "⚠ cần ghi họ tên người niêm phong biên bản"
        )
        await pilot.press(*"Le Thi Thu")
        await pilot.press("enter")
        await pilot.pause()
        assert [s.by for s in seals(store, mid)] == ["Le Thi Thu"]
        document = Document(io.BytesIO(build(store, mid, "minutes")))
        (line,) = [p.text for p in document.sections[0].footer.paragraphs]
        assert line.endswith("(thông qua lúc 08:00 ngày 28/10/2021; người niêm phong: Le Thi Thu)")


# ----- 7. readable at 80×24 ---------------------------------------------------------------------
async def test_new_meeting_form_opens_with_its_first_label_in_sight(tmp_path, clock):
    app = make_app(tmp_path / "m.db", clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()  # a scroll would be animated
        fields = app.screen.query_one("#form-fields")
        first = fields.query(Label).first()
        assert str(first.render()) == "Xã"
        assert fields.scroll_y == 0
        assert first.region.y >= fields.region.y and first.region.height == 1
        assert app.screen.focused.id == "f-commune"


async def test_desk_time_limit_label_wraps_whole(tmp_path, clock):
    path = tmp_path / "m.db"
    setup_app = make_app(path, clock=clock)
    meeting_id = import_meeting(setup_app.store, demo_meeting())
    setup_app.store.close()
    app = make_app(path, mode="desk", clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        form = app.screen.query_one("#desk-form")
        (label,) = [w for w in form.query(Label) if str(w.render()).startswith("Thời gian riêng")]
        assert label.size.height == 2  # wrapped, nothing cut
        assert label.region.right <= form.region.right


async def test_home_clock_column_is_whole_at_80_columns(tmp_path, clock):
    app = make_app(tmp_path / "m.db", clock=clock)
    mid = import_meeting(app.store, demo_meeting())
    play_demo(Console(app.store, mid), clock.advance)
    for key in ("evaluation", "publication"):
        app.store.set_checklist_done(mid, key, dt.date(2021, 10, 28))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.screen.query_one("#meetings", DataTable)
        assert table.get_row_at(0)[2:] == [
            "Đông Phong",
            "đã kết luận",
            "Trả lời: còn 15 ngày làm việc",
        ]
        used = sum(c.get_render_width(table) for c in table.columns.values())
        assert used <= table.scrollable_content_region.width


async def test_conclusion_shows_the_highlighted_petition_whole(tmp_path, clock):
    app = live_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f8", "f9")
        await pilot.pause()
        await pilot.press("down", "down")
        await pilot.pause()
        detail = app.screen.query_one("#petition-detail")
        assert str(detail.render()) == (
            "3. Đề nghị tăng cường kiểm tra vệ sinh an toàn thực phẩm tại chợ thôn"
        )
        assert detail.size.height == 3  # wrapped in the left half


# ----- 8. one number per citizen: TT on the screen, the number on /queue ------------------------
async def test_queue_number_stays_with_the_citizen_when_moved(tmp_path, clock):
    from facilitator.services.hallqueue import queue_view
    from screens.widgets import QueueTable

    app = live_app(tmp_path, clock)
    store, mid = app.store, app.meeting_id
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        queue = app.screen.query_one(QueueTable)
        queue.focus()
        await pilot.press("down", "ctrl+down")  # Phạm Thị Hòa (number 2) after Vũ Đức Lợi
        await pilot.pause()
        people = {str(s.id): titled(s.title, s.name) for s in store.speakers(mid)}
        shown = {
            people[str(row.key.value)]: queue.get_row_at(i)[0]
            for i, row in enumerate(queue.ordered_rows)
        }
        view = queue_view(store, mid)
        public = {p.name: str(p.number) for p in view.everyone.values()}
        assert [queue.get_row_at(i)[0] for i in range(4)] == ["1", "3", "2", "4"]
        assert {name: shown[name] for name in public} == public
        # Ctrl+U takes the same number: "2" is Bà Hòa wherever she stands
        await pilot.press("ctrl+u")
        await pilot.pause()
        app.screen.query_one("#f-who", Input).value = "2"
        await pilot.press("enter")
        await pilot.pause()
        assert store.waiting(mid)[0].name == "Phạm Thị Hòa"


# ----- 9. documents: no filler, the responsible with his position, attendance sized ------------
def test_notice_leaves_dotted_lines_where_nothing_was_typed(console, clock):
    from facilitator.services.conclusion import conclude

    console.next_phase()
    conclude(console, "")  # neither an assessment nor the chair's conclusion typed
    text = paragraphs(console, "conclusion")
    i = text.index("1. Đánh giá chung")
    assert text[i + 1 : i + 4] == [
        "…" * 32,  # written on by hand
        "…" * 32,
        "2. Các nội dung đã được trả lời, tiếp thu tại hội nghị",
    ]
    assert not any("Hội nghị được tổ chức đúng kế hoạch" in t for t in text)


def test_notice_prints_the_chairs_conclusion_instead_of_dotted_lines(console, clock):
    """Only the chair's conclusion typed (the demo): it is printed under "1. Đánh giá chung",
    with no dotted lines above it (a trial found them above the typed words, as if blank)."""
    play_demo(console, clock.advance)
    text = paragraphs(console, "conclusion")
    i = text.index("1. Đánh giá chung")
    assert text[i + 1 : i + 3] == [
        "Chủ tịch UBND xã ghi nhận các ý kiến của nhân dân; yêu cầu các bộ phận chuyên môn giải "
        "quyết dứt điểm các nội dung được giao, trả lời nhân dân đúng thời hạn.",
        "2. Các nội dung đã được trả lời, tiếp thu tại hội nghị",
    ]
    assert not any("……" in t for t in text)


def test_notice_prints_the_assessment_typed(console, clock):
    play_demo(console, clock.advance)
    conclude_text = console.meeting.conclusion
    from facilitator.services.conclusion import save_conclusion_text

    save_conclusion_text(console, conclude_text, "Hội nghị diễn ra dân chủ.")
    text = paragraphs(console, "conclusion")
    i = text.index("1. Đánh giá chung")
    assert text[i + 1 : i + 3] == ["Hội nghị diễn ra dân chủ.", conclude_text]
    assert "…" * 32 not in text


def test_report_appendix_names_the_responsible_with_his_position(console, clock):
    play_demo(console, clock.advance)
    (p,) = [p for p in console.store.petitions(console.meeting_id) if p.seq == 10]
    officials = {o.name: o.position for o in console.store.officials(console.meeting_id)}
    position = officials["Lê Văn Nam"]
    decide(console, p.id, "assigned", responsible="Lê Văn Nam", due="18/11/2021")
    document = Document(io.BytesIO(build(console.store, console.meeting_id, "report")))
    appendix = document.tables[-1]
    row = next(r for r in appendix.rows if r.cells[0].text == "10")
    assert row.cells[5].text == f"Đồng chí Lê Văn Nam, {position}"


def attendance_rows(console: Console) -> list[str]:
    document = Document(io.BytesIO(build(console.store, console.meeting_id, "attendance")))
    grid = next(t for t in document.tables if t.rows[0].cells[0].text == "STT")
    cells = [r.cells[0].text for r in grid.rows]
    return cells[cells.index("II.") + 1 :]


def test_attendance_sheet_is_sized_to_the_citizens_expected(console):
    console.store.update_meeting(console.meeting_id, citizens_present=120)
    assert attendance_rows(console) == [str(i) for i in range(1, 145)]  # 120 and a fifth
    console.store.update_meeting(console.meeting_id, citizens_present=30)
    assert len(attendance_rows(console)) == 40  # 30 and at least 10 spare


def test_attendance_sheet_without_an_expected_number(console):
    console.store.update_meeting(console.meeting_id, citizens_present=0)
    assert len(attendance_rows(console)) == 60  # the 12 registered and more: the usual 60


# ----- 10. the speaker's name large on the chair view below 40 lines ----------------------------
@pytest.mark.parametrize(
    ("size", "name_lines"),
    [((100, 30), 7), ((100, 39), 7), ((140, 45), 13), ((100, 26), 0)],
)
async def test_chair_draws_the_name_large_where_it_fits(tmp_path, clock, size, name_lines):
    from screens.bigname import BigName

    path = tmp_path / "m.db"
    writer = make_app(path, clock=clock)
    meeting_id = import_meeting(writer.store, demo_meeting())
    console = Console(writer.store, meeting_id)
    console.next_phase()
    console.register("Lê Thị Thu", "Đông Phong", "Rác thải", title="Bà")
    for s in console.store.speakers(meeting_id)[:-1]:
        console.set_absent(s.id, "withdrawn")
    console.call_next()
    chair = make_app(path, mode="chair", clock=clock)
    async with chair.run_test(size=size) as pilot:
        await pilot.pause()
        big = chair.screen.query_one(BigName)
        shown = big.display and big.styles.display != "none"
        assert (big.size.height if shown else 0) == name_lines
        # nothing pushed off the screen: the queue's status line is the last line
        status = chair.screen.query_one("#chair-status")
        assert status.region.bottom <= size[1]
        assert chair.screen.query_one("#chair-clock").size.height >= 7
    writer.store.close()


async def test_absent_form_choice_takes_a_letter(tmp_path, clock):
    from screens.widgets import QueueTable

    app = live_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.query_one(QueueTable).focus()
        await pilot.press("delete")
        await pilot.pause()
        form = app.screen
        form.query_one("#f-state", Select).focus()
        await pilot.press("r")  # Rút đăng ký
        assert form.query_one("#f-state", Select).value == "withdrawn"
        # No choice begins "rx": the choice stays, the letter goes on, round as Tab goes, to
        # the reason (it opened the list, whose search then took the words typed next).
        await pilot.press("x")
        assert not form.query_one("#f-state", Select).expanded
        assert form.query_one("#f-state", Select).value == "withdrawn"
        assert form.focused.id == "f-reason"
        assert form.query_one("#f-reason", Input).value == "x"


async def test_follow_up_answer_form_choice_takes_a_letter(tmp_path, clock):
    app = make_app(tmp_path / "m.db", clock=clock)
    mid = import_meeting(app.store, demo_meeting())
    play_demo(Console(app.store, mid), clock.advance)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f5")
        await pilot.pause()
        app.screen.query_one("#followup", DataTable).focus()
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        form.query_one("#f-form", Select).focus()
        await pilot.press("t")  # trực tiếp
        assert form.query_one("#f-form", Select).value == "direct"
        await pilot.press("D", "a")  # on to the note
        assert form.focused.id == "f-note"
        assert form.query_one("#f-note", Input).value == "Da"
