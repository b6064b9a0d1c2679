"""Live (Điều hành): the secretary's main screen on the day.

F-keys are priority bindings so they work while the minutes editor has focus (the TextArea binds
F6, F7 and ctrl+z itself). Every action first saves what was typed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.cells import cell_len
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import DataTable

from db.store import StoreError
from facilitator.i18n import Translator
from facilitator.rules.budget import budget_left, per_hamlet, speech_phase, spoken_seconds
from facilitator.rules.clock import local, parse
from facilitator.rules.models import Meeting, SlotRecord, Speaker
from facilitator.rules.slot import Phase, SlotState
from facilitator.rules.text import MAX_LONG, titled
from facilitator.services.live import HEARTBEAT_SECONDS, Console, RuleError, speech_header
from screens.folder import ExportFolder
from screens.keybar import KeyBar
from screens.plain import Label, Static
from screens.speakerforms import absent_form, petition_form, register_form
from screens.watcher import StoreWatcher
from screens.widgets import (
    AgendaBar,
    MinutesEditor,
    MinutesLog,
    NfcTextArea,
    QueueTable,
    budget_words,
    clip,
    hamlet_times,
    queue_summary,
    set_content,
    slot_words,
)

if TYPE_CHECKING:
    pass

# The forms (and what they check: cards, decisions, assignments) are imported when first
# opened, not at start-up: the live screen's first frame does not need them.

POLL_SECONDS = 0.25  # another process's write (the desk's) shows within ~0.25 s
SAVE_DELAY = 0.3  # a save comes 0.3-0.6 s after the last keystroke; the budget is 1 s
COMPACT_BELOW = 30  # rows: a shorter window gives the minutes log fewer lines (the -compact class)
# Typed first after a resumed entry, these take the place of the space put after it.
_NO_SPACE_BEFORE = frozenset(" .,;:!?)…")


# The keys that can be dimmed (check_action), and their actions: F4–F6 while no speech
# runs, F2–F8 once the meeting is concluded. Pressed anyway, the message line says why.
DIMMED_KEYS = {
    "f2": "register",
    "f3": "call_next",
    "f4": "toggle_timer",
    "f5": "extend",
    "f6": "end_speech",
    "f7": "petition",
    "f8": "next_phase",
}
# What a concluded meeting refuses (services.live: "live.over").
OVER_ACTIONS = {
    "register",
    "call_next",
    "toggle_timer",
    "extend",
    "end_speech",
    "petition",
    "next_phase",
    "official_answer",
    "follow_up",
    "undo",
}


class LiveScreen(Screen[None]):
    # Focus goes straight to the minutes: Textual's default (the first focusable widget, the
    # queue) would restyle the queue table twice more before the first frame.
    AUTO_FOCUS = "#editor"
    BINDINGS = [
        Binding("f1", "help", "key.help", priority=True, id="help"),
        Binding("f2", "register", "key.register", priority=True, id="register"),
        Binding("f3", "call_next", "key.next", priority=True, id="call_next"),
        Binding("f4", "toggle_timer", "key.timer", priority=True, id="toggle_timer"),
        Binding("f5", "extend", "key.extend", priority=True, id="extend"),
        Binding("f6", "end_speech", "key.end", priority=True, id="end_speech"),
        Binding("f7", "petition", "key.petition", priority=True, id="petition"),
        Binding("f8", "next_phase", "key.phase", priority=True, id="next_phase"),
        Binding("f9", "conclusion", "key.conclusion", priority=True, id="conclusion"),
        Binding("f10", "export", "key.export", priority=True, id="export"),
        Binding("ctrl+e", "export", "key.export", priority=True, show=False, id="export2"),
        Binding("ctrl+z", "undo", "key.undo", priority=True, show=False, id="undo"),
        Binding("ctrl+up", "move(-1)", "key.up", priority=True, show=False, id="up"),
        Binding("ctrl+down", "move(1)", "key.down", priority=True, show=False, id="down"),
        Binding("ctrl+u", "move_to", "key.move_to", priority=True, show=False, id="move_to"),
        Binding(
            "ctrl+b",
            "toggle_first_turns",
            "key.first_turns",
            priority=True,
            show=False,
            id="first_turns",
        ),
        Binding("ctrl+n", "new_entry", "key.new_entry", priority=True, show=False, id="new"),
        Binding(
            "ctrl+l",
            "toggle_registration",
            "key.registration",
            priority=True,
            show=False,
            id="registration",
        ),
        Binding(
            "ctrl+r",
            "official_answer",
            "key.official_answer",
            priority=True,
            show=False,
            id="official_answer",
        ),
        Binding("ctrl+g", "follow_up", "key.follow_up", priority=True, show=False, id="follow_up"),
        Binding("ctrl+o", "carry_over", "key.carry_over", priority=True, show=False, id="carry"),
        Binding("ctrl+t", "prepare", "key.prepare", priority=True, show=False, id="prepare"),
        # Not a priority: Esc closes a form or a list first; on the screen itself it leaves.
        # In the key line once the meeting is concluded (the F-keys keep their room before).
        Binding("escape", "home_key", "fkey.home"),
        Binding("escape", "home", "key.home", show=False, id="home"),
    ]

    # What the key line follows: the keys are refreshed when one changes (see check_action).
    slot: reactive[SlotRecord | None] = reactive(None, repaint=False, bindings=True)
    speaking: reactive[Speaker | None] = reactive(None, repaint=False, bindings=True)
    meeting_status: reactive[str] = reactive("", repaint=False, bindings=True)
    sealed: reactive[bool] = reactive(False, repaint=False, bindings=True)

    def __init__(
        self,
        console: Console,
        t: Translator,
        bell: bool = False,
        folder: ExportFolder | None = None,
    ):
        super().__init__()
        self.console = console
        self.t = t
        self.export_folder = folder or ExportFolder()
        self.watcher = StoreWatcher(console.store, POLL_SECONDS)
        self.bell_enabled = bell
        self.called_id: int | None = None  # who "Mời …" on the top line names
        self.called_text = ""
        self.seal_shown: str | None = None  # the seal code the top line's notice gave
        self.editing_id: int | None = None
        self.resume_base: str | None = None  # a resumed entry's text, while its space may go
        # Enter on an earlier entry corrects it; Esc in the editor goes back to the entry that
        # was being written then (None: a new one), where the current speech goes on.
        self.correcting = False
        self.return_to: int | None = None
        self.dirty = False
        self.refused = False  # the last action was refused (its message is shown)
        self.readonly = False
        self.save_timer: Timer | None = None
        self.tick_timer: Timer | None = None
        self.alerted: tuple[int, Phase] | None = None
        self.shown_countdown: tuple[str, str] | None = None
        self.shown_header = ""

    # ----- layout ---------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        # The short window's layout is known before the widgets get their styles: set at
        # mount, the class made every widget of the screen take its styles twice.
        self.set_class(self.app.size.height < COMPACT_BELOW, "-compact")
        with Horizontal(id="live-top"):
            yield Static("", id="live-header")
            yield Static("", id="live-message")
        with Horizontal(id="live-body"):
            with Vertical(id="live-left"):
                yield AgendaBar("", id="agenda")
                with Vertical(id="current"):
                    yield Static("", id="current-who")
                    yield Static("", id="countdown")
                    yield Static("", id="budget")
                yield Label(self.t("live.queue"), classes="section")
                queue = QueueTable(id="queue")
                queue.setup(self.t)
                yield queue
                yield Static("", id="queue-selected")
                yield Static("", id="queue-status")
                yield Static("", id="hamlet-times")
            with Vertical(id="live-right"):
                log = MinutesLog(id="minutes-log")
                log.setup(self.t)
                yield log
                yield Static("", id="editing")
                editor = MinutesEditor("", id="editor", soft_wrap=True, tab_behavior="focus")
                editor.show_line_numbers = False
                yield editor
        yield KeyBar()
        yield self.watcher

    def on_mount(self) -> None:
        self.readonly = bool(self.console.store.readonly)
        # The countdown's timer exists before the first refresh_state: follow_clock resumes it
        # when a speech's time already runs (a restart mid-speech left it paused, the
        # countdown frozen until F4 F4 or a queue action).
        self.tick_timer = self.set_interval(0.5, self.tick, pause=True)
        # The speaker's entry is found before a gap note is added after it: the restart notes
        # the outage and still goes on with that entry in the editor.
        self.speaking = self.console.store.speaking(self.console.meeting_id)
        resumed = self.resumable_entry()
        outage = None if self.readonly else self.console.note_outage()
        # The notices (an outage, assignments carried over) come just after the first frame:
        # a toast is a widget of its own to build and lay out, over a screen not drawn yet.
        self.call_after_refresh(self.start_notices, outage)
        # The earlier minutes are in the first frame, more than fill the screen (measured and
        # scrolled to the end before it is drawn: ReadyTable); the rest of the last SHOWN
        # entries a second later.
        self.refresh_state(log=False)
        self.sync_log(MinutesLog.FIRST)
        self.set_timer(1.0, self.sync_log)
        self.start_new_entry(resumed)
        if self.readonly:
            self.query_one("#editor", NfcTextArea).read_only = True
            self.update_editing_label()
            self.say(self.t("msg.readonly", path=self.console.store.path))
        self.save_timer = self.set_interval(SAVE_DELAY, self.autosave, pause=True)
        self.set_interval(HEARTBEAT_SECONDS, self.heartbeat)
        self.query_one("#editor").focus()
        self.update_layout_mode()

    def start_notices(self, outage: str | None) -> None:
        if outage:
            self.notify(self.t("msg.outage", text=outage), timeout=8)
        from screens.carryover import carry_over_lines

        pending = carry_over_lines(self.console.store, self.console.meeting_id, self.t)
        if pending:
            self.notify(self.t("carry.notice", count=len(pending)), timeout=8)

    def on_resize(self) -> None:
        self.update_layout_mode()

    def on_screen_resume(self) -> None:
        # Closing any dialog (help, forms, export, conclusion...) returns to the minutes.
        self.focus_editor()

    def focus_editor(self) -> None:
        self.query_one("#editor").focus()

    def typing_target(self, event: events.Key) -> Widget | None:
        """A character typed while a table (queue, earlier minutes) has focus goes into the
        minutes editor, at its cursor: no letter is a command here."""
        if event.is_printable and event.character and isinstance(self.focused, DataTable):
            return self.query_one("#editor", NfcTextArea)
        return None

    def on_key(self, event: events.Key) -> None:
        """A key typed into the editor that takes no typing (sealed minutes, a read-only file)
        says why on the top line: nothing typed vanishes without a word. So does a dimmed
        F4–F6 pressed while no speech runs (it was silent; what is typed stays)."""
        if event.key == "escape" and isinstance(self.focused, NfcTextArea):
            # Esc in the editor while correcting an earlier entry: back to the current one
            # (it leaves for the list of meetings only from the current entry); on a note
            # while a speech runs: back to that speech's entry.
            if self.correcting:
                event.stop()
                event.prevent_default()
                self.back_to_current()
                return
            if self.speech_to_return() is not None:
                event.stop()
                event.prevent_default()
                self.back_to_speech()
                return
        dimmed = DIMMED_KEYS.get(event.key)
        if dimmed and self.check_action(dimmed, ()) is None:
            over = dimmed in OVER_ACTIONS and self.meeting_status in ("concluded", "closed")
            self.say(self.t.error(RuleError("live.over")) if over else self.t("msg.no_slot"))
            return
        editor = self.query_one("#editor", NfcTextArea)
        if self.focused is not editor or not editor.read_only:
            return
        if event.is_printable or event.key in ("enter", "backspace", "delete"):
            if self.readonly:
                self.say(self.t("msg.readonly", path=self.console.store.path))
            else:
                self.say(self.t("live.typing_sealed"))

    def update_layout_mode(self) -> None:
        self.set_class(self.size.height < COMPACT_BELOW, "-compact")
        self.refresh_agenda()

    # ----- state -> widgets -----------------------------------------------------------------
    def sync_log(self, limit: int = MinutesLog.SHOWN) -> None:
        store = self.console.store
        log = self.query_one(MinutesLog)
        log.headers = {s.id: speech_header(s) for s in self.speakers}
        log.sync(store.recent_minutes(self.console.meeting_id, limit))

    def refresh_state(self, log: bool = True) -> None:
        # The file's version before reading it: a write another process commits while this
        # reads is seen at the next poll (marked after the reads, it was taken as read).
        self.watcher.mark_seen()
        store = self.console.store
        meeting = self.console.meeting
        self.meeting = meeting
        mid = meeting.id
        self.meeting_status = meeting.status  # Esc in the key line once concluded
        # After "Thông qua biên bản" nothing typed here could be saved: the editor says so by
        # taking no typing, instead of showing words that are not in the record.
        sealed = store.is_sealed(mid)
        self.sealed = sealed  # the key line dims what a sealed record refuses
        self.show_meeting_header(meeting)
        if sealed:
            self.show_seal()
        self.query_one("#editor", NfcTextArea).read_only = self.readonly or sealed
        self.phases = store.phases(mid)
        self.refresh_agenda()
        self.speakers = store.speakers(mid)
        self.slots = store.slots(mid)
        now = self.console.now()
        spoken = spoken_seconds([r for r in self.slots if r.slot.ended_at], now)
        queue = self.query_one(QueueTable)
        queue.show(self.speakers, spoken)
        self.show_selected()
        self.slot = store.current_slot(mid)
        self.speaking = next((s for s in self.speakers if s.state == "speaking"), None)
        self.show_speaking(self.speaking)
        self.query_one("#queue-status", Static).update(
            queue_summary(self.t, meeting, self.speakers, self.slot, self.console.now())
        )
        if log:
            self.sync_log()
        # The header above the editor follows an edited speaker (here or at the desk); an
        # entry an undo removed is left to the undo.
        if self.editing_id is None or store.entry_or_none(self.editing_id) is not None:
            self.update_editing_label()
        self.follow_clock()

    def show_seal(self) -> None:
        """The top line's notice once the minutes are sealed (and at each amendment's new
        seal): the last notice before it stayed there, true no longer."""
        from facilitator.services.seal import last_seal

        seal = last_seal(self.console.store, self.console.meeting_id)
        if seal is None or seal.code == self.seal_shown:
            return
        self.seal_shown = seal.code
        when = f"{local(parse(seal.at)):%H:%M}"
        self.say(self.t("live.sealed_notice", code=seal.code, time=when), wide=True)

    def show_meeting_header(self, meeting: Meeting) -> None:
        """The top line: the whole header, and the short one shown beside a message."""
        status = self.t("status.sealed" if self.sealed else "status." + meeting.status)
        closed = "" if meeting.registration_open else f"  [{self.t('live.registration_closed')}]"
        self.header_full = (
            f"{self.t('live.title')} · {meeting.commune} - {meeting.village} · "
            f"{meeting.date:%d/%m/%Y} · {status}{closed}"
        )
        # Beside a message on the top line: the commune and village and the phase (the
        # state before and after the meeting), cut with "…" when the message leaves no room
        # (it was "Đông Phong · đang họp": the commune, date and phase silently dropped).
        phases = self.console.store.phases(meeting.id)
        at = meeting.phase_index
        phase = (
            f"{at + 1}. {self.t.phase(phases[at].name)}"
            if meeting.status == "live" and 0 <= at < len(phases)
            else status
        )
        self.header_short = f"{meeting.commune} - {meeting.village} · {phase}{closed}"
        self.show_header()

    def show_speaking(self, speaking: Speaker | None) -> None:
        """Who has the floor, with as much of the gist as the box leaves; "Mời …" on the top
        line is cleared once that person no longer speaks."""
        called = self.called_id
        if called is not None and (speaking is None or speaking.id != called):
            # "Mời …" is true only while that person speaks (not once the chair or an
            # official has the floor, nor after the turn ended)
            self.called_id = None
            if str(self.query_one("#live-message", Static).render()) == self.called_text:
                self.say("")
        who = self.query_one("#current-who", Static)
        if speaking:
            where = f" ({speaking.hamlet})" if speaking.hamlet else ""
            line = f"{self.t('live.current')}: {titled(speaking.title, speaking.name)}{where}"
            # The box shows three lines: the gist gets what the name leaves, cut with "…"
            # (whole in the speaker's form, Enter in the queue), never cut mid-word unmarked.
            width = max(10, who.content_size.width or self.size.width // 2 - 4)
            room = 3 - min(3, -(-cell_len(line) // width))
            gist = " ".join(speaking.gist.split())
            shown = f"\n{clip(gist, width)}" if gist and room else ""
            who.update(f"{line}{shown}")
        else:
            who.update(self.t("live.nobody"))

    def follow_clock(self) -> None:
        """The countdown ticks while a speech's time runs, and shows the slot as it is now."""
        running = self.slot is not None and self.slot.slot.state is SlotState.RUNNING
        if self.tick_timer is not None:
            if running:
                self.tick_timer.resume()
            else:
                self.tick_timer.pause()
        self.tick()

    def refresh_agenda(self) -> None:
        if hasattr(self, "phases"):
            self.query_one(AgendaBar).show(
                self.phases, self.meeting.phase_index, self.t, self.has_class("-compact")
            )

    def tick(self) -> None:
        now = self.console.now()
        slot = self.slot.slot if self.slot else None
        clock, words, css = slot_words(slot, now, self.t)
        shown = (f"{clock}  {words}", css)
        if shown != self.shown_countdown:
            self.shown_countdown = shown
            countdown = self.query_one("#countdown", Static)
            # One line of fixed size (CSS): no layout of the whole screen twice a second (idle
            # with the countdown running, bench.run idle: 3.0 -> 2.2 % of a core).
            countdown.update(shown[0], layout=False)
            for name in ("-idle", "-normal", "-warning", "-overtime", "-paused", "-ended"):
                countdown.set_class(name == css, name)
        self.show_times(now)
        if slot is not None and self.bell_enabled and self.slot is not None:
            phase = slot.phase(now)
            key = (self.slot.id, phase)
            if phase is not Phase.NORMAL and self.alerted != key:
                self.alerted = key
                self.app.bell()

    def show_times(self, now: Any) -> None:
        """The citizens' phase's budget and the time spoken per hamlet, up to this second."""
        if not hasattr(self, "slots"):
            return
        meeting = self.meeting
        budget = budget_words(
            self.t,
            budget_left(meeting.speech_budget_seconds, self.phases, now),
            meeting.speech_budget_seconds,
        )
        spoken = spoken_seconds(self.slots, now)
        totals = hamlet_times(self.t, per_hamlet(self.speakers, spoken, meeting.village))
        before = getattr(self, "shown_times", None)
        if (budget, totals) != before:
            self.shown_times = (budget, totals)
            # A second more on the same lines changes no size: no layout of the whole screen
            # each second (idle with the countdown running, bench.run idle).
            line = self.query_one("#budget", Static)
            same_size = before is not None and len(before[0]) == len(budget)
            line.update(budget, layout=not (same_size and line.display == bool(budget)))
            if line.display != bool(budget):
                line.display = bool(budget)
            over = budget_left(meeting.speech_budget_seconds, self.phases, now)
            line.set_class(over is not None and over < 0, "-overtime")
            hamlets = self.query_one("#hamlet-times", Static)  # one line (CSS)
            hamlets.update(totals, layout=hamlets.display != bool(totals))
            if hamlets.display != bool(totals):
                hamlets.display = bool(totals)

    @on(DataTable.RowHighlighted, "#queue")
    def show_selected(self) -> None:
        """A name the queue cuts is shown whole under it while its row is selected."""
        whole = self.query_one(QueueTable).clipped()
        line = self.query_one("#queue-selected", Static)
        set_content(line, f"▸ {whole}" if whole else "")
        line.display = bool(whole)

    def on_store_watcher_changed(self, _message: StoreWatcher.Changed) -> None:
        """Another process (the desk) committed: reread what is shown."""
        self.refresh_state()

    def heartbeat(self) -> None:
        if self.readonly:
            return
        self.flush()
        self.show_header()  # the clock on the top line
        if self.console.meeting.status == "live":
            # Its own writes never change the version the watcher polls (SQLite's data
            # version counts other connections' commits): nothing to mark as seen. Marking
            # here took the desk's newest write as read, and it never showed.
            self.console.heartbeat()

    # ----- minutes editor -------------------------------------------------------------------
    @on(NfcTextArea.Changed, "#editor")
    def editor_changed(self, event: NfcTextArea.Changed) -> None:
        self.drop_resume_space()
        self.dirty = True
        # One paused interval, restarted on each key: no new timer (task) per keystroke.
        if self.save_timer is not None:
            self.save_timer.reset()
            self.save_timer.resume()

    def drop_resume_space(self) -> None:
        """The space put after a resumed entry goes when the first thing typed after it is a
        space or a stop: the record keeps "năm nay." as typed, not "năm nay ."."""
        base = self.resume_base
        if base is None:
            return
        text = self.query_one("#editor", NfcTextArea).text
        if text == base + " ":
            return  # the loading itself, nothing typed yet
        self.resume_base = None
        if text.startswith(base + " ") and text[len(base) + 1 : len(base) + 2] in _NO_SPACE_BEFORE:
            row = base.count("\n")
            col = len(base) - (base.rfind("\n") + 1)
            self.query_one("#editor", NfcTextArea).delete((row, col), (row, col + 1))

    def autosave(self) -> None:
        if self.save_timer is not None:
            self.save_timer.pause()
        self.flush()

    def flush(self) -> bool:
        """Save the entry being typed (after a pause in typing, and before every action).

        Returns False when it could not be saved (the text stays in the editor, and the
        action that asked must not replace it). A text over 20,000 characters is split into
        entries by the console; the editor goes on with the last one."""
        if not self.dirty:
            return True
        editor = self.query_one("#editor", NfcTextArea)
        text = editor.text
        try:
            if self.editing_id is None:
                if not text.strip():
                    self.dirty = False
                    return True
                saved = self.console.new_entry(text)
            else:
                saved = self.console.save_entry(self.editing_id, text)
        except (RuleError, StoreError) as exc:
            # The text stays in the editor; the next keystroke or action tries again.
            self.notify(self.t.error(exc), severity="error", timeout=10)
            return False
        entry = self.console.store.minutes_entry(saved)
        log = self.query_one(MinutesLog)
        if len(text) > MAX_LONG or (self.editing_id is not None and saved != self.editing_id):
            # Split (or written again): the earlier parts are in the log, the editor keeps
            # the last part.
            log.sync(self.console.store.recent_minutes(self.console.meeting_id, log.SHOWN))
            editor.load_text(entry.text)
            editor.move_cursor(editor.document.end)
        self.editing_id = saved
        self.dirty = False
        log.update_entry(entry)
        self.update_editing_label()
        return True

    def start_new_entry(self, entry_id: int | None = None) -> None:
        editor = self.query_one("#editor", NfcTextArea)
        self.editing_id = entry_id
        self.correcting = False
        text = self.console.store.minutes_entry(entry_id).text if entry_id else ""
        # Going on with an entry: a space after its last word, so that the next words do not
        # stick to it; taken back if what is typed first is a space or a stop ("năm nay.").
        self.resume_base = text if text and entry_id else None
        editor.load_text(text + (" " if self.resume_base is not None else ""))
        editor.move_cursor(editor.document.end)
        self.dirty = False
        self.update_editing_label()

    def resumable_entry(self) -> int | None:
        """On (re)opening: go on with the entry of the speech that is running, as an undo does
        while the window is open (``last_entry_of``): what is typed next is that speaker's, even
        when entries came after it (an undone call's words; they went into a new entry with no
        speaker, printed under the next speaker in the biên bản)."""
        if self.speaking is None:
            return None
        # Their speech's entry, not a note typed during their turn (it carries their id too):
        # closed on such a note, her next words became a note of their own.
        return self.console.store.speech_entry_of(self.speaking.id)

    def update_editing_label(self) -> None:
        label = self.query_one("#editing", Static)
        if self.query_one("#editor", NfcTextArea).read_only:
            # No "✎ Đoạn mới" over an editor that takes no typing.
            sealed = not self.readonly
            label.update(self.t("live.editor_sealed" if sealed else "live.editor_readonly"))
        elif self.editing_id is None:
            hint = self.back_to_speech_hint() or self.before_opening_hint()
            label.update(f"✎ {self.t('key.new_entry')}{hint}")
        else:
            entry = self.console.store.minutes_entry(self.editing_id)
            # A speech entry's header is shown here, not typed: the text is only what is said.
            header = ""
            if entry.kind == "speech" and entry.speaker_id:
                speaker = next((s for s in self.speakers if s.id == entry.speaker_id), None)
                speaker = speaker or self.console.store.speaker(entry.speaker_id)
                header = f" · {speech_header(speaker)}"
            back = f" · {self.t('live.back_to_current')}" if self.correcting else ""
            back = back or self.back_to_speech_hint() or self.before_opening_hint()
            label.update(f"✎ {entry.created_at:%H:%M} · #{entry.id}{back}{header}")

    @on(DataTable.RowSelected, "#minutes-log")
    def edit_earlier(self, event: DataTable.RowSelected) -> None:
        if not self.flush():
            return
        current = self.return_to if self.correcting else self.editing_id
        chosen = int(str(event.row_key.value))
        self.start_new_entry(chosen)
        if chosen != current:
            self.correcting = True
            self.return_to = current
            self.update_editing_label()
        self.query_one("#editor").focus()

    def back_to_current(self) -> None:
        """Esc after correcting an earlier entry: the editor goes back to the entry that was
        being written (the current speech's), its cursor at the end."""
        if not self.flush():
            return
        target = self.return_to
        if target is not None and self.console.store.entry_or_none(target) is None:
            target = None
        if target is None and self.speaking is not None:
            target = self.console.store.speech_entry_of(self.speaking.id)
        self.start_new_entry(target)
        self.query_one(MinutesLog).move_cursor(row=max(0, self.query_one(MinutesLog).row_count - 1))
        self.say(self.t("msg.back_to_current"))
        self.focus_editor()

    def speech_to_return(self) -> tuple[int, Speaker] | None:
        """While a speech runs and the editor is on a note (ctrl+n, typed during a pause) or
        a new entry: the speech's entry, where the speaker's words go on. None otherwise."""
        speaking = self.speaking
        if speaking is None or self.correcting or self.readonly or self.sealed:
            return None
        if self.editing_id is not None:
            entry = self.console.store.entry_or_none(self.editing_id)
            if entry is None or entry.kind != "note":
                return None
        target = self.console.store.speech_entry_of(speaking.id)
        if target is None or target == self.editing_id:
            return None
        return target, speaking

    def back_to_speech_hint(self) -> str:
        """ " · Esc: về lời Bà …" on the editing line while Esc goes back to the speech."""
        found = self.speech_to_return()
        if found is None:
            return ""
        return f" · {self.t('live.back_to_speech', who=titled(found[1].title, found[1].name))}"

    def before_opening_hint(self) -> str:
        """ " · chưa khai mạc: ghi vào «1. Khai mạc» khi nhấn F8": where words typed before
        the opening go (F8 files them under the first step of the agenda)."""
        if self.meeting_status != "draft" or not getattr(self, "phases", None):
            return ""
        first = f"1. {self.t.phase(self.phases[0].name)}"
        return f" · {self.t('live.before_opening', phase=first)}"

    def back_to_speech(self) -> bool:
        """Esc on a note, or F4 resuming the speaker's time: the editor goes back to the
        running speech's entry (the note stays a note); the top line says whose words follow."""
        if not self.flush():
            return False
        found = self.speech_to_return()
        if found is None:
            return False
        target, speaker = found
        self.start_new_entry(target)
        log = self.query_one(MinutesLog)
        log.move_cursor(row=max(0, log.row_count - 1))
        self.say(self.t("msg.back_to_speech", who=titled(speaker.title, speaker.name)))
        self.focus_editor()
        return True

    # ----- actions --------------------------------------------------------------------------
    def say(self, message: str, wide: bool = False) -> None:
        """Routine confirmations go to the top line: a toast would cover the minutes.
        ``wide``: a notice she must read whole takes up to four fifths of the line (the
        meeting's header is cut shorter; the time of day stays)."""
        line = self.query_one("#live-message", Static)
        line.update(message)
        line.display = bool(message)
        line.set_class(wide, "-wide")
        self.show_header()

    def show_header(self) -> None:
        if not hasattr(self, "header_full"):
            return
        message = self.query_one("#live-message", Static).display
        # The time of day first (never the part cut), then the meeting (CSS: "…" at the cut).
        clock = f"{local(self.console.now()):%H:%M}"
        text = f"{clock} · {self.header_short if message else self.header_full}"
        if text != self.shown_header:
            self.shown_header = text
            self.query_one("#live-header", Static).update(text)

    def _do(self, fn: Any, *args: Any) -> Any:
        self.refused = True  # until it has run: no "queue empty" line after a refusal
        if not self.flush():
            return None  # what is typed is not replaced by the next entry
        try:
            result = fn(*args)
        except (RuleError, StoreError) as exc:
            self.notify(self.t.error(exc), severity="error", timeout=10)
            self.focus_editor()
            return None
        self.refused = False
        self.refresh_state()
        self.focus_editor()
        return result

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Esc shows in the key line once the meeting is concluded; F4 and F5 are dimmed while
        no speech's time runs, F6 while nobody has the floor (None: shown dimmed, and the
        key does nothing: it goes to the editor, which ignores it)."""
        if action == "home_key":
            return self.console.meeting.status in ("concluded", "closed")
        if action in OVER_ACTIONS and self.meeting_status in ("concluded", "closed"):
            return None  # refused once the end time is recorded: dimmed, not offered
        if action == "new_entry" and self.sealed:
            return None
        if action in ("toggle_timer", "extend"):
            return True if self.slot is not None else None
        if action == "end_speech":
            return True if self.slot is not None or self.speaking is not None else None
        return True

    def action_home_key(self) -> None:
        self.action_home()

    def action_home(self) -> None:
        """Esc: back to the list of meetings (asked first while the meeting is live)."""
        if not self.flush():
            return
        if self.console.meeting.status != "live" or self.readonly:
            self.go_home()
            return
        from screens.forms import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self.go_home()
            else:
                self.focus_editor()

        self.app.push_screen(ConfirmScreen(self.t("confirm.home"), self.t), answered)

    def go_home(self) -> None:
        from screens.home import HomeScreen

        stack = self.app.screen_stack
        if len(stack) > 1 and isinstance(stack[-2], HomeScreen):
            self.app.pop_screen()
            return
        # Started with ``run ID``: no list below; it takes this screen's place.
        self.app.switch_screen(HomeScreen(self.console.store, self.t, self.export_folder))

    def action_help(self) -> None:
        from screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self.t))

    def action_register(self) -> None:
        self.flush()
        self.app.push_screen(register_form(self.console, self.t), self._after_form)

    def _after_form(self, result: Any) -> None:
        self.refresh_state()
        if isinstance(result, str):
            self.say(result)
        elif self.meeting.concluded and not self.sealed:
            # Back from the conclusion: the last notice of the meeting ("Đã kết thúc lượt phát
            # biểu") is over; the header says "đã kết luận" (trial 10).
            self.say("")
        self.query_one("#editor").focus()

    def action_call_next(self) -> None:
        meeting = self.console.meeting
        if meeting.status == "draft":
            # Not opened: F8 opens it (and asks for a chair first). Calling before it made a
            # biên bản with every speech above "1. Khai mạc" (a trial).
            self.notify(self.t("msg.not_opened"), severity="warning", timeout=8)
            self.focus_editor()
            return
        phases = self.console.store.phases(self.console.meeting_id)
        target = speech_phase(phases)
        if (
            meeting.status == "live"
            and not self.readonly  # refused at once: no question first
            and target is not None
            and meeting.phase_index < target.position
        ):
            # Calling a citizen during the opening: first move the agenda to their phase.
            from screens.forms import ConfirmScreen

            question = self.t(
                "confirm.call_opening",
                now=self.t.phase(phases[max(meeting.phase_index, 0)].name),
                phase=f"{target.position + 1}. {self.t.phase(target.name)}",
            )
            # The phases between are recorded too, in order, at this moment: said first.
            passed = ", ".join(
                f"«{p.position + 1}. {self.t.phase(p.name)}»"
                for p in phases[meeting.phase_index + 1 : target.position]
            )
            detail = (
                self.t(
                    "confirm.passed_phases",
                    phases=passed,
                    time=f"{local(self.console.now()):%H:%M}",
                )
                if passed
                else ""
            )
            self.app.push_screen(
                ConfirmScreen(question, self.t, detail),
                lambda yes: self._call_in_phase(yes, target.position),
            )
            return
        self.call_next_speaker()

    def _call_in_phase(self, yes: bool | None, position: int) -> None:
        if not yes:
            self.focus_editor()
            return
        name = self._do(self.console.next_phase, position)
        if name is None:
            return
        self.start_new_entry()
        self.call_next_speaker()

    def _turn_left_open(self) -> list[int]:
        """The petitions tied to the answer turn speaking now that have neither an answer nor
        an outcome: said when the turn ends, never left silently unanswered."""
        turn = self.speaking
        if turn is None or turn.kind != "answer":
            return []
        return [
            p.seq
            for p in self.console.answered_in(turn.id)
            if not (p.answer or "").strip() and p.outcome is None
        ]

    def _with_left_open(self, message: str, left: list[int]) -> str:
        if not left:
            return message
        items = ", ".join(str(seq) for seq in sorted(left))
        return f"{message} · {self.t('msg.turn_left_open', items=items)}"

    def call_next_speaker(self) -> None:
        left = self._turn_left_open()
        speaker = self._do(self.console.call_next)
        if speaker is None and self.refused:
            return
        if speaker is None:
            self.say(self.t("msg.queue_empty"))
            return
        self.start_new_entry(self.console.store.last_entry_of(speaker.id))
        # The queue's cursor goes on to the next waiting speaker: Delete and ctrl+g act there.
        self.query_one(QueueTable).select_first_waiting()
        self.called_text = self.t("msg.called", name=speaker.name)
        self.say(self._with_left_open(self.called_text, left), wide=bool(left))
        self.called_id = speaker.id

    def action_toggle_timer(self) -> None:
        state = self._do(self.console.toggle_timer)
        if state is None and self.refused:
            return
        if state is None:
            self.say(self.t("msg.no_slot"))
            return
        # The speaker's time resumes while the editor is on a note (typed during the pause):
        # what is typed next is the speaker's again, in their entry.
        if state is SlotState.PAUSED or not self.back_to_speech():
            self.say(self.t("msg.paused" if state is SlotState.PAUSED else "msg.resumed"))

    def action_extend(self) -> None:
        if self._do(self.console.extend, 60):
            self.say(self.t("msg.extended"))
        elif not self.refused:
            self.say(self.t("msg.no_slot"))

    def action_end_speech(self) -> None:
        left = self._turn_left_open()
        if self._do(self.console.end_speech):
            self.say(self._with_left_open(self.t("msg.ended"), left), wide=bool(left))
        else:
            self.say(self.t("msg.no_slot"))

    def action_petition(self) -> None:
        self.flush()
        speaker = self.speaking
        if speaker is not None and speaker.kind == "answer":
            # An official's turn: F7 records the answer to the petitions it is tied to.
            from screens.answer import answer_form, waiting_answers

            said = self.query_one("#editor", NfcTextArea).text  # typed during this turn
            waiting = waiting_answers(self.console, speaker)
            if waiting:  # one form for each, in turn, the citizen's own first
                self._answer_each(speaker, said, waiting, [])
                return
            outcome = self.console.chosen_outcome(speaker.id)
            form = answer_form(self.console, self.t, speaker, said, outcome=outcome)
            if form is not None:
                self.app.push_screen(form, self._after_form)
                return
            speaker = None  # nothing open to answer: a petition of the meeting, no petitioner
        self.app.push_screen(petition_form(self.console, self.t, speaker), self._after_form)

    def _answer_each(
        self, turn: Any, said: str, waiting: list[int], saved: list[int], sent_to: str = ""
    ) -> None:
        """The answer form for the first of ``waiting``; once saved, the next one's, with the
        answer just given (and the body it went to) offered; the top line then says what was
        recorded and what is left."""
        from screens.answer import answer_form

        form = answer_form(
            self.console,
            self.t,
            turn,
            said,
            petition_id=waiting[0],
            outcome=self.console.chosen_outcome(turn.id),
            step=(len(saved) + 1, len(saved) + len(waiting)),
            saved=saved,
            forwarded_to=sent_to,
        )
        if form is None:
            return

        def done(result: Any) -> None:
            left = [pid for pid in waiting if pid not in saved]
            if result and left:
                last = self.console.store.petition(saved[-1])
                self._answer_each(turn, last.answer or "", left, saved, last.forwarded_to or "")
                return
            store = self.console.store
            items = [
                ", ".join(str(store.petition(pid).seq) for pid in ids) for ids in (saved, left)
            ]
            words = [self.t("msg.answers_saved", items=items[0])] if saved else []
            if left:
                words.append(self.t("msg.answers_left", items=items[1]))
            self._after_form(" · ".join(words) if words else None)
            if left:  # what is left must be read whole (80 columns cut it)
                self.say(" · ".join(words), wide=True)

        self.app.push_screen(form, done)

    def action_next_phase(self) -> None:
        was_draft = self.meeting_status == "draft"
        name = self._do(self.console.next_phase)
        if name is None:
            self.say(self.t("msg.last_phase"))
            return
        self.start_new_entry()
        said = self.t("msg.phase", name=self.t.phase(name))
        store = self.console.store
        today = local(self.console.now()).date()
        if was_draft and today != self.meeting.date:
            # The biên bản prints the meeting's date beside the times of today: a meeting
            # held on another day than the one recorded would be dated wrong (trial 9).
            self.say(
                self.t(
                    "msg.opened_other_day",
                    today=f"{today:%d/%m/%Y}",
                    date=f"{self.meeting.date:%d/%m/%Y}",
                ),
                wide=True,
            )
            return
        if was_draft and any(
            e.kind != "phase" and e.phase_position == 0 for e in store.minutes(self.meeting.id)
        ):  # what was typed before the opening: filed under it, and said so
            said = self.t("msg.phase_kept", phase=f"1. {self.t.phase(name)}")
            self.say(said, wide=True)
            return
        self.say(said)

    def action_conclusion(self) -> None:
        self.flush()
        from screens.conclusion import ConclusionScreen

        self.app.push_screen(
            ConclusionScreen(self.console, self.t, self.export_folder), self._after_form
        )

    def action_export(self) -> None:
        self.flush()
        from screens.export import ExportScreen

        self.app.push_screen(
            ExportScreen(self.console.store, self.console.meeting_id, self.t, self.export_folder)
        )

    def action_prepare(self) -> None:
        self.flush()
        from screens.prepare import PrepareScreen

        screen = PrepareScreen(
            self.console.store, self.console.meeting_id, self.t, self.export_folder
        )
        self.app.push_screen(screen, lambda _r: self.refresh_state())

    def action_carry_over(self) -> None:
        from screens.carryover import CarryOverScreen

        self.app.push_screen(CarryOverScreen(self.console.store, self.console.meeting_id, self.t))

    def action_official_answer(self) -> None:
        self.flush()
        from screens.answer import AnswerTurnScreen

        self.app.push_screen(AnswerTurnScreen(self.console, self.t), self._answer_chosen)

    def _answer_chosen(self, choice: Any) -> None:
        from screens.answer import start_answer_turn

        if choice is None:
            self.focus_editor()
            return
        turn = self._do(start_answer_turn, self.console, choice)
        if turn is None:
            return
        if choice.petitions:
            self.say(self.t("msg.answer_turn", name=choice.name, count=len(choice.petitions)))
        else:
            self.say(self.t("msg.answer_turn_free", name=choice.name))
        self._after_answer(turn)

    def _after_answer(self, speaker_id: Any) -> None:
        self.refresh_state()
        if isinstance(speaker_id, int):
            self.start_new_entry(self.console.store.last_entry_of(speaker_id))
        self.query_one("#editor").focus()

    def action_undo(self) -> None:
        before = self.speaking.id if self.speaking else None
        what = self._do(self.console.undo)
        if what is None:
            self.say(self.t("msg.nothing_to_undo"))
            return
        moved = self.console.moved
        if moved is None:
            self.say(self.t("msg.undone", what=self.t.event(what)))
        elif moved.speaker is None:  # the words typed under the undone call: where they went
            self.say(self.t("msg.words_kept"), wide=True)
        else:
            who = titled(moved.speaker.title, moved.speaker.name)
            self.say(self.t("msg.words_moved", who=who), wide=True)
        resumed = self.speaking
        if resumed is not None and resumed.id != before:
            # A call (F3) or an answer turn (ctrl+r) taken back: the speech it interrupted
            # goes on, and so does its entry in the editor (what is typed next is that
            # speaker's, not an entry of its own with no speaker).
            self.start_new_entry(self.console.store.speech_entry_of(resumed.id))
        elif self.editing_id and not self.still_current(self.editing_id):
            self.start_new_entry()

    def still_current(self, entry_id: int) -> bool:
        """An entry the editor may go on with after an undo: it exists, and a speech entry's
        speaker is still speaking (an undone call's typed words stay in their entry, but the
        editor does not go on showing that speaker as the current speech)."""
        store = self.console.store
        entry = store.entry_or_none(entry_id)
        if entry is None:
            return False
        if entry.kind != "speech" or not entry.speaker_id:
            return True
        return store.speaker(entry.speaker_id).state == "speaking"

    def selected_speaker(self) -> int | None:
        key = self.query_one(QueueTable).selected_id()
        return int(key) if key else None

    def action_move(self, step: int) -> None:
        speaker_id = self.selected_speaker()
        if speaker_id is None:
            self.say(self.t("msg.no_speaker_selected"))
            return
        self._do(self.console.move, speaker_id, step)

    def action_move_to(self) -> None:
        """Ctrl+U: "Đưa lên vị trí số:" for the selected waiting speaker, or the one whose
        number (TT, as the queue shows it) is typed over it; Enter alone: the top."""
        from facilitator.services.hallqueue import registration_numbers
        from screens.forms import Field, FormScreen

        self.flush()
        told = registration_numbers(self.speakers)  # TT, as the queue and /queue show it
        numbers = {str(told[s.id]): s for s in self.speakers if s.kind != "answer"}
        selected = self.selected_speaker()
        shown = next(
            (n for n, s in numbers.items() if s.id == selected and s.state == "waiting"), ""
        )
        fields = [
            # Blank: the selected speaker (their number shown greyed); a number typed: that one.
            Field("who", self.t("form.move_who"), placeholder=shown),
            Field("position", self.t("form.position_no"), placeholder="1"),
        ]

        def save(values: dict[str, Any]) -> str:
            speaker = numbers.get((values["who"] or "").strip() or shown)
            if speaker is None or speaker.state != "waiting":
                raise RuleError("form.move_not_waiting", "who")
            text = (values["position"] or "").strip() or "1"
            if not text.isdigit() or int(text) < 1:
                raise RuleError("form.position_invalid", "position")
            taken = self.console.move_to(speaker.id, int(text))
            return self.t("msg.moved_to", name=speaker.name, position=taken)

        self.app.push_screen(
            FormScreen(self.t("form.move_to.title"), fields, save, self.t), self._after_form
        )

    def action_toggle_first_turns(self) -> None:
        on = not self.console.meeting.first_turns_first
        self._do(self.console.set_first_turns_first, on)
        if not self.refused:
            self.say(self.t("msg.first_turns_on" if on else "msg.first_turns_off"))

    def action_new_entry(self) -> None:
        if not self.flush():
            return
        self.start_new_entry()
        self.query_one("#editor").focus()

    def action_toggle_registration(self) -> None:
        is_open = not self.console.meeting.registration_open
        self._do(self.console.set_registration_open, is_open)
        self.say(self.t("msg.registration_opened" if is_open else "msg.registration_closed"))

    @on(QueueTable.RowSelected, "#queue")
    def queue_enter(self, event: DataTable.RowSelected) -> None:
        speaker_id = int(str(event.row_key.value))
        self.app.push_screen(
            register_form(self.console, self.t, speaker_id=speaker_id), self._after_form
        )

    def action_absent(self) -> None:
        speaker_id = self.selected_speaker()
        if speaker_id is None:
            return
        self.app.push_screen(absent_form(self.console, self.t, speaker_id), self._after_form)

    def action_follow_up(self) -> None:
        """Ctrl+G: the selected speaker speaks again, asked first by name (the cursor may not
        be where the secretary thinks)."""
        from facilitator.rules.text import titled
        from screens.forms import ConfirmScreen

        speaker_id = self.selected_speaker()
        if speaker_id is None:
            return
        speaker = self.console.store.speaker(speaker_id)
        name = titled(speaker.title, speaker.name)
        if speaker.state not in ("done", "speaking"):
            refusal = self.t.error(RuleError("live.again_only_spoken"))
            self.notify(
                f"{name}: {refusal}",
                severity="error",
                timeout=10,
            )
            return

        def answered(yes: bool | None) -> None:
            if not yes:
                self.focus_editor()
                return
            new_id = self._do(self.console.follow_up, speaker_id)
            if new_id:
                self.say(self.t("msg.follow_up", name=name))

        self.app.push_screen(
            ConfirmScreen(self.t("confirm.follow_up", name=name), self.t), answered
        )


# ----- forms used by the live screen and the desk ---------------------------------------------
