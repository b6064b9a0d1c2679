"""The secretary's live screen and its forms after a new-secretary trial: lists answer
Home / End, the forms show that they scroll, phases are recorded in order, a sealed meeting
dims its keys, dimmed keys say why, typing on a choice list is never swallowed, and the
header cuts with "…"."""

from textual.widgets import DataTable

from tests.helpers import live_app, wait_until


async def test_home_end_and_pages_in_the_petitions_list(tmp_path, clock):
    """F9: End goes to the last petition, Home to the first, PageDown / PageUp a page."""
    app = live_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f8", "f9")
        await pilot.pause()
        table = app.screen.query_one("#petitions", DataTable)
        assert table.has_focus and table.row_count > 3
        await pilot.press("end")
        assert table.cursor_row == table.row_count - 1
        await pilot.press("home")
        assert table.cursor_row == 0
        await pilot.press("pagedown")
        assert table.cursor_row > 0
        await pilot.press("pageup")
        assert table.cursor_row == 0


async def test_conclude_question_names_the_waiting_people(tmp_path, clock):
    """F9, F9: "Còn 12 người đang chờ" is followed by their names, all in sight without
    scrolling at 80×24 (it showed one name and hid eleven); with more people than fit,
    as many as fit and then how many more (tests/test_live_screen.py)."""
    app = live_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f8", "f9")
        await pilot.pause()
        await pilot.press("f9")
        await pilot.pause()
        note = str(app.screen.query_one("#form-note").render()).splitlines()
        assert note[:2] == [
            "Còn 6 kiến nghị chưa quyết định (văn bản ghi: đang xem xét, trả lời sau):",
            "  • 1. Đề nghị nâng cấp tuyến đường trục thôn đoạn từ cổng làng đến nhà …",
        ]
        at = note.index("Còn 12 người đang chờ phát biểu (sẽ không được gọi):")
        assert at == 7  # all six petitions above
        names = " ".join(line.strip() for line in note[at + 1 :])
        assert names.startswith("Nguyễn Văn Thành (xóm Đình), Phạm Thị Hòa (xóm Giữa), ")
        assert names.endswith(", Trịnh Văn Bảo (xóm Bến)")
        assert names.count("(xóm") == 12
        box = app.screen.query_one("#form-note-box")
        assert box.max_scroll_y == 0  # nothing hidden below


