"""Home: the meetings of the commune; open, create, import, follow-up."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.cells import cell_len
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable

from db.store import Store
from facilitator.i18n import Translator
from facilitator.rules.errors import RuleError
from screens.folder import ExportFolder
from screens.forms import Field, FormScreen
from screens.plain import Label, Static
from screens.widgets import RowTable, clip


class HomeScreen(Screen[None]):
    class OpenMeeting(Message):
        """The secretary chose a meeting to run (Enter): the App opens its live screen."""

        def __init__(self, meeting_id: int) -> None:
            super().__init__()
            self.meeting_id = meeting_id

    BINDINGS = [
        # F-keys, never letters: a name typed while the list has focus (a secretary looking
        # for "Đông Phong") must not open a form and pour the rest of the name into it. A letter
        # typed in the list moves the cursor to the first meeting whose thôn begins with what
        # is typed (accents and case ignored); nothing else.
        Binding("enter", "open", "home.open", id="open"),
        Binding("f2", "new", "home.new", id="new"),
        Binding("f3", "import", "home.import", id="import"),
        Binding("f4", "prepare", "key.prepare", id="prepare"),
        Binding("f5", "followup", "home.followup", id="followup"),
        Binding("f6", "profile", "home.profile", id="profile"),
        Binding("f7", "summary", "home.summary", id="summary"),
        Binding("f10", "export", "key.export", id="export"),
    ]

    def __init__(self, store: Store, t: Translator, folder: ExportFolder | None = None):
        super().__init__()
        self.store = store
        self.t = t
        self.export_folder = folder or ExportFolder()

    def compose(self) -> ComposeResult:
        yield Label(self.t("home.title"), classes="section")
        yield RowTable(id="meetings", cursor_type="row")
        yield Static("", id="home-empty")
        yield Static("", id="home-find")
        yield Static("", id="home-clock")
        from screens.keybar import KeyBar

        # The key line fits its keys (shortened, or left out, never cut mid-word).
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        # The statutory clock needs the holiday tables (importing and building them takes up
        # to a second or two on a slow laptop): the list is painted at once, the tables are
        # built in a worker, then the clock is filled in.
        self.reload(with_clock=False)
        today = self.store.clock().date()
        years = {today.year} | {m.date.year + d for m in self.store.meetings() for d in (-1, 0, 1)}
        self.warm_calendar(years)
        table.focus()

    @work(thread=True, exclusive=True, group="calendar")
    def warm_calendar(self, years: set[int]) -> None:
        from facilitator.rules.deadlines import warm

        warm(years)
        self.app.call_from_thread(self.reload)

    def on_screen_resume(self) -> None:
        # Also sent when the screen first shows: the clock waits for its worker then.
        self.reload(with_clock=getattr(self, "clock_ready", False))

    def reload(self, with_clock: bool = True) -> None:
        from screens.statutory import next_deadline

        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear(columns=True)
        meetings = self.store.meetings()
        today = self.store.clock().date()  # the app's clock, not the machine's date
        # One file is one commune's: its name only when meetings of several are listed, so
        # the clock's column is whole at 80 ("Trả lời: còn 15 ngày làm việc").
        several = len({m.commune for m in meetings}) > 1
        rows = [
            (
                str(m.id),
                f"{m.date:%d/%m/%Y}",
                f"{m.commune} - {m.village}" if several else m.village,
                self.t("status." + m.status),
                next_deadline(self.store, m.id, today, self.t) if with_clock else "…",
            )
            for m in meetings
        ]
        keys = ("col.id", "col.date", "col.village", "col.status", "col.clock")
        widths = [
            max([cell_len(self.t(key)), *(cell_len(r[i]) for r in rows)])
            for i, key in enumerate(keys)
        ]
        # The clock takes what the others leave, cut with "…" when it must be (never at the
        # window's edge: "LATE by 1851 day").
        width = table.scrollable_content_region.width or self.app.size.width - 2
        room = width - sum(w + 2 for w in widths[:4]) - 2
        widths[4] = max(cell_len(self.t("col.clock")), min(widths[4], room))
        for key, size in zip(keys, widths, strict=True):
            table.add_column(self.t(key), key=key, width=size)
        self.shown_width = width
        for m, r in zip(meetings, rows, strict=True):
            table.add_row(*r[:4], clip(r[4], widths[4]), key=str(m.id))
        if meetings:
            table.move_cursor(row=max(0, min(row, table.row_count - 1)))
        self.query_one("#home-empty", Static).update("" if meetings else self.t("home.empty"))
        self.clock_ready = with_clock
        if with_clock:
            self.show_clock()

    def on_resize(self) -> None:
        table = self.query_one(DataTable)
        if table.scrollable_content_region.width != getattr(self, "shown_width", None):
            self.reload(with_clock=getattr(self, "clock_ready", False))

    @on(DataTable.RowHighlighted)
    def show_clock(self) -> None:
        """The statutory clock of the highlighted meeting, one line per period."""
        from screens.statutory import clock_lines

        if not getattr(self, "clock_ready", False):
            return  # filled in after the first paint
        meeting_id = self.selected_meeting()
        panel = self.query_one("#home-clock", Static)
        if meeting_id is None:
            panel.update("")
            return
        m = self.store.meeting(meeting_id)
        lines = clock_lines(self.store, meeting_id, self.store.clock().date(), self.t)
        title = f"{self.t('clock.title')} · {m.village} {m.date:%d/%m/%Y}"
        # A line too long for the window goes on under its own text, not under the margin.
        import textwrap

        width = max(20, (panel.content_region.width or self.app.size.width) - 1)
        wrapped = [
            "\n".join(textwrap.wrap(line, width, initial_indent="  ", subsequent_indent="    "))
            for line in lines
        ]
        panel.update("\n".join([title, *wrapped]))

    def on_key(self, event: events.Key) -> None:
        """Letters typed in the list look for a meeting by its thôn; they are never a command."""
        if not isinstance(self.focused, DataTable):
            return
        find = getattr(self, "finding", "")
        if event.key == "backspace" and find:
            find = find[:-1]
        elif event.key == "escape" and find:
            find = ""
        elif event.is_printable and event.character and (find or event.character != " "):
            find += event.character
        else:
            if find and event.key not in ("enter",):
                self.finding = ""
                self.query_one("#home-find", Static).update("")
            return
        event.stop()
        event.prevent_default()
        self.finding = find
        self.find_meeting(find)

    def find_meeting(self, find: str) -> None:
        from facilitator.rules.text import fold

        panel = self.query_one("#home-find", Static)
        if not find:
            panel.update("")
            return
        wanted = fold(find)
        table = self.query_one(DataTable)
        villages = [(row, fold(str(table.get_row_at(row)[2]))) for row in range(table.row_count)]
        hits = [row for row, v in villages if v.startswith(wanted)] or [
            row for row, v in villages if wanted in v
        ]
        if hits:
            table.move_cursor(row=hits[0])
        panel.update(self.t("home.find" if hits else "home.find_none", text=find))

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        self.post_message(self.OpenMeeting(int(str(event.row_key.value))))

    def action_open(self) -> None:
        table = self.query_one(DataTable)
        if table.row_count:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
            self.post_message(self.OpenMeeting(int(str(key))))

    def selected_meeting(self) -> int | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        return int(str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value))

    def action_export(self) -> None:
        """F10: the documents of the highlighted meeting."""
        from screens.export import ExportScreen

        meeting_id = self.selected_meeting()
        if meeting_id is not None:
            self.app.push_screen(ExportScreen(self.store, meeting_id, self.t, self.export_folder))

    def action_summary(self) -> None:
        """The commune's figures over a period, written as a báo cáo tổng hợp (.docx)."""
        from screens.export import default_export_dir

        folder = self.export_folder.path or default_export_dir()

        def done(result: Any) -> None:
            if isinstance(result, str):
                self.notify(result, timeout=10)

        self.app.push_screen(summary_form(self.store, self.t, folder), done)

    def action_prepare(self) -> None:
        from screens.prepare import PrepareScreen

        meeting_id = self.selected_meeting()
        if meeting_id is not None:
            self.app.push_screen(PrepareScreen(self.store, meeting_id, self.t, self.export_folder))

    def action_new(self) -> None:
        from facilitator.services.preparation import default_meeting_date

        t = self.t
        fields = [
            Field("commune", t("form.commune"), value=self.store.profile().commune, select=True),
            Field("village", t("form.village"), suggest=self.store.profile().hamlets),
            Field("date", t("form.date"), value=f"{default_meeting_date(self.store):%d/%m/%Y}"),
            Field("start", t("form.start"), value="08:00"),
            Field("place", t("form.place")),
            Field("chair", t("form.chair")),
            Field("secretary", t("form.secretary")),
        ]

        def save(values: dict[str, Any]) -> int:
            from facilitator.services.preparation import create_meeting

            return create_meeting(self.store, values)

        self.app.push_screen(FormScreen(t("home.new"), fields, save, t), self._created)

    def _created(self, meeting_id: Any) -> None:
        self.reload()
        if isinstance(meeting_id, int):
            from screens.prepare import PrepareScreen

            # A new meeting goes to preparation first: attendance, opinions, agenda.
            self.app.push_screen(PrepareScreen(self.store, meeting_id, self.t, self.export_folder))

    def action_import(self) -> None:
        t = self.t

        def save(values: dict[str, Any]) -> int:
            from facilitator.services.meetingfile import MeetingFileError, import_meeting, load

            try:
                return import_meeting(self.store, load(Path(values["path"].strip())))
            except MeetingFileError as exc:
                raise RuleError.of(exc, "path") from exc

        fields = [Field("path", t("form.import_path"))]
        self.app.push_screen(FormScreen(t("home.import"), fields, save, t), self._created)

    def action_profile(self) -> None:
        """The commune profile (SPEC §7a): every name the documents print."""
        from facilitator.rules.profile import KEYS, ProfileError

        t = self.t
        current = self.store.profile()

        def wid(key: str) -> str:  # "recipients.minutes" is not a widget id
            return key.replace(".", "-")

        fields = [Field(wid(key), t("profile." + key), value=current.get(key)) for key in KEYS]

        def save(values: dict[str, Any]) -> bool:
            edited = self.store.profile()
            for key in KEYS:
                try:
                    edited = edited.edited(key, values[wid(key)])
                except ProfileError as exc:
                    raise RuleError.of(exc, wid(exc.field or "")) from exc
            self.store.set_profile(edited)
            return True

        def saved(result: Any) -> None:
            if result:
                self.notify(t("profile.saved"))

        self.app.push_screen(
            FormScreen(t("profile.title"), fields, save, t, note=t("profile.note")), saved
        )

    def action_followup(self) -> None:
        from screens.followup import FollowUpScreen

        today = self.store.clock().date()  # the app's clock, not the machine's date
        self.app.push_screen(FollowUpScreen(self.store, self.t, today))


