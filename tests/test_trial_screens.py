"""A new secretary's trial in tmux at 80x24 (issue uifix-a): keys as a secretary presses them."""

from __future__ import annotations

from textual.widgets import Input

from facilitator.app import make_app
from tests.helpers import live_app, wait_until


async def test_tab_past_the_last_field_then_enter_saves_a_new_meeting(tmp_path, clock):
    app = make_app(tmp_path / "m.db", clock=clock, export_dir=tmp_path / "out")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        form = app.screen
        assert type(form).__name__ == "FormScreen"
        form.query_one("#f-commune", Input).value = "Bình Lãng"
        await pilot.press("tab")  # to the village
        app.screen.query_one("#f-village", Input).value = "Đông Phong"
        for _ in range(7):  # past the last field: the focus stays on a field
            await pilot.press("tab")
            assert isinstance(form.focused, Input)
        await pilot.press("enter")
        await pilot.pause()
        errors = [str(s.render()) for s in form.query(".form-error")]
        assert app.screen is not form, errors
        assert [m.village for m in app.store.meetings()] == ["Đông Phong"]


async def test_capital_letters_do_what_the_key_line_says(tmp_path, clock):
    app = live_app(tmp_path, clock)
    app.meeting_id = None
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        home = app.screen
        await pilot.press("N")  # a letter on the list looks for a thôn: never a command
        await pilot.pause()
        assert app.screen is home
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is home
        await pilot.press("f5")
        await pilot.pause()
        followup = app.screen
        assert type(followup).__name__ == "FollowUpScreen"
        assert followup.overdue_only is False
        await pilot.press("O")  # a letter is never a command here either
        await pilot.pause()
        assert followup.overdue_only is False
        await pilot.press("f2")  # "F2 Chỉ quá hạn"
        await pilot.pause()
        assert followup.overdue_only is True


async def call_next(pilot, app) -> None:
    if app.store.meeting(app.meeting_id).status == "draft":
        await pilot.press("f8")  # F3 calls only in an opened meeting
        await pilot.pause()
    await pilot.press("f3")
    await pilot.pause()
    if type(app.screen).__name__ == "ConfirmScreen":  # still in the opening: move on
        await pilot.press("enter")
        await pilot.pause()


async def test_the_queue_cursor_follows_calls_and_forms_name_the_person(tmp_path, clock):
    from screens.widgets import QueueTable

    app = live_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        live = app.screen
        queue = live.query_one(QueueTable)
        speakers = [s for s in app.store.speakers(app.meeting_id) if s.kind != "answer"]
        await call_next(pilot, app)
        await call_next(pilot, app)  # the first has spoken, the second speaks
        waiting = [s for s in app.store.speakers(app.meeting_id) if s.state == "waiting"]
        assert queue.selected_id() == str(waiting[0].id)  # the next one, not an old row
        queue.focus()
        await pilot.press("end")
        assert queue.cursor_row == queue.row_count - 1
        await pilot.press("home")
        assert queue.selected_id() == str(speakers[0].id)
        await pilot.press("ctrl+g")  # the first speaker has spoken: asked by name
        await pilot.pause()
        first = speakers[0]
        question = str(app.screen.query_one("#form-title").render())
        assert f"{first.title} {first.name}" in question
        await pilot.press("escape")
        await pilot.pause()
        queue.focus()
        await pilot.press("end")
        last = app.store.speaker(int(queue.selected_id()))
        assert last.state == "waiting"
        await pilot.press("delete")
        await pilot.pause()
        title = str(app.screen.query_one("#form-title").render())
        assert title == f"Vắng mặt: {last.title} {last.name}"


async def test_a_folder_typed_in_the_export_dialog_is_not_taken_as_exports(tmp_path, clock):
    from textual.widgets import OptionList

    app = live_app(tmp_path, clock)
    typed = tmp_path / "trial1" / "x5"
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f10")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog.focused, OptionList)
        await pilot.press(*str(typed))  # typed while the list has the focus
        folder = dialog.query_one("#export-folder", Input)
        await wait_until(pilot, lambda: folder.value == str(typed))
        assert dialog.query_one("#export-folder", Input).value == str(typed)
        assert dialog.query_one("#export-date", Input).value == "20/10/2021"
        assert not (tmp_path / "out").exists()  # no "1" or "5" exported anything
        await pilot.press("tab", "tab")  # past the date: the list
        assert isinstance(dialog.focused, OptionList)
        await pilot.press("1")
        await wait_until(pilot, lambda: list(typed.glob("*.docx")), timeout=10)
        assert [p.name for p in typed.glob("*.docx")] == [
            "2021-10-28_dong-phong_thong-bao-to-chuc.docx"
        ]
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("f10")  # the folder is remembered for the session
        await pilot.pause()
        assert app.screen.query_one("#export-folder", Input).value == str(typed)


