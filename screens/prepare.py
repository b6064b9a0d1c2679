"""Preparation (Chuẩn bị): details, attendance, pre-collected petitions, slot length, agenda."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Input

from db.store import Store, StoreError
from facilitator.i18n import Translator
from facilitator.rules.deadlines import ANNOUNCEMENT_DAYS, announcement_late
from facilitator.services import preparation
from facilitator.services.live import Console, RuleError
from screens.carryover import carry_over_lines
from screens.folder import ExportFolder
from screens.forms import Field, FormScreen, kind_field
from screens.keybar import KeyBar
from screens.plain import Label, Static
from screens.widgets import NfcInput, NfcTextArea, RowTable, StateCheckbox, fit_columns


class PrepareScreen(Screen[None]):
    BINDINGS = [
        Binding("escape", "back", "key.back", id="back"),
        Binding("ctrl+s", "save", "key.save", priority=True, id="save"),
        Binding("f2", "add_official", "prep.add_official", priority=True, id="add_official"),
        Binding("f7", "add_petition", "prep.add_petition", priority=True, id="add_petition"),
        Binding("f4", "import_petitions", "prep.import", priority=True, id="import"),
        Binding("delete", "remove", "prep.remove", id="remove"),
        Binding("ctrl+z", "undo", "key.undo", id="undo"),
        Binding("f10", "export", "key.export", priority=True, id="export"),
    ]

    def __init__(
        self, store: Store, meeting_id: int, t: Translator, folder: ExportFolder | None = None
    ):
        super().__init__()
        self.store = store
        self.meeting_id = meeting_id
        self.t = t
        self.export_folder = folder or ExportFolder()

    def compose(self) -> ComposeResult:
        yield Static("", id="live-header")
        yield Static("", id="prep-warnings")
        with Horizontal(id="live-body"):
            with VerticalScroll(id="prep-details"):
                for key in preparation.DETAIL_KEYS:
                    yield Label(self.t(f"prep.{key}"), id=f"pl-{key}", classes="prep-label")
                    yield NfcInput(id=f"p-{key}")
                    yield Static("", id=f"perr-{key}", classes="form-error")
                yield StateCheckbox(self.t("prep.first_turns_first"), id="p-first_turns_first")
                yield Label(self.t("prep.agenda"), id="pl-agenda", classes="prep-label")
                agenda = NfcTextArea("", id="p-agenda")
                agenda.show_line_numbers = False
                yield agenda
                yield Static("", id="perr-agenda", classes="form-error")
                yield Label(self.t("prep.legal_basis"), id="pl-legal_basis", classes="prep-label")
                basis = NfcTextArea("", id="p-legal_basis")
                basis.show_line_numbers = False
                yield basis
                yield Static("", id="perr-legal_basis", classes="form-error")
            with Vertical(id="prep-lists"):
                yield Label(self.t("clock.title"), classes="section")
                yield Static("", id="prep-clock")
                yield Label(self.t("prep.officials"), classes="section")
                yield Label(self.t("prep.officials_keys"), classes="prep-keys")
                yield RowTable(id="prep-officials", cursor_type="row")
                yield Label(self.t("prep.petitions"), classes="section")
                yield Label(self.t("prep.petitions_keys"), classes="prep-keys")
                yield RowTable(id="prep-petitions", cursor_type="row")
        yield KeyBar()

    def on_mount(self) -> None:
        for key, value in preparation.details_of(self.store, self.meeting_id).items():
            self.query_one(f"#p-{key}", Input).value = value
        meeting = self.store.meeting(self.meeting_id)
        self.query_one("#p-first_turns_first", StateCheckbox).value = meeting.first_turns_first
        agenda = "\n".join(p.name for p in self.store.phases(self.meeting_id))
        self.query_one("#p-agenda", NfcTextArea).load_text(agenda)
        self.query_one("#p-legal_basis", NfcTextArea).load_text("\n".join(meeting.legal_basis))
        self.reload()
        self.query_one("#p-commune").focus()

    def reload(self) -> None:
        meeting = self.store.meeting(self.meeting_id)
        self.query_one("#live-header", Static).update(
            f"{self.t('prep.title')} · {meeting.commune} - {meeting.village} · "
            f"{meeting.date:%d/%m/%Y} · {self.t('status.' + meeting.status)}"
        )
        warnings = []
        if announcement_late(meeting.date, meeting.announced_on):
            latest = meeting.date - dt.timedelta(days=ANNOUNCEMENT_DAYS)
            warnings.append(self.t("prep.late", date=f"{latest:%d/%m/%Y}"))
        carried = carry_over_lines(self.store, self.meeting_id, self.t)
        if carried:
            warnings.append(self.t("carry.notice", count=len(carried)))
        self.query_one("#prep-warnings", Static).update("\n".join(f"⚠ {w}" for w in warnings))
        self.query_one("#prep-clock", Static).update("\n".join(self.clock_lines()))
        self.fill_tables()

    def fill_tables(self) -> None:
        """The officials and the opinions in the column's width, the long text cut with "…"
        (never at the table's edge): the level (huyện/xã/thôn) before the position, which
        takes the rest; the opinion's content first, its field and source short after it."""
        officials = self.query_one("#prep-officials", DataTable)
        row = officials.cursor_row
        heads = [(k, self.t(k)) for k in ("col.name", "prep.level", "prep.chair_position")]
        people = {
            str(o.id): [o.name, o.group, o.position] for o in self.store.officials(self.meeting_id)
        }
        fit_columns(officials, heads, people, fill=2, caps={0: 22}, least=12)
        officials.move_cursor(row=max(0, min(row, officials.row_count - 1)))
        petitions = self.query_one("#prep-petitions", DataTable)
        row = petitions.cursor_row  # an edit, a removal or an undo keeps the place in the list
        heads = [(k, self.t(k)) for k in ("col.content", "col.field", "col.source")]
        opinions = {
            str(p.id): [" ".join(p.content.split()), p.area, p.source]
            for p in self.store.petitions(self.meeting_id)
            if p.speaker_id is None
        }
        fit_columns(petitions, heads, opinions, fill=0, caps={1: 12, 2: 12}, least=24)
        petitions.move_cursor(row=max(0, min(row, petitions.row_count - 1)))
        self.shown_width = petitions.scrollable_content_region.width

    def on_resize(self) -> None:
        if self.query_one("#prep-petitions", DataTable).scrollable_content_region.width != getattr(
            self, "shown_width", None
        ):
            self.fill_tables()

    def clock_lines(self) -> list[str]:
        """The statutory clock, one short line per period (the column is narrow)."""
        from facilitator.services.followup import statutory_duties
        from screens.statutory import state_words

        today = self.store.clock().date()
        calendar = self.store.work_calendar()
        # Due dates without the year (the meeting's header has it): "Trả lời: còn 15 ngày làm
        # việc (hạn 18/11)" stays on one line in the column at 80x24.
        return [
            f"{self.t('clock.short.' + d.key)}: "
            f"{state_words(d, today, calendar, self.t, due_format='%d/%m')}"
            for d in statutory_duties(self.store, self.meeting_id)
        ]

    def on_descendant_focus(self) -> None:
        """The label of the field with focus lights up with it (the trial typed a date into
        the wrong field)."""
        focused = self.focused
        key = (focused.id or "").removeprefix("p-") if focused is not None else ""
        for label in self.query(".prep-label"):
            label.set_class(label.id == f"pl-{key}", "-focus")

    def action_save(self) -> None:
        values = {key: self.query_one(f"#p-{key}", Input).value for key in preparation.DETAIL_KEYS}
        values["legal_basis"] = self.query_one("#p-legal_basis", NfcTextArea).text
        for key in (*preparation.DETAIL_KEYS, "agenda", "legal_basis"):
            self.query_one(f"#perr-{key}", Static).update("")
        try:
            preparation.update_details(self.store, self.meeting_id, values)
            rule = self.query_one("#p-first_turns_first", StateCheckbox).value
            if rule != self.store.meeting(self.meeting_id).first_turns_first:
                Console(self.store, self.meeting_id).set_first_turns_first(rule)
            names = self.query_one("#p-agenda", NfcTextArea).text.split("\n")
            current = [p.name for p in self.store.phases(self.meeting_id)]
            if [n.strip() for n in names if n.strip()] != current:
                preparation.set_agenda(self.store, self.meeting_id, names)
        except RuleError as exc:
            fields = (*preparation.DETAIL_KEYS, "agenda", "legal_basis")
            key = exc.field if exc.field in fields else "commune"
            self.query_one(f"#perr-{key}", Static).update(f"⚠ {self.t.error(exc)}")
            self.query_one(f"#p-{key}").focus()
            return
        except StoreError as exc:
            self.notify(self.t.error(exc), severity="error", timeout=10)
            return
        self.notify(self.t("msg.saved"))
        self.reload()

    def action_export(self) -> None:
        """F10: the papers of the meeting, those before it first (announcement, invitations)."""
        from screens.export import ExportScreen

        self.app.push_screen(ExportScreen(self.store, self.meeting_id, self.t, self.export_folder))

    def action_back(self) -> None:
        self.dismiss(None)

    def _official_fields(self, name: str = "", position: str = "", group: str = "") -> list[Field]:
        t = self.t
        levels = ["huyện", "xã", "thôn"]
        # A new official's level is a guess, grey in the empty field (left empty: xã); typing
        # "huyện" gave "xãhuyện" when it was typed into the field.
        return [
            Field("name", t("form.name"), value=name),
            Field("position", t("prep.chair_position"), value=position),
            Field(
                "group", t("prep.group"), value=group, suggest=levels, guess="" if group else "xã"
            ),
        ]

    def action_add_official(self) -> None:
        t = self.t

        def save(values: dict[str, Any]) -> str:
            preparation.add_official(
                self.store, self.meeting_id, values["name"], values["position"], values["group"]
            )
            return t("msg.saved")

        self.app.push_screen(
            FormScreen(t("prep.add_official"), self._official_fields(), save, t),
            lambda _r: self.reload(),
        )

    @on(DataTable.RowSelected, "#prep-officials")
    def _edit_official(self, event: DataTable.RowSelected) -> None:
        """Enter on an official: the same form, filled, to correct a name or position."""
        if event.row_key.value is None:
            return
        official_id = int(str(event.row_key.value))
        official = next(
            (o for o in self.store.officials(self.meeting_id) if o.id == official_id), None
        )
        if official is None:
            return
        t = self.t

        def save(values: dict[str, Any]) -> str:
            preparation.update_official(
                self.store,
                official_id,
                values["name"],
                values["position"],
                values["group"],
                meeting_id=self.meeting_id,
            )
            return t("msg.saved")

        fields = self._official_fields(official.name, official.position, official.group)
        self.app.push_screen(
            FormScreen(t("prep.edit_official"), fields, save, t), lambda _r: self.reload()
        )

    @staticmethod
    def _selected(table: DataTable[Any]) -> int | None:
        if not table.row_count:
            return None
        return int(str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value))

    def action_remove(self) -> None:
        """Delete: the selected official, or the selected pre-collected opinion (ctrl+z)."""
        officials = self.query_one("#prep-officials", DataTable)
        petitions = self.query_one("#prep-petitions", DataTable)
        if self.focused is officials and (official_id := self._selected(officials)):
            try:
                preparation.remove_official(self.store, official_id, meeting_id=self.meeting_id)
            except RuleError as exc:
                self.notify(self.t.error(exc), severity="error", timeout=10)
                return
        elif self.focused is petitions and (petition_id := self._selected(petitions)):
            content = self.store.petition(petition_id).content
            try:
                Console(self.store, self.meeting_id).delete_petition(petition_id)
            except (RuleError, StoreError) as exc:
                self.notify(self.t.error(exc), severity="error", timeout=10)
            else:
                self.notify(self.t("prep.petition_deleted", content=content[:40]))
        self.reload()

    def action_undo(self) -> None:
        try:
            what = Console(self.store, self.meeting_id).undo()
        except (RuleError, StoreError) as exc:
            self.notify(self.t.error(exc), severity="error", timeout=10)
            return
        if what is None:
            self.notify(self.t("msg.nothing_to_undo"))
        else:
            self.notify(self.t("msg.undone", what=self.t.event(what)))
        self.reload()

    def action_add_petition(self) -> None:
        self.app.push_screen(
            pre_collected_form(self.store, self.meeting_id, self.t), lambda _r: self.reload()
        )

    @on(DataTable.RowSelected, "#prep-petitions")
    def _edit_petition(self, event: DataTable.RowSelected) -> None:
        petition_id = int(str(event.row_key.value))
        self.app.push_screen(
            pre_collected_form(self.store, self.meeting_id, self.t, petition_id),
            lambda _r: self.reload(),
        )

    def action_import_petitions(self) -> None:
        t = self.t

        def save(values: dict[str, Any]) -> str:
            result = preparation.import_petitions(
                self.store, self.meeting_id, Path(values["path"].strip().strip('"'))
            )
            if result.skipped:
                return t("prep.imported_skipped", count=result.added, skipped=result.skipped)
            return t("prep.imported", count=result.added)

        def done(result: Any) -> None:
            self.reload()
            if isinstance(result, str):
                self.notify(result)

        self.app.push_screen(
            FormScreen(t("prep.import"), [Field("path", t("prep.import_path"))], save, t),
            done,
        )


