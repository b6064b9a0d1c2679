"""The commune profile on the documents (SPEC §7a), numbers, metadata and outputs (issue 11)."""

from __future__ import annotations

import datetime as dt
import io
import re
import stat
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from facilitator.documents import build
from facilitator.documents.layout import PPR_ORDER, number_line
from facilitator.rules.profile import Profile
from facilitator.services.conclusion import decide
from facilitator.services.demo import demo_meeting
from facilitator.services.exporting import export_document
from facilitator.services.files import FileWriteError
from facilitator.services.live import Console
from facilitator.services.meetingfile import export_meeting, import_meeting
from facilitator.services.preparation import create_meeting
from tests.helpers import run_cli as cli

ROOT = Path(__file__).resolve().parent.parent
KINDS = ("minutes", "conclusion", "report")
DISTRICT_ERA = ("Huyện ủy", "huyện", "Văn phòng - Thống kê", "VP-TK", "Đài truyền thanh xã")


def all_text(data: bytes) -> str:
    """Every paragraph of the body, its tables and the headers."""
    d = Document(io.BytesIO(data))
    body = d.element.body
    texts = ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in body.iter(qn("w:p"))]
    return "\n".join(texts)


def new_meeting(store, commune: str = "Hưng Lộc") -> int:
    meeting_id = create_meeting(
        store,
        {
            "commune": commune,
            "village": "Yên Hồ",
            "date": "10/09/2025",
            "start": "08:00",
            "chair": "Nguyễn Văn An",
            "secretary": "Lê Thị Bình",
        },
    )
    console = Console(store, meeting_id)
    console.register("Trần Văn Cường", "xóm Trại", "Đường ngập")
    return meeting_id


def render_all(store, meeting_id: int, **kw) -> dict[str, str]:
    return {
        k: all_text(build(store, meeting_id, k, as_of=dt.date(2025, 9, 30), **kw)) for k in KINDS
    }


# The recipients end with "- Lưu: VT, VP."; the minutes are signed above them, the other two
# documents beside them (a two-column table read left column first).
ENDS = {
    "minutes": "Nơi nhận:\n- Thường trực Đảng ủy xã;\n- Thường trực HĐND xã;\n"
    "- Ủy ban MTTQ Việt Nam xã;\n- Lưu: VT, VP.",
    "conclusion": "- Lưu: VT, VP.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\n\n\n\nNguyễn Văn An",
    "report": "- Lưu: VT, VP.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\n\n\n\nNguyễn Văn An",
}


def test_defaults_follow_the_two_level_government(store):
    meeting_id = new_meeting(store)
    texts = render_all(store, meeting_id)
    for kind, text in texts.items():
        for word in DISTRICT_ERA:
            assert word not in text, (kind, word)
        assert "ỦY BAN NHÂN DÂN\nXÃ HƯNG LỘC" in text
        assert text.count("- Lưu: VT, VP.") == 1, kind
        assert text.rstrip().endswith(ENDS[kind]), kind
    assert "- Thường trực Đảng ủy xã;\n- Thường trực HĐND xã;" in texts["conclusion"]
    assert "- Thôn Yên Hồ;\n- Lưu: VT, VP." in texts["conclusion"]
    assert "Giao Văn phòng HĐND và UBND xã theo dõi" in texts["conclusion"]
    m = store.meeting(meeting_id)
    assert (m.organiser, m.secretary_position) == (
        "Ủy ban nhân dân xã Hưng Lộc",
        "Công chức Văn phòng HĐND và UBND xã",
    )


