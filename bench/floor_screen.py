"""A reference for start-up: the live screen's widgets (same tree, ids, stylesheet and amount of
text: 50 queue rows of 6 columns, 30 minutes rows, the agenda, a TextArea) filled with fixed text,
with no database, no project code and no logic. What it costs above the one-Label App is what
Textual costs for a screen like this one; what the real `run` costs above it is the project's.
The stylesheet is `screens/facilitator.tcss`, the rules the live screen's first frame reads (the
other screens' rules, `screens/screens.tcss`, come after it). Python's garbage collection runs as
in any program (`run` and `demo` hold it off until their first frame)."""

import os
from pathlib import Path

from textual.app import App, ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Label, Static, TextArea

CSS = Path(__file__).resolve().parent.parent / "screens" / "facilitator.tcss"
ROW = ("Nguyễn Văn An", "đã nói", "xóm Đình", "Đề nghị xã quan tâm giải quyết", "Đất đai")
TEXT = "Đề nghị xã quan tâm giải quyết dứt điểm việc đường trục thôn xuống cấp, mùa mưa ngập sâu"


class Live(Screen[None]):
    AUTO_FOCUS = "#editor"

    def compose(self) -> ComposeResult:
        with Horizontal(id="live-top"):
            yield Static(
                "Điều hành · Bình Lãng - Đông Phong · 28/10/2021 · đang họp", id="live-header"
            )
            yield Static("", id="live-message")
        with Horizontal(id="live-body"):
            with Vertical(id="live-left"):
                agenda = "\n".join(f" ✓ {i}. Bước {i} của chương trình" for i in range(1, 8))
                yield Static(agenda, id="agenda")
                with Vertical(id="current"):
                    yield Static("Đang nói: Nguyễn Văn An (xóm Đình)", id="current-who")
                    yield Static("04:59  còn 4 phút 59 giây", id="countdown")
                    yield Static("", id="budget")
                yield Label("Danh sách phát biểu", classes="section")
                queue = DataTable(id="queue", cursor_type="row", zebra_stripes=True)
                for name, width in (
                    ("TT", 3),
                    ("Họ tên", 20),
                    ("Trạng thái", 10),
                    ("Thôn", 12),
                    ("Nội dung", 30),
                    ("Lĩnh vực", 16),
                ):
                    queue.add_column(name, width=width)
                for i in range(int(os.environ.get("FLOOR_QUEUE", 50))):
                    queue.add_row(str(i + 1), *ROW)
                yield queue
                yield Static("", id="queue-selected")
                yield Static("Còn 20 người chờ", id="queue-status")
                yield Static("", id="hamlet-times")
            with Vertical(id="live-right"):
                log = DataTable(id="minutes-log", cursor_type="row")
                log.add_column("Giờ", width=5)
                log.add_column("Biên bản", width=160)
                for _i in range(int(os.environ.get("FLOOR_LOG", 30))):
                    log.add_row("08:00", TEXT)
                yield log
                yield Static("✎ Mục mới", id="editing")
                editor = TextArea("", id="editor", soft_wrap=True, tab_behavior="focus")
                editor.show_line_numbers = False
                yield editor
        yield Static(" F1 Trợ giúp  F2 Đăng ký  F3 Mời tiếp  F4 Dừng/tiếp  F5 +1 phút", id="keys")


class SameWidgets(App[None]):
    CSS_PATH = None if os.environ.get("FLOOR_NO_CSS") else CSS

    def on_mount(self) -> None:
        self.push_screen(Live())


if __name__ == "__main__":
    SameWidgets().run()
