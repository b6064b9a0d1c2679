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
