"""Sealed minutes (SPEC §7c): "Thông qua biên bản" and amendments.

Sealing a concluded meeting stores a SHA-256 over a canonical serialisation of its minutes and
decisions: every minutes entry (text, time, phase, speaker), every petition (content, answer,
who answered, outcome), every assignment (responsible, task, due) and the conclusion. Each of
these items gets its own digest, so that ``verify`` can name the first entry that differs; the
seal's digest covers the item digests, who sealed, when, and the previous seal's digest, so
amendments form a chain. After sealing, the minutes change only through :func:`amend`.

The canonical form: JSON with sorted keys, no spaces, non-ASCII kept, NFC, UTF-8.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from db.store import Store
from facilitator.rules.clock import local
from facilitator.rules.errors import Message, RuleError
from facilitator.rules.models import MinutesEntry, Petition, Speaker
from facilitator.rules.seals import (  # noqa: F401 (the seal's pure part, re-exported)
    CODE_LENGTH,
    PETITION_FIELDS,
    Item,
    Seal,
    canonical,
    digest,
    footer_line,
    footer_lines,
    seal_digest,
)
from facilitator.rules.text import TextError, clean, titled
from facilitator.services.live import Console


def record_items(store: Store, meeting_id: int) -> list[Item]:
    """The minutes and decisions of a meeting, in the order of the biên bản."""
    from facilitator.services.preparation import sealed_details

    meeting = store.meeting(meeting_id)
    speakers = {s.id: s for s in store.speakers(meeting_id)}
    # What the biên bản prints of the meeting itself: when, where, who chaired, wrote, attended.
    details = sealed_details(meeting)
    details["officials"] = [[o.name, o.position, o.group] for o in store.officials(meeting_id)]
    items: list[Item] = [Item("meeting", details)]
    items += [_minutes_item(entry, speakers) for entry in store.minutes(meeting_id)]
    petitions = store.petitions(meeting_id)
    items += [_petition_item(p) for p in petitions]
    for p in petitions:
        a = p.assignment
        if a is not None:
            items.append(
                Item(
                    f"assignment:{p.id}",
                    {"responsible": a.responsible, "task": a.task, "due": a.due.isoformat()},
                )
            )
    items.append(
        Item(
            "conclusion",
            {
                "conclusion": meeting.conclusion,
                "assessment": meeting.assessment,
                "ended_at": _stamp(meeting.ended_at),
            },
        )
    )
    return items


def _minutes_item(entry: MinutesEntry, speakers: dict[int, Speaker]) -> Item:
    speaker = speakers.get(entry.speaker_id) if entry.speaker_id else None
    return Item(
        f"minutes:{entry.id}",
        {
            "kind": entry.kind,
            "phase": entry.phase_position,
            "at": _stamp(entry.created_at),
            "speaker": [speaker.title, speaker.name, speaker.hamlet] if speaker else None,
            "text": entry.text,
        },
    )


def _petition_item(p: Petition) -> Item:
    return Item(
        f"petition:{p.id}",
        {
            "seq": p.seq,
            "content": p.content,
            "field": p.area,
            "speaker": p.speaker_id,
            "answer": p.answer,
            "answered_by": [p.answered_by_name, p.answered_by_position],
            "outcome": p.outcome,
            "forwarded_to": p.forwarded_to,
            # Only when typed: seals made before the task was kept still verify.
            **({"forward_task": p.forward_task} if p.forward_task else {}),
            # Only when not the default: seals made before kinds existed still verify.
            **({"kind": p.kind} if p.kind != "petition" else {}),
        },
    )


def _stamp(value: Any) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else value.isoformat()


def seals(store: Store, meeting_id: int) -> list[Seal]:
    return store.seals(meeting_id)


def last_seal(store: Store, meeting_id: int) -> Seal | None:
    chain = seals(store, meeting_id)
    return chain[-1] if chain else None


def _who(by: str, field: str) -> str:
    try:
        return clean(by)
    except TextError as exc:
        raise RuleError.of(exc, field) from exc


def _add_seal(store: Store, meeting_id: int, by: str, why: str, change: dict[str, Any]) -> Seal:
    previous = last_seal(store, meeting_id)
    seq = previous.seq + 1 if previous else 1
    at = store.now()
    items = [[item.key, item.digest] for item in record_items(store, meeting_id)]
    value = seal_digest(
        meeting_id=meeting_id,
        seq=seq,
        at=at,
        by=by,
        why=why,
        change=change,
        previous=previous.digest if previous else "",
        items=items,
    )
    store.add_seal(
        meeting_id,
        seq=seq,
        sealed_at=at,
        sealed_by=by,
        reason=why,
        change=json.dumps(change, ensure_ascii=False, sort_keys=True),
        previous=previous.digest if previous else "",
        items=json.dumps(items),
        digest=value,
    )
    seal = last_seal(store, meeting_id)
    assert seal is not None
    return seal


def seal(console: Console, by: str = "") -> Seal:
    """ "Thông qua biên bản": only a concluded meeting, and only once (then: amend)."""
    store = console.store
    by = _who(by, "by")
    if not by:
        raise RuleError("seal.need_sealer", "by")
    with store.write():
        meeting = console.meeting
        if not meeting.concluded:
            raise RuleError("seal.not_concluded")
        if last_seal(store, meeting.id) is not None:
            raise RuleError("seal.already_sealed")
        made = _add_seal(store, meeting.id, by, "", {})
        store.log(meeting.id, "minutes.sealed", {"seal": made.seq, "code": made.code})
    console.backup("sealed")  # a copy of the minutes as the hall approved them
    return made


@contextlib.contextmanager
def amendment(console: Console, by: str, why: str) -> Iterator[dict[str, Any]]:
    """Change a sealed record: the changes made inside (through the console) are applied and
    a new seal is chained to the previous one, recording who, when and why. The yielded dict
    describes the change (the caller fills it; it is sealed too). All or nothing."""
    store = console.store
    by = _who(by, "by")
    try:
        why = clean(why, multiline=True, limit=2000)
    except TextError as exc:
        raise RuleError.of(exc, "why") from exc
    if not by:
        raise RuleError("seal.need_by", "by")
    if not why:
        raise RuleError("seal.need_why", "why")
    change: dict[str, Any] = {}
    with store.write():
        if last_seal(store, console.meeting_id) is None:
            raise RuleError("seal.not_sealed")
        console.amending = True
        try:
            yield change
        finally:
            console.amending = False
        made = _add_seal(store, console.meeting_id, by, why, change)
        store.log(
            console.meeting_id,
            "minutes.amended",
            {"seal": made.seq, "code": made.code, "by": by, "why": why, **change},
        )
    console.backup("amended")  # a copy under the new seal


def entry_id_at(store: Store, meeting_id: int, number: int) -> int:
    """The minutes entry numbered ``number``: an entry's number is its id, the one the live
    screen's editor shows ("#12") and ``facilitator amend`` lists. It never changes (an
    undone call removes its own entry, and the others keep their numbers); a position in
    the list moved up after each removed entry, and named another entry than the screen's."""
    if not any(e.id == number for e in store.minutes(meeting_id)):
        raise RuleError("seal.no_entry", "entry", number=number)
    return number


