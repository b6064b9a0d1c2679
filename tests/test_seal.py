"""Sealed minutes (SPEC §7c): seal, refuse changes, amend with a chained seal, verify, footer."""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path

import pytest
from docx import Document

from db.store import open_store
from facilitator.documents import build
from facilitator.rules.clock import FrozenClock
from facilitator.services.conclusion import decide, save_conclusion_text
from facilitator.services.demo import demo_meeting, play_demo
from facilitator.services.live import SEALED_MESSAGE, Console, RuleError
from facilitator.services.meetingfile import import_meeting
from facilitator.services.seal import (
    amend_conclusion,
    amend_entry,
    canonical,
    digest,
    footer_line,
    last_seal,
    seal,
    seal_digest,
    seals,
    verify,
)
from tests.conftest import MEETING_START
from tests.helpers import run_cli as run

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def played(console, clock):
    play_demo(console, clock.advance)
    return console


@pytest.fixture
def sealed_file(tmp_path: Path) -> tuple[Path, int, str]:
    """A concluded demo meeting in a file, sealed; (path, meeting id, seal code)."""
    path = tmp_path / "f.db"
    clock = FrozenClock(MEETING_START)
    store = open_store(path, clock=clock)
    meeting_id = import_meeting(store, demo_meeting())
    console = Console(store, meeting_id)
    play_demo(console, clock.advance)
    made = seal(console, "Hoàng Thị Yến")
    store.close()
    return path, meeting_id, made.code


# ----- exact values -------------------------------------------------------------------------
def test_canonical_form_and_digest_exact():
    # sorted keys, no spaces, non-ASCII kept, NFC: a decomposed "Ố" hashes as the composed one
    assert canonical({"b": 1, "a": "Ố"}) == '{"a":"Ố","b":1}'.encode()
    assert canonical({"b": 1, "a": "O\u0302\u0301"}) == canonical({"b": 1, "a": "Ố"})
    assert digest({"b": 1, "a": "Ố"}) == (
        "0a1bea3f7f301968fb4c6e8a77f447efa3d39061f984274098e892fd923ed61f"
    )


def test_seal_digest_covers_previous_and_items():
    base = dict(
        meeting_id=1,
        seq=2,
        at="2021-10-28T11:30:00.000+07:00",
        by="Yến",
        why="sai tên",
        change={"entry": 3},
        previous="ab" * 32,
        items=[["minutes:1", "00" * 32]],
    )
    value = seal_digest(**base)
    assert value == digest(
        {
            "meeting": 1,
            "seq": 2,
            "at": "2021-10-28T11:30:00.000+07:00",
            "by": "Yến",
            "why": "sai tên",
            "change": {"entry": 3},
            "previous": "ab" * 32,
            "items": [["minutes:1", "00" * 32]],
        }
    )
    assert seal_digest(**{**base, "previous": "cd" * 32}) != value
    assert seal_digest(**{**base, "items": [["minutes:1", "11" * 32]]}) != value


# ----- sealing ------------------------------------------------------------------------------
def test_seal_only_after_conclusion_and_only_once(console, clock):
    with pytest.raises(RuleError, match="chỉ thông qua biên bản sau khi kết luận"):
        seal(console, "Yến")
    play_demo(console, clock.advance)
    made = seal(console, "Yến")
    assert made.seq == 1 and made.previous == "" and len(made.code) == 16
    assert made.digest.startswith(made.code) and len(made.digest) == 64
    assert made.at == "2021-10-28T08:49:00.000+07:00"
    assert (
        footer_line(made)
        == f"Mã xác thực: {made.code} (thông qua lúc 08:49 ngày 28/10/2021; người niêm phong: Yến)"
    )
    keys = [k for k, _ in made.items]
    assert keys[:2] == ["meeting", "minutes:1"] and keys[-1] == "conclusion"
    assert len([k for k in keys if k.startswith("minutes:")]) == 14
    assert len([k for k in keys if k.startswith("petition:")]) == 10
    assert len([k for k in keys if k.startswith("assignment:")]) == 3
    with pytest.raises(RuleError, match="đã được thông qua"):
        seal(console, "Yến")
    verdict = verify(console.store, console.meeting_id)
    assert verdict.intact and verdict.problem == "" and verdict.seal == made


