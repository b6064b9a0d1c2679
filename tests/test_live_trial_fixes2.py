"""The live screen after a second new-secretary trial: the countdown runs after a restart
mid-speech, an undone call goes back to the entry of the speech that resumed, one key goes
back from an earlier entry to the current one, and the official's answer dialog ticks a
petition with the keys its help line names."""

from __future__ import annotations

from db.store import open_store
from facilitator.app import make_app
from screens.widgets import NfcTextArea
from tests.helpers import live_app, wait_until


def countdown(app) -> str:
    return str(app.screen.query_one("#countdown").render())


async def test_countdown_runs_after_a_restart_mid_speech(tmp_path, clock):
    """F8, F3, a minute and a few words, the app closed (ctrl+q) and opened again: the
    countdown goes on by itself, no key pressed (it stayed on "05:01 ĐANG NÓI")."""
    app = live_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f8", "f3", "enter")
        await pilot.pause()
        clock.advance(59)
        await pilot.press("f5", *"Xin ")
        await pilot.pause()
        assert app.screen.slot is not None
        await pilot.press("ctrl+q")
        meeting_id = app.meeting_id
    again = make_app(tmp_path / "m.db", clock=clock, export_dir=tmp_path / "out")
    again.meeting_id = meeting_id
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        first = countdown(again)
        assert first.startswith("05:01")
        clock.advance(3)
        await wait_until(pilot, lambda: countdown(again).startswith("04:58"), what="ticks")
        assert again.screen.query_one("#editor", NfcTextArea).text.startswith("Xin")


async def test_ctrl_r_tab_space_ticks_a_petition(tmp_path, clock):
    """Ctrl+R, Tab, Space ticks the first petition, Down, Space the second, as the dialog's
    help line says ("Tab, Space: chọn/bỏ"); Enter starts the chair's turn tied to the two (Tab
    went to the officials' list, and Down, Space, Enter started another official's turn)."""
    from textual.widgets import OptionList

    app = live_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f8", "ctrl+r")
        await pilot.pause()
        dialog = app.screen
        assert dialog.chosen == set()
        await pilot.press("tab")
        petitions = dialog.query_one("#answer-petitions", OptionList)
        assert dialog.focused is petitions
        await pilot.press("space", "down", "space")
        first, second = dialog.petitions[0], dialog.petitions[1]
        assert dialog.chosen == {first.id, second.id}
        assert str(petitions.get_option_at_index(0).prompt).startswith("[x] ")
        await pilot.press("enter")
        await pilot.pause()
        chair = app.store.meeting(app.meeting_id).chair_name
        speaking = app.store.speaking(app.meeting_id)
        assert speaking is not None and speaking.name == chair
        assert app.screen.console.answered_in(speaking.id) == [
            app.store.petition(first.id),
            app.store.petition(second.id),
        ]
        message = str(app.screen.query_one("#live-message").render())
        assert message == f"{chair} trả lời 2 kiến nghị · F7: ghi trả lời"


def minutes_paragraphs(app) -> list[str]:
    import io

    from docx import Document

    from facilitator.documents import build

    document = Document(io.BytesIO(build(app.store, app.meeting_id, "minutes")))
    return [p.text for p in document.paragraphs if p.text.strip()]


def said_under(app, speaker) -> str:
    """The biên bản's one paragraph with "Bo sung cong.", which must come right under the
    speaker's header line."""
    paragraphs = minutes_paragraphs(app)
    at = [i for i, p in enumerate(paragraphs) if "Bo sung cong." in p]
    assert len(at) == 1
    header = paragraphs[at[0] - 1]
    assert header.startswith(f"{speaker.title} {speaker.name} ({speaker.hamlet}) phát biểu")
    return paragraphs[at[0]]


async def test_typing_after_an_undone_call_goes_to_the_resumed_speech(tmp_path, clock):
    """Ông Long speaks; F3 calls the next by mistake; ctrl+z: Long's turn resumes, and the
    editor is back on his entry: what is typed next is his (it went into an entry with no
    speaker, printed after another petition's result)."""
    app = live_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f8", "f3", "enter")
        await pilot.pause()
        long = app.store.speaking(app.meeting_id)
        await pilot.press(*"Xin sua duong.")
        await pilot.press("f3")  # the next one, by mistake
        await pilot.pause()
        assert app.store.speaking(app.meeting_id).id != long.id
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.store.speaking(app.meeting_id).id == long.id
        label = str(app.screen.query_one("#editing").render())
        assert long.name in label and "Đoạn mới" not in label
        await pilot.press(*" Bo sung cong.", "f6")
        await pilot.pause()
        entry = app.store.minutes_entry(app.store.last_entry_of(long.id))
        assert entry.text == "Xin sua duong. Bo sung cong."
        assert entry.kind == "speech"
        assert said_under(app, long) == "Xin sua duong. Bo sung cong."


