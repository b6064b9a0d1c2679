"""The commune profile (SPEC §7a): every organisation name a document prints.

One profile per database. A meeting keeps the profile it was held under: the store freezes a copy
when the meeting opens (or when a meeting file brings its own), and documents read that copy.
Defaults follow the two-level local government in force since 1/7/2025: no district level.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from facilitator.rules.errors import ProfileError
from facilitator.rules.text import TextError, clean

DOC_TYPES = ("announcement", "minutes", "conclusion", "report")

# Two-level local government (since 1/7/2025): the commune reports to its own Party committee,
# People's Council and Fatherland Front; there is no district to copy.
DEFAULT_RECIPIENTS: dict[str, list[str]] = {
    # The announcement (T-7) goes to those who carry it to the people, besides the thôn itself.
    "announcement": [
        "Thường trực Đảng ủy xã",
        "Thường trực HĐND xã",
        "Ủy ban MTTQ Việt Nam xã",
        "Hệ thống truyền thanh cơ sở xã",
    ],
    "minutes": ["Thường trực Đảng ủy xã", "Thường trực HĐND xã", "Ủy ban MTTQ Việt Nam xã"],
    "conclusion": [
        "Thường trực Đảng ủy xã",
        "Thường trực HĐND xã",
        "Ủy ban MTTQ Việt Nam xã",
        "Các cơ quan, đơn vị được giao nhiệm vụ",
    ],
    "report": ["Thường trực Đảng ủy xã", "Thường trực HĐND xã", "Ủy ban MTTQ Việt Nam xã"],
}

# Keys as `facilitator profile edit KEY VALUE` and the profile screen name them.
KEYS = (
    "province",
    "commune",
    "ubnd",
    "party",
    "signer",
    "office",
    "office_name",
    "radio",
    "hamlets",
    "recipients.announcement",
    "recipients.minutes",
    "recipients.conclusion",
    "recipients.report",
)
LIST_KEYS = {"hamlets", *(f"recipients.{doc}" for doc in DOC_TYPES)}


def commune_name(text: str) -> str:
    """The commune's name without the word "Xã" ("Xã Bình Lãng" -> "Bình Lãng"): documents add
    it themselves ("XÃ BÌNH LÃNG", "Đảng ủy xã Bình Lãng"), so typed with it or without, it is
    never printed twice."""
    name = text.strip()
    while name[:3].casefold() == "xã " and name[3:].strip():
        name = name[3:].strip()
    return name


@dataclass
class Profile:
    province: str = ""
    commune: str = ""
    ubnd: str = ""  # as printed, lines joined by " / "; blank: "ỦY BAN NHÂN DÂN / XÃ <COMMUNE>"
    party: str = ""  # blank: "Đảng ủy xã <commune>"
    signer: str = "CHỦ TỊCH"  # under "TM. ỦY BAN NHÂN DÂN"; " / " for two lines
    office: str = "VP"  # "Lưu: VT, VP."
    office_name: str = "Văn phòng HĐND và UBND xã"
    radio: str = "Hệ thống truyền thanh cơ sở xã"
    hamlets: list[str] = field(default_factory=list)
    recipients: dict[str, list[str]] = field(
        default_factory=lambda: {k: list(v) for k, v in DEFAULT_RECIPIENTS.items()}
    )

    # ----- what documents print -------------------------------------------------------------
    def resolved(self, commune: str) -> Profile:
        """Blank names filled from the commune (the meeting's, when the profile has none)."""
        out = dataclasses.replace(self, hamlets=list(self.hamlets))
        out.recipients = {k: list(self.recipients.get(k, [])) for k in DOC_TYPES}
        out.commune = commune_name(self.commune or commune)
        if not out.ubnd:
            out.ubnd = f"ỦY BAN NHÂN DÂN / XÃ {out.commune.upper()}"
        if not out.party:
            out.party = f"Đảng ủy xã {out.commune}"
        return out

    @property
    def office_in_text(self) -> str:
        """The office's name inside a sentence: "Văn phòng\u00a0- Thống kê", the space before the
        dash never breaking, so no line starts with "- Thống kê" and looks like a list item."""
        return self.office_name.replace(" - ", "\u00a0- ")

    @property
    def ubnd_lines(self) -> list[str]:
        return [part.strip() for part in self.ubnd.split("/") if part.strip()]

    @property
    def signer_lines(self) -> list[str]:
        return [part.strip() for part in self.signer.split("/") if part.strip()]

    @property
    def author(self) -> str:
        """The UBND's name in running text: "Ủy ban nhân dân xã Bình Lãng"."""
        lines = self.ubnd_lines
        if len(lines) < 2 or lines[0].upper() != "ỦY BAN NHÂN DÂN":
            return " ".join(lines)
        rest = " ".join(lines[1:])
        for level in ("đặc khu", "thị trấn", "phường", "xã"):
            if rest.upper().startswith(level.upper() + " "):
                name = rest[len(level) + 1 :].strip()
                name = self.commune if name.upper() == self.commune.upper() else name.title()
                return f"Ủy ban nhân dân {level} {name}"
        return f"Ủy ban nhân dân {rest.title()}"

    def recipient_lines(self, doc: str, *extra: str) -> list[str]:
        """ "- …;" lines, the last "- Lưu: VT, <office>."."""
        names = [*self.recipients.get(doc, []), *extra]
        lines = [f"- {n.strip().rstrip(';.')};" for n in names if n.strip()]
        office = f", {self.office}" if self.office.strip() else ""
        return [*lines, f"- Lưu: VT{office}."]

    # ----- storage and files ----------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Profile:
        base = cls()
        values: dict[str, Any] = {}
        for f in dataclasses.fields(cls):
            if f.name in data and data[f.name] is not None:
                values[f.name] = data[f.name]
        out = dataclasses.replace(base, **values)
        out.hamlets = [str(h) for h in out.hamlets]
        # A profile saved before a document type existed gets that type's default recipients.
        out.recipients = {
            k: [str(x) for x in (out.recipients.get(k) or [])]
            if k in out.recipients
            else list(DEFAULT_RECIPIENTS[k])
            for k in DOC_TYPES
        }
        return out

    # ----- editing --------------------------------------------------------------------------
    def get(self, key: str) -> str:
        """A value as typed: lists joined by "; "."""
        if key not in KEYS:
            raise ProfileError("profile.no_item", key, item=key)
        if key == "hamlets":
            return "; ".join(self.hamlets)
        if key.startswith("recipients."):
            return "; ".join(self.recipients.get(key.split(".", 1)[1], []))
        return str(getattr(self, key))

    def edited(self, key: str, value: str) -> Profile:
        """A copy with one value changed; lists are typed separated by ";"."""
        if key not in KEYS:
            raise ProfileError("profile.no_item_listed", key, item=key, items=", ".join(KEYS))
        out = Profile.from_dict(self.to_dict())
        try:
            if key in LIST_KEYS:
                items = [clean(x) for x in value.replace("\n", ";").split(";")]
                items = [x for x in items if x]
                if key == "hamlets":
                    out.hamlets = items
                else:
                    out.recipients[key.split(".", 1)[1]] = items
                return out
            text = clean(value)
        except TextError as exc:
            raise ProfileError.of(exc, key) from exc
        if key in ("signer", "office_name", "radio") and not text:
            raise ProfileError("required", key)
        if key == "commune":
            text = commune_name(text)
        setattr(out, key, text)
        return out


def district_era(commune: str, province: str, hamlets: list[str]) -> Profile:
    """The profile of a commune before 1/7/2025 (the demo of 2021): a district above it."""
    return Profile(
        province=province,
        commune=commune,
        ubnd=f"ỦY BAN NHÂN DÂN / XÃ {commune.upper()}",
        party=f"Đảng ủy xã {commune}",
        signer="CHỦ TỊCH",
        office="VP-TK",
        office_name="Văn phòng - Thống kê",
        radio="Đài truyền thanh xã",
        hamlets=hamlets,
        recipients={
            "announcement": ["Thường trực Đảng ủy, HĐND xã", "UBMTTQ xã", "Đài truyền thanh xã"],
            "minutes": ["Thường trực Đảng ủy, HĐND xã", "UBMTTQ xã"],
            "conclusion": [
                "Ban Dân vận Huyện ủy",
                "Thường trực Đảng ủy, HĐND xã",
                "UBMTTQ và các đoàn thể xã",
                "Cán bộ, công chức được giao nhiệm vụ",
            ],
            "report": ["Ban Dân vận Huyện ủy", "Thường trực Đảng ủy, HĐND xã", "UBMTTQ xã"],
        },
    )
