"""Conclusion (kết luận, plan 2.6): outcomes, responsibilities with deadlines, closing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from db.store import Store
from db.values import MeetingValues, PhaseValues
from facilitator.rules import statistics
from facilitator.rules.errors import RuleError
from facilitator.rules.kinds import is_ordinary
from facilitator.rules.models import Petition, Speaker
from facilitator.rules.text import TextError, clean, parse_date
from facilitator.services.followup import default_due
from facilitator.services.live import Console


def parse_due(text: str | None, meeting_date: dt.date, store: Store) -> dt.date:
    """A typed due date, or the 15-working-day default when blank; never before the meeting."""
    if not text or not text.strip():
        return default_due(store, meeting_date)
    try:
        due = parse_date(text)
    except TextError as exc:
        raise RuleError.of(exc, "due") from exc
    if due < meeting_date:
        raise RuleError(
            "conclusion.due_before", "due", due=f"{due:%d/%m/%Y}", day=f"{meeting_date:%d/%m/%Y}"
        )
    return due


def beyond_limit(text: str | None, meeting_date: dt.date, store: Store) -> dt.date | None:
    """The statutory answer deadline (15 working days, SPEC §6) when a typed due date is later
    than it; None when it is not, or is blank or not (yet) a date."""
    if not text or not text.strip():
        return None
    try:
        due = parse_date(text)
    except TextError:
        return None
    limit = default_due(store, meeting_date)
    return limit if due > limit else None


def decide(
    console: Console,
    petition_id: int,
    outcome: str | None,
    *,
    responsible: str = "",
    task: str = "",
    due: str | None = None,
    forwarded_to: str = "",
    answer: str | None = None,
    answered_by_name: str | None = None,
    answered_by_position: str | None = None,
    kind: str | None = None,
) -> None:
    """Record a petition's outcome; ``assigned`` needs someone responsible and gets a due date.
    ``kind`` None keeps the item's kind."""
    console.check_unsealed()
    store = console.store
    petition = store.petition(petition_id)
    responsible, task = _checked_decision(petition, outcome, responsible, task, answer)
    due_date = parse_due(due, console.meeting.date, store) if outcome == "assigned" else None
    with store.write():
        console.answer_petition(
            petition_id,
            outcome=outcome,
            forwarded_to=forwarded_to,
            answer=petition.answer if answer is None else answer,
            answered_by_name=petition.answered_by_name
            if answered_by_name is None
            else answered_by_name,
            answered_by_position=petition.answered_by_position
            if answered_by_position is None
            else answered_by_position,
            kind=kind,
            forward_task=task if outcome == "forwarded" else None,
        )
        if outcome == "assigned" and due_date is not None:
            _assign(store, petition, responsible, task, due_date)
        else:
            store.remove_assignment(petition_id)


def _checked_decision(
    petition: Petition, outcome: str | None, responsible: str, task: str, answer: str | None
) -> tuple[str, str]:
    """The person responsible and the task, cleaned; refused before anything is written when
    the outcome lacks what it needs (someone responsible, an answer)."""
    try:
        responsible = clean(responsible)
        task = clean(task, multiline=True, limit=2000)
    except TextError as exc:
        raise RuleError.of(exc, "responsible") from exc
    if outcome == "assigned" and not responsible:
        raise RuleError("conclusion.need_responsible", "responsible")
    given = petition.answer if answer is None else answer
    if outcome == "answered" and not (given or "").strip():
        # "trả lời" with no answer would print an answered item with nothing said
        raise RuleError("conclusion.need_answer", "answer")
    return responsible, task


def _assign(store: Store, petition: Petition, responsible: str, task: str, due: dt.date) -> None:
    """An assigned item's assignment; its follow-up (status, answer, note) is kept."""
    keep = petition.assignment
    store.set_assignment(
        petition.id,
        responsible=responsible,
        task=task,
        due=due.isoformat(),
        status=keep.status if keep else "open",
        answered_on=keep.answered_on.isoformat() if keep and keep.answered_on else None,
        answer_form=keep.answer_form if keep else None,
        note=keep.note if keep else "",
    )


@dataclass
class OpenItems:
    """What concluding leaves open: petitions without an outcome, speakers still waiting."""

    undecided: list[Petition]
    waiting: list[Speaker]


def open_items(store: Store, meeting_id: int) -> OpenItems:
    return OpenItems(
        # A complaint or denunciation is handled under its own law: never "undecided".
        [p for p in store.petitions(meeting_id) if p.outcome is None and is_ordinary(p.kind)],
        store.waiting(meeting_id),
    )


