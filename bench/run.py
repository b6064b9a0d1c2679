"""Performance budgets of SPEC §9: each figure beside a floor measured in the same run.

uv run python -m bench.run                  # everything (about 6 minutes on 2 cores)
uv run python -m bench.run startup typing   # some parts: startup typing idle chair export import
uv run python -m bench.run -n 9 startup     # more rounds (default 7)
uv run python -m bench.run --markdown       # also print the results as a Markdown table

How it measures (so that it cannot flatter):
- programs run as a user runs them: ``.venv/bin/facilitator run|demo|chair`` (the installed entry
  point, without ``uv run``'s own start-up, the same for the floors: ``.venv/bin/python -m
  bench.floor_*``), each in a pseudo-terminal of 120x35;
- start-up runs from just before the process is created to the first terminal output showing the
  live screen's queue title ("Danh sách phát biểu"); the floor is a one-Label App showing the same
  words, started the same way;
- each round runs the floor and the project one after the other (the order rotating), n rounds;
  min / median / max are printed, the ratio is of the medians, and the load average is printed
  beside each figure: the machine is shared;
- every floor does the same work at the same size: the typing floor is a bare TextArea of the
  minutes editor's size, typed into through the terminal like the editor; the idle floor redraws
  a countdown twice a second; memory and CPU are the app process's own (from /proc);
- python-docx and the document builders are imported before either export is timed.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.terminal import Terminal, first_frame_cpu, process_figures

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
BIN = Path(sys.executable).parent
FACILITATOR = str(BIN / "facilitator")
MARKER = "Danh sách phát biểu"  # the live screen's queue title (the floors show the same words)
SIZE = (120, 35)


@dataclass
class Result:
    figure: str
    floor_name: str
    floor: str
    ours: str
    ratio: float | None
    budget: str
    ok: bool
    load: str


RESULTS: list[Result] = []


def load_now() -> str:
    one, five, _ = os.getloadavg()
    return f"{one:.2f}/{five:.2f}"


def spread(values: list[float], scale: float = 1000, unit: str = "ms", digits: int = 0) -> str:
    lo, mid, hi = min(values), statistics.median(values), max(values)
    return f"{mid * scale:.{digits}f} {unit} ({lo * scale:.{digits}f}-{hi * scale:.{digits}f})"


def report(result: Result) -> None:
    RESULTS.append(result)
    ratio = f"x{result.ratio:.2f}" if result.ratio is not None else "-"
    print(f"  {result.figure}")
    print(f"    ours   {result.ours}")
    print(f"    floor  {result.floor}   [{result.floor_name}]")
    verdict = "PASS" if result.ok else "FAIL"
    print(f"    ratio  {ratio:<8} budget {result.budget:<28} {verdict}   load {result.load}")


def rounds(n: int, runners: dict[str, Callable[[int], float]]) -> dict[str, list[float]]:
    """n rounds (after one warm-up round that is thrown away) of every runner, the order
    rotating from round to round."""
    names = list(runners)
    out: dict[str, list[float]] = {name: [] for name in names}
    for i in range(n + 1):
        order = names[i % len(names) :] + names[: i % len(names)]
        for name in order:
            value = runners[name](i)
            if i:
                out[name].append(value)
    return out


# CPU time of the in-process figures (import, export), beside their wall time: on a machine
# shared with other work, the wall time of the longer run is the more exposed to waiting.
CPU: dict[str, list[float]] = {}


def cpu_report(name: str, figure: str, budget: float) -> None:
    ours, floor = CPU[name][1:], CPU[f"{name}-floor"][1:]  # the warm-up round dropped
    ratio = statistics.median(ours) / statistics.median(floor)
    report(
        Result(
            figure,
            "the same floor",
            spread(floor),
            spread(ours),
            ratio,
            f"<= {budget} x floor",
            ratio <= budget,
            load_now(),
        )
    )


# ----- start-up -----------------------------------------------------------------------------------


def live_parts() -> list[str]:
    """What every part of the live screen draws at 120x35 (the floors' screen draws the same):
    the queue title, the top line, the queue status, the editor's line and border, the keys."""
    from facilitator.i18n import Translator

    t = Translator("vi")
    return [
        MARKER,
        f"{t('live.title')} ·",
        t("live.waiting", count=0).split(":")[0] + ":",
        "✎ ",
        "▔" * 8,  # the editor's top border
        f"F5 {t('key.extend')}",
    ]


def run_parts(db: Path, meeting_id: int) -> list[str]:
    """The live screen of the bench meeting, whole: its parts, the first waiting speaker (the
    queue scrolls to him) and the latest minutes entry before this start (the log scrolls to
    the end)."""
    conn = sqlite3.connect(db)
    try:
        name = conn.execute(
            "SELECT name FROM speakers WHERE meeting_id = ? AND state = 'waiting' "
            "ORDER BY seq LIMIT 1",
            (meeting_id,),
        ).fetchone()[0]
        text = conn.execute(
            "SELECT text FROM minutes WHERE meeting_id = ? ORDER BY id DESC LIMIT 1",
            (meeting_id,),
        ).fetchone()[0]
    finally:
        conn.close()
    return [*live_parts(), name, " ".join(text.split())[:20]]


def demo_parts() -> list[str]:
    from facilitator.i18n import Translator
    from facilitator.services.demo import demo_meeting

    first = demo_meeting()["speakers"][0]["name"]
    return [*live_parts(), first, Translator("vi")("live.not_started")]


def bench_startup(ctx: Context) -> None:
    db = ctx.copy_db("startup")
    demo_dir = ctx.folder / "demos"
    demo_dir.mkdir()
    load0 = load_now()
    cpu: dict[str, list[float]] = {}

    # The one-Label floor is whole with its label. The others are timed to the output by which
    # every part of the live screen has been drawn, not to its title: Textual may send a first
    # frame holding only some widgets (the rest drawn in a later frame).
    def timed(
        name: str, argv: Callable[[int], list[str]], parts: Callable[[], list[str]]
    ) -> Callable[[int], float]:
        def run(i: int) -> float:
            wall, used = first_frame_cpu(argv(i), parts(), cwd=ROOT, size=SIZE)
            if i:  # the warm-up round is dropped
                cpu.setdefault(name, []).append(used)
            return wall

        return run

    from bench.floor_screen import ROW, TEXT

    runners = {
        "floor": timed("floor", lambda i: [PY, "-m", "bench.floor_label"], lambda: [MARKER]),
        "widgets": timed(
            "widgets",
            lambda i: [PY, "-m", "bench.floor_screen"],
            # its parts: the same, its status line words its own way
            lambda: [*live_parts()[:2], "Còn 20 người chờ", *live_parts()[3:], ROW[0], TEXT[:20]],
        ),
        "run": timed(
            "run",
            lambda i: [FACILITATOR, "run", str(ctx.meeting_id), "--db", str(db)],
            lambda: run_parts(db, ctx.meeting_id),
        ),
        "demo": timed(
            "demo",
            lambda i: [FACILITATOR, "demo", "--db", str(demo_dir / f"demo-{i}.db")],
            demo_parts,
        ),
    }
    got = rounds(ctx.n, runners)
    floor = statistics.median(got["floor"])
    floor_cpu = statistics.median(cpu["floor"])
    for name, label, budget in (
        (
            "widgets",
            "reference: the live screen's widgets alone (bench/floor_screen.py), no project code",
            None,
        ),
        (
            "run",
            "start-up: `facilitator run` (300 speakers, 3,000 entries) to the live screen",
            1.5,
        ),
        ("demo", "start-up: `facilitator demo` (new database) to the live screen", 1.5),
    ):
        ratio = statistics.median(got[name]) / floor
        report(
            Result(
                label,
                "one-Label App",
                spread(got["floor"]),
                spread(got[name]),
                ratio,
                "<= 1.5 x floor (goal 1.3)" if budget else "(Textual's own cost; no budget)",
                ratio <= budget if budget else True,
                f"{load0} -> {load_now()}",
            )
        )
        ratio = statistics.median(cpu[name]) / floor_cpu
        report(
            Result(
                f"  the same, CPU used by the first frame ({name})",
                "one-Label App",
                spread(cpu["floor"]),
                spread(cpu[name]),
                ratio,
                "<= 1.5 x floor" if budget else "(no budget)",
                ratio <= budget if budget else True,
                load_now(),
            )
        )


# ----- typing -------------------------------------------------------------------------------------

KEYS = "xin phep duoc hoi ve viec lam duong " * 2
KEY_GAP = 0.03  # a fast typist: about 33 keys a second
PARAGRAPH = "Đề nghị xã quan tâm. " * 70  # 1,470 characters in one entry


def editor_size(db: Path, meeting_id: int) -> tuple[int, int]:
    """The minutes editor's outer size in a 120x35 terminal."""
    from facilitator.app import make_app

    async def measure() -> tuple[int, int]:
        app = make_app(db, meeting_id=meeting_id)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause(0.3)
            size = app.screen.query_one("#editor").outer_size
            return size.width, size.height

    return asyncio.run(measure())


def cpu_per_key(argv: list[str], paragraph: str) -> float:
    """CPU seconds a key costs the program, minus its idle CPU over the same time: the keys are
    written to its terminal 30 ms apart, as a fast typist's would be."""
    term = Terminal(argv, cwd=ROOT, size=SIZE)
    try:
        term.wait_for(MARKER)
        term.pump(1.5)  # the earlier minutes fill in just after the first frame
        if paragraph:
            term.send(b"\x1b[200~" + paragraph.encode() + b"\x1b[201~")  # a bracketed paste
            term.pump(1.5)
        span = len(KEYS) * KEY_GAP + 0.3
        c0, _ = process_figures(term.pid)
        t0 = time.perf_counter()
        term.pump(span)
        idle_rate = (process_figures(term.pid)[0] - c0) / (time.perf_counter() - t0)
        c0, _ = process_figures(term.pid)
        t0 = time.perf_counter()
        for ch in KEYS:
            term.send(ch.encode())
            term.pump(KEY_GAP)
        term.pump(0.3)
        busy = process_figures(term.pid)[0] - c0
        wall = time.perf_counter() - t0
        term.pump(0.8)  # the autosave comes 0.3 s after the last key
    finally:
        term.close()
    return max(0.0, busy - idle_rate * wall) / len(KEYS)


def last_entry_text(db: Path) -> str:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT text FROM minutes ORDER BY id DESC LIMIT 1").fetchone()[0]
    finally:
        conn.close()


def bench_typing(ctx: Context) -> None:
    db = ctx.copy_db("typing")
    width, height = editor_size(db, ctx.meeting_id)
    out = ctx.folder / "floor-text.txt"
    for label, paragraph in (("a short entry", ""), ("a 1,500-character entry", PARAGRAPH)):
        load0 = load_now()

        def floor(_i: int, paragraph: str = paragraph) -> float:
            cost = cpu_per_key(
                [PY, "-m", "bench.floor_textarea", str(width), str(height), str(out)], paragraph
            )
            if out.read_text(encoding="utf-8") != paragraph + KEYS:
                raise RuntimeError("the floor TextArea did not get every key")
            return cost

        def ours(_i: int, paragraph: str = paragraph) -> float:
            cost = cpu_per_key(
                [FACILITATOR, "run", str(ctx.meeting_id), "--db", str(db)], paragraph
            )
            if not last_entry_text(db).endswith(paragraph + KEYS.rstrip()):
                raise RuntimeError("the minutes editor did not save every key")
            return cost

        got = rounds(ctx.n, {"floor": floor, "ours": ours})
        ratio = statistics.median(got["ours"]) / statistics.median(got["floor"])
        report(
            Result(
                f"typing: CPU per key in the minutes editor, {label} (300 speakers)",
                f"bare TextArea {width}x{height}",
                spread(got["floor"], digits=2),
                spread(got["ours"], digits=2),
                ratio,
                "<= 1.2 x floor",
                ratio <= 1.2,
                f"{load0} -> {load_now()}",
            )
        )


# ----- idle CPU and memory ------------------------------------------------------------------------

IDLE_SPAN = 5.0


def start_countdown(db: Path, meeting_id: int) -> None:
    from db.store import open_store
    from facilitator.services.live import Console

    store = open_store(db)
    console = Console(store, meeting_id)
    if store.current_slot(meeting_id) is None:
        console.call_next()
    store.close()


def idle_figures(argv: list[str], marker: str) -> tuple[float, float]:
    """Idle CPU (% of a core, over IDLE_SPAN seconds after 2 s of settling) and resident
    memory (MB) of the program's own process."""
    term = Terminal(argv, cwd=ROOT, size=SIZE)
    try:
        term.wait_for(marker)
        term.pump(2.0)
        c0, _ = process_figures(term.pid)
        t0 = time.perf_counter()
        term.pump(IDLE_SPAN)
        c1, rss = process_figures(term.pid)
        wall = time.perf_counter() - t0
    finally:
        term.close()
    return (c1 - c0) / wall * 100, rss


def bench_idle(ctx: Context) -> None:
    db = ctx.copy_db("idle")
    start_countdown(db, ctx.meeting_id)
    village = ctx.village
    load0 = load_now()
    figures: dict[str, list[tuple[float, float]]] = {"floor": [], "live": [], "chair": []}
    progs = {
        "floor": ([PY, "-m", "bench.floor_idle"], MARKER),
        "live": ([FACILITATOR, "run", str(ctx.meeting_id), "--db", str(db)], MARKER),
        "chair": ([FACILITATOR, "chair", "--db", str(db)], village),
    }

    def runner(name: str) -> Callable[[int], float]:
        def run(_i: int) -> float:
            cpu, rss = idle_figures(*progs[name])
            figures[name].append((cpu, rss))
            return cpu

        return run

    rounds(max(3, ctx.n // 2), {name: runner(name) for name in progs})
    for name in figures:
        figures[name] = figures[name][1:]  # the warm-up round
    floor_cpu = [c for c, _ in figures["floor"]]
    floor_rss = [r for _, r in figures["floor"]]
    for name, label in (("live", "live screen"), ("chair", "chair view")):
        cpu = [c for c, _ in figures[name]]
        rss = [r for _, r in figures[name]]
        med = statistics.median(cpu)
        report(
            Result(
                f"idle CPU, {label}, countdown running (% of a core)",
                "one-Label App redrawing a countdown",
                spread(floor_cpu, 1, "%", 2),
                spread(cpu, 1, "%", 2),
                med / statistics.median(floor_cpu),
                "<= 2 % of a core",
                med <= 2.0,
                f"{load0} -> {load_now()}",
            )
        )
        med = statistics.median(rss)
        report(
            Result(
                f"resident memory, {label} (the app's process)",
                "one-Label App",
                spread(floor_rss, 1, "MB"),
                spread(rss, 1, "MB"),
                med / statistics.median(floor_rss),
                "<= 150 MB",
                med <= 150,
                load_now(),
            )
        )


# ----- chair latency ------------------------------------------------------------------------------

WRITER = """
import sys, time, random
from db.store import open_store
from facilitator.services.live import Console
store = open_store(sys.argv[1]); store.actor = "desk"
console = Console(store, int(sys.argv[2]))
rng = random.Random(3)
time.sleep(1.0)
for i in range(int(sys.argv[3])):
    time.sleep(rng.uniform(0.15, 0.35))
    name = f"Đo trễ {i:03d}"
    console.register(name, "xóm Bến")
    sp = [s for s in console.store.waiting(console.meeting_id) if s.name == name][0]
    while console.move(sp.id, -1):  # first in the queue: the chair's "next" list shows it
        pass
    print(f"{name}\\t{time.time()}", flush=True)
"""


def _watch(
    app: Any, read_first: Callable[[], str], db: Path, meeting_id: int, n: int
) -> list[float]:
    async def main() -> list[float]:
        seen: dict[str, float] = {}
        async with app.run_test(size=(100, 30)):
            writer = subprocess.Popen(
                [PY, "-c", WRITER, str(db), str(meeting_id), str(n)],
                cwd=ROOT,
                stdout=subprocess.PIPE,
                text=True,
            )
            stop_at = None
            while stop_at is None or time.time() < stop_at:
                if stop_at is None and writer.poll() is not None:
                    stop_at = time.time() + 1.0  # keep watching for the last change
                await asyncio.sleep(0.01)
                first = read_first()
                if first.startswith("Đo trễ"):
                    seen.setdefault(first, time.time())
            out = writer.stdout.read() if writer.stdout else ""
        committed = dict(row.split("\t") for row in out.strip().splitlines())
        return [seen[name] - float(at) for name, at in committed.items() if name in seen]

    return asyncio.run(main())


def chair_latency(db: Path, meeting_id: int, n: int) -> list[float]:
    from facilitator.app import make_app

    app = make_app(db, mode="chair", meeting_id=meeting_id)

    def first() -> str:
        rows = str(app.screen.query_one("#chair-next").render()).splitlines()
        return rows[1].strip()[3:].split(" (")[0] if len(rows) > 1 else ""

    return _watch(app, first, db, meeting_id, n)


def floor_latency(db: Path, meeting_id: int, n: int) -> list[float]:
    """A bare App polling the data version at the chair's rate and showing the first waiting
    name with one query."""
    from textual.app import App
    from textual.widgets import Label

    from screens.chair import POLL_SECONDS

    class Poll(App[None]):
        def compose(self) -> Any:
            yield Label("", id="first")

        def on_mount(self) -> None:
            self.conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
            self.version = -1
            self.set_interval(POLL_SECONDS, self.poll)

        def poll(self) -> None:
            version = self.conn.execute("PRAGMA data_version").fetchone()[0]
            if version != self.version:
                self.version = version
                row = self.conn.execute(
                    "SELECT name FROM speakers WHERE meeting_id = ? AND state = 'waiting' "
                    "ORDER BY seq LIMIT 1",
                    (meeting_id,),
                ).fetchone()
                self.query_one("#first", Label).update(row[0] if row else "")

    app = Poll()
    return _watch(app, lambda: str(app.query_one("#first", Label).render()), db, meeting_id, n)


def p95(values: list[float]) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(0.95 * (len(values) - 1))))]


