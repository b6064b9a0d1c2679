"""The export dialog (F10) lists every paper of the meeting, before → day → after, from the
live, preparation, conclusion and home screens; its date field dates the notices, invitations
and reports (issue 14, item 4)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn
from textual.widgets import Input, OptionList

from facilitator.app import make_app
from facilitator.rules.clock import TZ, FrozenClock
from facilitator.services.conclusion import conclude, decide
from facilitator.services.demo import demo_meeting
from facilitator.services.live import Console
from facilitator.services.meetingfile import import_meeting
from tests.helpers import live_app, wait_until

NAMES = {
    "1": "2021-10-28_dong-phong_thong-bao-to-chuc.docx",
    "2": "2021-10-28_dong-phong_loa-truyen-thanh.txt",
    "3": "2021-10-28_dong-phong_giay-moi.docx",
    "4": "2021-10-28_dong-phong_danh-sach-tham-du.docx",
}


def all_text(path: Path) -> str:
    return all_text_of(path.read_bytes())


def all_text_of(data: bytes) -> str:
    body = Document(io.BytesIO(data)).element.body
    return "\n".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in body.iter(qn("w:p")))


async def wait_for(pilot, folder: Path, count: int) -> list[str]:
    """The files in FOLDER once there are COUNT and the export's worker has ended."""

    def written() -> bool:
        exported = len(list(folder.glob("*.*"))) >= count
        return exported and all(worker.is_finished for worker in pilot.app.workers)

    await wait_until(pilot, written, timeout=10, what=f"{count} files in {folder}")
    return sorted(p.name for p in folder.glob("*.*"))


async def test_the_dialog_lists_every_paper_in_order(tmp_path, clock):
    app = live_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f10")
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert labels == [
            "— Trước hội nghị —",
            "1. Thông báo tổ chức hội nghị",
            "2. Bài đọc trên loa truyền thanh (.txt)",
            "3. Giấy mời (mỗi đại biểu một trang)",
            "4. Danh sách tham dự (để ký)",
            "5. Cả bốn văn bản trước hội nghị",
            "— Tại và sau hội nghị —",
            "6. Biên bản hội nghị",
            "7. Thông báo kết luận",
            "8. Báo cáo kết quả giải quyết",
            "9. Công văn chuyển kiến nghị (mỗi cơ quan một tệp)",
            "0. Cả ba văn bản: biên bản, thông báo kết luận, báo cáo",
            "   Tệp hội nghị (JSON)",
            "   Hồ sơ lưu trữ (.zip: mọi văn bản, tệp hội nghị, SHA256SUMS)",
        ]
        # every entry and the key hint are on screen at 80x24
        assert options.region.bottom <= app.screen.query_one("#form-hint").region.y
        assert app.screen.query_one("#form-hint").region.bottom <= 24


async def test_each_paper_before_the_meeting_from_the_live_screen(tmp_path, clock):
    app = live_app(tmp_path, clock)
    out = tmp_path / "out"
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        await pilot.press("f10")
        await pilot.pause()
        for count, (key, name) in enumerate(NAMES.items(), start=1):
            await pilot.press(key)
            names = await wait_for(pilot, out, count)
            assert name in names
            results = str(app.screen.query_one("#export-results").render())
            assert f"✓ {name}" in results
            assert "dự thảo" not in results  # issued before the meeting: never a draft
        assert sorted(p.name for p in out.iterdir()) == sorted(NAMES.values())
        # dated the day the meeting was announced (the date field's default)
        assert "Bình Lãng, ngày 20 tháng 10 năm 2021" in all_text(out / NAMES["1"])
        radio = (out / NAMES["2"]).read_bytes().decode("utf-8-sig")
        assert "ngày hai mươi tám tháng mười năm hai nghìn không trăm hai mươi mốt" in radio
        await pilot.press("5")  # all four again: new names, nothing overwritten
        names = await wait_for(pilot, out, 8)
        assert "2021-10-28_dong-phong_giay-moi-2.docx" in names and len(names) == 8


async def test_the_date_field_from_the_preparation_screen(tmp_path, clock):
    app = make_app(tmp_path / "m.db", clock=clock, export_dir=tmp_path / "out")
    data = demo_meeting()
    data["meeting"]["announced_on"] = None
    import_meeting(app.store, data)
    out = tmp_path / "out"
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f4")
        await pilot.pause()
        assert type(app.screen).__name__ == "PrepareScreen"
        await pilot.press("f10")
        await pilot.pause()
        dialog = app.screen
        assert type(dialog).__name__ == "ExportScreen"
        date = dialog.query_one("#export-date", Input)
        assert date.value == "28/10/2021"  # not announced yet: today (the app's clock)
        date.value = "19/10/2021"
        await pilot.press("3")
        names = await wait_for(pilot, out, 1)
        assert names == [NAMES["3"]]
        assert "Bình Lãng, ngày 19 tháng 10 năm 2021" in all_text(out / NAMES["3"])
        date.value = "29/10/2021"  # after the meeting: refused for the announcement
        await pilot.press("1")
        shown = dialog.query_one("#export-results")
        await wait_until(pilot, lambda: "29/10/2021 sau ngày hội nghị" in str(shown.render()))
        results = str(dialog.query_one("#export-results").render())
        assert "ngày lập văn bản 29/10/2021 sau ngày hội nghị 28/10/2021" in results
        date.value = "31/02/2021"  # not a date: nothing starts, the field says why
        await pilot.press("1")
        await wait_until(pilot, lambda: "ngày không hợp lệ" in str(shown.render()))
        assert "ngày không hợp lệ: 31/02/2021" in str(dialog.query_one("#export-results").render())
        assert sorted(p.name for p in out.iterdir()) == [NAMES["3"]]


