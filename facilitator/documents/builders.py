"""The three documents: biên bản (BB), thông báo kết luận (TB), báo cáo (BC). Always Vietnamese."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable

from docx.shared import Pt

from facilitator.documents.layout import Align, Header, OfficialDocument, number_line
from facilitator.rules.clock import local
from facilitator.rules.deadlines import status_of
from facilitator.rules.kinds import KIND_WORDS, KINDS, LAW_WORDS, is_ordinary, kind_word
from facilitator.rules.models import Meeting, MinutesEntry, Official, Petition, PhaseRecord, Speaker
from facilitator.rules.people import is_person, people
from facilitator.rules.profile import Profile
from facilitator.rules.record import MeetingRecord, RecordSource
from facilitator.rules.satisfaction import SATISFACTION, SATISFACTION_WORDS, is_answered
from facilitator.rules.seals import footer_lines
from facilitator.rules.text import TITLES, date_words, fold, place_words, time_words, titled

OUTCOME_WORDS = {
    "answered": "Đã trả lời tại hội nghị",
    "assigned": "Giao giải quyết",
    "forwarded": "Chuyển cấp trên",
    "noted": "Ghi nhận, tiếp thu",
    None: "Đang xem xét, trả lời sau",
}
UNASSIGNED = "chưa phân công"
DOTTED_LINE = "…" * 32  # a line to write on by hand: the width of the text at 14 pt
# Luật Tố cáo 2018 (Điều 47, 48): who denounces is kept secret in what the office publishes.
SECRET = "Người tố cáo được giữ bí mật"
GROUP_WORDS = {"huyện": "Đại biểu huyện", "xã": "Đại biểu xã", "thôn": "Đại biểu thôn"}
LEVELS = ("tỉnh", "huyện", "xã", "thôn")  # the higher level is named first


def by_level(officials: list[Official]) -> list[Official]:
    """The officials in the order of protocol, the same in every document: the higher level
    first (tỉnh, huyện, xã, thôn, then any other group), entry order within a level."""
    return sorted(
        officials,
        key=lambda o: LEVELS.index(o.group or "xã") if (o.group or "xã") in LEVELS else len(LEVELS),
    )


def _clause(text: str) -> str:
    """A text to embed mid-sentence: no final full stop or semicolon."""
    return text.strip().rstrip(".;!").strip()


def _starts_with(text: str, word: str) -> bool:
    """Whether a typed text already begins with a label word ("Khiếu nại việc …" and the label
    "Khiếu nại"), ignoring case and accents: the label is then not printed a second time."""
    folded, key = fold(text), fold(word)
    return folded == key or folded.startswith(key + " ") or folded.startswith(key + ":")


def _says_answer(text: str) -> bool:
    """A typed answer that names its speaker itself ("Chủ tịch UBND xã trả lời: …")."""
    first = fold(text.split("\n", 1)[0])
    head, colon, _ = first.partition(":")
    return bool(colon) and len(head) <= 80 and head.endswith("tra loi") and "." not in head


def _sentence(text: str) -> str:
    """A typed text as typed, with a full stop when it ends without punctuation."""
    text = text.strip()
    return text if text[-1:] in ".?!…;:" else f"{text}."


def _people(record: MeetingRecord) -> list[Official]:
    """Whom a typed person responsible is matched against (``rules.people``)."""
    return people(record.officials, record.speakers, record.petitions)


def _responsible(responsible: str, officials: list[Official]) -> str:
    """Who is responsible, inside a sentence: one of the meeting's officials is "đồng chí <name>,
    <position>" (the position added when not typed), any other person typed "đồng chí <as
    typed>"; a unit stays as typed (trial 9: never "đồng chí" for one and not the other)."""
    for o in officials:
        if fold(responsible) == fold(o.name):
            return f"đồng chí {o.name}, {o.position}" if o.position else f"đồng chí {o.name}"
        if fold(responsible).startswith(fold(o.name) + ","):
            return f"đồng chí {responsible}"
    return f"đồng chí {responsible}" if is_person(responsible) else responsible


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _start_time(meeting: Meeting) -> dt.time:
    if meeting.started_at:
        return local(meeting.started_at).time()
    return dt.time.fromisoformat(meeting.start)


def _other_day(meeting: Meeting, moment: dt.datetime) -> dt.date | None:
    """The day of a moment of the meeting when it is not the day it started (a meeting that
    runs past midnight), counted from the meeting's date; ``None`` on the same day."""
    start_day = local(meeting.started_at).date() if meeting.started_at else meeting.date
    days = (local(moment).date() - start_day).days
    return meeting.date + dt.timedelta(days=days) if days else None


def _moment_words(meeting: Meeting, moment: dt.datetime) -> str:
    """ "08 giờ 30 phút"; on another day than the start "00 giờ 02 phút, ngày 29/10/2021"."""
    day = _other_day(meeting, moment)
    return time_words(local(moment).time()) + (f", ngày {day:%d/%m/%Y}" if day else "")


def _header(
    doc: OfficialDocument, profile: Profile, number: str | None, code: str, day: dt.date
) -> None:
    """The header table every document of the commune starts with (names from the profile)."""
    doc.header(Header(profile.ubnd_lines, number, code, date_words(day, profile.commune)))


def _finish(
    doc: OfficialDocument, now: dt.datetime, profile: Profile, title: str, meeting: Meeting
) -> bytes:
    """Core properties: the document's title, the commune's UBND as author, made ``now``."""
    title = f"{title} thôn {meeting.village} ngày {meeting.date:%d/%m/%Y}"
    return doc.to_bytes(title, profile.author, now)


def _title(doc: OfficialDocument, meeting: Meeting, title: str, summary: str) -> None:
    """The title; a meeting not concluded yet gives a draft: "DỰ THẢO" above the title."""
    if not meeting.concluded:
        draft = doc.para("DỰ THẢO", bold=True, size=14, align=Align.CENTER, indent=False, after=0)
        draft.paragraph_format.space_before = Pt(12)
        draft.paragraph_format.keep_with_next = True
    doc.title(title, summary)


def _typed(doc: OfficialDocument, text: str, lead: str = "", *, italic: bool = False) -> None:
    """What the secretary typed, every character in order: one paragraph a line, the first one
    after ``lead`` (bold) and a colon. Nothing typed after a lead: the lead and a full stop."""
    lines = [line for line in text.split("\n") if line.strip()]
    if lead:
        paragraph = doc.para()
        doc.run(paragraph, lead, bold=True)
        doc.run(paragraph, f": {lines.pop(0)}" if lines else ".", italic=italic)
    for line in lines:
        doc.para(line, italic=italic)


# Directives are carried out ("Thực hiện"); laws, decrees, decisions and rules are the basis
# ("Căn cứ").
_CARRIED_OUT = ("kế hoạch", "công văn", "chỉ thị", "hướng dẫn", "thông báo", "kết luận", "văn bản")


