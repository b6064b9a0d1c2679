"""The live screen driven with the keys a secretary presses (SPEC §5)."""

import datetime as dt
import unicodedata

import pytest
from textual.widgets import Input, Select

from db.store import open_store
from facilitator.app import make_app
from facilitator.services.demo import demo_meeting
from facilitator.services.meetingfile import import_meeting
from screens.widgets import NfcTextArea, QueueTable
from tests.helpers import live_app, wait_until


def editor(app) -> NfcTextArea:
    return app.screen.query_one("#editor", NfcTextArea)


async def test_register_call_type_and_autosave(tmp_path, clock):
    app = live_app(tmp_path, clock, speakers=False)
    store, mid = app.store, app.meeting_id
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        await pilot.press("f8")
        assert store.meeting(mid).status == "live"
        await pilot.press("f2")
        await pilot.pause()
        form = app.screen
        assert form.focused.id == "f-name"  # first field has focus
        await pilot.press("A", "n")
        form.query_one("#f-name", Input).value = "Nguyễn Văn An"
        await pilot.press("tab")
        assert form.focused.id == "f-hamlet"  # the title, guessed from the name, comes after
        form.query_one("#f-hamlet", Input).value = "Đông Phong"
        form.query_one("#f-gist", Input).value = "Đường làng ngập"
        await pilot.press("enter")
        await pilot.pause()
        assert [s.name for s in store.speakers(mid)] == ["Nguyễn Văn An"]
        await pilot.press("f3", "enter")
        await pilot.pause()
        assert store.speaking(mid).name == "Nguyễn Văn An"
        await pilot.press("x", "i", "n")
        # saved within a second of the last key, without any F-key
        await wait_until(pilot, lambda: store.minutes(mid)[-1].text == "xin", timeout=1.0)
        entry = store.minutes(mid)[-1]
        assert entry.text == "xin"  # only what was typed; the header is shown above it
        assert str(app.screen.query_one("#editing").render()).endswith(
            "Nguyễn Văn An (thôn Đông Phong) phát biểu:"
        )
        assert entry.speaker_id == store.speakers(mid)[0].id
        assert entry.phase_position == 2  # F3 in the opening moved the agenda to phase 3


async def test_form_refusal_keeps_everything_typed(tmp_path, clock):
    app = live_app(tmp_path, clock, speakers=False)
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        form = app.screen
        form.query_one("#f-hamlet", Input).value = "xóm Bến"
        await pilot.press("enter")  # empty name
        await pilot.pause()
        assert app.screen is form
        assert "không được để trống" in str(form.query_one("#err-name").render())
        assert form.query_one("#f-hamlet", Input).value == "xóm Bến"
        await pilot.press("escape")
        await pilot.pause()
        assert app.store.speakers(app.meeting_id) == []


async def test_duplicate_name_warns_in_the_form(tmp_path, clock):
    app = live_app(tmp_path, clock)
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        app.screen.query_one("#f-name", Input).value = "pham thi hoa"
        await pilot.pause()
        assert "Phạm Thị Hòa" in str(app.screen.query_one("#err-name").render())
        await pilot.press("enter")
        await pilot.pause()
        names = [s.name for s in app.store.speakers(app.meeting_id)]
        assert names.count("pham thi hoa") == 1


