"""Time source. Injected everywhere so tests and a resumed process agree on "now"."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pendulum

TZ = pendulum.timezone("Asia/Ho_Chi_Minh")

Clock = Callable[[], dt.datetime]


def system_clock() -> dt.datetime:
    return pendulum.now(TZ)


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
