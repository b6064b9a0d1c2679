"""The paper trail before the meeting (SPEC §7b): thông báo tổ chức hội nghị (TB, T−7), its
loudspeaker script, giấy mời (GM) and the danh sách tham dự to sign. Always Vietnamese.

These are issued before the meeting is held, so they never carry "DỰ THẢO": the meeting is
not concluded when they are true.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt
from docx.table import _Row

from facilitator.documents.builders import (
    GROUP_WORDS,
    LEVELS,
    _clause,
    _finish,
    _legal_basis,
    by_level,
)
from facilitator.documents.layout import Align, Header, OfficialDocument
from facilitator.rules.models import Meeting, Official
from facilitator.rules.profile import Profile
from facilitator.rules.record import MeetingRecord, RecordSource
from facilitator.rules.spoken import date_spoken, number_words, time_spoken
from facilitator.rules.text import date_words, fold, infer_title, time_words

WEEKDAYS = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")
REGISTRATION_LEAD = dt.timedelta(minutes=30)  # the desk opens half an hour before the start
BLANK_ROWS = 60  # citizens' rows when nobody said how many are expected (a usual hall and more)
SPARE_ROWS = 10  # at least this many rows past the citizens expected (or a fifth more)


def citizens_rows(record: MeetingRecord) -> int:
    """The citizens' rows of the attendance sheet: the number expected (the preparation's
    "Số người dân tham dự", or its count by hamlet) and spare rows (a fifth, at least 10),
    never fewer than the citizens registered to speak and 10; none known: 60."""
    m = record.meeting
    expected = m.citizens_present or sum(m.citizens_by_hamlet.values())
    registered = sum(1 for s in record.speakers if s.kind != "answer")
    if not expected:
        return max(BLANK_ROWS, registered + SPARE_ROWS)
    return max(expected + max(SPARE_ROWS, -(-expected // 5)), registered + SPARE_ROWS)


SUBJECT = (
    "hội nghị tiếp xúc, đối thoại trực tiếp giữa Chủ tịch Ủy ban nhân dân xã với nhân dân thôn "
)
LANDSCAPE_TEXT = 252.0  # mm: 297 - 30 - 15


@dataclass
class Facts:
    """What every document before the meeting says, from the meeting, its agenda, officials
    and the commune profile."""

    meeting: Meeting
    profile: Profile
    officials: list[Official]
    agenda: list[str]
    fields: list[str]  # the fields of the opinions collected before the meeting
    collected: int

    @property
    def start(self) -> dt.time:
        return dt.time.fromisoformat(self.meeting.start)

    @property
    def desk_opens(self) -> dt.time:
        moment = dt.datetime.combine(self.meeting.date, self.start) - REGISTRATION_LEAD
        return moment.time()

    @property
    def place(self) -> str:
        return self.meeting.place or f"thôn {self.meeting.village}"

    @property
    def village_head(self) -> Official | None:
        """The Trưởng thôn, who takes registrations in the thôn before the day."""
        return next((o for o in self.officials if fold(o.position).startswith("truong thon")), None)

    @property
    def invitees(self) -> list[Official]:
        """The officials to invite: all but the chair (who signs the invitation) and the
        meeting's secretary (who writes it)."""
        hosts = {fold(self.meeting.chair_name), fold(self.meeting.secretary_name)} - {""}
        return [o for o in self.officials if fold(o.name) not in hosts]

    @property
    def chair(self) -> str:
        m = self.meeting
        position = m.chair_position or "Chủ tịch UBND xã"
        return f"đồng chí {m.chair_name}, {position}" if m.chair_name else position


def facts(record: MeetingRecord) -> Facts:
    petitions = [p for p in record.petitions if p.speaker_id is None]
    fields: list[str] = []
    for p in petitions:
        if p.area and p.area not in fields:
            fields.append(p.area)
    return Facts(
        meeting=record.meeting,
        profile=record.profile,
        officials=by_level(list(record.officials)),  # the higher level first, everywhere
        agenda=[p.name for p in record.phases],
        fields=fields,
        collected=len(petitions),
    )