def test_every_name_comes_from_the_profile(store):
    profile = store.profile()
    for key, value in {
        "province": "Nghệ An",
        "commune": "Hưng Lộc",
        "ubnd": "ỦY BAN NHÂN DÂN / PHƯỜNG HƯNG LỘC",
        "signer": "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH",
        "office": "VP.HĐND-UBND",
        "office_name": "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân",
        "radio": "Trung tâm Văn hóa - Thông tin phường",
        "recipients.conclusion": "Sở Nội vụ tỉnh Nghệ An; Thường trực Đảng ủy phường",
        "recipients.report": "Ủy ban nhân dân tỉnh Nghệ An",
        "recipients.minutes": "Ủy ban MTTQ Việt Nam phường",
    }.items():
        profile = profile.edited(key, value)
    store.set_profile(profile)
    meeting_id = new_meeting(store)
    texts = render_all(store, meeting_id)
    assert "ỦY BAN NHÂN DÂN\nPHƯỜNG HƯNG LỘC" in texts["minutes"]
    assert "- Ủy ban MTTQ Việt Nam phường;\n- Lưu: VT, VP.HĐND-UBND." in texts["minutes"]
    assert (
        "- Sở Nội vụ tỉnh Nghệ An;\n- Thường trực Đảng ủy phường;\n- Thôn Yên Hồ;\n"
        "- Lưu: VT, VP.HĐND-UBND." in texts["conclusion"]
    )
    assert "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH" in texts["conclusion"]
    assert "Trung tâm Văn hóa - Thông tin phường thông báo nội dung kết luận" in texts["conclusion"]
    assert "- Ủy ban nhân dân tỉnh Nghệ An;\n- Lưu: VT, VP.HĐND-UBND." in texts["report"]
    d = Document(io.BytesIO(build(store, meeting_id, "report")))
    assert d.core_properties.author == "Ủy ban nhân dân phường Hưng Lộc"


def test_the_demo_keeps_its_district_era_profile(store, meeting_id):
    store.set_profile(store.profile().edited("office", "VP").edited("commune", "Bình Lãng"))
    texts = render_all(store, meeting_id)
    assert "- Ban Dân vận Huyện ủy;" in texts["conclusion"]
    assert "- Lưu: VT, VP-TK." in texts["minutes"]
    assert "qua Văn phòng\u00a0- Thống kê" in texts["conclusion"]
    assert "Đài truyền thanh xã thông báo" in texts["conclusion"]


def test_a_meeting_keeps_the_profile_it_was_held_under(store, clock):
    meeting_id = new_meeting(store)
    store.set_profile(store.profile().edited("office", "VP-A"))
    assert "- Lưu: VT, VP-A." in render_all(store, meeting_id)["minutes"]  # a draft follows
    Console(store, meeting_id).next_phase()  # opens the meeting
    store.set_profile(store.profile().edited("office", "VP-B"))
    assert "- Lưu: VT, VP-A." in render_all(store, meeting_id)["minutes"]
    later = new_meeting(store)
    assert "- Lưu: VT, VP-B." in render_all(store, later)["minutes"]


def test_the_profile_travels_in_the_meeting_file(store, meeting_id, clock):
    from db.store import open_store

    data = export_meeting(store, meeting_id)
    assert data["version"] == 2
    assert data["profile"]["office"] == "VP-TK"
    assert data["profile"]["recipients"]["report"][0] == "Ban Dân vận Huyện ủy"
    other = open_store(":memory:", clock=clock)
    other.set_profile(other.profile().edited("office", "VP"))
    copy = import_meeting(other, data)
    assert "- Lưu: VT, VP-TK." in render_all(other, copy)["minutes"]
    assert export_meeting(other, copy)["profile"] == data["profile"]
    # version 1 (no profile) still imports; a draft follows today's profile
    old = demo_meeting()
    old["version"] = 1
    del old["profile"]
    v1 = import_meeting(other, old)
    assert "- Lưu: VT, VP." in render_all(other, v1)["minutes"]


def test_profile_edit_refuses_unknown_keys_and_blank_titles():
    from facilitator.rules.profile import ProfileError

    with pytest.raises(ProfileError, match="không có mục colour"):
        Profile().edited("colour", "đỏ")
    with pytest.raises(ProfileError, match="không được để trống"):
        Profile().edited("signer", "  ")
    assert Profile().edited("hamlets", "Yên Hồ; Đông ; ;Trại").hamlets == ["Yên Hồ", "Đông", "Trại"]


def test_profile_command_shows_and_edits(tmp_path: Path):
    db = tmp_path / "f.db"
    missing = cli("profile", db=db)
    assert missing.returncode == 1 and not db.exists()
    edited = cli("profile", "edit", "commune", "Hưng Lộc", db=db)
    assert edited.returncode == 0, edited.stderr
    edited = cli("profile", "edit", "recipients.report", "Sở Nội vụ; UBMTTQ xã", db=db)
    shown = cli("profile", "show", db=db).stdout.splitlines()
    assert "Xã, phường [commune]: Hưng Lộc" in shown
    assert (
        "Tên UBND như in (các dòng cách nhau bằng /) [ubnd]: ỦY BAN NHÂN DÂN / XÃ HƯNG LỘC" in shown
    )
    assert "Nơi nhận báo cáo [recipients.report]: Sở Nội vụ; UBMTTQ xã" in shown
    english = cli("profile", "--lang", "en", db=db).stdout.splitlines()
    assert "Commune [commune]: Hưng Lộc" in english
    refused = cli("profile", "edit", "colour", "x", db=db)
    assert refused.returncode == 1 and refused.stderr.startswith("Lỗi: không có mục colour")


