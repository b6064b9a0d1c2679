"""Modal forms with the SPEC §5 conventions.

The first field has focus; Tab / shift+Tab move; Enter saves (ctrl+s inside a multi-line field);
Escape cancels. A refused value is explained next to its field and the form stays open with
everything typed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Checkbox, Input, Select

from facilitator.i18n import Translator
from facilitator.rules.errors import RuleError, StoreError
from facilitator.rules.kinds import KINDS
from screens.plain import Label, Static
from screens.typeselect import TypeSelect
from screens.widgets import NfcInput, NfcTextArea, StateCheckbox


class FormScroll(VerticalScroll, can_focus=False):
    """A scrolling part of a form that never takes the focus: Tab goes from field to field
    only (a focused container swallowed Enter, and the form seemed not to save)."""


class DateInput(NfcInput):
    """A date field: digits and separators; a letter goes nowhere but a note from the form."""

    async def _on_key(self, event: events.Key) -> None:
        if event.character and event.character.isalpha():
            event.stop()
            event.prevent_default()
            refuse = getattr(self.screen, "refuse_letter", None)
            if callable(refuse):
                refuse((self.id or "").removeprefix("f-"))
            return
        await super()._on_key(event)


@dataclass
class Field:
    key: str
    label: str
    kind: str = "input"  # input | text | select | check
    value: Any = ""
    options: Sequence[tuple[str | Text, Any]] = field(default_factory=list)  # Text: not markup
    placeholder: str = ""
    suggest: list[str] = field(default_factory=list)
    mask_numbers: bool = False  # a value starting with a digit shown as dots (a scanned card)
    cycle: bool = False  # a choice F2 steps through from any field (the item's kind)
    date: bool = False  # a date: a letter typed here is refused with a note, never kept
    # A value offered, not typed (the minutes of an answer turn, the official who answered as
    # the one responsible): selected, so typing replaces it and leaving it keeps it (a line:
    # while it is unchanged). Other texts open with the cursor at the end.
    select: bool = False
    # A guess (the level of a new official, the field the speaker registered with): shown grey
    # in the empty field, → takes it, Tab leaves the field with what was typed only.
    guess: str = ""


@dataclass
class Fill:
    """What Enter in a field did instead of saving (a scanned card read): values for other
    fields, a one-line note under a field, the field to go on with."""

    values: dict[str, Any] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    focus: str | None = None


@dataclass
class CardFill(Fill):
    """A Fill from a scanned ID card: also the hash its registration will remember."""

    digest: str | None = None


def kind_field(t: Translator, kind: str, beside_outcomes: bool = False) -> Field:
    """The item's kind: one key steps kiến nghị → phản ánh → khiếu nại → tố cáo: F2, or F6 in
    a form where F2-F5 set the outcome (the F9 form); its label names that key."""
    key = "F6" if beside_outcomes else "F2"
    return Field(
        "kind",
        t("form.kind", press=key),
        "select",
        kind,
        [(t("kind." + k), k) for k in KINDS],
        cycle=True,
    )


class FormScreen(ModalScreen[Any]):
    """A form whose ``save`` callback performs the action or raises RuleError(field)."""

    # The first field is focused in on_mount without scrolling: the automatic focus centred
    # it and the first label went off the top at 80×24.
    AUTO_FOCUS = ""
    BINDINGS = [
        Binding("escape", "cancel", "Esc", show=False),
        Binding("ctrl+s", "submit", "Ctrl+S", show=False, priority=True),
        # Enter saves from a closed choice list or a checkbox too (down or space opens a list).
        Binding("enter", "submit_from_choice", show=False, priority=True),
        # One key for the choice marked ``cycle`` (an item's kind), wherever the focus is.
        Binding("f2", "cycle_choice", show=False, priority=True),
        # Where F2 sets an outcome (the F9 decision form), F6 steps the kind instead.
        Binding("f6", "cycle_choice_beside_outcomes", show=False, priority=True),
    ]

    def __init__(
        self,
        title: str,
        fields: list[Field],
        save: Callable[[dict[str, Any]], Any],
        t: Translator,
        note: str = "",
        on_change: Callable[[str, Any], str | None] | None = None,
        suggest: Callable[[str, Any], dict[str, Any]] | None = None,
        read: Callable[[str, str], Fill | None] | None = None,
        hint: str | None = None,
        hotkeys: dict[str, tuple[str, Any, str | tuple[str, ...] | None]] | None = None,
    ):
        super().__init__()
        self.hint = hint  # the line of keys under the form, when not the usual save hint
        # One key sets a choice from any field (F3: the outcome "giao giải quyết") and goes
        # on to the field it needs next (the task), or stays where it is (None).
        self.hotkeys = hotkeys or {}
        self.form_title = title
        self.fields = fields
        self.save = save
        self.t = t
        self.note = note
        self.on_change = on_change
        # Values other fields may take from a typed one (the title from the name): a choice
        # the user made is never replaced, only a blank one or one suggested before.
        self.suggest = suggest
        self.suggested: dict[str, Any] = {}
        # Enter in a field first asks ``read`` (a scanned ID card in the name field): a Fill
        # means the line was read or refused, and the form stays open.
        self.read = read
        self.kept_notes: dict[str, tuple[str, str]] = {}
        self.note_lines: int | None = None  # the note's height when not the usual 9 lines

    def compose(self) -> ComposeResult:
        with Vertical(id="form"):
            yield Label(self.form_title, id="form-title")
            if self.note:  # a long note scrolls: the fields and the hint stay on screen
                with FormScroll(id="form-note-box"):
                    yield Static(self.note, id="form-note")
            with FormScroll(id="form-fields"):
                for f in self.fields:
                    with Vertical(classes="form-field"):
                        yield Label(f.label)
                        yield self._widget(f)
                        yield Static("", id=f"err-{f.key}", classes="form-error")
            yield Static(self.hint_text(), id="form-hint")

    def hint_text(self, more: str = "") -> str:
        """The keys under the form; first, when the fields scroll, where the hidden ones are
        ("↓ còn nữa": at 80×24 the F7 form's answer and the F9 form's due date were below
        the edge with no sign of them)."""
        multiline = any(f.kind == "text" for f in self.fields)
        hint = self.hint or self.t("form.multiline_hint" if multiline else "form.save_hint")
        return f"{more} · {hint}" if more else hint

    def show_more(self, *_args: Any) -> None:
        box = self.query_one("#form-fields", FormScroll)
        more = ""
        if box.scroll_y < box.max_scroll_y:
            more = self.t("form.more_below")
        elif box.scroll_y > 0:
            more = self.t("form.more_above")
        if more != getattr(self, "shown_more", ""):
            self.shown_more = more
            self.query_one("#form-hint", Static).update(self.hint_text(more))

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Tab onto a field scrolls its whole block (label, field, note under it) into view."""
        block = event.widget.parent
        if not (isinstance(block, Vertical) and block.has_class("form-field")):
            return
        box = self.query_one("#form-fields", FormScroll)
        blocks = list(box.query(".form-field"))
        if block is blocks[-1]:  # the last field: the end of the form, nothing left below
            box.scroll_end(animate=False, immediate=True)
        elif block is blocks[0]:
            box.scroll_home(animate=False, immediate=True)
        else:
            box.scroll_to_widget(block, animate=False, immediate=True)

    def _widget(self, f: Field) -> Any:
        wid = f"f-{f.key}"
        if f.kind == "text":
            area = NfcTextArea(str(f.value or ""), id=wid, classes="form-text")
            area.show_line_numbers = False
            return area
        if f.kind == "select":
            return TypeSelect(
                f.options,
                value=f.value if f.value is not None else Select.NULL,
                id=wid,
                allow_blank=True,
                prompt=self.t("form.choose"),
            )
        if f.kind == "check":
            return StateCheckbox(f.label, value=bool(f.value), id=wid)
        suggester = SuggestFromList(f.suggest, case_sensitive=False) if f.suggest else None
        if f.date:
            return DateInput(str(f.value or ""), placeholder=f.placeholder, id=wid)
        return NfcInput(
            str(f.value or ""),
            placeholder=f.placeholder,
            id=wid,
            suggester=suggester,
            mask_numbers=f.mask_numbers,
            guess=f.guess,
            offered=f.select,
        )

    def on_mount(self) -> None:
        if self.note and self.note_lines:
            self.query_one("#form-note-box").styles.max_height = self.note_lines
        # Text already in a multi-line field is gone on with at its end (a correction typed at
        # the start was glued before the old words), or selected when it is only offered.
        for f in self.fields:
            if f.kind == "text":
                area = self.query_one(f"#f-{f.key}", NfcTextArea)
                if f.select and area.text:
                    area.select_all()
                else:
                    area.move_cursor(area.document.end)
        if self.fields:  # the form opens at its top: the first label in sight (80×24)
            self.query_one(f"#f-{self.fields[0].key}").focus(scroll_visible=False)
        box = self.query_one("#form-fields", FormScroll)
        for name in ("scroll_y", "virtual_size", "size"):
            self.watch(box, name, self.show_more, init=False)
        self.call_after_refresh(self.show_more)

    def on_key(self, event: Any) -> None:
        if event.key in self.hotkeys:
            key, value, then = self.hotkeys[event.key]
            self.query_one(f"#f-{key}", Select).value = value
            if then:
                # The first of the fields the choice needs that is still empty, else the last.
                keys = [then] if isinstance(then, str) else list(then)
                values = self.values()
                empty = [k for k in keys if not str(values.get(k) or "").strip()]
                target = empty[0] if empty else keys[-1]
                self.query_one(f"#f-{target}").focus()
            event.stop()
            event.prevent_default()
            return

    def refuse_letter(self, key: str) -> None:
        """A letter typed into a date field (a name typed on after Tab) is not kept: a note
        under the field says why."""
        self.query_one(f"#err-{key}", Static).update(f"⚠ {self.t('form.date_only')}")

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in self.fields:
            widget = self.query_one(f"#f-{f.key}")
            if isinstance(widget, Input):
                out[f.key] = widget.value
            elif isinstance(widget, NfcTextArea):
                out[f.key] = widget.text
            elif isinstance(widget, Select):
                out[f.key] = None if widget.value is Select.NULL else widget.value
            elif isinstance(widget, Checkbox):
                out[f.key] = widget.value
        return out

    def show_error(self, key: str | None, message: str) -> None:
        for f in self.fields:
            self.query_one(f"#err-{f.key}", Static).update("")
        target = key if key and any(f.key == key for f in self.fields) else self.fields[0].key
        self.query_one(f"#err-{target}", Static).update(f"⚠ {message}")
        self.query_one(f"#f-{target}").focus()

    def action_submit(self) -> None:
        try:
            result = self.save(self.values())
        except RuleError as exc:
            self.show_error(exc.field, self.t.error(exc))
            return
        except StoreError as exc:  # a disk problem: keep the form open with what was typed
            self.show_error(None, self.t.error(exc))
            return
        self.dismiss(result if result is not None else True)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cycle_choice":  # F2 is an outcome key where the form has those
            return any(f.cycle for f in self.fields) and "f2" not in self.hotkeys
        if action == "cycle_choice_beside_outcomes":
            return any(f.cycle for f in self.fields) and "f2" in self.hotkeys
        if action == "submit_from_choice":
            focused = self.focused
            if isinstance(focused, Select):
                return not focused.expanded
            # An open list has the focus in its overlay: Enter there picks the highlighted
            # choice (it saved the form with the choice it had before: the read-back's picker
            # opened the entry offered, not the one chosen).
            if focused is not None and any(
                isinstance(node, Select) and node.expanded for node in focused.ancestors
            ):
                return False
            # Enter saves from anywhere but a field that takes Enter itself: a line (which
            # may read a scanned card first) or a multi-line field (a new line there).
            return not isinstance(focused, (Input, NfcTextArea))
        return True

    def action_submit_from_choice(self) -> None:
        self.action_submit()

    def action_cycle_choice_beside_outcomes(self) -> None:
        self.action_cycle_choice()

    def action_cycle_choice(self) -> None:
        for f in self.fields:
            if f.cycle and f.options:
                select = self.query_one(f"#f-{f.key}", Select)
                values = [value for _label, value in f.options]
                current = None if select.value is Select.NULL else select.value
                at = values.index(current) if current in values else -1
                select.value = values[(at + 1) % len(values)]
                return

    def typed(self) -> bool:
        """Text typed (or read) into a line or a multi-line field since the form opened."""
        for f in self.fields:
            widget = self.query_one(f"#f-{f.key}")
            if isinstance(widget, (Input, NfcTextArea)):
                now = widget.value if isinstance(widget, Input) else widget.text
                if now.strip() and now.strip() != str(f.value or "").strip():
                    return True
        return False

    def action_cancel(self) -> None:
        """Esc closes the form; with text typed in it, only after asking (a secretary under
        pressure hits Esc by mistake: a long petition was lost without a word)."""
        if not self.typed():
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmScreen(self.t("form.discard"), self.t, hint=self.t("form.discard_hint")),
            answered,
        )

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        key = (event.input.id or "").removeprefix("f-")
        fill = self.read(key, event.value) if self.read else None
        if fill is None:
            self.action_submit()
            return
        self.apply(fill)

    def apply(self, fill: Fill) -> None:
        for key, value in fill.values.items():
            widget = self.query_one(f"#f-{key}")
            if isinstance(widget, Select):
                widget.value = value if value else Select.NULL
                self.suggested[key] = None  # read, not guessed: kept when the name changes
            elif isinstance(widget, Input):
                widget.value = str(value)
                widget.cursor_position = len(widget.value)
        for f in self.fields:
            if f.key in fill.notes:
                self.query_one(f"#err-{f.key}", Static).update(fill.notes[f.key])
                value = self.values().get(f.key)
                self.kept_notes[f.key] = (str(value), fill.notes[f.key])
        if fill.focus:
            self.query_one(f"#f-{fill.focus}").focus()

    @on(Input.Changed)
    def _input_changed(self, event: Input.Changed) -> None:
        if self.on_change and event.input.id:
            key = event.input.id.removeprefix("f-")
            hint = self.on_change(key, event.value)
            line = (hint if hint.startswith("⚠") else f"ℹ {hint}") if hint else ""
            kept = self.kept_notes.get(key)
            if kept and kept[0] == event.value:  # a note of what was read stays with its value
                line = f"{kept[1]}\n{line}".strip()
            self.query_one(f"#err-{key}", Static).update(line)
        if self.suggest and event.input.id:
            for key, value in self.suggest(event.input.id.removeprefix("f-"), event.value).items():
                select = self.query_one(f"#f-{key}", Select)
                current = None if select.value is Select.NULL else select.value
                if current is None or current == self.suggested.get(key):
                    select.value = value if value else Select.NULL
                    self.suggested[key] = value or None


