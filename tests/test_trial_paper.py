"""What a new-secretary trial found in the follow-up and the papers: answers dated in the
future, a form that saved half of what it refused, a ticked duty that jumped away from the
cursor, documents that named the same things two ways."""

from __future__ import annotations

import datetime as dt

from textual.widgets import DataTable, Static

from db.store import open_store
from facilitator.app import make_app
from facilitator.rules.clock import local, system_clock
from facilitator.services import followup
from facilitator.services import publication as pub
from facilitator.services.demo import demo_meeting, play_demo
from facilitator.services.live import Console
from facilitator.services.meetingfile import import_meeting
from tests.helpers import run_cli

D = dt.date


def played(tmp_path, clock, days: int = 7):
    app = make_app(tmp_path / "m.db", clock=clock, export_dir=tmp_path / "out")
    mid = import_meeting(app.store, demo_meeting())
    play_demo(Console(app.store, mid), clock.advance)
    clock.advance(days * 86400)  # the meeting was on 28/10/2021: today is 04/11/2021
    return app, mid


async def retype(pilot, text: str, erase: int = 10) -> None:
    await pilot.press(*["backspace"] * erase, *text)


# ----- 1. no answer, duty or publication dated after today; a refused form saves nothing ----
async def test_follow_up_refuses_an_answer_dated_after_today(tmp_path, clock):
    app, _mid = played(tmp_path, clock)
    store = app.store
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f5")  # home: follow-up
        await pilot.pause()
        table = app.screen.query_one("#followup", DataTable)
        first = int(str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value))
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        await retype(pilot, "11/11/2021")  # a week after today
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is form  # still open, the error under the date
        assert str(form.query_one("#err-answered_on", Static).render()) == (
            "⚠ ngày trả lời 11/11/2021 sau hôm nay (04/11/2021): chỉ ghi việc đã làm"
        )
        assert store.assignment_or_none(first).status == "open"
        await retype(pilot, "03/11/2021")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is not form
        assert store.assignment_or_none(first).answered_on == D(2021, 11, 3)
        assert table.get_row(str(first))[0] == "đã trả lời 03/11/2021"


async def test_publication_form_with_a_refused_date_saves_none_of_the_others(tmp_path, clock):
    app, mid = played(tmp_path, clock)
    store = app.store
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f5")
        await pilot.pause()
        duties = app.screen.query_one("#checklist", DataTable)
        await pilot.press("tab", "tab")  # assignments → answered petitions → duties
        assert app.screen.focused is duties
        row = duties.get_row_index(f"{mid}:publication")
        await pilot.press(*["down"] * row, "enter")
        await pilot.pause()
        form = app.screen
        assert [f.key for f in form.fields] == ["office", "hamlet1", "radio"]
        await pilot.press(*"01/11/2021", "tab", *"10/11/2021", "enter")
        await pilot.pause()
        assert app.screen is form
        assert str(form.query_one("#err-hamlet1", Static).render()) == (
            "⚠ ngày công khai 10/11/2021 sau hôm nay (04/11/2021): chỉ ghi việc đã làm"
        )
        assert store.publications(mid) == {}  # the office's date was not saved either
        await pilot.press("escape")
        await pilot.pause()
        assert "☐ Công khai" in str(duties.get_row(f"{mid}:publication"))
        assert [i.done_on for i in pub.publication(store, mid)] == [None, None, None]


def test_a_duty_done_after_today_is_refused(tmp_path, clock):
    app, mid = played(tmp_path, clock)
    from facilitator.services.live import RuleError

    try:
        followup.mark_done(app.store, mid, "evaluation", D(2021, 11, 5))
    except RuleError as exc:
        refused = str(exc)
    assert refused == "ngày hoàn thành 05/11/2021 sau hôm nay (04/11/2021): chỉ ghi việc đã làm"
    assert app.store.checklist_done(mid) == {}


