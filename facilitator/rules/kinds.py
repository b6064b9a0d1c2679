"""An item's kind (loại ý kiến): kiến nghị, phản ánh, khiếu nại, tố cáo.

Khiếu nại (complaint) and tố cáo (denunciation) follow their own laws: the program marks them
"chuyển xử lý theo Luật Khiếu nại / Luật Tố cáo" and never treats them as an ordinary petition
(no outcome, no assignment, no deadline; documents list them apart).
"""

from __future__ import annotations

KINDS: tuple[str, ...] = ("petition", "feedback", "complaint", "denunciation")
DEFAULT_KIND = "petition"

# As documents print them (always Vietnamese).
KIND_WORDS: dict[str, str] = {
    "petition": "Kiến nghị",
    "feedback": "Phản ánh",
    "complaint": "Khiếu nại",
    "denunciation": "Tố cáo",
}
LAW_WORDS: dict[str, str] = {
    "complaint": "chuyển xử lý theo Luật Khiếu nại",
    "denunciation": "chuyển xử lý theo Luật Tố cáo",
}


def is_ordinary(kind: str | None) -> bool:
    """Kiến nghị and phản ánh get outcomes, assignments and deadlines; the others do not."""
    return (kind or DEFAULT_KIND) not in LAW_WORDS


def next_kind(kind: str | None) -> str:
    """The kind after ``kind`` in the cycle one key walks through."""
    current = kind if kind in KINDS else DEFAULT_KIND
    return KINDS[(KINDS.index(current) + 1) % len(KINDS)]


def kind_word(kind: str | None) -> str:
    return KIND_WORDS.get(kind or DEFAULT_KIND, KIND_WORDS[DEFAULT_KIND])


def law_refusal(kind: str) -> str:
    """The error key of why an ordinary outcome is refused for a complaint or a denunciation
    ("law.complaint", "law.denunciation"; facilitator/messages.py words it)."""
    return f"law.{kind}" if kind in LAW_WORDS else "law.complaint"
