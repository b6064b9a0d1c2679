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
        said = (
            f"Đồng chí {OFFICIAL}, {OFFICIAL_POSITION} trả lời: Xa sua trong thang 11."
            " Kết quả: đã trả lời tại hội nghị."
        )
        item_1 = text.index(next(line for line in text if line.startswith("- Kiến nghị 1:")))
        item_7 = text.index("Kiến nghị 7: Đề nghị sửa đường trục xóm Đình.")
        assert (text[item_1 + 1], text[item_7 + 1]) == (said, said)
        assert f"Đồng chí {OFFICIAL}, {OFFICIAL_POSITION} trả lời kiến nghị 1, 7." in text
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
        assert top_line(app) == (
            "Đã ghi trả lời kiến nghị 7 · còn kiến nghị 1 chưa ghi trả lời: F7"
        )
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
