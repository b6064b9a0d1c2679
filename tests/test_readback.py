"""Reading the biên bản back to the hall after the conclusion (issue 16.2)."""

from __future__ import annotations

from pathlib import Path

import pytest

from db.store import open_store
from facilitator.app import make_app
from facilitator.rules.clock import FrozenClock
from facilitator.services.demo import demo_meeting, play_demo
from facilitator.services.live import Console, RuleError
from facilitator.services.meetingfile import import_meeting
from facilitator.services.readback import ReadBack, minutes_paragraphs, paginate
from tests.conftest import MEETING_START
from tests.helpers import wait_until


@pytest.fixture
def played(console: Console, clock: FrozenClock) -> Console:
    play_demo(console, clock.advance)
    return console


def test_paginate_keeps_paragraphs_whole_and_pages_short():
    paragraphs = ["một " * 30, "hai", "ba " * 100]
    pages = paginate(paragraphs, width=40, lines=6)
    assert pages[0] == [
        "một một một một một một một một một một",
        "một một một một một một một một một một",
        "một một một một một một một một một một",
        "",
        "hai",
    ]
    # "ba ..." (300 characters, 8 lines) does not fit on any page: it runs on over two.
    assert pages[1] == ["ba ba ba ba ba ba ba ba ba ba ba ba ba"] * 6
    assert pages[2] == ["ba ba ba ba ba ba ba ba ba ba ba ba ba"] * 1 + [
        "ba ba ba ba ba ba ba ba ba"
    ]
    assert all(len(page) <= 6 for page in pages)


def test_the_text_is_the_minutes_from_title_to_end(played):
    paragraphs = minutes_paragraphs(played.store, played.meeting_id)
    assert paragraphs[0] == "BIÊN BẢN"
    assert paragraphs[-1].endswith("./.")
    assert paragraphs[-1].startswith("Hội nghị kết thúc vào hồi")
    assert "II. NỘI DUNG HỘI NGHỊ" in paragraphs
    assert "DỰ THẢO" not in paragraphs
    # The assignments table is read as lines, its header first.
    assert any(p.startswith("STT | ") for p in paragraphs)


def test_read_back_only_after_the_conclusion(console):
    with pytest.raises(RuleError, match="chỉ đọc lại biên bản sau khi kết luận"):
        ReadBack(console).start()
    assert console.store.readback_page(console.meeting_id) is None


def test_turning_pages_stays_within_the_text_and_ending_is_logged(played):
    readback = ReadBack(played)
    assert readback.start() == 0
    last = len(readback.pages) - 1
    assert last == 10  # the played meeting reads back in 11 pages
    assert readback.turn(-1) == 0
    assert readback.turn(1) == 1
    for _ in range(last + 3):
        readback.turn(1)
    assert played.store.readback_page(played.meeting_id) == last
    readback.stop()
    assert played.store.readback_page(played.meeting_id) is None
    kinds = [e.kind for e in played.store.events(played.meeting_id)]
    assert kinds[-2:] == ["readback.started", "readback.ended"]


def test_a_correction_during_read_back_is_an_event_and_shows(played):
    store, mid = played.store, played.meeting_id
    readback = ReadBack(played)
    readback.start()
    entry = next(e for e in store.minutes(mid) if e.kind == "speech")
    old_text = entry.text
    assert any(old_text[:40] in line for page in readback.pages for line in page)
    played.save_entry(entry.id, "Đường trục thôn xuống cấp, xin sửa lại.")
    event = store.events(mid)[-1]
    assert event.kind == "minutes.corrected"
    assert event.payload == {
        "entry": entry.id,
        "before": old_text,
        "after": "Đường trục thôn xuống cấp, xin sửa lại.",
    }
    lines = [line for page in readback.pages for line in page]
    assert "Đường trục thôn xuống cấp, xin sửa lại." in " ".join(lines)


def test_typing_during_the_meeting_is_not_a_correction(console):
    console.next_phase()
    entry_id = console.new_entry("Khai mạc")
    console.save_entry(entry_id, "Khai mạc hội nghị")
    kinds = [e.kind for e in console.store.events(console.meeting_id)]
    assert "minutes.corrected" not in kinds


