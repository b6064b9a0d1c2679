"""F9: conclusion (kết luận): every petition with its outcome, deadlines, statistics, closing."""

from __future__ import annotations

from collections.abc import Callable
from textwrap import shorten
from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import DataTable

from facilitator.i18n import Translator
from facilitator.rules import statistics
from facilitator.rules.clock import local, parse
from facilitator.rules.kinds import is_ordinary
from facilitator.rules.models import OUTCOMES, Petition
from facilitator.services.conclusion import (
    beyond_limit,
    conclude,
    decide,
    meeting_statistics,
    open_items,
    parse_citizens,
    save_conclusion_text,
)
from facilitator.services.followup import checklist, default_due, duty_words
from facilitator.services.live import Console, RuleError, place_words
from facilitator.services.readback import READBACK_REFUSED
from facilitator.services.seal import last_seal, seal
from screens.folder import ExportFolder
from screens.forms import Field, FormScreen, kind_field
from screens.keybar import KeyBar
from screens.plain import Label, Static
from screens.watcher import StoreWatcher
from screens.widgets import NfcTextArea, RowTable, clip


class ConclusionScreen(Screen[Any]):
    BINDINGS = [
        Binding("escape", "back", "key.back", id="back"),
        # F1 is help on every screen with F-keys: here this screen's keys.
        Binding("f1", "help", "key.help", priority=True, show=False, id="help"),
        Binding("f9", "conclude", "conclusion.conclude", priority=True, id="conclude"),
        Binding("f8", "seal", "key.seal", priority=True, id="seal"),
        Binding("f5", "readback", "key.readback", priority=True, id="readback"),
        Binding("f7", "decide", "key.decide", priority=True, id="decide"),
        Binding("ctrl+s", "save_text", "key.save", priority=True, id="save"),
        Binding("f10", "export", "key.export", priority=True, id="export"),
    ]

    def action_help(self) -> None:
        from screens.help import CONCLUSION_KEYS, HelpScreen

        self.app.push_screen(HelpScreen(self.t, CONCLUSION_KEYS))

    def __init__(self, console: Console, t: Translator, folder: ExportFolder | None = None):
        super().__init__()
        self.console = console
        self.t = t
        self.export_folder = folder or ExportFolder()
        self.save_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="live-header")
        with Horizontal(id="live-body"):
            with Vertical(id="live-left"):
                yield Static("", id="conclusion-summary")
                yield RowTable(id="petitions", cursor_type="row")
                # The highlighted petition whole: the table's column holds 15 characters at 80.
                yield Static("", id="petition-detail")
                yield Label(self.t("conclusion.text"), classes="section")
                text = NfcTextArea(
                    self.console.meeting.conclusion,
                    id="conclusion-text",
                    soft_wrap=True,
                    tab_behavior="focus",
                )
                text.show_line_numbers = False
                yield text
            with VerticalScroll(id="live-right"):
                yield Label(self.t("conclusion.stats"), classes="section")
                yield Static("", id="stats")
                yield Label(self.t("conclusion.checklist"), classes="section")
                yield Static("", id="checklist")
        yield KeyBar()
        # Another process's write (a command-line amend: a new seal code) shows here too.
        self.watcher = StoreWatcher(self.console.store, 0.5)
        yield self.watcher

    def on_mount(self) -> None:
        table = self.query_one("#petitions", DataTable)
        # At 80 columns the outcome is a short word in a column of its own width ("giao",
        # "ghi nhận"): the long words were cut to "gia", "ghi".
        self.narrow = self.app.size.width < 100
        widths = {
            "col.no": 3,
            "col.content": 15 if self.narrow else 24,
            "col.outcome": 10 if self.narrow else 14,
            "col.responsible": 16,
            "col.due": 10,
        }
        self.widths = widths
        for key, width in widths.items():
            table.add_column(self.t(key), key=key, width=width)
        self.reload()
        table.focus()

    def on_store_watcher_changed(self, _message: StoreWatcher.Changed) -> None:
        self.reload()

    @on(DataTable.RowHighlighted, "#petitions")
    def show_detail(self) -> None:
        """ "3. Đề nghị tăng cường kiểm tra …" in full, wrapped, under the table."""
        table = self.query_one("#petitions", DataTable)
        detail = self.query_one("#petition-detail", Static)
        if not table.row_count:
            detail.update("")
            return
        row_key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        p = self.petitions.get(int(str(row_key.value)))
        detail.update(Text(f"{p.seq}. {' '.join(p.content.split())}") if p else "")

    def reload(self) -> None:
        meeting = self.console.meeting
        sealed = last_seal(self.console.store, self.console.meeting_id)
        where = f"{meeting.commune} - {meeting.village} · {meeting.date:%d/%m/%Y}"
        if sealed is None:
            header = f"{where} · {self.t('status.' + meeting.status)}"
        else:  # it stayed "đã kết luận"; first, so that 80 columns cut the date, not this
            header = f"{self.t('status.sealed')} · {where}"
        self.query_one("#live-header", Static).update(f"{self.t('conclusion.title')} · {header}")
        self.query_one("#conclusion-text", NfcTextArea).read_only = sealed is not None
        petitions = self.console.store.petitions(self.console.meeting_id)
        self.petitions = {p.id: p for p in petitions}
        table = self.query_one("#petitions", DataTable)
        selected = table.cursor_row
        table.clear()
        for p in petitions:
            who = ""
            due = ""
            if p.outcome == "assigned" and p.assignment:
                who, due = p.assignment.responsible, f"{p.assignment.due:%d/%m/%Y}"
            elif p.outcome == "forwarded":
                who = p.forwarded_to or ""
            narrow = getattr(self, "narrow", False)
            outcome = self.t(f"outcome.{p.outcome or 'none'}")
            if not is_ordinary(p.kind):  # handled under its own law, never "chưa xử lý"
                outcome = self.t(f"kind.law.{p.kind}")
            if narrow or cell_len(outcome) > self.widths["col.outcome"]:
                # The short word where the long one does not fit (they were cut bare:
                # "chuyển cấp trê", "chuyển xử lý t"); a khiếu nại's kind is in front of its
                # content, "theo luật" says the rest.
                outcome = self.t(
                    f"outcome.short.{p.outcome or 'none'}"
                    if is_ordinary(p.kind)
                    else "outcome.short.law"
                )
            # Cut with "…" to their columns (whole under the table): "Đề nghị nâng cấ" read as
            # a word cut short.
            content = (f"[{self.t('kind.' + p.kind)}] " if p.kind != "petition" else "") + (
                " ".join(p.content.split())
            )
            # Text, not markup: "[phản ánh] …" was read as a style tag and vanished, leaving
            # a gap and a content cut for a width it did not have.
            table.add_row(
                str(p.seq),
                Text(clip(content, self.widths["col.content"])),
                outcome,
                Text(clip(who, self.widths["col.responsible"])),
                due,
                key=str(p.id),
            )
        if petitions:
            table.move_cursor(row=min(selected, len(petitions) - 1))
        self.show_detail()
        stats = meeting_statistics(self.console.store, self.console.meeting_id)
        counts = {key: stats.outcomes.get(key, 0) for key in (*OUTCOMES, "none")}
        summary = self.t("conclusion.summary", total=stats.petitions, **counts)
        if sealed is not None:
            when = local(parse(sealed.at))
            summary += "\n" + self.t("seal.header", code=sealed.code, time=f"{when:%H:%M}")
        self.query_one("#conclusion-summary", Static).update(summary)
        self.query_one("#stats", Static).update(self.stats_text(stats))
        items = checklist(self.console.store, self.console.meeting_id)
        self.query_one("#checklist", Static).update(
            "\n".join(
                f"{'☑' if i.done_on else '☐'} {label}: {i.due:%d/%m/%Y}\n   {reference}"
                for i in items
                for label, reference in [duty_words(i, self.t)]
            )
        )

    def stats_text(self, stats: statistics.Statistics) -> str:
        lines = [
            self.t(
                "stats.overview",
                speakers=stats.speakers,
                turns=stats.turns,
                petitions=stats.petitions,
            ),
            self.t(
                "stats.share",
                share=round(100 * stats.citizens_share),
                citizens=self._duration(stats.citizens_seconds),
                officials=self._duration(stats.officials_seconds),
            ),
        ]
        for title, rows in (
            ("stats.by_hamlet", stats.per_hamlet),
            ("stats.by_field", stats.per_field),
            ("stats.by_speaker", stats.per_speaker),
        ):
            lines.append("")
            lines.append(self.t(title))
            top = max((v for _, v in rows), default=0)
            # At 80 columns a shorter bar: name, bar and time on one line (the time wrapped
            # under it), the name cut with "…" ("Phạm Thị Hòa (xóm Giữa" was cut silently).
            bar = 8 if getattr(self, "narrow", False) else 14
            for name, seconds in rows[:12]:
                lines.append(
                    f" {clip(name, 22):<22} {statistics.bar(seconds, top, bar)} "
                    f"{statistics.minutes_text(seconds):>6}"
                )
        return "\n".join(lines)

    def selected(self) -> Petition | None:
        table = self.query_one("#petitions", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.petitions.get(int(str(key)))

    @on(DataTable.RowSelected, "#petitions")
    def _row(self, _event: DataTable.RowSelected) -> None:
        self.action_decide()

    def action_decide(self) -> None:
        petition = self.selected()
        if petition is None:
            return
        self.app.push_screen(decision_form(self.console, self.t, petition), self._after)

    def _after(self, result: Any) -> None:
        self.reload()
        self.query_one("#petitions").focus()

    @on(NfcTextArea.Changed, "#conclusion-text")
    def _text_changed(self, event: NfcTextArea.Changed) -> None:
        if self.save_timer is not None:
            self.save_timer.stop()
        self.save_timer = self.set_timer(0.4, self.action_save_text)

    def action_save_text(self) -> None:
        text = self.query_one("#conclusion-text", NfcTextArea).text
        try:
            save_conclusion_text(self.console, text, self.console.meeting.assessment)
        except RuleError as exc:
            self.notify(self.t.error(exc), severity="error")

    def typing_target(self, event: events.Key) -> Widget | None:
        """A character typed while the petitions' table has focus goes into the chair's
        conclusion, at its cursor (as on the live screen): typing is never lost."""
        text = self.query_one("#conclusion-text", NfcTextArea)
        if (
            event.is_printable
            and event.character
            and isinstance(self.focused, DataTable)
            and not text.read_only
        ):
            return text
        return None

    def action_conclude(self) -> None:
        """Asks once, with what stays open and the number of citizens present (the biên
        bản prints it): Enter concludes, Escape goes back."""
        self.action_save_text()
        if self.console.meeting.concluded:
            return
        present = self.console.meeting.citizens_present
        field = Field(
            "citizens_present",
            self.t("conclusion.citizens_present"),
            value=str(present) if present else "",
            placeholder=self.t("conclusion.citizens_placeholder"),
        )
        # What is left open takes the lines the screen has beside the question and the field
        # (14 at 80×24): every petition and name that fits is in sight without scrolling.
        lines = max(9, self.app.size.height - 10)
        form = FormScreen(
            self.t("conclusion.confirm"),
            [field],
            self._conclude_with,
            self.t,
            note=self.open_text(lines),
            hint=self.t("confirm.hint"),
        )
        form.note_lines = lines
        self.app.push_screen(form, self._concluded)

    def _conclude_with(self, values: dict[str, Any]) -> bool:
        citizens = parse_citizens(values.get("citizens_present"))
        text = self.query_one("#conclusion-text", NfcTextArea).text
        conclude(self.console, text, self.console.meeting.assessment, citizens)
        return True

    def _duration(self, seconds: float) -> str:
        minutes, rest = statistics.minutes_seconds(seconds)
        return self.t("duration", minutes=minutes, seconds=rest)

    def open_text(self, budget: int = 9, width: int = 72) -> str:
        """Undecided petitions and waiting speakers, listed before the question in the lines
        the note shows without scrolling (``budget``, 9 at 80×24): every waiting person by
        name, one after the other ("Phạm Thị Hòa (xóm Giữa), Vũ Đức Lợi (xóm Chùa), …"), as
        many as fit and then "… và N người nữa"; the petitions one a line in what is left
        (the header said "Còn 11 người đang chờ" above a single name: the rest were below,
        out of sight, in a box that did not look scrollable)."""
        items = open_items(self.console.store, self.console.meeting_id)
        petitions = [f"{p.seq}. {' '.join(p.content.split())}" for p in items.undecided]
        people = [
            s.name + (f" ({place_words(s.hamlet)})" if s.hamlet else "") for s in items.waiting
        ]
        if not petitions and not people:
            return self.t("conclusion.nothing_open")
        room = budget - bool(petitions) - bool(people)  # the two headers
        people_lines = len(pack_names(people, width, None, lambda n: "")) if people else 0
        # The petitions take what the names leave, at least three lines while they have them.
        petition_room = max(room - people_lines, min(len(petitions), 3))
        lines: list[str] = []
        if petitions:
            lines.append(self.t("conclusion.open_petitions", count=len(petitions)))
            shown = petitions if len(petitions) <= petition_room else petitions[: petition_room - 1]
            lines += [f"  • {shorten(row, width - 2, placeholder=' …')}" for row in shown]
            if len(shown) < len(petitions):
                lines.append("  " + self.t("conclusion.more", count=len(petitions) - len(shown)))
            room -= len(lines) - 1
        if people:
            lines.append(self.t("conclusion.open_speakers", count=len(people)))
            lines += pack_names(
                people,
                width,
                max(room, 1),
                lambda n: self.t("conclusion.more_people", count=n),
            )
        return "\n".join(lines)

    def _concluded(self, done: bool | None) -> None:
        if not done:
            return
        self.notify(self.t("msg.concluded"))
        self.reload()
        self.refresh_bindings()  # F9 dimmed from now on

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """F9 (Kết thúc) is dimmed once the meeting is concluded: it did nothing, undimmed
        (trial 11). Ctrl+S still saves the conclusion's text."""
        if action == "conclude" and self.console.meeting.concluded:
            return None
        return True

    def action_export(self) -> None:
        self.action_save_text()
        from screens.export import ExportScreen

        self.app.push_screen(
            ExportScreen(self.console.store, self.console.meeting_id, self.t, self.export_folder)
        )

    def action_seal(self) -> None:
        """ "Thông qua biên bản" after the read-back: seal the minutes (SPEC §7c)."""
        self.action_save_text()
        if not self.console.meeting.concluded:
            self.notify(self.t("seal.need_conclusion"), severity="warning")
            return
        t = self.t
        # Who seals is asked (the secretary, prefilled): the seal and the footer name them.
        fields = [Field("by", t("seal.by"), value=self.console.meeting.secretary_name, select=True)]

        def save(values: dict[str, Any]) -> Any:
            return seal(self.console, values["by"])

        self.app.push_screen(
            FormScreen(t("key.seal"), fields, save, t, note=t("seal.confirm")),
            self._sealed,
        )

    def _sealed(self, made: Any) -> None:
        if not made:
            return
        when = local(parse(made.at))
        self.notify(self.t("seal.done", code=made.code, time=f"{when:%H:%M %d/%m/%Y}"))
        self.reload()

    def action_readback(self) -> None:
        """Read the biên bản back to the hall, page by page, on the chair view too."""
        self.action_save_text()
        if not self.console.meeting.concluded:
            self.notify(self.t.error(RuleError(READBACK_REFUSED)), severity="warning")
            return
        from screens.readback import ReadBackScreen

        self.app.push_screen(ReadBackScreen(self.console, self.t))

    def action_back(self) -> None:
        self.action_save_text()
        self.dismiss(None)


def pack_names(
    names: list[str], width: int, most: int | None, more: Callable[[int], str]
) -> list[str]:
    """The names one after the other, each whole on a line ("  A (xóm X), B (xóm Y),"), in at
    most ``most`` lines: the names that do not fit are counted at the end (``more(n)``)."""

    def lines_of(words: list[str]) -> list[str]:
        out: list[str] = []
        line = ""
        for word in words:
            candidate = f"{line} {word}" if line else f"  {word}"
            if line and cell_len(candidate) > width:
                out.append(line)
                candidate = f"  {word}"
            line = candidate
        return [*out, line] if line else out

    for shown in range(len(names), -1, -1):
        words = [f"{n}," for n in names[:shown]]
        if shown == len(names):
            words[-1] = words[-1].removesuffix(",")
        else:
            words.append(more(len(names) - shown))
        lines = lines_of(words)
        if most is None or len(lines) <= most:
            return lines
    return lines_of([more(len(names))])


# One key per outcome in the answer dialogs (F-keys: letters are typed into the fields).
OUTCOME_KEYS = dict(zip(("f2", "f3", "f4", "f5"), OUTCOMES, strict=True))
# In a form, the field each outcome needs next: the answer, who and what (the responsible
# when still blank, else the task), where it goes.
NEXT_FIELD: dict[str, str | tuple[str, ...] | None] = {
    "answered": "answer",
    "assigned": ("responsible", "task"),
    "forwarded": "forwarded_to",
    "noted": None,
}


def outcome_keys() -> dict[str, tuple[str, Any, str | tuple[str, ...] | None]]:
    """FormScreen hotkeys: F2-F5 set the outcome and go on to the field it needs."""
    return {k: ("outcome", o, NEXT_FIELD[o]) for k, o in OUTCOME_KEYS.items()}


def responsible_words(name: str, position: str | None) -> str:
    return f"{name}, {position}" if position else name


def assignment_fields(console: Console, t: Translator, petition: Petition | None) -> list[Field]:
    """Who is responsible (suggested from the meeting's officials), the task and the due date
    (the 15-working-day default): the same fields in the F9 decision form and the F7 form."""
    officials = console.store.officials(console.meeting_id)
    suggestions = [o.position for o in officials if o.position] + [o.name for o in officials]
    a = petition.assignment if petition else None
    due = a.due if a else default_due(console.store, console.meeting.date)
    # Suggested: the official who answered it (who said "we will resolve it").
    answered_by = petition.answered_by_name if petition else None
    suggested = (
        responsible_words(answered_by, petition.answered_by_position)
        if petition and answered_by
        else ""
    )
    return [
        Field(
            "responsible",
            t("conclusion.assign"),
            value=a.responsible if a else suggested,
            suggest=suggestions,
            select=not a,  # the official who answered, offered: typing replaces it
        ),
        # a forwarded petition keeps its task too (shown again when the form is reopened)
        Field(
            "task",
            t("conclusion.task"),
            value=a.task if a else (petition.forward_task if petition else ""),
        ),
        Field("due", t("conclusion.due"), value=f"{due:%d/%m/%Y}", date=True),
    ]


def refuse_unused(fields: list[Field], values: dict[str, Any]) -> None:
    """Typed into a field the chosen outcome does not record (a responsible person for a
    forwarded petition): refused, the form stays open with it, never saved and dropped
    without a word. A value the form was opened with (a suggestion, the default due
    date) is not something typed."""
    outcome = values.get("outcome")
    opened = {f.key: str(f.value or "").strip() for f in fields}
    uses = {
        "responsible": outcome == "assigned",
        "due": outcome == "assigned",
        "task": outcome in ("assigned", "forwarded"),
    }
    for key, used in uses.items():
        now = str(values.get(key) or "").strip()
        if not used and key in opened and now and now != opened[key]:
            error = "conclusion.unused_task" if key == "task" else "conclusion.unused_assignment"
            raise RuleError(error, key)


def late_due(console: Console, t: Translator) -> Callable[[str, Any], str | None]:
    """A form's ``on_change``: a ⚠ under a due date beyond the statutory 15 working days
    (still accepted: the notice then gives this item its own deadline). The F9, F7 and
    answer forms say it alike."""

    def late(key: str, value: Any) -> str | None:
        if key != "due":
            return None
        limit = beyond_limit(str(value), console.meeting.date, console.store)
        return f"⚠ {t('conclusion.due_late', limit=f'{limit:%d/%m/%Y}')}" if limit else None

    return late


def decision_form(console: Console, t: Translator, petition: Petition) -> FormScreen:
    fields = [
        Field(
            "outcome",
            t("form.outcome"),
            "select",
            petition.outcome,
            [(t("outcome." + o), o) for o in OUTCOMES],
        ),
        *assignment_fields(console, t, petition),
        Field("forwarded_to", t("form.forwarded_to"), value=petition.forwarded_to or ""),
        Field("answer", t("form.answer"), "text", petition.answer or ""),
        Field("answered_by_name", t("form.answered_by"), value=petition.answered_by_name or ""),
        Field(
            "answered_by_position",
            t("form.answered_position"),
            value=petition.answered_by_position or "",
        ),
        kind_field(t, petition.kind, beside_outcomes=True),
    ]

    late = late_due(console, t)

    def save(values: dict[str, Any]) -> str:
        refuse_unused(fields, values)
        decide(
            console,
            petition.id,
            values["outcome"],
            responsible=values["responsible"],
            task=values["task"],
            due=values["due"],
            forwarded_to=values["forwarded_to"],
            answer=values["answer"],
            answered_by_name=values["answered_by_name"],
            answered_by_position=values["answered_by_position"],
            kind=values["kind"] or "petition",
        )
        return t("msg.saved")

    return FormScreen(
        t("key.decide"),
        fields,
        save,
        t,
        note=f"{petition.content[:200]}\n{t('answer.keys')} · {t('form.kind_key_f6')}",
        on_change=late,
        hotkeys=outcome_keys(),
    )
