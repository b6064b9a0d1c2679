"""A countdown in block digits that grow with the window, readable from the back of a hall."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

# 5 x 7 glyphs; "#" is ink.
GLYPHS = {
    "0": [" ### ", "#   #", "#   #", "#   #", "#   #", "#   #", " ### "],
    "1": ["  #  ", " ##  ", "  #  ", "  #  ", "  #  ", "  #  ", " ### "],
    "2": [" ### ", "#   #", "    #", "   # ", "  #  ", " #   ", "#####"],
    "3": ["#####", "   # ", "  #  ", "   # ", "    #", "#   #", " ### "],
    "4": ["   # ", "  ## ", " # # ", "#  # ", "#####", "   # ", "   # "],
    "5": ["#####", "#    ", "#### ", "    #", "    #", "#   #", " ### "],
    "6": ["  ## ", " #   ", "#    ", "#### ", "#   #", "#   #", " ### "],
    "7": ["#####", "    #", "   # ", "  #  ", " #   ", " #   ", " #   "],
    "8": [" ### ", "#   #", "#   #", " ### ", "#   #", "#   #", " ### "],
    "9": [" ### ", "#   #", "#   #", " ####", "    #", "   # ", " ##  "],
    ":": ["     ", "  #  ", "  #  ", "     ", "  #  ", "  #  ", "     "],
    "-": ["     ", "     ", "     ", "#####", "     ", "     ", "     "],
}
GLYPH_W, GLYPH_H, GAP = 5, 7, 1


def render_big(text: str, width: int, height: int) -> list[str]:
    """The text in block digits at the largest integer scale that fits width x height."""
    chars = [c for c in text if c in GLYPHS]
    if not chars:
        return []
    cols = len(chars) * (GLYPH_W + GAP) - GAP
    scale_x = max(1, width // cols)
    scale_y = max(1, height // GLYPH_H)
    # Terminal cells are about twice as tall as wide: keep glyphs square-looking.
    scale_y = max(1, min(scale_y, (scale_x + 1) // 2))
    scale_x = max(1, min(scale_x, scale_y * 2))
    if cols * scale_x > width:  # too narrow even at scale 1: fall back to plain text
        return [text]
    lines = []
    for row in range(GLYPH_H):
        pieces = []
        for c in chars:
            pieces.append(
                "".join("█" * scale_x if px == "#" else " " * scale_x for px in GLYPHS[c][row])
            )
        line = (" " * (GAP * scale_x)).join(pieces)
        lines.extend([line] * scale_y)
    return lines


class BigClock(Widget):
    DEFAULT_CSS = """
    BigClock {
        height: 1fr;
        min-height: 7;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.value = "--:--"

    def show(self, value: str) -> None:
        if value != self.value:
            self.value = value
            self.refresh()

    def render(self) -> Text:
        width, height = self.size.width, self.size.height
        lines = render_big(self.value, width, height)
        top = max(0, (height - len(lines)) // 2)
        body = [""] * top + [line.center(width) for line in lines]
        return Text("\n".join(body), no_wrap=True)
