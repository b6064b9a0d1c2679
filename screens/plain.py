"""Static and Label that show their words as typed: never read as markup.

Textual reads a ``str`` given to a Static or a Label as Textual markup: a citizen registered
as "Lò [/x] Pá" stopped the secretary's window when she was called (an unmatched closing
tag), and "Đề nghị [khẩn] sửa đường" lost "[khẩn]". Nothing in the program's own words uses
markup; every screen takes these two from here (tests/test_plain_text.py)."""

from __future__ import annotations

from typing import Any

from textual import widgets


class Static(widgets.Static):
    def __init__(self, content: Any = "", *, markup: bool = False, **kwargs: Any) -> None:
        super().__init__(content, markup=markup, **kwargs)


class Label(widgets.Label):
    def __init__(self, content: Any = "", *, markup: bool = False, **kwargs: Any) -> None:
        super().__init__(content, markup=markup, **kwargs)
