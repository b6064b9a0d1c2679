"""Widgets shared by the live screen, the chair view and the desk."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual import events, on
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.widgets import Checkbox, DataTable, Input, TextArea

from facilitator.i18n import Translator
from facilitator.rules.cccd import starts_like_a_number
from facilitator.rules.clock import local
from facilitator.rules.models import Meeting, MinutesEntry, PhaseRecord, SlotRecord, Speaker
from facilitator.rules.slot import Phase, Slot, SlotState, format_clock
from facilitator.rules.statistics import minutes_text as format_minutes  # "04:10"
from facilitator.rules.text import strip_controls
from facilitator.services.hallqueue import registration_numbers
from facilitator.services.live import queue_end
from screens.plain import Static


def slot_words(slot: Slot | None, now: dt.datetime, t: Translator) -> tuple[str, str, str]:
    """(clock, words, css class): the state is always said in words, not by colour alone."""
    if slot is None:
        return "--:--", "", "-idle"
    left = slot.remaining(now)
    phase = slot.phase(now)
    if slot.state is SlotState.ENDED:
        return format_clock(left), t("timer.ended"), "-ended"
    words = {
        Phase.NORMAL: t("timer.running"),
        Phase.WARNING: t("timer.warning"),
        Phase.OVERTIME: t("timer.overtime"),
    }[phase]
    css = {Phase.NORMAL: "-normal", Phase.WARNING: "-warning", Phase.OVERTIME: "-overtime"}[phase]
    if slot.state is SlotState.PAUSED:
        words = f"{t('timer.paused')} · {words}" if phase is not Phase.NORMAL else t("timer.paused")
        css = "-paused"
    return format_clock(left), words, css


def queue_summary(
    t: Translator,
    meeting: Meeting,
    speakers: list[Speaker],
    slot: SlotRecord | None,
    now: dt.datetime,
    sep: str = " · ",
) -> str:
    """ "Đang chờ: 8 · Dự kiến xong: 09:40 · ĐÃ KHÓA ĐĂNG KÝ", from what the view has loaded."""
    waiting = [s for s in speakers if s.state == "waiting"]
    if meeting.concluded:  # nobody is called any more: no projected end
        ended = local(meeting.ended_at) if meeting.ended_at else now
        return t("live.concluded_at", time=f"{ended:%H:%M}", count=len(waiting))
    end = queue_end(now, meeting.slot_seconds, waiting, slot)
    parts = [t("live.waiting", count=len(waiting))]
    if waiting:  # an empty queue has nothing left to finish
        parts.append(t("live.projected", time=f"{end:%H:%M}"))
    if not meeting.registration_open:
        parts.append(f"🔒 {t('live.registration_closed')}")
    return sep.join(parts)


class AgendaBar(Static):
    """The agenda with the current phase marked (▶ now, ✓ done)."""

    def show(self, phases: list[PhaseRecord], current: int, t: Translator, compact: bool) -> None:
        set_content(self, self.words(phases, current, t, compact))

    @staticmethod
    def words(phases: list[PhaseRecord], current: int, t: Translator, compact: bool) -> str:
        if current < 0:
            return t("live.not_started")
        if compact:
            phase = phases[current]
            nxt = f" → {t.phase(phases[current + 1].name)}" if current + 1 < len(phases) else ""
            return f"▶ {current + 1}/{len(phases)} {t.phase(phase.name)}{nxt}"
        lines = []
        for p in phases:
            mark = "▶" if p.position == current else ("✓" if p.position < current else " ")
            at = f"{p.started_at:%H:%M}" if p.started_at else "     "
            lines.append(f"{mark} {p.position + 1}. {t.phase(p.name):<22} {at}")
        return "\n".join(lines)


def set_content(widget: Static, content: str) -> None:
    """Update a Static only when its text changes: ``update`` lays the screen out again even
    for the same words (each resize re-showed the agenda: a layout and a repaint of every
    widget just after the first frame)."""
    if widget.content != content:
        widget.update(content)


def clip(text: str, width: int) -> str:
    """Cut a text to ``width`` cells with "…" (Vietnamese letters are one cell each); a cut
    that falls after a space does not keep it ("tiến…", not "tiến …")."""
    if cell_len(text) <= width:
        return text
    return set_cell_size(text, width - 1).rstrip() + "…"


def fit_columns(
    table: DataTable[Any],
    heads: list[tuple[str, str]],
    rows: dict[str, list[str]],
    fill: int,
    caps: dict[int, int] | None = None,
    least: int = 0,
) -> None:
    """``rows`` (row key -> cells) in ``table``'s width: each column as wide as its longest
    cell (at most ``caps[i]`` cells), column ``fill`` takes what the others leave (at least
    its heading); a cell wider than its column ends in "…", never cut at the table's edge.
    The last columns are left out while ``fill`` would have fewer than ``least`` cells.
    ``heads``: (key, heading) per column. The columns are made anew."""
    caps = caps or {}
    width = table.scrollable_content_region.width or table.app.size.width // 2
    widths = [
        max(
            cell_len(head),
            min(max([0, *(cell_len(r[i]) for r in rows.values())]), caps.get(i, 999)),
        )
        for i, (_key, head) in enumerate(heads)
    ]
    shown = len(heads)
    while True:
        others = sum(w + 2 for i, w in enumerate(widths[:shown]) if i != fill)
        widths[fill] = max(cell_len(heads[fill][1]), width - others - 2)
        if widths[fill] >= least or shown <= fill + 1:
            break
        shown -= 1
    table.clear(columns=True)
    for (key, head), size in zip(heads[:shown], widths, strict=False):
        table.add_column(head, key=key, width=size)
    for row_key, cells in rows.items():
        fitted = [clip(c, w) for c, w in zip(cells[:shown], widths, strict=False)]
        table.add_row(*fitted, key=row_key)


def hamlet_times(t: Translator, totals: list[tuple[str, float]]) -> str:
    """ "Theo thôn: Đông Phong 04:10 · xóm Đình 02:00" (citizens' time spoken so far)."""
    if not totals:
        return ""
    return t("live.by_hamlet") + ": " + " · ".join(f"{h} {format_minutes(v)}" for h, v in totals)


def budget_words(t: Translator, left: float | None, budget: int | None) -> str:
    """The citizens' phase's second countdown, its clock first (what a narrow box keeps):
    "42:10 / 60 phút · còn lại của phần nhân dân phát biểu"."""
    if left is None or not budget:
        return ""
    total = f"{budget / 60:g}"
    if left < 0:
        return t("live.budget_over", clock=format_minutes(-left), total=total)
    return t("live.budget_left", clock=format_clock(left), total=total)


def speaker_label(s: Speaker, t: Translator) -> str:
    turn = f" ({t('live.turn', n=s.turn)})" if s.turn > 1 else ""
    prio = " ★" if s.priority else ""
    return f"{s.name}{turn}{prio}"


class Words(Text):
    """A table cell's words as typed (a Rich Text, not markup), equal to the string it shows:
    ``get_row_at`` still answers "Đông Phong" for a cell showing Đông Phong."""

    def __eq__(self, other: object) -> bool:
        if isinstance(other, str):
            return self.plain == other
        return super().__eq__(other)

    def __hash__(self) -> int:
        return hash(self.plain)

    def startswith(self, prefix: str) -> bool:
        return self.plain.startswith(prefix)

    def endswith(self, suffix: str) -> bool:
        return self.plain.endswith(suffix)


def _plain(cell: Any) -> Any:
    """A text cell as the words it holds: never read as Rich markup."""
    return Words(cell) if isinstance(cell, str) else cell


class PlainTable(DataTable[Any]):
    """A DataTable whose text cells are shown as typed. Textual reads a ``str`` cell as Rich
    markup: a citizen's "Đề nghị [khẩn] sửa đường" lost "[khẩn]" in the queue, a "[phản ánh]"
    tag vanished from the F9 list, and an unmatched "[/x]" stopped the window."""

    def add_row(self, *cells: Any, **kwargs: Any) -> Any:
        return super().add_row(*(_plain(c) for c in cells), **kwargs)

    def update_cell(self, row_key: Any, column_key: Any, value: Any, **kwargs: Any) -> None:
        super().update_cell(row_key, column_key, _plain(value), **kwargs)

    def update_cell_at(self, coordinate: Any, value: Any, **kwargs: Any) -> None:
        super().update_cell_at(coordinate, _plain(value), **kwargs)


class ReadyTable(PlainTable):
    """A DataTable that is whole in the first frame drawn after it gets its size.

    Textual measures the rows and scrolls to the cursor only after a frame has been drawn
    (its idle and after-refresh callbacks): the live screen's first frame showed its queue
    empty or scrolled to the top, and every widget was drawn again a frame later. Here the
    table's size is known as soon as the layout gives it (``_size_updated``, called before
    the frame is drawn): ``first_sized`` fills what needs the width, then the rows are measured
    and the cursor scrolled into view at once. (Textual 8.2.8's DataTable internals.)"""

    def first_sized(self) -> None:
        """Fill what needs the table's width (nothing here)."""

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        first = bool(size.width) and not self._size.width
        changed = super()._size_updated(size, virtual_size, container_size, layout)
        if first:
            self.first_sized()
            if self._require_update_dimensions:
                self._require_update_dimensions = False
                new_rows = self._new_rows.copy()
                self._new_rows.clear()
                self._update_dimensions(new_rows)
            if self.row_count:
                self._scroll_cursor_into_view()
        return changed


class RowTable(PlainTable):
    """A list of rows (petitions, meetings, assignments): Home / End go to the first / last
    row, as a secretary expects of a list (DataTable scrolls sideways with them); PageUp /
    PageDown move the cursor a page."""

    BINDINGS = [
        Binding("home", "first_row", show=False),
        Binding("end", "last_row", show=False),
    ]

    def action_first_row(self) -> None:
        if self.row_count:
            self.move_cursor(row=0)

    def action_last_row(self) -> None:
        if self.row_count:
            self.move_cursor(row=self.row_count - 1)


# A queue row: the registration number, the speaker, the label shown and the state in words.
QueueRow = tuple[str, Speaker, str, str]


class QueueTable(ReadyTable):
    """The speakers in queue order; row keys are speaker ids.

    Columns are sized to what they hold and to the table's width (80 and 120 columns alike):
    the name takes what the number, state and time leave; a longer name is cut with "…" and
    shown whole under the table while its row is selected (``clipped``). Finished speakers
    show the time they spoke.

    Delete acts here only: in the minutes editor it edits text. No letter is a key here: a
    character typed in the queue goes to the minutes (LiveScreen.typing_target).
    """

    BINDINGS = [
        Binding("delete", "screen.absent", "key.absent", id="absent"),
        # Home / End go to the first / last row (DataTable scrolls sideways with them).
        Binding("home", "first_row", show=False),
        Binding("end", "last_row", show=False),
    ]
    CAPS = {"hamlet": 16, "gist": 40, "field": 16}  # past the name: seen when there is room

    def setup(self, t: Translator) -> None:
        self.t = t
        self.cursor_type = "row"
        self.zebra_stripes = True
        self.names: dict[str, str] = {}  # row key -> the whole label
        self.name_width = 20
        self.shown_key: Any = None
        self.spoken: dict[int, float] = {}
        self.over = False  # the meeting is concluded: the waiting read "not called"
        self.shown_layout: Any = None  # column widths and headers of the rows shown
        self.shown_cells: dict[str, tuple[tuple[str, str], ...]] = {}  # row key -> cells

    COLUMNS = ("no", "name", "state", "hamlet", "gist", "field")

    @staticmethod
    def _cell(column: int, cell: tuple[str, str]) -> str | Text:
        """The name and the state are styled text; the other columns plain strings."""
        text, style = cell
        return Text(text, style=style) if column in (1, 2) else text

    RECENT_DONE = 30  # finished speakers kept in view (for a follow-up turn); all waiting shown

    def show(
        self,
        speakers: list[Speaker],
        spoken: dict[int, float] | None = None,
        *,
        over: bool | None = None,
    ) -> None:
        """``over``: the meeting is concluded, so those still waiting read "not called" (None:
        as shown before, like ``spoken``)."""
        spoken = spoken if spoken is not None else self.spoken
        over = over if over is not None else self.over
        self.over = over
        key = (speakers, spoken, self.size.width, over)
        if key == self.shown_key:
            return  # another process saved minutes, not the queue: keep the table as it is
        self.shown_key = key
        self.shown_speakers = speakers
        self.spoken = spoken
        if not self.size.width:
            return  # not laid out yet: built once, when its width is known (on_resize)
        selected = self.selected_id()
        states = {str(s.id): s.state for s in speakers}
        # The selected speaker was waiting and has just been called (or marked absent): the
        # selection goes on to the first waiting one, where Ctrl+U and Delete act next.
        moved_on = (
            selected is not None
            and getattr(self, "states", {}).get(selected) == "waiting"
            and states.get(selected) != "waiting"
        )
        self.states = states
        headers = {k: self.t(f"col.{k}") for k in ("no", "name", "state", "hamlet", "gist")}
        headers["field"] = self.t("col.field")
        rows = self._rows(speakers, spoken, over)
        widths = self._widths(rows, headers)
        layout = (*widths, tuple(headers.values()))
        cells = self._cells(rows, widths)
        if layout == self.shown_layout and list(cells) == list(self.shown_cells):
            self._update_cells(cells, widths)
            if moved_on:
                self._select_first_waiting(speakers)
            return
        self._rebuild(cells, widths, headers)
        self.shown_layout = layout
        if moved_on or selected is None or selected not in states:
            self._select_first_waiting(speakers)
        else:
            self._select(selected)

    def _rows(
        self, speakers: list[Speaker], spoken: dict[int, float], over: bool
    ) -> list[QueueRow]:
        """The rows shown (not the officials' answer turns, nor the finished ones before the
        last RECENT_DONE): the number, the speaker, the label and the state in words."""
        finished = [s.id for s in speakers if s.state not in ("waiting", "speaking")]
        hidden = set(finished[: -self.RECENT_DONE]) if len(finished) > self.RECENT_DONE else set()
        rows: list[QueueRow] = []
        # TT is the number the citizen was told at registration (the one /queue finds him by):
        # it stays with him when he is moved, it is not his place in the queue.
        numbers = registration_numbers(speakers)
        for s in speakers:
            if s.kind == "answer":
                continue  # officials' answer turns are not the queue
            number = numbers[s.id]
            if s.id in hidden:
                continue
            state = self.t("state." + ("not_called" if over and s.state == "waiting" else s.state))
            if s.state == "speaking":
                state = "▶ " + state
            elif s.state == "done" and s.id in spoken:
                state = "✓ " + format_minutes(spoken[s.id])  # finished: the time spoken
            rows.append((str(number), s, speaker_label(s, self.t), state))
        return rows

    def _widths(self, rows: list[QueueRow], headers: dict[str, str]) -> tuple[int, ...]:
        """The six columns' widths: the number and the state whole, the name what they leave
        (cut "…"), then the hamlet, gist and field where they fit (0: not shown)."""

        def width(key: str, values: list[str]) -> int:
            return max([cell_len(headers[key]), *(cell_len(v) for v in values)])

        no_w = width("no", [r[0] for r in rows])
        state_w = width("state", [r[3] for r in rows])
        room = (self.size.width or 40) - 1  # the vertical scrollbar
        left = room - (no_w + state_w) - 2 * 3  # each column pads one each side
        self.name_width = max(8, min(width("name", [r[2] for r in rows]), left))
        extra = [
            min(self.CAPS[col], width(col, [" ".join(getattr(r[1], col).split()) for r in rows]))
            for col in ("hamlet", "gist", "field")
        ]
        # A column past the state is shown only when it fits whole: never "Đị" for "Địa chỉ".
        spare = left - self.name_width
        for i, (col, col_width) in enumerate(zip(("hamlet", "gist", "field"), extra, strict=True)):
            if spare >= col_width + 2:
                spare -= col_width + 2
            elif spare >= cell_len(headers[col]) + 2:  # its heading whole, its cells cut "…"
                extra[i] = spare - 2
                spare = 0
            else:
                extra[i] = 0
        return (no_w, self.name_width, state_w, *extra)

    def _cells(
        self, rows: list[QueueRow], widths: tuple[int, ...]
    ) -> dict[str, tuple[tuple[str, str], ...]]:
        """Each row's cells (text, style) cut to the widths; the whole labels go to ``names``."""
        extra = widths[3:]
        names = {}
        cells: dict[str, tuple[tuple[str, str], ...]] = {}
        for no, s, label, state in rows:
            style = "bold" if s.state == "speaking" else ("dim" if s.state != "waiting" else "")
            names[str(s.id)] = label
            cells[str(s.id)] = (
                (no, ""),
                (clip(label, self.name_width), style),
                (state, style),
                (clip(" ".join(s.hamlet.split()), max(1, extra[0])), ""),
                (clip(" ".join(s.gist.split()), max(1, extra[1])), ""),
                (clip(s.field, max(1, extra[2])), ""),
            )
        self.names = names
        return cells

    def _update_cells(
        self, cells: dict[str, tuple[tuple[str, str], ...]], widths: tuple[int, ...]
    ) -> None:
        """The same rows in the same order and the same columns: only the cells that changed
        are updated (a call, a finished turn), not the whole table rebuilt."""
        for row_key, row in cells.items():
            before = self.shown_cells[row_key]
            for i, (column, cell, old) in enumerate(zip(self.COLUMNS, row, before, strict=True)):
                if cell != old and (i < 3 or widths[i]):
                    self.update_cell(row_key, column, self._cell(i, cell))
        self.shown_cells = cells

    def _rebuild(
        self,
        cells: dict[str, tuple[tuple[str, str], ...]],
        widths: tuple[int, ...],
        headers: dict[str, str],
    ) -> None:
        """The table built again: its columns (those with room) and every row."""
        self.clear(columns=True)
        for i, column in enumerate(self.COLUMNS):
            if i < 3 or widths[i]:
                self.add_column(headers[column], key=column, width=widths[i])
        for row_key, row in cells.items():
            shown = [self._cell(i, cell) for i, cell in enumerate(row) if i < 3 or widths[i]]
            self.add_row(*shown, key=row_key)
        self.shown_cells = cells

    def _select_first_waiting(self, speakers: list[Speaker]) -> None:
        first = next((s for s in speakers if s.state == "waiting"), None)
        if first is not None:
            self._select(str(first.id))

    def _select(self, row_key: str) -> None:
        try:
            self.move_cursor(row=self.get_row_index(row_key))
        except Exception:  # noqa: BLE001 - a row removed by another process
            pass

    def on_resize(self) -> None:
        if hasattr(self, "shown_speakers"):
            self.show(self.shown_speakers)

    def first_sized(self) -> None:
        if hasattr(self, "shown_speakers"):
            self.show(self.shown_speakers)

    def action_first_row(self) -> None:
        if self.row_count:
            self.move_cursor(row=0)

    def action_last_row(self) -> None:
        if self.row_count:
            self.move_cursor(row=self.row_count - 1)

    def select_first_waiting(self) -> None:
        """The cursor on the first waiting speaker (after a call: the next one to act on)."""
        first = next((s for s in getattr(self, "shown_speakers", ()) if s.state == "waiting"), None)
        if first is None:
            return
        try:
            self.move_cursor(row=self.get_row_index(str(first.id)))
        except Exception:  # noqa: BLE001 - not shown (yet)
            pass

    def clipped(self) -> str | None:
        """The selected row's whole name when the table cuts it; None when it fits."""
        label = self.names.get(self.selected_id() or "")
        if label is None or cell_len(label) <= self.name_width:
            return None
        return label

    def selected_id(self) -> str | None:
        if self.row_count == 0:
            return None
        try:
            return str(self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value)
        except Exception:  # noqa: BLE001
            return None


class MinutesLog(RowTable, ReadyTable):
    """The latest minutes entries (time, text), synced incrementally.

    Only the last ``SHOWN`` entries are listed: measuring 3,000 rows would cost a second at
    start-up, and the secretary edits recent entries; the documents always hold them all.
    Home / End go to the first / last row (RowTable), not sideways.
    """

    SHOWN = 100
    FIRST = 30  # at start-up: more than fill the screen; the rest a second later
    TEXT_WIDTH = 160

    def setup(self, t: Translator) -> None:
        self.t = t
        self.cursor_type = "row"
        self.add_column(t("col.time"), key="time", width=5)
        self.add_column(t("live.minutes"), key="text", width=self.TEXT_WIDTH)
        self.shown: dict[int, str] = {}
        # Speech headers by speaker id: a speech entry holds only what was typed; its header
        # ("Bà … phát biểu:") comes from its speaker and is shown, not stored.
        self.headers: dict[int, str] = {}
        self.entry_styles: dict[int, str] = {}  # entry id -> its style (bold: phases, outages)

    def _words(self, entry: MinutesEntry) -> str:
        text = " ".join(entry.text.split())
        if entry.kind == "phase" and hasattr(self, "t"):
            # "1. Khai mạc" is stored (the documents are Vietnamese); shown in the UI's language.
            number, dot, name = text.partition(". ")
            if dot and number.isdigit():
                return f"{number}. {self.t.phase(name)}"
        header = self.headers.get(entry.speaker_id or 0) if entry.kind == "speech" else None
        return f"{header} {text}".strip() if header else text

    def _line(self, words: str, entry: MinutesEntry) -> Text:
        style = "bold" if entry.kind in ("phase", "outage") else ""
        self.entry_styles[entry.id] = style
        return self._cut(words, style)

    def _room(self) -> int:
        """The text column's cells in sight (the column is wider: the table scrolls)."""
        width = self.scrollable_content_region.width
        return max(10, width - 5 - 4 * self.cell_padding) if width else self.TEXT_WIDTH

    def _cut(self, words: str, style: str) -> Text:
        """An entry longer than the room ends in "…" at the table's edge (it was cut there
        mid-word: "Ông Nguyễn Văn Thành (xóm Đình) ph"); Enter opens it whole."""
        self.cut_at = self._room()
        return Text(clip(words[: self.TEXT_WIDTH], self.cut_at), style=style, no_wrap=True)

    def on_resize(self) -> None:
        """Rows shown before the table had its width, or at another width, are cut again."""
        if self._room() == getattr(self, "cut_at", None):
            return
        for entry_id, words in self.shown.items():
            self.update_cell(
                str(entry_id), "text", self._cut(words, self.entry_styles.get(entry_id, ""))
            )

    def sync(self, entries: list[MinutesEntry]) -> None:
        """Show these entries. The cursor goes to the latest one, except while the secretary
        is reading the list (it has the focus): then it stays on the entry she is on (a
        change from the desk, or the rest of the list loaded a second after start-up, sent
        her from the first entry back to the last)."""
        entries = entries[-self.SHOWN :]
        ids = [e.id for e in entries]
        shown = list(self.shown)
        reading = self._entry_at_cursor() if self.has_focus else None
        if shown and (shown[0] not in ids or ids[: len(shown)] != shown):
            self.clear()
            self.shown = {}
        for entry in entries:
            words = self._words(entry)
            if entry.id not in self.shown:
                self.add_row(
                    f"{entry.created_at:%H:%M}", self._line(words, entry), key=str(entry.id)
                )
                self.shown[entry.id] = words
            elif self.shown[entry.id] != words:
                self.update_cell(str(entry.id), "text", self._line(words, entry))
                self.shown[entry.id] = words
        if reading is not None and reading in self.shown:
            self.move_cursor(row=self.get_row_index(str(reading)), animate=False)
        elif self.row_count:
            self.move_cursor(row=self.row_count - 1, animate=False)

    def _entry_at_cursor(self) -> int | None:
        if not self.row_count:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        return int(key) if key is not None else None

    def update_entry(self, entry: MinutesEntry) -> None:
        words = self._words(entry)
        if entry.id in self.shown:
            self.update_cell(str(entry.id), "text", self._line(words, entry))
            self.shown[entry.id] = words
        else:
            self.add_row(f"{entry.created_at:%H:%M}", self._line(words, entry), key=str(entry.id))
            self.shown[entry.id] = words
            if not self.has_focus:  # while she reads the list, the cursor stays (sync)
                self.move_cursor(row=self.row_count - 1, animate=False)


class NfcTextArea(TextArea):
    """A TextArea that keeps its text NFC as it is typed (NFD input breaks cursor moves).

    It handles its own Changed first: a change that needed normalising is stopped here, and
    the screen hears only the Changed of the normalised text. A paste arrives without escape
    sequences, control characters or bidirectional overrides, in its order.
    """

    async def _on_paste(self, event: events.Paste) -> None:
        # Runs before TextArea's own handler (Textual calls each class's in MRO order).
        event.text = strip_controls(event.text)

    @on(TextArea.Changed)
    def _keep_nfc(self, event: TextArea.Changed) -> None:
        if event.text_area is self and self.normalise():
            event.stop()

    def normalise(self) -> bool:
        text = self.text
        if unicodedata.is_normalized("NFC", text):
            return False
        row, col = self.cursor_location
        lines = text.split("\n")
        before = unicodedata.normalize("NFC", lines[row][:col]) if row < len(lines) else ""
        self.load_text(unicodedata.normalize("NFC", text))
        self.move_cursor((row, len(before)))
        return True


_TAKEN = {"f6", "f7", "ctrl+z,super+z"}  # keys the live screen gives to queue and timer actions


class MinutesEditor(NfcTextArea, inherit_bindings=False):
    """The minutes editor: TextArea's keys minus F6, F7 and ctrl+z, which belong to the meeting.

    Dropping them here (not only overriding them) keeps the footer in F-key order.
    """

    BINDINGS = [b for b in TextArea.BINDINGS if not (isinstance(b, Binding) and b.key in _TAKEN)]


_WHOLE_VALUE = re.compile(r"[0-9][0-9 /:.,-]*")


class NfcInput(Input):
    """An Input that keeps its value NFC as it is typed, like NfcTextArea.

    ``mask_numbers``: a value starting with a digit (an ID card being scanned into a name
    field) is shown as dots, so the card's numbers never appear on the screen.
    """

    def __init__(
        self,
        *args: Any,
        mask_numbers: bool = False,
        guess: str = "",
        offered: bool = False,
        **kwargs: Any,
    ) -> None:
        if guess:  # shown grey in the empty field, as a suggestion after what is typed is
            kwargs["placeholder"] = guess
        super().__init__(*args, **kwargs)
        self.mask_numbers = mask_numbers
        self.guess = guess
        # A value the form offers (the official who answered as the one responsible, the
        # secretary as who seals): selected while it is unchanged, so typing replaces it.
        self.offered = self.value if offered else None

    def _on_focus(self, event: events.Focus) -> None:
        # Runs before Input's own handler. Words are never selected on focus: the next key
        # replaced what the field held ("Bình Lãng" became "x" after a closed dialog). A number,
        # a date or a time is selected, so that typing one replaces the one suggested (typing
        # 85 over a suggested 120 made 12085 citizens); so is an offered value not yet changed.
        self.select_on_focus = bool(_WHOLE_VALUE.fullmatch(self.value)) or bool(
            self.value and self.value == self.offered
        )

    def action_cursor_right(self, select: bool = False) -> None:
        """→ in the empty field takes the grey guess, as it takes a suggestion."""
        if not select and not self.value and self.guess:
            self.value = self.guess
            self.cursor_position = len(self.value)
            return
        super().action_cursor_right(select)

    def _on_paste(self, event: events.Paste) -> None:
        # Runs before Input's own handler (Textual calls each class's in MRO order).
        event.text = strip_controls(event.text)

    @on(Input.Changed)
    def _keep_nfc(self, event: Input.Changed) -> None:
        if event.input is not self:
            return
        if self.mask_numbers:
            self.password = starts_like_a_number(self.value)
        if not unicodedata.is_normalized("NFC", event.value):
            event.stop()  # the screen hears the normalised value instead
        # The value now, not the event's: keys queued behind this Changed may have been
        # handled already, and putting back the event's value would drop them.
        value = self.value
        if not unicodedata.is_normalized("NFC", value):
            cursor = len(unicodedata.normalize("NFC", value[: self.cursor_position]))
            self.value = unicodedata.normalize("NFC", value)
            self.cursor_position = cursor


PASTE_START = "\x1b[200~"
PASTE_END = "\x1b[201~"


class PasteFilter:
    """Removes escape sequences from inside a bracketed paste before Textual's parser sees
    them. Textual 8's parser reads an ESC inside a paste as the start of a key sequence: the
    rest of the paste then arrives as typed keys ("^[2J BB1") and the text before the ESC as
    the paste, after it ("AA1" last). Outside a paste the input is passed on untouched."""

    def __init__(self) -> None:
        self.in_paste = False
        self.held = ""  # inside a paste: from an ESC that may begin the end marker
        self.recent = ""  # outside: the last characters passed on (a start marker may be cut)

    def __call__(self, data: str) -> str:
        text, self.held = self.held + data, ""
        out: list[str] = []
        while text:
            if not self.in_paste:
                seen = self.recent + text
                start = seen.find(PASTE_START)
                if start < 0:
                    out.append(text)
                    self.recent = seen[-(len(PASTE_START) - 1) :]
                    break
                marker_end = start + len(PASTE_START) - len(self.recent)
                out.append(text[:marker_end])
                text = text[marker_end:]
                self.in_paste, self.recent = True, ""
                continue
            end = text.find(PASTE_END)
            if end < 0:
                cut = text.rfind("\x1b")
                body, self.held = (text, "") if cut < 0 else (text[:cut], text[cut:])
                out.append(strip_controls(body))
                break
            out.append(strip_controls(text[:end]) + PASTE_END)
            text = text[end + len(PASTE_END) :]
            self.in_paste = False
        return "".join(out)


def install_paste_filter() -> None:
    """Put a PasteFilter in front of every XTermParser (once per process)."""
    from textual._xterm_parser import XTermParser

    if getattr(XTermParser, "_paste_filter_installed", False):
        return
    feed = XTermParser.feed

    def filtered_feed(self: XTermParser, data: str) -> Iterator[Message]:
        paste_filter = self.__dict__.setdefault("_paste_filter", PasteFilter())
        if not data:  # end of input: what was held goes first
            if paste_filter.held:
                yield from feed(self, paste_filter.held)
            yield from feed(self, data)
            return
        clean_data = paste_filter(data)
        if clean_data:
            yield from feed(self, clean_data)

    XTermParser.feed = filtered_feed  # type: ignore[method-assign]
    XTermParser._paste_filter_installed = True  # type: ignore[attr-defined]


class StateCheckbox(Checkbox):
    """A checkbox whose state reads without colour: "[x]" when ticked, "[ ]" when not."""

    BUTTON_LEFT = "["
    BUTTON_RIGHT = "]"

    # Textual declares BUTTON_INNER a class attribute; a property reads it the same way.
    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]  # noqa: N802 - Textual's name
        return "x" if self.value else " "
