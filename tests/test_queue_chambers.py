"""The queue as chambers run it (issue 13.3) and text that fits (13.5): position N, first turns
before second turns, finished speakers with their time, time per hamlet, the citizens' phase's
budget, columns sized to content, phase names in the English UI, F3 during the opening."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from facilitator.app import make_app
from facilitator.i18n import Translator
from facilitator.rules.budget import budget_left, per_hamlet, spoken_seconds
from facilitator.services.demo import demo_meeting
from facilitator.services.live import Console
from facilitator.services.meetingfile import import_meeting
from screens.widgets import QueueTable, budget_words, hamlet_times
from tests.helpers import wait_until


def names(c: Console) -> list[str]:
    return [s.name for s in c.store.waiting(c.meeting_id)]


def test_move_to_a_position_keeps_the_others_in_order(empty_meeting: Console):
    c = empty_meeting
    c.next_phase()
    ids = [c.register(n).speaker_id for n in ("An", "Bình", "Chi", "Dung", "Giang")]
    assert c.move_to(ids[4], 1) == 1
    assert names(c) == ["Giang", "An", "Bình", "Chi", "Dung"]
    assert c.move_to(ids[0], 4) == 4
    assert names(c) == ["Giang", "Bình", "Chi", "An", "Dung"]
    assert c.move_to(ids[1], 99) == 5  # past the end: the last place
    assert names(c) == ["Giang", "Chi", "An", "Dung", "Bình"]
    c.undo()
    assert names(c) == ["Giang", "Bình", "Chi", "An", "Dung"]


def test_first_turns_come_before_second_turns_when_the_rule_is_on(empty_meeting: Console):
    c = empty_meeting
    c.next_phase()
    a = c.register("An").speaker_id
    c.register("Bình")
    c.call_next()  # An speaks
    c.follow_up(a)  # An asks again: "lần 2" at the end
    c.register("Chi")
    assert names(c) == ["Bình", "An", "Chi"]  # off by default: order of registration
    assert not c.meeting.first_turns_first
    c.set_first_turns_first(True)
    assert names(c) == ["Bình", "Chi", "An"]
    c.register("Dung")  # a new first turn goes before the waiting second turn
    assert names(c) == ["Bình", "Chi", "Dung", "An"]
    c.set_first_turns_first(False)
    c.register("Giang")
    assert names(c) == ["Bình", "Chi", "Dung", "An", "Giang"]
    c.undo()  # the registration
    c.undo()  # the rule turned off
    assert c.meeting.first_turns_first


def test_budget_time_spoken_and_per_hamlet(store, meeting_id, clock):
    c = Console(store, meeting_id)
    t = Translator("vi")
    c.next_phase()
    clock.advance(600)
    c.next_phase(2)  # "Nhân dân phát biểu" starts at 08:10
    phases = store.phases(meeting_id)
    assert budget_left(None, phases, store.clock()) is None
    first = c.call_next()
    clock.advance(250)
    second = c.call_next()
    clock.advance(95)
    spoken = spoken_seconds(store.slots(meeting_id), store.clock())
    assert spoken == {first.id: 250.0, second.id: 95.0}
    totals = per_hamlet(store.speakers(meeting_id), spoken)
    assert totals == [(first.hamlet, 250.0), (second.hamlet, 95.0)]
    assert hamlet_times(t, totals) == f"Theo thôn: {first.hamlet} 04:10 · {second.hamlet} 01:35"
    left = budget_left(3600, phases, store.clock())
    assert left == 3600 - 345
    assert budget_words(t, left, 3600) == "54:15 / 60 phút · còn lại của phần nhân dân phát biểu"
    clock.advance(3600)
    over = budget_left(3600, phases, store.clock())
    assert budget_words(t, over, 3600) == "-05:45 / 60 phút · QUÁ GIỜ phần nhân dân phát biểu"
    english = budget_words(Translator("en"), over, 3600)
    assert english == "-05:45 / 60 min · citizens' phase OVER TIME"


def live_app(tmp_path, clock, lang="vi"):
    app = make_app(tmp_path / "m.db", clock=clock, lang=lang, export_dir=tmp_path / "out")
    app.meeting_id = import_meeting(app.store, demo_meeting())
    return app


def line(app, wid: str) -> str:
    widget = app.screen.query_one(wid)
    return str(widget.render()) if widget.display else ""


async def test_f3_in_the_opening_asks_then_moves_to_the_citizens_phase(tmp_path, clock):
    app = live_app(tmp_path, clock)
    store, mid = app.store, app.meeting_id
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f8", "f3")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmScreen"
        await pilot.press("escape")  # not yet: nobody called, still the opening
        await pilot.pause()
        assert store.speaking(mid) is None and store.meeting(mid).phase_index == 0
        await pilot.press("f3", "enter")
        await pilot.pause()
        assert store.meeting(mid).phase_index == 2
        assert store.speaking(mid).name == "Nguyễn Văn Thành"
        phases = [e.text for e in store.minutes(mid) if e.kind == "phase"]
        assert phases == ["1. Khai mạc", "2. Thông báo nội dung", "3. Nhân dân phát biểu"]
        await pilot.press("f3")  # in the citizens' phase: one key, no question
        await pilot.pause()
        assert store.speaking(mid).name == "Phạm Thị Hòa"


async def test_finished_speakers_time_and_hamlets_during_the_meeting(tmp_path, clock):
    app = live_app(tmp_path, clock)
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        await pilot.press("f8", "f3", "enter")
        clock.advance(250)
        await pilot.press("f3")
        clock.advance(22)
        # the screen's next refresh tick (twice a second), even on a busy machine
        await wait_until(pilot, lambda: line(app, "#hamlet-times").endswith("00:22"))
        queue = app.screen.query_one(QueueTable)
        assert [str(c) for c in queue.get_row_at(0)[:3]] == ["1", "Nguyễn Văn Thành", "✓ 04:10"]
        assert [str(c) for c in queue.get_row_at(1)[:3]] == ["2", "Phạm Thị Hòa", "▶ đang nói"]
        assert line(app, "#hamlet-times") == "Theo thôn: xóm Đình 04:10 · xóm Giữa 00:22"


async def test_the_budget_set_in_preparation_counts_down_on_the_live_screen(tmp_path, clock):
    app = live_app(tmp_path, clock, lang="en")
    store, mid = app.store, app.meeting_id
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert line(app, "#budget") == ""  # none set: no second countdown
        await pilot.press("ctrl+t")
        await pilot.pause()
        app.screen.query_one("#p-speech_budget_minutes", Input).value = "45"
        app.screen.query_one("#p-first_turns_first").value = True
        await pilot.press("ctrl+s", "escape")
        await pilot.pause()
        assert store.meeting(mid).speech_budget_seconds == 2700
        assert store.meeting(mid).first_turns_first
        assert line(app, "#budget") == "45:00 / 45 min · left of the citizens' phase"
        await pilot.press("f8", "f3", "enter")
        clock.advance(61)
        await wait_until(pilot, lambda: line(app, "#budget").startswith("43:59"))
        assert line(app, "#budget") == "43:59 / 45 min · left of the citizens' phase"
        assert str(app.screen.query_one("#agenda").render()).startswith(
            "▶ 3/6 Citizens speak → Answers and explanations"
        )
        await pilot.press("ctrl+b")  # the rule off again, from the live screen
        assert not store.meeting(mid).first_turns_first


@pytest.mark.parametrize(("size", "name_width"), [((80, 24), 16), ((120, 35), 16)])
async def test_queue_columns_fit_their_content(tmp_path, clock, size, name_width):
    app = live_app(tmp_path, clock)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        queue = app.screen.query_one(QueueTable)
        widths = {str(k.value): c.width for k, c in queue.columns.items()}
        assert widths["name"] == name_width  # "Nguyễn Văn Thành", the longest name
        assert widths["no"] == 2 and widths["state"] == len("Trạng thái")
        assert line(app, "#queue-selected") == ""  # nothing clipped


async def test_a_clipped_name_shows_whole_when_selected(tmp_path, clock):
    app = live_app(tmp_path, clock)
    long_name = "Nguyễn Thị Phương Thảo Nguyên Hạnh"
    Console(app.store, app.meeting_id).register(long_name, "Đông Phong")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        queue = app.screen.query_one(QueueTable)
        queue.focus()
        row = queue.get_row_index(str(app.store.speakers(app.meeting_id)[-1].id))
        cell = str(queue.get_row_at(row)[1])
        assert cell.endswith("…") and len(cell) == queue.name_width < len(long_name)
        assert line(app, "#queue-selected") == ""
        queue.move_cursor(row=row)
        await pilot.pause()
        assert line(app, "#queue-selected") == f"▸ {long_name}"
        await pilot.press("up")
        assert line(app, "#queue-selected") == ""


def test_the_meeting_file_carries_the_rule_the_budget_and_the_answer_links(store, meeting_id):
    from facilitator.services.meetingfile import export_meeting

    c = Console(store, meeting_id)
    c.next_phase()
    c.next_phase(2)
    citizen = c.call_next()
    pid = c.record_petition("Đề nghị sửa cống", speaker_id=citizen.id)
    turn = c.start_answer("Trần Xuân Mãng", "Chủ tịch UBND xã", [pid])
    c.set_first_turns_first(True)
    store.update_meeting(meeting_id, speech_budget_seconds=2700)
    data = export_meeting(store, meeting_id)
    assert data["meeting"]["first_turns_first"] is True
    assert data["meeting"]["speech_budget_minutes"] == 45
    turn_index = [s.id for s in store.speakers(meeting_id)].index(turn)
    assert data["petitions"][-1]["answered_in"] == turn_index
    copy = import_meeting(store, data)
    meeting = store.meeting(copy)
    assert (meeting.first_turns_first, meeting.speech_budget_seconds) == (True, 2700)
    answered = store.petitions(copy)[-1]
    assert store.speaker(answered.answered_in).name == "Trần Xuân Mãng"
    assert export_meeting(store, copy)["petitions"] == data["petitions"]


async def test_the_desk_shows_finished_speakers_with_their_time(tmp_path, clock):
    app = make_app(tmp_path / "m.db", clock=clock, mode="desk")
    mid = import_meeting(app.store, demo_meeting())
    c = Console(app.store, mid)
    c.next_phase()
    c.next_phase(2)
    c.call_next()
    clock.advance(95)
    c.call_next()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        queue = app.screen.query_one(QueueTable)
        assert [str(x) for x in queue.get_row_at(0)[:3]] == ["1", "Nguyễn Văn Thành", "✓ 01:35"]


def test_one_undo_takes_back_the_answer_turn_its_ties_and_the_assignment(store, meeting_id):
    from screens.answer import AnswerChoice, start_answer_turn

    c = Console(store, meeting_id)
    c.next_phase()
    c.next_phase(2)
    citizen = c.call_next()
    pid = c.record_petition("Đề nghị sửa cống", speaker_id=citizen.id)
    choice = AnswerChoice("Nguyễn Thị Hạnh", "Công chức Địa chính", [pid], "assigned")
    turn = start_answer_turn(c, choice)
    petition = store.petition(pid)
    assert (petition.outcome, petition.answered_in) == ("assigned", turn)
    assert petition.assignment is not None
    assert petition.assignment.responsible == "Nguyễn Thị Hạnh, Công chức Địa chính"
    assert c.undo() == "answer.started"
    petition = store.petition(pid)
    assert (petition.outcome, petition.answered_in, petition.assignment) == (None, None, None)
    assert store.speaking(meeting_id).id == citizen.id  # the citizen has the floor again


async def test_after_a_call_the_selection_goes_on_to_the_first_waiting(tmp_path, clock):
    app = live_app(tmp_path, clock)
    store, mid = app.store, app.meeting_id
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        queue = app.screen.query_one(QueueTable)
        await pilot.press("f8", "f3", "enter")
        await pilot.pause()
        assert queue.selected_id() == str(store.waiting(mid)[0].id)  # Phạm Thị Hòa
        await pilot.press("ctrl+u", "enter")  # blank: the selected one, to the top (already)
        await pilot.press("f3")
        await pilot.pause()
        hoa = store.speaking(mid)
        assert hoa.name == "Phạm Thị Hòa"
        assert queue.selected_id() == str(store.waiting(mid)[0].id)
        queue.move_cursor(row=0)  # a finished speaker chosen on purpose (Ctrl+G) stays chosen
        await pilot.press("f4")
        await pilot.pause()
        assert queue.selected_id() == str(store.speakers(mid)[0].id)