def test_changes_after_sealing_are_refused(played):
    store, mid = played.store, played.meeting_id
    seal(played, "Yến")
    third = store.minutes(mid)[2]
    petition = store.petitions(mid)[0]
    attempts = [
        lambda: played.save_entry(third.id, "sửa lén"),
        lambda: played.new_entry("thêm sau"),
        lambda: played.record_petition("kiến nghị mới"),
        lambda: played.answer_petition(petition.id, answer="khác", outcome="answered"),
        lambda: decide(played, petition.id, "noted"),
        lambda: save_conclusion_text(played, "kết luận khác"),
        lambda: played.edit_speaker(store.speakers(mid)[0].id, name="Tên khác"),
        lambda: played.edit_petition(petition.id, "nội dung khác", "", "MTTQ"),
        lambda: played.delete_petition(petition.id),
        played.undo,
    ]
    for attempt in attempts:
        with pytest.raises(RuleError) as refused:
            attempt()
        assert str(refused.value) == SEALED_MESSAGE
    assert store.minutes_entry(third.id).text == third.text
    assert len(store.minutes(mid)) == 14 and len(store.petitions(mid)) == 10
    assert verify(store, mid).intact


def test_tampered_entry_is_named(played):
    store, mid = played.store, played.meeting_id
    seal(played, "Yến")
    fifth = store.minutes(mid)[4]
    store.conn.execute("UPDATE minutes SET text = 'sửa lén' WHERE id = ?", [fifth.id])
    verdict = verify(store, mid)
    assert not verdict.intact
    assert verdict.problem == "ghi chép số 5 (08:25): đã bị sửa"


@pytest.mark.parametrize(
    ("sql", "problem"),
    [
        ("UPDATE petitions SET outcome = 'noted' WHERE seq = 2", "kiến nghị số 2: đã bị sửa"),
        (
            "UPDATE assignments SET due = '2030-01-01' WHERE petition_id = "
            "(SELECT id FROM petitions WHERE seq = 7)",
            "phân công của kiến nghị số 7: đã bị sửa",
        ),
        ("UPDATE meetings SET conclusion = 'khác'", "kết luận của chủ tọa: đã bị sửa"),
        (
            "INSERT INTO minutes (meeting_id, phase_position, kind, text, created_at, updated_at) "
            "VALUES (1, 5, 'note', 'thêm', '2021-10-28T09:00:00.000+07:00', "
            "'2021-10-28T09:00:00.000+07:00')",
            "ghi chép số 15 (09:00): thêm vào sau khi thông qua",
        ),
        ("DELETE FROM minutes WHERE id = 7", "ghi chép (mã 7): đã bị xóa"),
    ],
)
def test_tampered_decisions_are_named(played, sql, problem):
    store, mid = played.store, played.meeting_id
    seal(played, "Yến")
    store.conn.execute(sql)
    assert verify(store, mid).problem == problem


def test_seal_rows_are_never_updated(played):
    store = played.store
    seal(played, "Yến")
    with pytest.raises(sqlite3.IntegrityError, match="seals are never updated"):
        store.conn.execute("UPDATE seals SET sealed_by = 'khác'")
    # someone who drops the trigger and rewrites the seal breaks its own digest
    store.conn.execute("DROP TRIGGER seals_never_updated")
    store.conn.execute("UPDATE seals SET sealed_by = 'khác'")
    assert verify(store, played.meeting_id).problem == "lần niêm phong thứ 1 đã bị sửa"


