"""Generated bad meeting files (hypothesis): each is imported whole and usable, or refused
with one short line and nothing written. Whatever import accepts, every export, `check`, the
live screen (`run`) and the chair view handle."""

from __future__ import annotations

import copy
import datetime as dt
import functools
import json
import os
import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reliability_harness import report

from db.store import Store, open_store
from facilitator.rules.clock import TZ, FrozenClock
from facilitator.services.demo import demo_meeting, play_demo
from facilitator.services.exporting import render
from facilitator.services.live import Console
from facilitator.services.meetingfile import MeetingFileError, export_meeting, import_meeting, load

TABLES = ("meetings", "phases", "officials", "speakers", "slots", "minutes", "petitions", "events")
START = dt.datetime(2021, 10, 28, 8, 0, tzinfo=TZ)


def played_file() -> dict[str, Any]:
    clock = FrozenClock(START)
    store = open_store(":memory:", clock=clock)
    console = Console(store, import_meeting(store, demo_meeting()), backup=lambda r: None)
    play_demo(console, clock.advance)
    data = export_meeting(store, console.meeting_id)
    store.close()
    return data


def paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    out = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            out += paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node[:4]):  # a few items of each list are enough
            out += paths(value, (*prefix, i))
    return out


NASTY = [
    None, True, False, 0, -1, 1.0, 0.5, 1e-300, 1e300, 2**63, -(2**63) - 1, 10**30,
    float("nan"), float("inf"), "", " ", "\u200b\u200c\u200d", "\u202eabc\u202c", "\x1b[2J",
    "a\x00b", "\ud800", "9999-12-31", "2026-02-30T25:99", "2021-10-28T08:00", "0001-01-01",
    "2021-10-28", "2021-10-28T08:00:00+07:00", "25:00", "08:00", [], {}, [[[]]],
    "x" * 300, "x" * 20_001, "Nguyễn Văn A", -5, 3601, 7, 100,
]  # fmt: skip
DEEP: Any = []
for _ in range(40):
    DEEP = [DEEP]


def values() -> st.SearchStrategy[Any]:
    surrogates = st.text(st.characters(codec=None, categories=["Cs", "Cc", "Cf"]), max_size=5)
    return st.one_of(
        st.sampled_from(NASTY),
        st.integers(),
        st.floats(),
        st.text(max_size=30),
        surrogates,
        st.dates().map(dt.date.isoformat),
        st.datetimes().map(dt.datetime.isoformat),
        st.just(DEEP),
    )


@functools.cache
def base() -> tuple[dict[str, Any], list[tuple]]:
    """The played demo meeting's file and the places in it (made on first use, not at
    collection: the default run deselects the soak tests)."""
    data = played_file()
    return data, paths(data)


def mutations() -> st.SearchStrategy[list]:
    places = base()[1]
    one = st.one_of(
        st.tuples(st.just("set"), st.sampled_from(places), values()),
        st.tuples(st.just("del"), st.sampled_from(places), st.none()),
    )
    return st.lists(one, min_size=1, max_size=3)


def mutate(data: dict[str, Any], changes: list[tuple[str, tuple, Any]]) -> dict[str, Any]:
    data = copy.deepcopy(data)
    for op, where, value in changes:
        node = data
        try:
            for key in where[:-1]:
                node = node[key]
            if op == "del":
                del node[where[-1]]
            else:
                # a copy: the shared nested value (DEEP) set into itself by a later change
                # became circular for every later example
                node[where[-1]] = copy.deepcopy(value)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change removed or replaced this place
    return data


def write(path: Path, data: dict[str, Any]) -> None:
    # NaN and Infinity literals, \ud800 escapes: what a broken exporter might write
    path.write_text(json.dumps(data, ensure_ascii=True, allow_nan=True), encoding="utf-8")


def counts(store: Store) -> dict[str, int]:
    return {t: store.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in TABLES}


class Tally:
    def __init__(self) -> None:
        self.figures = {"files": 0, "accepted": 0, "refused": 0, "crashes": 0}
        self.figures |= {"partial_writes": 0, "long_messages": 0, "documents": 0}
        self.examples: list[str] = []

    def note(self, key: str, example: str = "") -> None:
        self.figures[key] += 1
        if example and len(self.examples) < 5:
            self.examples.append(example[:300])


def try_file(
    tmp: Path, store: Store, data: dict[str, Any], tally: Tally, documents: bool
) -> int | None:
    """Import as the command line does, then export, check. Returns the meeting id if
    accepted. Crashes, partial writes and long messages are tallied, never raised."""
    path = tmp / "f.json"
    write(path, data)
    tally.note("files")
    before = counts(store)
    try:
        try:
            meeting_id = import_meeting(store, load(path))
        except MeetingFileError as exc:
            tally.note("refused")
            message = str(exc)
            if len(message) > 200 or "\n" in message:
                tally.note("long_messages", message)
            if counts(store) != before:
                tally.note("partial_writes", message)
            return None
        tally.note("accepted")
        for doc in ("json", "minutes", "conclusion", "report") if documents else ("json",):
            render(store, meeting_id, doc)
        if documents:
            tally.note("documents")
        problems = store.integrity_problems()
        if problems:
            tally.note("crashes", f"check: {problems}")
        return meeting_id
    except Exception as exc:  # noqa: BLE001 - a crash is what this test counts
        tally.note("crashes", f"{type(exc).__name__}: {exc!s:.200}")
        return None


