"""What the ninth trial (a new secretary, README only, documents read as pictures) found in the
papers: an official's answer to two petitions printed three times, the first before the question
it answers; "đồng chí" for one person responsible and not the other; the list of officials
ending with ";"; counts of zero printed in the thông báo's prose."""

from __future__ import annotations

import io

from docx import Document

from facilitator.documents import build
from facilitator.services.conclusion import decide
from facilitator.services.live import Console

HUNG = ("Nguyễn Văn Hùng", "Công chức Địa chính - Xây dựng")
SAID = (
    "Về cống xóm Đình, xã đã khảo sát và sẽ sửa trong tháng này. Về hồ sơ đất của ông Tuấn, "
    "tôi xin tiếp thu và sẽ kiểm tra ngay."
)


def paragraphs(console: Console, kind: str = "minutes") -> list[str]:
    document = Document(io.BytesIO(build(console.store, console.meeting_id, kind)))
    return [p.text for p in document.paragraphs if p.text.strip()]


def _two_asked_one_turn(console: Console, said: str = SAID) -> tuple[int, int]:
    """Bà Lan (petition 1), then Ông Tuấn (petition 2); Nguyễn Văn Hùng answers both in one
    ctrl+r turn, his words typed; F7 records a shorter answer for each."""
    for _ in range(2):
        console.next_phase()  # 3. Nhân dân phát biểu
    lan = console.register("Nguyễn Thị Lan", "xóm Đình", title="Bà")
    tuan = console.register("Phạm Văn Tuấn", "xóm Giữa", title="Ông")
    console.call_next()
    p1 = console.record_petition(
        "Đề nghị xã sớm sửa chữa cống thoát nước xóm Đình.", speaker_id=lan.speaker_id
    )
    console.call_next()
    p2 = console.record_petition(
        "Đề nghị xã kiểm tra việc chậm cấp giấy chứng nhận.", speaker_id=tuan.speaker_id
    )
    turn = console.start_answer(*HUNG, [p1, p2])
    entry = console.store.minutes(console.meeting_id)[-1]
    if said:
        console.save_entry(entry.id, said)
    decide(console, p1, "answered", answer="Xã sẽ sửa cống xóm Đình trong tháng 12/2026")
    decide(
        console,
        p2,
        "assigned",
        responsible=HUNG[0],
        task="Kiểm tra hồ sơ",
        due="24/11/2021",
        answer="Tiếp thu, sẽ kiểm tra hồ sơ của hộ ông Tuấn",
    )
    assert turn
    return p1, p2


ASKED_1 = "Kiến nghị 1: Đề nghị xã sớm sửa chữa cống thoát nước xóm Đình."
ASKED_2 = "Kiến nghị 2: Đề nghị xã kiểm tra việc chậm cấp giấy chứng nhận."
TURN = f"Đồng chí Nguyễn Văn Hùng, Công chức Địa chính - Xây dựng trả lời kiến nghị 1, 2: {SAID}"
OUTCOME_1 = (
    "Kết quả kiến nghị 1: đã trả lời tại hội nghị; nội dung trả lời: Xã sẽ sửa cống xóm Đình "
    "trong tháng 12/2026."
)
OUTCOME_2 = (
    "Kết quả kiến nghị 2: giao giải quyết cho đồng chí Nguyễn Văn Hùng, Công chức Địa chính - "
    "Xây dựng, hạn 24/11/2021; nhiệm vụ: Kiểm tra hồ sơ; nội dung trả lời: Tiếp thu, sẽ kiểm "
    "tra hồ sơ của hộ ông Tuấn."
)


def test_one_turn_answering_two_petitions_is_printed_once_where_it_happened(empty_meeting):
    """Trial 9, item 1: the biên bản printed Hùng's answer under petition 1 (before Tuấn had
    spoken), again under petition 2, then the turn itself: three answers, the first before its
    question. A clerk writes the meeting in time order: each petition where it was raised, the
    turn once, then one result line per petition."""
    _two_asked_one_turn(empty_meeting)
    text = paragraphs(empty_meeting)
    i1, i2 = text.index(ASKED_1), text.index(ASKED_2)
    assert text[i1 - 1].startswith("Bà Nguyễn Thị Lan")
    assert text[i1 + 1].startswith("Ông Phạm Văn Tuấn (xóm Giữa) phát biểu")
    assert text[i2 + 1 : i2 + 4] == [TURN, OUTCOME_1, OUTCOME_2]
    said = [t for t in text if " trả lời" in t and not t.startswith("Kết quả")]
    assert said == [TURN]
    assert sum(t.count("Xã sẽ sửa cống") for t in text) == 1
    assert sum(t.count("Tiếp thu, sẽ kiểm tra") for t in text) == 1


