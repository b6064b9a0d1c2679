"""The record is what was said: minutes printed verbatim, every petition accounted for, drafts
marked. Documents are read back from the .docx text."""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
import unicodedata
from pathlib import Path

import pytest
from docx import Document
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from db.migrations import speech_headers
from db.store import open_store
from facilitator.documents import build
from facilitator.rules.clock import TZ, FrozenClock
from facilitator.rules.text import TextError
from facilitator.services.conclusion import conclude
from facilitator.services.demo import demo_meeting, play_demo
from facilitator.services.exporting import export_document
from facilitator.services.live import Console, speech_header
from facilitator.services.meetingfile import export_meeting, import_meeting
from tests.helpers import run_cli, wait_until

START = dt.datetime(2021, 10, 28, 8, 0, tzinfo=TZ)
AS_OF = dt.date(2021, 11, 25)


def paragraphs(data: bytes) -> list[str]:
    return [p.text for p in Document(io.BytesIO(data)).paragraphs]


def squeeze(text: str) -> str:
    """Spacing aside (the store keeps one space between words, a paragraph per line)."""
    return " ".join(text.split())


def fresh() -> Console:
    clock = FrozenClock(START)
    store = open_store(":memory:", clock=clock)
    data = demo_meeting()
    data["speakers"] = [
        {"name": "Phạm Thị Hòa", "title": "Bà", "hamlet": "xóm Giữa", "gist": "Đường bê tông"}
    ]
    data["petitions"] = []
    return Console(store, import_meeting(store, data))


