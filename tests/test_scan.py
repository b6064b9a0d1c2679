"""Registering a speaker by scanning a citizen ID card's QR code (issue 17): at the desk and in
the F2 form, the scanner's keys delivered as one burst ending in Enter, as a scanner does."""

from __future__ import annotations

import io
import json
import unicodedata

from docx import Document
from textual.widgets import Input, Select, Static

from facilitator.app import make_app
from facilitator.documents import build
from facilitator.services.conclusion import conclude
from facilitator.services.demo import demo_meeting
from facilitator.services.live import Console
from facilitator.services.meetingfile import export_meeting, import_meeting
from tests.test_bursts import burst

HAMLETS = ["Đông Phong", "Tây Phong", "Xóm Giữa"]
THANH = (
    "030068001234|142345678|Nguyễn Văn Thành|12031968|Nam"
    "|Thôn Đông Phong, Bình Lãng, Tứ Kỳ, Hải Dương|10052021"
)
HOA = "001175009876||Phạm Thị Hòa|05111975|Nữ|Số 7, Thôn Bắc Sơn, Bình Lãng, Hải Dương|01022022"
SECRETS = ("030068001234", "142345678", "12031968", "10052021", "001175009876", "05111975")


def meeting_file(tmp_path, clock):
    path = tmp_path / "m.db"
    setup = make_app(path, clock=clock)
    data = demo_meeting()
    data["speakers"] = []
    data["petitions"] = []
    data["profile"]["hamlets"] = HAMLETS
    mid = import_meeting(setup.store, data)
    setup.store.close()
    return path, mid


