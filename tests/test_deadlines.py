import datetime as dt

from facilitator.rules.deadlines import DEFAULT_RULES, WorkCalendar, announcement_late, rule

D = dt.date
cal = WorkCalendar()


def test_spec_examples_2021():
    assert cal.add_working_days(D(2021, 10, 28), 15) == D(2021, 11, 18)
    assert cal.add_calendar_days(D(2021, 10, 28), 5) == D(2021, 11, 2)


def test_spec_examples_2025_reunification_and_swapped_days():
    # 30/4, 1/5 holidays, 2/5 swapped off, Saturday 26/4 worked instead.
    assert cal.add_calendar_days(D(2025, 4, 25), 5) == D(2025, 5, 5)
    assert cal.add_working_days(D(2025, 4, 25), 15) == D(2025, 5, 20)


def test_spec_example_tet_2025():
    assert cal.add_calendar_days(D(2025, 1, 20), 5) == D(2025, 2, 3)


def test_tet_2026_is_skipped():
    assert cal.add_working_days(D(2026, 2, 10), 15) == D(2026, 3, 10)


def test_rules_with_defaults():
    answer = rule("answer")
    evaluation = rule("evaluation")
    publication = rule("publication")
    assert (answer.offset, answer.unit) == (15, "working_days")
    assert (evaluation.offset, evaluation.unit) == (5, "calendar_days")
    assert (publication.offset, publication.unit) == (10, "calendar_days")
    assert answer.due(D(2021, 10, 28), cal) == D(2021, 11, 18)
    assert publication.due(D(2021, 10, 28), cal) == D(2021, 11, 8)  # 7/11 is a Sunday
    assert len(DEFAULT_RULES) == 3


def test_user_override_table_swapped_days():
    # A made-up swap for a year the package does not know: Friday off, Saturday worked.
    custom = WorkCalendar(days_off=[D(2027, 3, 5)], workdays=[D(2027, 3, 13)])
    assert not custom.is_working_day(D(2027, 3, 5))
    assert custom.is_working_day(D(2027, 3, 13))
    plain = WorkCalendar()
    assert plain.add_working_days(D(2027, 3, 1), 5) == D(2027, 3, 8)
    assert custom.add_working_days(D(2027, 3, 1), 5) == D(2027, 3, 9)


def test_working_days_between_signs():
    assert cal.working_days_between(D(2021, 11, 18), D(2021, 11, 18)) == 0
    assert cal.working_days_between(D(2021, 11, 15), D(2021, 11, 18)) == 3
    assert cal.working_days_between(D(2021, 11, 25), D(2021, 11, 18)) == -5


def test_announcement_seven_days():
    assert not announcement_late(D(2021, 10, 28), D(2021, 10, 20))
    assert not announcement_late(D(2021, 10, 28), D(2021, 10, 21))
    assert announcement_late(D(2021, 10, 28), D(2021, 10, 22))


def test_overdue_on_a_weekend_is_days_late_not_zero_left(console):
    """Due Friday 19/11/2021, seen on Sunday 21/11: overdue, no working day late yet (the
    follow-up says "QUÁ HẠN" alone); Monday 22/11: one working day late."""
    from facilitator.services import followup
    from facilitator.services.conclusion import decide

    store = console.store
    pid = store.petitions(console.meeting_id)[0].id
    decide(console, pid, "assigned", responsible="Trưởng thôn", due="19/11/2021")
    (row,) = followup.rows(store, dt.date(2021, 11, 21))
    assert (row.status, row.days_left, row.days_late) == ("overdue", 0, 0)
    (monday,) = followup.rows(store, dt.date(2021, 11, 22))
    assert (monday.status, monday.days_left, monday.days_late) == ("overdue", -1, 1)
    (early,) = followup.rows(store, dt.date(2021, 11, 18))
    assert (early.status, early.days_left, early.days_late) == ("open", 1, 0)
