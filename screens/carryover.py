"""Open assignments of earlier meetings of the same village, for the chair's report (plan 2.2)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen

from db.store import Store
from facilitator.i18n import Translator
from facilitator.services.followup import carry_over
from screens.plain import Label, Static


def carry_over_lines(store: Store, meeting_id: int, t: Translator) -> list[str]:
    today = store.clock().date()
    lines = []
    for row in carry_over(store, meeting_id):
        due = row.assignment.due
        late = f"  [{t('fu.overdue')}]" if due < today else ""
        held = row.meeting_date
        lines.append(
            f"• {row.content}\n  → {row.assignment.responsible}, {t('col.due')} {due:%d/%m/%Y}"
            f" ({t('col.date')} {held:%d/%m/%Y}){late}"
        )
    return lines


class CarryOverScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,ctrl+o", "dismiss", show=False)]

    def __init__(self, store: Store, meeting_id: int, t: Translator):
        super().__init__()
        self.lines = carry_over_lines(store, meeting_id, t)
        self.t = t

    def compose(self) -> ComposeResult:
        with Vertical(id="form"):
            yield Label(self.t("carry.title"), id="form-title")
            with VerticalScroll(id="form-fields"):
                yield Static("\n".join(self.lines) or self.t("carry.none"))
            yield Static(self.t("help.close"), id="form-hint")
