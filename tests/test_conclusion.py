import datetime as dt

import pytest

from facilitator.services import followup
from facilitator.services.conclusion import conclude, decide, meeting_statistics
from facilitator.services.demo import demo_meeting, play_demo
from facilitator.services.live import Console, RuleError
from facilitator.services.meetingfile import import_meeting

D = dt.date


def meeting_on(store, day: str) -> Console:
    data = demo_meeting()
    data["meeting"]["date"] = day
    return Console(store, import_meeting(store, data))


@pytest.mark.parametrize(
    ("day", "due"),
    [
        ("2021-10-28", D(2021, 11, 18)),  # weekends only
        ("2026-02-10", D(2026, 3, 10)),  # Tết 2026
        ("2025-04-25", D(2025, 5, 20)),  # 30/4, 1/5, swapped 2/5 and make-up Saturday 26/4
    ],
)
def test_default_due_dates(store, day, due):
    c = meeting_on(store, day)
    pid = c.store.petitions(c.meeting_id)[0].id
    decide(c, pid, "assigned", responsible="Công chức Địa chính")
    assert c.store.petition(pid).assignment.due == due


def test_user_swapped_day_moves_the_default(store):
    store.set_calendar_override(D(2021, 11, 5), "off", "nghỉ bù (giả định)")
    c = meeting_on(store, "2021-10-28")
    pid = c.store.petitions(c.meeting_id)[0].id
    decide(c, pid, "assigned", responsible="X")
    assert c.store.petition(pid).assignment.due == D(2021, 11, 19)


def test_due_date_typed_and_refused_before_meeting(console):
    pid = console.store.petitions(console.meeting_id)[0].id
    decide(console, pid, "assigned", responsible="X", due="30/11/2021")
    assert console.store.petition(pid).assignment.due == D(2021, 11, 30)
    with pytest.raises(RuleError) as err:
        decide(console, pid, "assigned", responsible="X", due="27/10/2021")
    assert err.value.field == "due"
    with pytest.raises(RuleError):
        decide(console, pid, "assigned", responsible="X", due="31/02/2022")
    with pytest.raises(RuleError) as err:
        decide(console, pid, "assigned", responsible="")
    assert err.value.field == "responsible"
    assert console.store.petition(pid).assignment.due == D(2021, 11, 30)  # unchanged
    decide(console, pid, "noted")
    assert console.store.petition(pid).assignment is None


def test_overdue_status_as_of_a_date(console, clock):
    pids = [p.id for p in console.store.petitions(console.meeting_id)]
    decide(console, pids[0], "assigned", responsible="A")
    decide(console, pids[1], "assigned", responsible="B")
    decide(console, pids[2], "assigned", responsible="C")
    rows = {r.responsible: r for r in followup.rows(console.store, D(2021, 11, 10))}
    clock.advance(60 * 86400)  # the answers are recorded once given, weeks later
    followup.record_answer(console.store, rows["B"].assignment_id, D(2021, 11, 15), "written")
    followup.record_answer(console.store, rows["C"].assignment_id, D(2021, 11, 22), "direct")
    rows = followup.rows(console.store, D(2021, 11, 19))
    assert [(r.responsible, r.status, r.days_left) for r in rows] == [
        ("A", "overdue", -1),
        ("C", "answered_late", -1),
        ("B", "answered", -1),
    ]
    assert [
        r.responsible for r in followup.rows(console.store, D(2021, 11, 19), overdue_only=True)
    ] == ["A"]
    assert followup.rows(console.store, D(2021, 11, 18))[0].status == "open"


def test_checklist_dates(console):
    items = {i.key: i.due for i in followup.checklist(console.store, console.meeting_id)}
    assert items == {
        "evaluation": D(2021, 11, 2),
        "answer": D(2021, 11, 18),
        "publication": D(2021, 11, 8),
    }


