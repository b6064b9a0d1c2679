"""What a new secretary found in the forms (trial 8, README and the commune plan only):
answering two ticked petitions, the dialog's outcome in F7, guesses typed over, the late
due date in F7, a label naming the wrong key, the F9 list's rows."""

from __future__ import annotations

import io

from docx import Document

from facilitator.documents import build
from tests.test_keystrokes import speaking_phase_app

OFFICIAL = "Lê Văn Nam"
OFFICIAL_POSITION = "Phó Chủ tịch UBND xã"


def minutes_text(console) -> list[str]:
    document = Document(io.BytesIO(build(console.store, console.meeting_id, "minutes")))
    return [p.text for p in document.paragraphs if p.text.strip()]


def top_line(app) -> str:
    return str(app.screen.query_one("#live-message").render())


async def test_an_answer_to_two_ticked_petitions_records_both_citizens_first(tmp_path, clock):
    """Ctrl+R, the official typed, Tab, Down, Space (a pre-collected item ticked beside the
    citizen's own), Enter; F7 asks the answer for each, the citizen's first."""
    app, console = speaking_phase_app(tmp_path, clock, call=True)
    mid = app.meeting_id
    citizen = app.store.speaking(mid)
    own = console.record_petition("Đề nghị sửa đường trục xóm Đình", speaker_id=citizen.id)
    collected = app.store.petitions(mid)[0]  # item 1, collected by the MTTQ before the meeting
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+r", *"nam", "tab", "down", "space", "enter")
        await pilot.pause()
        turn = app.store.speaking(mid)
        assert (turn.name, turn.kind) == (OFFICIAL, "answer")
        assert top_line(app) == f"{OFFICIAL} trả lời 2 kiến nghị · F7: ghi trả lời"
        await pilot.press("f7")
        await pilot.pause()
        form = app.screen
        assert form.query_one("#f-petition").value == own  # the citizen's own first
        assert "(1/2)" in str(form.query_one("#form-title").render())
        await pilot.press(*"Xa sua trong thang 11", "ctrl+s")
        await pilot.pause()
        form = app.screen  # the next linked petition's form, the answer offered
        assert form.query_one("#f-petition").value == collected.id
        assert "(2/2)" in str(form.query_one("#form-title").render())
        assert form.query_one("#f-answer").text == "Xa sua trong thang 11"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert top_line(app) == "Đã ghi trả lời kiến nghị 7, 1"
        for pid in (own, collected.id):
            p = app.store.petition(pid)
            assert (p.answer, p.outcome, p.answered_in) == (
                "Xa sua trong thang 11",
                "answered",
                turn.id,
            )
            assert (p.answered_by_name, p.answered_by_position) == (OFFICIAL, OFFICIAL_POSITION)
        text = minutes_text(console)
        # nothing typed in the turn: the answer recorded is what he said, printed once, in
        # the turn (trial 9); item 1, announced in section 2, points to it
        item_1 = text.index(next(line for line in text if line.startswith("- Kiến nghị 1:")))
        assert text[item_1 + 1] == (
            f"Đồng chí {OFFICIAL}, {OFFICIAL_POSITION} trả lời tại mục “3. Nhân dân phát biểu”."
        )
        item_7 = text.index("Kiến nghị 7: Đề nghị sửa đường trục xóm Đình.")
        assert text[item_7 + 1 : item_7 + 4] == [
            f"Đồng chí {OFFICIAL}, {OFFICIAL_POSITION} trả lời kiến nghị 1, 7: "
            "Xa sua trong thang 11.",
            "Kết quả kiến nghị 1: đã trả lời tại hội nghị.",
            "Kết quả kiến nghị 7: đã trả lời tại hội nghị.",
        ]
        assert sum(line.count("Xa sua trong thang 11") for line in text) == 1
        assert not any("chưa xử lý" in line for line in text)


async def test_a_second_linked_petition_left_unanswered_is_said(tmp_path, clock):
    app, console = speaking_phase_app(tmp_path, clock, call=True)
    mid = app.meeting_id
    citizen = app.store.speaking(mid)
    console.record_petition("Đề nghị sửa đường trục xóm Đình", speaker_id=citizen.id)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+r", *"nam", "tab", "down", "space", "enter")
        await pilot.press("f7", *"Xa sua", "ctrl+s")
        await pilot.pause()
        await pilot.press("escape")  # the second form left: nothing typed in it
        await pilot.pause()
        assert top_line(app) == ("Đã ghi trả lời kiến nghị 7 · còn kiến nghị 1 chưa ghi: F7")
        await pilot.press("f7")  # F7 again: the one left
        await pilot.pause()
        assert app.screen.query_one("#f-petition").value == app.store.petitions(mid)[0].id


