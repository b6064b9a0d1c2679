"""Official documents (.docx), laid out as Decree 30/2020/NĐ-CP asks.

Every document is a pure function of one ``MeetingRecord`` (facilitator/rules/record.py) and the
time it is made: it reads no store, so a meeting file renders without any database."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from facilitator.rules.record import MeetingRecord, RecordSource


def build(
    source: RecordSource,
    meeting_id: int,
    doc: str,
    *,
    as_of: dt.date | None = None,
    number: str | None = None,
) -> bytes:
    """Render one document of a meeting of the store (read in one go)."""
    return render(source.load_record(meeting_id), doc, source.clock(), as_of=as_of, number=number)


def render(
    record: MeetingRecord,
    doc: str,
    now: dt.datetime,
    *,
    as_of: dt.date | None = None,
    number: str | None = None,
) -> bytes:
    """Render one document of a meeting; python-docx is imported here, on first use."""
    from facilitator.documents import builders

    if doc == "minutes":
        return builders.minutes(record, now, number=number)
    if doc == "conclusion":
        return builders.conclusion(record, now, as_of, number=number)
    if doc == "report":
        return builders.report(record, now, as_of, number=number)
    if doc in ("announcement", "radio", "invitation", "attendance"):
        from facilitator.documents import before

        if doc == "announcement":
            return before.announcement(record, now, as_of, number=number)
        if doc == "radio":
            return before.radio(record)
        if doc == "invitation":
            return before.invitation(record, now, as_of, number=number)
        return before.attendance(record, now)
    raise ValueError(f"unknown document {doc!r}")