def test_carry_over_to_next_meeting_of_the_same_village(store, clock):
    first = meeting_on(store, "2021-10-28")
    pid = store.petitions(first.meeting_id)[0].id
    decide(first, pid, "assigned", responsible="Trưởng thôn")
    other = meeting_on(store, "2021-12-01")
    other_village = demo_meeting()
    other_village["meeting"]["village"] = "Tây Phong"
    third = Console(store, import_meeting(store, other_village))
    assert [r.assignment.responsible for r in followup.carry_over(store, other.meeting_id)] == [
        "Trưởng thôn"
    ]
    assert followup.carry_over(store, third.meeting_id) == []
    row = followup.rows(store, D(2021, 12, 1))[0]
    clock.advance(60 * 86400)  # the answers are recorded once given, weeks later
    followup.record_answer(store, row.assignment_id, D(2021, 11, 20), "written")
    assert followup.carry_over(store, other.meeting_id) == []


def test_whole_demo_meeting_concludes_with_statistics(console, clock):
    play_demo(console, clock.advance)
    m = console.meeting
    assert m.status == "concluded" and m.ended_at == clock.now
    stats = meeting_statistics(console.store, console.meeting_id)
    assert stats.turns == 5
    assert stats.citizens_seconds == 200 * 4 + 100 + 120
    assert stats.officials_seconds == 420
    assert round(stats.citizens_share, 3) == round(1020 / 1440, 3)
    assert stats.per_hamlet[0] == ("xóm Đình", 320.0)
    assert stats.outcomes == {"assigned": 3, "answered": 1, "forwarded": 1, "noted": 1, "none": 4}


def test_conclude_refuses_huge_text(console):
    with pytest.raises(RuleError):
        conclude(console, "x" * 20_001)
    assert console.meeting.status == "draft"


def test_after_meeting_checklist_marked_done_and_carried_in_the_file(console, clock):
    from facilitator.services.meetingfile import export_meeting, import_meeting

    play_demo(console, clock.advance)
    items = followup.open_checklists(console.store)
    assert [(i.key, i.due, i.status(D(2021, 11, 5))) for _, i in items] == [
        ("evaluation", D(2021, 11, 2), "overdue"),
        ("publication", D(2021, 11, 8), "open"),
        ("answer", D(2021, 11, 18), "open"),
    ]
    with pytest.raises(RuleError):
        followup.mark_done(console.store, console.meeting_id, "evaluation", D(2021, 10, 1))
    with pytest.raises(RuleError) as refused:  # done, never planned: not after the store's today
        followup.mark_done(console.store, console.meeting_id, "evaluation", D(2021, 11, 3))
    assert (
        str(refused.value)
        == "ngày hoàn thành 03/11/2021 sau hôm nay (28/10/2021): chỉ ghi việc đã làm"
    )
    clock.advance(7 * 86400)
    followup.mark_done(console.store, console.meeting_id, "evaluation", D(2021, 11, 3))
    done = {i.key: i for i in followup.checklist(console.store, console.meeting_id)}
    assert (done["evaluation"].done_on, done["evaluation"].status(D(2021, 11, 5))) == (
        D(2021, 11, 3),
        "done_late",
    )
    exported = export_meeting(console.store, console.meeting_id)
    assert exported["checklist"] == [{"key": "evaluation", "done_on": "2021-11-03"}]
    again = import_meeting(console.store, exported)
    assert console.store.checklist_done(again) == {"evaluation": D(2021, 11, 3)}