@dataclass(frozen=True)
class EntryRow:
    """A minutes entry as ``amend`` lists it: its number, time, who and the start of its text."""

    number: int
    time: str  # "08:25"
    kind: str  # speech, note, phase, outage
    speaker: str  # "Bà Phạm Thị Hằng" for a speech ('' otherwise, or a speaker unknown)
    text: str  # the first line, cut at 50 characters with "…" ('' when nothing was typed)


def entry_rows(store: Store, meeting_id: int) -> list[EntryRow]:
    """Every minutes entry of the meeting, in order, numbered as the live screen shows them."""
    speakers = {s.id: s for s in store.speakers(meeting_id)}
    rows = []
    for e in store.minutes(meeting_id):
        first = " ".join(e.text.split("\n", 1)[0].split())
        first = first if len(first) <= 50 else first[:49] + "…"
        speaker = speakers.get(e.speaker_id) if e.speaker_id else None
        who = titled(speaker.title, speaker.name) if speaker and e.kind == "speech" else ""
        when = f"{local(e.created_at):%H:%M}"
        rows.append(EntryRow(e.id, when, str(e.kind), who, first))
    return rows


def amend_entry(console: Console, number: int, text: str, *, by: str, why: str) -> Seal:
    store = console.store
    entry_id = entry_id_at(store, console.meeting_id, number)
    before = store.minutes_entry(entry_id).text
    with amendment(console, by, why) as change:
        console.save_entry(entry_id, text)
        after = store.minutes_entry(entry_id).text
        if after == before:
            raise RuleError("seal.same_text", "text")
        change.update({"entry": number, "before": before, "after": after})
    made = last_seal(store, console.meeting_id)
    assert made is not None
    return made