async def test_the_outcome_chosen_in_the_answer_dialog_is_the_f7_forms(tmp_path, clock):
    """F4 in the ctrl+r dialog ("chuyển cấp trên"): the F7 form starts from it, not from
    "trả lời tại hội nghị" (where it goes is asked there)."""
    app, console = speaking_phase_app(tmp_path, clock, call=True)
    mid = app.meeting_id
    own = console.record_petition("Đề nghị cấp sổ đỏ", speaker_id=app.store.speaking(mid).id)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+r", *"nam", "f4")
        assert "Kết quả xử lý: chuyển cấp trên" in str(
            app.screen.query_one("#answer-outcome").render()
        )
        await pilot.press("enter", "f7")
        await pilot.pause()
        assert app.screen.query_one("#f-outcome").value == "forwarded"
        await pilot.press(*"Xa chuyen len huyen")
        app.screen.query_one("#f-forwarded_to").value = "Văn phòng đăng ký đất đai"
        await pilot.press("ctrl+s")
        await pilot.pause()
        p = app.store.petition(own)
        assert (p.outcome, p.forwarded_to) == ("forwarded", "Văn phòng đăng ký đất đai")


# ----- item 3: a guess is never typed onto ----------------------------------------------------
async def test_a_new_officials_level_is_a_grey_guess_typed_over_or_taken_with_right(
    tmp_path, clock
):
    app, console = speaking_phase_app(tmp_path, clock)
    mid = app.meeting_id
    before = len(app.store.officials(mid))
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+t")
        await pilot.pause()
        await pilot.press("f2", *"Lo Van Pa", "tab", *"Can bo", "tab")
        level = app.screen.query_one("#f-group")
        assert (level.value, level.placeholder) == ("", "xã")  # grey, not in the field
        await pilot.press(*"huyện", "enter")
        await pilot.pause()
        await pilot.press("f2", *"Vu Van Be", "tab", *"Can bo", "tab", "right")
        assert app.screen.query_one("#f-group").value == "xã"  # → takes the guess
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("f2", *"Dao Van Ca", "tab", *"Can bo", "enter")  # left: xã
        await pilot.pause()
        added = [(o.name, o.group) for o in app.store.officials(mid)[before:]]
        assert sorted(added) == [
            ("Dao Van Ca", "xã"),
            ("Lo Van Pa", "huyện"),
            ("Vu Van Be", "xã"),
        ]


async def test_a_petitions_field_from_the_desk_is_replaced_by_what_is_typed(tmp_path, clock):
    app, console = speaking_phase_app(tmp_path, clock, call=True)
    mid = app.meeting_id
    assert app.store.speaking(mid).field == "Giao thông"
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f7", *"Rac thai ven kenh", "tab", "tab")
        assert app.screen.query_one("#f-field").value == "Giao thông"  # offered, selected
        await pilot.press(*"Môi trường", "ctrl+s")
        await pilot.pause()
        await pilot.press("f7", *"Duong truc", "ctrl+s")  # left alone: the desk's is kept
        await pilot.pause()
        assert [p.area for p in app.store.petitions(mid)[-2:]] == ["Môi trường", "Giao thông"]


async def test_the_responsible_offered_in_the_answer_form_is_replaced_by_what_is_typed(
    tmp_path, clock
):
    app, console = speaking_phase_app(tmp_path, clock, call=True)
    mid = app.meeting_id
    pid = console.record_petition("Đề nghị sửa cống", speaker_id=app.store.speaking(mid).id)
    console.start_answer(OFFICIAL, OFFICIAL_POSITION, [pid])
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f7", "f3", "shift+tab")  # F3: the task next; back to who
        assert app.screen.query_one("#f-responsible").value == f"{OFFICIAL}, {OFFICIAL_POSITION}"
        await pilot.press(*"Trưởng thôn", "tab", *"Khao sat", "ctrl+s")
        await pilot.pause()
        assignment = app.store.petition(pid).assignment
        assert (assignment.responsible, assignment.task) == ("Trưởng thôn", "Khao sat")


