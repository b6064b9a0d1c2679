"""Follow-up (theo dõi): assignments across meetings, their deadlines and what is overdue."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from db.store import Store
from facilitator.rules.clock import local, parse
from facilitator.rules.deadlines import (  # noqa: F401
    DEFAULT_RULES,
    Unit,
    WorkCalendar,
    rule,
    status_of,
)
from facilitator.rules.errors import RuleError
from facilitator.rules.kinds import is_ordinary
from facilitator.rules.models import FollowedAssignment, Official
from facilitator.rules.people import people, with_position
from facilitator.rules.statutory import Duty, duties
from facilitator.rules.text import clean


@dataclass
class FollowUpRow:
    assignment_id: int
    meeting_id: int
    meeting_date: dt.date
    village: str
    content: str
    responsible: str
    due: dt.date
    status: str  # open, answered, overdue, answered_late
    days_left: int  # working days from as_of to due (negative when overdue)
    # working days past the due date while unanswered (the answers' rule counts working
    # days: "còn" before the date, this after it); 0 unless overdue, and 0 on a day off
    # right after the due date
    days_late: int
    answered_on: dt.date | None
    answer_form: str | None


def rows(store: Store, as_of: dt.date, *, overdue_only: bool = False) -> list[FollowUpRow]:
    calendar = store.work_calendar()
    out: list[FollowUpRow] = []
    known: dict[int, list[Official]] = {}  # per meeting: its officials and answerers
    for r in store.all_assignments():
        a = r.assignment
        if r.meeting_id not in known:
            known[r.meeting_id] = people(
                store.officials(r.meeting_id),
                store.speakers(r.meeting_id),
                store.petitions(r.meeting_id),
            )
        due, answered_on = a.due, a.answered_on
        status = status_of(due, answered_on if a.status == "answered" else None, as_of)
        row = FollowUpRow(
            assignment_id=a.id,
            meeting_id=r.meeting_id,
            meeting_date=r.meeting_date,
            village=r.village,
            content=r.content,
            responsible=with_position(a.responsible, known[r.meeting_id]),
            due=due,
            status=status,
            days_left=calendar.working_days_between(as_of, due),
            days_late=calendar.working_days_between(due, as_of) if status == "overdue" else 0,
            answered_on=answered_on,
            answer_form=a.answer_form,
        )
        if overdue_only and status != "overdue":
            continue
        out.append(row)
    rank = {"overdue": 0, "open": 1, "answered_late": 2, "answered": 3}
    out.sort(key=lambda x: (rank[x.status], x.due, x.assignment_id))
    return out


# What the commune did with a forwarded petition (chuyển cấp trên) and what came back, one
# event per save, the last one holding the whole record: the event log travels in the meeting
# file, its "petition" id mapped like every other reference.
FORWARD_EVENT = "petition.forward_followed"


@dataclass
class ForwardRow:
    """A petition forwarded to a body outside the commune, as the follow-up tracks it."""

    petition_id: int
    meeting_id: int
    meeting_date: dt.date
    village: str
    content: str
    forwarded_to: str
    letter: str  # the công văn's number, as typed ("" not recorded)
    sent_on: dt.date | None  # the day the công văn went out
    reply_on: dt.date | None  # the day the body's answer came back
    reply: str  # what it answered, in a few words
    send_by: dt.date  # the 5-day rule: evaluate, classify, forward (plan III.3.1)
    unit: Unit  # the unit of that rule (calendar_days, working_days)

    def status(self, as_of: dt.date) -> str:
        """replied, waiting (sent, no answer yet), late (not sent after the 5 days), to_send."""
        if self.reply_on is not None:
            return "replied"
        if self.sent_on is not None:
            return "waiting"
        return "late" if as_of > self.send_by else "to_send"


def _day(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) and value else None
    except ValueError:  # an imported file's odd value: shown as not recorded
        return None


def forwarded_rows(store: Store, as_of: dt.date) -> list[ForwardRow]:
    """Every forwarded petition of every meeting: not sent and late first, then not sent,
    then waiting for the answer, the answered last; by the forwarding deadline."""
    send_rule = rule("evaluation", store.rules())
    calendar = store.work_calendar()
    out: list[ForwardRow] = []
    for meeting in store.meetings():
        petitions = [p for p in store.petitions(meeting.id) if p.outcome == "forwarded"]
        if not petitions:
            continue
        followed = {
            e.payload.get("petition"): e.payload
            for e in store.events_of_kind(meeting.id, FORWARD_EVENT)
        }
        for p in petitions:
            record = followed.get(p.id, {})
            out.append(
                ForwardRow(
                    petition_id=p.id,
                    meeting_id=meeting.id,
                    meeting_date=meeting.date,
                    village=meeting.village,
                    content=p.content,
                    forwarded_to=p.forwarded_to or "",
                    letter=str(record.get("letter") or ""),
                    sent_on=_day(record.get("sent_on")),
                    reply_on=_day(record.get("reply_on")),
                    reply=str(record.get("reply") or ""),
                    send_by=send_rule.due(meeting.date, calendar),
                    unit=send_rule.unit,
                )
            )
    rank = {"late": 0, "to_send": 1, "waiting": 2, "replied": 3}
    out.sort(key=lambda r: (rank[r.status(as_of)], r.send_by, r.petition_id))
    return out


def record_forward(
    store: Store,
    petition_id: int,
    *,
    letter: str = "",
    sent_on: dt.date | None = None,
    reply_on: dt.date | None = None,
    reply: str = "",
) -> None:
    """Record the công văn that forwarded a petition (its number and day) and the answer
    that came back (its day and gist). Blank leaves a part not recorded (yet)."""
    petition = store.petition(petition_id)
    if petition.outcome != "forwarded":
        raise RuleError("followup.not_forwarded", number=petition.seq)
    meeting = store.meeting(petition.meeting_id)
    today = _today(store)
    for day, field in ((sent_on, "sent_on"), (reply_on, "reply_on")):
        if day is None:
            continue
        if day < meeting.date:
            raise RuleError("followup.day_before_meeting", field)
        if day > today:  # the record says what was done, never a plan
            raise RuleError(
                "followup.day_after_today",
                field,
                day=f"{day:%d/%m/%Y}",
                today=f"{today:%d/%m/%Y}",
            )
    if sent_on is not None and reply_on is not None and reply_on < sent_on:
        raise RuleError("followup.reply_before_sent", "reply_on")
    store.log(
        petition.meeting_id,
        FORWARD_EVENT,
        {
            "petition": petition_id,
            "letter": clean(letter, limit=200),
            "sent_on": sent_on.isoformat() if sent_on else None,
            "reply_on": reply_on.isoformat() if reply_on else None,
            "reply": clean(reply, multiline=True, limit=2000),
        },
    )


def late_words(t: Any, days: int, unit: str = "working_days") -> str:
    """An overdue assignment or duty in the UI's language (``t``, a Translator), counted in
    the unit of its rule and saying it: "QUÁ HẠN 5 ngày làm việc" (the answers), "QUÁ HẠN 23
    ngày" (a period in days); "QUÁ HẠN" alone on a day off right after a working-day deadline."""
    if not days:
        return str(t("fu.overdue"))
    key = "fu.overdue_by_working" if unit == "working_days" else "fu.overdue_by"
    return str(t(key, days=days))


