"""Issue 13 "Done when": each task of the day driven with Pilot, counting the keys pressed.

Typed text (a name, a hamlet, a petition, an answer, a task) is not counted; every other key is.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from facilitator.app import make_app
from facilitator.rules.clock import FrozenClock
from facilitator.services.demo import demo_meeting
from facilitator.services.live import Console
from facilitator.services.meetingfile import import_meeting
from screens.widgets import QueueTable

CHAIR = "Trần Xuân Mãng"
CHAIR_POSITION = "Chủ tịch UBND xã"


class Keys:
    """Presses keys through Pilot and counts them; ``type`` enters text, not counted."""

    def __init__(self, pilot):
        self.pilot = pilot
        self.count = 0

    async def press(self, *keys: str) -> None:
        for key in keys:
            self.count += 1
            await self.pilot.press(key)
            await self.pilot.pause()

    async def type(self, text: str) -> None:
        await self.pilot.press(*text)
        await self.pilot.pause()


def speaking_phase_app(tmp_path: Path, clock: FrozenClock, call: bool = False):
    """The demo meeting opened and moved to "Nhân dân phát biểu" (the first speaker called)."""
    app = make_app(tmp_path / "m.db", clock=clock, export_dir=tmp_path / "out")
    mid = import_meeting(app.store, demo_meeting())
    app.meeting_id = mid
    console = Console(app.store, mid)
    console.next_phase()
    console.next_phase(2)
    if call:
        console.call_next()
    return app, console


async def test_register_a_walk_in_with_name_and_hamlet_in_3_keys(tmp_path, clock):
    app, console = speaking_phase_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        keys = Keys(pilot)
        await keys.press("f2")
        await keys.type("Lò Văn Pá")
        await keys.press("tab")
        await keys.type("Bản Mòng")
        await keys.press("enter")
        walk_in = app.store.speakers(app.meeting_id)[-1]
        assert (walk_in.name, walk_in.hamlet, walk_in.state) == ("Lò Văn Pá", "Bản Mòng", "waiting")
        assert walk_in.title == "Ông"  # guessed from "Văn", not asked
        assert keys.count == 3


async def test_call_next_in_1_key(tmp_path, clock):
    app, console = speaking_phase_app(tmp_path, clock)
    first = app.store.waiting(app.meeting_id)[0]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        keys = Keys(pilot)
        await keys.press("f3")
        assert app.store.speaking(app.meeting_id).id == first.id
        assert keys.count == 1


async def test_record_a_petition_in_1_key_text_1_key(tmp_path, clock):
    app, console = speaking_phase_app(tmp_path, clock, call=True)
    speaker = app.store.speaking(app.meeting_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        keys = Keys(pilot)
        await keys.press("f7")
        await keys.type("Sua cong thoat nuoc")
        await keys.press("ctrl+s")
        petition = app.store.petitions(app.meeting_id)[-1]
        assert (petition.content, petition.speaker_id) == ("Sua cong thoat nuoc", speaker.id)
        assert keys.count == 2


async def test_an_officials_answer_linked_to_the_current_petition_in_4_keys(tmp_path, clock):
    app, console = speaking_phase_app(tmp_path, clock, call=True)
    mid = app.meeting_id
    citizen = app.store.speaking(mid)
    pid = console.record_petition("Đề nghị sửa cống", speaker_id=citizen.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        keys = Keys(pilot)
        await keys.press("ctrl+r")  # who answers: the chair is first in the list
        await keys.press("enter")
        turn = app.store.speaking(mid)
        assert (turn.name, turn.hamlet, turn.kind) == (CHAIR, CHAIR_POSITION, "answer")
        await keys.press("f7")  # during the official's turn: the answer to the linked petition
        await keys.type("Xa sua trong thang 11")
        await keys.press("ctrl+s")
        petition = app.store.petition(pid)
        assert petition.answer == "Xa sua trong thang 11"
        assert (petition.answered_by_name, petition.answered_by_position) == (CHAIR, CHAIR_POSITION)
        assert (petition.outcome, petition.answered_in) == ("answered", turn.id)
        assert [p.content for p in app.store.petitions(mid) if p.speaker_id == turn.id] == []
        assert keys.count == 4


async def test_move_a_speaker_to_the_top_in_2_keys(tmp_path, clock):
    app, console = speaking_phase_app(tmp_path, clock, call=True)
    mid = app.meeting_id
    waiting = app.store.waiting(mid)
    fifth = waiting[4]  # number 6 in the queue (number 1 is speaking)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        keys = Keys(pilot)
        await keys.press("ctrl+u")  # "Đưa lên vị trí số:"; the speaker's number typed over
        await keys.type("6")
        await keys.press("enter")  # Enter alone: position 1
        order = [s.id for s in app.store.waiting(mid)]
        assert order == [fifth.id, *(s.id for s in waiting if s.id != fifth.id)]
        assert keys.count == 2


async def test_move_the_selected_speaker_to_position_n(tmp_path, clock):
    app, console = speaking_phase_app(tmp_path, clock, call=True)
    mid = app.meeting_id
    waiting = app.store.waiting(mid)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        queue = app.screen.query_one(QueueTable)
        queue.move_cursor(row=queue.get_row_index(str(waiting[-1].id)))
        await pilot.press("ctrl+u", "tab", "3", "enter")
        await pilot.pause()
        order = [s.id for s in app.store.waiting(mid)]
        assert order == [
            waiting[0].id,
            waiting[1].id,
            waiting[-1].id,
            *(s.id for s in waiting[2:-1]),
        ]
        assert "vị trí số 3" in str(app.screen.query_one("#live-message").render())
        await pilot.press("ctrl+z")  # one undo puts the whole queue back
        assert [s.id for s in app.store.waiting(mid)] == [s.id for s in waiting]


async def test_assign_with_the_suggested_person_and_due_date_in_3_keys(tmp_path, clock):
    app, console = speaking_phase_app(tmp_path, clock, call=True)
    mid = app.meeting_id
    pid = console.record_petition("Đề nghị sửa cống", speaker_id=app.store.speaking(mid).id)
    console.start_answer(CHAIR, CHAIR_POSITION, [pid])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        keys = Keys(pilot)
        await keys.press("f7")
        await keys.press("f3")  # giao giải quyết: the task field next
        await keys.type("Khao sat va lap du toan")
        await keys.press("ctrl+s")
        petition = app.store.petition(pid)
        assert petition.outcome == "assigned"
        assert petition.assignment is not None
        assert petition.assignment.responsible == f"{CHAIR}, {CHAIR_POSITION}"
        assert petition.assignment.task == "Khao sat va lap du toan"
        assert petition.assignment.due == dt.date(2021, 11, 18)  # 15 working days
        assert keys.count == 3


async def test_the_answer_typed_in_the_minutes_is_offered_not_typed_again(tmp_path, clock):
    """The secretary types the official's answer in the minutes as it is spoken; F7 offers it
    as the petition's answer: Ctrl+R, Enter, the answer, F7, Ctrl+S."""
    app, console = speaking_phase_app(tmp_path, clock, call=True)
    mid = app.meeting_id
    citizen = app.store.speaking(mid)
    pid = console.record_petition("Đề nghị sửa cống", speaker_id=citizen.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        keys = Keys(pilot)
        await keys.press("ctrl+r", "enter")
        await keys.type("Xã sửa cống trong tháng 11.")  # into the minutes, as it is said
        await keys.press("f7")
        assert app.screen.query_one("#f-answer").text == "Xã sửa cống trong tháng 11."
        await keys.press("ctrl+s")
        assert app.store.petition(pid).answer == "Xã sửa cống trong tháng 11."
        assert app.store.minutes(mid)[-1].text == "Xã sửa cống trong tháng 11."
        assert keys.count == 4


async def test_an_answer_typed_over_the_offered_minutes_replaces_them(tmp_path, clock):
    """Trial 2: the offered minutes had the cursor at their start, and the answer typed in the
    form was glued before them ("…tháng 12/2026Xã đã đưa…"). Offered text is selected."""
    app, console = speaking_phase_app(tmp_path, clock, call=True)
    mid = app.meeting_id
    citizen = app.store.speaking(mid)
    pid = console.record_petition("Đề nghị sửa cống", speaker_id=citizen.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        keys = Keys(pilot)
        await keys.press("ctrl+r", "enter")
        await keys.type("Xã đã đưa vào kế hoạch.")
        await keys.press("f7")
        await keys.type("Xã khảo sát trong tháng 12")
        await keys.press("ctrl+s")
        assert app.store.petition(pid).answer == "Xã khảo sát trong tháng 12"


async def test_the_answer_dialog_narrows_as_typed_and_takes_someone_not_listed(tmp_path, clock):
    from textual.widgets import Input, OptionList

    app, console = speaking_phase_app(tmp_path, clock, call=True)
    mid = app.meeting_id
    pid = console.record_petition("Đề nghị sửa cống", speaker_id=app.store.speaking(mid).id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+r")
        await pilot.pause()
        dialog = app.screen
        officials = dialog.query_one("#answer-officials", OptionList)
        petitions = dialog.query_one("#answer-petitions", OptionList)
        assert str(officials.get_option_at_index(0).prompt) == f"{CHAIR} — {CHAIR_POSITION}"
        assert str(petitions.get_option_at_index(0).prompt).startswith("[x] 7. Đề nghị sửa cống")
        await pilot.press(*"dia")  # accents and case ignored
        assert officials.option_count == 1
        assert str(officials.get_option_at_index(0).prompt) == (
            "Nguyễn Thị Hạnh — Công chức Địa chính - Xây dựng"
        )
        await pilot.press("tab", "space")  # Tab: the petitions (the help line); unticked
        assert str(petitions.get_option_at_index(0).prompt).startswith("[ ] 7.")
        await pilot.press("space", "f5")  # ticked again; outcome: ghi nhận
        assert "ghi nhận" in str(dialog.query_one("#answer-outcome").render())
        dialog.query_one("#answer-who", Input).value = "Lê Văn Tâm, Trưởng thôn"
        await pilot.pause()
        assert officials.option_count == 0  # not on the list: taken as typed
        dialog.query_one("#answer-who", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        turn = app.store.speaking(mid)
        assert (turn.name, turn.hamlet, turn.kind) == ("Lê Văn Tâm", "Trưởng thôn", "answer")
        petition = app.store.petition(pid)
        assert (petition.answered_in, petition.outcome) == (turn.id, "noted")
        assert petition.answered_by_name == "Lê Văn Tâm"
        await pilot.press("ctrl+z")  # the turn taken back: the petition as it was
        assert app.store.petition(pid).answered_in is None