def summary_form(store: Store, t: Translator, folder: Path) -> FormScreen:
    """From, to (this year so far by default) and the folder; saving writes the báo cáo."""
    today = store.clock().date()
    fields = [
        Field("start", t("summary.from"), value=f"01/01/{today.year}"),
        Field("end", t("summary.to"), value=f"{today:%d/%m/%Y}"),
        Field("folder", t("export.folder"), value=str(folder), select=True),
    ]

    def save(values: dict[str, Any]) -> str:
        from facilitator.documents.summary import summary_document
        from facilitator.rules.text import TextError, parse_date
        from facilitator.services.files import FileWriteError, atomic_write, free_name
        from facilitator.services.summary import summarise

        days = {}
        for key in ("start", "end"):
            try:
                days[key] = parse_date(values[key])
            except TextError as exc:
                raise RuleError.of(exc, key) from exc
        try:
            figures = summarise(store, days["start"], days["end"], today)
        except TextError as exc:
            raise RuleError.of(exc, "end") from exc
        target = Path(values["folder"].strip().strip('"') or ".")
        name = f"tong-hop_{days['start'].isoformat()}_{days['end'].isoformat()}.docx"
        try:
            target.mkdir(parents=True, exist_ok=True)
            path = atomic_write(free_name(target / name), summary_document(store, figures))
        except (FileWriteError, OSError) as exc:
            raise RuleError.of(exc, "folder") from exc
        return t(
            "summary.written",
            path=path,
            meetings=len(figures.meetings),
            petitions=figures.petitions,
        )

    return FormScreen(t("summary.title"), fields, save, t, note=t("summary.note"))
