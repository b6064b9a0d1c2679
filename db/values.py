"""The columns a store method may write, by record: keyword arguments of the named store
methods (``store.add_speaker(meeting_id, name=…, seq=…)``, ``store.update_speaker(id, …)``).
A key left out takes the column's default (on insert) or is left as it is (on update)."""

from __future__ import annotations

from typing import TypedDict


class SpeakerValues(TypedDict, total=False):
    name: str
    title: str
    hamlet: str
    gist: str
    field: str
    slip: int | None
    registered: str
    priority: int
    kind: str
    follows_id: int | None
    state: str
    reason: str
    seq: float
    limit_seconds: int | None
    created_at: str


class SlotValues(TypedDict, total=False):
    speaker_id: int
    role: str
    started_at: str
    paused_at: str | None
    paused_total: float
    limit_seconds: int
    ended_at: str | None


class EntryValues(TypedDict, total=False):
    phase_position: int
    speaker_id: int | None
    kind: str
    text: str
    created_at: str
    updated_at: str


class PetitionValues(TypedDict, total=False):
    seq: int
    content: str
    area: str  # lĩnh vực: the column field
    source: str
    speaker_id: int | None
    answer: str | None
    answered_by_name: str | None
    answered_by_position: str | None
    outcome: str | None
    forwarded_to: str | None
    created_at: str
    kind: str
    satisfaction: str | None
    answered_in: int | None
    forward_task: str


class OfficialValues(TypedDict, total=False):
    name: str
    position: str
    group: str  # the column grp
    seq: int


class AssignmentValues(TypedDict, total=False):
    petition_id: int
    responsible: str
    task: str
    due: str
    status: str
    answered_on: str | None
    answer_form: str | None
    note: str


class MeetingValues(TypedDict, total=False):
    commune: str
    village: str
    date: str
    start: str
    place: str
    organiser: str
    chair_name: str
    chair_position: str
    secretary_name: str
    secretary_position: str
    slot_seconds: int
    announced_on: str | None
    number: str | None
    legal_basis: list[str] | str  # a list is stored as JSON
    citizens_present: int
    citizens_by_hamlet: dict[str, int] | str  # a mapping is stored as JSON
    status: str
    phase_index: int
    registration_open: int
    started_at: str | None
    ended_at: str | None
    last_seen_at: str | None
    conclusion: str
    assessment: str
    first_turns_first: int
    speech_budget_seconds: int | None
    created_at: str


class PhaseValues(TypedDict, total=False):
    started_at: str | None
    ended_at: str | None


class SealValues(TypedDict):
    seq: int
    sealed_at: str
    sealed_by: str
    reason: str
    change: str
    previous: str
    items: str
    digest: str
