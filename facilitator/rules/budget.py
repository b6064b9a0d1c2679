"""Time of the citizens' phase ("Nhân dân phát biểu", plan 2.3) and time spoken per hamlet.

The phase's budget counts wall time from the moment the phase began (the meeting's own clock),
so it reads the same in every window and after a restart; it stops when the phase ends.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from facilitator.rules.models import PhaseRecord, SlotRecord, Speaker
from facilitator.rules.text import fold

SPEECH_PHASE = "nhan dan phat bieu"  # the folded name of plan 2.3's phase
SPEECH_PHASE_POSITION = 2  # where the default agenda has it, for an agenda that renamed it


def speech_phase(phases: list[PhaseRecord]) -> PhaseRecord | None:
    """The phase in which citizens speak: by its name, else the third of a default-length
    agenda; None for an agenda too short to have one."""
    named = next((p for p in phases if fold(p.name) == SPEECH_PHASE), None)
    if named is not None:
        return named
    if len(phases) > SPEECH_PHASE_POSITION + 1:
        return phases[SPEECH_PHASE_POSITION]
    return None


def budget_left(
    budget_seconds: int | None, phases: list[PhaseRecord], now: dt.datetime
) -> float | None:
    """Seconds left of the citizens' phase's budget (negative: over it); None without one."""
    if not budget_seconds:
        return None
    phase = speech_phase(phases)
    if phase is None or phase.started_at is None:
        return float(budget_seconds)
    end = phase.ended_at or now
    return budget_seconds - (end - phase.started_at).total_seconds()


def spoken_seconds(slots: list[SlotRecord], now: dt.datetime) -> dict[int, float]:
    """Each speaker's time at the microphone so far (pauses excluded, a running slot to now)."""
    spoken: dict[int, float] = defaultdict(float)
    for record in slots:
        spoken[record.speaker_id] += record.slot.elapsed(now)
    return dict(spoken)


def per_hamlet(
    speakers: list[Speaker], spoken: dict[int, float], village: str = ""
) -> list[tuple[str, float]]:
    """Citizens' time spoken per hamlet, most first (officials' answers not counted), as the
    conclusion counts it (``statistics.hamlet_key``: "xóm Giữa, Đông Phong" is xóm Giữa;
    ``village`` is the meeting's thôn)."""
    from facilitator.rules.statistics import hamlet_key

    totals: dict[str, float] = defaultdict(float)
    spelled: dict[str, str] = {}
    for s in speakers:
        if s.kind != "answer" and s.id in spoken:
            totals[hamlet_key(s.hamlet, village, spelled)] += spoken[s.id]
    return sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))
