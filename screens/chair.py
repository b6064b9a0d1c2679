"""Chair / projector view: its own read-only App following the live meeting."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Static

from db.store import Store
from facilitator.i18n import Translator
from facilitator.rules.models import SlotRecord
from facilitator.rules.slot import SlotState
from facilitator.services.hall import read_hall
from facilitator.services.live import Console, place_words
from facilitator.services.readback import PAGE_WIDTH, ReadBack
from screens.bigclock import BigClock
from screens.bigname import BigName
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

    def __init__(self, store: Store, t: Translator, meeting_id: int | None):
        super().__init__()
        self.store = store
        self.t = t
        self.watcher = StoreWatcher(store, POLL_SECONDS)
        self.fixed_meeting = meeting_id
        self.console: Console | None = None
        self.tick_timer: Timer | None = None
        self.slot: SlotRecord | None = None
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
        state = read_hall(self.store, self.fixed_meeting, readback=True)
        meeting_id, meeting = state.meeting_id, state.meeting
        self.set_class(False, "-readback")
        if meeting_id is None or meeting is None:
            self.console = None
            self.query_one("#chair-phase", Static).update(self.t("chair.no_meeting"))
            for wid in (
                "#chair-who",
                "#chair-gist",
                "#chair-state",
                "#chair-next",
                "#chair-status",
            ):
                self.query_one(wid, Static).update("")
            self.query_one(BigClock).show("--:--")
            self.query_one(BigName).show("")
            return
        if self.console is None or self.console.meeting_id != meeting_id:
            self.console = Console(self.store, meeting_id)
        if state.readback_page is not None:
            self.show_readback(state.readback_page)
            return
        phases = state.phases
        if 0 <= meeting.phase_index < len(phases):
            phase = phases[meeting.phase_index]
            phase_text = f"{meeting.phase_index + 1}/{len(phases)} · {phase.name}"
        else:
            phase_text = self.t("chair.waiting_phase")
        self.query_one("#chair-phase", Static).update(
            f"{meeting.village} · {meeting.date:%d/%m/%Y} · {phase_text}"
        )
        speakers = list(state.speakers)
        speaking = next((s for s in speakers if s.state == "speaking"), None)
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
        waiting = [s for s in speakers if s.state == "waiting"]
        lines = [f"{self.t('chair.next')}:"]
        for i, s in enumerate(waiting[:5], start=1):
            where = f" ({s.hamlet})" if s.hamlet else ""
            turn = f" · {self.t('live.turn', n=s.turn)}" if s.turn > 1 else ""
            lines.append(f"  {i}. {s.name}{where}{turn}")
        self.query_one("#chair-next", Static).update("\n".join(lines))
        self.slot = state.slot
        self.query_one("#chair-status", Static).update(
            queue_summary(self.t, meeting, speakers, self.slot, state.now, "  ·  ")
        )
        if self.tick_timer is not None:
            running = self.slot is not None and self.slot.slot.state is SlotState.RUNNING
            if running:
                self.tick_timer.resume()
            else:
                self.tick_timer.pause()
        self.tick()

    def show_readback(self, page: int) -> None:
        """The biên bản, page by page as the secretary turns it (đọc lại biên bản)."""
        assert self.console is not None
        if self.readback is None or self.readback.console is not self.console:
            self.readback = ReadBack(self.console)
        pages = self.readback.pages
        page = max(0, min(page, len(pages) - 1))
        meeting = self.console.meeting
        self.set_class(True, "-readback")
        if self.tick_timer is not None:
            self.tick_timer.pause()
        self.query_one("#chair-phase", Static).update(
            f"{self.t('readback.title')} · {meeting.village} · {meeting.date:%d/%m/%Y} · "
            + self.t("readback.page", page=page + 1, pages=len(pages))
        )
        # On a projector the lines are spaced out: easier to follow from the back of the hall.
        gap = "\n\n" if self.size.height >= 40 else "\n"
        text = self.query_one("#chair-readback", Static)
        text.styles.padding = (1, 0, 0, max(1, (self.size.width - PAGE_WIDTH) // 2))
        text.update(gap.join(pages[page]))

    def tick(self) -> None:
        if self.has_class("-readback"):
            return
        now = self.store.clock()
        slot = self.slot.slot if self.slot else None
        clock, words, css = slot_words(slot, now, self.t)
        big = self.query_one(BigClock)
        big.show(clock)
        if (words, css) == self.shown_state:
            return  # nothing to repaint: idle CPU matters on a laptop on battery
        self.shown_state = (words, css)
        state = self.query_one("#chair-state", Static)
        state.update(words)
        for name in ("-idle", "-normal", "-warning", "-overtime", "-paused", "-ended"):
            state.set_class(name == css, name)
            big.set_class(name == css, name)
