"""Titles: asked once at registration (guessed from "Thị"/"Văn"), corrected in the edit form,
never printed as "Ông/Bà"; unknown stays unknown and the documents use the name alone."""

from __future__ import annotations

import io
import re

import pytest
from docx import Document
from textual.widgets import Input, Select

from facilitator.app import make_app
from facilitator.documents import build
from facilitator.rules.text import infer_title
from facilitator.services.demo import demo_meeting
from facilitator.services.meetingfile import export_meeting, import_meeting
from screens.widgets import QueueTable
from tests.helpers import wait_until


def text_of(store, mid, kind="minutes") -> str:
    data = build(store, mid, kind)
    document = Document(io.BytesIO(data))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("Phạm Thị Hòa", "Bà"),
        ("Nguyen Thi Hoa", "Bà"),  # typed without accents
        ("Nguyễn Văn An", "Ông"),
        ("Lê Vân Anh", ""),  # "Vân" is not "Văn"
        ("Lê Van Anh", ""),  # "Van" may be "Vân": not guessed
        ("Trần Hùng", ""),
        ("Nguyễn Thị Văn", "Bà"),  # Văn as the given name says nothing
        ("Nguyễn Văn Thị Hà", ""),  # both: not guessed
    ],
)
def test_the_title_a_name_says(name, title):
    assert infer_title(name) == title


def live_app(tmp_path, clock, speakers=True):
    app = make_app(tmp_path / "m.db", clock=clock)
    data = demo_meeting()
    if not speakers:
        data["speakers"] = []
    app.meeting_id = import_meeting(app.store, data)
    return app


async def test_f2_guesses_the_title_and_a_choice_by_hand_is_kept(tmp_path, clock):
    app = live_app(tmp_path, clock, speakers=False)
    store, mid = app.store, app.meeting_id
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        form = app.screen
        name, title = form.query_one("#f-name", Input), form.query_one("#f-title", Select)
        name.value = "Lương Thị Hằng"
        await pilot.pause()
        assert title.value == "Bà"
        name.value = "Lương Văn Hằng"  # corrected while typing: the guess follows
        await pilot.pause()
        assert title.value == "Ông"
        name.value = "Lương Hằng"
        await pilot.pause()
        assert title.value is Select.NULL  # nothing to guess from: unknown
        title.value = "Bà"  # chosen by hand
        name.value = "Lương Văn Hằng"
        await pilot.pause()
        assert title.value == "Bà"
        name.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert [(s.name, s.title) for s in store.speakers(mid)] == [("Lương Văn Hằng", "Bà")]


async def test_a_title_corrected_in_the_edit_form_reaches_every_document(tmp_path, clock):
    app = live_app(tmp_path, clock, speakers=False)
    store, mid = app.store, app.meeting_id
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        app.screen.query_one("#f-name", Input).value = "Trần Minh"
        app.screen.query_one("#f-hamlet", Input).value = "xóm Đình"
        app.screen.query_one("#f-name").focus()
        await pilot.press("enter")
        await pilot.pause()
        minh = store.speakers(mid)[0]
        assert minh.title == ""  # not guessed: unknown stays unknown
        await pilot.press("f8", "f3", "enter")
        await pilot.pause()
        app.screen.query_one("#editor").insert("Xin hỏi về đường.")
        # saved after a pause in typing
        await wait_until(pilot, lambda: store.minutes(mid)[-1].text == "Xin hỏi về đường.")
        assert store.minutes(mid)[-1].text == "Xin hỏi về đường."
        from facilitator.services.live import Console

        Console(store, mid).record_petition("Sửa đường xóm Đình", speaker_id=minh.id)
        Console(store, mid).end_speech()
        again = Console(store, mid).follow_up(minh.id)  # a second turn, registered before
        before = text_of(store, mid)
        assert "Trần Minh (xóm Đình) phát biểu: Xin hỏi về đường." in before
        assert "Ông/Bà" not in before
        queue = app.screen.query_one(QueueTable)
        queue.focus()
        queue.move_cursor(row=0)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one("#f-name", Input).value == "Trần Minh"
        app.screen.query_one("#f-title", Select).value = "Bà"
        app.screen.query_one("#f-name").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert store.speaker(minh.id).title == "Bà"
        assert store.speaker(again).title == "Bà"  # the same person's other turn
        after = text_of(store, mid)
        assert "Bà Trần Minh (xóm Đình) phát biểu: Xin hỏi về đường." in after
        assert "Bà Trần Minh (xóm Đình) phát biểu lần 2" not in after  # not called yet
        for kind in ("conclusion", "report"):
            # "Bà" at a sentence start, "bà" inside a sentence (3a863ef)
            assert re.search("[Bb]à Trần Minh", text_of(store, mid, kind))


async def test_the_desk_asks_the_title_once(tmp_path, clock):
    path = tmp_path / "m.db"
    setup = make_app(path, clock=clock)
    mid = import_meeting(setup.store, demo_meeting())
    setup.store.close()
    app = make_app(path, mode="desk", clock=clock, meeting_id=mid)
    store = app.store
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.query_one("#desk-name", Input).value = "Lương Thị Hằng"
        await pilot.pause()
        assert app.screen.query_one("#desk-title", Select).value == "Bà"
        await pilot.press("enter")
        await pilot.pause()
        assert (store.waiting(mid)[-1].name, store.waiting(mid)[-1].title) == (
            "Lương Thị Hằng",
            "Bà",
        )
        assert app.screen.query_one("#desk-title", Select).value is Select.NULL  # ready
        app.screen.query_one("#desk-name", Input).value = "Đỗ Hùng"
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert store.waiting(mid)[-1].title == ""


def test_no_document_prints_ong_ba_and_the_meeting_file_carries_the_title(store):
    data = demo_meeting()
    for s in data["speakers"]:
        s.pop("title")  # a version-1 file without titles: unknown
    data["speakers"][1]["title"] = "Bà"
    mid = import_meeting(store, data)
    from facilitator.services.live import Console

    c = Console(store, mid)
    c.next_phase()
    for _ in range(3):
        speaker = c.call_next()
        c.record_petition(f"Kiến nghị của {speaker.name}", speaker_id=speaker.id)
    for kind in ("minutes", "conclusion", "report"):
        text = text_of(store, mid, kind)
        assert "Ông/Bà" not in text
        assert re.search("[Bb]à Phạm Thị Hòa", text)
        assert "Nguyễn Văn Thành" in text and not re.search("[Ôô]ng Nguyễn Văn Thành", text)
    exported = export_meeting(store, mid)
    assert [s["title"] for s in exported["speakers"]][:3] == ["", "Bà", ""]
    back = import_meeting(store, exported)
    assert [s.title for s in store.speakers(back)][:3] == ["", "Bà", ""]
