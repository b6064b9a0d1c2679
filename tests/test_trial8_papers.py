"""What the eighth trial (a new secretary, README and the commune plan only, documents read as
pictures) found in the papers: an answer referred to the section it is in, with its outcome
before it; a meeting across midnight ending "cùng ngày"."""

from __future__ import annotations

import io

from docx import Document

from facilitator.documents import build
from facilitator.services.conclusion import decide
from facilitator.services.live import Console


def paragraphs(console: Console, kind: str = "minutes") -> list[str]:
    document = Document(io.BytesIO(build(console.store, console.meeting_id, kind)))
    return [p.text for p in document.paragraphs if p.text.strip()]


CHAIR = ("Trần Xuân Mãng", "Chủ tịch UBND xã")


def _asked_and_answered(console: Console, phases: int, between: int = 0) -> None:
    """Bà Hoà asks in the phase reached after ``phases`` F8; the chair answers in a turn of his
    own ``between`` phases later, and F7 files the typed words as the answer."""
    for _ in range(phases):
        console.next_phase()
    for s in console.store.speakers(console.meeting_id):
        console.set_absent(s.id, "withdrawn")
    hoa = console.register("Nguyễn Thị Hoà", "Đông Phong", title="Bà")
    console.call_next()
    pid = console.record_petition("Sửa đường trục thôn.", speaker_id=hoa.speaker_id)
    for _ in range(between):
        console.next_phase()
    turn = console.start_answer(*CHAIR, [pid])
    entry = console.store.minutes(console.meeting_id)[-1]
    said = "Đường trục thôn sẽ được khởi công trong quý II/2022."
    console.save_entry(entry.id, said)
    console.tie_answer(pid, turn)
    decide(console, pid, "answered", answer=said, answered_by_name=CHAIR[0],
           answered_by_position=CHAIR[1])  # fmt: skip


ASKED = "Kiến nghị 7: Sửa đường trục thôn."
ANSWERED = (
    "Đồng chí Trần Xuân Mãng, Chủ tịch UBND xã trả lời kiến nghị 7: Đường trục thôn sẽ được "
    "khởi công trong quý II/2022."
)
OUTCOME = "Kết quả: đã trả lời tại hội nghị."


def test_an_answer_in_the_same_section_follows_the_petition_then_its_outcome(console):
    """Trial 8, items 6 and 9: inside "3. Nhân dân phát biểu" the petition was followed by
    '… trả lời (nội dung ghi tại mục “3. Nhân dân phát biểu”). Kết quả: …', then the answer.
    A clerk writes the petition, who answered and what, then the outcome."""
    _asked_and_answered(console, phases=3)
    text = paragraphs(console)
    i = text.index(ASKED)
    assert text[i - 1].startswith("Bà Nguyễn Thị Hoà (thôn Đông Phong) phát biểu")
    assert text[i + 1 : i + 3] == [ANSWERED, OUTCOME]
    assert not [t for t in text if "nội dung ghi tại" in t]


def test_the_same_in_the_answers_section(console):
    """A citizen who speaks during "4. Trả lời, giải trình" and is answered there."""
    _asked_and_answered(console, phases=4)
    text = paragraphs(console)
    heading = text.index("4. Trả lời, giải trình (08 giờ 00 phút)")
    i = text.index(ASKED)
    assert heading < i and text[i + 1 : i + 3] == [ANSWERED, OUTCOME]
    assert not [t for t in text if "nội dung ghi tại" in t]


def test_an_answer_in_a_later_section_is_pointed_to_and_its_outcome_follows_it(console):
    """Asked in 3, answered in 4: the petition says where the answer is; the outcome comes
    after the answer, never before it."""
    _asked_and_answered(console, phases=3, between=1)
    text = paragraphs(console)
    i = text.index(ASKED)
    assert text[i + 1] == (
        "Đồng chí Trần Xuân Mãng, Chủ tịch UBND xã trả lời tại mục “4. Trả lời, giải trình”."
    )
    j = text.index(ANSWERED)
    assert j > i + 1 and text[j - 1] == "4. Trả lời, giải trình (08 giờ 00 phút)"
    assert text[j + 1] == OUTCOME
    assert sum(t.count("khởi công trong quý II/2022") for t in text) == 1