def test_cli_publish_with_one_refused_date_saves_none(tmp_path, clock):
    path = tmp_path / "f.db"
    store = open_store(path, clock=clock)
    mid = import_meeting(store, demo_meeting())
    play_demo(Console(store, mid), clock.advance)
    store.close()
    today = local(system_clock()).date()
    later = today + dt.timedelta(days=7)
    out = run_cli(
        "publish", str(mid), "--office", "29/10/2021", "--radio", f"{later:%d/%m/%Y}", db=path
    )
    assert (out.returncode, out.stderr.strip()) == (
        1,
        f"Lỗi: ngày công khai {later:%d/%m/%Y} sau hôm nay ({today:%d/%m/%Y}): chỉ ghi việc đã làm",
    )
    out = run_cli("publish", str(mid), db=path)
    assert out.stdout.splitlines()[0] == "☐             Niêm yết tại trụ sở UBND xã"


# ----- 2. a ticked duty stays in place: Down, Enter reaches the next one -----------------------
async def test_a_ticked_duty_stays_in_place_under_the_secretarys_keys(tmp_path, clock):
    app, mid = played(tmp_path, clock)
    store = app.store
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f5")  # home: follow-up
        await pilot.pause()
        await pilot.press("tab", "tab")  # assignments → answered petitions → duties
        duties = app.screen.query_one("#checklist", DataTable)
        assert app.screen.focused is duties
        rows = [duties.get_row_at(i)[3] for i in range(duties.row_count)]
        assert rows == ["☐ Đánh giá, phân loại", "☐ Công khai kết quả"]
        await pilot.press("enter")  # "Đánh giá": the day it was done, today
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert store.checklist_done(mid) == {"evaluation": D(2021, 11, 4)}
        assert [duties.get_row_at(i)[3] for i in range(2)] == [
            "☑ Đánh giá, phân loại",
            "☐ Công khai kết quả",
        ]
        assert duties.cursor_row == 0  # still on the duty just ticked
        await pilot.press("down", "enter")  # meant for "Công khai": its form opens
        await pilot.pause()
        assert [f.key for f in app.screen.fields] == ["office", "hamlet1", "radio"]
        await pilot.press("escape")
        await pilot.pause()
        assert store.checklist_done(mid) == {"evaluation": D(2021, 11, 4)}  # never unticked
        assert duties.cursor_row == 1


# ----- 3. the documents name each thing one way ----------------------------------------------
def minutes_text(console: Console, kind: str = "minutes") -> list[str]:
    import io

    from docx import Document

    from facilitator.documents import build

    document = Document(io.BytesIO(build(console.store, console.meeting_id, kind)))
    return [p.text for p in document.paragraphs if p.text.strip()]


def test_every_answer_turn_has_the_same_header_whatever_was_typed(console):
    for _ in range(3):
        console.next_phase()
    for s in console.store.speakers(console.meeting_id):
        console.set_absent(s.id, "withdrawn")
    hoa = console.register("Nguyễn Thị Hoà", "Đông Phong", title="Bà")
    tu = console.register("Phạm Văn Tư", "Đông Phong", title="Ông")
    console.call_next()
    first = console.record_petition("Sửa đường trục thôn.", speaker_id=hoa.speaker_id)
    console.call_next()
    second = console.record_petition("Lắp đèn đường.", speaker_id=tu.speaker_id)
    console.next_phase()
    for pid, official, said in (
        (first, ("Nguyễn Văn Hùng", "Phó Chủ tịch UBND xã"), "Xã sẽ sửa trong quý II/2022."),
        (second, ("Trần Xuân Mãng", "Chủ tịch UBND xã"), "Chủ tịch UBND xã trả lời: sẽ lắp."),
    ):
        turn = console.start_answer(*official, [pid])
        entry = console.store.minutes(console.meeting_id)[-1]
        console.save_entry(entry.id, said)
        console.tie_answer(pid, turn)
    text = minutes_text(console)
    seqs = {p.id: p.seq for p in console.store.petitions(console.meeting_id)}
    assert (
        f"Đồng chí Nguyễn Văn Hùng, Phó Chủ tịch UBND xã trả lời kiến nghị {seqs[first]}: "
        "Xã sẽ sửa trong quý II/2022." in text
    )
    i = text.index(f"Đồng chí Trần Xuân Mãng, Chủ tịch UBND xã trả lời kiến nghị {seqs[second]}:")
    assert text[i + 1] == "Chủ tịch UBND xã trả lời: sẽ lắp."
    assert not any("(về " in t for t in text)


