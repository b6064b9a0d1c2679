"""Read-back (đọc lại biên bản): the secretary turns the pages that the chair view shows."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

from facilitator.i18n import Translator
from facilitator.live import Console, RuleError
from facilitator.readback import ReadBack
from screens.keybar import KeyBar


class ReadBackScreen(Screen[None]):
    """PgDn / PgUp turn the page (on this screen and every chair view); F5 ends the read-back;
    Esc goes back to the conclusion screen while the chair view keeps the page."""

    BINDINGS = [
        Binding("pagedown,space", "turn(1)", "key.next_page", priority=True, id="next_page"),
        Binding("pageup", "turn(-1)", "key.previous_page", priority=True, id="previous_page"),
        Binding("f5", "end", "key.end_readback", priority=True, id="end_readback"),
        Binding("escape", "back", "key.back", id="back"),
    ]

    def __init__(self, console: Console, t: Translator):
        super().__init__()
        self.console = console
        self.t = t
        self.readback = ReadBack(console)

    def compose(self) -> ComposeResult:
        yield Static("", id="readback-heading")
        yield Static("", id="readback-page")
        yield Static(self.t("readback.help"), id="readback-help")
        yield KeyBar()

    def on_mount(self) -> None:
        try:
            self.readback.start()
        except RuleError as exc:
            self.notify(self.t.error(exc), severity="warning")
            self.dismiss(None)
            return
        self.show()

    def show(self) -> None:
        pages = self.readback.pages
        page = min(self.readback.page or 0, len(pages) - 1)
        meeting = self.console.meeting
        self.query_one("#readback-heading", Static).update(
            f"{self.t('readback.title')} · {meeting.village} · {meeting.date:%d/%m/%Y} · "
            + self.t("readback.page", page=page + 1, pages=len(pages))
        )
        self.query_one("#readback-page", Static).update("\n".join(pages[page]))

    def action_turn(self, delta: int) -> None:
        self.readback.turn(delta)
        self.show()

    def action_end(self) -> None:
        self.readback.stop()
        self.dismiss(None)

    def action_back(self) -> None:
        self.dismiss(None)
