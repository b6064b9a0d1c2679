"""Answers, linked as they are given (issue 13.2).

Ctrl+R: who answers (the meeting's chair and officials, the chair first: Enter picks the chair;
typing narrows the list; a name not on it is typed as "name, position"), the petitions the answer
is tied to (by default those of the citizen who spoke last), and the outcome with one key.
F7 during that turn records the answer to the petition it is tied to.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from facilitator.i18n import Translator
from facilitator.rules.models import OUTCOMES, Petition, Speaker
from facilitator.rules.text import fold
from facilitator.services.conclusion import answer_in_turn, decide
from facilitator.services.live import Console, RuleError
from screens.conclusion import (
    OUTCOME_KEYS,
    assignment_fields,
    late_due,
    outcome_keys,
    refuse_unused,
    responsible_words,
)
from screens.forms import Field, FormScreen
from screens.plain import Label, Static
from screens.widgets import NfcInput, clip


def outcome_hint(t: Translator) -> str:
    return t("answer.keys")


@dataclass
class AnswerChoice:
    name: str
    position: str
    petitions: list[int] = field(default_factory=list)
    outcome: str | None = None


def officials_in_order(console: Console) -> list[tuple[str, str]]:
    """(name, position): the chair first, then the meeting's officials as listed."""
    meeting = console.meeting
    people: list[tuple[str, str]] = []
    if meeting.chair_name.strip():
        people.append((meeting.chair_name.strip(), meeting.chair_position.strip()))
    for o in console.store.officials(console.meeting_id):
        if fold(o.name) not in {fold(n) for n, _ in people}:
            people.append((o.name, o.position))
    return people


def petition_label(p: Petition, speakers: dict[int, Speaker]) -> str:
    who = speakers[p.speaker_id].name if p.speaker_id in speakers else p.source
    text = " ".join(p.content.split())
    return f"{p.seq}. {clip(text, 44)} ({clip(who, 18)})"


