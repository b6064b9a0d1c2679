"""Words typed under a call (F3) or an official's answer turn (ctrl+r) that is then undone
(ctrl+z): nothing typed is lost, and the biên bản never gives them to the person called by
mistake. They go back to the speech that resumes (appended to its entry), or, when no speech
was running, stay as a note with no speaker; the top line says where they went."""

from __future__ import annotations

import io

from docx import Document

from facilitator.documents import build
from tests.helpers import live_app


def paragraphs(app) -> list[str]:
    document = Document(io.BytesIO(build(app.store, app.meeting_id, "minutes")))
    return [p.text for p in document.paragraphs if p.text.strip()]


def header_of(speaker) -> str:
    return f"{speaker.title} {speaker.name} ({speaker.hamlet}) phát biểu"


def top_line(app) -> str:
    return str(app.screen.query_one("#live-message").render())


async def test_words_typed_under_an_undone_call_go_back_to_the_resumed_speech(tmp_path, clock):
    app = live_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f8", "f3", "enter")
        await pilot.pause()
        long = app.store.speaking(app.meeting_id)
        await pilot.press(*"Xin sua duong.")
        await pilot.press("f3")  # the next one, by mistake
        await pilot.pause()
        wrong = app.store.speaking(app.meeting_id)
        assert wrong.id != long.id
        await pilot.press(*"Nham loi")
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.store.speaking(app.meeting_id).id == long.id
        assert app.store.last_entry_of(wrong.id) is None  # nothing left under her name
        assert top_line(app) == f"Đã hoàn tác · phần đã gõ chuyển về {long.title} {long.name}"
        await pilot.press(*" Bo sung cong.", "f6")
        await pilot.pause()
        entry = app.store.minutes_entry(app.store.last_entry_of(long.id))
        assert entry.text == "Xin sua duong. Nham loi Bo sung cong."
        text = paragraphs(app)
        at = text.index("Xin sua duong. Nham loi Bo sung cong.")
        assert text[at - 1].startswith(header_of(long))
        assert not any(p.startswith(header_of(wrong)) for p in text)
        assert sum("Nham loi" in p for p in text) == 1


async def test_a_note_of_the_turn_does_not_take_the_words_of_an_undone_call(tmp_path, clock):
    """The speaker's words, a note (ctrl+n) during the turn, F3 by mistake, words, ctrl+z: the
    words go back to the speaker's own entry, not onto the note (the note was the turn's last
    entry, and took them, while the top line said they went back to him)."""
    app = live_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f8", "f3", "enter")
        await pilot.pause()
        long = app.store.speaking(app.meeting_id)
        speech = app.store.speech_entry_of(long.id)
        await pilot.press(*"Xin sua duong.", "ctrl+n")
        await pilot.press(*"Tam dung kiem tra loa.", "f3")  # the next one, by mistake
        await pilot.pause()
        await pilot.press(*"Nham loi", "ctrl+z")
        await pilot.pause()
        assert app.store.minutes_entry(speech).text == "Xin sua duong. Nham loi"
        notes = [e.text for e in app.store.minutes(app.meeting_id) if e.kind == "note"]
        assert notes == ["Tam dung kiem tra loa."]
        assert app.screen.editing_id == speech  # typing goes on in his words
        text = paragraphs(app)
        assert sum("Nham loi" in p for p in text) == 1


async def test_words_typed_under_an_undone_answer_turn_go_back(tmp_path, clock):
    app = live_app(tmp_path, clock, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f8", "f3", "enter")
        await pilot.pause()
        long = app.store.speaking(app.meeting_id)
        await pilot.press(*"Xin sua duong.", "ctrl+r")
        await pilot.pause()
        await pilot.press("enter")  # the chair answers, by mistake
        await pilot.pause()
        chair = app.store.speaking(app.meeting_id)
        assert chair.kind == "answer"
        await pilot.press(*"Tra loi nham")
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.store.speaking(app.meeting_id).id == long.id
        assert top_line(app) == f"Undone · the words typed moved to {long.title} {long.name}"
        await pilot.press("f6")
        await pilot.pause()
        entry = app.store.minutes_entry(app.store.last_entry_of(long.id))
        assert entry.text == "Xin sua duong. Tra loi nham"
        text = paragraphs(app)
        at = text.index("Xin sua duong. Tra loi nham")
        assert text[at - 1].startswith(header_of(long))
        assert sum("Tra loi nham" in p for p in text) == 1


async def test_words_typed_under_an_undone_first_call_stay_with_no_speaker(tmp_path, clock):
    """Nobody spoke before the call: the words stay, as a note of the phase with no speaker,
    and what is typed next goes on in that note."""
    app = live_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f8", "f3", "enter")  # the opening, then the first speaker
        await pilot.pause()
        wrong = app.store.speaking(app.meeting_id)
        await pilot.press(*"Ba con")
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.store.speaking(app.meeting_id) is None
        assert app.store.last_entry_of(wrong.id) is None
        assert top_line(app) == "Đã hoàn tác · phần đã gõ giữ lại, không gắn người nói"
        await pilot.press(*" tham du.")
        await pilot.press("ctrl+n")
        await pilot.pause()
        notes = [e for e in app.store.minutes(app.meeting_id) if "Ba con" in e.text]
        assert [(e.text, e.kind, e.speaker_id, e.phase_position) for e in notes] == [
            ("Ba con tham du.", "note", None, 2)
        ]
        text = paragraphs(app)
        at = text.index("Ba con tham du.")
        assert not any(p.startswith(header_of(wrong)) for p in text)
        assert text[at - 1].startswith("3. Nhân dân phát biểu")