def _legal_basis(doc: OfficialDocument, meeting: Meeting) -> None:
    """The meeting's legal basis opens a notice or a report, one "Căn cứ …;" / "Thực hiện …;"
    line each, as real ones do."""
    for item in meeting.legal_basis:
        text = _clause(item)
        if not text:
            continue
        low = text.lower()
        if not low.startswith(("căn cứ", "thực hiện")):
            text = ("Thực hiện " if low.startswith(_CARRIED_OUT) else "Căn cứ ") + text
        doc.para(f"{text};", italic=False)


def _official_line(o: Official) -> str:
    return f"Đồng chí {o.name}, {o.position}" if o.position else f"Đồng chí {o.name}"


def _speaker_words(s: Speaker) -> str:
    where = place_words(s.hamlet)
    return titled(s.title, s.name) + (f" ({where})" if where else "")


def _petitioner(p: Petition, speakers: dict[int, Speaker]) -> str:
    if p.speaker_id and p.speaker_id in speakers:
        return _speaker_words(speakers[p.speaker_id])
    return f"Ý kiến qua {p.source}" if p.source and p.source != "meeting" else "Ý kiến nhân dân"


def _mid(words: str) -> str:
    """A name with its title inside a sentence: "ông Đinh Văn Quý" (capital only at the start)."""
    for title in TITLES:
        if words.startswith(title + " "):
            return title.lower() + words[len(title) :]
    return words


def _whose(p: Petition, speakers: dict[int, Speaker]) -> str:
    """ "của Bà Phạm Thị Hòa, xóm Giữa" or "qua MTTQ": to sit inside parentheses."""
    what = "ý kiến" if p.kind == "petition" else kind_word(p.kind).lower()
    if p.kind == "denunciation":  # Luật Tố cáo: the denouncer's name and address stay secret
        return f"{what} của công dân, {SECRET.lower()}"
    if p.speaker_id and p.speaker_id in speakers:
        s = speakers[p.speaker_id]
        where = place_words(s.hamlet)
        return f"{what} của {_mid(titled(s.title, s.name))}" + (f", {where}" if where else "")
    return f"{what} qua {p.source}" if p.source and p.source != "meeting" else f"{what} nhân dân"


def _same_words(answer: str, said: str) -> bool:
    """Whether a petition's answer is what the official's turn already has on paper (the F7
    form offers the typed words; she may have cut them short)."""

    def words(text: str) -> str:
        return " ".join(text.split()).strip(" .;")

    short, whole = words(answer), words(said)
    return bool(short) and short in whole


def _answer_sentence(
    p: Petition,
    officials: list[Official] | None = None,
    told: dict[int, tuple[str, str]] | None = None,
    here: str = "",
) -> str:
    """Who answered and the outcome. An answer given in an official's turn that the biên bản
    prints with the same words is referred to, not printed a second time (a fact once); the
    section being written (``here``) is never referred to: the turn is then above it."""
    parts = []
    if p.answer:
        who = p.answered_by_name or "Chủ tọa"
        if p.answered_by_position:
            who += f", {p.answered_by_position}"
        said, where = (told or {}).get(p.answered_in or 0, ("", ""))
        if said and _same_words(p.answer, said):
            if not where:
                at = "phần trả lời, giải trình"
            else:  # the section being written is never named: the turn is above, in it
                at = f"mục “{where}”" if where != here else "phần trên"
            parts.append(f"Đồng chí {who} trả lời (nội dung ghi tại {at}).")
        else:
            verb = "" if _says_answer(p.answer) else " trả lời"  # never "trả lời: … trả lời: …"
            parts.append(f"Đồng chí {who}{verb}: {_clause(p.answer)}.")
    return " ".join([*parts, _outcome_sentence(p, officials)])


def _outcome_sentence(
    p: Petition, officials: list[Official] | None = None, label: str = "", answer: str = ""
) -> str:
    """ "Kết quả: …" (``label``: "Kết quả kiến nghị 7: …", where a turn answers several);
    ``answer``, the answer of record when it is not the turn's words ("…; nội dung trả lời:
    …")."""
    head = f"Kết quả {label}:" if label else "Kết quả:"
    return _with_answer(_outcome_words(p, officials, head), answer)


def _with_answer(sentence: str, answer: str) -> str:
    if not _clause(answer):
        return sentence
    return f"{sentence[:-1]}; nội dung trả lời: {_clause(answer)}."


def _outcome_words(p: Petition, officials: list[Official] | None, head: str) -> str:
    if not is_ordinary(p.kind):  # never an ordinary outcome, deadline or assignment
        return f"{head} {LAW_WORDS[p.kind]}."
    outcome = OUTCOME_WORDS[p.outcome]
    detail = ""
    if p.outcome == "assigned" and p.assignment:
        a = p.assignment
        detail = f" cho {_responsible(a.responsible, officials or [])}, hạn {a.due:%d/%m/%Y}"
        if a.task.strip():
            detail += f"; nhiệm vụ: {_clause(a.task)}"
    elif p.outcome == "assigned":  # old data: never an assignment without a responsible
        detail = f" ({UNASSIGNED})"
    elif p.outcome == "forwarded" and p.forwarded_to:
        task = f"; nhiệm vụ: {_clause(p.forward_task)}" if p.forward_task.strip() else ""
        return f"{head} chuyển {p.forwarded_to} xem xét, giải quyết{task}."
    return f"{head} {outcome.lower()}{detail}."


def _citizens(meeting: Meeting) -> str:
    """The number of citizens present, or a dotted blank to fill by hand when nobody entered it
    (0 is "not counted", never "0 người dân tham dự")."""
    return str(meeting.citizens_present) if meeting.citizens_present else "……"


def _attendance(doc: OfficialDocument, meeting: Meeting, officials: list[Official]) -> None:
    groups: dict[str, list[Official]] = defaultdict(list)
    for o in by_level(officials):
        groups[o.group or "xã"].append(o)
    n = 0
    for group, members in groups.items():
        n += 1
        doc.para(f"{n}. {GROUP_WORDS.get(group, 'Đại biểu ' + group)}:", bold=True)
        for i, o in enumerate(members, start=1):  # each item ";", the last "." (trial 9)
            doc.para(f"- {_official_line(o)}{'.' if i == len(members) else ';'}")
    n += 1
    by_hamlet = ", ".join(f"{h}: {c} người" for h, c in meeting.citizens_by_hamlet.items())
    extra = f" ({by_hamlet})" if by_hamlet else ""
    p = doc.para()
    doc.run(p, f"{n}. Nhân dân:", bold=True)
    doc.run(p, f" {_citizens(meeting)} người dân thôn {meeting.village} tham dự{extra}.")


