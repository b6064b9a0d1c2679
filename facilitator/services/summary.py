"""The commune's periodic figures over all meetings (báo cáo tổng hợp định kỳ): meetings held,
petitions by kind, field and outcome, and how the assigned ones were answered."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from db.store import Store
from facilitator.rules.kinds import KINDS, is_ordinary
from facilitator.rules.models import OUTCOMES, Meeting
from facilitator.rules.text import TextError, fold
from facilitator.services.followup import status_of

# Outcome keys as counted: the four outcomes, "none" (not decided), "law" (khiếu nại, tố cáo).
OUTCOME_KEYS = (*OUTCOMES, "none", "law")


@dataclass
class Summary:
    start: dt.date
    end: dt.date
    as_of: dt.date
    meetings: list[tuple[Meeting, int]] = field(default_factory=list)  # with its petitions
    petitions: int = 0
    by_kind: Counter[str] = field(default_factory=Counter)
    by_field: Counter[str] = field(default_factory=Counter)
    by_outcome: Counter[str] = field(default_factory=Counter)
    on_time: int = 0  # assigned, answered by the due date
    late: int = 0  # assigned, answered after it
    still_open: int = 0  # assigned, not answered yet (overdue included)
    overdue: int = 0  # of those still open, past the due date
    unassigned: int = 0  # "giao giải quyết" without anyone responsible (old data)

    @property
    def kinds(self) -> list[tuple[str, int]]:
        return [(k, self.by_kind[k]) for k in KINDS if self.by_kind[k]]

    @property
    def outcomes(self) -> list[tuple[str, int]]:
        return [(k, self.by_outcome[k]) for k in OUTCOME_KEYS if self.by_outcome[k]]

    @property
    def fields(self) -> list[tuple[str, int]]:
        # most first; equal counts in Vietnamese alphabetical order (Đ with D, not after Z)
        return sorted(self.by_field.items(), key=lambda kv: (-kv[1], fold(kv[0]), kv[0]))


def summarise(store: Store, start: dt.date, end: dt.date, as_of: dt.date) -> Summary:
    """Meetings held (not drafts) from ``start`` to ``end`` included; answers as of ``as_of``."""
    if end < start:
        raise TextError(
            "summary.end_before_start", end=f"{end:%d/%m/%Y}", start=f"{start:%d/%m/%Y}"
        )
    out = Summary(start, end, as_of)
    for meeting in sorted(store.meetings(), key=lambda m: (m.date, m.id)):
        if meeting.status == "draft" or not start <= meeting.date <= end:
            continue
        petitions = store.petitions(meeting.id)
        out.meetings.append((meeting, len(petitions)))
        for p in petitions:
            out.petitions += 1
            out.by_kind[p.kind] += 1
            out.by_field[p.area or "Khác"] += 1
            key = (p.outcome or "none") if is_ordinary(p.kind) else "law"
            out.by_outcome[key] += 1
            if p.outcome != "assigned" or not is_ordinary(p.kind):
                continue
            a = p.assignment
            if a is None:
                out.unassigned += 1
                continue
            status = status_of(a.due, a.answered_on if a.status == "answered" else None, as_of)
            if status == "answered":
                out.on_time += 1
            elif status == "answered_late":
                out.late += 1
            else:
                out.still_open += 1
                out.overdue += status == "overdue"
    return out
