"""A process driving the domain API (facilitator.services.live.Console) as a window would.

Run as ``python driver.py DB MEETING ROLE SEED SECONDS``. Roles: ``secretary`` (queue, timer,
minutes, petitions, phases, undo), ``desk`` (register, edit, reorder, absent, undo), ``mixed``
(both, for the kill test) and ``reader`` (the chair: one snapshot per refresh, checking that
the speaker shown and the running slot belong together).

Protocol on stdout, one line each, flushed: ``I {...}`` before an action that writes minutes
text (the intent), ``A {...}`` once an action has returned (acknowledged: committed), and at
the end ``S {...}`` (a summary). The parent may kill the process at any moment; whatever was
acknowledged must be in the file afterwards.
"""

from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from db.store import Store, StoreError, open_store  # noqa: E402
from facilitator.services.live import Console, RuleError  # noqa: E402

WORDS = "bà con thôn Đông Phong kiến nghị sửa đường nước sạch đất đai chính sách".split()


def say(tag: str, data: dict) -> None:
    sys.stdout.write(f"{tag} {json.dumps(data, ensure_ascii=False)}\n")
    sys.stdout.flush()


def last_own_event(store: Store) -> int:
    row = store.conn.execute(
        "SELECT COALESCE(MAX(id), 0) FROM events WHERE session = ?", [store.session]
    ).fetchone()
    return int(row[0])


def phrase(rng: random.Random, n: int = 4) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


class Writer:
    def __init__(self, store: Store, meeting_id: int, rng: random.Random):
        self.store = store
        self.console = Console(store, meeting_id, backup=lambda reason: None)
        self.rng = rng
        self.entry: int | None = None
        self.text = ""
        self.counts = {"acks": 0, "refused": 0, "locked": 0, "errors": 0}

    def speaker_of(self, states: tuple[str, ...]) -> int | None:
        rows = [s.id for s in self.store.speakers(self.console.meeting_id) if s.state in states]
        return self.rng.choice(rows) if rows else None

    # The actions; each returns quickly once committed.
    def register(self) -> None:
        self.console.register(phrase(self.rng, 3).title(), self.rng.choice(["", "Đông Phong"]))

    def edit(self) -> None:
        sid = self.speaker_of(("waiting",))
        if sid is not None:
            self.console.edit_speaker(sid, gist=phrase(self.rng, 6))

    def move(self) -> None:
        sid = self.speaker_of(("waiting",))
        if sid is not None:
            self.console.move(sid, self.rng.choice([-1, 1]))

    def absent(self) -> None:
        sid = self.speaker_of(("waiting",))
        if sid is not None:
            self.console.set_absent(sid, self.rng.choice(["absent", "withdrawn"]), "về sớm")

    def undo(self) -> None:
        """As the live screen: after an undone call or answer turn, the words typed under it
        are in the entry of the speech that resumes, and typing goes on there."""
        self.console.undo()
        moved = self.console.moved
        if moved is not None:
            self.entry = moved.entry_id
            self.text = self.store.minutes_entry(moved.entry_id).text
        elif self.entry is not None and self.store.entry_or_none(self.entry) is None:
            self.entry, self.text = None, ""

    def call(self) -> None:
        self.console.call_next()
        self.entry = None

    def timer(self) -> None:
        self.console.toggle_timer()

    def extend(self) -> None:
        self.console.extend()

    def end(self) -> None:
        self.console.end_speech()

    def petition(self) -> None:
        self.console.record_petition(phrase(self.rng, 8), "Đất đai")

    def phase(self) -> None:
        self.console.next_phase()

    def type_minutes(self) -> None:
        """What the editor's autosave does: a new entry, then the same entry saved longer."""
        self.text = (self.text + " " + phrase(self.rng, 5)).strip()[-3000:]
        if self.entry is None or self.rng.random() < 0.1:
            say("I", {"op": "new", "text": self.text})
            self.entry = self.console.new_entry(self.text)
            say("A", {"op": "minutes", "entry": self.entry, "text": self.text})
        else:
            say("I", {"op": "save", "entry": self.entry, "text": self.text})
            self.entry = self.console.save_entry(self.entry, self.text)
            say("A", {"op": "minutes", "entry": self.entry, "text": self.text})

    def act(self, name: str) -> None:
        before = last_own_event(self.store)
        try:
            getattr(self, name)()
        except RuleError:
            self.counts["refused"] += 1
            return
        except StoreError as exc:
            key = "locked" if "bận" in str(exc) else "errors"
            self.counts[key] += 1
            say("E", {"op": name, "error": str(exc)})
            return
        after = last_own_event(self.store)
        self.counts["acks"] += 1
        if after > before:
            kind = self.store.conn.execute(
                "SELECT kind FROM events WHERE id = ?", [after]
            ).fetchone()[0]
            say("A", {"op": name, "event": after, "kind": kind})


ROLES = {
    "desk": {"register": 5, "edit": 2, "move": 2, "absent": 1, "undo": 2},
    "secretary": {
        "call": 3,
        "timer": 2,
        "extend": 1,
        "end": 1,
        "type_minutes": 6,
        "petition": 1,
        "undo": 2,
        "absent": 1,
        "phase": 0.05,
    },
}
ROLES["mixed"] = {**ROLES["desk"], **ROLES["secretary"], "register": 4}


def write_loop(store: Store, meeting_id: int, role: str, rng: random.Random, seconds: float):
    writer = Writer(store, meeting_id, rng)
    writer.console.note_outage()  # what the live screen does when it (re)opens
    names = list(ROLES[role])
    weights = list(ROLES[role].values())
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        writer.act(rng.choices(names, weights)[0])
        if role != "mixed":
            time.sleep(rng.uniform(0, 0.02))  # a person types between actions
    say("S", writer.counts)


def read_loop(store: Store, meeting_id: int, seconds: float) -> None:
    counts = {"reads": 0, "mismatched": 0, "locked": 0, "errors": 0}
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            with store.snapshot():
                speakers = store.speakers(meeting_id)
                slot = store.current_slot(meeting_id)
        except Exception as exc:  # noqa: BLE001 - counted and reported
            counts["locked" if "locked" in str(exc) else "errors"] += 1
            say("E", {"op": "read", "error": str(exc)})
            continue
        counts["reads"] += 1
        speaking = [s.id for s in speakers if s.state == "speaking"]
        shown = speaking[0] if speaking else None
        if len(speaking) > 1 or (slot.speaker_id if slot else None) != shown:
            counts["mismatched"] += 1
            say("E", {"op": "mismatch", "speaking": speaking, "slot": slot and slot.speaker_id})
        time.sleep(0.01)
    say("S", counts)


def main() -> None:
    db, meeting, role, seed, seconds = sys.argv[1:6]
    rng = random.Random(int(seed))
    store = open_store(Path(db), readonly=role == "reader")
    if role == "desk":
        store.actor = "desk"
    say("R", {"session": store.session})
    if role == "reader":
        read_loop(store, int(meeting), float(seconds))
    else:
        write_loop(store, int(meeting), role, rng, float(seconds))


if __name__ == "__main__":
    main()
