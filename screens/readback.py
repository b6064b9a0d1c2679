"""Read-back (đọc lại biên bản): the secretary turns the pages that the chair view shows."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen

from facilitator.i18n import Translator
from facilitator.services.live import Console, RuleError
from facilitator.services.readback import ReadBack, entries_on_page
from screens.forms import Field, FormScreen
from screens.keybar import KeyBar
from screens.plain import Static


class ReadBackScreen(Screen[None]):
    """PgDn / PgUp turn the page (on this screen and every chair view); F5 ends the read-back;
    Esc goes back to the conclusion screen while the chair view keeps the page."""

    BINDINGS = [
        Binding("pagedown,space", "turn(1)", "key.next_page", priority=True, id="next_page"),
        Binding("pageup", "turn(-1)", "key.previous_page", priority=True, id="previous_page"),
        Binding("f5", "end", "key.end_readback", priority=True, id="end_readback"),
        Binding("enter", "correct", "key.correct_entry", id="correct"),
        Binding("escape", "back", "key.back", id="back"),
    ]

    def __init__(self, console: Console, t: Translator):
        super().__init__()
        self.console = console
        self.t = t
        self.readback = ReadBack(console)
        # After "Thông qua biên bản" nothing is corrected here: Enter is not offered (the
        # key line and the help line), a change is an amendment.
        self.sealed = console.store.is_sealed(console.meeting_id)

    def compose(self) -> ComposeResult:
        yield Static("", id="readback-heading")
        yield Static("", id="readback-page")
        help_key = "readback.help_sealed" if self.sealed else "readback.help"
        yield Static(self.t(help_key), id="readback-help")
        yield KeyBar()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (action == "correct" and self.sealed)

    def on_key(self, event: events.Key) -> None:
        if event.key == "enter" and self.sealed:  # pressed anyway: says why
            self.action_correct()

    def on_mount(self) -> None:
        try:
            self.readback.start()
        except RuleError as exc:
            self.notify(self.t.error(exc), severity="warning")
            self.dismiss(None)
            return
        self.show()
        self.call_after_refresh(self.fit_window)

    def on_resize(self) -> None:
        if self.readback.page is not None:
            self.call_after_refresh(self.fit_window)

    def fit_window(self) -> None:
        """Pages as long as the window holds (trial 8: 17 lines left half of 35 empty); the
        chair views page the same way. Where the reading was stays on the page shown."""
        room = self.query_one("#readback-page", Static).content_region.height
        if room > 0 and self.readback.page is not None and room != self.readback.lines:
            self.readback.fit(room)
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

    def action_correct(self) -> None:
        """A correction heard from the hall, made in place: pick the entry (the first one on
        this page is offered), then its text. Saved as an event (minutes.corrected)."""
        store, meeting_id = self.console.store, self.console.meeting_id
        if store.is_sealed(meeting_id):
            # Enter says why it corrects nothing here, rather than doing nothing unsaid.
            self.notify(self.t("readback.sealed"), severity="warning", timeout=8)
            return
        entries = store.minutes(meeting_id)
        if not entries:
            return
        pages = self.readback.pages
        current = min(self.readback.page or 0, len(pages) - 1)
        # Offered: the entries whose words are on this page, in their order, the first one
        # highlighted (a phase's own stamp is its heading, rarely what a correction is about).
        # A page with none (the assignments' table) offers every entry, the last one before it.
        candidates = [e for e in entries if e.text]
        if not candidates:
            return
        on_page = entries_on_page(pages, [(e.id, e.text) for e in candidates], current)
        if on_page:
            chosen = [e for e in candidates if e.id in on_page]
            first = next((e.id for e in chosen if e.kind != "phase"), chosen[0].id)
        else:
            chosen = candidates
            before = [
                found
                for number in range(current)
                for found in entries_on_page(pages, [(e.id, e.text) for e in candidates], number)
            ]
            first = before[-1] if before else candidates[0].id
        options = [
            # "#12": the number the live screen's editor and ``facilitator amend`` give it
            (f"#{e.id} · {e.created_at:%H:%M} · {' '.join(e.text.split())[:55]}", e.id)
            for e in chosen
        ]
        picker = FormScreen(
            self.t("readback.correct_title"),
            [Field("entry", self.t("readback.entry"), "select", first, options)],
            lambda values: values["entry"],
            self.t,
        )
        self.app.push_screen(picker, self._edit_entry)

    def _edit_entry(self, entry_id: object) -> None:
        if not isinstance(entry_id, int):
            return
        row = next(
            e for e in self.console.store.minutes(self.console.meeting_id) if e.id == entry_id
        )

        def save(values: dict[str, object]) -> None:
            try:
                self.console.save_entry(entry_id, str(values["text"]))
            except RuleError as exc:
                raise RuleError.of(exc, "text") from exc

        form = FormScreen(
            self.t("readback.correct_title"),
            [Field("text", self.t("readback.text"), "text", row.text)],
            save,
            self.t,
        )
        self.app.push_screen(form, lambda _result: self.show())

    def action_end(self) -> None:
        self.readback.stop()
        self.dismiss(None)

    def action_back(self) -> None:
        self.dismiss(None)