def _assignment_table(
    doc: OfficialDocument, petitions: list[Petition], officials: list[Official]
) -> None:
    """What is left to do after the meeting: every assigned item (content, its task, who, by
    when) and every item forwarded to a higher body (content, the body)."""
    rows = []
    for p in petitions:
        a = p.assignment
        if p.outcome == "assigned" and a:
            task = f"\nNhiệm vụ: {_clause(a.task)}" if a.task.strip() else ""
            who = _capital(_responsible(a.responsible, officials))
            rows.append([_clause(p.content) + task, who, f"{a.due:%d/%m/%Y}"])
        elif p.outcome == "forwarded" and p.forwarded_to:
            who = f"Chuyển {p.forwarded_to} xem xét, giải quyết"
            task = f"\nNhiệm vụ: {_clause(p.forward_task)}" if p.forward_task.strip() else ""
            rows.append([_clause(p.content) + task, who, "Theo quy định"])
    if not rows:
        doc.para("Không có nội dung phải giao giải quyết sau hội nghị.")
        return
    rows = [[str(i), *row] for i, row in enumerate(rows, start=1)]
    doc.grid(
        ["STT", "Nội dung", "Người/đơn vị chịu trách nhiệm", "Thời hạn"],
        rows,
        [15, 80, 42, 28],
        centred=(0, 3),
    )
    doc.para("", after=0)


# ----- biên bản ----------------------------------------------------------------------------


def minutes_document(source: RecordSource, meeting_id: int, number: str | None = None) -> bytes:
    return minutes(source.load_record(meeting_id), source.clock(), number)


def minutes(record: MeetingRecord, now: dt.datetime, number: str | None = None) -> bytes:
    """The biên bản: attendance, the meeting in its order, the chair's conclusion, the table
    of assignments, the closing line and the signatures (SPEC §7.1)."""
    meeting, profile = record.meeting, record.profile
    doc = OfficialDocument()
    _minutes_opening(doc, record, number)
    doc.heading("II. NỘI DUNG HỘI NGHỊ")
    body = _MinutesBody(doc, record)
    body.meeting_order()
    body.conclusion_part()
    body.leftovers()
    for line in (meeting.conclusion or "").split("\n"):
        if line.strip():
            doc.para(line)
    lead = doc.para(
        "Phân công trách nhiệm giải quyết các nội dung chưa được giải quyết tại hội nghị:"
    )
    lead.paragraph_format.keep_with_next = True  # never alone at the foot of a page
    _assignment_table(doc, list(record.petitions), _people(record))
    chain = list(record.seals)
    if meeting.ended_at is None:
        closing = "Hội nghị kết thúc vào hồi ..... giờ ..... phút cùng ngày"
    elif _other_day(meeting, meeting.ended_at):  # past midnight: its date, never "cùng ngày"
        closing = f"Hội nghị kết thúc vào hồi {_moment_words(meeting, meeting.ended_at)}"
    else:
        closing = f"Hội nghị kết thúc vào hồi {_moment_words(meeting, meeting.ended_at)} cùng ngày"
    # Only a sealed biên bản ("Thông qua biên bản", SPEC §7c) says it was read back and approved.
    if chain:
        closing += ". Biên bản được đọc lại cho hội nghị nghe và được hội nghị thông qua"
    last = doc.para(closing)
    doc.end_with_stop(last)
    doc.signatures(
        ["THƯ KÝ"],
        ["CHỦ TỌA"],
        (meeting.secretary_name, meeting.chair_name),
        profile.recipient_lines("minutes"),
    )
    if chain:
        doc.footer(*footer_lines(chain, {p.seq: p.kind for p in record.petitions}))
    return _finish(doc, now, profile, "Biên bản hội nghị tiếp xúc, đối thoại", meeting)


def _minutes_opening(doc: OfficialDocument, record: MeetingRecord, number: str | None) -> None:
    """Header, title, when and where, part I (who attended, who chaired, who wrote)."""
    meeting, profile = record.meeting, record.profile
    _header(doc, profile, number or meeting.number, "BB-UBND", meeting.date)
    _title(
        doc,
        meeting,
        "BIÊN BẢN",
        "Hội nghị tiếp xúc, đối thoại trực tiếp giữa Chủ tịch Ủy ban nhân dân xã "
        f"với nhân dân thôn {meeting.village}",
    )
    start = _start_time(meeting)
    place = meeting.place or f"thôn {meeting.village}"
    organiser = meeting.organiser or profile.author
    doc.para(
        f"Vào hồi {time_words(start)}, {date_words(meeting.date)}, tại {place}, "
        f"{organiser} tổ chức hội nghị tiếp xúc, "
        f"đối thoại trực tiếp giữa Chủ tịch Ủy ban nhân dân xã với nhân dân thôn {meeting.village}."
    )
    doc.heading("I. THÀNH PHẦN THAM DỰ")
    _attendance(doc, meeting, list(record.officials))
    if meeting.chair_name:
        doc.para(f"Chủ trì hội nghị: đồng chí {meeting.chair_name}, {meeting.chair_position}.")
    if meeting.secretary_name:
        doc.para(
            f"Thư ký hội nghị: đồng chí {meeting.secretary_name}, {meeting.secretary_position}."
        )