class AnswerTurnScreen(ModalScreen[AnswerChoice | None]):
    BINDINGS = [
        Binding("escape", "cancel", show=False),
        *(Binding(k, f"outcome('{o}')", show=False) for k, o in OUTCOME_KEYS.items()),
        Binding("f6", "outcome('')", show=False),
    ]

    def __init__(self, console: Console, t: Translator):
        super().__init__()
        self.console = console
        self.t = t
        self.people = officials_in_order(console)
        self.shown: list[tuple[str, str]] = list(self.people)
        self.petitions, self.default = console.petitions_to_answer()
        # The ones the answer goes to by default first: in sight without scrolling.
        self.petitions.sort(key=lambda p: p.id not in self.default)
        self.outcome: str | None = None

    def compose(self) -> ComposeResult:
        speakers = {s.id: s for s in self.console.store.speakers(self.console.meeting_id)}
        with Vertical(id="form"):
            yield Label(self.t("form.official.title"), id="form-title")
            yield NfcInput(placeholder=self.t("answer.type_ahead"), id="answer-who")
            officials = OptionList(*self._options(), id="answer-officials")
            # Up and Down in the name field move in this list: Tab goes from the name straight
            # to the petitions, as the help line says (Tab, Down moved among the officials,
            # and Enter started the wrong person's turn with the petition unticked).
            officials.can_focus = False
            yield officials
            yield Label(self.t("answer.petitions"))
            if self.petitions:
                self.labels = [petition_label(p, speakers) for p in self.petitions]
                self.chosen = {p.id for p in self.petitions if p.id in self.default}
                yield OptionList(*self._petition_options(), id="answer-petitions")
            else:
                yield Static(self.t("answer.no_petitions"), id="answer-petitions-none")
            yield Static("", id="answer-outcome")
            yield Static("", id="err-answer", classes="form-error")
            yield Static(self.t("answer.hint"), id="form-hint")

    def _options(self) -> list[Option]:
        return [
            Option(Text(f"{name}{' — ' + position if position else ''}"))
            for name, position in self.shown
        ]

    def _petition_options(self) -> list[Option]:
        # Chosen or not is said in text ("[x]"), not by colour alone.
        return [
            Option(Text(f"[{'x' if p.id in self.chosen else ' '}] {label}"))  # not markup
            for p, label in zip(self.petitions, self.labels, strict=True)
        ]

    def toggle_petition(self) -> None:
        options = self.query_one("#answer-petitions", OptionList)
        index = options.highlighted
        if index is None:
            return
        pid = self.petitions[index].id
        self.chosen.symmetric_difference_update({pid})
        options.replace_option_prompt_at_index(index, self._petition_options()[index].prompt)

    def on_mount(self) -> None:
        self.query_one("#answer-officials", OptionList).highlighted = 0 if self.shown else None
        self.show_outcome()
        self.query_one("#answer-who").focus()

    @on(Input.Changed, "#answer-who")
    def narrow(self, event: Input.Changed) -> None:
        typed = fold(event.value.split(",")[0])
        self.shown = [p for p in self.people if typed in fold(f"{p[0]} {p[1]}")]
        options = self.query_one("#answer-officials", OptionList)
        options.clear_options()
        options.add_options(self._options())
        options.highlighted = 0 if self.shown else None

    def on_key(self, event: Any) -> None:
        if self.petitions and self.focused is self.query_one("#answer-petitions"):
            if event.key == "space":
                self.toggle_petition()
                event.stop()
            return
        # Up and down move in the officials' list while the name is typed.
        if self.focused is self.query_one("#answer-who") and event.key in ("up", "down"):
            options = self.query_one("#answer-officials", OptionList)
            if event.key == "up":
                options.action_cursor_up()
            else:
                options.action_cursor_down()
            event.stop()

    @on(Input.Submitted, "#answer-who")
    def typed(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit()

    @on(OptionList.OptionSelected, "#answer-officials")
    def picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.submit()

    @on(OptionList.OptionSelected, "#answer-petitions")
    def petitions_done(self, event: OptionList.OptionSelected) -> None:
        event.stop()  # Enter in the petitions starts the turn, as in the name field
        self.submit()

    def submit(self) -> None:
        options = self.query_one("#answer-officials", OptionList)
        typed = self.query_one("#answer-who", Input).value.strip()
        if self.shown and options.highlighted is not None:
            name, position = self.shown[options.highlighted]
        elif typed:
            name, _, position = (part.strip() for part in typed.partition(","))
        else:
            self.query_one("#err-answer", Static).update(f"⚠ {self.t('form.required')}")
            return
        chosen: list[int] = []
        if self.petitions:
            chosen = [p.id for p in self.petitions if p.id in self.chosen]
        self.dismiss(AnswerChoice(name, position, chosen, self.outcome))

    def action_outcome(self, outcome: str) -> None:
        self.outcome = outcome or None
        self.show_outcome()

    def show_outcome(self) -> None:
        chosen = self.t("outcome." + self.outcome) if self.outcome else self.t("answer.no_outcome")
        keys = f"{outcome_hint(self.t)} · F6 {self.t('answer.unset')}"
        self.query_one("#answer-outcome", Static).update(
            f"{self.t('form.outcome')}: {chosen} ({keys})"
        )

    def action_cancel(self) -> None:
        self.dismiss(None)


def start_answer_turn(console: Console, choice: AnswerChoice) -> int:
    """The official's timed turn, tied to the chosen petitions, with their outcome if one was
    chosen (an assignment goes to the answering official, the due date by the rule)."""
    outcome = choice.outcome

    def set_outcome(pid: int) -> None:
        if outcome == "forwarded" and not console.store.petition(pid).forwarded_to:
            return  # where it goes is asked by F7 (the answer form)
        decide(
            console,
            pid,
            outcome,
            responsible=responsible_words(choice.name, choice.position),
            forwarded_to=console.store.petition(pid).forwarded_to or "",
        )

    turn = console.start_answer(
        choice.name,
        choice.position,
        choice.petitions,
        set_outcome if outcome else None,
        outcome=outcome,
    )
    return turn


def _answerable(console: Console, turn: Speaker) -> list[Petition]:
    """The petitions the turn is tied to first (a citizen's own before those collected before
    the meeting), then the other open ones."""
    linked = tied_to(console, turn)
    others, _ = console.petitions_to_answer()
    return linked + [p for p in others if p.id not in {q.id for q in linked}]


def tied_to(console: Console, turn: Speaker) -> list[Petition]:
    """The petitions an answer turn is tied to, the citizens' own first, then by number."""
    return sorted(console.answered_in(turn.id), key=lambda p: (p.speaker_id is None, p.seq))


def waiting_answers(console: Console, turn: Speaker) -> list[int]:
    """The tied petitions whose answer is not recorded yet, in the order F7 asks for them."""
    return [p.id for p in tied_to(console, turn) if not (p.answer or "").strip()]


def _answer_fields(
    console: Console,
    t: Translator,
    turn: Speaker,
    choices: list[Petition],
    said: str,
    outcome: str | None = None,
    forwarded_to: str = "",
) -> list[Field]:
    """The answer (what was typed in the minutes offered), the outcome (the item's own, else
    the one chosen in the ctrl+r dialog), the petition and what an assigned or forwarded
    outcome needs, filled from the first petition."""
    speakers = {s.id: s for s in console.store.speakers(console.meeting_id)}
    first = choices[0]
    fields = [
        Field(
            "answer",
            t("form.answer"),
            "text",
            first.answer or said.strip(),
            select=not first.answer and bool(said.strip()),  # offered: typing replaces it
        ),
        Field(
            "outcome",
            t("form.outcome"),
            "select",
            first.outcome or outcome or "answered",
            [(t("outcome." + o), o) for o in OUTCOMES],
        ),
        Field(
            "petition",
            t("answer.petition"),
            "select",
            first.id,
            [(Text(petition_label(p, speakers)), p.id) for p in choices],  # not markup
        ),
        *assignment_fields(console, t, first),
        Field(
            "forwarded_to",
            t("form.forwarded_to"),
            value=first.forwarded_to or forwarded_to,
            select=not first.forwarded_to and bool(forwarded_to),  # the previous one's
        ),
    ]
    if not (first.assignment and first.assignment.responsible):
        # The official who answers is the suggested responsible person.
        fields[3].value = responsible_words(turn.name, turn.hamlet)
        fields[3].select = True
    return fields


def answer_form(
    console: Console,
    t: Translator,
    turn: Speaker,
    said: str = "",
    *,
    petition_id: int | None = None,
    outcome: str | None = None,
    step: tuple[int, int] | None = None,
    saved: list[int] | None = None,
    forwarded_to: str = "",
) -> FormScreen | None:
    """F7 during an official's turn: the answer to a petition the turn is tied to (or one
    of the open ones). None when there is nothing to answer (F7 then records a petition).
    ``said``: what the secretary has typed in the minutes during this turn (or the answer
    just given to the turn's previous petition), offered as the answer so that nothing is
    typed twice (she may shorten it). ``petition_id``: the one to answer (default the first);
    ``outcome``: the one chosen in the ctrl+r dialog; ``step``: (n, of) when the turn answers
    several, shown in the title; ``saved`` gets the id of the petition recorded;
    ``forwarded_to``: the body the previous petition of the turn went to, offered."""
    choices = _answerable(console, turn)
    if petition_id is not None:
        choices.sort(key=lambda p: p.id != petition_id)
    if not choices:
        return None
    first = choices[0]
    fields = _answer_fields(console, t, turn, choices, said, outcome, forwarded_to)

    def save(values: dict[str, Any]) -> str:
        pid = values["petition"] or first.id
        if not (values["answer"] or "").strip() and values["outcome"] == "answered":
            raise RuleError("form.required", "answer")
        refuse_unused(fields, values)
        answer_in_turn(
            console,
            pid,
            turn.id,
            values["outcome"],
            responsible=values["responsible"],
            task=values["task"],
            due=values["due"],
            forwarded_to=values["forwarded_to"],
            answer=values["answer"],
            answered_by_name=turn.name,
            answered_by_position=turn.hamlet,
        )
        if saved is not None:
            saved.append(pid)
        return t("msg.answer_saved")

    who = responsible_words(turn.name, turn.hamlet)
    title = t("answer.form_title")
    if step is not None:
        title = t("answer.form_step", seq=first.seq, at=step[0], of=step[1])
    return FormScreen(
        title,
        fields,
        save,
        t,
        note=f"{t('answer.by', who=who)}\n{outcome_hint(t)}",
        on_change=late_due(console, t),
        hotkeys=outcome_keys(),
    )
