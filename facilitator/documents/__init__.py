"""Official documents (.docx), laid out as Decree 30/2020/NĐ-CP asks."""

from __future__ import annotations

import datetime as dt

from db.store import Store


def build(
    store: Store,
    meeting_id: int,
    doc: str,
    *,
    as_of: dt.date | None = None,
    number: str | None = None,
) -> bytes:
    """Render one document; python-docx is imported here, on first use."""
    from facilitator.documents import builders

    if doc == "minutes":
        return builders.minutes_document(store, meeting_id, number=number)
    if doc == "conclusion":
        return builders.conclusion_document(store, meeting_id, as_of, number=number)
    if doc == "report":
        return builders.report_document(store, meeting_id, as_of, number=number)
    if doc in ("announcement", "radio", "invitation", "attendance"):
        from facilitator.documents import before

        if doc == "announcement":
            return before.announcement_document(store, meeting_id, as_of, number=number)
        if doc == "radio":
            return before.radio_script(store, meeting_id)
        if doc == "invitation":
            return before.invitation_document(store, meeting_id, as_of, number=number)
        return before.attendance_document(store, meeting_id)
    raise ValueError(f"unknown document {doc!r}")