async def test_timer_keys_and_undo(tmp_path, clock):
    app = live_app(tmp_path, clock)
    store, mid = app.store, app.meeting_id
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        await pilot.press("f8", "f3", "enter")
        clock.advance(100)
        await pilot.press("f4")
        slot = store.current_slot(mid)
        assert slot.slot.paused_at == clock.now
        clock.advance(30)
        await pilot.press("f4", "f5")
        slot = store.current_slot(mid)
        assert (slot.slot.paused_at, slot.slot.paused_total, slot.slot.limit_seconds) == (
            None,
            30.0,
            360,
        )
        await wait_until(
            pilot, lambda: str(app.screen.query_one("#countdown").render()) == "04:20  ĐANG NÓI"
        )
        countdown = str(app.screen.query_one("#countdown").render())
        assert countdown == "04:20  ĐANG NÓI"
        await pilot.press("ctrl+z")  # undo +1 minute
        assert store.current_slot(mid).slot.limit_seconds == 300
        assert str(app.screen.query_one("#live-message").render()) == "Đã hoàn tác: thêm 1 phút"
        clock.advance(300)
        await wait_until(
            pilot, lambda: str(app.screen.query_one("#countdown").render()) == "-01:40  HẾT GIỜ"
        )
        assert str(app.screen.query_one("#countdown").render()) == "-01:40  HẾT GIỜ"
        await pilot.press("f6")
        assert store.current_slot(mid) is None
        assert store.speakers(mid)[0].state == "done"
        kinds = [e.kind for e in store.events(mid)]
        assert kinds[-6:] == [
            "speaker.called",
            "slot.paused",
            "slot.resumed",
            "slot.extended",
            "undo",
            "slot.ended",
        ]


async def test_reorder_absent_and_follow_up_from_the_queue(tmp_path, clock):
    app = live_app(tmp_path, clock)
    store, mid = app.store, app.meeting_id
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        queue = app.screen.query_one(QueueTable)
        queue.focus()
        await pilot.press("down")  # 2nd: Phạm Thị Hòa
        await pilot.press("ctrl+down")
        waiting = [s.name for s in store.waiting(mid)]
        assert waiting[:3] == ["Nguyễn Văn Thành", "Vũ Đức Lợi", "Phạm Thị Hòa"]
        await pilot.press("ctrl+up")
        assert [s.name for s in store.waiting(mid)][:3] == [
            "Nguyễn Văn Thành",
            "Phạm Thị Hòa",
            "Vũ Đức Lợi",
        ]
        assert app.screen.focused is editor(app)  # every key action returns to the minutes
        queue.focus()
        await pilot.press("delete")
        await pilot.pause()
        app.screen.query_one("#f-state", Select).value = "withdrawn"
        app.screen.query_one("#f-reason", Input).value = "đã được giải đáp trước"
        await pilot.press("enter")
        await pilot.pause()
        hoa = next(s for s in store.speakers(mid) if s.name == "Phạm Thị Hòa")
        assert (hoa.state, hoa.reason) == ("withdrawn", "đã được giải đáp trước")
        await pilot.press("f8", "f3", "enter", "f6")  # open, call (moving to phase 3)
        queue.focus()
        queue.move_cursor(row=0)  # the speaker who just finished
        await pilot.press("ctrl+g")  # asked first, by name
        await pilot.pause()
        assert "Nguyễn Văn Thành" in str(app.screen.query_one("#form-title").render())
        await pilot.press("enter")
        await pilot.pause()
        assert [s.name for s in store.waiting(mid)][-1] == "Nguyễn Văn Thành"
        assert store.waiting(mid)[-1].turn == 2
        assert app.screen.focused is editor(app)


async def test_typing_in_the_queue_lands_in_the_minutes(tmp_path, clock):
    """Issue 9.3: after a follow-up turn and F3, "lúa" typed with the queue focused is minutes
    text, not a command (a bare "l" used to give the selected speaker another turn)."""
    app = live_app(tmp_path, clock)
    store, mid = app.store, app.meeting_id
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        await pilot.press("f8", "f3", "enter", "f6")
        queue = app.screen.query_one(QueueTable)
        queue.focus()
        await pilot.pause()
        queue.move_cursor(row=0)  # Nguyễn Văn Thành, finished
        await pilot.press("ctrl+g", "enter")  # asked by name first
        await pilot.pause()
        assert app.screen.focused is editor(app)
        await pilot.press("f3")
        assert app.screen.focused is editor(app)
        turns = len(store.speakers(mid))
        queue.focus()
        await pilot.pause()
        queue.move_cursor(row=0)
        before = editor(app).text
        await pilot.press("l", "ú", "a")
        await wait_until(pilot, lambda: store.minutes(mid)[-1].text.endswith("lúa"))
        assert len(store.speakers(mid)) == turns  # no follow-up turn was given
        assert editor(app).text == before + "lúa"
        assert app.screen.focused is editor(app)
        assert store.minutes(mid)[-1].text.endswith("lúa")
        # The earlier-minutes list too, and the characters land at the editor's cursor.
        app.screen.query_one("#minutes-log").focus()
        await pilot.pause()
        editor(app).move_cursor((0, 0))
        await pilot.press("x", " ")
        assert editor(app).text == "x " + before + "lúa"
        assert app.screen.focused is editor(app)