async def test_profile_screen_from_home(tmp_path, clock):
    from facilitator.app import make_app

    app = make_app(tmp_path / "m.db", clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("f6")
        await pilot.pause()
        assert app.screen.focused.id == "f-province"
        await pilot.press(*"Nghệ An")
        app.screen.query_one("#f-office").value = ""  # blank short name: "Lưu: VT."
        app.screen.query_one("#f-signer").value = " "
        await pilot.press("enter")
        await pilot.pause()
        assert "⚠" in str(app.screen.query_one("#err-signer").render())  # form stays open
        app.screen.query_one("#f-signer").value = "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
        profile = app.store.profile()
    assert (profile.province, profile.office, profile.signer) == (
        "Nghệ An",
        "",
        "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH",
    )
    assert profile.recipient_lines("minutes")[-1] == "- Lưu: VT."


# ----- numbers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        (None, "Số:      /BB-UBND"),
        ("", "Số:      /BB-UBND"),
        ("5", "Số: 05/BB-UBND"),
        ("05", "Số: 05/BB-UBND"),
        ("12", "Số: 12/BB-UBND"),
        ("12/BB-UBND", "Số: 12/BB-UBND"),
        ("Số: 7", "Số: 07/BB-UBND"),
        ("123", "Số: 123/BB-UBND"),
    ],
)
def test_document_numbers(typed, printed):
    assert number_line(typed, "BB-UBND") == printed


@pytest.mark.parametrize(
    ("kind", "code"), [("minutes", "BB"), ("conclusion", "TB"), ("report", "BC")]
)
def test_number_in_each_document(store, meeting_id, kind, code):
    d = Document(io.BytesIO(build(store, meeting_id, kind, number="5")))
    assert d.tables[0].rows[1].cells[0].text == f"Số: 05/{code}-UBND"
    d = Document(io.BytesIO(build(store, meeting_id, kind, number=f"12/{code}-UBND")))
    assert d.tables[0].rows[1].cells[0].text == f"Số: 12/{code}-UBND"


# ----- metadata -----------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_core_properties_language_and_no_template_leftovers(store, meeting_id, clock, kind):
    data = build(store, meeting_id, kind, as_of=dt.date(2021, 11, 25))
    d = Document(io.BytesIO(data))
    props = d.core_properties
    title = {
        "minutes": "Biên bản hội nghị tiếp xúc, đối thoại",
        "conclusion": "Thông báo kết luận hội nghị tiếp xúc, đối thoại",
        "report": "Báo cáo kết quả giải quyết ý kiến, kiến nghị",
    }[kind]
    assert props.title == f"{title} thôn Đông Phong ngày 28/10/2021"
    assert props.author == props.last_modified_by == "Ủy ban nhân dân xã Bình Lãng"
    made = clock().astimezone(dt.UTC).replace(microsecond=0)
    assert props.created == props.modified == made
    assert (props.comments, props.language) == ("", "vi-VN")
    lang = d.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert lang.find(qn("w:lang")).get(qn("w:val")) == "vi-VN"
    theme_lang = d.settings.element.find(qn("w:themeFontLang"))
    assert theme_lang.get(qn("w:val")) == "vi-VN"
    package = zipfile.ZipFile(io.BytesIO(data))
    assert not [n for n in package.namelist() if "thumbnail" in n]
    for name in package.namelist():
        blob = package.read(name)
        for leftover in (b"python-docx", b"Macintosh", b"en-US", b"2013-12-23"):
            assert leftover not in blob, (name, leftover)
    # every w:pPr has its children in the schema's order (w:pBdr before spacing, ind, jc)
    seen_border = False
    for part in (d.part, *[s.header.part for s in d.sections]):
        for ppr in part.element.iter(qn("w:pPr")):
            tags = [child.tag for child in ppr]
            order = [PPR_ORDER.index(child.prefix + ":" + child.tag.split("}")[1]) for child in ppr]
            assert order == sorted(order), tags
            seen_border |= ppr.find(qn("w:pBdr")) is not None
    assert seen_border


