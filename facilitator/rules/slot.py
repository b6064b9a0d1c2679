"""Speaking slot (lượt phát biểu): remaining time derived from stored timestamps, never counted."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum

WARNING_SECONDS = 60


class SlotState(Enum):
    RUNNING = "running"
    PAUSED = "paused"
    ENDED = "ended"


class Phase(Enum):
    """What the countdown shows; always in words too, never by colour alone."""

    NORMAL = "normal"
    WARNING = "warning"
    OVERTIME = "overtime"


@dataclass(frozen=True)
class Slot:
    started_at: dt.datetime
    limit_seconds: int
    paused_at: dt.datetime | None = None
    paused_total: float = 0.0
    ended_at: dt.datetime | None = None

    @property
    def state(self) -> SlotState:
        if self.ended_at is not None:
            return SlotState.ENDED
        if self.paused_at is not None:
            return SlotState.PAUSED
        return SlotState.RUNNING

    def elapsed(self, now: dt.datetime) -> float:
        until = self.ended_at or self.paused_at or now
        return max(0.0, (until - self.started_at).total_seconds() - self.paused_total)

    def remaining(self, now: dt.datetime) -> float:
        return self.limit_seconds - self.elapsed(now)

    def phase(self, now: dt.datetime) -> Phase:
        left = self.remaining(now)
        if left <= 0:
            return Phase.OVERTIME
        if left <= WARNING_SECONDS:
            return Phase.WARNING
        return Phase.NORMAL

    def pause(self, now: dt.datetime) -> Slot:
        if self.state is not SlotState.RUNNING:
            return self
        return Slot(self.started_at, self.limit_seconds, now, self.paused_total, None)

    def resume(self, now: dt.datetime) -> Slot:
        if self.paused_at is None or self.ended_at is not None:
            return self
        paused = self.paused_total + (now - self.paused_at).total_seconds()
        return Slot(self.started_at, self.limit_seconds, None, paused, None)

    def extend(self, seconds: int = 60) -> Slot:
        return Slot(
            self.started_at,
            self.limit_seconds + seconds,
            self.paused_at,
            self.paused_total,
            self.ended_at,
        )

    def end(self, now: dt.datetime) -> Slot:
        if self.ended_at is not None:
            return self
        resumed = self.resume(now)
        return Slot(resumed.started_at, resumed.limit_seconds, None, resumed.paused_total, now)


def format_clock(seconds: float) -> str:
    """ "04:59"; overtime as "-00:12"."""
    if seconds <= 0:
        whole = int(-seconds)
        return f"-{whole // 60:02d}:{whole % 60:02d}" if whole else "00:00"
    whole = int(seconds + 0.999)  # 4.2 s left reads 00:05, and 00:00 only at zero
    return f"{whole // 60:02d}:{whole % 60:02d}"
