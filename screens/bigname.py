"""The speaker's name in large letters on a projector (issue 13.7), accents included.

Capitals 5 x 7 with Vietnamese marks drawn above (tone over circumflex or breve), the horn at the
top right and the dot below; two pixel rows per terminal line (half blocks), scaled up as far as
the width allows. A name with a character the font lacks, or too long for the window, is not
drawn large: the band with the name in ordinary letters is always there.
"""

from __future__ import annotations

import unicodedata

from rich.text import Text
from textual.widget import Widget

LETTERS = {
    "A": [" ### ", "#   #", "#   #", "#####", "#   #", "#   #", "#   #"],
    "B": ["#### ", "#   #", "#   #", "#### ", "#   #", "#   #", "#### "],
    "C": [" ### ", "#   #", "#    ", "#    ", "#    ", "#   #", " ### "],
    "D": ["#### ", "#   #", "#   #", "#   #", "#   #", "#   #", "#### "],
    "Đ": ["#### ", "#   #", "#   #", "### #", "#   #", "#   #", "#### "],
    "E": ["#####", "#    ", "#    ", "#### ", "#    ", "#    ", "#####"],
    "F": ["#####", "#    ", "#    ", "#### ", "#    ", "#    ", "#    "],
    "G": [" ### ", "#   #", "#    ", "# ###", "#   #", "#   #", " ####"],
    "H": ["#   #", "#   #", "#   #", "#####", "#   #", "#   #", "#   #"],
    "I": [" ### ", "  #  ", "  #  ", "  #  ", "  #  ", "  #  ", " ### "],
    "J": ["  ###", "   # ", "   # ", "   # ", "   # ", "#  # ", " ##  "],
    "K": ["#   #", "#  # ", "# #  ", "##   ", "# #  ", "#  # ", "#   #"],
    "L": ["#    ", "#    ", "#    ", "#    ", "#    ", "#    ", "#####"],
    "M": ["#   #", "## ##", "# # #", "# # #", "#   #", "#   #", "#   #"],
    "N": ["#   #", "#   #", "##  #", "# # #", "#  ##", "#   #", "#   #"],
    "O": [" ### ", "#   #", "#   #", "#   #", "#   #", "#   #", " ### "],
    "P": ["#### ", "#   #", "#   #", "#### ", "#    ", "#    ", "#    "],
    "Q": [" ### ", "#   #", "#   #", "#   #", "# # #", "#  # ", " ## #"],
    "R": ["#### ", "#   #", "#   #", "#### ", "# #  ", "#  # ", "#   #"],
    "S": [" ####", "#    ", "#    ", " ### ", "    #", "    #", "#### "],
    "T": ["#####", "  #  ", "  #  ", "  #  ", "  #  ", "  #  ", "  #  "],
    "U": ["#   #", "#   #", "#   #", "#   #", "#   #", "#   #", " ### "],
    "V": ["#   #", "#   #", "#   #", "#   #", "#   #", " # # ", "  #  "],
    "W": ["#   #", "#   #", "#   #", "# # #", "# # #", "# # #", " # # "],
    "X": ["#   #", "#   #", " # # ", "  #  ", " # # ", "#   #", "#   #"],
    "Y": ["#   #", "#   #", " # # ", "  #  ", "  #  ", "  #  ", "  #  "],
    "Z": ["#####", "    #", "   # ", "  #  ", " #   ", "#    ", "#####"],
    " ": ["   "] * 7,
    "-": ["     ", "     ", "     ", " ### ", "     ", "     ", "     "],
    ".": ["  ", "  ", "  ", "  ", "  ", "  ", "# "],
}
TONES = {  # two rows above the letter (above the circumflex or breve, if any)
    "\u0301": ["   # ", "  #  "],  # sắc
    "\u0300": [" #   ", "  #  "],  # huyền
    "\u0309": [" ### ", "   # "],  # hỏi
    "\u0303": [" ## #", "#  # "],  # ngã
}
HATS = {  # two rows just above the letter
    "\u0302": ["  #  ", " # # "],  # circumflex: Â Ê Ô
    "\u0306": ["#   #", " ### "],  # breve: Ă
}
DOT_BELOW = "\u0323"  # nặng
HORN = "\u031b"  # Ơ Ư
ABOVE = 4  # pixel rows above the letter: tone (2) over hat (2)
HEIGHT = ABOVE + 7 + 2  # and two below: a gap, then the dot