# ----- outputs ------------------------------------------------------------------------------


def test_pdf_refused_without_libreoffice(store, meeting_id, tmp_path, monkeypatch):
    from facilitator.documents import pdf

    monkeypatch.setattr(pdf, "soffice", lambda: None)
    with pytest.raises(FileWriteError, match="cần LibreOffice để xuất PDF"):
        export_document(store, meeting_id, "minutes", tmp_path / "bien-ban.pdf")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(
    __import__("facilitator.documents.pdf").documents.pdf.soffice() is None,
    reason="LibreOffice is installed by .ci/run",
)
def test_pdf_is_a_real_pdf(store, meeting_id, tmp_path):
    target = export_document(store, meeting_id, "conclusion", tmp_path / "TB.PDF")
    assert target.read_bytes().startswith(b"%PDF-")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["TB.PDF"]


def test_force_over_a_read_only_file_is_refused(store, meeting_id, tmp_path):
    target = tmp_path / "bien-ban.docx"
    target.write_bytes(b"signed copy")
    target.chmod(stat.S_IREAD)
    try:
        with pytest.raises(FileWriteError, match="tệp chỉ được đọc, không ghi đè"):
            export_document(store, meeting_id, "minutes", target, overwrite=True)
        assert target.read_bytes() == b"signed copy"
    finally:
        target.chmod(stat.S_IREAD | stat.S_IWRITE)
    export_document(store, meeting_id, "minutes", target, overwrite=True)
    assert target.read_bytes().startswith(b"PK")


def test_decided_meeting_renders(store, meeting_id):
    """A petition decided after the meeting still prints with the frozen profile."""
    console = Console(store, meeting_id)
    decide(console, store.petitions(meeting_id)[0].id, "forwarded", forwarded_to="Sở Xây dựng")
    assert "Sở Xây dựng" in render_all(store, meeting_id)["conclusion"]


# ----- the biên bản as Mẫu 1.9, the legal basis ---------------------------------------------


def paragraphs(data: bytes) -> list[str]:
    return [p.text for p in Document(io.BytesIO(data)).paragraphs if p.text.strip()]


@pytest.fixture
def played(console, clock):
    from facilitator.services.demo import play_demo

    play_demo(console, clock.advance)
    return console


def test_minutes_phases_as_held(played):
    text = paragraphs(build(played.store, played.meeting_id, "minutes"))
    content = text[text.index("II. NỘI DUNG HỘI NGHỊ") :]
    headings = [t for t in content if re.match(r"^(\d\. |III\. )", t)]
    assert headings == [
        "1. Khai mạc (08 giờ 00 phút)",
        "2. Thông báo nội dung (08 giờ 10 phút)",
        "3. Nhân dân phát biểu (08 giờ 25 phút)",
        "4. Trả lời, giải trình (08 giờ 40 phút)",
        "5. Trao đổi thêm (08 giờ 47 phút)",
        "III. KẾT LUẬN CỦA CHỦ TỌA (08 giờ 49 phút)",
    ]
    # the opinions collected before the meeting, as the chair announced them in phase 2
    phase2 = text.index("2. Thông báo nội dung (08 giờ 10 phút)")
    phase3 = text.index("3. Nhân dân phát biểu (08 giờ 25 phút)")
    assert "Các ý kiến, kiến nghị của nhân dân được tổng hợp trước hội nghị:" in text[phase2:phase3]
    joined = "\n".join(text)
    assert "(phát biểu lần 2) phát biểu" not in joined
    assert "Ông Nguyễn Văn Thành (xóm Đình) phát biểu lần 2." in text  # no gist of its own
    assert "chuyển cấp trên đến" not in joined
    assert "Kết quả: chuyển Văn phòng Đăng ký đất đai huyện xem xét, giải quyết." in text