async def test_focus_returns_to_the_minutes_after_every_key(tmp_path, clock):
    app = live_app(tmp_path, clock)
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        live = app.screen
        queue = live.query_one(QueueTable)
        for keys in (
            ["f8"],
            ["f3", "enter"],
            ["f4"],
            ["f4"],
            ["f5"],
            ["ctrl+z"],
            ["ctrl+up"],
            ["f6"],
        ):
            queue.focus()
            await pilot.pause()
            await pilot.press(*keys)
            await pilot.pause()
            assert app.screen.focused is editor(app), keys
        for keys in (["f1", "escape"], ["f2", "escape"], ["f10", "escape"], ["enter", "escape"]):
            queue.focus()
            await pilot.pause()
            await pilot.press(keys[0])
            await pilot.pause()
            assert app.screen is not live
            await pilot.press(keys[1])
            await pilot.pause()
            assert app.screen is live and live.focused is editor(app), keys
        queue.focus()
        await pilot.pause()
        queue.move_cursor(row=queue.get_row_index(str(app.store.waiting(app.meeting_id)[0].id)))
        await pilot.press("delete")
        await pilot.pause()
        app.screen.query_one("#f-reason", Input).value = "ốm"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.focused is editor(app)
        queue.focus()
        await pilot.pause()
        await pilot.press("ctrl+r")
        await pilot.pause()
        app.screen.query_one("#answer-who", Input).value = "Trần Xuân Mãng"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.focused is editor(app)


async def test_petition_with_f7(tmp_path, clock):
    app = live_app(tmp_path, clock)
    store, mid = app.store, app.meeting_id
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        await pilot.press("f8", "f3", "enter", "f7")
        await pilot.pause()
        form = app.screen
        form.query_one("#f-content", NfcTextArea).load_text(
            unicodedata.normalize("NFD", "Đề nghị nâng cấp đường trục thôn")
        )
        form.query_one("#f-outcome", Select).value = "assigned"
        form.query_one("#f-responsible", Input).value = "Trưởng thôn"
        await pilot.press("ctrl+s")
        await pilot.pause()
        petition = store.petitions(mid)[-1]
        assert petition.content == "Đề nghị nâng cấp đường trục thôn"
        assert petition.speaker_id == store.speaking(mid).id
        assert petition.outcome == "assigned"


async def test_nfd_typing_in_the_editor_is_stored_nfc(tmp_path, clock):
    app = live_app(tmp_path, clock)
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        await pilot.press("f8")
        editor(app).insert(unicodedata.normalize("NFD", "thôn Đông Phong"))
        await wait_until(
            pilot, lambda: app.store.minutes(app.meeting_id)[-1].text == "thôn Đông Phong"
        )
        assert editor(app).text == "thôn Đông Phong"
        assert app.store.minutes(app.meeting_id)[-1].text == "thôn Đông Phong"
        await pilot.press("backspace")
        assert editor(app).text == "thôn Đông Phon"


