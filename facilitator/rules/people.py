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