# ----- amendments ---------------------------------------------------------------------------
def test_amendment_chains_a_new_seal_and_verifies(played, clock):
    store, mid = played.store, played.meeting_id
    first = seal(played, "Yến")
    clock.advance(120)
    third_before = store.minutes(mid)[2].text
    second = amend_entry(played, 4, "Sửa: thông báo đủ 10 nội dung.", by="Yến", why="đọc lại")
    assert store.minutes(mid)[3].text == "Sửa: thông báo đủ 10 nội dung."
    assert store.minutes(mid)[2].text == third_before
    assert second.seq == 2 and second.previous == first.digest
    assert (second.by, second.why) == ("Yến", "đọc lại")
    assert second.at == "2021-10-28T08:51:00.000+07:00"
    assert second.change["entry"] == 4 and second.change["after"].startswith("Sửa:")
    assert verify(store, mid).intact and verify(store, mid).seal == second
    third = amend_conclusion(played, "Kết luận đã sửa.", by="Hùng", why="chủ tọa bổ sung")
    assert third.previous == second.digest and store.meeting(mid).conclusion == "Kết luận đã sửa."
    assert [s.seq for s in seals(store, mid)] == [1, 2, 3] and verify(store, mid).intact
    kinds = [e.kind for e in store.events(mid)]
    assert kinds.count("minutes.sealed") == 1 and kinds.count("minutes.amended") == 2
    # still refused outside an amendment
    with pytest.raises(RuleError, match="đính chính"):
        played.save_entry(store.minutes(mid)[3].id, "x")


def test_amendment_needs_who_why_and_a_change(played):
    store, mid = played.store, played.meeting_id
    with pytest.raises(RuleError, match="chưa được thông qua"):
        amend_entry(played, 1, "x", by="Yến", why="y")
    seal(played, "Yến")
    text = store.minutes(mid)[1].text
    with pytest.raises(RuleError, match="người đính chính"):
        amend_entry(played, 2, "x", by=" ", why="y")
    with pytest.raises(RuleError, match="lý do"):
        amend_entry(played, 2, "x", by="Yến", why="")
    with pytest.raises(RuleError, match="giống hệt"):
        amend_entry(played, 2, text, by="Yến", why="y")
    with pytest.raises(RuleError, match="hội nghị này không có ghi chép số 99 "):
        amend_entry(played, 99, "x", by="Yến", why="y")
    assert len(seals(store, mid)) == 1 and store.minutes(mid)[1].text == text
    assert verify(store, mid).intact


# ----- the footer ---------------------------------------------------------------------------
def footer_texts(document) -> list[str]:
    section = document.sections[0]
    return [section.footer.paragraphs[0].text, section.first_page_footer.paragraphs[0].text]


def test_footer_code_matches_the_stored_seal(played, clock):
    store, mid = played.store, played.meeting_id
    unsealed = Document(io.BytesIO(build(store, mid, "minutes")))
    assert footer_texts(unsealed) == ["", ""]
    made = seal(played, "Yến")
    document = Document(io.BytesIO(build(store, mid, "minutes")))
    line = f"Mã xác thực: {made.code} (thông qua lúc 08:49 ngày 28/10/2021; người niêm phong: Yến)"
    assert footer_texts(document) == [line, line]
    assert made.code == store.seals(mid)[0].digest[:16]
    clock.advance(600)
    amended = amend_entry(played, 2, "Đã sửa.", by="Yến", why="đọc lại")
    document = Document(io.BytesIO(build(store, mid, "minutes")))
    # the latest code, the time the minutes were approved, and every correction with its reason
    for footer in (document.sections[0].footer, document.sections[0].first_page_footer):
        assert [p.text for p in footer.paragraphs] == [
            f"Mã xác thực: {amended.code} (mã sau đính chính lúc 08:59 ngày 28/10/2021; "
            "biên bản thông qua lúc 08:49 ngày 28/10/2021; người niêm phong: Yến)",
            "Đính chính lúc 08:59 ngày 28/10/2021: đọc lại (Yến)",
        ]
    assert last_seal(store, mid) == amended


