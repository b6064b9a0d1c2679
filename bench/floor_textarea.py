"""The typing floor: a bare TextArea of the minutes editor's size (run as a program).

python -m bench.floor_textarea WIDTH HEIGHT OUT_FILE   (the text is written to OUT_FILE at exit)
"""

import sys
from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import TextArea


class Bare(App[None]):
    def __init__(self, out: Path) -> None:
        super().__init__()
        self.out = out
        self.text = ""

    def compose(self) -> ComposeResult:
        area = TextArea(soft_wrap=True, tab_behavior="focus", placeholder="Danh sách phát biểu")
        area.show_line_numbers = False
        yield area

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self.text = event.text_area.text


if __name__ == "__main__":
    Bare.CSS = f"TextArea {{ width: {int(sys.argv[1])}; height: {int(sys.argv[2])}; }}"
    app = Bare(Path(sys.argv[3]))
    app.run()
    app.out.write_text(app.text, encoding="utf-8")
