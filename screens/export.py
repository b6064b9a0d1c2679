"""F10 / ctrl+e: export the documents; the work runs off the UI thread."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from db.store import Store, open_store
from facilitator.i18n import Translator
from facilitator.rules.errors import StoreError
from facilitator.rules.models import Meeting
from facilitator.rules.text import TextError, parse_date
from screens.folder import ExportFolder
from screens.plain import Label, Static
from screens.widgets import NfcInput

# The dialog's list, in the order a secretary meets the papers: a heading (None, key), then
# documents; an "all_…" entry exports its group. Number keys 1-9 then 0 go down the list.
GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("export.before", ("announcement", "radio", "invitation", "attendance")),
    ("export.after", ("minutes", "conclusion", "report")),
)  # "forward" (one Công văn per receiving body) has no group: only some meetings have any
ENTRIES: tuple[str, ...] = (
    "announcement",
    "radio",
    "invitation",
    "attendance",
    "all_before",
    "minutes",
    "conclusion",
    "report",
    "forward",
    "all_after",
    "json",
    "archive",
)
DOCS = tuple(e for e in ENTRIES if not e.startswith("all_"))
ALL = {"all_before": GROUPS[0][1], "all_after": GROUPS[1][1]}
HEADINGS = {"announcement": "export.before", "minutes": "export.after"}
KEYS = "1234567890"
# Documents that carry a date of their own (thông báo, báo cáo, giấy mời); the biên bản is
# dated on the meeting day, the others carry none.
DATED = ("announcement", "invitation", "conclusion", "report", "forward", "archive")


def default_day(meeting: Meeting, today: dt.date) -> dt.date | None:
    """The document date the dialog shows: today once the meeting is concluded (never before
    it); before that, the day the meeting was announced, else today while it is ahead. Left
    as shown, every paper takes its own default; a date typed there dates every dated paper."""
    if meeting.concluded:
        return max(today, meeting.date)
    if meeting.announced_on is not None:
        return meeting.announced_on
    return today if today <= meeting.date else None


def default_export_dir() -> Path:
    from platformdirs import user_documents_dir

    return Path(user_documents_dir()) / "facilitator"


class ExportScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape", "dismiss", show=False)]

    class Done(Message):
        def __init__(self, doc: str, path: Path | None, error: str | None, last: bool = True):
            super().__init__()
            self.doc = doc
            self.path = path
            self.error = error
            self.last = last  # False: more files of the same document follow

    def __init__(
        self, store: Store, meeting_id: int, t: Translator, folder: ExportFolder | None = None
    ):
        super().__init__()
        self.store = store
        self.meeting_id = meeting_id
        self.t = t
        self.export_folder = folder or ExportFolder()
        self.folder = self.export_folder.path or default_export_dir()

    def compose(self) -> ComposeResult:
        meeting = self.store.meeting(self.meeting_id)
        day = default_day(meeting, self.store.clock().date())
        self.default_date = f"{day:%d/%m/%Y}" if day else ""
        with Vertical(id="form"):
            yield Label(self.t("export.title"), id="form-title")
            with Horizontal(id="export-where"):
                with Vertical(id="export-folder-box"):
                    yield Label(self.t("export.folder"))
                    # offered, not typed: selected when reached, so a path typed replaces it
                    yield NfcInput(str(self.folder), id="export-folder", offered=True)
                with Vertical(id="export-date-box"):
                    yield Label(self.t("export.date"))
                    yield NfcInput(
                        self.default_date,
                        placeholder="dd/mm/yyyy",
                        id="export-date",
                    )
            options: list[Option] = []
            for i, entry in enumerate(ENTRIES):
                if entry in HEADINGS:
                    options.append(Option(self.t(HEADINGS[entry]), disabled=True))
                key = f"{KEYS[i]}. " if i < len(KEYS) else "   "
                options.append(Option(f"{key}{self.t('export.' + entry)}", id=entry))
            yield OptionList(*options, id="export-docs")
            yield Static("", id="export-results")
            yield Static(self.t("export.hint"), id="form-hint")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
        self.lines: list[str] = []
        # A meeting not concluded gives drafts ("DỰ THẢO" above the title): say so first.
        self.draft = not self.store.meeting(self.meeting_id).concluded
        if self.draft:
            self.show(f"⚠ {self.t('export.draft_note')}")

    def on_key(self, event: events.Key) -> None:
        """Number keys export only from the list. A path typed while the list has the focus
        ("/", "~", "." or a letter: "/tmp/…", "C:\\…") goes into the folder field, starting
        it afresh: its digits are never taken as exports."""
        if not isinstance(self.focused, OptionList):
            return
        key = event.key
        if key in KEYS:
            index = KEYS.index(key)
            if index < len(ENTRIES):
                self.start(ENTRIES[index])
            event.stop()
            return
        char = event.character or ""
        if event.is_printable and char and (char in "/~.\\" or char.isalpha()):
            event.stop()
            event.prevent_default()
            folder = self.query_one("#export-folder", Input)
            folder.value = char
            folder.focus()
            folder.cursor_position = len(char)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.start(str(event.option.id))

    def start(self, choice: str) -> None:
        folder = Path(self.query_one("#export-folder", Input).value.strip() or ".")
        # The folder typed is kept for the rest of the session (every screen's F10), and with
        # the database for the next window.
        self.export_folder.path = folder
        from facilitator.services.exporting import remember_folder

        try:
            remember_folder(self.store, folder)
        except StoreError:  # a database that cannot be written still exports
            pass
        typed = self.query_one("#export-date", Input).value.strip()
        if typed == self.default_date:
            # Untouched: each paper keeps its own default date, as the command line does
            # without --as-of (a draft's thông báo kết luận is not dated on the announcement).
            typed = ""
        try:
            day = parse_date(typed) if typed else None
        except TextError as exc:
            self.show(f"✗ {self.t.error(exc)}")
            self.query_one("#export-date", Input).focus()
            return
        docs = list(ALL[choice]) if choice in ALL else [choice]
        self.pending = getattr(self, "pending", 0) + len(docs)
        self.show(self.t("export.running"))
        self.run_export(docs, folder, day)

    def show(self, line: str) -> None:
        self.lines.append(line)
        self.query_one("#export-results", Static).update("\n".join(self.lines[-3:]))

    @work(thread=True, exclusive=True, group="export")
    def run_export(self, docs: list[str], folder: Path, day: dt.date | None = None) -> None:
        from facilitator.services.exporting import export_document, export_forward

        # A connection belongs to its thread: the worker opens its own, read-only.
        own = self.store.path is not None
        store = (
            open_store(self.store.path, readonly=True, clock=self.store.clock)
            if own
            else self.store
        )
        try:
            for doc in docs:
                try:
                    folder.mkdir(parents=True, exist_ok=True)
                    as_of = day if doc in DATED else None
                    if doc == "archive":  # every paper, the meeting file and SHA256SUMS
                        from facilitator.services.archive import build_archive

                        path = build_archive(store, self.meeting_id, folder, as_of=as_of)
                        self.post_message(self.Done(doc, path, None))
                        continue
                    if doc == "forward":  # one file per receiving body
                        for path in export_forward(store, self.meeting_id, folder, as_of=as_of):
                            self.post_message(self.Done(doc, path, None, last=False))
                        self.post_message(self.Done(doc, None, None))
                        continue
                    path = export_document(store, self.meeting_id, doc, folder, as_of=as_of)
                    self.post_message(self.Done(doc, path, None))
                except Exception as exc:  # noqa: BLE001 - reported to the user, not raised
                    self.post_message(self.Done(doc, None, self.t.error(exc)))
        finally:
            if own:
                store.close()

    @on(Done)
    def _done(self, message: Done) -> None:
        if message.last:
            self.pending = max(0, getattr(self, "pending", 1) - 1)
        running = self.t("export.running")
        if not self.pending and running in self.lines:  # no longer true: the export ended
            self.lines = [line for line in self.lines if line != running]
        if message.path is not None:
            from facilitator.services.exporting import BEFORE

            drafted = self.draft and message.doc != "json" and message.doc not in BEFORE
            draft = f" ({self.t('export.draft')})" if drafted else ""
            # The folder is in the field above, and the file's name says which paper it is:
            # the name alone keeps each result to one line.
            folder = Path(self.query_one("#export-folder", Input).value.strip() or ".")
            shown = message.path.name if message.path.parent == folder else message.path
            self.show(f"✓ {shown}{draft}")
        elif message.error is not None:
            self.show(f"✗ {self.t('msg.export_failed', error=self.t.error(message.error))}")
        else:  # the end of a document of several files: only the running line goes
            self.query_one("#export-results", Static).update("\n".join(self.lines[-3:]))