# ----- command line -------------------------------------------------------------------------
def test_cli_verify_intact_then_tampered(sealed_file):
    path, mid, code = sealed_file
    ok = run("verify", str(mid), db=path)
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.strip() == (
        f"Biên bản nguyên vẹn. Mã xác thực: {code} (08:49 28/10/2021; 1 lần niêm phong)"
    )
    conn = sqlite3.connect(path)
    conn.execute("UPDATE minutes SET text = 'sửa lén' WHERE id = 9")
    conn.commit()
    conn.close()
    bad = run("verify", str(mid), db=path)
    assert bad.returncode == 1
    assert bad.stdout.strip() == (
        f"Biên bản KHÔNG khớp mã xác thực {code}: ghi chép số 9 (08:36): đã bị sửa"
    )
    en = run("--lang", "en", "verify", str(mid), db=path)
    assert en.stdout.strip() == (
        f"The minutes do NOT match verification code {code}: minutes entry 9 (08:36): changed"
    )


def test_cli_amend_then_verify_and_refusals(sealed_file):
    path, mid, code = sealed_file
    listing = run("amend", str(mid), db=path)
    assert listing.returncode == 0
    lines = listing.stdout.splitlines()
    assert lines[0] == "Ghi chép (số «#N» như màn hình điều hành ghi trên ô biên bản):"
    assert lines[1] == "   1  08:00  bước họp · 1. Khai mạc"
    assert lines[-1].startswith(f"Niêm phong 1: {code}  08:49 28/10/2021  Hoàng Thị Yến")
    done = run(
        "amend", str(mid), "--entry", "2", "--text", "Đã sửa tên.", "--by", "Yến",
        "--why", "đọc lại trước hội nghị", db=path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    new_code = done.stdout.split("Mã xác thực mới: ")[1][:16]
    assert new_code != code
    ok = run("verify", str(mid), db=path)
    assert ok.returncode == 0 and f"Mã xác thực: {new_code}" in ok.stdout
    assert "2 lần niêm phong" in ok.stdout
    no_why = run("amend", str(mid), "--entry", "2", "--text", "x", "--by", "Yến", db=path)
    assert no_why.returncode == 1
    assert no_why.stderr.count("\n") == 1 and "cần ghi lý do đính chính" in no_why.stderr
    again = run("--lang", "en", "seal", str(mid), db=path)
    assert again.returncode == 1 and "already sealed" in again.stderr


def test_cli_seal_prints_the_code(tmp_path: Path):
    path = tmp_path / "f.db"
    clock = FrozenClock(MEETING_START)
    store = open_store(path, clock=clock)
    mid = import_meeting(store, demo_meeting())
    play_demo(Console(store, mid), clock.advance)
    store.close()
    before = run("verify", str(mid), db=path)
    assert before.returncode == 1 and "chưa thông qua biên bản" in before.stdout
    out = run("seal", str(mid), "--by", "Yến", db=path)
    assert out.returncode == 0, out.stderr
    store = open_store(path)
    code = last_seal(store, mid).code  # type: ignore[union-attr]
    store.close()
    assert out.stdout.startswith(f"Đã thông qua biên bản. Mã xác thực: {code} (")


def test_cli_verify_a_missing_archive(tmp_path: Path):
    """verify takes a .zip since the archive bundle exists (tests/test_archive.py)."""
    out = run("verify", "luu-tru.zip", db=tmp_path / "f.db")
    assert out.returncode == 1
    assert out.stderr.strip() == "Lỗi: không tìm thấy tệp: luu-tru.zip"
    assert out.stdout == ""


def test_meeting_file_export_ignores_seals(played):
    """The seal table is not part of the version-1 meeting file; export still works."""
    from facilitator.services.meetingfile import export_meeting

    seal(played, "Yến")
    data = export_meeting(played.store, played.meeting_id)
    assert json.loads(json.dumps(data, ensure_ascii=False))["format"] == "facilitator.meeting"


# ----- the conclusion screen ----------------------------------------------------------------
async def test_seal_with_f8_on_the_conclusion_screen(tmp_path: Path, clock):
    from facilitator.app import make_app
    from screens.widgets import NfcTextArea

    app = make_app(tmp_path / "m.db", clock=clock, lang="vi", export_dir=tmp_path / "out")
    app.meeting_id = import_meeting(app.store, demo_meeting())
    store, mid = app.store, app.meeting_id
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        await pilot.press("f8", "f9")  # start, then the conclusion screen
        await pilot.pause()
        await pilot.press("f8")  # not concluded yet: nothing is sealed
        await pilot.pause()
        assert seals(store, mid) == []
        app.screen.query_one("#conclusion-text", NfcTextArea).load_text("Giao các bộ phận.")
        await pilot.press("f9")
        await pilot.pause()
        await pilot.press("enter")  # conclude
        await pilot.pause()
        await pilot.press("f8")
        await pilot.pause()
        await pilot.press("escape")  # the question refused: not sealed
        await pilot.pause()
        assert seals(store, mid) == []
        await pilot.press("f8")
        await pilot.pause()
        await pilot.press("enter")  # "Thông qua biên bản"
        await pilot.pause()
        made = last_seal(store, mid)
        assert made is not None and made.by == store.meeting(mid).secretary_name
        assert verify(store, mid).intact
        summary = str(app.screen.query_one("#conclusion-summary").render())
        assert summary.splitlines()[-1] == (
            f"Đã thông qua biên bản lúc 08:00 · Mã xác thực: {made.code}"
        )
        text = app.screen.query_one("#conclusion-text", NfcTextArea)
        assert text.read_only
        await pilot.press("escape")  # leaving saves nothing and is not refused
        await pilot.pause()
        assert [n.message for n in app._notifications if "đính chính" in n.message] == []
        assert len(seals(store, mid)) == 1 and verify(store, mid).intact
        editor = app.screen.query_one("#editor", NfcTextArea)  # back on the live screen
        before = editor.text
        await pilot.press(*" THỬ")
        await pilot.pause()
        assert editor.read_only and editor.text == before  # no words shown that are not kept


def test_saving_the_same_text_after_sealing_is_not_an_edit(played):
    store, mid = played.store, played.meeting_id
    seal(played, "Yến")
    entry = store.minutes(mid)[3]
    played.save_entry(entry.id, entry.text)  # the editor saving on leave
    save_conclusion_text(played, store.meeting(mid).conclusion, store.meeting(mid).assessment)
    assert verify(store, mid).intact


# ----- the meeting's details are sealed too (trial item 1) --------------------------------
def _form(store, mid, **changes):
    from facilitator.services.preparation import details_of

    values = dict(details_of(store, mid))
    values.update(changes)
    return values


def test_sealed_meeting_date_cannot_change_silently(played):
    from facilitator.services.preparation import add_official, update_details, update_official

    store, mid = played.store, played.meeting_id
    seal(played, "Yến")
    with pytest.raises(RuleError) as refused:
        update_details(store, mid, _form(store, mid, date="29/10/2021"))
    assert refused.value.field == "date"
    assert refused.value.message("vi") == (
        "biên bản đã thông qua (niêm phong): ngày, giờ, địa điểm, chủ trì, thư ký… chỉ sửa bằng "
        f"đính chính (lệnh facilitator amend {mid} --set KHÓA=GIÁ_TRỊ --by … --why …)"
    )
    assert refused.value.message("en").startswith("the minutes are sealed: date, time, place")
    assert store.meeting(mid).date.isoformat() == "2021-10-28"
    # what the biên bản does not print (the slot length, the document number) still saves
    update_details(store, mid, _form(store, mid, slot_minutes="4", number="07"))
    assert store.meeting(mid).number == "07" and verify(store, mid).intact
    official = store.officials(mid)[0]
    with pytest.raises(RuleError, match="thành phần tham dự không sửa được"):
        update_official(store, official.id, "Người khác", "x", "xã", meeting_id=mid)
    with pytest.raises(RuleError, match="thành phần tham dự không sửa được"):
        add_official(store, mid, "Người thêm", "x", "xã")


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE meetings SET date = '2021-10-29'",
        "UPDATE meetings SET place = 'Nhà khác'",
        "UPDATE officials SET position = 'Chủ tịch' WHERE seq = 0",
    ],
)
def test_verify_names_a_changed_meeting_detail(played, sql):
    store, mid = played.store, played.meeting_id
    seal(played, "Yến")
    store.conn.execute(sql)
    verdict = verify(store, mid)
    assert not verdict.intact
    assert verdict.problem == (
        "thông tin hội nghị (ngày, giờ, địa điểm, chủ trì, thư ký, thành phần): đã bị sửa"
    )


