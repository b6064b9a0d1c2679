"""Bindings whose descriptions are catalogue keys, translated once per language."""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from typing import TypeVar

from textual.binding import Binding
from textual.dom import DOMNode

from facilitator.i18n import Translator

N = TypeVar("N", bound=DOMNode)


@cache
def _localised(cls: type[DOMNode], lang: str) -> type[DOMNode]:
    t = Translator(lang)
    bindings = [
        replace(b, description=t(b.description)) if isinstance(b, Binding) and b.description else b
        for b in cls.BINDINGS
    ]
    return type(cls.__name__, (cls,), {"BINDINGS": bindings, "__module__": cls.__module__})


def localised(cls: type[N], t: Translator) -> type[N]:
    """``cls`` with its footer descriptions in the user's language (same CSS type name)."""
    return _localised(cls, t.lang)  # type: ignore[return-value]