def bench_chair(ctx: Context) -> None:
    db = ctx.copy_db("chair")
    changes = 40
    load0 = load_now()
    got = rounds(
        1,
        {
            "floor": lambda i: floor_latency(db, ctx.meeting_id, changes),  # type: ignore[misc]
            "ours": lambda i: chair_latency(db, ctx.meeting_id, changes),  # type: ignore[misc]
        },
    )
    floor, ours = got["floor"][0], got["ours"][0]  # type: ignore[index]

    def text(lat: list[float]) -> str:
        return (
            f"p50 {statistics.median(lat) * 1000:.0f} ms, p95 {p95(lat) * 1000:.0f} ms "
            f"({len(lat)}/{changes} seen)"
        )

    report(
        Result(
            "a change in another process shown in the chair view",
            "bare App polling at the same rate",
            text(floor),
            text(ours),
            p95(ours) / p95(floor),
            "p95 <= 500 ms",
            p95(ours) <= 0.5 and len(ours) == changes,
            f"{load0} -> {load_now()}",
        )
    )


# ----- export -------------------------------------------------------------------------------------


def document_texts(data: bytes) -> list[str]:
    """Every paragraph of a .docx, the body's and the tables', in order."""
    from docx import Document

    doc = Document(io.BytesIO(data))
    texts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                texts.extend(p.text for p in cell.paragraphs)
    return texts


