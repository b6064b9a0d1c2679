"""One family of errors the user reads: a key of the message catalogue and its values.

``UserError("text.too_long", "name", length=301, limit=300)`` carries no sentence of its own:
the catalogue (``facilitator/messages.py``) words it in Vietnamese (``str(err)``, the logs and
the documents' language) and in English (``err.message("en")``, for ``--lang en``). A key
missing from either catalogue is refused when the error is made, so a test that raises it
fails at once.

A value that is itself a ``Message`` or a ``UserError`` (an OS reason, the error of one row of
a table) is worded in the same language; any other value is inserted as it is (a path, a name,
an excerpt of what the user typed).
"""

from __future__ import annotations

from typing import Any

from facilitator.messages import ERRORS


def _check(key: str) -> None:
    for lang, catalogue in ERRORS.items():
        if key not in catalogue:
            raise KeyError(f"error key {key!r} is missing from the {lang} catalogue")


def _localised(value: object, lang: str) -> object:
    if isinstance(value, Message):
        return value.text(lang)
    if isinstance(value, UserError):
        return value.message(lang)
    return value


def render(key: str, params: dict[str, Any], lang: str = "vi") -> str:
    """The message of ``key`` in ``lang`` (vi or en) with ``params`` filled in."""
    template = ERRORS[lang if lang in ERRORS else "vi"][key]
    return template.format(**{name: _localised(v, lang) for name, v in params.items()})


class Message(str):
    """A worded piece (a reason, a verification finding) that reads as its Vietnamese text
    and can be worded again in English: ``Message("os.no_space").text("en")``."""

    key: str
    params: dict[str, Any]

    def __new__(cls, key: str, /, **params: Any) -> Message:
        _check(key)
        self = super().__new__(cls, render(key, params, "vi"))
        self.key = key
        self.params = params
        return self

    def text(self, lang: str = "vi") -> str:
        return render(self.key, self.params, lang)


class UserError(Exception):
    """A problem worded for the user: ``key`` in the catalogue, ``field`` the input it
    concerns (a form field, a JSON path), ``params`` the values the message names."""

    def __init__(self, key: str, field: str | None = None, /, **params: Any):
        _check(key)
        self.key = key
        self.field = field
        self.params = params
        super().__init__(key)

    def message(self, lang: str = "vi") -> str:
        return render(self.key, self.params, lang)

    def __str__(self) -> str:
        return self.message("vi")

    @classmethod
    def of(cls, error: BaseException, field: str | None = None) -> UserError:
        """``error`` again as this class, for ``field`` (a TextError met while saving a
        form field becomes a RuleError on that field). Not one of ours: its text as it is."""
        if isinstance(error, MeetingFileError) and error.path:
            return cls("as_is", field, text=error)  # keeps the JSON path before the message
        if isinstance(error, UserError):
            return cls(error.key, field, **error.params)
        return cls("as_is", field, text=str(error))


def wording(error: object, lang: str = "vi") -> str:
    """Any error (or message) in ``lang``: ours from the catalogue, others as they print."""
    if isinstance(error, UserError):
        return error.message(lang)
    if isinstance(error, Message):
        return error.text(lang)
    return str(error)


class TextError(UserError, ValueError):
    """A value refused by the text rules."""


class RuleError(UserError, ValueError):
    """An action refused by the meeting's rules."""


class NotACard(UserError, ValueError):
    """The line is not the QR code of a citizen ID card; it stays as typed. The message names
    the rule it broke, never a value of the line."""


class ProfileError(UserError, ValueError):
    """A refused commune-profile value; ``field`` names it."""


class MeetingFileError(UserError, ValueError):
    """A meeting file refused whole; ``field`` (also ``path``) names the first problem
    (``speakers[3].name``), printed before the message."""

    @property
    def path(self) -> str:
        return self.field or ""

    def message(self, lang: str = "vi") -> str:
        text = _clip(super().message(lang), 110)
        return f"{_clip(self.path, 80)}: {text}" if self.path else text


class StoreError(UserError, RuntimeError):
    """A problem with the database file."""


class FileWriteError(UserError, OSError):
    """A file could not be written."""

    def __init__(self, key: str, field: str | None = None, /, **params: Any):
        UserError.__init__(self, key, field, **params)

    def __str__(self) -> str:
        return self.message("vi")


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split("\n"))
    return text if len(text) <= limit else text[: limit - 1] + "…"