async def test_a_dimmed_key_says_why_and_keeps_the_typing(tmp_path, clock):
    """F4, F5 or F6 with no speech running: the key does nothing, the message line says
    why (it was silent), and the words typed stay, with typing going on after them."""
    from screens.widgets import NfcTextArea

    app = live_app(tmp_path, clock, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for key in ("f4", "f5", "f6"):
            app.screen.say("")
            await pilot.press(*"ab", key, *"c ")
            await pilot.pause()
            line = str(app.screen.query_one("#live-message").render())
            assert line == "No speaking slot is running"
        editor = app.screen.query_one("#editor", NfcTextArea)
        assert editor.text == "abc abc abc "
        assert editor.has_focus
        assert app.store.current_slot(app.meeting_id) is None


def top_line(app) -> tuple[str, str]:
    header = app.screen.query_one("#live-header")
    message = app.screen.query_one("#live-message")
    return header.render_line(0).text.strip(), message.render_line(0).text.strip()


async def test_header_beside_a_message_keeps_commune_phase_and_clock(tmp_path, clock):
    """80×24: beside a message the top line keeps the clock, the commune and village and the
    phase (it showed "Đông Phong · đang họp"); what does not fit ends in "…"."""
    app = live_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        header, message = top_line(app)
        assert header == "08:00 · Điều hành · Bình Lãng - Đông Phong · 28/10/2021 · chuẩn bị"
        await pilot.press("f8")
        await pilot.pause()
        header, message = top_line(app)
        assert (header, message) == (
            "08:00 · Bình Lãng - Đông Phong · 1. Khai mạc",
            "Chuyển sang: Khai mạc",
        )
        app.screen.say("Mời Nguyễn Văn Thành phát biểu tiếp theo, xin giữ trật tự")
        await pilot.pause()
        header, message = top_line(app)
        assert header.startswith("08:00 · Bình Lãng - Đông")
        assert header.endswith("…")
        assert message.endswith("…")


async def test_header_at_120_columns(tmp_path, clock):
    app = live_app(tmp_path, clock, lang="en")
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        await pilot.press("f8")
        await pilot.pause()
        header, message = top_line(app)
        assert (header, message) == (
            "08:00 · Bình Lãng - Đông Phong · 1. Opening",
            "Now: Opening",
        )


async def test_f3_during_the_opening_records_the_phase_passed_over(tmp_path, clock):
    """F3 in "1. Khai mạc": the question says "2. Thông báo nội dung" is recorded too; Enter
    stamps phases 2 and 3 in order, and the biên bản gives phase 2 its time (it had none)."""
    from facilitator.documents.builders import minutes_document
    from tests.test_record import paragraphs

    app = live_app(tmp_path, clock)
    store, mid = app.store, app.meeting_id
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f8")
        clock.advance(600)  # 08:10
        await pilot.press("f3")
        await pilot.pause()
        detail = str(app.screen.query_one("#confirm-detail-text").render())
        assert detail == (
            "Chưa chuyển qua phần «2. Thông báo nội dung»: phần này được ghi vào biên bản"
            " cùng giờ 08:10."
        )
        await pilot.press("enter")
        await pilot.pause()
        phases = [e.text for e in store.minutes(mid) if e.kind == "phase"]
        assert phases == ["1. Khai mạc", "2. Thông báo nội dung", "3. Nhân dân phát biểu"]
        opening, announcements, citizens = store.phases(mid)[:3]
        assert opening.ended_at == announcements.started_at == announcements.ended_at
        assert announcements.started_at == citizens.started_at
        assert citizens.ended_at is None
        assert store.meeting(mid).phase_index == 2
        assert store.speaking(mid).name == "Nguyễn Văn Thành"
        text = paragraphs(minutes_document(store, mid))
        assert "2. Thông báo nội dung (08 giờ 10 phút)" in text


async def test_f3_question_in_english(tmp_path, clock):
    app = live_app(tmp_path, clock, lang="en")
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        await pilot.press("f8", "f3")
        await pilot.pause()
        detail = str(app.screen.query_one("#confirm-detail-text").render())
        assert detail == (
            "«2. Report» was not started: it is recorded in the minutes at the same time, 08:00."
        )
        await pilot.press("escape")  # nothing moves
        await pilot.pause()
        assert app.store.meeting(app.meeting_id).phase_index == 0


def sealed_app(tmp_path, clock, lang="vi"):
    """The demo meeting played to its conclusion and sealed, opened on the live screen."""
    from db.store import open_store
    from facilitator.app import make_app
    from facilitator.services.demo import demo_meeting, play_demo
    from facilitator.services.live import Console
    from facilitator.services.meetingfile import import_meeting
    from facilitator.services.seal import seal

    path = tmp_path / "m.db"
    store = open_store(path, clock=clock)
    mid = import_meeting(store, demo_meeting())
    console = Console(store, mid)
    play_demo(console, clock.advance)
    seal(console, "Hoàng Thị Yến")
    store.close()
    return make_app(path, clock=clock, meeting_id=mid, lang=lang)


async def test_after_sealing_the_live_keys_are_dimmed_and_say_why(tmp_path, clock):
    from screens.keybar import KeyBar

    app = sealed_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        states = {item.key: item.enabled for item in app.screen.query_one(KeyBar).items()}
        assert {k for k, on in states.items() if not on} == {f"F{n}" for n in range(2, 9)}
        assert states["F1"] and states["F9"] and states["F10"]
        await pilot.press("f3")
        await pilot.pause()
        line = str(app.screen.query_one("#live-message").render())
        assert line.lower().startswith("hội nghị đã kết luận")
        assert type(app.screen).__name__ == "LiveScreen"  # no question, no form


async def test_read_back_after_sealing_offers_no_correction(tmp_path, clock):
    from screens.keybar import KeyBar

    app = sealed_app(tmp_path, clock, lang="en")
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        await pilot.press("f9", "f5")
        await pilot.pause()
        assert type(app.screen).__name__ == "ReadBackScreen"
        keys = str(app.screen.query_one(KeyBar).render())
        assert "Enter" not in keys
        help_line = str(app.screen.query_one("#readback-help").render())
        assert "Enter" not in help_line
        assert help_line.endswith("change them by an amendment (the facilitator amend command)")
        await pilot.press("enter")  # pressed anyway: says why, opens nothing
        await pilot.pause()
        assert type(app.screen).__name__ == "ReadBackScreen"
        assert list(app._notifications)[-1].message.startswith("The minutes are sealed")


def hint(app) -> str:
    return str(app.screen.query_one("#form-hint").render())


def in_sight(app, key: str) -> bool:
    """The field and its label inside the scrolling part of the form, as drawn."""
    box = app.screen.query_one("#form-fields").region
    field = app.screen.query_one(f"#f-{key}")
    block = field.parent.region
    return box.contains_region(block)


async def tab_to(pilot, app, key: str, most: int = 20) -> None:
    for _ in range(most):
        if app.screen.focused is not None and app.screen.focused.id == f"f-{key}":
            return
        await pilot.press("tab")
        await pilot.pause()
    raise AssertionError(f"Tab never reached {key}")


async def test_f7_form_says_more_below_and_tab_scrolls_to_the_answer(tmp_path, clock):
    """80×24: the F7 form's answer and outcome are below the edge: the line of keys starts
    with "↓ còn nữa", and Tab onto a field brings it and its label into view."""
    app = live_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f8", "f3", "enter", "f7")
        await pilot.pause()
        assert hint(app) == "↓ còn nữa · Ctrl+S: lưu · Esc: hủy · Tab: trường tiếp"
        assert not in_sight(app, "answer")
        await tab_to(pilot, app, "answer")
        assert in_sight(app, "answer")
        await pilot.press(*"Sẽ sửa")
        await tab_to(pilot, app, "outcome")
        assert in_sight(app, "outcome")
        last = app.screen.fields[-1].key
        await tab_to(pilot, app, last)
        assert in_sight(app, last)
        assert hint(app).startswith("↑ còn ở trên · ")
        await pilot.press("tab")  # round to the first field: back at the top
        await pilot.pause()
        assert in_sight(app, "content")
        assert hint(app).startswith("↓ còn nữa · ")
        assert app.screen.query_one("#f-answer").text == "Sẽ sửa"


async def test_f9_form_due_date_comes_into_view(tmp_path, clock):
    app = live_app(tmp_path, clock, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f8", "f9")
        await pilot.pause()
        await pilot.press("enter")  # the first petition's decision form
        await pilot.pause()
        assert hint(app).startswith("↓ more below · ")
        assert not in_sight(app, "due")
        await tab_to(pilot, app, "due")
        assert in_sight(app, "due")


async def test_a_form_that_fits_says_nothing_about_scrolling(tmp_path, clock):
    app = live_app(tmp_path, clock)
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        await pilot.press("f8", "f9")
        await pilot.pause()
        await pilot.press("f9")  # the conclusion question: one field
        await pilot.pause()
        assert hint(app) == "Enter: đồng ý · Esc: hủy"


async def test_f9_form_letters_typed_on_the_kind_go_on_round_to_a_text_field(tmp_path, clock):
    """F9 form: shift+Tab from the first field lands on the kind, its last field. Words typed
    there go on, as Tab goes round, to the first text field (the person responsible); the
    list does not open and swallow them. A letter that begins a kind still picks it."""
    from textual.widgets import Input, Select

    app = live_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f8", "f9")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert form.focused.id == "f-outcome"
        await pilot.press("shift+tab")
        await pilot.pause()
        kind = form.query_one("#f-kind", Select)
        assert form.focused is kind
        before = form.query_one("#f-responsible", Input).value
        await pilot.press(*"Sở Tài")
        await pilot.pause()
        assert not kind.expanded
        assert kind.value == "petition"  # "S" begins no kind: nothing chosen
        assert form.focused.id == "f-responsible"
        assert form.query_one("#f-responsible", Input).value == before + "Sở Tài"
        await pilot.press("shift+tab", "shift+tab")  # back to the kind, round
        await pilot.pause()
        assert form.focused is kind
        await pilot.press("p")  # phản ánh
        assert kind.value == "feedback" and not kind.expanded


async def test_a_long_minutes_entry_ends_in_an_ellipsis_at_the_edge(tmp_path, clock):
    """80×24: an earlier entry too long for the column ends in "…" where the table ends
    (it was cut mid-word: "Ông Nguyễn Văn Thành (xóm Đình) ph"); at 120 columns more shows."""
    from screens.widgets import MinutesLog

    app = live_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f8", "f3", "enter", *"Xin chao", "f3")
        await pilot.pause()
        log = app.screen.query_one(MinutesLog)
        cell = log.get_row_at(3)[1]
        assert cell.plain == "Ông Nguyễn Văn Thành (xóm Đình)…"
        assert cell.cell_len <= log.scrollable_content_region.width - 5 - 4 * log.cell_padding
        await pilot.resize_terminal(120, 35)
        await pilot.pause()
        assert log.get_row_at(3)[1].plain == ("Ông Nguyễn Văn Thành (xóm Đình) phát biểu: Xin chao")


async def test_lines_under_the_queue_and_the_f9_lists_end_in_an_ellipsis(tmp_path, clock):
    """80×24: the time per hamlet under the queue, the F9 list's content and responsible
    columns and its statistics' names end in "…" where they are cut."""
    from textual.widgets import DataTable

    app = live_app(tmp_path, clock)
    # the first three speakers from three thôn (the time is counted per thôn)
    for speaker, thon in zip(
        app.store.speakers(app.meeting_id), ("Đông Phong", "Tây Phong", "Bắc Phong"), strict=False
    ):
        app.store.update("speakers", speaker.id, {"hamlet": thon})
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f8", "f3", "enter")
        for _ in range(3):
            clock.advance(65)
            await pilot.press("f3")
        line = app.screen.query_one("#hamlet-times")
        await wait_until(pilot, lambda: " 01:05 · " in line.render_line(0).text)
        shown = line.render_line(0).text.strip()
        assert shown.startswith("Theo thôn: ") and " 01:05 · " in shown
        assert shown.endswith("…")  # three hamlets do not fit in the 34 columns
        await pilot.press("f9")
        await pilot.pause()
        table = app.screen.query_one("#petitions", DataTable)
        assert str(table.get_row_at(0)[1]) == "Đề nghị nâng c…"
        stats = str(app.screen.query_one("#stats").render()).splitlines()
        assert " Nguyễn Văn Thành (Đôn… ████████  01:05" in stats