def note(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def test_the_desk_reads_a_card_and_waits_for_the_gist(tmp_path, clock):
    path, mid = meeting_file(tmp_path, clock)
    app = make_app(path, mode="desk", clock=clock, meeting_id=mid)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        await burst(app, THANH + "\n")
        await pilot.pause()
        assert screen.query_one("#desk-name", Input).value == "Nguyễn Văn Thành"
        assert screen.query_one("#desk-title", Select).value == "Ông"
        assert screen.query_one("#desk-hamlet", Input).value == "Đông Phong"
        assert app.focused is screen.query_one("#desk-gist")
        assert "Đã đọc thẻ căn cước" in note(screen, "#desk-err-name")
        assert app.store.speakers(mid) == []  # the scanner's Enter saved nothing
        await burst(app, "Đường ngập\n")
        await pilot.pause()
        speakers = app.store.speakers(mid)
        assert [(s.name, s.title, s.hamlet, s.gist) for s in speakers] == [
            ("Nguyễn Văn Thành", "Ông", "Đông Phong", "Đường ngập")
        ]
        # the same card again in the same meeting: filled, and said to be registered already
        await burst(app, THANH + "\n")
        await pilot.pause()
        assert "đã đăng ký: «Nguyễn Văn Thành»" in note(screen, "#desk-err-name")
        assert screen.query_one("#desk-name", Input).value == "Nguyễn Văn Thành"
        assert len(app.store.speakers(mid)) == 1


async def test_the_desk_reads_nfd_an_empty_old_number_and_an_unknown_hamlet(tmp_path, clock):
    path, mid = meeting_file(tmp_path, clock)
    app = make_app(path, mode="desk", clock=clock, meeting_id=mid)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        await burst(app, unicodedata.normalize("NFD", HOA) + "\n")
        await pilot.pause()
        assert screen.query_one("#desk-name", Input).value == "Phạm Thị Hòa"
        assert screen.query_one("#desk-title", Select).value == "Bà"
        assert screen.query_one("#desk-hamlet", Input).value == "Số 7"  # no thôn of the profile
        await burst(app, "\n")
        await pilot.pause()
        assert [(s.name, s.title, s.hamlet) for s in app.store.speakers(mid)] == [
            ("Phạm Thị Hòa", "Bà", "Số 7")
        ]


async def test_malformed_scans_stay_as_typed_with_a_hint(tmp_path, clock):
    path, mid = meeting_file(tmp_path, clock)
    app = make_app(path, mode="desk", clock=clock, meeting_id=mid)
    bank = "00020101021238570010A00000072701270006970436011300110123456780208QRIBFTTA5303704"
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        name = screen.query_one("#desk-name", Input)
        for line in (THANH[:70], bank, "https://dichvucong.gov.vn/p/home"):
            name.value = ""
            await burst(app, line + "\n")
            await pilot.pause()
            assert name.value == line  # left as typed, not half-parsed
            assert screen.query_one("#desk-hamlet", Input).value == ""
            assert screen.query_one("#desk-title", Select).value is Select.NULL
            assert "Không phải mã QR thẻ căn cước" in note(screen, "#desk-err-name")
            assert app.focused is name
        assert app.store.speakers(mid) == []


async def test_the_f2_form_reads_a_card_and_a_second_scan_warns(tmp_path, clock):
    path, mid = meeting_file(tmp_path, clock)
    app = make_app(path, clock=clock, lang="en")
    app.meeting_id = mid
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        form = app.screen
        await burst(app, unicodedata.normalize("NFD", THANH) + "\n")
        await pilot.pause()
        assert form.query_one("#f-name", Input).value == "Nguyễn Văn Thành"
        assert form.query_one("#f-title", Select).value == "Ông"
        assert form.query_one("#f-hamlet", Input).value == "Đông Phong"
        assert app.focused is form.query_one("#f-gist")
        assert "ID card read" in note(form, "#err-name")
        assert app.screen is form and app.store.speakers(mid) == []  # open for the gist
        await burst(app, "Road flooded\n")
        await pilot.pause()
        assert app.screen is not form
        assert [(s.name, s.title, s.hamlet, s.gist) for s in app.store.speakers(mid)] == [
            ("Nguyễn Văn Thành", "Ông", "Đông Phong", "Road flooded")
        ]
        await pilot.press("f2")
        await pilot.pause()
        form = app.screen
        await burst(app, THANH.replace("142345678", "") + "\n")  # the card without old number
        await pilot.pause()
        assert "already registered: «Nguyễn Văn Thành»" in note(form, "#err-name")
        await pilot.press("escape", "enter")  # Esc asks before throwing the card away; Enter: yes
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        form = app.screen
        await burst(app, THANH[:40] + "\n")
        await pilot.pause()
        assert form.query_one("#f-name", Input).value == THANH[:40]
        assert "Not a citizen ID card QR code" in note(form, "#err-name")
        assert app.screen is form and len(app.store.speakers(mid)) == 1


async def test_no_id_number_or_date_reaches_the_file_the_log_the_screen_or_a_document(
    tmp_path, clock
):
    path, mid = meeting_file(tmp_path, clock)
    app = make_app(path, mode="desk", clock=clock, meeting_id=mid)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await burst(app, THANH)  # being scanned: the numbers are not drawn
        await pilot.pause()
        shown = app.export_screenshot()
        assert not any(s in shown for s in ("0300680", "1423456", "12031968", "10052021"))
        assert "•" in shown  # masked as dots
        await burst(app, "\n\n")
        await burst(app, HOA + "\n\n")
        await pilot.pause()
        assert len(app.store.speakers(mid)) == 2
        store = app.store
        digests = [r[0] for r in store.conn.execute("SELECT digest FROM card_scans")]
        assert len(digests) == 2
        events = json.dumps([dict(r) for r in store._rows("SELECT * FROM events")])
        files = {
            "db": path.read_bytes(),
            "wal": path.with_name(path.name + "-wal").read_bytes(),
            "meeting file": json.dumps(export_meeting(store, mid), ensure_ascii=False).encode(),
        }
        for kind in ("minutes", "conclusion", "report"):
            document = Document(io.BytesIO(build(store, mid, kind)))
            files[kind] = "\n".join(p.text for p in document.paragraphs).encode()
        for where, data in files.items():
            for secret in SECRETS:
                assert secret.encode() not in data, (where, secret)
            assert not any(d.encode() in data for d in digests if where != "db" and where != "wal")
        assert not any(s in events for s in SECRETS) and not any(d in events for d in digests)
        # concluded: the hashes and the salt are gone, from the file too
        conclude(Console(store, mid), "Kết luận.")
        assert store.conn.execute("SELECT count(*) FROM card_scans").fetchone()[0] == 0
        assert store.conn.execute("SELECT count(*) FROM card_salts").fetchone()[0] == 0
    data = path.read_bytes()
    wal = path.with_name(path.name + "-wal")
    data += wal.read_bytes() if wal.exists() else b""
    assert not any(d.encode() in data for d in digests)
    assert not any(s.encode() in data for s in SECRETS)