def test_a_meeting_across_midnight_dates_what_falls_on_the_next_day():
    """Trial 8: begun at 23 giờ 55 on 28/10, ended at 00 giờ 02: "… 00 giờ 02 phút cùng ngày".
    What falls on another day than the start says its date, and never "cùng ngày" then."""
    import datetime as dt

    from db.store import open_store
    from facilitator.rules.clock import TZ, FrozenClock
    from facilitator.services.conclusion import conclude
    from facilitator.services.demo import demo_meeting
    from facilitator.services.meetingfile import import_meeting

    clock = FrozenClock(dt.datetime(2021, 10, 28, 23, 55, tzinfo=TZ))
    store = open_store(":memory:", clock=clock)
    data = demo_meeting()
    data["meeting"]["start"] = "23:55"
    console = Console(store, import_meeting(store, data))
    for _ in range(3):
        console.next_phase()
        clock.advance(60)
    clock.advance(120)  # 00:00
    for _ in range(3):
        console.next_phase()  # 4, 5, 6 at 00:00
    clock.advance(120)
    conclude(console, "Tiếp thu các ý kiến.")
    text = paragraphs(console)
    assert [t for t in text if t.startswith("Vào hồi ")][0].startswith(
        "Vào hồi 23 giờ 55 phút, ngày 28 tháng 10 năm 2021, tại "
    )
    assert [t for t in text if t[:2] in ("1.", "2.", "3.", "4.", "5.") and "giờ" in t] == [
        "1. Khai mạc (23 giờ 55 phút)",
        "2. Thông báo nội dung (23 giờ 56 phút)",
        "3. Nhân dân phát biểu (23 giờ 57 phút)",
        "4. Trả lời, giải trình (00 giờ 00 phút, ngày 29/10/2021)",
        "5. Trao đổi thêm (00 giờ 00 phút, ngày 29/10/2021)",
    ]
    assert "III. KẾT LUẬN CỦA CHỦ TỌA (00 giờ 00 phút, ngày 29/10/2021)" in text
    assert text[-1] == "Hội nghị kết thúc vào hồi 00 giờ 02 phút, ngày 29/10/2021./."
    assert not [t for t in text if "cùng ngày" in t]


def test_a_meeting_ended_the_same_day_still_says_so(console, clock):
    from facilitator.services.conclusion import conclude

    console.next_phase()
    clock.advance(3600)
    conclude(console, "Tiếp thu các ý kiến.")
    text = paragraphs(console)
    assert text[-1] == "Hội nghị kết thúc vào hồi 09 giờ 00 phút cùng ngày./."
    assert "1. Khai mạc (08 giờ 00 phút)" in text


async def test_after_an_answer_the_cursor_stays_in_place_and_down_reaches_the_next(tmp_path, clock):
    """Trial 8: after recording an answer the row went to the bottom ("đã trả lời …") and the
    cursor with it; her next ↓ ↓ Enter reopened the item just answered. After a save the
    cursor stays at the same place in the list, on the row that now comes there."""
    from facilitator.app import make_app
    from facilitator.services.demo import demo_meeting
    from facilitator.services.meetingfile import import_meeting

    app = make_app(tmp_path / "m.db", clock=clock)
    store = app.store
    meeting_id = import_meeting(store, demo_meeting())
    console = Console(store, meeting_id)
    for p in store.petitions(meeting_id)[:3]:
        decide(console, p.id, "assigned", responsible="Trưởng thôn")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f5")  # home screen: follow-up
        await pilot.pause()
        table = app.screen.query_one("#followup")
        order = [str(table.coordinate_to_cell_key((i, 0)).row_key.value) for i in range(3)]
        await pilot.press("enter")  # the first one: answered today
        await pilot.pause()
        app.screen.query_one("#f-answered_on").focus()
        await pilot.press("enter")
        await pilot.pause()
        table = app.screen.query_one("#followup")
        at = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        assert (table.cursor_row, at) == (0, order[1])  # in place: the next one to deal with
        assert str(table.coordinate_to_cell_key((2, 0)).row_key.value) == order[0]  # went down
        await pilot.press("down", "enter")
        await pilot.pause()
        third = next(
            p
            for p in store.petitions(meeting_id)
            if p.assignment and str(p.assignment.id) == order[2]
        )
        content = " ".join(third.content.split())
        excerpt = content if len(content) <= 40 else content[:39].rstrip() + "…"
        assert str(app.screen.query_one("#form-title").render()) == (
            f"Ghi trả lời · Trưởng thôn: {excerpt}"
        )


