"""Official documents (.docx), laid out as Decree 30/2020/NĐ-CP asks."""

from __future__ import annotations

from db.store import Store


def build(store: Store, meeting_id: int, doc: str) -> bytes:
    from facilitator.documents.builders import BUILDERS

    return BUILDERS[doc](store, meeting_id)
