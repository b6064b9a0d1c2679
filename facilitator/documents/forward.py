"""Công văn chuyển kiến nghị (plan III.3.1): one letter per receiving body, for the petitions
forwarded to it (outcome ``forwarded``, ``forwarded_to``). Always Vietnamese."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from docx.shared import Pt

from facilitator.documents.builders import _clause, _header
from facilitator.documents.layout import Align, OfficialDocument
from facilitator.rules.kinds import kind_word
from facilitator.rules.models import Meeting, Petition, Speaker
from facilitator.rules.record import MeetingRecord, RecordSource
from facilitator.rules.text import fold, own_place, titled, village_of


@dataclass
class Letter:
    body: str  # the receiving body, as typed in forwarded_to
    petitions: list[Petition]
    data: bytes


def forwarded_by_body(record: MeetingRecord) -> dict[str, list[Petition]]:
    """Forwarded petitions grouped by receiving body, in the order they were first named;
    the same body typed with other spaces or case is one body."""
    groups: dict[str, list[Petition]] = defaultdict(list)
    names: dict[str, str] = {}
    for p in record.petitions:
        body = " ".join((p.forwarded_to or "").split())
        if p.outcome != "forwarded" or not body:
            continue
        key = body.casefold()
        names.setdefault(key, body)
        groups[names[key]].append(p)
    return dict(groups)


def letter_code(office: str) -> str:
    """ "UBND-VP": the letter's symbol with the office's short name (commune profile)."""
    return f"UBND-{office.strip()}" if office.strip() else "UBND"


def _petitioner(p: Petition, speakers: dict[int, Speaker], village: str) -> str:
    if p.speaker_id and p.speaker_id in speakers:
        speaker = speakers[p.speaker_id]
        # one place per person, with its thôn: "Bà … (xóm Trại, thôn Tây Phong)"; the meeting's
        # thôn only where the address names none ("(xóm Chùa, thôn Đông Phong)")
        return f"{titled(speaker.title, speaker.name)} ({own_place(speaker.hamlet, village)})"
    if p.source and p.source != "meeting":
        return f"Ý kiến của nhân dân thôn {village} qua {p.source}"
    return f"Ý kiến của nhân dân thôn {village}"


def forward_letters(
    source: RecordSource, meeting_id: int, as_of: dt.date | None = None, number: str | None = None
) -> list[Letter]:
    return letters(source.load_record(meeting_id), source.clock(), as_of, number)


def letters(
    record: MeetingRecord,
    now: dt.datetime,
    as_of: dt.date | None = None,
    number: str | None = None,
) -> list[Letter]:
    """One Công văn per body; no forwarded petition: no letter."""
    day = as_of or now.date()
    return [
        _letter(record, body, petitions, now, day, number)
        for body, petitions in forwarded_by_body(record).items()
    ]


def _letter(
    record: MeetingRecord,
    body: str,
    petitions: list[Petition],
    now: dt.datetime,
    day: dt.date,
    number: str | None,
) -> Letter:
    """The Công văn to one receiving body."""
    meeting, profile = record.meeting, record.profile
    speakers = record.speakers_by_id()
    doc = OfficialDocument()
    code = letter_code(profile.office)
    _header(doc, profile, number, code, day)
    # "V/v …" (trích yếu) under the number, 12 pt, centred in the left column
    cell = doc.doc.tables[0].rows[1].cells[0]
    summary = doc.para(
        "V/v chuyển ý kiến, kiến nghị của công dân",
        size=12,
        align=Align.CENTER,
        indent=False,
        after=0,
        container=cell,
    )
    summary.paragraph_format.space_before = Pt(2)
    if not meeting.concluded:
        draft = doc.para("DỰ THẢO", bold=True, size=14, align=Align.CENTER, indent=False)
        draft.paragraph_format.space_before = Pt(12)
    to = doc.para(align=Align.CENTER, indent=False, after=12)
    to.paragraph_format.space_before = Pt(18)
    doc.run(to, "Kính gửi: ")
    doc.run(to, f"{body}.")
    doc.para(
        f"Ngày {meeting.date:%d/%m/%Y}, {profile.author} tổ chức hội nghị tiếp xúc, đối thoại "
        f"trực tiếp giữa Chủ tịch Ủy ban nhân dân xã với nhân dân thôn {meeting.village}. "
        "Tại hội nghị, nhân dân có ý kiến, kiến nghị thuộc thẩm quyền giải quyết của Quý cơ "
        "quan, cụ thể như sau:"
    )
    for i, p in enumerate(petitions, start=1):
        _item(doc, i, p, speakers, meeting)
    last = doc.para(
        f"{profile.author} chuyển các nội dung trên đến {body} xem xét, giải quyết theo thẩm "
        "quyền và trả lời công dân; đồng thời thông báo kết quả về Ủy ban nhân dân xã (qua "
        f"{profile.office_in_text}) để tổng hợp, công khai cho nhân dân được biết"
    )
    doc.end_with_stop(last)
    office = f", {profile.office}" if profile.office.strip() else ""
    # the thôn of each petitioner (by the village part of the address; an opinion collected
    # before the meeting or an address without one: the meeting's thôn), each once
    villages: dict[str, str] = {}
    for p in petitions:
        speaker = speakers.get(p.speaker_id) if p.speaker_id else None
        place = village_of(speaker.hamlet, meeting.village) if speaker else ""
        place = place or meeting.village
        villages.setdefault(fold(place), place)
    doc.recipients_and_signature(
        ["- Như trên;", *(f"- Thôn {v};" for v in villages.values()), f"- Lưu: VT{office}."],
        ["TM. ỦY BAN NHÂN DÂN", *profile.signer_lines],
        meeting.chair_name,
    )
    title = f"Công văn chuyển ý kiến, kiến nghị của công dân đến {body}"
    return Letter(body, petitions, doc.to_bytes(title, profile.author, now))


def _item(
    doc: OfficialDocument, i: int, p: Petition, speakers: dict[int, Speaker], meeting: Meeting
) -> None:
    """One forwarded petition: who, its kind and field, the words, the task, the answer given."""
    paragraph = doc.para()
    doc.run(paragraph, f"{i}. {_petitioner(p, speakers, meeting.village)}", bold=True)
    field = f", lĩnh vực {p.area}" if p.area else ""
    doc.run(paragraph, f" ({kind_word(p.kind).lower()}{field})")
    doc.run(paragraph, f": “{_clause(p.content)}”.")
    if p.forward_task.strip():
        doc.run(paragraph, f" Đề nghị: {_clause(p.forward_task)}.")
    if p.answer:
        who = p.answered_by_name or meeting.chair_name or "Chủ tọa"
        if p.answered_by_position:
            who += f", {p.answered_by_position}"
        doc.para(f"Ý kiến trả lời tại hội nghị (đồng chí {who}): {_clause(p.answer)}.")