async def test_the_forwarded_list_keeps_its_place_after_a_save_too(tmp_path, clock):
    """The forwarded petitions re-sort the same way (the answered last): after a save the
    cursor stays at the same place, on the next one."""
    from textual.widgets import DataTable

    from facilitator.app import make_app
    from facilitator.services.demo import demo_meeting, play_demo
    from facilitator.services.meetingfile import import_meeting

    app = make_app(tmp_path / "m.db", clock=clock)
    console = Console(app.store, import_meeting(app.store, demo_meeting()))
    play_demo(console, clock.advance)  # one petition forwarded to the land office
    pre = [p for p in app.store.petitions(console.meeting_id) if p.speaker_id is None]
    decide(console, pre[2].id, "forwarded", forwarded_to="Trung tâm Y tế huyện")
    clock.advance(2 * 86400)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f5")
        await pilot.pause()
        screen = app.screen
        table = screen.query_one("#forwarded", DataTable)
        order = [str(table.coordinate_to_cell_key((i, 0)).row_key.value) for i in range(2)]
        while screen.focused is not table:
            await pilot.press("tab")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(*"15/UBND-VP", "tab", *"29/10/2021", "tab", *"30/10/2021", "enter")
        await pilot.pause()
        assert app.screen is screen
        assert str(table.coordinate_to_cell_key((1, 0)).row_key.value) == order[0]  # went down
        assert table.cursor_row == 0
        assert str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value) == order[1]


async def test_the_read_back_fills_the_window_and_the_chair_view_shows_the_same_page(tmp_path):
    """Trial 8: F5 on the conclusion screen showed about 18 lines a page in a 35-line window
    ("Trang 1/15"), half of it empty. The page is as long as the secretary's window holds; the
    chair view shows the same page, with the same number."""
    from db.store import open_store
    from facilitator.app import make_app
    from facilitator.rules.clock import FrozenClock
    from facilitator.services.demo import demo_meeting, play_demo
    from facilitator.services.meetingfile import import_meeting
    from facilitator.services.readback import minutes_paragraphs, paginate
    from tests.conftest import MEETING_START
    from tests.helpers import wait_until

    path = tmp_path / "m.db"
    clock = FrozenClock(MEETING_START)
    store = open_store(path, clock=clock)
    mid = import_meeting(store, demo_meeting())
    play_demo(Console(store, mid), clock.advance)
    paragraphs = minutes_paragraphs(store, mid)
    store.close()
    secretary = make_app(path, clock=clock, meeting_id=mid)
    chair = make_app(path, clock=clock, mode="chair")
    async with secretary.run_test(size=(120, 35)) as pilot, chair.run_test(size=(120, 35)) as view:
        await pilot.pause()
        await pilot.press("f9", "f5")
        await pilot.pause()
        page = secretary.screen.query_one("#readback-page")
        room = page.content_region.height
        # the page is cut to the window once it is laid out (a frame after it opens)
        await wait_until(pilot, lambda: len(str(page.render()).split("\n")) > 17, what="fill")
        assert room >= 27  # 35 lines less the heading, the help line, the keys and margins
        pages = paginate(paragraphs, lines=room)
        shown = str(page.render()).split("\n")
        assert shown == pages[0] and len(shown) > room - 4  # full, to a paragraph's end
        heading = str(secretary.screen.query_one("#readback-heading").render())
        assert heading.endswith(f"Trang 1/{len(pages)}") and len(pages) < 11
        await pilot.press("pagedown")
        await pilot.pause()
        assert str(page.render()).split("\n") == pages[1]
        phase = view.app.screen.query_one("#chair-phase")
        await wait_until(view, lambda: str(phase.render()).endswith(f"Trang 2/{len(pages)}"))
        shown = str(view.app.screen.query_one("#chair-readback").render())
        assert [line for line in shown.split("\n") if line] == [line for line in pages[1] if line]