def test_amend_the_meeting_date_chains_a_seal_and_prints_it(played, clock):
    from facilitator.services.seal import amend_meeting

    store, mid = played.store, played.meeting_id
    seal(played, "Yến")
    due_before = [p.assignment.due for p in store.petitions(mid) if p.assignment]
    clock.advance(600)
    made = amend_meeting(played, {"date": "29/10/2021"}, by="Yến", why="ghi nhầm ngày")
    assert made.change == {
        "meeting": True,
        "before": {"date": "28/10/2021"},
        "after": {"date": "29/10/2021"},
    }
    assert store.meeting(mid).date.isoformat() == "2021-10-29" and verify(store, mid).intact
    # the deadlines are decisions of the meeting: they stay until amended one by one
    assert [p.assignment.due for p in store.petitions(mid) if p.assignment] == due_before
    document = Document(io.BytesIO(build(store, mid, "minutes")))
    lines = [p.text for p in document.sections[0].footer.paragraphs]
    assert (
        lines[1]
        == "Đính chính thông tin hội nghị (ngày họp) lúc 08:59 ngày 28/10/2021: ghi nhầm ngày (Yến)"
    )
    body = "\n".join(p.text for p in document.paragraphs)
    assert "ngày 29 tháng 10 năm 2021" in body
    with pytest.raises(RuleError, match="không đính chính được «budget»"):
        amend_meeting(played, {"budget": "1"}, by="Yến", why="x")