async def test_typing_after_an_undone_answer_turn_goes_to_the_resumed_speech(tmp_path, clock):
    """The same after ctrl+z of a ctrl+r (an official's answer started by mistake)."""
    app = live_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f8", "f3", "enter")
        await pilot.pause()
        long = app.store.speaking(app.meeting_id)
        await pilot.press(*"Xin sua duong.", "ctrl+r", "enter")
        await pilot.pause()
        assert app.store.speaking(app.meeting_id).kind == "answer"
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.store.speaking(app.meeting_id).id == long.id
        await pilot.press(*" Bo sung cong.", "f6")
        await pilot.pause()
        entry = app.store.minutes_entry(app.store.last_entry_of(long.id))
        assert entry.text == "Xin sua duong. Bo sung cong."
        assert said_under(app, long) == "Xin sua duong. Bo sung cong."


async def test_esc_goes_back_from_an_earlier_entry_to_the_current_one(tmp_path, clock):
    """Tab to the earlier minutes, Home, Enter: the first entry is corrected, the editing line
    says "Esc: về đoạn đang ghi"; Esc goes back to the speech being written (the secretary had
    to Tab, Tab, Down ×15, Enter), and the list's End / Home go to the last / first row
    instead of scrolling sideways (the "Giờ Biên bản" header went out of sight)."""
    from screens.widgets import MinutesLog

    app = live_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f8", "f3", "enter")
        await pilot.pause()
        speaker = app.store.speaking(app.meeting_id)
        current = app.store.last_entry_of(speaker.id)
        await pilot.press(*"Xin sua duong.")
        log = app.screen.query_one(MinutesLog)
        while app.screen.focused is not log:
            await pilot.press("tab")
        await pilot.press("end")
        assert (log.cursor_row, log.scroll_x) == (log.row_count - 1, 0)
        await pilot.press("home")
        assert (log.cursor_row, log.scroll_x) == (0, 0)
        first = int(str(log.coordinate_to_cell_key(log.cursor_coordinate).row_key.value))
        await pilot.press("enter")
        await pilot.pause()
        editor = app.screen.query_one("#editor", NfcTextArea)
        assert editor.has_focus
        label = str(app.screen.query_one("#editing").render())
        assert label.startswith(f"✎ 08:00 · #{first} · Esc: về đoạn đang ghi")
        await pilot.press(*"(sua)")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is not None and app.screen.editing_id == current
        assert editor.has_focus and editor.text == "Xin sua duong. "
        label = str(app.screen.query_one("#editing").render())
        assert speaker.name in label and "Esc" not in label
        assert str(app.screen.query_one("#live-message").render()) == "Đã về đoạn đang ghi"
        assert app.store.minutes_entry(first).text.endswith("(sua)")
        await pilot.press(*"Bo sung.", "f6")
        await pilot.pause()
        assert app.store.minutes_entry(current).text == "Xin sua duong. Bo sung."
        # From the current entry Esc leaves, as before (asked first while the meeting is live).
        await pilot.press("escape")
        await pilot.pause()
        from screens.forms import ConfirmScreen

        assert isinstance(app.screen, ConfirmScreen)


async def test_esc_back_to_the_current_entry_in_english(tmp_path, clock):
    from screens.widgets import MinutesLog

    app = live_app(tmp_path, clock, lang="en")
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        await pilot.press("f8", *"Opening words")
        log = app.screen.query_one(MinutesLog)
        while app.screen.focused is not log:
            await pilot.press("tab")
        await pilot.press("home", "enter")
        await pilot.pause()
        assert "Esc: back to the current entry" in str(app.screen.query_one("#editing").render())
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.query_one("#editor", NfcTextArea).text == "Opening words "
        assert str(app.screen.query_one("#live-message").render()) == "Back to the current entry"