def test_the_conclusion_counts_delegates_by_level_the_higher_first(store, clock):
    data = demo_meeting()
    data["officials"] = [  # entered as the trial did: xã first, a thôn, then the huyện
        {"name": "Trần Xuân Mãng", "position": "Chủ tịch UBND xã", "group": "xã"},
        {"name": "Lê Văn Nam", "position": "Phó Chủ tịch UBND xã", "group": "xã"},
        {"name": "Vũ Văn Tùng", "position": "Trưởng thôn Đông Phong", "group": "thôn"},
        {"name": "Hoàng Thị Yến", "position": "Công chức Văn phòng - Thống kê", "group": "xã"},
        {"name": "Trần Văn Lực", "position": "Đại diện Ban Dân vận Huyện ủy", "group": "huyện"},
    ]
    console = Console(store, import_meeting(store, data))
    play_demo(console, clock.advance)
    opening = next(t for t in minutes_text(console, "conclusion") if "Tham dự hội nghị có" in t)
    assert (
        "Tham dự hội nghị có đại biểu huyện (1 người); đại biểu xã (3 người); đại biểu thôn "
        "(1 người) cùng 120 người dân trong thôn." in opening
    )


def test_the_forwarding_letter_is_sent_to_the_petitioners_thon(console, clock):
    """A citizen of thôn Tây Phong at Đông Phong's meeting: the letter goes to Tây Phong."""
    import io

    from docx import Document

    from facilitator.documents.forward import letters
    from facilitator.services.conclusion import decide

    for _ in range(3):
        console.next_phase()
    for s in console.store.speakers(console.meeting_id):
        console.set_absent(s.id, "withdrawn")
    linh = console.register("Phùng Khánh Linh", "thôn Tây Phong", title="Bà")
    tam = console.register("Lê Văn Tám", "xóm Giữa, Đông Phong", title="Ông")
    console.call_next()
    first = console.record_petition("Cấp giấy chứng nhận đất.", speaker_id=linh.speaker_id)
    console.call_next()
    second = console.record_petition("Đo lại thửa đất.", speaker_id=tam.speaker_id)
    decide(console, first, "forwarded", forwarded_to="Văn phòng Đăng ký đất đai")
    decide(console, second, "forwarded", forwarded_to="Sở Nông nghiệp và Môi trường")
    record = console.store.load_record(console.meeting_id)
    sent = {
        letter.body: Document(io.BytesIO(letter.data)).tables[1].rows[0].cells[0].text
        for letter in letters(record, clock(), dt.date(2021, 11, 1))
    }
    assert sent == {
        "Văn phòng Đăng ký đất đai": "Nơi nhận:\n- Như trên;\n- Thôn Tây Phong;\n- Lưu: VT, VP-TK.",
        "Sở Nông nghiệp và Môi trường": (
            "Nơi nhận:\n- Như trên;\n- Thôn Đông Phong;\n- Lưu: VT, VP-TK."
        ),
    }


