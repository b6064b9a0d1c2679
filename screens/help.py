"""F1: every key of the live screen, in the user's language."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen

from facilitator.i18n import Translator
from screens.plain import Label, Static

KEYS = [
    ("F1", "key.help"),
    ("F2", "key.register"),
    ("F3", "key.next"),
    ("F4", "key.timer"),
    ("F5", "key.extend"),
    ("F6", "key.end"),
    ("F7", "key.petition"),
    ("F8", "key.phase"),
    ("F9", "key.conclusion"),
    ("F10 / Ctrl+E", "key.export"),
    ("Ctrl+Z", "key.undo"),
    ("Ctrl+↑ / Ctrl+↓", "key.move"),
    ("Ctrl+U", "key.move_to"),
    ("Ctrl+B", "key.first_turns"),
    ("Delete", "key.absent"),
    ("Ctrl+G", "key.follow_up"),
    ("Enter", "key.edit"),
    ("Esc", "key.back_to_current"),
    ("Ctrl+N", "key.new_entry"),
    ("Ctrl+L", "key.registration"),
    ("Ctrl+R", "key.official_answer"),
    ("Ctrl+O", "key.carry_over"),
    ("Ctrl+T", "key.prepare"),
    ("Ctrl+P", "key.palette"),
    ("Ctrl+Q", "key.quit"),
]


CONCLUSION_KEYS = [
    ("F1", "key.help"),
    ("F7", "key.decide"),
    ("F9", "conclusion.conclude"),
    ("F8", "key.seal"),
    ("F5", "key.readback"),
    ("Ctrl+S", "key.save"),
    ("F10", "key.export"),
    ("Esc", "key.back"),
]


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1", "dismiss", show=False)]

    def __init__(self, t: Translator, keys: list[tuple[str, str]] | None = None):
        super().__init__()
        self.t = t
        self.keys = keys  # another screen's keys (the conclusion's); None: the live screen's

    def compose(self) -> ComposeResult:
        lines = [f"{key:<16} {self.t(desc)}" for key, desc in self.keys or KEYS]
        if self.keys is None:
            lines.append("")
            lines.append(self.t("help.queue_note"))
            lines.append("")
            lines.append(self.t("help.answer_note"))
        with Vertical(id="form"):
            yield Label(self.t("help.title"), id="form-title")
            with VerticalScroll(id="form-fields"):  # scrolls at 80x24; the hint stays in sight
                yield Static("\n".join(lines), id="help-keys")
            yield Static(self.t("help.close"), id="form-hint")