def _today(store: Store) -> dt.date:
    """The store's "today" (its clock, local time): the last day a record may say was done."""
    return local(parse(store.now())).date()


def record_answer(
    store: Store, assignment_id: int, answered_on: dt.date, form: str, note: str = ""
) -> None:
    if form not in ("direct", "written"):
        raise RuleError("followup.bad_form", "form")
    assignment = store.assignment_or_none(assignment_id)
    if assignment is None:
        raise RuleError("followup.no_assignment", number=assignment_id)
    petition = store.petition(assignment.petition_id)
    meeting = store.meeting(petition.meeting_id)
    if answered_on < meeting.date:
        raise RuleError("followup.answered_before", "answered_on")
    today = _today(store)
    if answered_on > today:  # the record says what was done, never a plan
        raise RuleError(
            "followup.answered_after_today",
            "answered_on",
            day=f"{answered_on:%d/%m/%Y}",
            today=f"{today:%d/%m/%Y}",
        )
    with store.write():
        store.update_assignment(
            assignment_id,
            status="answered",
            answered_on=answered_on.isoformat(),
            answer_form=form,
            note=clean(note, multiline=True, limit=2000),
        )
        store.log(
            petition.meeting_id,
            "assignment.answered",
            {"assignment": assignment_id, "on": answered_on.isoformat(), "form": form},
        )