def _glyph(char: str) -> list[str] | None:
    """One character as pixel rows (HEIGHT of them), or None if the font lacks it."""
    parts = unicodedata.normalize("NFD", char)
    base, marks = parts[0], set(parts[1:])
    letter = LETTERS.get(unicodedata.normalize("NFC", base))
    if letter is None or marks - {*TONES, *HATS, DOT_BELOW, HORN}:
        return None
    width = len(letter[0])
    rows = [" " * width for _ in range(HEIGHT)]
    hat = next((HATS[m] for m in marks if m in HATS), None)
    tone = next((TONES[m] for m in marks if m in TONES), None)
    if hat:
        rows[2:4] = hat
    if tone:
        start = 0 if hat else 2
        rows[start : start + 2] = tone
    rows[ABOVE : ABOVE + 7] = letter
    if DOT_BELOW in marks:
        rows[HEIGHT - 1] = "  #  "[:width].ljust(width)
    if HORN in marks:  # a small tail at the top right, in the gap after the letter
        rows = [r + " " for r in rows]
        rows[ABOVE - 1] = rows[ABOVE - 1][:-1] + "#"
        rows[ABOVE] = rows[ABOVE][:-1] + "#"
    return rows


def render_name(name: str, width: int, max_scale: int = 3) -> list[str] | None:
    """The name in capitals as lines of half blocks at the largest scale that fits ``width``;
    None when a character is missing from the font or the name is too long even at scale 1."""
    glyphs = []
    for char in unicodedata.normalize("NFC", name.upper()):
        if char != " " and unicodedata.category(char).startswith("P") and _glyph(char) is None:
            continue  # "Lò Văn [Pá]", "O'Nhung (Mế)": the letters large, the marks in the band
        glyph = _glyph(char)
        if glyph is None:
            return None
        glyphs.append(glyph)
    if not glyphs:
        return None
    pixels = [" ".join(g[row] for g in glyphs) for row in range(HEIGHT)]
    cols = len(pixels[0])
    scale = width // cols
    if scale < 1:
        return None
    scale = min(scale, max_scale)
    pixels = ["".join(c * scale for c in row) for row in pixels for _ in range(scale)]
    if len(pixels) % 2:
        pixels.append(" " * len(pixels[0]))
    lines = []
    for top, bottom in zip(pixels[::2], pixels[1::2], strict=True):
        line = []
        for a, b in zip(top, bottom, strict=True):
            line.append("█" if a == b == "#" else "▀" if a == "#" else "▄" if b == "#" else " ")
        lines.append("".join(line))  # all as wide: centred together, marks stay in place
    return lines


class BigName(Widget):
    """The speaker's name in large letters, centred; nothing when it cannot be drawn."""

    DEFAULT_CSS = """
    BigName {
        height: auto;
        width: 100%;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.name_shown = ""
        self.max_scale = 3  # the chair view keeps 1 (7 lines) below 40 lines

    def show(self, name: str) -> None:
        if name != self.name_shown:
            self.name_shown = name
            self.refresh(layout=True)

    def lines(self) -> list[str]:
        return render_name(self.name_shown, max(0, self.size.width - 2), self.max_scale) or []

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        return len(render_name(self.name_shown, max(0, width - 2), self.max_scale) or [])

    def render(self) -> Text:
        width = self.size.width
        return Text("\n".join(line.center(width) for line in self.lines()), no_wrap=True)