def test_time_per_hamlet_counts_a_xom_once_however_its_address_is_typed(console, clock):
    """SPEC's per-hamlet time in a meeting of one thôn: "xóm Giữa, Đông Phong" and "Xóm giữa"
    are xóm Giữa; "Đông Phong" and "thôn đông phong" (no xóm named) are Đông Phong; a xóm of
    another thôn says its thôn; Tây Phong its own. The live line and the conclusion agree."""
    from facilitator.rules.budget import per_hamlet, spoken_seconds
    from facilitator.services.conclusion import meeting_statistics

    for _ in range(3):
        console.next_phase()
    for s in console.store.speakers(console.meeting_id):
        console.set_absent(s.id, "withdrawn")
    for name, hamlet, seconds in (
        ("Lê Văn Tám", "xóm Giữa, Đông Phong", 60),
        ("Nguyễn Thị Hoà", "Đông Phong", 120),
        ("Phạm Văn Tư", "thôn đông phong", 30),
        ("Vũ Đức Lợi", "Xóm giữa", 15),
        ("Phùng Khánh Linh", "Tây Phong", 90),
        ("Đỗ Văn Nam", "xóm Trại, Tây Phong", 45),
    ):
        console.register(name, hamlet)
        console.call_next()
        clock.advance(seconds)
    console.call_next()  # the last one ends
    expected = [
        ("Đông Phong", 150.0),
        ("Tây Phong", 90.0),
        ("xóm Giữa", 75.0),
        ("xóm Trại (Tây Phong)", 45.0),
    ]
    stats = meeting_statistics(console.store, console.meeting_id)
    assert stats.per_hamlet == expected
    store, mid = console.store, console.meeting_id
    live = per_hamlet(
        store.speakers(mid), spoken_seconds(store.slots(mid), clock()), store.meeting(mid).village
    )
    assert live == expected


def test_amend_names_an_item_by_its_kind_as_the_minutes_do(tmp_path):
    """Item 2 is a phản ánh: `amend` lists "Phản ánh 2", the biên bản prints "Phản ánh 2:"
    and its footer "Đính chính phản ánh số 2 (…)"."""
    import io

    from docx import Document

    from facilitator.documents import build
    from facilitator.rules.clock import FrozenClock
    from facilitator.services.seal import seal
    from tests.conftest import MEETING_START

    path = tmp_path / "f.db"
    clock = FrozenClock(MEETING_START)
    store = open_store(path, clock=clock)
    mid = import_meeting(store, demo_meeting())
    console = Console(store, mid)
    play_demo(console, clock.advance)
    second = next(p for p in store.petitions(mid) if p.seq == 2)
    store.update("petitions", second.id, {"kind": "feedback"})
    seal(console, "Hoàng Thị Yến")
    store.close()
    listing = run_cli("amend", str(mid), db=path).stdout.splitlines()
    assert "Kiến nghị 1: Đề nghị nâng cấp tuyến đường trục thôn …" in listing
    assert "Phản ánh 2: Đề nghị hỗ trợ giống cây vụ đông cho hộ…" in listing
    english = run_cli("--lang", "en", "amend", str(mid), db=path).stdout.splitlines()
    assert "Feedback 2: Đề nghị hỗ trợ giống cây vụ đông cho hộ…" in english
    done = run_cli(
        "amend", str(mid), "--petition", "2", "--answer", "Đã hỗ trợ.", "--by", "Yến",
        "--why", "đọc lại", db=path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    store = open_store(path, clock=clock)
    document = Document(io.BytesIO(build(store, mid, "minutes")))
    text = [p.text for p in document.paragraphs]
    assert any(t.startswith("- Phản ánh 2: Đề nghị hỗ trợ giống cây vụ đông") for t in text)
    footer = [p.text for p in document.sections[0].footer.paragraphs]
    assert footer[-1].startswith("Đính chính phản ánh số 2 (trả lời) lúc ")


# ----- 4. what the README says of a grey suggestion --------------------------------------------
async def test_a_grey_suggestion_is_taken_with_right_not_with_tab(tmp_path, clock):
    import dataclasses

    from textual.widgets import Input

    app, _mid = played(tmp_path, clock)
    profile = app.store.profile()
    app.store.set_profile(dataclasses.replace(profile, hamlets=["Đông Phong", "Tây Phong"]))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("f2")  # home: new meeting; the commune first, then the thôn
        await pilot.pause()
        form = app.screen
        await pilot.press("tab", *"Đô")
        await pilot.pause()
        village = form.query_one("#f-village", Input)
        await pilot.press("right")
        assert village.value == "Đông Phong"  # → took the grey suggestion
        await pilot.press(*["backspace"] * 8)
        await pilot.pause()
        assert village.value == "Đô"
        await pilot.press("tab")
        assert village.value == "Đô"  # Tab moved on, the suggestion not taken
        assert form.focused is form.query_one("#f-date")
