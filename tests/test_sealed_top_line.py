"""After "Thông qua biên bản" the top lines say the minutes are sealed: the live screen's
notice was the last one before (e.g. "Đã kết thúc lượt phát biểu"), left there for the rest
of the day."""

from __future__ import annotations

from facilitator.rules.clock import local, parse
from facilitator.services.seal import last_seal
from tests.helpers import live_app


def shown(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


async def speak_then_conclude(pilot, app) -> None:
    """F8 F3 Enter, a speech ended with F6 (its notice on the top line), F9 F9 Enter."""
    await pilot.pause()
    await pilot.press("f8", "f3", "enter")
    await pilot.pause()
    await pilot.press(*"Xin sua duong.", "f6")
    await pilot.pause()
    assert shown(app, "#live-message") == "Đã kết thúc lượt phát biểu"
    await pilot.press("f9")
    await pilot.pause()
    await pilot.press("f9")
    await pilot.pause()
    await pilot.press("enter")  # concluded
    await pilot.pause()


async def test_the_top_lines_show_the_sealed_minutes(tmp_path, clock):
    app = live_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await speak_then_conclude(pilot, app)
        await pilot.press("f8")
        await pilot.pause()
        await pilot.press("enter")  # sealed, by the secretary
        await pilot.pause()
        seal = last_seal(app.store, app.meeting_id)
        assert seal is not None
        assert shown(app, "#live-header") == (
            "Kết luận hội nghị · đã thông qua biên bản · Bình Lãng - Đông Phong · 28/10/2021"
        )
        await pilot.press("escape")  # back to the live screen
        await pilot.pause()
        at = f"{local(parse(seal.at)):%H:%M}"
        assert shown(app, "#live-message") == (f"Biên bản đã thông qua lúc {at} · mã {seal.code}")
        assert shown(app, "#live-header").endswith("Bình Lãng - Đông Phong · đã thông qua biên bản")


async def test_back_from_the_conclusion_the_last_notice_is_gone(tmp_path, clock):
    """Trial 10: concluded (not sealed), the live screen still said "Đã kết thúc lượt phát
    biểu"; its header now says the meeting is concluded, with no stale notice."""
    app = live_app(tmp_path, clock)
    async with app.run_test(size=(120, 35)) as pilot:
        await speak_then_conclude(pilot, app)
        await pilot.press("escape")  # back to the live screen
        await pilot.pause()
        assert app.store.meeting(app.meeting_id).status == "concluded"
        assert shown(app, "#live-message") == ""
        assert "đã kết luận" in shown(app, "#live-header")