async def test_who_seals_and_a_new_meetings_commune_are_replaced_by_what_is_typed(tmp_path, clock):
    from facilitator.app import make_app
    from facilitator.services.demo import demo_meeting
    from facilitator.services.meetingfile import import_meeting
    from facilitator.services.seal import last_seal
    from screens.widgets import NfcTextArea

    app = make_app(tmp_path / "m.db", clock=clock, export_dir=tmp_path / "out")
    app.meeting_id = import_meeting(app.store, demo_meeting())
    store, mid = app.store, app.meeting_id
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        await pilot.press("f8", "f9")
        await pilot.pause()
        app.screen.query_one("#conclusion-text", NfcTextArea).load_text("Giao các bộ phận.")
        await pilot.press("f9")
        await pilot.pause()
        await pilot.press("enter")  # concluded
        await pilot.pause()
        await pilot.press("f8")
        await pilot.pause()
        assert app.screen.query_one("#f-by").value == store.meeting(mid).secretary_name
        await pilot.press(*"Phạm Văn Hải", "enter")
        await pilot.pause()
        assert last_seal(store, mid).by == "Phạm Văn Hải"
    home = make_app(tmp_path / "m.db", clock=clock, export_dir=tmp_path / "out")
    home.meeting_id = None
    async with home.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        assert home.screen.query_one("#f-commune").value == home.store.profile().commune
        await pilot.press(*"Hưng Lộc")
        assert home.screen.query_one("#f-commune").value == "Hưng Lộc"


# ----- item 4: the late due date said in F7 too ---------------------------------------------
LATE = "⚠ quá hạn trả lời theo luật: 15 ngày làm việc, chậm nhất 18/11/2021"


async def test_a_late_due_date_is_warned_in_the_answer_form_and_the_f7_form(tmp_path, clock):
    app, console = speaking_phase_app(tmp_path, clock, call=True)
    mid = app.meeting_id
    pid = console.record_petition("Đề nghị sửa cống", speaker_id=app.store.speaking(mid).id)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f7")  # a petition: Tab on to Hạn
        await pilot.pause()
        for _ in range(9):
            await pilot.press("tab")
            await pilot.pause()
        assert app.screen.focused.id == "f-due"
        await pilot.press(*"30/11/2021")
        assert str(app.screen.query_one("#err-due").render()) == LATE
        await pilot.press("escape", "enter")  # dropped
        await pilot.pause()
        await pilot.press("ctrl+r", *"nam", "enter")  # his answer, tied to the petition
        await pilot.pause()
        await pilot.press("f7")  # the answer form: F3 giao, the task, then Hạn
        await pilot.pause()
        await pilot.press("f3", "tab")
        assert app.screen.focused.id == "f-due"
        await pilot.press(*"30/11/2021")
        assert str(app.screen.query_one("#err-due").render()) == LATE
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert str(app.store.petition(pid).assignment.due) == "2021-11-30"  # still accepted


# ----- item 5: a label names the key that does it --------------------------------------------
async def labelled_keys_work(pilot, app) -> list[str]:
    """Every field label of the open form naming a key ("(F6: đổi loại)"): that key pressed
    changes that field. Returns the keys tried."""
    import re

    from textual.widgets import Label

    form = app.screen
    tried = []
    for f in form.fields:
        found = re.search(r"\((F\d+):", f.label)
        if not found:
            continue
        key = found.group(1)
        label = [str(w.render()) for w in form.query(Label) if str(w.render()) == f.label]
        assert label, f.label  # shown as built
        before = form.values()[f.key]
        await pilot.press(key.lower())
        await pilot.pause()
        assert form.values()[f.key] != before, f"{key} did not change {f.key}"
        tried.append(key)
    return tried


async def test_every_forms_labels_name_the_key_that_does_it(tmp_path, clock):
    from facilitator.app import make_app
    from facilitator.services.demo import demo_meeting
    from facilitator.services.meetingfile import import_meeting

    for lang in ("vi", "en"):
        app = make_app(tmp_path / f"{lang}.db", clock=clock, lang=lang, export_dir=tmp_path)
        app.meeting_id = import_meeting(app.store, demo_meeting())
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await pilot.press("f8", "f3", "enter", "f7")  # the live screen's petition form
            await pilot.pause()
            assert await labelled_keys_work(pilot, app) == ["F2"]
            await pilot.press("escape")
            await pilot.pause()
            await pilot.press("f9")
            await pilot.pause()
            await pilot.press("enter")  # the F9 decision form: F2-F5 set the outcome
            await pilot.pause()
            assert await labelled_keys_work(pilot, app) == ["F6"]
            assert app.screen.values()["outcome"] is None  # F6 changed the kind, not this
            await pilot.press("escape")
            await pilot.pause()
            await pilot.press("escape")  # back on the live screen
            await pilot.pause()
            await pilot.press("ctrl+t")  # preparation: F7, an opinion collected before
            await pilot.pause()
            await pilot.press("f7")
            await pilot.pause()
            assert await labelled_keys_work(pilot, app) == ["F2"]