def test_cli_amend_set_date(sealed_file):
    path, mid, code = sealed_file
    done = run(
        "amend", str(mid), "--set", "date=29/10/2021", "--by", "Yến", "--why", "ghi nhầm ngày",
        db=path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    ok = run("verify", str(mid), db=path)
    assert ok.returncode == 0 and "2 lần niêm phong" in ok.stdout
    bad = run(
        "--lang", "en", "amend", str(mid), "--set", "date", "--by", "Y", "--why", "w", db=path
    )
    assert bad.returncode == 2 and "--set needs KEY=VALUE" in bad.stderr


async def test_typing_into_sealed_minutes_says_why(tmp_path: Path, clock):
    """After sealing, the live screen's editor says it is read-only (no "✎ Đoạn mới"), and a
    key typed into it tells why on the top line instead of vanishing without a word."""
    from facilitator.app import make_app
    from screens.widgets import NfcTextArea

    app = make_app(tmp_path / "m.db", clock=clock, lang="vi", export_dir=tmp_path / "out")
    app.meeting_id = import_meeting(app.store, demo_meeting())
    store, mid = app.store, app.meeting_id
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f8", "f9")  # start, then the conclusion screen
        await pilot.pause()
        app.screen.query_one("#conclusion-text", NfcTextArea).load_text("Giao các bộ phận.")
        await pilot.press("f9")
        await pilot.pause()
        await pilot.press("enter")  # conclude
        await pilot.pause()
        await pilot.press("f8")
        await pilot.pause()
        await pilot.press("enter")  # "Thông qua biên bản"
        await pilot.pause()
        assert last_seal(store, mid) is not None
        await pilot.press("escape")  # back to the live screen
        await pilot.pause()
        editor = app.screen.query_one("#editor", NfcTextArea)
        assert app.screen.focused is editor
        label = str(app.screen.query_one("#editing").render())
        assert label == "🔒 Biên bản đã thông qua: chỉ đọc"
        await pilot.press("X")
        await pilot.pause()
        message = str(app.screen.query_one("#live-message").render())
        # whole beside the header at 80 columns (the line above the editor says why)
        assert message == "Chỉ đọc · sửa: lệnh facilitator amend"
        assert editor.text == ""


async def test_enter_during_read_back_after_sealing_says_why(tmp_path: Path, clock):
    """Enter ("Sửa ghi chép") during the read-back of sealed minutes says in one line how
    they change (an amendment), instead of doing nothing unsaid."""
    from facilitator.app import make_app
    from screens.widgets import NfcTextArea

    app = make_app(tmp_path / "m.db", clock=clock, lang="vi", export_dir=tmp_path / "out")
    app.meeting_id = import_meeting(app.store, demo_meeting())
    store, mid = app.store, app.meeting_id
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f8", "f9")  # start, then the conclusion screen
        await pilot.pause()
        app.screen.query_one("#conclusion-text", NfcTextArea).load_text("Giao các bộ phận.")
        await pilot.press("f9")
        await pilot.pause()
        await pilot.press("enter")  # conclude
        await pilot.pause()
        await pilot.press("f8")
        await pilot.pause()
        await pilot.press("enter")  # "Thông qua biên bản"
        await pilot.pause()
        assert last_seal(store, mid) is not None
        await pilot.press("f5")  # read-back
        await pilot.pause()
        assert type(app.screen).__name__ == "ReadBackScreen"
        app.clear_notifications()
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "ReadBackScreen"
        assert [n.message for n in app._notifications] == [
            "Biên bản đã thông qua: không sửa khi đọc lại; "
            "sửa bằng đính chính (lệnh facilitator amend)"
        ]


async def test_ctrl_t_refuses_a_new_date_for_sealed_minutes(tmp_path: Path, clock):
    """The trial: ctrl+t on a sealed meeting, "Ngày họp" 28/10/2021 → 29/10/2021, ctrl+s."""
    from textual.widgets import Input

    from facilitator.app import make_app

    app = make_app(tmp_path / "m.db", clock=clock, lang="vi", export_dir=tmp_path / "out")
    app.meeting_id = import_meeting(app.store, demo_meeting())
    store, mid = app.store, app.meeting_id
    console = Console(store, mid)
    play_demo(console, clock.advance)
    made = seal(console, "Yến")
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+t")
        await pilot.pause()
        app.screen.query_one("#p-date", Input).value = "29/10/2021"
        await pilot.press("ctrl+s")
        await pilot.pause()
        shown = str(app.screen.query_one("#perr-date").render())
        assert shown.startswith("⚠ biên bản đã thông qua (niêm phong): ngày, giờ, địa điểm")
        assert f"facilitator amend {mid} --set" in shown
        assert store.meeting(mid).date.isoformat() == "2021-10-28"
        assert verify(store, mid).intact and verify(store, mid).seal == made


async def test_the_conclusion_screen_follows_a_command_line_amend(sealed_file, clock):
    """A command-line amend (another process) chains a new seal: the conclusion screen shows
    its code without being reopened."""
    from facilitator.app import make_app
    from screens.watcher import StoreWatcher

    path, meeting_id, code = sealed_file
    app = make_app(path, clock=clock, lang="vi", export_dir=path.parent / "out")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # the home list: open the meeting
        await pilot.pause()
        await pilot.press("f9")
        await pilot.pause()
        screen = app.screen
        assert type(screen).__name__ == "ConclusionScreen"
        summary = str(screen.query_one("#conclusion-summary").render())
        assert summary.endswith(f"Mã xác thực: {code}")
        other = open_store(path, clock=FrozenClock(MEETING_START))
        made = amend_entry(Console(other, meeting_id), 1, "Sửa.", by="Yến", why="Đọc sai")
        other.close()
        screen.query_one(StoreWatcher).check()  # the poll, without waiting for it
        await pilot.pause()
        summary = str(screen.query_one("#conclusion-summary").render())
        assert made.code != code and summary.endswith(f"Mã xác thực: {made.code}")
