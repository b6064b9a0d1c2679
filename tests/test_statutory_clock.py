"""The statutory clock (issue 14): announce by T−7, evaluate within 5 days, answer within 15
working days, publish within 10 days; each with its state, played day by day across Tết 2026
and across 24/11/2026, with the user's swapped days."""

from __future__ import annotations

import datetime as dt

from facilitator.app import make_app
from facilitator.rules.clock import TZ, FrozenClock
from facilitator.rules.deadlines import DEFAULT_RULES, WorkCalendar
from facilitator.rules.statutory import DutyState, duties, most_pressing, state_of
from facilitator.services.conclusion import conclude, decide
from facilitator.services.demo import demo_meeting
from facilitator.services.followup import record_answer, statutory_duties
from facilitator.services.meetingfile import import_meeting

D = dt.date
CALENDAR = WorkCalendar()


def dues(meeting: dt.date, calendar: WorkCalendar = CALENDAR) -> dict[str, dt.date]:
    return {d.key: d.due for d in duties(meeting, calendar, DEFAULT_RULES)}


def states(meeting: dt.date, as_of: dt.date, **kw) -> dict[str, tuple[str, int]]:
    out = {}
    for d in duties(meeting, CALENDAR, DEFAULT_RULES, **kw):
        s = state_of(d, as_of, CALENDAR)
        out[d.key] = (s.state, s.days)
    return out


def test_the_demo_meeting_of_the_plan():
    assert dues(D(2021, 10, 28)) == {
        "announcement": D(2021, 10, 21),  # T−7, never moved
        "evaluation": D(2021, 11, 2),  # +5 days (SPEC §6)
        "answer": D(2021, 11, 18),  # +15 working days (SPEC §6)
        "publication": D(2021, 11, 8),  # +10 = Sun 07/11 → Mon 08/11
    }
    announced = states(D(2021, 10, 28), D(2021, 10, 25), announced_on=D(2021, 10, 20))
    assert announced["announcement"] == ("done", 0)
    late = states(D(2021, 10, 28), D(2021, 10, 25), announced_on=D(2021, 10, 22))
    assert late["announcement"] == ("done_late", 1)


def test_played_across_tet_2026():
    """A meeting on Thu 12/02/2026, just before Tết (16–20/02; 17/02 is mùng 1)."""
    meeting = D(2026, 2, 12)
    assert dues(meeting) == {
        "announcement": D(2026, 2, 5),
        "evaluation": D(2026, 2, 23),  # +5 = Tue 17/02, Tết → Mon 23/02
        "answer": D(2026, 3, 12),  # Tết's five days are not working days
        "publication": D(2026, 2, 23),  # +10 = Sun 22/02 → Mon 23/02
    }
    played = {
        D(2026, 2, 4): {
            "announcement": ("due", 1),
            "evaluation": ("due", 19),
            "answer": ("due", 21),  # working days
            "publication": ("due", 19),
        },
        D(2026, 2, 5): {"announcement": ("due", 0)},
        D(2026, 2, 6): {"announcement": ("late", 1)},
        D(2026, 2, 13): {"evaluation": ("due", 10), "answer": ("due", 14)},
        D(2026, 2, 17): {"evaluation": ("due", 6), "answer": ("due", 14)},  # Tết: none passed
        D(2026, 2, 20): {"evaluation": ("due", 3), "answer": ("due", 14)},
        D(2026, 2, 23): {
            "evaluation": ("due", 0),
            "answer": ("due", 13),
            "publication": ("due", 0),
        },
        D(2026, 2, 24): {"evaluation": ("late", 1), "publication": ("late", 1)},
        D(2026, 3, 12): {"answer": ("due", 0)},
        D(2026, 3, 13): {"answer": ("late", 1)},
        # late in working days, as "due" counts them: Fri 13 and Mon 16 (the weekend not)
        D(2026, 3, 14): {"answer": ("late", 1)},
        D(2026, 3, 16): {"answer": ("late", 2)},
    }
    for day, expected in played.items():
        got = states(meeting, day)
        assert {k: got[k] for k in expected} == expected, day
    done = states(meeting, D(2026, 3, 1), done={"evaluation": D(2026, 2, 23)})
    assert done["evaluation"] == ("done", 0)
    done = states(meeting, D(2026, 3, 1), done={"evaluation": D(2026, 2, 25)})
    assert done["evaluation"] == ("done_late", 2)


