"""Chair / projector view: its own read-only App following the live meeting."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer

from db.store import Store
from facilitator.i18n import Translator
from facilitator.rules.clock import local
from facilitator.rules.models import Meeting, SlotRecord, Speaker
from facilitator.rules.slot import SlotState
from facilitator.services.hall import HallState, read_hall
from facilitator.services.live import Console, place_words
from facilitator.services.readback import PAGE_WIDTH, ReadBack
from screens.bigclock import BigClock
from screens.bigname import BigName
from screens.plain import Static
from screens.watcher import StoreWatcher
from screens.widgets import queue_summary, slot_words

POLL_SECONDS = 0.2  # reading the data version costs ~80 µs; a change shows within ~0.2 s
# The lines the view needs with the name in large letters: phase 1, name 7, speaker 1, gist up
# to 3, clock at least 7, state 1, the next five and their heading 6, status 1.
MEDIUM_LINES = 27


class ChairScreen(Screen[None]):
    # A projector (200x60) gives the name band more room; from 27 lines the name is drawn large
    # at its smallest size (7 lines); below that the clock and the next five would not fit.
    VERTICAL_BREAKPOINTS = [(0, "-short"), (MEDIUM_LINES, "-medium"), (40, "-tall")]

    # What the view shows follows the hall's state, reread each time another window writes
    # (StoreWatcher.Changed); the clock ticks while the slot's time runs.
    hall: reactive[HallState | None] = reactive(None, repaint=False, always_update=True)
    slot: reactive[SlotRecord | None] = reactive(None, repaint=False)

    def __init__(self, store: Store, t: Translator, meeting_id: int | None):
        super().__init__()
        self.store = store
        self.t = t
        self.watcher = StoreWatcher(store, POLL_SECONDS)
        self.fixed_meeting = meeting_id
        self.console: Console | None = None
        self.tick_timer: Timer | None = None
        self.shown_state: tuple[str, str] | None = None
        self.readback: ReadBack | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="chair-phase")
        yield BigName(id="chair-bigname")
        yield Static("", id="chair-who")
        yield Static("", id="chair-gist")
        yield BigClock(id="chair-clock")
        yield Static("", id="chair-state")
        yield Static("", id="chair-next")
        yield Static("", id="chair-status")
        yield Static("", id="chair-readback")
        yield self.watcher

    def on_mount(self) -> None:
        self.tick_timer = self.set_interval(0.5, self.tick, pause=True)
        self.watcher.mark_seen()
        self.reload()

    def on_resize(self) -> None:
        # Redrawn at the next poll: the read-back page is re-centred.
        self.watcher.expire()
        big = self.query_one(BigName)
        scale = 3 if self.size.height >= 40 else 1  # below 40 lines: 7 lines, the clock first
        if big.max_scale != scale:
            big.max_scale = scale
            big.refresh(layout=True)

    def on_store_watcher_changed(self, _message: StoreWatcher.Changed) -> None:
        self.reload()

    def reload(self) -> None:
        # One read transaction per refresh (read_hall): the speaker, the slot and the queue
        # shown together are one state of the meeting, even while the secretary writes. After
        # the meeting its biên bản may be read back.
        self.hall = read_hall(self.store, self.fixed_meeting, readback=True)

    def watch_hall(self, state: HallState | None) -> None:
        meeting = state.meeting if state is not None else None
        if state is None or state.meeting_id is None or meeting is None:
            self.console = None
            self.show_no_meeting()
            return
        if self.console is None or self.console.meeting_id != state.meeting_id:
            self.console = Console(self.store, state.meeting_id)
        if state.readback_page is not None:
            self.show_readback(state.readback_page)
        elif meeting.concluded:
            self.show_concluded(meeting, state)
        else:
            self.show_meeting(meeting, state)

    def watch_slot(self, slot: SlotRecord | None) -> None:
        """The clock ticks while a speech's time runs (paused, ended or none: it stands)."""
        if self.tick_timer is not None:
            if slot is not None and slot.slot.state is SlotState.RUNNING:
                self.tick_timer.resume()
            else:
                self.tick_timer.pause()

    def show_meeting(self, meeting: Meeting, state: HallState) -> None:
        """The meeting under way: its phase, who speaks, the next five and the clock."""
        self.set_class(False, "-readback")
        self.query_one("#chair-phase", Static).update(
            f"{meeting.village} · {meeting.date:%d/%m/%Y} · {self.phase_words(meeting, state)}"
        )
        speakers = list(state.speakers)
        self.show_speaking(next((s for s in speakers if s.state == "speaking"), None))
        self.query_one("#chair-next", Static).update(self.next_words(speakers))
        self.slot = state.slot
        self.query_one("#chair-status", Static).update(
            queue_summary(self.t, meeting, speakers, self.slot, state.now, "  ·  ")
        )
        self.tick()

    def phase_words(self, meeting: Meeting, state: HallState) -> str:
        phases = state.phases
        if 0 <= meeting.phase_index < len(phases):
            phase = phases[meeting.phase_index]
            return f"{meeting.phase_index + 1}/{len(phases)} · {phase.name}"
        return self.t("chair.waiting_phase")

    def show_speaking(self, speaking: Speaker | None) -> None:
        who = self.query_one("#chair-who", Static)
        who.set_class(speaking is None, "-nobody")
        if speaking:
            # An official's answer turn keeps the position where a citizen's hamlet would be.
            where = speaking.hamlet if speaking.kind == "answer" else place_words(speaking.hamlet)
            who.update(f"▶ {speaking.name}" + (f" — {where}" if where else ""))
            self.query_one(BigName).show(speaking.name)
            self.query_one("#chair-gist", Static).update(speaking.gist)
        else:
            who.update(self.t("live.nobody"))
            self.query_one(BigName).show("")
            self.query_one("#chair-gist", Static).update("")

    def next_words(self, speakers: list[Speaker]) -> str:
        """The next five waiting, with their hamlet and turn."""
        waiting = [s for s in speakers if s.state == "waiting"]
        lines = [f"{self.t('chair.next')}:"]
        for i, s in enumerate(waiting[:5], start=1):
            where = f" ({s.hamlet})" if s.hamlet else ""
            turn = f" · {self.t('live.turn', n=s.turn)}" if s.turn > 1 else ""
            lines.append(f"  {i}. {s.name}{where}{turn}")
        return "\n".join(lines)

    def show_no_meeting(self) -> None:
        self.query_one("#chair-phase", Static).update(self.t("chair.no_meeting"))
        self.show_still("", "", "--:--", "", "-idle")

    def show_concluded(self, meeting: Meeting, state: HallState) -> None:
        """After the conclusion (and once sealed): the meeting is over, at what time, and how
        many turns were heard; nobody is next and nothing is forecast."""
        ended = f"{local(meeting.ended_at) if meeting.ended_at else state.now:%H:%M}"
        heard = sum(1 for s in state.speakers if s.state == "done" and s.kind != "answer")
        self.query_one("#chair-phase", Static).update(
            f"{meeting.village} · {meeting.date:%d/%m/%Y} · {self.t('status.' + meeting.status)}"
        )
        self.query_one("#chair-who", Static).set_class(False, "-nobody")  # the band says it
        self.show_still(
            self.t("chair.concluded"),
            self.t("chair.heard", count=heard),
            ended,
            self.t("chair.ended_at", time=ended),
            "-ended",
            queue_summary(self.t, meeting, list(state.speakers), None, state.now, "  ·  "),
        )

    def show_still(
        self, who: str, gist: str, clock: str, words: str, css: str, status: str = ""
    ) -> None:
        """A view with no clock running: no meeting, or the meeting concluded."""
        self.set_class(False, "-readback")
        self.slot = None
        for wid, text in (
            ("#chair-who", who),
            ("#chair-gist", gist),
            ("#chair-state", words),
            ("#chair-next", ""),
            ("#chair-status", status),
        ):
            self.query_one(wid, Static).update(text)
        self.query_one(BigName).show("")
        self.query_one(BigClock).show(clock)
        self.show_state(words, css)

    def show_readback(self, page: int) -> None:
        """The biên bản, page by page as the secretary turns it (đọc lại biên bản)."""
        assert self.console is not None
        self.slot = None
        if self.readback is None or self.readback.console is not self.console:
            self.readback = ReadBack(self.console)
        pages = self.readback.pages
        page = max(0, min(page, len(pages) - 1))
        meeting = self.console.meeting
        self.set_class(True, "-readback")
        self.query_one("#chair-phase", Static).update(
            f"{self.t('readback.title')} · {meeting.village} · {meeting.date:%d/%m/%Y} · "
            + self.t("readback.page", page=page + 1, pages=len(pages))
        )
        # On a projector the lines are spaced out: easier to follow from the back of the hall,
        # when the page (as long as the secretary's window holds) still fits spaced out.
        spaced = self.size.height >= 40 and 2 * len(pages[page]) + 3 <= self.size.height
        gap = "\n\n" if spaced else "\n"
        text = self.query_one("#chair-readback", Static)
        text.styles.padding = (1, 0, 0, max(1, (self.size.width - PAGE_WIDTH) // 2))
        text.update(gap.join(pages[page]))

    def tick(self) -> None:
        if self.has_class("-readback"):
            return
        now = self.store.clock()
        slot = self.slot.slot if self.slot else None
        clock, words, css = slot_words(slot, now, self.t)
        self.query_one(BigClock).show(clock)
        self.show_state(words, css)

    def show_state(self, words: str, css: str) -> None:
        """The words under the clock and the colour of both."""
        if (words, css) == self.shown_state:
            return  # nothing to repaint: idle CPU matters on a laptop on battery
        self.shown_state = (words, css)
        state = self.query_one("#chair-state", Static)
        state.update(words)
        big = self.query_one(BigClock)
        for name in ("-idle", "-normal", "-warning", "-overtime", "-paused", "-ended"):
            state.set_class(name == css, name)
            big.set_class(name == css, name)
