"""The start-up floor: a one-Label Textual App (run as a program, like the real command)."""

from textual.app import App, ComposeResult
from textual.widgets import Label


class OneLabel(App[None]):
    def compose(self) -> ComposeResult:
        yield Label("Danh sách phát biểu")


if __name__ == "__main__":
    OneLabel().run()
