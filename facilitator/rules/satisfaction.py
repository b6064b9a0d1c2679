"""The petitioner's satisfaction with the answer (SPEC §7b) and which petitions are answered."""

from __future__ import annotations

from facilitator.rules.kinds import is_ordinary
from facilitator.rules.models import Petition

SATISFACTION: tuple[str, ...] = ("satisfied", "unsatisfied", "no_opinion")
SATISFACTION_WORDS = {
    "satisfied": "Hài lòng",
    "unsatisfied": "Chưa hài lòng",
    "no_opinion": "Không ý kiến",
}


def is_answered(p: Petition) -> bool:
    """Answered at the meeting, or the assignment's answer recorded since."""
    if not is_ordinary(p.kind):
        return False
    if p.outcome == "answered":
        return True
    return p.assignment is not None and p.assignment.status == "answered"