def plain_docx(texts: list[str]) -> bytes:
    from docx import Document

    doc = Document()
    for text in texts:
        doc.add_paragraph(text)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def export_time(db: Path, meeting_id: int, cpu_key: str = "export") -> tuple[float, bytes]:
    from db.store import open_store
    from facilitator.documents import build

    store = open_store(db, readonly=True)
    try:
        t0, c0 = time.perf_counter(), time.process_time()
        data = build(store, meeting_id, "minutes")
        CPU.setdefault(cpu_key, []).append(time.process_time() - c0)
        return time.perf_counter() - t0, data
    finally:
        store.close()


def bench_export(ctx: Context) -> None:
    import docx  # noqa: F401 - imported before either is timed

    import facilitator.documents.builders  # noqa: F401

    db = ctx.copy_db("export")
    load0 = load_now()
    _, data = export_time(db, ctx.meeting_id, "export-first")
    texts = document_texts(data)

    def plain(_i: int) -> float:
        t0, c0 = time.perf_counter(), time.process_time()
        plain_docx(texts)
        CPU.setdefault("export-floor", []).append(time.process_time() - c0)
        return time.perf_counter() - t0

    got = rounds(ctx.n, {"floor": plain, "ours": lambda i: export_time(db, ctx.meeting_id)[0]})
    med = statistics.median(got["ours"])
    ratio = med / statistics.median(got["floor"])
    report(
        Result(
            f"export of the biên bản (300 speakers, 3,000 entries, {len(data) // 1024} KB)",
            f"plain python-docx, same {len(texts)} paragraphs",
            spread(got["floor"]),
            spread(got["ours"]),
            ratio,
            "<= 2 s and <= 1.3 x floor",
            med <= 2.0 and ratio <= 1.3,
            f"{load0} -> {load_now()}",
        )
    )
    cpu_report("export", "  the same, CPU time (this process)", 1.3)
    # Linear in entries: 1,000 against 10,000.
    from bench.common import big_meeting, make_db

    times = {}
    for entries in (1000, 10000):
        path = ctx.folder / f"export-{entries}.db"
        mid, _ = make_db(path, big_meeting(entries=entries))
        times[entries] = statistics.median(export_time(path, mid, "growth")[0] for _ in range(3))
    growth = times[10000] / times[1000]
    report(
        Result(
            "export growth, 10,000 entries against 1,000 (linear: about 10)",
            "-",
            f"{times[1000] * 1000:.0f} ms for 1,000",
            f"{times[10000] * 1000:.0f} ms for 10,000",
            growth,
            "linear (<= 12 x)",
            growth <= 12,
            load_now(),
        )
    )


