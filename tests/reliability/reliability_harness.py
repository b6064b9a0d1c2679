"""Shared by the reliability tests: start drivers, kill them, check what they acknowledged."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from db.store import open_store
from facilitator.services.demo import demo_meeting
from facilitator.services.live import Console
from facilitator.services.meetingfile import import_meeting

DRIVER = Path(__file__).with_name("driver.py")


def report(name: str, figures: dict) -> None:
    """Figures of a run: printed (pytest -s) and appended to $RELIABILITY_REPORT if set."""
    line = json.dumps({"test": name, **figures}, ensure_ascii=False)
    print(line)
    target = os.environ.get("RELIABILITY_REPORT")
    if target:
        with open(target, "a", encoding="utf-8") as out:
            out.write(line + "\n")


def live_meeting(path: Path) -> int:
    store = open_store(path)
    meeting_id = import_meeting(store, demo_meeting())
    console = Console(store, meeting_id, backup=lambda reason: None)
    for _ in range(3):
        console.next_phase()  # phase 3: citizens speak
    store.close()
    return meeting_id


def start(path: Path, meeting_id: int, role: str, seed: int, seconds: float) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(DRIVER), str(path), str(meeting_id), role, str(seed), str(seconds)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )


def hard_kill(proc: subprocess.Popen) -> None:
    """SIGKILL on POSIX (no handler, no flush, no atexit); TerminateProcess elsewhere."""
    if hasattr(signal, "SIGKILL"):
        os.kill(proc.pid, signal.SIGKILL)
    else:
        proc.kill()
    proc.wait()


@dataclass
class Lines:
    acks: list[dict] = field(default_factory=list)
    intents: list[dict] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)
    summary: dict | None = None
    session: str = ""


def parse(output: str) -> Lines:
    lines = Lines()
    for raw in output.splitlines():
        tag, _, rest = raw.partition(" ")
        try:
            data = json.loads(rest)
        except ValueError:
            continue  # the last line may be cut by the kill
        if tag == "A":
            lines.acks.append(data)
        elif tag == "I":
            lines.intents.append(data)
        elif tag == "E":
            lines.errors.append(data)
        elif tag == "S":
            lines.summary = data
        elif tag == "R":
            lines.session = data["session"]
    return lines


def lost(path: Path, runs: list[Lines]) -> list[str]:
    """Acknowledged actions missing from the file: each acknowledged event is there with its
    kind; each acknowledged minutes text is the entry's text, or a later one of that entry
    that was committed before the process died (its intent was written).

    An acknowledged undo of a call or an answer turn moves the words typed under it into the
    entry of the speech that resumes (the undo event names the entries and keeps their text,
    ``moved``, and the entry that took them, ``into``): that entry's text is then its earlier
    text followed by theirs, and the moved entries are gone."""
    store = open_store(path, readonly=True)
    try:
        kinds = {r[0]: r[1] for r in store.conn.execute("SELECT id, kind FROM events").fetchall()}
        texts = {r[0]: r[1] for r in store.conn.execute("SELECT id, text FROM minutes")}
        undos = {
            r[0]: json.loads(r[1])
            for r in store.conn.execute("SELECT id, payload FROM events WHERE kind = 'undo'")
        }
    finally:
        store.close()
    missing: list[str] = []
    last_text: dict[int, set[str]] = {}
    for run in runs:
        for ack in run.acks:
            if "event" in ack and kinds.get(ack["event"]) != ack["kind"]:
                missing.append(f"event {ack['event']} {ack['kind']}")
            if ack.get("op") == "minutes":
                last_text[ack["entry"]] = {ack["text"]}
            elif ack.get("op") == "undo" and ack.get("event") in undos:
                _follow_moves(undos[ack["event"]], last_text, missing)
        for intent in run.intents[-1:]:  # the one action that may have been cut
            if intent.get("entry") in last_text:
                last_text[intent["entry"]].add(intent["text"])
    for entry, allowed in last_text.items():
        if texts.get(entry) not in allowed:
            missing.append(f"minutes {entry}")
    return missing


def _follow_moves(undo: dict, last_text: dict[int, set[str]], missing: list[str]) -> None:
    """What an undo that moved typed words did to the entries' texts (lost, above)."""
    moved = undo.get("moved") or []
    into = undo.get("into")
    for item in moved:
        entry = int(item["id"])
        if entry in last_text and item["text"] not in last_text[entry]:
            missing.append(f"minutes {entry} (moved with other words)")
        if into is not None:
            last_text.pop(entry, None)  # gone: its words are in ``into`` now
    if into is not None and moved:
        words = [item["text"].strip() for item in moved]
        last_text[into] = {
            " ".join(t for t in [before.rstrip(), *words] if t)
            for before in last_text.get(into, {""})
        }


