"""The secretary's live screen and its forms after a new-secretary trial: lists answer
Home / End, the forms show that they scroll, phases are recorded in order, a sealed meeting
dims its keys, dimmed keys say why, typing on a choice list is never swallowed, and the
header cuts with "…"."""

from textual.widgets import DataTable

from tests.helpers import live_app


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
    """F9, F9: "Còn 12 người đang chờ" is followed by their names, as many as the note shows
    without scrolling, then how many more (it showed one name and hid eleven)."""
    app = live_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f8", "f9")
        await pilot.pause()
        await pilot.press("f9")
        await pilot.pause()
        note = str(app.screen.query_one("#form-note").render()).splitlines()
        assert len(note) <= 9  # the box shows nine lines
        at = note.index("Còn 12 người đang chờ phát biểu (sẽ không được gọi):")
        names = " ".join(line.strip() for line in note[at + 1 :])
        assert names.startswith("Nguyễn Văn Thành (xóm Đình), Phạm Thị Hòa (xóm Giữa), ")
        shown = names.count("(xóm")
        assert shown >= 8
        assert names.endswith(f", … và {12 - shown} người nữa")
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