# ----- import -------------------------------------------------------------------------------------


def floor_import(text: str, template: Path, target: Path) -> float:
    """json plus executemany of the same rows in one transaction, into the same schema."""
    shutil.copy(template, target)
    t0, c0 = time.perf_counter(), time.process_time()
    data = json.loads(text)
    conn = sqlite3.connect(target)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    m = data["meeting"]
    now = "2021-10-28T10:00:00.000+07:00"
    with conn:
        cur = conn.execute(
            "INSERT INTO meetings (commune, village, date, status, created_at) VALUES (?,?,?,?,?)",
            (m["commune"], m["village"], m["date"], m.get("status", "draft"), now),
        )
        mid = cur.lastrowid
        first = conn.execute("SELECT COALESCE(MAX(id), 0) FROM speakers").fetchone()[0] + 1
        conn.executemany(
            "INSERT INTO speakers (meeting_id, name, hamlet, gist, field, registered, state, seq,"
            " created_at) VALUES (?,?,?,?,?,?,?,?,?)",
            [
                (
                    mid,
                    s["name"],
                    s.get("hamlet", ""),
                    s.get("gist", ""),
                    s.get("field", ""),
                    s.get("registered", "meeting"),
                    s.get("state", "waiting"),
                    i,
                    now,
                )
                for i, s in enumerate(data["speakers"])
            ],
        )
        conn.executemany(
            "INSERT INTO minutes (meeting_id, phase_position, speaker_id, kind, text, created_at,"
            " updated_at) VALUES (?,?,?,?,?,?,?)",
            [
                (
                    mid,
                    e.get("phase", -1),
                    first + e["speaker"] if e.get("speaker") is not None else None,
                    e.get("kind", "note"),
                    e["text"],
                    e.get("created_at", now),
                    e.get("created_at", now),
                )
                for e in data["minutes"]
            ],
        )
        conn.executemany(
            "INSERT INTO petitions (meeting_id, seq, content, field, source, speaker_id, answer,"
            " outcome, created_at) VALUES (?,?,?,?,?,?,?,?,?)",
            [
                (
                    mid,
                    i,
                    p["content"],
                    p.get("field", ""),
                    p.get("source", "meeting"),
                    first + p["speaker"] if p.get("speaker") is not None else None,
                    p.get("answer"),
                    p.get("outcome"),
                    now,
                )
                for i, p in enumerate(data["petitions"])
            ],
        )
    conn.close()
    CPU.setdefault("import-floor", []).append(time.process_time() - c0)
    return time.perf_counter() - t0