def test_followup_on_the_command_line_never_cuts_a_responsible_silently(tmp_path, capsys):
    """Trial 8: `facilitator followup` printed "Nguyễn Văn Tuấn, Công chức Đ" and "Vũ Thị
    Lan, Chủ tịch Ủy ban": cut at 28 characters without "…". The column is as wide as the
    longest (up to 48), and a longer one ends in "…", as on the screens."""
    import sys

    from db.store import open_store
    from facilitator.cli import main
    from facilitator.services.demo import demo_meeting
    from facilitator.services.meetingfile import import_meeting

    db = tmp_path / "f.db"
    store = open_store(db)
    console = Console(store, import_meeting(store, demo_meeting()))
    pids = [p.id for p in store.petitions(console.meeting_id)]
    tuan = "Nguyễn Văn Tuấn, Công chức Địa chính - Xây dựng"
    lan = "Vũ Thị Lan, Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam xã Bình Lãng"
    decide(console, pids[0], "assigned", responsible=tuan)
    decide(console, pids[1], "assigned", responsible=lan)
    store.close()
    saved, sys.argv = (
        sys.argv,
        ["facilitator", "followup", "--as-of", "01/11/2021", "--db", str(db)],
    )
    try:
        main()
    except SystemExit as exc:
        assert not exc.code
    finally:
        sys.argv = saved
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("Hạn")
    responsible = lines[0].index("Người/đơn vị chịu trách nhiệm")
    content = lines[0].index("Nội dung")
    cells = [line[responsible:content].rstrip() for line in lines[1:3]]
    assert cells == [tuan, "Vũ Thị Lan, Chủ tịch Ủy ban Mặt trận Tổ quốc Vi…"]
    assert content - responsible == 48 + 2


async def test_the_export_folder_chosen_is_kept_when_the_window_is_opened_again(tmp_path, clock):
    """Trial 8: after the window was restarted the export dialog's folder was back at
    Documents/facilitator, not the folder she had chosen beside her database. The folder
    used is kept with the database: the next window (same database) offers it."""
    from textual.widgets import Input

    from facilitator.app import make_app
    from facilitator.services.demo import demo_meeting
    from facilitator.services.meetingfile import import_meeting
    from screens.export import default_export_dir
    from tests.helpers import wait_until

    db = tmp_path / "xa" / "f.db"
    db.parent.mkdir()
    chosen = tmp_path / "xa" / "van-ban"
    first = make_app(db, clock=clock)
    import_meeting(first.store, demo_meeting())
    async with first.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        await pilot.press("f10")  # home: export the highlighted meeting
        await pilot.pause()
        folder = first.screen.query_one("#export-folder", Input)
        assert folder.value == str(default_export_dir())  # the README's default
        folder.value = str(chosen)
        first.screen.query_one("#export-docs").focus()
        await pilot.press("6")  # the biên bản
        await wait_until(pilot, lambda: chosen.exists() and any(chosen.iterdir()))
        await pilot.press("escape", "ctrl+q")
    again = make_app(db, clock=clock)
    async with again.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        await pilot.press("f10")
        await pilot.pause()
        assert again.screen.query_one("#export-folder", Input).value == str(chosen)
        await pilot.press("escape", "f7")  # the summary's folder too
        await pilot.pause()
        assert str(chosen) in [w.value for w in again.screen.query(Input)]