async def test_esc_leaves_a_concluded_meeting_for_the_list(tmp_path, clock):
    from facilitator.services.conclusion import conclude
    from facilitator.services.live import Console

    app = live_app(tmp_path, clock)  # as `run ID`: no list below the meeting
    conclude(Console(app.store, app.meeting_id), "Kết luận.")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "LiveScreen"
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
        await pilot.press("enter")  # and back into it
        await pilot.pause()
        assert type(app.screen).__name__ == "LiveScreen"
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
        # Nothing piles up: the list alone (the live screen opened by `run ID` is the App's
        # first screen, with no blank screen under it).
        assert [type(s).__name__ for s in app.screen_stack] == ["HomeScreen"]


async def test_esc_on_a_live_meeting_asks_first(tmp_path, clock):
    app = live_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f8")  # the meeting is under way
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmScreen"
        await pilot.press("escape")  # no: still on the meeting
        await pilot.pause()
        assert type(app.screen).__name__ == "LiveScreen"
        await pilot.press("escape", "enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"


async def test_the_key_line_of_a_concluded_meeting_shows_esc(tmp_path, clock):
    from facilitator.services.conclusion import conclude
    from facilitator.services.live import Console
    from screens.keybar import KeyBar

    app = live_app(tmp_path, clock)
    conclude(Console(app.store, app.meeting_id), "Kết luận.")
    async with app.run_test(size=(120, 30)) as pilot:  # at 80 columns the F-keys take it all
        await pilot.pause()
        line = str(app.screen.query_one(KeyBar).render())
        assert line.endswith("F10 Xuất Esc Danh sách"), line


async def test_the_header_above_the_editor_follows_an_edited_speaker(tmp_path, clock):
    from textual.widgets import Select

    from db.store import open_store
    from facilitator.services.live import Console
    from screens.widgets import QueueTable

    app = live_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await call_next(pilot, app)
        live = app.screen
        label = live.query_one("#editing")
        assert "Ông Nguyễn Văn Thành (xóm Đình) phát biểu:" in str(label.render())
        queue = live.query_one(QueueTable)
        queue.focus()
        await pilot.press("home", "enter")  # the speaker's form
        await pilot.pause()
        app.screen.query_one("#f-title", Select).value = "Bà"
        app.screen.query_one("#f-name", Input).value = "Nguyễn Thị Thành"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is live
        assert "Bà Nguyễn Thị Thành (xóm Đình) phát biểu:" in str(label.render())
        # an edit at the desk (another connection) shows within a poll
        desk = open_store(tmp_path / "m.db", clock=clock)
        speaker = desk.speakers(app.meeting_id)[0]
        Console(desk, app.meeting_id).edit_speaker(speaker.id, name="Nguyễn Thị Thanh")
        desk.close()
        await wait_until(pilot, lambda: "Bà Nguyễn Thị Thanh (xóm Đình)" in str(label.render()))
        assert "Bà Nguyễn Thị Thanh (xóm Đình) phát biểu:" in str(label.render())


async def test_outcome_keys_in_the_decision_form_and_no_name_in_the_due_date(tmp_path, clock):
    from textual.widgets import Select

    app = live_app(tmp_path, clock, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f9")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConclusionScreen"
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert type(form).__name__ == "FormScreen"
        kind = form.query_one("#f-kind", Select).value
        await pilot.press("f2")  # answered: the outcome, not the kind, and on to the answer
        assert form.query_one("#f-outcome", Select).value == "answered"
        assert form.query_one("#f-kind", Select).value == kind
        assert form.focused.id == "f-answer"
        form.query_one("#f-responsible", Input).value = ""
        await pilot.press("f3")  # assigned: who first, while nobody is named
        assert form.query_one("#f-outcome", Select).value == "assigned"
        assert form.focused.id == "f-responsible"
        await pilot.press(*"Le", "tab")
        assert form.focused.id == "f-task"
        await pilot.press("tab")
        due = form.query_one("#f-due", Input)
        before = due.value
        await pilot.press(*"Le")  # typed on: not taken as a date
        assert due.value == before
        assert "date only" in str(form.query_one("#err-due").render())
        await pilot.press("f4")
        assert form.focused.id == "f-forwarded_to"


async def test_phase_lines_in_the_minutes_are_english_in_the_english_ui(tmp_path, clock):
    from screens.widgets import MinutesLog

    app = live_app(tmp_path, clock, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f8", "f8")
        await pilot.pause()
        log = app.screen.query_one(MinutesLog)
        lines = [str(log.get_row_at(i)[1]) for i in range(log.row_count)]
        assert lines[:2] == ["1. Opening", "2. Report"], lines
        phases = [e.text for e in app.store.minutes(app.meeting_id) if e.kind == "phase"]
        assert phases[0] == "1. Khai mạc"  # the record stays Vietnamese


async def test_the_live_screen_at_80x24_cuts_no_words(tmp_path, clock):
    from rich.cells import cell_len

    from screens.widgets import QueueTable

    app = live_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f8")  # the meeting opens
        await call_next(pilot, app)  # "Mời …" on the top line beside the header
        live = app.screen
        header = live.query_one("#live-header")
        text = str(header.render())
        assert text == "08:00 · Bình Lãng - Đông Phong · 3. Nhân dân phát biểu"
        assert cell_len(text) <= header.region.width - 2
        queue = live.query_one(QueueTable)
        used = sum(c.get_render_width(queue) for c in queue.columns.values())
        assert used <= queue.region.width - 1  # every column shown is whole
        await pilot.press("f9")
        await pilot.pause()
        await pilot.press("f9")  # conclude
        await pilot.pause()
        if type(app.screen).__name__ != "ConclusionScreen":
            await pilot.press("enter")
            await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        status = live.query_one("#queue-status")
        text = str(status.render())
        assert text.startswith("Kết luận lúc"), text
        assert cell_len(text) <= status.region.width - 2


async def test_the_english_home_key_line_is_whole_at_80_columns(tmp_path, clock):
    from screens.keybar import KeyBar

    app = live_app(tmp_path, clock, lang="en")
    app.meeting_id = None
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        line = str(app.screen.query_one(KeyBar).render())
        assert "F6Commune profile" in line and line.endswith("F10Export"), line


async def test_the_conclusion_outcomes_are_whole_words_at_80x24(tmp_path, clock):
    from facilitator.services.conclusion import decide
    from facilitator.services.live import Console

    app = live_app(tmp_path, clock)
    console = Console(app.store, app.meeting_id)
    petitions = app.store.petitions(app.meeting_id)
    decide(console, petitions[0].id, "noted")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f9")
        await pilot.pause()
        table = app.screen.query_one("#petitions")
        outcomes = [str(table.get_row_at(i)[2]) for i in range(table.row_count)]
        assert outcomes[0] == "ghi nhận"
        assert "chưa xử lý" in outcomes
        width = next(c.width for c in table.columns.values() if str(c.key.value) == "col.outcome")
        assert all(len(o) <= width for o in outcomes)
        right = sum(c.get_render_width(table) for c in list(table.columns.values())[:3])
        assert right <= table.region.width - 1  # the outcome column is on screen whole


async def test_the_desk_at_80x24_cuts_no_words(tmp_path, clock):
    from rich.cells import cell_len

    from facilitator.app import make_app

    app = make_app(tmp_path / "m.db", clock=clock, mode="desk")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        box = app.screen.query_one("#desk-priority")
        assert "Ưu tiên (cao tuổi, khuyết tật)" in str(box.label)
        assert cell_len(str(box.label)) + 4 <= box.content_region.width
        hint = app.screen.query_one("#form-hint")
        assert hint.region.height == 1
        assert cell_len(str(hint.render())) <= hint.region.width


async def test_the_gist_of_the_speaker_is_whole_or_marked_cut_at_80x24(tmp_path, clock):
    from rich.cells import cell_len

    app = live_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f8")
        await call_next(pilot, app)
        who = app.screen.query_one("#current-who")
        lines = str(who.render()).split("\n")
        assert lines[0].startswith("Đang phát biểu: Ông Nguyễn Văn Thành")
        gist = lines[-1]
        assert gist.startswith("Đường trục thôn") and gist.endswith("…"), lines
        assert cell_len(gist) <= who.content_size.width


async def test_a_due_date_beyond_the_legal_limit_is_warned_in_the_decision_form(tmp_path, clock):
    """The trial: 25/11/2021 typed for a meeting of 28/10/2021 (limit 18/11/2021)."""
    for lang, words in (
        ("vi", "⚠ quá hạn trả lời theo luật: 15 ngày làm việc, chậm nhất 18/11/2021"),
        ("en", "⚠ beyond the legal answer period: 15 working days, at the latest 18/11/2021"),
    ):
        app = live_app(tmp_path / lang, clock, lang=lang)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("f9")
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            form = app.screen
            await pilot.press("f3", *"Le", "tab", "tab")
            assert form.focused.id == "f-due"
            await pilot.press(*["backspace"] * 10, *"18/11/2021")
            await pilot.pause()
            assert str(form.query_one("#err-due").render()) == ""
            await pilot.press(*["backspace"] * 10, *"25/11/2021")
            await pilot.pause()
            assert str(form.query_one("#err-due").render()) == words


async def test_an_answered_outcome_with_no_answer_is_refused_in_the_decision_form(tmp_path, clock):
    """F2 ("trả lời") then saving with the answer box empty: refused with a ⚠ under the
    answer, the form stays open and nothing is recorded (it saved an empty answer before)."""
    app = live_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f9")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert type(form).__name__ == "FormScreen"
        # the hint says where F2-F5 put the cursor (it moved unseen before)
        assert str(form.query_one("#form-note").render()).endswith(
            "F5 ghi nhận; con trỏ sang ô đầu tiên cần điền · F6 loại (kiến nghị, phản ánh…)"
        )
        await pilot.press("f2")
        assert form.focused.id == "f-answer"
        form.query_one("#f-answer").load_text("")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert str(form.query_one("#err-answer").render()) == (
            "⚠ kết quả «trả lời» cần nội dung trả lời"
        )
        assert [p.outcome for p in app.store.petitions(app.meeting_id)].count("answered") == 0
