"""Typing is never swallowed: found by a new secretary in tmux (F3 then typing at once; typing
on the conclusion screen; a field whose text the next key replaced)."""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from tests.helpers import live_app
from tests.test_bursts import key_events


async def test_typing_into_a_question_closes_it_and_lands_in_the_minutes(tmp_path, clock):
    app = live_app(tmp_path, clock)
    store, mid = app.store, app.meeting_id
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f8")  # the opening: F3 asks before leaving it
        await pilot.pause()
        for key in [events.Key("f3", None), *key_events("Bà con hỏi")]:
            app.post_message(key)  # as fast as a terminal delivers them
        await app.keys_delivered()
        await pilot.pause()
        assert type(app.screen).__name__ == "LiveScreen"
        assert app.screen.query_one("#editor").text == "Bà con hỏi"
        assert store.speaking(mid) is None  # a typed letter is not a "yes"
        assert store.meeting(mid).phase_index == 0


async def test_typing_on_the_conclusion_screen_goes_into_the_conclusion(tmp_path, clock):
    app = live_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f8", "f9")
        await pilot.pause()
        assert app.focused.id == "petitions"  # the petitions have the focus
        await pilot.press(*"Giao xã")
        await pilot.pause()
        text = app.screen.query_one("#conclusion-text")
        assert text.text == "Giao xã" and text.has_focus


async def test_a_field_coming_back_into_focus_keeps_its_text(tmp_path, clock):
    app = live_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press(*"Lò Thị Mai")
        await pilot.press("tab", "shift+tab", "x")
        await pilot.pause()
        assert app.screen.query_one("#f-name", Input).value == "Lò Thị Maix"


async def test_a_number_typed_over_a_suggested_one_replaces_it(tmp_path, clock):
    """The count suggested when concluding (120, from preparation) is replaced by what is
    typed, not added to: 85 citizens, never 12085."""
    app = live_app(tmp_path, clock)
    store, mid = app.store, app.meeting_id
    assert store.meeting(mid).citizens_present == 120
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f8", "f9")
        await pilot.pause()
        await pilot.press("f9")
        await pilot.pause()
        assert app.screen.query_one("#f-citizens_present", Input).value == "120"
        await pilot.press("8", "5", "enter")
        await pilot.pause()
        assert store.meeting(mid).citizens_present == 85


async def test_f3_before_the_meeting_is_opened_calls_nobody_and_says_f8(tmp_path, clock):
    """A trial called speakers in a meeting never opened (F8 refused: no chair): the biên bản
    had every speech above '1. Khai mạc'."""
    app = live_app(tmp_path, clock)
    store, mid = app.store, app.meeting_id
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f3")
        await pilot.pause()
        assert store.speaking(mid) is None and store.meeting(mid).status == "draft"
        assert [n.message for n in app._notifications][-1].startswith(
            "Hội nghị chưa khai mạc: nhấn F8"
        )


def test_a_second_turn_does_not_repeat_the_first_turns_gist(tmp_path, clock):
    from facilitator.services.live import Console

    app = live_app(tmp_path, clock)
    console = Console(app.store, app.meeting_id)
    console.next_phase()
    first = console.call_next()
    console.end_speech()
    again = app.store.speaker(console.follow_up(first.id))
    assert first.gist and again.gist == ""
    app.store.close()
