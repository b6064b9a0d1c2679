"""Deadlines (thời hạn) in Vietnamese working days, counted as the Civil Code asks.

Working days are Monday-Friday minus Vietnamese public holidays (the ``holidays`` package, Tết
included, with the swapped days it knows), minus the user's extra days off, plus the user's
make-up working days. A period starts on the day after its event; a period in calendar days
that ends on a non-working day moves to the next working day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

Unit = Literal["working_days", "calendar_days"]


@lru_cache(maxsize=64)
def _public_holidays(year: int) -> Any:
    # Imported on first use: building the table costs ~150 ms, too much for start-up.
    import holidays

    return holidays.country_holidays("VN", years=[year])


def warm(years: Iterable[int]) -> None:
    """Build the holiday tables of these years ahead of use (from a worker thread: the first
    build imports ``holidays``, up to a second or two on a slow laptop)."""
    for year in sorted(set(years)):
        _public_holidays(year)


class WorkCalendar:
    """Which days are working days, with the user's override table (swapped days)."""

    def __init__(self, days_off: Iterable[dt.date] = (), workdays: Iterable[dt.date] = ()):
        self.days_off = frozenset(days_off)
        self.workdays = frozenset(workdays)

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.workdays:
            return True
        if day in self.days_off:
            return False
        table = _public_holidays(day.year)
        if day in table:
            return False
        if day in getattr(table, "weekend_workdays", ()):
            return True
        return day.weekday() < 5

    def next_working_day(self, day: dt.date) -> dt.date:
        while not self.is_working_day(day):
            day += dt.timedelta(days=1)
        return day

    def add_working_days(self, event: dt.date, count: int) -> dt.date:
        day = event
        remaining = count
        while remaining > 0:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                remaining -= 1
        return day

    def add_calendar_days(self, event: dt.date, count: int) -> dt.date:
        return self.next_working_day(event + dt.timedelta(days=count))

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after ``start`` up to ``end`` included; negative when ``end`` is earlier."""
        if end == start:
            return 0
        sign = 1 if end > start else -1
        low, high = (start, end) if sign > 0 else (end, start)
        count = 0
        day = low
        while day < high:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                count += 1
        return sign * count


@dataclass(frozen=True)
class DeadlineRule:
    """A configurable period: offset and unit after an anchor event, with its legal reference."""

    key: str
    offset: int
    unit: Unit
    anchor: str
    reference: str
    label: str

    def due(self, anchor_date: dt.date, calendar: WorkCalendar) -> dt.date:
        if self.unit == "working_days":
            return calendar.add_working_days(anchor_date, self.offset)
        return calendar.add_calendar_days(anchor_date, self.offset)


DEFAULT_RULES: tuple[DeadlineRule, ...] = (
    DeadlineRule(
        "evaluation",
        5,
        "calendar_days",
        "meeting",
        "Kế hoạch, mục III.3.1: chậm nhất 05 ngày sau hội nghị",
        "Đánh giá, phân loại, chuyển cấp trên",
    ),
    DeadlineRule(
        "answer",
        15,
        "working_days",
        "meeting",
        "Kế hoạch, mục III.3.2: chậm nhất 15 ngày làm việc sau hội nghị",
        "Trả lời, giải quyết kiến nghị",
    ),
    DeadlineRule(
        "publication",
        10,
        "calendar_days",
        "meeting",
        "Công khai kết quả tiếp xúc, đối thoại trong 10 ngày",
        "Công khai kết quả",
    ),
)

ANNOUNCEMENT_DAYS = 7


def announcement_late(meeting_date: dt.date, announced_on: dt.date | None) -> bool:
    """The plan (1.4) asks for the announcement at least 7 days before the meeting."""
    if announced_on is None:
        return False
    return (meeting_date - announced_on).days < ANNOUNCEMENT_DAYS


def rule(key: str, rules: Iterable[DeadlineRule] = DEFAULT_RULES) -> DeadlineRule:
    for candidate in rules:
        if candidate.key == key:
            return candidate
    raise KeyError(key)


def status_of(due: dt.date, answered_on: dt.date | None, as_of: dt.date) -> str:
    if answered_on is not None:
        return "answered" if answered_on <= due else "answered_late"
    return "overdue" if as_of > due else "open"
