"""A new secretary's trial (issue formfix): typing in lists, Esc in forms, what is typed kept."""

from __future__ import annotations

from textual.widgets import DataTable

from tests.helpers import live_app, wait_until


async def test_a_name_typed_on_the_home_list_opens_nothing(tmp_path, clock):
    app = live_app(tmp_path, clock)
    app.meeting_id = None
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        home = app.screen
        await pilot.press(*"Đông Phong")
        await pilot.pause()
        assert app.screen is home  # "n" opened "Tạo mới" and the rest went into the Xã field
        assert app.store.meetings()[0].village == "Đông Phong"
        find = str(home.query_one("#home-find").render())
        assert find == "Tìm thôn: Đông Phong  (Backspace: xóa · Esc: thôi tìm)"
        assert home.query_one(DataTable).cursor_row == 0
        await pilot.press("escape")
        assert str(home.query_one("#home-find").render()) == ""
        await pilot.press("f2")  # the new meeting is F2
        await pilot.pause()
        assert type(app.screen).__name__ == "FormScreen"
        assert app.screen.query_one("#f-village").value == ""


async def test_esc_in_the_f7_form_asks_before_throwing_the_petition_away(tmp_path, clock):
    app = live_app(tmp_path, clock)
    store, mid = app.store, app.meeting_id
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f8", "f3", "enter", "f7")
        await pilot.pause()
        form = app.screen
        typed = "Kiến nghị dài đang gõ dở thì lỡ bấm Esc"
        await pilot.press(*typed)
        await pilot.press("escape")
        await pilot.pause()
        ask = app.screen
        assert type(ask).__name__ == "ConfirmScreen"
        assert str(ask.query_one("#form-title").render()) == "Bỏ nội dung đã gõ?"
        assert str(ask.query_one("#form-hint").render()) == "Enter: bỏ · Esc: quay lại"
        await pilot.press("escape")  # back to the form, with everything typed
        await pilot.pause()
        assert app.screen is form
        assert form.query_one("#f-content").text == typed
        await pilot.press(*" nữa", "escape", "enter")  # asked again; Enter throws it away
        await pilot.pause()
        assert type(app.screen).__name__ == "LiveScreen"
        assert not any(p.content.startswith("Kiến nghị dài") for p in store.petitions(mid))
        await pilot.press("f7", "escape")  # nothing typed: Esc closes at once
        await pilot.pause()
        assert type(app.screen).__name__ == "LiveScreen"


