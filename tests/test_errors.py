"""One family of errors: a key of the catalogue, worded in Vietnamese and in English."""

import errno
import string

import pytest

from facilitator.i18n import Translator
from facilitator.messages import ERRORS
from facilitator.rules.errors import (
    FileWriteError,
    MeetingFileError,
    Message,
    NotACard,
    ProfileError,
    RuleError,
    StoreError,
    TextError,
    UserError,
)


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_key_has_both_languages_with_the_same_params():
    assert set(ERRORS) == {"vi", "en"}
    assert sorted(ERRORS["vi"]) == sorted(ERRORS["en"])
    for key in ERRORS["vi"]:
        vi, en = ERRORS["vi"][key], ERRORS["en"][key]
        assert vi.strip() and en.strip(), key
        assert _fields(vi) == _fields(en), key


def test_a_key_missing_from_the_catalogue_is_refused_when_the_error_is_made():
    with pytest.raises(KeyError, match="no.such.key"):
        RuleError("no.such.key")
    with pytest.raises(KeyError, match="no.such.key"):
        Message("no.such.key")


def test_the_old_class_names_are_one_family_and_keep_their_bases():
    for cls in (TextError, RuleError, NotACard, ProfileError, MeetingFileError):
        assert issubclass(cls, UserError) and issubclass(cls, ValueError)
    assert issubclass(StoreError, RuntimeError) and issubclass(StoreError, UserError)
    assert issubclass(FileWriteError, OSError) and issubclass(FileWriteError, UserError)


def test_str_is_vietnamese_and_the_translator_words_it_in_english():
    err = TextError("text.too_long", "name", length=301, limit=300)
    assert str(err) == "quá dài: 301 ký tự, tối đa 300"
    assert err.field == "name"
    assert Translator("en").error(err) == "too long: 301 characters, at most 300"
    assert Translator("vi").error(err) == "quá dài: 301 ký tự, tối đa 300"


def test_a_nested_reason_is_worded_in_the_same_language_and_user_data_stays_as_typed():
    from facilitator.services.files import os_reason

    reason = os_reason(OSError(errno.ENOSPC, "No space left on device"))
    err = FileWriteError("file.cannot_write", path="C:/Họp/biên bản.docx", reason=reason)
    assert str(err) == "không ghi được C:/Họp/biên bản.docx: ổ đĩa đã đầy"
    assert err.message("en") == "cannot write C:/Họp/biên bản.docx: the disk is full"


def test_an_error_taken_over_for_a_field_keeps_its_key_and_values():
    inner = TextError("text.bad_date", value="31/02/2026")
    outer = RuleError.of(inner, "date")
    assert (outer.key, outer.field, outer.params) == (
        "text.bad_date",
        "date",
        {"value": "31/02/2026"},
    )
    assert outer.message("en") == "invalid date: 31/02/2026"
    foreign = RuleError.of(ValueError("bad thing"), "x")
    assert (str(foreign), foreign.message("en")) == ("bad thing", "bad thing")


# ----- the command line: one line in the user's language -------------------------------------


def cli_error(db, *args: str) -> tuple[int, str]:
    """The command run as ``facilitator --db DB ARGS`` and the line ``main`` prints for the
    error it ends in (click's CliRunner; the same ``error_line`` as ``main``)."""
    from click.testing import CliRunner

    from facilitator.cli import cli, error_line
    from facilitator.cli_text import lang_of

    argv = ["--db", str(db), *args]
    result = CliRunner().invoke(cli, argv, standalone_mode=False)
    assert result.exception is not None, result.output
    return result.exit_code, error_line(result.exception, lang_of(argv), db)


@pytest.fixture
def db(tmp_path, clock):
    from db.store import open_store
    from facilitator.services.demo import demo_meeting
    from facilitator.services.meetingfile import import_meeting

    path = tmp_path / "f.db"
    store = open_store(path, clock=clock)
    import_meeting(store, demo_meeting())
    store.close()
    return path


def test_a_rule_of_the_meeting_in_both_languages(db):
    assert cli_error(db, "seal", "1", "--by", "Lê Thị Thu") == (
        1,
        "Lỗi: chỉ thông qua biên bản sau khi kết luận hội nghị",
    )
    assert cli_error(db, "seal", "1", "--by", "Lê Thị Thu", "--lang", "en") == (
        1,
        "Error: the minutes can be sealed only after the meeting is concluded",
    )


def test_a_refused_meeting_file_names_its_json_path_in_both_languages(tmp_path, db):
    bad = tmp_path / "họp thôn.json"
    bad.write_text(
        '{"format": "facilitator.meeting", "version": 1, "meeting": '
        '{"commune": "X", "village": "Y", "date": "2021-02-30"}}',
        encoding="utf-8",
    )
    assert cli_error(db, "import", str(bad))[1] == (
        "Lỗi: meeting.date: ngày không hợp lệ: 2021-02-30"
    )
    assert cli_error(db, "import", str(bad), "--lang", "en")[1] == (
        "Error: meeting.date: invalid date: 2021-02-30"
    )
    bad.write_text('{"format": "facilitator.meeting", "version": 1, "meeting": 5}', "utf-8")
    assert cli_error(db, "--lang", "en", "import", str(bad))[1] == (
        "Error: meeting: expected object, not 5"
    )


def test_a_text_error_in_both_languages(db):
    assert cli_error(db, "followup", "--as-of", "31/02/2026")[1] == (
        "Lỗi: ngày không hợp lệ: 31/02/2026"
    )
    assert cli_error(db, "followup", "--as-of", "31/02/2026", "--lang", "en")[1] == (
        "Error: invalid date: 31/02/2026"
    )


def test_a_profile_error_in_both_languages(db):
    assert cli_error(db, "profile", "edit", "signer", " ")[1] == "Lỗi: không được để trống"
    assert cli_error(db, "profile", "edit", "signer", " ", "--lang", "en")[1] == ("Error: required")


def test_a_file_write_error_in_both_languages(tmp_path, db):
    taken = tmp_path / "bản sao.db"
    taken.write_bytes(b"kept")
    assert cli_error(db, "backup", "-o", str(taken))[1] == f"Lỗi: tệp đã có, không ghi đè: {taken}"
    assert cli_error(db, "backup", "-o", str(taken), "--lang", "en")[1] == (
        f"Error: file exists, not overwritten: {taken}"
    )
    assert taken.read_bytes() == b"kept"


def test_a_store_error_in_both_languages(db):
    assert cli_error(db, "export", "9", "--doc", "json") == (1, "Lỗi: không có hội nghị số 9")
    assert cli_error(db, "export", "9", "--doc", "json", "--lang", "en") == (
        1,
        "Error: no meeting 9",
    )


# ----- the screens: the same errors in the interface language --------------------------------


async def test_a_form_and_the_live_screen_show_errors_in_english(tmp_path, clock):
    from textual.widgets import Input

    from tests.helpers import live_app

    app = live_app(tmp_path, clock, lang="en")
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        form = app.screen
        form.query_one("#f-name", Input).value = "Nguyễn " * 40
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is form
        assert str(form.query_one("#err-name").render()) == (
            "⚠ too long: 279 characters, at most 200"
        )
        await pilot.press("escape", "enter")  # Esc asks before throwing the text away; Enter: yes
        await pilot.pause()
        await pilot.press("ctrl+g")  # the first speaker is waiting: cannot speak again
        await pilot.pause()
        said = [n.message for n in app._notifications]
        assert said == ["Ông Nguyễn Văn Thành: only someone who has spoken can ask to speak again"]