def issue_day(meeting: Meeting, as_of: dt.date | None, today: dt.date) -> dt.date | None:
    """The date printed on a document issued before the meeting: the one asked for, else the
    day the meeting was announced, else today while the meeting is still ahead; a copy made
    after the meeting without either leaves the day to fill by hand (None)."""
    if as_of is not None:
        return as_of
    if meeting.announced_on is not None:
        return meeting.announced_on
    return today if today <= meeting.date else None


def _place_date(profile: Profile, day: dt.date | None, meeting: Meeting) -> str:
    if day is None:
        return f"{profile.commune}, ngày      tháng      năm {meeting.date.year}"
    return date_words(day, profile.commune)


def when_words(f: Facts) -> str:
    """ "08 giờ 00 phút, thứ Năm, ngày 28 tháng 10 năm 2021"."""
    day = f.meeting.date
    return f"{time_words(f.start)}, {WEEKDAYS[day.weekday()]}, {date_words(day)}"


def _slot_words(meeting: Meeting) -> str:
    minutes = meeting.slot_seconds / 60
    return f"{int(minutes):02d} phút" if minutes == int(minutes) else f"{minutes:g} phút"


def _content_line(f: Facts) -> str:
    text = (
        "Chủ tịch Ủy ban nhân dân xã thông tin tình hình kinh tế - xã hội của xã; trực tiếp "
        "lắng nghe, tiếp thu, giải trình và trả lời ý kiến, kiến nghị của nhân dân"
    )
    if f.fields:
        text += f", trong đó có {f.collected} ý kiến, kiến nghị đã được tổng hợp trước hội nghị "
        text += f"thuộc các lĩnh vực: {', '.join(x.lower() for x in f.fields)}"
    return text + "."


def _register_line(f: Facts) -> str:
    head = f.village_head
    before = f"với {_who(head)}" if head else f"với Trưởng thôn {f.meeting.village}"
    return (
        f"Nhân dân có ý kiến, kiến nghị đăng ký phát biểu trước {before}, hoặc tại bộ phận "
        f"đăng ký phát biểu của hội nghị từ {time_words(f.desk_opens)} ngày "
        f"{f.meeting.date:%d/%m/%Y}. Ý kiến, kiến nghị có thể gửi trước bằng văn bản qua Ban "
        "Công tác Mặt trận thôn, các tổ chức chính trị - xã hội hoặc "
        f"{f.profile.office_in_text}. Mỗi ý kiến phát biểu không quá {_slot_words(f.meeting)}."
    )


def _who(o: Official) -> str:
    """ "ông Vũ Văn Tùng, Trưởng thôn Đông Phong": the title when the name says it, else
    "đồng chí" (an official is never named bare)."""
    title = infer_title(o.name).lower() or "đồng chí"
    return f"{title} {o.name}" + (f", {o.position}" if o.position else "")


# ----- thông báo tổ chức hội nghị -----------------------------------------------------------


def announcement_document(
    source: RecordSource, meeting_id: int, as_of: dt.date | None = None, number: str | None = None
) -> bytes:
    return announcement(source.load_record(meeting_id), source.clock(), as_of, number)


