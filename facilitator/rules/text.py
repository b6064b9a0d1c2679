"""Vietnamese text rules: NFC input, comparison keys, name order and date words."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from facilitator.rules.errors import TextError

MAX_SHORT = 200
MAX_LONG = 20_000

# Terminal escape sequences come whole out of a paste: CSI (ESC [ … final, or the one-byte
# CSI), OSC / DCS / APC / PM strings up to their terminator, and two-byte ESC sequences.
_ESCAPES = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|(?:\x1b[\]P_^X]|[\x90\x9d\x9e\x9f\x98])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[!-/]*[0-~]?"
)
# Control characters, zero-width characters and the bidirectional embeddings, overrides and
# isolates (U+202A-U+202E, U+2066-U+2069, LRM/RLM/ALM): they can make a name or a complaint
# read differently from what is stored. Also what XML (so .docx) cannot hold: surrogates and
# the non-characters U+FFFE, U+FFFF.
_CONTROL = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e"
    r"\u2060-\u2069\ufeff\ufff9-\ufffb\ud800-\udfff\ufffe\uffff]"
)
_SPACES = re.compile(r"[ \t\u00a0]+")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def clean(text: str | None, *, multiline: bool = False, limit: int = MAX_SHORT) -> str:
    """NFC, no control characters, trimmed; one line unless ``multiline``.

    Texts longer than ``limit`` are refused rather than cut: a silently shortened complaint
    would change what a citizen said.
    """
    if text is None:
        return ""
    value = nfc(str(text))
    if value.isprintable() and "  " not in value and "\xa0" not in value:
        # Already one clean line (most of a meeting file): no line break, tab, control,
        # format or escape character (none of them is printable), no run of spaces. The
        # steps below would only strip it.
        value = value.strip()
        if len(value) > limit:
            raise TextError("text.too_long", length=len(value), limit=limit)
        return value
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    if not multiline:
        value = value.replace("\n", " ").replace("\t", " ")
    else:
        value = value.replace("\t", "    ")
    lines = value.split("\n") if multiline else [value]
    if all(line.isprintable() for line in lines) and "  " not in value and "\xa0" not in value:
        # The common case, in one pass: nothing to remove (escape sequences, control and
        # format characters are none of them printable) and no run of spaces to fold.
        value = "\n".join(line.rstrip() for line in lines).strip()
    else:
        value = _CONTROL.sub("", _ESCAPES.sub("", value))
        if multiline:
            value = "\n".join(_SPACES.sub(" ", line).rstrip() for line in value.split("\n"))
            value = value.strip()
        else:
            value = _SPACES.sub(" ", value).strip()
    if len(value) > limit:
        raise TextError("text.too_long", length=len(value), limit=limit)
    return value


def strip_controls(text: str) -> str:
    """Escape sequences, control, zero-width and bidirectional control characters removed;
    line breaks and tabs kept, the rest in its order (for text pasted into the editor)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", _ESCAPES.sub("", text))


def split_long(text: str, limit: int = MAX_LONG) -> list[str]:
    """A text cut into pieces of at most ``limit`` characters, at a line break or a space
    where there is one in the last quarter of a piece, so that nothing is dropped."""
    pieces: list[str] = []
    while len(text) > limit:
        window = text[:limit]
        cut = max(window.rfind("\n"), window.rfind(" "))
        if cut < limit * 3 // 4:
            cut = limit
        pieces.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    pieces.append(text)
    return [p for p in pieces if p] or [""]


def visible(text: str) -> bool:
    """Whether a text holds something a reader can see (a letter, digit, mark or symbol),
    not only spaces, zero-width or combining characters."""
    return any(unicodedata.category(ch)[0] in "LNPS" for ch in text)


def fold(text: str) -> str:
    """Comparison key ignoring diacritics, case and spacing ("Nguyễn  Văn A" == "nguyen van a")."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())


# Vietnamese dictionary order: letters first (a < ă < â < b ... d < đ ...), then tones
# (none < huyền < hỏi < ngã < sắc < nặng).
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {letter: i for i, letter in enumerate(_ALPHABET)}
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def _word_key(word: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    letters: list[int] = []
    tones: list[int] = []
    base = ""
    tone = 0

    def flush() -> None:
        if base:
            letter = unicodedata.normalize("NFC", base)
            letters.append(_LETTER_RANK.get(letter, 100 + ord(letter[0])))
            tones.append(tone)

    for ch in unicodedata.normalize("NFD", word.casefold()):
        if ch in _TONES:
            tone = _TONES[ch]
        elif unicodedata.combining(ch):
            base += ch
        else:
            flush()
            base, tone = ch, 0
    flush()
    return tuple(letters), tuple(tones)


def name_sort_key(full_name: str) -> tuple[tuple[int, ...] | tuple[tuple[int, ...], ...], ...]:
    """Vietnamese name order: by given name (the last word), then family and middle names."""
    words = nfc(full_name).split()
    if not words:
        return ((), ())
    given = _word_key(words[-1])
    rest = tuple(_word_key(w) for w in words[:-1])
    return (given[0], tuple(k[0] for k in rest), given[1], tuple(k[1] for k in rest))


def sort_names(names: list[str]) -> list[str]:
    return sorted(names, key=name_sort_key)


def date_words(day: dt.date, place: str | None = None) -> str:
    """ "ngày 05 tháng 01 năm 2022": day < 10 and months 1-2 take a leading zero (Decree 30)."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    words = f"ngày {day.day:02d} tháng {month} năm {day.year}"
    return f"{place}, {words}" if place else words


