import datetime as dt
import io
from pathlib import Path

import pytest
from docx import Document
from textual.widgets import Input

from facilitator.app import make_app
from facilitator.services import preparation
from facilitator.services.live import RuleError
from screens.forms import FormScreen
from screens.widgets import NfcTextArea


def test_create_meeting_validates_and_defaults(store):
    with pytest.raises(RuleError) as err:
        preparation.create_meeting(
            store, {"commune": "Bình Lãng", "village": "", "date": "28/10/2021"}
        )
    assert err.value.field == "village"
    with pytest.raises(RuleError) as err:
        preparation.create_meeting(
            store, {"commune": "Bình Lãng", "village": "Tây", "date": "30/02/2022"}
        )
    assert err.value.field == "date"
    mid = preparation.create_meeting(
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
    values = preparation.details_of(store, meeting_id)
    assert values["date"] == "28/10/2021" and values["slot_minutes"] == "5"
    for key, bad in (
        ("slot_minutes", "0"),
        ("citizens_present", "nhiều"),
        ("announced_on", "30/10/2021"),
        ("start", "25:00"),
    ):
        with pytest.raises(RuleError) as err:
            preparation.update_details(store, meeting_id, {**values, key: bad})
        assert err.value.field == key
    assert store.meeting(meeting_id).slot_seconds == 300
    preparation.update_details(
        store, meeting_id, {**values, "slot_minutes": "3,5", "citizens_present": "135"}
    )
    m = store.meeting(meeting_id)
    assert (m.slot_seconds, m.citizens_present) == (210, 135)


def test_officials_and_agenda(store, meeting_id):
    oid = preparation.add_official(store, meeting_id, "Đỗ Thị Lan", "Chủ tịch Hội Phụ nữ", "")
    assert store.officials(meeting_id)[-1].group == "xã"
    preparation.remove_official(store, oid)
    assert "Đỗ Thị Lan" not in [o.name for o in store.officials(meeting_id)]
    preparation.set_agenda(
        store, meeting_id, ["Khai mạc", "Báo cáo", "", "Nhân dân phát biểu", "Kết luận"]
    )
    phases = store.phases(meeting_id)
    assert [(p.name, p.plan_ref) for p in phases] == [
        ("Khai mạc", "2.1"),
        ("Báo cáo", ""),
        ("Nhân dân phát biểu", "2.3"),
        ("Kết luận", "2.6"),
    ]
    from facilitator.services.live import Console

    Console(store, meeting_id).next_phase()
    with pytest.raises(RuleError):
        preparation.set_agenda(store, meeting_id, ["x"])


def test_import_petitions_from_csv_and_xlsx(store, meeting_id, tmp_path: Path):
    before = len(store.petitions(meeting_id))
    csv_file = tmp_path / "y-kien.csv"
    csv_file.write_text(
        "Nội dung;Lĩnh vực;Nguồn\nĐề nghị sửa cống;Thủy lợi;MTTQ\n"
        ";;\nĐề nghị lắp đèn;Hạ tầng;Hội Phụ nữ\n",
        encoding="utf-8-sig",
    )
    assert preparation.import_petitions(store, meeting_id, csv_file) == preparation.PetitionImport(
        2, 0
    )
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["noi dung", "linh vuc", "nguon"])
    book.active.append(["Đề nghị nạo vét kênh", "Thủy lợi", "Hội Nông dân"])
    xlsx = tmp_path / "y-kien.xlsx"
    book.save(xlsx)
    assert preparation.import_petitions(store, meeting_id, xlsx) == preparation.PetitionImport(1, 0)
    added = store.petitions(meeting_id)[before:]
    assert [(p.content, p.area, p.source, p.speaker_id) for p in added] == [
        ("Đề nghị sửa cống", "Thủy lợi", "MTTQ", None),
        ("Đề nghị lắp đèn", "Hạ tầng", "Hội Phụ nữ", None),
        ("Đề nghị nạo vét kênh", "Thủy lợi", "Hội Nông dân", None),
    ]
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(RuleError, match="Nội dung"):
        preparation.import_petitions(store, meeting_id, bad)
    with pytest.raises(RuleError, match="không đọc được"):
        preparation.import_petitions(store, meeting_id, tmp_path / "missing.csv")
    assert len(store.petitions(meeting_id)) == before + 3


