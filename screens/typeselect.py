"""A Select that never drops what is typed while it is closed (a trial typed the gist into the
title and lost it): a letter that begins an option chooses it (the letters typed one after the
other narrow it, as in a browser's list, spaces included); any other first letter is text: it
goes on to the next text field as Tab goes, round from the last field to the first (the F9
form's kind is its last field: shift+Tab from the first lands there, and the words typed next
went into the open list's search and were lost), which then has the focus; the option chosen
by the letters before stays ("b" → Bà, then "Hỏi …" goes on into the gist). Only in a form
with no text field does a letter show the list."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import events
from textual.widgets import Input, Select, TextArea

from facilitator.rules.text import fold


class TypeSelect(Select[Any]):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._typed = ""

    def _on_blur(self, event: events.Blur) -> None:
        self._typed = ""

    def _match(self, typed: str) -> Any:
        key = fold(typed)
        for prompt, value in self._options:
            if value is self.NULL:
                continue
            words = prompt.plain if isinstance(prompt, Text) else str(prompt)
            if key and fold(words).startswith(key):
                return value
        return self.NULL

    async def _on_key(self, event: events.Key) -> None:
        character = event.character
        if self.expanded or not event.is_printable or character is None:
            return  # an open list searches by itself
        if character == " " and not self._typed:
            return  # space opens the list (after letters it is one more of them)
        event.stop()
        event.prevent_default()
        value = self._match(self._typed + character)
        if value is not self.NULL:
            self._typed += character
            self.value = value
            return
        self._typed = ""
        chain = self.screen.focus_chain
        at = chain.index(self) if self in chain else len(chain)
        after = [*chain[at + 1 :], *chain[:at]]  # as Tab goes, round to the first field
        target = next((w for w in after if isinstance(w, (Input, TextArea))), None)
        if isinstance(target, Input):
            target.focus()
            target.insert_text_at_cursor(character)
        elif isinstance(target, TextArea):
            target.focus()
            target.insert(character)
        else:  # nowhere to type: show the choices instead of losing the key
            self.action_show_overlay()
