"""The statutory clock in words, for the home and preparation screens (the computation is in
facilitator.rules.statutory; this only says it)."""

from __future__ import annotations

import datetime as dt

from db.store import Store
from facilitator.i18n import Translator
from facilitator.rules.deadlines import WorkCalendar
from facilitator.rules.statutory import Duty, most_pressing, state_of
from facilitator.services.followup import statutory_duties


def state_words(
    duty: Duty,
    today: dt.date,
    calendar: WorkCalendar,
    t: Translator,
    *,
    short: bool = False,
    due_format: str = "%d/%m/%Y",
) -> str:
    """ "còn 3 ngày (hạn 21/10/2021)", "✗ TRỄ 2 ngày (hạn …)", "✓ xong 20/10/2021"; ``short``
    leaves out the dates (the home screen's column); ``due_format`` writes the due date."""
    state = state_of(duty, today, calendar)
    due = duty.due.strftime(due_format)
    tail = "_short" if short else ""
    if state.state == "done":
        return t("clock.done", date=f"{duty.done_on:%d/%m/%Y}")
    # Counted in the duty's unit, and said: "ngày làm việc" for the 15-working-day answers.
    working = "_working" if duty.unit == "working_days" else ""
    if state.state == "done_late":
        return t(f"clock.done_late{working}", date=f"{duty.done_on:%d/%m/%Y}", days=state.days)
    if state.state == "late":
        if state.days == 0:  # the day off right after the deadline: late, no working day yet
            return t("clock.late_today" + tail, date=due)
        return t(f"clock.late{working}{tail}", days=state.days, date=due)
    if duty.due == today:
        return t("clock.today" + tail, date=due)
    return t(f"clock.due{working}{tail}", days=state.days, date=due)


def clock_lines(store: Store, meeting_id: int, today: dt.date, t: Translator) -> list[str]:
    """One line per duty: "Thông báo hội nghị (trước 7 ngày): ✓ xong 20/10/2021"."""
    calendar = store.work_calendar()
    return [
        f"{t('clock.' + d.key)}: {state_words(d, today, calendar, t)}"
        for d in statutory_duties(store, meeting_id)
    ]


def next_deadline(store: Store, meeting_id: int, today: dt.date, t: Translator) -> str:
    """The most pressing duty of a meeting in a few words (the home screen's column)."""
    duty = most_pressing(statutory_duties(store, meeting_id))
    if duty is None:
        return t("clock.all_done")
    words = state_words(duty, today, store.work_calendar(), t, short=True)
    return f"{t('clock.short.' + duty.key)}: {words}"
