"""Who a typed "person responsible" is (trial item 5): a name typed in the F9 form instead of
picked is matched against the meeting's officials and those who answered at it with a
position, so that every document and ``followup`` print the same person the same way. Pure."""

from __future__ import annotations

from collections.abc import Iterable

from facilitator.rules.models import Official, Petition, Speaker
from facilitator.rules.text import fold


def people(
    officials: Iterable[Official], speakers: Iterable[Speaker], petitions: Iterable[Petition]
) -> list[Official]:
    """The meeting's officials, then those who answered at it with a position (an official not
    on the list), each name once."""
    out = list(officials)
    known = {fold(o.name) for o in out}
    answerers = [(s.name, s.hamlet) for s in speakers if s.kind == "answer"]
    answerers += [(p.answered_by_name or "", p.answered_by_position or "") for p in petitions]
    for name, position in answerers:
        if name.strip() and position.strip() and fold(name) not in known:
            known.add(fold(name))
            out.append(Official(0, name.strip(), position.strip(), "xã"))
    return out


def with_position(responsible: str, known: Iterable[Official]) -> str:
    """ "Nguyễn Văn Hùng, Phó Chủ tịch UBND xã" for a typed "nguyễn văn hùng" when he is one of
    ``known``; anything else (a unit, a name with its position typed) as typed."""
    for o in known:
        if fold(responsible) == fold(o.name):
            return f"{o.name}, {o.position}" if o.position else o.name
    return responsible


# First words of a unit or a post typed as responsible ("Trưởng thôn Đông Phong", "Hội Nông dân
# xã", "Ban Chỉ huy Quân sự xã"), never a Vietnamese family name.
_UNIT_WORDS = frozenset(
    "trưởng phó hội ban ủy uỷ ubnd hđnd mttq trạm phòng sở trường chi hợp htx thôn xã bộ tổ "
    "đảng trung cơ các công cán chủ bí văn".split()
)
# A title typed before a name: the name is then printed as typed.
_TITLE_WORDS = frozenset("ông bà anh chị đồng".split())


def is_person(responsible: str) -> bool:
    """Whether someone typed as responsible is a person ("Bùi Thị Mai" or "Bùi Thị Mai, Công
    chức Văn hóa - Xã hội": two to five words, each capitalised, the first no unit's), whom a
    document names "đồng chí …"; a unit ("Trưởng thôn Đông Phong", "Hội Nông dân xã") is not."""
    name = responsible.split(",")[0].split()
    if not 2 <= len(name) <= 5:
        return False
    first = name[0].lower()
    if first in _UNIT_WORDS or first in _TITLE_WORDS:
        return False
    return all(w.isalpha() and w[0].isupper() and w[1:] == w[1:].lower() for w in name)