def test_played_across_24_11_2026():
    """Ngày Văn hóa Việt Nam, a day off from 2026: a meeting on Thu 19/11/2026."""
    meeting = D(2026, 11, 19)
    assert dues(meeting) == {
        "announcement": D(2026, 11, 12),
        "evaluation": D(2026, 11, 25),  # +5 = Tue 24/11, a day off → Wed 25/11
        "answer": D(2026, 12, 11),  # one day later than without 24/11
        "publication": D(2026, 11, 30),  # +10 = Sun 29/11 → Mon 30/11
    }
    assert states(meeting, D(2026, 11, 20))["answer"] == ("due", 14)
    assert states(meeting, D(2026, 11, 23))["answer"] == ("due", 13)
    assert states(meeting, D(2026, 11, 24))["answer"] == ("due", 13)  # 24/11 passes no day
    assert states(meeting, D(2026, 11, 25))["answer"] == ("due", 12)
    assert states(meeting, D(2026, 11, 24))["evaluation"] == ("due", 1)
    assert states(meeting, D(2026, 11, 26))["evaluation"] == ("late", 1)


def test_the_users_swapped_days_move_the_clock():
    meeting = D(2026, 11, 19)
    extra_off = WorkCalendar(days_off=[D(2026, 12, 7)])  # a swapped day off
    assert dues(meeting, extra_off)["answer"] == D(2026, 12, 14)
    make_up = WorkCalendar(workdays=[D(2026, 11, 28)])  # a make-up working Saturday
    assert dues(meeting, make_up)["answer"] == D(2026, 12, 10)
    assert dues(meeting, WorkCalendar(days_off=[D(2026, 11, 25)]))["evaluation"] == D(2026, 11, 26)
    # the announcement is a date fixed in advance: a day off does not move it
    assert dues(meeting, WorkCalendar(days_off=[D(2026, 11, 12)]))["announcement"] == D(
        2026, 11, 12
    )
    d = duties(meeting, extra_off, DEFAULT_RULES)[2]
    assert state_of(d, D(2026, 12, 4), extra_off) == DutyState("due", 5)


def test_most_pressing():
    meeting = D(2026, 2, 12)
    items = duties(meeting, CALENDAR, DEFAULT_RULES, announced_on=D(2026, 2, 1))
    first = most_pressing(items)
    assert first is not None and first.key == "evaluation"
    everything = {"evaluation": D(2026, 2, 20), "answer": D(2026, 3, 2), "publication": meeting}
    assert (
        most_pressing(
            duties(meeting, CALENDAR, DEFAULT_RULES, announced_on=D(2026, 2, 1), done=everything)
        )
        is None
    )


def test_the_store_says_when_answers_are_done(store, console, clock):
    """The answers are done when every petition is decided and every assignment answered."""
    mid = console.meeting_id
    answer = next(d for d in statutory_duties(store, mid) if d.key == "answer")
    assert answer.done_on is None
    console.next_phase()
    petitions = store.petitions(mid)
    for p in petitions[1:]:
        decide(console, p.id, "answered", answer="Đã trả lời.")
    decide(console, petitions[0].id, "assigned", responsible="Công chức Địa chính - Xây dựng")
    conclude(console, "Giao các bộ phận.")
    answer = next(d for d in statutory_duties(store, mid) if d.key == "answer")
    assert answer.done_on is None  # one assignment still open
    assignment = store.petition(petitions[0].id).assignment
    clock.advance(60 * 86400)  # the answer is recorded once given, weeks later
    record_answer(store, assignment.id, D(2021, 11, 19), "written")
    answer = next(d for d in statutory_duties(store, mid) if d.key == "answer")
    assert answer.done_on == D(2021, 11, 19)
    assert state_of(answer, D(2021, 12, 1), store.work_calendar()) == DutyState("done_late", 1)
    announcement = statutory_duties(store, mid)[0]
    assert (announcement.key, announcement.done_on) == ("announcement", D(2021, 10, 20))


# ----- on screen ------------------------------------------------------------------------------