async def test_crash_and_resume_a_running_slot(tmp_path, clock):
    app = live_app(tmp_path, clock)
    mid = app.meeting_id
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        await pilot.press("f8", "f3", "enter")
        clock.advance(40)
        await pilot.press("x")
        await wait_until(pilot, lambda: app.store.minutes(mid)[-1].text == "x")
    # The process is gone; 80 s later the secretary starts it again.
    clock.advance(80)
    again = make_app(tmp_path / "m.db", clock=clock, meeting_id=mid)
    async with again.run_test(size=(120, 35)) as pilot:
        countdown = again.screen.query_one("#countdown")
        await wait_until(pilot, lambda: str(countdown.render()) == "03:00  ĐANG NÓI")
        assert str(again.screen.query_one("#countdown").render()) == "03:00  ĐANG NÓI"
        entries = again.store.minutes(mid)
        assert entries[-1].text == "(gián đoạn ghi biên bản 08:00–08:02)"
        assert (entries[-2].kind, entries[-2].text) == ("speech", "x")


async def test_usable_at_80x24(tmp_path, clock):
    app = live_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f8", "f3", "enter")
        await wait_until(
            pilot, lambda: "ĐANG NÓI" in str(app.screen.query_one("#countdown").render())
        )
        screen = app.screen
        for wid in ("#agenda", "#countdown", "#queue", "#editor", "#queue-status"):
            region = screen.query_one(wid).region
            assert region.width > 0 and region.height > 0, wid
            assert region.bottom <= 24 and region.right <= 80, wid
        assert "ĐANG NÓI" in str(screen.query_one("#countdown").render())
        # F3 in the opening asked, then moved the agenda to the citizens' phase
        assert str(screen.query_one("#agenda").render()).startswith("▶ 3/6 Nhân dân phát biểu")


async def test_conclusion_with_keys(tmp_path, clock):
    app = live_app(tmp_path, clock)
    store, mid = app.store, app.meeting_id
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        await pilot.press("f8", "f9")
        await pilot.pause()
        await pilot.press("enter")  # first petition
        await pilot.pause()
        app.screen.query_one("#f-outcome", Select).value = "assigned"
        app.screen.query_one("#f-responsible", Input).value = "Công chức Địa chính - Xây dựng"
        await pilot.press("enter")
        await pilot.pause()
        first = store.petitions(mid)[0]
        assert first.assignment.responsible == "Công chức Địa chính - Xây dựng"
        assert first.assignment.due == dt.date(2021, 11, 18)
        app.screen.query_one("#conclusion-text", NfcTextArea).load_text("Giao các bộ phận.")
        await pilot.press("f9")
        await pilot.pause()
        await pilot.press("enter")  # confirm
        await pilot.pause()
        meeting = store.meeting(mid)
        assert (meeting.status, meeting.conclusion) == ("concluded", "Giao các bộ phận.")
        assert meeting.ended_at == clock.now


async def test_export_dialog_writes_documents(tmp_path, clock):
    app = live_app(tmp_path, clock)
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        await pilot.press("f10")
        await pilot.pause()
        await pilot.press("0")  # the three documents of the day and after
        await wait_until(pilot, lambda: len(list((tmp_path / "out").glob("*.docx"))) == 3, 10)
        names = sorted(p.name for p in (tmp_path / "out").glob("*.docx"))
        assert names == [
            "2021-10-28_dong-phong_bao-cao.docx",
            "2021-10-28_dong-phong_bien-ban.docx",
            "2021-10-28_dong-phong_thong-bao-ket-luan.docx",
        ]
        results = app.screen.query_one("#export-results")
        await wait_until(pilot, lambda: "bien-ban.docx" in str(results.render()))
        assert "bien-ban.docx" in str(app.screen.query_one("#export-results").render())


