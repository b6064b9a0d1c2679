"""Words typed by people are shown as typed, never read as markup (screens/plain.py,
screens/widgets.PlainTable, FacilitatorApp.notify). Square brackets are ordinary in what a
desk or a secretary types ("[khẩn]", a reference "[/2021]"); Textual read them as style tags:
"[khẩn]" vanished from the queue and the F9 list, and a name with an unmatched closing tag
stopped the secretary's window when its speaker was called."""

from __future__ import annotations

import re

from facilitator.app import make_app
from facilitator.services.demo import demo_meeting
from facilitator.services.live import Console
from facilitator.services.meetingfile import import_meeting

NAME = "Lò [/x] Pá"
GIST = "Đề nghị [khẩn] sửa [/z] đường"
PETITION = "Kiến nghị [/k] nạo vét [b]kênh"


def shown(app) -> str:
    """The screen as a terminal would show it, as text (the whole frame composed)."""
    svg = app.export_screenshot()
    text = re.sub(r"<[^>]+>", "", svg)
    for entity, char in (("&#160;", " "), ("&amp;", "&"), ("&#x27;", "'"), ("&quot;", '"')):
        text = text.replace(entity, char)
    return text


def meeting(tmp_path, clock) -> tuple[object, int]:
    app = make_app(tmp_path / "m.db", clock=clock, export_dir=tmp_path / "out")
    data = demo_meeting()
    data["speakers"] = []
    app.meeting_id = import_meeting(app.store, data)
    Console(app.store, app.meeting_id).register(NAME, "Bản [Mòng]", GIST, "Đất [đai]")
    return app, app.meeting_id


async def test_the_secretary_calls_and_records_bracketed_words_as_typed(tmp_path, clock):
    app, mid = meeting(tmp_path, clock)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        assert GIST[:14] in shown(app)  # the queue's gist column: "[khẩn]" kept
        await pilot.press("f8", "f3", "enter")  # the call that stopped the window
        await pilot.pause()
        assert app.store.speaking(mid).name == NAME
        assert NAME in str(app.screen.query_one("#current-who").render())
        await pilot.press("f7", *PETITION, "ctrl+s")
        await pilot.pause()
        assert app.store.petitions(mid)[-1].content == PETITION
        await pilot.press("f9")
        await pilot.pause()
        assert PETITION[:20] in shown(app)  # the F9 list


async def test_the_desk_and_the_chair_show_a_bracketed_name_as_typed(tmp_path, clock):
    setup, mid = meeting(tmp_path, clock)
    Console(setup.store, mid).next_phase()
    Console(setup.store, mid).next_phase(2)
    Console(setup.store, mid).call_next()
    setup.store.close()
    desk = make_app(tmp_path / "m.db", mode="desk", clock=clock, meeting_id=mid)
    async with desk.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        await pilot.press(*"Vi [/y] Thi Mai", "enter")
        await pilot.pause()
        assert "Vi [/y] Thi Mai" in [n.message for n in desk._notifications][-1]
        assert NAME in shown(desk)
    chair = make_app(tmp_path / "m.db", mode="chair", clock=clock)
    async with chair.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        assert NAME in shown(chair)