def test_a_turn_with_nothing_typed_prints_the_answers_recorded(empty_meeting):
    """Nothing typed in the turn: what he said is the answers recorded with F7."""
    _two_asked_one_turn(empty_meeting, said="")
    text = paragraphs(empty_meeting)
    i2 = text.index(ASKED_2)
    assert text[i2 + 1 : i2 + 4] == [
        "Đồng chí Nguyễn Văn Hùng, Công chức Địa chính - Xây dựng trả lời kiến nghị 1, 2.",
        OUTCOME_1,
        OUTCOME_2,
    ]
    assert sum(t.count("Xã sẽ sửa cống") for t in text) == 1


def test_one_petition_answered_in_a_turn_with_nothing_typed(empty_meeting):
    """One petition, the turn right after its citizen, nothing typed in the turn: the answer
    recorded is what he said, printed once in the turn, the outcome after it."""
    console = empty_meeting
    for _ in range(2):
        console.next_phase()
    lan = console.register("Nguyễn Thị Lan", "xóm Đình", title="Bà")
    console.call_next()
    p1 = console.record_petition(
        "Đề nghị xã sớm sửa chữa cống thoát nước xóm Đình.", speaker_id=lan.speaker_id
    )
    console.start_answer(*HUNG, [p1])
    decide(console, p1, "answered", answer="Xã sẽ sửa cống xóm Đình trong tháng 12/2026")
    text = paragraphs(console)
    i1 = text.index(ASKED_1)
    assert text[i1 + 1 : i1 + 3] == [
        "Đồng chí Nguyễn Văn Hùng, Công chức Địa chính - Xây dựng trả lời kiến nghị 1: Xã sẽ "
        "sửa cống xóm Đình trong tháng 12/2026.",
        "Kết quả: đã trả lời tại hội nghị.",
    ]
    assert sum(t.count("Xã sẽ sửa cống") for t in text) == 1


def _assigned_to(console: Console, *responsible: str) -> None:
    """Bà Ánh asks once for each person or unit responsible, each assigned to it by typing."""
    for _ in range(2):
        console.next_phase()
    anh = console.register("Đặng Ngọc Ánh", "xóm Chùa", title="Bà")
    console.call_next()
    for n, who in enumerate(responsible, start=1):
        pid = console.record_petition(f"Việc số {n}.", speaker_id=anh.speaker_id)
        decide(console, pid, "assigned", responsible=who, task="", due="24/11/2021")


def _table_cells(console: Console) -> list[str]:
    document = Document(io.BytesIO(build(console.store, console.meeting_id, "minutes")))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "STT")
    return [row.cells[2].text for row in table.rows[1:]]


TYPED = (
    "Lê Văn Nam",  # one of the meeting's officials
    "Bùi Thị Mai, Công chức Văn hóa - Xã hội",  # a person typed with her position
    "Trưởng thôn Đông Phong",  # units
    "Hội Nông dân xã",
)


def test_every_person_responsible_is_named_with_dong_chi_and_a_unit_without(empty_meeting):
    """Trial 9, item 2: "Đồng chí Nguyễn Văn Hùng, …" (an official of the meeting) beside "Bùi
    Thị Mai, Công chức Văn hóa - Xã hội" (typed): a person is "đồng chí", a unit is not."""
    _assigned_to(empty_meeting, *TYPED)
    assert _table_cells(empty_meeting) == [
        "Đồng chí Lê Văn Nam, Phó Chủ tịch UBND xã",
        "Đồng chí Bùi Thị Mai, Công chức Văn hóa - Xã hội",
        "Trưởng thôn Đông Phong",
        "Hội Nông dân xã",
    ]
    text = paragraphs(empty_meeting, "conclusion")
    given = [t.split(" giải quyết và trả lời")[0] for t in text if t.startswith("- Giao ")]
    assert given == [
        "- Giao đồng chí Lê Văn Nam, Phó Chủ tịch UBND xã",
        "- Giao đồng chí Bùi Thị Mai, Công chức Văn hóa - Xã hội",
        "- Giao Trưởng thôn Đông Phong",
        "- Giao Hội Nông dân xã",
    ]