def test_reimporting_a_file_skips_the_duplicates(store, meeting_id, tmp_path: Path):
    """Issue 9.5: the same file twice adds nothing the second time; rows equal but for
    diacritics, case or spacing (to an earlier row or to a petition already there) are
    skipped and counted."""
    before = len(store.petitions(meeting_id))
    existing = store.petitions(meeting_id)[0].content
    csv_file = tmp_path / "y-kien.csv"
    csv_file.write_text(
        "Nội dung;Lĩnh vực;Nguồn\n"
        "Đề nghị sửa cống;Thủy lợi;MTTQ\n"
        "DE NGHI  sua cong;Thủy lợi;Hội Phụ nữ\n"
        f"{existing.upper()};;MTTQ\n"
        "Đề nghị lắp đèn;Hạ tầng;Hội Phụ nữ\n",
        encoding="utf-8-sig",
    )
    assert preparation.import_petitions(store, meeting_id, csv_file) == preparation.PetitionImport(
        2, 2
    )
    assert preparation.import_petitions(store, meeting_id, csv_file) == preparation.PetitionImport(
        0, 4
    )
    added = [p.content for p in store.petitions(meeting_id)[before:]]
    assert added == ["Đề nghị sửa cống", "Đề nghị lắp đèn"]


async def test_prepare_screen_from_home(tmp_path, clock):
    app = make_app(tmp_path / "m.db", clock=clock)
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        await pilot.press("f2")
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


def record_notices(app) -> list[str]:
    """Every message the app shows as a toast (toasts expire: kept here)."""
    shown: list[str] = []
    notify = app.notify

    def recording(message: str, *args, **kwargs):
        shown.append(message)
        return notify(message, *args, **kwargs)

    app.notify = recording
    return shown


async def test_edit_delete_undo_and_reimport_pre_collected_opinions_in_the_live_meeting(
    tmp_path, clock
):
    """Issue 9.5: in the live meeting (ctrl+t: preparation), Enter edits a pre-collected
    opinion, Delete removes it (the later ones move up a number), ctrl+z puts it back; the
    same file imported twice adds nothing the second time and says how many it skipped."""
    from textual.widgets import DataTable

    from facilitator.services.demo import demo_meeting
    from facilitator.services.meetingfile import import_meeting

    app = make_app(tmp_path / "m.db", clock=clock)
    store = app.store
    mid = app.meeting_id = import_meeting(store, demo_meeting())
    original = [(p.seq, p.content) for p in store.petitions(mid)]
    assert len(original) == 6
    csv_file = tmp_path / "y-kien.csv"
    csv_file.write_text(
        f"Nội dung;Lĩnh vực;Nguồn\n{original[0][1].upper()};;MTTQ\nĐề nghị lắp đèn;;MTTQ\n",
        encoding="utf-8-sig",
    )
    shown = record_notices(app)
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        await pilot.press("f8", "ctrl+t")
        await pilot.pause()
        prep = app.screen
        table = prep.query_one("#prep-petitions", DataTable)
        table.focus()
        await pilot.pause()
        await pilot.press("down", "enter")  # the second opinion
        await pilot.pause()
        form = app.screen
        assert form.query_one("#f-content", NfcTextArea).text == original[1][1]
        form.query_one("#f-content", NfcTextArea).load_text("Đề nghị sửa cầu tràn")
        form.query_one("#f-source", Input).value = "Hội Phụ nữ"
        await pilot.press("ctrl+s")
        await pilot.pause()
        edited = store.petitions(mid)[1]
        assert (edited.seq, edited.content, edited.source) == (
            2,
            "Đề nghị sửa cầu tràn",
            "Hội Phụ nữ",
        )
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert [(p.seq, p.content) for p in store.petitions(mid)] == original
        assert table.cursor_row == 1  # the list keeps its place
        table.focus()
        await pilot.pause()
        await pilot.press("delete")
        await pilot.pause()
        assert [(p.seq, p.content) for p in store.petitions(mid)] == [
            (1, original[0][1]),
            *[(seq - 1, content) for seq, content in original[2:]],
        ]
        assert table.row_count == 5
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert [(p.seq, p.content) for p in store.petitions(mid)] == original
        assert table.row_count == 6
        for _ in range(2):
            await pilot.press("f4")
            await pilot.pause()
            app.screen.query_one("#f-path", Input).value = str(csv_file)
            await pilot.press("enter")
            await pilot.pause()
        assert shown[-2:] == [
            "Đã nhập 1 ý kiến, bỏ qua 1 ý kiến trùng",
            "Đã nhập 0 ý kiến, bỏ qua 2 ý kiến trùng",
        ]
        assert len(store.petitions(mid)) == 7
        # Back in the live meeting, ctrl+z there takes back the same kind of action.
        table.focus()
        await pilot.pause()
        table.move_cursor(row=6)
        await pilot.press("delete", "escape")
        await pilot.pause()
        assert len(store.petitions(mid)) == 6
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert [p.content for p in store.petitions(mid)][-1] == "Đề nghị lắp đèn"