SOURCES = [
    "MTTQ",
    "Hội Nông dân",
    "Hội Phụ nữ",
    "Hội Cựu chiến binh",
    "Đoàn Thanh niên",
    "Đại biểu HĐND",
]


class PreCollectedForm(FormScreen):
    """The F7 form of the preparation screen: the kind is a one-line choice (F2 steps through
    it), so the four fields stay on screen at 80x24."""

    def _widget(self, f: Field) -> Any:
        widget = super()._widget(f)
        if f.key == "kind":
            widget.compact = True
        return widget


def pre_collected_form(
    store: Store, meeting_id: int, t: Translator, petition_id: int | None = None
) -> FormScreen:
    """Add (F7) or correct (Enter) an opinion collected before the meeting, with its channel."""
    existing = store.petition(petition_id) if petition_id else None
    fields = [
        Field("content", t("form.content"), "text", existing.content if existing else ""),
        kind_field(t, (existing.kind if existing else None) or "petition"),
        Field("field", t("form.field"), value=existing.area if existing else ""),
        Field(
            "source", t("prep.source"), value=existing.source if existing else "", suggest=SOURCES
        ),
    ]

    def save(values: dict[str, Any]) -> str:
        kind = values["kind"] or "petition"
        if existing:
            Console(store, meeting_id).edit_petition(
                existing.id, values["content"], values["field"], values["source"], kind
            )
        else:
            preparation.add_pre_collected(
                store, meeting_id, values["content"], values["field"], values["source"], kind
            )
        return t("msg.saved")

    title = t("prep.edit_petition" if existing else "prep.add_petition")
    return PreCollectedForm(title, fields, save, t)
