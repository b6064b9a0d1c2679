"""Reading the QR code of a chip-based citizen ID card (Căn cước công dân) at registration.

A USB scanner types the code as one line followed by Enter, seven fields separated by "|":

    số CCCD | số CMND cũ (may be empty) | họ và tên | ngày sinh ddmmyyyy | giới tính |
    nơi thường trú | ngày cấp ddmmyyyy

Personal data (Luật Bảo vệ dữ liệu cá nhân 91/2025): only the name, the title (from the gender)
and the hamlet (from the address) leave this module. The ID numbers, the date of birth, the
address and the issue date are never returned, stored, logged or shown; to warn about a second
scan of the same card, the card number is only ever given out as an HMAC-SHA256 under the
meeting's own random salt, which is deleted with the hashes when the meeting is concluded.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from facilitator.rules.errors import NotACard
from facilitator.rules.text import clean, fold, nfc, visible

FIELDS = 7
# Words that name a hamlet's kind: "Thôn Đông Phong" and "Đông Phong" are the same hamlet.
_KINDS = (
    "thon",
    "xom",
    "ap",
    "ban",
    "buon",
    "lang",
    "soc",
    "khom",
    "khoi",
    "khu pho",
    "khu",
    "to dan pho",
    "to",
    "doi",
    "plei",
)
_KIND = re.compile(r"^(?:" + "|".join(re.escape(k) for k in _KINDS) + r")\b\s*")


@dataclass(frozen=True)
class CardReading:
    """What a scan gives the registration: nothing else of the card is kept."""

    name: str
    title: str  # "Ông" (Nam) or "Bà" (Nữ)
    hamlet: str
    digest: str  # HMAC-SHA256 of the card number under the meeting's salt (hex)

    def __repr__(self) -> str:  # the digest stays out of logs and tracebacks
        return f"CardReading(name={self.name!r}, title={self.title!r}, hamlet={self.hamlet!r})"


def looks_like_code(text: str) -> bool:
    """Whether a name field holds a scanned code rather than a name: fields separated by "|",
    a URL, an EMVCo payment code (bank transfer, VietQR: "000201…") or a long number."""
    value = text.strip()
    return bool(
        "|" in value
        or "://" in value
        or value.casefold().startswith("www.")
        or re.match(r"0002[0-9]{2}", value)
        or re.search(r"[0-9]{9,}", value)
    )


def starts_like_a_number(text: str) -> bool:
    """A name field starting with a digit holds a number (a card being scanned): shown masked."""
    return bool(re.match(r"\s*[0-9]", text))


def _date(text: str) -> dt.date:
    if not re.fullmatch(r"[0-9]{8}", text):
        raise NotACard("card.date_format")
    try:
        return dt.date(int(text[4:]), int(text[2:4]), int(text[:2]))
    except ValueError:
        raise NotACard("card.date_unreal") from None


def _bare(place: str) -> str:
    """Comparison key of a hamlet: no diacritics, no case, no kind word ("Thôn")."""
    return _KIND.sub("", fold(place), count=1).strip()


def hamlet_of(address: str, hamlets: Sequence[str], village: str = "") -> str:
    """The part of the address naming one of the commune's hamlets (as the profile spells
    it), compared ignoring diacritics, case and a kind word; with no hamlet list, the meeting's
    village; else the address's first part."""
    parts = [p.strip() for p in nfc(address).split(",") if p.strip()]
    known = [h for h in hamlets if _bare(h)] or ([village] if _bare(village) else [])
    for part in parts:
        key = _bare(part)
        for hamlet in known:
            if key == _bare(hamlet):
                return hamlet
    return parts[0] if parts else ""


def digest(number: str, salt: bytes) -> str:
    # hashlib and hmac (OpenSSL, ~2 ms) load with the first card read, not with the live
    # screen, which imports this module only for starts_like_a_number.
    import hashlib
    import hmac

    return hmac.new(salt, number.encode("ascii"), hashlib.sha256).hexdigest()


def _name(text: str) -> str:
    name = clean(text)
    if not name or not visible(name) or any(ch.isdigit() for ch in name):
        raise NotACard("card.bad_name")
    if name == name.upper():  # printed in capitals on some cards: "NGUYỄN VĂN THÀNH"
        name = " ".join(w[:1] + w[1:].lower() for w in name.split())
    return name


def read_card(
    line: str, *, salt: bytes, hamlets: Sequence[str] = (), village: str = ""
) -> CardReading:
    """The name, title and hamlet of a scanned card line, or NotACard: never half a reading."""
    fields = nfc(line).strip("\r\n").split("|")
    if len(fields) != FIELDS:
        raise NotACard("card.field_count", fields=FIELDS, count=len(fields))
    number, old_number, name, born, gender, address, issued = (f.strip() for f in fields)
    if not re.fullmatch(r"[0-9]{12}", number):
        raise NotACard("card.number")
    if old_number and not re.fullmatch(r"[0-9]{9}|[0-9]{12}", old_number):
        raise NotACard("card.old_number")
    _date(born)
    _date(issued)
    title = {"nam": "Ông", "nu": "Bà"}.get(fold(gender))
    if title is None:
        raise NotACard("card.sex")
    try:
        person = _name(name)
        place = clean(address)
    except ValueError as exc:
        raise NotACard.of(exc) from None
    if not place:
        raise NotACard("card.no_residence")
    hamlet = clean(hamlet_of(place, hamlets, village))
    return CardReading(person, title, hamlet, digest(number, salt))