def test_a_deleted_petition_comes_back_with_its_assignment(console, store, meeting_id):
    from facilitator.services.conclusion import decide

    console.next_phase()
    first, second, *_ = store.petitions(meeting_id)
    decide(console, second.id, "assigned", responsible="Trưởng thôn", task="Sửa cống")
    before = [(p.id, p.seq, p.content, p.assignment) for p in store.petitions(meeting_id)]
    console.delete_petition(second.id)
    after = store.petitions(meeting_id)
    assert second.id not in [p.id for p in after]
    assert [p.seq for p in after] == list(range(1, len(before)))
    assert console.undo() == "petition.deleted"
    assert [(p.id, p.seq, p.content, p.assignment) for p in store.petitions(meeting_id)] == before
    with pytest.raises(RuleError):
        console.edit_petition(first.id, "", "", "MTTQ")  # content is required
    assert store.petition(first.id).content == first.content


@pytest.mark.parametrize("size", [(80, 24), (100, 60), (120, 35), (200, 60)])
async def test_every_field_of_the_pre_collected_opinion_form_is_on_screen(tmp_path, clock, size):
    """Guard for the trial's report: at 100x60 only the multi-line field was drawn."""
    app = make_app(tmp_path / "m.db", clock=clock)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        form = app.screen
        form.query_one("#f-commune", Input).value = "Bình Lãng"
        form.query_one("#f-village", Input).value = "Đông Phong"
        form.query_one("#f-date", Input).value = "28/10/2021"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("f7")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        visible = form.query_one("#form-fields").region
        for f in form.fields:
            region = form.query_one(f"#f-{f.key}").region
            assert region.height >= 1 and visible.contains_region(region), (size, f.key)
        assert [f.key for f in form.fields] == ["content", "kind", "field", "source"]


async def test_legal_basis_is_typed_on_the_preparation_screen_and_printed(tmp_path, clock):
    """The trial: the README says the announcement opens with its legal basis, but nothing
    let the secretary type one. One document a line, in the preparation screen."""
    from facilitator.documents import build

    app = make_app(tmp_path / "m.db", clock=clock)
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        form = app.screen
        form.query_one("#f-commune", Input).value = "Bình Lãng"
        form.query_one("#f-village", Input).value = "Đông Phong"
        form.query_one("#f-date", Input).value = "28/10/2021"
        await pilot.press("enter")
        await pilot.pause()
        prep = app.screen
        prep.query_one("#p-legal_basis", NfcTextArea).focus()
        await pilot.press(*"Kế hoạch số 48/KH-UBND", "enter", *"Luật Thực hiện dân chủ ở cơ sở")
        await pilot.press("ctrl+s")
        await pilot.pause()
        meeting = app.store.meetings()[0]
        assert meeting.legal_basis == ["Kế hoạch số 48/KH-UBND", "Luật Thực hiện dân chủ ở cơ sở"]
        document = Document(io.BytesIO(build(app.store, meeting.id, "announcement")))
    text = [p.text for p in document.paragraphs]
    assert "Thực hiện Kế hoạch số 48/KH-UBND;" in text
    assert "Căn cứ Luật Thực hiện dân chủ ở cơ sở;" in text
