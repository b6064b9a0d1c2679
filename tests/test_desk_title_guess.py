"""The desk's confirmation names the title the program guessed from the middle name ("Thi"
→ Bà, "Văn" → Ông) and says how to correct it: F2 opens the person just registered. It said
"Đã đăng ký: Dao Thi Hoa · số đăng ký 13", the guessed "Bà" nowhere in sight."""

from __future__ import annotations

from textual.widgets import Input

from facilitator.app import make_app
from facilitator.services.demo import demo_meeting
from facilitator.services.meetingfile import import_meeting


def desk_app(tmp_path, clock, lang: str = "vi"):
    path = tmp_path / "m.db"
    setup = make_app(path, clock=clock)
    meeting_id = import_meeting(setup.store, demo_meeting())
    setup.store.close()
    return make_app(path, mode="desk", clock=clock, meeting_id=meeting_id, lang=lang), meeting_id


def last_line(app) -> str:
    return str(app.screen.query_one("#desk-last").render())


async def test_the_guessed_title_is_shown_and_f2_corrects_it(tmp_path, clock):
    app, meeting_id = desk_app(tmp_path, clock)
    store = app.store
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*"Dao Thi Hoa", "enter")
        await pilot.pause()
        said = (
            "Đã đăng ký: Bà Dao Thi Hoa · số đăng ký 13 · "
            "xưng hô «Bà» đoán theo tên đệm: sai thì F2 để sửa"
        )
        assert last_line(app) == said
        assert [n.message for n in app._notifications][-1] == said
        mai = store.waiting(meeting_id)[-1]
        assert (mai.name, mai.title) == ("Dao Thi Hoa", "Bà")
        assert app.screen.query_one("#desk-name", Input).value == ""  # ready for the next
        # Not Bà: F2 opens her registration, the title field in reach of Tab.
        await pilot.press("f2")
        await pilot.pause()
        form = app.screen
        assert form.values()["name"] == "Dao Thi Hoa"
        while form.focused.id != "f-title":
            await pilot.press("tab")
        await pilot.press("o", "enter")  # "o" picks Ông
        await pilot.pause()
        assert app.screen is not form
        assert store.speaker(mai.id).title == "Ông"
        assert last_line(app) == "Đã sửa: Ông Dao Thi Hoa · số đăng ký 13"
        assert app.screen.focused.id == "desk-name"


async def test_a_title_chosen_by_hand_or_not_known(tmp_path, clock):
    app, meeting_id = desk_app(tmp_path, clock, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*"Lo Pa", "enter")  # no middle name that tells
        await pilot.pause()
        assert last_line(app) == (
            "Registered: Lo Pa · registration number 13 · title (Ông/Bà) not known: F2 to add it"
        )
        await pilot.press(*"Dao Thi Hoa", "tab", "tab")  # name, hamlet, the title
        assert app.screen.focused.id == "desk-title"
        await pilot.press("o")  # Ông, chosen by hand: nothing guessed to point out
        await pilot.press("enter")
        await pilot.pause()
        assert last_line(app) == "Registered: Ông Dao Thi Hoa · registration number 14"
        assert app.store.waiting(meeting_id)[-1].title == "Ông"
