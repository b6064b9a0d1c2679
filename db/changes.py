"""The undo record of a live-console action: before-images of the rows it changes, the rows
it adds and the rows it deletes, kept in its event's payload by table name (the format the
events of every earlier release hold). Only this module and the store know the tables; the
live console names the records (a speaker, a slot, a petition …)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from db.store import Store


class Change:
    """Collects before-images of rows an action touches, for undo."""

    def __init__(self, store: Store):
        self.store = store
        self.before: dict[str, dict[str, dict[str, Any]]] = {}
        self.inserted: dict[str, list[Any]] = {}
        self.deleted: dict[str, list[dict[str, Any]]] = {}

    def _touch(self, table: str, row_id: int) -> bool:
        """Keep the row's before-image; False when the row is not there (another window
        removed it)."""
        rows = self.before.setdefault(table, {})
        if str(row_id) not in rows:
            row = self.store.get(table, row_id)
            if row is not None:
                rows[str(row_id)] = row
        return str(row_id) in rows

    def meeting(self, meeting_id: int) -> bool:
        return self._touch("meetings", meeting_id)

    def speaker(self, speaker_id: int) -> bool:
        return self._touch("speakers", speaker_id)

    def slot(self, slot_id: int) -> bool:
        return self._touch("slots", slot_id)

    def petition(self, petition_id: int) -> bool:
        return self._touch("petitions", petition_id)

    def assignment(self, assignment_id: int) -> bool:
        return self._touch("assignments", assignment_id)

    def _added(self, table: str, row_id: int, extra: Any = None) -> None:
        self.inserted.setdefault(table, []).append(row_id if extra is None else [row_id, extra])

    def added_speaker(self, speaker_id: int) -> None:
        self._added("speakers", speaker_id)

    def added_slot(self, slot_id: int) -> None:
        self._added("slots", slot_id)

    def added_entry(self, entry_id: int, header: str = "") -> None:
        """A minutes entry the action made; undo removes it while its text is still
        ``header`` (or empty)."""
        self.inserted.setdefault("minutes", []).append([entry_id, header])

    def added_assignment(self, assignment_id: int) -> None:
        self._added("assignments", assignment_id)

    def _removed(self, table: str, row_id: int) -> dict[str, Any] | None:
        """A row the action deletes: undo inserts it again, with its id."""
        row = self.store.get(table, row_id)
        if row is not None:
            self.deleted.setdefault(table, []).append(row)
        return row

    def removed_petition(self, petition_id: int) -> bool:
        return self._removed("petitions", petition_id) is not None

    def removed_assignment(self, assignment_id: int) -> bool:
        return self._removed("assignments", assignment_id) is not None

    def payload(self, **summary: Any) -> dict[str, Any]:
        extra = {"deleted": self.deleted} if self.deleted else {}
        return {"before": self.before, "inserted": self.inserted, **extra, **summary}


def rows_of(payload: dict[str, Any]) -> set[tuple[str, int]]:
    """The (table, id) pairs an event changed or added, from its undo record."""
    rows: set[tuple[str, int]] = set()
    for table, before in (payload.get("before") or {}).items():
        rows.update((table, int(row_id)) for row_id in before)
    for table, added in (payload.get("inserted") or {}).items():
        for item in added:
            rows.add((table, int(item[0] if isinstance(item, list) else item)))
    for table, deleted in (payload.get("deleted") or {}).items():
        rows.update((table, int(row["id"])) for row in deleted)
    for key in ("speaker", "follows"):
        if isinstance(payload.get(key), int):
            rows.add(("speakers", payload[key]))
    return rows


def added_entries(payload: dict[str, Any]) -> list[int]:
    """The minutes entries an event's action made, from its undo record."""
    return [int(item[0]) for item in (payload.get("inserted") or {}).get("minutes", [])]


def undo_rows(store: Store, payload: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Restore the rows an event's undo record changed, remove the rows it added (a minutes
    entry only while it holds no typed words) and insert again the rows it deleted. Returns
    the rows removed, by table, for the undo event to keep."""
    removed: dict[str, list[dict[str, Any]]] = {}

    def remove(table: str, row_id: int) -> None:
        row = store.get(table, row_id)
        if row is not None:
            removed.setdefault(table, []).append(row)
            store.delete(table, row_id)

    for table, rows in payload.get("before", {}).items():
        for row_id, row in rows.items():
            values = {k: v for k, v in row.items() if k != "id"}
            store.update(table, int(row_id), values)
    inserted = payload.get("inserted", {})
    for slot_id in inserted.get("slots", []):
        remove("slots", slot_id)
    for entry_id, header in inserted.get("minutes", []):
        row = store.get("minutes", entry_id)
        # Typed text is kept; ``header`` is the text an older release pre-filled.
        if row is not None and row["text"].strip() in ("", header):
            remove("minutes", entry_id)
    for assignment_id in inserted.get("assignments", []):
        remove("assignments", assignment_id)
    for speaker_id in inserted.get("speakers", []):
        remove("speakers", speaker_id)
    deleted = payload.get("deleted", {})
    for table in ("petitions", "assignments"):  # parents before the rows that refer to them
        for row in deleted.get(table, []):
            if store.get(table, row["id"]) is None:
                store.insert(table, row)
    return removed