def amend_conclusion(console: Console, text: str, *, by: str, why: str) -> Seal:
    from facilitator.services.conclusion import save_conclusion_text

    store = console.store
    meeting = console.meeting
    with amendment(console, by, why) as change:
        save_conclusion_text(console, text, meeting.assessment)
        after = console.meeting.conclusion
        if after == meeting.conclusion:
            raise RuleError("seal.same_text", "text")
        change.update({"conclusion": True, "before": meeting.conclusion, "after": after})
    made = last_seal(store, console.meeting_id)
    assert made is not None
    return made


# ----- verification -----------------------------------------------------------------------
@dataclass(frozen=True)
class Verdict:
    intact: bool
    seal: Seal | None  # the last seal (its code is what the footer prints)
    problem: str  # one line naming the first item that differs ('' when intact)


def describe(store: Store, meeting_id: int, key: str) -> Message:
    """An item key in words, as the secretary finds it in the biên bản."""
    kind, _, number = key.partition(":")
    if kind == "minutes":
        ids = [e.id for e in store.minutes(meeting_id)]
        entry_id = int(number)
        if entry_id in ids:
            entry = store.minutes_entry(entry_id)
            when = local(entry.created_at)
            return Message("seal.entry", number=entry_id, time=f"{when:%H:%M}")
        return Message("seal.entry_id", id=entry_id)
    if kind in ("petition", "assignment"):
        seqs = {p.id: p.seq for p in store.petitions(meeting_id)}
        pid = int(number)
        if pid in seqs:
            return Message(f"seal.{kind}", number=seqs[pid])
        return Message(f"seal.{kind}_id", id=pid)
    if kind == "meeting":
        return Message("seal.meeting")
    return Message("seal.conclusion")


def verify(store: Store, meeting_id: int) -> Verdict:
    """Recompute the chain: each seal's digest from what it records and its link to the one
    before, then the last seal's items from the database as it is now."""
    store.meeting(meeting_id)  # an unknown meeting is refused with its own message
    chain = seals(store, meeting_id)
    if not chain:
        return Verdict(False, None, Message("seal.meeting_not_sealed", meeting=meeting_id))
    previous = ""
    for s in chain:
        if s.previous != previous or s.expected_digest() != s.digest:
            return Verdict(False, chain[-1], Message("seal.altered", seq=s.seq))
        previous = s.digest
    last = chain[-1]
    if last.origin is not None:
        # Sealed in another database and brought by a meeting file: its items name that
        # database's rows, so only the chain itself can be checked here.
        return Verdict(False, last, Message("seal.imported", meeting=last.origin))
    now = {item.key: item.digest for item in record_items(store, meeting_id)}
    sealed = dict((k, v) for k, v in last.items)
    for key, value in last.items:
        if key not in now:
            return Verdict(
                False, last, Message("seal.item_deleted", item=describe(store, meeting_id, key))
            )
        if now[key] != value:
            return Verdict(
                False, last, Message("seal.item_changed", item=describe(store, meeting_id, key))
            )
    for key in now:
        if key == "meeting" and key not in sealed:
            continue  # a seal made before the meeting's details were sealed
        if key not in sealed:
            item = describe(store, meeting_id, key)
            return Verdict(False, last, Message("seal.item_added", item=item))
    return Verdict(True, last, "")


def _petition_facts(store: Store, petition_id: int) -> dict[str, str]:
    p = store.petition(petition_id)
    who = ", ".join(x for x in (p.answered_by_name, p.answered_by_position) if x)
    a = p.assignment
    return {
        "content": p.content,
        "answer": p.answer or "",
        "answered_by": who,
        "forwarded_to": p.forwarded_to or "",
        "responsible": a.responsible if a else "",
        "due": f"{a.due:%d/%m/%Y}" if a else "",
    }


def amend_petition(
    console: Console,
    number: int,
    *,
    by: str,
    why: str,
    content: str | None = None,
    answer: str | None = None,
    answered_by: str | None = None,
    forwarded_to: str | None = None,
    responsible: str | None = None,
    due: str | None = None,
) -> Seal:
    """Correct a sealed petition (numbered as the biên bản prints it): its content, the answer
    and who gave it, the receiving body of a forwarded one, the person responsible for or the
    due date of an assigned one. Recorded like every amendment, with the values before and
    after."""
    store = console.store
    p = _amendable_petition(
        console, number, forwarded_to is not None, responsible is not None or due is not None
    )
    asked = {
        "content": content,
        "answer": answer,
        "answered_by": answered_by,
        "forwarded_to": forwarded_to,
        "responsible": responsible,
        "due": due,
    }
    if all(v is None for v in asked.values()):
        raise RuleError("seal.need_change", "petition")
    before = _petition_facts(store, p.id)
    with amendment(console, by, why) as change:
        _write_petition(console, p, content, answer, answered_by, forwarded_to)
        if responsible is not None or due is not None:
            _amend_assignment(console, p, responsible, due)
        after = _petition_facts(store, p.id)
        changed = [k for k, v in asked.items() if v is not None and after[k] != before[k]]
        if not changed:
            raise RuleError("seal.same_text", "text")
        change.update(
            {
                "petition": number,
                "before": {k: before[k] for k in changed},
                "after": {k: after[k] for k in changed},
            }
        )
    made = last_seal(store, console.meeting_id)
    assert made is not None
    return made