def kill_run(path: Path, kills: int, seed: int, max_alive: float = 0.6) -> dict:
    """Start a mixed driver, let it acknowledge some actions, SIGKILL it at a random moment;
    ``kills`` times on the same file. Returns the figures."""
    import random

    rng = random.Random(seed)
    progress_every = int(os.environ.get("SOAK_PROGRESS_EVERY", "0"))
    meeting_id = live_meeting(path)
    runs: list[Lines] = []
    started = time.monotonic()
    for i in range(kills):
        proc = start(path, meeting_id, "mixed", seed * 100_000 + i, 3600)
        assert proc.stdout is not None
        # Wait for the first acknowledgement, then kill somewhere in the next moments.
        first = proc.stdout.readline()
        head = first
        while first and not first.startswith("A "):
            first = proc.stdout.readline()
            head += first
        time.sleep(rng.uniform(0, max_alive))
        hard_kill(proc)
        rest = proc.stdout.read()
        proc.stderr.read() if proc.stderr else None
        runs.append(parse(head + rest))
        if progress_every and (i + 1) % progress_every == 0:  # a long run reports as it goes
            so_far = lost(path, runs)
            report(
                "kills-progress",
                {"kills": i + 1, "acknowledged": sum(len(r.acks) for r in runs)}
                | {"lost": len(so_far), "seconds": round(time.monotonic() - started, 1)},
            )
    missing = lost(path, runs)
    store = open_store(path)
    problems = store.integrity_problems()
    store.close()
    return {
        "kills": kills,
        "acknowledged": sum(len(r.acks) for r in runs),
        "lost": len(missing),
        "lost_examples": missing[:5],
        "integrity_problems": problems,
        "seconds": round(time.monotonic() - started, 1),
    }


def writers_run(path: Path, seconds: float, seed: int) -> dict:
    """The desk and the secretary writing, the chair reading, for ``seconds``."""
    meeting_id = live_meeting(path)
    procs = {
        "desk": start(path, meeting_id, "desk", seed, seconds),
        "secretary": start(path, meeting_id, "secretary", seed + 1, seconds),
        "reader": start(path, meeting_id, "reader", seed + 2, seconds),
    }
    out = {}
    for role, proc in procs.items():
        stdout, stderr = proc.communicate(timeout=seconds + 120)
        out[role] = parse(stdout)
        out[role].errors.extend({"stderr": line} for line in stderr.splitlines()[-3:] if line)
    missing = lost(path, [out["desk"], out["secretary"]])
    store = open_store(path, readonly=True)
    sessions = {r[0]: r[1] for r in store.conn.execute("SELECT id, session FROM events").fetchall()}
    undone = store.conn.execute(
        "SELECT id, session, undoes FROM events WHERE undoes IS NOT NULL"
    ).fetchall()
    problems = store.integrity_problems()
    store.close()
    foreign_undos = [r[0] for r in undone if sessions.get(r[2]) != r[1]]
    writers = [out["desk"].summary or {}, out["secretary"].summary or {}]
    reader = out["reader"].summary or {}
    return {
        "seconds": seconds,
        "acknowledged": sum(len(out[r].acks) for r in ("desk", "secretary")),
        "undos": len(undone),
        "undos_of_another_window": len(foreign_undos),
        "lost": len(missing),
        "locked": sum(w.get("locked", 0) for w in writers) + reader.get("locked", 0),
        "errors": sum(w.get("errors", 0) for w in writers) + reader.get("errors", 0),
        "stderr": [e for r in out.values() for e in r.errors if "stderr" in e][:3],
        # the first refusals the store gave (a failed run says what went wrong)
        "error_lines": [e for r in out.values() for e in r.errors if "op" in e][:3],
        "reads": reader.get("reads", 0),
        "mismatched_reads": reader.get("mismatched", 0),
        "integrity_problems": problems,
        "finished": all(out[r].summary is not None for r in out),
    }