# Anything a keyboard or a paste can bring that a reader can see: the text rules remove control
# and invisible format characters (soft hyphen, zero-width, bidirectional controls), the line and
# paragraph separators, and what XML cannot hold (surrogates, U+FFFE, U+FFFF).
CHARS = st.characters(
    blacklist_categories=("Cc", "Cs", "Cf", "Zl", "Zp"),
    blacklist_characters="\ufffe\uffff",
)
PIECES = st.sampled_from([":", ": ", "\n", "  ", "phát biểu:", "Bà ", "ệ", "e\u0323\u0302"])
TYPED = st.lists(st.one_of(st.text(CHARS, max_size=40), PIECES), max_size=12).map("".join)
HEADERS = st.sampled_from(
    [
        "",
        "Bà Phạm Thị Hòa (xóm Giữa) phát biểu:",  # the old pre-filled header, kept as typed
        "Bà Hòa phát biểu: ",  # the header edited
        "Ông/Bà Phạm Thị Hòa phát biểu:",
        ":",
    ]
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(header=HEADERS, speech=TYPED, note=TYPED, nfd=st.booleans())
@example(
    header="",
    speech="Đường bê tông hỏng đã hai năm. Bà đề nghị: xã sửa trước mùa mưa.",
    note="Không có dấu hai chấm",
    nfd=True,
)
@example(header="", speech="Dài " * 1250, note="x: " * 1666, nfd=False)  # 5,000 characters
def test_every_typed_character_is_in_the_minutes(header: str, speech: str, note: str, nfd: bool):
    c = fresh()
    c.next_phase()
    c.call_next()
    entry = c.store.minutes(c.meeting_id)[-1]
    typed = header + speech
    if nfd:
        typed, note = unicodedata.normalize("NFD", typed), unicodedata.normalize("NFD", note)
    c.save_entry(entry.id, typed)
    c.new_entry(note) if note.strip() else None
    c.start_answer("Lê Văn Nam", "Phó Chủ tịch UBND xã")
    answer = c.store.minutes(c.meeting_id)[-1]
    c.save_entry(answer.id, note)
    text = paragraphs(build(c.store, c.meeting_id, "minutes"))
    assert all(unicodedata.is_normalized("NFC", p) for p in text)
    document = squeeze("\n".join(text))
    for piece in (typed, note):
        expected = squeeze(unicodedata.normalize("NFC", piece))
        assert expected in document
    # The header comes from the speaker, once, whatever was typed.
    lead = "Bà Phạm Thị Hòa (xóm Giữa) phát biểu (nội dung đăng ký: Đường bê tông):"
    if not typed.strip():  # nothing typed: the desk gist is the registered topic, not words
        lead = "Bà Phạm Thị Hòa (xóm Giữa) phát biểu (nội dung đăng ký: Đường bê tông)."
    assert document.count(lead) == 1 + squeeze(typed).count(lead)


def test_the_issue_example_keeps_its_first_sentence_and_a_colonless_entry():
    c = fresh()
    c.next_phase()
    c.call_next()
    entry = c.store.minutes(c.meeting_id)[-1]
    c.save_entry(entry.id, "Đường bê tông hỏng đã hai năm. Bà đề nghị: xã sửa trước mùa mưa.")
    c.new_entry("Chủ tọa đề nghị giữ trật tự")
    c.call_next()  # nobody waiting: the entry stays as typed
    text = paragraphs(build(c.store, c.meeting_id, "minutes"))
    i = text.index("Bà Phạm Thị Hòa (xóm Giữa) phát biểu (nội dung đăng ký: Đường bê tông):")
    assert text[i + 1] == "Đường bê tông hỏng đã hai năm. Bà đề nghị: xã sửa trước mùa mưa."
    assert "Chủ tọa đề nghị giữ trật tự" in text


def test_a_multi_line_entry_is_one_paragraph_a_line_after_its_header():
    c = fresh()
    c.next_phase()
    c.call_next()
    entry = c.store.minutes(c.meeting_id)[-1]
    c.save_entry(entry.id, "Dòng một: có hai chấm\n\nDòng hai")
    text = paragraphs(build(c.store, c.meeting_id, "minutes"))
    i = text.index("Bà Phạm Thị Hòa (xóm Giữa) phát biểu (nội dung đăng ký: Đường bê tông):")
    assert text[i + 1 : i + 3] == ["Dòng một: có hai chấm", "Dòng hai"]


def test_an_edited_phase_stamp_is_printed_too():
    c = fresh()
    c.next_phase()
    stamp = c.store.minutes(c.meeting_id)[-1]
    c.save_entry(stamp.id, "1. Khai mạc — chậm 10 phút vì mất điện")
    text = paragraphs(build(c.store, c.meeting_id, "minutes"))
    assert "1. Khai mạc — chậm 10 phút vì mất điện" in text


def test_the_old_prefilled_header_is_removed_once_and_only_as_written():
    """Schema step 0005: entries written by an earlier release lose the header it pre-filled
    (now printed from the speaker); a header the secretary changed is kept as typed."""
    c = fresh()
    c.register("Nguyễn Văn An", "Đông Phong")
    c.next_phase()
    c.call_next()
    hoa = c.store.minutes(c.meeting_id)[-1]
    c.call_next()
    an = c.store.minutes(c.meeting_id)[-1]
    c.start_answer("Lê Văn Nam", "Phó Chủ tịch UBND xã")
    nam = c.store.minutes(c.meeting_id)[-1]
    old = {
        hoa.id: "Bà Phạm Thị Hòa (xóm Giữa) phát biểu: Đường hỏng.",
        an.id: "Ông Nguyễn Văn An nói: nước tưới",  # the secretary rewrote the header
        nam.id: "Đồng chí Lê Văn Nam, Phó Chủ tịch UBND xã trả lời: Xã sẽ sửa.",
    }
    for entry_id, text in old.items():
        c.store.update("minutes", entry_id, {"text": text})
    speech_headers(c.store.db)
    assert c.store.minutes_entry(hoa.id).text == "Đường hỏng."
    assert c.store.minutes_entry(an.id).text == "Ông Nguyễn Văn An nói: nước tưới"
    assert c.store.minutes_entry(nam.id).text == "Xã sẽ sửa."
    document = "\n".join(paragraphs(build(c.store, c.meeting_id, "minutes")))
    assert document.count("phát biểu (nội dung đăng ký: Đường bê tông):\nĐường hỏng.") == 1
    assert "Nguyễn Văn An (thôn Đông Phong) phát biểu: Ông Nguyễn Văn An nói: nước tưới" in document
    assert document.count("Đồng chí Lê Văn Nam, Phó Chủ tịch UBND xã trả lời: Xã sẽ sửa.") == 1


def test_an_older_meeting_file_with_prefilled_headers_imports_to_one_header():
    c = fresh()
    c.next_phase()
    c.call_next()
    entry = c.store.minutes(c.meeting_id)[-1]
    c.save_entry(entry.id, "Đường hỏng: xin sửa.")
    data = export_meeting(c.store, c.meeting_id)
    speech = next(e for e in data["minutes"] if e["kind"] == "speech")
    assert speech["header_in_text"] is False and speech["text"] == "Đường hỏng: xin sửa."
    again = import_meeting(c.store, copy.deepcopy(data))  # this release's file: kept as is
    assert c.store.minutes(again)[-1].text == "Đường hỏng: xin sửa."
    del speech["header_in_text"]  # as an earlier release wrote it
    speech["text"] = "Bà Phạm Thị Hòa (xóm Giữa) phát biểu: Đường hỏng: xin sửa."
    older = import_meeting(c.store, data)
    assert c.store.minutes(older)[-1].text == "Đường hỏng: xin sửa."


def test_the_editor_shows_the_header_and_undo_removes_an_untouched_entry():
    c = fresh()
    c.next_phase()
    hoa = c.call_next()
    assert speech_header(hoa) == "Bà Phạm Thị Hòa (xóm Giữa) phát biểu:"
    assert c.store.minutes(c.meeting_id)[-1].text == ""
    c.undo()
    assert [e.kind for e in c.store.minutes(c.meeting_id)] == ["phase"]


# ----- every petition accounted for ---------------------------------------------------------


@pytest.fixture
def played(console, clock):
    play_demo(console, clock.advance)
    return console


def _count(pattern: str, text: str) -> int:
    match = re.search(pattern, text)
    assert match, pattern
    return int(match.group(1))


def _section(text: list[str], start: str, end: str) -> list[str]:
    i = next(n for n, p in enumerate(text) if p.startswith(start))
    j = next(n for n, p in enumerate(text) if p.startswith(end))
    return [p for p in text[i + 1 : j] if p.startswith("- ")]


def test_conclusion_notice_lists_every_petition_and_its_counts_add_up(played):
    petitions = played.store.petitions(played.meeting_id)
    pending = [p for p in petitions if p.outcome is None]
    assert len(petitions) == 10 and len(pending) == 4  # the demo leaves four undecided
    text = paragraphs(build(played.store, played.meeting_id, "conclusion", as_of=AS_OF))
    joined = "\n".join(text)
    total = _count(r"(\d+) ý kiến, kiến nghị được tổng hợp", joined)
    counts = [
        _count(r"(\d+) ý kiến đã được trả lời, tiếp thu", joined),
        _count(r"(\d+) ý kiến giao giải quyết", joined),
        _count(r"(\d+) ý kiến chuyển cơ quan cấp trên", joined),
        _count(r"(\d+) ý kiến đang xem xét, trả lời sau", joined),
    ]
    assert total == len(petitions) and sum(counts) == total
    assert counts == [2, 3, 1, 4]
    sections = [
        _section(text, "2. Các nội dung đã được trả lời", "3. Các nội dung giao"),
        _section(text, "3. Các nội dung giao", "4. Các nội dung chuyển"),
        _section(text, "4. Các nội dung chuyển", "5. Các nội dung đang xem xét"),
        _section(text, "5. Các nội dung đang xem xét, trả lời sau", "6. Tổ chức thực hiện"),
    ]
    assert [len(s) for s in sections] == counts
    undecided = "\n".join(sections[3])
    for p in pending:
        assert p.content[1:].rstrip(".") in undecided
    listed = "\n".join(line for s in sections for line in s)
    for p in petitions:
        assert p.content[1:].rstrip(".") in listed


def test_report_counts_add_up_and_lists_the_undecided(played):
    petitions = played.store.petitions(played.meeting_id)
    text = paragraphs(build(played.store, played.meeting_id, "report", as_of=AS_OF))
    joined = "\n".join(text)
    total = _count(r"có tổng số (\d+) ý kiến, kiến nghị", joined)
    by_outcome = [int(n) for n in re.findall(r"^- [^:\n]+: (\d+) ý kiến[;.]$", joined, re.M)]
    assert total == len(petitions) == sum(by_outcome)
    assert "- Đang xem xét, trả lời sau: 4 ý kiến." in text  # the last of the list
    fields = re.search(r"Phân theo lĩnh vực: (.*)\.", joined)
    assert fields and sum(int(n) for n in re.findall(r": (\d+)", fields.group(1))) == total
    i = text.index("Các ý kiến, kiến nghị đang xem xét, trả lời sau: 4 ý kiến:")
    listed = text[i + 1 : i + 5]
    pending = [p for p in petitions if p.outcome is None]
    assert [line.split(" (")[0] for line in listed] == [f"- {p.content}" for p in pending]
    appendix = Document(io.BytesIO(build(played.store, played.meeting_id, "report"))).tables[-1]
    assert len(appendix.rows) == 1 + total


def test_minutes_say_what_is_still_undecided(played):
    text = paragraphs(build(played.store, played.meeting_id, "minutes"))
    assert text.count("Kết quả: đang xem xét, trả lời sau.") == 4


# ----- drafts -------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["minutes", "conclusion", "report"])
def test_a_meeting_not_concluded_gives_drafts(console, clock, kind):
    console.next_phase()
    text = [p for p in paragraphs(build(console.store, console.meeting_id, kind)) if p.strip()]
    assert text[0] == "DỰ THẢO"
    assert text[1] in ("BIÊN BẢN", "THÔNG BÁO", "BÁO CÁO")
    conclude(console, "Kết luận.")
    final = [p for p in paragraphs(build(console.store, console.meeting_id, kind)) if p.strip()]
    assert "DỰ THẢO" not in final and final[0] in ("BIÊN BẢN", "THÔNG BÁO", "BÁO CÁO")


def test_as_of_before_the_meeting_is_refused(played, tmp_path: Path):
    with pytest.raises(TextError, match="ngày lập văn bản 27/10/2021 trước ngày hội nghị"):
        export_document(
            played.store, played.meeting_id, "report", tmp_path, as_of=dt.date(2021, 10, 27)
        )
    assert list(tmp_path.iterdir()) == []
    path = export_document(
        played.store, played.meeting_id, "report", tmp_path, as_of=dt.date(2021, 10, 28)
    )
    assert path.exists()


# ----- through the keys and the command line --------------------------------------------------


def live_app(tmp_path: Path, clock: FrozenClock):
    from facilitator.app import make_app

    app = make_app(tmp_path / "m.db", clock=clock, export_dir=tmp_path / "out")
    app.meeting_id = import_meeting(app.store, demo_meeting())
    return app


async def test_typed_speech_reaches_the_minutes_whole(tmp_path, clock):
    from screens.widgets import NfcTextArea

    app = live_app(tmp_path, clock)
    store, mid = app.store, app.meeting_id
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        await pilot.press("f8", "f3", "enter")
        await pilot.pause()
        editor = app.screen.query_one("#editor", NfcTextArea)
        assert editor.text == ""  # nothing pre-filled: the header is a label above
        label = str(app.screen.query_one("#editing").render())
        assert label.endswith("Ông Nguyễn Văn Thành (xóm Đình) phát biểu:")
        await pilot.press(*"Hai: ba")
        await pilot.press("f3")  # the next speaker: the entry is saved first
        await pilot.pause()
        log = str(app.screen.query_one("#minutes-log").get_row_at(3)[1])  # after 1., 2. and 3.
        assert log == "Ông Nguyễn Văn Thành (xóm Đình) phát biểu: Hai: ba"
        text = paragraphs(build(store, mid, "minutes"))
    i = text.index(
        "Ông Nguyễn Văn Thành (xóm Đình) phát biểu "
        "(nội dung đăng ký: Đường trục thôn xuống cấp, mùa mưa ngập):"
    )
    assert text[i + 1] == "Hai: ba"


async def test_export_dialog_says_the_documents_are_drafts(tmp_path, clock):
    app = live_app(tmp_path, clock)
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        await pilot.press("f10")
        await pilot.pause()
        shown = str(app.screen.query_one("#export-results").render())
        assert "Hội nghị chưa kết luận: biên bản, thông báo kết luận, báo cáo là DỰ THẢO." in shown
        await pilot.press("6")  # the biên bản
        results = app.screen.query_one("#export-results")
        await wait_until(pilot, lambda: "bien-ban.docx" in str(results.render()), timeout=10)
        shown = str(app.screen.query_one("#export-results").render())
        assert "✓ 2021-10-28_dong-phong_bien-ban.docx (dự thảo, hội nghị chưa kết luận)" in shown


def test_cli_export_says_draft_and_refuses_an_as_of_before_the_meeting(tmp_path: Path):
    db = tmp_path / "f.db"
    store = open_store(db)
    mid = import_meeting(store, demo_meeting())
    store.close()
    out = run_cli("export", str(mid), "--doc", "minutes", "-o", str(tmp_path), db=db)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[-1] == (
        "Hội nghị chưa kết luận: văn bản là DỰ THẢO (có chữ DỰ THẢO trên tiêu đề)."
    )
    early = run_cli("export", str(mid), "--doc", "report", "--as-of", "27/10/2021", db=db)
    assert early.returncode == 1
    assert early.stderr == "Lỗi: ngày lập văn bản 27/10/2021 trước ngày hội nghị 28/10/2021\n"
    english = run_cli(
        "export", str(mid), "--doc", "report", "--as-of", "2021-10-01", "--lang", "en", db=db
    )
    assert english.stderr == (
        "Error: the document date 01/10/2021 is before the meeting (28/10/2021)\n"
    )
    assert sorted(p.name for p in tmp_path.glob("*.docx")) == [
        "2021-10-28_dong-phong_bien-ban.docx"
    ]


async def test_concluding_lists_what_is_still_open_before_it_asks(tmp_path, clock):
    app = live_app(tmp_path, clock)
    store, mid = app.store, app.meeting_id
    console = Console(store, mid)
    console.next_phase()
    console.call_next()  # Nguyễn Văn Thành speaks; eleven still wait
    console.record_petition("Đề nghị sửa cống xóm Đình", speaker_id=console.store.speaking(mid).id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f9")
        await pilot.pause()
        await pilot.press("f9")
        await pilot.pause()
        shown = str(app.screen.query_one("#form-note").render())
        lines = shown.splitlines()
        assert lines[0] == (
            "Còn 7 kiến nghị chưa quyết định (văn bản ghi: đang xem xét, trả lời sau):"
        )
        assert "  • 7. Đề nghị sửa cống xóm Đình" in lines
        assert "  • 1. Đề nghị nâng cấp tuyến đường trục thôn đoạn từ cổng làng đến nhà …" in lines
        assert "Còn 11 người đang chờ phát biểu (sẽ không được gọi):" in lines
        at = lines.index("Còn 11 người đang chờ phát biểu (sẽ không được gọi):")
        assert lines[at + 1].startswith("  Phạm Thị Hòa (xóm Giữa), Vũ Đức Lợi (xóm Chùa),")
        assert lines[-1].endswith(", Trịnh Văn Bảo (xóm Bến)")  # all eleven, one after another
        assert "Kết luận và kết thúc hội nghị?" in str(app.screen.query_one("#form-title").render())
        await pilot.press("escape")  # not now: nothing changes
        await pilot.pause()
        assert store.meeting(mid).status == "live"


def test_nothing_open_is_said_too(played):
    from facilitator.services.conclusion import open_items

    items = open_items(played.store, played.meeting_id)
    assert [p.seq for p in items.undecided] == [3, 4, 5, 6] and items.waiting != []
