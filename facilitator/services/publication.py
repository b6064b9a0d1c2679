"""After the meeting: the publication record (công khai kết quả) and the petitioners'
satisfaction (mức độ hài lòng, plan V.1).

The results are published within 10 days: posted at the commune office, sent to each thôn's
head (one tick per thôn of the commune profile), broadcast on the radio, each with its date.
The checklist's "Công khai kết quả" is done only when all are ticked, on the last date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from db.store import Store
from facilitator.rules.clock import local, parse
from facilitator.rules.errors import RuleError
from facilitator.rules.models import Meeting, Petition
from facilitator.rules.satisfaction import (  # noqa: F401 (re-exported)
    SATISFACTION,
    SATISFACTION_WORDS,
    is_answered,
)

CHANNELS = ("office", "hamlet", "radio")
PUBLISH_KEY = "publication"  # the checklist rule it completes


@dataclass
class PublicationItem:
    channel: str  # office, hamlet, radio
    hamlet: str  # the thôn for "hamlet", else ""
    done_on: dt.date | None

    @property
    def key(self) -> str:
        """The form field's key: "office", "radio", "hamlet:<n>" is built by the caller."""
        return self.channel if self.channel != "hamlet" else f"hamlet:{self.hamlet}"

    def label(self, profile_radio: str) -> str:
        """In Vietnamese, as documents and both UIs' record print it (a document's words)."""
        if self.channel == "office":
            return "Niêm yết tại trụ sở Ủy ban nhân dân xã"
        if self.channel == "radio":
            return f"Thông báo trên {profile_radio}"
        return f"Gửi Trưởng thôn {self.hamlet}"


def hamlets_of(store: Store, meeting: Meeting) -> list[str]:
    """The thôn of the commune profile the meeting was held under; none listed: the meeting's."""
    hamlets = store.meeting_profile(meeting.id).hamlets
    return list(hamlets) if hamlets else [meeting.village]


def publication(store: Store, meeting_id: int) -> list[PublicationItem]:
    """Office, each thôn, radio: what is ticked, with its date. A thôn recorded earlier but no
    longer in the profile is kept (it was sent)."""
    meeting = store.meeting(meeting_id)
    done = store.publications(meeting_id)
    hamlets = hamlets_of(store, meeting)
    hamlets += [h for (c, h) in done if c == "hamlet" and h not in hamlets]
    items = [PublicationItem("office", "", done.get(("office", "")))]
    items += [PublicationItem("hamlet", h, done.get(("hamlet", h))) for h in hamlets]
    items.append(PublicationItem("radio", "", done.get(("radio", ""))))
    return items


def record_publication(
    store: Store, meeting_id: int, channel: str, hamlet: str, day: dt.date | None
) -> None:
    """Tick (a date) or untick (None) one channel; the checklist follows."""
    record_publications(store, meeting_id, [(channel, hamlet, day)])


def check_publication(
    store: Store, meeting_id: int, channel: str, hamlet: str, day: dt.date | None
) -> None:
    """The RuleError a tick of ``channel`` on ``day`` would raise, before anything is written."""
    meeting = store.meeting(meeting_id)
    if channel not in CHANNELS:
        raise RuleError("publication.bad_channel", "channel", channel=channel)
    if channel == "hamlet" and hamlet not in [i.hamlet for i in publication(store, meeting_id)]:
        raise RuleError("publication.no_hamlet", "hamlet", hamlet=hamlet)
    if day is not None and day < meeting.date:
        raise RuleError("publication.before_meeting", "done_on")
    today = local(parse(store.now())).date()
    if day is not None and day > today:  # the record says what was done, never a plan
        raise RuleError(
            "publication.after_today", "done_on", day=f"{day:%d/%m/%Y}", today=f"{today:%d/%m/%Y}"
        )


def record_publications(
    store: Store, meeting_id: int, changes: list[tuple[str, str, dt.date | None]]
) -> None:
    """Several channels at once (the form, the command): all are checked first, then written
    in one transaction, so that a refused date saves nothing of the others either."""
    for channel, hamlet, day in changes:
        check_publication(store, meeting_id, channel, hamlet, day)
    with store.write():
        for channel, hamlet, day in changes:
            store.set_publication(meeting_id, channel, hamlet if channel == "hamlet" else "", day)
        _sync_checklist(store, meeting_id)


def _sync_checklist(store: Store, meeting_id: int) -> None:
    items = publication(store, meeting_id)
    days = [i.done_on for i in items]
    last = max(d for d in days if d) if all(days) else None
    store.set_checklist_done(meeting_id, PUBLISH_KEY, last)


def is_published(store: Store, meeting_id: int) -> bool:
    return all(i.done_on for i in publication(store, meeting_id))


# ----- satisfaction -------------------------------------------------------------------------


def answered_petitions(store: Store) -> list[tuple[Meeting, Petition]]:
    """Answered petitions of every concluded meeting, newest meeting first."""
    out = []
    for meeting in sorted(store.meetings(), key=lambda m: (m.date, m.id), reverse=True):
        if meeting.concluded:
            out += [(meeting, p) for p in store.petitions(meeting.id) if is_answered(p)]
    return out


def next_satisfaction(value: str | None) -> str | None:
    """Not asked → hài lòng → chưa hài lòng → không ý kiến → not asked (one key)."""
    cycle: list[str | None] = [None, *SATISFACTION]
    return cycle[(cycle.index(value if value in SATISFACTION else None) + 1) % len(cycle)]


def set_satisfaction(store: Store, petition_id: int, value: str | None) -> None:
    """The petitioner's answer; only for an answered petition (plan V.1). Not part of the sealed
    minutes: it is asked after the meeting."""
    if value is not None and value not in SATISFACTION:
        raise RuleError("publication.bad_satisfaction", "satisfaction", value=value)
    petition = store.petition(petition_id)
    if value is not None and not is_answered(petition):
        raise RuleError("publication.ask_after_answer", "satisfaction")
    with store.write():
        store.set_satisfaction(petition_id, value)
        store.log(
            petition.meeting_id,
            "petition.satisfaction",
            {"petition": petition_id, "satisfaction": value},
        )