async def test_english_interface(tmp_path, clock):
    app = live_app(tmp_path, clock, lang="en")
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        await pilot.press("f8", "f3", "enter")
        await wait_until(
            pilot, lambda: str(app.screen.query_one("#countdown").render()) == "05:00  SPEAKING"
        )
        assert str(app.screen.query_one("#countdown").render()) == "05:00  SPEAKING"
        await pilot.press("f1")
        await pilot.pause()
        lines = str(app.screen.query_one("#help-keys").render()).splitlines()
        keys = dict(line.split(maxsplit=1) for line in lines[:3])
        assert keys == {"F1": "Help", "F2": "Register", "F3": "Next"}


async def test_store_is_left_consistent_after_a_session(tmp_path, clock):
    app = live_app(tmp_path, clock)
    mid = app.meeting_id
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        await pilot.press("f8", "f3", "enter")
        await wait_until(
            pilot, lambda: "ĐANG NÓI" in str(app.screen.query_one("#countdown").render())
        )
        await pilot.press("x", "i", "n")
        await wait_until(pilot, lambda: app.store.minutes(mid)[-1].text == "xin")
        await pilot.press("f6")
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
    store = open_store(tmp_path / "m.db")
    first, second = store.speakers(mid)[:2]
    assert (first.name, first.state) == ("Nguyễn Văn Thành", "done")
    assert (second.name, second.state) == ("Phạm Thị Hòa", "waiting")
    assert [(e.kind, e.text) for e in store.minutes(mid)] == [
        ("phase", "1. Khai mạc"),
        ("phase", "2. Thông báo nội dung"),  # passed over by F3: recorded in order
        ("phase", "3. Nhân dân phát biểu"),
        ("speech", "xin"),
    ]
    assert store.integrity_problems() == []


async def test_carry_over_from_an_earlier_meeting(tmp_path, clock):
    from facilitator.services.conclusion import decide
    from facilitator.services.live import Console

    app = live_app(tmp_path, clock)
    store = app.store
    earlier = Console(store, app.meeting_id)
    decide(earlier, store.petitions(app.meeting_id)[0].id, "assigned", responsible="Trưởng thôn")
    later = demo_meeting()
    later["meeting"]["date"] = "2021-12-20"
    app.meeting_id = import_meeting(store, later)
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+o")
        await pilot.pause()
        text = str(app.screen.query_one("#form-fields Static").render())
        assert "Đề nghị nâng cấp tuyến đường trục thôn" in text
        assert "Trưởng thôn, Hạn 18/11/2021" in text


async def test_single_bell_at_warning_and_at_zero(tmp_path, clock):
    app = make_app(tmp_path / "m.db", clock=clock, bell=True)
    app.meeting_id = import_meeting(app.store, demo_meeting())
    rings: list[float] = []
    app.bell = lambda: rings.append(1)  # type: ignore[method-assign]
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        await pilot.press("f8", "f3", "enter")
        clock.advance(245)
        await pilot.pause(1.1)
        assert len(rings) == 1
        clock.advance(60)
        await pilot.pause(1.1)
        assert len(rings) == 2
        assert "HẾT GIỜ" in str(app.screen.query_one("#countdown").render())


async def test_edit_an_earlier_minutes_entry(tmp_path, clock):
    app = live_app(tmp_path, clock)
    store, mid = app.store, app.meeting_id
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        await pilot.press("f8")
        await pilot.press("T", "u")
        await wait_until(pilot, lambda: store.minutes(mid)[-1].text == "Tu")
        first = store.minutes(mid)[-1]
        assert first.text == "Tu"
        await pilot.press("f8")  # a new phase: the editor starts a new entry
        log = app.screen.query_one("#minutes-log")
        log.focus()
        log.move_cursor(row=1)  # the "Tu" note, after the "1. Khai mạc" stamp
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.focused.id == "editor"
        await pilot.press("y")
        await wait_until(pilot, lambda: store.minutes_entry(first.id).text == "Tu y")
        assert store.minutes_entry(first.id).text == "Tu y"