def announcement(
    record: MeetingRecord,
    now: dt.datetime,
    as_of: dt.date | None = None,
    number: str | None = None,
) -> bytes:
    f = facts(record)
    m, profile = f.meeting, f.profile
    day = issue_day(m, as_of, now.date())
    doc = OfficialDocument()
    doc.header(Header(profile.ubnd_lines, number, "TB-UBND", _place_date(profile, day, m)))
    doc.title("THÔNG BÁO", f"Về việc tổ chức {SUBJECT}{m.village}")
    _legal_basis(doc, m)
    doc.para(
        f"{profile.author} thông báo tổ chức {SUBJECT}{m.village} như sau:",
    )
    for label, value in (("1. Thời gian:", when_words(f)), ("2. Địa điểm:", f.place)):
        p = doc.para()  # the label bold, the value as body text
        doc.run(p, label, bold=True)
        doc.run(p, f" {value}.")
    doc.heading("3. Nội dung")
    doc.para(_content_line(f))
    if f.agenda:
        steps = "; ".join(_clause(name)[:1].lower() + _clause(name)[1:] for name in f.agenda)
        doc.para(f"Chương trình hội nghị: {steps}.")
    doc.heading("4. Thành phần")
    doc.para(f"- Chủ trì: {f.chair};")
    groups: dict[str, list[Official]] = defaultdict(list)
    for o in f.invitees:
        groups[o.group or "xã"].append(o)
    for group in _groups(f.invitees):
        members = groups[group]
        doc.para(f"- {GROUP_WORDS.get(group, 'Đại biểu ' + group)}:")
        for o in members:
            doc.para(f"+ Đồng chí {o.name}" + (f", {o.position};" if o.position else ";"))
    doc.para(
        f"- Nhân dân thôn {m.village}: đại diện các hộ gia đình và toàn thể nhân dân có nhu cầu "
        "tham dự."
    )
    doc.heading("5. Đăng ký phát biểu")
    doc.para(_register_line(f))
    doc.heading("6. Tổ chức thực hiện")
    head = f"Trưởng thôn {m.village}"
    doc.para(
        f"{profile.radio} và {head} thông báo rộng rãi để nhân dân được biết; "
        f"{profile.office_in_text} chuẩn bị địa điểm, tài liệu và các điều kiện tổ chức hội nghị."
    )
    last = doc.para(
        f"{profile.author} trân trọng kính mời các đồng chí đại biểu và nhân dân thôn "
        f"{m.village} đến dự đông đủ, đúng giờ"
    )
    doc.end_with_stop(last)
    doc.recipients_and_signature(
        profile.recipient_lines("announcement", f"Thôn {m.village}"),
        ["TM. ỦY BAN NHÂN DÂN", *profile.signer_lines],
        m.chair_name,
    )
    return _finish(doc, now, profile, "Thông báo tổ chức hội nghị tiếp xúc, đối thoại", m)


# ----- loudspeaker script -------------------------------------------------------------------

# What an announcer cannot read as written: abbreviations, in the order they must be tried.
_SPOKEN_NAMES = (
    ("UBMTTQ", "Ủy ban Mặt trận Tổ quốc"),
    ("MTTQ", "Mặt trận Tổ quốc"),
    ("UBND", "Ủy ban nhân dân"),
    ("HĐND", "Hội đồng nhân dân"),
    ("TDP", "tổ dân phố"),
    ("NVH", "nhà văn hóa"),
)


def read_aloud(text: str) -> str:
    """A text as an announcer reads it: abbreviations spelled out, numbers in words."""
    for short, long in _SPOKEN_NAMES:
        text = re.sub(rf"\b{short}\b", long, text)
    return re.sub(r"\d+", lambda match: number_words(int(match.group())), text)


def radio_script(source: RecordSource, meeting_id: int) -> bytes:
    return radio(source.load_record(meeting_id))


