"""The Apps: a thin shell wiring the store, the language and the clock into the screens."""

from __future__ import annotations

import asyncio
import gc
import time
from collections import deque
from collections.abc import Iterable
from functools import partial
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandList, CommandPalette, Provider
from textual.screen import Screen
from textual.widgets import Input, TextArea
from textual.widgets.option_list import Option

from db.store import Store, open_store
from facilitator.i18n import Translator
from facilitator.rules.clock import Clock, system_clock
from screens.localise import localise_bindings

if TYPE_CHECKING:
    from screens.home import HomeScreen

CSS = Path(__file__).resolve().parent.parent / "screens" / "facilitator.tcss"
# The other screens' rules: read after CSS (a rule there wins a tie), and by ``run``/``demo``
# only after the live screen's first frame (FacilitatorApp.read_screens_css).
SCREENS_CSS = CSS.with_name("screens.tcss")


class LocalPalette(CommandPalette):
    """Textual's palette with its own words (placeholder, "no matches", Esc) in the UI language."""

    BINDINGS = [Binding("escape", "escape", "key.cancel")]  # Textual's: "Exit the command palette"

    def __init__(self, t: Translator, providers: Any = None, placeholder_key: str = "") -> None:
        super().__init__(
            providers=providers,
            placeholder=t(placeholder_key or "palette.placeholder"),
            id="--command-palette",
        )
        self.t = t

    def _start_no_matches_countdown(self, search_value: str) -> None:
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(self.t("palette.no_matches"), disabled=True, id=self._NO_MATCHES)
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)