def ours_import(path: Path, template: Path, target: Path) -> float:
    from db.store import open_store
    from facilitator.services.meetingfile import import_meeting, load

    shutil.copy(template, target)
    store = open_store(target)  # already migrated: only the import is timed
    try:
        t0, c0 = time.perf_counter(), time.process_time()
        import_meeting(store, load(path))
        CPU.setdefault("import", []).append(time.process_time() - c0)
        return time.perf_counter() - t0
    finally:
        store.close()


def bench_import(ctx: Context) -> None:
    import jsonschema  # noqa: F401 - its first import is not the import's cost

    from db.store import open_store
    from facilitator.services.meetingfile import dumps, export_meeting

    store = open_store(ctx.db, readonly=True)
    text = dumps(export_meeting(store, ctx.meeting_id))
    store.close()
    path = ctx.folder / "meeting.json"
    path.write_text(text, encoding="utf-8")
    template = ctx.folder / "empty.db"
    open_store(template).close()
    load0 = load_now()
    got = rounds(
        ctx.n,
        {
            "floor": lambda i: floor_import(text, template, ctx.folder / f"floor-{i}.db"),
            "ours": lambda i: ours_import(path, template, ctx.folder / f"ours-{i}.db"),
        },
    )
    ratio = statistics.median(got["ours"]) / statistics.median(got["floor"])
    report(
        Result(
            f"import of a meeting file ({len(text.encode()) / 1e6:.1f} MB, 300 speakers, 3,000 "
            "entries)",
            "json + executemany, one transaction",
            spread(got["floor"]),
            spread(got["ours"]),
            ratio,
            "<= 3 x floor",
            ratio <= 3.0,
            f"{load0} -> {load_now()}",
        )
    )
    cpu_report("import", "  the same, CPU time (this process)", 3.0)