async def test_a_stop_typed_first_after_a_restart_takes_the_place_of_the_space(tmp_path, clock):
    """The resumed entry is shown with a space after its last word, so the next words do not
    stick to it. A stop typed first takes that space's place ("năm nay." as typed, not "năm nay
    ."; trial 6), and so does a space typed first (one space, not two); a word keeps it."""
    app = live_app(tmp_path, clock)

    async def restart_and_type(keys: str) -> str:
        again = make_app(tmp_path / "m.db", clock=clock, export_dir=tmp_path / "out")
        again.meeting_id = app.meeting_id
        async with again.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            editor = again.screen.query_one("#editor", NfcTextArea)
            await pilot.press(*keys)
            await pilot.pause()
            shown = editor.text
            await pilot.press("ctrl+q")
        store = open_store(tmp_path / "m.db", clock=clock)
        speech = [e for e in store.minutes(app.meeting_id) if e.kind == "speech"]
        store.close()
        assert speech[-1].text == shown  # saved as shown
        return shown

    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f8", "f3", "enter")
        await pilot.pause()
        await pilot.press(*"trong nam nay")
        await pilot.press("ctrl+q")
    assert await restart_and_type(".") == "trong nam nay."
    assert await restart_and_type(" Ba con") == "trong nam nay. Ba con"
    assert await restart_and_type("xin") == "trong nam nay. Ba con xin"


async def test_a_restart_after_an_undone_call_goes_on_with_the_speech_that_runs(tmp_path, clock):
    """Trial 7: ctrl+r (the chair answers), words; F3 by mistake, words; ctrl+z (those words go
    back to the chair's turn); more words;
    ctrl+q and open again: what is typed goes on in the chair's entry (it went into a new entry
    with no speaker, printed after the next speaker's petition in the biên bản)."""
    app = live_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f8", "f3", "enter")  # open, the first speaker
        await pilot.pause()
        await pilot.press("ctrl+r")
        await pilot.pause()
        await pilot.press("enter")  # the chair answers
        await pilot.pause()
        chair = app.store.speaking(app.meeting_id)
        await pilot.press(*"Tra loi A")
        await pilot.press("f3")
        await pilot.pause()
        await pilot.press(*"Nham")
        await pilot.press("ctrl+z")
        await pilot.pause()
        await pilot.press(*"va B")
        await pilot.press("ctrl+q")
        meeting_id = app.meeting_id
    again = make_app(tmp_path / "m.db", clock=clock, export_dir=tmp_path / "out")
    again.meeting_id = meeting_id
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*". Xong")
        await pilot.press("f6")
        await pilot.pause()
        entry = again.store.minutes_entry(again.store.last_entry_of(chair.id))
        # "Nham", typed under the undone call, went back to the chair's turn with the undo.
        assert entry.text == "Tra loi A Nham va B. Xong"


async def test_the_minutes_list_keeps_its_place_while_the_secretary_reads_it(tmp_path, clock):
    """Tab to the earlier minutes, Home: the cursor stays on the first entry when the rest of
    the list arrives a second after start-up and when the desk registers a walk-in (both
    sent it back to the last entry, under her eyes); away from the list, it follows the
    latest entry as before."""
    from facilitator.services.live import Console
    from screens.widgets import MinutesLog

    app = live_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f8", "f3", "enter")
        await pilot.press(*"Xin sua duong.", "f6")
        await pilot.pause()
        log = app.screen.query_one(MinutesLog)
        while app.screen.focused is not log:
            await pilot.press("tab")
        await pilot.press("home")
        first = log.coordinate_to_cell_key(log.cursor_coordinate).row_key.value
        app.screen.sync_log()  # the whole list, as a second after start-up
        assert log.cursor_row == 0
        desk = open_store(tmp_path / "m.db", clock=clock)
        Console(desk, app.meeting_id).register("Lò Văn Pá", "Bản Mòng")
        desk.close()
        await wait_until(
            pilot,
            lambda: any(s.name == "Lò Văn Pá" for s in app.screen.speakers),
            what="the desk's walk-in on the live screen",
        )
        assert log.coordinate_to_cell_key(log.cursor_coordinate).row_key.value == first
        assert log.cursor_row == 0
        await pilot.press("tab")  # away from the list: it follows the latest entry again
        app.screen.sync_log()
        assert log.cursor_row == log.row_count - 1
