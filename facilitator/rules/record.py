"""One meeting as a finished whole (issue 10, item 3): everything a document or the meeting
file reads, taken in one read of the store (``Store.load_record``) or built from a meeting file
(``services.filerecord``). Immutable: tuples, not lists; nothing here reads a store."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from facilitator.rules.clock import Clock
from facilitator.rules.deadlines import DeadlineRule, WorkCalendar, rule
from facilitator.rules.models import (
    Meeting,
    MinutesEntry,
    Official,
    Petition,
    PhaseRecord,
    Speaker,
)
from facilitator.rules.profile import Profile
from facilitator.rules.seals import Seal


@dataclass(frozen=True)
class SlotRow:
    """A speaking slot as recorded (stamps as stored: the meeting file carries them so)."""

    speaker_id: int
    role: str
    started_at: str
    paused_at: str | None
    paused_total: float
    limit_seconds: int
    ended_at: str | None


@dataclass(frozen=True)
class EventRow:
    """One entry of the meeting's event log, its payload decoded."""

    at: str
    actor: str
    kind: str
    payload: Mapping[str, Any]


@dataclass(frozen=True)
class MeetingRecord:
    """A meeting and all that belongs to it, in the store's order."""

    meeting: Meeting
    profile: Profile  # the profile it was held under, names resolved from its commune
    phases: tuple[PhaseRecord, ...]
    officials: tuple[Official, ...]
    speakers: tuple[Speaker, ...]  # queue order, each with its turn
    slots: tuple[SlotRow, ...]
    minutes: tuple[MinutesEntry, ...]
    petitions: tuple[Petition, ...]  # by seq, each with its assignment
    checklist: tuple[tuple[str, dt.date], ...]  # (key, done on), by key
    publications: tuple[tuple[str, str, dt.date], ...]  # (channel, hamlet, done on), sorted
    seals: tuple[Seal, ...]  # the seal chain, oldest first
    events: tuple[EventRow, ...]
    rules: tuple[DeadlineRule, ...]  # the deadline rules of the commune
    calendar: WorkCalendar  # with the commune's swapped days

    @property
    def id(self) -> int:
        return self.meeting.id

    def answer_due(self) -> dt.date:
        """The default deadline of an answer: the "answer" rule from the meeting's date."""
        return rule("answer", self.rules).due(self.meeting.date, self.calendar)

    def speakers_by_id(self) -> dict[int, Speaker]:
        return {s.id: s for s in self.speakers}


class RecordSource(Protocol):
    """Where a record comes from (the store): the documents' entry points for a meeting id."""

    clock: Clock

    def load_record(self, meeting_id: int) -> MeetingRecord: ...
