"""Registration desk (bàn đăng ký, plan 2.1): its own App that registers, edits and reorders."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Checkbox, DataTable, Footer, Input, Select

from db.store import Store
from facilitator.i18n import Translator
from facilitator.rules.budget import spoken_seconds
from facilitator.rules.cccd import looks_like_code
from facilitator.rules.clock import local
from facilitator.rules.models import Meeting
from facilitator.rules.text import TITLES, fold, infer_title, titled
from facilitator.services.hall import HallState, read_hall
from facilitator.services.hallqueue import registration_numbers
from facilitator.services.live import Console, RuleError
from screens.forms import CardFill, ConfirmScreen
from screens.plain import Label, Static
from screens.speakerforms import card_fill, limit_seconds, register_form
from screens.typeselect import TypeSelect
from screens.watcher import StoreWatcher
from screens.widgets import NfcInput, QueueTable, StateCheckbox, queue_summary

POLL_SECONDS = 0.25
FIELDS = ("name", "hamlet", "gist", "field")


class DeskScreen(Screen[None]):
    BINDINGS = [
        Binding("ctrl+up", "move(-1)", "key.up", priority=True, id="up"),
        Binding("ctrl+down", "move(1)", "key.down", priority=True, id="down"),
        Binding(
            "ctrl+l", "toggle_registration", "key.registration", priority=True, id="registration"
        ),
        # The person just registered, to correct what was guessed (the title from the name).
        Binding("f2", "edit_last", "desk.edit_last", priority=True, id="edit_last"),
        # Enter saves from the checkbox and a closed choice list too, as the hint says
        # (Space ticks the box, down or space opens a list).
        Binding("enter", "register_from_choice", show=False, priority=True),
        # "Esc hủy", as the hint under the form says: the form emptied for the next person
        # (asked first when something is typed in it, as in every form).
        Binding("escape", "cancel_entry", show=False),
    ]

    # What the desk shows follows the hall's state, reread each time another window writes
    # (StoreWatcher.Changed); so do the keys that act on the queue (check_action).
    hall: reactive[HallState | None] = reactive(
        None, repaint=False, always_update=True, bindings=True
    )

    def __init__(self, store: Store, t: Translator, meeting_id: int | None):
        super().__init__()
        self.store = store
        self.t = t
        self.watcher = StoreWatcher(store, POLL_SECONDS)
        self.fixed_meeting = meeting_id
        self.console: Console | None = None
        self.names: dict[str, str] = {}
        self.suggested_title: str | None = None
        self.card_digest: str | None = None  # the hash of the card scanned for this entry
        self.kept_note: tuple[str, str] | None = None  # (name read, its note)
        self.last_registered: int | None = None  # F2 opens this speaker

    def compose(self) -> ComposeResult:
        yield Static("", id="live-header")
        with Horizontal(id="live-body"):
            # Scrolls at 80×24: every field stays reachable (Tab scrolls to it).
            with VerticalScroll(id="desk-form"):
                yield Label(self.t("form.register.title"), classes="section")
                # The last registration, as the desk must check it: the title guessed and F2.
                yield Static("", id="desk-last")
                for key in FIELDS:
                    yield Label(self.t(f"form.{key}"))
                    yield NfcInput(id=f"desk-{key}", mask_numbers=key == "name")
                    yield Static("", id=f"desk-err-{key}", classes="form-error")
                    # The title after the hamlet, as in F2 on the live screen: name, Tab,
                    # hamlet, Enter registers (the title is guessed from the name).
                    if key == "hamlet":
                        yield Label(self.t("form.title_short"))
                        yield TypeSelect(
                            [(t, t) for t in TITLES],
                            id="desk-title",
                            allow_blank=True,
                            prompt=self.t("form.choose"),
                        )
                # Whole in the desk's half of 80 columns (the form's label is longer).
                yield StateCheckbox(self.t("desk.priority"), id="desk-priority")
                yield Label(self.t("form.limit"))
                yield NfcInput(id="desk-limit")
                yield Static("", id="desk-err-limit", classes="form-error")
                yield Static(self.t("desk.hint"), id="form-hint")  # one line at 80 columns
            with Vertical(id="desk-queue"):
                yield Label(self.t("live.queue"), classes="section")
                yield QueueTable(id="queue")
                yield Static("", id="queue-status")
        yield Footer()
        yield self.watcher

    def on_mount(self) -> None:
        self.query_one(QueueTable).setup(self.t)
        self.reload()
        self.query_one("#desk-name").focus()

    def on_store_watcher_changed(self, _message: StoreWatcher.Changed) -> None:
        self.reload()

    @property
    def meeting(self) -> Meeting | None:
        """The meeting served here (None: none live, none in preparation)."""
        return self.hall.meeting if self.hall is not None else None

    def open_meeting(self) -> bool:
        """A meeting that takes registrations and moves (not concluded)."""
        return self.meeting is not None and not self.meeting.concluded

    def desk_ended(self, key: str = "desk.concluded") -> str:
        ended = self.meeting
        assert ended is not None
        return self.t(key, village=ended.village, date=f"{ended.date:%d/%m/%Y}")

    def reload(self) -> None:
        # The file's version before reading it: a write the secretary commits while this
        # reads is seen at the next poll (marked after the reads, it was taken as read).
        self.watcher.mark_seen()
        self.hall = read_hall(self.store, self.fixed_meeting, or_draft=True)  # one state

    def watch_hall(self, state: HallState | None) -> None:
        meeting = state.meeting if state is not None else None
        header = self.query_one("#live-header", Static)
        if state is None or state.meeting_id is None or meeting is None:
            self.console = None
            header.update(f"{self.t('desk.title')} · {self.t('chair.no_meeting')}")
            return
        if self.console is None or self.console.meeting_id != state.meeting_id:
            self.console = Console(self.store, state.meeting_id)
        header.update(f"{self.t('desk.title')} · {self.meeting_words(meeting)}")
        speakers = list(state.speakers)
        now = state.now
        self.names = {fold(s.name): s.name for s in speakers if s.state != "withdrawn"}
        self.query_one(QueueTable).show(
            speakers, spoken_seconds(list(state.finished), now), over=meeting.concluded
        )
        self.query_one("#queue-status", Static).update(
            self.concluded_words(meeting)
            if meeting.concluded  # over: no more registrations, nothing forecast
            else queue_summary(self.t, meeting, speakers, state.slot, now)
        )

    def concluded_words(self, meeting: Meeting) -> str:
        ended = local(meeting.ended_at or self.store.clock())
        return self.t("desk.concluded_status", time=f"{ended:%H:%M}")

    def meeting_words(self, meeting: Meeting) -> str:
        """The meeting in the header: concluded, or its date and whether the list is closed."""
        if meeting.concluded:
            return self.desk_ended("desk.concluded_short")
        closed = "" if meeting.registration_open else f"  [{self.t('live.registration_closed')}]"
        return f"{meeting.village} · {meeting.date:%d/%m/%Y}{closed}"

    @on(Input.Changed, "#desk-name")
    def _name_changed(self, event: Input.Changed) -> None:
        # From the names loaded with the queue: no query on each keystroke.
        same = self.names.get(fold(event.value)) if event.value.strip() else None
        note = f"ℹ {self.t('form.duplicate', name=same)}" if same else ""
        if self.kept_note and self.kept_note[0] == event.value:
            # what was read from a card stays with its value (and a same name is still said)
            note = f"{self.kept_note[1]}\n{note}".strip()
        self.query_one("#desk-err-name", Static).update(note)
        if not event.value.strip():
            self.card_digest = None
        # "Thị" → Bà, "Văn" → Ông; a title chosen by hand is never replaced.
        select = self.query_one("#desk-title", Select)
        current = None if select.value is Select.NULL else select.value
        if current is None or current == self.suggested_title:
            guess = "" if looks_like_code(event.value) else infer_title(event.value)
            select.value = guess or Select.NULL
            self.suggested_title = guess or None

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "desk-name" and self.console is not None:
            fill = card_fill(self.console, self.t, "name", event.value)
            if fill is not None:  # a scanned card: read (or refused), not saved yet
                self.apply(fill)
                return
        self.register()

    def apply(self, fill: CardFill) -> None:
        for key, value in fill.values.items():
            if key == "title":
                self.query_one("#desk-title", Select).value = value or Select.NULL
                self.suggested_title = None  # read from the card: kept when the name changes
            else:
                field = self.query_one(f"#desk-{key}", Input)
                field.value = str(value)
                field.cursor_position = len(field.value)
        note = fill.notes.get("name", "")
        self.query_one("#desk-err-name", Static).update(note)
        self.kept_note = (self.query_one("#desk-name", Input).value, note)
        if fill.digest:
            self.card_digest = fill.digest
        self.query_one(f"#desk-{fill.focus or 'name'}").focus()

    def action_register_from_choice(self) -> None:
        self.register()

    def register(self) -> None:
        if self.console is None or not self.open_meeting():
            said = self.desk_ended() if self.meeting is not None else self.t("chair.no_meeting")
            self.notify(said, severity="error")
            return
        values = {key: self.query_one(f"#desk-{key}", Input).value for key in FIELDS}
        for key in (*FIELDS, "limit"):
            self.query_one(f"#desk-err-{key}", Static).update("")
        try:
            limit = limit_seconds(self.query_one("#desk-limit", Input).value)
            result = self.console.register(
                values["name"],
                values["hamlet"],
                values["gist"],
                values["field"],
                title=self.title_value(),
                priority=self.query_one("#desk-priority", Checkbox).value,
                enforce_open=True,
                card=self.card_digest,
                limit_seconds=limit,
            )
        except RuleError as exc:
            target = exc.field if exc.field in (*FIELDS, "limit") else "name"
            self.query_one(f"#desk-err-{target}", Static).update(f"⚠ {self.t.error(exc)}")
            self.query_one(f"#desk-{target}").focus()
            return
        # Guessed from the middle name (never chosen by hand nor read from a card): said, with
        # how to correct it, so that "Bà" for a man is caught at the desk, not in the hall.
        guessed = self.suggested_title is not None and self.title_value() == self.suggested_title
        self.last_registered = result.speaker_id
        message = self.registered_words(result.speaker_id, "msg.registered_number")
        if result.duplicate_of:
            message = f"{self.t('form.duplicate', name=result.duplicate_of)} · {message}"
        title = self.store.speaker(result.speaker_id).title
        if guessed:
            message += " · " + self.t("desk.title_guessed", title=title)
        elif not title:
            message += " · " + self.t("desk.title_unknown")
        self.query_one("#desk-last", Static).update(message)
        self.notify(message)
        self.clear_entry()
        self.reload()

    def registered_words(self, speaker_id: int, key: str) -> str:
        """ "Đã đăng ký: Bà Trần Thị Mai · số đăng ký 13": the title as it will be printed, and
        the number the citizen is told (they find their place with it on /queue)."""
        speaker = self.store.speaker(speaker_id)
        number = registration_numbers(self.store.speakers(speaker.meeting_id))
        who = titled(speaker.title, speaker.name)
        return self.t(key, name=who, number=number.get(speaker_id, ""))

    def action_edit_last(self) -> None:
        """F2: the person just registered, in the form (to correct the guessed title)."""
        speaker_id = self.last_registered
        if self.console is None or speaker_id is None:
            return
        if self.store.speaker_or_none(speaker_id) is None:  # an undone registration
            self.last_registered = None
            self.query_one("#desk-last", Static).update("")
            self.refresh_bindings()
            return

        def edited(result: Any) -> None:
            if isinstance(result, str) and self.store.speaker_or_none(speaker_id) is not None:
                words = self.registered_words(speaker_id, "desk.edited")
                self.query_one("#desk-last", Static).update(words)
            self._after(result)
            self.query_one("#desk-name").focus()

        self.app.push_screen(register_form(self.console, self.t, speaker_id=speaker_id), edited)

    def clear_entry(self) -> None:
        """The form empty for the next person, the focus in the name."""
        for key in (*FIELDS, "limit"):
            self.query_one(f"#desk-{key}", Input).value = ""
            self.query_one(f"#desk-err-{key}", Static).update("")
        self.query_one("#desk-priority", Checkbox).value = False
        self.query_one("#desk-title", Select).value = Select.NULL
        self.suggested_title = None
        self.card_digest = None
        self.kept_note = None
        self.query_one("#desk-name").focus()

    def action_cancel_entry(self) -> None:
        typed = any(
            self.query_one(f"#desk-{key}", Input).value.strip() for key in (*FIELDS, "limit")
        )
        if not typed:
            self.clear_entry()
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.clear_entry()

        self.app.push_screen(
            ConfirmScreen(self.t("form.discard"), self.t, hint=self.t("form.discard_hint")),
            answered,
        )

    def title_value(self) -> str:
        value = self.query_one("#desk-title", Select).value
        return "" if value is Select.NULL else str(value)

    def action_move(self, step: int) -> None:
        key = self.query_one(QueueTable).selected_id()
        if self.console is None or key is None or not self.open_meeting():
            return
        try:
            self.console.move(int(key), step)
        except RuleError as exc:
            self.notify(self.t.error(exc), severity="error")
        self.reload()

    def action_toggle_registration(self) -> None:
        if self.console is None or not self.open_meeting():
            return
        is_open = not self.console.meeting.registration_open
        self.console.set_registration_open(is_open)
        self.notify(self.t("msg.registration_opened" if is_open else "msg.registration_closed"))
        self.reload()

    @on(DataTable.RowSelected, "#queue")
    def _edit(self, event: DataTable.RowSelected) -> None:
        if self.console is None:
            return
        speaker_id = int(str(event.row_key.value))
        self.app.push_screen(
            register_form(self.console, self.t, speaker_id=speaker_id), self._after
        )

    def _after(self, result: Any) -> None:
        self.reload()
        if isinstance(result, str):
            self.notify(result)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "register_from_choice":
            focused = self.focused
            if isinstance(focused, Select):
                return not focused.expanded
            return isinstance(focused, Checkbox)
        if action == "edit_last":  # dimmed until someone is registered here
            return True if self.last_registered is not None and self.open_meeting() else None
        if action in ("move", "toggle_registration"):
            # Dimmed with no meeting to serve, and once it is concluded (registration is over).
            return True if self.open_meeting() else None
        # Absences and follow-up turns belong to the secretary: hidden at the desk.
        return action not in ("absent", "follow_up")