class _MinutesBody:
    """Part II of the biên bản, in the order of the meeting, and the closing step of part III;
    remembers which petitions are on paper already."""

    def __init__(self, doc: OfficialDocument, record: MeetingRecord) -> None:
        self.doc = doc
        self.meeting = record.meeting
        self.officials = _people(record)
        self.speakers = record.speakers_by_id()
        self.petitions = list(record.petitions)
        self.phases = list(record.phases)
        self.by_speaker: dict[int, list[Petition]] = defaultdict(list)
        self.answers: dict[int, list[Petition]] = defaultdict(list)
        for p in self.petitions:
            if p.speaker_id:
                self.by_speaker[p.speaker_id].append(p)
            if p.answered_in:
                self.answers[p.answered_in].append(p)
        self.by_phase: dict[int, list[MinutesEntry]] = defaultdict(list)
        for entry in record.minutes:
            self.by_phase[entry.phase_position].append(entry)
        self.written: set[int] = set()
        self.closing_phase = _conclusion_phase(self.phases)
        self.told = _answer_turns(
            list(record.minutes), self.speakers, self.phases, self.closing_phase
        )
        # A turn with nothing typed: what he said is the answer recorded with F7, printed in
        # the turn when it is one answer (different answers: each in its result line after it).
        self.spoken: dict[int, str] = {}
        for turn, (said, where) in self.told.items():
            recorded = {_clause(p.answer or "") for p in self.answers.get(turn, [])}
            if not said.strip() and len(recorded) == 1 and "" not in recorded:
                self.spoken[turn] = f"{recorded.pop()}."
                self.told[turn] = (self.spoken[turn], where)
        # The heading being written; an official's answer turn: its last entry, whether it is
        # on paper yet, and the petitions whose outcome waits to follow it (a clerk writes the
        # petition, who answered and what, then the outcome).
        self.section = ""
        self.turn_end: dict[int, int] = {}
        for entry in record.minutes:
            if entry.speaker_id in self.told and entry.kind == "speech":
                self.turn_end[entry.speaker_id] = entry.id
        self.turns_printed: set[int] = set()
        self.waiting: dict[int, list[Petition]] = defaultdict(list)

    def answer(self, p: Petition) -> None:
        """Under a petition: who answered and the outcome; a petition an official's turn below
        answers waits for it: the turn says what he said, its outcome follows the turn (pointed
        to when the turn is in another section). The meeting stays in time order and the
        answer is printed once, where it was given (trial 9)."""
        turn = p.answered_in or 0
        _, where = self.told.get(turn, ("", ""))
        later = turn in self.turn_end and turn not in self.turns_printed
        if later:
            if where and where != self.section:
                who = p.answered_by_name or "Chủ tọa"
                if p.answered_by_position:
                    who += f", {p.answered_by_position}"
                self.doc.para(f"Đồng chí {who} trả lời tại mục “{where}”.")
            self.waiting[turn].append(p)
            return
        self.doc.para(_answer_sentence(p, self.officials, self.told, self.section))

    def outcomes_after(self, turn: int) -> None:
        """The outcome of each petition an answer turn answered, after the turn."""
        waiting = self.waiting.pop(turn, [])
        said, _ = self.told.get(turn, ("", ""))
        for p in waiting:
            label = f"{kind_word(p.kind).lower()} {p.seq}" if len(waiting) > 1 else ""
            # the answer recorded (F7) is printed when the turn's words do not already say it
            own = p.answer or ""
            of_record = "" if not own or _same_words(own, said) else own
            self.doc.para(_outcome_sentence(p, self.officials, label, of_record))

    def leftovers(self) -> None:
        """Outcomes whose turn never reached the paper (never expected): never lost."""
        for turn in list(self.waiting):
            self.outcomes_after(turn)

    def write(self, entry: MinutesEntry, phase_title: str = "") -> None:
        """Every entry is printed whole; a speech's header comes from its speaker."""
        doc = self.doc
        speaker = self.speakers.get(entry.speaker_id) if entry.speaker_id else None
        if entry.kind == "phase":
            if entry.text != phase_title:  # the stamp as written needs no repeating
                _typed(doc, entry.text)
        elif entry.kind == "speech" and speaker is not None:
            text = entry.text
            if not text.strip() and self.turn_end.get(speaker.id) == entry.id:
                text = self.spoken.get(speaker.id, text)
            _speech(
                doc,
                text,
                speaker,
                self.by_speaker.get(speaker.id, []),
                self.written,
                self.answer,
                self.answers.get(speaker.id, []),
            )
            if speaker.id in self.turn_end:
                self.turns_printed.add(speaker.id)
                if self.turn_end[speaker.id] == entry.id:
                    self.outcomes_after(speaker.id)
        else:
            _typed(doc, entry.text, italic=entry.kind == "outage")

    def meeting_order(self) -> None:
        """Entries before the agenda, each step of the agenda under its heading, entries of a
        step no longer on it, who did not speak, then the petitions not printed yet."""
        doc, petitions = self.doc, self.petitions
        for entry in self.by_phase.get(-1, []):
            self.write(entry)
        for phase in self.phases:
            if phase is self.closing_phase:
                continue  # printed under "III. KẾT LUẬN CỦA CHỦ TỌA", not a second time
            self.phase(phase)
        positions = {phase.position for phase in self.phases}
        self.section = ""
        for position in sorted(set(self.by_phase) - positions - {-1}):  # no longer on the agenda
            for entry in self.by_phase[position]:
                self.write(entry)
        _not_spoken(doc, list(self.speakers.values()))
        rest = [p for p in petitions if p.id not in self.written]
        if rest:
            self.section = "Các ý kiến, kiến nghị khác và kết quả trả lời"
            doc.heading(self.section)
            for p in rest:
                kind = f" ({kind_word(p.kind).lower()})" if p.kind != "petition" else ""
                doc.para(f"- {_petitioner(p, self.speakers)}{kind}: {_clause(p.content)}.")
                self.answer(p)
                self.written.add(p.id)

    def phase(self, phase: PhaseRecord) -> None:
        doc = self.doc
        title = f"{phase.position + 1}. {phase.name}"
        printed = [e for e in self.by_phase.get(phase.position, []) if _prints(e, title)]
        pre = phase.position == 1 and any(p.speaker_id is None for p in self.petitions)
        # Every step of the agenda keeps its heading, in order, even one skipped or left empty.
        at = f" ({_moment_words(self.meeting, phase.started_at)})" if phase.started_at else ""
        doc.heading(f"{title}{at}")
        self.section = title
        if not printed and not pre:
            doc.para("(Không có ghi chép.)", italic=True)
        for entry in printed:
            self.write(entry, title)
        if pre:  # the chair announces the opinions collected before the meeting (phase 2)
            _pre_collected(doc, self.petitions, self.written, self.answer)

    def conclusion_part(self) -> None:
        """Part III's heading, with the closing step's time and entries when it was held."""
        heading = self.doc.heading("III. KẾT LUẬN CỦA CHỦ TỌA")
        closing_phase = self.closing_phase
        if closing_phase is not None and closing_phase.started_at:
            at = f" ({_moment_words(self.meeting, closing_phase.started_at)})"
            self.doc.run(heading, at, bold=True)
            self.section = "III. Kết luận của chủ tọa"
            title = f"{closing_phase.position + 1}. {closing_phase.name}"
            for entry in self.by_phase.get(closing_phase.position, []):
                if _prints(entry, title):
                    self.write(entry, title)


def _conclusion_phase(phases: list[PhaseRecord]) -> PhaseRecord | None:
    """The agenda's closing step (plan 2.6, "Kết luận"): the biên bản prints it as part III."""
    if not phases:
        return None
    last = phases[-1]
    if last.plan_ref == "2.6" or last.name.strip().lower().startswith("kết luận"):
        return last
    return None


def _prints(entry: MinutesEntry, phase_title: str) -> bool:
    """Whether an entry puts anything on paper (a bare phase stamp does not)."""
    if entry.kind == "phase":
        return bool(entry.text.strip()) and entry.text.strip() != phase_title
    return bool(entry.text.strip()) or entry.kind == "speech"


