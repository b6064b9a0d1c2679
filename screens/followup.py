"""Follow-up (theo dõi): assignments of all meetings, overdue and due soon first."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rich.cells import cell_len
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer

from db.store import Store
from facilitator.i18n import Translator
from facilitator.rules.errors import RuleError
from facilitator.rules.statutory import Duty
from facilitator.rules.text import TextError, parse_date
from facilitator.services import followup, publication
from screens.forms import Field, FormScreen
from screens.plain import Label, Static
from screens.statutory import state_words
from screens.widgets import RowTable, clip, fit_columns

# Cells from which the due date, then the village and its meeting's date, get a column of
# their own (narrower, they are on the line under the table): the content keeps 40 or so.
WIDE = 100
WIDER = 150


class FollowUpTable(RowTable):
    """The assignments' table: fitted again to its own width when that changes."""

    def on_resize(self) -> None:
        self._fit()

    def watch_show_vertical_scrollbar(self) -> None:
        # The scrollbar comes and goes with the height (a resize settles a layout later):
        # the columns were left two cells short of the table's edge.
        self.call_after_refresh(self._fit)

    def _fit(self) -> None:
        fit = getattr(self.screen, "fit_to_width", None)
        if callable(fit):
            fit()


class FollowUpScreen(Screen[None]):
    BINDINGS = [
        Binding("escape", "back", "key.back", id="back"),
        # F-keys, never letters: a name typed while a table has focus (looking for someone)
        # must not record a satisfaction nor change the filter by surprise.
        Binding("f2", "toggle_overdue", "followup.only_overdue", id="overdue"),
        # One key: the petitioner's answer (plan V.1), on the answered petitions' table (the
        # key line names the table; from another table the key goes to it first).
        Binding("f3", "satisfaction", "followup.satisfaction_table", id="satisfaction"),
    ]

    def __init__(self, store: Store, t: Translator, as_of: dt.date):
        super().__init__()
        self.store = store
        self.t = t
        self.as_of = as_of
        self.overdue_only = False

    def compose(self) -> ComposeResult:
        # The answered petitions right under the assignments (Tab reaches them first: the
        # petitioner's satisfaction follows the answer); the after-meeting duties last.
        yield Static("", id="live-header")
        yield FollowUpTable(id="followup", cursor_type="row")
        # The highlighted assignment whole: its meeting, who and what (the table cuts them).
        yield Static("", id="fu-selected")
        yield Label(self.t("followup.answered"), classes="section")
        yield Label(self.t("followup.answered_keys"), classes="fu-keys")
        yield RowTable(id="answered", cursor_type="row")
        yield Label(self.t("followup.checklist"), classes="section")
        yield Label(self.t("followup.checklist_keys"), classes="fu-keys")
        yield RowTable(id="checklist", cursor_type="row")
        # The petitions forwarded to a body outside the commune (shown when there are any):
        # the công văn that went out and the answer that came back.
        yield Label(self.t("followup.forwarded"), classes="section fw")
        yield RowTable(id="forwarded", cursor_type="row", classes="fw")
        yield Static("", id="fw-selected", classes="fw")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#followup", DataTable)
        self.reload()
        table.focus()

    def reload(self, in_place: str = "") -> None:
        """Fill the tables again. ``in_place``: the id of the table where a record was just
        saved, whose cursor stays at the same place in the list (on the row that now comes
        there: the answered one has gone down, and ↓ goes on to the next one to deal with);
        elsewhere the cursor stays on the same row."""
        rows = followup.rows(self.store, self.as_of, overdue_only=self.overdue_only)
        self.query_one("#live-header", Static).update(
            f"{self.t('followup.title')} · {self.as_of:%d/%m/%Y}"
        )
        table = self.query_one("#followup", DataTable)
        kept, place = None, table.cursor_row
        if table.row_count:
            kept = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        table.clear(columns=True)
        self.show_duties()
        self.show_answered()
        self.show_forwarded(in_place == "forwarded")
        self.assignments = {str(r.assignment_id): (r.responsible, r.content) for r in rows}
        self.fill_assignments(table, rows)
        keys = [str(r.assignment_id) for r in rows]
        if in_place == "followup" and keys:
            table.move_cursor(row=min(place, len(keys) - 1))
        elif kept in keys:
            table.move_cursor(row=keys.index(kept))
        self.show_selected()

    def show_duties(self) -> None:
        """The after-meeting duties of every meeting, each with its state in words."""
        duties = self.query_one("#checklist", DataTable)
        # A tick or a form keeps the cursor on the same duty, and the duties stay in place
        # (by due date, done or not): Down, Enter after a tick reaches the next one, never the
        # one just ticked moved under the cursor (which Enter would untick unseen).
        kept = None
        if duties.row_count:
            kept = duties.coordinate_to_cell_key(duties.cursor_coordinate).row_key.value
        cells: dict[str, list[str]] = {}
        # An open duty says what the home and preparation screens say of it, counted in the
        # unit of its rule ("còn 4 ngày" for the 5 days, "ngày làm việc" for working days).
        units = {r.key: r.unit for r in self.store.rules()}
        calendar = self.store.work_calendar()
        in_place = sorted(
            followup.open_checklists(self.store),
            key=lambda pair: (pair[1].due, pair[0].id, pair[1].key),
        )
        for meeting, item in in_place:
            if item.key == "answer":
                continue  # the answers are the assignments above
            mark = "☑" if item.done_on else "☐"
            status = item.status(self.as_of)
            if item.done_on is not None:  # the day it was done, as the secretary typed it
                words = self.t(f"fu.{status}_on", date=f"{item.done_on:%d/%m/%Y}")
            else:
                unit = units.get(item.key, "calendar_days")
                duty = Duty(item.key, item.due, unit, item.reference)
                words = state_words(duty, self.as_of, calendar, self.t, short=True)
            cells[f"{meeting.id}:{item.key}"] = [
                f"{item.due:%d/%m/%Y}",
                words,
                f"{meeting.village} {meeting.date:%d/%m/%Y}",
                f"{mark} {followup.duty_words(item, self.t, short=True)[0]}",
            ]
        heads = [(k, self.t(k)) for k in ("col.due", "col.status", "col.village", "fu.col.duty")]
        # the duty takes what the others leave, cut with "…" (never at the window's edge)
        fit_columns(duties, heads, cells, fill=3)
        if kept in cells:
            duties.move_cursor(row=list(cells).index(str(kept)))

    def show_answered(self) -> None:
        """The answered petitions with the petitioner's satisfaction; the content cut "…"."""
        answered = self.query_one("#answered", DataTable)
        at = answered.cursor_row
        answered.clear(columns=True)
        cells = {
            str(p.id): [
                self.t(f"satisfaction.{p.satisfaction or 'none'}"),
                f"{meeting.village} {meeting.date:%d/%m/%Y}",
                p.area,
                " ".join(p.content.split()),
            ]
            for meeting, p in publication.answered_petitions(self.store)
        }
        heads = ("col.satisfaction", "col.village", "col.field", "col.content")
        widths = [
            max([cell_len(self.t(key)), *(cell_len(row[i]) for row in cells.values())])
            for i, key in enumerate(heads)
        ]
        # the content takes what the others leave, cut with "…" (never silently at the edge)
        width = answered.scrollable_content_region.width or self.app.size.width - 2
        widths[3] = max(cell_len(self.t("col.content")), width - sum(widths[:3]) - 8)
        for key, size in zip(heads, widths, strict=True):
            answered.add_column(self.t(key), key=key, width=size)
        for row_key, row in cells.items():
            answered.add_row(*row[:3], clip(row[3], widths[3]), key=row_key)
        if answered.row_count:
            answered.move_cursor(row=min(at, answered.row_count - 1))

    def show_forwarded(self, in_place: bool = False) -> None:
        """The forwarded petitions: whether the công văn went out (and, before it does, the
        5-day deadline), whether the answer came back; the receiving body and the content cut
        "…", the highlighted one whole on the line under the table."""
        table = self.query_one("#forwarded", DataTable)
        kept, place = None, table.cursor_row
        if table.row_count:
            kept = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        rows = followup.forwarded_rows(self.store, self.as_of)
        for widget in self.query(".fw"):
            widget.display = bool(rows)
        self.forwards = {str(r.petition_id): r for r in rows}
        cells = {
            str(r.petition_id): [
                self.forward_state(r),
                " ".join(r.forwarded_to.split()),
                " ".join(r.content.split()),
                f"{r.village} {r.meeting_date:%d/%m/%Y}",
            ]
            for r in rows
        }
        heads = [
            (k, self.t(k)) for k in ("col.status", "fw.col.body", "col.content", "col.village")
        ]
        wide = self.app.size.width >= WIDE
        # the content takes what the others leave, cut with "…"; the thôn and the meeting's
        # date only while it keeps 20 cells (at 80 columns they are on the line under it)
        fit_columns(table, heads, cells, fill=2, caps={1: 40 if wide else 16}, least=20)
        if in_place and cells:  # after a save: the same place, as for the assignments
            table.move_cursor(row=min(place, len(cells) - 1))
        elif kept in cells:
            table.move_cursor(row=list(cells).index(str(kept)))
        self.show_forward_selected()

    def forward_state(self, r: followup.ForwardRow) -> str:
        status = r.status(self.as_of)
        if status == "replied" and r.reply_on is not None:
            return self.t("fw.replied", date=f"{r.reply_on:%d/%m/%Y}")
        if status == "waiting" and r.sent_on is not None:
            return self.t("fw.waiting", date=f"{r.sent_on:%d/%m/%Y}")
        duty = Duty("evaluation", r.send_by, r.unit, "")
        words = state_words(duty, self.as_of, self.store.work_calendar(), self.t, short=True)
        return self.t("fw.to_send", state=words)

    def forward_whole(self, r: followup.ForwardRow) -> str:
        """ "▸ Đông Phong 28/10/2021 · Văn phòng … · CV số 12/UBND-VP, gửi 01/11/2021 · trả lời
        20/11/2021: … · Nội dung: …" """
        parts = [f"{r.village} {r.meeting_date:%d/%m/%Y}", " ".join(r.forwarded_to.split())]
        if r.letter or r.sent_on:
            sent = f", {self.t('fw.sent_on', date=f'{r.sent_on:%d/%m/%Y}')}" if r.sent_on else ""
            parts.append(self.t("fw.letter", number=r.letter or "…") + sent)
        else:
            parts.append(self.t("fw.no_letter", date=f"{r.send_by:%d/%m/%Y}"))
        if r.reply_on is not None:
            reply = f": {' '.join(r.reply.split())}" if r.reply.strip() else ""
            parts.append(self.t("fw.replied", date=f"{r.reply_on:%d/%m/%Y}") + reply)
        return f"▸ {' · '.join(parts)} · {' '.join(r.content.split())}"

    @on(DataTable.RowHighlighted, "#forwarded")
    def show_forward_selected(self) -> None:
        table = self.query_one("#forwarded", DataTable)
        line = self.query_one("#fw-selected", Static)
        if not table.row_count:
            line.update("")
            return
        key = str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        row = getattr(self, "forwards", {}).get(key)
        width = line.content_region.width or self.app.size.width - 2
        line.update(two_lines(self.forward_whole(row), width, self.app) if row else "")

    @on(DataTable.RowSelected, "#forwarded")
    def _follow_forward(self, event: DataTable.RowSelected) -> None:
        """Enter: the công văn (number, day sent) and the answer that came back (day, gist);
        blank is not done yet."""
        r = self.forwards[str(event.row_key.value)]
        t = self.t

        def day(value: dt.date | None) -> str:
            return f"{value:%d/%m/%Y}" if value else ""

        fields = [
            Field("letter", t("fw.field.letter"), value=r.letter),
            Field("sent_on", t("fw.field.sent_on"), value=day(r.sent_on), date=True),
            Field("reply_on", t("fw.field.reply_on"), value=day(r.reply_on), date=True),
            Field("reply", t("fw.field.reply"), value=r.reply),
        ]

        def save(values: dict[str, Any]) -> str:
            days: dict[str, dt.date | None] = {}
            for key in ("sent_on", "reply_on"):
                try:
                    days[key] = parse_date(values[key]) if values[key].strip() else None
                except TextError as exc:
                    raise RuleError.of(exc, key) from exc
            followup.record_forward(
                self.store,
                r.petition_id,
                letter=values["letter"],
                sent_on=days["sent_on"],
                reply_on=days["reply_on"],
                reply=values["reply"],
            )
            return t("msg.saved")

        content = " ".join(r.content.split())
        excerpt = content if len(content) <= 40 else content[:39].rstrip() + "…"
        title = t("fw.title", body=" ".join(r.forwarded_to.split()), content=excerpt)
        note = f"{r.village} {r.meeting_date:%d/%m/%Y} · {t('fw.note')}"
        self.app.push_screen(
            FormScreen(title, fields, save, t, note=note), lambda _r: self.reload("forwarded")
        )

    def status_words(self, r: followup.FollowUpRow) -> str:
        if r.answered_on is not None and r.status.startswith("answered"):
            # answered: the day of the answer, never a count of days left (-1259)
            return self.t(f"fu.{r.status}_on", date=f"{r.answered_on:%d/%m/%Y}")
        if r.status == "overdue":  # in working days, as "còn" before the date
            return followup.late_words(self.t, r.days_late)
        if r.due == self.as_of:
            return self.t("clock.today_short")
        return self.t("clock.due_working_short", days=r.days_left)

    def fill_assignments(self, table: DataTable[Any], rows: list[followup.FollowUpRow]) -> None:
        """Whom, what and the state of each assignment in the table's width. The state whole
        (it says the days left or late); from WIDE cells the due date, from WIDER the village
        with its meeting's date, whole too (narrower, they are on the line under the table,
        with the highlighted assignment whole); the person responsible (at most 16 cells at
        80 columns, 30 wider) and the content take the rest, cut with "…"."""
        width = table.scrollable_content_region.width or self.app.size.width - 2
        wide = width >= WIDE
        heads = {
            key: self.t(key)
            for key in ("col.due", "col.status", "col.village", "fu.col.responsible", "col.content")
        }
        cells = [
            (
                f"{r.due:%d/%m/%Y}",
                self.status_words(r),
                f"{r.village} {r.meeting_date:%d/%m/%Y}",
                " ".join(r.responsible.split()),
                " ".join(r.content.split()),
            )
            for r in rows
        ]

        def longest(i: int, key: str) -> int:
            return max([cell_len(heads[key]), *(cell_len(c[i]) for c in cells)])

        widths = {"col.status": longest(1, "col.status")}
        if wide:
            widths = {"col.due": longest(0, "col.due"), **widths}
        if width >= WIDER:
            widths["col.village"] = longest(2, "col.village")
        cap = 30 if wide else 16
        widths["fu.col.responsible"] = max(
            cell_len(heads["fu.col.responsible"]), min(longest(3, "fu.col.responsible"), cap)
        )
        used = sum(w + 2 for w in widths.values())  # each column pads one cell each side
        widths["col.content"] = max(cell_len(heads["col.content"]), width - used - 2)
        for key, size in widths.items():
            table.add_column(heads[key], key=key, width=size)
        for r, (due, status, village, who, what) in zip(rows, cells, strict=True):
            shown = [due, status] if wide else [status]
            shown += [village] if width >= WIDER else []
            shown += [clip(who, widths["fu.col.responsible"]), clip(what, widths["col.content"])]
            table.add_row(*shown, key=str(r.assignment_id))
        self.shown_width = width
        self.whole = {
            str(r.assignment_id): f"▸ {heads['col.due']} {c[0]} · {c[2]} · {c[3]}: {c[4]}"
            for r, c in zip(rows, cells, strict=True)
        }

    @on(DataTable.RowHighlighted, "#followup")
    def show_selected(self) -> None:
        """The highlighted assignment on the line under the table: its meeting, who, what."""
        table = self.query_one("#followup", DataTable)
        line = self.query_one("#fu-selected", Static)
        if not table.row_count:
            line.update("")
            return
        key = str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        width = line.content_region.width or self.app.size.width - 2
        line.update(two_lines(getattr(self, "whole", {}).get(key, ""), width, self.app))

    def on_resize(self) -> None:
        self.fit_to_width()

    def fit_to_width(self) -> None:
        """The assignments made again for the table's width, when it changed (the window's,
        and the table's own: after a resize it settles a layout later)."""
        table = self.query_one("#followup", DataTable)
        if table.scrollable_content_region.width != getattr(self, "shown_width", None):
            self.reload()

    def action_back(self) -> None:
        self.dismiss(None)

    def action_toggle_overdue(self) -> None:
        self.overdue_only = not self.overdue_only
        self.reload()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "satisfaction":  # dimmed while no petition is answered
            table = self.query("#answered")
            return bool(table) and table.first(DataTable).row_count > 0 or None
        return True

    def action_satisfaction(self) -> None:
        table = self.query_one("#answered", DataTable)
        if not table.row_count:
            return
        if self.focused is not table:  # from another table: first to the answered petitions
            table.focus()
            return
        row_key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        petition_id = int(str(row_key.value))
        current = self.store.petition(petition_id).satisfaction
        try:
            publication.set_satisfaction(
                self.store, petition_id, publication.next_satisfaction(current)
            )
        except RuleError as exc:
            self.notify(self.t.error(exc), severity="error")
        self.reload()

    @on(DataTable.CellHighlighted, "#answered")
    @on(DataTable.RowHighlighted, "#answered")
    def _refresh_keys(self) -> None:
        self.refresh_bindings()

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    @on(DataTable.RowSelected, "#checklist")
    def _toggle_duty(self, event: DataTable.RowSelected) -> None:
        meeting_id, key = str(event.row_key.value).split(":")
        if key == publication.PUBLISH_KEY:  # done only when every channel is ticked
            self.app.push_screen(
                publication_form(self.store, int(meeting_id), self.t, self.as_of),
                lambda _r: self.reload(),
            )
            return
        if key in self.store.checklist_done(int(meeting_id)):  # untick
            try:
                followup.mark_done(self.store, int(meeting_id), key, None)
            except RuleError as exc:
                self.notify(self.t.error(exc), severity="error")
            self.reload()
            return
        t = self.t
        # The day it was really done (today unless typed): a duty done on time and ticked
        # later is not "làm muộn".
        fields = [Field("done_on", t("followup.done_on"), value=f"{self.as_of:%d/%m/%Y}")]

        def save(values: dict[str, Any]) -> str:
            try:
                day = parse_date(values["done_on"])
            except TextError as exc:
                raise RuleError.of(exc, "done_on") from exc
            followup.mark_done(self.store, int(meeting_id), key, day)
            return t("msg.saved")

        meeting = self.store.meeting(int(meeting_id))
        item = next(i for i in followup.checklist(self.store, int(meeting_id)) if i.key == key)
        label, reference = followup.duty_words(item, t)
        note = f"{label} · {meeting.village} {meeting.date:%d/%m/%Y}\n{reference}"
        self.app.push_screen(
            FormScreen(t("followup.done_title"), fields, save, t, note=note),
            lambda _r: self.reload(),
        )

    @on(DataTable.RowSelected, "#followup")
    def _answer(self, event: DataTable.RowSelected) -> None:
        assignment_id = int(str(event.row_key.value))
        t = self.t
        # The dialog names the assignment it answers: who, and the start of its content.
        who, whole = self.assignments[str(event.row_key.value)]
        content = " ".join(whole.split())
        excerpt = content if len(content) <= 40 else content[:39].rstrip() + "…"
        title = t("followup.answer_title", who=who, content=excerpt)
        fields = [
            Field("answered_on", t("followup.answered_on"), value=f"{self.as_of:%d/%m/%Y}"),
            Field(
                "form",
                t("followup.form"),
                "select",
                "written",
                [(t("followup.written"), "written"), (t("followup.direct"), "direct")],
            ),
            Field("note", t("followup.note")),
        ]

        def save(values: dict[str, Any]) -> str:
            try:
                day = parse_date(values["answered_on"])
            except TextError as exc:
                raise RuleError.of(exc, "answered_on") from exc
            followup.record_answer(
                self.store, assignment_id, day, values["form"] or "written", values["note"]
            )
            return t("followup.answer_saved", who=who, date=f"{day:%d/%m/%Y}")

        def done(said: object) -> None:
            self.reload("followup")
            if isinstance(said, str):  # saved: said, since the row moves away (trial 9)
                self.notify(said)

        self.app.push_screen(FormScreen(title, fields, save, t), done)