def parse_citizens(text: str | None) -> int | None:
    """The number of citizens present as typed when concluding: blank keeps it unknown."""
    if text is None or not str(text).strip():
        return None
    try:
        citizens = int(str(text).strip().replace(".", "").replace(" ", ""))
    except ValueError:
        raise RuleError("prep.people_whole", "citizens_present") from None
    if not 0 <= citizens <= 100_000:
        raise RuleError("prep.people_invalid", "citizens_present")
    return citizens


def conclude(
    console: Console, conclusion: str, assessment: str = "", citizens_present: int | None = None
) -> None:
    """Close the meeting: end the running slot and phase, record the end time (and the
    number of citizens present, when given)."""
    console.check_unsealed()
    store = console.store
    meeting = console.meeting
    try:
        conclusion = clean(conclusion, multiline=True, limit=20_000)
        assessment = clean(assessment, multiline=True, limit=20_000)
    except TextError as exc:
        raise RuleError.of(exc, "conclusion") from exc
    now = store.now()
    with store.write():
        console.end_speech()
        if meeting.phase_index >= 0:
            store.update_phase(meeting.id, meeting.phase_index, ended_at=now)
        # The last phase (Kết luận) is reached and ended with the meeting.
        last = len(store.phases(meeting.id)) - 1
        if last >= 0:
            reached: PhaseValues = {"ended_at": now}
            if store.phases(meeting.id)[last].started_at is None:
                reached["started_at"] = now
            store.update_phase(meeting.id, last, **reached)
        values: MeetingValues = {
            "conclusion": conclusion,
            "assessment": assessment,
            "status": "concluded",
            "ended_at": now,
        }
        if last >= 0:
            values["phase_index"] = last
        if meeting.started_at is None:
            values["started_at"] = now
        if citizens_present is not None:
            values["citizens_present"] = citizens_present
        store.update_meeting(meeting.id, **values)
        store.forget_cards(meeting.id)  # the hashes of scanned ID cards: for the meeting only
        store.log(meeting.id, "meeting.concluded", {})
    console.backup("concluded")  # a copy of the whole meeting as concluded (SPEC §9)


def save_conclusion_text(console: Console, conclusion: str, assessment: str = "") -> None:
    try:
        values: MeetingValues = {
            "conclusion": clean(conclusion, multiline=True, limit=20_000),
            "assessment": clean(assessment, multiline=True, limit=20_000),
        }
    except TextError as exc:
        raise RuleError.of(exc, "conclusion") from exc
    meeting = console.meeting
    if (meeting.conclusion, meeting.assessment) == (values["conclusion"], values["assessment"]):
        return  # nothing changes (a sealed record too: leaving the screen is not an edit)
    console.check_unsealed()
    console.store.update_meeting(console.meeting_id, **values)


def meeting_statistics(store: Store, meeting_id: int) -> statistics.Statistics:
    """The speaking-time statistics of a meeting as it stands now."""
    return statistics.compute(
        store.clock(),
        store.speakers(meeting_id),
        store.slots(meeting_id),
        store.petitions(meeting_id),
        store.meeting(meeting_id).village,
    )


def answer_in_turn(
    console: Console,
    petition_id: int,
    turn_id: int,
    outcome: str | None,
    **decision: Any,
) -> None:
    """An official's answer given in his turn (ctrl+r): the petition is tied to the turn and its
    outcome recorded (``decide``'s keywords), as one action: both or neither."""
    with console.store.write():
        console.tie_answer(petition_id, turn_id)
        decide(console, petition_id, outcome, **decision)


def save_petition(
    console: Console,
    petition_id: int | None,
    *,
    content: str,
    field: str,
    kind: str,
    speaker_id: int | None,
    answer: str | None,
    answered_by_name: str | None,
    answered_by_position: str | None,
    outcome: str | None,
    forwarded_to: str,
    responsible: str = "",
    task: str = "",
    due: str | None = None,
) -> int:
    """The petition form (F7) saved as one action: a new item recorded (``petition_id`` None)
    or an existing one changed, its answer and outcome, and the outcome's assignment exactly as
    the F9 form records it. Returns the item's id."""
    with console.store.write():
        pid = (
            petition_id
            if petition_id is not None
            else console.record_petition(content, field, speaker_id=speaker_id, kind=kind)
        )
        console.answer_petition(
            pid,
            content=content,
            field=field,
            answer=answer,
            answered_by_name=answered_by_name,
            answered_by_position=answered_by_position,
            outcome=outcome,
            forwarded_to=forwarded_to,
            kind=kind,
        )
        decide(
            console,
            pid,
            outcome,
            responsible=responsible,
            task=task,
            due=due,
            forwarded_to=forwarded_to,
        )
    return pid
