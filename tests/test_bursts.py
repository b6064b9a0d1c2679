"""Bursts of keys (a scanner, a paste without bracketed paste) behave exactly like the same keys
typed slowly: delivered here as a terminal delivers them, many key events posted at once."""

from __future__ import annotations

import unicodedata

from textual import events
from textual.widgets import Input, Select

from facilitator.app import make_app
from facilitator.services.demo import demo_meeting
from facilitator.services.meetingfile import import_meeting


def key_events(text: str) -> list[events.Key]:
    """The key events a terminal reports for ``text``: Tab and Enter as keys."""
    out = []
    for ch in text:
        if ch == "\t":
            out.append(events.Key("tab", None))
        elif ch == "\n":
            out.append(events.Key("enter", "\r"))
        elif ch == "\b":
            out.append(events.Key("backspace", "\x7f"))
        elif ch == " ":
            out.append(events.Key("space", " "))
        else:
            out.append(events.Key(ch, ch))
    return out


async def burst(app, text: str) -> None:
    """Every key posted without waiting between them, then until all are handled."""
    for key in key_events(text):
        app.post_message(key)
    await app.keys_delivered()


def live_app(tmp_path, clock):
    app = make_app(tmp_path / "m.db", clock=clock)
    data = demo_meeting()
    data["speakers"] = []
    app.meeting_id = import_meeting(app.store, data)
    return app


def desk_app(tmp_path, clock):
    path = tmp_path / "m.db"
    setup = make_app(path, clock=clock)
    data = demo_meeting()
    data["speakers"] = []
    mid = import_meeting(setup.store, data)
    setup.store.close()
    return make_app(path, mode="desk", clock=clock, meeting_id=mid), mid


async def test_f2_burst_name_tab_hamlet_fills_two_fields(tmp_path, clock):
    app = live_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        form = app.screen
        # name, Tab, hamlet, Tab past the title (guessed Ông from "Văn"), gist: one burst
        await burst(app, "Mã Văn Lường\tXóm Giữa\t\tĐường ngập")
        await pilot.pause()
        assert form.query_one("#f-name", Input).value == "Mã Văn Lường"
        assert form.query_one("#f-title", Select).value == "Ông"
        assert form.query_one("#f-hamlet", Input).value == "Xóm Giữa"
        assert form.query_one("#f-gist", Input).value == "Đường ngập"
        await burst(app, "\b\b\bnước")  # editing keys in a burst act in their place too
        await pilot.pause()
        assert form.query_one("#f-gist", Input).value == "Đường nnước"
        await burst(app, "\n")  # Enter saves, from any field
        await pilot.pause()
        speakers = app.store.speakers(app.meeting_id)
        assert [(s.name, s.title, s.hamlet, s.gist) for s in speakers] == [
            ("Mã Văn Lường", "Ông", "Xóm Giữa", "Đường nnước")
        ]


async def test_desk_burst_name_tab_hamlet_fills_two_fields(tmp_path, clock):
    app, mid = desk_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await burst(app, "Mã Văn Lường\tXóm Giữa\n")
        await pilot.pause()
        assert [(s.name, s.title, s.hamlet) for s in app.store.speakers(mid)] == [
            ("Mã Văn Lường", "Ông", "Xóm Giữa")
        ]
        # after the save the name field has the focus again: the next burst goes there
        await burst(app, "Lò Thị Mai\tBản Mới\n")
        await pilot.pause()
        assert [(s.name, s.hamlet) for s in app.store.speakers(mid)][-1] == (
            "Lò Thị Mai",
            "Bản Mới",
        )


async def test_a_burst_of_nfd_keys_queued_at_the_field_keeps_every_key(tmp_path, clock):
    # Keys already queued at the field when it normalises what came before them.
    app, _ = desk_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        field = app.screen.query_one("#desk-name", Input)
        for key in key_events(unicodedata.normalize("NFD", "Nguyễn Văn Thành")):
            key._set_forwarded()
            field.post_message(key)
        await pilot.pause()
        await app.keys_delivered()
        assert field.value == "Nguyễn Văn Thành"
        assert field.cursor_position == len("Nguyễn Văn Thành")  # where the next key goes
        await pilot.press("space", "A")
        assert field.value == "Nguyễn Văn Thành A"


async def test_ctrl_s_right_after_typing_saves_every_character(tmp_path, clock):
    """F7, the petition typed fast, Ctrl+S at once: every character is in the saved petition
    (Ctrl+S waited for the characters before it, as when typed slowly)."""
    app = live_app(tmp_path, clock)
    text = "Công khai mức thu học phí mầm non năm học 2026–2027."
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        await pilot.press("f7")
        await pilot.pause()
        for key in [*key_events(text), events.Key("ctrl+s", None)]:
            app.post_message(key)
        await app.keys_delivered()
        await pilot.pause()
        assert [p.content for p in app.store.petitions(app.meeting_id)][-1] == text


async def test_ctrl_n_right_after_typing_keeps_the_entry_whole(tmp_path, clock):
    app = live_app(tmp_path, clock)
    text = "Bà con hỏi về đường trục thôn."
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        await pilot.press("f8")
        await pilot.pause()
        for key in [*key_events(text), events.Key("ctrl+n", None), *key_events("Tiếp")]:
            app.post_message(key)
        await app.keys_delivered()
        # read before the autosave (0.3 s after the last key) may save "Tiếp" on a slow machine
        texts = [e.text for e in app.store.minutes(app.meeting_id)]
        await pilot.pause()
        assert texts[-1] == text  # saved whole before the new entry began
        assert app.screen.query_one("#editor").text == "Tiếp"  # the new entry, not yet saved
