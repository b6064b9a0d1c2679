"""One language at a time in the windows (issue 13 item 6): Textual's own words translated."""

from pathlib import Path

from textual.command import CommandInput, CommandPalette

from facilitator.app import make_app
from facilitator.rules.clock import FrozenClock
from facilitator.services.demo import demo_meeting
from facilitator.services.meetingfile import import_meeting
from tests.helpers import wait_until


def live_app(tmp_path: Path, clock: FrozenClock, lang: str):
    app = make_app(tmp_path / "m.db", clock=clock, lang=lang, export_dir=tmp_path / "out")
    app.meeting_id = import_meeting(app.store, demo_meeting())
    return app


async def palette_words(tmp_path: Path, clock: FrozenClock, lang: str) -> tuple[str, str]:
    app = live_app(tmp_path, clock, lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        placeholder = str(app.screen.query_one(CommandInput).placeholder)
        await pilot.press("z", "q", "x")
        # the palette says "no matches" after half a second
        listed = app.screen.query_one("CommandList")
        # (the "no matches" line is the one option that cannot be chosen)
        await wait_until(
            pilot, lambda: listed.option_count > 0 and listed.get_option_at_index(0).disabled
        )
        shown = app.screen.query_one("CommandList").get_option_at_index(0).prompt
        return placeholder, str(shown)


async def test_palette_speaks_vietnamese(tmp_path, clock):
    assert await palette_words(tmp_path, clock, "vi") == ("Tìm lệnh…", "Không có lệnh nào khớp")


async def test_palette_speaks_english(tmp_path, clock):
    assert await palette_words(tmp_path, clock, "en") == (
        "Search for commands…",
        "No matches found",
    )


async def confirm_hint(tmp_path: Path, clock: FrozenClock, lang: str) -> str:
    app = live_app(tmp_path, clock, lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f8", "f9")  # open, then the conclusion screen
        await pilot.pause()
        await pilot.press("f9")  # conclude: the confirm dialog
        await pilot.pause()
        hint = str(app.screen.query_one("#form-hint").render())
        await pilot.press("escape")
        await pilot.pause()
        assert app.store.meeting(app.meeting_id).status == "live"
        return hint


async def test_confirm_dialog_hint_in_each_language(tmp_path, clock):
    assert await confirm_hint(tmp_path, clock, "vi") == "Enter: đồng ý · Esc: hủy"
    assert await confirm_hint(tmp_path / "en", clock, "en") == "Enter: OK · Esc: cancel"


def test_os_errors_are_worded_in_vietnamese_and_english(tmp_path):
    import errno

    import pytest

    from facilitator.i18n import Translator
    from facilitator.services.files import FileWriteError, atomic_write, os_reason

    assert os_reason(FileNotFoundError(errno.ENOENT, "No such file or directory")) == (
        "không có tệp hoặc thư mục này"
    )
    assert os_reason(PermissionError(errno.EPERM, "Operation not permitted")) == (
        "không có quyền truy cập"
    )
    assert os_reason(OSError(errno.ENOSPC, "No space left on device")) == "ổ đĩa đã đầy"
    assert os_reason(OSError(errno.EROFS, "Read-only file system")) == "ổ đĩa chỉ cho phép đọc"
    assert os_reason(OSError(errno.EBUSY, "Device or resource busy")) == (
        "tệp đang được chương trình khác sử dụng"
    )
    sharing = OSError(errno.EACCES, "The process cannot access the file")
    sharing.winerror = 32  # type: ignore[attr-defined]
    assert os_reason(sharing) == "tệp đang được chương trình khác sử dụng"
    assert os_reason(OSError(errno.EXDEV, "Invalid cross-device link")) == (
        f"lỗi hệ điều hành số {errno.EXDEV}"
    )
    # a file where a folder should be: the system's English never reaches the line
    blocker = tmp_path / "blocker"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(FileWriteError) as caught:
        atomic_write(blocker / "sub" / "a.docx", b"data")
    assert str(caught.value) == f"thư mục không tồn tại: {blocker / 'sub'}"
    assert Translator("en").error(caught.value) == f"folder does not exist: {blocker / 'sub'}"
    read_only = os_reason(OSError(errno.EROFS, "Read-only file system"))
    line = FileWriteError("file.cannot_write", path=tmp_path / "a.docx", reason=read_only)
    assert str(line) == f"không ghi được {tmp_path / 'a.docx'}: ổ đĩa chỉ cho phép đọc"
    assert Translator("en").error(line) == (
        f"cannot write {tmp_path / 'a.docx'}: the disk is read-only"
    )


def test_reading_a_missing_meeting_file_says_why_in_vietnamese(tmp_path, monkeypatch):
    import pytest

    from facilitator.services.meetingfile import MeetingFileError, load

    monkeypatch.chdir(tmp_path)
    with pytest.raises(MeetingFileError) as caught:
        load(Path("khong-co.json"))
    assert str(caught.value) == "không đọc được tệp khong-co.json: không có tệp hoặc thư mục này"
    assert (
        caught.value.message("en") == "cannot read the file khong-co.json: no such file or folder"
    )


def test_english_counts_agree_with_their_number():
    from facilitator.i18n import Translator

    t = Translator("en")
    assert t("stats.overview", speakers=1, turns=11, petitions=1) == (
        "1 speaker · 11 turns · 1 petition"
    )
    assert t("stats.overview", speakers=2, turns=1, petitions=0) == (
        "2 speakers · 1 turn · 0 petitions"
    )
    assert t("prep.imported", count=1) == "Imported 1 opinion"
    assert t("prep.imported", count=21) == "Imported 21 opinions"
    assert t("conclusion.open_speakers", count=1).startswith("1 speaker still waiting")
    assert Translator("vi")("prep.imported", count=1) == "Đã nhập 1 ý kiến"
