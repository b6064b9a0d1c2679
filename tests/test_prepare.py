import datetime as dt
from pathlib import Path

import pytest
from textual.widgets import Input

from facilitator import setup
from facilitator.app import make_app
from facilitator.live import RuleError
from screens.widgets import NfcTextArea


def test_create_meeting_validates_and_defaults(store):
    with pytest.raises(RuleError) as err:
        setup.create_meeting(store, {"commune": "Bình Lãng", "village": "", "date": "28/10/2021"})
    assert err.value.field == "village"
    with pytest.raises(RuleError) as err:
        setup.create_meeting(
            store, {"commune": "Bình Lãng", "village": "Tây", "date": "30/02/2022"}
        )
    assert err.value.field == "date"
    mid = setup.create_meeting(
        store,
        {"commune": "Bình Lãng", "village": "Tây Phong", "date": "05/01/2022", "start": "7h30"},
    )
    m = store.meeting(mid)
    assert (m.date, m.start, m.place, m.status) == (
        dt.date(2022, 1, 5),
        "07:30",
        "Nhà văn hóa thôn Tây Phong",
        "draft",
    )
    assert [p.name for p in store.phases(mid)][0] == "Khai mạc"


def test_update_details_refuses_bad_values_and_keeps_the_rest(store, meeting_id):
    values = setup.details_of(store, meeting_id)
    assert values["date"] == "28/10/2021" and values["slot_minutes"] == "5"
    for key, bad in (
        ("slot_minutes", "0"),
        ("citizens_present", "nhiều"),
        ("announced_on", "30/10/2021"),
        ("start", "25:00"),
    ):
        with pytest.raises(RuleError) as err:
            setup.update_details(store, meeting_id, {**values, key: bad})
        assert err.value.field == key
    assert store.meeting(meeting_id).slot_seconds == 300
    setup.update_details(
        store, meeting_id, {**values, "slot_minutes": "3,5", "citizens_present": "135"}
    )
    m = store.meeting(meeting_id)
    assert (m.slot_seconds, m.citizens_present) == (210, 135)


def test_officials_and_agenda(store, meeting_id):
    oid = setup.add_official(store, meeting_id, "Đỗ Thị Lan", "Chủ tịch Hội Phụ nữ", "")
    assert store.officials(meeting_id)[-1].group == "xã"
    setup.remove_official(store, oid)
    assert "Đỗ Thị Lan" not in [o.name for o in store.officials(meeting_id)]
    setup.set_agenda(
        store, meeting_id, ["Khai mạc", "Báo cáo", "", "Nhân dân phát biểu", "Kết luận"]
    )
    phases = store.phases(meeting_id)
    assert [(p.name, p.plan_ref) for p in phases] == [
        ("Khai mạc", "2.1"),
        ("Báo cáo", ""),
        ("Nhân dân phát biểu", "2.3"),
        ("Kết luận", "2.6"),
    ]
    from facilitator.live import Console

    Console(store, meeting_id).next_phase()
    with pytest.raises(RuleError):
        setup.set_agenda(store, meeting_id, ["x"])


def test_import_petitions_from_csv_and_xlsx(store, meeting_id, tmp_path: Path):
    before = len(store.petitions(meeting_id))
    csv_file = tmp_path / "y-kien.csv"
    csv_file.write_text(
        "Nội dung;Lĩnh vực;Nguồn\nĐề nghị sửa cống;Thủy lợi;MTTQ\n"
        ";;\nĐề nghị lắp đèn;Hạ tầng;Hội Phụ nữ\n",
        encoding="utf-8-sig",
    )
    assert setup.import_petitions(store, meeting_id, csv_file) == 2
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["noi dung", "linh vuc", "nguon"])
    book.active.append(["Đề nghị nạo vét kênh", "Thủy lợi", "Hội Nông dân"])
    xlsx = tmp_path / "y-kien.xlsx"
    book.save(xlsx)
    assert setup.import_petitions(store, meeting_id, xlsx) == 1
    added = store.petitions(meeting_id)[before:]
    assert [(p.content, p.field, p.source, p.speaker_id) for p in added] == [
        ("Đề nghị sửa cống", "Thủy lợi", "MTTQ", None),
        ("Đề nghị lắp đèn", "Hạ tầng", "Hội Phụ nữ", None),
        ("Đề nghị nạo vét kênh", "Thủy lợi", "Hội Nông dân", None),
    ]
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(RuleError, match="Nội dung"):
        setup.import_petitions(store, meeting_id, bad)
    with pytest.raises(RuleError, match="không đọc được"):
        setup.import_petitions(store, meeting_id, tmp_path / "missing.csv")
    assert len(store.petitions(meeting_id)) == before + 3


async def test_prepare_screen_from_home(tmp_path, clock):
    app = make_app(tmp_path / "m.db", clock=clock)
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        form.query_one("#f-commune", Input).value = "Bình Lãng"
        form.query_one("#f-village", Input).value = "Đông Phong"
        form.query_one("#f-date", Input).value = "28/10/2021"
        await pilot.press("enter")
        await pilot.pause()
        prep = app.screen
        assert type(prep).__name__ == "PrepareScreen"
        prep.query_one("#p-announced_on", Input).value = "25/10/2021"
        prep.query_one("#p-citizens_present", Input).value = "120"
        prep.query_one("#p-agenda", NfcTextArea).load_text("Khai mạc\nNhân dân phát biểu\nKết luận")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Thông báo muộn" in str(prep.query_one("#prep-warnings").render())
        await pilot.press("f2")
        await pilot.pause()
        app.screen.query_one("#f-name", Input).value = "Trần Xuân Mãng"
        app.screen.query_one("#f-position", Input).value = "Chủ tịch UBND xã"
        await pilot.press("enter")
        await pilot.pause()
        meeting = app.store.meetings()[0]
        assert meeting.citizens_present == 120
        assert meeting.announced_on == dt.date(2021, 10, 25)
        assert [p.name for p in app.store.phases(meeting.id)] == [
            "Khai mạc",
            "Nhân dân phát biểu",
            "Kết luận",
        ]
        assert [o.name for o in app.store.officials(meeting.id)] == ["Trần Xuân Mãng"]