def radio(record: MeetingRecord) -> bytes:
    """The announcement as the commune loudspeaker reads it (UTF-8 plain text): dates, times
    and numbers in words, no abbreviation, no legal references to stumble over."""
    f = facts(record)
    m, profile = f.meeting, f.profile
    head = f.village_head
    slot = m.slot_seconds // 60
    speak = (
        f"mỗi ý kiến phát biểu không quá {number_words(slot)} phút"
        if slot * 60 == m.slot_seconds
        else f"mỗi ý kiến phát biểu không quá {number_words(m.slot_seconds)} giây"
    )
    register_with = _who(head) if head else f"Trưởng thôn {m.village}"
    fields = f", nhất là về {', '.join(x.lower() for x in f.fields)}" if f.fields else ""
    others = [GROUP_WORDS.get(g, "đại biểu " + g).lower() for g in _groups(f.invitees)]
    attending = ", ".join([*others, f"toàn thể bà con nhân dân thôn {m.village}"])
    paragraphs = [
        "THÔNG BÁO",
        f"Về việc tổ chức {SUBJECT}{m.village}",
        f"Kính thưa bà con nhân dân thôn {m.village}!",
        f"{profile.author} tổ chức {SUBJECT}{m.village}.",
        f"Thời gian: vào lúc {time_spoken(f.start)}, {date_spoken(m.date, weekday=True)}.",
        f"Địa điểm: tại {f.place}.",
        f"Nội dung: Chủ tịch Ủy ban nhân dân xã trực tiếp lắng nghe, giải trình và trả lời ý "
        f"kiến, kiến nghị của bà con nhân dân{fields}.",
        f"Chủ trì hội nghị: {f.chair}. Tham dự hội nghị có: {attending}.",
        f"Bà con có ý kiến, kiến nghị xin đăng ký phát biểu trước với {register_with}, hoặc tại "
        f"bàn đăng ký của hội nghị từ {time_spoken(f.desk_opens)} cùng ngày; {speak}.",
        f"{profile.author} trân trọng kính mời bà con nhân dân thôn {m.village} đến dự đông "
        "đủ, đúng giờ.",
        f"Trên đây là thông báo của {profile.author}. {profile.radio} xin thông báo để bà con "
        "nhân dân được biết.",
    ]
    text = "\r\n\r\n".join(read_aloud(p) for p in paragraphs) + "\r\n"
    # A byte-order mark and CRLF: Notepad on an old Windows shows the accents and the lines.
    return "\ufeff".encode() + text.encode("utf-8")


def _groups(officials: list[Official]) -> list[str]:
    out: list[str] = []
    for o in officials:
        if (o.group or "xã") not in out:
            out.append(o.group or "xã")
    return sorted(out, key=lambda g: LEVELS.index(g) if g in LEVELS else len(LEVELS))


# ----- giấy mời --------------------------------------------------------------------------------


def invitation_document(
    source: RecordSource, meeting_id: int, as_of: dt.date | None = None, number: str | None = None
) -> bytes:
    return invitation(source.load_record(meeting_id), source.clock(), as_of, number)


def invitation(
    record: MeetingRecord,
    now: dt.datetime,
    as_of: dt.date | None = None,
    number: str | None = None,
) -> bytes:
    """One .docx, one page per invited official (each page a document of its own, numbered on
    its own), printed in one go and signed one by one. No official entered: one invitation with
    the name left to fill by hand."""
    f = facts(record)
    m, profile = f.meeting, f.profile
    day = issue_day(m, as_of, now.date())
    doc = OfficialDocument()
    invitees: list[Official | None] = list(f.invitees) or [None]
    for i, official in enumerate(invitees):
        if i:
            doc.next_piece()
        doc.header(Header(profile.ubnd_lines, number, "GM-UBND", _place_date(profile, day, m)))
        doc.title("GIẤY MỜI", f"Dự {SUBJECT}{m.village}")
        doc.para(f"{profile.author} trân trọng kính mời:", indent=False)
        name = official.name if official else "……………………………………"
        position = (official.position if official else "") or "……………………………………"
        p = doc.para(indent=False, align=Align.CENTER)
        doc.run(p, f"Đồng chí: {name}", bold=True)
        p = doc.para(indent=False, align=Align.CENTER)
        doc.run(p, f"Chức vụ: {position}")
        doc.para(f"Tới dự {SUBJECT}{m.village}.")
        p = doc.para()
        doc.run(p, "Thời gian: ", bold=True)
        doc.run(p, f"{when_words(f)}.")
        p = doc.para()
        doc.run(p, "Địa điểm: ", bold=True)
        doc.run(p, f"{f.place}.")
        p = doc.para()
        doc.run(p, "Nội dung: ", bold=True)
        doc.run(p, _content_line(f))
        # The same words for every guest: a district representative or the Mặt trận's chair
        # is invited to attend, not to answer.
        doc.para(f"Chủ trì hội nghị: {f.chair}.")

        last = doc.para("Rất mong đồng chí đến dự đầy đủ, đúng giờ")
        doc.end_with_stop(last)
        doc.recipients_and_signature(
            ["- Như trên;", f"- Lưu: VT{', ' + profile.office if profile.office.strip() else ''}."],
            ["TM. ỦY BAN NHÂN DÂN", *profile.signer_lines],
            m.chair_name,
        )
    return _finish(doc, now, profile, "Giấy mời dự hội nghị tiếp xúc, đối thoại", m)