class ConfirmScreen(ModalScreen[bool]):
    BINDINGS = [
        Binding("escape", "no", "Esc", show=False),
        Binding("enter", "yes", "Enter", show=False),
    ]

    def __init__(self, question: str, t: Translator, detail: str = "", hint: str = ""):
        super().__init__()
        self.question = question
        self.t = t
        self.detail = detail
        self.hint = hint  # the keys, when not "Enter: đồng ý · Esc: hủy"

    def compose(self) -> ComposeResult:
        with Vertical(id="form"):
            if self.detail:  # what the answer will leave behind, said before the question
                with VerticalScroll(id="confirm-detail"):
                    yield Static(self.detail, id="confirm-detail-text")
            yield Label(self.question, id="form-title")
            with Horizontal():
                yield Static(self.hint or self.t("confirm.hint"), id="form-hint")

    def on_key(self, event: events.Key) -> None:
        """A character typed into the question (typing on, not seeing the dialog) is not an
        answer and is not lost: the dialog closes as "no" and the character goes where typing
        goes on the screen below (the minutes editor), before the keys typed after it."""
        if not (event.is_printable and event.character):
            return
        event.stop()
        event.prevent_default()
        retype = getattr(self.app, "retype", None)
        if callable(retype):
            retype(event)
        self.dismiss(False)

    def action_yes(self) -> None:
        self.dismiss(True)

    def action_no(self) -> None:
        self.dismiss(False)
