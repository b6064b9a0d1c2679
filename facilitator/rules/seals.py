"""A seal of the minutes as data (SPEC §7c): its digest and the biên bản's footer lines.

Pure: no store. ``facilitator.services.seal`` seals, amends and verifies with the store.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from dataclasses import dataclass
from typing import Any

from facilitator.rules.clock import local, parse
from facilitator.rules.kinds import kind_word

CODE_LENGTH = 16


def canonical(value: Any) -> bytes:
    """The bytes that are hashed: the same value always gives the same bytes."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return unicodedata.normalize("NFC", text).encode("utf-8")


def digest(value: Any) -> str:
    return hashlib.sha256(canonical(value)).hexdigest()


@dataclass(frozen=True)
class Item:
    """One sealed item: ``key`` names it ("minutes:12", "petition:3", "assignment:3",
    "conclusion"), ``value`` is what is hashed."""

    key: str
    value: dict[str, Any]

    @property
    def digest(self) -> str:
        return digest(self.value)


def seal_digest(
    *,
    meeting_id: int,
    seq: int,
    at: str,
    by: str,
    why: str,
    change: dict[str, Any],
    previous: str,
    items: list[list[str]],
) -> str:
    """The seal's own digest: the item digests, who, when, why, and the previous seal."""
    return digest(
        {
            "meeting": meeting_id,
            "seq": seq,
            "at": at,
            "by": by,
            "why": why,
            "change": change,
            "previous": previous,
            "items": items,
        }
    )


@dataclass(frozen=True)
class Seal:
    id: int
    meeting_id: int
    seq: int
    at: str
    by: str
    why: str
    change: dict[str, Any]
    previous: str
    items: list[list[str]]
    digest: str
    # A seal that came in a meeting file was made in another database: the number the meeting
    # had there is part of its digest (its items name that database's rows). None: made here.
    origin: int | None = None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Seal:
        items = json.loads(row["items"])
        origin = None
        if isinstance(items, dict):  # {"meeting": N, "items": [...]}: imported (see origin)
            origin, items = items["meeting"], items["items"]
        return cls(
            id=row["id"],
            meeting_id=row["meeting_id"],
            seq=row["seq"],
            at=row["sealed_at"],
            by=row["sealed_by"],
            why=row["reason"],
            change=json.loads(row["change"]),
            previous=row["previous"],
            items=items,
            digest=row["digest"],
            origin=origin,
        )

    @property
    def sealed_meeting(self) -> int:
        """The meeting's number where it was sealed (what the digest covers)."""
        return self.origin if self.origin is not None else self.meeting_id

    @property
    def code(self) -> str:
        """The first 16 hex characters, printed in the biên bản's footer."""
        return self.digest[:CODE_LENGTH]

    def expected_digest(self) -> str:
        return seal_digest(
            meeting_id=self.sealed_meeting,
            seq=self.seq,
            at=self.at,
            by=self.by,
            why=self.why,
            change=self.change,
            previous=self.previous,
            items=self.items,
        )


# What of a petition an amendment may correct, in the words of the footer.
PETITION_FIELDS = {
    "content": "nội dung",
    "answer": "trả lời",
    "answered_by": "người trả lời",
    "forwarded_to": "cơ quan nhận",
    "responsible": "người chịu trách nhiệm",
    "due": "thời hạn",
}


# What of the meeting an amendment may correct, in the words of the footer.
MEETING_FIELDS = {
    "commune": "tên xã",
    "village": "tên thôn",
    "date": "ngày họp",
    "start": "giờ bắt đầu",
    "place": "địa điểm",
    "organiser": "đơn vị tổ chức",
    "chair_name": "người chủ trì",
    "chair_position": "chức vụ người chủ trì",
    "secretary_name": "thư ký",
    "secretary_position": "chức vụ thư ký",
    "citizens_present": "số người dân dự",
    "legal_basis": "căn cứ",
}


def footer_line(seal: Seal) -> str:
    """ "Mã xác thực: 1a2b3c4d5e6f7a8b (thông qua lúc 11:32 ngày 28/10/2021; người niêm
    phong: Hoàng Thị Yến)"; a seal made before the name was asked has none."""
    when = local(parse(seal.at))
    by = f"; người niêm phong: {seal.by}" if seal.by else ""
    return f"Mã xác thực: {seal.code} (thông qua lúc {when:%H:%M} ngày {when:%d/%m/%Y}{by})"


def footer_lines(chain: list[Seal], kinds: dict[int, str] | None = None) -> list[str]:
    """The biên bản's footer for a seal chain: the latest code (after an amendment with the
    time it was made) and the time the minutes were approved (the first seal), then one
    "Đính chính lúc …: <why> (<by>)" line per amendment; ``kinds``: each item's kind by its
    number ("phản ánh số 2", as the biên bản names it; not given: "kiến nghị")."""
    first, last = chain[0], chain[-1]
    lines = [footer_line(first)]
    if last is not first:  # the code is the last amendment's: said with its own time
        when = local(parse(last.at))
        lines = [
            footer_line(first).replace(
                f"{first.code} (thông qua",
                f"{last.code} (mã sau đính chính lúc {when:%H:%M} ngày {when:%d/%m/%Y}; "
                "biên bản thông qua",
                1,
            )
        ]
    for amended in chain[1:]:
        when = local(parse(amended.at))
        by = f" ({amended.by})" if amended.by else ""
        why = f": {amended.why}" if amended.why else ""
        what = _what(amended.change, kinds or {})
        lines.append(f"Đính chính{what} lúc {when:%H:%M} ngày {when:%d/%m/%Y}{why}{by}")
    return lines


def _what(change: dict[str, Any], kinds: dict[int, str]) -> str:
    """ " kiến nghị số 7 (trả lời)": what a petition's amendment changed, for the footer."""
    if change.get("meeting"):
        after = change.get("after", {})
        fields = ", ".join(words for key, words in MEETING_FIELDS.items() if key in after)
        return f" thông tin hội nghị ({fields})"
    if "petition" not in change:
        return ""
    after = change.get("after", {})
    fields = ", ".join(words for key, words in PETITION_FIELDS.items() if key in after)
    number = change["petition"]
    word = kind_word(kinds.get(number) if isinstance(number, int) else None).lower()
    return f" {word} số {number} ({fields})"
