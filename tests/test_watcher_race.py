"""The desk's writes reach the secretary's screen even when her own save comes first.

SQLite's data version (what the store watcher polls four times a second) counts only the
commits of other connections. The live screen marked it as seen after each of its own
autosaves and heartbeats: a registration the desk committed just before one of them, within
the quarter second before the next poll, was taken as read and never shown (a flaky test
found it: the desk's edit of a name missing from the header above the editor)."""

from __future__ import annotations

import pytest

from db.store import open_store
from facilitator.services.live import Console
from tests.helpers import live_app, wait_until


@pytest.mark.parametrize("own_write", ["autosave", "heartbeat"])
async def test_a_walk_in_from_the_desk_shows_when_an_own_save_comes_first(
    tmp_path, clock, own_write
):
    app = live_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f8", "f3", "enter")
        await pilot.press(*"Xin sua duong")
        live = app.screen
        desk = open_store(tmp_path / "m.db", clock=clock)
        Console(desk, app.meeting_id).register("Lò Văn Pá", "Bản Mòng")
        desk.close()
        # Her own write, before the watcher's next poll: the autosave after a pause in typing
        # (it has the typed words to save), or the heartbeat every ten seconds.
        getattr(live, own_write)()
        assert app.store.minutes(app.meeting_id)[-1].text == "Xin sua duong"
        await wait_until(
            pilot,
            lambda: any(s.name == "Lò Văn Pá" for s in live.speakers),
            what="the desk's walk-in in the secretary's queue",
        )