def _answer_turns(
    entries: list[MinutesEntry],
    speakers: dict[int, Speaker],
    phases: list[PhaseRecord],
    closing_phase: PhaseRecord | None,
) -> dict[int, tuple[str, str]]:
    """Each official's answer turn: what the biên bản prints of it and the heading it is under."""
    headings = {
        phase.position: "III. Kết luận của chủ tọa"
        if phase is closing_phase
        else f"{phase.position + 1}. {phase.name}"
        for phase in phases
    }
    told: dict[int, tuple[str, str]] = {}
    for entry in entries:
        speaker = speakers.get(entry.speaker_id) if entry.speaker_id else None
        if entry.kind != "speech" or speaker is None or speaker.kind != "answer":
            continue
        said, where = told.get(speaker.id, ("", headings.get(entry.phase_position, "")))
        told[speaker.id] = (f"{said}\n{entry.text}".strip(), where)
    return told


def _answered_items(petitions: list[Petition]) -> str:
    """ "kiến nghị 7, 8" / "kiến nghị 7, khiếu nại 9": what an answer turn answers."""
    words = [kind_word(p.kind).lower() for p in petitions]
    if len(set(words)) == 1:
        return f"{words[0]} {', '.join(str(p.seq) for p in petitions)}"
    return ", ".join(f"{w} {p.seq}" for w, p in zip(words, petitions, strict=True))


def _pre_collected(
    doc: OfficialDocument,
    petitions: list[Petition],
    written: set[int],
    answer: Callable[[Petition], None],
) -> None:
    pre = [p for p in petitions if p.speaker_id is None]
    if not pre:
        return
    doc.para("Các ý kiến, kiến nghị của nhân dân được tổng hợp trước hội nghị:")
    for p in pre:
        doc.para(f"- {_label(p)} {_after_kind(p)} (nguồn: {p.source}).")
        answer(p)
        written.add(p.id)


def _label(p: Petition) -> str:
    """ "Kiến nghị 4:", "Khiếu nại 7:" — every kind the same way, numbered once through the
    meeting (the item's seq); the content follows as ``_after_kind`` gives it."""
    return f"{kind_word(p.kind)} {p.seq}:"


def _after_kind(p: Petition) -> str:
    """The content after its kind's label, whole as typed: a text that starts with the kind
    word itself ("Kiến nghị vá ổ gà …") keeps it ("Kiến nghị 7: Kiến nghị vá ổ gà …"), since
    a biên bản prints a citizen's words as they were recorded, not shortened."""
    return _clause(p.content)


# The states of a registered speaker who did not speak (Delete in the queue, with a reason).
NOT_SPOKEN = {"absent": "vắng mặt", "withdrawn": "rút đăng ký"}


def _not_spoken(doc: OfficialDocument, speakers: list[Speaker]) -> None:
    """Registered speakers who did not speak, each with the reason given."""
    missing = [s for s in speakers if s.kind != "answer" and s.state in NOT_SPOKEN]
    if not missing:
        return
    doc.para("Người đăng ký phát biểu nhưng không phát biểu:")
    for s in missing:
        reason = f": {_clause(s.reason)}" if s.reason.strip() else ""
        doc.para(f"- {_speaker_words(s)} đăng ký nhưng {NOT_SPOKEN[s.state]}{reason}.")


def _speech(
    doc: OfficialDocument,
    text: str,
    speaker: Speaker,
    petitions: list[Petition],
    written: set[int],
    answer: Callable[[Petition], None],
    answers: list[Petition],
) -> None:
    """The speaker's header (from the speaker, never parsed from the text), the gist and the
    entry exactly as typed, then the speaker's petitions (numbered through the meeting) with
    their answers."""
    if speaker.kind == "answer":  # an official's turn: the position is kept in ``hamlet``
        position = f", {speaker.hamlet}" if speaker.hamlet else ""
        # One header for every answer turn, a sentence as a biên bản writes it: "Đồng chí
        # <name>, <position> trả lời kiến nghị 4:" (never a tag such as "(về kiến nghị 4)").
        items = _answered_items(answers) if answers else ""
        about = f" {items}" if items else ""
        lead = f"Đồng chí {speaker.name}{position} trả lời{about}"
        if _says_answer(text):
            # "Chủ tịch UBND xã trả lời: …" typed: printed whole, as typed, under the header
            # (on a line of its own, so that "trả lời" never runs on twice in one sentence)
            paragraph = doc.para()
            doc.run(paragraph, f"{lead}:", bold=True)
            _typed(doc, text)
        else:
            _typed(doc, text, lead)
        return
    turn = f" lần {speaker.turn}" if speaker.turn > 1 else ""
    lead = f"{_speaker_words(speaker)} phát biểu{turn}"
    if speaker.gist.strip() and not text.strip():
        # Nothing typed for the turn: the gist written at the desk is the topic registered,
        # never printed as the speaker's words.
        paragraph = doc.para()
        doc.run(paragraph, lead, bold=True)
        doc.run(paragraph, f" (nội dung đăng ký: {_clause(speaker.gist)}).")
    elif speaker.gist.strip():  # the topic registered, labelled so, then what was said, as typed
        paragraph = doc.para()
        doc.run(paragraph, lead, bold=True)
        doc.run(paragraph, f" (nội dung đăng ký: {_clause(speaker.gist)}):")
        _typed(doc, text)
    else:
        _typed(doc, text, lead)
    for p in petitions:
        paragraph = doc.para()
        doc.run(paragraph, _label(p), bold=True)
        doc.run(paragraph, f" {_after_kind(p)}.")
        answer(p)
        written.add(p.id)


# ----- thông báo kết luận ------------------------------------------------------------------


def conclusion_document(
    source: RecordSource, meeting_id: int, as_of: dt.date | None = None, number: str | None = None
) -> bytes:
    return conclusion(source.load_record(meeting_id), source.clock(), as_of, number)