async def test_chair_marks_a_closed_list(tmp_path, clock):
    from facilitator.services.live import Console

    path = tmp_path / "m.db"
    writer = make_app(path, clock=clock)
    meeting_id = import_meeting(writer.store, demo_meeting())
    console = Console(writer.store, meeting_id)
    console.next_phase()
    chair = make_app(path, mode="chair", clock=clock)
    async with chair.run_test(size=(100, 30)) as pilot:
        status = chair.screen.query_one("#chair-status")
        await wait_until(pilot, lambda: str(status.render()) != "")  # the queue is shown
        assert "ĐÃ KHÓA" not in str(chair.screen.query_one("#chair-status").render())
        console.set_registration_open(False)
        await wait_until(pilot, lambda: "ĐÃ KHÓA ĐĂNG KÝ" in str(status.render()))
        assert "ĐÃ KHÓA ĐĂNG KÝ" in str(chair.screen.query_one("#chair-status").render())
    writer.store.close()


async def test_chair_shows_an_officials_position(tmp_path, clock):
    """Issue 9.7: an answer turn shows the official's position, not "thôn <position>"."""
    from facilitator.services.live import Console

    path = tmp_path / "m.db"
    writer = make_app(path, clock=clock)
    meeting_id = import_meeting(writer.store, demo_meeting())
    console = Console(writer.store, meeting_id)
    console.next_phase()
    console.start_answer("Trần Xuân Mãng", "Chủ tịch UBND xã")
    chair = make_app(path, mode="chair", clock=clock)
    async with chair.run_test(size=(100, 30)) as pilot:
        shown = chair.screen.query_one("#chair-who")
        first = "▶ Trần Xuân Mãng — Chủ tịch UBND xã"
        await wait_until(pilot, lambda: str(shown.render()).splitlines()[:1] == [first])
        who = str(chair.screen.query_one("#chair-who").render())
        assert who.splitlines()[0] == "▶ Trần Xuân Mãng — Chủ tịch UBND xã"
        console.end_speech()
        console.call_next()
        second = "▶ Nguyễn Văn Thành — xóm Đình"
        await wait_until(pilot, lambda: str(shown.render()).splitlines()[:1] == [second])
        who = str(chair.screen.query_one("#chair-who").render())
        assert who.splitlines()[0] == "▶ Nguyễn Văn Thành — xóm Đình"
    writer.store.close()


async def test_speaker_with_own_speaking_time(tmp_path, clock):
    app = live_app(tmp_path, clock, speakers=False)
    store, mid = app.store, app.meeting_id
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        app.screen.query_one("#f-name", Input).value = "Nguyễn Văn An"
        app.screen.query_one("#f-limit", Input).value = "0,2"  # 12 s: refused
        await pilot.press("enter")
        await pilot.pause()
        assert "30 giây" in str(app.screen.query_one("#err-limit").render())
        app.screen.query_one("#f-limit", Input).value = "2,5"
        app.screen.query_one("#f-name").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert store.speakers(mid)[0].limit_seconds == 150
        await pilot.press("f8", "f3", "enter")  # open, call (moving to the citizens' phase)
        assert store.current_slot(mid).slot.limit_seconds == 150


async def test_every_key_is_in_the_palette_in_the_users_language(tmp_path, clock):
    app = live_app(tmp_path, clock)
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for expected in (
            "Mời tiếp (F3)",  # keys as printed on the keyboard
            "Bấm giờ (F4)",
            "Hoàn tác (Ctrl+Z)",
            "Xuất (F10)",
            "Thoát",
            "Giao diện màu",
        ):
            assert expected in titles
        assert not any(word in " ".join(titles) for word in ("Quit", "Theme", "Keys"))
        command = next(c for c in app.get_system_commands(app.screen) if "(F8)" in c.title)
        app.call_later(command.callback)  # as the palette runs a chosen command
        await pilot.pause()
        assert app.store.meeting(app.meeting_id).status == "live"


