"""The keyboard: a paste never loses text, keeps its order, loses its escape sequences,
control characters and bidirectional overrides (issue 12.5)."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual._xterm_parser import XTermParser

from facilitator.app import make_app
from facilitator.rules.clock import FrozenClock
from facilitator.rules.text import MAX_LONG, clean, split_long
from facilitator.services.demo import demo_meeting
from facilitator.services.live import Console
from facilitator.services.meetingfile import import_meeting
from screens.widgets import NfcTextArea, install_paste_filter


def live_app(tmp_path: Path, clock: FrozenClock):
    app = make_app(tmp_path / "m.db", clock=clock)
    app.meeting_id = import_meeting(app.store, demo_meeting())
    return app


def parse(*chunks: str) -> list:
    install_paste_filter()
    parser = XTermParser()
    out: list = []
    for chunk in chunks:
        out += list(parser.feed(chunk))
    return out


def test_a_bracketed_paste_with_an_escape_sequence_stays_one_paste_in_order():
    paste = "\x1b[200~AA1 \x1b[2J BB1 \u202eEVIL\u202c end\x1b[201~"
    got = parse(paste)
    assert [type(e) for e in got] == [events.Paste]
    assert got[0].text == "AA1  BB1 EVIL end"
    # the same paste cut anywhere by the terminal's reads
    for cut in range(1, len(paste)):
        got = parse(paste[:cut], paste[cut:])
        assert [type(e) for e in got] == [events.Paste], cut
        assert got[0].text == "AA1  BB1 EVIL end", cut


def test_keys_outside_a_paste_are_untouched():
    keys = parse("ab\x1b[A")
    assert [k.key for k in keys] == ["a", "b", "up"]


def test_escape_sequences_and_bidirectional_controls_removed_in_order():
    assert clean("AA1 \x1b[2J BB1") == "AA1 BB1"
    assert clean("a\x1b]0;title\x07b\x1b[1;31mc") == "abc"
    assert clean("Nguyễn \u202eVăn\u202c \u2066An\u2069 \u200f") == "Nguyễn Văn An"


def test_split_long_keeps_every_word():
    words = " ".join(f"w{i}" for i in range(6000))  # ~ 40,000 characters
    pieces = split_long(words, MAX_LONG)
    assert all(len(p) <= MAX_LONG for p in pieces) and len(pieces) == 2
    assert " ".join(pieces) == words


def test_over_long_text_is_split_into_entries_never_refused(store, meeting_id):
    console = Console(store, meeting_id, backup=lambda reason: None)
    console.next_phase()
    first = console.new_entry("mở đầu")
    text = "mở đầu " + " ".join(["ý kiến"] * 8000)  # 55,000 characters
    last = console.save_entry(first, text)
    entries = [e for e in store.minutes(meeting_id) if e.kind == "note"]
    assert entries[0].id == first and entries[-1].id == last and len(entries) == 3
    assert " ".join(e.text for e in entries) == text


def test_saving_an_entry_another_window_removed_writes_it_again(store, meeting_id):
    console = Console(store, meeting_id, backup=lambda reason: None)
    entry = console.new_entry("lời")
    store.delete("minutes", entry)
    again = console.save_entry(entry, "lời nói thêm")
    assert again != entry and store.minutes_entry(again).text == "lời nói thêm"


async def test_a_20000_character_paste_survives_the_next_speaker(tmp_path, clock):
    app = live_app(tmp_path, clock)
    store, mid = app.store, app.meeting_id
    pasted = " ".join(f"câu{i}" for i in range(4000))  # 27,000 characters with the spaces
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        await pilot.press("f8", "f3", "enter")
        speaker = store.speaking(mid)
        await pilot.press("a", "b")
        app.post_message(events.Paste(pasted))  # as the terminal driver delivers it
        await pilot.pause()
        await pilot.press("f3")  # the next speaker: what was pasted must be saved first
        await pilot.pause()
        assert store.speaking(mid).id != speaker.id
        texts = [e.text for e in store.minutes(mid) if e.speaker_id == speaker.id and e.text]
        assert " ".join(texts) == "ab" + pasted
        assert all(len(t) <= MAX_LONG for t in texts)


async def test_a_paste_into_the_editor_loses_escape_sequences_and_keeps_order(tmp_path, clock):
    app = live_app(tmp_path, clock)
    store, mid = app.store, app.meeting_id
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f8")
        await pilot.press("A", "A", "1", "space")
        editor = app.screen.query_one("#editor", NfcTextArea)
        app.post_message(events.Paste("\x1b[2J BB1 \u202eCC1\u202c\x07"))
        await pilot.pause()
        assert editor.text == "AA1  BB1 CC1"
        await pilot.press("ctrl+n")  # a new entry: this one is saved
        await pilot.pause()
        assert [e.text for e in store.minutes(mid) if e.kind == "note"] == ["AA1 BB1 CC1"]
