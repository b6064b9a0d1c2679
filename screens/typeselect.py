"""A Select that never drops what is typed while it is closed (a trial typed the gist into the
title and lost it): a letter that begins an option chooses it (the letters typed one after the
other narrow it, as in a browser's list); any other letter goes on to the next text field,
which then has the focus."""

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
        if self.expanded or not event.is_printable or character in (None, " "):
            return  # an open list searches by itself; space opens it
        event.stop()
        event.prevent_default()
        value = self._match(self._typed + character)
        if value is not self.NULL:
            self._typed += character
            self.value = value
            return
        self._typed = ""
        chain = self.screen.focus_chain
        after = chain[chain.index(self) + 1 :] if self in chain else []
        target = next((w for w in after if isinstance(w, (Input, TextArea))), None)
        if isinstance(target, Input):
            target.focus()
            target.insert_text_at_cursor(character)
        elif isinstance(target, TextArea):
            target.focus()
            target.insert(character)
        else:  # no text field follows: show the choices instead of losing the key
            self.action_show_overlay()
