"""What happens in the hall: the queue, the slots, the minutes, petitions and phases.

Every operation is one write transaction and one event in the log. Queue and timer actions store
the rows they changed (before-images) so that undo is a new event restoring them.
"""

from __future__ import annotations

import datetime as dt
import functools
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from db.changes import Change, added_entries, rows_of, undo_rows
from db.store import Store
from db.values import PetitionValues, SpeakerValues
from facilitator.rules.cccd import CardReading, read_card
from facilitator.rules.clock import local, parse, stamp
from facilitator.rules.errors import Message, RuleError
from facilitator.rules.kinds import KINDS, is_ordinary, law_refusal
from facilitator.rules.models import (
    OUTCOMES,
    Event,
    Meeting,
    MinutesEntry,
    Petition,
    SlotRecord,
    Speaker,
)
from facilitator.rules.slot import SlotState
from facilitator.rules.text import (  # noqa: F401 (place_words re-exported)
    MAX_LONG,
    TITLES,
    TextError,
    clean,
    fold,
    place_words,
    split_long,
    titled,
)

T = TypeVar("T")
OUTAGE_SECONDS = 30
OVER = Message("live.over")
HEARTBEAT_SECONDS = 10
SEALED_MESSAGE = Message("live.sealed")


def _atomic(method: Callable[..., T]) -> Callable[..., T]:
    """The whole action in one write transaction: what it checks (the speaker is waiting,
    the queue's first) is what it changes, even while another window writes."""

    @functools.wraps(method)
    def inner(self: Console, *args: Any, **kwargs: Any) -> T:
        with self.store.write():
            return method(self, *args, **kwargs)

    return inner


@dataclass
class Registration:
    speaker_id: int
    duplicate_of: str | None  # the name already registered, when a same name is found


@dataclass
class MovedWords:
    """Words typed under a call (F3) or an answer turn (ctrl+r) that ctrl+z took back: they
    are never left under the person called by mistake."""

    speaker: Speaker | None  # the speech they went back to; None: a note with no speaker
    entry_id: int  # the entry that holds them now


# The actions that give the floor to someone: the words typed during them are that person's.
TURN_EVENTS = ("speaker.called", "answer.started")


def speech_header(speaker: Speaker) -> str:
    """The header of a speaker's minutes entry, shown above the editor and in the earlier
    minutes; never stored in the entry's text (the entry links to its speaker)."""
    if speaker.kind == "answer":  # an official's turn keeps the position in ``hamlet``
        position = f", {speaker.hamlet}" if speaker.hamlet else ""
        return f"Đồng chí {speaker.name}{position} trả lời:"
    where = place_words(speaker.hamlet)
    who = titled(speaker.title, speaker.name) + (f" ({where})" if where else "")
    turn = f" (lần {speaker.turn})" if speaker.turn > 1 else ""
    return f"{who}{turn} phát biểu:"


def second_turn(speaker: Speaker) -> bool:
    """A follow-up turn ("lần 2"): registered again after speaking, or a second registration."""
    return speaker.kind == "follow_up" or speaker.turn > 1


def first_turns_first(waiting: list[Speaker]) -> list[Speaker]:
    """The waiting queue with people who have not spoken yet before second turns (stable)."""
    return [s for s in waiting if not second_turn(s)] + [s for s in waiting if second_turn(s)]


def queue_end(
    now: dt.datetime, slot_seconds: int, waiting: list[Speaker], current: SlotRecord | None
) -> dt.datetime:
    """Projected end of the queue: what is left of the current slot + one slot per waiting
    speaker (their own length, or the meeting's). Screens pass what they already loaded."""
    total: float = sum(s.limit_seconds or slot_seconds for s in waiting if s.state == "waiting")
    if current is not None:
        total += max(0.0, current.slot.remaining(now))
    return local(now + dt.timedelta(seconds=total))


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise RuleError("live.bad_kind", "kind", kind=kind)


def _field(
    value: str | None,
    name: str,
    *,
    required: bool = False,
    multiline: bool = False,
    limit: int = 200,
) -> str:
    try:
        text = clean(value, multiline=multiline, limit=limit)
    except TextError as exc:
        raise RuleError.of(exc, name) from exc
    if required and not text:
        raise RuleError("required", name)
    return text


