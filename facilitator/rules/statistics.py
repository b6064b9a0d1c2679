"""Speaking-time statistics for the conclusion (per speaker, hamlet, field; citizens' share)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from facilitator.rules.kinds import is_ordinary
from facilitator.rules.models import Petition, SlotRecord, Speaker
from facilitator.rules.text import fold, hamlet_part, village_of


@dataclass
class Statistics:
    per_speaker: list[tuple[str, float]] = field(default_factory=list)
    per_hamlet: list[tuple[str, float]] = field(default_factory=list)
    per_field: list[tuple[str, float]] = field(default_factory=list)
    citizens_seconds: float = 0.0
    officials_seconds: float = 0.0
    speakers: int = 0
    turns: int = 0
    petitions: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)

    @property
    def citizens_share(self) -> float:
        total = self.citizens_seconds + self.officials_seconds
        return self.citizens_seconds / total if total else 0.0


def _sorted(totals: dict[str, float]) -> list[tuple[str, float]]:
    return sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))


def hamlet_key(hamlet: str, village: str, spelled: dict[str, str]) -> str:
    """The hamlet a speaker's time counts for, one entry however it is typed (accents and case
    ignored: the first spelling is kept in ``spelled``): the part of the thôn when the address
    names one ("xóm Giữa, Đông Phong" and "xóm Giữa" are xóm Giữa, as SPEC's per-hamlet time
    asks in a meeting of one thôn), followed by its thôn when that is not the meeting's
    ("xóm Trại (Tây Phong)"); otherwise the thôn (``village_of``: "Đông Phong", "Tây Phong");
    no address: "—"."""
    place = village_of(hamlet, village)
    part = hamlet_part(hamlet)
    if part:
        rest = ", ".join(p for p in hamlet.split(",") if p.strip() and p.strip() != part)
        thon = village_of(rest, village) if rest else ""
        place = part if not thon or fold(thon) == fold(village) else f"{part} ({thon})"
    if not place:
        return "—"
    return spelled.setdefault(fold(place), place)


def compute(
    now: dt.datetime,
    speakers_: Iterable[Speaker],
    slots: Iterable[SlotRecord],
    petitions: list[Petition],
    village: str = "",
) -> Statistics:
    """Durations come from the slots (paused time excluded; a running slot up to ``now``).
    Per hamlet: ``hamlet_key`` (the xóm when named, else the thôn; ``village``: the meeting's)."""
    speakers = {s.id: s for s in speakers_}
    by_speaker: dict[str, float] = defaultdict(float)
    by_hamlet: dict[str, float] = defaultdict(float)
    by_field: dict[str, float] = defaultdict(float)
    spelled: dict[str, str] = {}
    stats = Statistics()
    for record in slots:
        seconds = record.slot.elapsed(now)
        speaker = speakers[record.speaker_id]
        if record.role == "official":
            stats.officials_seconds += seconds
            continue
        stats.citizens_seconds += seconds
        stats.turns += 1
        by_speaker[f"{speaker.name} ({speaker.hamlet})" if speaker.hamlet else speaker.name] += (
            seconds
        )
        by_hamlet[hamlet_key(speaker.hamlet, village, spelled)] += seconds
        by_field[speaker.field or "—"] += seconds
    stats.per_speaker = _sorted(by_speaker)
    stats.per_hamlet = _sorted(by_hamlet)
    stats.per_field = _sorted(by_field)
    stats.speakers = len(by_speaker)
    stats.petitions = len(petitions)
    counts: dict[str, int] = defaultdict(int)
    for p in petitions:
        # A complaint or denunciation is handled under its own law: never "not decided".
        counts[p.outcome or ("none" if is_ordinary(p.kind) else "law")] += 1
    stats.outcomes = dict(counts)
    return stats


def bar(value: float, maximum: float, width: int = 20) -> str:
    """A text bar (the number is printed beside it, so it never relies on length alone)."""
    if maximum <= 0:
        return ""
    filled = round(width * value / maximum)
    return "█" * filled + "·" * (width - filled)


def minutes_text(seconds: float) -> str:
    """A duration as on a clock: "00:22", "12:05" (minutes and seconds)."""
    whole = int(round(seconds))
    return f"{whole // 60:02d}:{whole % 60:02d}"


def minutes_seconds(seconds: float) -> tuple[int, int]:
    """(minutes, seconds) of a duration, for "0 phút 22 giây"."""
    whole = int(round(seconds))
    return whole // 60, whole % 60