# ----- danh sách tham dự ---------------------------------------------------------------------

ATTENDANCE_WIDTHS = (13, 62, 72, 25, 45, 35)  # 252 mm: the landscape text width
ROW_HEIGHT = Mm(9)  # room to sign


def attendance_document(
    source: RecordSource, meeting_id: int, blank_rows: int | None = None
) -> bytes:
    return attendance(source.load_record(meeting_id), source.clock(), blank_rows)


def attendance(record: MeetingRecord, now: dt.datetime, blank_rows: int | None = None) -> bytes:
    """Landscape: the officials with their positions already printed, then numbered blank rows
    for the citizens (as many as expected, and spare: ``citizens_rows``); arrival time and
    signature for every row."""
    if blank_rows is None:
        blank_rows = citizens_rows(record)
    f = facts(record)
    m, profile = f.meeting, f.profile
    doc = OfficialDocument()
    doc.landscape()
    doc.header(Header(profile.ubnd_lines, None, "", date_words(m.date, profile.commune)), (95, 157))
    doc.title(
        "DANH SÁCH THAM DỰ",
        f"{SUBJECT[0].upper()}{SUBJECT[1:]}{m.village}",
        width_mm=LANDSCAPE_TEXT,
    )
    doc.para(
        f"Thời gian: {when_words(f)}. Địa điểm: {f.place}.",
        align=Align.CENTER,
        indent=False,
    )
    head = ["STT", "Họ và tên", "Chức vụ, đơn vị / Thôn, xóm", "Giờ đến", "Ký tên", "Ghi chú"]
    rows: list[list[str]] = [["I.", "ĐẠI BIỂU", "", "", "", ""]]
    rows += [[str(i), o.name, o.position, "", "", ""] for i, o in enumerate(f.officials, 1)]
    if not f.officials:
        rows += [[str(i), "", "", "", "", ""] for i in range(1, 6)]
    rows.append(["II.", f"NHÂN DÂN THÔN {m.village.upper()}", "", "", "", ""])
    rows += [[str(i), "", "", "", "", ""] for i in range(1, blank_rows + 1)]
    table = doc.grid(head, rows, ATTENDANCE_WIDTHS, size=13, centred=(0, 3))
    for row, values in zip(table.rows[1:], rows, strict=True):
        if values[0].endswith("."):  # a part's heading: one cell across, bold
            merged = row.cells[1].merge(row.cells[-1])
            for paragraph in merged.paragraphs[1:]:
                paragraph._p.getparent().remove(paragraph._p)
            for cell in (row.cells[0], merged):
                for run in cell.paragraphs[0].runs:
                    run.bold = True
        _height(row, ROW_HEIGHT)
        for cell in row.cells:
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    last = doc.para("Tổng số: ……… đại biểu; ……… người dân tham dự hội nghị", indent=False)
    last.paragraph_format.space_before = Pt(12)
    doc.end_with_stop(last)
    doc.signatures(
        ["THƯ KÝ"],
        ["CHỦ TỌA"],
        (m.secretary_name, m.chair_name),
        widths_mm=(126, 126),
    )
    for cell in doc.doc.tables[-1].rows[0].cells:  # a line of air under the total
        cell.paragraphs[0].paragraph_format.space_before = Pt(12)
    return _finish(doc, now, profile, "Danh sách tham dự hội nghị tiếp xúc, đối thoại", m)


def _height(row: _Row, height: Length) -> None:
    """At least ``height``: a signature fits; a long position still wraps."""
    tr_pr = row._tr.get_or_add_trPr()
    element = OxmlElement("w:trHeight")
    element.set(qn("w:val"), str(int(height.twips)))
    element.set(qn("w:hRule"), "atLeast")
    tr_pr.append(element)
