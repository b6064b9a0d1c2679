import unicodedata

import pytest

from facilitator.rules.slot import SlotState
from facilitator.services.live import Console, RuleError, speech_header


def names(console: Console, state: str = "waiting") -> list[str]:
    return [s.name for s in console.store.speakers(console.meeting_id) if s.state == state]


def test_register_walk_in_and_duplicate_warning(empty_meeting: Console):
    c = empty_meeting
    first = c.register("Nguyễn Văn An", "Đông Phong", "Đường làng", "Giao thông")
    assert first.duplicate_of is None
    second = c.register("NGUYEN VAN AN", "xóm Bến")
    assert second.duplicate_of == "Nguyễn Văn An"
    assert names(c) == ["Nguyễn Văn An", "NGUYEN VAN AN"]


def test_register_refuses_empty_or_huge_names_and_stores_nfc(empty_meeting: Console):
    c = empty_meeting
    with pytest.raises(RuleError) as err:
        c.register("   \x00 ")
    assert err.value.field == "name"
    with pytest.raises(RuleError):
        c.register("A" * 201)
    r = c.register(
        unicodedata.normalize("NFD", "Trần Thị Hằng"), unicodedata.normalize("NFD", "xóm Chùa")
    )
    s = c.store.speaker(r.speaker_id)
    assert (s.name, s.hamlet) == ("Trần Thị Hằng", "xóm Chùa")
    assert unicodedata.is_normalized("NFC", s.name)


def test_priority_speakers_go_after_earlier_priority_but_before_others(empty_meeting: Console):
    c = empty_meeting
    for n in ("A", "B", "C"):
        c.register(n)
    c.register("P1", priority=True)
    c.register("P2", priority=True)
    assert names(c) == ["P1", "P2", "A", "B", "C"]


def test_manual_reorder_and_absent_withdrawn_with_reason(empty_meeting: Console):
    c = empty_meeting
    ids = [c.register(n).speaker_id for n in ("A", "B", "C")]
    assert c.move(ids[2], -1)
    assert names(c) == ["A", "C", "B"]
    assert not c.move(ids[0], -1)  # already first
    c.set_absent(ids[1], "absent", "không có mặt khi được mời")
    c.set_absent(ids[2], "withdrawn", "đã được giải đáp")
    assert names(c) == ["A"]
    b = c.store.speaker(ids[1])
    assert (b.state, b.reason) == ("absent", "không có mặt khi được mời")
    assert c.store.speaker(ids[2]).state == "withdrawn"


def test_call_next_ends_current_starts_slot_and_minutes_entry(empty_meeting: Console, clock):
    c = empty_meeting
    a = c.register("Nguyễn Văn An", "Đông Phong", title="Ông").speaker_id
    b = c.register("Lê Thị Bình", "xóm Bến", title="Bà").speaker_id
    c.next_phase()
    speaker = c.call_next()
    assert speaker.id == a and speaker.state == "speaking"
    slot = c.store.current_slot(c.meeting_id)
    assert slot.speaker_id == a and slot.slot.limit_seconds == 300
    assert slot.slot.started_at == clock.now
    entry = c.store.minutes(c.meeting_id)[-1]
    # The header is structure (the entry's speaker), shown but never stored as text.
    assert entry.text == ""
    assert (entry.kind, entry.speaker_id, entry.phase_position) == ("speech", a, 0)
    assert speech_header(c.store.speaker(a)) == "Ông Nguyễn Văn An (thôn Đông Phong) phát biểu:"
    clock.advance(200)
    c.call_next()
    assert c.store.speaker(a).state == "done"
    assert c.store.speaker(b).state == "speaking"
    first_slot = c.store.slots(c.meeting_id)[0]
    assert first_slot.slot.elapsed(clock.now) == 200
    assert c.store.minutes(c.meeting_id)[-1].speaker_id == b
    assert speech_header(c.store.speaker(b)) == "Bà Lê Thị Bình (xóm Bến) phát biểu:"


def test_timer_pause_extend_end(empty_meeting: Console, clock):
    c = empty_meeting
    c.register("A")
    c.call_next()
    clock.advance(100)
    assert c.toggle_timer() is SlotState.PAUSED
    clock.advance(50)
    assert c.toggle_timer() is SlotState.RUNNING
    assert c.extend(60)
    clock.advance(10)
    slot = c.store.current_slot(c.meeting_id).slot
    assert slot.paused_total == 50
    assert slot.remaining(clock.now) == 250  # 360 - 110 spoken
    assert c.end_speech()
    assert c.store.current_slot(c.meeting_id) is None
    assert names(c, "done") == ["A"]


def test_follow_up_turn_is_marked_second_time(empty_meeting: Console):
    c = empty_meeting
    a = c.register("Nguyễn Văn An", "Đông Phong").speaker_id
    c.register("B")
    with pytest.raises(RuleError):
        c.follow_up(a)  # not spoken yet
    c.call_next()
    again = c.follow_up(a)
    s = c.store.speaker(again)
    assert (s.kind, s.follows_id, s.turn, s.state) == ("follow_up", a, 2, "waiting")
    assert names(c) == ["B", "Nguyễn Văn An"]
    # No title known: the name alone, never "Ông/Bà".
    assert speech_header(s) == "Nguyễn Văn An (thôn Đông Phong) (lần 2) phát biểu:"


def test_undo_is_a_new_event_restoring_the_queue(empty_meeting: Console, clock):
    c = empty_meeting
    a = c.register("A").speaker_id
    b = c.register("B").speaker_id
    c.call_next()
    clock.advance(30)
    c.extend(60)
    assert c.undo() == "slot.extended"
    assert c.store.current_slot(c.meeting_id).slot.limit_seconds == 300
    assert c.undo() == "speaker.called"
    assert c.store.current_slot(c.meeting_id) is None
    assert names(c) == ["A", "B"]
    assert [e.kind for e in c.store.minutes(c.meeting_id)] == []  # untouched header removed
    c.move(b, -1)
    assert c.undo() == "speaker.moved"
    assert names(c) == ["A", "B"]
    assert c.undo() == "speaker.registered"
    assert names(c) == ["A"]
    kinds = [e.kind for e in c.store.events(c.meeting_id)]
    assert kinds.count("undo") == 4
    assert "speaker.called" in kinds  # nothing erased from the log
    assert [s.id for s in c.store.speakers(c.meeting_id)] == [a]  # only A is left


def test_undo_keeps_typed_minutes(empty_meeting: Console):
    c = empty_meeting
    c.register("A")
    c.call_next()
    entry = c.store.minutes(c.meeting_id)[-1]
    c.save_entry(entry.id, entry.text + " đề nghị làm đường")
    c.undo()
    assert c.store.minutes(c.meeting_id)[-1].text.endswith("đề nghị làm đường")


def test_projected_end(empty_meeting: Console, clock):
    c = empty_meeting
    for n in ("A", "B", "C"):
        c.register(n)
    assert c.projected_end() == clock.now.replace(minute=15)
    c.call_next()
    clock.advance(60)
    assert c.projected_end() == clock.now.replace(minute=15)  # 4:00 left + 2 x 5:00


def test_registration_can_be_closed(empty_meeting: Console):
    c = empty_meeting
    c.set_registration_open(False)
    with pytest.raises(RuleError, match="khóa"):
        c.register("A", enforce_open=True)
    c.register("Chủ tọa cho phép")  # the secretary may still add one
    c.set_registration_open(True)
    c.register("B", enforce_open=True)
