"""Snapshots of the main screens: fixed size, frozen clock, no cursor blink."""

import datetime as dt

import pytest

from facilitator.app import make_app
from facilitator.rules.clock import TZ, FrozenClock
from facilitator.services.demo import demo_meeting
from facilitator.services.live import Console
from facilitator.services.meetingfile import import_meeting


def prepared(tmp_path, lang="vi", mode="console"):
    clock = FrozenClock(dt.datetime(2021, 10, 28, 8, 0, tzinfo=TZ))
    path = tmp_path / "snap.db"
    app = make_app(path, clock=clock, lang=lang)
    meeting_id = import_meeting(app.store, demo_meeting())
    console = Console(app.store, meeting_id)
    console.next_phase()
    console.new_entry("Tuyên bố lý do, giới thiệu đại biểu.")
    clock.advance(600)
    for _ in range(2):
        console.next_phase()
    console.call_next()
    console.record_petition(
        "Đề nghị nâng cấp đường trục thôn",
        "Giao thông",
        speaker_id=console.store.speaking(meeting_id).id,
    )
    clock.advance(250)
    console.heartbeat()
    if mode == "chair":
        app.store.close()
        app = make_app(path, clock=clock, lang=lang, mode="chair")
    else:
        app.meeting_id = meeting_id
    return app


async def no_blink(pilot):
    await pilot.pause()
    for widget in pilot.app.screen.query("TextArea, Input"):
        widget.cursor_blink = False
    await pilot.pause()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_live_screen(snap_compare, tmp_path, lang):
    assert snap_compare(prepared(tmp_path, lang), terminal_size=(120, 35), run_before=no_blink)


def test_live_screen_80x24(snap_compare, tmp_path):
    assert snap_compare(prepared(tmp_path), terminal_size=(80, 24), run_before=no_blink)


def test_conclusion_screen(snap_compare, tmp_path):
    async def open_conclusion(pilot):
        await pilot.press("f9")
        await no_blink(pilot)

    assert snap_compare(prepared(tmp_path), terminal_size=(120, 35), run_before=open_conclusion)


def test_chair_view(snap_compare, tmp_path):
    assert snap_compare(
        prepared(tmp_path, mode="chair"), terminal_size=(100, 30), run_before=no_blink
    )


# Issue 13 "Done when": the live, conclusion and preparation screens at 80x24 and 120x35 in
# both languages (the combinations not already above).
def test_live_screen_80x24_en(snap_compare, tmp_path):
    assert snap_compare(prepared(tmp_path, "en"), terminal_size=(80, 24), run_before=no_blink)


@pytest.mark.parametrize(
    ("lang", "size"),
    [("vi", (80, 24)), ("en", (80, 24)), ("en", (120, 35))],
    ids=["vi-80x24", "en-80x24", "en-120x35"],
)
def test_conclusion_screen_sizes(snap_compare, tmp_path, lang, size):
    async def open_conclusion(pilot):
        await pilot.press("f9")
        await no_blink(pilot)

    assert snap_compare(prepared(tmp_path, lang), terminal_size=size, run_before=open_conclusion)


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("size", [(80, 24), (120, 35)], ids=["80x24", "120x35"])
def test_preparation_screen(snap_compare, tmp_path, lang, size):
    async def open_preparation(pilot):
        await pilot.press("ctrl+t")
        await no_blink(pilot)

    assert snap_compare(prepared(tmp_path, lang), terminal_size=size, run_before=open_preparation)


# Issue 13.7: the chair view across a room, on a laptop (80x24), a wide window (120x35) and a
# projector (200x60). The speaker has 50 s left: the last-minute warning.
@pytest.mark.parametrize("size", [(80, 24), (120, 35), (200, 60)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_chair_view_sizes(snap_compare, tmp_path, lang, size):
    app = prepared(tmp_path, lang, mode="chair")
    assert snap_compare(app, terminal_size=size, run_before=no_blink)


@pytest.mark.parametrize("size", [(80, 24), (200, 60)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_chair_view_overtime(snap_compare, tmp_path, size):
    """Overtime: bright yellow digits on dark red, "HẾT GIỜ" in words."""
    app = prepared(tmp_path, mode="chair")
    app.store.clock.advance(130)  # 1 min 20 s over the 5 minutes
    assert snap_compare(app, terminal_size=size, run_before=no_blink)


@pytest.mark.parametrize("size", [(80, 24), (200, 60)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_chair_view_readback(snap_compare, tmp_path, size):
    """Read-back of the biên bản (issue 16.2): page 2 as the secretary turned to it."""
    from db.store import open_store
    from facilitator.services.demo import play_demo
    from facilitator.services.readback import ReadBack

    clock = FrozenClock(dt.datetime(2021, 10, 28, 8, 0, tzinfo=TZ))
    path = tmp_path / "snap.db"
    store = open_store(path, clock=clock)
    console = Console(store, import_meeting(store, demo_meeting()))
    play_demo(console, clock.advance)
    ReadBack(console).turn(1)
    store.close()
    app = make_app(path, clock=clock, mode="chair")
    assert snap_compare(app, terminal_size=size, run_before=no_blink)