def _write_petition(
    console: Console,
    p: Petition,
    content: str | None,
    answer: str | None,
    answered_by: str | None,
    forwarded_to: str | None,
) -> None:
    """The petition with the values asked for (None: kept as it is); ``answered_by`` is typed
    as "name, position"."""
    name, _, position = (answered_by or "").partition(",")
    console.answer_petition(
        p.id,
        content=content,
        answer=p.answer if answer is None else answer,
        answered_by_name=p.answered_by_name if answered_by is None else name.strip(),
        answered_by_position=p.answered_by_position if answered_by is None else position.strip(),
        outcome=p.outcome,
        forwarded_to=p.forwarded_to if forwarded_to is None else forwarded_to,
        kind=None,
        forward_task=None,
    )


def _amendable_petition(
    console: Console, number: int, new_body: bool, new_assignment: bool
) -> Petition:
    """The petition numbered ``number``, refused when the change asked does not fit it: a
    receiving body for one not forwarded, a person or due date for one not assigned."""
    numbered = {p.seq: p for p in console.store.petitions(console.meeting_id)}
    if number not in numbered:
        raise RuleError("store.no_petition", "petition", number=number)
    p = numbered[number]
    if new_body and p.outcome != "forwarded":
        raise RuleError("seal.not_forwarded", "forwarded_to", number=number)
    if new_assignment and p.assignment is None:
        raise RuleError("seal.not_assigned", "responsible", number=number)
    return p


def _amend_assignment(
    console: Console, p: Petition, responsible: str | None, due: str | None
) -> None:
    """A new person responsible or due date for an assigned petition; the rest kept."""
    from facilitator.services.conclusion import parse_due

    a = p.assignment
    if a is None:
        return
    who = a.responsible if responsible is None else clean(responsible)
    if not who:
        raise RuleError("conclusion.need_responsible", "responsible")
    when = a.due if due is None else parse_due(due, console.meeting.date, console.store)
    console.store.set_assignment(
        p.id,
        responsible=who,
        task=a.task,
        due=when.isoformat(),
        status=a.status,
        answered_on=a.answered_on.isoformat() if a.answered_on else None,
        answer_form=a.answer_form,
        note=a.note,
    )


def amend_meeting(console: Console, values: dict[str, str], *, by: str, why: str) -> Seal:
    """Correct what the sealed biên bản prints of the meeting (``{"date": "29/10/2021"}``,
    keys as in ``preparation.SEALED_DETAILS``). The assignments' due dates are decisions of
    the meeting and stay as they were: correct one with ``amend_petition(due=…)``."""
    from facilitator.services.preparation import (
        SEALED_DETAILS,
        details_of,
        sealed_details,
        update_details,
    )

    store = console.store
    unknown = [k for k in values if k not in SEALED_DETAILS]
    if unknown or not values:
        raise RuleError(
            "seal.bad_detail", "set", key=", ".join(unknown), keys=", ".join(SEALED_DETAILS)
        )
    form: dict[str, Any] = dict(details_of(store, console.meeting_id))
    form["legal_basis"] = "\n".join(console.meeting.legal_basis)
    form.update(values)
    before = sealed_details(console.meeting)
    with amendment(console, by, why) as change:
        update_details(store, console.meeting_id, form, amending=True)
        after = sealed_details(console.meeting)
        changed = [k for k in SEALED_DETAILS if after[k] != before[k]]
        if not changed:
            raise RuleError("seal.same_text", "text")
        change.update(
            {
                "meeting": True,
                "before": {k: _shown(before[k]) for k in changed},
                "after": {k: _shown(after[k]) for k in changed},
            }
        )
    made = last_seal(store, console.meeting_id)
    assert made is not None
    return made


def _shown(value: Any) -> str:
    """A detail as the footer and the log show it: dates dd/mm/yyyy, lists one a line."""
    if isinstance(value, list):
        return "\n".join(str(x) for x in value)
    text = str(value)
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        return text
    return f"{day:%d/%m/%Y}"
