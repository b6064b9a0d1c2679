"""A meeting file read straight into a MeetingRecord, without any database (issue 10, item 3):
``facilitator export FILE.json --doc minutes`` for an office that receives meeting files.

The record is what importing the file into a new database and reading it back gives: the same
cleaning of every text, the same default deadline for an assignment without a due date (the
default rules, no swapped days), the same order and the same turns. Ids are numbered from 1 as in
a new database."""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from pathlib import Path
from typing import Any

from facilitator.rules.clock import Clock, stamp, system_clock
from facilitator.rules.deadlines import DEFAULT_RULES, WorkCalendar, rule
from facilitator.rules.models import (
    DEFAULT_AGENDA,
    Assignment,
    Meeting,
    MinutesEntry,
    Official,
    Petition,
    PhaseRecord,
    Speaker,
)
from facilitator.rules.profile import Profile
from facilitator.rules.record import EventRow, MeetingRecord, SlotRow
from facilitator.rules.seals import Seal
from facilitator.services.meetingfile import _c, _c_profile, _date, _ts, entry_text, validate

MEETING_ID = 1  # the id the meeting would have in a new database


def record_from_file(data: dict[str, Any], now: str) -> MeetingRecord:
    """Validate the whole file (refused with the import's one-line message), then the record.
    ``now`` (as the store stamps it) stands for the import's time where the file has none."""
    validate(data)
    meeting = _meeting(data)
    speakers = _speakers(data)
    ids = [s.id for s in speakers]
    petitions = _petitions(data, ids, meeting.date)
    return MeetingRecord(
        meeting=meeting,
        profile=_profile(data, meeting.commune),
        phases=_phases(data),
        officials=tuple(
            Official(i, _c(o["name"]), _c(o.get("position", "")), _c(o.get("group", "")))
            for i, o in enumerate(data.get("officials", []), start=1)
        ),
        speakers=speakers,
        slots=tuple(
            SlotRow(
                speaker_id=ids[slot["speaker"]],
                role=slot.get("role", "citizen"),
                started_at=_ts(slot["started_at"]) or "",
                paused_at=_ts(slot.get("paused_at")),
                paused_total=slot.get("paused_total", 0),
                limit_seconds=slot["limit_seconds"],
                ended_at=_ts(slot.get("ended_at")),
            )
            for slot in data.get("slots", [])
        ),
        minutes=_minutes(data, ids, now),
        petitions=petitions,
        checklist=_checklist(data),
        publications=_publications(data),
        seals=_seals(data),
        events=_events(data, ids, [p.id for p in petitions]),
        rules=DEFAULT_RULES,
        calendar=WorkCalendar(),
    )


def _meeting(data: dict[str, Any]) -> Meeting:
    m = data["meeting"]
    chair = m.get("chair") or {}
    secretary = m.get("secretary") or {}
    number = m.get("number")
    return Meeting.from_row(
        {
            "id": MEETING_ID,
            "commune": _c(m["commune"]),
            "village": _c(m["village"]),
            "date": m["date"],
            "start": m.get("start") or "08:00",
            "place": _c(m.get("place", "")),
            "organiser": _c(m.get("organiser", "")),
            "chair_name": _c(chair.get("name", "")),
            "chair_position": _c(chair.get("position", "")),
            "secretary_name": _c(secretary.get("name", "")),
            "secretary_position": _c(secretary.get("position", "")),
            "slot_seconds": round(float(m.get("slot_minutes", 5)) * 60),
            "announced_on": m.get("announced_on"),
            "number": None if number is None else _c(str(number)),
            "legal_basis": json.dumps([_c(x, True) for x in m.get("legal_basis", [])]),
            "citizens_present": data.get("citizens_present", 0),
            "citizens_by_hamlet": json.dumps(
                {_c(k): v for k, v in m.get("citizens_by_hamlet", {}).items()}
            ),
            "status": m.get("status", "draft"),
            "phase_index": m.get("phase_index", -1),
            "registration_open": int(m.get("registration_open", True)),
            "first_turns_first": int(bool(m.get("first_turns_first", False))),
            "speech_budget_seconds": round(float(m["speech_budget_minutes"]) * 60)
            if m.get("speech_budget_minutes")
            else None,
            "started_at": _ts(m.get("started_at")),
            "ended_at": _ts(m.get("ended_at")),
            "last_seen_at": None,
            "conclusion": _c(m.get("conclusion", ""), True),
            "assessment": _c(m.get("assessment", ""), True),
        }
    )