def resume_gc() -> None:
    """Garbage collection back on after the first frame, if ``facilitator run`` or ``demo``
    held it off during start-up (facilitator.launch): the objects made so far (the modules,
    the widgets, the styles) are long-lived and frozen, so that later collections, while
    the secretary types, do not go over them again."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


class StoreApp(App[None]):
    """What the three Apps share: the store, the language, one stylesheet, ctrl+q."""

    CSS_PATH = [CSS, SCREENS_CSS]
    # Descriptions are catalogue keys (see make_app); declaring the palette binding here keeps
    # Textual from adding its own, English "palette" to the footer.
    BINDINGS = [
        Binding("ctrl+q", "quit", "key.quit", show=False, priority=True),
        Binding("ctrl+p", "command_palette", "key.palette", show=False, priority=True),
    ]
    NOTIFICATION_TIMEOUT = 3  # short toasts: they must not pile up over the minutes
    TITLE_KEY = "app.title"

    def __init__(
        self,
        store: Store,
        t: Translator,
        meeting_id: int | None = None,
        css_path: list[str | PurePath] | None = None,
    ):
        from screens.widgets import install_paste_filter

        install_paste_filter()  # pastes keep their order and lose their escape sequences
        super().__init__(css_path=css_path)
        self.store = store
        self.t = t
        self.meeting_id = meeting_id
        self.title = t(self.TITLE_KEY)
        self.crash_line: str | None = None  # the one line shown when the window had to end
        self._deliver_keys_init()
        localise_bindings(self, t)

    def _register(self, parent: Any, *widgets: Any, **kwargs: Any) -> Any:
        """Every screen and widget, as it joins the App, has its key descriptions (catalogue
        keys) put in the user's language: in one place, so that no screen can forget."""
        for widget in widgets:
            localise_bindings(widget, self.t)
        return super()._register(parent, *widgets, **kwargs)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: Any = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """A notice carries names and typed words: never read as markup, whatever the caller
        asks (a screen's own ``notify`` asks for markup by default; screens/plain.py says why)."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    async def _check_bindings(self, key: str, priority: bool = False) -> bool:
        """A letter key works in either case ("N" with Caps Lock or Shift does what "n" does),
        unless the screen binds the capital itself."""
        if await super()._check_bindings(key, priority):
            return True
        if len(key) == 1 and key.isascii() and key.isupper():
            return await super()._check_bindings(key.lower(), priority)
        return False

    def on_unmount(self) -> None:
        if self._key_pump is not None:
            self._key_pump.cancel()
        self.store.close()

    # ----- keys in bursts -------------------------------------------------------------------
    # A scanner or a paste without bracketed paste delivers keys faster than they are handled.
    # Textual forwards each key to the widget focused when the App reads it, but a key that is
    # not a character (Tab, Enter, Backspace, arrows) acts only when it has bubbled back up to
    # the App, where the bindings are checked; by then the keys after it have already been
    # sent to the old widget. A burst "name, Tab, hamlet" put the hamlet into the name field.
    # So the App delivers one key at a time: after any key but a character typed into a text
    # field, the next only when every widget has handled all that the key caused (focus moves,
    # Changed / Submitted, forms opened or closed), exactly as if the keys had been typed slowly.
    SETTLE_LIMIT = 5.0  # seconds: a key never waits longer for the one before it (a safety valve)

    def _deliver_keys_init(self) -> None:
        self._key_backlog: deque[events.Event] = deque()
        self._key_pump: asyncio.Task[None] | None = None
        self._released: set[int] = set()

    async def _deliver_keys(self) -> None:
        while self._key_backlog:
            event = self._key_backlog.popleft()
            if self._closing or self._closed or not self._screen_stack:
                continue  # quitting: nothing left to type into
            # A character typed into a text field is taken by that field itself, in order: the
            # next key need not wait for it, and a run of them is handed over at once (drawn
            # once, not once a key: a scanned line of 100 characters stays quick).
            typed = (
                isinstance(event, events.Key)
                and event.is_printable
                and isinstance(self.focused, (Input, TextArea))
            )
            if not typed:
                # The characters before it are in their field first: Ctrl+S right after a
                # fast-typed petition saved it cut off, because the App runs a binding as it
                # reads the key, while the field still had characters queued.
                await self._settled()
            self._released.add(id(event))
            self.post_message(event)
            if not typed:
                await self._settled()

    def retype(self, event: events.Key) -> None:
        """Deliver this key again, before every key still waiting: a dialog that takes no
        text hands a typed character back, to go where typing goes once it has closed."""
        self._key_backlog.appendleft(events.Key(event.key, event.character))
        if self._key_pump is None or self._key_pump.done():
            self._key_pump = asyncio.create_task(self._deliver_keys())

    def _typed_now(self, event: events.Event) -> bool:
        """A character typed into a text field while no key is waiting or settling: handled
        at once instead of going round the pump (half the work of a typed key)."""
        return (
            isinstance(event, events.Key)
            and event.is_printable
            and not self._key_backlog
            and (self._key_pump is None or self._key_pump.done())
            and bool(self._screen_stack)
            and isinstance(self.focused, (Input, TextArea))
        )

    async def keys_delivered(self) -> None:
        """Until every key received so far has been delivered and handled (for tests)."""
        while True:
            await self._settled()  # keys still queued at the App reach the backlog first
            if self._key_pump is None or self._key_pump.done():
                return
            await asyncio.wait([self._key_pump])

    def _busy(self) -> bool:
        nodes: list[Any] = [self, *self._registry]
        return any(
            node._message_queue.qsize() or node._pending_message is not None
            for node in nodes
            if not node._closed
        )

    async def _settled(self) -> None:
        """Until every message pump has handled everything in its queue (seen twice in a row:
        a message being handled may still post another)."""
        deadline = time.monotonic() + self.SETTLE_LIMIT
        quiet = 0
        while quiet < 2 and time.monotonic() < deadline:
            await asyncio.sleep(0)
            quiet = 0 if self._busy() else quiet + 1

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded:
            if id(event) in self._released:
                self._released.discard(id(event))
                if not self._screen_stack:
                    return  # quitting
            elif self._typed_now(event):
                pass  # nothing waits before it: handled now, as the pump would hand it on
            else:
                self._key_backlog.append(event)  # delivered in turn by _deliver_keys
                if self._key_pump is None or self._key_pump.done():
                    self._key_pump = asyncio.create_task(self._deliver_keys())
                return
        # A screen may send typed characters elsewhere (the live screen: to the minutes editor
        # when a table has focus). Decided here, in key order, before the key is delivered:
        # moving the focus later would let fast typing overtake itself.
        if isinstance(event, events.Key) and not event.is_forwarded:
            target = getattr(self.screen, "typing_target", None)
            widget = target(event) if callable(target) else None
            if widget is not None and widget is not self.screen.focused:
                self.screen.set_focus(widget)
        await super().on_event(event)

    async def _dispatch_action(self, namespace: Any, action_name: str, params: Any) -> bool:
        """A key's action that meets a problem the program words itself (a full disk, a
        read-only file, a refused value) shows it and the window goes on: the store rolled
        the action back."""
        from facilitator.crash import is_damaged, is_worded

        try:
            return await super()._dispatch_action(namespace, action_name, params)
        except Exception as exc:
            if not is_worded(exc) or is_damaged(exc):
                raise
            self.notify(self.t.error(exc), severity="error", timeout=10)
            return True

    def _handle_exception(self, error: Exception) -> None:
        """Never a traceback on the terminal (it would print citizens' data).

        The window ends with one line: a worded problem as it is, a damaged database naming
        its backups, anything else with a crash log written beside the database (the line
        says where). Every committed action is already in the file, and the minutes being
        typed are saved first.
        """
        from facilitator.cli import error_line
        from facilitator.crash import root_cause

        for screen in reversed(self.screen_stack):
            flush = getattr(screen, "flush", None)
            if callable(flush):
                try:
                    flush()
                except Exception:  # noqa: BLE001, S110 - saving what we can while failing
                    pass
        if self.crash_line is None:
            self.crash_line = error_line(root_cause(error), self.t.lang, self.store.path)
            from rich.text import Text

            self._exit_renderables.append(Text(self.crash_line))
        self._return_code = 1
        if self._exception is None:
            self._exception = error
            self._exception_event.set()
        self._close_messages_no_wait()

    def get_key_display(self, binding: Binding) -> str:
        """Keys as printed on the keyboard: "F1", "Ctrl+S", "Esc" (not "f1", "^s")."""
        from screens.keybar import key_label

        return binding.key_display or key_label(binding.key)

    def action_command_palette(self) -> None:
        # Textual types is_open(app: App[object]), which App[None] is not (App is invariant).
        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(LocalPalette(self.t))

    def search_themes(self) -> None:
        from textual.theme import ThemeProvider

        providers: list[type[Provider]] = [ThemeProvider]
        self.push_screen(LocalPalette(self.t, providers, "palette.themes"))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """The palette (ctrl+p) in the user's language: quit, theme, and every key of the
        current screen (bindings with an id are the actions; form keys have none)."""
        from screens.keybar import key_label

        t = self.t
        yield SystemCommand(t("key.quit"), t("cmd.quit"), self.action_quit)
        yield SystemCommand(t("cmd.theme"), t("cmd.theme_help"), self.action_change_theme)
        for key, binding in screen.active_bindings.items():
            b = binding.binding
            if b.id and b.description and b.action:
                yield SystemCommand(
                    f"{b.description} ({key_label(key)})",
                    b.tooltip or b.description,
                    partial(screen.run_action, b.action),
                )


class ChairApp(StoreApp):
    """Chair / projector view: read-only, follows the live meeting (its own process)."""

    TITLE_KEY = "chair.title"

    def on_mount(self) -> None:
        from screens.chair import ChairScreen

        self.theme = "textual-dark"  # high contrast: white on black
        self.push_screen(ChairScreen(self.store, self.t, self.meeting_id))


class DeskApp(StoreApp):
    """Registration desk: registers, edits and reorders speakers (its own process)."""

    TITLE_KEY = "desk.title"

    def on_mount(self) -> None:
        from screens.desk import DeskScreen

        self.push_screen(DeskScreen(self.store, self.t, self.meeting_id))
        if self.store.readonly:
            self.notify(
                self.t("msg.readonly", path=self.store.path), severity="warning", timeout=30
            )


class FacilitatorApp(StoreApp):
    """Secretary console: home screen, live meeting, conclusion, export, follow-up."""

    def __init__(
        self,
        store: Store,
        t: Translator,
        meeting_id: int | None = None,
        bell: bool = False,
        export_dir: Path | None = None,
    ):
        # ``run ID``: the live screen's first frame parses and matches only its own rules
        # (and the shared ones); the other screens' 88 rules cost it 12 ms of CPU (their
        # parse 6, and every widget's rules filtered from the whole list 6).
        super().__init__(store, t, meeting_id, [CSS] if meeting_id is not None else None)
        from screens.folder import ExportFolder

        # handed to the screens: ``export_dir``, else the folder the dialog used last with this
        # database (kept in it: a restarted window offers it again), else the default
        remembered = store.export_folder()
        self.export_folder = ExportFolder(export_dir or (Path(remembered) if remembered else None))
        self.first_live: Screen[Any] | None = None  # run ID's first screen (get_default_screen)
        self.bell_enabled = bell

    def get_default_screen(self) -> Screen[Any]:
        """``run ID`` (and ``demo``): the live screen is the App's first screen. Pushed over
        Textual's blank one from ``on_mount``, it was laid out and drawn while the App was
        still starting, a frame Textual then threw away; the next frame sent only what had
        changed since, so the terminal showed half a screen until something redrew the rest."""
        if self.meeting_id is None:
            return super().get_default_screen()
        screen = self.live_screen(self.meeting_id)
        self.first_live = screen
        # What a pushed screen holds: Esc to the list of meetings replaces it (switch_screen).
        screen._push_result_callback(self, None)
        return screen

    def on_mount(self) -> None:
        if self.meeting_id is None:
            from screens.home import HomeScreen

            self.push_screen(HomeScreen(self.store, self.t, self.export_folder))
        if self.store.readonly:
            self.notify(
                self.t("msg.readonly", path=self.store.path), severity="warning", timeout=30
            )

    def on_ready(self) -> None:
        # Textual sends Ready once the first frame is on screen. The backup at start (a quick
        # check of the file, a page copy, a check of the copy) waits for it: on two cores its
        # thread would otherwise compete with the first frame.
        self.first_frame_at = time.perf_counter()
        resume_gc()
        self.call_after_refresh(self.read_screens_css)
        self.run_worker(self.backup_at_start, thread=True, group="backup")

    def read_screens_css(self) -> None:
        """The other screens' rules, once, read after the live screen's first frame (or
        before any other screen is shown, whichever comes first): every style applied
        again (about 25 ms of CPU, not in a frame the secretary waits for)."""
        if self.stylesheet.has_source(str(SCREENS_CSS), ""):
            return
        self.stylesheet.read(SCREENS_CSS)
        self.stylesheet.reparse()
        self.stylesheet.update(self)

    def _load_screen_css(self, screen: Screen[Any]) -> None:
        """Textual loads a screen's own CSS as it is shown: every screen but the first live
        one needs the other screens' rules first (a key pressed before the first frame can
        open a form). (Textual 8.2.8's App._load_screen_css.)"""
        if self.meeting_id is None or screen is not self.first_live:
            self.read_screens_css()
        super()._load_screen_css(screen)

    def backup_at_start(self) -> None:
        """A backup copy at start (SPEC §9), off the UI thread with its own connection."""
        self.store.auto_backup("start", on_problem=self.backup_problem)

    def backup_in_background(self, reason: str) -> None:
        """The copy at each phase change, without holding up the F8 key."""
        self.run_worker(
            partial(self.store.auto_backup, reason, on_problem=self.backup_problem),
            thread=True,
            group="backup",
        )

    async def action_quit(self) -> None:
        """ctrl+q (and "Thoát" in the palette): what is being typed is saved, a backup copy is
        made (a laptop whose power may fail: the copy at quitting is the one found the next
        morning), then the window closes. A copy that cannot be made is said in one line once
        the window has closed; the meeting itself is saved."""
        for screen in reversed(self.screen_stack):
            flush = getattr(screen, "flush", None)
            if callable(flush):
                flush()
        problems: list[object] = []
        self.store.auto_backup("quit", on_problem=problems.append)
        note = None
        if problems:
            from rich.text import Text

            note = Text(self.t("msg.backup_failed", error=self.t.error(problems[0])))
        self.exit(message=note)

    def backup_problem(self, message: str) -> None:
        """A backup that failed (a full disk) is a warning: the meeting itself is saved."""
        text = self.t("msg.backup_failed", error=self.t.error(message))
        self.call_from_thread(self.notify, text, severity="warning", timeout=15)

    def on_home_screen_open_meeting(self, message: HomeScreen.OpenMeeting) -> None:
        """Home's Enter (HomeScreen.OpenMeeting): the meeting's live screen."""
        self.open_meeting(message.meeting_id)

    def open_meeting(self, meeting_id: int) -> None:
        self.push_screen(self.live_screen(meeting_id))

    def live_screen(self, meeting_id: int) -> Screen[Any]:
        from facilitator.services.live import Console
        from screens.live import LiveScreen

        console = Console(self.store, meeting_id, backup=self.backup_in_background)
        return LiveScreen(console, self.t, bell=self.bell_enabled, folder=self.export_folder)


def make_app(
    db_path: Path | str | None,
    *,
    lang: str = "vi",
    mode: str = "console",
    meeting_id: int | None = None,
    clock: Clock = system_clock,
    bell: bool = False,
    export_dir: Path | None = None,
    store: Store | None = None,
) -> App[None]:
    """The one factory used by the command line and the tests. ``store``: the secretary's
    store already opened (and checked) by the command line, for ``console`` mode."""

    t = Translator(lang)
    if mode == "chair":
        return ChairApp(
            open_store(
                db_path, readonly=db_path not in (None, ":memory:"), clock=clock, check=True
            ),
            t,
            meeting_id,
        )
    if store is None:
        store = open_store(db_path, clock=clock, check=True)
    if mode == "desk":
        store.actor = "desk"
        return DeskApp(store, t, meeting_id)
    return FacilitatorApp(store, t, meeting_id, bell=bell, export_dir=export_dir)