async def test_secretary_turns_the_pages_and_the_chair_view_follows(tmp_path: Path):
    path = tmp_path / "m.db"
    clock = FrozenClock(MEETING_START)
    store = open_store(path, clock=clock)
    mid = import_meeting(store, demo_meeting())
    play_demo(Console(store, mid), clock.advance)
    paragraphs = minutes_paragraphs(store, mid)
    store.close()

    secretary = make_app(path, clock=clock, meeting_id=mid)
    chair = make_app(path, clock=clock, mode="chair")
    async with secretary.run_test(size=(80, 24)) as pilot, chair.run_test(size=(80, 24)) as view:
        await pilot.pause()
        await pilot.press("f9")  # the conclusion screen
        await pilot.pause()
        await pilot.press("f5")  # read back: one key
        await pilot.pause()
        # pages as long as the secretary's window holds (18 lines at 80x24), the same for
        # the chair view
        await wait_until(pilot, lambda: secretary.store.readback_lines(mid) == 18)
        pages = paginate(paragraphs, lines=18)
        heading = str(secretary.screen.query_one("#readback-heading").render())
        assert heading.endswith(f"Trang 1/{len(pages)}")
        await pilot.press("pagedown")
        await pilot.pause()
        assert secretary.store.readback_page(mid) == 1
        shown = str(secretary.screen.query_one("#readback-page").render())
        assert shown == "\n".join(pages[1])
        phase = chair.screen.query_one("#chair-phase")
        await wait_until(view, lambda: str(phase.render()).endswith(f"Trang 2/{len(pages)}"))
        chair_heading = str(chair.screen.query_one("#chair-phase").render())
        assert chair_heading.endswith(f"Trang 2/{len(pages)}")
        assert str(chair.screen.query_one("#chair-readback").render()) == "\n".join(pages[1])
        assert chair.screen.has_class("-readback")
        await pilot.press("pageup")
        await pilot.pause()
        await wait_until(view, lambda: str(phase.render()).endswith(f"Trang 1/{len(pages)}"))
        assert str(chair.screen.query_one("#chair-phase").render()).endswith(
            f"Trang 1/{len(pages)}"
        )
        await pilot.press("f5")  # end the read-back
        await pilot.pause()
        await wait_until(view, lambda: not chair.screen.has_class("-readback"))
        assert secretary.store.readback_page(mid) is None
        assert not chair.screen.has_class("-readback")
        # After the read-back the view says the meeting is concluded (not "no meeting").
        assert str(chair.screen.query_one("#chair-phase").render()) == (
            "Đông Phong · 28/10/2021 · đã kết luận"
        )
        assert str(chair.screen.query_one("#chair-who").render()) == "Hội nghị đã kết luận"


async def test_a_correction_made_from_the_read_back_screen(tmp_path: Path):
    """Enter on the read-back page: the first entry of the page is offered, its text is
    corrected in place, the change is an event and the page shows it."""
    from screens.widgets import NfcTextArea

    path = tmp_path / "m.db"
    clock = FrozenClock(MEETING_START)
    store = open_store(path, clock=clock)
    mid = import_meeting(store, demo_meeting())
    play_demo(Console(store, mid), clock.advance)
    target = next(e for e in store.minutes(mid) if e.kind == "speech")
    store.close()
    app = make_app(path, clock=clock, meeting_id=mid)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("f9", "f5")
        await pilot.pause()
        # the pages are as long as the window holds: turned to the one the entry begins on
        readback = app.screen.readback
        await wait_until(pilot, lambda: readback.lines != 17, what="pages fitted to the window")
        page = next(i for i, p in enumerate(readback.pages) if target.text[:30] in " ".join(p))
        for _ in range(page):
            await pilot.press("pagedown")
        await pilot.press("enter")  # correct: the picker offers the first entry on the page
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        area = app.screen.query_one(NfcTextArea)
        assert area.text == target.text
        await pilot.press(*" Thêm.")  # typed on at the end of the words, not glued before them
        await pilot.pause()
        assert area.text == target.text + " Thêm."
        area.load_text("Đường trục thôn hư hỏng nặng (sửa khi đọc lại).")
        await pilot.press("ctrl+s")
        await pilot.pause()
        shown = str(app.screen.query_one("#readback-page").render())
        event = app.store.events(mid)[-1]
    assert "Đường trục thôn hư hỏng nặng (sửa khi đọc lại)." in shown.replace("\n", " ")
    assert event.kind == "minutes.corrected"
    assert event.payload["entry"] == target.id
    assert event.payload["after"] == "Đường trục thôn hư hỏng nặng (sửa khi đọc lại)."