def test_a_concluded_meeting_takes_no_more_speakers_turns_or_petitions(console, clock):
    console.next_phase()
    first = console.call_next()
    clock.advance(90)
    conclude(console, "Kết luận.")
    store, mid = console.store, console.meeting_id
    assert store.speaker(first.id).state == "done"
    assert store.current_slot(mid) is None
    phases = store.phases(mid)
    assert console.meeting.phase_index == len(phases) - 1
    assert (phases[-1].started_at, phases[-1].ended_at) == (clock.now, clock.now)
    waiting = [s.id for s in store.waiting(mid)]
    petitions = len(store.petitions(mid))
    refused = [
        console.call_next,
        lambda: console.start_answer("Lê Văn Nam"),
        lambda: console.register("Nguyễn Văn Mới", "Đông Phong"),
        lambda: console.record_petition("Sửa đường"),
        console.next_phase,
        console.toggle_timer,
        console.extend,
        lambda: console.follow_up(first.id),
        console.undo,
    ]
    for action in refused:
        with pytest.raises(RuleError) as exc:
            action()
        assert str(exc.value) == (
            "hội nghị đã kết luận; không còn mời phát biểu, ghi kiến nghị hay chuyển phần"
        )
    assert [s.id for s in store.waiting(mid)] == waiting
    assert len(store.petitions(mid)) == petitions
    assert store.current_slot(mid) is None
    # Correcting the minutes before sealing stays allowed.
    entry = store.recent_minutes(mid, 50)[-1]
    console.save_entry(entry.id, "Sửa lại sau kết luận")
    assert store.recent_minutes(mid, 50)[-1].text == "Sửa lại sau kết luận"


async def test_concluding_asks_the_number_of_citizens_for_the_minutes(tmp_path, clock):
    """F9 then F9: the question names what stays open and asks how many citizens came;
    the number typed is what the biên bản prints."""
    from facilitator.documents.builders import minutes_document
    from tests.test_live_screen import live_app
    from tests.test_record import paragraphs

    app = live_app(tmp_path, clock)
    store, mid = app.store, app.meeting_id
    store.update_meeting(mid, citizens_present=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f8", "f9")
        await pilot.pause()
        await pilot.press("f9")
        await pilot.pause()
        field = app.screen.query_one("#f-citizens_present")
        assert field.has_focus and field.value == ""
        await pilot.press("x", "enter")  # not a number: refused, the form stays
        await pilot.pause()
        assert store.meeting(mid).status == "live"
        assert "số nguyên" in str(app.screen.query_one("#err-citizens_present").render())
        await pilot.press("backspace", "8", "5", "enter")
        await pilot.pause()
        assert store.meeting(mid).status == "concluded"
        assert store.meeting(mid).citizens_present == 85
        text = "\n".join(paragraphs(minutes_document(store, mid)))
        assert " 85 người dân thôn Đông Phong tham dự" in text


async def test_f1_on_the_conclusion_screen_lists_its_keys(tmp_path, clock):
    """F1 on the conclusion screen shows this screen's keys (it did nothing before)."""
    from facilitator.app import make_app
    from facilitator.services.demo import demo_meeting as demo
    from facilitator.services.meetingfile import import_meeting as load

    app = make_app(tmp_path / "m.db", clock=clock, lang="vi", export_dir=tmp_path / "out")
    app.meeting_id = load(app.store, demo())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f8", "f9")  # start, then the conclusion screen
        await pilot.pause()
        assert type(app.screen).__name__ == "ConclusionScreen"
        await pilot.press("f1")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
        lines = str(app.screen.query_one("#help-keys").render()).splitlines()
        assert [line.split(None, 1)[0] for line in lines] == [
            "F1",
            "F7",
            "F9",
            "F8",
            "F5",
            "Ctrl+S",
            "F10",
            "Esc",
        ]
        assert lines[2] == f"{'F9':<16} Kết luận hội nghị"
        await pilot.press("f1")  # F1 again closes it
        await pilot.pause()
        assert type(app.screen).__name__ == "ConclusionScreen"


def test_answered_with_no_answer_anywhere_is_refused_not_a_crash(console):
    # Found by mypy: with no answer typed and none filed, the check called None.strip().
    pid = console.store.petitions(console.meeting_id)[0].id
    assert console.store.petition(pid).answer is None
    with pytest.raises(RuleError) as err:
        decide(console, pid, "answered")
    assert err.value.field == "answer"
    assert console.store.petition(pid).outcome is None