async def test_the_list_is_painted_before_the_clock(tmp_path, monkeypatch):
    """The holiday tables are built in a worker: until then the column holds "…"."""
    import threading

    from facilitator.rules import deadlines

    gate = threading.Event()
    monkeypatch.setattr(deadlines, "warm", lambda years: gate.wait(5))
    clock = FrozenClock(dt.datetime(2021, 10, 26, 9, 0, tzinfo=TZ))
    app = make_app(tmp_path / "m.db", clock=clock)
    import_meeting(app.store, demo_meeting())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#meetings")
        assert table.get_row_at(0)[-1] == "…"
        assert str(app.screen.query_one("#home-clock").render()) == ""
        gate.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert table.get_row_at(0)[-1] == "Đánh giá: còn 7 ngày"


async def test_home_and_preparation_show_the_clock(tmp_path):
    clock = FrozenClock(dt.datetime(2021, 10, 26, 9, 0, tzinfo=TZ))
    app = make_app(tmp_path / "m.db", clock=clock)
    data = demo_meeting()
    data["meeting"]["announced_on"] = None
    import_meeting(app.store, data)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()  # the holiday tables, built off the UI thread
        await pilot.pause()
        table = app.screen.query_one("#meetings")
        assert table.get_row_at(0)[-1] == "Thông báo: ✗ TRỄ 5 ngày"
        panel = str(app.screen.query_one("#home-clock").render())
        assert panel.splitlines() == [
            "Thời hạn luật định · Đông Phong 28/10/2021",
            "  Thông báo hội nghị (trước 7 ngày): ✗ TRỄ 5 ngày (hạn 21/10/2021)",
            "  Đánh giá, phân loại (5 ngày): còn 7 ngày (hạn 02/11/2021)",
            "  Trả lời kiến nghị (15 ngày làm việc): còn 17 ngày làm việc (hạn 18/11/2021)",
            "  Công khai kết quả (10 ngày): còn 13 ngày (hạn 08/11/2021)",
        ]
        region = app.screen.query_one("#home-clock").region
        assert region.bottom <= 23  # above the footer at 80x24
        await pilot.press("f4")
        await pilot.pause()
        prep = app.screen
        assert type(prep).__name__ == "PrepareScreen"
        lines = str(prep.query_one("#prep-clock").render()).splitlines()
        assert lines[0] == "Thông báo: ✗ TRỄ 5 ngày (hạn 21/10)"  # the year is in the header
        # the secretary records the day it was announced: the clock says done
        prep.query_one("#p-announced_on").value = "21/10/2021"
        await pilot.press("ctrl+s")
        await pilot.pause()
        lines = str(prep.query_one("#prep-clock").render()).splitlines()
        assert lines[0] == "Thông báo: ✓ xong 21/10/2021"
        await pilot.press("escape")
        await pilot.pause()
        table = app.screen.query_one("#meetings")
        assert table.get_row_at(0)[-1] == "Đánh giá: còn 7 ngày"


async def test_the_clock_in_english(tmp_path):
    clock = FrozenClock(dt.datetime(2021, 11, 19, 9, 0, tzinfo=TZ))
    app = make_app(tmp_path / "m.db", clock=clock, lang="en")
    import_meeting(app.store, demo_meeting())
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        lines = str(app.screen.query_one("#home-clock").render()).splitlines()
        assert lines[0] == "Statutory deadlines · Đông Phong 28/10/2021"
        assert lines[1] == "  Announce the meeting (7 days before): ✓ done 20/10/2021"
        assert (
            lines[3]
            == "  Answer the petitions (15 working days): ✗ LATE by 1 working day (due 18/11/2021)"
        )


def test_the_publication_record_drives_the_clock(store, meeting_id, clock):
    """Công khai is done only when the office, each thôn and the radio have their date."""
    from facilitator.services.publication import record_publication

    clock.advance(7 * 86400)  # recorded once done, never ahead of the day

    def publication():
        return next(d for d in statutory_duties(store, meeting_id) if d.key == "publication")

    record_publication(store, meeting_id, "office", "", D(2021, 10, 29))
    record_publication(store, meeting_id, "radio", "", D(2021, 10, 30))
    assert publication().done_on is None  # thôn Đông Phong not sent yet
    assert state_of(publication(), D(2021, 11, 9), CALENDAR) == DutyState("late", 1)
    record_publication(store, meeting_id, "hamlet", "Đông Phong", D(2021, 11, 1))
    assert publication().done_on == D(2021, 11, 1)
    assert state_of(publication(), D(2021, 11, 9), CALENDAR) == DutyState("done", 0)
