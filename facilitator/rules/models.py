"""Records of a meeting as the rest of the program sees them (plain data, no storage)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from facilitator.rules.clock import parse
from facilitator.rules.slot import Slot


# The closed sets of words a column may hold: each StrEnum's values are exactly the column's
# CHECK constraint (tests/test_store.py compares them with a freshly migrated database). A
# StrEnum equals its plain string, so ``speaker.state == "waiting"`` keeps working.
class MeetingStatus(StrEnum):
    DRAFT = "draft"
    LIVE = "live"
    CONCLUDED = "concluded"
    CLOSED = "closed"


class Registered(StrEnum):
    BEFORE = "before"
    MEETING = "meeting"


class SpeakerKind(StrEnum):
    SPEECH = "speech"
    FOLLOW_UP = "follow_up"
    ANSWER = "answer"


class SpeakerState(StrEnum):
    WAITING = "waiting"
    SPEAKING = "speaking"
    DONE = "done"
    ABSENT = "absent"
    WITHDRAWN = "withdrawn"


class SlotRole(StrEnum):
    CITIZEN = "citizen"
    OFFICIAL = "official"


class MinutesKind(StrEnum):
    NOTE = "note"
    PHASE = "phase"
    SPEECH = "speech"
    OUTAGE = "outage"


class Outcome(StrEnum):
    ANSWERED = "answered"
    ASSIGNED = "assigned"
    FORWARDED = "forwarded"
    NOTED = "noted"


class PetitionKind(StrEnum):
    PETITION = "petition"
    FEEDBACK = "feedback"
    COMPLAINT = "complaint"
    DENUNCIATION = "denunciation"


class Satisfaction(StrEnum):
    SATISFIED = "satisfied"
    UNSATISFIED = "unsatisfied"
    NO_OPINION = "no_opinion"


class AssignmentStatus(StrEnum):
    OPEN = "open"
    ANSWERED = "answered"


class AnswerForm(StrEnum):
    DIRECT = "direct"
    WRITTEN = "written"


class OverrideKind(StrEnum):
    OFF = "off"
    WORK = "work"


class DeadlineUnit(StrEnum):
    WORKING_DAYS = "working_days"
    CALENDAR_DAYS = "calendar_days"


class Channel(StrEnum):
    OFFICE = "office"
    HAMLET = "hamlet"
    RADIO = "radio"


# (table, column) whose CHECK constraint each enum mirrors.
CHECKED_COLUMNS: dict[type[StrEnum], tuple[str, str]] = {
    MeetingStatus: ("meetings", "status"),
    Registered: ("speakers", "registered"),
    SpeakerKind: ("speakers", "kind"),
    SpeakerState: ("speakers", "state"),
    SlotRole: ("slots", "role"),
    MinutesKind: ("minutes", "kind"),
    Outcome: ("petitions", "outcome"),
    PetitionKind: ("petitions", "kind"),
    Satisfaction: ("petitions", "satisfaction"),
    AssignmentStatus: ("assignments", "status"),
    AnswerForm: ("assignments", "answer_form"),
    OverrideKind: ("calendar_overrides", "kind"),
    DeadlineUnit: ("deadline_rules", "unit"),
    Channel: ("publications", "channel"),
}

OUTCOMES = tuple(Outcome)

DEFAULT_AGENDA: tuple[tuple[str, str], ...] = (
    ("Khai mạc", "2.1"),
    ("Thông báo nội dung", "2.2"),
    ("Nhân dân phát biểu", "2.3"),
    ("Trả lời, giải trình", "2.4"),
    ("Trao đổi thêm", "2.5"),
    ("Kết luận", "2.6"),
)


def _dt(value: str | None) -> dt.datetime | None:
    return parse(value) if value else None


@dataclass
class Meeting:
    """Hội nghị tiếp xúc, đối thoại."""

    id: int
    commune: str
    village: str
    date: dt.date
    start: str
    place: str
    organiser: str
    chair_name: str
    chair_position: str
    secretary_name: str
    secretary_position: str
    slot_seconds: int
    announced_on: dt.date | None
    number: str | None
    legal_basis: list[str]
    citizens_present: int
    citizens_by_hamlet: dict[str, int]
    status: MeetingStatus
    phase_index: int
    registration_open: bool
    started_at: dt.datetime | None
    ended_at: dt.datetime | None
    last_seen_at: dt.datetime | None
    conclusion: str
    assessment: str
    first_turns_first: bool = False  # people who have not spoken come before second turns
    speech_budget_seconds: int | None = None  # the citizens' phase's whole time (None: none)

    def __post_init__(self) -> None:
        self.status = MeetingStatus(self.status)

    @property
    def concluded(self) -> bool:
        """Concluded (or closed): its documents are final, not drafts (DỰ THẢO)."""
        return self.status in ("concluded", "closed")

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Meeting:
        return cls(
            id=row["id"],
            commune=row["commune"],
            village=row["village"],
            date=dt.date.fromisoformat(row["date"]),
            start=row["start"],
            place=row["place"],
            organiser=row["organiser"],
            chair_name=row["chair_name"],
            chair_position=row["chair_position"],
            secretary_name=row["secretary_name"],
            secretary_position=row["secretary_position"],
            slot_seconds=row["slot_seconds"],
            announced_on=dt.date.fromisoformat(row["announced_on"])
            if row["announced_on"]
            else None,
            number=row["number"],
            legal_basis=json.loads(row["legal_basis"] or "[]"),
            citizens_present=row["citizens_present"],
            citizens_by_hamlet=json.loads(row["citizens_by_hamlet"] or "{}"),
            status=row["status"],
            phase_index=row["phase_index"],
            registration_open=bool(row["registration_open"]),
            started_at=_dt(row["started_at"]),
            ended_at=_dt(row["ended_at"]),
            last_seen_at=_dt(row["last_seen_at"]),
            conclusion=row["conclusion"],
            assessment=row["assessment"],
            first_turns_first=bool(row.get("first_turns_first")),
            speech_budget_seconds=row.get("speech_budget_seconds"),
        )


@dataclass
class PhaseRecord:
    id: int
    position: int
    name: str
    plan_ref: str
    started_at: dt.datetime | None
    ended_at: dt.datetime | None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> PhaseRecord:
        return cls(
            row["id"],
            row["position"],
            row["name"],
            row["plan_ref"],
            _dt(row["started_at"]),
            _dt(row["ended_at"]),
        )


@dataclass
class Official:
    id: int
    name: str
    position: str
    group: str

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Official:
        return cls(row["id"], row["name"], row["position"], row["grp"])


@dataclass
class Speaker:
    """Người đăng ký phát biểu."""

    id: int
    meeting_id: int
    name: str
    title: str
    hamlet: str
    gist: str
    field: str
    slip: int | None
    registered: Registered
    priority: bool
    kind: SpeakerKind
    follows_id: int | None
    state: SpeakerState
    reason: str
    seq: float
    limit_seconds: int | None
    turn: int = 1

    def __post_init__(self) -> None:
        self.registered = Registered(self.registered)
        self.kind = SpeakerKind(self.kind)
        self.state = SpeakerState(self.state)

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Speaker:
        return cls(
            id=row["id"],
            meeting_id=row["meeting_id"],
            name=row["name"],
            title=row["title"],
            hamlet=row["hamlet"],
            gist=row["gist"],
            field=row["field"],
            slip=row["slip"],
            registered=row["registered"],
            priority=bool(row["priority"]),
            kind=row["kind"],
            follows_id=row["follows_id"],
            state=row["state"],
            reason=row["reason"],
            seq=row["seq"],
            limit_seconds=row["limit_seconds"],
            turn=row.get("turn") or 1,
        )


@dataclass
class SlotRecord:
    id: int
    speaker_id: int
    role: SlotRole
    slot: Slot

    def __post_init__(self) -> None:
        self.role = SlotRole(self.role)

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> SlotRecord:
        return cls(
            row["id"],
            row["speaker_id"],
            row["role"],
            Slot(
                started_at=parse(row["started_at"]),
                limit_seconds=row["limit_seconds"],
                paused_at=_dt(row["paused_at"]),
                paused_total=row["paused_total"],
                ended_at=_dt(row["ended_at"]),
            ),
        )


@dataclass
class MinutesEntry:
    """Ghi chép biên bản."""

    id: int
    phase_position: int
    speaker_id: int | None
    kind: MinutesKind
    text: str
    created_at: dt.datetime
    updated_at: dt.datetime

    def __post_init__(self) -> None:
        self.kind = MinutesKind(self.kind)

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> MinutesEntry:
        return cls(
            row["id"],
            row["phase_position"],
            row["speaker_id"],
            row["kind"],
            row["text"],
            parse(row["created_at"]),
            parse(row["updated_at"]),
        )


@dataclass
class Assignment:
    """Phân công trách nhiệm."""

    id: int
    petition_id: int
    responsible: str
    task: str
    due: dt.date
    status: AssignmentStatus
    answered_on: dt.date | None
    answer_form: AnswerForm | None
    note: str

    def __post_init__(self) -> None:
        self.status = AssignmentStatus(self.status)
        if self.answer_form is not None:
            self.answer_form = AnswerForm(self.answer_form)

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Assignment:
        return cls(
            row["id"],
            row["petition_id"],
            row["responsible"],
            row["task"],
            dt.date.fromisoformat(row["due"]),
            row["status"],
            dt.date.fromisoformat(row["answered_on"]) if row["answered_on"] else None,
            row["answer_form"],
            row["note"],
        )


@dataclass
class Petition:
    """Ý kiến, kiến nghị."""

    id: int
    meeting_id: int
    seq: int
    content: str
    area: str  # lĩnh vực: "field" in the meeting file and the petitions table
    source: str
    speaker_id: int | None
    answer: str | None
    answered_by_name: str | None
    answered_by_position: str | None
    outcome: Outcome | None
    forwarded_to: str | None
    assignment: Assignment | None = field(default=None)
    kind: PetitionKind = PetitionKind.PETITION  # loại (kinds.py)
    satisfaction: Satisfaction | None = None  # the petitioner's answer (followup.SATISFACTION)
    answered_in: int | None = None  # the official's answer turn (a speaker id) it was answered in
    forward_task: str = ""  # "Nhiệm vụ" typed for a forwarded petition

    def __post_init__(self) -> None:
        if self.outcome is not None:
            self.outcome = Outcome(self.outcome)
        self.kind = PetitionKind(self.kind)
        if self.satisfaction is not None:
            self.satisfaction = Satisfaction(self.satisfaction)

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Petition:
        return cls(
            row["id"],
            row["meeting_id"],
            row["seq"],
            row["content"],
            row["field"],
            row["source"],
            row["speaker_id"],
            row["answer"],
            row["answered_by_name"],
            row["answered_by_position"],
            row["outcome"],
            row["forwarded_to"],
            kind=row.get("kind") or PetitionKind.PETITION,
            satisfaction=row.get("satisfaction"),
            answered_in=row.get("answered_in"),
            forward_task=row.get("forward_task") or "",
        )


@dataclass
class Event:
    """One entry of the event log (who did what, when; an undoable action's undo record)."""

    id: int
    meeting_id: int | None
    at: str
    actor: str
    session: str
    kind: str
    payload: dict[str, Any]
    undoable: bool
    undoes: int | None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Event:
        return cls(
            id=row["id"],
            meeting_id=row["meeting_id"],
            at=row["at"],
            actor=row["actor"],
            session=row["session"],
            kind=row["kind"],
            payload=json.loads(row["payload"]),
            undoable=bool(row["undoable"]),
            undoes=row["undoes"],
        )


@dataclass
class CalendarOverride:
    """A day the user's calendar sets off (a holiday swap) or on (a working weekend)."""

    date: dt.date
    kind: OverrideKind
    note: str

    def __post_init__(self) -> None:
        self.kind = OverrideKind(self.kind)

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> CalendarOverride:
        return cls(dt.date.fromisoformat(row["date"]), row["kind"], row["note"])


@dataclass
class FollowedAssignment:
    """An assignment with its petition and meeting, as the follow-up lists them."""

    assignment: Assignment
    content: str
    area: str  # lĩnh vực of the petition
    meeting_id: int
    meeting_date: dt.date
    village: str
    commune: str

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> FollowedAssignment:
        return cls(
            Assignment.from_row(row),
            row["content"],
            row["field"],
            row["meeting_id"],
            dt.date.fromisoformat(row["meeting_date"]),
            row["village"],
            row["commune"],
        )


@dataclass
class BackupSummary:
    """What a backup file holds, for ``facilitator restore`` (None: could not be counted)."""

    path: Path
    moment: dt.datetime | None  # from its name
    reason: str  # from its name (phase2, close, manual …)
    meetings: int | None = None
    speakers: int | None = None
    minutes: int | None = None  # minutes entries
    intact: bool = False
