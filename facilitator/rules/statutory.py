"""The statutory clock of a meeting (thời hạn luật định): the four periods the law and the plan
set around it, each with its state on a given day.

- announce by T−7: at least 7 calendar days before the meeting (plan 1.4); a date fixed in
  advance, never moved;
- evaluate and classify within 5 days (plan III.3.1);
- answer every petition within 15 working days (plan III.3.2);
- publish the results within 10 days (Local Government Law 2025).

The periods after the meeting are the configurable ``DeadlineRule``s; they count as the Civil
Code asks (see ``deadlines``). Pure: dates in, dates out; no storage, no clock of its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from facilitator.rules.deadlines import ANNOUNCEMENT_DAYS, DeadlineRule, Unit, WorkCalendar

ORDER = ("announcement", "evaluation", "answer", "publication")
State = Literal["done", "done_late", "due", "late"]


@dataclass(frozen=True)
class Duty:
    """One period of the clock: what, by when, counted how, and when it was done."""

    key: str  # announcement, evaluation, answer, publication
    due: dt.date
    unit: Unit
    reference: str
    done_on: dt.date | None = None


@dataclass(frozen=True)
class DutyState:
    """``due``: ``days`` left; ``late``: days past the due date; ``done_late``: days late when
    it was done; ``done``: 0. Always in the duty's unit (working days for the 15-working-day
    answers: weekends, holidays and Tết do not count, before the due date or after it)."""

    state: State
    days: int


def duties(
    meeting_date: dt.date,
    calendar: WorkCalendar,
    rules: Iterable[DeadlineRule],
    *,
    announced_on: dt.date | None = None,
    done: Mapping[str, dt.date] | None = None,
) -> list[Duty]:
    """The four duties of a meeting, in the order they fall due."""
    done = done or {}
    out = [
        Duty(
            "announcement",
            meeting_date - dt.timedelta(days=ANNOUNCEMENT_DAYS),
            "calendar_days",
            "Kế hoạch, mục 1.4: thông báo trước ít nhất 07 ngày",
            announced_on,
        )
    ]
    for rule in rules:
        if rule.key in ORDER:
            out.append(
                Duty(
                    rule.key,
                    rule.due(meeting_date, calendar),
                    rule.unit,
                    rule.reference,
                    done.get(rule.key),
                )
            )
    return sorted(out, key=lambda d: ORDER.index(d.key))


def state_of(duty: Duty, as_of: dt.date, calendar: WorkCalendar) -> DutyState:
    """Where a duty stands on ``as_of``."""
    if duty.done_on is not None:
        if duty.done_on <= duty.due:
            return DutyState("done", 0)
        return DutyState("done_late", days_between(duty.due, duty.done_on, duty.unit, calendar))
    if as_of > duty.due:
        return DutyState("late", days_between(duty.due, as_of, duty.unit, calendar))
    return DutyState("due", days_between(as_of, duty.due, duty.unit, calendar))


def days_between(start: dt.date, end: dt.date, unit: Unit, calendar: WorkCalendar) -> int:
    """Days after ``start`` up to ``end``, counted in ``unit``: a day off right after a
    working-day deadline is not yet a day late (0)."""
    if unit == "working_days":
        return calendar.working_days_between(start, end)
    return (end - start).days


def most_pressing(items: Iterable[Duty]) -> Duty | None:
    """The duty to show first: the undone one due soonest (a late one is due soonest)."""
    open_ = [d for d in items if d.done_on is None]
    return min(open_, key=lambda d: (d.due, ORDER.index(d.key))) if open_ else None