def test_chair_opens_the_database_read_only(tmp_path, clock):
    writer = make_app(tmp_path / "m.db", clock=clock)
    import_meeting(writer.store, demo_meeting())
    writer.store.close()
    chair = make_app(tmp_path / "m.db", mode="chair", clock=clock)
    from db.store import StoreError

    assert chair.store.readonly
    with pytest.raises(StoreError, match="chỉ được đọc"):
        chair.store.update_meeting(1, place="x")
    chair.store.close()


async def test_edit_a_speaker_from_the_queue(tmp_path, clock):
    app = live_app(tmp_path, clock)
    store, mid = app.store, app.meeting_id
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        queue = app.screen.query_one(QueueTable)
        queue.focus()
        queue.move_cursor(row=1)  # Phạm Thị Hòa
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one("#f-name", Input).value == "Phạm Thị Hòa"
        app.screen.query_one("#f-hamlet", Input).value = "xóm Đình"
        app.screen.query_one("#f-name").focus()
        await pilot.press("enter")
        await pilot.pause()
        hoa = next(s for s in store.speakers(mid) if s.name == "Phạm Thị Hòa")
        assert hoa.hamlet == "xóm Đình"
        assert store.events(mid)[-1].kind == "speaker.edited"
        await pilot.press("ctrl+z")
        assert next(s for s in store.speakers(mid) if s.name == "Phạm Thị Hòa").hamlet == (
            "xóm Giữa"
        )


async def test_f3_after_conclusion_calls_nobody(tmp_path, clock):
    app = live_app(tmp_path, clock)
    store, mid = app.store, app.meeting_id
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        await pilot.press("f8", "f3", "enter")
        await pilot.pause()
        first = next(s for s in store.speakers(mid) if s.state == "speaking")
        await pilot.press("f9")
        await pilot.pause()
        app.screen.query_one("#conclusion-text", NfcTextArea).load_text("Giao các bộ phận.")
        await pilot.press("f9")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert store.meeting(mid).status == "concluded"
        await pilot.press("escape")
        await pilot.pause()
        waiting = len(store.waiting(mid))
        await pilot.press("f3")
        await pilot.pause()
        assert store.speaker(first.id).state == "done"
        assert not [s for s in store.speakers(mid) if s.state == "speaking"]
        assert len(store.waiting(mid)) == waiting
        assert store.current_slot(mid) is None
        status = str(app.screen.query_one("#queue-status").render())
        assert status == f"Kết luận lúc 08:00 · Chưa mời: {waiting}"  # whole at 80 columns
        assert str(app.screen.query_one("#current-who").render()) == "Chưa có người phát biểu"
        assert "Không còn ai" not in str(app.screen.query_one("#live-message").render())


async def test_undo_a_call_then_call_again_keeps_the_words_apart(tmp_path, clock):
    """Nobody had the floor before the call: the words typed under the undone call stay, as a
    note with no speaker (never hers in the biên bản); calling her again starts her own
    entry."""
    app = live_app(tmp_path, clock)
    store, mid = app.store, app.meeting_id
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        await pilot.press("f8", "f3", "enter")
        await pilot.pause()
        first = next(s for s in store.speakers(mid) if s.state == "speaking")
        await pilot.press("ctrl+z")  # nothing typed: the call and its empty entry go
        await pilot.pause()
        assert store.speaker(first.id).state == "waiting"
        assert [e for e in store.minutes(mid) if e.speaker_id == first.id] == []
        await pilot.press("f3")
        await pilot.pause()
        await pilot.press(*"xin chao")
        await pilot.press("ctrl+z")  # typed: the words stay, no longer hers
        await pilot.pause()
        assert store.speaker(first.id).state == "waiting"
        assert [e for e in store.minutes(mid) if e.speaker_id == first.id] == []
        kept = [e for e in store.minutes(mid) if e.text == "xin chao"]
        assert [(e.kind, e.speaker_id) for e in kept] == [("note", None)]
        label = str(app.screen.query_one("#editing").render())
        assert first.name not in label
        assert app.screen.editing_id == kept[0].id
        await pilot.press("f3")
        await pilot.pause()
        assert store.speaker(first.id).state == "speaking"
        again = [e for e in store.minutes(mid) if e.speaker_id == first.id]
        assert [e.text for e in again] == [""]
        assert app.screen.editing_id == again[0].id
        assert first.name in str(app.screen.query_one("#editing").render())
        assert store.minutes_entry(kept[0].id).text == "xin chao"


