"""A note typed during a pause (F4, ctrl+n, the note) and the speaker's time resumed (F4):
what is typed next is the speaker's again, printed under her in the biên bản; the note stays
a note. While the editor is on a note and a speech runs, Esc goes back to the speech."""

from __future__ import annotations

import io

from docx import Document

from facilitator.documents import build
from facilitator.rules.text import titled
from tests.helpers import live_app

NOTE = "Hội nghị tạm dừng ít phút để kiểm tra lại hệ thống loa."
SAID = "Nhiều hộ còn đốt rơm rạ ven đường gây khói bụi."


def paragraphs(app) -> list[str]:
    document = Document(io.BytesIO(build(app.store, app.meeting_id, "minutes")))
    return [p.text for p in document.paragraphs if p.text.strip()]


def top_line(app) -> str:
    return str(app.screen.query_one("#live-message").render())


def editing_line(app) -> str:
    return str(app.screen.query_one("#editing").render())


async def type_text(pilot, text: str) -> None:
    # Long text is set the way a paste would be, then a key typed for the Changed event
    editor = pilot.app.screen.query_one("#editor")
    editor.insert(text[:-1])
    await pilot.press(text[-1])


async def test_resuming_after_a_pause_note_goes_back_to_the_speech(tmp_path, clock):
    app = live_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f8", "f3", "enter")
        await pilot.pause()
        her = app.store.speaking(app.meeting_id)
        who = titled(her.title, her.name)
        speech = app.store.last_entry_of(her.id)
        await type_text(pilot, "Xin phản ánh.")
        await pilot.press("f4", "f5", "ctrl+n")
        await type_text(pilot, NOTE)
        await pilot.press("f4")  # her time resumes
        await pilot.pause()
        assert top_line(app) == f"Tiếp tục ghi lời {who}"
        started = app.store.minutes_entry(speech).created_at
        assert editing_line(app).startswith(f"✎ {started:%H:%M} · #{speech} · ")
        assert f"{who} ({her.hamlet}) phát biểu" in editing_line(app)
        await pilot.press(" ")
        await type_text(pilot, SAID)
        await pilot.press("f6")
        await pilot.pause()
        assert app.store.minutes_entry(speech).text == f"Xin phản ánh. {SAID}"
        notes = [e for e in app.store.minutes(app.meeting_id) if e.text == NOTE]
        assert [e.kind for e in notes] == ["note"]
        text = paragraphs(app)
        at = text.index(f"Xin phản ánh. {SAID}")
        assert text[at - 1].startswith(f"{who} ({her.hamlet}) phát biểu")
        assert NOTE in text


async def test_esc_on_a_note_goes_back_to_the_running_speech(tmp_path, clock):
    app = live_app(tmp_path, clock, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f8", "f3", "enter")
        await pilot.pause()
        her = app.store.speaking(app.meeting_id)
        who = titled(her.title, her.name)
        speech = app.store.last_entry_of(her.id)
        await type_text(pilot, "Xin phản ánh.")
        await pilot.press("ctrl+n")
        await type_text(pilot, NOTE)
        await pilot.pause()
        app.screen.flush()
        await pilot.pause()
        assert f"Esc: back to {who}'s words" in editing_line(app)
        await pilot.press("escape")
        await pilot.pause()
        assert len(app.screen_stack) == 1  # still the live screen, no question to leave
        assert top_line(app) == f"Taking down {who}'s words again"
        assert f"#{speech} · " in editing_line(app)
        await pilot.press(*"Them.")
        app.screen.flush()
        assert app.store.minutes_entry(speech).text == "Xin phản ánh. Them."
        assert [e.kind for e in app.store.minutes(app.meeting_id) if e.text == NOTE] == ["note"]


async def test_reopened_during_her_turn_after_a_note_goes_on_with_her_words(tmp_path, clock):
    """Closed (or a power cut) while the editor was on a note of her turn: on reopening, the
    editor goes on with her speech's entry, not a new entry with no speaker."""
    from facilitator.app import make_app

    app = live_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f8", "f3", "enter")
        await pilot.pause()
        her = app.store.speaking(app.meeting_id)
        speech = app.store.last_entry_of(her.id)
        await type_text(pilot, "Xin phản ánh.")
        await pilot.press("ctrl+n")
        await type_text(pilot, NOTE)
        app.screen.flush()
        await pilot.press("ctrl+q")
        await pilot.pause()
    again = make_app(tmp_path / "m.db", clock=clock, export_dir=tmp_path / "out", meeting_id=1)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert again.screen.editing_id == speech
        assert f"#{speech} · " in editing_line(again)
        await pilot.press(*"Them.")
        again.screen.flush()
        assert again.screen.console.store.minutes_entry(speech).text == "Xin phản ánh. Them."
