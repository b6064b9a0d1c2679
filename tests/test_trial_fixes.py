"""What a second trial (a new secretary with only the README) found: an answer printed twice in
the biên bản, corrections after sealing, dates in the future, clocks that count differently,
keys dropped by a closed Select, a seal that did not say who sealed, cut-offs at 80×24."""

from __future__ import annotations

import io

from docx import Document

from facilitator.documents import build
from facilitator.services.conclusion import decide
from facilitator.services.live import Console


def paragraphs(console: Console, kind: str = "minutes") -> list[str]:
    document = Document(io.BytesIO(build(console.store, console.meeting_id, kind)))
    return [p.text for p in document.paragraphs if p.text.strip()]


def _answered_in_a_turn(console: Console, said: str, answer: str) -> None:
    """Bà Hoà asks, the chair answers in a turn of his own, and F7 files the typed words as the
    petition's answer (the answer form offers them)."""
    for _ in range(3):
        console.next_phase()
    for s in console.store.speakers(console.meeting_id):
        console.set_absent(s.id, "withdrawn")
    hoa = console.register("Nguyễn Thị Hoà", "Đông Phong", "Đường trục thôn", title="Bà")
    console.call_next()
    pid = console.record_petition("Sửa đường trục thôn.", speaker_id=hoa.speaker_id)
    console.next_phase()  # 4. Trả lời, giải trình
    turn = console.start_answer("Trần Xuân Mãng", "Chủ tịch UBND xã", [pid])
    entry = console.store.minutes(console.meeting_id)[-1]
    console.save_entry(entry.id, said)
    console.tie_answer(pid, turn)
    decide(
        console,
        pid,
        "answered",
        answer=answer,
        answered_by_name="Trần Xuân Mãng",
        answered_by_position="Chủ tịch UBND xã",
    )


def test_an_answer_given_in_a_turn_is_printed_once(console):
    said = "Đường trục thôn sẽ được khởi công trong quý II/2022."
    _answered_in_a_turn(console, said, said)
    text = paragraphs(console)
    assert "Kiến nghị 7: Sửa đường trục thôn." in text
    i = text.index("Kiến nghị 7: Sửa đường trục thôn.")
    assert text[i + 1] == (
        "Đồng chí Trần Xuân Mãng, Chủ tịch UBND xã trả lời (nội dung ghi tại mục "
        "“4. Trả lời, giải trình”). Kết quả: đã trả lời tại hội nghị."
    )
    assert (
        "Đồng chí Trần Xuân Mãng, Chủ tịch UBND xã trả lời kiến nghị 7: Đường trục thôn sẽ "
        "được khởi công trong quý II/2022." in text
    )
    assert sum(t.count("khởi công trong quý II/2022") for t in text) == 1


def test_an_answer_that_differs_from_what_was_said_is_printed_as_filed(console):
    _answered_in_a_turn(
        console,
        "Xã đã có kế hoạch; tôi xin báo cáo thêm về nguồn vốn.",
        "Khởi công quý II/2022.",
    )
    text = paragraphs(console)
    i = text.index("Kiến nghị 7: Sửa đường trục thôn.")
    assert text[i + 1] == (
        "Đồng chí Trần Xuân Mãng, Chủ tịch UBND xã trả lời: Khởi công quý II/2022. "
        "Kết quả: đã trả lời tại hội nghị."
    )