def conclusion(
    record: MeetingRecord,
    now: dt.datetime,
    as_of: dt.date | None = None,
    number: str | None = None,
) -> bytes:
    """The thông báo kết luận (SPEC §7.2), dated ``as_of`` (default: today)."""
    meeting, profile = record.meeting, record.profile
    doc = OfficialDocument()
    _header(doc, profile, number, "TB-UBND", as_of or now.date())
    _title(
        doc,
        meeting,
        "THÔNG BÁO",
        "Kết luận của Chủ tịch Ủy ban nhân dân xã tại hội nghị tiếp xúc, đối thoại trực tiếp "
        f"với nhân dân thôn {meeting.village}",
    )
    _legal_basis(doc, meeting)
    groups = _Outcomes(list(record.petitions))
    _conclusion_opening(doc, record, groups)
    _conclusion_items(doc, record, groups)
    section = 7 if groups.by_law else 6
    doc.heading(f"{section}. Tổ chức thực hiện")
    due = record.answer_due()
    # An item given a later deadline at the meeting keeps it: the general rule says so, rather
    # than contradicting the item's own "trước ngày …".
    later = any(p.assignment and p.assignment.due > due for p in record.petitions)
    own = (
        "; nội dung đã được giao với thời hạn riêng thì thực hiện theo thời hạn đó" if later else ""
    )
    doc.para(
        "Các cơ quan, cán bộ, công chức được giao nhiệm vụ khẩn trương xem xét, giải quyết, trả "
        "lời nhân dân trực tiếp hoặc bằng văn bản trong thời hạn 15 ngày làm việc kể từ ngày "
        f"hội nghị (chậm nhất ngày {due:%d/%m/%Y}){own}, báo cáo kết quả về Chủ tịch Ủy ban "
        f"nhân dân xã qua {profile.office_in_text}."
    )
    last = doc.para(
        f"Giao {profile.office_in_text} theo dõi, đôn đốc, tổng hợp kết quả giải quyết; "
        f"{profile.radio} thông báo nội dung kết luận để nhân dân được biết"
    )
    doc.end_with_stop(last)
    doc.recipients_and_signature(
        profile.recipient_lines("conclusion", f"Thôn {meeting.village}"),
        ["TM. ỦY BAN NHÂN DÂN", *profile.signer_lines],
        meeting.chair_name,
    )
    return _finish(doc, now, profile, "Thông báo kết luận hội nghị tiếp xúc, đối thoại", meeting)


class _Outcomes:
    """The meeting's petitions grouped as the notice lists them."""

    def __init__(self, petitions: list[Petition]) -> None:
        self.all = petitions
        self.answered = [p for p in petitions if p.outcome in ("answered", "noted")]
        self.assigned = [p for p in petitions if p.outcome == "assigned"]
        self.forwarded = [p for p in petitions if p.outcome == "forwarded"]
        self.by_law = [p for p in petitions if not is_ordinary(p.kind)]
        self.pending = [
            p
            for p in petitions
            if p.outcome not in ("answered", "noted", "assigned", "forwarded")
            and is_ordinary(p.kind)
        ]


def _conclusion_opening(doc: OfficialDocument, record: MeetingRecord, groups: _Outcomes) -> None:
    """When, where, who chaired and attended; the counts; part 1 (the general assessment)."""
    meeting = record.meeting
    # by level, the higher first (huyện, xã, thôn), as the list of delegates is
    present = Counter(o.group or "xã" for o in by_level(list(record.officials)))
    attended = "; ".join(
        f"{GROUP_WORDS.get(g, 'đại biểu ' + g).lower()} ({c} người)" for g, c in present.items()
    )
    doc.para(
        f"{date_words(meeting.date).capitalize()}, "
        f"tại {meeting.place or 'thôn ' + meeting.village}, "
        f"đồng chí {meeting.chair_name or '...'}, {meeting.chair_position or 'Chủ tịch UBND xã'} "
        f"chủ trì hội nghị tiếp xúc, đối thoại trực tiếp với nhân dân thôn {meeting.village}. "
        f"Tham dự hội nghị có {attended or 'các đại biểu'} cùng {_citizens(meeting)} người "
        "dân trong thôn."
    )
    spoken = sum(1 for s in record.speakers if s.state == "done" and s.kind != "answer")
    # Only the parts that are not zero: never "0 ý kiến chuyển cơ quan cấp trên" (trial 9).
    parts = [
        f"{n} {words}"
        for n, words in (
            (len(groups.answered), "ý kiến đã được trả lời, tiếp thu tại hội nghị"),
            (len(groups.assigned), "ý kiến giao giải quyết"),
            (len(groups.forwarded), "ý kiến chuyển cơ quan cấp trên"),
            (len(groups.pending), "ý kiến đang xem xét, trả lời sau"),
            (len(groups.by_law), "đơn khiếu nại, tố cáo chuyển xử lý theo quy định của pháp luật"),
        )
        if n
    ]
    said = f"đã có {spoken} lượt ý kiến phát biểu" if spoken else "không có ý kiến phát biểu"
    if groups.all:
        summed = f"{len(groups.all)} ý kiến, kiến nghị được tổng hợp, trong đó: {'; '.join(parts)}"
    else:
        summed = "không có ý kiến, kiến nghị phải giải quyết"
    doc.para(
        f"Tại hội nghị {said}, {summed}. Sau khi nghe ý kiến của nhân dân và ý kiến trả lời, "
        "giải trình của các đại biểu, Chủ tịch Ủy ban nhân dân xã kết luận như sau:"
    )
    doc.heading("1. Đánh giá chung")
    if not (meeting.assessment.strip() or (meeting.conclusion or "").strip()):
        # Nothing typed: room to write the assessment by hand, never words nobody chose. What
        # was typed (the assessment or the chair's conclusion) is printed instead of the dots,
        # never under them: dotted lines above it read as a part left blank.
        for _ in range(2):
            doc.para(DOTTED_LINE, indent=False)
    for line in meeting.assessment.split("\n"):
        if line.strip():
            doc.para(line)
    for line in (meeting.conclusion or "").split("\n"):
        if line.strip():
            doc.para(line)


def _conclusion_items(doc: OfficialDocument, record: MeetingRecord, groups: _Outcomes) -> None:
    """Parts 2 to 5 (6): answered, assigned, forwarded, pending, complaints and denunciations."""
    speakers = record.speakers_by_id()
    officials = _people(record)
    doc.heading("2. Các nội dung đã được trả lời, tiếp thu tại hội nghị")
    if not groups.answered:
        doc.para("Không có.")
    for p in groups.answered:
        verb = "đã trả lời" if p.outcome == "answered" else "ghi nhận, tiếp thu"
        answer = f": {_clause(p.answer)}" if p.answer else ""
        doc.para(f"- {_clause(p.content)} ({_whose(p, speakers)}): {verb}{answer}.")
    doc.heading("3. Các nội dung giao giải quyết")
    if not groups.assigned:
        doc.para("Không có.")
    for p in groups.assigned:
        doc.para(_assigned_line(p, speakers, officials))
    doc.heading("4. Các nội dung chuyển cơ quan cấp trên")
    if not groups.forwarded:
        doc.para("Không có.")
    for p in groups.forwarded:
        kind = f" ({kind_word(p.kind).lower()})" if p.kind != "petition" else ""
        task = f" Nhiệm vụ: {_sentence(p.forward_task)}" if p.forward_task.strip() else ""
        doc.para(f"- Chuyển {p.forwarded_to}: {_clause(p.content)}{kind}.{task}")
    doc.heading("5. Các nội dung đang xem xét, trả lời sau")
    if not groups.pending:
        doc.para("Không có.")
    for p in groups.pending:
        doc.para(f"- {_clause(p.content)} ({_whose(p, speakers)}).")
    if groups.by_law:  # listed apart: never ordinary petitions
        doc.heading("6. Các đơn khiếu nại, tố cáo")
        for p in groups.by_law:
            doc.para(f"- {_clause(p.content)} ({_whose(p, speakers)}): {LAW_WORDS[p.kind]}.")