async def test_every_restart_goes_on_with_the_speakers_entry(tmp_path, clock):
    app = live_app(tmp_path, clock)
    mid = app.meeting_id
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        await pilot.press("f8", "f3", "enter")
        await pilot.press("x")
        await wait_until(pilot, lambda: app.store.minutes(mid)[-1].text == "x")
        speaker = next(s for s in app.store.speakers(mid) if s.state == "speaking")
        entry = app.store.last_entry_of(speaker.id)
    for _ in range(2):
        clock.advance(80)
        again = make_app(tmp_path / "m.db", clock=clock, meeting_id=mid)
        async with again.run_test(size=(120, 35)) as pilot:
            await wait_until(pilot, lambda app=again: app.screen.editing_id == entry)
            assert again.screen.editing_id == entry
            assert speaker.name in str(again.screen.query_one("#editing").render())
            assert again.store.minutes(mid)[-1].kind == "outage"


async def test_conclusion_screen_exports_and_its_confirmation_counts_the_people_left(
    tmp_path, clock
):
    from facilitator.services.live import Console
    from screens.keybar import KeyBar

    app = live_app(tmp_path, clock)
    console = Console(app.store, app.meeting_id)
    for i in range(12):
        console.register(f"Người chờ {i}", "xóm Bến", "", "")
    waiting = len(app.store.waiting(app.meeting_id))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f8", "f9")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConclusionScreen"
        assert "F10" in str(app.screen.query_one(KeyBar).render())
        await pilot.press("f10")
        await pilot.pause()
        assert type(app.screen).__name__ == "ExportScreen"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("f9")
        await pilot.pause()
        dialog = app.screen
        assert type(dialog).__name__ == "FormScreen"  # the question also asks the count
        detail = str(dialog.query_one("#form-note").render())
        # As many names as the note shows without scrolling, then how many more.
        shown = detail.split("người đang chờ")[1].count("(xóm")
        assert shown >= 8
        assert detail.endswith(f"… và {waiting - shown} người nữa")
        # At 80x24 the question, the count field and the keys all stay on screen.
        for part in ("#form-title", "#f-citizens_present", "#form-hint"):
            region = dialog.query_one(part).region
            assert region.height >= 1 and region.y >= 0 and region.bottom <= 24, part


async def test_f7_assigned_asks_who_and_when(tmp_path, clock):
    """F7 with "giao giải quyết": refused without someone responsible; the due date is the
    15-working-day default shown in the form, as in the F9 decision form."""
    app = live_app(tmp_path, clock)
    store, mid = app.store, app.meeting_id
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        await pilot.press("f8", "f3", "enter", "f7")
        await pilot.pause()
        form = app.screen
        form.query_one("#f-content", NfcTextArea).load_text("Đề nghị nâng cấp đường trục thôn")
        form.query_one("#f-outcome", Select).value = "assigned"
        assert form.query_one("#f-due", Input).value == "18/11/2021"
        before = len(store.petitions(mid))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form  # refused: nobody responsible
        assert len(store.petitions(mid)) == before
        form.query_one("#f-responsible", Input).value = "Công chức Địa chính - Xây dựng"
        await pilot.press("ctrl+s")
        await pilot.pause()
        petition = store.petitions(mid)[-1]
        assert petition.outcome == "assigned"
        assert petition.assignment is not None
        assert petition.assignment.responsible == "Công chức Địa chính - Xây dựng"
        assert petition.assignment.due == dt.date(2021, 11, 18)
