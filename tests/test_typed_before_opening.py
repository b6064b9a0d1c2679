"""Words typed before the meeting is opened (before F8) are kept and belong to the opening:
the editor says where they will go, and F8 puts them under "1. Khai mạc" in the biên bản,
never above it with no heading."""

from __future__ import annotations

import io

from docx import Document

from facilitator.documents import build
from tests.helpers import live_app


def paragraphs(app) -> list[str]:
    document = Document(io.BytesIO(build(app.store, app.meeting_id, "minutes")))
    return [p.text for p in document.paragraphs if p.text.strip()]


def editing_line(app) -> str:
    return str(app.screen.query_one("#editing").render())


async def test_words_typed_before_f8_go_into_the_opening(tmp_path, clock):
    app = live_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.store.meeting(app.meeting_id).status == "draft"
        assert "«1. Khai mạc»" in editing_line(app)
        await pilot.press("f3")  # refused: not opened yet
        await pilot.press(*"Dai bieu den du.")
        app.screen.flush()
        await pilot.pause()
        assert "«1. Khai mạc»" in editing_line(app)
        await pilot.press("f8")
        await pilot.pause()
        assert app.store.meeting(app.meeting_id).status == "live"
        top = str(app.screen.query_one("#live-message").render())
        assert top == "Đã khai mạc · phần gõ trước đó ghi vào «1. Khai mạc»"
        text = paragraphs(app)
        part = text.index("II. NỘI DUNG HỘI NGHỊ")
        opening = next(i for i, p in enumerate(text) if p.startswith("1. Khai mạc"))
        assert opening == part + 1  # nothing printed between the part's title and the step
        assert text[opening + 1] == "Dai bieu den du."
        kept = [e for e in app.store.minutes(app.meeting_id) if e.text == "Dai bieu den du."]
        assert [e.phase_position for e in kept] == [0]
