"""What the hall's read-only windows show, read in one read transaction.

The chair view and the registration desk redraw from a :class:`HallState`: the meeting they
follow, its phases, speakers, finished slots and the current slot, as one state of the database
(never one speaker speaking with another's slot, even while the secretary writes). With no
meeting live they follow the one concluded today: the hall is told it is over, not that there
is no meeting.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from db.store import Store
from facilitator.rules.clock import local
from facilitator.rules.models import Meeting, PhaseRecord, SlotRecord, Speaker


@dataclass(frozen=True)
class HallState:
    meeting_id: int | None
    meeting: Meeting | None
    now: dt.datetime
    phases: tuple[PhaseRecord, ...] = ()
    speakers: tuple[Speaker, ...] = ()
    finished: tuple[SlotRecord, ...] = ()  # slots that have ended, in order
    slot: SlotRecord | None = None  # the current slot
    readback_page: int | None = None  # the biên bản page the secretary shows, if any


def read_hall(
    store: Store, fixed: int | None, *, or_draft: bool = False, readback: bool = False
) -> HallState:
    """The followed meeting (``fixed``, else the live one; a draft too with ``or_draft``; with
    ``readback`` a concluded meeting whose biên bản is being read back; else the meeting
    concluded today) and its state."""
    with store.snapshot():
        meeting_id = store.followed_meeting_id(fixed, or_draft=or_draft)
        if meeting_id is None and readback:
            meeting_id = store.readback_meeting_id()
        if meeting_id is None:
            meeting_id = ended_today(store)
        if meeting_id is None:
            return HallState(None, None, store.clock())
        return HallState(
            meeting_id=meeting_id,
            meeting=store.meeting(meeting_id),
            phases=tuple(store.phases(meeting_id)),
            speakers=tuple(store.speakers(meeting_id)),
            finished=tuple(r for r in store.slots(meeting_id) if r.slot.ended_at),
            slot=store.current_slot(meeting_id),
            readback_page=store.readback_page(meeting_id) if readback else None,
            now=store.clock(),
        )


def ended_today(store: Store) -> int | None:
    """The meeting concluded last, if that was today (a meeting of another day is not shown)."""
    meeting_id = store.last_ended_meeting_id()
    if meeting_id is None:
        return None
    ended = store.meeting(meeting_id).ended_at
    today = local(store.clock()).date()
    return meeting_id if ended is not None and local(ended).date() == today else None
