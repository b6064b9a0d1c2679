import datetime as dt
import unicodedata
from pathlib import Path

import pytest

from db.store import open_store
from facilitator.rules.clock import TZ, FrozenClock
from facilitator.services.live import Console, RuleError


def test_phases_start_meeting_and_are_stamped(empty_meeting: Console, clock):
    c = empty_meeting
    assert c.meeting.status == "draft"
    assert c.next_phase() == "Khai mạc"
    m = c.meeting
    assert (m.status, m.phase_index, m.started_at) == ("live", 0, clock.now)
    clock.advance(600)
    assert c.next_phase() == "Thông báo nội dung"
    phases = c.store.phases(c.meeting_id)
    assert phases[0].ended_at == clock.now and phases[1].started_at == clock.now
    texts = [(e.kind, e.text, e.phase_position) for e in c.store.minutes(c.meeting_id)]
    assert texts == [("phase", "1. Khai mạc", 0), ("phase", "2. Thông báo nội dung", 1)]
    for _ in range(4):
        c.next_phase()
    assert c.next_phase() is None  # already at "Kết luận"


def test_minutes_entries_linked_to_phase_and_speaker(empty_meeting: Console, clock):
    c = empty_meeting
    c.next_phase()
    note = c.new_entry("Tuyên bố lý do")
    a = c.register("A").speaker_id
    c.call_next()
    during = c.new_entry(unicodedata.normalize("NFD", "ý kiến thêm"))
    clock.advance(5)
    c.save_entry(note, "Tuyên bố lý do, giới thiệu đại biểu")
    rows = {e.id: e for e in c.store.minutes(c.meeting_id)}
    assert rows[note].speaker_id is None and rows[note].text.endswith("đại biểu")
    assert rows[note].updated_at == clock.now
    assert rows[during].speaker_id == a and rows[during].text == "ý kiến thêm"
    # Over the limit: never refused nor cut, continued in a new entry (issue 12.5).
    last = c.save_entry(note, "x" * 20_001)
    assert c.store.minutes_entry(note).text == "x" * 20_000
    assert last != note and c.store.minutes_entry(last).text == "x"


def test_outage_noted_when_reopened_after_more_than_30_seconds(tmp_path: Path):
    clock = FrozenClock(dt.datetime(2021, 10, 28, 8, 0, tzinfo=TZ))
    path = tmp_path / "m.db"
    store = open_store(path, clock=clock)
    meeting_id = store.create_meeting(
        commune="Bình Lãng",
        village="Đông Phong",
        date="2021-10-28",
        chair_name="Trần Xuân Mãng",
    )
    c = Console(store, meeting_id)
    c.next_phase()
    c.register("A")
    c.call_next()
    store.close()
    clock.advance(20)
    again = Console(open_store(path, clock=clock), meeting_id)
    assert again.note_outage() is None  # a short restart is not an outage
    clock.advance(25 * 60)
    text = again.note_outage()
    assert text == "(gián đoạn ghi biên bản 08:00–08:25)"
    assert again.store.minutes(meeting_id)[-1].kind == "outage"
    # the slot resumed with the right time: 25 min 20 s since it started
    slot = again.store.current_slot(meeting_id).slot
    assert slot.remaining(clock.now) == 300 - 25 * 60 - 20


def test_petition_with_answer_and_outcome(empty_meeting: Console):
    c = empty_meeting
    a = c.register("A", field="Đất đai").speaker_id
    c.call_next()
    pid = c.record_petition("Đề nghị cấp sổ đỏ", "Đất đai", speaker_id=a)
    c.answer_petition(
        pid,
        answer="Sẽ xem xét",
        answered_by_name="Lê Văn Nam",
        answered_by_position="Phó Chủ tịch UBND xã",
        outcome="answered",
    )
    p = c.store.petition(pid)
    assert (p.speaker_id, p.outcome, p.answered_by_name) == (a, "answered", "Lê Văn Nam")
    with pytest.raises(RuleError) as err:
        c.answer_petition(pid, outcome="forwarded")
    assert err.value.field == "forwarded_to"
    with pytest.raises(RuleError):
        c.record_petition("   ")