def test_every_agenda_phase_keeps_its_heading_in_order(console, clock):
    """A clerk expects the agenda 1..N: a phase skipped (F3 past it) or left empty still has
    its heading, its time when it was reached, and "(Không có ghi chép.)"."""
    console.next_phase()
    console.new_entry("Khai mạc hội nghị.")
    clock.advance(300)
    console.next_phase()  # 2: the pre-collected opinions are announced
    clock.advance(300)
    console.next_phase()  # 3: nobody spoke yet, nothing typed
    text = paragraphs(build(console.store, console.meeting_id, "minutes"))
    content = text[text.index("II. NỘI DUNG HỘI NGHỊ") :]
    headings = [t for t in content if re.match(r"^(\d\. |III\. )", t)]
    assert headings == [
        "1. Khai mạc (08 giờ 00 phút)",
        "2. Thông báo nội dung (08 giờ 05 phút)",
        "3. Nhân dân phát biểu (08 giờ 10 phút)",
        "4. Trả lời, giải trình",
        "5. Trao đổi thêm",
        "III. KẾT LUẬN CỦA CHỦ TỌA",
    ]
    three = content.index("3. Nhân dân phát biểu (08 giờ 10 phút)")
    assert content[three + 1 : three + 6] == [
        "(Không có ghi chép.)",
        "4. Trả lời, giải trình",
        "(Không có ghi chép.)",
        "5. Trao đổi thêm",
        "(Không có ghi chép.)",
    ]


def test_conclusion_phase_entries_under_part_three(console, clock):
    for _ in range(6):
        console.next_phase()
    console.new_entry("Chủ tọa tóm tắt các ý kiến và kết luận hội nghị.")
    text = paragraphs(build(console.store, console.meeting_id, "minutes"))
    assert "6. Kết luận (08 giờ 00 phút)" not in text
    part = text.index("III. KẾT LUẬN CỦA CHỦ TỌA (08 giờ 00 phút)")
    assert text[part + 1] == "Chủ tọa tóm tắt các ý kiến và kết luận hội nghị."
    assert sum(t.startswith("III.") for t in text) == 1


@pytest.mark.parametrize("kind", ["conclusion", "report"])
def test_legal_basis_opens_notice_and_report(store, meeting_id, kind):
    text = paragraphs(build(store, meeting_id, kind, as_of=dt.date(2021, 11, 25)))
    start = text.index(
        "Căn cứ Quy chế số 03-QC/TU ngày 18/3/2021 của Ban Thường vụ Tỉnh ủy Hải "
        "Dương về tiếp xúc, đối thoại trực tiếp của người đứng đầu cấp ủy đảng, "
        "chính quyền các cấp với nhân dân;"
    )
    assert text[start + 1 : start + 3] == [
        "Thực hiện Công văn số 115-CV/BDVHU ngày 20/8/2020 của Ban Dân vận Huyện ủy;",
        "Thực hiện Kế hoạch số 48/KH-UBND ngày 07/10/2021 của Ủy ban nhân dân xã Bình Lãng;",
    ]
    assert text[start - 1].startswith(("Kết luận của Chủ tịch", "Kết quả giải quyết"))  # title


async def test_new_meeting_suggests_the_profiles_hamlets(tmp_path, clock):
    from facilitator.app import make_app

    app = make_app(tmp_path / "m.db", clock=clock)
    app.store.set_profile(app.store.profile().edited("hamlets", "Yên Hồ; Đông Phong"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        village = app.screen.query_one("#f-village")
        assert await village.suggester.get_suggestion("đô") == "Đông Phong"


def test_commune_typed_with_xa_is_never_printed_twice(tmp_path: Path, store):
    """The trial: `profile edit commune "Xã Bình Lãng"` printed "XÃ XÃ BÌNH LÃNG" and "Đảng ủy
    xã Xã Bình Lãng". Typed with the word or without, the name is kept without it."""
    db = tmp_path / "f.db"
    assert cli("profile", "edit", "commune", "Xã Bình Lãng", db=db).returncode == 0
    shown = cli("profile", "show", db=db).stdout.splitlines()
    assert "Xã, phường [commune]: Bình Lãng" in shown
    assert "Tên UBND như in (các dòng cách nhau bằng /) [ubnd]: ỦY BAN NHÂN DÂN / XÃ BÌNH LÃNG" in (
        shown
    )
    profile = Profile().edited("commune", "xã Bình Lãng")
    assert profile.commune == "Bình Lãng"
    assert profile.resolved("").party == "Đảng ủy xã Bình Lãng"
    # a new meeting typed with the word too, under a profile of another commune
    text = render_all(store, new_meeting(store, "Xã Bình Lãng"))
    for kind, body in text.items():
        assert "XÃ XÃ" not in body.upper(), kind
        assert "xã Xã" not in body, kind
    assert "XÃ BÌNH LÃNG" in text["minutes"]
    assert "Bình Lãng, ngày" in text["minutes"]