# ----- the run ------------------------------------------------------------------------------------


class Context:
    def __init__(self, folder: Path, n: int) -> None:
        from bench.common import make_db

        self.folder = folder
        self.n = n
        self.db = folder / "bench.db"
        self.meeting_id, _ = make_db(self.db)
        conn = sqlite3.connect(self.db)
        self.village = conn.execute(
            "SELECT village FROM meetings WHERE id = ?", (self.meeting_id,)
        ).fetchone()[0]
        conn.close()

    def copy_db(self, name: str) -> Path:
        target = self.folder / f"{name}.db"
        shutil.copy(self.db, target)
        return target


PARTS: dict[str, Callable[[Context], None]] = {
    "startup": bench_startup,
    "typing": bench_typing,
    "idle": bench_idle,
    "chair": bench_chair,
    "export": bench_export,
    "import": bench_import,
}


def machine() -> str:
    return (
        f"{os.cpu_count()} cores, {platform.machine()}, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}"
    )


def markdown() -> str:
    rows = [
        "| figure | floor | floor figure | ours | ratio | budget | result |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in RESULTS:
        ratio = f"×{r.ratio:.2f}" if r.ratio is not None else "-"
        rows.append(
            f"| {r.figure} | {r.floor_name} | {r.floor} | {r.ours} | {ratio} | {r.budget} | "
            f"{'PASS' if r.ok else 'FAIL'} |"
        )
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.run")
    parser.add_argument("parts", nargs="*", help=f"default: all of {' '.join(PARTS)}")
    parser.add_argument("-n", type=int, default=7, help="rounds of floor and project (>= 7)")
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args()
    unknown = [p for p in args.parts if p not in PARTS]
    if unknown:
        parser.error(f"unknown part(s) {unknown}; choose from {list(PARTS)}")
    print(f"machine: {machine()}; load average {load_now()} (1/5 min)")
    print("programs: .venv/bin/facilitator and .venv/bin/python (not `uv run`), pty 120x35")
    with tempfile.TemporaryDirectory() as tmp:
        ctx = Context(Path(tmp), args.n)
        for name in args.parts or list(PARTS):
            print(f"[{name}]")
            PARTS[name](ctx)
    print()
    failed = [r.figure for r in RESULTS if not r.ok]
    print(f"{len(RESULTS) - len(failed)} of {len(RESULTS)} budgets pass")
    if args.markdown:
        print(markdown())


if __name__ == "__main__":
    main()