# ----- item 6: the F9 list's rows of a phản ánh, a khiếu nại -------------------------------
async def test_f9_rows_of_other_kinds_show_their_kind_and_use_the_width(tmp_path, clock):
    from textual.widgets import DataTable

    from facilitator.app import make_app
    from facilitator.services.demo import demo_meeting
    from facilitator.services.meetingfile import import_meeting

    expected = {
        80: [
            " 1    Đề nghị nâng c…  chuyển",
            " 3    [phản ánh] Tìn…  chưa xử lý",
            " 4    [khiếu nại] Kh…  theo luật",
        ],
        120: [
            " 1    Đề nghị nâng cấp tuyến…   chuyển",
            " 3    [phản ánh] Tình trạng đ…  chưa xử lý",
            " 4    [khiếu nại] Khiếu nại v…  theo luật",
        ],
    }
    for width, rows in expected.items():
        app = make_app(tmp_path / f"{width}.db", clock=clock, export_dir=tmp_path)
        app.meeting_id = import_meeting(app.store, demo_meeting())
        first, _, third, fourth = app.store.petitions(app.meeting_id)[:4]
        app.store.update_petition(first.id, outcome="forwarded", forwarded_to="VP đất đai")
        app.store.update_petition(third.id, kind="feedback", content="Tình trạng đổ rác ra mương")
        app.store.update_petition(fourth.id, kind="complaint", content="Khiếu nại việc thu hồi đất")
        async with app.run_test(size=(width, 30)) as pilot:
            await pilot.pause()
            await pilot.press("f8", "f9")
            await pilot.pause()
            table = app.screen.query_one("#petitions", DataTable)
            lines = ["".join(s.text for s in table.render_line(y)) for y in (1, 3, 4)]
            assert [
                line[: len(row) + 3].rstrip() for line, row in zip(lines, rows, strict=True)
            ] == rows


async def test_two_petitions_forwarded_in_one_turn_take_the_body_typed_once(tmp_path, clock):
    """F4 in the dialog with two ticked: the second form offers the answer and the receiving
    body typed in the first (it was refused: "không được để trống")."""
    app, console = speaking_phase_app(tmp_path, clock, call=True)
    mid = app.meeting_id
    own = console.record_petition("Đề nghị cấp sổ đỏ", speaker_id=app.store.speaking(mid).id)
    collected = app.store.petitions(mid)[0].id
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+r", *"nam", "tab", "down", "space", "f4", "enter")
        await pilot.pause()
        await pilot.press("f7")
        await pilot.pause()
        await pilot.press(*"Chuyen len", "f4", *"VP dat dai", "ctrl+s")
        await pilot.pause()
        assert app.screen.query_one("#f-forwarded_to").value == "VP dat dai"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert top_line(app) == "Đã ghi trả lời kiến nghị 7, 1"
        for pid in (own, collected):
            p = app.store.petition(pid)
            assert (p.outcome, p.forwarded_to, p.answer) == (
                "forwarded",
                "VP dat dai",
                "Chuyen len",
            )


async def test_the_export_folder_offered_is_replaced_by_a_path_typed(tmp_path, clock):
    app, console = speaking_phase_app(tmp_path, clock)
    async with app.run_test(size=(100, 35)) as pilot:
        await pilot.pause()
        await pilot.press("f10")
        await pilot.pause()
        folder = app.screen.query_one("#export-folder")
        offered = folder.value
        assert offered
        for _ in range(3):
            if app.screen.focused is folder:
                break
            await pilot.press("shift+tab")
            await pilot.pause()
        assert app.screen.focused is folder
        await pilot.press(*"/tmp/bb")
        assert folder.value == "/tmp/bb"


async def test_the_dialogs_outcome_outlives_a_restart_of_the_window(tmp_path, clock):
    from facilitator.app import make_app

    app, console = speaking_phase_app(tmp_path, clock, call=True)
    mid = app.meeting_id
    console.record_petition("Đề nghị cấp sổ đỏ", speaker_id=app.store.speaking(mid).id)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+r", *"nam", "f4", "enter")
        await pilot.pause()
    again = make_app(tmp_path / "m.db", clock=clock, export_dir=tmp_path / "out")
    again.meeting_id = mid
    async with again.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f7")
        await pilot.pause()
        assert again.screen.query_one("#f-outcome").value == "forwarded"


async def test_an_answer_turn_ended_with_a_tied_petition_unanswered_says_so(tmp_path, clock):
    app, console = speaking_phase_app(tmp_path, clock, call=True)
    mid = app.meeting_id
    console.record_petition(
        "Đề nghị sửa đường trục xóm Đình", speaker_id=app.store.speaking(mid).id
    )
    following = app.store.waiting(mid)[0]
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+r", *"nam", "tab", "down", "space", "enter")
        await pilot.press("f7", *"Xa sua", "ctrl+s")
        await pilot.pause()
        await pilot.press("escape")  # item 1 left
        await pilot.pause()
        await pilot.press("f3")
        await pilot.pause()
        assert top_line(app) == (f"Mời {following.name} · kiến nghị 1 chưa có trả lời (F9)")