def time_words(value: dt.time) -> str:
    """ "08 giờ 00 phút"."""
    return f"{value.hour:02d} giờ {value.minute:02d} phút"


def slug(text: str) -> str:
    """ASCII, Windows-safe file-name part: "Đông Phong" -> "dong-phong"."""
    words = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
    return words[:60] or "x"


TITLES = ("Ông", "Bà")


def infer_title(name: str) -> str:
    """The title a Vietnamese name says itself, from its middle names: "Thị" → "Bà" (also typed
    without accents, "Thi"), "Văn" → "Ông" (with its accent only: "Van" may be "Vân", a woman's
    name). Anything else, or both, is not inferred: "" (unknown). A suggestion for the forms
    only: the secretary sees it and can change it before saving."""
    middle = {w.casefold() for w in nfc(name).split()[1:-1]}
    woman = bool(middle & {"thị", "thi"})
    man = "văn" in middle
    if woman == man:
        return ""
    return "Bà" if woman else "Ông"


def titled(title: str | None, name: str) -> str:
    """ "Bà Phạm Thị Hòa"; an unknown title stays unknown: the name alone, never "Ông/Bà"."""
    return f"{title} {name}" if title in TITLES else name


def parse_date(value: str) -> dt.date:
    """A date as users type it: 28/10/2021, 28-10-2021 or ISO 2021-10-28."""
    text = value.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", text):
            y, m, d = (int(x) for x in text.split("-"))
        else:
            parts = re.split(r"[/.\-]", text)
            if len(parts) != 3:
                raise ValueError
            d, m, y = (int(x) for x in parts)
        return dt.date(y, m, d)
    except ValueError:
        raise TextError("text.bad_date", value=value) from None


def place_words(hamlet: str) -> str:
    """ "Đông Phong" -> "thôn Đông Phong"; a hamlet typed with its kind keeps it."""
    if not hamlet:
        return ""
    first = fold(hamlet).split(" ")[0]
    if first in {"thon", "xom", "to", "ap", "ban", "khu", "lang", "xa", "phuong"}:
        return hamlet
    return f"thôn {hamlet}"


# A place's kind word at the level of a thôn (or above), and the parts of a thôn (xóm, tổ…).
_VILLAGE_KINDS = {"thon", "ap", "ban", "lang"}
_PART_KINDS = {"xom", "to", "khu", "doi", "cum"}
_ABOVE_KINDS = {"xa", "phuong", "thi", "huyen", "quan", "tinh", "thanh"}  # the commune and up


def village_of(hamlet: str, village: str) -> str:
    """The thôn of a speaker's address, as the per-hamlet time and the forwarding letter count
    it: "xóm Giữa, Đông Phong" and "thôn Đông Phong" are Đông Phong; "Tây Phong" is Tây Phong;
    a part alone ("xóm Chùa") is a part of the meeting's thôn (``village``; none given: the
    part itself); nothing typed is
    "". The meeting's thôn is spelled as the meeting spells it (accents and case ignored)."""
    parts = [p.strip() for p in hamlet.split(",") if p.strip()]
    if not parts:
        return ""

    def kind(part: str) -> str:
        return fold(part).split(" ")[0]

    def bare(part: str) -> str:
        return part.split(" ", 1)[1].strip() if " " in part else part

    named = [p for p in parts if kind(p) in _VILLAGE_KINDS]
    if named:
        place = bare(named[0])
    else:  # the first part that is neither a part of a thôn nor the commune and up
        plain = [p for p in parts if kind(p) not in _PART_KINDS | _ABOVE_KINDS]
        place = plain[0] if plain else (village or parts[0])  # no thôn known: the part
    if fold(place) == fold(village):
        return village
    return place


def own_place(hamlet: str, village: str) -> str:
    """A citizen's place written once, with its thôn, for a letter that leaves the commune:
    "xóm Trại, Tây Phong" -> "xóm Trại, thôn Tây Phong"; "xóm Chùa" (a part alone) -> "xóm Chùa,
    thôn Đông Phong" (the meeting's ``village``); "Tây Phong" -> "thôn Tây Phong"; nothing typed
    -> "thôn Đông Phong". The parts are kept as typed, in their order; the thôn (``village_of``)
    is named before the commune and up when the address names none."""
    thon = village_of(hamlet, village) or village
    parts = [p.strip() for p in hamlet.split(",") if p.strip()]

    def kind(part: str) -> str:
        return fold(part).split(" ")[0]

    named = False
    written: list[str] = []
    for part in parts:
        if kind(part) in _VILLAGE_KINDS:
            named = True
        elif kind(part) not in _PART_KINDS | _ABOVE_KINDS and fold(part) == fold(thon):
            part, named = f"thôn {part}", True
        written.append(part)
    if not named and thon:
        above = [i for i, part in enumerate(written) if kind(part) in _ABOVE_KINDS]
        written.insert(above[0] if above else len(written), f"thôn {thon}")
    return ", ".join(written)


def hamlet_part(hamlet: str) -> str:
    """The first part of a thôn an address names ("xóm Giữa" in "xóm Giữa, Đông Phong"), as
    typed; "" when it names none."""
    for part in (p.strip() for p in hamlet.split(",")):
        if part and fold(part).split(" ")[0] in _PART_KINDS:
            return part
    return ""
