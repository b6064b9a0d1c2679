"""The idle floor: a one-Label App whose countdown is redrawn twice a second, as the live
screen's and the chair view's clocks are (run as a program)."""

import time

from textual.app import App, ComposeResult
from textual.widgets import Label


class Countdown(App[None]):
    def compose(self) -> ComposeResult:
        yield Label("Danh sách phát biểu")
        yield Label("05:00", id="clock")

    def on_mount(self) -> None:
        self.start = time.monotonic()
        self.set_interval(0.5, self.tick)

    def tick(self) -> None:
        left = max(0, 300 - int(time.monotonic() - self.start))
        self.query_one("#clock", Label).update(f"{left // 60:02d}:{left % 60:02d}")


if __name__ == "__main__":
    Countdown().run()