def test_each_list_of_officials_ends_with_a_full_stop(console):
    """Trial 9, item 3: the biên bản's list of officials ended with ";" (here the list of each
    level: huyện, xã, thôn): each item ends ";", the last ".", as a list in prose does."""
    text = paragraphs(console)
    start = text.index("I. THÀNH PHẦN THAM DỰ")
    end = next(i for i, t in enumerate(text) if t.startswith("4. Nhân dân:"))
    lists: list[list[str]] = []
    for line in text[start + 1 : end]:
        if line.startswith("- "):
            lists[-1].append(line)
        else:
            lists.append([])
    assert [len(items) for items in lists] == [2, 8, 2]
    for items in lists:
        assert all(t.endswith(";") for t in items[:-1])
        assert items[-1].endswith(".") and not items[-1].endswith(";.")
    assert lists[1][-1] == "- Đồng chí Hoàng Thị Yến, Công chức Văn phòng - Thống kê."


def test_the_notice_leaves_out_counts_of_zero(empty_meeting):
    """Trial 9, item 4: "0 ý kiến chuyển cơ quan cấp trên; 0 ý kiến đang xem xét, trả lời sau"
    in the thông báo's prose: only the parts that are not zero are written."""
    _two_asked_one_turn(empty_meeting)
    text = paragraphs(empty_meeting, "conclusion")
    (counts,) = [t for t in text if t.startswith("Tại hội nghị")]
    assert counts == (
        "Tại hội nghị đã có 2 lượt ý kiến phát biểu, 2 ý kiến, kiến nghị được tổng hợp, trong "
        "đó: 1 ý kiến đã được trả lời, tiếp thu tại hội nghị; 1 ý kiến giao giải quyết. Sau khi "
        "nghe ý kiến của nhân dân và ý kiến trả lời, giải trình của các đại biểu, Chủ tịch Ủy "
        "ban nhân dân xã kết luận như sau:"
    )
    assert not [t for t in text if " 0 " in f" {t} "]


def test_the_notice_of_a_meeting_without_petitions(empty_meeting):
    console = empty_meeting
    for _ in range(2):
        console.next_phase()
    console.register("Nguyễn Thị Lan", "xóm Đình", title="Bà")
    console.call_next()
    console.end_speech()
    (counts,) = [t for t in paragraphs(console, "conclusion") if t.startswith("Tại hội nghị")]
    assert counts.startswith(
        "Tại hội nghị đã có 1 lượt ý kiến phát biểu, không có ý kiến, kiến nghị phải giải "
        "quyết. Sau khi nghe"
    )


def test_a_citizen_answered_then_speaking_again_and_answered_again(empty_meeting):
    """Bà Lan asks (petition 1), Hùng answers at once; she speaks again (lần 2, ctrl+g) and
    asks petition 2, answered in a turn of its own: each answer once, after its question,
    before what follows it."""
    console = empty_meeting
    for _ in range(2):
        console.next_phase()
    lan = console.register("Nguyễn Thị Lan", "xóm Đình", title="Bà")
    console.call_next()
    p1 = console.record_petition("Sửa cống xóm Đình.", speaker_id=lan.speaker_id)
    console.start_answer(*HUNG, [p1])
    entry = console.store.minutes(console.meeting_id)[-1]
    console.save_entry(entry.id, "Xã sẽ sửa cống trong tháng 12.")
    decide(console, p1, "answered", answer="Xã sẽ sửa cống trong tháng 12.")
    again = console.follow_up(lan.speaker_id)
    console.call_next()
    p2 = console.record_petition("Lắp đèn đường xóm Đình.", speaker_id=again)
    console.start_answer(*HUNG, [p2])
    decide(console, p2, "noted", answer="Xã ghi nhận, đưa vào kế hoạch năm 2027.")
    text = paragraphs(console)
    i = text.index("Kiến nghị 1: Sửa cống xóm Đình.")
    who = "Đồng chí Nguyễn Văn Hùng, Công chức Địa chính - Xây dựng trả lời"
    assert text[i + 1 : i + 5] == [
        f"{who} kiến nghị 1: Xã sẽ sửa cống trong tháng 12.",
        "Kết quả: đã trả lời tại hội nghị.",
        "Bà Nguyễn Thị Lan (xóm Đình) phát biểu lần 2.",
        "Kiến nghị 2: Lắp đèn đường xóm Đình.",
    ]
    assert text[i + 5 : i + 7] == [
        f"{who} kiến nghị 2: Xã ghi nhận, đưa vào kế hoạch năm 2027.",
        "Kết quả: ghi nhận, tiếp thu.",
    ]
    assert sum(t.count("Xã sẽ sửa cống") for t in text) == 1
    assert sum(t.count("kế hoạch năm 2027") for t in text) == 1