class Console:
    """Operations on one meeting, as the secretary (or the desk) performs them."""

    def __init__(
        self, store: Store, meeting_id: int, backup: Callable[[str], object] | None = None
    ):
        self.store = store
        self.meeting_id = meeting_id
        # The backup copy at each phase change; a screen passes one that runs off its thread.
        self.backup = backup or store.auto_backup
        # Set by facilitator.services.seal.amendment: a sealed record changes only inside one.
        self.amending = False
        # Set by undo: where the words typed under an undone call or answer turn went.
        self.moved: MovedWords | None = None

    def check_unsealed(self) -> None:
        """After "Thông qua biên bản" the minutes and decisions change only by amendment."""
        if not self.amending and self.store.is_sealed(self.meeting_id):
            raise RuleError("live.sealed")

    # ----- reading --------------------------------------------------------------------------
    @property
    def meeting(self) -> Meeting:
        return self.store.meeting(self.meeting_id)

    def now(self) -> dt.datetime:
        return self.store.clock()

    def slot_limit(self, speaker: Speaker) -> int:
        return speaker.limit_seconds or self.meeting.slot_seconds

    def projected_end(self) -> dt.datetime:
        return queue_end(
            self.now(),
            self.meeting.slot_seconds,
            self.store.waiting(self.meeting_id),
            self.store.current_slot(self.meeting_id),
        )

    def _refuse_if_over(self) -> None:
        """A concluded (or closed) meeting takes no more speakers, turns, petitions or phases:
        its end time is recorded. Editing the minutes stays allowed (corrections before sealing)."""
        if self.meeting.concluded:
            raise RuleError("live.over")

    # ----- queue ----------------------------------------------------------------------------
    @_atomic
    def register(
        self,
        name: str,
        hamlet: str = "",
        gist: str = "",
        field: str = "",
        *,
        title: str = "",
        priority: bool = False,
        registered: str = "meeting",
        slip: int | None = None,
        limit_seconds: int | None = None,
        enforce_open: bool = False,
        card: str | None = None,
    ) -> Registration:
        """``card``: the hash of the ID card the registration was scanned from (read_card)."""
        self._refuse_if_over()
        name = _field(name, "name", required=True)
        hamlet = _field(hamlet, "hamlet")
        gist = _field(gist, "gist", multiline=True, limit=2000)
        field = _field(field, "field")
        if enforce_open and not self.meeting.registration_open:
            raise RuleError("live.registration_closed", "name")
        if limit_seconds is not None and not 30 <= limit_seconds <= 3600:
            raise RuleError("live.limit_range", "limit")
        duplicate = self._same_name(name)
        change = Change(self.store)
        with self.store.write():
            seq = self._new_place(priority=priority, second_turn=duplicate is not None)
            speaker_id = self.store.add_speaker(
                self.meeting_id,
                name=name,
                title=title if title in TITLES else "",
                hamlet=hamlet,
                gist=gist,
                field=field,
                slip=slip,
                registered=registered,
                priority=int(priority),
                kind="speech",
                state="waiting",
                seq=seq,
                limit_seconds=limit_seconds,
                created_at=self.store.now(),
            )
            change.added_speaker(speaker_id)
            if card:
                self.store.remember_card(self.meeting_id, card, speaker_id)
            self.store.log(
                self.meeting_id,
                "speaker.registered",
                change.payload(speaker=speaker_id, name=name),
                undoable=True,
            )
        return Registration(speaker_id, duplicate)

    def _same_name(self, name: str) -> str | None:
        """The name of a speaker already in the queue (not withdrawn) under the same folded name."""
        key = fold(name)
        return next(
            (
                s.name
                for s in self.store.speakers(self.meeting_id)
                if fold(s.name) == key and s.state != "withdrawn"
            ),
            None,
        )

    def _new_place(self, *, priority: bool, second_turn: bool) -> float:
        """The queue position (``seq``) of a new speaker: the end of the queue; a priority
        speaker after the last priority one (or first); a first turn before the second turns
        while first turns come first."""
        top, last_priority = self.store.seq_bounds(self.meeting_id)
        seq = top + 1.0
        if priority:
            after = last_priority
            if after is None:
                first = self.store.waiting(self.meeting_id)
                seq = (first[0].seq - 1.0) if first else top + 1.0
            else:
                following = self.store.next_seq_after(self.meeting_id, after)
                seq = (after + following) / 2 if following is not None else after + 1.0
        elif self.meeting.first_turns_first and not second_turn:
            seq = self._before_second_turns(seq)
        return seq

    def _before_second_turns(self, seq: float) -> float:
        """Where a first turn goes while first turns come first: before the first waiting
        second turn (or ``seq``, the end of the queue, when there is none)."""
        speakers = self.store.speakers(self.meeting_id)
        later = next((s for s in speakers if s.state == "waiting" and second_turn(s)), None)
        if later is None:
            return seq
        earlier = [s.seq for s in speakers if s.seq < later.seq]
        return (max(earlier) + later.seq) / 2 if earlier else later.seq - 1.0

    def read_card(self, line: str) -> tuple[CardReading, str | None]:
        """A scanned ID card line: its reading (name, title, hamlet from the address, matched
        against the profile's hamlets or the meeting's village) and the name already
        registered from the same card in this meeting, if any. NotACard otherwise."""
        meeting = self.meeting
        reading = read_card(
            line,
            salt=self.store.card_salt(self.meeting_id),
            hamlets=self.store.meeting_profile(self.meeting_id).hamlets,
            village=meeting.village,
        )
        known = self.store.card_speaker(self.meeting_id, reading.digest)
        return reading, (self.store.speaker(known).name if known else None)

    @_atomic
    def edit_speaker(self, speaker_id: int, **values: Any) -> None:
        self.check_unsealed()
        clean_values: SpeakerValues = {}
        for key in ("name", "hamlet", "gist", "field"):
            if key in values:
                clean_values[key] = _field(
                    values[key],
                    key,
                    required=key == "name",
                    multiline=key == "gist",
                    limit=2000 if key == "gist" else 200,
                )
        if "title" in values:
            title = values["title"] or ""
            if title not in ("", *TITLES):
                raise RuleError("live.bad_title", "title", title=title)
            clean_values["title"] = title
        if "priority" in values:
            clean_values["priority"] = int(bool(values["priority"]))
        if "limit_seconds" in values:
            limit = values["limit_seconds"]
            if limit is not None and not 30 <= limit <= 3600:
                raise RuleError("live.limit_range", "limit")
            clean_values["limit_seconds"] = limit
        change = Change(self.store)
        with self.store.write():
            if not change.speaker(speaker_id):
                # Another window removed this speaker (an undone registration): say so
                # instead of logging an edit that saved nothing.
                raise RuleError("live.speaker_removed")
            self.store.update_speaker(speaker_id, **clean_values)
            # The title is the person's: a correction reaches each of their turns (lần 2...).
            for other in self._turns_of(speaker_id) if "title" in clean_values else []:
                if other != speaker_id:
                    change.speaker(other)
                    self.store.update_speaker(other, title=clean_values["title"])
            self.store.log(
                self.meeting_id, "speaker.edited", change.payload(speaker=speaker_id), undoable=True
            )

    def _turns_of(self, speaker_id: int) -> list[int]:
        """Every turn of one person: the first registration and the follow-ups made from it."""
        speakers = self.store.speakers(self.meeting_id)
        root = next((s.follows_id or s.id for s in speakers if s.id == speaker_id), speaker_id)
        return [s.id for s in speakers if s.id == root or s.follows_id == root]

    @_atomic
    def follow_up(self, speaker_id: int) -> int:
        """A finished speaker asks to speak again (plan 2.5): a new turn at the end of the queue."""
        self._refuse_if_over()
        original = self.store.speaker(speaker_id)
        if original.state not in ("done", "speaking"):
            raise RuleError("live.again_only_spoken")
        change = Change(self.store)
        with self.store.write():
            top, _ = self.store.seq_bounds(self.meeting_id)
            new_id = self.store.add_speaker(
                self.meeting_id,
                name=original.name,
                title=original.title,
                hamlet=original.hamlet,
                # A second turn is about something new: the first turn's gist printed
                # above it ("phát biểu lần 2: <first gist>") credited words never said.
                gist="",
                field=original.field,
                registered="meeting",
                priority=0,
                kind="follow_up",
                follows_id=original.follows_id or original.id,
                state="waiting",
                seq=top + 1.0,
                created_at=self.store.now(),
            )
            change.added_speaker(new_id)
            self.store.log(
                self.meeting_id,
                "speaker.follow_up",
                change.payload(speaker=new_id, follows=speaker_id),
                undoable=True,
            )
        return new_id

    @_atomic
    def move(self, speaker_id: int, step: int) -> bool:
        """Swap a waiting speaker with the waiting neighbour above (-1) or below (+1)."""
        waiting = self.store.waiting(self.meeting_id)
        index = next((i for i, s in enumerate(waiting) if s.id == speaker_id), None)
        if index is None:
            raise RuleError("live.move_only_waiting")
        other = index + step
        if not 0 <= other < len(waiting):
            return False
        a, b = waiting[index], waiting[other]
        change = Change(self.store)
        with self.store.write():
            change.speaker(a.id)
            change.speaker(b.id)
            self.store.update_speaker(a.id, seq=b.seq)
            self.store.update_speaker(b.id, seq=a.seq)
            self.store.log(
                self.meeting_id,
                "speaker.moved",
                change.payload(speaker=a.id, step=step),
                undoable=True,
            )
        return True

    @_atomic
    def move_to(self, speaker_id: int, position: int) -> int:
        """Put a waiting speaker at ``position`` (1 = the top) of the waiting queue; the others
        keep their order. Returns the position taken (a number past the end: the last)."""
        waiting = self.store.waiting(self.meeting_id)
        index = next((i for i, s in enumerate(waiting) if s.id == speaker_id), None)
        if index is None:
            raise RuleError("live.move_only_waiting")
        position = max(1, min(position, len(waiting)))
        order = waiting[:index] + waiting[index + 1 :]
        order.insert(position - 1, waiting[index])
        self._reorder(waiting, order, "speaker.moved", speaker=speaker_id, position=position)
        return position

    def _reorder(
        self, waiting: list[Speaker], order: list[Speaker], kind: str, **summary: Any
    ) -> None:
        """Give the waiting speakers ``order`` by handing out their own seq values again."""
        change = Change(self.store)
        with self.store.write():
            for speaker, seq in zip(order, [s.seq for s in waiting], strict=True):
                if speaker.seq != seq:
                    change.speaker(speaker.id)
                    self.store.update_speaker(speaker.id, seq=seq)
            self.store.log(self.meeting_id, kind, change.payload(**summary), undoable=True)

    @_atomic
    def set_first_turns_first(self, on: bool) -> None:
        """The rule that people who have not spoken yet come before second turns (OpenSlides
        #3294). Turning it on moves the waiting second turns after the first turns."""
        change = Change(self.store)
        with self.store.write():
            change.meeting(self.meeting_id)
            self.store.update_meeting(self.meeting_id, first_turns_first=int(on))
            if on:
                waiting = self.store.waiting(self.meeting_id)
                for speaker, seq in zip(
                    first_turns_first(waiting), [s.seq for s in waiting], strict=True
                ):
                    if speaker.seq != seq:
                        change.speaker(speaker.id)
                        self.store.update_speaker(speaker.id, seq=seq)
            self.store.log(
                self.meeting_id,
                "queue.first_turns_first",
                change.payload(on=on),
                undoable=True,
            )

    @_atomic
    def set_absent(self, speaker_id: int, state: str, reason: str = "") -> None:
        if state not in ("absent", "withdrawn"):
            raise RuleError("live.bad_state", state=state)
        reason = _field(reason, "reason")
        speaker = self.store.speaker(speaker_id)
        if speaker.state != "waiting":
            raise RuleError("live.absent_only_waiting")
        change = Change(self.store)
        with self.store.write():
            change.speaker(speaker_id)
            self.store.update_speaker(speaker_id, state=state, reason=reason)
            self.store.log(
                self.meeting_id,
                f"speaker.{state}",
                change.payload(speaker=speaker_id, reason=reason),
                undoable=True,
            )

    @_atomic
    def call_next(self) -> Speaker | None:
        """End the current slot, call the first waiting speaker, start their slot and entry."""
        self._refuse_if_over()
        waiting = self.store.waiting(self.meeting_id)
        if not waiting:
            return None
        nxt = waiting[0]
        change = Change(self.store)
        now = self.store.now()
        with self.store.write():
            self._end_current(change, now)
            change.speaker(nxt.id)
            self.store.update_speaker(nxt.id, state="speaking")
            slot_id = self.store.add_slot(
                self.meeting_id,
                speaker_id=nxt.id,
                started_at=now,
                limit_seconds=self.slot_limit(nxt),
            )
            change.added_slot(slot_id)
            # The entry holds only what is typed; its header is its speaker (speech_header).
            # Called again after an older release's undo kept typed words under this speaker:
            # go on in that same entry (an undo now moves them to the speech that resumes).
            kept = self.store.last_entry_of(nxt.id)
            if kept is None:
                entry_id = self._add_entry("speech", "", nxt.id, now)
                change.added_entry(entry_id)
            self.store.log(
                self.meeting_id,
                "speaker.called",
                change.payload(speaker=nxt.id, name=nxt.name),
                undoable=True,
            )
        return self.store.speaker(nxt.id)

    def petitions_to_answer(self) -> tuple[list[Petition], list[int]]:
        """What an official's answer can be tied to: the petitions still without an outcome
        (the meeting's, then the pre-collected ones), and among them the ones an answer goes
        to by default, those of the citizen speaking now or who spoke last."""
        petitions = [
            p
            for p in self.store.petitions(self.meeting_id)
            if p.outcome is None and is_ordinary(p.kind)  # never a khiếu nại or tố cáo
        ]
        speakers = self.store.speakers(self.meeting_id)
        citizens = [s for s in speakers if s.kind != "answer" and s.state in ("speaking", "done")]
        last = next((s for s in citizens if s.state == "speaking"), None)
        if last is None and citizens:
            spoke = {r.speaker_id: r.id for r in self.store.slots(self.meeting_id)}
            done = [s for s in citizens if s.id in spoke]
            last = max(done, key=lambda s: spoke[s.id]) if done else None
        if last is None:
            return petitions, []
        turns = set(self._turns_of(last.id))
        return petitions, [p.id for p in petitions if p.speaker_id in turns]

    def chosen_outcome(self, turn_id: int) -> str | None:
        """The outcome chosen when the answer turn was started (ctrl+r), if any: a forwarded
        one is recorded only when the answer form asks where it goes."""
        for event in reversed(self.store.events_of_kind(self.meeting_id, "answer.started")):
            if event.payload.get("speaker") == turn_id:
                chosen = event.payload.get("outcome")
                return str(chosen) if chosen else None
        return None

    def answered_in(self, turn_id: int) -> list[Petition]:
        """The petitions an official's answer turn is tied to."""
        return [p for p in self.store.petitions(self.meeting_id) if p.answered_in == turn_id]

    @_atomic
    def start_answer(
        self,
        name: str,
        position: str = "",
        petitions: list[int] | tuple[int, ...] = (),
        decide: Callable[[int], object] | None = None,
        outcome: str | None = None,
    ) -> int:
        """An official answers (plan 2.4): a timed turn of role "official", outside the queue,
        tied to the petitions it answers (they record who answered them). ``decide`` sets a
        tied petition's outcome inside the same action: one ctrl+z takes back the turn, the
        ties and the outcomes (an assignment it made is removed). ``outcome``, the one chosen
        with the turn, is kept in its event: the answer form (F7) starts from it."""
        self._refuse_if_over()
        if petitions:
            self.check_unsealed()
        name = _field(name, "name", required=True)
        position = _field(position, "position")
        change = Change(self.store)
        now = self.store.now()
        with self.store.write():
            self._end_current(change, now)
            top, _ = self.store.seq_bounds(self.meeting_id)
            speaker_id = self.store.add_speaker(
                self.meeting_id,
                name=name,
                hamlet=position,
                kind="answer",
                state="speaking",
                registered="meeting",
                seq=top + 1.0,
                created_at=now,
            )
            change.added_speaker(speaker_id)
            slot_id = self.store.add_slot(
                self.meeting_id,
                speaker_id=speaker_id,
                role="official",
                started_at=now,
                limit_seconds=self.meeting.slot_seconds,
            )
            change.added_slot(slot_id)
            entry_id = self._add_entry("speech", "", speaker_id, now)
            change.added_entry(entry_id)
            for petition_id in petitions:
                self._tie_answer(change, petition_id, speaker_id, name, position, decide)
            chosen = {"outcome": outcome} if outcome else {}
            self.store.log(
                self.meeting_id,
                "answer.started",
                change.payload(speaker=speaker_id, name=name, petitions=list(petitions), **chosen),
                undoable=True,
            )
        return speaker_id

    def _tie_answer(
        self,
        change: Change,
        petition_id: int,
        speaker_id: int,
        name: str,
        position: str,
        decide: Callable[[int], object] | None,
    ) -> None:
        """Tie a petition to the official's answering turn (who answered it), then let
        ``decide`` set its outcome; ``change`` keeps what ctrl+z needs to take both back."""
        change.petition(petition_id)
        had = self.store.petition(petition_id).assignment
        if had is not None:
            change.assignment(had.id)
        self.store.update_petition(
            petition_id,
            answered_in=speaker_id,
            answered_by_name=name,
            answered_by_position=position or None,
        )
        if decide is not None:
            decide(petition_id)
            made = self.store.petition(petition_id).assignment
            if made is not None and had is None:
                change.added_assignment(made.id)

    def _end_current(self, change: Change, now: str) -> None:
        current = self.store.current_slot(self.meeting_id)
        if current is not None:
            change.slot(current.id)
            ended = current.slot.end(parse(now))
            self.store.update_slot(
                current.id, ended_at=now, paused_at=None, paused_total=ended.paused_total
            )
        speaking = self.store.speaking(self.meeting_id)
        if speaking is not None:
            change.speaker(speaking.id)
            self.store.update_speaker(speaking.id, state="done")

    @_atomic
    def end_speech(self) -> bool:
        if self.store.current_slot(self.meeting_id) is None and not self.store.speaking(
            self.meeting_id
        ):
            return False
        change = Change(self.store)
        with self.store.write():
            self._end_current(change, self.store.now())
            self.store.log(self.meeting_id, "slot.ended", change.payload(), undoable=True)
        return True

    @_atomic
    def toggle_timer(self) -> SlotState | None:
        self._refuse_if_over()
        current = self.store.current_slot(self.meeting_id)
        if current is None:
            return None
        now = self.now()
        slot = current.slot
        changed = slot.pause(now) if slot.state is SlotState.RUNNING else slot.resume(now)
        change = Change(self.store)
        with self.store.write():
            change.slot(current.id)
            self.store.update_slot(
                current.id,
                paused_at=stamp(changed.paused_at) if changed.paused_at else None,
                paused_total=changed.paused_total,
            )
            kind = "slot.paused" if changed.state is SlotState.PAUSED else "slot.resumed"
            self.store.log(self.meeting_id, kind, change.payload(), undoable=True)
        return changed.state

    @_atomic
    def extend(self, seconds: int = 60) -> bool:
        self._refuse_if_over()
        current = self.store.current_slot(self.meeting_id)
        if current is None:
            return False
        change = Change(self.store)
        with self.store.write():
            change.slot(current.id)
            self.store.update_slot(current.id, limit_seconds=current.slot.limit_seconds + seconds)
            self.store.log(
                self.meeting_id, "slot.extended", change.payload(seconds=seconds), undoable=True
            )
        return True

    def undo(self) -> str | None:
        """Take back the last queue or timer action of THIS window (its store's session):
        restore the rows it changed and remove the rows it added. The undo is a new event
        that keeps every removed row: nothing is lost. An action whose rows another window
        has changed since is not taken back (that would undo the other window's work too)."""
        self.moved = None
        with self.store.write():  # the check and the undo see the same state
            self.check_unsealed()
            self._refuse_if_over()
            event = self.store.last_undoable_event(self.meeting_id, self.store.session)
            if event is None:
                return None
            self._check_undoable(event)
            self._undo(event)
        return event.kind

    def _check_undoable(self, event: Event) -> None:
        touched = rows_of(event.payload)
        later = self.store.events_after(self.meeting_id, event.id)
        undone = {e.undoes for e in later if e.undoes is not None}
        for other in later:
            if other.session == self.store.session or other.id in undone:
                continue
            if touched & rows_of(other.payload):
                raise RuleError("live.undo_changed")

    def _undo(self, event: Event) -> None:
        typed = self._typed_under(event)
        removed = undo_rows(self.store, event.payload)
        moved = self._move_typed(typed) if typed else {}
        self.store.log(
            self.meeting_id,
            "undo",
            {"kind": event.kind, "removed": removed, **moved},
            undoes=event.id,
        )

    def _typed_under(self, event: Event) -> list[MinutesEntry]:
        """The entries holding words typed while a call or an answer turn had the floor."""
        added = added_entries(event.payload)
        speaker = event.payload.get("speaker")
        if event.kind not in TURN_EVENTS or not added or not isinstance(speaker, int):
            return []
        return [e for e in self.store.entries_since(speaker, min(added)) if e.text.strip()]

    def _move_typed(self, typed: list[MinutesEntry]) -> dict[str, Any]:
        """After an undone call or answer turn, the words typed under it go back to what had
        the floor before: appended to the entry of the speech that resumes (a space between),
        or, when no speech resumes, kept where they are as a note with no speaker. Either way
        the biên bản never prints them under the person called by mistake, and nothing typed
        is lost (the undo event keeps each moved entry's text)."""
        resumed = self.store.speaking(self.meeting_id)
        speaker_id = resumed.id if resumed is not None else None
        # Into the speech's own entry: a note typed during that turn carries the speaker's id
        # too, and took the moved words when it was the turn's last entry.
        target_id = self.store.speech_entry_of(speaker_id) if speaker_id is not None else None
        record = [{"id": e.id, "text": e.text} for e in typed]
        if target_id is None:
            for entry in typed:
                self.store.update_entry(entry.id, speaker_id=speaker_id, kind="note")
            self.moved = MovedWords(resumed, typed[-1].id)
            return {"moved": record, "into": None}
        target = self.store.minutes_entry(target_id)
        words = " ".join(t for t in [target.text.rstrip(), *(e.text.strip() for e in typed)] if t)
        pieces = split_long(words)
        now = self.store.now()
        self.store.update_entry(target_id, text=pieces[0], updated_at=now)
        for entry in typed:
            self.store.delete_entry(entry.id)
        last = target_id
        for piece in pieces[1:]:  # over 20,000 characters: continued after it, as typing does
            last = self._add_entry("note", piece, speaker_id, now, target.phase_position)
        self.moved = MovedWords(resumed, last)
        return {"moved": record, "into": target_id}

    @_atomic
    def set_registration_open(self, is_open: bool) -> None:
        with self.store.write():
            self.store.update_meeting(self.meeting_id, registration_open=int(is_open))
            self.store.log(
                self.meeting_id, "registration.opened" if is_open else "registration.closed"
            )

    # ----- phases ---------------------------------------------------------------------------
    def next_phase(self, to: int | None = None) -> str | None:
        """F8: start the meeting (a draft) or move to the next phase; stamped in the minutes.
        ``to``: a later phase to go to at once (F3 during the opening). The phases between are
        recorded in order at the same moment, each with its stamp in the minutes: the agenda
        is "one phase after another, each phase change time-stamped" (SPEC §2), and a phase
        passed over had left the biên bản's heading "2. Thông báo nội dung" without a time."""
        now = self.store.now()
        with self.store.write():  # read inside: another window may move the phase too
            self._refuse_if_over()
            meeting = self.meeting
            phases = self.store.phases(self.meeting_id)
            target = meeting.phase_index + 1 if to is None else to
            if target >= len(phases) or target <= meeting.phase_index:
                return None
            if meeting.status == "draft" and not meeting.chair_name.strip():
                raise RuleError("live.no_chair", "chair_name")
            kept: list[int] = []
            if meeting.status == "draft":
                self.store.update_meeting(
                    self.meeting_id, status="live", started_at=now, last_seen_at=now
                )
                # Typed before the opening: kept, and the opening's (they were printed above
                # "1. Khai mạc", under no heading and with no speaker).
                for entry in self.store.minutes(self.meeting_id):
                    if entry.phase_position < 0:
                        self.store.update_entry(entry.id, phase_position=0)
                        kept.append(entry.id)
            for position in range(max(meeting.phase_index + 1, 0), target + 1):
                if position > 0:
                    self.store.update_phase(self.meeting_id, position - 1, ended_at=now)
                self.store.update_phase(self.meeting_id, position, started_at=now)
                self.store.update_meeting(self.meeting_id, phase_index=position)
                phase = phases[position]
                self._add_entry("phase", f"{position + 1}. {phase.name}", None, now, position)
                opened = {"typed_before": kept} if kept and position == 0 else {}
                self.store.log(
                    self.meeting_id,
                    "phase.started",
                    {"position": position, "name": phase.name, **opened},
                )
        self.backup(f"phase{target + 1}")
        return phases[target].name

    # ----- minutes --------------------------------------------------------------------------
    def _add_entry(
        self, kind: str, text: str, speaker_id: int | None, at: str, phase: int | None = None
    ) -> int:
        return self.store.add_entry(
            self.meeting_id,
            phase_position=self.meeting.phase_index if phase is None else phase,
            speaker_id=speaker_id,
            kind=kind,
            text=text,
            created_at=at,
            updated_at=at,
        )

    @_atomic
    def new_entry(self, text: str = "") -> int:
        """A new minutes entry; returns the entry the editor goes on with (the last one, when
        a text over 20,000 characters was split into several)."""
        self.check_unsealed()
        speaking = self.store.speaking(self.meeting_id)
        pieces = split_long(_field(text, "text", multiline=True, limit=sys.maxsize))
        now = self.store.now()
        entry_id = 0
        for piece in pieces:
            entry_id = self._add_entry("note", piece, speaking.id if speaking else None, now)
        return entry_id

    @_atomic
    def save_entry(self, entry_id: int, text: str) -> int:
        """Save the editor's text; returns the entry the editor goes on with.

        Nothing typed is ever dropped: a text over 20,000 characters keeps its first part
        in this entry and continues in new entries after it (same speaker and phase); an
        entry another window removed is written again as a new one."""
        pieces = split_long(_field(text, "text", multiline=True, limit=sys.maxsize))
        row = self.store.entry_or_none(entry_id)
        now = self.store.now()
        unchanged = (row.text == pieces[0] and len(pieces) == 1) if row else not pieces[0]
        if not unchanged:  # a sealed record: leaving its editor is not an edit
            self.check_unsealed()
        if row is None:
            speaking = self.store.speaking(self.meeting_id)
            speaker_id = speaking.id if speaking else None
            phase = None
            if not pieces[0]:
                return entry_id
            entry_id = self._add_entry("note", pieces[0], speaker_id, now)
        else:
            speaker_id, phase = row.speaker_id, row.phase_position
            if row.text != pieces[0]:
                with self.store.write():
                    self.store.update_entry(entry_id, text=pieces[0], updated_at=now)
                    if self.meeting.concluded:  # a correction after the meeting (read-back)
                        self.store.log(
                            self.meeting_id,
                            "minutes.corrected",
                            {"entry": entry_id, "before": row.text, "after": pieces[0]},
                        )
        for piece in pieces[1:]:
            entry_id = self._add_entry("note", piece, speaker_id, now, phase)
        return entry_id

    def heartbeat(self) -> None:
        self.store.update_meeting(self.meeting_id, last_seen_at=self.store.now())

    def note_outage(self) -> str | None:
        """On (re)opening a live meeting: a gap of more than 30 s is noted in the minutes."""
        meeting = self.meeting
        if meeting.status != "live":
            return None
        last = self.store.last_activity(self.meeting_id)
        if last is None:
            return None
        gap_start = local(parse(last))
        now = local(self.now())
        if (now - gap_start).total_seconds() <= OUTAGE_SECONDS:
            return None
        text = f"(gián đoạn ghi biên bản {gap_start:%H:%M}–{now:%H:%M})"
        with self.store.write():
            self._add_entry("outage", text, None, self.store.now())
            self.store.log(self.meeting_id, "outage", {"from": stamp(gap_start), "to": stamp(now)})
            self.heartbeat()
        return text

    # ----- petitions ------------------------------------------------------------------------
    @_atomic
    def edit_petition(
        self, petition_id: int, content: str, field: str, source: str, kind: str | None = None
    ) -> None:
        """Correct a pre-collected opinion (content, field, channel, kind); ctrl+z takes it back."""
        self.check_unsealed()
        values: PetitionValues = {
            "content": _field(content, "content", required=True, multiline=True, limit=MAX_LONG),
            "area": _field(field, "field"),
            "source": _field(source, "source", required=True),
        }
        if kind is not None:
            _check_kind(kind)
            had = self.store.petition_or_none(petition_id)
            if had is not None and had.outcome is not None and not is_ordinary(kind):
                raise RuleError(law_refusal(kind), "kind")
            values["kind"] = kind
        change = Change(self.store)
        with self.store.write():
            if not change.petition(petition_id):
                raise RuleError("live.petition_removed_unsaved")
            self.store.update_petition(petition_id, **values)
            self.store.log(
                self.meeting_id,
                "petition.edited",
                change.payload(petition=petition_id),
                undoable=True,
            )

    @_atomic
    def delete_petition(self, petition_id: int) -> None:
        """Remove a petition (a pre-collected opinion entered twice or by mistake). The ones
        after it move up a number; ctrl+z puts it back with its number and assignment."""
        self.check_unsealed()
        change = Change(self.store)
        with self.store.write():
            petition = self.store.petition_or_none(petition_id)
            if petition is None:
                raise RuleError("live.petition_removed")
            change.removed_petition(petition_id)
            if petition.assignment is not None:
                change.removed_assignment(petition.assignment.id)
            for later in self.store.petitions(self.meeting_id):
                if later.seq > petition.seq:
                    change.petition(later.id)
                    self.store.update_petition(later.id, seq=later.seq - 1)
            self.store.delete_petition(petition_id)  # its assignment goes with it
            self.store.log(
                self.meeting_id,
                "petition.deleted",
                change.payload(petition=petition_id, content=petition.content[:200]),
                undoable=True,
            )

    @_atomic
    def record_petition(
        self,
        content: str,
        field: str = "",
        *,
        speaker_id: int | None = None,
        source: str = "meeting",
        kind: str = "petition",
    ) -> int:
        self.check_unsealed()
        self._refuse_if_over()
        content = _field(content, "content", required=True, multiline=True, limit=MAX_LONG)
        field = _field(field, "field")
        _check_kind(kind)
        with self.store.write():
            petition_id = self.store.add_petition(
                self.meeting_id,
                seq=self.store.next_petition_seq(self.meeting_id),
                content=content,
                area=field,
                source=_field(source, "source") or "meeting",
                speaker_id=speaker_id,
                kind=kind,
                created_at=self.store.now(),
            )
            self.store.log(self.meeting_id, "petition.recorded", {"petition": petition_id})
        return petition_id

    @_atomic
    def tie_answer(self, petition_id: int, turn_id: int) -> None:
        """Tie a petition to the official's answer turn that answers it (and its speaker)."""
        self.check_unsealed()
        turn = self.store.speaker(turn_id)
        with self.store.write():
            self.store.update_petition(
                petition_id,
                answered_in=turn_id,
                answered_by_name=turn.name,
                answered_by_position=turn.hamlet or None,
            )
            self.store.log(
                self.meeting_id, "petition.tied", {"petition": petition_id, "turn": turn_id}
            )

    @_atomic
    def answer_petition(
        self,
        petition_id: int,
        *,
        answer: str | None = None,
        answered_by_name: str | None = None,
        answered_by_position: str | None = None,
        outcome: str | None = None,
        forwarded_to: str | None = None,
        content: str | None = None,
        field: str | None = None,
        kind: str | None = None,
        forward_task: str | None = None,
    ) -> None:
        """Record the answer and outcome; ``kind`` None keeps the item's kind, ``forward_task``
        None a forwarded petition's task. A complaint or a denunciation takes no outcome (it is
        handled under its own law)."""
        self.check_unsealed()
        if outcome is not None and outcome not in OUTCOMES:
            raise RuleError("live.bad_outcome", "outcome", outcome=outcome)
        values: PetitionValues = {"outcome": outcome}
        if kind is not None:
            _check_kind(kind)
            values["kind"] = kind
        else:
            kind = self.store.petition(petition_id).kind
        if outcome is not None and not is_ordinary(kind):
            raise RuleError(law_refusal(kind), "outcome")
        if content is not None:
            values["content"] = _field(
                content, "content", required=True, multiline=True, limit=MAX_LONG
            )
        if field is not None:
            values["area"] = _field(field, "field")
        values["answer"] = _field(answer, "answer", multiline=True, limit=MAX_LONG) or None
        values["answered_by_name"] = _field(answered_by_name, "answered_by_name") or None
        values["answered_by_position"] = (
            _field(answered_by_position, "answered_by_position") or None
        )
        if outcome == "forwarded":
            values["forwarded_to"] = _field(forwarded_to, "forwarded_to", required=True)
            if forward_task is not None:
                values["forward_task"] = _field(forward_task, "task", multiline=True, limit=2000)
        else:
            values["forwarded_to"] = None
            values["forward_task"] = ""
        with self.store.write():
            self.store.update_petition(petition_id, **values)
            self.store.log(
                self.meeting_id,
                "petition.answered",
                {"petition": petition_id, "outcome": outcome},
            )
