"""Reading what earlier releases wrote. Frozen: change nothing here, add a new function.

Up to this release a speech entry of the minutes started as the text "Ông/Bà … (thôn …) phát
biểu:" (or "Đồng chí …, … trả lời:"), pre-filled for the secretary to type after, and the
documents split the entry on its first colon to find it again. The header is now structure (the
entry's ``speaker_id``); an entry's text is what the secretary typed, printed whole. The schema
step 0005 and the import of older meeting files remove the pre-filled header, and only when the
entry starts with it exactly as the program wrote it: anything typed or changed is kept.
"""

from __future__ import annotations

import re


def generated_header(kind: str, name: str, hamlet: str) -> re.Pattern[str]:
    """The header an earlier release pre-filled for this speaker, as a pattern."""
    if kind == "answer":  # an official's answer turn keeps the position in ``hamlet``
        position = f"(?:, {re.escape(hamlet)})?" if hamlet else ""
        return re.compile(f"Đồng chí {re.escape(name)}{position} trả lời:")
    place = f"(?: \\((?:thôn )?{re.escape(hamlet)}\\))?" if hamlet else ""
    return re.compile(f"(?:Ông/Bà|Ông|Bà) {re.escape(name)}{place}(?: \\(lần \\d+\\))? phát biểu:")


def strip_generated_header(text: str, kind: str, name: str, hamlet: str) -> str:
    """The entry without the header the program pre-filled; unchanged when it does not start
    with that header exactly."""
    match = generated_header(kind, name, hamlet).match(text)
    if match is None:
        return text
    return text[match.end() :].lstrip(" \n")