def _profile(data: dict[str, Any], commune: str) -> Profile:
    """The file's profile; a file without one: the default profile (a new database's)."""
    if data.get("profile") is not None:
        return Profile.from_dict(_c_profile(data["profile"])).resolved(commune)
    return Profile.from_dict({}).resolved(commune)


def _phases(data: dict[str, Any]) -> tuple[PhaseRecord, ...]:
    agenda = data.get("agenda") or [{"name": n, "plan_ref": r} for n, r in DEFAULT_AGENDA]
    return tuple(
        PhaseRecord.from_row(
            {
                "id": position + 1,
                "position": position,
                "name": _c(a["name"]),
                "plan_ref": a.get("plan_ref", ""),
                "started_at": _ts(a.get("started_at")),
                "ended_at": _ts(a.get("ended_at")),
            }
        )
        for position, a in enumerate(agenda)
    )


def _speakers(data: dict[str, Any]) -> tuple[Speaker, ...]:
    """In the file's order (the queue order an import gives), each with its turn: earlier
    registrations of the same name and hamlet that were not withdrawn."""
    listed = data.get("speakers", [])
    seen: dict[tuple[str, str], int] = {}
    out = []
    for seq, s in enumerate(listed, start=1):
        name, hamlet = _c(s["name"]), _c(s.get("hamlet", ""))
        state = s.get("state", "waiting")
        turn = seen.get((name, hamlet), 0) + 1
        if state != "withdrawn":
            seen[(name, hamlet)] = turn
        follows = s.get("follows")
        out.append(
            Speaker(
                id=seq,
                meeting_id=MEETING_ID,
                name=name,
                title=s.get("title", ""),
                hamlet=hamlet,
                gist=_c(s.get("gist", ""), True),
                field=_c(s.get("field", "")),
                slip=s.get("slip"),
                registered=s.get("registered", "before"),
                priority=bool(int(s.get("priority", False))),
                kind=s.get("kind", "speech"),
                follows_id=follows + 1 if follows is not None else None,
                state=state,
                reason=_c(s.get("reason", "")),
                seq=float(seq),
                limit_seconds=s.get("limit_seconds"),
                turn=turn,
            )
        )
    return tuple(out)


def _minutes(data: dict[str, Any], ids: list[int], now: str) -> tuple[MinutesEntry, ...]:
    out = []
    for i, entry in enumerate(data.get("minutes", []), start=1):
        text = entry_text(data, entry)
        speaker = entry.get("speaker")
        out.append(
            MinutesEntry.from_row(
                {
                    "id": i,
                    "phase_position": entry.get("phase", -1),
                    "speaker_id": ids[speaker] if speaker is not None else None,
                    "kind": entry.get("kind", "note"),
                    "text": text,
                    "created_at": _ts(entry.get("created_at")) or now,
                    "updated_at": _ts(entry.get("updated_at") or entry.get("created_at")) or now,
                }
            )
        )
    return tuple(out)