def _assigned_line(p: Petition, speakers: dict[int, Speaker], officials: list[Official]) -> str:
    """ "- Giao … giải quyết và trả lời … trước ngày dd/mm/yyyy về nội dung: …." (the deadline
    before the citizen's words, so that it never reads as part of them)."""
    a = p.assignment
    who = _petitioner(p, speakers)
    to_whom = _mid(who) if p.speaker_id else "nhân dân"
    task = f" Nhiệm vụ: {_sentence(a.task)}" if a and a.task.strip() else ""
    return (
        f"- Giao {_responsible(a.responsible, officials)} giải quyết và trả lời {to_whom} "
        f"trước ngày {a.due:%d/%m/%Y} về nội dung: {_clause(p.content)}.{task}"
        if a
        else f"- Giải quyết và trả lời {to_whom} về nội dung: {_clause(p.content)} "
        f"({UNASSIGNED} người, đơn vị chịu trách nhiệm)."
    )


# ----- báo cáo -----------------------------------------------------------------------------


def report_document(
    source: RecordSource, meeting_id: int, as_of: dt.date | None = None, number: str | None = None
) -> bytes:
    return report(source.load_record(meeting_id), source.clock(), as_of, number)


def report(
    record: MeetingRecord,
    now: dt.datetime,
    as_of: dt.date | None = None,
    number: str | None = None,
) -> bytes:
    """The báo cáo kết quả giải quyết (SPEC §7.3) as of ``as_of`` (default: today), with its
    appendix of every petition."""
    meeting, profile = record.meeting, record.profile
    petitions = list(record.petitions)
    speakers = record.speakers_by_id()
    officials = _people(record)
    day = as_of or now.date()
    doc = OfficialDocument()
    _header(doc, profile, number, "BC-UBND", day)
    _title(
        doc,
        meeting,
        "BÁO CÁO",
        "Kết quả giải quyết ý kiến, kiến nghị của nhân dân tại hội nghị tiếp xúc, đối thoại "
        f"thôn {meeting.village} ngày {meeting.date:%d/%m/%Y}",
    )
    _legal_basis(doc, meeting)
    doc.heading("I. TÌNH HÌNH CHUNG")
    _report_general(doc, meeting, petitions)
    doc.heading("II. KẾT QUẢ GIẢI QUYẾT")
    overdue = _report_results(doc, petitions, speakers, day)
    doc.heading("III. ĐỀ XUẤT, KIẾN NGHỊ")
    if overdue:
        doc.para("Đề nghị các cơ quan, cán bộ, công chức sau khẩn trương trả lời nhân dân:")
        for p in overdue:
            assert p.assignment is not None
            doc.para(
                f"- {_capital(_responsible(p.assignment.responsible, officials))}: "
                f"{_clause(p.content)} "
                f"(hạn {p.assignment.due:%d/%m/%Y})."
            )
    last = doc.para(
        "Ủy ban nhân dân xã tiếp tục theo dõi, đôn đốc việc giải quyết và công khai kết quả "
        "để nhân dân được biết"
    )
    doc.end_with_stop(last)
    doc.recipients_and_signature(
        profile.recipient_lines("report"),
        ["TM. ỦY BAN NHÂN DÂN", *profile.signer_lines],
        meeting.chair_name,
    )
    if petitions:  # no petitions: no appendix (the body says so)
        _appendix(doc, profile, number, day, petitions, speakers, officials)
    return _finish(doc, now, profile, "Báo cáo kết quả giải quyết ý kiến, kiến nghị", meeting)


def _report_general(doc: OfficialDocument, meeting: Meeting, petitions: list[Petition]) -> None:
    """Part I: how many petitions, by outcome, by kind and by field."""
    if not petitions:
        doc.para(
            f"Tại hội nghị ngày {meeting.date:%d/%m/%Y}, nhân dân không có ý kiến, kiến nghị nào "
            "phải xem xét, giải quyết."
        )
        return
    doc.para(
        f"Tại hội nghị ngày {meeting.date:%d/%m/%Y} có tổng số {len(petitions)} ý kiến, "
        "kiến nghị của nhân dân, trong đó:"
    )
    lines = _outcome_lines(petitions)
    for i, line in enumerate(lines):
        doc.para(f"- {line}{'.' if i == len(lines) - 1 else ';'}")
    kinds: Counter[str] = Counter(p.kind for p in petitions)
    doc.para(
        "Phân theo loại: "
        + "; ".join(f"{KIND_WORDS[k]}: {kinds[k]}" for k in KINDS if kinds[k])
        + "."
    )
    fields = Counter(p.area or "Khác" for p in petitions)
    doc.para("Phân theo lĩnh vực: " + "; ".join(f"{f}: {c}" for f, c in fields.most_common()) + ".")
    doc.para(
        "Chi tiết từng ý kiến, kiến nghị và kết quả giải quyết tại Phụ lục kèm theo Báo cáo này."
    )


def _outcome_lines(petitions: list[Petition]) -> list[str]:
    """Part I's list: the count of each outcome of the ordinary petitions, then the count of
    each kind that goes by its own law."""
    ordinary = [p for p in petitions if is_ordinary(p.kind)]
    by_law = [p for p in petitions if not is_ordinary(p.kind)]
    outcomes: Counter[str | None] = Counter(p.outcome for p in ordinary)
    present = [k for k in ("answered", "assigned", "forwarded", "noted", None) if outcomes[k]]
    laws = [k for k in LAW_WORDS if any(p.kind == k for p in by_law)]
    lines = [f"{OUTCOME_WORDS[key]}: {outcomes[key]} ý kiến" for key in present]
    lines += [
        f"{kind_word(k)}, {LAW_WORDS[k]}: {sum(p.kind == k for p in by_law)} đơn" for k in laws
    ]
    return lines


