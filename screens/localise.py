"""Key descriptions are catalogue keys ("key.help"); the App words them in the user's language.

Every widget and screen an App registers passes through ``localise_bindings`` (see
StoreApp._register), so no screen can forget: the key line, the footer, the palette and the
help all read the words, never the keys.
"""

from __future__ import annotations

from dataclasses import replace

from textual.dom import DOMNode

from facilitator.i18n import Translator


def localise_bindings(node: DOMNode, t: Translator) -> None:
    """``node``'s key descriptions that are catalogue keys, in ``t``'s language (in place)."""
    catalogue = t.catalogue
    bindings = node._bindings
    for key, items in bindings.key_to_bindings.items():
        if any(b.description in catalogue for b in items):
            bindings.key_to_bindings[key] = [
                replace(b, description=catalogue[b.description])
                if b.description in catalogue
                else b
                for b in items
            ]
