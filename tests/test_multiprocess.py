"""Separate processes on one database file: desk, secretary and chair at the same time."""

import subprocess
import sys
import textwrap
from pathlib import Path

from db.store import open_store
from facilitator.app import make_app
from facilitator.services.demo import demo_meeting
from facilitator.services.live import Console
from facilitator.services.meetingfile import import_meeting

ROOT = Path(__file__).resolve().parent.parent
WALK_INS = 40

DESK = textwrap.dedent("""
    import sys, time
    from db.store import open_store
    from facilitator.services.live import Console
    store = open_store(sys.argv[1]); store.actor = "desk"
    console = Console(store, int(sys.argv[2]))
    for i in range(int(sys.argv[3])):
        console.register(f"Khách {i:02d}", "xóm Bến", "ý kiến")
        time.sleep(0.005)
""")

SECRETARY = textwrap.dedent("""
    import sys, time
    from db.store import open_store
    from facilitator.services.live import Console
    store = open_store(sys.argv[1])
    console = Console(store, int(sys.argv[2]))
    target, called, idle = int(sys.argv[3]), 0, 0
    while called < target and idle < 400:
        if console.call_next() is None:
            idle += 1
            time.sleep(0.01)
        else:
            called += 1
            console.new_entry("ghi chép")
            time.sleep(0.03)
    console.end_speech()
    print(called)
""")


def start(code: str, *args: object) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", code, *map(str, args)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


async def test_desk_and_secretary_write_together_chair_follows(tmp_path: Path):
    path = tmp_path / "m.db"
    store = open_store(path)
    meeting_id = import_meeting(store, demo_meeting())
    Console(store, meeting_id).next_phase()
    store.close()
    total = 12 + WALK_INS

    chair = make_app(path, mode="chair")
    async with chair.run_test(size=(100, 30)) as pilot:
        desk = start(DESK, path, meeting_id, WALK_INS)
        secretary = start(SECRETARY, path, meeting_id, total)
        while desk.poll() is None or secretary.poll() is None:
            await pilot.pause(0.05)
        await pilot.pause(0.3)
        final_status = str(chair.screen.query_one("#chair-status").render())
        final_who = str(chair.screen.query_one("#chair-who").render())
    desk_err, sec_out = desk.stderr.read(), secretary.communicate()
    assert desk.returncode == 0 and desk_err == ""
    assert secretary.returncode == 0 and sec_out[1] == ""
    assert int(sec_out[0]) == total

    store = open_store(path)
    speakers = store.speakers(meeting_id)
    assert len(speakers) == total  # nothing lost
    assert sorted(s.name for s in speakers if s.name.startswith("Khách")) == [
        f"Khách {i:02d}" for i in range(WALK_INS)
    ]
    slots = store.slots(meeting_id)
    assert len(slots) == total  # nobody called twice
    assert len({s.speaker_id for s in slots}) == total
    assert {s.state for s in speakers} == {"done"}
    assert sum(1 for e in store.events(meeting_id) if e.actor == "desk") == WALK_INS
    assert store.integrity_problems() == []
    # the chair followed along to the end state (how fast it keeps up: bench/run.py chair)
    assert final_status.startswith("Đang chờ: 0")
    assert final_who == "Chưa có người phát biểu"


SLOW_CALLS = textwrap.dedent("""
    import sys, time
    from db.store import open_store
    from facilitator.services.live import Console
    store = open_store(sys.argv[1])
    console = Console(store, int(sys.argv[2]))
    time.sleep(0.5)
    console.next_phase()  # the chair view follows the live meeting
    for _ in range(int(sys.argv[3])):
        speaker = console.call_next()
        print(speaker.name, flush=True)
        time.sleep(0.6)
""")


async def test_chair_shows_each_speaker_called_in_another_process(tmp_path: Path):
    """Each call, in order, reaches the chair view; how fast is measured in bench/ (chair)."""
    path = tmp_path / "m.db"
    store = open_store(path)
    meeting_id = import_meeting(store, demo_meeting())
    store.close()
    chair = make_app(path, mode="chair")
    seen: list[str] = []
    async with chair.run_test(size=(100, 30)) as pilot:
        calls = start(SLOW_CALLS, path, meeting_id, 6)
        done = False
        while not done:
            done = calls.poll() is not None
            await pilot.pause(0.6 if done else 0.02)  # the last call too has time to show
            who = str(chair.screen.query_one("#chair-who").render())
            if who.startswith("▶ "):
                name = who[2:].split(" — ")[0]
                if name not in seen:
                    seen.append(name)
        out = calls.stdout.read() if calls.stdout else ""
    called = out.strip().splitlines()
    assert called == [
        "Nguyễn Văn Thành",
        "Phạm Thị Hòa",
        "Vũ Đức Lợi",
        "Trần Thị Mai",
        "Đỗ Văn Khải",
        "Lê Thị Thu",
    ]
    assert seen == called
