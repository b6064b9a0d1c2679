import datetime as dt

from facilitator.rules.clock import TZ
from facilitator.rules.slot import Phase, Slot, SlotState, format_clock

T0 = dt.datetime(2021, 10, 28, 8, 0, tzinfo=TZ)


def at(seconds: float) -> dt.datetime:
    return T0 + dt.timedelta(seconds=seconds)


def test_countdown_warning_and_overtime():
    slot = Slot(started_at=T0, limit_seconds=300)
    assert slot.remaining(at(0)) == 300
    assert slot.phase(at(239)) is Phase.NORMAL
    assert slot.phase(at(240)) is Phase.WARNING
    assert slot.phase(at(300)) is Phase.OVERTIME
    assert format_clock(slot.remaining(at(312))) == "-00:12"


def test_pause_resume_and_extend():
    slot = Slot(started_at=T0, limit_seconds=300).pause(at(100))
    assert slot.state is SlotState.PAUSED
    assert slot.remaining(at(500)) == 200  # time stands still while paused
    slot = slot.resume(at(160))
    assert slot.paused_total == 60
    assert slot.remaining(at(200)) == 160
    slot = slot.extend(60)
    assert slot.remaining(at(200)) == 220
    ended = slot.end(at(260))
    assert ended.state is SlotState.ENDED
    assert ended.elapsed(at(999)) == 200


def test_format_clock():
    assert format_clock(300) == "05:00"
    assert format_clock(4.2) == "00:05"
    assert format_clock(0) == "00:00"
    assert format_clock(-75) == "-01:15"