def _report_results(
    doc: OfficialDocument,
    petitions: list[Petition],
    speakers: dict[int, Speaker],
    day: dt.date,
) -> list[Petition]:
    """Part II: the assignments answered on time, late, open, overdue as of ``day``; what is
    still undecided; the complaints and denunciations; satisfaction. Returns the overdue."""
    statuses: Counter[str] = Counter()
    overdue: list[Petition] = []
    unassigned = 0
    for p in petitions:
        if p.outcome != "assigned":  # the same petitions part I counts as "giao giải quyết"
            continue
        if not p.assignment:
            unassigned += 1
            continue
        a = p.assignment
        s = status_of(a.due, a.answered_on if a.status == "answered" else None, day)
        statuses[s] += 1
        if s == "overdue":
            overdue.append(p)
    total_assigned = sum(statuses.values()) + unassigned
    if total_assigned:
        doc.para(
            f"Tính đến {date_words(day)}, trong {total_assigned} nội dung giao giải quyết: "
            f"{statuses['answered']} nội dung đã trả lời đúng hạn; {statuses['answered_late']} "
            f"nội dung trả lời quá hạn; {statuses['open']} nội dung đang giải quyết trong hạn; "
            f"{statuses['overdue']} nội dung đã quá hạn nhưng chưa trả lời"
            + (
                f"; {unassigned} nội dung {UNASSIGNED} người chịu trách nhiệm."
                if unassigned
                else "."
            )
        )
    else:  # in words, not "trong 0 nội dung: 0 …; 0 …"
        doc.para(f"Tính đến {date_words(day)}, không có nội dung nào phải giao giải quyết.")
    pending = [p for p in petitions if is_ordinary(p.kind) and p.outcome is None]
    if pending:
        doc.para(f"Các ý kiến, kiến nghị đang xem xét, trả lời sau: {len(pending)} ý kiến:")
    for p in pending:
        doc.para(f"- {_clause(p.content)} ({_whose(p, speakers)}).")
    by_law = [p for p in petitions if not is_ordinary(p.kind)]
    if by_law:  # listed apart: handled under their own laws, no deadline here
        doc.para(f"Các đơn khiếu nại, tố cáo: {len(by_law)} đơn:")
        for p in by_law:
            doc.para(f"- {_clause(p.content)} ({_whose(p, speakers)}): {LAW_WORDS[p.kind]}.")
    _satisfaction(doc, petitions)
    return overdue


def _satisfaction_counts(petitions: list[Petition]) -> str:
    counts: Counter[str | None] = Counter(p.satisfaction for p in petitions)
    parts = [f"{counts[k]} {SATISFACTION_WORDS[k].lower()}" for k in SATISFACTION if counts[k]]
    if counts[None]:
        parts.append(f"{counts[None]} chưa lấy ý kiến")
    return ", ".join(parts)


def _satisfaction(doc: OfficialDocument, petitions: list[Petition]) -> None:
    """Plan V.1: what the petitioners said of the answers, by outcome and by field."""
    answered = [p for p in petitions if is_answered(p)]
    if not answered:
        return
    asked = [p for p in answered if p.satisfaction]
    if not asked:
        doc.para(
            f"Ý kiến của người kiến nghị về kết quả trả lời: chưa lấy ý kiến ({len(answered)} "
            "ý kiến đã được trả lời)."
        )
        return
    doc.para(
        f"Ý kiến của người kiến nghị về kết quả trả lời ({len(answered)} ý kiến đã được trả "
        f"lời): {_satisfaction_counts(answered)}; trong đó:"
    )
    by_outcome: dict[str, list[Petition]] = defaultdict(list)
    for p in answered:
        by_outcome[OUTCOME_WORDS[p.outcome]].append(p)
    by_field: dict[str, list[Petition]] = defaultdict(list)
    for p in answered:
        by_field[p.area or "Khác"].append(p)
    doc.para(
        "- Theo kết quả giải quyết: "
        + "; ".join(f"{k}: {_satisfaction_counts(v)}" for k, v in by_outcome.items())
        + ";"
    )
    doc.para(
        "- Theo lĩnh vực: "
        + "; ".join(f"{k}: {_satisfaction_counts(v)}" for k, v in by_field.items())
        + "."
    )


def _appendix(
    doc: OfficialDocument,
    profile: Profile,
    number: str | None,
    day: dt.date,
    petitions: list[Petition],
    speakers: dict[int, Speaker],
    officials: list[Official],
) -> None:
    """Decree 30, Appendix I (III.1): "Phụ lục", its title in bold capitals, the reference line
    (the report's number, symbol, date and issuing body), its own page numbering."""
    doc.appendix_section()
    doc.para("Phụ lục", bold=True, size=14, align=Align.CENTER, indent=False, after=0)
    doc.para(
        "DANH SÁCH Ý KIẾN, KIẾN NGHỊ CỦA NHÂN DÂN VÀ KẾT QUẢ GIẢI QUYẾT",
        bold=True,
        size=14,
        align=Align.CENTER,
        indent=False,
        after=0,
    )
    reference = number_line(number, "BC-UBND").removeprefix("Số:").strip()
    doc.para(
        f"(Kèm theo Báo cáo số {reference} {date_words(day)} của {profile.author})",
        italic=True,
        size=14,
        align=Align.CENTER,
        indent=False,
        after=0,
    )
    doc.rule(40, 252)
    doc.para("", indent=False, after=0)
    rows = [_appendix_row(i, p, speakers, day, officials) for i, p in enumerate(petitions, start=1)]
    doc.grid(
        [
            "STT",
            "Nội dung",
            "Người kiến nghị",
            "Lĩnh vực",
            "Kết quả",
            "Giải quyết",
            "Hạn",
            "Tình trạng",
        ],
        rows,
        [12, 68, 39, 25, 27, 30, 26, 21],
        size=12,
        centred=(0, 6),
    )


def _appendix_row(
    i: int, p: Petition, speakers: dict[int, Speaker], day: dt.date, officials: list[Official]
) -> list[str]:
    """One petition in the appendix: content (with its task), petitioner, field, result, who
    resolves it, due date and state as of ``day``."""
    a = p.assignment
    state = ""
    if p.outcome == "assigned" and not a:
        state = UNASSIGNED.capitalize()
    ordinary_item = is_ordinary(p.kind)
    law = LAW_WORDS.get(p.kind, "")
    result = OUTCOME_WORDS[p.outcome] if ordinary_item else law[:1].upper() + law[1:]
    if a:
        state = {
            "answered": "Đã trả lời",
            "answered_late": "Trả lời quá hạn",
            "open": "Đang giải quyết",
            "overdue": "Quá hạn",
        }[status_of(a.due, a.answered_on if a.status == "answered" else None, day)]
    return [
        str(i),
        # the kind when not the usual kiến nghị (the list's title names those)
        (f"{kind_word(p.kind)}: {_after_kind(p)}" if p.kind != "petition" else _clause(p.content))
        + (f"\nNhiệm vụ: {_clause(a.task)}" if a and a.task.strip() else "")
        + (
            f"\nNhiệm vụ: {_clause(p.forward_task)}"
            if p.outcome == "forwarded" and p.forward_task.strip()
            else ""
        ),
        SECRET if p.kind == "denunciation" else _petitioner(p, speakers),
        p.area or "",
        result,
        _capital(_responsible(a.responsible, officials))  # with the position, as elsewhere
        if a
        else (UNASSIGNED.capitalize() if p.outcome == "assigned" else p.forwarded_to or ""),
        f"{a.due:%d/%m/%Y}" if a else "",
        state,
    ]
