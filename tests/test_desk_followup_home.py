"""The registration desk, the follow-up screen and the home screen, driven by keys."""

import datetime as dt

from textual.widgets import Input, Select

from facilitator.app import make_app
from facilitator.services.conclusion import decide
from facilitator.services.demo import demo_meeting
from facilitator.services.live import Console
from facilitator.services.meetingfile import import_meeting
from screens.widgets import QueueTable


async def test_desk_registers_reorders_and_respects_a_closed_list(tmp_path, clock):
    path = tmp_path / "m.db"
    setup_app = make_app(path, clock=clock)
    meeting_id = import_meeting(setup_app.store, demo_meeting())
    setup_app.store.close()
    app = make_app(path, mode="desk", clock=clock, meeting_id=meeting_id)
    store = app.store
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        assert app.screen.focused.id == "desk-name"
        app.screen.query_one("#desk-name", Input).value = "Lương Thị Hằng"
        app.screen.query_one("#desk-hamlet", Input).value = "xóm Bến"
        await pilot.press("enter")
        await pilot.pause()
        last = store.waiting(meeting_id)[-1]
        assert (last.name, last.hamlet) == ("Lương Thị Hằng", "xóm Bến")
        assert store.events(meeting_id)[-1].actor == "desk"
        assert app.screen.query_one("#desk-name", Input).value == ""  # ready for the next
        queue = app.screen.query_one(QueueTable)
        queue.focus()
        queue.move_cursor(row=queue.row_count - 1)
        await pilot.press("ctrl+up")
        assert store.waiting(meeting_id)[-2].name == "Lương Thị Hằng"
        await pilot.press("ctrl+l")  # the chair closes the list
        await pilot.pause()
        assert not store.meeting(meeting_id).registration_open
        app.screen.query_one("#desk-name", Input).value = "Người đến muộn"
        app.screen.query_one("#desk-name").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert "khóa" in str(app.screen.query_one("#desk-err-name").render())
        assert app.screen.query_one("#desk-name", Input).value == "Người đến muộn"
        assert "Người đến muộn" not in [s.name for s in store.speakers(meeting_id)]


async def test_followup_screen_records_an_answer(tmp_path, clock):
    app = make_app(tmp_path / "m.db", clock=clock)
    store = app.store
    meeting_id = import_meeting(store, demo_meeting())
    console = Console(store, meeting_id)
    decide(console, store.petitions(meeting_id)[0].id, "assigned", responsible="Trưởng thôn")
    clock.advance(20 * 86400)  # 17/11/2021: an answer of 12/11 is past (a later one is refused)
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        await pilot.press("f5")  # home screen: follow-up
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        form.query_one("#f-answered_on", Input).value = "12/11/2021"
        form.query_one("#f-form", Select).value = "direct"
        form.query_one("#f-answered_on").focus()
        await pilot.press("enter")
        await pilot.pause()
        a = store.petitions(meeting_id)[0].assignment
        assert (a.status, a.answered_on, a.answer_form) == (
            "answered",
            dt.date(2021, 11, 12),
            "direct",
        )
        assert "đã trả lời" in str(app.screen.query_one("DataTable").get_row_at(0))
        # said, since the row may move away from the cursor (trial 9: no word of it)
        assert [n.message for n in app._notifications][-1] == (
            "Đã ghi trả lời ngày 12/11/2021 · Trưởng thôn"
        )


async def test_home_lists_meetings_and_opens_one(tmp_path, clock):
    app = make_app(tmp_path / "m.db", clock=clock)
    meeting_id = import_meeting(app.store, demo_meeting())
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#meetings")
        assert table.row_count == 1
        assert "Đông Phong" in str(table.get_row_at(0))
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "LiveScreen"
        assert app.screen.console.meeting_id == meeting_id


async def test_desk_enter_on_the_priority_box_saves_and_the_box_reads_without_colour(
    tmp_path, clock
):
    path = tmp_path / "m.db"
    setup_app = make_app(path, clock=clock)
    meeting_id = import_meeting(setup_app.store, demo_meeting())
    setup_app.store.close()
    app = make_app(path, mode="desk", clock=clock, meeting_id=meeting_id)
    store = app.store
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.query_one("#desk-name", Input).value = "Hà Văn Tới"
        box = app.screen.query_one("#desk-priority")
        box.focus()
        await pilot.pause()
        assert str(box.render()).startswith("[ ]")
        await pilot.press("space")  # Space ticks
        await pilot.pause()
        assert str(box.render()).startswith("[x]")
        await pilot.press("enter")  # Enter saves, as the hint says
        await pilot.pause()
        last = store.waiting(meeting_id)[0]
        assert (last.name, last.priority) == ("Hà Văn Tới", True)
        assert str(box.render()).startswith("[ ]")  # cleared for the next person


async def test_followup_answer_dialog_names_it_and_the_cursor_stays_in_place(tmp_path, clock):
    """Saving an answer re-sorts the list (answered rows go down): the cursor stays at the
    same place, on the next assignment (trial 8: ↓ then reached the next one to deal with, not
    the one just answered), and the dialog's title names it (who, content)."""
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
        first = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        petition = next(
            p for p in store.petitions(meeting_id) if p.assignment and str(p.assignment.id) == first
        )
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        content = " ".join(petition.content.split())
        excerpt = content if len(content) <= 40 else content[:39].rstrip() + "…"
        assert str(form.query_one("#form-title").render()) == (
            f"Ghi trả lời · Trưởng thôn: {excerpt}"
        )
        form.query_one("#f-answered_on").focus()
        await pilot.press("enter")
        await pilot.pause()
        table = app.screen.query_one("#followup")
        assert table.get_row_at(table.row_count - 1) == table.get_row(first)  # went down
        assert table.cursor_row == 0
        assert table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value != first


async def test_desk_after_the_conclusion_says_the_meeting_is_concluded(tmp_path, clock):
    """A registration at the desk after the meeting was concluded: the header and the refusal
    say that meeting is concluded (not "no meeting is under way" over its queue)."""
    from facilitator.services.conclusion import conclude

    path = tmp_path / "m.db"
    setup_app = make_app(path, clock=clock)
    meeting_id = import_meeting(setup_app.store, demo_meeting())
    Console(setup_app.store, meeting_id).next_phase()  # the meeting opens
    setup_app.store.close()
    app = make_app(path, mode="desk", clock=clock)  # the meeting under way
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        conclude(Console(app.store, meeting_id), "Kết luận.")
        app.screen.reload()
        await pilot.pause()
        said = "Hội nghị Đông Phong 28/10/2021 đã kết luận: không đăng ký thêm"
        assert str(app.screen.query_one("#live-header").render()) == (
            "Bàn đăng ký phát biểu · Đông Phong · 28/10/2021 · đã kết luận"
        )
        app.screen.query_one("#desk-name", Input).value = "Người đến muộn"
        app.screen.query_one("#desk-name").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert [n.message for n in app._notifications][-1] == said