async def test_the_date_field_after_the_meeting_from_the_conclusion_screen(tmp_path):
    clock = FrozenClock(dt.datetime(2021, 10, 28, 8, 0, tzinfo=TZ))
    app = live_app(tmp_path, clock)
    console = Console(app.store, app.meeting_id)
    console.next_phase()
    conclude(console, "Giao các bộ phận.")
    clock.now = dt.datetime(2021, 11, 3, 9, 0, tzinfo=TZ)
    out = tmp_path / "out"
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        await pilot.press("f9")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConclusionScreen"
        await pilot.press("f10")
        await pilot.pause()
        date = app.screen.query_one("#export-date", Input)
        assert date.value == "03/11/2021"  # concluded: today
        date.value = "05/11/2021"
        await pilot.press("7")
        names = await wait_for(pilot, out, 1)
        assert names == ["2021-10-28_dong-phong_thong-bao-ket-luan.docx"]
        assert "Bình Lãng, ngày 05 tháng 11 năm 2021" in all_text(out / names[0])
        await pilot.press("6")  # the biên bản keeps the meeting day
        names = await wait_for(pilot, out, 2)
        assert "Bình Lãng, ngày 28 tháng 10 năm 2021" in all_text(
            out / "2021-10-28_dong-phong_bien-ban.docx"
        )
        await pilot.press("9")  # no forwarded petition: said, nothing written
        shown = app.screen.query_one("#export-results")
        await wait_until(pilot, lambda: "chuyển cấp trên" in str(shown.render()))
        assert "không có kiến nghị nào chuyển cấp trên" in str(
            app.screen.query_one("#export-results").render()
        )
        await pilot.press("end", "up", "enter")  # the meeting file has no key
        names = await wait_for(pilot, out, 3)
        assert "2021-10-28_dong-phong_hoi-nghi.json" in names
        await pilot.press("end", "enter")  # the archive bundle, the list's last
        names = await wait_for(pilot, out, 4)
        assert "2021-10-28_dong-phong_ho-so-luu-tru.zip" in names
        from facilitator.services.archive import verify_archive

        verdict = verify_archive(out / "2021-10-28_dong-phong_ho-so-luu-tru.zip")
        assert (verdict.intact, verdict.checked) == (True, 8)  # nothing forwarded: no letter
        with zipfile.ZipFile(out / "2021-10-28_dong-phong_ho-so-luu-tru.zip") as bundle:
            assert "Bình Lãng, ngày 05 tháng 11 năm 2021" in all_text_of(
                bundle.read("2021-10-28_dong-phong_thong-bao-ket-luan.docx")
            )  # dated by the dialog's date field, as the thông báo exported alone


async def test_forwarding_letters_one_file_per_body(tmp_path, clock):
    app = live_app(tmp_path, clock)
    console = Console(app.store, app.meeting_id)
    petitions = app.store.petitions(app.meeting_id)
    decide(console, petitions[0].id, "forwarded", forwarded_to="Sở Xây dựng tỉnh Hải Dương")
    decide(console, petitions[3].id, "forwarded", forwarded_to="Văn phòng Đăng ký đất đai tỉnh")
    out = tmp_path / "out"
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        await pilot.press("f10")
        await pilot.pause()
        await pilot.press("9")
        names = await wait_for(pilot, out, 2)
        assert names == [
            "2021-10-28_dong-phong_cong-van-chuyen_so-xay-dung-tinh-hai-duong.docx",
            "2021-10-28_dong-phong_cong-van-chuyen_van-phong-dang-ky-dat-dai-tinh.docx",
        ]
        results = str(app.screen.query_one("#export-results").render())
        assert "✓ 2021-10-28_dong-phong_cong-van-chuyen_so-xay-dung-tinh-hai-duong.docx" in results
        assert "Đang xuất..." not in results


async def test_export_from_home_in_english(tmp_path, clock):
    app = make_app(tmp_path / "m.db", clock=clock, lang="en", export_dir=tmp_path / "out")
    import_meeting(app.store, demo_meeting())
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        await pilot.press("f10")
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert labels[:3] == [
            "— Before the meeting —",
            "1. Meeting announcement",
            "2. Loudspeaker script (.txt)",
        ]
        await pilot.press("4")
        names = await wait_for(pilot, tmp_path / "out", 1)
        assert names == [NAMES["4"]]