@dataclass
class ChecklistItem:
    key: str
    label: str
    due: dt.date
    reference: str
    meeting_id: int = 0
    done_on: dt.date | None = None

    def status(self, as_of: dt.date) -> str:
        if self.done_on is not None:
            return "done" if self.done_on <= self.due else "done_late"
        return "overdue" if as_of > self.due else "open"


def duty_words(item: ChecklistItem, t: Any, *, short: bool = False) -> tuple[str, str]:
    """A duty's label and reference in the UI's language: the plan's own duties from the
    catalogue (``t``, a Translator), a duty the commune worded itself as written; ``short``:
    the label in a few words (the follow-up's table at 80 columns)."""
    default = next((r for r in DEFAULT_RULES if r.key == item.key), None)
    if default is None:
        return item.label, item.reference
    words = f"duty.short.{item.key}" if short else f"duty.{item.key}"
    label = t(words) if item.label == default.label else item.label
    same = item.reference == default.reference
    reference = t(f"duty.{item.key}.ref") if same else item.reference
    return label, reference


def checklist(store: Store, meeting_id: int) -> list[ChecklistItem]:
    """The 5-day evaluation, 15-working-day answers and 10-day publication, with their dates."""
    meeting = store.meeting(meeting_id)
    calendar: WorkCalendar = store.work_calendar()
    done = store.checklist_done(meeting_id)
    return [
        ChecklistItem(
            r.key, r.label, r.due(meeting.date, calendar), r.reference, meeting_id, done.get(r.key)
        )
        for r in store.rules()
    ]


def open_checklists(store: Store) -> list[tuple[Any, ChecklistItem]]:
    """Checklist items of every concluded meeting, soonest first (the follow-up view)."""
    items = []
    for meeting in store.meetings():
        if meeting.status in ("concluded", "closed"):
            items += [(meeting, item) for item in checklist(store, meeting.id)]
    items.sort(key=lambda pair: (pair[1].done_on is not None, pair[1].due))
    return items


def mark_done(store: Store, meeting_id: int, key: str, day: dt.date | None) -> None:
    meeting = store.meeting(meeting_id)
    if day is not None and day < meeting.date:
        raise RuleError("followup.done_before", "done_on")
    today = _today(store)
    if day is not None and day > today:  # done, not planned: never after the store's today
        raise RuleError(
            "followup.done_after_today", "done_on", day=f"{day:%d/%m/%Y}", today=f"{today:%d/%m/%Y}"
        )
    store.set_checklist_done(meeting_id, key, day)


def default_due(store: Store, meeting_date: dt.date) -> dt.date:
    return rule("answer", store.rules()).due(meeting_date, store.work_calendar())


def carry_over(store: Store, meeting_id: int) -> list[FollowedAssignment]:
    """Open assignments of earlier meetings of the same village, for the chair's report."""
    meeting = store.meeting(meeting_id)
    return [
        r
        for r in store.all_assignments()
        if r.assignment.status == "open"
        and r.meeting_id != meeting_id
        and r.village == meeting.village
        and r.commune == meeting.commune
        and r.meeting_date <= meeting.date
    ]


def statutory_duties(store: Store, meeting_id: int) -> list[Duty]:
    """The statutory clock of one meeting (see ``statutory``), from what the store records:
    the announcement's date; the checklist's marks; the answers, done when the meeting is
    concluded, no petition is left undecided and every assignment is answered (on the day of
    the last answer), unless the checklist marks them done itself."""
    meeting = store.meeting(meeting_id)
    done = dict(store.checklist_done(meeting_id))
    if "answer" not in done and meeting.concluded:
        petitions = store.petitions(meeting_id)
        answered: list[dt.date] = []
        # a khiếu nại or tố cáo is handled under its own law: never waiting for an outcome here
        settled = all(p.outcome is not None or not is_ordinary(p.kind) for p in petitions)
        for p in petitions:
            if p.outcome == "assigned":
                a = p.assignment
                if a is None or a.status != "answered" or a.answered_on is None:
                    settled = False
                else:
                    answered.append(a.answered_on)
        if settled:
            done["answer"] = max(answered, default=meeting.date)
    return duties(
        meeting.date,
        store.work_calendar(),
        store.rules(),
        announced_on=meeting.announced_on,
        done=done,
    )
