"""Time source. Injected everywhere so tests and a resumed process agree on "now".

Only the standard library here: the clock is needed at start-up, pendulum (≈ 15 ms to import)
is not.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable


def _vietnam() -> dt.tzinfo:
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo("Asia/Ho_Chi_Minh")
    except Exception:  # noqa: BLE001 - no time zone data (Windows without tzdata)
        # Vietnam has kept UTC+7 without daylight saving since 1975.
        return dt.timezone(dt.timedelta(hours=7), "+07")


TZ = _vietnam()

Clock = Callable[[], dt.datetime]


def system_clock() -> dt.datetime:
    return dt.datetime.now(TZ)


def stamp(moment: dt.datetime) -> str:
    """ISO 8601 with offset, millisecond precision: how every timestamp is stored."""
    return moment.astimezone(TZ).isoformat(timespec="milliseconds")


def parse(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value)


def local(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(TZ)


class FrozenClock:
    """A clock for tests and snapshots; ``advance`` moves it forward."""

    def __init__(self, start: dt.datetime):
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now = self.now + dt.timedelta(seconds=seconds)