def two_lines(text: str, width: int, app: Any) -> str:
    """``text`` wrapped at ``width``, two lines at most, the second ending in "…" when more
    was cut (never cut silently)."""
    from rich.text import Text

    lines = [line.plain.rstrip() for line in Text(text).wrap(app.console, max(width, 8))]
    if len(lines) <= 2:
        return "\n".join(lines)
    last = clip(lines[1] + "…", width)  # a full second line too: never cut silently
    return f"{lines[0]}\n{last}"


def publication_form(store: Store, meeting_id: int, t: Translator, today: dt.date) -> FormScreen:
    """Công khai kết quả: one date per channel (the office, each thôn, the radio); blank is not
    done yet. The checklist's item is done when all have a date."""
    items = publication.publication(store, meeting_id)
    keys = {}
    fields = []
    for i, item in enumerate(items):
        key = item.channel if item.channel != "hamlet" else f"hamlet{i}"
        keys[key] = item
        label = t(f"pub.{item.channel}", hamlet=item.hamlet)
        value = f"{item.done_on:%d/%m/%Y}" if item.done_on else ""
        fields.append(Field(key, label, value=value, placeholder="dd/mm/yyyy"))

    def save(values: dict[str, Any]) -> str:
        days: dict[str, dt.date | None] = {}
        for key, text in values.items():
            try:
                days[key] = parse_date(text) if text.strip() else None
            except TextError as exc:
                raise RuleError.of(exc, key) from exc
        # every date checked before any is written: a refused one saves none of the others
        for key, day in days.items():
            item = keys[key]
            try:
                publication.check_publication(store, meeting_id, item.channel, item.hamlet, day)
            except RuleError as exc:
                raise RuleError.of(exc, key) from exc
        changes = [(keys[k].channel, keys[k].hamlet, day) for k, day in days.items()]
        publication.record_publications(store, meeting_id, changes)
        return t("msg.saved")

    meeting = store.meeting(meeting_id)
    note = f"{meeting.village} {meeting.date:%d/%m/%Y} · {t('pub.note')}"
    return FormScreen(t("pub.title"), fields, save, t, note=note)