def _petitions(data: dict[str, Any], ids: list[int], day: dt.date) -> tuple[Petition, ...]:
    due = rule("answer", DEFAULT_RULES).due(day, WorkCalendar())
    out = []
    assigned = 0
    for seq, p in enumerate(data.get("petitions", []), start=1):
        answered_by = p.get("answered_by") or {}
        petition = Petition.from_row(
            {
                "id": seq,
                "meeting_id": MEETING_ID,
                "seq": seq,
                "content": _c(p["content"], True),
                "field": _c(p.get("field", "")),
                "source": _c(p.get("source") or "meeting"),
                "speaker_id": ids[p["speaker"]] if p.get("speaker") is not None else None,
                "answer": _c(p.get("answer"), True),
                "answered_by_name": _c(answered_by.get("name")),
                "answered_by_position": _c(answered_by.get("position")),
                "outcome": p.get("outcome"),
                "forwarded_to": _c(p.get("forwarded_to")),
                "forward_task": _c(p.get("forward_task"), True) or "",
                "kind": p.get("kind") or "petition",
                "satisfaction": p.get("satisfaction"),
                "answered_in": ids[p["answered_in"]] if p.get("answered_in") is not None else None,
            }
        )
        a = p.get("assignment")
        if a:
            assigned += 1
            petition.assignment = Assignment(
                id=assigned,
                petition_id=seq,
                responsible=_c(a["responsible"]),
                task=_c(a.get("task", ""), True),
                due=dt.date.fromisoformat(a.get("due") or due.isoformat()),
                status=a.get("status", "open"),
                answered_on=dt.date.fromisoformat(a["answered_on"])
                if a.get("answered_on")
                else None,
                answer_form=a.get("answer_form"),
                note=_c(a.get("note", ""), True),
            )
        out.append(petition)
    return tuple(out)


def _seals(data: dict[str, Any]) -> tuple[Seal, ...]:
    """The seal chain the file carries, as the import keeps it (see meetingfile._import_seals)."""
    return tuple(
        Seal(
            id=i,
            meeting_id=MEETING_ID,
            seq=seal["seq"],
            at=seal["at"],
            by=unicodedata.normalize("NFC", seal["by"]),
            why=unicodedata.normalize("NFC", seal.get("why", "")),
            change=seal.get("change", {}),
            previous=seal.get("previous", ""),
            items=seal["items"],
            digest=seal["digest"],
            origin=seal["meeting"],
        )
        for i, seal in enumerate(data.get("seals", []), start=1)
    )


def _checklist(data: dict[str, Any]) -> tuple[tuple[str, dt.date], ...]:
    done: dict[str, dt.date] = {}
    for i, item in enumerate(data.get("checklist", [])):
        done[item["key"]] = _date(item["done_on"], f"checklist[{i}].done_on")
    return tuple(sorted(done.items()))


def _publications(data: dict[str, Any]) -> tuple[tuple[str, str, dt.date], ...]:
    done: dict[tuple[str, str], dt.date] = {}
    for item in data.get("publication", []):
        hamlet = _c(item.get("hamlet", "")) if item["channel"] == "hamlet" else ""
        done[(item["channel"], hamlet)] = dt.date.fromisoformat(item["done_on"])
    return tuple((channel, hamlet, day) for (channel, hamlet), day in sorted(done.items()))


def _events(data: dict[str, Any], ids: list[int], petition_ids: list[int]) -> tuple[EventRow, ...]:
    back = {"speaker": ids, "follows": ids, "petition": petition_ids}
    return tuple(
        EventRow(
            at=_ts(e["at"]) or "",
            actor=e.get("actor", "import"),
            kind=e["kind"],
            payload={
                # an index into the file's lists; anything else is carried as it came
                k: (back[k][v] if k in back and isinstance(v, int) and 0 <= v < len(back[k]) else v)
                for k, v in (e.get("payload") or {}).items()
            },
        )
        for e in data.get("events", [])
    )


class FileSource:
    """One meeting file standing where the store stands for the export (``export_document``,
    ``export_forward``, ``is_draft``): the meeting and its record, read from memory."""

    def __init__(self, record: MeetingRecord, clock: Clock) -> None:
        self.record = record
        self.clock = clock

    @property
    def meeting_id(self) -> int:
        return self.record.id

    def meeting(self, meeting_id: int) -> Meeting:
        return self.record.meeting

    def load_record(self, meeting_id: int) -> MeetingRecord:
        return self.record


def open_file(path: Path, clock: Clock = system_clock) -> FileSource:
    """A meeting file as a source of documents: read, validated whole (a bad file is refused
    with one line naming the first problem, as ``import`` does), never written anywhere."""
    from facilitator.services.meetingfile import load

    return FileSource(record_from_file(load(path), stamp(clock())), clock)