async def test_esc_in_the_f2_form_asks_in_english_too(tmp_path, clock):
    app = live_app(tmp_path, clock, lang="en")
    store, mid = app.store, app.meeting_id
    before = len(store.speakers(mid))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f2", *"Bùi Văn", "escape")
        await pilot.pause()
        ask = app.screen
        assert str(ask.query_one("#form-title").render()) == "Throw away what was typed?"
        assert str(ask.query_one("#form-hint").render()) == "Enter: throw away · Esc: back"
        await pilot.press("x")  # typing on, not seeing the question: back in the name
        await pilot.pause()
        assert app.screen.query_one("#f-name").value == "Bùi Vănx"
        await pilot.press("escape", "enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "LiveScreen"
        assert len(store.speakers(mid)) == before


async def test_esc_at_the_desk_empties_the_form_after_asking(tmp_path, clock):
    from facilitator.app import make_app
    from facilitator.services.demo import demo_meeting
    from facilitator.services.meetingfile import import_meeting

    path = tmp_path / "m.db"
    setup = make_app(path, clock=clock)
    mid = import_meeting(setup.store, demo_meeting())
    setup.store.close()
    app = make_app(path, mode="desk", clock=clock, meeting_id=mid)
    before = len(app.store.speakers(mid))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        desk = app.screen
        await pilot.press(*"Bùi Văn", "escape")
        await pilot.pause()
        assert str(app.screen.query_one("#form-title").render()) == "Bỏ nội dung đã gõ?"
        await pilot.press("escape")  # back: the name is still there
        await pilot.pause()
        assert app.screen is desk
        assert desk.query_one("#desk-name").value == "Bùi Văn"
        await pilot.press("tab", *"xóm Bến", "escape", "enter")
        await pilot.pause()
        assert app.screen is desk
        assert [desk.query_one(f"#desk-{k}").value for k in ("name", "hamlet")] == ["", ""]
        assert desk.focused is desk.query_one("#desk-name")
        await pilot.press("escape")  # nothing typed: nothing asked
        await pilot.pause()
        assert app.screen is desk
        assert len(app.store.speakers(mid)) == before


async def test_the_read_back_correction_opens_the_entry_highlighted_on_this_page(tmp_path):
    """Page of the second speech: the dialog offers that page's entries, Space Down Enter
    picks another one of them, Enter opens that one (it opened an entry of an earlier page)."""
    from db.store import open_store
    from facilitator.app import make_app
    from facilitator.rules.clock import FrozenClock
    from facilitator.services.demo import demo_meeting, play_demo
    from facilitator.services.live import Console
    from facilitator.services.meetingfile import import_meeting
    from facilitator.services.readback import ReadBack, entries_on_page
    from screens.widgets import NfcTextArea
    from tests.conftest import MEETING_START

    path = tmp_path / "m.db"
    clock = FrozenClock(MEETING_START)
    store = open_store(path, clock=clock)
    mid = import_meeting(store, demo_meeting())
    play_demo(Console(store, mid), clock.advance)
    speeches = [e for e in store.minutes(mid) if e.kind == "speech" and e.text]
    texts = [(e.id, e.text) for e in store.minutes(mid) if e.text]
    store.close()
    app = make_app(path, clock=clock, meeting_id=mid)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f9", "f5")
        await pilot.pause()
        # the pages are as long as the window holds (18 lines at 80x24): turned with PgDn
        readback: ReadBack = app.screen.readback
        await wait_until(pilot, lambda: readback.lines == 18, what="pages fitted")
        page = next(
            i
            for i in range(len(readback.pages))
            if speeches[3].id in entries_on_page(readback.pages, texts, i)
        )
        offered = entries_on_page(readback.pages, texts, page)
        assert len(offered) >= 2 and page > 0
        for _ in range(page):
            await pilot.press("pagedown")
        await pilot.press("enter")
        await pilot.pause()
        select = app.screen.query_one("#f-entry")
        assert [value for _label, value in select._options if isinstance(value, int)] == offered
        assert select.value == offered[0]
        await pilot.press("space", "down", "enter")  # the next entry of the page
        await pilot.pause()
        assert app.screen.query_one("#f-entry").value == offered[1]
        await pilot.press("enter")
        await pilot.pause()
        wanted = next(e for e in app.store.minutes(mid) if e.id == offered[1])
        assert app.screen.query_one(NfcTextArea).text == wanted.text


async def test_a_responsible_typed_for_a_forwarded_petition_is_not_dropped(tmp_path, clock):
    """F7, the petition, outcome "chuyển cấp trên", a responsible typed: the save is
    refused with the reason under the field and the form keeps it; the task is kept."""
    from facilitator.services.meetingfile import export_meeting

    app = live_app(tmp_path, clock)
    store, mid = app.store, app.meeting_id
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f8", "f3", "enter", "f7")
        await pilot.pause()
        form = app.screen
        await pilot.press(*"Xin nâng cấp đê")
        form.query_one("#f-outcome").focus()
        await pilot.press("c")  # the choice that begins with "c": chuyển cấp trên
        assert form.query_one("#f-outcome").value == "forwarded"
        form.query_one("#f-responsible").focus()
        await pilot.press(*"Ông Lý", "tab", *"Làm công văn")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert form.query_one("#f-responsible").value.endswith("Ông Lý")
        said = str(form.query_one("#err-responsible").render())
        assert said == (
            "⚠ ô này chỉ dùng khi kết quả là «giao giải quyết»: chọn kết quả đó, hoặc xóa chữ đã gõ"
        )
        assert not any(p.content == "Xin nâng cấp đê" for p in store.petitions(mid))
        form.query_one("#f-responsible").value = ""  # cleared: saved, with the task
        form.query_one("#f-forwarded_to").value = "UBND huyện"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is not form
        saved = next(p for p in store.petitions(mid) if p.content == "Xin nâng cấp đê")
        assert (saved.outcome, saved.forward_task, saved.forwarded_to) == (
            "forwarded",
            "Làm công văn",
            "UBND huyện",
        )
        exported = export_meeting(store, mid)
        item = next(p for p in exported["petitions"] if p["content"] == "Xin nâng cấp đê")
        assert item["forward_task"] == "Làm công văn"


async def test_a_name_typed_in_the_follow_up_records_nothing(tmp_path, clock):
    """ "Phong" typed on the follow-up's answered petitions: "h" recorded a satisfaction and
    "o" changed the filter; the keys are F2 and F3."""
    from facilitator.services.conclusion import decide
    from facilitator.services.demo import play_demo
    from facilitator.services.live import Console

    app = live_app(tmp_path, clock)
    store, mid = app.store, app.meeting_id
    play_demo(Console(store, mid), clock.advance)
    answered = next(p for p in store.petitions(mid) if p.outcome != "assigned")
    decide(Console(store, mid), answered.id, "answered", answer="Đã trả lời tại hội nghị.")
    app.meeting_id = None
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f5")
        await pilot.pause()
        screen = app.screen
        screen.query_one("#answered").focus()
        before = [p.satisfaction for p in store.petitions(mid)]
        await pilot.press(*"Phong")
        await pilot.pause()
        assert [p.satisfaction for p in store.petitions(mid)] == before
        assert screen.overdue_only is False
        await pilot.press("f3")
        await pilot.pause()
        assert [p.satisfaction for p in store.petitions(mid)] != before
