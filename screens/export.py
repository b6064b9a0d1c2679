"""F10 / ctrl+e: export the documents; the work runs off the UI thread."""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from db.store import Store, open_store
from facilitator.i18n import Translator
from screens.widgets import NfcInput

DOCS = ("minutes", "conclusion", "report", "json")


def default_export_dir() -> Path:
    from platformdirs import user_documents_dir

    return Path(user_documents_dir()) / "facilitator"


class ExportScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape", "dismiss", show=False)]

    class Done(Message):
        def __init__(self, doc: str, path: Path | None, error: str | None):
            super().__init__()
            self.doc = doc
            self.path = path
            self.error = error

    def __init__(self, store: Store, meeting_id: int, t: Translator, folder: Path | None = None):
        super().__init__()
        self.store = store
        self.meeting_id = meeting_id
        self.t = t
        self.folder = folder or default_export_dir()

    def compose(self) -> ComposeResult:
        with Vertical(id="form"):
            yield Label(self.t("export.title"), id="form-title")
            yield Label(self.t("export.folder"))
            yield NfcInput(str(self.folder), id="export-folder")
            yield OptionList(
                *[Option(f"{i}. {self.t('export.' + d)}", id=d) for i, d in enumerate(DOCS, 1)],
                Option(f"5. {self.t('export.all')}", id="all"),
                id="export-docs",
            )
            yield Static("", id="export-results")
            yield Static(self.t("export.hint"), id="form-hint")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
        self.lines: list[str] = []
        # A meeting not concluded gives drafts ("DỰ THẢO" above the title): say so first.
        self.draft = not self.store.meeting(self.meeting_id).concluded
        if self.draft:
            self.show(f"⚠ {self.t('export.draft_note')}")

    def on_key(self, event: object) -> None:
        key = getattr(event, "key", "")
        if key in {"1", "2", "3", "4", "5"} and not isinstance(self.focused, Input):
            choice = ([*DOCS, "all"])[int(key) - 1]
            self.start(choice)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.start(str(event.option.id))

    def start(self, choice: str) -> None:
        folder = Path(self.query_one("#export-folder", Input).value.strip() or ".")
        docs = list(DOCS[:3]) if choice == "all" else [choice]
        self.pending = getattr(self, "pending", 0) + len(docs)
        self.show(self.t("export.running"))
        self.run_export(docs, folder)

    def show(self, line: str) -> None:
        self.lines.append(line)
        self.query_one("#export-results", Static).update("\n".join(self.lines[-6:]))

    @work(thread=True, exclusive=True, group="export")
    def run_export(self, docs: list[str], folder: Path) -> None:
        from facilitator.exporting import export_document

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
                    path = export_document(store, self.meeting_id, doc, folder)
                    self.post_message(self.Done(doc, path, None))
                except Exception as exc:  # noqa: BLE001 - reported to the user, not raised
                    self.post_message(self.Done(doc, None, str(exc)))
        finally:
            if own:
                store.close()

    @on(Done)
    def _done(self, message: Done) -> None:
        self.pending = max(0, getattr(self, "pending", 1) - 1)
        running = self.t("export.running")
        if not self.pending and running in self.lines:  # no longer true: the export ended
            self.lines = [line for line in self.lines if line != running]
        if message.path is not None:
            draft = f" ({self.t('export.draft')})" if self.draft and message.doc != "json" else ""
            self.show(f"✓ {self.t('export.' + message.doc)}{draft}: {message.path}")
        else:
            self.show(f"✗ {self.t('msg.export_failed', error=self.t.error(message.error))}")