def check(tally: Tally) -> None:
    assert tally.examples == []
    for key in ("crashes", "partial_writes", "long_messages"):
        assert tally.figures[key] == 0, key


def run_property(tmp_path: Path, examples: int, documents_every: int) -> Tally:
    tally = Tally()
    store = open_store(tmp_path / "files.db")  # one file, as a commune's database
    progress_every = int(os.environ.get("SOAK_PROGRESS_EVERY", "0"))

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(mutations())
    def one(changes: list) -> None:
        documents = tally.figures["accepted"] % documents_every == 0
        try_file(tmp_path, store, mutate(base()[0], changes), tally, documents)
        if progress_every and tally.figures["files"] % progress_every == 0:
            # a long run reports as it goes, with the first problems it met
            report("files-progress", tally.figures | {"examples": tally.examples})

    one()
    store.close()
    return tally


def test_generated_files_import_whole_or_refuse_in_one_line(tmp_path):
    tally = run_property(tmp_path, examples=30, documents_every=10)
    report("files-short", tally.figures)
    check(tally)
    assert tally.figures["refused"] > 0 and tally.figures["accepted"] > 0


@pytest.mark.parametrize("value", [[], {}, [[1]], "7", 1.5, -20])
def test_an_event_payload_reference_of_another_type_is_carried_not_crashed_on(tmp_path, value):
    """Found by the 20,000-file runs: an event's ``payload.speaker`` that is a list made every
    export end in "unhashable type: 'list'"; one below -len(speakers) made the import end in
    "list index out of range"."""
    tally = Tally()
    data = mutate(base()[0], [("set", ("events", 3, "payload", "speaker"), value)])
    store = open_store(tmp_path / "f.db")
    assert try_file(tmp_path, store, data, tally, documents=True) is not None
    store.close()
    assert tally.examples == [] and tally.figures["documents"] == 1


def test_a_document_number_with_a_control_character_is_cleaned(tmp_path):
    """Found by the second 20,000-file run: a control character in ``meeting.number`` was
    imported as it came, and every .docx export failed ("All strings must be XML
    compatible")."""
    tally = Tally()
    data = mutate(base()[0], [("set", ("meeting", "number"), "12\x01/BB")])
    store = open_store(tmp_path / "f.db")
    meeting_id = try_file(tmp_path, store, data, tally, documents=True)
    assert meeting_id is not None and store.meeting(meeting_id).number == "12/BB"
    store.close()
    assert tally.examples == [] and tally.figures["documents"] == 1


@pytest.mark.soak
def test_generated_files_soak(tmp_path):
    examples = int(os.environ.get("SOAK_FILES", "20000"))
    every = int(os.environ.get("SOAK_DOCUMENTS_EVERY", "1"))
    tally = run_property(tmp_path, examples=examples, documents_every=every)
    report("files-soak", tally.figures)
    check(tally)


def accepted_files(count: int, seed: int) -> list[dict[str, Any]]:
    """Generated files that import (found with a seeded random walk over the same
    mutations), for the Apps, which are too slow to start for every example."""
    rng = random.Random(seed)
    found: list[dict[str, Any]] = []
    store = open_store(":memory:")
    while len(found) < count:
        changes = []
        for _ in range(rng.randint(1, 2)):
            where = rng.choice(base()[1])
            op = rng.choice(["set", "set", "del"])
            changes.append((op, where, rng.choice(NASTY)))
        data = json.loads(
            json.dumps(mutate(base()[0], changes), allow_nan=True), parse_constant=str
        )
        try:
            import_meeting(store, data)
        except (MeetingFileError, ValueError, TypeError):
            continue
        found.append(data)
    return found


async def drive_apps(tmp_path: Path, data: dict[str, Any]) -> None:
    from facilitator.app import make_app

    path = tmp_path / "apps.db"
    path.unlink(missing_ok=True)
    store = open_store(path)
    meeting_id = import_meeting(store, data)
    store.close()
    live = make_app(path, meeting_id=meeting_id)
    async with live.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f3", "x", "f4", "f8", "f6")
        await pilot.pause()
    assert live._exception is None
    chair = make_app(path, mode="chair", meeting_id=meeting_id)
    async with chair.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
    assert chair._exception is None


async def test_accepted_files_open_in_the_live_screen_and_the_chair(tmp_path):
    for data in accepted_files(1, seed=5):
        await drive_apps(tmp_path, data)


@pytest.mark.soak
async def test_accepted_files_open_in_the_apps_soak(tmp_path):
    count = int(os.environ.get("SOAK_APP_FILES", "100"))
    for data in accepted_files(count, seed=17):
        await drive_apps(tmp_path, data)
    report("files-apps-soak", {"files_opened_in_run_and_chair": count})
