"""Every screen and dialog of the three Apps, in both languages, opened with the keys.

Fails on any footer key, palette command or visible label that shows a raw catalogue key
("key.back") instead of words, and on any unhandled exception (run_test re-raises it).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.widgets import DataTable, Label, Static
from textual.widgets._footer import FooterKey

from facilitator.app import make_app
from facilitator.i18n import EN, VI
from facilitator.rules.clock import FrozenClock
from facilitator.services.conclusion import conclude, decide
from facilitator.services.demo import demo_meeting
from facilitator.services.live import Console
from facilitator.services.meetingfile import import_meeting
from screens.keybar import KeyBar
from screens.widgets import QueueTable

RAW = re.compile(r"[a-z_]+(?:\.[a-z_0-9]+)+")


def raw_keys(text: str) -> list[str]:
    return [token for token in RAW.findall(text) if token in VI]


def seen_text(app) -> dict[str, list[str]]:
    """What the user reads on the current screen: footer, palette, labels, column headers."""
    screen = app.screen
    footer = [f"{k.key_display} {k.description}" for k in screen.query(FooterKey)]
    footer += [str(bar.render()) for bar in screen.query(KeyBar)]
    palette = [f"{c.title} {c.help}" for c in app.get_system_commands(screen)]
    labels = [str(w.render()) for w in screen.query(Static)] + [
        str(w.render()) for w in screen.query(Label)
    ]
    for table in screen.query(DataTable):
        labels += [str(c.label) for c in table.columns.values()]
    return {"footer": footer, "palette": palette, "labels": labels}


class Checker:
    def __init__(self, app, lang: str):
        self.app = app
        self.lang = lang
        self.problems: list[str] = []
        self.screens: list[str] = []

    def check(self, where: str) -> None:
        self.screens.append(f"{where}:{type(self.app.screen).__name__}")
        # Every key the footer or the key line shows is worded in the user's language: no
        # catalogue key, no word of the other language, no English of Textual's own.
        words = set((VI if self.lang == "vi" else EN).values())
        for key, active in self.app.screen.active_bindings.items():
            b = active.binding
            if b.show and b.description and b.description not in words:
                self.problems.append(f"{self.lang} {where} key {key}: {b.description!r}")
        for part, texts in seen_text(self.app).items():
            for text in texts:
                for key in raw_keys(text):
                    self.problems.append(f"{self.lang} {where} {part}: {key} in {text!r}")

    async def dialog(self, pilot, key: str, where: str, close: str = "escape") -> None:
        """Open a dialog with ``key``, check it, close it and come back."""
        before = self.app.screen
        await pilot.press(key)
        await pilot.pause()
        assert self.app.screen is not before, f"{key} opened nothing ({where})"
        self.check(where)
        await pilot.press(close)
        await pilot.pause()
        assert self.app.screen is before, f"{close} did not close {where}"


def prepared_database(tmp_path: Path, clock: FrozenClock) -> tuple[Path, int, int]:
    """A concluded meeting with an assignment (follow-up) and a draft one (preparation)."""
    path = tmp_path / "m.db"
    app = make_app(path, clock=clock)
    store = app.store
    concluded = import_meeting(store, demo_meeting())
    console = Console(store, concluded)
    console.next_phase()
    console.call_next()
    petition = store.petitions(concluded)[0]
    decide(console, petition.id, "assigned", responsible="Trưởng thôn", task="Sửa đường")
    conclude(console, "Kết luận của chủ trì.", "")
    data = demo_meeting()
    data["meeting"]["date"] = "2021-11-04"
    draft = import_meeting(store, data)
    store.close()
    return path, concluded, draft


@pytest.mark.parametrize("lang", ["vi", "en"])
async def test_every_screen_of_the_secretary_app(tmp_path, clock, lang):
    path, _concluded, draft = prepared_database(tmp_path, clock)
    app = make_app(path, clock=clock, lang=lang, export_dir=tmp_path / "out")
    c = Checker(app, lang)
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        c.check("home screen")
        await c.dialog(pilot, "f2", "home: new meeting form")
        await c.dialog(pilot, "f3", "home: import form")
        # Follow-up (F): the concluded meeting's assignment, the answer form, the duties.
        await pilot.press("f5")
        await pilot.pause()
        c.check("followup screen")
        await c.dialog(pilot, "enter", "followup: answer form")
        await pilot.press("f2")
        await pilot.pause()
        c.check("followup screen, overdue only")
        await pilot.press("escape")
        await pilot.pause()
        # Preparation of the draft meeting, and its dialogs.
        table = app.screen.query_one(DataTable)
        table.move_cursor(row=table.get_row_index(str(draft)))
        await pilot.press("f4")
        await pilot.pause()
        c.check("prepare screen")
        await c.dialog(pilot, "f2", "prepare: official form")
        await c.dialog(pilot, "f7", "prepare: petition form")
        await c.dialog(pilot, "f4", "prepare: import form")
        await pilot.press("escape")
        await pilot.pause()
        # The live screen of the draft meeting, and every dialog it opens.
        await pilot.press("enter")
        await pilot.pause()
        c.check("live screen (draft)")
        await pilot.press("f8", "f3", "enter")
        await pilot.pause()
        c.check("live screen (speaking)")
        for key, where in (
            ("f1", "live: help"),
            ("f2", "live: register form"),
            ("f7", "live: petition form"),
            ("ctrl+r", "live: official answer form"),
            ("f10", "live: export dialog"),
            ("ctrl+o", "live: carried-over list"),
            ("ctrl+t", "live: preparation"),
            ("ctrl+p", "live: command palette"),
        ):
            await c.dialog(pilot, key, where)
        queue = app.screen.query_one(QueueTable)
        queue.focus()
        await pilot.pause()
        queue.move_cursor(row=1)
        await c.dialog(pilot, "delete", "live: absent form")
        queue.focus()
        await pilot.pause()
        await c.dialog(pilot, "enter", "live: edit speaker form")
        # Conclusion (F9), its decision form and the confirmation.
        await pilot.press("f9")
        await pilot.pause()
        c.check("conclusion screen")
        await c.dialog(pilot, "f7", "conclusion: decision form")
        await c.dialog(pilot, "f9", "conclusion: confirm")
        await c.dialog(pilot, "ctrl+p", "conclusion: command palette")
        await pilot.press("escape")
        await pilot.pause()
        c.check("live screen (back)")
    assert "\n".join(c.problems) == ""
    assert len(c.screens) == 27  # every check above ran


@pytest.mark.parametrize("lang", ["vi", "en"])
async def test_every_screen_of_the_desk_and_the_chair(tmp_path, clock, lang):
    path, _concluded, draft = prepared_database(tmp_path, clock)
    desk = make_app(path, clock=clock, lang=lang, mode="desk", meeting_id=draft)
    c = Checker(desk, lang)
    async with desk.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        c.check("desk screen")
        desk.screen.query_one(QueueTable).focus()
        await pilot.pause()
        await c.dialog(pilot, "enter", "desk: edit speaker form")
        await c.dialog(pilot, "ctrl+p", "desk: command palette")
    chair = make_app(path, clock=clock, lang=lang, mode="chair", meeting_id=draft)
    c.app = chair
    async with chair.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        c.check("chair screen")
        await c.dialog(pilot, "ctrl+p", "chair: command palette")
    assert "\n".join(c.problems) == ""
