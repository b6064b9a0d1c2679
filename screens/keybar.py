"""The key line at the bottom, as htop and mc draw it: every F-key in sight at 80 columns.

Keys are shown as printed on the keyboard ("F1", "Ctrl+S", "Esc"). The F-keys come first; a
label is shortened ("fkey.<binding id>" in the catalogue) when the full ones do not fit, and
other keys are left out before any F-key is: they are all in F1 and in the palette (ctrl+p).
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.widget import Widget

_NAMES = {
    "escape": "Esc",
    "delete": "Del",
    "enter": "Enter",
    "tab": "Tab",
    "space": "Space",
    "up": "↑",
    "down": "↓",
    "left": "←",
    "right": "→",
    "pageup": "PgUp",
    "pagedown": "PgDn",
    "home": "Home",
    "end": "End",
    "backspace": "Backspace",
    "insert": "Ins",
}


def key_label(key: str) -> str:
    """ "f1" -> "F1", "ctrl+s" -> "Ctrl+S", "escape" -> "Esc": as printed on the keyboard."""
    key = key.split(",")[0].strip()
    parts = []
    for part in key.split("+"):
        if part in _NAMES:
            parts.append(_NAMES[part])
        elif len(part) == 1 or (part[0] == "f" and part[1:].isdigit()):
            parts.append(part.upper())
        else:
            parts.append(part.capitalize())
    return "+".join(parts)


@dataclass
class _Item:
    key: str
    label: str
    short: str
    press: str
    enabled: bool = True


def _fkey_number(key: str) -> int | None:
    name = key.split(",")[0]
    if name.startswith("f") and name[1:].isdigit():
        return int(name[1:])
    return None


def fit(
    items: list[tuple[str, str, str]], width: int, keep: int = 1
) -> tuple[list[tuple[str, str]], str]:
    """(key, label) pairs that fit in ``width`` cells, and the gap between a key and its label:
    "F1 Trợ giúp F2 Đăng ký ..." when there is room, "F1Giúp F2Đăng ký ..." as htop draws it
    (the key in its own colour) when there is not. Keys after the first ``keep`` (the F-keys)
    are left out first; then labels are clipped, never one of the first ``keep`` keys."""
    keep = max(1, min(keep, len(items)))

    def size(pairs: list[tuple[str, str]], gap: str) -> int:
        cells = sum(cell_len(k) + len(gap) + cell_len(label) for k, label in pairs)
        return cells + max(0, len(pairs) - 1)

    for n in range(len(items), keep - 1, -1):
        for short, gap in ((False, " "), (True, " "), (False, ""), (True, "")):
            pairs = [(k, s if short else full) for k, full, s in items[:n]]
            if size(pairs, gap) <= width:
                return pairs, gap
    # Narrower than the keys alone with their short labels: clip the labels.
    pairs = [(k, s) for k, _f, s in items[:keep]]
    while pairs and size(pairs, "") > width:
        longest = max(range(len(pairs)), key=lambda i: len(pairs[i][1]))
        k, label = pairs[longest]
        if not label:
            pairs.pop()
            continue
        pairs[longest] = (k, label[:-1])
    return pairs, ""


class KeyBar(Widget):
    """One line of keys for the current screen; a click on a key presses it."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $panel;
        color: $text;
    }
    KeyBar > .keybar--key {
        background: $accent;
        color: $text;
        text-style: bold;
    }
    KeyBar > .keybar--disabled {
        text-style: dim;
    }
    """
    COMPONENT_CLASSES = {"keybar--key", "keybar--disabled"}

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, lambda _screen: self.refresh())

    def on_resize(self, _event: events.Resize) -> None:
        self.refresh()

    def items(self) -> list[_Item]:
        t = getattr(self.screen, "t", None)
        catalogue = getattr(t, "catalogue", {})
        fkeys: list[tuple[int, _Item]] = []
        others: list[_Item] = []
        seen: set[str] = set()
        for key, active in self.screen.active_bindings.items():
            b: Binding = active.binding
            if not b.show or not b.description or b.description in seen:
                continue
            seen.add(b.description)
            short = catalogue.get(f"fkey.{b.id}", b.description) if b.id else b.description
            item = _Item(
                b.key_display or key_label(key),
                b.description,
                short,
                key.split(",")[0],
                active.enabled,
            )
            number = _fkey_number(key)
            if number is not None:
                fkeys.append((number, item))
            else:
                others.append(item)
        self.fkey_count = len(fkeys)
        return [item for _n, item in sorted(fkeys, key=lambda x: x[0])] + others

    def layout_pairs(self) -> tuple[list[_Item], list[tuple[str, str]], str]:
        items = self.items()
        pairs, gap = fit(
            [(i.key, i.label, i.short) for i in items], self.size.width, self.fkey_count
        )
        return items, pairs, gap

    def render(self) -> Text:
        """A key that does nothing now (its screen's check_action says None) is dimmed."""
        items, pairs, gap = self.layout_pairs()
        key_style = self.get_component_rich_style("keybar--key")
        disabled = self.get_component_rich_style("keybar--disabled", partial=True)
        text = Text(no_wrap=True, overflow="crop")
        for i, (item, (key, label)) in enumerate(zip(items, pairs, strict=False)):
            if i:
                text.append(" ")
            if item.enabled:
                text.append(key, style=key_style)
                text.append(gap + label)
            else:
                text.append(key, style=key_style + disabled)
                text.append(gap + label, style=disabled)
        return text

    def on_click(self, event: events.Click) -> None:
        items, pairs, gap = self.layout_pairs()
        x = 0
        for item, (key, label) in zip(items, pairs, strict=False):
            width = cell_len(key) + len(gap) + cell_len(label)
            if x <= event.x < x + width:
                self.app.simulate_key(item.press)
                return
            x += width + 1
